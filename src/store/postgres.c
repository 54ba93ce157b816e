/* postgres: the PostgreSQL store backend over libpq — one connection per thread, statements prepared once per connection, reconnects after a server restart. */
#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "store.h"

/*
 * Behaviour matches the SQLite backend (docs/scale-out.md):
 * - Placeholders: every statement is written with '?' and becomes $1..$n here, once, when
 *   it is first prepared on a connection.
 * - Results: booleans (EXISTS, comparisons) answer 0/1 and integral numerics (SUM of a
 *   BIGINT) answer integers, as SQLite's do; other numbers answer as text, as SQLite's REAL does.
 * - Transactions: store_begin takes one transaction-scoped advisory lock, so write
 *   transactions run one at a time as under SQLite's BEGIN IMMEDIATE, across every
 *   accord server sharing the database. The invariants that must also hold outside
 *   those transactions (one award per item, one survey per side and period, one
 *   reminder per person) are UNIQUE constraints and conditional UPDATEs, which hold at
 *   READ COMMITTED.
 * - Restarts: a connection found broken is reset before the next statement, and its
 *   prepared statements are prepared again; a statement that fails because the server
 *   went away fails cleanly (500) and is never retried, so nothing is written twice.
 */

/* The one advisory lock key that serialises write transactions ('accord' in ASCII). */
#define WRITE_LOCK "SELECT pg_advisory_xact_lock(97990111114100)"

struct pg_conn {
	PGconn *db;
	bool prepared[STMT__MAX];
	long long actor_user, actor_org; /* the audit trail's actor (store_set_actor); 0: nobody */
	long long told_user, told_org;	 /* the actor the session was last told, for writes outside a transaction */
	bool told;
};

static void pg_unprepare(struct pg_conn *c)
{
	memset(c->prepared, 0, sizeof c->prepared);
	c->told = false; /* a new session knows no actor */
}

/*
 * A transaction is told its actor when it begins (pg_script); one that changes actor midway
 * (the demo, which plays several people in one transaction) is told at once. Otherwise
 * nothing is sent until a write needs it (pg_tell_actor), so reads cost nothing more.
 */
static void pg_set_actor(void *conn, long long user_id, long long org_id)
{
	struct pg_conn *c = conn;
	char set[160];

	c->actor_user = user_id;
	c->actor_org = org_id;
	if (PQtransactionStatus(c->db) == PQTRANS_INTRANS) {
		snprintf(set, sizeof set, "SELECT set_config('accord.actor_user', '%lld', true), set_config('accord.actor_org', '%lld', true)",
			 user_id, org_id);
		PQclear(PQexec(c->db, set));
	}
}

/*
 * Tells the session the actor before a write outside any transaction (a statement that
 * commits on its own, such as a log-in's new session): one round trip, only when the actor
 * differs from what the session was last told. Reads and transactions never pay it: a
 * transaction is told when it begins (pg_script).
 */
static int pg_tell_actor(struct pg_conn *c, const char *sql, struct error *err)
{
	char set[160];
	PGresult *r;
	int rc = 0;

	if (!strncmp(sql, "SELECT", 6) || !strncmp(sql, "WITH", 4) || PQtransactionStatus(c->db) != PQTRANS_IDLE ||
	    (c->told && c->told_user == c->actor_user && c->told_org == c->actor_org))
		return 0;
	snprintf(set, sizeof set, "SELECT set_config('accord.actor_user', '%lld', false), set_config('accord.actor_org', '%lld', false)",
		 c->actor_user, c->actor_org);
	r = PQexec(c->db, set);
	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		error_set(err, 500, "store", NULL, "cannot name the audit trail's actor");
		rc = -1;
	} else {
		c->told = true;
		c->told_user = c->actor_user;
		c->told_org = c->actor_org;
	}
	PQclear(r);
	return rc;
}

/* Reconnects a broken connection; 0 when it is usable. */
static int pg_ensure(struct pg_conn *c, struct error *err)
{
	/*
	 * Between transactions, read whatever the server sent without waiting: a server that
	 * restarted closed this socket, and PQconsumeInput sees it, so the connection is reset
	 * before a statement is sent rather than failing the request that sends it.
	 */
	if (PQstatus(c->db) == CONNECTION_OK && PQtransactionStatus(c->db) == PQTRANS_IDLE)
		PQconsumeInput(c->db);
	if (PQstatus(c->db) == CONNECTION_OK)
		return 0;
	PQreset(c->db);
	pg_unprepare(c);
	if (PQstatus(c->db) != CONNECTION_OK) {
		const char *m = PQerrorMessage(c->db), *nl = strchr(m, '\n');

		fprintf(stderr, "accord: postgresql: %.*s\n", nl ? (int)(nl - m) : (int)strlen(m), m);
		error_set(err, 503, "unavailable", NULL, "the database is unavailable; try again shortly");
		return -1;
	}
	return 0;
}

