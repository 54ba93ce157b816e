/* sqlite: the embedded store backend — one connection per thread, WAL, statements prepared once and cached. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "../util/buf.h"
#include "store.h"

/*
 * Durability: synchronous=FULL with WAL, so an acknowledged write survives power loss
 * (NORMAL could lose the last transactions; accord acknowledges reviews and bids that
 * people rely on, and measured insert rates at FULL are ample for governance traffic).
 */
struct sqlite_conn {
	sqlite3 *db;
	char path[4096];
	sqlite3_stmt *cache[STMT__MAX];
	pthread_mutex_t *writer; /* this database's writer lock in this process */
	bool writing;		 /* holds it: between BEGIN IMMEDIATE and COMMIT or ROLLBACK */
	long long actor_user, actor_org; /* the audit trail's actor (store_set_actor); 0: nobody */
	bool trust_held;	 /* store_trust_hold: kpi_measurements' trust triggers wait (accord_trust_held()) */
	bool in_tx;		 /* a BEGIN IMMEDIATE succeeded and its COMMIT or ROLLBACK has not run */
	bool lost;		 /* SQLite rolled that transaction back on its own (see sq_fail) */
	struct error lost_err;	 /* why: every statement fails with it until the ROLLBACK */
};

/*
 * One writer at a time per database within a process, queued on a mutex. SQLite allows one
 * writer anyway; left to itself, a thread that finds the database locked sleeps in its busy
 * handler for 1, 2, 5 … 100 ms whatever happens meanwhile. Measured with 64 connections
 * posting actions: p99 1.3 s and 1,890 commits/s that way. Other processes (accord remind,
 * a second server) still meet the busy timeout. A lock not had within the busy timeout is
 * gone without: the transaction then waits in SQLite's own way.
 */
#define WRITERS_MAX 16
static struct {
	char path[4096];
	pthread_mutex_t lock;
} writers[WRITERS_MAX];
static int nwriters;
static pthread_mutex_t writers_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * How long a statement waits for another program's lock on the database (another server's
 * write transaction, accord remind, a sqlite3 shell holding BEGIN EXCLUSIVE) before it fails
 * as busy (503 busy). Within one process writers queue on the mutex above instead.
 */
#define BUSY_TIMEOUT_MS 5000

static pthread_mutex_t *writer_for(const char *path)
{
	char full[4096];
	pthread_mutex_t *m = NULL;

	if (!realpath(path, full))
		snprintf(full, sizeof full, "%s", path);
	pthread_mutex_lock(&writers_lock);
	for (int i = 0; i < nwriters && !m; i++)
		if (!strcmp(writers[i].path, full))
			m = &writers[i].lock;
	if (!m && nwriters < WRITERS_MAX) {
		snprintf(writers[nwriters].path, sizeof writers[nwriters].path, "%s", full);
		pthread_mutex_init(&writers[nwriters].lock, NULL);
		m = &writers[nwriters++].lock;
	}
	pthread_mutex_unlock(&writers_lock);
	return m;
}

static void writer_enter(struct sqlite_conn *c)
{
	struct timespec until;

	if (!c->writer || c->writing)
		return;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 5;
	c->writing = pthread_mutex_timedlock(c->writer, &until) == 0;
}

static void writer_leave(struct sqlite_conn *c)
{
	if (c->writing)
		pthread_mutex_unlock(c->writer);
	c->writing = false;
}

static long long mmap_size(void)
{
	const char *v = getenv("ACCORD_SQLITE_MMAP");
	char *end;
	long long n;

	if (!v || !*v)
		return 0;
	n = strtoll(v, &end, 10);
	return *end || n < 0 ? 0 : n;
}

/*
 * ACCORD_SQLITE_CACHE_KIB: each connection's page cache (default 6 MiB; SQLite's own is 2).
 * Measured on the large dataset: the portfolio of a buyer with 299 engagements reads about
 * 4 MiB of pages; with 2 MiB each request read most of them again from the kernel (pread
 * was 40 % of the server's time, 430 pages/s). The cache fills only as far as it is used.
 */
static long long cache_kib(void)
{
	const char *v = getenv("ACCORD_SQLITE_CACHE_KIB");
	char *end;
	long long n;

	if (!v || !*v)
		return 6144;
	n = strtoll(v, &end, 10);
	return *end || n < 64 ? 6144 : n;
}

/* accord_actor_user() and accord_actor_org(): the audit triggers' who, NULL for nobody. */
static void actor_value(sqlite3_context *ctx, long long v)
{
	if (v > 0)
		sqlite3_result_int64(ctx, v);
	else
		sqlite3_result_null(ctx);
}

static void actor_user_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	actor_value(ctx, ((struct sqlite_conn *)sqlite3_user_data(ctx))->actor_user);
}

static void actor_org_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	actor_value(ctx, ((struct sqlite_conn *)sqlite3_user_data(ctx))->actor_org);
}

/* accord_trust_held(): 1 while the connection's importer bumps the trust version itself (store_trust_hold). */
static void trust_held_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	sqlite3_result_int(ctx, ((struct sqlite_conn *)sqlite3_user_data(ctx))->trust_held);
}

static void sq_trust_hold(void *conn, bool held)
{
	((struct sqlite_conn *)conn)->trust_held = held;
}

static void sq_set_actor(void *conn, long long user_id, long long org_id)
{
	struct sqlite_conn *c = conn;

	c->actor_user = user_id;
	c->actor_org = org_id;
}

static int sq_connect(struct sqlite_conn *c, const char *path, struct error *err);

static void *sq_open(const char *path, struct error *err)
{
	struct sqlite_conn *c = calloc(1, sizeof *c);

	if (!c) {
		error_set(err, 500, "internal", NULL, "out of memory");
		return NULL;
	}
	snprintf(c->path, sizeof c->path, "%s", path);
	c->writer = writer_for(path);
	if (sq_connect(c, path, err)) {
		free(c);
		return NULL;
	}
	return c;
}

