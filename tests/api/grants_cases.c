/* grants_cases: issue 16's smaller holes over HTTP, from the attacker's side — role grants, the e-mail oracle, a stale calendar feed, hostile redirect targets, a forged Host, line breaks. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* The roles of user id as "a,b" (from the organisation's list, as its managers see it), into out. */
static void roles_of(long long org, long long id, char *out, size_t n)
{
	json_t *j = NULL, *u, *r;
	size_t i, k;

	out[0] = '\0';
	if (call_json(W->S, "GET", fmt("/api/v1/orgs/%lld/users?limit=200", org), W->tok[ADMIN], NULL, &j) != 200)
		return;
	json_array_foreach(json_object_get(j, "items"), i, u)
	{
		if (json_integer_value(json_object_get(u, "id")) != id)
			continue;
		json_array_foreach(json_object_get(u, "roles"), k, r)
			snprintf(out + strlen(out), n - strlen(out), "%s%s", k ? "," : "", json_string_value(r));
	}
	json_decref(j);
}

/* A new user of org made by `who` with the roles (a JSON array's inside); its id, or 0 with *status the answer. */
static long long add_user(int who, long long org, const char *email, const char *roles, const char *password,
			  long *status, json_t **answer)
{
	json_t *j = NULL;
	long long id = 0;
	long st = call_json(W->S, "POST", fmt("/api/v1/orgs/%lld/users", org), W->tok[who],
			    fmt("{\"email\":\"%s\",\"name\":\"Grant Case\",\"roles\":[%s],\"password\":\"%s\"}", email, roles,
				password),
			    &j);

	if (st == 201)
		id = json_integer_value(json_object_get(j, "id"));
	if (status)
		*status = st;
	if (answer)
		*answer = j;
	else
		json_decref(j);
	return id;
}

static long patch_roles(int who, long long user, const char *roles, json_t **answer)
{
	return call_json(W->S, "PATCH", fmt("/api/v1/users/%lld", user), W->tok[who], fmt("{\"roles\":[%s]}", roles),
			 answer);
}

/* Checks an error answer and frees it; *j is read after st was computed (the call that fills it is an argument). */
static void expect_error(long st, json_t **j, long want, const char *code, const char *field)
{
	CHECK_INT(st, want);
	CHECK_STR(error_code(*j), code);
	if (field)
		CHECK_STR(error_field(*j), field);
	json_decref(*j);
	*j = NULL;
}

