/* crash: drives concurrent writes into accord serve, SIGKILLs it at random moments, and proves every acknowledged write survived intact (or, with --backup, that a backup taken under load holds every write acknowledged before it began). */
#define _GNU_SOURCE
#include <curl/curl.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/*
 * What is checked, after every kill (the server is down while the database is read):
 * - every write that got a 2xx answer is there, with the fields it wrote (or, for a
 *   field written again later by a request whose answer was lost, one of those values);
 * - SQLite: PRAGMA integrity_check is "ok" and PRAGMA foreign_key_check finds nothing;
 *   PostgreSQL (whose own integrity is not in question: only accord was killed): no row
 *   points at a row that is missing;
 * - the unique rules: one award per item (one won bid, the one the item names), one
 *   survey per review and side, one bid per item and provider, one adoption per practice
 *   and engagement; and of every pair of racing awards at most one was answered 200.
 *
 * Each round the server takes "today" one day later (ACCORD_TODAY), so that the items
 * bid on in one round are past their deadline, and can be awarded, in the next.
 */

#define THREADS 6
#define ROUNDS_MAX 2000
#define VALUES_MAX 8
#define TODAY0_YEAR 2026
#define TODAY0_MON 11
#define TODAY0_DAY 26

static const char *bin, *db, *workdir, *restore_to;
static bool pg;
static int kills = 20;
static unsigned long long seed;
static int port;
static pid_t server_pid;
static char base[64];
static int round_no; /* the current round; today is TODAY0 + round_no days */
static volatile int stop_round;
static int failures;
static long long acked_total, unanswered_total, refused_total, server_errors, award_races, award_both_won;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void fail(const char *f, ...) __attribute__((format(printf, 1, 2)));
static void fail(const char *f, ...)
{
	va_list ap;

	pthread_mutex_lock(&lock);
	failures++;
	fprintf(stdout, "FAIL: ");
	va_start(ap, f);
	vfprintf(stdout, f, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
	pthread_mutex_unlock(&lock);
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* xorshift64*: one stream for the kill times, one per worker per round. */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ULL;
}

static void day(int offset, char out[11])
{
	struct tm t = {0};
	time_t x;

	t.tm_year = TODAY0_YEAR - 1900;
	t.tm_mon = TODAY0_MON - 1;
	t.tm_mday = TODAY0_DAY + offset;
	t.tm_hour = 12;
	x = timegm(&t);
	gmtime_r(&x, &t);
	strftime(out, 11, "%Y-%m-%d", &t);
}

/* ---- expectations: what the database must hold ---- */

/*
 * One row's key fields, read by one query returning one text value. values: what may be
 * there (the last acknowledged value, plus any later value whose answer was lost). For the
 * backup check: at_backup, the values when the backup began, and later, every value
 * written or tried since (the copy may hold any of them, never an older one).
 */
struct expect {
	char sql[240];
	char *values[VALUES_MAX];
	int nvalues;
	bool acked;	     /* must exist */
	double acked_at;     /* monotonic time of its first 2xx */
	bool multi;	     /* several writers race on this row: a 2xx adds its value instead of replacing */
	char **at_backup, **later;
	int nat_backup, nlater, caplater;
};

static bool recording; /* a backup is under way: every value written goes to later too */

static struct expect **expects;
static size_t nexpects, capexpects;

static void values_clear(struct expect *e)
{
	for (int i = 0; i < e->nvalues; i++)
		free(e->values[i]);
	e->nvalues = 0;
}

static void value_add(struct expect *e, const char *v)
{
	for (int i = 0; i < e->nvalues; i++)
		if (!strcmp(e->values[i], v))
			return;
	if (e->nvalues == VALUES_MAX) {
		free(e->values[0]);
		memmove(e->values, e->values + 1, (VALUES_MAX - 1) * sizeof e->values[0]);
		e->nvalues--;
	}
	e->values[e->nvalues++] = strdup(v);
	if (recording) {
		if (e->nlater == e->caplater) {
			e->caplater = e->caplater ? 2 * e->caplater : 8;
			e->later = realloc(e->later, e->caplater * sizeof *e->later);
			if (!e->later)
				abort();
		}
		e->later[e->nlater++] = strdup(v);
	}
}

/* The moment a backup begins: what each row holds now, and from now on every value written. */
static double backup_moment(void)
{
	double t;

	pthread_mutex_lock(&lock);
	for (size_t i = 0; i < nexpects; i++) {
		struct expect *e = expects[i];

		e->at_backup = calloc(e->nvalues + 1, sizeof *e->at_backup);
		if (!e->at_backup)
			abort();
		for (int k = 0; k < e->nvalues; k++)
			e->at_backup[k] = strdup(e->values[k]);
		e->nat_backup = e->nvalues;
	}
	recording = true;
	t = now_s();
	pthread_mutex_unlock(&lock);
	return t;
}

/* Finds or makes the expectation for a query (under the lock). */
static struct expect *expect_for(const char *sql)
{
	struct expect *e;

	for (size_t i = nexpects; i-- > 0;)
		if (!strcmp(expects[i]->sql, sql))
			return expects[i];
	if (nexpects == capexpects) {
		capexpects = capexpects ? 2 * capexpects : 256;
		expects = realloc(expects, capexpects * sizeof *expects);
		if (!expects)
			abort();
	}
	e = calloc(1, sizeof *e);
	if (!e)
		abort();
	snprintf(e->sql, sizeof e->sql, "%s", sql);
	expects[nexpects++] = e;
	return e;
}

/* A write's outcome for the row behind sql: 2 acknowledged, 1 unanswered (may or may not be there), 0 refused. */
static void expect_write(const char *sql, const char *value, int outcome, bool multi)
{
	struct expect *e;

	if (outcome == 0)
		return;
	pthread_mutex_lock(&lock);
	e = expect_for(sql);
	e->multi |= multi;
	if (outcome == 2) {
		if (!e->multi)
			values_clear(e);
		if (!e->acked)
			e->acked_at = now_s();
		e->acked = true;
	}
	value_add(e, value);
	pthread_mutex_unlock(&lock);
}

/* ---- the database, read directly ---- */

struct dbconn {
	sqlite3 *lite;
	PGconn *pq;
};

static int db_open(struct dbconn *c, const char *where)
{
	memset(c, 0, sizeof *c);
	if (!strncmp(where, "postgres", 8)) {
		c->pq = PQconnectdb(where);
		if (PQstatus(c->pq) != CONNECTION_OK) {
			fail("cannot connect to PostgreSQL: %s", PQerrorMessage(c->pq));
			PQfinish(c->pq);
			return -1;
		}
		return 0;
	}
	/* Read-write: opening recovers the WAL the killed server left, as a restart would. */
	if (sqlite3_open_v2(where, &c->lite, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		fail("cannot open %s: %s", where, sqlite3_errmsg(c->lite));
		sqlite3_close(c->lite);
		return -1;
	}
	sqlite3_busy_timeout(c->lite, 10000);
	return 0;
}

static void db_close(struct dbconn *c)
{
	if (c->pq)
		PQfinish(c->pq);
	if (c->lite)
		sqlite3_close(c->lite);
}

/* Runs sql; calls fn with each row's first column as text (NULL for NULL). Returns rows, or -1. */
static int db_rows(struct dbconn *c, const char *sql, void (*fn)(void *, const char *), void *ctx)
{
	int n = 0;

	if (c->pq) {
		PGresult *r = PQexec(c->pq, sql);

		if (PQresultStatus(r) != PGRES_TUPLES_OK) {
			fail("query failed: %s: %s", sql, PQresultErrorMessage(r));
			PQclear(r);
			return -1;
		}
		n = PQntuples(r);
		for (int i = 0; i < n && fn; i++)
			fn(ctx, PQgetisnull(r, i, 0) ? NULL : PQgetvalue(r, i, 0));
		PQclear(r);
		return n;
	} else {
		sqlite3_stmt *st;
		int rc;

		if (sqlite3_prepare_v2(c->lite, sql, -1, &st, NULL) != SQLITE_OK) {
			fail("query failed: %s: %s", sql, sqlite3_errmsg(c->lite));
			return -1;
		}
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			n++;
			if (fn)
				fn(ctx, (const char *)sqlite3_column_text(st, 0));
		}
		if (rc != SQLITE_DONE) {
			fail("query failed: %s: %s", sql, sqlite3_errmsg(c->lite));
			n = -1;
		}
		sqlite3_finalize(st);
		return n;
	}
}

static void first_text(void *ctx, const char *v)
{
	char **out = ctx;

	if (!*out)
		*out = strdup(v ? v : "(null)");
}

/* Each query must return no rows (or, with want given, exactly the one value want). */
static void rule(struct dbconn *c, const char *what, const char *sql, const char *want)
{
	char *got = NULL;
	int n = db_rows(c, sql, first_text, &got);

	if (n < 0)
		return;
	if (want ? (n != 1 || strcmp(got, want) != 0) : n != 0)
		fail("%s: %s answered %d rows, first '%s'", what, sql, n, got ? got : "");
	free(got);
}

/* The integrity check, the unique rules and the references, on the database as it is now. */
static int check_rules(struct dbconn *c)
{
	int before = failures;

	if (c->lite) {
		rule(c, "integrity_check", "PRAGMA integrity_check", "ok");
		rule(c, "foreign_key_check", "PRAGMA foreign_key_check", NULL);
	} else {
		/* Foreign keys the schema declares hold in PostgreSQL by construction; these read the ones the rules rely on. */
		rule(c, "action without review", "SELECT a.id FROM actions a LEFT JOIN reviews r ON r.id = a.review_id WHERE r.id IS NULL", NULL);
		rule(c, "survey without review", "SELECT s.id FROM surveys s LEFT JOIN reviews r ON r.id = s.review_id WHERE r.id IS NULL", NULL);
		rule(c, "bid without item", "SELECT b.id FROM bids b LEFT JOIN roadmap_items i ON i.id = b.item_id WHERE i.id IS NULL", NULL);
		rule(c, "step without adoption", "SELECT s.id FROM adoption_steps s LEFT JOIN adoptions a ON a.id = s.adoption_id WHERE a.id IS NULL", NULL);
		rule(c, "adoption without practice", "SELECT a.id FROM adoptions a LEFT JOIN practices p ON p.id = a.practice_id WHERE p.id IS NULL", NULL);
	}
	rule(c, "one survey per review and side", "SELECT review_id FROM surveys GROUP BY review_id, side HAVING count(*) > 1", NULL);
	rule(c, "one bid per item and provider", "SELECT item_id FROM bids GROUP BY item_id, org_id HAVING count(*) > 1", NULL);
	rule(c, "one won bid per item", "SELECT item_id FROM bids WHERE status = 'won' GROUP BY item_id HAVING count(*) > 1", NULL);
	rule(c, "an awarded item names a bid of its own",
	     "SELECT i.id FROM roadmap_items i WHERE i.status = 'awarded' AND NOT EXISTS "
	     "(SELECT 1 FROM bids b WHERE b.id = i.awarded_bid_id AND b.item_id = i.id)", NULL);
	rule(c, "a won bid is its item's award",
	     "SELECT b.id FROM bids b JOIN roadmap_items i ON i.id = b.item_id WHERE b.status = 'won' "
	     "AND (i.status <> 'awarded' OR i.awarded_bid_id <> b.id)", NULL);
	rule(c, "one adoption per practice and engagement",
	     "SELECT practice_id FROM adoptions GROUP BY practice_id, engagement_id HAVING count(*) > 1", NULL);
	return failures == before ? 0 : -1;
}

/*
 * Every acknowledged row is there with an expected value. backup_at > 0: only what was
 * acknowledged before that moment must be there, with its value then or a later one.
 * Crash mode: what is found becomes the one expected value from now on.
 */
static long long check_expects(struct dbconn *c, double backup_at)
{
	long long checked = 0;

	for (size_t i = 0; i < nexpects; i++) {
		struct expect *e = expects[i];
		char *got = NULL;
		int n, ok = 0;

		if (!e->acked || (backup_at > 0 && e->acked_at >= backup_at))
			continue;
		n = db_rows(c, e->sql, first_text, &got);
		if (n < 0)
			continue;
		checked++;
		if (n != 1) {
			fail("acknowledged write lost: %s found %d rows (expected '%s')", e->sql, n, e->nvalues ? e->values[0] : "");
			free(got);
			continue;
		}
		if (backup_at > 0) {
			for (int k = 0; k < e->nat_backup; k++)
				ok |= !strcmp(got, e->at_backup[k]);
			for (int k = 0; k < e->nlater; k++)
				ok |= !strcmp(got, e->later[k]);
		} else {
			for (int k = 0; k < e->nvalues; k++)
				ok |= !strcmp(got, e->values[k]);
		}
		if (!ok)
			fail("acknowledged write changed: %s is '%s', expected '%s'%s", e->sql, got, e->nvalues ? e->values[0] : "",
			     e->nvalues > 1 ? " or a later value" : "");
		else if (backup_at <= 0) {
			values_clear(e);
			value_add(e, got);
		}
		free(got);
	}
	return checked;
}

/* ---- HTTP ---- */

struct sink {
	char *data;
	size_t len;
};

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	struct sink *k = ctx;
	size_t add = size * n;
	char *d = realloc(k->data, k->len + add + 1);

	if (!d)
		return 0;
	memcpy(d + k->len, p, add);
	k->len += add;
	d[k->len] = '\0';
	k->data = d;
	return add;
}

