/* store: picks a backend for a database name and runs migrations and transactions through it. */
#include "store.h"

#include <stdbool.h>

#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "migrations.h"

bool store_log_faults;

struct store {
	const struct store_backend *be;
	void *conn;
	int in_tx;  /* nesting depth of store_begin */
	int failed; /* an inner transaction rolled back: the outer one must not commit */
	int in_job; /* a job of a group commit is running (store_job_begin): inner rollbacks undo the job only */
	const char *const *dialect; /* the backend's own SQL for some statements, NULL where the shared SQL serves */
	bool unavailable; /* a statement failed because the database was unavailable (503), since store_take_unavailable */
	char *db;	  /* what store_open was given: store_open_again opens it again */
};

/* The migration that made the audit trail: later ones get its triggers made again (store_migrate). */
#define AUDIT_MIGRATION 11

/* The depth of the transaction a handler's outermost store_begin opens: 1 inside a job of a group commit. */
static int base(const struct store *s)
{
	return s->in_job ? 1 : 0;
}

static const char *const stmt_sql[STMT__MAX] = {
#define STMT(name, sql) [STMT_##name] = sql,
#include "statements.def"
#undef STMT
};

/* PostgreSQL's own SQL for the few statements whose SQL differs (statements_pg.def); the shared macros above are in scope. */
static const char *const stmt_sql_pg[STMT__MAX] = {
#define STMT_PG(name, sql) [STMT_##name] = sql,
#include "statements_pg.def"
#undef STMT_PG
};

void store_dialect(const char *sql, const char *const markers[][2], size_t n, struct buf *out)
{
	const char *p = sql;

	while (*p) {
		size_t best = strlen(p), which = 0;

		for (size_t k = 0; k < n; k++) {
			const char *m = strstr(p, markers[k][0]);

			if (m && (size_t)(m - p) < best) {
				best = (size_t)(m - p);
				which = k + 1;
			}
		}
		buf_add(out, p, best);
		p += best;
		if (!which)
			break;
		buf_puts(out, markers[which - 1][1]);
		p += strlen(markers[which - 1][0]);
	}
}

bool store_is_postgres(const char *db)
{
	return strncmp(db, "postgresql://", 13) == 0 || strncmp(db, "postgres://", 11) == 0;
}

struct store *store_open(const char *db, struct error *err)
{
	struct store *s;

	if (!db || !*db) {
		error_set(err, 400, "required", "db", "no database given (use --db or ACCORD_DB)");
		return NULL;
	}
	s = calloc(1, sizeof *s);
	if (!s) {
		error_set(err, 500, "internal", NULL, "out of memory");
		return NULL;
	}
	s->be = &store_sqlite_backend;
	if (store_is_postgres(db)) {
		s->be = &store_postgres_backend;
		s->dialect = stmt_sql_pg;
	}
	s->conn = s->be->open(db, err);
	if (!s->conn || !(s->db = strdup(db))) {
		if (s->conn)
			s->be->close(s->conn);
		free(s);
		return NULL;
	}
	return s;
}

struct store *store_open_again(const struct store *s, struct error *err)
{
	/* A SQLite database in memory (or a temporary one) is another database on each connection. */
	if (!store_is_postgres(s->db) && (!strcmp(s->db, ":memory:") || !strncmp(s->db, "file:", 5) || !*s->db)) {
		error_set(err, 500, "internal", NULL, "this database cannot be opened twice");
		return NULL;
	}
	return store_open(s->db, err);
}

void store_close(struct store *s)
{
	if (!s)
		return;
	if (s->in_tx)
		store_rollback(s);
	s->be->close(s->conn);
	free(s->db);
	free(s);
}

int store_exec(struct store *s, enum stmt id, const struct sqlval *args, int nargs,
	       store_row_fn fn, void *ctx, struct error *err)
{
	if (s->in_tx > base(s) && s->failed) {
		error_set(err, 500, "store", NULL, "the transaction was rolled back");
		return STORE_ERROR;
	}
	struct error local = {0};
	int rc = s->be->exec(s->conn, id, s->dialect && s->dialect[id] ? s->dialect[id] : stmt_sql[id], args, nargs, fn,
			     ctx, err ? err : &local);

	if (rc < 0 && (err ? err : &local)->status == 503)
		s->unavailable = true;
	return rc;
}

