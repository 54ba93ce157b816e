/* commands: the command table — every accord command, its usage and what it does. */
#include "cli.h"

const struct command commands[] = {
	{"init", cmd_init, "accord init --db DB", "create or migrate the database (idempotent)"},
	{"org add", cmd_org_add, "accord org add --db DB --name N --kind buyer|provider|platform [--industry I]",
	 "add an organisation; prints its id"},
	{"user add", cmd_user_add,
	 "accord user add --db DB --org ID --email E --name N --role R [--role R2] [--password-stdin]",
	 "add a user; prints its id (without --password-stdin a password is generated and shown on stderr)"},
	{"demo", cmd_demo, "accord demo --db DB [--scale large|N]",
	 "fill an empty database with a demo world; prints log-ins as ROLE EMAIL PASSWORD (--scale: the benchmark dataset with N engagements, large = 20000)"},
	{"serve", cmd_serve, "accord serve --db DB [--listen HOST:PORT] [--threads N]",
	 "serve the web UI and the API until SIGINT or SIGTERM (then refuse new connections, finish in-flight requests for at most 10 s, exit 0); limits from ACCORD_MAX_CONNECTIONS (1024), ACCORD_MAX_CONNECTIONS_PER_IP (0: none), ACCORD_IDLE_TIMEOUT (30 s), ACCORD_REQUEST_TIMEOUT (60 s), ACCORD_MAX_HEADER_BYTES (65536)"},
	{"remind", cmd_remind, "accord remind --db DB [--smtp URL] [--from ADDRESS] [--base-url URL] [--dry-run] [--no-digest]",
	 "e-mail the reminders due today (reviews in 30 and 7 days or overdue, minutes missing, actions due in 3 days or overdue), each exactly once, then each person's daily digest of new inbox items (each item once; --no-digest: none); --dry-run lists them"},
	{"trust explain", cmd_trust_explain, "accord trust explain --db DB --engagement ID [--json]",
	 "the engagement's trust score with each factor, its weight and its evidence, for a person to read (--json: as the API answers)"},
	{"trust recompute", cmd_trust_recompute, "accord trust recompute --db DB",
	 "compute every engagement's trust summary now and store it (the server otherwise computes each on first use after a change or a new day; run daily after midnight, like remind)"},
	{"copy", cmd_copy, "accord copy --from DB --to DB",
	 "copy a whole database to an empty one (SQLite or PostgreSQL), verified per table"},
	{"export", cmd_export, "accord export --db DB",
	 "write the whole database as one JSON document on stdout, from one snapshot"},
	{"import", cmd_import, "accord import --db DB",
	 "read a document from accord export on stdin into an empty database; a document that fails any check changes nothing"},
	{"backup", cmd_backup, "accord backup --db DB --to FILE",
	 "copy the database, at one moment, into the new SQLite file FILE while serve runs (checked for integrity; restore with accord copy --from FILE --to DB)"},
	{"audit", cmd_audit, "accord audit --db DB [--entity TABLE [--entity-id N]] [--limit N] [--after ID]",
	 "the audit trail, newest first, one JSON object per line (--after: the id of the last line shown, for older ones); see docs/audit.md"},
	{"routes", cmd_routes, "accord routes", "list every HTTP route the server answers"},
	{"help", cmd_help, "accord help [COMMAND]", "show the commands, or one command's usage"},
};
const size_t commands_count = sizeof commands / sizeof commands[0];