/* Opens c->db on path with accord's settings; on failure c->db is NULL. */
static int sq_connect(struct sqlite_conn *c, const char *path, struct error *err)
{
	char pragmas[200], *msg = NULL;
	int rc;

	rc = sqlite3_open_v2(path, &c->db,
			     SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		error_set(err, 500, "store", "db", "cannot open database '%s': %s", path,
			  c->db ? sqlite3_errmsg(c->db) : sqlite3_errstr(rc));
		goto fail;
	}
	sqlite3_busy_timeout(c->db, BUSY_TIMEOUT_MS);
	/* Not deterministic: each call asks the connection. A connection without them (the sqlite3 shell) cannot write audited tables. */
	if (sqlite3_create_function(c->db, "accord_actor_user", 0, SQLITE_UTF8, c, actor_user_fn, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(c->db, "accord_actor_org", 0, SQLITE_UTF8, c, actor_org_fn, NULL, NULL) != SQLITE_OK ||
	    sqlite3_create_function(c->db, "accord_trust_held", 0, SQLITE_UTF8, c, trust_held_fn, NULL, NULL) != SQLITE_OK) {
		error_set(err, 500, "store", "db", "cannot use database '%s': %s", path, sqlite3_errmsg(c->db));
		goto fail;
	}
	/*
	 * ACCORD_SQLITE_MMAP (bytes, default 0: off) reads the database through a memory map, so
	 * that every connection shares the kernel's page cache instead of copying pages into a
	 * cache of its own. Measured on the large dataset: practice search went from 79 to 140
	 * requests/s with 1 GiB, but the pages it touched counted in the server's resident set
	 * (365 MiB against 34 MiB), so it is left for operators to choose.
	 */
	snprintf(pragmas, sizeof pragmas,
		 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA mmap_size=%lld; "
		 "PRAGMA cache_size=-%lld;",
		 mmap_size(), cache_kib());
	rc = sqlite3_exec(c->db, pragmas, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		error_set(err, 500, "store", "db", "cannot use database '%s': %s", path,
			  msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		goto fail;
	}
	return 0;
fail:
	sqlite3_close(c->db);
	c->db = NULL;
	return -1;
}

/*
 * A connection opened while the file could not be written (made read-only, immutable, or on
 * a file system mounted read-only) is silently read-only, and stays so after the cause is
 * gone. Before each write such a connection is opened again, so that writes come back
 * without a restart; while the cause lasts the write fails as read-only (503 read_only).
 */
static void sq_writable(struct sqlite_conn *c)
{
	sqlite3 *old = c->db;
	sqlite3_stmt *cache[STMT__MAX];

	if (sqlite3_db_readonly(old, "main") != 1 || !sqlite3_get_autocommit(old))
		return;
	memcpy(cache, c->cache, sizeof cache);
	if (sq_connect(c, c->path, NULL)) {
		c->db = old;
		return;
	}
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(cache[i]);
	memset(c->cache, 0, sizeof c->cache);
	sqlite3_close(old);
}

static void sq_close(void *conn)
{
	struct sqlite_conn *c = conn;

	writer_leave(c);
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(c->cache[i]);
	sqlite3_close(c->db);
	free(c);
}

/* Why the database or its WAL cannot be written (EROFS, EPERM for an immutable file, EACCES), or 0. */
static int sq_unwritable(const struct sqlite_conn *c)
{
	char wal[sizeof c->path + 4];

	snprintf(wal, sizeof wal, "%s-wal", c->path);
	if (access(c->path, W_OK) != 0 && (errno == EROFS || errno == EPERM || errno == EACCES))
		return errno;
	if (access(wal, W_OK) != 0 && (errno == EROFS || errno == EPERM || errno == EACCES))
		return errno;
	return 0;
}

/*
 * Faults of the file beneath the database, in words a person can act on
 * (docs/reliability.md, "Faults"). Each is 503: the same request succeeds once the cause is
 * gone (space freed, the file writable again, the other program's lock released), with no
 * restart. SQLite's own words, and the system's, go to the log. 0 when rc is no such fault.
 */
static int sq_fault(struct sqlite_conn *c, int rc, const char *what, struct error *err)
{
	int primary = rc & 0xff;
	/* The system's errno is kept by SQLite for I/O errors only; for other codes it is stale. */
	int sys = primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN ? sqlite3_system_errno(c->db) : 0;

	/* After the rollback that follows a failed COMMIT the errno is often gone: ask the files. */
	if ((primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN) && !sys)
		sys = sq_unwritable(c);

	if (primary == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
		error_set(err, 503, "storage_full", NULL, "the database's disk is full; the change was not saved");
	else if (primary == SQLITE_READONLY || sys == EROFS || sys == EPERM || sys == EACCES)
		error_set(err, 503, "read_only", NULL, "the database is read-only; the change was not saved");
	else if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		error_set(err, 503, "busy", NULL, "the database is locked by another program; try again shortly");
	else if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN)
		error_set(err, 503, "unavailable", NULL, "the database could not be read or written; try again shortly");
	else
		return 0;
	if (store_log_faults)
		fprintf(stderr, "accord: sqlite: %s (code %d%s%s)\n", what, sqlite3_extended_errcode(c->db),
			sys ? ", " : "", sys ? strerror(sys) : "");
	return 1;
}

/*
 * On an I/O error, a full disk or no memory, SQLite may roll the whole transaction back by
 * itself. Inside a group commit the jobs after it would then run outside any transaction,
 * each saved alone, and the jobs before it, already undone, would be answered as saved.
 * So a lost transaction is remembered: every statement fails with its cause until the
 * ROLLBACK that ends it, and its COMMIT fails (store.c then rolls back).
 */
static void sq_check_lost(struct sqlite_conn *c, const struct error *err /* not NULL */)
{
	if (c->in_tx && !c->lost && sqlite3_get_autocommit(c->db)) {
		c->lost = true;
		c->lost_err = *err;
	}
}

static int sq_fail(struct sqlite_conn *c, int rc, struct error *err)
{
	int primary = rc & 0xff;
	struct error local = {0};

	if (!err)
		err = &local;
	if (primary == SQLITE_CONSTRAINT) {
		error_set(err, 409, "conflict", NULL, "%s", sqlite3_errmsg(c->db));
		sq_check_lost(c, err); /* a trigger's RAISE(ROLLBACK) ends the transaction too */
		return STORE_CONFLICT;
	}
	if (!sq_fault(c, rc, sqlite3_errmsg(c->db), err))
		error_set(err, 500, "store", NULL, "database error: %s", sqlite3_errmsg(c->db));
	sq_check_lost(c, err);
	return STORE_ERROR;
}

/* Fails as the lost transaction did; 0 when there is none. */
static int sq_lost(struct sqlite_conn *c, struct error *err)
{
	if (!c->lost)
		return 0;
	if (err)
		*err = c->lost_err;
	return 1;
}

/* Binds args to a prepared statement, steps it through fn, and resets it. */
/*
 * A REAL value as PostgreSQL's float8 prints it: the shortest text that reads back as the
 * same double ("95", "99.9", "0.30000000000000004"), where SQLite's own text would say
 * "95.0". Both backends then answer, display and checksum (accord copy) the same text.
 */
static const char *sq_float_text(double v, char out[32])
{
	/*
	 * Most stored numbers are a few decimals (targets, weights, KPI values): when v is the
	 * double nearest n/1000 and |v| < 1e12, "%.15g" writes n/1000's digits (the double is
	 * within 1.1e-16 |v| of it, far below the 15th digit) and they read back as v, so they are
	 * written here without printf and strtod (about 2,500 instructions a number otherwise).
	 */
	if (fabs(v) >= 1e-3 && fabs(v) < 1e12) {
		long long n = llround(v * 1000);

		if ((double)n / 1000 == v) {
			unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n, ip = u / 1000;
			unsigned frac = (unsigned)(u % 1000);
			char digits[24], *p = out;
			int nd = 0;

			if (n < 0)
				*p++ = '-';
			do
				digits[nd++] = (char)('0' + ip % 10);
			while ((ip /= 10) > 0);
			while (nd > 0)
				*p++ = digits[--nd];
			if (frac) {
				*p++ = '.';
				*p++ = (char)('0' + frac / 100);
				if (frac % 100) {
					*p++ = (char)('0' + frac / 10 % 10);
					if (frac % 10)
						*p++ = (char)('0' + frac % 10);
				}
			}
			*p = '\0';
			return out;
		}
	}
	for (int precision = 15; precision <= 17; precision++) {
		snprintf(out, 32, "%.*g", precision, v);
		if (strtod(out, NULL) == v)
			break;
	}
	return out;
}

/*
 * The end of a statement's run: its reset, and its bindings cleared. A write outside a
 * transaction commits when its statement ends: for one stopped after its first row (INSERT ...
 * RETURNING read by store_int), that is in this reset, and a commit that fails there (disk
 * full) must not be reported as a saved row. rows, or the failure's result.
 */
static int sq_end(struct sqlite_conn *c, sqlite3_stmt *st, int rows, struct error *err)
{
	int rc = sqlite3_reset(st);

	if (rc != SQLITE_OK && rows >= 0)
		rows = sq_fail(c, rc, err);
	sqlite3_clear_bindings(st);
	return rows;
}

/* Binds args to st's parameters: 0, or sq_fail's result. */
static int sq_bind(struct sqlite_conn *c, sqlite3_stmt *st, const struct sqlval *args, int nargs, struct error *err)
{
	int rc;

	for (int i = 0; i < nargs; i++) {
		switch (args[i].type) {
		case SQL_INT:
			rc = sqlite3_bind_int64(st, i + 1, args[i].i);
			break;
		case SQL_TEXT:
			rc = sqlite3_bind_text(st, i + 1, args[i].s, -1, SQLITE_STATIC);
			break;
		default:
			rc = sqlite3_bind_null(st, i + 1);
		}
		if (rc != SQLITE_OK)
			return sq_fail(c, rc, err);
	}
	return 0;
}

static int sq_run(struct sqlite_conn *c, sqlite3_stmt *st, const struct sqlval *args, int nargs,
		  store_row_fn fn, void *ctx, struct error *err)
{
	struct sqlval cols[32];
	char floats[32][32]; /* the text of this row's REAL columns (sq_float_text) */
	int rc, rows = 0, ncols;

	if ((rows = sq_bind(c, st, args, nargs, err)) < 0)
		goto out;
	ncols = sqlite3_column_count(st);
	if (ncols > 32)
		ncols = 32;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows++;
		if (!fn)
			continue;
		for (int i = 0; i < ncols; i++) {
			switch (sqlite3_column_type(st, i)) {
			case SQLITE_NULL:
				cols[i] = SQL_NUL;
				break;
			case SQLITE_INTEGER:
				cols[i] = SQL_I(sqlite3_column_int64(st, i));
				break;
			case SQLITE_FLOAT:
				cols[i].type = SQL_TEXT;
				cols[i].s = sq_float_text(sqlite3_column_double(st, i), floats[i]);
				cols[i].i = 0;
				break;
			default:
				cols[i].type = SQL_TEXT;
				cols[i].s = (const char *)sqlite3_column_text(st, i);
				cols[i].i = 0;
			}
		}
		if (fn(ctx, cols, ncols))
			goto out;
	}
	if (rc != SQLITE_DONE)
		rows = sq_fail(c, rc, err);
out:
	return sq_end(c, st, rows, err);
}

/* The connection's prepared statement id (prepared on first use): 0, or an error's result. */
static int sq_prepared(struct sqlite_conn *c, enum stmt id, const char *sql, sqlite3_stmt **out, struct error *err)
{
	sqlite3_stmt *st;
	int rc;

	if (sq_lost(c, err))
		return STORE_ERROR;
	for (int attempt = 0;; attempt++) {
		st = c->cache[id];
		if (!st) {
			rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
			if (rc != SQLITE_OK)
				return sq_fail(c, rc, err);
			c->cache[id] = st;
		}
		/* A write on a connection that was opened read-only: open it again first (sq_writable). */
		if (attempt || c->in_tx || sqlite3_stmt_readonly(st) || sqlite3_db_readonly(c->db, "main") != 1)
			break;
		sq_writable(c);
	}
	*out = st;
	return 0;
}

static int sq_exec(void *conn, enum stmt id, const char *sql, const struct sqlval *args,
		   int nargs, store_row_fn fn, void *ctx, struct error *err)
{
	struct sqlite_conn *c = conn;
	sqlite3_stmt *st;
	int rc = sq_prepared(c, id, sql, &st, err);

	if (rc < 0)
		return rc;
	/* A write outside a transaction is a transaction of its own: it queues for the writer lock too. */
	if (!c->writing && !sqlite3_stmt_readonly(st) && sqlite3_get_autocommit(c->db)) {
		int rows;

		writer_enter(c);
		rows = sq_run(c, st, args, nargs, fn, ctx, err);
		writer_leave(c);
		return rows;
	}
	return sq_run(c, st, args, nargs, fn, ctx, err);
}

/*
 * store_exec_typed: a read whose column types the caller names, each column read with its
 * own accessor. For the statements that hand over millions of rows (the nightly trust
 * recompute's KPI values), the type test per column and the REAL-as-text round trip of
 * sq_run cost more than SQLite's own work.
 */
static int sq_exec_typed(void *conn, enum stmt id, const char *sql, const struct sqlval *args, int nargs,
			 const char *types, store_cells_fn fn, void *ctx, struct error *err)
{
	struct sqlite_conn *c = conn;
	union sqlcell cols[32];
	sqlite3_stmt *st;
	int rc = sq_prepared(c, id, sql, &st, err), rows = 0, ncols = (int)strlen(types);

	if (rc < 0)
		return rc;
	if (!sqlite3_stmt_readonly(st) || ncols > 32 || ncols != sqlite3_column_count(st)) {
		error_set(err, 500, "internal", NULL, "store_exec_typed: a read whose types name each column");
		return STORE_ERROR;
	}
	if ((rows = sq_bind(c, st, args, nargs, err)) < 0)
		goto out;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		rows++;
		for (int i = 0; i < ncols; i++) {
			if (types[i] == 'i')
				cols[i].i = sqlite3_column_int64(st, i);
			else if (types[i] == 'r')
				cols[i].r = sqlite3_column_double(st, i);
			else
				cols[i].s = (const char *)sqlite3_column_text(st, i);
		}
		if (fn(ctx, cols, ncols))
			goto out;
	}
	if (rc != SQLITE_DONE)
		rows = sq_fail(c, rc, err);
out:
	return sq_end(c, st, rows, err);
}

