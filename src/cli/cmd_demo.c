/* cmd_demo: "accord demo" — fills an empty database with the demo world and prints its log-ins. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/demo.h"
#include "../service/clock.h"
#include "cli.h"

int cmd_demo(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"scale", required_argument, NULL, 's'},
					     {NULL, 0, NULL, 0}};
	const char *db = NULL, *scale = NULL;
	long long n = 0;
	struct error err = {0};
	struct store *s;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 's': scale = optarg; break;
		default:
			return cli_fail(EXIT_USAGE, "demo: unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "demo: unexpected argument '%s'", argv[optind]);
	if (scale) {
		char *end;

		n = !strcmp(scale, "large") ? 20000 : strtoll(scale, &end, 10);
		if (strcmp(scale, "large") && (*end || n < 40 || n > 10000000))
			return cli_fail(EXIT_USAGE, "demo: --scale is large or a number of engagements from 40 to 10000000, not '%s'", scale);
	}
	if (!clock_check())
		return cli_fail(EXIT_USAGE, "demo: ACCORD_TODAY must be a date YYYY-MM-DD");
	if (!(db = cli_db(db)))
		return cli_fail(EXIT_USAGE, "demo: --db is required (or set ACCORD_DB)");
	if (!(s = cli_open(db)))
		return EXIT_RUNTIME;
	rc = n ? demo_scale(s, n, stdout, stderr, &err) : demo_fill(s, stdout, &err);
	store_close(s);
	if (rc != 0)
		return cli_fail(EXIT_RUNTIME, "demo: %s", err.message);
	return 0;
}
