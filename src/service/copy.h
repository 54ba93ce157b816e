/* copy: moving a whole accord database from one backend to another (SQLite to PostgreSQL and back), verified table by table. */
#ifndef ACCORD_COPY_H
#define ACCORD_COPY_H

#include <stdio.h>

#include "../store/store.h"

/*
 * Copies every row of every table of `from` (which must be at the current schema) into
 * `to` (migrated here; every table must be empty, else 409 and nothing is written), in
 * one transaction on `to`, in the order the tables were created, then rebuilds the
 * search index and, on PostgreSQL, moves each id sequence past the highest id copied.
 * Before committing it reads `to` back and compares each table's row count and content
 * checksum with `from`'s; any difference rolls the whole copy back. Writes one line per
 * table to report: "TABLE ROWS CHECKSUM". Returns the number of rows copied, or -1.
 */
long long db_copy(struct store *from, struct store *to, FILE *report, struct error *err);
/*
 * The same, but reading `from` in one snapshot that holds off no writer (store_begin_snapshot):
 * for a copy of a database a server is writing to (accord backup of a PostgreSQL database).
 */
long long db_copy_snapshot(struct store *from, struct store *to, FILE *report, struct error *err);

#endif
