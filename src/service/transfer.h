/* transfer: a whole accord database written out as one JSON document (accord export) and read back into an empty database (accord import). */
#ifndef ACCORD_TRANSFER_H
#define ACCORD_TRANSFER_H

#include <jansson.h>
#include <stdio.h>

#include "../store/store.h"
#include "catalog.h"

/*
 * The document:
 *
 *   {"accord_export": 1, "schema_version": 11, "tables": [
 *   {"name": "orgs", "columns": ["id", "name", ...], "rows": [
 *   [1, "Northwind Bank", ...],
 *   ...]},
 *   ...]}
 *
 * One row a line. Values are null, integers or strings (reals and dates are text, as the
 * store hands them back). Tables come in the order they were created and rows in the
 * order of their columns, so the same data always gives the same bytes.
 */
#define TRANSFER_FORMAT 1

/* Writes every table of s (at the current schema) to out, from one snapshot. Returns the rows written, or -1. */
long long db_export(struct store *s, FILE *out, struct error *err);

/*
 * Checks a document against the tables of the target before anything is written: its
 * format and schema version, each table known and named once, its columns exactly the
 * target's, each row as long as the columns and made of nulls, integers and strings.
 * Errors are 422 with field the JSON path ("tables[2].rows[7][3]").
 */
int transfer_check(const json_t *doc, const struct catalog *target, struct error *err);

/*
 * Reads a document (text of len bytes) into s, which must be empty (409 otherwise): checks
 * it whole, then inserts every row in one transaction, in the order the tables were
 * created, and rebuilds what is derived. Any failure rolls everything back. Writes
 * "TABLE ROWS" lines to report. Returns the rows read in, or -1.
 */
long long db_import(struct store *s, const char *text, size_t len, FILE *report, struct error *err);

#endif
