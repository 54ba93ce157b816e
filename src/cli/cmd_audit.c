/* cmd_audit: "accord audit" — the audit trail for the operator, newest first, one JSON object per line. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/audit.h"
#include "cli.h"

int cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},	   {"entity", required_argument, NULL, 'e'},
					     {"entity-id", required_argument, NULL, 'i'}, {"limit", required_argument, NULL, 'l'},
					     {"after", required_argument, NULL, 'a'},	   {NULL, 0, NULL, 0}};
	const char *db = NULL, *entity = NULL, *entity_id = NULL;
	/* The command line is the operator's: it reads the whole trail, as a platform admin does. */
	struct caller operator = {.roles = ROLE_BIT(ROLE_ADMIN)};
	struct page pg = {0, PAGE_LIMIT_DEFAULT};
	struct audit_filter f;
	struct error err = {0};
	struct store *s;
	json_t *list, *row;
	char *end;
	size_t i;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'e': entity = optarg; break;
		case 'i': entity_id = optarg; break;
		case 'l':
			pg.limit = (int)strtol(optarg, &end, 10);
			if (*end || pg.limit < 1 || pg.limit > PAGE_LIMIT_MAX)
				return cli_fail(EXIT_USAGE, "audit: --limit must be 1 to %d, not '%s'", PAGE_LIMIT_MAX, optarg);
			break;
		case 'a':
			pg.after = strtoll(optarg, &end, 10);
			if (*end || pg.after < 1)
				return cli_fail(EXIT_USAGE, "audit: --after must be a positive id, not '%s'", optarg);
			break;
		default:
			return cli_fail(EXIT_USAGE, "audit: unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "audit: unexpected argument '%s'", argv[optind]);
	if (!audit_filter_parse(entity, entity_id, &f, &err))
		return cli_fail(EXIT_USAGE, "audit: --%s: %s", err.field && !strcmp(err.field, "entity_id") ? "entity-id" : "entity", err.message);
	if (!(db = cli_db(db)))
		return cli_fail(EXIT_USAGE, "audit: --db is required (or set ACCORD_DB)");
	if (!(s = cli_open(db)))
		return EXIT_RUNTIME;
	list = audit_list_json(s, &operator, &f, pg);
	store_close(s);
	if (!list)
		return cli_fail(EXIT_RUNTIME, "audit: the audit trail could not be read");
	json_array_foreach(json_object_get(list, "items"), i, row) {
		json_dumpf(row, stdout, JSON_COMPACT);
		putchar('\n');
	}
	json_decref(list);
	return 0;
}
