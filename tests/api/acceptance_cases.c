/* acceptance_cases: engagements need the provider's acceptance, tried from the attacker's side — a buyer that asks a provider it has no engagement with gets nothing of it until the provider's leadership accepts; the inbox shows what waits to be accepted. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;
/* Osprey Foods, a buyer made here with one contract manager, and no engagement with anyone at first. */
enum { OS = CALLERS };
static char *os_tok;
static long long OS_ORG;
/* Osprey's engagements: with Lumen (accepted mid-way), Harbor (declined), Kestrel (pending, then accepted). */
static long long E_LU, E_HB, E_KE;
/* Lumen's published practice, found on its engagement with Northwind, and the word only it holds. */
static long long LU_PRACTICE;
#define LU_WORD "zqospreyword"

static const char *tok_of(int who)
{
	return who == OS ? os_tok : W->tok[who];
}

static const char *name_of(int who)
{
	return who == OS ? "osprey_cm" : W->names[who];
}

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* One request; checks the status (printing the answer when it is not the one wanted) and returns the parsed body. */
static json_t *req(int who, const char *method, const char *path, const char *body, long want)
{
	struct resp r;
	json_t *j;

	http(W->S, method, path, tok_of(who), body, NULL, NULL, &r);
	if (r.status != want)
		fprintf(stderr, "  %s %s as %s: got %ld, want %ld: %.400s\n", method, path, name_of(who), r.status, want,
			r.body ? r.body : "");
	CHECK_INT(r.status, want);
	j = r.json;
	r.json = NULL;
	resp_free(&r);
	return j;
}

/* The error code of a refused request. */
static void refused(int who, const char *method, const char *path, const char *body, long want, const char *code)
{
	json_t *j = req(who, method, path, body, want);

	CHECK_STR(error_code(j) ? error_code(j) : "", code);
	json_decref(j);
}

/* Whether a list answer's items hold one with this id (under key). */
static bool holds(json_t *list, const char *key, long long id)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(list, "items"), i, x) if (num(x, key) == id) return true;
	return false;
}

static long long new_engagement(long long provider, const char *title)
{
	json_t *j = req(OS, "POST", "/api/v1/engagements",
			fmt("{\"provider_org_id\":%lld,\"title\":\"%s\",\"service_line\":\"IT\",\"starts_on\":\"2026-12-01\",\"ends_on\":\"2028-11-30\"}",
			    provider, title),
			201);
	long long id = num(j, "id");

	CHECK_STR(str(j, "acceptance"), "pending");
	CHECK(json_is_null(json_object_get(j, "acceptance_decision")));
	json_decref(j);
	return id;
}

/* Whether the summit's invitations (as its host reads them) name org. */
static bool invites(json_t *summit, long long org)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(summit, "invitations"), i, x) if (num(x, "org_id") == org) return true;
	return false;
}

/* A customer summit of Lumen inviting all its customers; true when Osprey is among the invited. */
static bool lumen_invites_osprey(void)
{
	json_t *j = req(LU_LEAD, "POST", "/api/v1/summits", "{\"kind\":\"provider-customer\",\"title\":\"Zq Lumen customer day\",\"starts_on\":\"2027-05-01\"}", 201);
	long long summit = num(j, "id");
	bool in;

	json_decref(j);
	j = req(LU_LEAD, "POST", fmt("/api/v1/summits/%lld/invitations", summit), "{\"all\":\"customers\"}", 200);
	in = invites(j, OS_ORG);
	CHECK(invites(j, W->NW)); /* an accepted customer of Lumen is invited: the call did invite */
	json_decref(j);
	return in;
}

