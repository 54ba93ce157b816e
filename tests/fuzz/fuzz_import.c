/* fuzz_import: checks arbitrary documents as accord import does before it writes anything (transfer_check in src/service/transfer.c), and that what it accepts is exactly what the loader may insert. */
#include "fuzz.h"

#include <jansson.h>

#include "service/transfer.h"

/* A small target schema, filled in once: three tables with their columns. */
static struct catalog target;

static void add_name(struct names *l, const char *s)
{
	if (grow((void **)&l->v, &l->cap, l->n, sizeof *l->v))
		abort();
	snprintf(l->v[l->n++], sizeof l->v[0], "%s", s);
}

static void target_init(void)
{
	static const char *const tables[] = {"orgs", "users", "notes"};
	static const char *const columns[][4] = {{"id", "name", "kind", NULL}, {"id", "org_id", "email", "roles"}, {"id", "body", NULL, NULL}};

	if (target.tables.n)
		return;
	target.columns = calloc(3, sizeof *target.columns);
	if (!target.columns)
		abort();
	for (size_t t = 0; t < 3; t++) {
		add_name(&target.tables, tables[t]);
		for (size_t c = 0; c < 4 && columns[t][c]; c++)
			add_name(&target.columns[t], columns[t][c]);
	}
}

/* What an accepted document must be, checked independently of transfer_check. */
static void check_accepted(const json_t *doc)
{
	const json_t *tables = json_object_get(doc, "tables"), *t;
	bool seen[3] = {false, false, false};
	size_t i;

	FUZZ_ASSERT(json_integer_value(json_object_get(doc, "accord_export")) == TRANSFER_FORMAT, "format accepted");
	FUZZ_ASSERT(json_is_integer(json_object_get(doc, "schema_version")) &&
			    json_integer_value(json_object_get(doc, "schema_version")) == store_schema_latest(),
		    "schema version accepted");
	FUZZ_ASSERT(json_is_array(tables), "tables not an array");
	json_array_foreach(tables, i, t) {
		const json_t *rows = json_object_get(t, "rows"), *row;
		int k = catalog_find(&target, json_string_value(json_object_get(t, "name")) ? json_string_value(json_object_get(t, "name")) : "");
		size_t r;

		FUZZ_ASSERT(k >= 0, "unknown table %zu accepted", i);
		FUZZ_ASSERT(!seen[k], "table %d accepted twice", k);
		seen[k] = true;
		FUZZ_ASSERT(json_array_size(json_object_get(t, "columns")) == target.columns[k].n, "columns of table %zu", i);
		for (size_t c = 0; c < target.columns[k].n; c++)
			FUZZ_ASSERT(!strcmp(json_string_value(json_array_get(json_object_get(t, "columns"), c)), target.columns[k].v[c]),
				    "column %zu of table %zu", c, i);
		FUZZ_ASSERT(json_is_array(rows), "rows of table %zu", i);
		json_array_foreach(rows, r, row) {
			FUZZ_ASSERT(json_array_size(row) == target.columns[k].n, "row %zu of table %zu has the wrong length", r, i);
			for (size_t c = 0; c < target.columns[k].n; c++) {
				const json_t *v = json_array_get(row, c);

				FUZZ_ASSERT(json_is_null(v) || json_is_integer(v) || json_is_string(v), "value %zu of row %zu", c, r);
			}
		}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct error err = {0};
	json_error_t jerr;
	json_t *doc;

	if (size > 64 * 1024)
		return 0;
	target_init();
	doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc)
		return 0;
	/* So that the corpus outlives new migrations, "latest" stands for this build's schema version. */
	if (json_is_string(json_object_get(doc, "schema_version")) && !strcmp(json_string_value(json_object_get(doc, "schema_version")), "latest"))
		json_object_set_new(doc, "schema_version", json_integer(store_schema_latest()));
	if (transfer_check(doc, &target, &err) == 0) {
		check_accepted(doc);
	} else {
		/* A refusal is a 422 (500 only when memory runs out) whose field, when set, is readable and named in its message. */
		FUZZ_ASSERT(err.status == 422 || err.status == 500, "status %d", err.status);
		FUZZ_ASSERT(err.message[0], "a refusal without a message");
		if (err.field && !strncmp(err.field, "tables[", 7))
			FUZZ_ASSERT(strstr(err.message, err.field) != NULL, "the message '%s' does not name '%s'", err.message, err.field);
	}
	json_decref(doc);
	return 0;
}
