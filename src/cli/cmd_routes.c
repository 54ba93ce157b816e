/* cmd_routes: "accord routes" — prints the route table (with each API write's page form), so tests and people can see every route served. */
#include <stdio.h>

#include "../http/http.h"
#include "cli.h"

int cmd_routes(int argc, char **argv)
{
	static const char *const methods[M__MAX] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

	(void)argv;
	if (argc > 1)
		return cli_fail(EXIT_USAGE, "routes: takes no arguments");
	/* An API write's browser parity follows "form": its page form route, or "api-only: why". */
	for (size_t i = 0; i < routes_count; i++)
		printf("%s %s%s%s%s\n", methods[routes[i].method], routes[i].pattern,
		       (routes[i].flags & R_PUBLIC) ? " public" : "", routes[i].form ? " form " : "",
		       routes[i].form ? routes[i].form : "");
	return 0;
}