/*
 * One request on the worker's handle. Returns the status, or 0 when no answer came (the
 * server died under it). *out gets the parsed body when asked for.
 */
static long request(CURL *h, const char *method, const char *path, const char *token, const char *body, json_t **out)
{
	char url[512], auth[300];
	struct curl_slist *hd = NULL;
	struct sink k = {NULL, 0};
	long status = 0;
	CURLcode rc;

	snprintf(url, sizeof url, "%s%s", base, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, &k);
	if (body) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, body);
		hd = curl_slist_append(hd, "Content-Type: application/json");
	} else {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, NULL);
		curl_easy_setopt(h, CURLOPT_HTTPGET, 1L);
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	}
	if (token) {
		snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
		hd = curl_slist_append(hd, auth);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hd);
	rc = curl_easy_perform(h);
	if (rc == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(hd);
	if (out)
		*out = status && k.data ? json_loads(k.data, 0, NULL) : NULL;
	free(k.data);
	pthread_mutex_lock(&lock);
	if (!strcmp(method, "GET"))
		;
	else if (status >= 200 && status < 300)
		acked_total++;
	else if (status == 0)
		unanswered_total++;
	else if (status >= 500)
		server_errors++;
	else
		refused_total++;
	pthread_mutex_unlock(&lock);
	return status;
}

