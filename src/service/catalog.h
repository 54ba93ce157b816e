/* catalog: the tables and columns of an accord database as its backend reports them, and the steps every bulk load into an empty database shares. */
#ifndef ACCORD_CATALOG_H
#define ACCORD_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "../store/store.h"
#include "../util/buf.h"
#include "../util/grow.h"

#define CATALOG_NAME_MAX 63

/* A list of table or column names: plain lower-case identifiers, so they may go into SQL text. */
struct names {
	char (*v)[CATALOG_NAME_MAX + 1];
	size_t n, cap;
	bool bad; /* a name that is not a plain lower-case identifier */
};

/*
 * The tables of the database in the order they were created (so loading them in this
 * order satisfies every foreign key), each with its columns in order. Left out:
 * schema_migrations (the schema version stands for it), the full-text index's own tables
 * and the derived tables (trust summaries and versions, the search version), which are
 * computed again from the rest.
 */
struct catalog {
	struct names tables;
	struct names *columns; /* columns[i] are the columns of tables.v[i] */
};

int catalog_load(struct store *s, struct catalog *out, struct error *err);
void catalog_free(struct catalog *c);
/* The index of table name, or -1. */
int catalog_find(const struct catalog *c, const char *name);
/* 0 when every table is empty; else 409 naming the first table that has rows, with field set to field. */
int catalog_require_empty(struct store *s, const struct catalog *c, const char *field, struct error *err);
/* After rows went in with their own ids: rebuilds the search index and, on PostgreSQL, moves each id sequence past the highest id. */
int catalog_after_load(struct store *s, const struct catalog *c, struct error *err);
/* "a, b, c" and "?, ?, ?" for a column list, appended to names and marks. */
void catalog_column_lists(const struct names *cols, struct buf *names, struct buf *marks);

#endif