static int sq_query(void *conn, const char *sql, const struct sqlval *args, int nargs, store_row_fn fn,
		    void *ctx, struct error *err)
{
	struct sqlite_conn *c = conn;
	sqlite3_stmt *st = NULL;
	int rc;

	if (sq_lost(c, err))
		return STORE_ERROR;
	rc = sqlite3_prepare_v2(c->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(c, rc, err);
	rc = sq_run(c, st, args, nargs, fn, ctx, err);
	sqlite3_finalize(st);
	return rc;
}

/* Trust-summary triggers (migration 008): raise the version of the engagement whose evidence changed. */
#define SQ_BUMP(expr)                                                                              \
	"INSERT INTO trust_versions (engagement_id, version) SELECT id, 1 FROM engagements WHERE id " expr \
	" ON CONFLICT (engagement_id) DO UPDATE SET version = trust_versions.version + 1; "
#define SQ_TRIGGER(table, event, body) \
	"CREATE TRIGGER " table "_trust_" event " AFTER " event " ON " table " BEGIN " body "END; "
#define SQ_TOUCH(table, ins, upd, del) \
	SQ_TRIGGER(table, "INSERT", SQ_BUMP(ins)) SQ_TRIGGER(table, "UPDATE", SQ_BUMP(upd)) \
	SQ_TRIGGER(table, "DELETE", SQ_BUMP(del))
#define SQ_TOUCH_ENG(table) \
	SQ_TOUCH(table, "= NEW.engagement_id", "IN (NEW.engagement_id, OLD.engagement_id)", "= OLD.engagement_id")
/* 023: kpi_measurements' triggers wait while an import holds them (store_trust_hold), which bumps once itself. */
#define SQ_HELD(event, expr)                                                                                  \
	"CREATE TRIGGER kpi_measurements_trust_" event " AFTER " event " ON kpi_measurements WHEN NOT accord_trust_held() " \
	"BEGIN " SQ_BUMP(expr) "END; "
#define SQ_KPI_MEASUREMENTS_TRUST                                                                    \
	SQ_HELD("INSERT", "= NEW.engagement_id") SQ_HELD("UPDATE", "IN (NEW.engagement_id, OLD.engagement_id)") \
	SQ_HELD("DELETE", "= OLD.engagement_id")
#define SQ_ISSUE(row) "= (SELECT engagement_id FROM strategic_issues WHERE id = " row ".issue_id)"
#define SQ_PAIR(row) \
	"IN (SELECT id FROM engagements WHERE buyer_org_id = " row ".buyer_org_id AND provider_org_id = " row ".org_id)"

/* Search-version triggers (migration 010): any change to what a practice search shows raises the one version. */
#define SQ_SEARCH_ON(table, event)                                                           \
	"CREATE TRIGGER " table "_search_" event " AFTER " event " ON " table                 \
	" BEGIN UPDATE search_version SET version = version + 1 WHERE id = 1; END; "
#define SQ_SEARCH(table) SQ_SEARCH_ON(table, "INSERT") SQ_SEARCH_ON(table, "UPDATE") SQ_SEARCH_ON(table, "DELETE")

/* The same triggers dropped, for a bulk load (store_derived_triggers); every name made above. */
#define SQ_DROP3(table, kind) \
	"DROP TRIGGER " table "_" kind "_INSERT; DROP TRIGGER " table "_" kind "_UPDATE; DROP TRIGGER " table "_" kind "_DELETE; "
#define SQ_DROP_ALL                                                                                               \
	SQ_DROP3("reviews", "trust") SQ_DROP3("actions", "trust") SQ_DROP3("strategic_issues", "trust")                \
	SQ_DROP3("surveys", "trust") SQ_DROP3("roadmap_items", "trust") SQ_DROP3("adoptions", "trust")                 \
	SQ_DROP3("issue_responses", "trust") SQ_DROP3("suggestions", "trust") "DROP TRIGGER engagements_trust_UPDATE; " \
	SQ_DROP3("obligations", "trust") SQ_DROP3("kpis", "trust") SQ_DROP3("kpi_measurements", "trust")               \
	SQ_DROP3("practices", "search") SQ_DROP3("practice_revisions", "search") SQ_DROP3("summit_sessions", "search")  \
	SQ_DROP3("invitations", "search") SQ_DROP3("engagements", "search") SQ_DROP3("orgs", "search")

/* 023: a CHECK's text replaced in the schema table (the texts are SQL literals: their quotes doubled). */
#define SQ_CHECK(table, from, to) \
	"UPDATE sqlite_master SET sql = replace(sql, '" from "', '" to "') WHERE type = 'table' AND name = '" table "'; "

/* The schema's dialect markers in SQLite's words (migrations.h lists them). */
static const char *const markers[][2] = {
	{"@SEARCH_TRIGGERS@", SQ_SEARCH("practices") SQ_SEARCH("practice_revisions") SQ_SEARCH("summit_sessions")
				      SQ_SEARCH("invitations") SQ_SEARCH("engagements") SQ_SEARCH("orgs")},
	{"@TRUST_TRIGGERS@",
	 SQ_TOUCH_ENG("reviews") SQ_TOUCH_ENG("actions") SQ_TOUCH_ENG("strategic_issues") SQ_TOUCH_ENG("surveys")
	 SQ_TOUCH_ENG("roadmap_items") SQ_TOUCH_ENG("adoptions")
	 SQ_TOUCH("issue_responses", SQ_ISSUE("NEW"), SQ_ISSUE("NEW"), SQ_ISSUE("OLD"))
	 SQ_TOUCH("suggestions", SQ_PAIR("NEW"), SQ_PAIR("NEW"), SQ_PAIR("OLD"))
	 "CREATE TRIGGER engagements_trust_UPDATE AFTER UPDATE OF starts_on, mode, title ON engagements BEGIN "
	 SQ_BUMP("= NEW.id") "END"},
	/* 021, 022: delivery evidence (docs/delivery.md) joins the trust evidence. */
	{"@OBLIGATION_TRUST_TRIGGERS@", SQ_TOUCH_ENG("obligations")},
	{"@KPI_TRUST_TRIGGERS@", SQ_TOUCH_ENG("kpis") SQ_KPI_MEASUREMENTS_TRUST},
	{"@KPI_TRUST_HELD@", SQ_DROP3("kpi_measurements", "trust") SQ_KPI_MEASUREMENTS_TRUST},
	{"@PK@", "INTEGER PRIMARY KEY"},
	/*
	 * 015: the table made again without UNIQUE (email), in the migration's transaction (where
	 * foreign keys cannot be switched off): with the checks deferred, dropping the old table
	 * leaves its references counted as broken, and putting every row back into the new one
	 * under the old name mends each (SQLite recounts a parent's children on insert).
	 */
	{"@USERS_EMAIL_PER_ORG@",
	 "PRAGMA defer_foreign_keys = ON; "
	 "CREATE TEMP TABLE users_before_015 AS SELECT id, org_id, email, name, roles, password_hash, feed_token, created_at FROM users; "
	 "CREATE TABLE users_015 (id INTEGER PRIMARY KEY, org_id BIGINT NOT NULL REFERENCES orgs (id), email TEXT NOT NULL, "
	 "name TEXT NOT NULL, roles BIGINT NOT NULL, password_hash TEXT NOT NULL, feed_token TEXT NOT NULL UNIQUE, "
	 "created_at TEXT NOT NULL, UNIQUE (org_id, email)); "
	 "DROP TABLE users; "
	 "ALTER TABLE users_015 RENAME TO users; "
	 "INSERT INTO users (id, org_id, email, name, roles, password_hash, feed_token, created_at) "
	 "SELECT id, org_id, email, name, roles, password_hash, feed_token, created_at FROM users_before_015; "
	 "DROP TABLE users_before_015; "
	 "CREATE INDEX users_org ON users (org_id, id)"},
	{"@AUDIT_APPEND_ONLY@",
	 "CREATE TRIGGER audit_log_refuse_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END; "
	 "CREATE TRIGGER audit_log_refuse_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"},
	/* 023: see its comment; each replace() names the text 011 and 022 wrote, so a second run changes nothing. */
	{"@CHECKS_WITHOUT_IN@",
	 "PRAGMA writable_schema = ON; "
	 SQ_CHECK("audit_log", "CHECK (action IN (''insert'', ''update'', ''delete''))",
		  "CHECK (action = ''insert'' OR action = ''update'' OR action = ''delete'')")
	 SQ_CHECK("kpi_measurements", "CHECK (source IN (''form'', ''api'', ''csv'', ''servicenow''))",
		  "CHECK (source = ''form'' OR source = ''api'' OR source = ''csv'' OR source = ''servicenow'')")
	 SQ_CHECK("service_credits", "CHECK (status IN (''owed'', ''applied'', ''waived''))",
		  "CHECK (status = ''owed'' OR status = ''applied'' OR status = ''waived'')")
	 "PRAGMA writable_schema = RESET"},
	{"@PRACTICE_SEARCH@", "CREATE VIRTUAL TABLE practice_search USING fts5 (title, tags, body, tokenize = 'unicode61 remove_diacritics 2')"},
};

/* Runs a script with its static dialect markers replaced. */
static int sq_script_static(void *conn, const char *sql, struct error *err)
{
	struct sqlite_conn *c = conn;
	struct buf b;
	char *msg = NULL;
	int rc;

	bool begin = !strcmp(sql, "BEGIN IMMEDIATE"), end = !strcmp(sql, "COMMIT") || !strcmp(sql, "ROLLBACK");

	if (c->lost) {
		/* The transaction is gone already: its ROLLBACK ends it, anything else fails as it did. */
		if (strcmp(sql, "ROLLBACK") != 0) {
			sq_lost(c, err);
			return -1;
		}
		c->lost = false;
		c->in_tx = false;
		writer_leave(c);
		return 0;
	}
	if (begin) {
		sq_writable(c);
		writer_enter(c);
	}
	buf_init(&b, 0);
	store_dialect(sql, markers, sizeof markers / sizeof markers[0], &b);
	rc = sqlite3_exec(c->db, b.data, NULL, NULL, &msg);
	buf_release(&b);
	if (begin && rc == SQLITE_OK)
		c->in_tx = true;
	/* The lock goes with the transaction: at its end, or when it could not begin (a failed COMMIT is followed by a ROLLBACK). */
	if ((begin && rc != SQLITE_OK) || (end && sqlite3_get_autocommit(c->db))) {
		writer_leave(c);
		c->in_tx = false;
	}
	if (rc != SQLITE_OK) {
		struct error local = {0};

		if (!err)
			err = &local;
		if (!sq_fault(c, rc, msg ? msg : sqlite3_errstr(rc), err))
			error_set(err, 500, "store", NULL, "database error: %s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		sq_check_lost(c, err);
		return -1;
	}
	return 0;
}

int store_sqlite_backup(const char *from, const char *to, struct error *err)
{
	sqlite3 *src = NULL, *dst = NULL;
	sqlite3_backup *b;
	int rc;

	/* The source is opened as it is (never created); the target must be new. */
	if (sqlite3_open_v2(from, &src, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		error_set(err, 500, "store", "db", "cannot open database '%s': %s", from, src ? sqlite3_errmsg(src) : "out of memory");
		goto done;
	}
	sqlite3_busy_timeout(src, 5000);
	if (sqlite3_open_v2(to, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		error_set(err, 500, "store", "to", "cannot create '%s': %s", to, dst ? sqlite3_errmsg(dst) : "out of memory");
		goto done;
	}
	sqlite3_exec(dst, "PRAGMA synchronous=FULL", NULL, NULL, NULL);
	if (!(b = sqlite3_backup_init(dst, "main", src, "main"))) {
		error_set(err, 500, "store", NULL, "cannot back up: %s", sqlite3_errmsg(dst));
		goto done;
	}
	/*
	 * All pages in one step: one read transaction on the source for the whole copy, so the
	 * copy is the database at one moment. Steps of a few pages would let a writer of another
	 * process restart the copy again and again. The source is busy only while a checkpoint
	 * or a recovery holds it; SQLite's busy handler (5 s) waits that out, and so do these tries.
	 */
	for (int tries = 0; tries < 20; tries++) {
		rc = sqlite3_backup_step(b, -1);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			break;
		sqlite3_sleep(250);
	}
	if (sqlite3_backup_finish(b) != SQLITE_OK || rc != SQLITE_DONE) {
		error_set(err, 500, "store", NULL, "the backup failed: %s", rc != SQLITE_DONE ? sqlite3_errstr(rc) : sqlite3_errmsg(dst));
		goto done;
	}
	sqlite3_close(src);
	src = NULL;
	if (sqlite3_close(dst) != SQLITE_OK) {
		error_set(err, 500, "store", "to", "cannot close '%s'", to);
		dst = NULL;
		goto done;
	}
	return 0;
done:
	sqlite3_close(src);
	sqlite3_close(dst);
	return -1;
}

/* Collects the first row's first column of an integrity or foreign-key check. */
static int check_cb(void *ctx, int n, char **values, char **names)
{
	char *out = ctx;

	(void)names;
	if (!out[0])
		snprintf(out, 200, "%s", n && values[0] ? values[0] : "(null)");
	return 0;
}

long long store_sqlite_memory(void)
{
	return (long long)sqlite3_memory_used();
}

/*
 * The page caches' own pool, outside malloc's heaps (docs/reliability.md, "Resident memory
 * under a long load"): one anonymous mapping of fixed-size slots. SQLite threads its free
 * list through every slot when it starts, so the whole pool is resident from the start and
 * never more. SQLite takes a slot for each cached page; when the pool
 * runs low it reuses its least recently used pages instead of growing (so the pool also
 * bounds all caches together), and takes from malloc only a page it cannot get otherwise.
 * Its size is a budget for all connections together, not the sum of their cache_size:
 * each connection may still cache up to cache_kib() when the others need less
 * (store_sqlite_page_pool_kib says how big, docs/performance.md "Memory" why).
 */
static void *page_pool;
static size_t page_pool_slot;

long long store_sqlite_page_pool_kib(unsigned threads)
{
	const char *v = getenv("ACCORD_SQLITE_PAGE_POOL_KIB");
	char *end;
	long long n;

	if (v && *v) {
		n = strtoll(v, &end, 10);
		if (!*end && n >= 256)
			return n;
	}
	/*
	 * 4 MiB a worker (issue 17: the pool is resident from the start, and was (threads + 1) ×
	 * 6 MiB). Measured on the large dataset, four workers on the portfolio page, which reads
	 * more than 6 MiB of pages either way: page reads from the kernel 3,650 a request with 30
	 * MiB, 5,300–5,600 with 16, 6,300 with 12, 7,200 with 8; server CPU a request 75.0 ms with
	 * 30 MiB, 76.9 with 16 (within noise), about 20 % more with 8.
	 */
	return (long long)(threads ? threads : 4) * 4096; /* 0: the server's default of 4 (server.c) */
}

int store_sqlite_page_pool(long long kib, struct error *err)
{
	int header = 0, slot, slots;
	void *p;

	if (page_pool)
		return 0;
	if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK) {
		error_set(err, 500, "store", "db", "SQLite is already in use; its page-cache pool must come first");
		return -1;
	}
	slot = (4096 + header + 7) & ~7; /* accord's pages are SQLite's default 4096 bytes */
	slots = (int)(kib * 1024 / slot);
	p = mmap(NULL, (size_t)slot * (size_t)slots, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED) {
		error_set(err, 500, "store", "db", "cannot reserve %d KiB for SQLite's page caches: %s",
			  (int)((long long)slot * slots / 1024), strerror(errno));
		return -1;
	}
	if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, p, slot, slots) != SQLITE_OK) {
		munmap(p, (size_t)slot * (size_t)slots);
		error_set(err, 500, "store", "db", "SQLite is already in use; its page-cache pool must come first");
		return -1;
	}
	page_pool = p;
	page_pool_slot = (size_t)slot;
	return 0;
}

long long store_sqlite_page_pool_used(long long *most)
{
	sqlite3_int64 slots = 0, high = 0;

	if (most)
		*most = 0;
	if (!page_pool)
		return 0;
	sqlite3_status64(SQLITE_STATUS_PAGECACHE_USED, &slots, &high, 0);
	if (most)
		*most = (long long)high * (long long)page_pool_slot;
	return (long long)slots * (long long)page_pool_slot;
}

int store_sqlite_check(const char *path, struct error *err)
{
	sqlite3 *db = NULL;
	char integrity[200] = "", fk[200] = "", *msg = NULL;
	int rc = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		error_set(err, 500, "store", "to", "cannot open '%s': %s", path, db ? sqlite3_errmsg(db) : "out of memory");
		goto done;
	}
	if (sqlite3_exec(db, "PRAGMA integrity_check", check_cb, integrity, &msg) != SQLITE_OK ||
	    sqlite3_exec(db, "PRAGMA foreign_key_check", check_cb, fk, &msg) != SQLITE_OK) {
		error_set(err, 500, "store", "to", "cannot check '%s': %s", path, msg ? msg : sqlite3_errmsg(db));
		goto done;
	}
	if (strcmp(integrity, "ok") != 0) {
		error_set(err, 500, "store", "to", "'%s' fails the integrity check: %s", path, integrity);
		goto done;
	}
	if (fk[0]) {
		error_set(err, 500, "store", "to", "'%s' has a row whose reference is missing (table %s)", path, fk);
		goto done;
	}
	rc = 0;
done:
	sqlite3_free(msg);
	sqlite3_close(db);
	return rc;
}