/* 2 for a 2xx, 1 for no answer or a 5xx (it may have been kept), 0 for a refusal. */
static int outcome(long status)
{
	return status >= 200 && status < 300 ? 2 : status == 0 || status >= 500 ? 1 : 0;
}

static long long num(json_t *j, const char *key)
{
	return json_integer_value(json_object_get(j, key));
}

/* ---- the world ---- */

enum { ADMIN, NW_CXO, NW_CM, KE_LEAD, KE_CONS, HB_LEAD, CALLERS };
static const char *const role_of[CALLERS] = {"admin", "buyer_cxo", "contract_manager", "provider_leadership", "provider_consulting", NULL};
static char email[CALLERS][128], password[CALLERS][64];
static char *token[CALLERS];
static long long user_id[CALLERS];

#define E1 1	   /* Northwind and Kestrel: core banking */
#define E6 6	   /* Northwind and Kestrel: digital channels */
#define KESTREL 4
#define HARBOR 5

static long long item_of_round[ROUNDS_MAX + 2];
static long long bid_of[ROUNDS_MAX + 2][2]; /* the acknowledged bid of Kestrel [0] and Harbor [1] on each round's item */
static long long held_review;		     /* the latest review held, for surveys */

/* ---- the server ---- */

static int free_port(void)
{
	struct sockaddr_in a;
	socklen_t len = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), p;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof a) != 0 || getsockname(fd, (struct sockaddr *)&a, &len) != 0) {
		if (fd >= 0)
			close(fd);
		return -1;
	}
	p = ntohs(a.sin_port);
	close(fd);
	return p;
}

