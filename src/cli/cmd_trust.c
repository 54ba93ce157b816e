/* cmd_trust: "accord trust explain" (an engagement's trust score with its factors and evidence, for a person to read) and "accord trust recompute". */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../service/clock.h"
#include "../service/trust.h"
#include "cli.h"

int cmd_trust_explain(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},
					     {"engagement", required_argument, NULL, 'e'},
					     {"json", no_argument, NULL, 'j'},
					     {NULL, 0, NULL, 0}};
	const char *db = NULL, *id_text = NULL;
	struct error err = {0};
	long long id = 0;
	bool as_json = false;
	struct store *s;
	struct buf out;
	json_t *t;
	char *end;
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'e': id_text = optarg; break;
		case 'j': as_json = true; break;
		default:
			return cli_fail(EXIT_USAGE, "trust explain: unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "trust explain: unexpected argument '%s'", argv[optind]);
	if (!id_text)
		return cli_fail(EXIT_USAGE, "trust explain: --engagement ID is required");
	id = strtoll(id_text, &end, 10);
	if (*end || id <= 0)
		return cli_fail(EXIT_USAGE, "trust explain: --engagement must be a positive id, not '%s'", id_text);
	if (!clock_check())
		return cli_fail(EXIT_USAGE, "trust explain: ACCORD_TODAY must be a date YYYY-MM-DD");
	if (!trust_settings_load(&err))
		return cli_fail(EXIT_USAGE, "trust explain: ACCORD_TRUST: %s", err.message);
	if (!(db = cli_db(db)))
		return cli_fail(EXIT_USAGE, "trust explain: --db is required (or set ACCORD_DB)");
	if (!(s = cli_open(db)))
		return EXIT_RUNTIME;
	t = trust_json(s, id);
	store_close(s);
	if (!t)
		return cli_fail(EXIT_RUNTIME, "trust explain: there is no engagement %lld", id);
	if (as_json) {
		json_dumpf(t, stdout, JSON_INDENT(2));
		putchar('\n');
	} else {
		buf_init(&out, 0);
		trust_text(t, &out);
		fputs(out.data, stdout);
		buf_release(&out);
	}
	json_decref(t);
	return 0;
}

int cmd_trust_recompute(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'}, {NULL, 0, NULL, 0}};
	const char *db = NULL;
	struct error err = {0};
	struct timespec t0, t1;
	struct store *s;
	size_t n = 0;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c != 'd')
			return cli_fail(EXIT_USAGE, "trust recompute: unknown or incomplete option '%s'", argv[optind - 1]);
		db = optarg;
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "trust recompute: unexpected argument '%s'", argv[optind]);
	if (!clock_check())
		return cli_fail(EXIT_USAGE, "trust recompute: ACCORD_TODAY must be a date YYYY-MM-DD");
	if (!trust_settings_load(&err))
		return cli_fail(EXIT_USAGE, "trust recompute: ACCORD_TRUST: %s", err.message);
	if (!(db = cli_db(db)))
		return cli_fail(EXIT_USAGE, "trust recompute: --db is required (or set ACCORD_DB)");
	if (!(s = cli_open(db)))
		return EXIT_RUNTIME;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	rc = trust_recompute_all(s, &n, &err);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	store_close(s);
	if (rc)
		return cli_fail(EXIT_RUNTIME, "trust recompute: %s", err.message[0] ? err.message : "the store failed");
	printf("%zu engagements recomputed in %.2f s\n", n,
	       (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	return 0;
}