/*
 * The audit triggers (migration 011), made from the catalogue: for each table not in
 * AUDIT_UNAUDITED, one AFTER INSERT, one AFTER UPDATE (only when a value changed) and one
 * AFTER DELETE trigger, named TABLE_audit_insert/update/delete, each writing one audit_log
 * row in the statement's own transaction. SQLite has no dynamic SQL, so the text is written
 * here; PostgreSQL's one trigger function reads the row as JSON instead (postgres.c).
 */
/* A printf format (hence %%): the start of the audit_log row every trigger writes. */
#define AUDIT_ROW "INSERT INTO audit_log (at, actor_user_id, actor_org_id, org_id, entity, entity_id, action, changes) " \
	"VALUES (strftime('%%Y-%%m-%%dT%%H:%%M:%%SZ', 'now'), accord_actor_user(), accord_actor_org(), accord_actor_org(), "
#define AUDIT_COLUMNS_MAX 60 /* json_object takes two arguments a column, and SQLite at most 127 */

struct audit_column {
	char name[64];
	bool secret;
};

static bool plain_name(const char *s)
{
	size_t n = strlen(s);

	if (!n || n > 63)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_' || (i && s[i] >= '0' && s[i] <= '9')))
			return false;
	return true;
}

/* Appends the DROP TRIGGER of every audit trigger there is. */
static int audit_drops(struct sqlite_conn *c, struct buf *out)
{
	sqlite3_stmt *st;
	int rc = sqlite3_prepare_v2(c->db,
				    "SELECT name FROM sqlite_master WHERE type = 'trigger' AND (name LIKE '%\\_audit\\_insert' ESCAPE '\\' "
				    "OR name LIKE '%\\_audit\\_update' ESCAPE '\\' OR name LIKE '%\\_audit\\_delete' ESCAPE '\\')",
				    -1, &st, NULL);

	if (rc != SQLITE_OK)
		return rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);

		if (plain_name(name))
			buf_printf(out, "DROP TRIGGER \"%s\";\n", name);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Appends one table's three triggers; key is the column that names the row (NULL: none). */
