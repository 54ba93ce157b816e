/* router: matches a request to its route and runs the checks every route shares — sign-in, visibility, permission, CSRF, body — before its handler. */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../service/auth.h"
#include "pages.h"
#include "schema.h"

/* Matches "/a/{id}/b" against a path; {id} takes a positive integer, {token} base64url text, {period} a KPI period's letters (2026-03, 2026-Q1). */
static bool pattern_match(const char *pat, const char *path, long long *id)
{
	while (*pat && *path) {
		/* Literal characters first: every request walks the route table, and three strncmp per character were most of it. */
		if (*pat != '{') {
			if (*pat != *path)
				return false;
			pat++;
			path++;
			continue;
		}
		if (strncmp(pat, "{id}", 4) == 0) {
			char num[24];
			size_t n = strcspn(path, "/");

			if (n == 0 || n >= sizeof num)
				return false;
			memcpy(num, path, n);
			num[n] = '\0';
			if (!parse_id(num, id))
				return false;
			pat += 4;
			path += n;
			continue;
		}
		if (strncmp(pat, "{token}", 7) == 0) {
			/* A secret token: base64url text; the handler reads it from the path. */
			size_t n = strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

			if (n == 0 || n > 64)
				return false;
			pat += 7;
			path += n;
			continue;
		}
		if (strncmp(pat, "{period}", 8) == 0) {
			/* The handler reads and checks it (service/kpis.c kpi_period_accept); here only its alphabet and length. */
			size_t n = strspn(path, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

			if (n == 0 || n > 16)
				return false;
			pat += 8;
			path += n;
			continue;
		}
		if (*pat != *path)
			return false;
		pat++;
		path++;
	}
	return *pat == '\0' && *path == '\0';
}

const struct route *router_match(enum method m, const char *path, long long *id, bool *path_known)
{
	*path_known = false;
	for (size_t i = 0; i < routes_count; i++) {
		long long v = 0;

		if (!pattern_match(routes[i].pattern, path, &v))
			continue;
		*path_known = true;
		if (routes[i].method == m) {
			*id = v;
			return &routes[i];
		}
	}
	return NULL;
}

bool router_form_page(const char *path, char *out, size_t n)
{
	bool form = false;
	long long id;
	size_t len;

	for (size_t i = 0; i < routes_count && !form; i++)
		form = (routes[i].flags & R_FORM) && pattern_match(routes[i].pattern, path, &id);
	if (!form || strlen(path) >= n)
		return false;
	/* The nearest page above it: /issues/5/responses → /issues/5; /suggestions/9 → / . */
	snprintf(out, n, "%s", path);
	while ((len = strlen(out)) > 1) {
		char *slash = strrchr(out, '/');
		const struct route *r;
		bool known;

		*slash = '\0';
		if (!*out)
			break;
		r = router_match(M_GET, out, &id, &known);
		if (r && (r->flags & R_PAGE))
			return true;
	}
	snprintf(out, n, "/");
	return true;
}

void router_deny(struct request *rq, struct response *rs, int status, const char *code,
		 const char *message)
{
	if (rq->route && (rq->route->flags & R_PAGE))
		page_error(rq, rs, status, message);
	else
		reply_error(rs, status, code, NULL, message);
}

/* Signs the caller in from a bearer token or the session cookie; -1 when the store cannot tell. */
static int authenticate(struct request *rq)
{
	const char *auth = request_header(rq, MHD_HTTP_HEADER_AUTHORIZATION);
	const char *token = NULL;
	int rc = 1;

	/*
	 * The cookie signs in to pages, forms (which carry a CSRF token) and API reads; an API
	 * write needs the header, so a page of another site cannot make one with the cookie.
	 */
	if (auth && strncmp(auth, "Bearer ", 7) == 0)
		token = auth + 7;
	else if ((rq->route->flags & R_PAGE) || rq->method == M_GET)
		token = request_cookie(rq, "accord_session");
	if (token)
		rc = auth_session(rq->store, token, &rq->caller);
	if (rc == 0) {
		rq->signed_in = true;
		rq->token = token;
	}
	return rc < 0 ? -1 : 0;
}

static bool permitted(const struct route *r, unsigned rel, role_mask roles)
{
	if (!r->act[0].rel)
		return true;
	for (size_t i = 0; i < sizeof r->act / sizeof r->act[0] && r->act[i].rel; i++)
		if ((rel & r->act[i].rel) && (roles & r->act[i].roles))
			return true;
	return false;
}

/* The form's CSRF token must be the session's (or, on the public sign-in form, the pre-session cookie's). */
static bool csrf_ok(struct request *rq)
{
	const char *sent = request_form(rq, "csrf");
	const char *want = rq->signed_in && !(rq->route->flags & R_PUBLIC) ? rq->caller.csrf
									   : request_cookie(rq, "accord_pre");

	return sent && want && *want && strlen(sent) == strlen(want) &&
	       sodium_memcmp(sent, want, strlen(want)) == 0;
}

/*
 * A route that grants roles (R_GRANTS): every role the request adds or removes must be one the
 * caller may grant (domain/org.c role_grant_allowed), decided here for the API and the pages alike.
 */
static bool grants_ok(struct request *rq, struct response *rs)
{
	role_mask old_roles, new_roles = request_roles(rq);
	long long user_id;
	struct error err = {0};
	int kind;

	if (access_grant_target(rq->store, rq->route->res, rq->id, &kind, &old_roles, &user_id) != 0) {
		router_deny(rq, rs, 404, "not_found", "not found");
		return false;
	}
	if (role_grant_error(role_grant_allowed(rq->caller.roles, (enum org_kind)kind, old_roles,
						new_roles, user_id == rq->caller.user_id),
			     &err))
		return true;
	if (rq->route->flags & R_PAGE)
		page_error(rq, rs, err.status, err.message);
	else
		reply_err(rs, &err);
	return false;
}

static void route_run(struct request *rq, struct response *rs)
{
	const struct route *r = rq->route;
	struct error err = {0};

	/* A database that cannot be asked (PostgreSQL restarting) is not a signed-out caller. */
	if (authenticate(rq) < 0 && !(r->flags & R_PUBLIC)) {
		router_deny(rq, rs, 503, "unavailable", "the database is unavailable; try again shortly");
		return;
	}
	/* Whatever this request writes, the audit trail names the caller (or nobody) as its author. */
	if (rq->signed_in)
		store_set_actor(rq->store, rq->caller.user_id, rq->caller.org_id);
	if (!(r->flags & R_PUBLIC) && !rq->signed_in) {
		if (r->flags & R_PAGE)
			reply_redirect(rs, "/login");
		else
			reply_error(rs, 401, "unauthorized", NULL, "sign in first");
		return;
	}
	if (rq->signed_in && r->res != RES_NONE) {
		rq->rel = access_relations(rq->store, &rq->caller, r->res, rq->id);
		if (!(rq->rel & r->see)) {
			router_deny(rq, rs, 404, "not_found", "not found");
			return;
		}
	} else if (rq->signed_in) {
		rq->rel = REL_SIGNED_IN | REL_OWN;
		if (rq->caller.roles & ROLE_BIT(ROLE_ADMIN))
			rq->rel |= REL_ADMIN;
	}
	if (rq->signed_in && !permitted(r, rq->rel, rq->caller.roles)) {
		router_deny(rq, rs, 403, "forbidden", "you may not do this");
		return;
	}
	if (r->flags & R_FORM) {
		if (!form_parse(rq)) {
			router_deny(rq, rs, 400, "bad_request", "the form could not be read");
			return;
		}
		if (!csrf_ok(rq)) {
			router_deny(rq, rs, 403, "csrf", "the form has expired; reload the page and try again");
			return;
		}
	}
	/* A governance write waits for the provider's consent to the engagement (docs/design.md). */
	if ((r->flags & R_ACCEPTED) && !(rq->rel & REL_ACCEPTED)) {
		router_deny(rq, rs, 409, "not_accepted", "the provider has not accepted this engagement");
		return;
	}
	if (r->flags & R_JSON) {
		json_error_t jerr;

		if (!text_is_utf8(rq->body_raw, rq->body_len)) {
			reply_error(rs, 400, "bad_encoding", NULL, "the body is not valid UTF-8");
			return;
		}
		/* A route whose fields are all optional takes an empty body as {}. */
		if (rq->body_len == 0 && !schema_requires(r->body))
			rq->json = json_object();
		else
			rq->json = json_loadb(rq->body_raw, rq->body_len, JSON_REJECT_DUPLICATES, &jerr);
		if (!rq->json) {
			char msg[200];

			snprintf(msg, sizeof msg, "the body is not valid JSON: %s (line %d)", jerr.text,
				 jerr.line);
			reply_error(rs, 400, "bad_json", NULL, msg);
			return;
		}
		if (!schema_check(r->body, rq->json, NULL, &err)) {
			reply_err(rs, &err);
			return;
		}
	}
	if ((r->flags & R_GRANTS) && !grants_ok(rq, rs))
		return;
	r->fn(rq, rs);
}

void router_handle(struct request *rq, struct response *rs)
{
	store_set_actor(rq->store, 0, 0);
	store_take_unavailable(rq->store);
	route_run(rq, rs);
	/* An answer that could not be made because the database went away is "unavailable", like any other. */
	if (rs->status == 500 && store_take_unavailable(rq->store) && rs->content_type &&
	    !strcmp(rs->content_type, "application/json"))
		reply_error(rs, 503, "unavailable", NULL, "the database is unavailable; try again shortly");
	/* The connection outlives the request (a thread's, or the group commit's): the next one starts with nobody. */
	store_set_actor(rq->store, 0, 0);
}
