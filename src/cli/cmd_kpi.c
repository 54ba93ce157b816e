/* cmd_kpi: "accord kpi import" — an engagement's KPI values from a CSV file or a ServiceNow task_sla export, all rows or none, as a person of the provider. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/access.h"
#include "../service/auth.h"
#include "../service/clock.h"
#include "../service/engagements.h"
#include "../service/kpi_import.h"
#include "cli.h"

/* What one import reads at most: far more than the API's 4 MiB, for a year of a large engagement's values. */
#define KPI_IMPORT_FILE_MAX (256L * 1024 * 1024)

static const char *const usage =
	"usage: accord kpi import --db DB --engagement ID [--file F] [--format csv|servicenow] [--as EMAIL]\n"
	"  Imports KPI values into the engagement, all rows or none (docs/delivery.md).\n"
	"  --file F     the file to read (default: standard input)\n"
	"  --format     csv (kpi,period,value[,note]; the default) or servicenow (a task_sla export)\n"
	"  --as EMAIL   the provider's leadership or consulting user recorded as submitting\n"
	"               (default: the provider's first leadership user, by name)\n"
	"  Every refused row is one line on stderr, \"line N: why\"; exit 1 and nothing imported.\n";

/* Reads the whole stream; NULL (with a message) when it cannot or it is too long. */
static char *read_all(FILE *f, size_t *len)
{
	size_t cap = 64 * 1024, n = 0;
	char *data = malloc(cap);

	while (data) {
		size_t got = fread(data + n, 1, cap - n, f);

		n += got;
		if (n < cap) {
			if (ferror(f)) {
				free(data);
				return NULL;
			}
			*len = n;
			return data;
		}
		if (cap >= (size_t)KPI_IMPORT_FILE_MAX) {
			free(data);
			cli_fail(EXIT_RUNTIME, "kpi import: the file is longer than %ld bytes", KPI_IMPORT_FILE_MAX);
			return NULL;
		}
		cap *= 2;
		{
			char *more = realloc(data, cap);

			if (!more)
				free(data);
			data = more;
		}
	}
	return NULL;
}

/* The submitting person: --as EMAIL (a provider governance role), else the provider's first leadership user. */
static int submitter(struct store *s, long long engagement, const char *email, struct caller *c)
{
	role_mask roles = email ? ROLES_PROVIDER_GOV : ROLE_BIT(ROLE_PROVIDER_LEADERSHIP);
	struct sqlval a[4] = {SQL_I(engagement), SQL_T(email), SQL_T(email), SQL_I(roles)};
	long long id = 0;

	if (store_int(s, STMT_KPI_SUBMITTER, a, 4, &id, NULL) != 0 || !id)
		return -1;
	return auth_caller_load(s, id, c);
}

/*
 * One refused row on one stderr line. The message quotes the file, which the provider wrote:
 * control characters (a line break, a terminal escape) are printed as '?', so a cell cannot
 * forge a second line or drive the operator's terminal.
 */
static void print_refused_row(json_int_t line, const char *message)
{
	fprintf(stderr, "accord: kpi import: line %lld: ", (long long)line);
	for (const unsigned char *p = (const unsigned char *)(message ? message : ""); *p; p++)
		fputc(*p < 0x20 || *p == 0x7f ? '?' : *p, stderr);
	fputc('\n', stderr);
}

int cmd_kpi_import(int argc, char **argv)
{
	static const struct option opts[] = {{"db", required_argument, NULL, 'd'},    {"engagement", required_argument, NULL, 'e'},
					     {"file", required_argument, NULL, 'f'},  {"format", required_argument, NULL, 'F'},
					     {"as", required_argument, NULL, 'a'},    {"help", no_argument, NULL, 'h'},
					     {NULL, 0, NULL, 0}};
	const char *db = NULL, *id_text = NULL, *file = NULL, *format = "csv", *as = NULL;
	struct kpi_import_result res;
	struct error err = {0};
	struct caller who;
	struct store *s;
	long long id;
	size_t len = 0;
	char *end, *text;
	FILE *in = stdin;
	int c, rc;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': db = optarg; break;
		case 'e': id_text = optarg; break;
		case 'f': file = optarg; break;
		case 'F': format = optarg; break;
		case 'a': as = optarg; break;
		case 'h': fputs(usage, stdout); return 0;
		default:
			return cli_fail(EXIT_USAGE, "kpi import: unknown or incomplete option '%s'", argv[optind - 1]);
		}
	}
	if (optind < argc)
		return cli_fail(EXIT_USAGE, "kpi import: unexpected argument '%s'", argv[optind]);
	if (!id_text)
		return cli_fail(EXIT_USAGE, "kpi import: --engagement ID is required");
	id = strtoll(id_text, &end, 10);
	if (*end || id <= 0)
		return cli_fail(EXIT_USAGE, "kpi import: --engagement must be a positive id, not '%s'", id_text);
	if (strcmp(format, "csv") && strcmp(format, "servicenow"))
		return cli_fail(EXIT_USAGE, "kpi import: --format must be csv or servicenow, not '%s'", format);
	if (!clock_check())
		return cli_fail(EXIT_USAGE, "kpi import: ACCORD_TODAY must be a date YYYY-MM-DD");
	if (!(db = cli_db(db)))
		return cli_fail(EXIT_USAGE, "kpi import: --db is required (or set ACCORD_DB)");
	if (file && !(in = fopen(file, "rb")))
		return cli_fail(EXIT_RUNTIME, "kpi import: cannot read %s", file);
	text = read_all(in, &len);
	if (file)
		fclose(in);
	if (!text)
		return cli_fail(EXIT_RUNTIME, "kpi import: cannot read %s", file ? file : "standard input");
	if (!(s = cli_open(db))) {
		free(text);
		return EXIT_RUNTIME;
	}
	if (engagement_acceptance(s, id, NULL) != ACCEPTANCE_ACCEPTED) {
		rc = cli_fail(EXIT_RUNTIME, "kpi import: engagement %lld does not exist or its provider has not accepted it", id);
	} else if (submitter(s, id, as, &who) != 0) {
		rc = as ? cli_fail(EXIT_RUNTIME, "kpi import: %s is no leadership or consulting user of engagement %lld's provider", as, id)
			: cli_fail(EXIT_RUNTIME, "kpi import: engagement %lld's provider has no leadership user to submit as", id);
	} else {
		/* The audit trail names the person the values are recorded as submitted by. */
		store_set_actor(s, who.user_id, who.org_id);
		rc = strcmp(format, "csv") == 0 ? kpi_import_csv(s, &who, id, text, len, &res, &err)
						: kpi_import_servicenow(s, &who, id, text, len, &res, &err);
		if (rc < 0) {
			rc = cli_fail(EXIT_RUNTIME, "kpi import: %s", err.message);
		} else if (rc > 0) {
			json_t *row;
			size_t i;

			json_array_foreach(res.bad, i, row)
				print_refused_row(json_integer_value(json_object_get(row, "line")),
						  json_string_value(json_object_get(row, "message")));
			if (res.bad_total > json_array_size(res.bad))
				fprintf(stderr, "accord: kpi import: and %zu more refused rows\n", res.bad_total - json_array_size(res.bad));
			rc = cli_fail(EXIT_RUNTIME, "kpi import: nothing imported: %zu %s refused", res.bad_total,
				      res.bad_total == 1 ? "row" : "rows");
			json_decref(res.bad);
		} else {
			printf("imported %d, replaced %d, unchanged %d\n", res.imported, res.replaced, res.unchanged);
		}
	}
	store_close(s);
	free(text);
	return rc;
}
