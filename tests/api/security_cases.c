/* security_cases: web hardening over HTTP — headers on every kind of answer, no session fixation, log-out and password change ending sessions, the password rule, no path traversal, and logs without secrets. */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;

#define PAGE_CSP "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
#define OTHER_CSP "default-src 'none'; frame-ancestors 'none'; base-uri 'none'"

/* ---- raw HTTP: the request goes out byte for byte (no client tidies the path) ---- */

static char *raw(const char *request)
{
	return raw_to(W->S, request, strlen(request));
}

/* A GET of path as written, with optional extra header lines (each ending in \r\n). */
static char *raw_get(const char *path, const char *extra)
{
	return raw(fmt("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\n%sConnection: close\r\n\r\n", path,
		       extra ? extra : ""));
}

static int status_of(const char *ans)
{
	return ans && strncmp(ans, "HTTP/1.", 7) == 0 ? atoi(ans + 9) : -1;
}

/* The value of the nth (from 0) header called name in the answer's head, copied into out; false when there is none. */
static bool header_nth(const char *ans, const char *name, int nth, char *out, size_t n)
{
	const char *end = ans ? strstr(ans, "\r\n\r\n") : NULL;
	size_t nl = strlen(name);

	for (const char *p = ans ? strstr(ans, "\r\n") : NULL; p && p < end; p = strstr(p + 2, "\r\n")) {
		const char *line = p + 2;

		if (strncasecmp(line, name, nl) == 0 && line[nl] == ':' && nth-- == 0) {
			const char *v = line + nl + 1;
			size_t len;

			while (*v == ' ')
				v++;
			len = strcspn(v, "\r\n");
			snprintf(out, n, "%.*s", (int)len, v);
			return true;
		}
	}
	return false;
}

static const char *header(const char *ans, const char *name)
{
	static char v[1024];

	return header_nth(ans, name, 0, v, sizeof v) ? v : NULL;
}

static const char *body_of(const char *ans)
{
	const char *b = ans ? strstr(ans, "\r\n\r\n") : NULL;

	return b ? b + 4 : "";
}

/* The value of cookie name set by the answer ("" for a cookie being cleared), or NULL when none is set. */
static const char *set_cookie(const char *ans, const char *name)
{
	static char v[512];
	size_t nl = strlen(name);

	for (int i = 0; header_nth(ans, "Set-Cookie", i, v, sizeof v); i++) {
		if (strncmp(v, name, nl) == 0 && v[nl] == '=') {
			memmove(v, v + nl + 1, strlen(v + nl + 1) + 1);
			v[strcspn(v, ";")] = '\0';
			return v;
		}
	}
	return NULL;
}

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* The caller's calendar feed path ("/calendar/TOKEN.ics"), malloc'd, or NULL. */
static char *feed_path(const char *token)
{
	json_t *me = NULL;
	const char *url, *p;
	char *path = NULL;

	if (call_json(W->S, "GET", "/api/v1/me", token, NULL, &me) == 200 &&
	    (url = str(me, "calendar_url")) && (p = strstr(url, "/calendar/")))
		path = strdup(p);
	json_decref(me);
	return path;
}

/* A new member of Northwind made by the platform admin; returns its id or 0. */
static long long new_user(const char *email, const char *name, const char *password)
{
	json_t *j = NULL;
	long long id = 0;

	if (call_json(W->S, "POST", fmt("/api/v1/orgs/%lld/users", W->NW), W->tok[ADMIN],
		      fmt("{\"email\":\"%s\",\"name\":\"%s\",\"roles\":[\"member\"],\"password\":\"%s\"}",
			  email, name, password), &j) == 201)
		id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* Signs in through the form on s with the cookies given (may be ""); fills the session cookie value and the page's CSRF token. Returns the sign-in answer (malloc'd) or NULL. */
static char *web_login_on(const struct server *s, const char *email, const char *password,
			  const char *extra_cookies, char *session, size_t sn, char *csrf, size_t cn)
{
	char pre[128], *ans, *page;
	const char *v;
	const char *get = "GET /login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
	char *body, *req;

	ans = raw_to(s, get, strlen(get));
	if (!ans || !(v = set_cookie(ans, "accord_pre")) || html_csrf(body_of(ans), pre, sizeof pre) != 0) {
		free(ans);
		return NULL;
	}
	free(ans);
	body = fmt("csrf=%s&email=%s&password=%s", pre, email, password);
	req = fmt("POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: accord_pre=%s%s%s\r\n"
		  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n"
		  "Connection: close\r\n\r\n%s",
		  pre, extra_cookies && *extra_cookies ? "; " : "", extra_cookies ? extra_cookies : "",
		  strlen(body), body);
	ans = raw_to(s, req, strlen(req));
	if (status_of(ans) != 303 || !(v = set_cookie(ans, "accord_session")) || !*v)
		return ans;
	snprintf(session, sn, "%s", v);
	req = fmt("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: accord_session=%s\r\nConnection: close\r\n\r\n", session);
	page = raw_to(s, req, strlen(req));
	if (status_of(page) != 200 || html_csrf(body_of(page), csrf, cn) != 0)
		session[0] = '\0';
	free(page);
	return ans;
}

