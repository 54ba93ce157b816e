/* catalog: reads an accord database's tables and columns from its backend's catalogue, and finishes a bulk load into an empty database. */
#include "catalog.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/migrations.h"
#include "../util/grow.h"

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
	if (!len || len > CATALOG_NAME_MAX)
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

void catalog_free(struct catalog *c)
{
	for (size_t i = 0; c->columns && i < c->tables.n; i++)
		free(c->columns[i].v);
	free(c->columns);
	free(c->tables.v);
	memset(c, 0, sizeof *c);
}

/*
 * Where a table first appears as "CREATE TABLE name" in the numbered migrations: the order
 * tables were made in, the same on both backends. A backend's own catalogue order is not:
 * SQLite lists a table it had to make again (015's users) at the end, after the tables that
 * refer to it, and a copy or import in that order breaks their foreign keys. SIZE_MAX when the
 * migrations never name the table.
 */
static size_t creation_rank(const char *table)
{
	size_t len = strlen(table), rank = 0;

	for (size_t m = 0; m < migrations_count; m++) {
		for (const char *p = migrations[m].sql; (p = strstr(p, "CREATE TABLE ")) != NULL; rank++) {
			p += strlen("CREATE TABLE ");
			if (!strncmp(p, table, len) && (p[len] == ' ' || p[len] == '(' || p[len] == '\n'))
				return rank;
		}
	}
	return SIZE_MAX;
}

/* Orders the tables by creation_rank, keeping the catalogue's order among equals (an insertion sort: a few dozen names). */
static void tables_in_creation_order(struct names *t)
{
	size_t *rank = calloc(t->n + 1, sizeof *rank);

	if (!rank)
		return;
	for (size_t i = 0; i < t->n; i++)
		rank[i] = creation_rank(t->v[i]);
	for (size_t i = 1; i < t->n; i++) {
		char name[sizeof t->v[0]];
		size_t r = rank[i], j = i;

		memcpy(name, t->v[i], sizeof name);
		for (; j > 0 && rank[j - 1] > r; j--) {
			memcpy(t->v[j], t->v[j - 1], sizeof name);
			rank[j] = rank[j - 1];
		}
		memcpy(t->v[j], name, sizeof name);
		rank[j] = r;
	}
	free(rank);
}

int catalog_load(struct store *s, struct catalog *out, struct error *err)
{
	struct names all;
	size_t k = 0;

	memset(out, 0, sizeof *out);
	if (names_load(s, STMT_CATALOG_TABLES, NULL, &all, err))
		return -1;
	tables_in_creation_order(&all);
	out->tables = all;
	out->columns = calloc(all.n + 1, sizeof *out->columns);
	if (!out->columns) {
		error_set(err, 500, "internal", NULL, "out of memory");
		catalog_free(out);
		return -1;
	}
	for (size_t i = 0; i < all.n; i++) {
		if (!strcmp(all.v[i], "schema_migrations"))
			continue;
		memmove(out->tables.v[k], all.v[i], sizeof all.v[i]);
		if (names_load(s, STMT_CATALOG_COLUMNS, out->tables.v[k], &out->columns[k], err)) {
			out->tables.n = k;
			catalog_free(out);
			return -1;
		}
		k++;
	}
	out->tables.n = k;
	return 0;
}

int catalog_find(const struct catalog *c, const char *name)
{
	for (size_t i = 0; i < c->tables.n; i++)
		if (!strcmp(c->tables.v[i], name))
			return (int)i;
	return -1;
}

static int first_count(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].i;
	return 1;
}

int catalog_require_empty(struct store *s, const struct catalog *c, const char *field, struct error *err)
{
	for (size_t i = 0; i < c->tables.n; i++) {
		char sql[128];
		long long n = -1;

		snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", c->tables.v[i]);
		if (store_query(s, sql, NULL, 0, first_count, &n, err) < 0)
			return -1;
		if (n > 0) {
			error_set(err, 409, "conflict", field, "the target is not empty: %s has %lld rows", c->tables.v[i], n);
			return -1;
		}
	}
	return 0;
}

int catalog_after_load(struct store *s, const struct catalog *c, struct error *err)
{
	if (store_exec(s, STMT_SEARCH_REBUILD, NULL, 0, NULL, NULL, err) < 0)
		return -1;
	if (strcmp(store_backend_name(s), "postgresql") != 0)
		return 0;
	/* PostgreSQL's identity sequences do not follow ids inserted by hand (setval of NULL, an empty table, does nothing). */
	for (size_t i = 0; i < c->tables.n; i++) {
		char reset[256];

		if (!c->columns[i].n || strcmp(c->columns[i].v[0], "id") != 0)
			continue;
		snprintf(reset, sizeof reset, "SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT max(id) FROM %s))",
			 c->tables.v[i], c->tables.v[i]);
		if (store_query(s, reset, NULL, 0, NULL, NULL, err) < 0)
			return -1;
	}
	return 0;
}

void catalog_column_lists(const struct names *cols, struct buf *names, struct buf *marks)
{
	for (size_t i = 0; i < cols->n; i++) {
		buf_printf(names, "%s%s", i ? ", " : "", cols->v[i]);
		if (marks)
			buf_puts(marks, i ? ", ?" : "?");
	}
}
