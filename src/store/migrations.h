/* migrations: the numbered schema migrations, embedded at build time from src/store/migrations/NNN_name.sql. */
#ifndef ACCORD_MIGRATIONS_H
#define ACCORD_MIGRATIONS_H

#include <stddef.h>

/*
 * The SQL is portable except for the markers below, which each backend replaces
 * (the one place dialects differ in the schema):
 *   @PK@               an auto-assigned 64-bit integer primary key
 *   @PRACTICE_SEARCH@  the full-text index practice_search (rowid, title, tags, body):
 *                      an FTS5 table in SQLite, a tsvector table with a GIN index in PostgreSQL
 *   @TRUST_TRIGGERS@   the triggers that raise trust_versions.version when an engagement's
 *                      evidence changes: SQLite triggers, PostgreSQL plpgsql trigger functions
 *   @OBLIGATION_TRUST_TRIGGERS@, @KPI_TRUST_TRIGGERS@ (021, 022) the same triggers on the
 *                      delivery evidence: obligations, kpis and kpi_measurements
 *   @SEARCH_TRIGGERS@  the triggers that raise search_version.version when what a practice
 *                      search shows changes: per row in SQLite, per statement in PostgreSQL
 *   @USERS_EMAIL_PER_ORG@ (015) users' e-mail unique per organisation instead of platform-wide:
 *                      PostgreSQL swaps the constraint, SQLite makes the table again
 *   @CHECKS_WITHOUT_IN@ (023) SQLite's CHECKs of three or more values rewritten without IN
 *                      in its schema table (sqlite.c says why); nothing in PostgreSQL
 *   @KPI_TRUST_HELD@   (023) kpi_measurements' trust triggers made again to wait while the
 *                      connection holds them (store_trust_hold); nothing in PostgreSQL
 *   @AUDIT_APPEND_ONLY@ the triggers that refuse UPDATE and DELETE on audit_log
 *   @AUDIT_TRIGGERS@   every audited table's insert, update and delete triggers writing
 *                      audit_log, made from the catalogue when the script reaches it (SQLite:
 *                      generated trigger text; PostgreSQL: one plpgsql function); @AUDIT_DROP@
 *                      drops them. store_migrate makes them again after any later migration.
 */
struct migration {
	int version;
	const char *name;
	const char *sql;
};

extern const struct migration migrations[];
extern const size_t migrations_count;

#endif
