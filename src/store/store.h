/* store: the storage interface every use case talks to; backends (SQLite now, PostgreSQL later) plug in below it. */
#ifndef ACCORD_STORE_H
#define ACCORD_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "../domain/error.h"
#include "statements.h"

/*
 * Every SQL statement accord runs is named in statements.h and written once, in
 * portable SQL with '?' placeholders; a backend prepares each on first use per
 * connection and keeps it. Callers pass bound values and get rows back through a
 * callback whose column values live only for the duration of the call.
 *
 * A struct store is one connection: use one per thread.
 */
enum sql_type { SQL_NULL, SQL_INT, SQL_TEXT };

struct sqlval {
	enum sql_type type;
	long long i;
	const char *s;
};

#define SQL_I(v) ((struct sqlval){SQL_INT, (long long)(v), NULL})
static inline struct sqlval sql_text(const char *s)
{
	struct sqlval v = {s ? SQL_TEXT : SQL_NULL, 0, s};
	return v;
}
#define SQL_T(v) sql_text(v)
#define SQL_NUL ((struct sqlval){SQL_NULL, 0, NULL})

/* Return 0 to go on, non-zero to stop early (not an error). */
typedef int (*store_row_fn)(void *ctx, const struct sqlval *cols, int ncols);

/* A column of a store_exec_typed row, as its letter in types says: 'i' i (NULL: 0), 'r' r (NULL: 0), 't' s (NULL: NULL). */
union sqlcell {
	long long i;
	double r;
	const char *s;
};
typedef int (*store_cells_fn)(void *ctx, const union sqlcell *cols, int ncols);

/* store_exec's results besides a row count (>= 0). */
#define STORE_ERROR (-1)
#define STORE_CONFLICT (-2) /* a UNIQUE or CHECK rule refused the write */

struct store;

/* Opens DB: a SQLite file path, or a PostgreSQL URL (postgresql://... or postgres://...). */
/* A PostgreSQL URL (postgresql:// or postgres://) rather than a SQLite file path. */
bool store_is_postgres(const char *db);
/*
 * Whether a statement failed because the database was unavailable (503) since the last call;
 * clears it. A handler whose write was saved but whose answer could not be read (the database
 * went away in between) answers 503, not 500 (router_handle).
 */
bool store_take_unavailable(struct store *s);
struct store *store_open(const char *db, struct error *err);
/* Another connection to the database s was opened on (a second thread's reads); NULL when there is none to open (SQLite in memory). */
struct store *store_open_again(const struct store *s, struct error *err);
void store_close(struct store *s);
/* Applies pending numbered migrations; idempotent. Sets *applied to how many ran. */
int store_migrate(struct store *s, int *applied, struct error *err);
/* The newest migration's number, and the one the database is at (0: none). */
int store_schema_version(struct store *s);
int store_schema_latest(void);

int store_exec(struct store *s, enum stmt id, const struct sqlval *args, int nargs,
	       store_row_fn fn, void *ctx, struct error *err);
/*
 * store_exec for a read that hands over many rows whose column types the caller knows: types
 * has a letter per column ("iitri"), and each column is read as that type (SQLite: with its
 * own accessor, no type test; a REAL not through text). Same rows, same result as store_exec.
 */
int store_exec_typed(struct store *s, enum stmt id, const struct sqlval *args, int nargs, const char *types,
		     store_cells_fn fn, void *ctx, struct error *err);
/* Runs a statement expected to return one integer (e.g. "... RETURNING id", "SELECT count(*)"). 0 if found, 1 if no row. */
int store_int(struct store *s, enum stmt id, const struct sqlval *args, int nargs,
	      long long *out, struct error *err);

/*
 * Runs SQL that is not one of the named statements, prepared for this one call: only for
 * SQL composed from the schema's own table and column names (accord copy), never from input.
 */
int store_query(struct store *s, const char *sql, const struct sqlval *args, int nargs,
		store_row_fn fn, void *ctx, struct error *err);
/* "sqlite" or "postgresql". */
const char *store_backend_name(const struct store *s);

int store_begin(struct store *s, struct error *err);
/*
 * A read-only transaction on one snapshot of the database, that holds off no writer (accord
 * backup): SQLite's deferred BEGIN (in WAL mode a reader sees the database as it was at its
 * first read), PostgreSQL's REPEATABLE READ READ ONLY. End it with store_rollback.
 */
int store_begin_snapshot(struct store *s, struct error *err);
int store_commit(struct store *s, struct error *err);
void store_rollback(struct store *s);
/* A job of a group commit inside an open transaction: undone alone unless keep (store.c). */
int store_job_begin(struct store *s, struct error *err);
/*
 * Switches the triggers that keep derived data (trust versions, the search version) off and
 * on again, inside one transaction, for a bulk load into an empty database that has none
 * of that data to keep (accord demo --scale). Other connections never see them off.
 */
int store_derived_triggers(struct store *s, bool on, struct error *err);
void store_job_end(struct store *s, bool keep);

