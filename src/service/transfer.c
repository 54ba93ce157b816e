/* transfer: accord export writes a database as one JSON document; accord import checks such a document whole and loads it into an empty database in one transaction. */
#include "transfer.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "../util/jsonw.h"

#define FLUSH_AT (64 * 1024)

struct exporter {
	FILE *out;
	struct buf b;
	long long rows;
	bool failed;
};

static void flush(struct exporter *x, bool force)
{
	if (x->b.len && (force || x->b.len >= FLUSH_AT)) {
		if (fwrite(x->b.data, 1, x->b.len, x->out) != x->b.len)
			x->failed = true;
		buf_reset(&x->b);
	}
}

static int export_row(void *ctx, const struct sqlval *c, int n)
{
	struct exporter *x = ctx;
	struct jsonw w;

	buf_puts(&x->b, x->rows ? ",\n" : "\n");
	jsonw_init(&w, &x->b);
	jsonw_array(&w);
	for (int i = 0; i < n; i++) {
		if (c[i].type == SQL_NULL)
			jsonw_null(&w);
		else if (c[i].type == SQL_INT)
			jsonw_int(&w, c[i].i);
		else
			jsonw_string(&w, c[i].s);
	}
	jsonw_end_array(&w);
	x->rows++;
	flush(x, false);
	return x->failed || x->b.overflow;
}

static void export_names(struct buf *b, const struct names *cols)
{
	struct jsonw w;

	jsonw_init(&w, b);
	jsonw_array(&w);
	for (size_t i = 0; i < cols->n; i++)
		jsonw_string(&w, cols->v[i]);
	jsonw_end_array(&w);
}

long long db_export(struct store *s, FILE *out, struct error *err)
{
	struct catalog cat;
	struct exporter x = {out, {0}, 0, false};
	long long total = 0;
	int version = store_schema_version(s); /* asked outside the read-only snapshot: it may create its table */

	if (version != store_schema_latest()) {
		error_set(err, 409, "conflict", "db", "the database is not at accord's current schema (%d, not %d); run accord init on it first",
			  version, store_schema_latest());
		return -1;
	}
	if (catalog_load(s, &cat, err))
		return -1;
	/* One snapshot: a read-only transaction for the whole export, which lets writers go on and sees none of their changes. */
	if (store_begin_snapshot(s, err)) {
		catalog_free(&cat);
		return -1;
	}
	buf_init(&x.b, BUF_DEFAULT_MAX);
	buf_printf(&x.b, "{\"accord_export\": %d, \"schema_version\": %d, \"tables\": [", TRANSFER_FORMAT, version);
	for (size_t t = 0; t < cat.tables.n && !x.failed; t++) {
		struct buf names, sql;
		int rc;

		buf_printf(&x.b, "%s\n{\"name\": \"%s\", \"columns\": ", t ? "," : "", cat.tables.v[t]);
		export_names(&x.b, &cat.columns[t]);
		buf_puts(&x.b, ", \"rows\": [");
		buf_init(&names, 0);
		buf_init(&sql, 0);
		catalog_column_lists(&cat.columns[t], &names, NULL);
		buf_printf(&sql, "SELECT %s FROM %s ORDER BY ", names.data, cat.tables.v[t]);
		for (size_t i = 0; i < cat.columns[t].n; i++)
			buf_printf(&sql, "%s%zu", i ? ", " : "", i + 1);
		x.rows = 0;
		rc = store_query(s, sql.data, NULL, 0, export_row, &x, err);
		buf_release(&names);
		buf_release(&sql);
		if (rc < 0)
			goto fail;
		total += x.rows;
		buf_puts(&x.b, "]}");
	}
	buf_puts(&x.b, "]}\n");
	if (x.b.overflow) {
		error_set(err, 500, "internal", NULL, "a row is too large to export");
		goto fail;
	}
	flush(&x, true);
	if (x.failed || fflush(out) != 0 || ferror(out)) {
		error_set(err, 500, "io", NULL, "the export could not be written");
		goto fail;
	}
	store_rollback(s);
	buf_release(&x.b);
	catalog_free(&cat);
	return total;
fail:
	store_rollback(s);
	buf_release(&x.b);
	catalog_free(&cat);
	return -1;
}