static void *pg_open(const char *url, struct error *err)
{
	struct pg_conn *c = calloc(1, sizeof *c);
	PGresult *r;

	if (!c) {
		error_set(err, 500, "internal", NULL, "out of memory");
		return NULL;
	}
	c->db = PQconnectdb(url);
	if (!c->db || PQstatus(c->db) != CONNECTION_OK) {
		/* The message may hold the URL's password: say only what failed. */
		const char *m = c->db ? PQerrorMessage(c->db) : "out of memory";
		const char *nl = strchr(m, '\n');

		error_set(err, 500, "store", "db", "cannot connect to PostgreSQL: %.*s", nl ? (int)(nl - m) : (int)strlen(m), m);
		PQfinish(c->db);
		free(c);
		return NULL;
	}
	/* Quiet NOTICEs (CREATE ... IF NOT EXISTS) and plain, predictable text output. */
	r = PQexec(c->db, "SET client_min_messages = warning; SET standard_conforming_strings = on; SET TIME ZONE 'UTC'");
	PQclear(r);
	return c;
}

static void pg_close(void *conn)
{
	struct pg_conn *c = conn;

	PQfinish(c->db);
	free(c);
}

static int pg_fail(struct pg_conn *c, PGresult *r, struct error *err)
{
	const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = r ? PQresultErrorMessage(r) : PQerrorMessage(c->db);
	const char *nl = strchr(msg, '\n');
	int len = nl ? (int)(nl - msg) : (int)strlen(msg);

	/* Class 23: integrity constraint violations (unique, check, foreign key, not null). */
	if (state && !strncmp(state, "23", 2)) {
		error_set(err, 409, "conflict", NULL, "%.*s", len, msg);
		return STORE_CONFLICT;
	}
	/*
	 * libpq's words name the database's host and port: they go to the log, never to a client.
	 * A server going down may answer a statement with class 57 (operator intervention:
	 * 57P01 admin_shutdown on a fast stop) or class 08 (connection exception) before libpq
	 * has seen the socket close: the request fails as unavailable, like a broken connection.
	 */
	if (PQstatus(c->db) != CONNECTION_OK || (state && (!strncmp(state, "57", 2) || !strncmp(state, "08", 2)))) {
		fprintf(stderr, "accord: postgresql: %.*s\n", len, msg);
		error_set(err, 503, "unavailable", NULL, "the database is unavailable; try again shortly");
	} else
		error_set(err, 500, "store", NULL, "database error: %.*s", len, msg);
	return STORE_ERROR;
}

/* '?' outside quoted strings becomes $1, $2, ... */
static char *numbered(const char *sql, int *nparams)
{
	struct buf b;
	bool quoted = false;
	int n = 0;

	buf_init(&b, 0);
	for (const char *p = sql; *p; p++) {
		if (*p == '\'')
			quoted = !quoted;
		if (*p == '?' && !quoted)
			buf_printf(&b, "$%d", ++n);
		else
			buf_putc(&b, *p);
	}
	*nparams = n;
	return buf_detach(&b, NULL);
}

static int pg_prepare(struct pg_conn *c, enum stmt id, const char *sql, struct error *err)
{
	char name[16];
	int n;
	char *text = numbered(sql, &n);
	PGresult *r;
	int rc = 0;

	if (!text) {
		error_set(err, 500, "internal", NULL, "out of memory");
		return -1;
	}
	snprintf(name, sizeof name, "s%d", (int)id);
	r = PQprepare(c->db, name, text, n, NULL);
	if (PQresultStatus(r) != PGRES_COMMAND_OK) {
		pg_fail(c, r, err);
		rc = -1;
	} else {
		c->prepared[id] = true;
	}
	PQclear(r);
	free(text);
	return rc;
}

/* A result column as the SQLite backend would give it. */
static struct sqlval column(PGresult *r, int row, int col)
{
	const char *v;
	struct sqlval out = {SQL_TEXT, 0, NULL};

