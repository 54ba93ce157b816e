/* test_audit: the audit trail on the demo world — one row per change with its actor, kept or undone with its transaction and its group-commit job, no secrets, append-only, and every table but the listed ones audited (SQLite, or PostgreSQL from ACCORD_TEST_DB). */
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../harness.h"
#include "service/actions.h"
#include "service/auth.h"
#include "service/demo.h"
#include "service/orgs.h"
#include "store/store.h"

static struct store *S;
static char dir[64], dbpath[256];
static bool pg;
static long long cm_user, cm_org; /* the demo's contract manager at Northwind Bank */
static char cm_password[64];

static int int_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].type == SQL_NULL ? -1 : c[0].i;
	return 0;
}

/* The first column of the first row of an ad-hoc query, -1 for NULL, -2 for no row, -3 on error. */
static long long one(const char *sql, long long arg)
{
	struct sqlval a[1] = {SQL_I(arg)};
	long long v = -2;

	if (store_query(S, sql, a, strstr(sql, "?") ? 1 : 0, int_cb, &v, NULL) < 0)
		return -3;
	return v;
}

static int run(const char *sql, long long arg)
{
	struct sqlval a[1] = {SQL_I(arg)};

	return store_query(S, sql, a, strstr(sql, "?") ? 1 : 0, NULL, NULL, NULL);
}

static long long newest(void)
{
	long long v = one("SELECT COALESCE(MAX(id), 0) FROM audit_log", 0);

	return v;
}

/* One audit row, read back. */
struct row {
	long long actor_user, actor_org, org, entity_id;
	char entity[64], action[16];
	json_t *changes;
};

static int row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct row *r = ctx;

	(void)n;
	r->actor_user = c[0].type == SQL_INT ? c[0].i : 0;
	r->actor_org = c[1].type == SQL_INT ? c[1].i : 0;
	r->org = c[2].type == SQL_INT ? c[2].i : 0;
	r->entity_id = c[5].type == SQL_INT ? c[5].i : 0;
	snprintf(r->entity, sizeof r->entity, "%s", c[3].s ? c[3].s : "");
	snprintf(r->action, sizeof r->action, "%s", c[4].s ? c[4].s : "");
	r->changes = c[6].s ? json_loads(c[6].s, 0, NULL) : NULL;
	return 1;
}

static bool row_after(long long after, struct row *r)
{
	struct sqlval a[1] = {SQL_I(after)};

	memset(r, 0, sizeof *r);
	return store_query(S, "SELECT actor_user_id, actor_org_id, org_id, entity, action, entity_id, changes FROM audit_log WHERE id > ? ORDER BY id LIMIT 1",
			   a, 1, row_cb, r, NULL) == 1;
}

/* A change through the service layer: exactly one row, naming the actor, the organisation, the row and what changed. */
static void one_change_one_row(void)
{
	long long action = one("SELECT min(id) FROM actions WHERE status = 'open'", 0), before = newest();
	struct action_input in = {NULL, 0, NULL, "done", NULL};
	struct error err = {0};
	struct row r;
	json_t *status;

	store_set_actor(S, cm_user, cm_org);
	CHECK_INT(action_update(S, action, &in, &err), 0);
	store_set_actor(S, 0, 0);
	CHECK_INT(one("SELECT count(*) FROM audit_log WHERE id > ?", before), 1);
	CHECK(row_after(before, &r));
	CHECK_STR(r.entity, "actions");
	CHECK_STR(r.action, "update");
	CHECK_INT(r.entity_id, action);
	CHECK_INT(r.actor_user, cm_user);
	CHECK_INT(r.actor_org, cm_org);
	CHECK_INT(r.org, cm_org);
	status = json_object_get(r.changes, "status");
	CHECK(json_is_array(status) && json_array_size(status) == 2);
	CHECK_STR(json_string_value(json_array_get(status, 0)), "open");
	CHECK_STR(json_string_value(json_array_get(status, 1)), "done");
	/* Only what changed: the title stayed. */
	CHECK(!json_object_get(r.changes, "title"));
	json_decref(r.changes);
	/* An update that changes nothing is no change. */
	before = newest();
	CHECK(run("UPDATE actions SET title = title WHERE id = ?", action) >= 0);
	CHECK_INT(newest(), before);
}

