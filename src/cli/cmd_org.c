/* cmd_org: "accord org add" — adds an organisation and prints its id. */
#include <getopt.h>
#include <stdio.h>

#include "../service/orgs.h"
#include "cli.h"

int cmd_org_add(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"name", required_argument, NULL, 'n'},
					     {"kind", required_argument, NULL, 'k'},
					     {"industry", required_argument, NULL, 'i'},
					     {NULL, 0, NULL, 0}};
	struct org_input in = {NULL, NULL, NULL};
	const char *db = NULL;
	struct error err = {0};
	struct store *s;
	long long id;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'n': in.name = optarg; break;
		case 'k': in.kind = optarg; break;
		case 'i': in.industry = optarg; break;
		default:
			return cli_fail(EXIT_USAGE, "org add: unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "org add: unexpected argument '%s'", argv[optind]);
	if (!(db = cli_db(db)))
		return cli_fail(EXIT_USAGE, "org add: --db is required (or set ACCORD_DB)");
	if (!in.name)
		return cli_fail(EXIT_USAGE, "org add: --name is required");
	if (!in.kind)
		return cli_fail(EXIT_USAGE, "org add: --kind is required (buyer or provider)");
	if (org_kind_parse(in.kind) < 0)
		return cli_fail(EXIT_USAGE, "org add: --kind must be buyer, provider or platform, not '%s'", in.kind);
	if (!(s = cli_open(db)))
		return EXIT_RUNTIME;
	id = org_create(s, &in, &err);
	store_close(s);
	if (id < 0)
		return cli_fail(err.status == 422 ? EXIT_USAGE : EXIT_RUNTIME, "org add: %s", err.message);
	printf("%lld\n", id);
	return 0;
}
