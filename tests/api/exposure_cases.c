/* exposure_cases: issue 16 from the attacker's side — a host linking another's practice, an invitee counting invitees, a provenance label naming a lone customer, a survey changed after the reveal. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* One JSON request with a bearer token; checks the status; the caller json_decref's the answer. */
static json_t *call_as(const char *tok, const char *who, const char *method, const char *path, const char *body, long want)
{
	json_t *j = NULL;
	long got = call_json(W->S, method, path, tok, body, &j);

	if (got != want)
		fprintf(stderr, "  %s %s as %s: got %ld, want %ld\n", method, path, who, got, want);
	CHECK_INT(got, want);
	return j;
}

static json_t *req(int who, const char *method, const char *path, const char *body, long want)
{
	return call_as(W->tok[who], W->names[who], method, path, body, want);
}

/* The raw body of a GET (API or page) as a bearer token; the caller frees it. */
static char *raw_as(const char *tok, const char *path)
{
	struct resp r;
	char *body;

	http(W->S, "GET", path, tok, NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	body = strdup(r.body ? r.body : "");
	resp_free(&r);
	return body;
}

static char *org_name(long long org)
{
	json_t *j = req(ADMIN, "GET", fmt("/api/v1/orgs/%lld", org), NULL, 200);
	char *name = strdup(str(j, "name"));

	json_decref(j);
	return name;
}

/* A published practice of the caller's provider, found with origin; 0 on failure. */
static long long practice_published(const char *tok, long long origin, const char *title, const char *body)
{
	json_t *j = call_as(tok, "provider", "POST", "/api/v1/practices",
			    fmt("{\"title\":\"%s\",\"body\":\"%s\",\"tags\":[],\"origin_engagement_id\":%lld}", title, body, origin), 201);
	long long id = num(j, "id");

	json_decref(j);
	json_decref(call_as(tok, "provider", "POST", fmt("/api/v1/practices/%lld/publish", id), "{}", 200));
	return id;
}

/* ---- A practice is shown at a summit only by its author. ---- */

static void test_host_links_another_providers_practice(void)
{
	json_t *j;
	long long summit, practice, session;

	practice = practice_published(W->tok[KE_LEAD], W->E1, "Zxauthor change freeze calendar",
				      "Agree a zxauthorword change freeze calendar a quarter ahead.");
	CHECK(practice > 0);
	/* Harbor, no customer of Kestrel, cannot read it. */
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/practices/%lld", practice), NULL, 404));
	j = req(NW_CM, "POST", "/api/v1/summits", "{\"kind\":\"buyer-planning\",\"title\":\"Zx author summit\",\"starts_on\":\"2027-05-10\"}", 201);
	summit = num(j, "id");
	json_decref(j);
	json_decref(req(NW_CM, "POST", fmt("/api/v1/summits/%lld/invitations", summit), fmt("{\"org_ids\":[%lld,%lld]}", W->KE, W->HB), 200));

	/* The host puts Kestrel's practice on its agenda, as Kestrel's session or as Harbor's: 403, nothing written. */
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/sessions", summit),
		fmt("{\"kind\":\"best-practice\",\"title\":\"Freeze\",\"presenter_org_id\":%lld,\"practice_id\":%lld}", W->KE, practice), 403);
	CHECK_STR(error_code(j), "not_author");
	CHECK_STR(error_field(j), "practice_id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/sessions", summit),
		fmt("{\"kind\":\"best-practice\",\"title\":\"Freeze\",\"presenter_org_id\":%lld,\"practice_id\":%lld}", W->HB, practice), 403);
	CHECK_STR(error_code(j), "not_author");
	json_decref(j);
	/* An unknown practice is refused the same way: the answer tells nothing of other practices. */
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/sessions", summit),
		fmt("{\"kind\":\"best-practice\",\"title\":\"Freeze\",\"presenter_org_id\":%lld,\"practice_id\":%lld}", W->KE, 987654321LL), 403);
	CHECK_STR(error_code(j), "not_author");
	json_decref(j);
	j = req(NW_CM, "GET", fmt("/api/v1/summits/%lld", summit), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "sessions")), 0);
	json_decref(j);
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/practices/%lld", practice), NULL, 404));

	/* The host names Kestrel as presenter; only Kestrel's leadership or consultants link its practice. */
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/sessions", summit),
		fmt("{\"kind\":\"best-practice\",\"title\":\"Freeze\",\"presenter_org_id\":%lld}", W->KE), 201);
	session = num(json_array_get(json_object_get(j, "sessions"), 0), "id");
	json_decref(j);
	j = req(NW_CM, "PATCH", fmt("/api/v1/sessions/%lld", session), fmt("{\"practice_id\":%lld}", practice), 403);
	json_decref(j);
	json_decref(req(HB_LEAD, "PATCH", fmt("/api/v1/sessions/%lld", session), fmt("{\"practice_id\":%lld}", practice), 403));
	json_decref(req(KE_MEMBER, "PATCH", fmt("/api/v1/sessions/%lld", session), fmt("{\"practice_id\":%lld}", practice), 403));
	json_decref(req(MD_CM, "PATCH", fmt("/api/v1/sessions/%lld", session), fmt("{\"practice_id\":%lld}", practice), 404));
	json_decref(req(LU_LEAD, "PATCH", fmt("/api/v1/sessions/%lld", session), fmt("{\"practice_id\":%lld}", practice), 404));
	j = req(NW_CM, "GET", fmt("/api/v1/summits/%lld", summit), NULL, 200);
	CHECK(json_is_null(json_object_get(json_array_get(json_object_get(j, "sessions"), 0), "practice_id")));
	json_decref(j);
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/practices/%lld", practice), NULL, 404));
	/* Kestrel links it: now the summit's invitees read it. */
	j = req(KE_CONS, "PATCH", fmt("/api/v1/sessions/%lld", session), fmt("{\"practice_id\":%lld}", practice), 200);
	CHECK_INT(num(json_array_get(json_object_get(j, "sessions"), 0), "practice_id"), practice);
	json_decref(j);
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/practices/%lld", practice), NULL, 200));
}