/* store_exec_typed over a backend without its own: each row of store_exec converted. */
struct typed_rows {
	const char *types;
	store_cells_fn fn;
	void *ctx;
};

static int typed_row(void *ctx, const struct sqlval *c, int n)
{
	struct typed_rows *t = ctx;
	union sqlcell cols[32];

	for (int i = 0; i < n && t->types[i]; i++) {
		if (t->types[i] == 't')
			cols[i].s = c[i].type == SQL_NULL ? NULL : c[i].s;
		else if (t->types[i] == 'r')
			cols[i].r = c[i].type == SQL_INT ? (double)c[i].i : c[i].s ? strtod(c[i].s, NULL) : 0;
		else
			cols[i].i = c[i].type == SQL_INT ? c[i].i : c[i].s ? strtoll(c[i].s, NULL, 10) : 0;
	}
	return t->fn(t->ctx, cols, n);
}

int store_exec_typed(struct store *s, enum stmt id, const struct sqlval *args, int nargs, const char *types,
		     store_cells_fn fn, void *ctx, struct error *err)
{
	struct typed_rows t = {types, fn, ctx};
	struct error local = {0};
	int rc;

	if (!s->be->exec_typed)
		return store_exec(s, id, args, nargs, typed_row, &t, err);
	if (s->in_tx > base(s) && s->failed) {
		error_set(err, 500, "store", NULL, "the transaction was rolled back");
		return STORE_ERROR;
	}
	rc = s->be->exec_typed(s->conn, id, s->dialect && s->dialect[id] ? s->dialect[id] : stmt_sql[id], args, nargs,
			       types, fn, ctx, err ? err : &local);
	if (rc < 0 && (err ? err : &local)->status == 503)
		s->unavailable = true;
	return rc;
}

bool store_take_unavailable(struct store *s)
{
	bool was = s->unavailable;

	s->unavailable = false;
	return was;
}

int store_query(struct store *s, const char *sql, const struct sqlval *args, int nargs,
		store_row_fn fn, void *ctx, struct error *err)
{
	if (s->in_tx > base(s) && s->failed) {
		error_set(err, 500, "store", NULL, "the transaction was rolled back");
		return STORE_ERROR;
	}
	return s->be->query(s->conn, sql, args, nargs, fn, ctx, err);
}

const char *store_backend_name(const struct store *s)
{
	return s->be->name;
}

static int first_int(void *ctx, const struct sqlval *cols, int ncols)
{
	long long *out = ctx;

	*out = ncols > 0 ? cols[0].i : 0;
	return 1;
}

int store_int(struct store *s, enum stmt id, const struct sqlval *args, int nargs,
	      long long *out, struct error *err)
{
	int n = store_exec(s, id, args, nargs, first_int, out, err);

	if (n < 0)
		return n;
	return n == 0 ? 1 : 0;
}

/*
 * Transactions nest: an inner begin/commit pair joins the outer transaction, and a
 * rollback anywhere rolls the whole of it back (the outer commit then fails).
 *
 * Inside a job of a group commit (store_job_begin) the batch's transaction is already
 * open: the handler's outermost transaction is then a savepoint "tx" within the job's, and
 * behaves as it would on its own — a rollback undoes it and nothing else of the job.
 */
int store_begin(struct store *s, struct error *err)
{
	if (s->in_tx++ > base(s))
		return 0;
	s->failed = 0;
	if (s->be->script(s->conn, s->in_job ? "SAVEPOINT tx" : s->be->begin_sql, err)) {
		s->in_tx = base(s);
		return -1;
	}
	return 0;
}

