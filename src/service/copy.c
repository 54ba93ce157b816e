/* copy: copies an accord database between backends table by table and proves the copy with row counts and content checksums. */
#include "copy.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "catalog.h"

/*
 * A table's checksum: the sum, lane by lane mod 2^64, of a BLAKE2b hash of each row's
 * values (type, length and bytes of each). A sum does not depend on the order rows come
 * in, so the two backends' different text orderings cannot make equal tables differ.
 */
struct tally {
	long long rows;
	uint64_t sum[4];
};

static void tally_row(struct tally *t, const struct sqlval *c, int n)
{
	crypto_generichash_state h;
	unsigned char out[32];

	crypto_generichash_init(&h, NULL, 0, sizeof out);
	for (int i = 0; i < n; i++) {
		char head[32];
		int len;

		if (c[i].type == SQL_NULL)
			len = snprintf(head, sizeof head, "N;");
		else if (c[i].type == SQL_INT)
			len = snprintf(head, sizeof head, "I%lld;", c[i].i);
		else
			len = snprintf(head, sizeof head, "T%zu:", strlen(c[i].s));
		crypto_generichash_update(&h, (const unsigned char *)head, (unsigned long long)len);
		if (c[i].type == SQL_TEXT)
			crypto_generichash_update(&h, (const unsigned char *)c[i].s, strlen(c[i].s));
	}
	crypto_generichash_final(&h, out, sizeof out);
	for (int k = 0; k < 4; k++) {
		uint64_t lane;

		memcpy(&lane, out + 8 * k, sizeof lane);
		t->sum[k] += lane;
	}
	t->rows++;
}

static void tally_hex(const struct tally *t, char out[33])
{
	unsigned char bytes[16];

	memcpy(bytes, t->sum, sizeof bytes);
	sodium_bin2hex(out, 33, bytes, sizeof bytes);
}

static int tally_cb(void *ctx, const struct sqlval *c, int n)
{
	tally_row(ctx, c, n);
	return 0;
}

struct copier {
	struct store *to;
	const char *insert;
	struct tally tally;
	struct error *err;
	bool failed;
};

static int copy_row(void *ctx, const struct sqlval *c, int n)
{
	struct copier *k = ctx;

	tally_row(&k->tally, c, n);
	if (store_query(k->to, k->insert, c, n, NULL, NULL, k->err) < 0) {
		k->failed = true;
		return 1;
	}
	return 0;
}

static bool same_names(const struct names *a, const struct names *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return false;
	return true;
}

static void strings_free(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

static long long copy_tables(struct store *from, struct store *to, FILE *report, bool snapshot, struct error *err)
{
	struct catalog cat = {0}, to_cat = {0};
	struct tally *sums = NULL;
	char **selects = NULL; /* each table's "SELECT columns FROM table", for the copy and for reading it back */
	long long total = 0;
	int applied = 0;

	if (store_schema_version(from) != store_schema_latest()) {
		error_set(err, 409, "conflict", "from",
			  "the source is not at accord's current schema (%d, not %d); run accord init on it first",
			  store_schema_version(from), store_schema_latest());
		return -1;
	}
	if (store_migrate(to, &applied, err))
		return -1;
	if (catalog_load(from, &cat, err) || catalog_load(to, &to_cat, err))
		goto fail;
	sums = calloc(cat.tables.n + 1, sizeof *sums);
	selects = calloc(cat.tables.n + 1, sizeof *selects);
	if (!sums || !selects) {
		error_set(err, 500, "internal", NULL, "out of memory");
		goto fail;
	}
	/* Refuse before writing anything: the target must have the same tables and columns, every table empty. */
	for (size_t i = 0; i < cat.tables.n; i++) {
		int k = catalog_find(&to_cat, cat.tables.v[i]);

		if (k < 0 || !same_names(&cat.columns[i], &to_cat.columns[k])) {
			error_set(err, 409, "conflict", "to", "table %s has other columns in the target", cat.tables.v[i]);
			goto fail;
		}
	}
	if (catalog_require_empty(to, &to_cat, "to", err))
		goto fail;
	/*
	 * One snapshot of the source: a transaction on it for the whole copy (on SQLite and on
	 * PostgreSQL it also holds off writers until the copy is done, so nothing moves under it;
	 * with snapshot, a read-only one that lets writers go on and sees none of their changes).
	 */
	if (snapshot ? store_begin_snapshot(from, err) : store_begin(from, err))
		goto fail;
	if (store_begin(to, err)) {
		store_rollback(from);
		goto fail;
	}
	/* The rows come with their history: audit_log is copied verbatim, and the copy itself writes none. */
	if (store_audit_triggers(to, false, err))
		goto rollback;
	for (size_t i = 0; i < cat.tables.n; i++) {
		struct buf names, marks, sql;
		struct copier k = {to, NULL, {0, {0, 0, 0, 0}}, err, false};
		int rc;

		buf_init(&names, 0);
		buf_init(&marks, 0);
		buf_init(&sql, 0);
		catalog_column_lists(&cat.columns[i], &names, &marks);
		buf_printf(&sql, "INSERT INTO %s (%s) VALUES (%s)", cat.tables.v[i], names.data, marks.data);
		k.insert = sql.data;
		buf_reset(&marks);
		buf_printf(&marks, "SELECT %s FROM %s", names.data, cat.tables.v[i]);
		selects[i] = buf_detach(&marks, NULL);
		rc = selects[i] ? store_query(from, selects[i], NULL, 0, copy_row, &k, err) : STORE_ERROR;
		buf_release(&names);
		buf_release(&sql);
		if (rc < 0 || k.failed)
			goto rollback;
		sums[i] = k.tally;
		total += k.tally.rows;
	}
	if (catalog_after_load(to, &cat, err) || store_audit_triggers(to, true, err))
		goto rollback;
	/* Read the target back: every table's rows and checksum must be the source's. */
	for (size_t i = 0; i < cat.tables.n; i++) {
		struct tally back = {0, {0, 0, 0, 0}};
		char a[33], b[33];

		if (store_query(to, selects[i], NULL, 0, tally_cb, &back, err) < 0)
			goto rollback;
		tally_hex(&sums[i], a);
		tally_hex(&back, b);
		if (back.rows != sums[i].rows || strcmp(a, b) != 0) {
			error_set(err, 500, "store", "to", "table %s differs after the copy (%lld rows, %s; the source has %lld, %s)",
				  cat.tables.v[i], back.rows, b, sums[i].rows, a);
			goto rollback;
		}
		if (report)
			fprintf(report, "%-24s %10lld  %s\n", cat.tables.v[i], back.rows, b);
	}
	store_rollback(from);
	if (store_commit(to, err))
		goto fail;
	strings_free(selects, cat.tables.n);
	catalog_free(&cat);
	catalog_free(&to_cat);
	free(sums);
	return total;
rollback:
	store_rollback(to);
	store_rollback(from);
fail:
	strings_free(selects, cat.tables.n);
	catalog_free(&cat);
	catalog_free(&to_cat);
	free(sums);
	return -1;
}

long long db_copy(struct store *from, struct store *to, FILE *report, struct error *err)
{
	return copy_tables(from, to, report, false, err);
}

long long db_copy_snapshot(struct store *from, struct store *to, FILE *report, struct error *err)
{
	return copy_tables(from, to, report, true, err);
}