/* An insert records the new values, a delete the old ones; the command line's rows name nobody. */
static void insert_and_delete(void)
{
	struct org_input in = {"Audit Test Ltd", "buyer", "Testing"};
	struct error err = {0};
	long long before = newest(), id;
	struct row r;

	id = org_create(S, &in, &err);
	CHECK(id > 0);
	CHECK(row_after(before, &r));
	CHECK_STR(r.entity, "orgs");
	CHECK_STR(r.action, "insert");
	CHECK_INT(r.entity_id, id);
	CHECK_INT(r.actor_user, 0);
	CHECK_INT(r.org, 0);
	CHECK_STR(json_string_value(json_object_get(r.changes, "name")), "Audit Test Ltd");
	json_decref(r.changes);
	before = newest();
	CHECK(run("DELETE FROM orgs WHERE id = ?", id) >= 0);
	CHECK(row_after(before, &r));
	CHECK_STR(r.action, "delete");
	CHECK_INT(r.entity_id, id);
	CHECK_STR(json_string_value(json_object_get(r.changes, "industry")), "Testing");
	json_decref(r.changes);
}

/* Rolled back, the change leaves no audit row: they share one transaction. */
static void rollback_leaves_none(void)
{
	long long action = one("SELECT min(id) FROM actions WHERE status = 'open'", 0), before = newest();
	struct action_input in = {"Renamed, then undone", 0, NULL, NULL, NULL};
	struct error err = {0};

	store_set_actor(S, cm_user, cm_org);
	CHECK_INT(store_begin(S, &err), 0);
	CHECK_INT(action_update(S, action, &in, &err), 0);
	CHECK_INT(one("SELECT count(*) FROM audit_log WHERE id > ?", before), 1); /* written inside the transaction... */
	store_rollback(S);
	store_set_actor(S, 0, 0);
	CHECK_INT(newest(), before); /* ...and gone with it */
	CHECK_INT(one("SELECT count(*) FROM actions WHERE title = 'Renamed, then undone'", 0), 0);
}

/* A group commit (batch.c): a failed job's audit row goes with it; the jobs around it keep theirs, each with its own actor. */
static void failed_job_leaves_none(void)
{
	long long a1 = one("SELECT min(id) FROM actions", 0), a2 = one("SELECT min(id) FROM actions WHERE id > ?", a1);
	long long a3 = one("SELECT min(id) FROM actions WHERE id > ?", a2), before = newest();
	long long other_user = one("SELECT min(id) FROM users WHERE org_id <> ?", cm_org);
	long long other_org = one("SELECT org_id FROM users WHERE id = ?", other_user);
	struct action_input in = {"Job title", 0, NULL, NULL, NULL};
	struct error err = {0};
	struct sqlval a[2];

	CHECK_INT(store_begin(S, &err), 0);
	/* job 1: kept */
	CHECK_INT(store_job_begin(S, &err), 0);
	store_set_actor(S, cm_user, cm_org);
	in.title = "Job one";
	CHECK_INT(action_update(S, a1, &in, &err), 0);
	store_job_end(S, true);
	/* job 2: fails after writing */
	CHECK_INT(store_job_begin(S, &err), 0);
	store_set_actor(S, other_user, other_org);
	in.title = "Job two";
	CHECK_INT(action_update(S, a2, &in, &err), 0);
	store_job_end(S, false);
	/* job 3: kept, by someone else */
	CHECK_INT(store_job_begin(S, &err), 0);
	store_set_actor(S, other_user, other_org);
	in.title = "Job three";
	CHECK_INT(action_update(S, a3, &in, &err), 0);
	store_job_end(S, true);
	store_set_actor(S, 0, 0);
	CHECK_INT(store_commit(S, &err), 0);
	CHECK_INT(one("SELECT count(*) FROM audit_log WHERE id > ?", before), 2); /* ids: PostgreSQL's undone ones leave gaps */
	a[0] = SQL_I(before);
	a[1] = SQL_I(a1);
	CHECK_INT(one("SELECT count(*) FROM audit_log WHERE entity = 'actions' AND entity_id = ? AND changes LIKE '%Job two%'", a2), 0);
	CHECK(store_query(S, "SELECT actor_user_id FROM audit_log WHERE id > ? AND entity_id = ?", a, 2, int_cb, &a[1].i, NULL) == 1);
	CHECK_INT(a[1].i, cm_user);
	a[1] = SQL_I(a3);
	CHECK(store_query(S, "SELECT actor_user_id FROM audit_log WHERE id > ? AND entity_id = ?", a, 2, int_cb, &a[1].i, NULL) == 1);
	CHECK_INT(a[1].i, other_user);
}

