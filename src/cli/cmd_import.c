/* cmd_import: "accord import" — an accord export read from stdin into an empty database; a document that fails any check changes nothing. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/transfer.h"
#include "cli.h"

/* All of stdin, NUL-terminated; NULL when it cannot be read. */
static char *read_all(FILE *in, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	char *p = malloc(cap), *q;

	while (p) {
		size_t got = fread(p + n, 1, cap - n - 1, in);

		n += got;
		if (got == 0)
			break;
		if (cap - n - 1 == 0) {
			q = cap > ((size_t)1 << 40) ? NULL : realloc(p, cap * 2);
			if (!q) {
				free(p);
				return NULL;
			}
			p = q;
			cap *= 2;
		}
	}
	if (!p || ferror(in)) {
		free(p);
		return NULL;
	}
	p[n] = '\0';
	*len = n;
	return p;
}

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
	const char *db_opt = NULL, *db;
	struct error err = {0};
	struct store *s;
	long long rows;
	size_t len = 0;
	char *text;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd')
			return cli_fail(EXIT_USAGE, "import: unknown or incomplete option '%s'", argv[optind - 1]);
		db_opt = optarg;
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "import: unexpected argument '%s' (the document is read from stdin)", argv[optind]);
	if (!(db = cli_db(db_opt)))
		return cli_fail(EXIT_USAGE, "import: --db DB is required (or set ACCORD_DB)");
	if (!(text = read_all(stdin, &len)))
		return cli_fail(EXIT_RUNTIME, "import: cannot read the document from stdin");
	if (len == 0) {
		free(text);
		return cli_fail(EXIT_RUNTIME, "import: stdin is empty; pipe in a document from accord export");
	}
	if (!(s = store_open(db, &err))) {
		free(text);
		return cli_fail(EXIT_RUNTIME, "import: %s", err.message);
	}
	rows = db_import(s, text, len, stdout, &err);
	store_close(s);
	free(text);
	if (rows < 0)
		return cli_fail(EXIT_RUNTIME, "import: %s; nothing was imported", err.message);
	printf("imported %lld rows\n", rows);
	return 0;
}
