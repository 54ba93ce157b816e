/* main: the accord binary — finds the command named on the command line and runs it. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "version.h"


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
		int skip = 0;

		if (!space && strcmp(argv[1], name) == 0)
			skip = 1;
		else if (space && argc >= 3 && strncmp(argv[1], name, (size_t)(space - name)) == 0 &&
			 argv[1][space - name] == '\0' && strcmp(argv[2], space + 1) == 0)
			skip = 2;
		if (!skip)
			continue;
		/* "accord COMMAND --help" is "accord help COMMAND", for every command alike. */
		if (argc > skip + 1 && (strcmp(argv[skip + 1], "--help") == 0 || strcmp(argv[skip + 1], "-h") == 0)) {
			printf("usage: %s\n  %s\n", commands[i].usage, commands[i].summary);
			return 0;
		}
		return commands[i].fn(argc - skip, argv + skip);
	}
	/* "accord kpi --help": the commands under "kpi". */
	if (argc >= 3 && (strcmp(argv[2], "--help") == 0 || strcmp(argv[2], "-h") == 0))
		for (size_t i = 0; i < commands_count; i++)
			if (strchr(commands[i].name, ' ') && strncmp(commands[i].name, argv[1], strlen(argv[1])) == 0 &&
			    commands[i].name[strlen(argv[1])] == ' ')
				return cmd_help(2, (char *[]){"help", argv[1], NULL});
	return cli_fail(EXIT_USAGE, "unknown command '%s' (see 'accord help')", argv[1]);
}
