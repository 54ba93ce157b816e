/* main: the accord binary — finds the command named on the command line and runs it. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "version.h"

const struct command commands[] = {
	{"init", cmd_init, "accord init --db DB", "create or migrate the database (idempotent)"},
	{"org add", cmd_org_add, "accord org add --db DB --name N --kind buyer|provider|platform [--industry I]",
	 "add an organisation; prints its id"},
	{"user add", cmd_user_add,
	 "accord user add --db DB --org ID --email E --name N --role R [--role R2] [--password-stdin]",
	 "add a user; prints its id (without --password-stdin a password is generated and shown on stderr)"},
	{"demo", cmd_demo, "accord demo --db DB",
	 "fill an empty database with a demo world; prints log-ins as ROLE EMAIL PASSWORD"},
	{"serve", cmd_serve, "accord serve --db DB [--listen HOST:PORT] [--threads N]",
	 "serve the web UI and the API until SIGINT or SIGTERM"},
	{"routes", cmd_routes, "accord routes", "list every HTTP route the server answers"},
	{"help", cmd_help, "accord help [COMMAND]", "show the commands, or one command's usage"},
};
const size_t commands_count = sizeof commands / sizeof commands[0];

int main(int argc, char **argv)
{
	if (sodium_init() < 0) {
		fprintf(stderr, "accord: cannot initialise libsodium\n");
		return EXIT_RUNTIME;
	}
	if (argc < 2) {
		cmd_help(0, NULL);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("accord %s\n", ACCORD_VERSION);
		return 0;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return cmd_help(argc - 1, argv + 1);
	for (size_t i = 0; i < commands_count; i++) {
		const char *name = commands[i].name, *space = strchr(name, ' ');

		if (!space && strcmp(argv[1], name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
		if (space && argc >= 3 && strncmp(argv[1], name, (size_t)(space - name)) == 0 &&
		    argv[1][space - name] == '\0' && strcmp(argv[2], space + 1) == 0)
			return commands[i].fn(argc - 2, argv + 2);
	}
	return cli_fail(EXIT_USAGE, "unknown command '%s' (see 'accord help')", argv[1]);
}