static char *web_login(const char *email, const char *password, const char *extra_cookies,
		       char *session, size_t sn, char *csrf, size_t cn)
{
	return web_login_on(W->S, email, password, extra_cookies, session, sn, csrf, cn);
}

/* A form post with the session cookie; the answer, malloc'd. */
static char *web_post(const char *path, const char *session, const char *body)
{
	return raw(fmt("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: accord_session=%s\r\n"
		       "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n"
		       "Connection: close\r\n\r\n%s",
		       path, session, strlen(body), body));
}

static int web_status(const char *path, const char *session)
{
	char *ans = raw_get(path, fmt("Cookie: accord_session=%s\r\n", session));
	int st = status_of(ans);

	free(ans);
	return st;
}

/* ---- the cases ---- */

/* Every kind of answer carries the hardening headers; pages get the page policy, the rest a deny-all one. */
static void headers_on_every_answer(void)
{
	char *feed = feed_path(W->tok[NW_CM]);
	const char *bearer = fmt("Authorization: Bearer %s\r\n", W->tok[NW_CM]);
	struct {
		const char *what, *request;
		int status;
		bool page;
	} cases[] = {
		{"health", fmt("GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 200, false},
		{"API read", fmt("GET /api/v1/me HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n", bearer), 200, false},
		{"API list", fmt("GET /api/v1/engagements HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n", bearer), 200, false},
		{"API 401", "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 401, false},
		{"API 404 route", "GET /api/v1/no-such-thing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404, false},
		{"API 404 resource", fmt("GET /api/v1/engagements/987654321 HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n", bearer), 404, false},
		{"API 405", fmt("DELETE /api/v1/me HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n", bearer), 405, false},
		{"unknown method", "BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 405, false},
		{"API 400", "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{nope", 400, false},
		{"API 413", "POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 9999999\r\nConnection: close\r\n\r\n", 413, false},
		{"feed", feed ? fmt("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", feed) : "", 200, false},
		{"feed 404", "GET /calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404, false},
		{"log-in page", "GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 200, true},
		{"page", fmt("GET / HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n", bearer), 200, true},
		{"engagement page", fmt("GET /engagements/%lld HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n", W->E1, bearer), 200, true},
		{"account page", fmt("GET /account HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n", bearer), 200, true},
		{"page redirect", "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 303, true},
		{"page 404", "GET /no/such/page HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 404, true},
		{"page 403", fmt("GET /portfolio HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nConnection: close\r\n\r\n", W->tok[KE_CONS]), 403, true},
		{"stylesheet", "GET /assets/style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 200, true},
		{"CSV export", fmt("GET /portfolio.csv HTTP/1.1\r\nHost: x\r\n%sConnection: close\r\n\r\n", bearer), 200, true},
	};

	CHECK(feed != NULL);
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *ans = raw(cases[i].request);
		const char *csp = header(ans, "Content-Security-Policy");
		int st = status_of(ans);
		bool good = st == cases[i].status && csp &&
			    strcmp(csp, cases[i].page ? PAGE_CSP : OTHER_CSP) == 0 &&
			    header(ans, "X-Content-Type-Options") && strcmp(header(ans, "X-Content-Type-Options"), "nosniff") == 0 &&
			    header(ans, "X-Frame-Options") && strcmp(header(ans, "X-Frame-Options"), "DENY") == 0 &&
			    header(ans, "Referrer-Policy") && strcmp(header(ans, "Referrer-Policy"), "same-origin") == 0 &&
			    header(ans, "Cache-Control") && strcmp(header(ans, "Cache-Control"), "no-store") == 0 &&
			    header(ans, "Content-Type");

		if (!good) {
			harness_case_failed = 1;
			fprintf(stderr, "FAIL %s: %s: status %d (want %d), CSP %s\n", harness_case,
				cases[i].what, st, cases[i].status, csp ? csp : "(none)");
		}
		/* Every content type names its character set; JSON is an attachment should a browser open it. */
		CHECK(header(ans, "Content-Type") && strstr(header(ans, "Content-Type"), "charset=utf-8") != NULL);
		if (header(ans, "Content-Type") && strncmp(header(ans, "Content-Type"), "application/json", 16) == 0)
			CHECK(header(ans, "Content-Disposition") && strncmp(header(ans, "Content-Disposition"), "attachment", 10) == 0);
		/* Served over plain HTTP, no HSTS (it would pin a test host to TLS). */
		CHECK(header(ans, "Strict-Transport-Security") == NULL);
		/* No page carries script or inline style that the policy would have to allow. */
		if (cases[i].page && st == 200 && strstr(header(ans, "Content-Type"), "text/html")) {
			const char *b = body_of(ans);

			CHECK(strstr(b, "<script") == NULL);
			CHECK(strstr(b, "<style") == NULL);
			CHECK(strstr(b, " style=") == NULL);
			CHECK(strstr(b, " onclick=") == NULL && strstr(b, " onload=") == NULL &&
			      strstr(b, " onsubmit=") == NULL && strstr(b, "javascript:") == NULL);
		}
		free(ans);
	}
	free(feed);
}

/* No session fixation: a session id sent before sign-in is never the one after, the pre-session token goes, and signing in again ends the session the browser had. */
static void sign_in_never_keeps_a_session_id(void)
{
	const char *planted = "Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm8";
	char s1[128] = "", s2[128] = "", c1[64], c2[64];
	char *ans;
	const char *pre;

	CHECK(new_user("fix.ation@northwind.example", "Fixation Check", "a-fixed-point-97") > 0);
	/* A session id planted in the browser before sign-in (43 characters, like a real one). */
	ans = web_login("fix.ation@northwind.example", "a-fixed-point-97",
			fmt("accord_session=%s", planted), s1, sizeof s1, c1, sizeof c1);
	CHECK_INT(status_of(ans), 303);
	CHECK(s1[0] != '\0');
	CHECK(strcmp(s1, planted) != 0);
	CHECK_INT(strlen(s1), 43);
	pre = set_cookie(ans, "accord_pre");
	CHECK(pre != NULL && *pre == '\0'); /* the pre-session cookie is cleared */
	CHECK(strstr(header(ans, "Set-Cookie") ? ans : "", "HttpOnly") != NULL);
	free(ans);
	CHECK_INT(web_status("/", planted), 303);
	CHECK_INT(web_status("/", s1), 200);
	/* Signing in again from the same browser gives a new session and ends the old one. */
	ans = web_login("fix.ation@northwind.example", "a-fixed-point-97",
			fmt("accord_session=%s", s1), s2, sizeof s2, c2, sizeof c2);
	CHECK_INT(status_of(ans), 303);
	free(ans);
	CHECK(s2[0] && strcmp(s1, s2) != 0);
	CHECK(strcmp(c1, c2) != 0); /* and a new CSRF token */
	CHECK_INT(web_status("/", s1), 303);
	CHECK_INT(web_status("/", s2), 200);
	/* The session cookie signs in to pages, forms and API reads: an API write made with it alone (as another site's page could) is not signed in. */
	{
		const char *body = "{\"name\":\"Cross-site\"}";

		ans = raw(fmt("GET /api/v1/me HTTP/1.1\r\nHost: x\r\nCookie: accord_session=%s\r\nConnection: close\r\n\r\n", s2));
		CHECK_INT(status_of(ans), 200);
		free(ans);
		ans = raw(fmt("POST /api/v1/orgs/%lld/units HTTP/1.1\r\nHost: x\r\nCookie: accord_session=%s\r\n"
			      "Content-Type: text/plain\r\nContent-Length: %zu\r\nConnection: close\r\n\r\n%s",
			      W->NW, s2, strlen(body), body));
		CHECK_INT(status_of(ans), 401);
		free(ans);
		CHECK_INT(call(W->S, "GET", "/api/v1/me", s2, NULL), 200); /* as a bearer token it is the session */
	}
	/* API log-ins: each a new token. */
	{
		char *t1 = login(W->S, "fix.ation@northwind.example", "a-fixed-point-97");
		char *t2 = login(W->S, "fix.ation@northwind.example", "a-fixed-point-97");

		CHECK(t1 && t2 && strcmp(t1, t2) != 0);
		free(t1);
		free(t2);
	}
}

/* Log-out ends the session on the server: the old token and cookie no longer sign anyone in. */
static void log_out_ends_the_session(void)
{
	char s[128] = "", csrf[64] = "";
	char *t, *ans;

	CHECK(new_user("log.out@northwind.example", "Logout Check", "leave-by-the-door-5") > 0);
	t = login(W->S, "log.out@northwind.example", "leave-by-the-door-5");
	CHECK(t != NULL);
	CHECK_INT(call(W->S, "GET", "/api/v1/me", t, NULL), 200);
	CHECK_INT(call(W->S, "POST", "/api/v1/logout", t, NULL), 200);
	CHECK_INT(call(W->S, "GET", "/api/v1/me", t, NULL), 401);
	CHECK_INT(call(W->S, "GET", "/api/v1/engagements", t, NULL), 401);
	free(t);
	ans = web_login("log.out@northwind.example", "leave-by-the-door-5", NULL, s, sizeof s, csrf, sizeof csrf);
	free(ans);
	CHECK(s[0] != '\0');
	ans = web_post("/logout", s, fmt("csrf=%s", csrf));
	CHECK_INT(status_of(ans), 303);
	CHECK(set_cookie(ans, "accord_session") && *set_cookie(ans, "accord_session") == '\0');
	free(ans);
	/* The cookie kept by a careless browser is dead on the server too. */
	CHECK_INT(web_status("/", s), 303);
	CHECK_INT(call(W->S, "GET", "/api/v1/me", s, NULL), 401);
}

/* POST /api/v1/me/password: the current password is checked, the rule applies, and every other session ends. */
static void api_password_change_ends_other_sessions(void)
{
	const char *email = "pass.change@northwind.example", *p1 = "first-long-secret-1",
		   *p2 = "second-long-secret-2";
	char s[128] = "", csrf[64] = "";
	char *t1, *t2, *t3 = NULL, *ans, *again;
	json_t *j = NULL;

	CHECK(new_user(email, "Change Check", p1) > 0);
	t1 = login(W->S, email, p1);
	t2 = login(W->S, email, p1);
	ans = web_login(email, p1, NULL, s, sizeof s, csrf, sizeof csrf);
	free(ans);
	CHECK(t1 && t2 && s[0]);
	/* Refusals name their field and change nothing. */
	CHECK_INT(call_json(W->S, "POST", "/api/v1/me/password", t1,
			    fmt("{\"current_password\":\"not-it-at-all\",\"new_password\":\"%s\"}", p2), &j), 422);
	CHECK_STR(error_field(j), "current_password");
	json_decref(j);
	CHECK_INT(call_json(W->S, "POST", "/api/v1/me/password", t1,
			    fmt("{\"current_password\":\"%s\",\"new_password\":\"qwerty123456\"}", p1), &j), 422);
	CHECK_STR(error_field(j), "new_password");
	CHECK_STR(error_code(j), "common");
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "error"), "message")),
		  "is one of the most common passwords");
	json_decref(j);
	CHECK_INT(call_json(W->S, "POST", "/api/v1/me/password", t1,
			    fmt("{\"current_password\":\"%s\",\"new_password\":\"short-one\"}", p1), &j), 422);
	CHECK_STR(error_field(j), "new_password");
	CHECK_STR(error_code(j), "too_short");
	json_decref(j);
	CHECK_INT(call_json(W->S, "POST", "/api/v1/me/password", t1,
			    fmt("{\"current_password\":\"%s\",\"new_password\":\"change-check-2026\"}", p1), &j), 422);
	CHECK_STR(error_code(j), "personal");
	json_decref(j);
	CHECK_INT(call_json(W->S, "POST", "/api/v1/me/password", t1, "{\"current_password\":\"x\"}", &j), 422);
	CHECK_STR(error_field(j), "new_password");
	json_decref(j);
	CHECK_INT(call_json(W->S, "POST", "/api/v1/me/password", NULL,
			    fmt("{\"current_password\":\"%s\",\"new_password\":\"%s\"}", p1, p2), &j), 401);
	json_decref(j);
	CHECK_INT(call(W->S, "GET", "/api/v1/me", t1, NULL), 200);
	CHECK_INT(call(W->S, "GET", "/api/v1/me", t2, NULL), 200);
	/* The change: one new token; every session before it, this one included, ends. */
	CHECK_INT(call_json(W->S, "POST", "/api/v1/me/password", t1,
			    fmt("{\"current_password\":\"%s\",\"new_password\":\"%s\"}", p1, p2), &j), 200);
	if (str(j, "token"))
		t3 = strdup(str(j, "token"));
	CHECK_STR(str(json_object_get(j, "user"), "email"), email);
	json_decref(j);
	CHECK(t3 && strcmp(t3, t1) != 0);
	CHECK_INT(call(W->S, "GET", "/api/v1/me", t1, NULL), 401);
	CHECK_INT(call(W->S, "GET", "/api/v1/me", t2, NULL), 401);
	CHECK_INT(web_status("/", s), 303);
	CHECK_INT(call(W->S, "GET", "/api/v1/me", t3, NULL), 200);
	/* The old password no longer signs in; the new one does. */
	CHECK_INT(call(W->S, "POST", "/api/v1/login", NULL, fmt("{\"email\":\"%s\",\"password\":\"%s\"}", email, p1)), 401);
	again = login(W->S, email, p2);
	CHECK(again != NULL);
	free(again);
	free(t1);
	free(t2);
	free(t3);
}

/* The web form: /account shows it, POST /me/password needs the CSRF token, and a change rotates the cookie. */
static void web_password_change_rotates_the_cookie(void)
{
	const char *email = "web.change@northwind.example", *p1 = "garden-gate-long-1",
		   *p2 = "orchard-wall-long-2";
	char s[128] = "", csrf[64] = "", s_other[128] = "", csrf_other[64] = "", fresh_csrf[64];
	char *ans, *t;
	const char *fresh;

	CHECK(new_user(email, "Web Change", p1) > 0);
	free(web_login(email, p1, NULL, s, sizeof s, csrf, sizeof csrf));
	free(web_login(email, p1, NULL, s_other, sizeof s_other, csrf_other, sizeof csrf_other));
	t = login(W->S, email, p1);
	CHECK(s[0] && s_other[0] && t);
	ans = raw_get("/account", fmt("Cookie: accord_session=%s\r\n", s));
	CHECK_INT(status_of(ans), 200);
	CHECK(strstr(body_of(ans), "action=\"/me/password#form-errors\"") != NULL);
	CHECK(strstr(body_of(ans), "name=\"current_password\"") != NULL);
	free(ans);
	/* Without the CSRF token: refused before anything is checked. */
	ans = web_post("/me/password", s, fmt("current_password=%s&new_password=%s&new_password_again=%s", p1, p2, p2));
	CHECK_INT(status_of(ans), 403);
	free(ans);
	/* The two new passwords differ; then a common one: the page again, the field's error beside it. */
	ans = web_post("/me/password", s, fmt("csrf=%s&current_password=%s&new_password=%s&new_password_again=x", csrf, p1, p2));
	CHECK_INT(status_of(ans), 422);
	CHECK(strstr(body_of(ans), "the two new passwords differ") != NULL);
	free(ans);
	ans = web_post("/me/password", s, fmt("csrf=%s&current_password=%s&new_password=Password1234&new_password_again=Password1234", csrf, p1));
	CHECK_INT(status_of(ans), 422);
	CHECK(strstr(body_of(ans), "is one of the most common passwords") != NULL);
	free(ans);
	CHECK_INT(web_status("/", s_other), 200);
	/* The change. */
	ans = web_post("/me/password", s, fmt("csrf=%s&current_password=%s&new_password=%s&new_password_again=%s", csrf, p1, p2, p2));
	CHECK_INT(status_of(ans), 303);
	CHECK_STR(header(ans, "Location"), "/account?changed=1#password");
	fresh = set_cookie(ans, "accord_session");
	CHECK(fresh && strlen(fresh) == 43 && strcmp(fresh, s) != 0);
	{
		char keep[128];

		snprintf(keep, sizeof keep, "%s", fresh ? fresh : "");
		free(ans);
		CHECK_INT(web_status("/", s), 303);
		CHECK_INT(web_status("/", s_other), 303);
		CHECK_INT(call(W->S, "GET", "/api/v1/me", t, NULL), 401);
		ans = raw_get("/account?changed=1", fmt("Cookie: accord_session=%s\r\n", keep));
		CHECK_INT(status_of(ans), 200);
		CHECK(strstr(body_of(ans), "Your password is changed") != NULL);
		/* The new session has a new CSRF token: the old one no longer passes. */
		CHECK(html_csrf(body_of(ans), fresh_csrf, sizeof fresh_csrf) == 0 && strcmp(fresh_csrf, csrf) != 0);
		free(ans);
		ans = web_post("/logout", keep, fmt("csrf=%s", csrf));
		CHECK_INT(status_of(ans), 403);
		free(ans);
	}
	free(t);
	t = login(W->S, email, p2);
	CHECK(t != NULL);
	free(t);
}

/* Guessing the current password is throttled with the account's log-ins. */
static void password_change_is_throttled(void)
{
	const char *email = "guess.work@northwind.example", *p1 = "hidden-lantern-77";
	char *t;
	struct resp r;

	CHECK(new_user(email, "Guess Work", p1) > 0);
	t = login(W->S, email, p1);
	CHECK(t != NULL);
	for (int i = 0; i < 5; i++)
		CHECK_INT(call(W->S, "POST", "/api/v1/me/password", t,
			       fmt("{\"current_password\":\"guess-%d\",\"new_password\":\"brand-new-secret-1\"}", i)), 422);
	/* The sixth comes too soon, even with the right password; and so does a log-in. */
	http(W->S, "POST", "/api/v1/me/password", t,
	     fmt("{\"current_password\":\"%s\",\"new_password\":\"brand-new-secret-1\"}", p1), NULL, NULL, &r);
	CHECK_INT(r.status, 429);
	CHECK(atoi(r.retry_after) > 0);
	resp_free(&r);
	CHECK_INT(call(W->S, "POST", "/api/v1/login", NULL, fmt("{\"email\":\"%s\",\"password\":\"%s\"}", email, p1)), 429);
	CHECK_INT(call(W->S, "GET", "/api/v1/me", t, NULL), 200);
	free(t);
}

/* The rule at every way in: the API, the web form and the command line, each naming the field. */
static void weak_passwords_refused_at_creation(void)
{
	static const struct {
		const char *password, *code;
	} weak[] = {
		{"qwerty123456", "common"},
		{"1qaz2wsx3edc", "common"},
		{"LeaveMeAlone", "common"},
		{"eleven-char", "too_short"},
		{"weak.person-77", "personal"},
		{"accord-is-nice", "personal"},
	};
	char *out = NULL;
	json_t *j = NULL;

	for (size_t i = 0; i < sizeof weak / sizeof weak[0]; i++) {
		CHECK_INT(call_json(W->S, "POST", fmt("/api/v1/orgs/%lld/users", W->NW), W->tok[ADMIN],
				    fmt("{\"email\":\"weak.person@northwind.example\",\"name\":\"Weak Person\",\"roles\":[\"member\"],\"password\":\"%s\"}",
					weak[i].password), &j), 422);
		CHECK_STR(error_field(j), "password");
		CHECK_STR(error_code(j), weak[i].code);
		json_decref(j);
	}
	/* The command line: one error line, exit 2, nothing written. */
	CHECK_INT(run_capture(fmt("printf 'qwerty123456\\n' | %s user add --db '%s' --org %lld --email weak.cli@northwind.example "
				  "--name 'Weak Cli' --role member --password-stdin 2>&1", W->bin, W->db, W->NW), &out), 2);
	CHECK(out && strstr(out, "is one of the most common passwords") != NULL);
	free(out);
	out = NULL;
	CHECK_INT(run_capture(fmt("printf 'short-pass\\n' | %s user add --db '%s' --org %lld --email weak.cli@northwind.example "
				  "--name 'Weak Cli' --role member --password-stdin 2>&1", W->bin, W->db, W->NW), &out), 2);
	CHECK(out && strstr(out, "at least 12 characters") != NULL);
	free(out);
}

/* The org page's user form as a manager who may use it: the common password named beside the field. */
static void weak_password_refused_in_the_web_form(void)
{
	const char *email = "form.admin@northwind.example";
	char s[128] = "", csrf[64] = "";
	json_t *j = NULL;
	char *ans;

	/* A Northwind contract manager manages the organisation's users. */
	CHECK_INT(call_json(W->S, "POST", fmt("/api/v1/orgs/%lld/users", W->NW), W->tok[ADMIN],
			    fmt("{\"email\":\"%s\",\"name\":\"Form Keeper\",\"roles\":[\"contract_manager\"],\"password\":\"clipboard-holder-3\"}", email), &j), 201);
	json_decref(j);
	free(web_login(email, "clipboard-holder-3", NULL, s, sizeof s, csrf, sizeof csrf));
	CHECK(s[0] != '\0');
	ans = web_post(fmt("/orgs/%lld/users", W->NW), s,
		       fmt("csrf=%s&name=Weak+Person&email=weak.form%%40northwind.example&roles=member&password=qwerty123456", csrf));
	CHECK_INT(status_of(ans), 422);
	CHECK(strstr(body_of(ans), "is one of the most common passwords") != NULL);
	free(ans);
}

/* Only the embedded stylesheet is served under /assets: no path, encoding or NUL reaches a file. */
static void no_path_traversal(void)
{
	static const char *const paths[] = {
		"/assets/../../../../etc/passwd",
		"/assets/..%2f..%2f..%2f..%2fetc%2fpasswd",
		"/assets/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
		"/assets/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
		"/assets/%252e%252e/%252e%252e/etc/passwd",
		"/assets/..%5c..%5c..%5cetc%5cpasswd",
		"/assets/style.css/..",
		"/assets/style.css/../../etc/passwd",
		"/assets/../assets/style.css",
		"/assets/./style.css",
		"/assets//style.css",
		"/assets/style.css%00",
		"/assets/style.css%00.png",
		"/assets/%00../../etc/passwd",
		"/assets/",
		"/assets",
		"/assets/style.css.map",
		"/assets/STYLE.CSS",
		"/../../../../etc/passwd",
		"/%2e%2e/%2e%2e/etc/passwd",
		"/etc/passwd",
		"/src/http/assets/style.css",
		"/Makefile",
		"/calendar/..%2f..%2fetc%2fpasswd.ics",
		"/api/v1/me%00",
	};

	for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
		char *ans = raw_get(paths[i], NULL);
		int st = status_of(ans);

		if (st != 404 && st != 400) {
			harness_case_failed = 1;
			fprintf(stderr, "FAIL %s: GET %s answered %d\n", harness_case, paths[i], st);
		}
		CHECK(strstr(body_of(ans), "root:") == NULL);
		CHECK(strstr(body_of(ans), "--accent") == NULL); /* not the stylesheet either */
		free(ans);
	}
	/*
	 * A raw NUL byte in the request line: libmicrohttpd hands over the path up to the NUL, so
	 * what is served is at most a route's own answer (here the embedded stylesheet) — never
	 * what follows the NUL, and never a file.
	 */
	{
		const char req[] = "GET /assets/style.css\0/../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
		const char req2[] = "GET /\0../../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
		char *ans = raw_to(W->S, req, sizeof req - 1), *ans2 = raw_to(W->S, req2, sizeof req2 - 1);

		CHECK(ans && strstr(ans, "root:") == NULL);
		CHECK(status_of(ans) != 200 || strncmp(header(ans, "Content-Type"), "text/css", 8) == 0);
		CHECK(ans2 && strstr(ans2, "root:") == NULL);
		CHECK(status_of(ans2) == 303 || status_of(ans2) == 400 || status_of(ans2) == 404);
		free(ans);
		free(ans2);
	}
	/* The one asset is there, as CSS. */
	{
		char *ans = raw_get("/assets/style.css", NULL);

		CHECK_INT(status_of(ans), 200);
		CHECK(header(ans, "Content-Type") && strncmp(header(ans, "Content-Type"), "text/css", 8) == 0);
		free(ans);
	}
}

/* Whether the file at path holds needle; -1 when it cannot be read. */
static int file_holds(const char *path, const char *needle)
{
	FILE *f = fopen(path, "r");
	char *text;
	long n;
	int found;

	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	if (!text || fread(text, 1, (size_t)n, f) != (size_t)n) {
		fclose(f);
		free(text);
		return -1;
	}
	fclose(f);
	found = strstr(text, needle) != NULL;
	free(text);
	return found;
}

/* With the access log on, the server's log records requests and sign-ins but no password, token or cookie. */
static void logs_hold_no_secrets(void)
{
	const char *email = "log.reader@northwind.example", *pw = "never-in-the-log-42";
	const char *typo = "password-typed-as-email-9";
	struct server s2;
	char sess[128] = "", csrf[64] = "", pre[128] = "", *t = NULL, *feed = NULL, *ans;
	const char *secrets[8];
	size_t nsecrets = 0;

	CHECK(new_user(email, "Log Reader", pw) > 0);
	memset(&s2, 0, sizeof s2);
	if (server_start(&s2, W->bin, W->db, "ACCORD_ACCESS_LOG=1") != 0) {
		CHECK(!"a second server with the access log starts");
		server_stop(&s2);
		return;
	}
	t = login(&s2, email, pw);
	CHECK(t != NULL);
	if (t) {
		feed = feed_path(t);
		CHECK(feed != NULL);
	}
	if (feed) {
		char *f = raw_to(&s2, fmt("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", feed),
				 strlen(fmt("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", feed)));

		CHECK_INT(status_of(f), 200);
		free(f);
	}
	/* A failed log-in with the password typed into the e-mail field, then a web sign-in. */
	CHECK_INT(call(&s2, "POST", "/api/v1/login", NULL, fmt("{\"email\":\"%s\",\"password\":\"x\"}", typo)), 401);
	ans = web_login_on(&s2, email, pw, NULL, sess, sizeof sess, csrf, sizeof csrf);
	CHECK(sess[0] != '\0');
	free(ans);
	{
		const char *get = "GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
		char *l = raw_to(&s2, get, strlen(get));

		if (set_cookie(l, "accord_pre"))
			snprintf(pre, sizeof pre, "%s", set_cookie(l, "accord_pre"));
		free(l);
	}
	CHECK_INT(server_stop(&s2), 0);

	/* What the log must say. */
	CHECK_INT(file_holds(s2.log, "\"GET /calendar/[token].ics\" 200"), 1);
	CHECK_INT(file_holds(s2.log, "\"POST /api/v1/login\" 200"), 1);
	CHECK_INT(file_holds(s2.log, "\"POST /login\" 303"), 1);
	CHECK_INT(file_holds(s2.log, "auth: log-in: user"), 1);
	CHECK_INT(file_holds(s2.log, "auth: log-in refused: no such user, from 127.0.0.1"), 1);
	/* What it must not. */
	secrets[nsecrets++] = pw;
	secrets[nsecrets++] = typo;
	if (t)
		secrets[nsecrets++] = t;
	if (sess[0])
		secrets[nsecrets++] = sess;
	if (csrf[0])
		secrets[nsecrets++] = csrf;
	if (pre[0])
		secrets[nsecrets++] = pre;
	if (feed && strlen(feed) > 14) {
		static char token[80];

		snprintf(token, sizeof token, "%.*s", (int)(strlen(feed) - 14), feed + 10);
		secrets[nsecrets++] = token;
	}
	for (size_t i = 0; i < nsecrets; i++) {
		if (file_holds(s2.log, secrets[i]) != 0) {
			harness_case_failed = 1;
			fprintf(stderr, "FAIL %s: secret %zu is in %s\n", harness_case, i, s2.log);
		}
	}
	/* Nor does the main test server's log hold any caller's token. */
	for (int c = 0; c < CALLERS; c++)
		if (W->tok[c])
			CHECK_INT(file_holds(W->S->log, W->tok[c]), 0);
	CHECK_INT(file_holds(W->S->log, "second-long-secret-2"), 0);
	free(t);
	free(feed);
}

/* Behind TLS (ACCORD_COOKIE_SECURE=1): every answer carries HSTS and every cookie is Secure. */
static void behind_tls_hsts_and_secure_cookies(void)
{
	const char *get = "GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	const char *api = "GET /api/v1/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	char cookie[512];
	struct server s3;
	char *ans;

	memset(&s3, 0, sizeof s3);
	if (server_start(&s3, W->bin, W->db, "ACCORD_COOKIE_SECURE=1") != 0) {
		CHECK(!"a server with ACCORD_COOKIE_SECURE=1 starts");
		server_stop(&s3);
		return;
	}
	ans = raw_to(&s3, get, strlen(get));
	CHECK_INT(status_of(ans), 200);
	CHECK(header(ans, "Strict-Transport-Security") && strcmp(header(ans, "Strict-Transport-Security"), "max-age=31536000") == 0);
	CHECK(header_nth(ans, "Set-Cookie", 0, cookie, sizeof cookie) && strstr(cookie, "; Secure") != NULL &&
	      strstr(cookie, "HttpOnly") != NULL);
	free(ans);
	ans = raw_to(&s3, api, strlen(api));
	CHECK_INT(status_of(ans), 401);
	CHECK(header(ans, "Strict-Transport-Security") != NULL);
	free(ans);
	CHECK_INT(server_stop(&s3), 0);
}

void security_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(headers_on_every_answer);
	RUN(sign_in_never_keeps_a_session_id);
	RUN(log_out_ends_the_session);
	RUN(api_password_change_ends_other_sessions);
	RUN(web_password_change_rotates_the_cookie);
	RUN(weak_passwords_refused_at_creation);
	RUN(weak_password_refused_in_the_web_form);
	RUN(no_path_traversal);
	RUN(logs_hold_no_secrets);
	RUN(behind_tls_hsts_and_secure_cookies);
	RUN(password_change_is_throttled);
	*passed += harness_passed;
	*failed += harness_failed;
}