struct texts {
	char v[160][160];
	int n;
};

static int text_cb(void *ctx, const struct sqlval *c, int n)
{
	struct texts *t = ctx;

	(void)n;
	if (t->n < 160 && c[0].s)
		snprintf(t->v[t->n++], sizeof t->v[0], "%s", c[0].s);
	return 0;
}

static long long mentions(const char *secret)
{
	struct sqlval a[1] = {SQL_T(secret)};
	long long n = -1;

	store_query(S, "SELECT count(*) FROM audit_log WHERE changes LIKE '%' || ? || '%'", a, 1, int_cb, &n, NULL);
	return n;
}

/* Password hashes, feed tokens, session token hashes and CSRF tokens never enter the log; a log-in is audited as its person's. */
static void secrets_never_written(void)
{
	char token[AUTH_TOKEN_LEN], hash[128];
	struct caller c = {0};
	struct error err = {0};
	static struct texts t;
	struct sqlval a[2];
	long retry = 0;
	long long before = newest();
	struct row r;

	/* A log-in: one new session row, by the person who signed in, with no token material. */
	CHECK_INT(auth_login(S, "tom.okafor@northwind.example", cm_password, "127.0.0.1", "web", token, &c, &retry, &err), 0);
	CHECK(row_after(before, &r));
	CHECK_STR(r.entity, "sessions");
	CHECK_STR(r.action, "insert");
	CHECK_INT(r.actor_user, cm_user);
	CHECK_INT(r.org, cm_org);
	CHECK_STR(json_string_value(json_object_get(r.changes, "token_hash")), "[secret]");
	CHECK_STR(json_string_value(json_object_get(r.changes, "csrf")), "[secret]");
	json_decref(r.changes);
	CHECK_INT(mentions(token), 0);
	CHECK_INT(mentions(c.csrf), 0);
	/* The log-in named its person for its own write only: what follows is the system's again. */
	before = newest();
	CHECK(run("UPDATE users SET name = name || '.' WHERE id = ?", cm_user) >= 0);
	CHECK(row_after(before, &r));
	CHECK_INT(r.actor_user, 0);
	json_decref(r.changes);
	/* A password and a feed token changed: the row says so, not what they are. */
	CHECK_INT(auth_password_hash("another correct horse", hash), 0);
	a[0] = SQL_T(hash);
	a[1] = SQL_I(cm_user);
	before = newest();
	store_set_actor(S, cm_user, cm_org);
	CHECK(store_query(S, "UPDATE users SET password_hash = ?, feed_token = 'feed-token-secret-1' WHERE id = ?", a, 2, NULL, NULL, NULL) >= 0);
	store_set_actor(S, 0, 0);
	CHECK(row_after(before, &r));
	CHECK_STR(json_string_value(json_object_get(r.changes, "password_hash")), "[secret changed]");
	CHECK_STR(json_string_value(json_object_get(r.changes, "feed_token")), "[secret changed]");
	json_decref(r.changes);
	CHECK_INT(mentions("feed-token-secret-1"), 0);
	/* No hash or token that is in the database now is anywhere in the log. */
	store_query(S, "SELECT password_hash FROM users UNION ALL SELECT feed_token FROM users UNION ALL SELECT token_hash FROM sessions "
		       "UNION ALL SELECT csrf FROM sessions", NULL, 0, text_cb, &t, NULL);
	CHECK(t.n > 10);
	for (int i = 0; i < t.n; i++)
		CHECK_INT(mentions(t.v[i]), 0);
	CHECK_INT(auth_logout(S, token), 0);
	CHECK_INT(one("SELECT count(*) FROM audit_log WHERE entity = 'sessions' AND action = 'delete' AND changes LIKE '%[secret]%'", 0) >= 1, 1);
}