/* What Osprey can learn of Lumen: its people, units, practices (list, search, by id), and a customer summit's invitation. */
static void osprey_sees_lumen(bool open)
{
	json_t *j;

	json_decref(req(OS, "GET", fmt("/api/v1/orgs/%lld", W->LU), NULL, 200)); /* the card, always */
	json_decref(req(OS, "GET", fmt("/api/v1/orgs/%lld/users", W->LU), NULL, open ? 200 : 404));
	json_decref(req(OS, "GET", fmt("/api/v1/orgs/%lld/units", W->LU), NULL, open ? 200 : 404));
	j = req(OS, "GET", "/api/v1/practices?limit=200", NULL, 200);
	CHECK(holds(j, "id", LU_PRACTICE) == open);
	json_decref(j);
	j = req(OS, "GET", "/api/v1/practices?q=" LU_WORD, NULL, 200);
	CHECK(holds(j, "id", LU_PRACTICE) == open);
	CHECK_INT(num(j, "total"), open ? 1 : 0);
	json_decref(j);
	json_decref(req(OS, "GET", fmt("/api/v1/practices/%lld", LU_PRACTICE), NULL, open ? 200 : 404));
	CHECK(lumen_invites_osprey() == open);
	/* Nor does Lumen see Osprey's people until then. */
	json_decref(req(LU_LEAD, "GET", fmt("/api/v1/orgs/%lld/users", OS_ORG), NULL, open ? 200 : 404));
	/* The engagement's own people (once asked): each side its own until accepted. */
	if (!E_LU)
		return;
	j = req(OS, "GET", fmt("/api/v1/engagements/%lld/people", E_LU), NULL, 200);
	{
		size_t i;
		json_t *p;
		bool lumen = false;

		json_array_foreach(json_object_get(j, "items"), i, p) lumen |= num(p, "org_id") == W->LU;
		CHECK(lumen == open);
	}
	json_decref(j);
}

