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
	CHECK(login(W->S, "kept.member@northwind.example", "Saffron-Ibis-4471") != NULL);
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

void people_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(deactivation_stops_everything);
	RUN(who_may_deactivate);
	RUN(last_manager_not_deactivated);
	RUN(deactivated_leave_pickers);
	*passed += harness_passed;
	*failed += harness_failed;
}