	if (PQgetisnull(r, row, col))
		return SQL_NUL;
	v = PQgetvalue(r, row, col);
	switch (PQftype(r, col)) {
	case 16: /* bool */
		return SQL_I(v[0] == 't');
	case 20: /* int8 */
	case 21: /* int2 */
	case 23: /* int4 */
		return SQL_I(strtoll(v, NULL, 10));
	case 1700: /* numeric: integral values (a SUM) are integers */
		if (!strchr(v, '.'))
			return SQL_I(strtoll(v, NULL, 10));
		break;
	default:
		break;
	}
	out.s = v;
	return out;
}

/* Runs a prepared statement (name) or, with name NULL, SQL prepared for this call only; rows go to fn. */
static int pg_run(struct pg_conn *c, const char *name, const char *sql, const struct sqlval *args, int nargs,
		  store_row_fn fn, void *ctx, struct error *err)
{
	/* 640: the import's statements of 64 rows take up to 576 (statements.def, MEASUREMENT_INSERT_64). */
	const char *values[640];
	char ints[640][24];
	struct sqlval cols[32];
	PGresult *r;
	int rows, ncols;
	ExecStatusType st;

	if (nargs > 640) {
		error_set(err, 500, "internal", NULL, "too many statement parameters");
		return STORE_ERROR;
	}
	for (int i = 0; i < nargs; i++) {
		switch (args[i].type) {
		case SQL_INT:
			snprintf(ints[i], sizeof ints[i], "%lld", args[i].i);
			values[i] = ints[i];
			break;
		case SQL_TEXT:
			values[i] = args[i].s;
			break;
		default:
			values[i] = NULL;
		}
	}
	if (name) {
		r = PQexecPrepared(c->db, name, nargs, values, NULL, NULL, 0);
	} else {
		int n;
		char *text = numbered(sql, &n);

		r = text ? PQexecParams(c->db, text, nargs, NULL, values, NULL, NULL, 0) : NULL;
		free(text);
	}
	st = PQresultStatus(r);
	if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
		rows = pg_fail(c, r, err);
		PQclear(r);
		return rows;
	}
	rows = PQntuples(r);
	ncols = PQnfields(r);
	if (ncols > 32)
		ncols = 32;
	for (int row = 0; fn && row < rows; row++) {
		for (int i = 0; i < ncols; i++)
			cols[i] = column(r, row, i);
		if (fn(ctx, cols, ncols)) {
			rows = row + 1;
			break;
		}
	}
	/* As in SQLite, a statement without RETURNING answers no rows, whatever it changed. */
	if (st == PGRES_COMMAND_OK)
		rows = 0;
	PQclear(r);
	return rows;
}

/* Whether running sql again cannot write anything twice: a read, outside any transaction. */
static bool retry_safe(const struct pg_conn *c, bool was_idle, const char *sql)
{
	return was_idle && PQstatus(c->db) != CONNECTION_OK && (!strncmp(sql, "SELECT", 6) || !strncmp(sql, "WITH", 4));
}

static int pg_exec(void *conn, enum stmt id, const char *sql, const struct sqlval *args, int nargs,
		   store_row_fn fn, void *ctx, struct error *err)
{
	struct pg_conn *c = conn;
	char name[16];
	bool idle;
	int rc;

	snprintf(name, sizeof name, "s%d", (int)id);
	for (int attempt = 0;; attempt++) {
		if (pg_ensure(c, err))
			return STORE_ERROR;
		idle = PQtransactionStatus(c->db) == PQTRANS_IDLE;
		if ((!c->prepared[id] && pg_prepare(c, id, sql, err)) || pg_tell_actor(c, sql, err))
			rc = STORE_ERROR;
		else
			rc = pg_run(c, name, sql, args, nargs, fn, ctx, err);
		/* A connection the server closed under a read: connect again and read once more. */
		if (rc != STORE_ERROR || attempt > 0 || !retry_safe(c, idle, sql))
			return rc;
	}
}

static int pg_query(void *conn, const char *sql, const struct sqlval *args, int nargs, store_row_fn fn,
		    void *ctx, struct error *err)
{
	struct pg_conn *c = conn;

	if (pg_ensure(c, err) || pg_tell_actor(c, sql, err))
		return STORE_ERROR;
	return pg_run(c, NULL, sql, args, nargs, fn, ctx, err);
}