static int server_start(const char *on_db)
{
	char listen[64], today[11], env[40], log[512];
	CURL *h;

	port = free_port();
	if (port <= 0)
		return -1;
	snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
	snprintf(base, sizeof base, "http://127.0.0.1:%d", port);
	day(round_no, today);
	snprintf(env, sizeof env, "ACCORD_TODAY=%s", today);
	snprintf(log, sizeof log, "%s/serve.log", workdir);
	server_pid = fork();
	if (server_pid < 0)
		return -1;
	if (server_pid == 0) {
		FILE *f = freopen(log, "a", stderr);

		(void)f;
		putenv(env);
		execl(bin, bin, "serve", "--db", on_db, "--listen", listen, (char *)NULL);
		_exit(127);
	}
	h = curl_easy_init();
	for (int i = 0; i < 600; i++) {
		if (request(h, "GET", "/healthz", NULL, NULL, NULL) == 200) {
			curl_easy_cleanup(h);
			return 0;
		}
		if (waitpid(server_pid, NULL, WNOHANG) == server_pid)
			break;
		usleep(50000);
	}
	curl_easy_cleanup(h);
	return -1;
}

static void server_kill(int sig)
{
	int st;

	if (server_pid <= 0)
		return;
	kill(server_pid, sig);
	waitpid(server_pid, &st, 0);
	server_pid = 0;
}

/* ---- the workers ---- */

struct worker {
	int n;
	uint64_t rng;
	CURL *h;
	int writes;
	pthread_barrier_t *race;
};

static bool alive(long status)
{
	return status != 0 && !stop_round;
}

/* A review on an engagement, held, with an action that is then done. */
static bool task_review(struct worker *w, int who, long long eng)
{
	char body[512], agenda[64], due[11], today[11], sql[240], val[256];
	json_t *j = NULL;
	long st;
	long long review, action;

	day(round_no + 14, due);
	day(round_no, today);
	snprintf(agenda, sizeof agenda, "crash r%d w%d n%d", round_no, w->n, w->writes++);
	snprintf(body, sizeof body, "{\"due_on\":\"%s\",\"agenda\":\"%s\"}", due, agenda);
	st = request(w->h, "POST", (snprintf(sql, sizeof sql, "/api/v1/engagements/%lld/reviews", eng), sql), token[who], body, &j);
	review = st == 201 ? num(j, "id") : 0;
	json_decref(j);
	if (st != 201 && st != 0)
		fail("review create answered %ld", st);
	if (!review)
		return alive(st);
	snprintf(sql, sizeof sql, "SELECT agenda || '|' || due_on || '|' || state || '|' || coalesce(held_on, '') FROM reviews WHERE id = %lld", review);
	snprintf(val, sizeof val, "%s|%s|planned|", agenda, due);
	expect_write(sql, val, 2, false);

	snprintf(body, sizeof body, "{\"status\":\"held\",\"held_on\":\"%s\"}", today);
	st = request(w->h, "PATCH", (snprintf(val, sizeof val, "/api/v1/reviews/%lld", review), val), token[who], body, NULL);
	snprintf(val, sizeof val, "%s|%s|held|%s", agenda, due, today);
	expect_write(sql, val, outcome(st), false);
	if (st != 200 && st != 0)
		fail("review held answered %ld", st);
	if (st != 200)
		return alive(st);
	if (eng == E1) {
		pthread_mutex_lock(&lock);
		held_review = review;
		pthread_mutex_unlock(&lock);
	}

	snprintf(body, sizeof body, "{\"title\":\"%s action\",\"owner_id\":%lld,\"due_on\":\"%s\"}", agenda, user_id[who], due);
	st = request(w->h, "POST", (snprintf(val, sizeof val, "/api/v1/reviews/%lld/actions", review), val), token[who], body, &j);
	action = st == 201 ? num(j, "id") : 0;
	json_decref(j);
	if (st != 201 && st != 0)
		fail("action create answered %ld", st);
	if (!action)
		return alive(st);
	snprintf(sql, sizeof sql, "SELECT title || '|' || status || '|' || due_on || '|' || CAST(review_id AS TEXT) FROM actions WHERE id = %lld", action);
	snprintf(val, sizeof val, "%s action|open|%s|%lld", agenda, due, review);
	expect_write(sql, val, 2, false);
	for (int k = 0; k < 2; k++) {
		snprintf(body, sizeof body, "{\"title\":\"%s action v%d\",\"status\":\"%s\"}", agenda, k + 2, k ? "done" : "open");
		st = request(w->h, "PATCH", (snprintf(val, sizeof val, "/api/v1/actions/%lld", action), val), token[who], body, NULL);
		snprintf(val, sizeof val, "%s action v%d|%s|%s|%lld", agenda, k + 2, k ? "done" : "open", due, review);
		expect_write(sql, val, outcome(st), false);
		if (st != 200 && st != 0)
			fail("action update answered %ld", st);
		if (st != 200)
			return alive(st);
	}
	return true;
}

