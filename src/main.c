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

		if (!space && strcmp(argv[1], name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
		if (space && argc >= 3 && strncmp(argv[1], name, (size_t)(space - name)) == 0 &&
		    argv[1][space - name] == '\0' && strcmp(argv[2], space + 1) == 0)
			return commands[i].fn(argc - 2, argv + 2);
	}
	return cli_fail(EXIT_USAGE, "unknown command '%s' (see 'accord help')", argv[1]);
}