/* audit_log refuses UPDATE and DELETE (and TRUNCATE on PostgreSQL) from any connection. */
static void append_only(void)
{
	long long count = one("SELECT count(*) FROM audit_log", 0), id = newest();

	CHECK(count > 0);
	CHECK(run("UPDATE audit_log SET entity = 'forged' WHERE id = ?", id) < 0);
	CHECK(run("DELETE FROM audit_log WHERE id = ?", id) < 0);
	CHECK(run("DELETE FROM audit_log", 0) < 0);
	if (pg)
		CHECK(run("TRUNCATE audit_log", 0) < 0);
	CHECK_INT(one("SELECT count(*) FROM audit_log", 0), count);
	CHECK_INT(one("SELECT count(*) FROM audit_log WHERE entity = 'forged'", 0), 0);
}

/* Every table has its insert, update and delete triggers but the listed ones, which have none; a new table gets them too. */
static const char *const unaudited[] = {"audit_log", "schema_migrations", "trust_summaries", "trust_versions", "search_version",
					"practice_search", "login_failures", "events", NULL};

static bool listed(const char *t)
{
	for (int i = 0; unaudited[i]; i++)
		if (!strcmp(unaudited[i], t))
			return true;
	return !strncmp(t, "practice_search_", 16); /* SQLite's own tables for the full-text index */
}

static long long events_of(const char *table)
{
	struct sqlval a[1] = {SQL_T(table)};
	long long n = -1;

	store_query(S,
		    pg ? "SELECT count(DISTINCT event_manipulation) FROM information_schema.triggers WHERE event_object_schema = current_schema() "
			 "AND event_object_table = ? AND trigger_name = 'audit' AND action_timing = 'AFTER'"
		       : "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?1 AND name IN "
			 "(?1 || '_audit_insert', ?1 || '_audit_update', ?1 || '_audit_delete')",
		    a, 1, int_cb, &n, NULL);
	return n;
}

static void every_table_audited(void)
{
	static struct texts tables;
	struct error err = {0};
	int audited = 0;

	CHECK(store_query(S,
			  pg ? "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
			       "AND c.relkind IN ('r', 'p') ORDER BY 1"
			     : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY 1",
			  NULL, 0, text_cb, &tables, NULL) > 0);
	for (int i = 0; i < tables.n; i++) {
		long long want = listed(tables.v[i]) ? 0 : 3, got = events_of(tables.v[i]);

		if (got != want)
			fprintf(stderr, "table %s has %lld audit triggers, want %lld\n", tables.v[i], got, want);
		CHECK_INT(got, want);
		audited += want == 3;
	}
	CHECK(audited >= 30);
	/* A table made later gets its triggers when they are made again (store_migrate does after a migration). */
	CHECK_INT(store_begin(S, &err), 0);
	CHECK(run("CREATE TABLE audit_probe (id BIGINT PRIMARY KEY, note TEXT)", 0) >= 0);
	CHECK_INT(store_audit_triggers(S, true, &err), 0);
	CHECK_INT(events_of("audit_probe"), 3);
	CHECK(run("INSERT INTO audit_probe (id, note) VALUES (7, 'hello')", 0) >= 0);
	CHECK_INT(one("SELECT entity_id FROM audit_log WHERE entity = 'audit_probe'", 0), 7);
	/* Off, for a copy: no triggers, no rows. */
	CHECK_INT(store_audit_triggers(S, false, &err), 0);
	CHECK_INT(events_of("actions"), 0);
	store_rollback(S);
	CHECK_INT(events_of("actions"), 3);
	CHECK_INT(one("SELECT count(*) FROM audit_log WHERE entity = 'audit_probe'", 0), 0);
}

/*
 * Migration 023 wrote SQLite's CHECKs of three or more values as comparisons joined by OR (a
 * CHECK with IN builds a temporary b-tree each time an audit trigger runs): the schema says so,
 * the database is whole, and each check still refuses a value outside its list, for this
 * connection and for one opened afterwards.
 */