/* A survey on the latest held review; other workers race on the same review and side. */
static bool task_survey(struct worker *w, int who, bool buyer)
{
	char body[256], sql[240], val[128], comment[64];
	long long review;
	int a[5];
	long st;

	pthread_mutex_lock(&lock);
	review = held_review;
	pthread_mutex_unlock(&lock);
	if (!review) {
		usleep(20000);
		return !stop_round;
	}
	for (int i = 0; i < 5; i++)
		a[i] = 1 + (int)(rnd(&w->rng) % 5);
	snprintf(comment, sizeof comment, "crash r%d w%d n%d", round_no, w->n, w->writes++);
	snprintf(body, sizeof body,
		 "{\"period\":%lld,\"answers\":{\"trust\":%d,\"communication\":%d,\"value\":%d,\"innovation\":%d,\"responsiveness\":%d},\"comment\":\"%s\"}",
		 review, a[0], a[1], a[2], a[3], a[4], comment);
	st = request(w->h, "POST", (snprintf(val, sizeof val, "/api/v1/engagements/%d/surveys", E1), val), token[who], body, NULL);
	/* Once both sides have answered, the answers are revealed and final (409 survey_frozen): nothing to check. */
	if (st == 409)
		return !stop_round;
	if (st / 100 != 2 && st != 0)
		fail("survey answered %ld", st);
	snprintf(sql, sizeof sql,
		 "SELECT CAST(trust AS TEXT) || CAST(communication AS TEXT) || CAST(value AS TEXT) || CAST(innovation AS TEXT) || "
		 "CAST(responsiveness AS TEXT) || '|' || comment FROM surveys WHERE review_id = %lld AND side = '%s'",
		 review, buyer ? "buyer" : "provider");
	snprintf(val, sizeof val, "%d%d%d%d%d|%s", a[0], a[1], a[2], a[3], a[4], comment);
	expect_write(sql, val, outcome(st), true);
	return alive(st);
}

/* A bid (or a revised one) on this round's item. */
static bool task_bid(struct worker *w, int who, int org_slot, long long org)
{
	long long item = item_of_round[round_no];
	char body[256], sql[240], val[128], proposal[64];
	long long amount = 1000 + (long long)(rnd(&w->rng) % 100000);
	json_t *j = NULL;
	long st;

	snprintf(proposal, sizeof proposal, "crash r%d w%d n%d", round_no, w->n, w->writes++);
	snprintf(body, sizeof body, "{\"amount\":%lld,\"proposal\":\"%s\"}", amount, proposal);
	st = request(w->h, "POST", (snprintf(val, sizeof val, "/api/v1/roadmap-items/%lld/bids", item), val), token[who], body, &j);
	if (st != 201 && st != 0)
		fail("bid answered %ld", st);
	if (st == 201) {
		pthread_mutex_lock(&lock);
		bid_of[round_no][org_slot] = num(json_array_get(json_object_get(j, "items"), 0), "id"); /* the answer: the caller's own bids on the item */
		pthread_mutex_unlock(&lock);
	}
	json_decref(j);
	snprintf(sql, sizeof sql, "SELECT CAST(amount AS TEXT) || '|' || proposal FROM bids WHERE item_id = %lld AND org_id = %lld", item, org);
	snprintf(val, sizeof val, "%lld|%s", amount, proposal);
	expect_write(sql, val, outcome(st), false);
	return alive(st);
}

/* Two workers award last round's item at once, each to another bid: at most one may win. */
static void task_award_race(struct worker *w, int who, int org_slot)
{
	long long item = round_no > 1 ? item_of_round[round_no - 1] : 0, bid;
	char body[128], sql[240], val[128];
	static long won[2];
	long st;

	pthread_barrier_wait(w->race);
	bid = item ? bid_of[round_no - 1][org_slot] : 0;
	if (!bid)
		bid = item ? bid_of[round_no - 1][!org_slot] : 0;
	st = 0;
	if (bid) {
		snprintf(body, sizeof body, "{\"bid_id\":%lld,\"rationale\":\"The crash test awards it.\"}", bid);
		st = request(w->h, "POST", (snprintf(val, sizeof val, "/api/v1/roadmap-items/%lld/award", item), val), token[who], body, NULL);
		snprintf(sql, sizeof sql, "SELECT status || '|' || CAST(coalesce(awarded_bid_id, 0) AS TEXT) FROM roadmap_items WHERE id = %lld", item);
		snprintf(val, sizeof val, "awarded|%lld", bid);
		expect_write(sql, val, outcome(st), false);
		if (st != 200 && st != 409 && st != 0)
			fail("award answered %ld", st);
	}
	won[org_slot] = st;
	pthread_barrier_wait(w->race);
	if (org_slot == 0 && bid) {
		pthread_mutex_lock(&lock);
		if (won[0] && won[1])
			award_races++;
		if (won[0] == 200 && won[1] == 200) {
			award_both_won++;
			pthread_mutex_unlock(&lock);
			fail("both racing awards of item %lld answered 200", item);
		} else
			pthread_mutex_unlock(&lock);
	}
}

