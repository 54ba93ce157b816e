/* people_cases: issue 18's people over HTTP — deactivating a user (what stops, who may), organisations created by the admin, and the engagement edit form. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

#define FORM "application/x-www-form-urlencoded"

static const struct world *W;

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A new user of org made by the admin with the roles (a JSON array's inside); its id, or 0. */
static long long add_user(long long org, const char *email, const char *roles, const char *password)
{
	json_t *j = NULL;
	long long id = 0;

	if (call_json(W->S, "POST", fmt("/api/v1/orgs/%lld/users", org), W->tok[ADMIN],
		      fmt("{\"email\":\"%s\",\"name\":\"People Case %s\",\"roles\":[%s],\"password\":\"%s\"}", email, email,
			  roles, password),
		      &j) == 201)
		id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

static long deactivate(int who, long long user, json_t **answer)
{
	return call_json(W->S, "POST", fmt("/api/v1/users/%lld/deactivate", user), who < 0 ? NULL : W->tok[who], NULL,
			 answer);
}

/* Checks an error answer and frees it. */
static void expect_error(long st, json_t **j, long want, const char *code, const char *field)
{
	CHECK_INT(st, want);
	CHECK_STR(error_code(*j), code);
	if (field)
		CHECK_STR(error_field(*j), field);
	json_decref(*j);
	*j = NULL;
}

/* The user's row in the organisation's list as its managers read it, or NULL (json_decref it). */
static json_t *listed(long long org, long long id)
{
	json_t *j = NULL, *u, *found = NULL;
	size_t i;

	if (call_json(W->S, "GET", fmt("/api/v1/orgs/%lld/users?limit=200", org), W->tok[ADMIN], NULL, &j) == 200)
		json_array_foreach(json_object_get(j, "items"), i, u) if (json_integer_value(json_object_get(u, "id")) == id)
			found = json_incref(u);
	json_decref(j);
	return found;
}

/* The path of the calendar feed of the token's user ("/calendar/....ics"), malloc'd, or NULL. */
static char *feed_path(const char *tok)
{
	json_t *me = NULL;
	const char *url, *p;
	char *path = NULL;

	if (call_json(W->S, "GET", "/api/v1/me", tok, NULL, &me) == 200 && (url = str(me, "calendar_url")) &&
	    (p = strstr(url, "/calendar/")))
		path = strdup(p);
	json_decref(me);
	return path;
}

/* The moment a manager deactivates a user: API token, browser session and calendar feed stop; sign-in is refused. */
static void deactivation_stops_everything(void)
{
	char cookie[256], csrf[64];
	char *tok, *feed;
	json_t *j = NULL, *row;
	struct resp r;
	long long id = add_user(W->NW, "leaving.member@northwind.example", "\"member\"", "Copper-Lynx-6620");

	CHECK(id > 0);
	tok = login(W->S, "leaving.member@northwind.example", "Copper-Lynx-6620");
	CHECK(tok != NULL);
	if (!tok)
		return;
	CHECK_INT(web_sign_in(W->S, "leaving.member@northwind.example", "Copper-Lynx-6620", cookie, sizeof cookie, csrf,
			      sizeof csrf, NULL, 0),
		  0);
	feed = feed_path(tok);
	CHECK(feed != NULL);
	CHECK_INT(call(W->S, "GET", "/api/v1/me", tok, NULL), 200);
	http(W->S, "GET", feed ? feed : "/calendar/x.ics", NULL, NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	resp_free(&r);
	row = listed(W->NW, id);
	CHECK(row && json_is_null(json_object_get(row, "deactivated_at")));
	json_decref(row);

	/* The contract manager manages Northwind's people: a member is one it may deactivate. */
	CHECK_INT(deactivate(NW_CM, id, &j), 200);
	CHECK(str(j, "deactivated_at") != NULL);
	CHECK_INT(json_integer_value(json_object_get(j, "id")), id);
	json_decref(j);
	j = NULL;

	/* At once: the bearer token, the browser session and the feed. */
	CHECK_INT(call(W->S, "GET", "/api/v1/me", tok, NULL), 401);
	http(W->S, "GET", "/", NULL, NULL, NULL, cookie, &r);
	CHECK(r.status == 303 || r.status == 302);
	CHECK(strstr(r.location, "/login") != NULL);
	resp_free(&r);
	http(W->S, "GET", feed ? feed : "/calendar/x.ics", NULL, NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 404);
	resp_free(&r);
	/* Signing in is refused as any wrong password is: the answer tells nothing more. */
	CHECK_INT(call_json(W->S, "POST", "/api/v1/login", NULL,
			    "{\"email\":\"leaving.member@northwind.example\",\"password\":\"Copper-Lynx-6620\"}", &j),
		  401);
	CHECK_STR(error_code(j), "unauthorized");
	json_decref(j);
	j = NULL;
	/* The organisation still lists the person, as deactivated; a second deactivation is a conflict. */
	row = listed(W->NW, id);
	CHECK(row && str(row, "deactivated_at") != NULL);
	json_decref(row);
	expect_error(deactivate(ADMIN, id, &j), &j, 409, "already_deactivated", "user");
	/* A closed account's roles no longer change (they would only widen what is sent to it). */
	expect_error(call_json(W->S, "PATCH", fmt("/api/v1/users/%lld", id), W->tok[NW_CXO], "{\"roles\":[\"contract_manager\"]}", &j),
		     &j, 409, "deactivated", "roles");
	/* The audit trail names who deactivated whom. */
	CHECK_INT(call_json(W->S, "GET", fmt("/api/v1/audit?entity=users&entity_id=%lld", id), W->tok[ADMIN], NULL, &j), 200);
	{
		json_t *x;
		size_t i;
		bool seen = false;

		json_array_foreach(json_object_get(j, "items"), i, x)
		{
			json_t *ch = json_object_get(json_object_get(x, "changes"), "deactivated_at");

			if (!strcmp(str(x, "action") ? str(x, "action") : "", "update") && json_is_array(ch) &&
			    json_integer_value(json_object_get(x, "actor_user_id")) == W->user_id[NW_CM])
				seen = true;
		}
		CHECK(seen);
	}
	json_decref(j);
	free(feed);
	free(tok);
}

/* Who may deactivate: the organisation's managers and the admin; not other roles, partners, other tenants, oneself. */
static void who_may_deactivate(void)
{
	json_t *j = NULL;
	long long id = add_user(W->NW, "kept.member@northwind.example", "\"member\"", "Saffron-Ibis-4471");

	CHECK(id > 0);
	CHECK_INT(deactivate(-1, id, &j), 401);
	json_decref(j);
	j = NULL;
	CHECK_INT(deactivate(NW_CIO, id, &j), 403);	/* sees its colleagues, manages none */
	json_decref(j);
	j = NULL;
	CHECK_INT(deactivate(NW_MEMBER, id, &j), 403);
	json_decref(j);
	j = NULL;
	CHECK_INT(deactivate(KE_LEAD, id, &j), 403);	/* a provider of Northwind sees its people, manages none */
	json_decref(j);
	j = NULL;
	CHECK_INT(deactivate(MD_CM, id, &j), 404);	/* another tenant's manager does not see the user */
	json_decref(j);
	j = NULL;
	CHECK_INT(deactivate(ADMIN, 987654321, &j), 404);
	json_decref(j);
	j = NULL;
	/* Nobody deactivates themselves, not even the CxO. */
	expect_error(deactivate(NW_CM, W->user_id[NW_CM], &j), &j, 422, "invalid", "user");
	expect_error(deactivate(NW_CXO, W->user_id[NW_CXO], &j), &j, 422, "invalid", "user");
	/* A sourcing manager removes no CxO: deactivating takes every role, and it may not take that one. */
	expect_error(deactivate(NW_SM, W->user_id[NW_CXO], &j), &j, 403, "role_not_grantable", "roles");
	/* Nothing was written by any refusal. */
	{
		json_t *row = listed(W->NW, id);

		CHECK(row && json_is_null(json_object_get(row, "deactivated_at")));
		json_decref(row);
	}
	{
		char *tok = login(W->S, "kept.member@northwind.example", "Saffron-Ibis-4471");

		CHECK(tok != NULL);
		free(tok);
	}
}

/* An organisation keeps someone who manages it: its last CxO is not deactivated (409 last_manager), a second one may be. */
static void last_manager_not_deactivated(void)
{
	json_t *j = NULL;
	long long org = 0, first, second;

	CHECK_INT(call_json(W->S, "POST", "/api/v1/orgs", W->tok[ADMIN],
			    "{\"name\":\"Juniper Mutual\",\"kind\":\"buyer\",\"industry\":\"Insurance\"}", &j),
		  201);
	org = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	j = NULL;
	first = add_user(org, "first.cxo@juniper.example", "\"buyer_cxo\"", "Hazel-Plover-3358");
	CHECK(first > 0);
	expect_error(deactivate(ADMIN, first, &j), &j, 409, "last_manager", "user");
	second = add_user(org, "second.cxo@juniper.example", "\"buyer_cxo\"", "Walnut-Egret-9024");
	CHECK(second > 0);
	/* Once the second CxO is deactivated, the first is the last again. */
	CHECK_INT(deactivate(ADMIN, second, &j), 200);
	json_decref(j);
	j = NULL;
	expect_error(deactivate(ADMIN, first, &j), &j, 409, "last_manager", "user");
	/* And a deactivated CxO does not count for a demotion either. */
	CHECK_INT(call_json(W->S, "PATCH", fmt("/api/v1/users/%lld", first), W->tok[ADMIN], "{\"roles\":[\"member\"]}", &j), 409);
	json_decref(j);
}

/* A deactivated person is chosen nowhere: not as unit CIO, contract manager, nor among an engagement's people. */
static void deactivated_leave_pickers(void)
{
	json_t *j = NULL, *p;
	size_t i;
	bool found = false;
	struct resp r;
	long long cio = add_user(W->NW, "gone.cio@northwind.example", "\"unit_cio\"", "Russet-Crane-1187");
	long long cm = add_user(W->NW, "gone.cm@northwind.example", "\"contract_manager\"", "Olive-Gannet-5530");

	CHECK(cio > 0 && cm > 0);
	/* Before: offered as unit CIO on the organisation page, and as contract manager on the engagement's edit form. */
	http(W->S, "GET", fmt("/orgs/%lld", W->NW), W->tok[NW_CXO], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, fmt("<option value=\"%lld\"", cio)) != NULL);
	resp_free(&r);
	http(W->S, "GET", fmt("/engagements/%lld", W->E1), W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, fmt("<option value=\"%lld\"", cm)) != NULL);
	resp_free(&r);
	CHECK_INT(deactivate(NW_CXO, cio, &j), 200);
	json_decref(j);
	CHECK_INT(deactivate(NW_CXO, cm, &j), 200);
	json_decref(j);
	j = NULL;
	/* After: offered nowhere, and refused when posted anyway. */
	http(W->S, "GET", fmt("/orgs/%lld", W->NW), W->tok[NW_CXO], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, fmt("<option value=\"%lld\"", cio)) == NULL);
	CHECK(r.body && strstr(r.body, "Deactivated") != NULL);
	resp_free(&r);
	http(W->S, "GET", fmt("/engagements/%lld", W->E1), W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, fmt("<option value=\"%lld\"", cm)) == NULL);
	resp_free(&r);
	expect_error(call_json(W->S, "POST", fmt("/api/v1/orgs/%lld/units", W->NW), W->tok[NW_CXO],
			       fmt("{\"name\":\"Gone unit\",\"cio_user_id\":%lld}", cio), &j),
		     &j, 422, "invalid", "cio_user_id");
	expect_error(call_json(W->S, "PATCH", fmt("/api/v1/engagements/%lld", W->E1), W->tok[NW_CM],
			       fmt("{\"contract_manager_id\":%lld}", cm), &j),
		     &j, 422, "invalid", "contract_manager_id");
	CHECK_INT(call_json(W->S, "GET", fmt("/api/v1/engagements/%lld/people", W->E1), W->tok[NW_CM], NULL, &j), 200);
	json_array_foreach(json_object_get(j, "items"), i, p) if (json_integer_value(json_object_get(p, "id")) == cm) found = true;
	CHECK(!found);
	CHECK(json_array_size(json_object_get(j, "items")) > 0);
	json_decref(j);
}

