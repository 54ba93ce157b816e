/* pages_auth: the sign-in page and the sign-in and sign-out forms, with HttpOnly SameSite cookies. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/auth.h"
#include "pages.h"

/* Cookies get "; Secure" when accord is served over TLS (ACCORD_COOKIE_SECURE=1). */
static const char *cookie_secure(void)
{
	const char *v = getenv("ACCORD_COOKIE_SECURE");

	return v && strcmp(v, "1") == 0 ? "; Secure" : "";
}

static void render_login(struct request *rq, struct response *rs, const char *pre,
			 const char *email, const char *message)
{
	struct buf *b = &rs->body;

	page_begin(NULL, rs, "Sign in");
	html_fmt(b, "<section class=\"card narrow\"><h1>Sign in</h1>"
		    "<p class=\"muted\">Governance for outsourcing partnerships: reviews, trust, summits and best practices.</p>");
	if (message)
		html_fmt(b, "<p class=\"banner error\" role=\"alert\">%s</p>", message);
	html_fmt(b, "<form method=\"post\" action=\"/login\">"
		    "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", pre);
	form_input(b, "E-mail", "email", "email", email, NULL);
	form_input(b, "Password", "password", "password", "", NULL);
	html_fmt(b, "<button type=\"submit\">Sign in</button></form></section>");
	page_end(rs);
	(void)rq;
}

void page_login(struct request *rq, struct response *rs)
{
	const char *pre = request_cookie(rq, "accord_pre");
	char fresh[48], cookie[160];

	if (rq->signed_in) {
		reply_redirect(rs, "/");
		return;
	}
	/* A pre-session token, sent both as a cookie and in the form (double submit), guards the sign-in form. */
	if (!pre || strlen(pre) != 32) {
		auth_random_token(fresh, sizeof fresh, 24);
		snprintf(cookie, sizeof cookie, "accord_pre=%s; Path=/; HttpOnly; SameSite=Strict%s",
			 fresh, cookie_secure());
		reply_header(rs, "Set-Cookie", cookie);
		pre = fresh;
	}
	render_login(rq, rs, pre, "", NULL);
}

void page_login_post(struct request *rq, struct response *rs)
{
	const char *email = request_form(rq, "email"), *password = request_form(rq, "password");
	char token[AUTH_TOKEN_LEN], cookie[200];
	struct caller c;
	struct error err = {0};
	long wait = 0;

	if (!email || !*email || !password || !*password) {
		rs->status = 422;
		render_login(rq, rs, request_cookie(rq, "accord_pre"), email,
			     "Enter your e-mail and password.");
		return;
	}
	if (auth_login(rq->store, email, password, rq->client, "web", token, &c, &wait, &err) != 0) {
		rs->status = err.status;
		render_login(rq, rs, request_cookie(rq, "accord_pre"), email, err.message);
		return;
	}
	snprintf(cookie, sizeof cookie,
		 "accord_session=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%ld%s", token,
		 auth_session_ttl(), cookie_secure());
	reply_header(rs, "Set-Cookie", cookie);
	reply_redirect(rs, "/");
}

void page_logout_post(struct request *rq, struct response *rs)
{
	auth_logout(rq->store, rq->token);
	reply_header(rs, "Set-Cookie", "accord_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
	reply_redirect(rs, "/login");
}
