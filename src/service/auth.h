/* auth: passwords, log-in with throttling, and sessions kept in the store. */
#ifndef ACCORD_AUTH_H
#define ACCORD_AUTH_H

#include "../store/store.h"
#include "caller.h"

#define AUTH_TOKEN_LEN 44 /* base64url of 32 random bytes, without padding, plus NUL */

/* Hashes a password with Argon2id (libsodium, interactive limits) into out[128]. */
int auth_password_hash(const char *password, char out[128]);
/* Fills out with n random bytes as base64url text (out must hold 2n). */
void auth_random_token(char *out, size_t outlen, size_t nbytes);

/* The most accounts one e-mail signs in to (one per organisation; the oldest first): bounds the hash checks of a log-in. */
#define AUTH_LOGIN_ACCOUNTS 4

/*
 * Checks email and password and opens a session of kind "api" or "web".
 * On success writes the session token (to hand to the client once) and fills *c.
 * Failures: 401 bad credentials, 429 while throttled (err->message says how long).
 * *retry_after is set to the seconds to wait when throttled.
 */
int auth_login(struct store *s, const char *email, const char *password, const char *client,
	       const char *kind, char token[AUTH_TOKEN_LEN], struct caller *c, long *retry_after,
	       struct error *err);
/* Resolves a session token into the caller; 0 found, 1 unknown or expired, -1 error. */
int auth_session(struct store *s, const char *token, struct caller *c);
/* Ends the session of the token (0 also when there was none; -1 on a store error). */
int auth_logout(struct store *s, const char *token);
/* The same for a signed-in caller, written to the security event log. */
int auth_logout_caller(struct store *s, const char *token, const struct caller *c);
/*
 * Changes the signed-in caller's password: the current password must be right (guesses are
 * throttled with the account's log-ins: 429 and *retry_after), the new one must pass
 * password_acceptable. Then, in one transaction, the new hash is stored, every session of the
 * user ends — this one included — and a new session of the kind opens, its token written to
 * token and its CSRF token to c->csrf. Failures: 422 naming current_password or new_password,
 * 429, 500.
 */
int auth_password_change(struct store *s, struct caller *c, const char *current,
			 const char *fresh, const char *client, const char *kind,
			 char token[AUTH_TOKEN_LEN], long *retry_after, struct error *err);
/* Loads a caller by user id (for the CLI and tests); 0 found, 1 not found. */
int auth_caller_load(struct store *s, long long user_id, struct caller *c);
/* Session lifetime in seconds: ACCORD_SESSION_TTL or 12 hours. */
long auth_session_ttl(void);

#endif
