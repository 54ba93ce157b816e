/* auth: Argon2id password checks, throttled log-ins and store-backed sessions looked up by a hash of their token. */
#include "auth.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../domain/throttle.h"

int auth_password_hash(const char *password, char out[128])
{
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return -1;
	return 0;
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
static const char *dummy_hash(void)
{
	static char h[128];
	static int ready;

	if (!ready) {
		auth_password_hash("accord-dummy-password", h);
		ready = 1;
	}
	return h;
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

int auth_login(struct store *s, const char *email, const char *password, const char *client,
	       const char *kind, char token[AUTH_TOKEN_LEN], struct caller *c, long *retry_after,
	       struct error *err)
{
	char account_key[USER_EMAIL_MAX + 16], address_key[128], lower[USER_EMAIL_MAX + 1];
	char hash[65], csrf[48];
	struct login_row row = {0, ""};
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
		return -1;
	}

	a[0] = SQL_T(lower);
	if (store_exec(s, STMT_USER_LOGIN, a, 1, login_row, &row, err) < 0)
		return -1;
	if (crypto_pwhash_str_verify(row.id ? row.hash : dummy_hash(), password,
				     strlen(password)) != 0 ||
	    !row.id) {
		throttle_fail(s, account_key, now);
		throttle_fail(s, address_key, now);
		error_set(err, 401, "unauthorized", NULL, "wrong e-mail or password");
		return -1;
	}
	a[0] = SQL_T(account_key);
	store_exec(s, STMT_LOGINFAIL_CLEAR, a, 1, NULL, NULL, NULL);

	if (auth_caller_load(s, row.id, c) != 0) {
		error_set(err, 500, "store", NULL, "cannot load the user");
		return -1;
	}
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
	a[0] = SQL_I(now);
	store_exec(s, STMT_SESSION_PURGE, a, 1, NULL, NULL, NULL);
	c->web = strcmp(kind, "web") == 0;
	snprintf(c->csrf, sizeof c->csrf, "%s", csrf);
	return 0;
}

static void copy(char *dst, size_t n, const char *src)
{
	snprintf(dst, n, "%s", src ? src : "");
}

static int session_row(void *ctx, const struct sqlval *cols, int n)
{
	struct caller *c = ctx;

	(void)n;
	c->user_id = cols[0].i;
	c->org_id = cols[1].i;
	c->web = cols[2].s && strcmp(cols[2].s, "web") == 0;
	copy(c->csrf, sizeof c->csrf, cols[3].s);
	copy(c->email, sizeof c->email, cols[4].s);
	copy(c->name, sizeof c->name, cols[5].s);
	c->roles = (role_mask)cols[6].i;
	copy(c->feed_token, sizeof c->feed_token, cols[7].s);
	copy(c->org_name, sizeof c->org_name, cols[8].s);
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

static int user_row(void *ctx, const struct sqlval *cols, int n)
{
	struct caller *c = ctx;

	(void)n;
	c->user_id = cols[0].i;
	c->org_id = cols[1].i;
	copy(c->email, sizeof c->email, cols[2].s);
	copy(c->name, sizeof c->name, cols[3].s);
	c->roles = (role_mask)cols[4].i;
	copy(c->feed_token, sizeof c->feed_token, cols[5].s);
	copy(c->org_name, sizeof c->org_name, cols[6].s);
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