/* ---- Summit invitee lists are for the host. ---- */

static void test_invitee_sees_no_other_invitee(void)
{
	json_t *j, *x;
	long long summit;
	char *lumen = org_name(W->LU), *body;

	j = req(NW_CM, "POST", "/api/v1/summits", "{\"kind\":\"buyer-planning\",\"title\":\"Zx invitee summit\",\"starts_on\":\"2027-05-11\"}", 201);
	summit = num(j, "id");
	json_decref(j);
	json_decref(req(NW_CM, "POST", fmt("/api/v1/summits/%lld/invitations", summit),
			fmt("{\"org_ids\":[%lld,%lld,%lld]}", W->KE, W->HB, W->LU), 200));
	json_decref(req(NW_CM, "POST", fmt("/api/v1/summits/%lld/sessions", summit),
			fmt("{\"kind\":\"showcase\",\"title\":\"Harbor on disputes\",\"presenter_org_id\":%lld}", W->HB), 201));

	/* The host sees all three invitations. */
	j = req(NW_CM, "GET", fmt("/api/v1/summits/%lld", summit), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "invitations")), 3);
	json_decref(j);
	/* Kestrel sees its own invitation and the host; the agenda names the presenter (Harbor), nobody names Lumen. */
	j = req(KE_LEAD, "GET", fmt("/api/v1/summits/%lld", summit), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "invitations")), 1);
	x = json_array_get(json_object_get(j, "invitations"), 0);
	CHECK_INT(num(x, "org_id"), W->KE);
	CHECK_INT(num(j, "host_org_id"), W->NW);
	CHECK_INT(json_array_size(json_object_get(j, "sessions")), 1);
	CHECK_INT(num(json_array_get(json_object_get(j, "sessions"), 0), "presenter_org_id"), W->HB);
	json_decref(j);
	body = raw_as(W->tok[KE_MEMBER], fmt("/api/v1/summits/%lld", summit));
	CHECK(!strstr(body, lumen));
	CHECK(!strstr(body, fmt("\"org_id\": %lld", W->LU)) && !strstr(body, fmt("\"org_id\":%lld", W->LU)));
	free(body);
	/* Nor does the page. */
	body = raw_as(W->tok[KE_LEAD], fmt("/summits/%lld", summit));
	CHECK(strstr(body, "Your invitation") != NULL);
	CHECK(!strstr(body, lumen));
	free(body);
	body = raw_as(W->tok[NW_CM], fmt("/summits/%lld", summit));
	CHECK(strstr(body, lumen) != NULL); /* the host's page lists it, so the check above could fail */
	/* The host invites one more organisation from a picker of providers, never a typed id; its own name is not offered. */
	{
		char *picker = strstr(body, "<select name=\"org_id\""), *end = picker ? strstr(picker, "</select>") : NULL;

		/* Every demo provider is invited here: the picker is left out unless another provider exists. */
		if (picker && end) {
			*end = '\0';
			CHECK(strstr(picker, fmt("<option value=\"%lld\">", W->HB)) == NULL); /* already invited: not offered again (summit2_cases offers the others) */
			CHECK(strstr(picker, fmt("<option value=\"%lld\">", W->NW)) == NULL);
			CHECK(strstr(picker, fmt("<option value=\"%lld\">", W->MD)) == NULL); /* a buyer: not for a planning summit */
			*end = '<';
		}
	}
	CHECK(strstr(body, "placeholder=\"organisation id\"") == NULL);
	free(body);
	/* A member of Kestrel sees the summit, not the host's forms (it could not use them). */
	body = raw_as(W->tok[KE_MEMBER], fmt("/summits/%lld", summit));
	CHECK(strstr(body, fmt("action=\"/summits/%lld/invitations#form-errors\"", summit)) == NULL);
	free(body);
	body = raw_as(W->tok[NW_MEMBER], fmt("/summits/%lld", summit));
	CHECK(strstr(body, fmt("action=\"/summits/%lld/invitations#form-errors\"", summit)) == NULL);
	CHECK(strstr(body, fmt("action=\"/summits/%lld/sessions#form-errors\"", summit)) == NULL);
	free(body);
	free(lumen);
}