/* A sourcing manager mints no CxO and strips none; the CxO and the admin may; nobody changes their own. */
static void sourcing_manager_minting_a_cxo(void)
{
	char before[128], after[128];
	json_t *j = NULL;
	long st;
	long long id;

	st = 0;
	CHECK_INT(add_user(NW_SM, W->NW, "minted.cxo@northwind.example", "\"buyer_cxo\"", "Quartz-Violet-8841", &st, &j), 0);
	expect_error(st, &j, 403, "role_not_grantable", "roles");
	/* Not with member alongside, nor another role it does not hold. */
	add_user(NW_SM, W->NW, "minted.cxo@northwind.example", "\"member\",\"buyer_cxo\"", "Quartz-Violet-8841", &st, &j);
	expect_error(st, &j, 403, "role_not_grantable", "roles");
	add_user(NW_SM, W->NW, "minted.cm@northwind.example", "\"contract_manager\"", "Quartz-Violet-8841", &st, &j);
	expect_error(st, &j, 403, "role_not_grantable", "roles");
	/* Nothing was written: the e-mail is still free. */
	id = add_user(NW_CXO, W->NW, "minted.cxo@northwind.example", "\"member\"", "Quartz-Violet-8841", &st, NULL);
	CHECK(id > 0);

	/* Promoting that member: the sourcing manager gives only its own role... */
	expect_error(patch_roles(NW_SM, id, "\"buyer_cxo\"", &j), &j, 403, "role_not_grantable", "roles");
	CHECK_INT(patch_roles(NW_SM, id, "\"sourcing_manager\"", &j), 200);
	CHECK_STR(json_string_value(json_array_get(json_object_get(j, "roles"), 0)), "sourcing_manager");
	json_decref(j);
	/* ...and strips no CxO: removing is granting. */
	roles_of(W->NW, W->user_id[NW_CXO], before, sizeof before);
	expect_error(patch_roles(NW_SM, W->user_id[NW_CXO], "\"member\"", &j), &j, 403, "role_not_grantable", "roles");
	roles_of(W->NW, W->user_id[NW_CXO], after, sizeof after);
	CHECK_STR(after, before);
	CHECK_STR(after, "buyer_cxo");

	/* The CxO grants every buyer-side role, not a provider's. */
	CHECK_INT(patch_roles(NW_CXO, id, "\"unit_cio\",\"contract_manager\"", &j), 200);
	json_decref(j);
	roles_of(W->NW, id, after, sizeof after);
	CHECK_STR(after, "unit_cio,contract_manager");
	/* A role that does not fit the organisation is refused for what it is, whoever asks. */
	expect_error(patch_roles(NW_CXO, id, "\"provider_leadership\"", &j), &j, 422, "invalid", "roles");
	/* The admin may grant anything, but the roles must fit the organisation. */
	expect_error(patch_roles(ADMIN, id, "\"provider_leadership\"", &j), &j, 422, "invalid", "roles");
	expect_error(patch_roles(ADMIN, id, "", &j), &j, 422, "required", "roles");
	expect_error(patch_roles(ADMIN, id, "\"chief\"", &j), &j, 422, "invalid", "roles");

	/* Nobody changes their own roles, not even the CxO. */
	expect_error(patch_roles(NW_CXO, W->user_id[NW_CXO], "\"buyer_cxo\",\"member\"", &j), &j, 403, "own_roles", "roles");
	expect_error(patch_roles(NW_SM, W->user_id[NW_SM], "\"sourcing_manager\",\"unit_cio\"", &j), &j, 403, "own_roles", "roles");

	/* Who does not manage people is refused before any grant; another tenant does not see the user. */
	CHECK_INT(call(W->S, "PATCH", fmt("/api/v1/users/%lld", id), W->tok[NW_CIO], "{\"roles\":[\"member\"]}"), 403);
	CHECK_INT(call(W->S, "PATCH", fmt("/api/v1/users/%lld", id), W->tok[KE_LEAD], "{\"roles\":[\"member\"]}"), 403);
	CHECK_INT(call(W->S, "PATCH", fmt("/api/v1/users/%lld", id), W->tok[MD_CM], "{\"roles\":[\"member\"]}"), 404); /* another tenant */
	CHECK_INT(call(W->S, "PATCH", fmt("/api/v1/users/%lld", id), W->tok[LU_LEAD], "{\"roles\":[\"member\"]}"), 403); /* a partner sees, does not manage */
	CHECK_INT(call(W->S, "PATCH", "/api/v1/users/987654321", W->tok[ADMIN], "{\"roles\":[\"member\"]}"), 404);
	CHECK_INT(patch_roles(NW_CXO, id, "\"member\"", &j), 200);
	json_decref(j);
}

/* An organisation keeps someone who can manage it: its last CxO or leadership is not demoted. */
static void last_manager_kept(void)
{
	json_t *j = NULL;
	char roles[128];
	long long second;
	long st;

	expect_error(patch_roles(ADMIN, W->user_id[NW_CXO], "\"member\"", &j), &j, 409, "last_manager", "roles");
	expect_error(patch_roles(ADMIN, W->user_id[KE_LEAD], "\"provider_consulting\"", &j), &j, 409, "last_manager", "roles");
	roles_of(W->NW, W->user_id[NW_CXO], roles, sizeof roles);
	CHECK_STR(roles, "buyer_cxo");
	/* With a second CxO, either may go back to being a member. */
	second = add_user(NW_CXO, W->NW, "second.cxo@northwind.example", "\"buyer_cxo\"", "Indigo-Moth-4418", &st, NULL);
	CHECK(second > 0);
	CHECK_INT(patch_roles(NW_CXO, second, "\"member\"", &j), 200);
	json_decref(j);
	roles_of(W->NW, second, roles, sizeof roles);
	CHECK_STR(roles, "member");
}