/* Trust-summary triggers (migration 008): raise the version of the engagement whose evidence changed. */
#define PG_BUMP(expr)                                                                              \
	"INSERT INTO trust_versions (engagement_id, version) SELECT id, 1 FROM engagements WHERE id " expr \
	" ON CONFLICT (engagement_id) DO UPDATE SET version = trust_versions.version + 1; "
#define PG_FUNCTION(name, old_row, new_row) \
	"CREATE FUNCTION " name "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " \
	"IF TG_OP <> 'INSERT' THEN " PG_BUMP(old_row) "END IF; " \
	"IF TG_OP <> 'DELETE' THEN " PG_BUMP(new_row) "END IF; RETURN NULL; END $$; "
#define PG_TRIGGER(table, function) \
	"CREATE TRIGGER " table "_trust AFTER INSERT OR UPDATE OR DELETE ON " table " FOR EACH ROW EXECUTE FUNCTION " function "(); "
#define PG_ISSUE(row) "= (SELECT engagement_id FROM strategic_issues WHERE id = " row ".issue_id)"
#define PG_PAIR(row) \
	"IN (SELECT id FROM engagements WHERE buyer_org_id = " row ".buyer_org_id AND provider_org_id = " row ".org_id)"

/* Search-version triggers (migration 010): once per statement that changes what a practice search shows. */
#define PG_SEARCH(table) \
	"CREATE TRIGGER " table "_search AFTER INSERT OR UPDATE OR DELETE ON " table " FOR EACH STATEMENT EXECUTE FUNCTION search_touch(); "

/* The tables with derived-data triggers, switched off and on for a bulk load (store_derived_triggers). */
#define PG_TRIGGERED(verb)                                                                                       \
	"ALTER TABLE reviews " verb " TRIGGER USER; ALTER TABLE actions " verb " TRIGGER USER; "                        \
	"ALTER TABLE strategic_issues " verb " TRIGGER USER; ALTER TABLE surveys " verb " TRIGGER USER; "               \
	"ALTER TABLE roadmap_items " verb " TRIGGER USER; ALTER TABLE adoptions " verb " TRIGGER USER; "                \
	"ALTER TABLE issue_responses " verb " TRIGGER USER; ALTER TABLE suggestions " verb " TRIGGER USER; "            \
	"ALTER TABLE engagements " verb " TRIGGER USER; ALTER TABLE practices " verb " TRIGGER USER; "                  \
	"ALTER TABLE practice_revisions " verb " TRIGGER USER; ALTER TABLE summit_sessions " verb " TRIGGER USER; "     \
	"ALTER TABLE invitations " verb " TRIGGER USER; ALTER TABLE orgs " verb " TRIGGER USER; "                       \
	"ALTER TABLE obligations " verb " TRIGGER USER; ALTER TABLE kpis " verb " TRIGGER USER; "                       \
	"ALTER TABLE kpi_measurements " verb " TRIGGER USER"

/*
 * The audit triggers (migration 011): one trigger "audit" per table not in AUDIT_UNAUDITED,
 * for each row inserted, updated or deleted, running audit_row(), which reads the row as
 * JSON, keeps an update's changed columns only (and writes nothing when none changed),
 * hides the secret columns, and writes one audit_log row in the statement's transaction.
 * Its argument is the column that names the row: id, else the first integer column of the
 * primary key, else '' (none). The actor comes from the settings pg_script and
 * pg_tell_actor give the transaction or session.
 */
