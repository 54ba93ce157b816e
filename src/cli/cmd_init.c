/* cmd_init: "accord init" — creates or migrates the database. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
	const char *db = NULL;
	struct error err = {0};
	struct store *s;
	int c, applied = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'd')
			db = optarg;
		else
			return cli_fail(EXIT_USAGE, "init: unknown or incomplete option '%s'", argv[optind - 1]);
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "init: unexpected argument '%s'", argv[optind]);
	if (!(db = cli_db(db)))
		return cli_fail(EXIT_USAGE, "init: --db is required (or set ACCORD_DB)");
	s = store_open(db, &err);
	if (!s)
		return cli_fail(EXIT_RUNTIME, "%s", err.message);
	if (store_migrate(s, &applied, &err) != 0) {
		store_close(s);
		return cli_fail(EXIT_RUNTIME, "%s", err.message);
	}
	fprintf(stderr, "accord: database at schema version %d (%d migration%s applied)\n",
		store_schema_latest(), applied, applied == 1 ? "" : "s");
	store_close(s);
	return 0;
}