static void checks_still_refuse(void)
{
	static struct texts t;
	struct error err = {0};
	struct store *other = NULL;

	if (!pg) {
		CHECK_INT(one("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('audit_log', 'kpi_measurements', "
			      "'service_credits') AND sql LIKE '%CHECK (% = ''%'' OR % = ''%'' OR % = ''%'')%' AND sql NOT LIKE '% IN (''%'", 0), 3);
		t.n = 0;
		CHECK(store_query(S, "PRAGMA integrity_check", NULL, 0, text_cb, &t, NULL) == 1);
		CHECK_STR(t.n ? t.v[0] : "", "ok");
		other = store_open(dbpath, &err);
		CHECK(other != NULL);
	}
	/* Each pair in a transaction of its own, the allowed value first: on PostgreSQL a failed statement ends the transaction. */
	for (int k = 0; k < (other ? 2 : 1); k++) {
		struct store *s = k ? other : S;
		static const char *const pairs[][2] = {
			{"INSERT INTO audit_log (at, entity, action, changes) VALUES ('2026-01-01T00:00:00Z', 't', 'delete', '{}')",
			 "INSERT INTO audit_log (at, entity, action, changes) VALUES ('2026-01-01T00:00:00Z', 't', 'forged', '{}')"},
			{"UPDATE kpi_measurements SET source = 'servicenow'", "UPDATE kpi_measurements SET source = 'fax'"},
			{"UPDATE service_credits SET status = 'waived'", "UPDATE service_credits SET status = 'forgiven'"},
		};

		for (int i = 0; i < 3; i++) {
			CHECK_INT(store_begin(s, &err), 0);
			CHECK(store_query(s, pairs[i][0], NULL, 0, NULL, NULL, NULL) >= 0);
			CHECK(store_query(s, pairs[i][1], NULL, 0, NULL, NULL, NULL) < 0);
			store_rollback(s);
		}
	}
	CHECK_INT(one("SELECT count(*) FROM kpi_measurements", 0) > 0, 1);
	CHECK_INT(one("SELECT count(*) FROM service_credits", 0) > 0, 1);
	if (other)
		store_close(other);
}

/* The demo's logins (ROLE EMAIL PASSWORD lines): the contract manager's password. */
static void read_password(FILE *logins)
{
	char role[64], email[128], password[64];

	rewind(logins);
	while (fscanf(logins, "%63s %127s %63s", role, email, password) == 3)
		if (!strcmp(email, "tom.okafor@northwind.example"))
			snprintf(cm_password, sizeof cm_password, "%s", password);
}

int main(void)
{
	struct error err = {0};
	int applied = 0;
	FILE *logins = tmpfile();

	if (sodium_init() < 0 || !logins)
		return 1;
	setenv("ACCORD_TODAY", "2026-11-26", 1);
	snprintf(dir, sizeof dir, "/tmp/accord-audit-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	/* ACCORD_TEST_DB: an empty PostgreSQL database to run against (tests/run makes one); else a SQLite file. */
	if (getenv("ACCORD_TEST_DB") && *getenv("ACCORD_TEST_DB"))
		snprintf(dbpath, sizeof dbpath, "%s", getenv("ACCORD_TEST_DB"));
	else
		snprintf(dbpath, sizeof dbpath, "%s/test.db", dir);
	S = store_open(dbpath, &err);
	if (!S || store_migrate(S, &applied, &err) != 0 || demo_fill(S, logins, &err) != 0) {
		fprintf(stderr, "cannot set up %s: %s\n", dbpath, err.message);
		return 1;
	}
	pg = !strcmp(store_backend_name(S), "postgresql");
	read_password(logins);
	fclose(logins);
	cm_user = one("SELECT id FROM users WHERE email = 'tom.okafor@northwind.example'", 0);
	cm_org = one("SELECT org_id FROM users WHERE email = 'tom.okafor@northwind.example'", 0);
	if (cm_user <= 0 || !cm_password[0]) {
		fprintf(stderr, "the demo has no contract manager to act as\n");
		return 1;
	}
	RUN(one_change_one_row);
	RUN(insert_and_delete);
	RUN(rollback_leaves_none);
	RUN(failed_job_leaves_none);
	RUN(secrets_never_written);
	RUN(append_only);
	RUN(every_table_audited);
	RUN(checks_still_refuse);
	store_close(S);
	if (!getenv("ACCORD_TEST_DB") || !*getenv("ACCORD_TEST_DB")) {
		char p[300];

		snprintf(p, sizeof p, "%s-wal", dbpath);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", dbpath);
		unlink(p);
		unlink(dbpath);
		rmdir(dir);
	}
	return HARNESS_DONE("audit");
}