/* A practice from Kestrel, published, adopted by Northwind on another engagement, and taken through its steps. */
static bool task_adoption(struct worker *w)
{
	char body[512], sql[240], val[256], title[64];
	json_t *j = NULL;
	long long practice, adoption;
	long st;
	static const char *const steps[] = {"implementing", "implemented"};

	snprintf(title, sizeof title, "Crash practice r%d w%d n%d", round_no, w->n, w->writes++);
	snprintf(body, sizeof body, "{\"title\":\"%s\",\"body\":\"Reconcile the nightly batches before the cut-off.\",\"tags\":[\"crash\"],\"origin_engagement_id\":%d}", title, E1);
	st = request(w->h, "POST", "/api/v1/practices", token[KE_CONS], body, &j);
	practice = st == 201 ? num(j, "id") : 0;
	json_decref(j);
	if (st != 201 && st != 0)
		fail("practice create answered %ld", st);
	if (!practice)
		return alive(st);
	snprintf(sql, sizeof sql, "SELECT status FROM practices WHERE id = %lld", practice);
	expect_write(sql, "draft", 2, false);
	st = request(w->h, "POST", (snprintf(val, sizeof val, "/api/v1/practices/%lld/publish", practice), val), token[KE_CONS], "{}", NULL);
	expect_write(sql, "published", outcome(st), false);
	if (st != 200 && st != 0)
		fail("practice publish answered %ld", st);
	if (st != 200)
		return alive(st);

	snprintf(body, sizeof body, "{\"engagement_id\":%d,\"note\":\"%s\"}", E6, title);
	st = request(w->h, "POST", (snprintf(val, sizeof val, "/api/v1/practices/%lld/adoptions", practice), val), token[NW_CM], body, &j);
	adoption = st == 201 ? num(j, "id") : 0;
	json_decref(j);
	if (st != 201 && st != 0)
		fail("adoption answered %ld", st);
	if (!adoption)
		return alive(st);
	snprintf(sql, sizeof sql, "SELECT status || '|' || CAST(practice_id AS TEXT) || '|' || (SELECT CAST(count(*) AS TEXT) FROM adoption_steps s WHERE s.adoption_id = adoptions.id) FROM adoptions WHERE id = %lld", adoption);
	snprintf(val, sizeof val, "buy-in|%lld|1", practice);
	expect_write(sql, val, 2, false);
	/* A second buy-in on the same engagement breaks the one-adoption rule: refused. */
	st = request(w->h, "POST", (snprintf(val, sizeof val, "/api/v1/practices/%lld/adoptions", practice), val), token[NW_CXO], body, NULL);
	if (st / 100 == 2)
		fail("a second adoption of practice %lld on engagement %d answered %ld", practice, E6, st);
	if (!alive(st))
		return false;
	for (int k = 0; k < 2; k++) {
		if (k)
			snprintf(body, sizeof body, "{\"status\":\"%s\",\"benefit\":{\"text\":\"%s saved\",\"value\":%d,\"unit\":\"%%\"}}", steps[k], title, k + 3);
		else
			snprintf(body, sizeof body, "{\"status\":\"%s\",\"note\":\"%s\"}", steps[k], title);
		st = request(w->h, "PATCH", (snprintf(val, sizeof val, "/api/v1/adoptions/%lld", adoption), val), token[NW_CM], body, NULL);
		snprintf(val, sizeof val, "%s|%lld|%d", steps[k], practice, k + 2);
		expect_write(sql, val, outcome(st), false);
		if (st != 200 && st != 0)
			fail("adoption step %s answered %ld", steps[k], st);
		if (st != 200)
			return alive(st);
	}
	return true;
}

/*
 * Worker roles: 0 reviews on E1 (Northwind's contract manager), 1 reviews on E6 (its CXO),
 * 2 and 3 the award race then surveys (buyer and provider sides, racing each other),
 * 4 Kestrel's bids and adoptions, 5 Harbor's bids.
 */
static void *worker_main(void *arg)
{
	struct worker *w = arg;
	bool go = true;

	w->h = curl_easy_init();
	if (w->n == 2 || w->n == 3)
		task_award_race(w, w->n == 2 ? NW_CM : NW_CXO, w->n - 2);
	for (int i = 0; go && i < 100000 && !stop_round; i++) {
		switch (w->n) {
		case 0: go = task_review(w, NW_CM, E1); break;
		case 1: go = task_review(w, NW_CXO, E6); break;
		case 2: go = task_survey(w, i % 2 ? KE_LEAD : NW_CM, !(i % 2)); break;
		case 3: go = task_survey(w, i % 2 ? KE_CONS : NW_CXO, !(i % 2)); break;
		case 4: go = i % 2 ? task_adoption(w) : task_bid(w, KE_LEAD, 0, KESTREL); break;
		default: go = task_bid(w, HB_LEAD, 1, HARBOR); break;
		}
	}
	curl_easy_cleanup(w->h);
	return NULL;
}

/* ---- set-up ---- */