/* Tenant A's manager learns nothing from creating a user with tenant B's e-mail; B's user still signs in with B's password. */
static void email_oracle_closed(void)
{
	json_t *fresh = NULL, *taken = NULL, *me = NULL;
	long st_fresh = 0, st_taken = 0, st;
	char *tok_b, *tok_a;
	const char *k;
	json_t *v;

	/* B (Kestrel) has a user; A's (Northwind's) contract manager does not know it. */
	CHECK(add_user(KE_LEAD, W->KE, "dana.kim@kestrel.example", "\"provider_consulting\"", "Amber-Falcon-3307", &st, NULL) > 0);
	add_user(NW_CM, W->NW, "fresh.person@kestrel.example", "\"member\"", "Cobalt-Heron-5512", &st_fresh, &fresh);
	add_user(NW_CM, W->NW, "DANA.KIM@kestrel.example", "\"member\"", "Cobalt-Heron-5512", &st_taken, &taken);
	/* The same status and the same fields, whether the address is registered elsewhere or not. */
	CHECK_INT(st_taken, 201);
	CHECK_INT(st_taken, st_fresh);
	CHECK_INT(json_object_size(taken), json_object_size(fresh));
	json_object_foreach(fresh, k, v) CHECK(json_object_get(taken, k) != NULL);
	CHECK(json_object_get(taken, "error") == NULL);
	json_decref(fresh);
	json_decref(taken);

	/* B's user signs in with B's password to B's account, A's with A's to A's. */
	tok_b = login(W->S, "dana.kim@kestrel.example", "Amber-Falcon-3307");
	CHECK(tok_b != NULL);
	if (tok_b && call_json(W->S, "GET", "/api/v1/me", tok_b, NULL, &me) == 200)
		CHECK_INT(json_integer_value(json_object_get(json_object_get(me, "org"), "id")), W->KE);
	json_decref(me);
	me = NULL;
	tok_a = login(W->S, "dana.kim@kestrel.example", "Cobalt-Heron-5512");
	CHECK(tok_a != NULL);
	if (tok_a && call_json(W->S, "GET", "/api/v1/me", tok_a, NULL, &me) == 200)
		CHECK_INT(json_integer_value(json_object_get(json_object_get(me, "org"), "id")), W->NW);
	json_decref(me);
	free(tok_a);
	free(tok_b);
	/* A wrong password signs in to neither. */
	CHECK_INT(call(W->S, "POST", "/api/v1/login", NULL,
		       "{\"email\":\"dana.kim@kestrel.example\",\"password\":\"Crimson-Badger-1185\"}"), 401);
	/* Inside one's own organisation a duplicate is still a conflict, named. */
	add_user(NW_CM, W->NW, "dana.kim@kestrel.example", "\"member\"", "Cobalt-Heron-5512", &st, &taken);
	expect_error(st, &taken, 409, "conflict", "email");
}