static void audit_table(struct buf *out, const char *t, const struct audit_column *col, int n, const char *key)
{
	static const char *const sides[] = {"NEW", "OLD"};

	for (int k = 0; k < 2; k++) {
		const char *row = sides[k], *action = k ? "delete" : "insert";

		buf_printf(out, "CREATE TRIGGER \"%s_audit_%s\" AFTER %s ON \"%s\" BEGIN " AUDIT_ROW "'%s', ", t, action,
			   k ? "DELETE" : "INSERT", t, t);
		if (key)
			buf_printf(out, "%s.\"%s\"", row, key);
		else
			buf_puts(out, "NULL");
		buf_printf(out, ", '%s', json_object(", action);
		for (int i = 0; i < n; i++) {
			if (col[i].secret)
				buf_printf(out, "%s'%s', '[secret]'", i ? ", " : "", col[i].name);
			else
				buf_printf(out, "%s'%s', %s.\"%s\"", i ? ", " : "", col[i].name, row, col[i].name);
		}
		buf_puts(out, ")); END;\n");
	}
	buf_printf(out, "CREATE TRIGGER \"%s_audit_update\" AFTER UPDATE ON \"%s\" WHEN ", t, t);
	for (int i = 0; i < n; i++)
		buf_printf(out, "%sOLD.\"%s\" IS NOT NEW.\"%s\"", i ? " OR " : "", col[i].name, col[i].name);
	buf_printf(out, " BEGIN " AUDIT_ROW "'%s', ", t);
	if (key)
		buf_printf(out, "NEW.\"%s\"", key);
	else
		buf_puts(out, "NULL");
	/* Every column as [old, new], then the unchanged ones removed ('$.-' names none: removes nothing). */
	buf_puts(out, ", 'update', json_remove(json_object(");
	for (int i = 0; i < n; i++) {
		if (col[i].secret)
			buf_printf(out, "%s'%s', '[secret changed]'", i ? ", " : "", col[i].name);
		else
			buf_printf(out, "%s'%s', json_array(OLD.\"%s\", NEW.\"%s\")", i ? ", " : "", col[i].name, col[i].name,
				   col[i].name);
	}
	buf_puts(out, ")");
	for (int i = 0; i < n; i++)
		buf_printf(out, ", CASE WHEN OLD.\"%s\" IS NOT NEW.\"%s\" THEN '$.-' ELSE '$.%s' END", col[i].name, col[i].name,
			   col[i].name);
	buf_puts(out, ")); END;\n");
}