/* ---- A practice's provenance label must not identify the customer. ---- */

static const char *const PASSWORD = "zx-exposure-garden-path-2026";

/* A new organisation (buyer with industry, or provider) with one user of role; returns its id and the user's token in *tok. */
static long long org_with_user(const char *name, const char *kind, const char *industry, const char *role, const char *email,
			       char **tok)
{
	json_t *j = req(ADMIN, "POST", "/api/v1/orgs",
			fmt("{\"name\":\"%s\",\"kind\":\"%s\"%s%s%s}", name, kind, industry ? ",\"industry\":\"" : "", industry ? industry : "",
			    industry ? "\"" : ""),
			201);
	long long id = num(j, "id");

	json_decref(j);
	json_decref(req(ADMIN, "POST", fmt("/api/v1/orgs/%lld/users", id),
			fmt("{\"email\":\"%s\",\"name\":\"%s user\",\"roles\":[\"%s\"],\"password\":\"%s\"}", email, name, role, PASSWORD), 201));
	*tok = login(W->S, email, PASSWORD);
	CHECK(*tok != NULL);
	return id;
}

/* The buyer (its contract manager's token) takes an engagement with the provider, whose leadership (lead_tok) accepts it; returns its id. */
static long long engage(const char *buyer_tok, const char *lead_tok, long long provider, const char *title)
{
	json_t *j = call_as(buyer_tok, "buyer cm", "POST", "/api/v1/engagements",
			    fmt("{\"provider_org_id\":%lld,\"title\":\"%s\",\"service_line\":\"IT\",\"starts_on\":\"2026-01-01\",\"ends_on\":\"2028-12-31\"}",
				provider, title),
			    201);
	long long id = num(j, "id");

	json_decref(j);
	json_decref(call_as(lead_tok, "provider lead", "POST", fmt("/api/v1/engagements/%lld/acceptance", id), "{\"accepted\":true}", 200));
	return id;
}

/* What a reader learns of the practice's industry by every route: the single answer, the list, search, the industry filter, the page. */
static void reader_sees(const char *tok, long long practice, const char *industry)
{
	json_t *j = call_as(tok, "reader", "GET", fmt("/api/v1/practices/%lld", practice), NULL, 200), *prov, *x = NULL, *it;
	char *page;
	size_t i;

	prov = json_object_get(j, "provenance");
	if (industry) {
		CHECK_STR(str(j, "industry"), industry);
		CHECK_STR(str(prov, "industry"), industry);
		CHECK_STR(str(prov, "label"), fmt("a customer in %s", industry));
	} else {
		CHECK(json_is_null(json_object_get(j, "industry")));
		CHECK(json_is_null(json_object_get(prov, "industry")));
		CHECK_STR(str(prov, "label"), "a customer");
	}
	json_decref(j);
	/* The search finds the practice either way; its item tells the same. */
	j = call_as(tok, "reader", "GET", "/api/v1/practices?q=zxprovword", NULL, 200);
	CHECK_INT(num(j, "total"), 1);
	json_array_foreach(json_object_get(j, "items"), i, it) if (num(it, "id") == practice) x = it;
	CHECK(x != NULL);
	if (x && industry)
		CHECK_STR(str(json_object_get(x, "provenance"), "label"), fmt("a customer in %s", industry));
	else if (x)
		CHECK(json_is_null(json_object_get(x, "industry")) && json_is_null(json_object_get(json_object_get(x, "provenance"), "industry")));
	json_decref(j);
	/* The filter matches only an industry shown to the reader: it cannot probe a hidden one. */
	j = call_as(tok, "reader", "GET", "/api/v1/practices?q=zxprovword&industry=Retail", NULL, 200);
	CHECK_INT(num(j, "total"), industry ? 1 : 0);
	json_decref(j);
	j = call_as(tok, "reader", "GET", "/api/v1/practices?industry=Retail&limit=200", NULL, 200);
	x = NULL;
	json_array_foreach(json_object_get(j, "items"), i, it) if (num(it, "id") == practice) x = it;
	CHECK(industry ? x != NULL : x == NULL);
	json_decref(j);
	page = raw_as(tok, fmt("/practices/%lld", practice));
	CHECK(industry ? strstr(page, "a customer in Retail") != NULL : strstr(page, "Retail") == NULL);
	free(page);
	page = raw_as(tok, "/practices?q=zxprovword");
	CHECK(industry ? strstr(page, "a customer in Retail") != NULL : strstr(page, "Retail") == NULL);
	free(page);
}