/* A password change ends the old calendar feed address; /me gives the new one, which works. */
static void stale_calendar_feed(void)
{
	char *tok, *old_path = NULL, *new_path = NULL;
	const char *url, *p;
	json_t *me = NULL, *j = NULL;
	struct resp r;
	long st;

	CHECK(add_user(ADMIN, W->NW, "feed.owner@northwind.example", "\"member\"", "Silver-Maple-2090", &st, NULL) > 0);
	tok = login(W->S, "feed.owner@northwind.example", "Silver-Maple-2090");
	CHECK(tok != NULL);
	if (!tok)
		return;
	if (call_json(W->S, "GET", "/api/v1/me", tok, NULL, &me) == 200 && (url = str(me, "calendar_url")) &&
	    (p = strstr(url, "/calendar/")))
		old_path = strdup(p);
	json_decref(me);
	CHECK(old_path != NULL);
	http(W->S, "GET", old_path ? old_path : "/calendar/x.ics", NULL, NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	resp_free(&r);

	CHECK_INT(call_json(W->S, "POST", "/api/v1/me/password", tok,
			    "{\"current_password\":\"Silver-Maple-2090\",\"new_password\":\"Granite-Otter-7719!\"}", &j),
		  200);
	free(tok);
	tok = str(j, "token") ? strdup(str(j, "token")) : NULL;
	json_decref(j);
	CHECK(tok != NULL);
	/* The old address is gone for good... */
	http(W->S, "GET", old_path ? old_path : "/calendar/x.ics", NULL, NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 404);
	resp_free(&r);
	/* ...the new one is in /me and works. */
	me = NULL;
	if (tok && call_json(W->S, "GET", "/api/v1/me", tok, NULL, &me) == 200 && (url = str(me, "calendar_url")) &&
	    (p = strstr(url, "/calendar/")))
		new_path = strdup(p);
	json_decref(me);
	CHECK(new_path != NULL && old_path != NULL && strcmp(new_path, old_path) != 0);
	http(W->S, "GET", new_path ? new_path : "/calendar/x.ics", NULL, NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	resp_free(&r);
	free(old_path);
	free(new_path);
	free(tok);
}

/* The CSRF token of the forms on a page read with a bearer token (the session's own), into out. */
static bool page_csrf(const char *path, const char *tok, char *out, size_t n)
{
	return page_csrf_get(W->S, path, tok, out, n);
}

/* The organisation page: only grantable roles offered, a confirmation before a change binds, a refusal beside the field. */
static void roles_in_the_browser(void)
{
	char csrf[64], roles[128];
	const char *sel;
	long long member;
	struct resp r;
	long st;

	member = add_user(NW_CXO, W->NW, "page.member@northwind.example", "\"member\"", "Topaz-Wren-5081", &st, NULL);
	CHECK(member > 0);
	/* A sourcing manager is offered its own role and member, never the CxO's. */
	http(W->S, "GET", fmt("/orgs/%lld", W->NW), W->tok[NW_SM], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(r.body && strstr(r.body, fmt("action=\"/users/%lld/roles#form-errors\"", member)) != NULL);
	CHECK(r.body && strstr(r.body, "type=\"checkbox\" name=\"roles\" value=\"sourcing_manager\"") != NULL);
	CHECK(r.body && strstr(r.body, "type=\"checkbox\" name=\"roles\" value=\"buyer_cxo\"") == NULL);
	CHECK(r.body && strstr(r.body, "type=\"checkbox\" name=\"roles\" value=\"contract_manager\"") == NULL);
	sel = r.body ? strstr(r.body, "<select name=\"roles\"") : NULL;
	CHECK(sel != NULL);
	if (sel) {
		const char *end = strstr(sel, "</select>");

		CHECK(end != NULL && strstr(sel, "<option value=\"sourcing_manager\"") < end);
		CHECK(!strstr(sel, "<option value=\"buyer_cxo\"") || strstr(sel, "<option value=\"buyer_cxo\"") > end);
	}
	/* One's own row has no form. */
	CHECK(r.body && strstr(r.body, fmt("action=\"/users/%lld/roles#form-errors\"", W->user_id[NW_SM])) == NULL);
	resp_free(&r);
	if (!page_csrf(fmt("/orgs/%lld", W->NW), W->tok[NW_SM], csrf, sizeof csrf)) {
		CHECK(false);
		return;
	}
	/* The first post only asks. */
	http(W->S, "POST", fmt("/users/%lld/roles", member), W->tok[NW_SM], fmt("csrf=%s&roles=member&roles=sourcing_manager", csrf),
	     "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(r.body && strstr(r.body, "Confirm the change") && strstr(r.body, "name=\"confirm\" value=\"1\""));
	resp_free(&r);
	roles_of(W->NW, member, roles, sizeof roles);
	CHECK_STR(roles, "member");
	/* The confirmation binds. */
	http(W->S, "POST", fmt("/users/%lld/roles", member), W->tok[NW_SM],
	     fmt("csrf=%s&roles=member&roles=sourcing_manager&confirm=1", csrf), "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 303);
	CHECK_STR(r.location, fmt("/orgs/%lld#people", W->NW));
	resp_free(&r);
	roles_of(W->NW, member, roles, sizeof roles);
	CHECK_STR(roles, "sourcing_manager,member");
	/* A crafted post for a role the page never offered is refused, confirmed or not. */
	http(W->S, "POST", fmt("/users/%lld/roles", member), W->tok[NW_SM], fmt("csrf=%s&roles=buyer_cxo&confirm=1", csrf),
	     "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
	http(W->S, "POST", fmt("/orgs/%lld/users", W->NW), W->tok[NW_SM],
	     fmt("csrf=%s&name=Crafted&email=crafted@northwind.example&roles=buyer_cxo&password=Topaz-Wren-5081", csrf),
	     "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
	roles_of(W->NW, member, roles, sizeof roles);
	CHECK_STR(roles, "sourcing_manager,member");
	/* The last CxO: the page again, the reason beside that person's roles. */
	if (!page_csrf(fmt("/orgs/%lld", W->NW), W->tok[ADMIN], csrf, sizeof csrf)) {
		CHECK(false);
		return;
	}
	http(W->S, "POST", fmt("/users/%lld/roles", W->user_id[NW_CXO]), W->tok[ADMIN], fmt("csrf=%s&roles=member&confirm=1", csrf),
	     "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 409);
	sel = r.body ? strstr(r.body, fmt("id=\"roles-%lld\"", W->user_id[NW_CXO])) : NULL;
	CHECK(sel && strstr(sel, "last Buyer CxO") && strstr(sel, "last Buyer CxO") < strstr(sel, "</form>"));
	resp_free(&r);
}

/* A form's back field: a tab, slashes, backslashes, schemes, escapes — each falls back to the form's own page. */
static void hostile_back_targets(void)
{
	static const char *const hostile[] = {
		"/%09/evil.example",	 /* "/\t/evil.example" once the form is decoded */
		"//evil.example",
		"/%5Cevil.example",	 /* "/\evil.example" */
		"https://evil.example",
		"%252F%252Fevil.example", /* "%2F%2Fevil.example" */
		"/%2509/evil.example",	 /* "/%09/evil.example" */
		"/%0D%0ASet-Cookie:%20x=1",
		"javascript:alert(1)",
	};
	char csrf[64];
	char *tok;
	long st;
	struct resp r;

	CHECK(add_user(ADMIN, W->NW, "back.tester@northwind.example", "\"member\"", "Juniper-Lark-6634", &st, NULL) > 0);
	tok = login(W->S, "back.tester@northwind.example", "Juniper-Lark-6634");
	CHECK(tok != NULL);
	if (!tok || !page_csrf("/actions", tok, csrf, sizeof csrf)) {
		CHECK(false);
		free(tok);
		return;
	}
	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		http(W->S, "POST", "/me/calendar", tok, fmt("csrf=%s&back=%s", csrf, hostile[i]),
		     "application/x-www-form-urlencoded", NULL, &r);
		CHECK_INT(r.status, 303);
		if (strcmp(r.location, "/actions#saved") != 0) {
			fprintf(stderr, "  back=%s redirected to '%s'\n", hostile[i], r.location);
			harness_case_failed = 1;
		}
		resp_free(&r);
	}
	/* A path on this site is kept. */
	http(W->S, "POST", "/me/calendar", tok, fmt("csrf=%s&back=%%2Factions%%23calendar", csrf),
	     "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 303);
	CHECK_STR(r.location, "/actions#calendar");
	resp_free(&r);
	free(tok);
}

/* A request with a forged Host header, raw; the answer, malloc'd. */
static char *forged_get(const char *path, const char *tok)
{
	const char *req = fmt("GET %s HTTP/1.1\r\nHost: forged-host.invalid\r\n%s%s%sConnection: close\r\n\r\n", path,
			      tok ? "Authorization: Bearer " : "", tok ? tok : "", tok ? "\r\n" : "");

	return raw_to(W->S, req, strlen(req));
}

/* Links are made from ACCORD_PUBLIC_URL or the listen address: a forged Host appears in no answer (a name no other case writes into the data). */
static void forged_host(void)
{
	const char *paths[] = {"/api/v1/me", "/actions", "/account", "/", "/login", NULL, NULL};
	char *ans, *feed = NULL;
	json_t *me = NULL;
	const char *url;

	if (call_json(W->S, "GET", "/api/v1/me", W->tok[NW_CM], NULL, &me) == 200 && (url = str(me, "calendar_url"))) {
		CHECK(strncmp(url, W->S->base, strlen(W->S->base)) == 0);
		if (strstr(url, "/calendar/"))
			feed = strdup(strstr(url, "/calendar/"));
	}
	json_decref(me);
	paths[5] = feed;
	for (int i = 0; paths[i]; i++) {
		ans = forged_get(paths[i], i == 4 || i == 5 ? NULL : W->tok[NW_CM]);
		CHECK(ans != NULL && strncmp(ans, "HTTP/1.1 ", 9) == 0);
		if (ans && strstr(ans, "forged-host.invalid")) {
			fprintf(stderr, "  GET %s with Host: forged-host.invalid answered with it\n", paths[i]);
			harness_case_failed = 1;
		}
		/* The address the client was told is the server's own. */
		if (ans && i == 0)
			CHECK(strstr(ans, W->S->base) != NULL);
		free(ans);
	}
	/* Rotating the feed answers the new address, built the same way. */
	{
		const char *req = fmt("POST /api/v1/me/calendar HTTP/1.1\r\nHost: forged-host.invalid\r\nAuthorization: Bearer %s\r\n"
				      "Content-Length: 0\r\nConnection: close\r\n\r\n", W->tok[NW_CM]);

		ans = raw_to(W->S, req, strlen(req));
		CHECK(ans != NULL && strstr(ans, " 200 ") != NULL);
		CHECK(ans && !strstr(ans, "forged-host.invalid") && strstr(ans, W->S->base));
		free(ans);
	}
	free(feed);
}

/* Multi-line texts take LF and CRLF, over the API and from a browser form; a one-line title with a newline says so. */
static void line_breaks(void)
{
	json_t *j = NULL;
	long long issue = 0, problem = 0;
	char csrf[64];
	struct resp r;

	CHECK_INT(call_json(W->S, "POST", fmt("/api/v1/engagements/%lld/strategic-issues", W->E1), W->tok[NW_CM],
			    "{\"title\":\"Two\\nlines\",\"kind\":\"issue\"}", &j), 422);
	CHECK_STR(error_field(j), "title");
	CHECK(str(json_object_get(j, "error"), "message") && strstr(str(json_object_get(j, "error"), "message"), "one line"));
	json_decref(j);
	/* Every other way to break a line (NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR, vertical tab) is a line break too; a tab is a control character, not emptiness. */
	{
		static const char *const breaks[] = {"A\\u0085B", "A\\u2028B", "A\\u2029B", "A\\u000bB"};

		for (size_t k = 0; k < sizeof breaks / sizeof breaks[0]; k++) {
			CHECK_INT(call_json(W->S, "POST", fmt("/api/v1/engagements/%lld/strategic-issues", W->E1), W->tok[NW_CM],
					    fmt("{\"title\":\"%s\",\"kind\":\"issue\"}", breaks[k]), &j), 422);
			CHECK(strstr(str(json_object_get(j, "error"), "message"), "one line") != NULL);
			json_decref(j);
		}
		CHECK_INT(call_json(W->S, "POST", fmt("/api/v1/engagements/%lld/strategic-issues", W->E1), W->tok[NW_CM],
				    "{\"title\":\"A\\tB\",\"kind\":\"issue\"}", &j), 422);
		CHECK_STR(error_field(j), "title");
		CHECK(strstr(str(json_object_get(j, "error"), "message"), "control characters") != NULL);
		json_decref(j);
		/* A summit's venue is one line too, from the API and from the page's form. */
		CHECK_INT(call_json(W->S, "POST", "/api/v1/summits", W->tok[NW_CXO],
				    "{\"kind\":\"buyer-planning\",\"title\":\"Plan\",\"starts_on\":\"2027-02-01\",\"venue\":\"H\\nQ\"}", &j), 422);
		CHECK_STR(error_field(j), "venue");
		json_decref(j);
	}
	CHECK_INT(call_json(W->S, "POST", fmt("/api/v1/engagements/%lld/strategic-issues", W->E1), W->tok[NW_CM],
			    "{\"title\":\"Change costs\",\"kind\":\"issue\",\"body\":\"What we see:\\n\\n- slow\\r\\n- dear\"}", &j), 201);
	issue = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	CHECK(issue > 0);
	/* The provider's response, on several lines, LF and CRLF. */
	CHECK_INT(call_json(W->S, "POST", fmt("/api/v1/strategic-issues/%lld/responses", issue), W->tok[KE_LEAD],
			    "{\"body\":\"Our plan:\\n1. batch changes\\r\\n2. price them up front\"}", &j), 201);
	json_decref(j);
	/* A problem statement and its response. */
	CHECK_INT(call_json(W->S, "POST", "/api/v1/problems", W->tok[NW_CM],
			    fmt("{\"title\":\"Month-end\",\"body\":\"Closing takes:\\n- five days\",\"engagement_id\":%lld}", W->E1), &j), 201);
	problem = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	CHECK_INT(call_json(W->S, "POST", fmt("/api/v1/problems/%lld/responses", problem), W->tok[KE_LEAD],
			    "{\"body\":\"Two ideas:\\r\\n- reconcile daily\\n- automate the ledger\"}", &j), 201);
	json_decref(j);
	CHECK_INT(call_json(W->S, "POST", "/api/v1/problems", W->tok[NW_CM], "{\"title\":\"A\\r\\nB\"}", &j), 422);
	CHECK_STR(error_field(j), "title");
	json_decref(j);
	/* Blank is still blank. */
	CHECK_INT(call_json(W->S, "POST", fmt("/api/v1/strategic-issues/%lld/responses", issue), W->tok[KE_LEAD],
			    "{\"body\":\" \\r\\n \"}", &j), 422);
	CHECK_STR(error_field(j), "body");
	json_decref(j);
	/* The browser's form: a textarea posts CRLF. */
	if (!page_csrf(fmt("/issues/%lld", issue), W->tok[KE_LEAD], csrf, sizeof csrf)) {
		CHECK(false);
		return;
	}
	http(W->S, "POST", fmt("/issues/%lld/responses", issue), W->tok[KE_LEAD],
	     fmt("csrf=%s&body=First+line%%0D%%0ASecond+line%%0D%%0A", csrf), "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 303);
	CHECK_STR(r.location, fmt("/issues/%lld#saved", issue));
	resp_free(&r);
	http(W->S, "GET", fmt("/issues/%lld", issue), W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, "Second line") != NULL);
	resp_free(&r);
}

void grants_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(sourcing_manager_minting_a_cxo);
	RUN(last_manager_kept);
	RUN(email_oracle_closed);
	RUN(stale_calendar_feed);
	RUN(roles_in_the_browser);
	RUN(hostile_back_targets);
	RUN(forged_host);
	RUN(line_breaks);
	*passed += harness_passed;
	*failed += harness_failed;
}