static void a_pending_engagement_opens_nothing(void)
{
	json_t *list = req(LU_LEAD, "GET", "/api/v1/engagements?limit=200", NULL, 200), *e, *j;
	long long origin = 0;
	size_t i;

	/* Lumen publishes a practice found on its engagement with Northwind. */
	json_array_foreach(json_object_get(list, "items"), i, e) if (num(e, "buyer_org_id") == W->NW) origin = num(e, "id");
	json_decref(list);
	CHECK(origin > 0);
	j = req(LU_LEAD, "POST", "/api/v1/practices",
		fmt("{\"title\":\"Zq steering rhythm\",\"body\":\"A steering rhythm with a " LU_WORD " in it.\",\"origin_engagement_id\":%lld}", origin),
		201);
	LU_PRACTICE = num(j, "id");
	json_decref(j);
	json_decref(req(LU_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", LU_PRACTICE), "{}", 200));
	/* Osprey, with no engagement, sees Lumen's card only. */
	osprey_sees_lumen(false);
	E_LU = new_engagement(W->LU, "Zq Osprey analytics");
	/* Asking is not being accepted: the same nothing. */
	osprey_sees_lumen(false);
}

static void governance_waits_for_acceptance(void)
{
	/* The buyer edits its engagement and sets the mandate... */
	json_decref(req(OS, "PATCH", fmt("/api/v1/engagements/%lld", E_LU), "{\"title\":\"Zq Osprey analytics and reporting\"}", 200));
	json_decref(req(OS, "PUT", fmt("/api/v1/engagements/%lld/mandate", E_LU),
			"{\"cadence\":\"quarterly\",\"required_roles\":[\"contract_manager\",\"provider_leadership\"]}", 200));
	/* ...but reviews, issues, surveys, the mode, practices found on it and adoptions on it wait. */
	refused(OS, "POST", fmt("/api/v1/engagements/%lld/reviews", E_LU), "{\"due_on\":\"2027-01-15\"}", 409, "not_accepted");
	refused(OS, "POST", fmt("/api/v1/engagements/%lld/strategic-issues", E_LU), "{\"title\":\"Zq costs\",\"body\":\"Too high.\"}", 409,
		"not_accepted");
	refused(OS, "POST", fmt("/api/v1/engagements/%lld/mode", E_LU), "{\"mode\":\"partnership\",\"reason\":\"x\"}", 409, "not_accepted");
	refused(LU_LEAD, "POST", fmt("/api/v1/engagements/%lld/surveys", E_LU),
		"{\"period\":1,\"answers\":{\"trust\":4,\"communication\":4,\"value\":4,\"innovation\":4,\"responsiveness\":4}}", 409,
		"not_accepted");
	refused(LU_LEAD, "POST", "/api/v1/practices",
		fmt("{\"title\":\"Zq found at Osprey\",\"body\":\"Something.\",\"origin_engagement_id\":%lld}", E_LU), 409, "not_accepted");
	refused(OS, "POST", "/api/v1/problems", fmt("{\"title\":\"Zq reporting\",\"body\":\"Ideas?\",\"engagement_id\":%lld}", E_LU), 409,
		"not_accepted");
	/* Both sides read the engagement itself, and its reviews planned by the mandate are in nobody's calendar or portfolio yet. */
	json_decref(req(LU_LEAD, "GET", fmt("/api/v1/engagements/%lld", E_LU), NULL, 200));
	{
		json_t *j = req(OS, "GET", "/api/v1/portfolio", NULL, 200);

		CHECK(!holds(j, "engagement_id", E_LU));
		json_decref(j);
		j = req(LU_LEAD, "GET", "/api/v1/portfolio", NULL, 200);
		CHECK(!holds(j, "engagement_id", E_LU));
		json_decref(j);
	}
}

static void only_the_provider_leadership_decides(void)
{
	E_KE = new_engagement(W->KE, "Zq Osprey store systems");
	/* The provider's consultants and members, and the buyer: 403. */
	refused(KE_CONS, "POST", fmt("/api/v1/engagements/%lld/acceptance", E_KE), "{\"accepted\":true}", 403, "forbidden");
	refused(KE_MEMBER, "POST", fmt("/api/v1/engagements/%lld/acceptance", E_KE), "{\"accepted\":true}", 403, "forbidden");
	refused(OS, "POST", fmt("/api/v1/engagements/%lld/acceptance", E_KE), "{\"accepted\":true}", 403, "forbidden");
	/* Every other tenant: 404, as if there were no such engagement. */
	refused(NW_CM, "POST", fmt("/api/v1/engagements/%lld/acceptance", E_KE), "{\"accepted\":true}", 404, "not_found");
	refused(LU_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", E_KE), "{\"accepted\":true}", 404, "not_found");
	refused(HB_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", 99999999LL), "{\"accepted\":true}", 404, "not_found");
	/* A body without the decision: one clear error naming the field. */
	{
		json_t *j = req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", E_KE), "{}", 422);

		CHECK_STR(error_field(j) ? error_field(j) : "", "accepted");
		json_decref(j);
	}
	/* Still pending after all of that. */
	{
		json_t *j = req(OS, "GET", fmt("/api/v1/engagements/%lld", E_KE), NULL, 200);

		CHECK_STR(str(j, "acceptance"), "pending");
		json_decref(j);
	}
}

/* The inbox items of kind acceptance naming engagement id. */
static int inbox_has(int who, long long id)
{
	json_t *j = req(who, "GET", "/api/v1/inbox", NULL, 200), *x;
	int n = 0;
	size_t i;

	CHECK(json_is_array(json_object_get(j, "items")));
	CHECK(json_is_null(json_object_get(j, "next")));
	json_array_foreach(json_object_get(j, "items"), i, x)
	{
		if (!strcmp(str(x, "kind"), "acceptance") && num(x, "engagement_id") == id) {
			n++;
			CHECK_STR(str(x, "url"), fmt("/engagements/%lld#acceptance", id));
			CHECK(strstr(str(x, "title"), "Zq Osprey") != NULL);
		}
	}
	json_decref(j);
	return n;
}

static void the_inbox_shows_what_waits(void)
{
	/* The provider's leadership only: not its consultants, not the buyer, not other tenants. */
	CHECK_INT(inbox_has(KE_LEAD, E_KE), 1);
	CHECK_INT(inbox_has(KE_CONS, E_KE), 0);
	CHECK_INT(inbox_has(KE_MEMBER, E_KE), 0);
	CHECK_INT(inbox_has(OS, E_KE), 0);
	CHECK_INT(inbox_has(NW_CM, E_KE), 0);
	CHECK_INT(inbox_has(LU_LEAD, E_KE), 0);
	CHECK_INT(inbox_has(LU_LEAD, E_LU), 1);
	CHECK_INT(inbox_has(ADMIN, E_KE), 0);
	/* Accepted, it is gone. */
	{
		json_t *j = req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", E_KE), "{\"accepted\":true}", 200);

		CHECK_STR(str(j, "acceptance"), "accepted");
		CHECK_INT(num(json_object_get(j, "acceptance_decision"), "by"), W->user_id[KE_LEAD]);
		json_decref(j);
	}
	CHECK_INT(inbox_has(KE_LEAD, E_KE), 0);
	/* Signed out, there is no inbox. */
	{
		struct resp r;

		http(W->S, "GET", "/api/v1/inbox", NULL, NULL, NULL, NULL, &r);
		CHECK_INT(r.status, 401);
		resp_free(&r);
	}
}

static void acceptance_opens_and_a_second_decision_is_refused(void)
{
	json_t *j = req(LU_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", E_LU), "{\"accepted\":true,\"reason\":\"Glad to work together.\"}", 200);

	CHECK_STR(str(j, "acceptance"), "accepted");
	CHECK_STR(str(json_object_get(j, "acceptance_decision"), "reason"), "Glad to work together.");
	json_decref(j);
	refused(LU_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", E_LU), "{\"accepted\":false}", 409, "already_decided");
	j = req(OS, "GET", fmt("/api/v1/engagements/%lld", E_LU), NULL, 200);
	CHECK_STR(str(j, "acceptance"), "accepted");
	json_decref(j);
	CHECK_INT(inbox_has(LU_LEAD, E_LU), 0);
	/* Now everything opens: people, units, practices, search, the customer summit. */
	osprey_sees_lumen(true);
	/* And governance runs. */
	json_decref(req(OS, "POST", fmt("/api/v1/engagements/%lld/reviews", E_LU), "{\"due_on\":\"2027-01-15\"}", 201));
	j = req(OS, "GET", "/api/v1/portfolio", NULL, 200);
	CHECK(holds(j, "engagement_id", E_LU));
	json_decref(j);
	json_decref(req(OS, "POST", fmt("/api/v1/practices/%lld/adoptions", LU_PRACTICE), fmt("{\"engagement_id\":%lld}", E_LU), 201));
}

static void a_declined_engagement_opens_nothing(void)
{
	json_t *j;

	E_HB = new_engagement(W->HB, "Zq Osprey contact centre");
	j = req(HB_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", E_HB), "{\"accepted\":false,\"reason\":\"No capacity this year.\"}", 200);
	CHECK_STR(str(j, "acceptance"), "declined");
	CHECK_STR(str(json_object_get(j, "acceptance_decision"), "reason"), "No capacity this year.");
	json_decref(j);
	/* A record both read; a second decision, either way, is refused. */
	j = req(OS, "GET", fmt("/api/v1/engagements/%lld", E_HB), NULL, 200);
	CHECK_STR(str(j, "acceptance"), "declined");
	CHECK_STR(str(json_object_get(j, "acceptance_decision"), "reason"), "No capacity this year.");
	json_decref(j);
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/engagements/%lld", E_HB), NULL, 200));
	refused(HB_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", E_HB), "{\"accepted\":true}", 409, "already_decided");
	/* It opens nothing, and its governance stays closed. */
	json_decref(req(OS, "GET", fmt("/api/v1/orgs/%lld/users", W->HB), NULL, 404));
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/orgs/%lld/users", OS_ORG), NULL, 404));
	refused(OS, "POST", fmt("/api/v1/engagements/%lld/reviews", E_HB), "{\"due_on\":\"2027-01-15\"}", 409, "not_accepted");
	CHECK_INT(inbox_has(HB_LEAD, E_HB), 0);
	/* A decline needs no reason. */
	{
		long long again = new_engagement(W->HB, "Zq Osprey second ask");

		j = req(HB_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", again), "{\"accepted\":false}", 200);
		CHECK_STR(str(j, "acceptance"), "declined");
		CHECK_STR(str(json_object_get(j, "acceptance_decision"), "reason"), "");
		json_decref(j);
	}
}

/* A page as who (a cookie), its status checked; the body, which the caller frees. */
static char *page(const char *cookie, const char *method, const char *path, const char *form, long want)
{
	struct resp r;
	char *body;

	http(W->S, method, path, NULL, form, form ? "application/x-www-form-urlencoded" : NULL, cookie, &r);
	if (r.status != want)
		fprintf(stderr, "  %s %s: got %ld, want %ld\n", method, path, r.status, want);
	CHECK_INT(r.status, want);
	body = r.body ? r.body : strdup("");
	r.body = NULL;
	resp_free(&r);
	return body;
}

static const char *acceptance_of(long long id)
{
	static char state[16];
	json_t *j = req(OS, "GET", fmt("/api/v1/engagements/%lld", id), NULL, 200);

	snprintf(state, sizeof state, "%s", str(j, "acceptance"));
	json_decref(j);
	return state;
}

/* Harbor's leadership (a second one, made here with a known password) decides in the browser, in two steps; its consultant cannot. */
static void the_pages_ask_before_binding(void)
{
	char os_cookie[128], os_csrf[64], lead_cookie[128], lead_csrf[64], cons_cookie[128], cons_csrf[64];
	const char *form_action;
	long long id;
	char *body;

	json_decref(req(ADMIN, "POST", fmt("/api/v1/orgs/%lld/users", W->HB),
			"{\"email\":\"zq.lead@harbor.example\",\"name\":\"Zq Second Lead\",\"roles\":[\"provider_leadership\"],\"password\":\"Ridgeline-Copper-58!\"}", 201));
	json_decref(req(ADMIN, "POST", fmt("/api/v1/orgs/%lld/users", W->HB),
			"{\"email\":\"zq.consultant@harbor.example\",\"name\":\"Zq Consultant\",\"roles\":[\"provider_consulting\"],\"password\":\"Ridgeline-Copper-58!\"}", 201));
	CHECK_INT(web_sign_in(W->S, "cm@osprey.example", "kingfisher-river-stone-7", os_cookie, sizeof os_cookie, os_csrf, sizeof os_csrf, NULL, 0), 0);
	CHECK_INT(web_sign_in(W->S, "zq.lead@harbor.example", "Ridgeline-Copper-58!", lead_cookie, sizeof lead_cookie, lead_csrf, sizeof lead_csrf, NULL, 0), 0);
	CHECK_INT(web_sign_in(W->S, "zq.consultant@harbor.example", "Ridgeline-Copper-58!", cons_cookie, sizeof cons_cookie, cons_csrf, sizeof cons_csrf, NULL, 0), 0);
	id = new_engagement(W->HB, "Zq Osprey page ask");
	form_action = fmt("action=\"/engagements/%lld/acceptance#form-errors\"", id);

	/* The buyer is told it waits, with no decision and no governance forms; its inbox is empty of it. */
	body = page(os_cookie, "GET", fmt("/engagements/%lld", id), NULL, 200);
	CHECK(strstr(body, "Awaiting ") != NULL);
	CHECK(strstr(body, form_action) == NULL);
	CHECK(strstr(body, fmt("action=\"/engagements/%lld/reviews#form-errors\"", id)) == NULL);
	CHECK(strstr(body, fmt("action=\"/engagements/%lld/issues#form-errors\"", id)) == NULL);
	free(body);
	/* The consultant sees what it would open but may not decide (403 on the form post). */
	body = page(cons_cookie, "GET", fmt("/engagements/%lld", id), NULL, 200);
	CHECK(strstr(body, "leadership decides") != NULL);
	CHECK(strstr(body, form_action) == NULL);
	free(body);
	free(page(cons_cookie, "POST", fmt("/engagements/%lld/acceptance", id), fmt("csrf=%s&decision=accept&confirmed=yes", cons_csrf), 403));
	/* The leadership's inbox page links to it. */
	body = page(lead_cookie, "GET", "/inbox", NULL, 200);
	CHECK(strstr(body, fmt("href=\"/engagements/%lld#acceptance\"", id)) != NULL);
	free(body);
	/* The buyer's inbox has nothing of it (Osprey's inbox is not empty: its accepted engagement with Lumen has a review to hold). */
	body = page(os_cookie, "GET", "/inbox", NULL, 200);
	CHECK(strstr(body, fmt("/engagements/%lld#acceptance", id)) == NULL);
	CHECK(strstr(body, "Engagements to accept") == NULL);
	free(body);
	/* The decision form; a first post only asks for confirmation and binds nothing. */
	body = page(lead_cookie, "GET", fmt("/engagements/%lld", id), NULL, 200);
	CHECK(strstr(body, form_action) != NULL);
	free(body);
	body = page(lead_cookie, "POST", fmt("/engagements/%lld/acceptance", id), fmt("csrf=%s&decision=accept&reason=Fine", lead_csrf), 200);
	CHECK(strstr(body, "Yes, accept the engagement") != NULL);
	CHECK(strstr(body, "sees your organisation") != NULL);
	CHECK(strstr(body, "name=\"confirmed\" value=\"yes\"") != NULL);
	free(body);
	CHECK_STR(acceptance_of(id), "pending");
	/* Without the CSRF token, or with no decision: refused, still pending. */
	free(page(lead_cookie, "POST", fmt("/engagements/%lld/acceptance", id), "decision=accept&confirmed=yes", 403));
	body = page(lead_cookie, "POST", fmt("/engagements/%lld/acceptance", id), fmt("csrf=%s&decision=maybe&confirmed=yes", lead_csrf), 422);
	CHECK(strstr(body, "choose to accept or to decline") != NULL);
	free(body);
	CHECK_STR(acceptance_of(id), "pending");
	/* Confirmed, the decline is recorded with its reason, and shown to the buyer. */
	free(page(lead_cookie, "POST", fmt("/engagements/%lld/acceptance", id),
		  fmt("csrf=%s&decision=decline&reason=Not+this+year&confirmed=yes", lead_csrf), 303));
	CHECK_STR(acceptance_of(id), "declined");
	body = page(os_cookie, "GET", fmt("/engagements/%lld", id), NULL, 200);
	CHECK(strstr(body, "declined this engagement") != NULL);
	CHECK(strstr(body, "Not this year") != NULL);
	free(body);
	/* A second confirmed post is 409, shown on the page. */
	body = page(lead_cookie, "POST", fmt("/engagements/%lld/acceptance", id), fmt("csrf=%s&decision=accept&confirmed=yes", lead_csrf), 409);
	CHECK(strstr(body, "already been accepted or declined") != NULL);
	free(body);
	CHECK_STR(acceptance_of(id), "declined");
}

void acceptance_cases_run(const struct world *w, int *passed, int *failed)
{
	json_t *j;

	W = w;
	j = req(ADMIN, "POST", "/api/v1/orgs", "{\"name\":\"Zq Osprey Foods\",\"kind\":\"buyer\",\"industry\":\"Food\"}", 201);
	OS_ORG = num(j, "id");
	json_decref(j);
	json_decref(req(ADMIN, "POST", fmt("/api/v1/orgs/%lld/users", OS_ORG),
			"{\"email\":\"cm@osprey.example\",\"name\":\"Osprey Manager\",\"roles\":[\"contract_manager\"],\"password\":\"kingfisher-river-stone-7\"}",
			201));
	os_tok = login(w->S, "cm@osprey.example", "kingfisher-river-stone-7");
	if (!os_tok) {
		CHECK(false);
		*passed += harness_passed;
		*failed += harness_failed;
		return;
	}
	RUN(a_pending_engagement_opens_nothing);
	RUN(governance_waits_for_acceptance);
	RUN(only_the_provider_leadership_decides);
	RUN(the_inbox_shows_what_waits);
	RUN(acceptance_opens_and_a_second_decision_is_refused);
	RUN(a_declined_engagement_opens_nothing);
	RUN(the_pages_ask_before_binding);
	free(os_tok);
	*passed += harness_passed;
	*failed += harness_failed;
}