static int run(const char *cmd, char **out)
{
	FILE *p = popen(cmd, "r");
	struct sink k = {NULL, 0};
	char chunk[4096];
	size_t n;
	int st;

	if (!p)
		return -1;
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		on_body(chunk, 1, n, &k);
	st = pclose(p);
	if (out)
		*out = k.data ? k.data : strdup("");
	else
		free(k.data);
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int setup(void)
{
	char cmd[1024], today[11], *out = NULL, *line, *save = NULL, body[512], path[128];
	CURL *h = curl_easy_init();
	json_t *j;
	long long roadmap;
	int rounds = kills + 1;

	day(0, today);
	snprintf(cmd, sizeof cmd, "ACCORD_TODAY=%s '%s' init --db '%s' >/dev/null && ACCORD_TODAY=%s '%s' demo --db '%s'", today, bin, db, today, bin, db);
	if (run(cmd, &out) != 0) {
		fail("init and demo failed: %s", cmd);
		return -1;
	}
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char role[64], e[128], p[64];

		if (sscanf(line, "%63s %127s %63s", role, e, p) != 3)
			continue;
		for (int i = 0; i < HB_LEAD; i++)
			if (!strcmp(role, role_of[i]) && !email[i][0] && (i < KE_LEAD ? !strstr(e, "kestrel") : !!strstr(e, "kestrel"))) {
				snprintf(email[i], sizeof email[i], "%s", e);
				snprintf(password[i], sizeof password[i], "%s", p);
			}
	}
	free(out);
	round_no = 0;
	if (server_start(db)) {
		fail("the server did not start on %s", db);
		return -1;
	}
	for (int i = 0; i < CALLERS; i++) {
		if (i == HB_LEAD) {
			snprintf(email[i], sizeof email[i], "crash.lead@harbor.example");
			snprintf(password[i], sizeof password[i], "tidal-quokka-%llu", seed);
			snprintf(body, sizeof body, "{\"email\":\"%s\",\"name\":\"Crash Lead\",\"roles\":[\"provider_leadership\"],\"password\":\"%s\"}", email[i], password[i]);
			snprintf(path, sizeof path, "/api/v1/orgs/%d/users", HARBOR);
			if (request(h, "POST", path, token[ADMIN], body, NULL) != 201) {
				fail("could not add Harbor's leader");
				return -1;
			}
		}
		snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}", email[i], password[i]);
		if (request(h, "POST", "/api/v1/login", NULL, body, &j) != 200 || !j) {
			fail("log-in of %s failed", email[i]);
			return -1;
		}
		token[i] = strdup(json_string_value(json_object_get(j, "token")));
		user_id[i] = num(json_object_get(j, "user"), "id");
		json_decref(j);
	}
	/* A roadmap of Northwind's with one item per round, each open for bids until its round's day. */
	snprintf(body, sizeof body, "{\"unit_id\":2,\"fiscal_year\":2031,\"title\":\"Crash roadmap\",\"budget\":1000000000}");
	if (request(h, "POST", "/api/v1/roadmaps", token[NW_CXO], body, &j) != 201) {
		fail("could not create the roadmap");
		json_decref(j);
		return -1;
	}
	roadmap = num(j, "id");
	json_decref(j);
	for (int r = 1; r <= rounds; r++) {
		char deadline[11], sql[240];

		day(r, deadline);
		snprintf(body, sizeof body,
			 "{\"title\":\"Crash item %d\",\"budget\":1000,\"starts_on\":\"2031-01-01\",\"ends_on\":\"2031-12-31\",\"open_for_bids\":true,\"bid_deadline\":\"%s\"}",
			 r, deadline);
		snprintf(path, sizeof path, "/api/v1/roadmaps/%lld/items", roadmap);
		if (request(h, "POST", path, token[NW_CXO], body, &j) != 201) {
			fail("could not create item %d", r);
			json_decref(j);
			return -1;
		}
		item_of_round[r] = num(j, "id");
		json_decref(j);
		snprintf(sql, sizeof sql, "SELECT status || '|' || CAST(coalesce(awarded_bid_id, 0) AS TEXT) FROM roadmap_items WHERE id = %lld", item_of_round[r]);
		expect_write(sql, "open|0", 2, false);
	}
	snprintf(path, sizeof path, "/api/v1/roadmaps/%lld/share", roadmap);
	snprintf(body, sizeof body, "{\"org_ids\":[%d,%d]}", KESTREL, HARBOR);
	if (request(h, "POST", path, token[NW_CXO], body, NULL) != 200) {
		fail("could not share the roadmap");
		return -1;
	}
	curl_easy_cleanup(h);
	return 0;
}

/* Runs the workers until *until says stop (or the server dies); returns after they have all finished. */
struct load {
	pthread_t t[THREADS];
	struct worker w[THREADS];
	pthread_barrier_t race;
};

static void load_start(struct load *l, uint64_t *rng)
{
	stop_round = 0;
	pthread_barrier_init(&l->race, NULL, 2);
	for (int i = 0; i < THREADS; i++) {
		l->w[i] = (struct worker){.n = i, .rng = rnd(rng) | 1, .race = &l->race};
		pthread_create(&l->t[i], NULL, worker_main, &l->w[i]);
	}
}

static void load_join(struct load *l)
{
	stop_round = 1;
	for (int i = 0; i < THREADS; i++)
		pthread_join(l->t[i], NULL);
	pthread_barrier_destroy(&l->race);
}

static int verify(const char *where, double backup_at, long long *checked)
{
	struct dbconn c;
	int before = failures;

	if (db_open(&c, where))
		return -1;
	check_rules(&c);
	*checked = check_expects(&c, backup_at);
	db_close(&c);
	return failures == before ? 0 : -1;
}

static int crash_rounds(void)
{
	uint64_t rng = seed | 1;
	long long writes_checked = 0;
	int passed = 0;

	server_kill(SIGKILL); /* the set-up server */
	for (round_no = 1; round_no <= kills; round_no++) {
		struct load l;
		long long checked = 0;
		int before = failures, wait_ms;
		long long acked_before = acked_total;

		if (server_start(db)) {
			fail("round %d: the server did not come back after the kill", round_no);
			break;
		}
		wait_ms = 100 + (int)(rnd(&rng) % 1900);
		load_start(&l, &rng);
		usleep((useconds_t)wait_ms * 1000);
		server_kill(SIGKILL);
		load_join(&l);
		/* The test of the test: CRASH_DROP_WAL=1 throws away SQLite's WAL after the kill, which must be noticed. */
		if (getenv("CRASH_DROP_WAL") && !pg) {
			char wal[600];

			snprintf(wal, sizeof wal, "%s-wal", db);
			unlink(wal);
		}
		verify(db, 0, &checked);
		writes_checked += checked;
		printf("kill %d after %d ms: %lld writes acknowledged this round, %lld rows checked, %s\n", round_no, wait_ms,
		       acked_total - acked_before, checked, failures == before ? "nothing lost" : "FAILED");
		fflush(stdout);
		passed += failures == before;
	}
	/* The last kill's database serves again. */
	if (!failures && server_start(db) == 0) {
		CURL *h = curl_easy_init();

		if (request(h, "GET", "/api/v1/me", token[NW_CM], NULL, NULL) != 200)
			fail("the server after the last kill does not answer a read");
		curl_easy_cleanup(h);
		server_kill(SIGTERM);
	}
	printf("%d kills survived, %lld acknowledged writes (%lld answers lost to kills, %lld refused, %lld 5xx), %lld row checks, "
	       "%lld award races (%lld won twice)\n",
	       passed, acked_total, unanswered_total, refused_total, server_errors, writes_checked, award_races, award_both_won);
	return passed;
}