/* Appends the audit triggers of every audited table (after dropping those there are). */
static int audit_make(struct sqlite_conn *c, struct buf *out, struct error *err)
{
	sqlite3_stmt *tables = NULL, *info = NULL;
	int rc = audit_drops(c, out);

	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(c->db,
					"SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
					"AND name NOT LIKE 'practice\\_search\\_%' ESCAPE '\\' AND name NOT IN (" AUDIT_UNAUDITED ") ORDER BY name",
					-1, &tables, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(c->db,
					"SELECT name, name IN (" AUDIT_SECRETS "), upper(type) LIKE '%INT%', pk FROM pragma_table_info(?) ORDER BY cid",
					-1, &info, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(tables)) == SQLITE_ROW) {
		struct audit_column col[AUDIT_COLUMNS_MAX];
		char table[64], key[64] = "";
		int n = 0, key_pk = 0;

		snprintf(table, sizeof table, "%s", (const char *)sqlite3_column_text(tables, 0));
		if (!plain_name(table)) {
			error_set(err, 500, "store", NULL, "cannot audit table '%s': not a plain name", table);
			rc = SQLITE_MISUSE;
			break;
		}
		sqlite3_bind_text(info, 1, table, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(info)) == SQLITE_ROW) {
			const char *name = (const char *)sqlite3_column_text(info, 0);
			int pk = sqlite3_column_int(info, 3);

			if (n == AUDIT_COLUMNS_MAX || !plain_name(name)) {
				error_set(err, 500, "store", NULL, "cannot audit table '%s': too many columns or a name not plain", table);
				rc = SQLITE_MISUSE;
				break;
			}
			snprintf(col[n].name, sizeof col[n].name, "%s", name);
			col[n].secret = sqlite3_column_int(info, 1) != 0;
			/* The row's name: its id, else the first integer column of its primary key. */
			if (!strcmp(name, "id")) {
				key_pk = -1; /* id wins over any key column */
				snprintf(key, sizeof key, "id");
			} else if (pk > 0 && sqlite3_column_int(info, 2) && key_pk >= 0 && (!key_pk || pk < key_pk)) {
				key_pk = pk;
				snprintf(key, sizeof key, "%s", name);
			}
			n++;
		}
		sqlite3_reset(info);
		if (rc != SQLITE_DONE)
			break;
		rc = SQLITE_OK;
		audit_table(out, table, col, n, *key ? key : NULL);
	}
	if (rc == SQLITE_DONE)
		rc = SQLITE_OK;
	if (rc != SQLITE_OK && !err->message[0])
		error_set(err, 500, "store", NULL, "cannot make the audit triggers: %s", sqlite3_errmsg(c->db));
	sqlite3_finalize(tables);
	sqlite3_finalize(info);
	return rc == SQLITE_OK ? 0 : -1;
}