/*
 * SQLite only, outside the store interface (accord backup). store_sqlite_backup copies the
 * SQLite database at `from` into the new file `to` with SQLite's online backup API, in one
 * step: one read transaction, so one consistent moment, while writers go on (WAL).
 * store_sqlite_check runs PRAGMA integrity_check and foreign_key_check on `path`.
 */
int store_sqlite_backup(const char *from, const char *to, struct error *err);
int store_sqlite_check(const char *path, struct error *err);
/* The bytes SQLite holds now in this process, its page caches included (sqlite3_memory_used). */
long long store_sqlite_memory(void);
/*
 * Before SQLite is first used in the process: the page caches of every connection in one
 * pool of `kib` KiB of their own, outside malloc's heaps (sqlite.c says why). Once per process.
 */
int store_sqlite_page_pool(long long kib, struct error *err);
/* The pool's size for a server of `threads` workers: ACCORD_SQLITE_PAGE_POOL_KIB, else 4 MiB a worker. */
long long store_sqlite_page_pool_kib(unsigned threads);
/*
 * The bytes of that pool in use now (0 without a pool; not in store_sqlite_memory), and in
 * *most (if not NULL) the most ever in use — as much of the pool as is resident.
 */
long long store_sqlite_page_pool_used(long long *most);

/*
 * The audit trail (migration 011, docs/audit.md). Every write from now on is recorded as
 * by this person of this organisation (0, 0: nobody — the command line, the system) until
 * the actor is set again; the server sets it for each request once it knows the caller and
 * clears it when the request ends. Setting it costs no round trip: SQLite's triggers ask
 * the connection, PostgreSQL's are told when a write transaction begins.
 */
void store_set_actor(struct store *s, long long user_id, long long org_id);
/*
 * While held, a change to kpi_measurements on this connection leaves trust_versions alone
 * (SQLite: its triggers' WHEN asks the connection, as the audit triggers ask for the actor;
 * PostgreSQL: no effect, its triggers bump per row): an import writing thousands of an
 * engagement's values holds it, then bumps the engagement's version once (TRUST_BUMP) in the
 * same transaction. No schema work: a flag of the connection. Release it on every path.
 */
void store_trust_hold(struct store *s, bool held);
/*
 * Switches the audit triggers off and on again inside one transaction, for a copy of rows
 * that already have their history (accord copy, which copies audit_log verbatim) or a bulk
 * load (accord demo --scale). Other connections never see them off.
 */
int store_audit_triggers(struct store *s, bool on, struct error *err);

/*
 * The tables that have no audit triggers, and why: the log itself and the migrations'
 * record; derived data and indexes made again from the rest (trust summaries and
 * versions, the search version, the practice search index and SQLite's own tables for
 * it); and the log-in throttle's counters, which anyone can write without signing in
 * (auditing them would let anyone grow the append-only log). SQL text, for both backends.
 */
#define AUDIT_UNAUDITED \
	"'audit_log', 'schema_migrations', 'trust_summaries', 'trust_versions', 'search_version', 'practice_search', " \
	"'login_failures', 'events'"
/* Columns whose values never enter the log, in any table: "[secret]" / "[secret changed]" instead. */
#define AUDIT_SECRETS "'password_hash', 'feed_token', 'token_hash', 'csrf'"

/* Backend operations; each backend fills one of these. */
struct store_backend {
	const char *name;
	void *(*open)(const char *db, struct error *err);
	void (*close)(void *conn);
	int (*exec)(void *conn, enum stmt id, const char *sql, const struct sqlval *args,
		    int nargs, store_row_fn fn, void *ctx, struct error *err);
	/* NULL: store_exec_typed converts store_exec's rows */
	int (*exec_typed)(void *conn, enum stmt id, const char *sql, const struct sqlval *args, int nargs,
			  const char *types, store_cells_fn fn, void *ctx, struct error *err);
	int (*script)(void *conn, const char *sql, struct error *err);
	int (*query)(void *conn, const char *sql, const struct sqlval *args, int nargs, store_row_fn fn,
		     void *ctx, struct error *err);
	const char *begin_sql;
	const char *triggers_off, *triggers_on; /* scripts: the derived-data triggers off and on again */
	const char *audit_off, *audit_on;	/* scripts: the audit triggers dropped, and made (again) from the catalogue */
	void (*set_actor)(void *conn, long long user_id, long long org_id);
	void (*trust_hold)(void *conn, bool held); /* NULL: the backend's trust triggers never wait */
};

/* Whether a backend logs each fault of its database (disk full, read-only, locked) in its own words on stderr: servers do; the CLI prints one line. */
extern bool store_log_faults;

extern const struct store_backend store_sqlite_backend;
extern const struct store_backend store_postgres_backend;

/* Appends sql to out with each marker markers[k][0] replaced by markers[k][1] (a backend's schema dialect). */
struct buf;
void store_dialect(const char *sql, const char *const markers[][2], size_t n, struct buf *out);

#endif