/* POSTs a form to path as who with the CSRF token of its page (client.c page_post). */
static void post_form(const char *page, const char *path, int who, const char *fields, struct resp *r)
{
	page_post(W->S, page, path, W->tok[who], fields, r);
}

static bool has(const struct resp *r, const char *text)
{
	return r->body && strstr(r->body, text) != NULL;
}

/* The organisation page's deactivate button: offered where the caller may, confirmed before it binds. */
static void deactivation_in_the_browser(void)
{
	long long id = add_user(W->NW, "page.leaver@northwind.example", "\"member\"", "Marble-Finch-7713");
	const char *org = fmt("/orgs/%lld", W->NW);
	struct resp r;
	json_t *row;

	CHECK(id > 0);
	http(W->S, "GET", org, W->tok[NW_CXO], NULL, NULL, NULL, &r);
	CHECK(has(&r, fmt("action=\"/users/%lld/deactivate", id)));
	CHECK(!has(&r, fmt("action=\"/users/%lld/deactivate", W->user_id[NW_CXO]))); /* never one's own row */
	resp_free(&r);
	/* A sourcing manager is offered no button beside the CxO, whose role it may not take. */
	http(W->S, "GET", org, W->tok[NW_SM], NULL, NULL, NULL, &r);
	CHECK(has(&r, fmt("action=\"/users/%lld/deactivate", id)));
	CHECK(!has(&r, fmt("action=\"/users/%lld/deactivate", W->user_id[NW_CXO])));
	resp_free(&r);
	/* A member manages nobody: no button at all. */
	http(W->S, "GET", org, W->tok[NW_MEMBER], NULL, NULL, NULL, &r);
	CHECK(!has(&r, "/deactivate"));
	resp_free(&r);

	/* The first post only asks, saying what stops; nothing is written. */
	post_form(org, fmt("/users/%lld/deactivate", id), NW_CXO, "x=1", &r);
	CHECK_INT(r.status, 200);
	CHECK(has(&r, "confirmed") && has(&r, "signed out"));
	resp_free(&r);
	row = listed(W->NW, id);
	CHECK(row && json_is_null(json_object_get(row, "deactivated_at")));
	json_decref(row);
	/* Another tenant's manager does not see the person; a partner is refused. */
	post_form("/", fmt("/users/%lld/deactivate", id), MD_CM, "confirmed=yes", &r);
	CHECK_INT(r.status, 404);
	resp_free(&r);
	post_form("/", fmt("/users/%lld/deactivate", id), KE_LEAD, "confirmed=yes", &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
	/* The confirmation binds, and the page lists the person as deactivated, with no forms. */
	post_form(org, fmt("/users/%lld/deactivate", id), NW_CXO, "confirmed=yes", &r);
	CHECK_INT(r.status, 303);
	CHECK_STR(r.location, fmt("/orgs/%lld#user-%lld", W->NW, id));
	resp_free(&r);
	row = listed(W->NW, id);
	CHECK(row && str(row, "deactivated_at") != NULL);
	json_decref(row);
	http(W->S, "GET", org, W->tok[NW_CXO], NULL, NULL, NULL, &r);
	CHECK(has(&r, fmt("id=\"user-%lld\"", id)) && has(&r, "Deactivated 20"));
	CHECK(!has(&r, fmt("action=\"/users/%lld/deactivate", id)) && !has(&r, fmt("action=\"/users/%lld/roles", id)));
	resp_free(&r);
	/* The last CxO: the page again, the reason beside the button (the admin may try). */
	post_form(org, fmt("/users/%lld/deactivate", W->user_id[NW_CXO]), ADMIN, "confirmed=yes", &r);
	CHECK_INT(r.status, 409);
	CHECK(has(&r, "last Buyer CxO"));
	resp_free(&r);
}

/* Only the admin adds organisations, through the API or the form on its home page. */
static void org_create_admin_only(void)
{
	json_t *j = NULL;
	struct resp r;

	CHECK_INT(call_json(W->S, "POST", "/api/v1/orgs", W->tok[NW_CXO], "{\"name\":\"Quince Logistics\",\"kind\":\"buyer\"}", &j), 403);
	json_decref(j);
	j = NULL;
	CHECK_INT(call_json(W->S, "POST", "/api/v1/orgs", W->tok[KE_LEAD], "{\"name\":\"Quince Logistics\",\"kind\":\"buyer\"}", &j), 403);
	json_decref(j);
	j = NULL;
	http(W->S, "GET", "/", W->tok[ADMIN], NULL, NULL, NULL, &r);
	CHECK(has(&r, "action=\"/orgs#form-errors\"") && has(&r, "<select name=\"kind\""));
	resp_free(&r);
	http(W->S, "GET", "/", W->tok[NW_CXO], NULL, NULL, NULL, &r);
	CHECK(r.status == 200 && !has(&r, "action=\"/orgs"));
	resp_free(&r);
	/* A bad kind and a blank name come back beside their fields; nothing is written. */
	post_form("/", "/orgs", ADMIN, "name=Quince+Logistics&kind=supplier&industry=", &r);
	CHECK_INT(r.status, 422);
	CHECK(has(&r, "must be buyer, provider or platform"));
	resp_free(&r);
	post_form("/", "/orgs", ADMIN, "name=+++&kind=buyer", &r);
	CHECK_INT(r.status, 422);
	CHECK(has(&r, "a name of 1 to"));
	resp_free(&r);
	post_form("/", "/orgs", NW_CXO, "name=Quince+Logistics&kind=buyer", &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
	post_form("/", "/orgs", ADMIN, "name=Quince+Logistics&kind=provider&industry=Freight", &r);
	CHECK_INT(r.status, 303);
	CHECK(strncmp(r.location, "/orgs/", 6) == 0);
	if (strncmp(r.location, "/orgs/", 6) == 0) {
		CHECK_INT(call_json(W->S, "GET", fmt("/api/v1%s", r.location), W->tok[ADMIN], NULL, &j), 200);
		CHECK_STR(str(j, "kind"), "provider");
		CHECK_STR(str(j, "industry"), "Freight");
		json_decref(j);
	}
	resp_free(&r);
}

/* The engagement page's edit form for the buyer's contract roles: pickers, errors beside fields, tenants kept out. */
static void engagement_edit_form(void)
{
	const char *page = fmt("/engagements/%lld", W->E1), *edit = fmt("/engagements/%lld/edit", W->E1);
	char title[200] = "";
	json_t *j = NULL;
	struct resp r;

	CHECK_INT(call_json(W->S, "GET", fmt("/api/v1/engagements/%lld", W->E1), W->tok[NW_CM], NULL, &j), 200);
	snprintf(title, sizeof title, "%s", str(j, "title") ? str(j, "title") : "");
	json_decref(j);
	j = NULL;
	http(W->S, "GET", page, W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK(has(&r, fmt("action=\"%s#form-errors\"", edit)));
	CHECK(has(&r, "<select name=\"contract_manager_id\""));
	CHECK(has(&r, fmt("<option value=\"%lld\"", W->user_id[NW_SM]))); /* a sourcing manager may manage the contract */
	resp_free(&r);
	/* The provider sees the engagement, not the form; neither does the buyer's CIO. */
	http(W->S, "GET", page, W->tok[KE_LEAD], NULL, NULL, NULL, &r);
	CHECK(r.status == 200 && !has(&r, edit));
	resp_free(&r);
	http(W->S, "GET", page, W->tok[NW_CIO], NULL, NULL, NULL, &r);
	CHECK(r.status == 200 && !has(&r, edit));
	resp_free(&r);
	/* A term that ends before it starts: the page again, the message beside the end date, nothing written. */
	post_form(page, edit, NW_CM, "title=Renamed+by+mistake&starts_on=2026-01-01&ends_on=2025-01-01", &r);
	CHECK_INT(r.status, 422);
	CHECK(has(&r, "the term must not end before it starts"));
	CHECK(has(&r, "value=\"Renamed by mistake\"")); /* refilled */
	resp_free(&r);
	post_form(page, edit, NW_CM, "contract_manager_id=abc", &r);
	CHECK_INT(r.status, 422);
	CHECK(has(&r, "the contract manager must be"));
	resp_free(&r);
	post_form(page, edit, NW_CM, fmt("contract_manager_id=%lld", W->user_id[NW_CIO]), &r);
	CHECK_INT(r.status, 422);
	resp_free(&r);
	CHECK_INT(call_json(W->S, "GET", fmt("/api/v1/engagements/%lld", W->E1), W->tok[NW_CM], NULL, &j), 200);
	CHECK_STR(str(j, "title"), title);
	json_decref(j);
	j = NULL;
	/* Who may not: the provider 403, another tenant 404. */
	post_form(page, edit, KE_LEAD, "title=Taken+over", &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
	post_form("/", edit, MD_CM, "title=Taken+over", &r);
	CHECK_INT(r.status, 404);
	resp_free(&r);
	/* A good post saves and goes back to the page; the title is restored after. */
	post_form(page, edit, NW_CM, "title=Core+banking+platform+%28renewed%29&governance.operations=joint", &r);
	CHECK_INT(r.status, 303);
	CHECK(strncmp(r.location, page, strlen(page)) == 0 && (r.location[strlen(page)] == '\0' || r.location[strlen(page)] == '#'));
	resp_free(&r);
	CHECK_INT(call_json(W->S, "GET", fmt("/api/v1/engagements/%lld", W->E1), W->tok[KE_LEAD], NULL, &j), 200);
	CHECK_STR(str(j, "title"), "Core banking platform (renewed)");
	CHECK_STR(str(json_object_get(j, "governance"), "operations"), "joint");
	json_decref(j);
	j = NULL;
	CHECK_INT(call_json(W->S, "PATCH", fmt("/api/v1/engagements/%lld", W->E1), W->tok[NW_CM],
			    fmt("{\"title\":\"%s\",\"governance\":{\"operations\":\"provider\"}}", title), &j),
		  200);
	json_decref(j);
}

/* The mode select shows the current mode, and a change waits for its confirmation. */
static void mode_change_confirmed(void)
{
	const char *page = fmt("/engagements/%lld", W->E1), *mode_path = fmt("/engagements/%lld/mode", W->E1);
	char mode[32] = "", other[32];
	json_t *j = NULL;
	struct resp r;

	CHECK_INT(call_json(W->S, "GET", fmt("/api/v1/engagements/%lld", W->E1), W->tok[NW_CM], NULL, &j), 200);
	snprintf(mode, sizeof mode, "%s", str(j, "mode") ? str(j, "mode") : "");
	json_decref(j);
	j = NULL;
	snprintf(other, sizeof other, "%s", strcmp(mode, "vendor") ? "vendor" : "partnership");
	http(W->S, "GET", page, W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK(has(&r, fmt("<option value=\"%s\" selected>", mode)));
	CHECK(!has(&r, fmt("<option value=\"%s\" selected>", other)));
	resp_free(&r);
	/* Choosing the current mode is refused at once, without a confirmation. */
	post_form(page, mode_path, NW_CM, fmt("mode=%s&reason=just+because", mode), &r);
	CHECK_INT(r.status, 409);
	resp_free(&r);
	/* Without a reason: refused before any confirmation. */
	post_form(page, mode_path, NW_CM, fmt("mode=%s&reason=", other), &r);
	CHECK_INT(r.status, 422);
	resp_free(&r);
	/* A real change asks first; until confirmed nothing changes. */
	post_form(page, mode_path, NW_CM, fmt("mode=%s&reason=the+quarter%%27s+evidence", other), &r);
	CHECK_INT(r.status, 200);
	CHECK(has(&r, "confirmed") && has(&r, fmt("value=\"%s\"", other)));
	resp_free(&r);
	CHECK_INT(call_json(W->S, "GET", fmt("/api/v1/engagements/%lld", W->E1), W->tok[NW_CM], NULL, &j), 200);
	CHECK_STR(str(j, "mode"), mode);
	json_decref(j);
}

/* A declined engagement keeps its record, with no mandate or edit form; a pending one has both. */
static void declined_shows_no_mandate_form(void)
{
	json_t *j = NULL;
	long long id = 0;
	struct resp r;

	CHECK_INT(call_json(W->S, "POST", "/api/v1/engagements", W->tok[NW_CM],
			    fmt("{\"provider_org_id\":%lld,\"title\":\"Branch cash logistics\",\"service_line\":\"BPO\","
				"\"starts_on\":\"2027-01-01\",\"ends_on\":\"2028-12-31\"}", W->HB),
			    &j),
		  201);
	id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	j = NULL;
	http(W->S, "GET", fmt("/engagements/%lld", id), W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK(has(&r, fmt("action=\"/engagements/%lld/mandate", id)) && has(&r, fmt("action=\"/engagements/%lld/edit", id)));
	resp_free(&r);
	CHECK_INT(call_json(W->S, "POST", fmt("/api/v1/engagements/%lld/acceptance", id), W->tok[HB_LEAD],
			    "{\"accepted\":false,\"reason\":\"no capacity\"}", &j),
		  200);
	json_decref(j);
	http(W->S, "GET", fmt("/engagements/%lld", id), W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(has(&r, "declined this engagement"));
	CHECK(!has(&r, fmt("action=\"/engagements/%lld/mandate", id)) && !has(&r, fmt("action=\"/engagements/%lld/edit", id)));
	resp_free(&r);
}

void people_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(deactivation_stops_everything);
	RUN(who_may_deactivate);
	RUN(last_manager_not_deactivated);
	RUN(deactivated_leave_pickers);
	RUN(deactivation_in_the_browser);
	RUN(org_create_admin_only);
	RUN(engagement_edit_form);
	RUN(mode_change_confirmed);
	RUN(declined_shows_no_mandate_form);
	*passed += harness_passed;
	*failed += harness_failed;
}
