/* cmd_copy: "accord copy" — a whole database from one backend to another (SQLite and PostgreSQL), verified per table. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../service/copy.h"
#include "cli.h"

int cmd_copy(int argc, char **argv)
{
	static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
					     {"to", required_argument, NULL, 't'},
					     {NULL, 0, NULL, 0}};
	const char *from_db = NULL, *to_db = NULL;
	struct error err = {0};
	struct store *from, *to;
	long long rows;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f': from_db = optarg; break;
		case 't': to_db = optarg; break;
		default:
			return cli_fail(EXIT_USAGE, "copy: unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "copy: unexpected argument '%s'", argv[optind]);
	if (!from_db || !*from_db || !to_db || !*to_db)
		return cli_fail(EXIT_USAGE, "copy: both --from DB and --to DB are required");
	if (!strcmp(from_db, to_db))
		return cli_fail(EXIT_USAGE, "copy: --from and --to name the same database");
	/* The source is read as it is: a SQLite path that does not exist is not created. */
	if (strncmp(from_db, "postgres", 8) != 0) {
		FILE *f = fopen(from_db, "rb");

		if (!f)
			return cli_fail(EXIT_RUNTIME, "copy: cannot read the source database '%s'", from_db);
		fclose(f);
	}
	if (!(from = store_open(from_db, &err)))
		return cli_fail(EXIT_RUNTIME, "copy: --from: %s", err.message);
	if (!(to = store_open(to_db, &err))) {
		store_close(from);
		return cli_fail(EXIT_RUNTIME, "copy: --to: %s", err.message);
	}
	rows = db_copy(from, to, stdout, &err);
	store_close(from);
	store_close(to);
	if (rows < 0)
		return cli_fail(EXIT_RUNTIME, "copy: %s", err.message);
	printf("copied %lld rows; every table's row count and checksum match the source\n", rows);
	return 0;
}
