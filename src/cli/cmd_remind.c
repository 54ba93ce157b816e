/* cmd_remind: "accord remind" — e-mails the reminders due today, each exactly once, and each person's daily digest of new inbox items. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/clock.h"
#include "../service/remind.h"
#include "cli.h"

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v && *v ? v : fallback;
}

int cmd_remind(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"smtp", required_argument, NULL, 's'},
					     {"from", required_argument, NULL, 'f'},
					     {"base-url", required_argument, NULL, 'b'},
					     {"dry-run", no_argument, NULL, 'n'},
					     {"no-digest", no_argument, NULL, 'g'},
					     {NULL, 0, NULL, 0}};
	struct remind_options o = {env_or("ACCORD_SMTP", "smtp://127.0.0.1:25"),
				   env_or("ACCORD_MAIL_FROM", "accord@localhost"),
				   env_or("ACCORD_PUBLIC_URL", "http://127.0.0.1:8080"), false, stdout, false};
	struct remind_result r;
	struct error err = {0};
	const char *db = NULL;
	struct store *s;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 's': o.smtp_url = optarg; break;
		case 'f': o.from = optarg; break;
		case 'b': o.base_url = optarg; break;
		case 'n': o.dry_run = true; break;
		case 'g': o.no_digest = true; break;
		default:
			return cli_fail(EXIT_USAGE, "remind: unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "remind: unexpected argument '%s'", argv[optind]);
	if (!clock_check())
		return cli_fail(EXIT_USAGE, "remind: ACCORD_TODAY must be a date YYYY-MM-DD");
	if (strncmp(o.smtp_url, "smtp://", 7) != 0 && strncmp(o.smtp_url, "smtps://", 8) != 0)
		return cli_fail(EXIT_USAGE, "remind: --smtp must be an smtp:// or smtps:// URL");
	if (!(db = cli_db(db)))
		return cli_fail(EXIT_USAGE, "remind: --db is required (or set ACCORD_DB)");
	if (!(s = cli_open(db)))
		return EXIT_RUNTIME;
	rc = remind_run(s, &o, &r, &err);
	store_close(s);
	if (rc != 0)
		return cli_fail(EXIT_RUNTIME, "remind: %s", err.message);
	if (o.dry_run)
		printf("%d reminder%s due\n", r.due, r.due == 1 ? "" : "s");
	else
		printf("%d sent, %d failed\n", r.sent, r.failed);
	if (r.failed)
		return cli_fail(EXIT_RUNTIME, "remind: %d reminder%s could not be sent (%s); they will be tried again on the next run",
				r.failed, r.failed == 1 ? "" : "s", r.why);
	return 0;
}
