/* common: helpers every command shares — error lines, the database option, opening and migrating. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"

int cli_fail(int code, const char *fmt, ...)
{
	va_list ap;

	fputs("accord: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return code;
}

const char *cli_db(const char *opt)
{
	const char *env = getenv("ACCORD_DB");

	if (opt && *opt)
		return opt;
	return env && *env ? env : NULL;
}

struct store *cli_open(const char *db)
{
	struct error err = {0};
	struct store *s;
	int applied = 0;

	s = store_open(db, &err);
	if (!s) {
		cli_fail(EXIT_RUNTIME, "%s", err.message);
		return NULL;
	}
	if (store_migrate(s, &applied, &err) != 0) {
		cli_fail(EXIT_RUNTIME, "%s", err.message);
		store_close(s);
		return NULL;
	}
	return s;
}
