/* pages_auth: the sign-in page, the sign-in and sign-out forms and the account page with its password change, with HttpOnly SameSite cookies. */
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

static void session_cookie(struct response *rs, const char *token)
{
	char cookie[200];

	snprintf(cookie, sizeof cookie,
		 "accord_session=%s; Path=/; HttpOnly; SameSite=Lax; Max-Age=%ld%s", token,
		 auth_session_ttl(), cookie_secure());
	reply_header(rs, "Set-Cookie", cookie);
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
		reply_redirect(rs, "/inbox");
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
	char token[AUTH_TOKEN_LEN];
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
	/* No fixation: the session is always new, a session this browser had before ends, and the pre-session token goes. */
	if (rq->signed_in)
		auth_logout_caller(rq->store, rq->token, &rq->caller);
	reply_header(rs, "Set-Cookie", "accord_pre=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
	session_cookie(rs, token);
	/* Every user lands on what waits for them (GET / stays the engagements list). */
	reply_redirect(rs, "/inbox");
}

void page_logout_post(struct request *rq, struct response *rs)
{
	auth_logout_caller(rq->store, rq->token, &rq->caller);
	reply_header(rs, "Set-Cookie", "accord_session=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0");
	reply_redirect(rs, "/login");
}

static void render_account(struct request *rq, struct response *rs, const struct error *err,
			   bool changed)
{
	static const char *const fields[] = {"current_password", "new_password", "new_password_again", NULL};
	struct buf *b = &rs->body;

	page_begin(rq, rs, "Your account");
	html_fmt(b, "<section class=\"card narrow\"><h1>Your account</h1>"
		    "<p>%s · %s · %s</p>", rq->caller.name, rq->caller.email, rq->caller.org_name);
	html_fmt(b, "<h2 id=\"password\">Change your password</h2>");
	if (changed)
		html_fmt(b, "<p class=\"banner\" role=\"status\">Your password is changed. Every other session of yours has ended, and your calendar feed has a new address: subscribe again from <a href=\"/actions\">My actions</a>.</p>");
	form_error_banner(b, err, fields);
	html_fmt(b, "<p class=\"muted\">At least %d characters; not a common password, and not your name or e-mail address. Every other session of yours ends.</p>",
		 PASSWORD_MIN);
	html_fmt(b, "<form method=\"post\" action=\"/me/password" FORM_ANCHOR "\">");
	form_csrf(b, rq);
	form_input(b, "Current password", "current_password", "password", "", err);
	form_input(b, "New password", "new_password", "password", "", err);
	form_input(b, "New password again", "new_password_again", "password", "", err);
	html_fmt(b, "<button type=\"submit\">Change password</button></form></section>");
	page_end(rs);
}

void page_account(struct request *rq, struct response *rs)
{
	const char *changed = request_query(rq, "changed");

	render_account(rq, rs, NULL, changed && strcmp(changed, "1") == 0);
}

void page_password_post(struct request *rq, struct response *rs)
{
	const char *fresh = request_form(rq, "new_password");
	const char *again = request_form(rq, "new_password_again");
	char token[AUTH_TOKEN_LEN];
	struct error err = {0};
	long wait = 0;

	if (!fresh || !again || strcmp(fresh, again) != 0) {
		error_set(&err, 422, "invalid", "new_password_again", "the two new passwords differ");
	} else if (auth_password_change(rq->store, &rq->caller, request_form(rq, "current_password"),
					fresh, rq->client, "web", token, &wait, &err) == 0) {
		session_cookie(rs, token);
		reply_redirect(rs, "/account?changed=1#password");
		return;
	}
	rs->status = err.status ? err.status : 500;
	render_account(rq, rs, &err, false);
}