#define PG_AUDIT_FUNCTION                                                                                              \
	"CREATE OR REPLACE FUNCTION audit_row() RETURNS trigger LANGUAGE plpgsql AS $$ "                                  \
	"DECLARE n jsonb; o jsonb; ch jsonb := '{}'; k text; who bigint; org bigint; BEGIN "                              \
	"IF TG_OP <> 'DELETE' THEN n := to_jsonb(NEW); END IF; "                                                         \
	"IF TG_OP <> 'INSERT' THEN o := to_jsonb(OLD); END IF; "                                                         \
	"IF TG_OP = 'UPDATE' THEN "                                                                                      \
	"FOR k IN SELECT jsonb_object_keys(n) LOOP "                                                                     \
	"IF n -> k IS DISTINCT FROM o -> k THEN ch := ch || jsonb_build_object(k, jsonb_build_array(o -> k, n -> k)); END IF; " \
	"END LOOP; IF ch = '{}' THEN RETURN NULL; END IF; "                                                              \
	"ELSE ch := COALESCE(n, o); END IF; "                                                                            \
	"FOREACH k IN ARRAY ARRAY[" AUDIT_SECRETS "] LOOP IF ch ? k THEN "                                                \
	"ch := jsonb_set(ch, ARRAY[k], to_jsonb(CASE WHEN TG_OP = 'UPDATE' THEN '[secret changed]' ELSE '[secret]' END)); " \
	"END IF; END LOOP; "                                                                                             \
	"who := NULLIF(NULLIF(current_setting('accord.actor_user', true), ''), '0')::bigint; "                           \
	"org := NULLIF(NULLIF(current_setting('accord.actor_org', true), ''), '0')::bigint; "                            \
	"INSERT INTO audit_log (at, actor_user_id, actor_org_id, org_id, entity, entity_id, action, changes) VALUES "     \
	"(to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), who, org, org, TG_TABLE_NAME, "            \
	"CASE WHEN TG_ARGV[0] = '' THEN NULL ELSE (COALESCE(n, o) ->> TG_ARGV[0])::bigint END, lower(TG_OP), ch::text); " \
	"RETURN NULL; END $$; "
#define PG_AUDIT_CREATE "CREATE TRIGGER audit AFTER INSERT OR UPDATE OR DELETE ON %1$I FOR EACH ROW EXECUTE FUNCTION audit_row(%2$L)"
/* Runs what (a format() text: %1$I the table, %2$L its naming column) for every audited table of the catalogue. */
#define PG_AUDIT_EACH(what)                                                                                            \
	"DO $$ DECLARE t text; k text; BEGIN "                                                                           \
	"FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace "                      \
	"WHERE s.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname NOT IN (" AUDIT_UNAUDITED ") "    \
	"ORDER BY c.relname LOOP "                                                                                       \
	"SELECT a.attname INTO k FROM pg_attribute a WHERE a.attrelid = quote_ident(t)::regclass AND a.attname = 'id' "  \
	"AND NOT a.attisdropped; "                                                                                       \
	"IF k IS NULL THEN SELECT a.attname INTO k FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid "      \
	"AND a.attnum = ANY (i.indkey) WHERE i.indrelid = quote_ident(t)::regclass AND i.indisprimary "                  \
	"AND a.atttypid IN ('bigint'::regtype, 'integer'::regtype) ORDER BY array_position(i.indkey::int2[], a.attnum) LIMIT 1; " \
	"END IF; "                                                                                                       \
	"EXECUTE format('" what "', t, COALESCE(k, '')); END LOOP; END $$"