/*
 * Runs a script: its static markers replaced, and its audit markers — @AUDIT_TRIGGERS@
 * (drop and make every audit trigger) and @AUDIT_DROP@ (drop them) — each made from the
 * catalogue as it stands when the script reaches it, so tables created earlier in the same
 * script are seen.
 */
static int sq_script(void *conn, const char *sql, struct error *err)
{
	struct sqlite_conn *c = conn;
	const char *make = strstr(sql, "@AUDIT_TRIGGERS@"), *drop = strstr(sql, "@AUDIT_DROP@"), *at;
	struct error local = {0};
	struct buf b;
	char *head;
	int rc;

	if (!err)
		err = &local;
	if (!make && !drop)
		return sq_script_static(conn, sql, err);
	at = make && (!drop || make < drop) ? make : drop;
	head = strndup(sql, (size_t)(at - sql));
	rc = head ? sq_script_static(conn, head, err) : -1;
	free(head);
	if (rc)
		return -1;
	buf_init(&b, 0);
	rc = at == make ? audit_make(c, &b, err) : audit_drops(c, &b) == SQLITE_OK ? 0 : -1;
	if (!rc && b.len)
		rc = sq_script_static(conn, b.data, err);
	buf_release(&b);
	if (rc)
		return -1;
	return sq_script(conn, at + (at == make ? strlen("@AUDIT_TRIGGERS@") : strlen("@AUDIT_DROP@")), err);
}

const struct store_backend store_sqlite_backend = {
	.name = "sqlite",
	.open = sq_open,
	.close = sq_close,
	.exec = sq_exec,
	.exec_typed = sq_exec_typed,
	.script = sq_script,
	.query = sq_query,
	.begin_sql = "BEGIN IMMEDIATE",
	.triggers_off = SQ_DROP_ALL,
	.triggers_on = "@SEARCH_TRIGGERS@; @TRUST_TRIGGERS@; @OBLIGATION_TRUST_TRIGGERS@; @KPI_TRUST_TRIGGERS@",
	.audit_off = "@AUDIT_DROP@",
	.audit_on = "@AUDIT_TRIGGERS@",
	.set_actor = sq_set_actor,
	.trust_hold = sq_trust_hold,
};
