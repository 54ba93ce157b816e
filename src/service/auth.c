/* auth: Argon2id password checks, throttled log-ins and store-backed sessions looked up by a hash of their token. */
#include "auth.h"

#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../domain/password.h"
#include "../domain/throttle.h"
#include "../util/text.h"

/*
 * Security events (log-ins, failures, throttling, log-outs, password changes), one line each
 * on stderr with the UTC time: who by user id and from which address — never a password, a
 * token, a cookie or an e-mail address typed at the log-in form.
 */
static void auth_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void auth_event(const char *fmt, ...)
{
	char at[32], line[300];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;

	gmtime_r(&now, &tm);
	strftime(at, sizeof at, "%Y-%m-%dT%H:%M:%SZ", &tm);
	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	fprintf(stderr, "accord: %s auth: %s\n", at, line);
}

/*
 * Argon2id with OWASP's recommended parameters (19 MiB of memory, 2 passes, 1 lane): about
 * the cost of libsodium's interactive setting, with under a third of its 64 MiB, so a
 * log-in does not triple the server's memory. Hashes made with other parameters are
 * made again at the next successful log-in.
 */
#define PWHASH_OPSLIMIT 2
#define PWHASH_MEMLIMIT ((size_t)19 * 1024 * 1024)

/* At most two hashes at once per process: each takes a core and 19 MiB, and a storm of log-ins must not starve every other request. */
static pthread_mutex_t hash_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hash_free = PTHREAD_COND_INITIALIZER;
static int hashing;
#define HASHING_MAX 2

static void hash_enter(void)
{
	pthread_mutex_lock(&hash_lock);
	while (hashing >= HASHING_MAX)
		pthread_cond_wait(&hash_free, &hash_lock);
	hashing++;
	pthread_mutex_unlock(&hash_lock);
}

static void hash_leave(void)
{
	pthread_mutex_lock(&hash_lock);
	hashing--;
	pthread_cond_signal(&hash_free);
	pthread_mutex_unlock(&hash_lock);
}

int auth_password_hash(const char *password, char out[128])
{
	int rc;

	hash_enter();
	rc = crypto_pwhash_str(out, password, strlen(password), PWHASH_OPSLIMIT, PWHASH_MEMLIMIT);
	hash_leave();
	return rc != 0 ? -1 : 0;
}

static int password_verify(const char *hash, const char *password)
{
	int rc;

	hash_enter();
	rc = crypto_pwhash_str_verify(hash, password, strlen(password));
	hash_leave();
	return rc;
}