static const char *kind_of(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

/* Field paths outlive the check (the caller reads err->field later): kept here, one per thread. */
static _Thread_local char where[96];

/* Refuses the input at `where` (written by the caller): 422 naming it, the message after it. */
static int refuse(struct error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int refuse(struct error *err, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	error_set(err, 422, "invalid", where, "%s %s", where, msg);
	return -1;
}

static int check_table(const json_t *t, size_t ti, const struct catalog *target, char *seen, struct error *err)
{
	const json_t *name = json_object_get(t, "name"), *cols = json_object_get(t, "columns");
	const json_t *rows = json_object_get(t, "rows"), *row;
	const struct names *want;
	size_t ri;
	int k;

	snprintf(where, sizeof where, "tables[%zu]", ti);
	if (!json_is_object(t) || !json_is_string(name))
		return refuse(err, "must be an object with a name");
	snprintf(where, sizeof where, "tables[%zu].name", ti);
	k = catalog_find(target, json_string_value(name));
	if (k < 0)
		return refuse(err, "names no table of this accord");
	if (seen[k]++)
		return refuse(err, "names table %s a second time", target->tables.v[k]);
	want = &target->columns[k];
	snprintf(where, sizeof where, "tables[%zu].columns", ti);
	if (!json_is_array(cols) || json_array_size(cols) != want->n)
		return refuse(err, "must list the %zu columns of %s in order", want->n, target->tables.v[k]);
	for (size_t c = 0; c < want->n; c++) {
		const json_t *col = json_array_get(cols, c);

		snprintf(where, sizeof where, "tables[%zu].columns[%zu]", ti, c);
		if (!json_is_string(col) || strcmp(json_string_value(col), want->v[c]) != 0)
			return refuse(err, "must be \"%s\"", want->v[c]);
	}
	snprintf(where, sizeof where, "tables[%zu].rows", ti);
	if (!json_is_array(rows))
		return refuse(err, "must be an array");
	json_array_foreach(rows, ri, row) {
		snprintf(where, sizeof where, "tables[%zu].rows[%zu]", ti, ri);
		if (!json_is_array(row) || json_array_size(row) != want->n)
			return refuse(err, "must be an array of %zu values", want->n);
		for (size_t c = 0; c < want->n; c++) {
			const json_t *v = json_array_get(row, c);

			snprintf(where, sizeof where, "tables[%zu].rows[%zu][%zu]", ti, ri, c);
			if (!json_is_null(v) && !json_is_integer(v) && !json_is_string(v))
				return refuse(err, "is %s; values are null, integers or strings", kind_of(v));
		}
	}
	return 0;
}

int transfer_check(const json_t *doc, const struct catalog *target, struct error *err)
{
	const json_t *format, *version, *tables, *t;
	size_t ti;
	char *seen;
	int rc = 0;

	if (!json_is_object(doc)) {
		error_set(err, 422, "invalid", NULL, "the document is not a JSON object; is it an accord export?");
		return -1;
	}
	format = json_object_get(doc, "accord_export");
	if (!json_is_integer(format) || json_integer_value(format) != TRANSFER_FORMAT) {
		error_set(err, 422, "invalid", "accord_export", "accord_export must be %d: this is not an accord export, or one of another format", TRANSFER_FORMAT);
		return -1;
	}
	version = json_object_get(doc, "schema_version");
	if (!json_is_integer(version) || json_integer_value(version) != store_schema_latest()) {
		error_set(err, 422, "invalid", "schema_version", "schema_version must be %d, this accord's schema; export the data again with this version of accord",
			  store_schema_latest());
		return -1;
	}
	tables = json_object_get(doc, "tables");
	if (!json_is_array(tables)) {
		error_set(err, 422, "invalid", "tables", "tables must be an array");
		return -1;
	}
	seen = calloc(target->tables.n + 1, 1);
	if (!seen) {
		error_set(err, 500, "internal", NULL, "out of memory");
		return -1;
	}
	json_array_foreach(tables, ti, t) {
		if ((rc = check_table(t, ti, target, seen, err)) != 0)
			break;
	}
	free(seen);
	return rc;
}

/* A row's values as the store binds them; strings point into the document. */
static void row_values(const json_t *row, struct sqlval *out, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		const json_t *v = json_array_get(row, c);

		if (json_is_integer(v))
			out[c] = SQL_I(json_integer_value(v));
		else if (json_is_string(v))
			out[c] = SQL_T(json_string_value(v));
		else
			out[c] = SQL_NUL;
	}
}

/* Where each table of the catalogue stands in the checked document (-1: absent), from one pass over it. */
static long long *document_places(const json_t *tables, const struct catalog *cat)
{
	long long *at = malloc((cat->tables.n + 1) * sizeof *at);
	const json_t *t;
	size_t i;

	if (!at)
		return NULL;
	for (i = 0; i < cat->tables.n; i++)
		at[i] = -1;
	json_array_foreach(tables, i, t)
		at[catalog_find(cat, json_string_value(json_object_get(t, "name")))] = (long long)i; /* known: checked */
	return at;
}

long long db_import(struct store *s, const char *text, size_t len, FILE *report, struct error *err)
{
	struct catalog cat;
	json_error_t jerr;
	json_t *doc;
	struct sqlval *vals = NULL;
	long long total = 0, *counts = NULL, *places = NULL;
	int applied = 0;

	doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		error_set(err, 400, "bad_json", NULL, "the document is not valid JSON: %s (line %d)", jerr.text, jerr.line);
		return -1;
	}
	if (store_migrate(s, &applied, err) || catalog_load(s, &cat, err)) {
		json_decref(doc);
		return -1;
	}
	if (transfer_check(doc, &cat, err) || catalog_require_empty(s, &cat, "db", err))
		goto fail;
	counts = calloc(cat.tables.n + 1, sizeof *counts);
	places = document_places(json_object_get(doc, "tables"), &cat);
	if (!counts || !places) {
		error_set(err, 500, "internal", NULL, "out of memory");
		goto fail;
	}
	/* The rows come with their history (audit_log is imported verbatim): no audit rows for the load itself. */
	if (store_begin(s, err))
		goto fail;
	if (store_audit_triggers(s, false, err))
		goto rollback;
	for (size_t k = 0; k < cat.tables.n; k++) {
		const struct names *cols = &cat.columns[k];
		size_t at = places[k] < 0 ? 0 : (size_t)places[k], ri;
		const json_t *t = places[k] < 0 ? NULL : json_array_get(json_object_get(doc, "tables"), at), *row;
		struct buf names, marks, sql;
		long long rows = 0;
		int rc = 0;

		if (!t)
			continue;
		free(vals);
		vals = calloc(cols->n + 1, sizeof *vals);
		if (!vals) {
			error_set(err, 500, "internal", NULL, "out of memory");
			goto rollback;
		}
		buf_init(&names, 0);
		buf_init(&marks, 0);
		buf_init(&sql, 0);
		catalog_column_lists(cols, &names, &marks);
		buf_printf(&sql, "INSERT INTO %s (%s) VALUES (%s)", cat.tables.v[k], names.data, marks.data);
		json_array_foreach(json_object_get(t, "rows"), ri, row) {
			row_values(row, vals, cols->n);
			if (store_query(s, sql.data, vals, (int)cols->n, NULL, NULL, err) < 0) {
				char msg[sizeof err->message];

				snprintf(where, sizeof where, "tables[%zu].rows[%zu]", at, ri);
				snprintf(msg, sizeof msg, "%s", err->message);
				error_set(err, 422, "invalid", where, "%s: the database refused the row: %s", where, msg);
				rc = -1;
				break;
			}
			rows++;
		}
		buf_release(&names);
		buf_release(&marks);
		buf_release(&sql);
		if (rc < 0)
			goto rollback;
		total += rows;
		counts[k] = rows;
	}
	if (catalog_after_load(s, &cat, err) || store_audit_triggers(s, true, err) || store_commit(s, err))
		goto rollback;
	for (size_t k = 0; report && k < cat.tables.n; k++)
		fprintf(report, "%-24s %10lld\n", cat.tables.v[k], counts[k]);
	free(counts);
	free(places);
	free(vals);
	catalog_free(&cat);
	json_decref(doc);
	return total;
rollback:
	store_rollback(s);
fail:
	free(counts);
	free(places);
	free(vals);
	catalog_free(&cat);
	json_decref(doc);
	return -1;
}
