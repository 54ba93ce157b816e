/* copy: copies an accord database between backends table by table and proves the copy with row counts and content checksums. */
#include "copy.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "../util/grow.h"

#define NAME_MAX_LEN 63

struct names {
	char (*v)[NAME_MAX_LEN + 1];
	size_t n, cap;
	bool bad; /* a name that is not a plain lower-case identifier */
};

static int name_row(void *ctx, const struct sqlval *c, int n)
{
	struct names *l = ctx;
	const char *s = c[0].s ? c[0].s : "";
	size_t len = strlen(s);

	(void)n;
	/* Names go into SQL text: accept only what accord's schema uses. */
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' || (i && s[i] >= '0' && s[i] <= '9')))
			l->bad = true;
	if (!len || len > NAME_MAX_LEN)
		l->bad = true;
	if (l->bad || grow((void **)&l->v, &l->cap, l->n, sizeof *l->v))
		return 1;
	memcpy(l->v[l->n++], s, len + 1);
	return 0;
}

static int names_load(struct store *s, enum stmt id, const char *table, struct names *out, struct error *err)
{
	struct sqlval a[1] = {SQL_T(table)};

	memset(out, 0, sizeof *out);
	if (store_exec(s, id, a, table ? 1 : 0, name_row, out, err) < 0)
		return -1;
	if (out->bad) {
		error_set(err, 500, "store", NULL, "the schema has a name accord does not use (%s)", table ? table : "tables");
		return -1;
	}
	return 0;
}

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

static int first_count(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].i;
	return 1;
}

static long long rows_in(struct store *s, const char *table, struct error *err)
{
	char sql[128];
	long long n = -1;

	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
	if (store_query(s, sql, NULL, 0, first_count, &n, err) < 0)
		return -1;
	return n;
}

/* "a, b, c" and "?, ?, ?" for a column list. */
static void column_lists(const struct names *cols, struct buf *names, struct buf *marks)
{
	for (size_t i = 0; i < cols->n; i++) {
		buf_printf(names, "%s%s", i ? ", " : "", cols->v[i]);
		buf_puts(marks, i ? ", ?" : "?");
	}
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
	struct names tables = {0}, cols = {0}, to_cols = {0};
	struct tally *sums = NULL;
	char **selects = NULL; /* each table's "SELECT columns FROM table", for the copy and for reading it back */
	long long total = 0;
	int applied = 0;
	bool pg = !strcmp(store_backend_name(to), "postgresql");

	if (store_schema_version(from) != store_schema_latest()) {
		error_set(err, 409, "conflict", "from",
			  "the source is not at accord's current schema (%d, not %d); run accord init on it first",
			  store_schema_version(from), store_schema_latest());
		return -1;
	}
	if (store_migrate(to, &applied, err))
		return -1;
	if (names_load(from, STMT_CATALOG_TABLES, NULL, &tables, err))
		goto fail;
	sums = calloc(tables.n + 1, sizeof *sums);
	selects = calloc(tables.n + 1, sizeof *selects);
	if (!sums || !selects) {
		error_set(err, 500, "internal", NULL, "out of memory");
		goto fail;
	}
	/* Refuse before writing anything: every table of the target must be empty (its schema_migrations aside). */
	for (size_t i = 0; i < tables.n; i++) {
		long long n;

		if (!strcmp(tables.v[i], "schema_migrations"))
			continue;
		n = rows_in(to, tables.v[i], err);
		if (n < 0)
			goto fail;
		if (n > 0) {
			error_set(err, 409, "conflict", "to", "the target is not empty: %s has %lld rows", tables.v[i], n);
			goto fail;
		}
	}
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
	for (size_t i = 0; i < tables.n; i++) {
		struct buf names, marks, sql;
		struct copier k = {to, NULL, {0, {0, 0, 0, 0}}, err, false};
		int rc;

		if (!strcmp(tables.v[i], "schema_migrations"))
			continue;
		free(cols.v);
		free(to_cols.v);
		if (names_load(from, STMT_CATALOG_COLUMNS, tables.v[i], &cols, err) ||
		    names_load(to, STMT_CATALOG_COLUMNS, tables.v[i], &to_cols, err))
			goto rollback;
		if (!same_names(&cols, &to_cols)) {
			error_set(err, 409, "conflict", "to", "table %s has other columns in the target", tables.v[i]);
			goto rollback;
		}
		buf_init(&names, 0);
		buf_init(&marks, 0);
		buf_init(&sql, 0);
		column_lists(&cols, &names, &marks);
		buf_printf(&sql, "INSERT INTO %s (%s) VALUES (%s)", tables.v[i], names.data, marks.data);
		k.insert = sql.data;
		buf_reset(&marks);
		buf_printf(&marks, "SELECT %s FROM %s", names.data, tables.v[i]);
		selects[i] = buf_detach(&marks, NULL);
		rc = selects[i] ? store_query(from, selects[i], NULL, 0, copy_row, &k, err) : STORE_ERROR;
		buf_release(&names);
		buf_release(&sql);
		if (rc < 0 || k.failed)
			goto rollback;
		sums[i] = k.tally;
		total += k.tally.rows;
		/* PostgreSQL's identity sequences do not follow ids inserted by hand. */
		if (pg && cols.n && !strcmp(cols.v[0], "id") && k.tally.rows) {
			char reset[256];

			snprintf(reset, sizeof reset, "SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT max(id) FROM %s))",
				 tables.v[i], tables.v[i]);
			if (store_query(to, reset, NULL, 0, NULL, NULL, err) < 0)
				goto rollback;
		}
	}
	if (store_exec(to, STMT_SEARCH_REBUILD, NULL, 0, NULL, NULL, err) < 0 || store_audit_triggers(to, true, err))
		goto rollback;
	/* Read the target back: every table's rows and checksum must be the source's. */
	for (size_t i = 0; i < tables.n; i++) {
		struct tally back = {0, {0, 0, 0, 0}};
		char a[33], b[33];

		if (!selects[i])
			continue;
		if (store_query(to, selects[i], NULL, 0, tally_cb, &back, err) < 0)
			goto rollback;
		tally_hex(&sums[i], a);
		tally_hex(&back, b);
		if (back.rows != sums[i].rows || strcmp(a, b) != 0) {
			error_set(err, 500, "store", "to", "table %s differs after the copy (%lld rows, %s; the source has %lld, %s)",
				  tables.v[i], back.rows, b, sums[i].rows, a);
			goto rollback;
		}
		if (report)
			fprintf(report, "%-24s %10lld  %s\n", tables.v[i], back.rows, b);
	}
	store_rollback(from);
	if (store_commit(to, err))
		goto fail;
	free(tables.v);
	free(cols.v);
	free(to_cols.v);
	free(sums);
	strings_free(selects, tables.n);
	return total;
rollback:
	store_rollback(to);
	store_rollback(from);
fail:
	free(tables.v);
	free(cols.v);
	free(to_cols.v);
	free(sums);
	strings_free(selects, tables.n);
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