void auth_random_token(char *out, size_t outlen, size_t nbytes)
{
	unsigned char raw[64];

	if (nbytes > sizeof raw)
		nbytes = sizeof raw;
	randombytes_buf(raw, nbytes);
	sodium_bin2base64(out, outlen, raw, nbytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* Sessions are stored by a fast hash of their token: a stolen database opens no sessions. */
static void token_hash(const char *token, char hex[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

long auth_session_ttl(void)
{
	const char *v = getenv("ACCORD_SESSION_TTL");
	char *end;
	long ttl;

	if (!v || !*v)
		return 12 * 3600;
	ttl = strtol(v, &end, 10);
	return (*end || ttl <= 0) ? 12 * 3600 : ttl;
}

/* A dummy hash to verify against when the e-mail is unknown, so timing does not reveal it. */
static char dummy[128];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_init(void)
{
	auth_password_hash("accord-dummy-password", dummy);
}

static const char *dummy_hash(void)
{
	pthread_once(&dummy_once, dummy_init);
	return dummy;
}

struct login_row {
	long long id;
	char hash[128];
};

static int login_row(void *ctx, const struct sqlval *cols, int n)
{
	struct login_row *r = ctx;

	(void)n;
	r->id = cols[0].i;
	snprintf(r->hash, sizeof r->hash, "%s", cols[1].s ? cols[1].s : "");
	return 1;
}

/* The accounts signing in by one e-mail may be: one per organisation, oldest first. */
struct login_rows {
	int n;
	struct login_row row[AUTH_LOGIN_ACCOUNTS];
};

static int login_rows_add(void *ctx, const struct sqlval *cols, int n)
{
	struct login_rows *r = ctx;

	if (r->n < AUTH_LOGIN_ACCOUNTS)
		login_row(&r->row[r->n++], cols, n);
	return r->n >= AUTH_LOGIN_ACCOUNTS;
}

static int fail_row(void *ctx, const struct sqlval *cols, int n)
{
	long long *v = ctx;

	(void)n;
	v[0] = cols[0].i;
	v[1] = cols[1].i;
	return 1;
}

/* Seconds the key must still wait; forgets stale records. */
static long throttle_check(struct store *s, const char *key, long free_failures, long long now)
{
	long long v[2] = {0, 0};
	struct sqlval a[1] = {SQL_T(key)};

	if (store_exec(s, STMT_LOGINFAIL_GET, a, 1, fail_row, v, NULL) <= 0)
		return 0;
	if (throttle_expired(v[1], now)) {
		store_exec(s, STMT_LOGINFAIL_CLEAR, a, 1, NULL, NULL, NULL);
		return 0;
	}
	return throttle_wait((long)v[0], free_failures, v[1], now);
}

static void throttle_fail(struct store *s, const char *key, long long now)
{
	struct sqlval a[3] = {SQL_T(key), SQL_I(now), SQL_I(now)};

	store_exec(s, STMT_LOGINFAIL_ADD, a, 3, NULL, NULL, NULL);
}

/* Opens a session of the kind for c with a fresh random token (never one the client chose) and a fresh CSRF token. */
static int session_open(struct store *s, struct caller *c, const char *kind, long long now,
			char token[AUTH_TOKEN_LEN], struct error *err)
{
	char hash[65], csrf[48];
	struct sqlval a[7];

	auth_random_token(token, AUTH_TOKEN_LEN, 32);
	auth_random_token(csrf, sizeof csrf, 24);
	token_hash(token, hash);
	a[0] = SQL_T(hash);
	a[1] = SQL_I(c->org_id);
	a[2] = SQL_I(c->user_id);
	a[3] = SQL_T(kind);
	a[4] = SQL_T(csrf);
	a[5] = SQL_I(now);
	a[6] = SQL_I(now + auth_session_ttl());
	if (store_exec(s, STMT_SESSION_INSERT, a, 7, NULL, NULL, err) < 0)
		return -1;
	c->web = strcmp(kind, "web") == 0;
	snprintf(c->csrf, sizeof c->csrf, "%s", csrf);
	return 0;
}

int auth_login(struct store *s, const char *email, const char *password, const char *client,
	       const char *kind, char token[AUTH_TOKEN_LEN], struct caller *c, long *retry_after,
	       struct error *err)
{
	char account_key[USER_EMAIL_MAX + 16], address_key[128], lower[USER_EMAIL_MAX + 1];
	struct login_row row = {0, ""};
	struct login_rows rows = {0};
	long long now = (long long)time(NULL);
	long wait_account, wait_address;
	struct sqlval a[7];

	*retry_after = 0;
	text_lower_ascii(lower, sizeof lower, email);
	snprintf(account_key, sizeof account_key, "account:%s", lower);
	snprintf(address_key, sizeof address_key, "address:%s", client ? client : "-");

	wait_account = throttle_check(s, account_key, THROTTLE_ACCOUNT_FREE, now);
	wait_address = throttle_check(s, address_key, THROTTLE_ADDRESS_FREE, now);
	if (wait_account || wait_address) {
		*retry_after = wait_account > wait_address ? wait_account : wait_address;
		error_set(err, 429, "throttled", NULL,
			  "too many failed log-ins; try again in %ld seconds", *retry_after);
		auth_event("log-in throttled for %ld s: from %s", *retry_after, client ? client : "-");
		return -1;
	}

	/*
	 * An e-mail is unique per organisation (migration 015), so it may name an account in
	 * each of a few organisations: the password signs in to the first (oldest) whose hash it
	 * matches. No account at all costs one hash check against a dummy, as one account does.
	 */
	a[0] = SQL_T(lower);
	a[1] = SQL_I(AUTH_LOGIN_ACCOUNTS);
	if (store_exec(s, STMT_USER_LOGIN, a, 2, login_rows_add, &rows, err) < 0)
		return -1;
	if (rows.n == 0)
		password_verify(dummy_hash(), password);
	for (int i = 0; i < rows.n && !row.id; i++)
		if (password_verify(rows.row[i].hash, password) == 0)
			row = rows.row[i];
	if (!row.id) {
		throttle_fail(s, account_key, now);
		throttle_fail(s, address_key, now);
		error_set(err, 401, "unauthorized", NULL, "wrong e-mail or password");
		if (rows.n)
			auth_event("log-in refused: %d account(s) with the e-mail, wrong password, from %s", rows.n,
				   client ? client : "-");
		else
			auth_event("log-in refused: no such user, from %s", client ? client : "-");
		return -1;
	}
	a[0] = SQL_T(account_key);
	store_exec(s, STMT_LOGINFAIL_CLEAR, a, 1, NULL, NULL, NULL);
	/* A hash made with older parameters is made again now that the password is at hand. */
	if (crypto_pwhash_str_needs_rehash(row.hash, PWHASH_OPSLIMIT, PWHASH_MEMLIMIT) != 0) {
		char fresh[128];

		if (auth_password_hash(password, fresh) == 0) {
			a[0] = SQL_T(fresh);
			a[1] = SQL_I(row.id);
			store_exec(s, STMT_USER_REHASH, a, 2, NULL, NULL, NULL);
		}
	}

	if (auth_caller_load(s, row.id, c) != 0) {
		error_set(err, 500, "store", NULL, "cannot load the user");
		return -1;
	}
	/* The audit trail names the person signing in as the new session's author; the purge of others' is the system's. */
	store_set_actor(s, c->user_id, c->org_id);
	if (session_open(s, c, kind, now, token, err) != 0) {
		store_set_actor(s, 0, 0);
		return -1;
	}
	store_set_actor(s, 0, 0);
	a[0] = SQL_I(now);
	store_exec(s, STMT_SESSION_PURGE, a, 1, NULL, NULL, NULL);
	auth_event("log-in: user %lld, %s session, from %s", c->user_id, kind, client ? client : "-");
	return 0;
}

static int session_row(void *ctx, const struct sqlval *cols, int n)
{
	struct caller *c = ctx;

	(void)n;
	c->user_id = cols[0].i;
	c->org_id = cols[1].i;
	c->web = cols[2].s && strcmp(cols[2].s, "web") == 0;
	text_copy(c->csrf, sizeof c->csrf, cols[3].s);
	text_copy(c->email, sizeof c->email, cols[4].s);
	text_copy(c->name, sizeof c->name, cols[5].s);
	c->roles = (role_mask)cols[6].i;
	text_copy(c->feed_token, sizeof c->feed_token, cols[7].s);
	text_copy(c->org_name, sizeof c->org_name, cols[8].s);
	c->org_kind = org_kind_parse(cols[9].s);
	return 1;
}

int auth_session(struct store *s, const char *token, struct caller *c)
{
	char hash[65];
	struct sqlval a[2];
	int n;

	if (!token || strlen(token) + 1 != AUTH_TOKEN_LEN)
		return 1;
	token_hash(token, hash);
	a[0] = SQL_T(hash);
	a[1] = SQL_I((long long)time(NULL));
	memset(c, 0, sizeof *c);
	n = store_exec(s, STMT_SESSION_GET, a, 2, session_row, c, NULL);
	if (n < 0)
		return -1;
	return n == 0 ? 1 : 0;
}

int auth_logout(struct store *s, const char *token)
{
	char hash[65];
	struct sqlval a[1];

	if (!token)
		return 1;
	token_hash(token, hash);
	a[0] = SQL_T(hash);
	return store_exec(s, STMT_SESSION_DELETE, a, 1, NULL, NULL, NULL) < 0 ? -1 : 0;
}

int auth_logout_caller(struct store *s, const char *token, const struct caller *c)
{
	int rc = auth_logout(s, token);

	if (rc == 0 && c)
		auth_event("log-out: user %lld", c->user_id);
	return rc;
}

int auth_password_change(struct store *s, struct caller *c, const char *current,
			 const char *fresh, const char *client, const char *kind,
			 char token[AUTH_TOKEN_LEN], long *retry_after, struct error *err)
{
	char account_key[USER_EMAIL_MAX + 16], hash[128], feed[48];
	struct login_row row = {0, ""};
	long long now = (long long)time(NULL);
	struct sqlval a[2];

	*retry_after = 0;
	if (!current || !*current) {
		error_set(err, 422, "required", "current_password", "the current password is required");
		return -1;
	}
	/* Guesses at the current password share the account's log-in budget. */
	snprintf(account_key, sizeof account_key, "account:%s", c->email);
	*retry_after = throttle_check(s, account_key, THROTTLE_ACCOUNT_FREE, now);
	if (*retry_after) {
		error_set(err, 429, "throttled", NULL,
			  "too many wrong passwords; try again in %ld seconds", *retry_after);
		auth_event("password change throttled for %ld s: user %lld from %s", *retry_after,
			   c->user_id, client ? client : "-");
		return -1;
	}
	a[0] = SQL_I(c->user_id);
	if (store_exec(s, STMT_USER_PASSWORD, a, 1, login_row, &row, err) < 0)
		return -1;
	if (row.id != c->user_id || password_verify(row.hash, current) != 0) {
		throttle_fail(s, account_key, now);
		error_set(err, 422, "invalid", "current_password", "the current password is wrong");
		auth_event("password change refused: user %lld, wrong current password, from %s",
			   c->user_id, client ? client : "-");
		return -1;
	}
	if (!password_acceptable(fresh, c->email, c->name, err)) {
		err->field = "new_password";
		return -1;
	}
	if (auth_password_hash(fresh, hash) != 0) {
		error_set(err, 500, "internal", NULL, "cannot hash the password");
		return -1;
	}
	/*
	 * One transaction: the new hash, no session of the old password left, a new calendar feed
	 * address (the old one may have leaked with the password), one new session.
	 */
	auth_random_token(feed, sizeof feed, 24);
	if (store_begin(s, err) != 0)
		return -1;
	a[0] = SQL_T(hash);
	a[1] = SQL_I(c->user_id);
	if (store_exec(s, STMT_USER_REHASH, a, 2, NULL, NULL, err) < 0)
		goto fail;
	a[0] = SQL_T(feed);
	if (store_exec(s, STMT_USER_SET_FEED, a, 2, NULL, NULL, err) < 0)
		goto fail;
	a[0] = SQL_I(c->user_id);
	if (store_exec(s, STMT_SESSION_DELETE_USER, a, 1, NULL, NULL, err) < 0)
		goto fail;
	if (session_open(s, c, kind, now, token, err) != 0)
		goto fail;
	if (store_commit(s, err) != 0)
		return -1;
	text_copy(c->feed_token, sizeof c->feed_token, feed);
	a[0] = SQL_T(account_key);
	store_exec(s, STMT_LOGINFAIL_CLEAR, a, 1, NULL, NULL, NULL);
	auth_event("password changed: user %lld from %s; every session of the user ended, the calendar feed address replaced, one new %s session",
		   c->user_id, client ? client : "-", kind);
	return 0;
fail:
	store_rollback(s);
	return -1;
}

static int user_row(void *ctx, const struct sqlval *cols, int n)
{
	struct caller *c = ctx;

	(void)n;
	c->user_id = cols[0].i;
	c->org_id = cols[1].i;
	text_copy(c->email, sizeof c->email, cols[2].s);
	text_copy(c->name, sizeof c->name, cols[3].s);
	c->roles = (role_mask)cols[4].i;
	text_copy(c->feed_token, sizeof c->feed_token, cols[5].s);
	text_copy(c->org_name, sizeof c->org_name, cols[6].s);
	c->org_kind = org_kind_parse(cols[7].s);
	return 1;
}

int auth_caller_load(struct store *s, long long user_id, struct caller *c)
{
	struct sqlval a[1] = {SQL_I(user_id)};
	int n;

	memset(c, 0, sizeof *c);
	n = store_exec(s, STMT_USER_GET, a, 1, user_row, c, NULL);
	return n > 0 ? 0 : 1;
}