/*
 * --backup FILE: load for a while, run accord backup --db DB --to FILE in the middle of it
 * (T: the moment it starts), keep loading until it ends, then check FILE: the rules, and
 * every write acknowledged before T. Then serve FILE's copy and use it.
 */
static int backup_run(const char *file)
{
	uint64_t rng = seed | 1;
	struct load l;
	char cmd[1024], *out = NULL, restored[512], body[256];
	double t0;
	long long checked = 0, acked_before, during;
	int rc, before = failures;
	CURL *h;
	json_t *j = NULL;

	server_kill(SIGKILL);
	round_no = 1;
	if (server_start(db)) {
		fail("the server did not start");
		return 0;
	}
	load_start(&l, &rng);
	usleep(1500 * 1000);
	acked_before = acked_total;
	snprintf(cmd, sizeof cmd, "'%s' backup --db '%s' --to '%s' 2>&1", bin, db, file);
	t0 = backup_moment();
	rc = run(cmd, &out);
	during = acked_total - acked_before;
	usleep(500 * 1000);
	load_join(&l);
	printf("backup under load: exit %d, %.2f s, %lld writes acknowledged before it began, %lld while it ran, %lld in all: %s", rc,
	       now_s() - t0, acked_before, during, acked_total, out);
	free(out);
	if (rc != 0) {
		fail("accord backup exited %d", rc);
		server_kill(SIGTERM);
		return 0;
	}
	server_kill(SIGTERM);
	if (verify(file, t0, &checked) == 0)
		printf("the backup holds every write acknowledged before it began (%lld rows checked) and keeps every rule\n", checked);
	/* Restore: accord copy into a new database, then serve it. */
	snprintf(restored, sizeof restored, "%s", restore_to ? restore_to : "");
	if (!restore_to)
		snprintf(restored, sizeof restored, "%s/restored.db", workdir);
	snprintf(cmd, sizeof cmd, "'%s' copy --from '%s' --to '%s' >/dev/null 2>&1", bin, file, restored);
	if (run(cmd, NULL) != 0) {
		fail("accord copy --from the backup failed");
		return 0;
	}
	if (verify(restored, t0, &checked))
		return 0;
	if (server_start(restored)) {
		fail("the server does not start on the restored copy");
		return 0;
	}
	h = curl_easy_init();
	snprintf(body, sizeof body, "{\"email\":\"%s\",\"password\":\"%s\"}", email[NW_CM], password[NW_CM]);
	if (request(h, "POST", "/api/v1/login", NULL, body, &j) != 200)
		fail("no log-in on the restored copy");
	json_decref(j);
	if (request(h, "GET", "/api/v1/engagements/1/reviews", token[NW_CM], NULL, NULL) != 200)
		fail("the restored copy does not answer a read with a session from before the backup");
	snprintf(body, sizeof body, "{\"due_on\":\"2027-03-01\",\"agenda\":\"after the restore\"}");
	if (request(h, "POST", "/api/v1/engagements/1/reviews", token[NW_CM], body, NULL) != 201)
		fail("the restored copy does not accept a write");
	curl_easy_cleanup(h);
	server_kill(SIGTERM);
	printf("restored with accord copy into %s: %lld rows checked; it serves, logs in, reads and writes\n",
	       strncmp(restored, "postgres", 8) ? "a SQLite file" : "a new PostgreSQL database", checked);
	return failures == before;
}

int main(int argc, char **argv)
{
	const char *backup = NULL;
	int passed;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--bin") && i + 1 < argc)
			bin = argv[++i];
		else if (!strcmp(argv[i], "--db") && i + 1 < argc)
			db = argv[++i];
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			workdir = argv[++i];
		else if (!strcmp(argv[i], "--kills") && i + 1 < argc)
			kills = atoi(argv[++i]);
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--backup") && i + 1 < argc)
			backup = argv[++i];
		else if (!strcmp(argv[i], "--restore-to") && i + 1 < argc)
			restore_to = argv[++i];
		else {
			fprintf(stderr, "usage: crash --bin ACCORD --db DB --dir WORKDIR [--kills N] [--seed S] [--backup FILE [--restore-to DB]]\n");
			return 2;
		}
	}
	if (!bin || !db || !workdir || kills < 1 || kills > ROUNDS_MAX) {
		fprintf(stderr, "usage: crash --bin ACCORD --db DB --dir WORKDIR [--kills N (1-%d)] [--seed S] [--backup FILE [--restore-to DB]]\n", ROUNDS_MAX);
		return 2;
	}
	if (!seed)
		seed = (unsigned long long)time(NULL) ^ ((unsigned long long)getpid() << 20);
	pg = !strncmp(db, "postgres", 8);
	signal(SIGPIPE, SIG_IGN);
	curl_global_init(CURL_GLOBAL_DEFAULT);
	printf("seed %llu (rerun with --seed %llu), %s, %s\n", seed, seed, pg ? "postgresql" : "sqlite", backup ? "backup under load" : "kills");
	if (setup()) {
		server_kill(SIGKILL);
		printf("crash: 0 passed, 1 failed\n");
		return 1;
	}
	if (backup) {
		passed = backup_run(backup);
		printf("backup: %d passed, %d failed\n", passed, failures);
		return failures ? 1 : 0;
	}
	passed = crash_rounds();
	server_kill(SIGKILL);
	printf("crash: %d passed, %d failed\n", passed, kills - passed ? kills - passed : failures ? 1 : 0);
	return failures ? 1 : 0;
}