/* The schema's dialect markers in PostgreSQL's words (migrations.h lists them). */
static const char *const markers[][2] = {
	{"@SEARCH_TRIGGERS@",
	 "CREATE FUNCTION search_touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
	 "UPDATE search_version SET version = version + 1 WHERE id = 1; RETURN NULL; END $$; "
	 PG_SEARCH("practices") PG_SEARCH("practice_revisions") PG_SEARCH("summit_sessions") PG_SEARCH("invitations")
	 PG_SEARCH("engagements") PG_SEARCH("orgs")},
	{"@TRUST_TRIGGERS@",
	 PG_FUNCTION("trust_touch", "= OLD.engagement_id", "= NEW.engagement_id")
	 PG_FUNCTION("trust_touch_issue", PG_ISSUE("OLD"), PG_ISSUE("NEW"))
	 PG_FUNCTION("trust_touch_pair", PG_PAIR("OLD"), PG_PAIR("NEW"))
	 "CREATE FUNCTION trust_touch_engagement() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " PG_BUMP("= NEW.id")
	 "RETURN NULL; END $$; "
	 PG_TRIGGER("reviews", "trust_touch") PG_TRIGGER("actions", "trust_touch")
	 PG_TRIGGER("strategic_issues", "trust_touch") PG_TRIGGER("surveys", "trust_touch")
	 PG_TRIGGER("roadmap_items", "trust_touch") PG_TRIGGER("adoptions", "trust_touch")
	 PG_TRIGGER("issue_responses", "trust_touch_issue") PG_TRIGGER("suggestions", "trust_touch_pair")
	 "CREATE TRIGGER engagements_trust AFTER UPDATE OF starts_on, mode, title ON engagements FOR EACH ROW "
	 "EXECUTE FUNCTION trust_touch_engagement()"},
	/* 021, 022: delivery evidence (docs/delivery.md) joins the trust evidence (trust_touch comes from 008). */
	{"@OBLIGATION_TRUST_TRIGGERS@", PG_TRIGGER("obligations", "trust_touch")},
	{"@KPI_TRUST_TRIGGERS@", PG_TRIGGER("kpis", "trust_touch") PG_TRIGGER("kpi_measurements", "trust_touch")},
	{"@PK@", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
	/* 015: e-mail unique per organisation, not platform-wide. */
	{"@USERS_EMAIL_PER_ORG@",
	 "ALTER TABLE users DROP CONSTRAINT IF EXISTS users_email_key; "
	 "ALTER TABLE users ADD CONSTRAINT users_org_email UNIQUE (org_id, email)"},
	{"@AUDIT_APPEND_ONLY@",
	 "CREATE FUNCTION audit_log_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
	 "RAISE EXCEPTION 'the audit log is append-only'; END $$; "
	 "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_refuse(); "
	 "CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse()"},
	{"@AUDIT_TRIGGERS@", PG_AUDIT_FUNCTION PG_AUDIT_EACH("DROP TRIGGER IF EXISTS audit ON %1$I; " PG_AUDIT_CREATE)},
	{"@AUDIT_DROP@", PG_AUDIT_EACH("DROP TRIGGER IF EXISTS audit ON %1$I")},
	/* 023: SQLite's own change (sqlite.c says why); PostgreSQL's CHECKs stay as they are. */
	{"@CHECKS_WITHOUT_IN@", "DO $$ BEGIN NULL; END $$"},
	/* 023: PostgreSQL's trust triggers stay per row (store_trust_hold holds only SQLite's). */
	{"@KPI_TRUST_HELD@", "DO $$ BEGIN NULL; END $$"},
	/* The practice index: a tsvector over title (weight A), tags (B) and body (C), GIN-indexed. */
	{"@PRACTICE_SEARCH@",
	 "CREATE TABLE practice_search (rowid BIGINT PRIMARY KEY, title TEXT NOT NULL, tags TEXT NOT NULL, body TEXT NOT NULL, "
	 "doc tsvector GENERATED ALWAYS AS (setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', tags), 'B') || "
	 "setweight(to_tsvector('simple', body), 'C')) STORED); CREATE INDEX practice_search_doc ON practice_search USING GIN (doc)"},
};

static int pg_script(void *conn, const char *sql, struct error *err)
{
	struct pg_conn *c = conn;
	struct buf b;
	PGresult *r;
	int rc = 0;
	bool begin = !strcmp(sql, "BEGIN");

	/* A transaction starts on a working connection; COMMIT and ROLLBACK go to the one it began on. */
	if (begin && pg_ensure(c, err))
		return -1;
	buf_init(&b, 0);
	store_dialect(sql, markers, sizeof markers / sizeof markers[0], &b);
	/* The transaction's actor for the audit triggers (transaction-local), in the same round trip. */
	if (begin)
		buf_printf(&b, "; " WRITE_LOCK ", set_config('accord.actor_user', '%lld', true), set_config('accord.actor_org', '%lld', true)",
			   c->actor_user, c->actor_org);
	r = PQexec(c->db, b.data ? b.data : "");
	/* A BEGIN that found the connection closed did nothing: connect again and begin once more. */
	if (begin && PQresultStatus(r) != PGRES_TUPLES_OK && PQstatus(c->db) != CONNECTION_OK && pg_ensure(c, NULL) == 0) {
		PQclear(r);
		r = PQexec(c->db, b.data);
	}
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
		pg_fail(c, r, err);
		rc = -1;
	}
	PQclear(r);
	buf_release(&b);
	return rc;
}

const struct store_backend store_postgres_backend = {
	.name = "postgresql",
	.open = pg_open,
	.close = pg_close,
	.exec = pg_exec,
	.script = pg_script,
	.query = pg_query,
	.begin_sql = "BEGIN",
	.triggers_off = PG_TRIGGERED("DISABLE"),
	.triggers_on = PG_TRIGGERED("ENABLE"),
	.audit_off = "@AUDIT_DROP@",
	.audit_on = "@AUDIT_TRIGGERS@",
	.set_actor = pg_set_actor,
};
