/* cmd_org: "accord org add" adds an organisation and prints its id; "accord org list" prints every organisation, one a line. */
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

int cmd_org_list(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
	/* The operator's tool sees the whole platform, as an admin does. */
	struct caller admin = {.roles = ROLE_BIT(ROLE_ADMIN)};
	struct page pg = {0, PAGE_LIMIT_MAX};
	const char *db = NULL;
	struct store *s;
	int c, rc = 0;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd')
			return cli_fail(EXIT_USAGE, "org list: unknown or incomplete option '%s'", argv[optind - 1]);
		db = optarg;
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "org list: unexpected argument '%s'", argv[optind]);
	if (!(db = cli_db(db)))
		return cli_fail(EXIT_USAGE, "org list: --db is required (or set ACCORD_DB)");
	if (!(s = cli_open(db)))
		return EXIT_RUNTIME;
	do {
		json_t *list = org_list_json(s, &admin, pg), *o, *next;
		size_t i;

		if (!list) {
			rc = cli_fail(EXIT_RUNTIME, "org list: cannot read the organisations");
			break;
		}
		json_array_foreach(json_object_get(list, "items"), i, o)
			printf("%lld\t%s\t%s\n", (long long)json_integer_value(json_object_get(o, "id")),
			       json_string_value(json_object_get(o, "kind")), json_string_value(json_object_get(o, "name")));
		next = json_object_get(list, "next");
		pg.after = json_is_integer(next) ? json_integer_value(next) : 0;
		json_decref(list);
	} while (pg.after);
	store_close(s);
	return rc;
}