static void test_provenance_needs_three_customers(void)
{
	char *prov_tok = NULL, *r1 = NULL, *r2 = NULL, *r3 = NULL, *other = NULL;
	long long provider, b1, b2, b3, bo, e1, practice;
	json_t *j;

	provider = org_with_user("Zx Quillon Services", "provider", NULL, "provider_leadership", "lead@quillon.example", &prov_tok);
	b1 = org_with_user("Zx Aldermoor Stores", "buyer", "Retail", "contract_manager", "cm@aldermoor.example", &r1);
	b2 = org_with_user("Zx Brackenfield Shops", "buyer", "Retail", "contract_manager", "cm@brackenfield.example", &r2);
	b3 = org_with_user("Zx Copperline Outlets", "buyer", "Retail", "contract_manager", "cm@copperline.example", &r3);
	bo = org_with_user("Zx Dunmore Freight", "buyer", "Logistics", "contract_manager", "cm@dunmore.example", &other);
	if (!prov_tok || !r1 || !r2 || !r3 || !other)
		goto out;
	(void)b1, (void)b2, (void)b3, (void)bo;
	e1 = engage(r1, prov_tok, provider, "Zx store systems");
	engage(other, prov_tok, provider, "Zx freight systems");
	practice = practice_published(prov_tok, e1, "Zxprov queue triage", "Triage the zxprovword queue by business impact each morning.");
	CHECK(practice > 0);

	/* One Retail customer: "a customer in Retail" would name it. Another customer reads "a customer", by every route. */
	reader_sees(other, practice, NULL);
	/* The origin customer and the provider always see the industry. */
	j = call_as(r1, "origin", "GET", fmt("/api/v1/practices/%lld", practice), NULL, 200);
	CHECK_STR(str(j, "industry"), "Retail");
	CHECK_STR(str(json_object_get(j, "provenance"), "industry"), "Retail");
	json_decref(j);
	j = call_as(prov_tok, "provider", "GET", "/api/v1/practices?industry=Retail", NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);

	/* Two Retail customers: still too few; the second reads "a customer" too. */
	engage(r2, prov_tok, provider, "Zx till estate");
	reader_sees(other, practice, NULL);
	reader_sees(r2, practice, NULL);

	/* A third Retail buyer whose engagement the provider has not accepted yet does not count. */
	{
		json_t *pend = call_as(r3, "buyer cm", "POST", "/api/v1/engagements",
				       fmt("{\"provider_org_id\":%lld,\"title\":\"Zx shop floor\",\"service_line\":\"IT\",\"starts_on\":\"2026-01-01\",\"ends_on\":\"2028-12-31\"}", provider),
				       201);
		long long pending = num(pend, "id");

		json_decref(pend);
		reader_sees(other, practice, NULL);
		/* Three: the industry no longer singles one out, so every reader sees it and the filter finds it. */
		json_decref(call_as(prov_tok, "provider lead", "POST", fmt("/api/v1/engagements/%lld/acceptance", pending), "{\"accepted\":true}", 200));
	}
	reader_sees(other, practice, "Retail");
	reader_sees(r3, practice, "Retail");
out:
	free(prov_tok);
	free(r1);
	free(r2);
	free(r3);
	free(other);
}

/* ---- Revealed surveys are final. ---- */

static const char *answers(int v)
{
	return fmt("{\"trust\":%d,\"communication\":%d,\"value\":%d,\"innovation\":%d,\"responsiveness\":%d}", v, v, v, v, v);
}

/* The caller's view of one survey period. */
static json_t *period_of(int who, long long eng, long long review)
{
	json_t *j = req(who, "GET", fmt("/api/v1/engagements/%lld/surveys", eng), NULL, 200), *p, *found = NULL;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, p) if (num(p, "period") == review) found = json_incref(p);
	json_decref(j);
	return found ? found : json_object();
}