int store_begin_snapshot(struct store *s, struct error *err)
{
	bool pg = !strcmp(s->be->name, "postgresql");

	if (s->in_tx) {
		error_set(err, 500, "internal", NULL, "a snapshot cannot begin inside a transaction");
		return -1;
	}
	/* Neither is the backend's begin_sql, so neither takes the writers' lock. */
	if (s->be->script(s->conn, pg ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN DEFERRED", err))
		return -1;
	s->in_tx = 1;
	s->failed = 0;
	return 0;
}

int store_commit(struct store *s, struct error *err)
{
	if (s->in_tx > base(s) + 1) {
		s->in_tx--;
		return 0;
	}
	s->in_tx = base(s);
	if (s->failed) {
		if (s->in_job)
			s->be->script(s->conn, "RELEASE tx", NULL);
		s->failed = 0;
		error_set(err, 500, "store", NULL, "the transaction was rolled back");
		return -1;
	}
	if (s->in_job)
		return s->be->script(s->conn, "RELEASE tx", err) ? -1 : 0;
	if (s->be->script(s->conn, "COMMIT", err)) {
		s->be->script(s->conn, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}

void store_rollback(struct store *s)
{
	const char *undo = s->in_job ? "ROLLBACK TO tx" : "ROLLBACK";

	if (s->in_tx > base(s) + 1) {
		s->in_tx--;
		if (!s->failed)
			s->be->script(s->conn, undo, NULL);
		s->failed = 1;
		return;
	}
	if (!s->failed)
		s->be->script(s->conn, undo, NULL);
	if (s->in_job)
		s->be->script(s->conn, "RELEASE tx", NULL);
	s->in_tx = base(s);
	s->failed = 0;
}

int store_schema_latest(void)
{
	return migrations_count ? migrations[migrations_count - 1].version : 0;
}

int store_schema_version(struct store *s)
{
	long long v = 0;

	if (s->be->script(s->conn,
			  "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
			  NULL))
		return -1;
	if (store_int(s, STMT_SCHEMA_VERSION, NULL, 0, &v, NULL) < 0)
		return -1;
	return (int)v;
}

int store_migrate(struct store *s, int *applied, struct error *err)
{
	int current;

	*applied = 0;
	if (store_begin(s, err))
		return -1;
	current = store_schema_version(s);
	if (current < 0) {
		error_set(err, 500, "store", NULL, "cannot read the schema version");
		goto fail;
	}
	for (size_t i = 0; i < migrations_count; i++) {
		struct sqlval v[1];

		if (migrations[i].version <= current)
			continue;
		if (s->be->script(s->conn, migrations[i].sql, err))
			goto fail;
		v[0] = SQL_I(migrations[i].version);
		if (store_exec(s, STMT_SCHEMA_MARK, v, 1, NULL, NULL, err) < 0)
			goto fail;
		(*applied)++;
	}
	/* A table or column a later migration added is audited like the rest, without anyone remembering to. */
	if (*applied && store_schema_latest() > AUDIT_MIGRATION &&
	    s->be->script(s->conn, s->be->audit_on, err))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

/*
 * Jobs of a group commit: inside one open transaction, each job runs between a savepoint
 * and its release, and is undone alone when it fails (keep false).
 */
int store_job_begin(struct store *s, struct error *err)
{
	if (s->in_tx != 1 || s->in_job) {
		error_set(err, 500, "store", NULL, "a job runs only inside a transaction, one at a time");
		return -1;
	}
	if (s->be->script(s->conn, "SAVEPOINT job", err))
		return -1;
	s->in_job = 1;
	s->failed = 0;
	return 0;
}

void store_job_end(struct store *s, bool keep)
{
	if (!s->in_job)
		return;
	/* A handler's transaction left open by mistake is not kept. */
	if (!keep || s->in_tx > 1)
		s->be->script(s->conn, "ROLLBACK TO job", NULL);
	s->be->script(s->conn, "RELEASE job", NULL);
	s->in_tx = 1;
	s->in_job = 0;
	s->failed = 0;
}

/* Always passed on: on PostgreSQL a savepoint undone undoes the setting made inside it too. */
void store_set_actor(struct store *s, long long user_id, long long org_id)
{
	s->be->set_actor(s->conn, user_id, org_id);
}

void store_trust_hold(struct store *s, bool held)
{
	if (s->be->trust_hold)
		s->be->trust_hold(s->conn, held);
}

int store_audit_triggers(struct store *s, bool on, struct error *err)
{
	if (!s->in_tx) {
		error_set(err, 500, "store", NULL, "triggers are switched only inside a transaction");
		return -1;
	}
	return s->be->script(s->conn, on ? s->be->audit_on : s->be->audit_off, err);
}

int store_derived_triggers(struct store *s, bool on, struct error *err)
{
	if (!s->in_tx) {
		error_set(err, 500, "store", NULL, "triggers are switched only inside a transaction");
		return -1;
	}
	return s->be->script(s->conn, on ? s->be->triggers_on : s->be->triggers_off, err);
}
