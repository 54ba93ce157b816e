/* cmd_help: "accord help [COMMAND]" — the commands and their usage. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cmd_help(int argc, char **argv)
{
	if (argc >= 2) {
		char name[64];

		snprintf(name, sizeof name, "%s%s%s", argv[1], argc >= 3 ? " " : "", argc >= 3 ? argv[2] : "");
		for (size_t i = 0; i < commands_count; i++) {
			const char *space = strchr(commands[i].name, ' ');

			/* "help user" names the one command "user add" too. */
			if (strcmp(commands[i].name, name) == 0 ||
			    (argc == 2 && space && strlen(argv[1]) == (size_t)(space - commands[i].name) &&
			     strncmp(commands[i].name, argv[1], strlen(argv[1])) == 0)) {
				printf("usage: %s\n  %s\n", commands[i].usage, commands[i].summary);
				return 0;
			}
		}
		return cli_fail(EXIT_USAGE, "no command '%s' (see 'accord help')", name);
	}
	printf("accord — governance for outsourcing partnerships\n\nusage:\n");
	for (size_t i = 0; i < commands_count; i++)
		printf("  %-70s\n      %s\n", commands[i].usage, commands[i].summary);
	printf("  accord --version\n\n--db takes a SQLite file path; ACCORD_DB is its default.\n"
	       "ACCORD_TODAY=YYYY-MM-DD sets the date serve and demo take as today.\n");
	return 0;
}
