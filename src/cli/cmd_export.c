/* cmd_export: "accord export" — the whole database as one JSON document on stdout, from one snapshot. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "../service/transfer.h"
#include "cli.h"

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
	const char *db_opt = NULL, *db;
	struct error err = {0};
	struct store *s;
	long long rows;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd')
			return cli_fail(EXIT_USAGE, "export: unknown or incomplete option '%s'", argv[optind - 1]);
		db_opt = optarg;
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "export: unexpected argument '%s'", argv[optind]);
	if (!(db = cli_db(db_opt)))
		return cli_fail(EXIT_USAGE, "export: --db DB is required (or set ACCORD_DB)");
	/* The database is read as it is: a SQLite path that does not exist is not created. */
	if (strncmp(db, "postgres", 8) != 0) {
		FILE *f = fopen(db, "rb");

		if (!f)
			return cli_fail(EXIT_RUNTIME, "export: cannot read the database '%s'", db);
		fclose(f);
	}
	if (!(s = store_open(db, &err)))
		return cli_fail(EXIT_RUNTIME, "export: %s", err.message);
	rows = db_export(s, stdout, &err);
	store_close(s);
	if (rows < 0)
		return cli_fail(EXIT_RUNTIME, "export: %s", err.message);
	return 0;
}