static void test_survey_frozen_after_reveal(void)
{
	json_t *j, *p;
	long long review;
	struct resp r;

	j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/reviews", W->E2), "{\"due_on\":\"" TEST_TODAY "\"}", 201);
	review = num(j, "id");
	json_decref(j);
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/reviews/%lld", review), "{\"held_on\":\"" TEST_TODAY "\"}", 200));
	/* Before the reveal a side may change its mind. */
	json_decref(req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E2), fmt("{\"period\":%lld,\"answers\":%s}", review, answers(2)), 200));
	json_decref(req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E2), fmt("{\"period\":%lld,\"answers\":%s}", review, answers(3)), 200));
	/* Once the survey has an answer the review's day is fixed: moving it back 30+ days would close the period, show Harbor Northwind's answers, and a move forward reopen it (the attack review's F4). Minutes still change. */
	j = req(NW_CM, "PATCH", fmt("/api/v1/reviews/%lld", review), "{\"held_on\":\"2026-09-01\"}", 409);
	CHECK_STR(error_code(j), "survey_started");
	CHECK_STR(error_field(j), "held_on");
	json_decref(j);
	j = req(HB_LEAD, "PATCH", fmt("/api/v1/reviews/%lld", review), "{\"status\":\"planned\"}", 409);
	CHECK_STR(error_code(j), "survey_started");
	json_decref(j);
	p = period_of(HB_LEAD, W->E2, review);
	CHECK(!json_is_true(json_object_get(p, "revealed")));
	CHECK(json_is_null(json_object_get(p, "theirs")) || json_object_get(p, "theirs") == NULL);
	json_decref(p);
	j = req(NW_CM, "PATCH", fmt("/api/v1/reviews/%lld", review), "{\"minutes\":\"Agreed the swarming pilot.\"}", 200);
	CHECK_STR(str(j, "held_on"), TEST_TODAY);
	json_decref(j);
	/* Harbor answers second, and its answer shows it Northwind's. */
	j = req(HB_LEAD, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E2), fmt("{\"period\":%lld,\"answers\":%s}", review, answers(1)), 200);
	json_decref(j);
	p = period_of(HB_LEAD, W->E2, review);
	CHECK(json_is_true(json_object_get(p, "revealed")));
	CHECK_INT(num(json_object_get(p, "theirs"), "trust"), 3);
	json_decref(p);
	/* Having seen 3, Harbor tries to raise its 1 (and Northwind to lower its 3): 409, nothing written. */
	j = req(HB_LEAD, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E2),
		fmt("{\"period\":%lld,\"answers\":%s,\"comment\":\"changed\"}", review, answers(5)), 409);
	CHECK_STR(error_code(j), "survey_frozen");
	CHECK_STR(error_field(j), "period");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E2), fmt("{\"period\":%lld,\"answers\":%s}", review, answers(1)), 409);
	CHECK_STR(error_code(j), "survey_frozen");
	json_decref(j);
	p = period_of(NW_CM, W->E2, review);
	CHECK_INT(num(json_object_get(p, "mine"), "trust"), 3);
	CHECK_INT(num(json_object_get(p, "theirs"), "trust"), 1);
	CHECK_STR(str(json_object_get(p, "theirs"), "comment"), "");
	CHECK(json_is_true(json_object_get(p, "final")));
	json_decref(p);
	/* The page says so, and offers no form for the period. */
	http(W->S, "GET", fmt("/engagements/%lld/trust", W->E2), W->tok[HB_LEAD], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(r.body && strstr(r.body, "they are final"));
	resp_free(&r);
	/* The page form is refused the same way. */
	http(W->S, "POST", fmt("/engagements/%lld/surveys", W->E2), W->tok[HB_LEAD],
	     fmt("period=%lld&answers.trust=5&answers.communication=5&answers.value=5&answers.innovation=5&answers.responsiveness=5", review),
	     "application/x-www-form-urlencoded", NULL, &r);
	CHECK(r.status == 409 || r.status == 403); /* 403 when the bearer-less form lacks its CSRF token */
	resp_free(&r);
	p = period_of(NW_CM, W->E2, review);
	CHECK_INT(num(json_object_get(p, "theirs"), "trust"), 1);
	json_decref(p);
}

void exposure_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(test_host_links_another_providers_practice);
	RUN(test_invitee_sees_no_other_invitee);
	RUN(test_provenance_needs_three_customers);
	RUN(test_survey_frozen_after_reveal);
	*passed += harness_passed;
	*failed += harness_failed;
}
