/* test_api: drives the real accord server over HTTP — log-in, sessions, the permission matrix, tenant isolation, bad input. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../harness.h"
#include "client.h"
#include "world.h"

static struct server S;
static const char *bin;
static char db[256], dir[128];

static const char *const caller_names[CALLERS] = {"admin", "nw_cxo", "nw_cio", "nw_cm", "nw_sm", "nw_member",
						  "ke_lead", "ke_cons", "ke_member", "md_cm", "hb_lead", "lu_lead"};
static char *tok[CALLERS];
static char email[CALLERS][128], password[CALLERS][64];
static long long user_id[CALLERS];
static long long NW, MD, KE, HB, LU, E1, E2, E_MD; /* organisation and engagement ids */
/* Governance items the matrix acts on: a review, actions owned by a member of each side, and a strategic issue of E1; a review of E_MD. */
static long long R1, A_NW_MEMBER, A_KE_MEMBER, I1, R_MD;
static long long O1; /* an obligation Kestrel owes under E1 */
static long long RM1, IT1, BID1, SG1, SUM1, INV_KE, SES1, PB1, PR1; /* + a Northwind summit inviting Kestrel, its session, a problem and Kestrel's response */ /* a Northwind roadmap shared with Kestrel, an open item, Kestrel's bid and suggestion */
/* The practice exchange: a practice Kestrel found on E1 and published, a Kestrel draft, Kestrel's proposal of the first on E_MD. */
static long long P_PUB, P_DRAFT, AD1;

static long long id_of(json_t *list, const char *key, const char *value)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(list, "items"), i, x) if (strcmp(json_string_value(json_object_get(x, key)), value) == 0) return json_integer_value(json_object_get(x, "id"));
	return 0;
}

static int count_items(const char *path, const char *token)
{
	json_t *j = NULL;
	int n = -1;

	if (call_json(&S, "GET", path, token, NULL, &j) == 200)
		n = (int)json_array_size(json_object_get(j, "items"));
	json_decref(j);
	return n;
}

/* ---- set-up: a demo database, the server, log-ins for every caller ---- */

/* The first item's id of a list the caller may read, or 0. */
static long long first_id(const char *path, int who)
{
	json_t *j = NULL;
	long long id = 0;

	if (call_json(&S, "GET", path, tok[who], NULL, &j) == 200)
		id = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	return id;
}

/* A new action on review `review` owned by `owner`, made by E1's contract manager; its id or 0. */
static long long make_action(long long review, int owner)
{
	json_t *j = NULL;
	long long id = 0;

	if (call_json(&S, "POST", fmt("/api/v1/reviews/%lld/actions", review), tok[NW_CM],
		      fmt("{\"title\":\"Matrix action of %s\",\"owner_id\":%lld,\"due_on\":\"2027-01-15\"}",
			  caller_names[owner], user_id[owner]), &j) == 201)
		id = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return id;
}

/* Ids of E1's and E_MD's reviews, actions and issues for the matrix (the actions are made here). */
static int governance_ids(void)
{
	R1 = first_id(fmt("/api/v1/engagements/%lld/reviews?limit=1", E1), NW_CM);
	R_MD = first_id(fmt("/api/v1/engagements/%lld/reviews?limit=1", E_MD), MD_CM);
	I1 = first_id(fmt("/api/v1/engagements/%lld/strategic-issues?limit=1", E1), NW_CM);
	if (!R1 || !R_MD || !I1)
		return -1;
	A_NW_MEMBER = make_action(R1, NW_MEMBER);
	A_KE_MEMBER = make_action(R1, KE_MEMBER);
	{
		json_t *j = NULL;

		if (call_json(&S, "POST", fmt("/api/v1/engagements/%lld/obligations", E1), tok[NW_CM],
			      "{\"title\":\"Matrix obligation\",\"owed_by\":\"provider\",\"due_on\":\"2027-06-30\"}", &j) == 201)
			O1 = json_integer_value(json_object_get(j, "id"));
		json_decref(j);
	}
	return A_NW_MEMBER && A_KE_MEMBER && O1 ? 0 : -1;
}

/* A roadmap of Northwind's first unit, with an item open for bids, shared with Kestrel, which bids and suggests. */
static int roadmap_ids(void)
{
	json_t *j = NULL;
	long long unit;

	call_json(&S, "GET", fmt("/api/v1/orgs/%lld/units", NW), tok[NW_CIO], NULL, &j);
	unit = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	j = NULL;
	if (call_json(&S, "POST", "/api/v1/roadmaps", tok[NW_CIO],
		      fmt("{\"unit_id\":%lld,\"fiscal_year\":2027,\"title\":\"Retail banking 2027\",\"budget\":1000000}", unit), &j) != 201)
		return -1;
	RM1 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	j = NULL;
	if (call_json(&S, "POST", fmt("/api/v1/roadmaps/%lld/items", RM1), tok[NW_CIO],
		      "{\"title\":\"Mobile app rebuild\",\"budget\":600000,\"starts_on\":\"2027-01-01\",\"ends_on\":\"2027-12-31\",\"open_for_bids\":true,\"bid_deadline\":\"2026-12-10\"}", &j) != 201)
		return -1;
	IT1 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	if (call(&S, "POST", fmt("/api/v1/roadmaps/%lld/share", RM1), tok[NW_CIO], fmt("{\"org_ids\":[%lld]}", KE)) != 200)
		return -1;
	j = NULL;
	if (call_json(&S, "POST", fmt("/api/v1/roadmap-items/%lld/bids", IT1), tok[KE_LEAD], "{\"amount\":550000,\"proposal\":\"Native apps\"}", &j) != 201)
		return -1;
	BID1 = json_integer_value(json_object_get(json_array_get(json_object_get(j, "items"), 0), "id"));
	json_decref(j);
	j = NULL;
	if (call_json(&S, "POST", fmt("/api/v1/roadmap-items/%lld/suggestions", IT1), tok[KE_CONS], "{\"body\":\"Phase the rebuild by product\"}", &j) != 201)
		return -1;
	SG1 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	j = NULL;
	if (call_json(&S, "POST", "/api/v1/summits", tok[NW_CM], "{\"kind\":\"buyer-planning\",\"title\":\"Planning summit\",\"starts_on\":\"2027-02-10\"}", &j) != 201)
		return -1;
	SUM1 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	j = NULL;
	if (call_json(&S, "POST", fmt("/api/v1/summits/%lld/invitations", SUM1), tok[NW_CM], fmt("{\"org_ids\":[%lld]}", KE), &j) != 200)
		return -1;
	INV_KE = json_integer_value(json_object_get(json_array_get(json_object_get(j, "invitations"), 0), "id"));
	json_decref(j);
	j = NULL;
	if (call_json(&S, "POST", fmt("/api/v1/summits/%lld/sessions", SUM1), tok[NW_CM], fmt("{\"kind\":\"showcase\",\"title\":\"Cloud\",\"presenter_org_id\":%lld}", KE), &j) != 201)
		return -1;
	SES1 = json_integer_value(json_object_get(json_array_get(json_object_get(j, "sessions"), 0), "id"));
	json_decref(j);
	j = NULL;
	if (call_json(&S, "POST", "/api/v1/problems", tok[NW_CM], fmt("{\"title\":\"Branch costs\",\"summit_id\":%lld}", SUM1), &j) != 201)
		return -1;
	PB1 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	j = NULL;
	if (call_json(&S, "POST", fmt("/api/v1/problems/%lld/responses", PB1), tok[KE_LEAD], "{\"body\":\"Thin clients\"}", &j) != 201)
		return -1;
	PR1 = json_integer_value(json_object_get(json_array_get(json_object_get(j, "responses"), 0), "id"));
	json_decref(j);
	return RM1 && IT1 && BID1 && SG1 && SUM1 && INV_KE && SES1 && PB1 && PR1 ? 0 : -1;
}

/* A published practice of Kestrel found on E1, a draft, and an adoption of the first proposed by Kestrel on Meridian's engagement (a proposal: no buy-in, so nothing counts in trust). */
static int practice_ids(void)
{
	json_t *j = NULL;

	if (call_json(&S, "POST", "/api/v1/practices", tok[KE_LEAD],
		      fmt("{\"title\":\"Matrix practice zqmatrixpub\",\"body\":\"A weekly zqmatrixpub checklist for releases.\",\"tags\":[\"zqmatrix\"],\"origin_engagement_id\":%lld}", E1), &j) != 201)
		return -1;
	P_PUB = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	if (call(&S, "POST", fmt("/api/v1/practices/%lld/publish", P_PUB), tok[KE_LEAD], "{}") != 200)
		return -1;
	j = NULL;
	if (call_json(&S, "POST", "/api/v1/practices", tok[KE_CONS],
		      fmt("{\"title\":\"Matrix draft zqmatrixdraft\",\"body\":\"Not published.\",\"origin_engagement_id\":%lld}", E1), &j) != 201)
		return -1;
	P_DRAFT = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	j = NULL;
	if (call_json(&S, "POST", fmt("/api/v1/practices/%lld/adoptions", P_PUB), tok[KE_LEAD],
		      fmt("{\"engagement_id\":%lld}", E_MD), &j) != 201)
		return -1;
	AD1 = json_integer_value(json_object_get(j, "id"));
	json_decref(j);
	return P_PUB && P_DRAFT && AD1 ? 0 : -1;
}

static int setup(void)
{
	char *out = NULL, *line, *save = NULL;
	json_t *j = NULL;
	int rc;

	snprintf(dir, sizeof dir, "/tmp/accord-api-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	/* ACCORD_TEST_DB names an empty PostgreSQL database to run against (tests/run makes one); else a SQLite file. */
	if (getenv("ACCORD_TEST_DB") && *getenv("ACCORD_TEST_DB"))
		snprintf(db, sizeof db, "%s", getenv("ACCORD_TEST_DB"));
	else
		snprintf(db, sizeof db, "%s/accord.db", dir);
	server_log_dir(dir);
	rc = run_capture(fmt("%s init --db %s 2>/dev/null && ACCORD_TODAY=%s %s demo --db %s", bin, db, TEST_TODAY, bin, db), &out);
	if (rc != 0) {
		fprintf(stderr, "demo failed: %d\n", rc);
		return -1;
	}
	for (line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char role[64], e[128], p[64];
		int who = -1;

		if (sscanf(line, "%63s %127s %63s", role, e, p) != 3)
			continue;
		if (!strcmp(role, "admin")) who = ADMIN;
		else if (!strcmp(role, "buyer_cxo")) who = NW_CXO;
		else if (!strcmp(role, "unit_cio")) who = NW_CIO;
		else if (!strcmp(role, "contract_manager")) who = NW_CM;
		else if (!strcmp(role, "sourcing_manager")) who = NW_SM;
		else if (!strcmp(role, "member") && strstr(e, "northwind")) who = NW_MEMBER;
		else if (!strcmp(role, "member")) who = KE_MEMBER;
		else if (!strcmp(role, "provider_leadership")) who = KE_LEAD;
		else if (!strcmp(role, "provider_consulting")) who = KE_CONS;
		if (who >= 0) {
			snprintf(email[who], sizeof email[who], "%s", e);
			snprintf(password[who], sizeof password[who], "%s", p);
		}
	}
	free(out);
	if (server_start(&S, bin, db, "ACCORD_TODAY=" TEST_TODAY) != 0) {
		fprintf(stderr, "server did not start\n");
		return -1;
	}
	for (int c = 0; c <= KE_MEMBER; c++) {
		tok[c] = login(&S, email[c], password[c]);
		if (!tok[c]) {
			fprintf(stderr, "cannot log in as %s (%s)\n", caller_names[c], email[c]);
			return -1;
		}
	}
	call_json(&S, "GET", "/api/v1/orgs?limit=200", tok[ADMIN], NULL, &j);
	NW = id_of(j, "name", "Northwind Bank");
	MD = id_of(j, "name", "Meridian Retail");
	KE = id_of(j, "name", "Kestrel IT Services");
	HB = id_of(j, "name", "Harbor BPO");
	LU = id_of(j, "name", "Lumen Consulting");
	json_decref(j);
	/* Third tenants: made through the API by the platform admin. */
	{
		struct { int who; long long org; const char *role; } extra[] = {
			{MD_CM, MD, "contract_manager"}, {HB_LEAD, HB, "provider_leadership"}, {LU_LEAD, LU, "provider_leadership"}};
		for (size_t i = 0; i < 3; i++) {
			int w = extra[i].who;

			snprintf(email[w], sizeof email[w], "%s@third.example", caller_names[w]);
			snprintf(password[w], sizeof password[w], "third-tenant-password");
			if (call_json(&S, "POST", fmt("/api/v1/orgs/%lld/users", extra[i].org), tok[ADMIN],
				      fmt("{\"email\":\"%s\",\"name\":\"%s\",\"roles\":[\"%s\"],\"password\":\"%s\"}",
					  email[w], caller_names[w], extra[i].role, password[w]), &j) != 201)
				return -1;
			user_id[w] = json_integer_value(json_object_get(j, "id"));
			json_decref(j);
			tok[w] = login(&S, email[w], password[w]);
			if (!tok[w])
				return -1;
		}
	}
	for (int c = 0; c < CALLERS; c++) {
		call_json(&S, "GET", "/api/v1/me", tok[c], NULL, &j);
		user_id[c] = json_integer_value(json_object_get(j, "id"));
		json_decref(j);
	}
	call_json(&S, "GET", "/api/v1/engagements?limit=200", tok[NW_CM], NULL, &j);
	E1 = id_of(j, "title", "Core banking application maintenance");
	E2 = id_of(j, "title", "Card dispute back-office");
	json_decref(j);
	call_json(&S, "GET", "/api/v1/engagements?limit=200", tok[MD_CM], NULL, &j);
	E_MD = id_of(j, "title", "Store systems support");
	json_decref(j);
	if (!(NW && MD && KE && HB && LU && E1 && E2 && E_MD))
		return -1;
	return governance_ids() || roadmap_ids() || practice_ids();
}

/* ---- the permission matrix: every API route, every caller ---- */

struct matrix_row {
	const char *method;
	const char *pattern; /* as in the route table */
	const char *path;
	const char *body;
	int want[CALLERS];
};

static void test_permission_matrix(void)
{
	const char *bad_user = "{\"email\":\"not-an-email\",\"name\":\"X\",\"roles\":[\"member\"],\"password\":\"long-enough-1\"}";
	const char *bad_engagement = fmt("{\"provider_org_id\":%lld,\"title\":\"T\",\"service_line\":\"IT\",\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\"}", NW);
	/*                       admin nwcxo nwcio nwcm nwsm nwmem kelead kecons kemem mdcm hblead lulead */
	struct matrix_row rows[] = {
		{"GET", "/api/v1/me", "/api/v1/me", NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		/* Anyone signed in may change their own password (security_cases.c); a body without the new one is refused before any check. */
		{"POST", "/api/v1/me/password", "/api/v1/me/password", "{\"current_password\":\"x\"}", {422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422, 422}},
		{"GET", "/api/v1/orgs", "/api/v1/orgs", NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/orgs", "/api/v1/orgs", "{\"name\":\"northwind bank\",\"kind\":\"buyer\"}",
		 {409, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403}},
		{"GET", "/api/v1/orgs/{id}", fmt("/api/v1/orgs/%lld", NW), NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200}},
		{"GET", "/api/v1/orgs/{id}", fmt("/api/v1/orgs/%lld", LU), NULL, {200, 200, 200, 200, 200, 200, 404, 404, 404, 200, 404, 200}},
		{"GET", "/api/v1/orgs/{id}/users", fmt("/api/v1/orgs/%lld/users", NW), NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200}},
		{"GET", "/api/v1/orgs/{id}/users", fmt("/api/v1/orgs/%lld/users", LU), NULL, {200, 200, 200, 200, 200, 200, 404, 404, 404, 404, 404, 200}},
		{"POST", "/api/v1/orgs/{id}/users", fmt("/api/v1/orgs/%lld/users", NW), bad_user,
		 {422, 422, 403, 422, 422, 403, 403, 403, 403, 404, 403, 403}},
		{"POST", "/api/v1/orgs/{id}/users", fmt("/api/v1/orgs/%lld/users", KE), bad_user,
		 {422, 403, 403, 403, 403, 403, 422, 403, 403, 403, 404, 404}},
		/* Changing roles: who manages NW's people reaches the kind check (a provider role in a buyer: 422, nothing written). */
		{"PATCH", "/api/v1/users/{id}", fmt("/api/v1/users/%lld", user_id[NW_MEMBER]), "{\"roles\":[\"provider_leadership\"]}",
		 {422, 422, 403, 422, 422, 403, 403, 403, 403, 404, 403, 403}},
		/* Deactivating (people_cases.c has the rest): nobody themselves (422), not the last CxO (409), not by who may not take its role (403); nothing written. */
		{"POST", "/api/v1/users/{id}/deactivate", fmt("/api/v1/users/%lld/deactivate", user_id[NW_CXO]), NULL,
		 {409, 422, 403, 403, 403, 403, 403, 403, 403, 404, 403, 403}},
		{"POST", "/api/v1/users/{id}/deactivate", fmt("/api/v1/users/%lld/deactivate", user_id[ADMIN]), NULL,
		 {422, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404, 404}},
		{"GET", "/api/v1/orgs/{id}/units", fmt("/api/v1/orgs/%lld/units", NW), NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 200, 200}},
		{"POST", "/api/v1/orgs/{id}/units", fmt("/api/v1/orgs/%lld/units", NW), "{\"name\":\"retail banking\"}",
		 {409, 409, 403, 409, 409, 403, 403, 403, 403, 404, 403, 403}},
		{"GET", "/api/v1/engagements", "/api/v1/engagements", NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/engagements", "/api/v1/engagements", bad_engagement,
		 {403, 403, 403, 422, 422, 403, 403, 403, 403, 422, 403, 403}},
		{"GET", "/api/v1/engagements/{id}", fmt("/api/v1/engagements/%lld", E1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"PATCH", "/api/v1/engagements/{id}", fmt("/api/v1/engagements/%lld", E1), "{\"ends_on\":\"2000-01-01\"}",
		 {404, 403, 403, 422, 422, 403, 403, 403, 403, 404, 404, 404}},
		/* The buyer's contract managers and its CxO decide the mode (issue 18). */
		{"POST", "/api/v1/engagements/{id}/mode", fmt("/api/v1/engagements/%lld/mode", E1), "{\"mode\":\"partnership\"}",
		 {404, 409, 403, 409, 409, 403, 403, 403, 403, 404, 404, 404}},
		/* Only the provider's leadership decides on an engagement; E1 is accepted already (409). acceptance_cases.c has the rest. */
		{"POST", "/api/v1/engagements/{id}/acceptance", fmt("/api/v1/engagements/%lld/acceptance", E1), "{\"accepted\":false}",
		 {404, 403, 403, 403, 403, 403, 409, 403, 403, 404, 404, 404}},
		{"GET", "/api/v1/engagements/{id}", fmt("/api/v1/engagements/%lld", E_MD), NULL, {404, 404, 404, 404, 404, 404, 200, 200, 200, 200, 404, 404}},

		/* Governance of E1 (Northwind buys from Kestrel): only the two organisations see it. Bodies are invalid, so nothing is written. */
		{"GET", "/api/v1/engagements/{id}/mandate", fmt("/api/v1/engagements/%lld/mandate", E1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"PUT", "/api/v1/engagements/{id}/mandate", fmt("/api/v1/engagements/%lld/mandate", E1), "{\"cadence\":\"monthly\",\"required_roles\":[\"buyer_cxo\"]}",
		 {404, 403, 403, 422, 422, 403, 403, 403, 403, 404, 404, 404}},
		{"GET", "/api/v1/engagements/{id}/reviews", fmt("/api/v1/engagements/%lld/reviews", E1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"POST", "/api/v1/engagements/{id}/reviews", fmt("/api/v1/engagements/%lld/reviews", E1), "{\"due_on\":\"next week\"}",
		 {404, 422, 422, 422, 422, 403, 422, 422, 403, 404, 404, 404}},
		{"GET", "/api/v1/engagements/{id}/people", fmt("/api/v1/engagements/%lld/people", E1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"GET", "/api/v1/engagements/{id}/compliance", fmt("/api/v1/engagements/%lld/compliance", E1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"GET", "/api/v1/engagements/{id}/actions", fmt("/api/v1/engagements/%lld/actions", E1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"GET", "/api/v1/engagements/{id}/strategic-issues", fmt("/api/v1/engagements/%lld/strategic-issues", E1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"POST", "/api/v1/engagements/{id}/strategic-issues", fmt("/api/v1/engagements/%lld/strategic-issues", E1), "{\"title\":\"T\",\"kind\":\"rumour\"}",
		 {404, 422, 422, 422, 422, 403, 403, 403, 403, 404, 404, 404}},
		{"GET", "/api/v1/compliance", "/api/v1/compliance", NULL, {403, 200, 403, 200, 200, 403, 200, 403, 403, 200, 200, 200}},
		{"GET", "/api/v1/portfolio", "/api/v1/portfolio", NULL, {403, 200, 403, 200, 200, 403, 200, 403, 403, 200, 200, 200}},

		/* Roadmaps: Northwind's, shared with Kestrel only. Bodies are invalid, so nothing is written. */
		{"GET", "/api/v1/roadmaps", "/api/v1/roadmaps", NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/roadmaps", "/api/v1/roadmaps", "{\"unit_id\":999999,\"fiscal_year\":2027,\"title\":\"T\",\"budget\":1}",
		 {403, 422, 422, 403, 403, 403, 403, 403, 403, 403, 403, 403}},
		{"GET", "/api/v1/roadmaps/{id}", fmt("/api/v1/roadmaps/%lld", RM1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		/* Editing a roadmap: its unit's CIO and CxO (422 here: a budget below its items'); every other tenant 404. */
		{"PATCH", "/api/v1/roadmaps/{id}", fmt("/api/v1/roadmaps/%lld", RM1), "{\"budget\":-1}",
		 {404, 422, 422, 403, 403, 403, 403, 403, 403, 404, 404, 404}},
		{"POST", "/api/v1/roadmaps/{id}/items", fmt("/api/v1/roadmaps/%lld/items", RM1), "{\"title\":\"T\",\"budget\":1,\"starts_on\":\"2027-01-01\",\"ends_on\":\"2026-01-01\"}",
		 {404, 422, 422, 403, 403, 403, 403, 403, 403, 404, 404, 404}},
		{"POST", "/api/v1/roadmaps/{id}/share", fmt("/api/v1/roadmaps/%lld/share", RM1), fmt("{\"org_ids\":[%lld]}", NW),
		 {404, 422, 422, 403, 403, 403, 403, 403, 403, 404, 404, 404}},
		{"GET", "/api/v1/roadmap-items/{id}", fmt("/api/v1/roadmap-items/%lld", IT1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"PATCH", "/api/v1/roadmap-items/{id}", fmt("/api/v1/roadmap-items/%lld", IT1), "{\"status\":\"awarded\"}",
		 {404, 422, 422, 403, 403, 403, 403, 403, 403, 404, 404, 404}},
		/* The buyer cannot open the bids before the deadline (409); a provider sees its own. */
		{"GET", "/api/v1/roadmap-items/{id}/bids", fmt("/api/v1/roadmap-items/%lld/bids", IT1), NULL, {404, 409, 409, 409, 409, 409, 200, 200, 200, 404, 404, 404}},
		{"POST", "/api/v1/roadmap-items/{id}/bids", fmt("/api/v1/roadmap-items/%lld/bids", IT1), "{\"amount\":-1}",
		 {404, 403, 403, 403, 403, 403, 422, 422, 403, 404, 404, 404}},
		/* Before the deadline an award is sealed (409) whatever bid it names, real or not. */
		{"POST", "/api/v1/roadmap-items/{id}/award", fmt("/api/v1/roadmap-items/%lld/award", IT1), "{\"bid_id\":999999,\"rationale\":\"Best value\"}",
		 {404, 409, 409, 409, 409, 403, 403, 403, 403, 404, 404, 404}},
		{"GET", "/api/v1/roadmap-items/{id}/suggestions", fmt("/api/v1/roadmap-items/%lld/suggestions", IT1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"POST", "/api/v1/roadmap-items/{id}/suggestions", fmt("/api/v1/roadmap-items/%lld/suggestions", IT1), "{\"body\":\" \"}",
		 {404, 403, 403, 403, 403, 403, 422, 422, 403, 404, 404, 404}},
		/* Before the deadline a bid is not there for the buyer (404, as an unknown id), only for its bidder. */
		{"PATCH", "/api/v1/bids/{id}", fmt("/api/v1/bids/%lld", BID1), "{\"status\":\"won\"}",
		 {404, 404, 404, 404, 404, 404, 422, 422, 403, 404, 404, 404}},
		{"PATCH", "/api/v1/suggestions/{id}", fmt("/api/v1/suggestions/%lld", SG1), "{\"status\":\"maybe\"}",
		 {404, 422, 422, 422, 422, 403, 403, 403, 403, 404, 404, 404}},

		/* Summits: Northwind's, inviting Kestrel only; problems addressed to its invitees. */
		{"GET", "/api/v1/summits", "/api/v1/summits", NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/summits", "/api/v1/summits", "{\"kind\":\"gala\",\"title\":\"T\",\"starts_on\":\"2027-01-01\"}",
		 {403, 422, 422, 422, 422, 403, 422, 403, 403, 422, 422, 422}},
		{"GET", "/api/v1/summits/{id}", fmt("/api/v1/summits/%lld", SUM1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"POST", "/api/v1/summits/{id}/invitations", fmt("/api/v1/summits/%lld/invitations", SUM1), "{\"all\":\"customers\"}",
		 {404, 422, 422, 422, 422, 403, 403, 403, 403, 404, 404, 404}},
		{"POST", "/api/v1/summits/{id}/sessions", fmt("/api/v1/summits/%lld/sessions", SUM1), "{\"kind\":\"dance\",\"title\":\"T\",\"presenter_org_id\":1}",
		 {404, 422, 422, 422, 422, 403, 403, 403, 403, 404, 404, 404}},
		{"PATCH", "/api/v1/invitations/{id}", fmt("/api/v1/invitations/%lld", INV_KE), "{\"status\":\"maybe\"}",
		 {404, 422, 422, 422, 422, 403, 422, 422, 403, 404, 404, 404}},
		/* Only the presenter (Kestrel's leadership and consultants) links a practice to its session. */
		{"PATCH", "/api/v1/sessions/{id}", fmt("/api/v1/sessions/%lld", SES1), "{\"practice_id\":\"x\"}",
		 {404, 403, 403, 403, 403, 403, 422, 422, 403, 404, 404, 404}},
		{"POST", "/api/v1/sessions/{id}/ratings", fmt("/api/v1/sessions/%lld/ratings", SES1), "{\"rating\":9}",
		 {404, 403, 403, 403, 403, 403, 422, 422, 422, 404, 404, 404}},
		{"GET", "/api/v1/prospects", "/api/v1/prospects", NULL, {403, 403, 403, 403, 403, 403, 200, 200, 403, 403, 200, 200}},
		{"POST", "/api/v1/prospects", "/api/v1/prospects", fmt("{\"org_id\":%lld}", KE),
		 {403, 403, 403, 403, 403, 403, 422, 403, 403, 403, 422, 422}},
		{"GET", "/api/v1/problems", "/api/v1/problems", NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/problems", "/api/v1/problems", "{\"title\":\"T\"}",
		 {403, 422, 422, 422, 422, 403, 403, 403, 403, 422, 403, 403}},
		{"GET", "/api/v1/problems/{id}", fmt("/api/v1/problems/%lld", PB1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"POST", "/api/v1/problems/{id}/responses", fmt("/api/v1/problems/%lld/responses", PB1), "{\"body\":\" \"}",
		 {404, 403, 403, 403, 403, 403, 422, 422, 403, 404, 404, 404}},
		{"PATCH", "/api/v1/problem-responses/{id}", fmt("/api/v1/problem-responses/%lld", PR1), "{\"status\":\"great\"}",
		 {404, 422, 422, 422, 422, 403, 403, 403, 403, 404, 404, 404}},

		/* The practice exchange (docs/practices.md): P_PUB is Kestrel's, found on E1 (Northwind, the origin) and published, so
		 * Kestrel's customers see it (Meridian too) and nobody else; P_DRAFT only Kestrel; AD1 is Kestrel's proposal on E_MD.
		 * Bodies are invalid, so nothing is written. */
		{"GET", "/api/v1/orgs/{id}/confidential-terms", fmt("/api/v1/orgs/%lld/confidential-terms", NW), NULL,
		 {404, 200, 200, 200, 200, 403, 404, 404, 404, 404, 404, 404}},
		{"PUT", "/api/v1/orgs/{id}/confidential-terms", fmt("/api/v1/orgs/%lld/confidential-terms", NW), "{\"terms\":\"not a list\"}",
		 {404, 422, 403, 422, 422, 403, 404, 404, 404, 404, 404, 404}},
		{"GET", "/api/v1/orgs/{id}/confidential-terms", fmt("/api/v1/orgs/%lld/confidential-terms", KE), NULL,
		 {404, 404, 404, 404, 404, 404, 403, 403, 403, 404, 404, 404}},
		{"GET", "/api/v1/practices", "/api/v1/practices", NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"POST", "/api/v1/practices", "/api/v1/practices", fmt("{\"title\":\"T\",\"body\":\"B\",\"origin_engagement_id\":%lld,\"service_line\":\"HR\"}", E1),
		 {403, 403, 403, 403, 403, 403, 422, 422, 403, 403, 422, 422}},
		{"GET", "/api/v1/practices/{id}", fmt("/api/v1/practices/%lld", P_PUB), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404}},
		{"GET", "/api/v1/practices/{id}", fmt("/api/v1/practices/%lld", P_DRAFT), NULL, {404, 404, 404, 404, 404, 404, 200, 200, 200, 404, 404, 404}},
		{"PATCH", "/api/v1/practices/{id}", fmt("/api/v1/practices/%lld", P_PUB), "{\"service_line\":\"HR\"}",
		 {404, 403, 403, 403, 403, 403, 422, 422, 403, 403, 404, 404}},
		{"PATCH", "/api/v1/practices/{id}", fmt("/api/v1/practices/%lld", P_DRAFT), "{\"tags\":\"x\"}",
		 {404, 404, 404, 404, 404, 404, 422, 422, 403, 404, 404, 404}},
		{"GET", "/api/v1/practices/{id}/revisions", fmt("/api/v1/practices/%lld/revisions", P_PUB), NULL,
		 {404, 404, 404, 404, 404, 404, 200, 200, 200, 404, 404, 404}},
		{"POST", "/api/v1/practices/{id}/publish", fmt("/api/v1/practices/%lld/publish", P_PUB), "{\"request_approval\":\"yes\"}",
		 {404, 403, 403, 403, 403, 403, 422, 422, 403, 403, 404, 404}},
		{"POST", "/api/v1/practices/{id}/approval", fmt("/api/v1/practices/%lld/approval", P_PUB), "{\"revision\":1,\"decision\":\"maybe\"}",
		 {404, 403, 403, 422, 403, 403, 403, 403, 403, 403, 404, 404}},
		{"POST", "/api/v1/practices/{id}/approval", fmt("/api/v1/practices/%lld/approval", P_DRAFT), "{\"revision\":1,\"decision\":\"maybe\"}",
		 {404, 404, 404, 404, 404, 404, 403, 403, 403, 404, 404, 404}},
		{"POST", "/api/v1/practices/{id}/retire", fmt("/api/v1/practices/%lld/retire", P_PUB), "{\"reason\":\"x\"}",
		 {404, 403, 403, 403, 403, 403, 422, 422, 403, 403, 404, 404}},
		{"GET", "/api/v1/practices/{id}/adoptions", fmt("/api/v1/practices/%lld/adoptions", P_PUB), NULL,
		 {404, 200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404}},
		{"POST", "/api/v1/practices/{id}/adoptions", fmt("/api/v1/practices/%lld/adoptions", P_PUB), "{\"engagement_id\":\"x\"}",
		 {404, 422, 422, 422, 422, 422, 422, 422, 403, 422, 404, 404}},
		{"POST", "/api/v1/practices/{id}/adoptions", fmt("/api/v1/practices/%lld/adoptions", P_DRAFT), "{\"engagement_id\":\"x\"}",
		 {404, 404, 404, 404, 404, 404, 422, 422, 403, 404, 404, 404}},
		{"GET", "/api/v1/adoptions/{id}", fmt("/api/v1/adoptions/%lld", AD1), NULL, {404, 404, 404, 404, 404, 404, 200, 200, 200, 200, 404, 404}},
		{"PATCH", "/api/v1/adoptions/{id}", fmt("/api/v1/adoptions/%lld", AD1), "{\"status\":\"done\"}",
		 {404, 404, 404, 404, 404, 404, 422, 422, 403, 422, 404, 404}},
		{"GET", "/api/v1/engagements/{id}/adoptions", fmt("/api/v1/engagements/%lld/adoptions", E1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"GET", "/api/v1/engagements/{id}/adoptions", fmt("/api/v1/engagements/%lld/adoptions", E_MD), NULL, {404, 404, 404, 404, 404, 404, 200, 200, 200, 200, 404, 404}},
		{"GET", "/api/v1/knowledge", "/api/v1/knowledge", NULL, {403, 403, 403, 403, 403, 403, 200, 200, 403, 403, 200, 200}},
		{"GET", "/api/v1/audit", "/api/v1/audit", NULL, {200, 200, 403, 200, 403, 403, 200, 403, 403, 200, 200, 200}},
		/* Obligations (obligation_cases.c): both sides read; the buyer's contract and sourcing managers record; they and the provider's leadership decide. */
		{"GET", "/api/v1/engagements/{id}/obligations", fmt("/api/v1/engagements/%lld/obligations", E1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"GET", "/api/v1/engagements/{id}/obligations", fmt("/api/v1/engagements/%lld/obligations", E_MD), NULL, {404, 404, 404, 404, 404, 404, 200, 200, 200, 200, 404, 404}},
		{"POST", "/api/v1/engagements/{id}/obligations", fmt("/api/v1/engagements/%lld/obligations", E1), "{\"title\":\"T\",\"owed_by\":\"nobody\",\"due_on\":\"2026-12-01\"}",
		 {404, 403, 403, 422, 422, 403, 403, 403, 403, 404, 404, 404}},
		{"GET", "/api/v1/obligations/{id}", fmt("/api/v1/obligations/%lld", O1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"PATCH", "/api/v1/obligations/{id}", fmt("/api/v1/obligations/%lld", O1), "{\"status\":\"done\"}",
		 {404, 403, 403, 422, 422, 403, 422, 403, 403, 404, 404, 404}},

		{"GET", "/api/v1/engagements/{id}/trust", fmt("/api/v1/engagements/%lld/trust", E1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"GET", "/api/v1/engagements/{id}/surveys", fmt("/api/v1/engagements/%lld/surveys", E1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"POST", "/api/v1/engagements/{id}/surveys", fmt("/api/v1/engagements/%lld/surveys", E1), "{\"period\":1,\"answers\":{\"trust\":9,\"communication\":3,\"value\":3,\"innovation\":3,\"responsiveness\":3}}",
		 {404, 422, 422, 422, 422, 403, 422, 422, 403, 404, 404, 404}},
		{"GET", "/api/v1/reviews/{id}", fmt("/api/v1/reviews/%lld", R1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"PATCH", "/api/v1/reviews/{id}", fmt("/api/v1/reviews/%lld", R1), "{\"status\":\"done\"}",
		 {404, 422, 422, 422, 422, 403, 422, 422, 403, 404, 404, 404}},
		{"PUT", "/api/v1/reviews/{id}/attendance", fmt("/api/v1/reviews/%lld/attendance", R1), "{\"attendees\":[{\"user_id\":\"x\"}]}",
		 {404, 422, 422, 422, 422, 403, 422, 422, 403, 404, 404, 404}},
		{"GET", "/api/v1/reviews/{id}/actions", fmt("/api/v1/reviews/%lld/actions", R1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"POST", "/api/v1/reviews/{id}/actions", fmt("/api/v1/reviews/%lld/actions", R1), fmt("{\"title\":\"T\",\"owner_id\":%lld,\"due_on\":\"soon\"}", user_id[NW_CM]),
		 {404, 422, 422, 422, 422, 403, 422, 422, 403, 404, 404, 404}},
		{"GET", "/api/v1/actions/{id}", fmt("/api/v1/actions/%lld", A_NW_MEMBER), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		/* The owner may update an action even as a plain member; the other side's member may not. */
		{"PATCH", "/api/v1/actions/{id}", fmt("/api/v1/actions/%lld", A_NW_MEMBER), "{\"status\":\"finished\"}",
		 {404, 422, 422, 422, 422, 422, 422, 422, 403, 404, 404, 404}},
		{"PATCH", "/api/v1/actions/{id}", fmt("/api/v1/actions/%lld", A_KE_MEMBER), "{\"status\":\"finished\"}",
		 {404, 422, 422, 422, 422, 403, 422, 422, 422, 404, 404, 404}},
		{"GET", "/api/v1/strategic-issues/{id}", fmt("/api/v1/strategic-issues/%lld", I1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"PATCH", "/api/v1/strategic-issues/{id}", fmt("/api/v1/strategic-issues/%lld", I1), "{\"status\":\"resolved\"}",
		 {404, 422, 422, 422, 422, 403, 403, 403, 403, 404, 404, 404}},
		{"POST", "/api/v1/strategic-issues/{id}/responses", fmt("/api/v1/strategic-issues/%lld/responses", I1), "{\"body\":5}",
		 {404, 403, 403, 403, 403, 403, 422, 422, 403, 404, 404, 404}},
		/* The conversations (threads_cases.c): both sides' governance roles reply; a problem response's thread is its buyer's and its author's only. */
		{"GET", "/api/v1/strategic-issues/{id}/replies", fmt("/api/v1/strategic-issues/%lld/replies", I1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"POST", "/api/v1/strategic-issues/{id}/replies", fmt("/api/v1/strategic-issues/%lld/replies", I1), "{\"body\":5}",
		 {404, 422, 422, 422, 422, 403, 422, 422, 403, 404, 404, 404}},
		{"GET", "/api/v1/problem-responses/{id}/replies", fmt("/api/v1/problem-responses/%lld/replies", PR1), NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"POST", "/api/v1/problem-responses/{id}/replies", fmt("/api/v1/problem-responses/%lld/replies", PR1), "{\"body\":5}",
		 {404, 422, 422, 422, 422, 403, 422, 422, 403, 404, 404, 404}},
		{"GET", "/api/v1/me/actions", "/api/v1/me/actions", NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/inbox", "/api/v1/inbox", NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", "/api/v1/search", "/api/v1/search?q=review", NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		/* Meridian's engagement with Kestrel: Northwind and Harbor see none of its reviews. */
		{"GET", "/api/v1/engagements/{id}/reviews", fmt("/api/v1/engagements/%lld/reviews", E_MD), NULL, {404, 404, 404, 404, 404, 404, 200, 200, 200, 200, 404, 404}},
		{"GET", "/api/v1/reviews/{id}", fmt("/api/v1/reviews/%lld", R_MD), NULL, {404, 404, 404, 404, 404, 404, 200, 200, 200, 200, 404, 404}},
		{"PATCH", "/api/v1/reviews/{id}", fmt("/api/v1/reviews/%lld", R_MD), "{\"status\":\"done\"}",
		 {404, 404, 404, 404, 404, 404, 422, 422, 403, 422, 404, 404}},
	};
	/* Routes checked by their own tests rather than by the matrix (rotating the feed is a write no body can refuse). */
	const char *covered_elsewhere[] = {"GET /healthz", "POST /api/v1/login", "POST /api/v1/logout", "POST /api/v1/me/calendar",
					   /* KPIs and their measurements: kpi_cases.c has their matrix, on an engagement of its own. */
					   "GET /api/v1/kpi-templates", "GET /api/v1/engagements/{id}/kpis", "POST /api/v1/engagements/{id}/kpis",
					   "POST /api/v1/engagements/{id}/measurements", "GET /api/v1/kpis/{id}", "PATCH /api/v1/kpis/{id}",
					   "GET /api/v1/kpis/{id}/measurements", "PUT /api/v1/kpis/{id}/measurements/{period}",
					   "GET /api/v1/measurements/{id}", "POST /api/v1/measurements/{id}/dispute",
					   "POST /api/v1/measurements/{id}/answer",
					   /* Scorecards and credits: scorecard_cases.c has their matrix, on an engagement of its own. */
					   "GET /api/v1/engagements/{id}/scorecard", "GET /api/v1/engagements/{id}/credits", "PATCH /api/v1/credits/{id}",
					   "GET /api/v1/scorecard", NULL};
	char *routes = NULL, *line, *save = NULL;

	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		for (int c = 0; c < CALLERS; c++) {
			long got = call(&S, rows[r].method, rows[r].path, tok[c], rows[r].body);

			if (got != rows[r].want[c]) {
				harness_case_failed = 1;
				fprintf(stderr, "FAIL matrix: %s %s as %s: got %ld, want %d\n", rows[r].method,
					rows[r].path, caller_names[c], got, rows[r].want[c]);
			}
		}
		/* Without a token every API route but the public ones answers 401. */
		CHECK_INT(call(&S, rows[r].method, rows[r].path, NULL, rows[r].body), 401);
	}
	/* Every API route in the route table is in the matrix or has its own test. */
	CHECK_INT(run_capture(fmt("%s routes", bin), &routes), 0);
	for (line = strtok_r(routes, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char method[16], pattern[256];
		int found = 0;

		if (sscanf(line, "%15s %255s", method, pattern) != 2 || strncmp(pattern, "/api/", 5) != 0)
			continue;
		for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
			found |= !strcmp(rows[r].method, method) && !strcmp(rows[r].pattern, pattern);
		for (size_t k = 0; covered_elsewhere[k]; k++)
			found |= !strcmp(covered_elsewhere[k], fmt("%s %s", method, pattern));
		if (!found) {
			harness_case_failed = 1;
			fprintf(stderr, "FAIL matrix: route %s %s is not covered\n", method, pattern);
		}
	}
	free(routes);
}

/* Every page and form of reviews, trust, roadmaps, summits and problems: another tenant gets 404 before anything is read. */
static void test_pages_other_tenants(void)
{
	const char *gets[] = {fmt("/engagements/%lld/trust", E1), fmt("/engagements/%lld/report", E1), fmt("/reviews/%lld", R1),
			      fmt("/issues/%lld", I1), fmt("/roadmaps/%lld", RM1), fmt("/roadmap-items/%lld", IT1),
			      fmt("/summits/%lld", SUM1), fmt("/problems/%lld", PB1), fmt("/engagements/%lld/obligations", E1)};
	const char *posts[] = {fmt("/engagements/%lld/mandate", E1), fmt("/engagements/%lld/reviews", E1),
			       fmt("/engagements/%lld/issues", E1), fmt("/engagements/%lld/surveys", E1), fmt("/reviews/%lld", R1),
			       fmt("/reviews/%lld/attendance", R1), fmt("/reviews/%lld/actions", R1), fmt("/actions/%lld", A_NW_MEMBER),
			       fmt("/issues/%lld", I1), fmt("/issues/%lld/responses", I1), fmt("/roadmaps/%lld/items", RM1),
			       fmt("/roadmap-items/%lld/bids", IT1), fmt("/roadmap-items/%lld/award", IT1),
			       fmt("/roadmap-items/%lld/suggestions", IT1), fmt("/roadmap-items/%lld/status", IT1),
			       fmt("/suggestions/%lld", SG1), fmt("/summits/%lld/invitations", SUM1), fmt("/summits/%lld/sessions", SUM1),
			       fmt("/problems/%lld/responses", PB1), fmt("/problem-responses/%lld", PR1),
			       fmt("/engagements/%lld/obligations", E1), fmt("/obligations/%lld", O1)};
	struct resp r;

	for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++) {
		CHECK_INT(call(&S, "GET", gets[i], tok[MD_CM], NULL), 404);
		CHECK_INT(call(&S, "GET", gets[i], tok[ADMIN], NULL), 404);
		CHECK_INT(call(&S, "GET", gets[i], tok[NW_CM], NULL), 200);
	}
	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
		http(&S, "POST", posts[i], tok[MD_CM], "csrf=x", "application/x-www-form-urlencoded", NULL, &r);
		if (r.status != 404)
			fprintf(stderr, "  POST %s as md_cm: %ld\n", posts[i], r.status);
		CHECK_INT(r.status, 404);
		CHECK(!r.body || (!strstr(r.body, "Northwind") && !strstr(r.body, "Kestrel")));
		resp_free(&r);
	}
	/* The practice exchange: a draft is its provider's alone; a published practice is no other provider's; an adoption is its engagement's. */
	{
		const char *practice_posts[] = {fmt("/practices/%lld", P_DRAFT), fmt("/practices/%lld/publish", P_DRAFT),
						fmt("/practices/%lld/approval", P_DRAFT), fmt("/practices/%lld/retire", P_DRAFT),
						fmt("/practices/%lld/adoptions", P_DRAFT), fmt("/adoptions/%lld", AD1)};
		int outsiders[] = {NW_CM, HB_LEAD, ADMIN};

		CHECK_INT(call(&S, "GET", fmt("/practices/%lld", P_DRAFT), tok[KE_CONS], NULL), 200);
		CHECK_INT(call(&S, "GET", fmt("/practices/%lld", P_PUB), tok[MD_CM], NULL), 200);
		for (size_t k = 0; k < sizeof outsiders / sizeof outsiders[0]; k++) {
			http(&S, "GET", fmt("/practices/%lld", P_DRAFT), tok[outsiders[k]], NULL, NULL, NULL, &r);
			CHECK_INT(r.status, 404);
			CHECK(!r.body || !strstr(r.body, "zqmatrix"));
			resp_free(&r);
			CHECK_INT(call(&S, "GET", fmt("/practices/%lld", P_PUB), tok[outsiders[k] == NW_CM ? LU_LEAD : outsiders[k]], NULL), 404);
			for (size_t i = 0; i < sizeof practice_posts / sizeof practice_posts[0]; i++) {
				/* The adoption is Meridian's and Kestrel's: Northwind, Harbor and the admin are all outsiders to it. */
				http(&S, "POST", practice_posts[i], tok[outsiders[k]], "csrf=x", "application/x-www-form-urlencoded", NULL, &r);
				if (r.status != 404)
					fprintf(stderr, "  POST %s as %s: %ld\n", practice_posts[i], caller_names[outsiders[k]], r.status);
				CHECK_INT(r.status, 404);
				CHECK(!r.body || !strstr(r.body, "zqmatrix"));
				resp_free(&r);
			}
		}
		/* Seen but not theirs to change: a customer may not edit, publish or retire; a member of the provider may not either. */
		http(&S, "POST", fmt("/practices/%lld", P_PUB), tok[MD_CM], "csrf=x&title=Mine", "application/x-www-form-urlencoded", NULL, &r);
		CHECK_INT(r.status, 403);
		resp_free(&r);
		http(&S, "POST", fmt("/practices/%lld/publish", P_DRAFT), tok[KE_MEMBER], "csrf=x", "application/x-www-form-urlencoded", NULL, &r);
		CHECK_INT(r.status, 403);
		resp_free(&r);
		http(&S, "POST", fmt("/practices/%lld/approval", P_PUB), tok[NW_SM], "csrf=x&revision=1&decision=approve", "application/x-www-form-urlencoded", NULL, &r);
		CHECK_INT(r.status, 403);
		resp_free(&r);
		CHECK_INT(call(&S, "GET", "/knowledge", tok[NW_CM], NULL), 403);
		CHECK_INT(call(&S, "GET", "/knowledge", tok[KE_LEAD], NULL), 200);
		http(&S, "POST", fmt("/orgs/%lld/confidential-terms", NW), tok[MD_CM], "csrf=x&terms=x", "application/x-www-form-urlencoded", NULL, &r);
		CHECK_INT(r.status, 404);
		resp_free(&r);
		http(&S, "POST", fmt("/orgs/%lld/confidential-terms", NW), tok[NW_MEMBER], "csrf=x&terms=x", "application/x-www-form-urlencoded", NULL, &r);
		CHECK_INT(r.status, 403);
		resp_free(&r);
	}
	/* Visible but not allowed: 403, and a form without a valid token changes nothing either way. */
	http(&S, "POST", fmt("/roadmap-items/%lld/award", IT1), tok[KE_LEAD], "csrf=x&bid_id=1", "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
	http(&S, "POST", fmt("/roadmap-items/%lld/bids", IT1), tok[KE_LEAD], "csrf=forged&amount=1", "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
}

/* ---- log-in and sessions ---- */

static void test_health(void)
{
	json_t *j = NULL;

	CHECK_INT(call_json(&S, "GET", "/healthz", NULL, NULL, &j), 200);
	CHECK(json_is_true(json_object_get(j, "ok")));
	json_decref(j);
}

static void test_login_and_me(void)
{
	json_t *j = NULL;
	struct resp r;

	CHECK_INT(call_json(&S, "POST", "/api/v1/login", NULL,
			    fmt("{\"email\":\"%s\",\"password\":\"wrong password\"}", email[NW_MEMBER]), &j), 401);
	CHECK_STR(error_code(j), "unauthorized");
	json_decref(j);
	CHECK_INT(call(&S, "POST", "/api/v1/login", NULL, "{\"email\":\"nobody@nowhere.example\",\"password\":\"whatever-it-is\"}"), 401);
	CHECK_INT(call(&S, "POST", "/api/v1/login", NULL, "{\"email\":\"x@y.example\"}"), 422);
	CHECK_INT(call(&S, "GET", "/api/v1/me", NULL, NULL), 401);
	CHECK_INT(call(&S, "GET", "/api/v1/me", "not-a-real-token", NULL), 401);
	CHECK_INT(call(&S, "GET", "/api/v1/me", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL), 401);
	/* E-mail addresses are matched without regard to case. */
	{
		char upper[128];
		char *t;

		snprintf(upper, sizeof upper, "%s", email[NW_CXO]);
		for (char *p = upper; *p; p++)
			if (*p >= 'a' && *p <= 'z')
				*p = (char)(*p - 32);
		t = login(&S, upper, password[NW_CXO]);
		CHECK(t != NULL);
		free(t);
	}
	CHECK_INT(call_json(&S, "GET", "/api/v1/me", tok[NW_CM], NULL, &j), 200);
	CHECK_STR(json_string_value(json_object_get(j, "email")), email[NW_CM]);
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "org"), "kind")), "buyer");
	CHECK_INT(json_integer_value(json_object_get(json_object_get(j, "org"), "id")), NW);
	CHECK_STR(json_string_value(json_array_get(json_object_get(j, "roles"), 0)), "contract_manager");
	/* The feed address is absolute, so a calendar app can subscribe to it as it is. */
	CHECK(strncmp(json_string_value(json_object_get(j, "calendar_url")) ?: "", fmt("%s/calendar/", S.base), strlen(S.base) + 10) == 0);
	json_decref(j);
	/* Security headers on every answer. */
	http(&S, "GET", "/api/v1/me", tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK_STR(r.nosniff, "nosniff");
	CHECK(strncmp(r.content_type, "application/json", 16) == 0);
	resp_free(&r);
}

static void test_logout(void)
{
	char *t = login(&S, email[KE_CONS], password[KE_CONS]);

	CHECK(t != NULL);
	CHECK_INT(call(&S, "GET", "/api/v1/me", t, NULL), 200);
	CHECK_INT(call(&S, "POST", "/api/v1/logout", t, NULL), 200);
	CHECK_INT(call(&S, "GET", "/api/v1/me", t, NULL), 401);
	CHECK_INT(call(&S, "POST", "/api/v1/logout", NULL, NULL), 401);
	/* The caller's other session is untouched. */
	CHECK_INT(call(&S, "GET", "/api/v1/me", tok[KE_CONS], NULL), 200);
	free(t);
}

static void test_throttle(void)
{
	const char *e = "throttled@northwind.example";
	struct resp r;
	char *t;

	CHECK_INT(call(&S, "POST", fmt("/api/v1/orgs/%lld/users", NW), tok[NW_CM],
		       fmt("{\"email\":\"%s\",\"name\":\"Throttle Test\",\"roles\":[\"member\"],\"password\":\"right-password-1\"}", e)), 201);
	for (int i = 0; i < 5; i++)
		CHECK_INT(call(&S, "POST", "/api/v1/login", NULL, fmt("{\"email\":\"%s\",\"password\":\"wrong-%d\"}", e, i)), 401);
	/* The sixth attempt comes too soon, even with the right password. */
	http(&S, "POST", "/api/v1/login", NULL, fmt("{\"email\":\"%s\",\"password\":\"right-password-1\"}", e), NULL, NULL, &r);
	CHECK_INT(r.status, 429);
	CHECK(strtol(r.retry_after, NULL, 10) >= 1);
	resp_free(&r);
	/* Other accounts are not slowed. */
	t = login(&S, email[NW_SM], password[NW_SM]);
	CHECK(t != NULL);
	free(t);
	sleep(3);
	t = login(&S, e, "right-password-1");
	CHECK(t != NULL);
	free(t);
}

static void test_sessions_across_servers_and_expiry(void)
{
	struct server b, c;
	char *t;

	/* Sessions live in the database: a log-in through one server is valid on another. */
	CHECK_INT(server_start(&b, bin, db, NULL), 0);
	CHECK_INT(call(&b, "GET", "/api/v1/me", tok[NW_CM], NULL), 200);
	t = login(&b, email[KE_LEAD], password[KE_LEAD]);
	CHECK(t != NULL);
	CHECK_INT(call(&S, "GET", "/api/v1/me", t, NULL), 200);
	free(t);
	CHECK_INT(server_stop(&b), 0);
	/* A session past its expiry answers 401. */
	CHECK_INT(server_start(&c, bin, db, "ACCORD_SESSION_TTL=4"), 0);
	t = login(&c, email[NW_MEMBER], password[NW_MEMBER]);
	CHECK(t != NULL);
	CHECK_INT(call(&S, "GET", "/api/v1/me", t, NULL), 200);
	sleep(5);
	CHECK_INT(call(&S, "GET", "/api/v1/me", t, NULL), 401);
	CHECK_INT(call(&c, "GET", "/api/v1/me", t, NULL), 401);
	free(t);
	CHECK_INT(server_stop(&c), 0);
}

/* ---- engagements ---- */

static void test_engagement_lifecycle(void)
{
	json_t *j = NULL;
	long long id;

	CHECK_INT(call_json(&S, "POST", "/api/v1/engagements", tok[NW_SM],
			    fmt("{\"provider_org_id\":%lld,\"title\":\"Data platform build\",\"service_line\":\"IT\",\"starts_on\":\"2026-03-31\",\"ends_on\":\"2028-03-30\"}", LU), &j), 201);
	id = json_integer_value(json_object_get(j, "id"));
	CHECK(id > 0);
	CHECK_INT(json_integer_value(json_object_get(j, "buyer_org_id")), NW);
	CHECK_INT(json_integer_value(json_object_get(j, "provider_org_id")), LU);
	CHECK_STR(json_string_value(json_object_get(j, "mode")), "vendor");
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "governance"), "strategic")), "buyer");
	/* A new engagement waits for the provider's acceptance (acceptance_cases.c). */
	CHECK_STR(json_string_value(json_object_get(j, "acceptance")), "pending");
	CHECK(json_is_null(json_object_get(j, "acceptance_decision")));
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "governance"), "tactical")), "buyer");
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "governance"), "operations")), "provider");
	CHECK_INT(json_integer_value(json_object_get(j, "contract_manager_id")), user_id[NW_SM]);
	CHECK(json_object_get(j, "trust") != NULL);
	json_decref(j);

	/* The provider sees it; the other providers and buyers do not. */
	CHECK_INT(call(&S, "GET", fmt("/api/v1/engagements/%lld", id), tok[LU_LEAD], NULL), 200);
	CHECK_INT(call(&S, "GET", fmt("/api/v1/engagements/%lld", id), tok[KE_LEAD], NULL), 404);
	CHECK_INT(call(&S, "GET", fmt("/api/v1/engagements/%lld", id), tok[MD_CM], NULL), 404);

	/* Editing: the governance split and the contract manager. */
	CHECK_INT(call_json(&S, "PATCH", fmt("/api/v1/engagements/%lld", id), tok[NW_CM],
			    fmt("{\"governance\":{\"strategic\":\"joint\"},\"contract_manager_id\":%lld}", user_id[NW_CM]), &j), 200);
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "governance"), "strategic")), "joint");
	CHECK_STR(json_string_value(json_object_get(json_object_get(j, "governance"), "operations")), "provider");
	CHECK_INT(json_integer_value(json_object_get(j, "contract_manager_id")), user_id[NW_CM]);
	json_decref(j);
	CHECK_INT(call_json(&S, "PATCH", fmt("/api/v1/engagements/%lld", id), tok[NW_CM],
			    fmt("{\"contract_manager_id\":%lld}", user_id[NW_CIO]), &j), 422);
	CHECK_STR(error_field(j), "contract_manager_id");
	json_decref(j);
	CHECK_INT(call_json(&S, "PATCH", fmt("/api/v1/engagements/%lld", id), tok[NW_CM],
			    fmt("{\"provider_org_id\":%lld}", KE), &j), 422);
	CHECK_STR(error_field(j), "provider_org_id");
	json_decref(j);

	/* Mode changes wait for the provider's acceptance, then are kept as history. */
	CHECK_INT(call(&S, "POST", fmt("/api/v1/engagements/%lld/mode", id), tok[NW_CM], "{\"mode\":\"partnership\",\"reason\":\"x\"}"), 409);
	CHECK_INT(call(&S, "POST", fmt("/api/v1/engagements/%lld/acceptance", id), tok[LU_LEAD], "{\"accepted\":true}"), 200);
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/engagements/%lld/mode", id), tok[NW_CM],
			    "{\"mode\":\"partnership\",\"reason\":\"trust established\"}", &j), 200);
	CHECK_STR(json_string_value(json_object_get(j, "mode")), "partnership");
	CHECK_INT(json_array_size(json_object_get(j, "mode_history")), 1);
	json_decref(j);
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/engagements/%lld/mode", id), tok[NW_CM], "{\"mode\":\"vendor\"}", &j), 422);
	CHECK_STR(error_field(j), "reason");
	json_decref(j);
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/engagements/%lld/mode", id), tok[NW_CM],
			    "{\"mode\":\"vendor\",\"reason\":\"two reviews missed\"}", &j), 200);
	CHECK_INT(json_array_size(json_object_get(j, "mode_history")), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(json_object_get(j, "mode_history"), 1), "reason")), "two reviews missed");
	json_decref(j);
	/* The provider sees the history too, but may not change the mode. */
	CHECK_INT(call_json(&S, "GET", fmt("/api/v1/engagements/%lld", id), tok[LU_LEAD], NULL, &j), 200);
	CHECK_INT(json_array_size(json_object_get(j, "mode_history")), 2);
	json_decref(j);
	CHECK_INT(call(&S, "POST", fmt("/api/v1/engagements/%lld/mode", id), tok[LU_LEAD], "{\"mode\":\"partnership\",\"reason\":\"x\"}"), 403);
}

static void test_lists_are_tenant_filtered(void)
{
	json_t *j = NULL, *x;
	size_t i;

	call_json(&S, "GET", "/api/v1/engagements?limit=200", tok[KE_LEAD], NULL, &j);
	CHECK(json_array_size(json_object_get(j, "items")) >= 2);
	json_array_foreach(json_object_get(j, "items"), i, x) CHECK_INT(json_integer_value(json_object_get(x, "provider_org_id")), KE);
	json_decref(j);
	call_json(&S, "GET", "/api/v1/engagements?limit=200", tok[NW_MEMBER], NULL, &j);
	CHECK(json_array_size(json_object_get(j, "items")) >= 3);
	json_array_foreach(json_object_get(j, "items"), i, x) CHECK_INT(json_integer_value(json_object_get(x, "buyer_org_id")), NW);
	json_decref(j);
	call_json(&S, "GET", "/api/v1/engagements?limit=200", tok[ADMIN], NULL, &j);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	/* A buyer's directory lists providers and itself, never another buyer. */
	call_json(&S, "GET", "/api/v1/orgs?limit=200", tok[MD_CM], NULL, &j);
	CHECK(id_of(j, "name", "Meridian Retail") == MD);
	CHECK(id_of(j, "name", "Northwind Bank") == 0);
	CHECK(id_of(j, "name", "Lumen Consulting") == LU);
	json_decref(j);
	/* A provider's directory lists buyers and itself, never another provider. */
	call_json(&S, "GET", "/api/v1/orgs?limit=200", tok[KE_LEAD], NULL, &j);
	CHECK(id_of(j, "name", "Kestrel IT Services") == KE);
	CHECK(id_of(j, "name", "Harbor BPO") == 0);
	CHECK(id_of(j, "name", "Northwind Bank") == NW);
	json_decref(j);
	/* A partner sees the people; the admin sees every organisation. */
	CHECK(count_items(fmt("/api/v1/orgs/%lld/users", KE), tok[NW_CM]) >= 3);
	CHECK(count_items("/api/v1/orgs?limit=200", tok[ADMIN]) >= 6);
}

static void test_pagination(void)
{
	json_t *a = NULL, *b = NULL;
	long long next;

	CHECK_INT(call_json(&S, "GET", "/api/v1/engagements?limit=2", tok[NW_CM], NULL, &a), 200);
	CHECK_INT(json_array_size(json_object_get(a, "items")), 2);
	next = json_integer_value(json_object_get(a, "next"));
	CHECK(next > 0);
	CHECK_INT(call_json(&S, "GET", fmt("/api/v1/engagements?limit=200&after=%lld", next), tok[NW_CM], NULL, &b), 200);
	CHECK(json_is_null(json_object_get(b, "next")));
	CHECK_INT(json_array_size(json_object_get(a, "items")) + json_array_size(json_object_get(b, "items")),
		  count_items("/api/v1/engagements?limit=200", tok[NW_CM]));
	CHECK(json_integer_value(json_object_get(json_array_get(json_object_get(b, "items"), 0), "id")) > next);
	json_decref(a);
	json_decref(b);
	CHECK_INT(call(&S, "GET", "/api/v1/engagements?limit=0", tok[NW_CM], NULL), 400);
	CHECK_INT(call(&S, "GET", "/api/v1/engagements?limit=abc", tok[NW_CM], NULL), 400);
	CHECK_INT(call(&S, "GET", "/api/v1/engagements?limit=201", tok[NW_CM], NULL), 400);
	CHECK_INT(call(&S, "GET", "/api/v1/engagements?after=-3", tok[NW_CM], NULL), 400);
}

/* ---- bad input: one clear error, nothing written ---- */

static void expect_rejected(const char *body, const char *content_type, long status, const char *code, const char *field)
{
	int before = count_items("/api/v1/engagements?limit=200", tok[NW_CM]);
	struct resp r;

	http(&S, "POST", "/api/v1/engagements", tok[NW_CM], body, content_type, NULL, &r);
	if (r.status != status)
		fprintf(stderr, "  body %.60s: status %ld, want %ld: %s\n", body, r.status, status, r.body);
	CHECK_INT(r.status, status);
	CHECK(r.json != NULL);
	if (code)
		CHECK_STR(error_code(r.json), code);
	if (field)
		CHECK_STR(error_field(r.json), field);
	CHECK(json_string_value(json_object_get(json_object_get(r.json, "error"), "message")) != NULL);
	resp_free(&r);
	CHECK_INT(count_items("/api/v1/engagements?limit=200", tok[NW_CM]), before);
}

static void test_bad_input(void)
{
	char *big = malloc(20000);
	const char *ok_rest = "\"service_line\":\"IT\",\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\"";

	expect_rejected("{\"title\": \"unterminated", NULL, 400, "bad_json", NULL);
	expect_rejected("[1, 2, 3]", NULL, 400, NULL, NULL);
	expect_rejected("", NULL, 400, "bad_json", NULL);
	expect_rejected(fmt("{\"provider_org_id\":%lld,\"title\":\"caf\xe9\",%s}", KE, ok_rest), NULL, 400, "bad_encoding", NULL);
	expect_rejected(fmt("{\"provider_org_id\":%lld,%s}", KE, ok_rest), NULL, 422, "required", "title");
	expect_rejected(fmt("{\"provider_org_id\":%lld,\"title\":5,%s}", KE, ok_rest), NULL, 422, "invalid", "title");
	expect_rejected(fmt("{\"provider_org_id\":\"%lld\",\"title\":\"T\",%s}", KE, ok_rest), NULL, 422, "invalid", "provider_org_id");
	expect_rejected(fmt("{\"provider_org_id\":%lld,\"title\":\"T\",%s,\"colour\":\"blue\"}", KE, ok_rest), NULL, 422, "unknown_field", "colour");
	expect_rejected(fmt("{\"provider_org_id\":%lld,\"title\":\"T\",\"service_line\":\"HR\",\"starts_on\":\"2026-01-01\",\"ends_on\":\"2026-12-31\"}", KE), NULL, 422, "invalid", "service_line");
	expect_rejected(fmt("{\"provider_org_id\":%lld,\"title\":\"T\",\"service_line\":\"IT\",\"starts_on\":\"2026-02-30\",\"ends_on\":\"2026-12-31\"}", KE), NULL, 422, "invalid", "starts_on");
	expect_rejected(fmt("{\"provider_org_id\":%lld,\"title\":\"T\",\"service_line\":\"IT\",\"starts_on\":\"2026-06-01\",\"ends_on\":\"2026-05-31\"}", KE), NULL, 422, "invalid", "ends_on");
	expect_rejected(fmt("{\"provider_org_id\":%lld,\"title\":\"T\",%s,\"governance\":{\"strategic\":\"boss\"}}", KE, ok_rest), NULL, 422, "invalid", "governance.strategic");
	expect_rejected(fmt("{\"provider_org_id\":999999,\"title\":\"T\",%s}", ok_rest), NULL, 422, "invalid", "provider_org_id");
	expect_rejected(fmt("{\"provider_org_id\":%lld,\"title\":\"   \",%s}", KE, ok_rest), NULL, 422, NULL, "title");
	expect_rejected(fmt("{\"provider_org_id\":%lld,\"title\":\"T\",\"title\":\"U\",%s}", KE, ok_rest), NULL, 400, "bad_json", NULL);
	memset(big, 'a', 19999);
	big[19999] = '\0';
	memcpy(big, "{\"title\":\"", 10);
	expect_rejected(big, NULL, 413, "too_large", NULL);
	free(big);

	/* Unknown ids and routes. */
	CHECK_INT(call(&S, "GET", "/api/v1/engagements/999999", tok[NW_CM], NULL), 404);
	CHECK_INT(call(&S, "GET", "/api/v1/orgs/999999", tok[NW_CM], NULL), 404);
	CHECK_INT(call(&S, "GET", "/api/v1/orgs/999999/users", tok[ADMIN], NULL), 404);
	CHECK_INT(call(&S, "POST", "/api/v1/orgs/999999/users", tok[ADMIN], "{}"), 404);
	CHECK_INT(call(&S, "GET", "/api/v1/engagements/abc", tok[NW_CM], NULL), 404);
	CHECK_INT(call(&S, "GET", "/api/v1/engagements/0", tok[NW_CM], NULL), 404);
	CHECK_INT(call(&S, "GET", "/api/v1/nothing-here", tok[NW_CM], NULL), 404);
	CHECK_INT(call(&S, "DELETE", "/api/v1/engagements", tok[NW_CM], NULL), 405);
}

static void test_orgs_users_units(void)
{
	json_t *j = NULL;
	long long org, unit_count, org_count, user_count;

	/* The platform admin adds organisations; names are unique regardless of case. */
	CHECK_INT(call_json(&S, "POST", "/api/v1/orgs", tok[ADMIN], "{\"name\":\"Orbit Insurance\",\"kind\":\"buyer\",\"industry\":\"Insurance\"}", &j), 201);
	org = json_integer_value(json_object_get(j, "id"));
	CHECK(org > 0);
	CHECK_STR(json_string_value(json_object_get(j, "industry")), "Insurance");
	json_decref(j);
	CHECK_INT(call_json(&S, "POST", "/api/v1/orgs", tok[ADMIN], "{\"name\":\"ORBIT insurance\",\"kind\":\"buyer\"}", &j), 409);
	CHECK_STR(error_field(j), "name");
	json_decref(j);
	org_count = count_items("/api/v1/orgs?limit=200", tok[ADMIN]);
	CHECK_INT(call_json(&S, "POST", "/api/v1/orgs", tok[ADMIN], "{\"name\":\"Somebody\",\"kind\":\"vendor\"}", &j), 422);
	CHECK_STR(error_field(j), "kind");
	json_decref(j);
	CHECK_INT(call_json(&S, "POST", "/api/v1/orgs", tok[ADMIN], "{\"name\":\"Somebody\"}", &j), 422);
	CHECK_STR(error_field(j), "kind");
	json_decref(j);
	CHECK_INT(call_json(&S, "POST", "/api/v1/orgs", tok[ADMIN], "{\"name\":\"\",\"kind\":\"buyer\"}", &j), 422);
	CHECK_STR(error_field(j), "name");
	json_decref(j);
	CHECK_INT(count_items("/api/v1/orgs?limit=200", tok[ADMIN]), org_count);
	user_count = count_items(fmt("/api/v1/orgs/%lld/users?limit=200", NW), tok[NW_CM]);

	/* Users: roles must fit the organisation; only an admin grants admin; e-mails are unique in the organisation. */
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/orgs/%lld/users", NW), tok[NW_CXO],
			    "{\"email\":\"new.lead@northwind.example\",\"name\":\"N\",\"roles\":[\"provider_leadership\"],\"password\":\"long-enough-1\"}", &j), 422);
	CHECK_STR(error_field(j), "roles");
	json_decref(j);
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/orgs/%lld/users", NW), tok[NW_CXO],
			    "{\"email\":\"root@northwind.example\",\"name\":\"N\",\"roles\":[\"admin\"],\"password\":\"long-enough-1\"}", &j), 422);
	CHECK_STR(error_field(j), "roles");
	json_decref(j);
	/* Not even the platform admin makes an admin inside a tenant (it would read every other tenant): 422, the role does not fit. */
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/orgs/%lld/users", NW), tok[ADMIN],
			    "{\"email\":\"root@northwind.example\",\"name\":\"N\",\"roles\":[\"admin\"],\"password\":\"long-enough-1\"}", &j), 422);
	CHECK_STR(error_field(j), "roles");
	json_decref(j);
	CHECK_INT(call_json(&S, "PATCH", fmt("/api/v1/users/%lld", user_id[NW_MEMBER]), tok[ADMIN], "{\"roles\":[\"admin\"]}", &j), 422);
	CHECK_STR(error_field(j), "roles");
	json_decref(j);
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/orgs/%lld/users", NW), tok[NW_CXO],
			    "{\"email\":\"short@northwind.example\",\"name\":\"N\",\"roles\":[\"member\"],\"password\":\"short\"}", &j), 422);
	CHECK_STR(error_field(j), "password");
	json_decref(j);
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/orgs/%lld/users", NW), tok[NW_CXO],
			    fmt("{\"email\":\"%s\",\"name\":\"N\",\"roles\":[\"member\"],\"password\":\"long-enough-1\"}", email[NW_CM]), &j), 409);
	CHECK_STR(error_field(j), "email");
	json_decref(j);
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/orgs/%lld/users", NW), tok[NW_CXO],
			    "{\"email\":\"x@northwind.example\",\"name\":\"N\",\"roles\":[\"chief\"],\"password\":\"long-enough-1\"}", &j), 422);
	CHECK_STR(error_field(j), "roles");
	json_decref(j);
	CHECK_INT(count_items(fmt("/api/v1/orgs/%lld/users?limit=200", NW), tok[NW_CM]), user_count);
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/orgs/%lld/users", NW), tok[NW_CXO],
			    "{\"email\":\"Ana.Silva@Northwind.example\",\"name\":\"Ana Silva\",\"roles\":[\"unit_cio\",\"member\"],\"password\":\"long-enough-1\"}", &j), 201);
	CHECK_STR(json_string_value(json_object_get(j, "email")), "Ana.Silva@Northwind.example");
	CHECK_INT(json_array_size(json_object_get(j, "roles")), 2);
	json_decref(j);

	/* Units: a unit CIO must hold unit_cio in the same organisation. */
	unit_count = count_items(fmt("/api/v1/orgs/%lld/units", NW), tok[NW_CM]);
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/orgs/%lld/units", NW), tok[NW_CM],
			    fmt("{\"name\":\"Wealth Management\",\"cio_user_id\":%lld}", user_id[NW_CM]), &j), 422);
	CHECK_STR(error_field(j), "cio_user_id");
	json_decref(j);
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/orgs/%lld/units", NW), tok[NW_CM],
			    fmt("{\"name\":\"Wealth Management\",\"cio_user_id\":%lld}", user_id[KE_LEAD]), &j), 422);
	json_decref(j);
	CHECK_INT(count_items(fmt("/api/v1/orgs/%lld/units", NW), tok[NW_CM]), unit_count);
	CHECK_INT(call_json(&S, "POST", fmt("/api/v1/orgs/%lld/units", NW), tok[NW_CM],
			    fmt("{\"name\":\"Wealth Management\",\"cio_user_id\":%lld}", user_id[NW_CIO]), &j), 201);
	CHECK_INT(json_integer_value(json_object_get(j, "cio_user_id")), user_id[NW_CIO]);
	json_decref(j);
	CHECK_INT(count_items(fmt("/api/v1/orgs/%lld/units", NW), tok[NW_CM]), unit_count + 1);
	/* Providers have no business units. */
	CHECK_INT(call(&S, "POST", fmt("/api/v1/orgs/%lld/units", KE), tok[KE_LEAD], "{\"name\":\"Delivery\"}"), 422);
}

/* ---- the web UI over plain HTTP: cookies, CSRF, escaping, page permissions ---- */

/* Signs in through the form (client.c); fills the session cookie and the page's CSRF token. */
static int web_login(int who, char *cookie, size_t cn, char *csrf, size_t sn)
{
	char set_cookie[512];

	if (web_sign_in(&S, email[who], password[who], cookie, cn, csrf, sn, set_cookie, sizeof set_cookie) != 0)
		return -1;
	CHECK(strstr(set_cookie, "HttpOnly") != NULL);
	CHECK(strstr(set_cookie, "SameSite=") != NULL);
	return 0;
}

static void test_web(void)
{
	char cookie[128], csrf[64], other_cookie[128], other_csrf[64];
	struct resp r;
	json_t *j = NULL;
	long long id;

	http(&S, "GET", "/", NULL, NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 303);
	CHECK_STR(r.location, "/login");
	resp_free(&r);
	/* The sign-in form without its pre-session token is refused. */
	http(&S, "POST", "/login", NULL, fmt("email=%s&password=%s", email[NW_CM], password[NW_CM]),
	     "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);

	CHECK_INT(web_login(NW_CM, cookie, sizeof cookie, csrf, sizeof csrf), 0);
	http(&S, "GET", "/", NULL, NULL, NULL, cookie, &r);
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "Core banking application maintenance") != NULL);
	CHECK(strstr(r.body, "Store systems support") == NULL);
	CHECK(strstr(r.csp, "default-src 'none'") != NULL);
	CHECK(strstr(r.csp, "frame-ancestors 'none'") != NULL);
	resp_free(&r);

	/* A form post without the CSRF token is refused and writes nothing. */
	http(&S, "POST", "/engagements", NULL,
	     fmt("provider_org_id=%lld&title=No+token&service_line=IT&starts_on=2026-01-01&ends_on=2026-12-31", KE),
	     "application/x-www-form-urlencoded", cookie, &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
	/* A bad date comes back with the message beside its field. */
	http(&S, "POST", "/engagements", NULL,
	     fmt("csrf=%s&provider_org_id=%lld&title=Kept+title&service_line=IT&starts_on=2026-06-01&ends_on=2026-01-01", csrf, KE),
	     "application/x-www-form-urlencoded", cookie, &r);
	CHECK_INT(r.status, 422);
	CHECK(strstr(r.body, "class=\"field invalid\"><span>Ends on</span>") != NULL);
	CHECK(strstr(r.body, "value=\"Kept title\"") != NULL);
	resp_free(&r);
	/* Everything people type is escaped on the page. */
	http(&S, "POST", "/engagements", NULL,
	     fmt("csrf=%s&provider_org_id=%lld&title=%%3Cscript%%3Ealert(1)%%3C%%2Fscript%%3E+%%26+%%22q%%22&service_line=ITES&starts_on=2026-01-01&ends_on=2026-12-31", csrf, KE),
	     "application/x-www-form-urlencoded", cookie, &r);
	CHECK_INT(r.status, 303);
	CHECK(strncmp(r.location, "/engagements/", 13) == 0);
	id = strtoll(r.location + 13, NULL, 10);
	resp_free(&r);
	http(&S, "GET", fmt("/engagements/%lld", id), NULL, NULL, NULL, cookie, &r);
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;") != NULL);
	CHECK(strstr(r.body, "<script>") == NULL);
	resp_free(&r);
	CHECK_INT(call_json(&S, "GET", fmt("/api/v1/engagements/%lld", id), tok[KE_LEAD], NULL, &j), 200);
	CHECK_STR(json_string_value(json_object_get(j, "title")), "<script>alert(1)</script> & \"q\"");
	json_decref(j);

	/* Page permissions follow the same rules: invisible 404, visible but not allowed 403. */
	CHECK_INT(web_login(MD_CM, other_cookie, sizeof other_cookie, other_csrf, sizeof other_csrf), 0);
	http(&S, "GET", fmt("/engagements/%lld", E1), NULL, NULL, NULL, other_cookie, &r);
	CHECK_INT(r.status, 404);
	CHECK(strstr(r.body, "Core banking") == NULL);
	resp_free(&r);
	http(&S, "GET", fmt("/orgs/%lld", NW), NULL, NULL, NULL, other_cookie, &r);
	CHECK_INT(r.status, 404);
	resp_free(&r);
	CHECK_INT(web_login(NW_MEMBER, other_cookie, sizeof other_cookie, other_csrf, sizeof other_csrf), 0);
	http(&S, "POST", fmt("/engagements/%lld/mode", E1), NULL, fmt("csrf=%s&mode=vendor&reason=x", other_csrf),
	     "application/x-www-form-urlencoded", other_cookie, &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
	http(&S, "GET", fmt("/orgs/%lld", NW), NULL, NULL, NULL, other_cookie, &r);
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.body, "Business units") != NULL);
	CHECK(strstr(r.body, "Add person") == NULL);
	resp_free(&r);
	/* The CSRF token of one session does not work for another. */
	http(&S, "POST", fmt("/orgs/%lld/units", NW), NULL, fmt("csrf=%s&name=Stolen", other_csrf),
	     "application/x-www-form-urlencoded", cookie, &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);

	/* The people and unit forms: a bad field comes back beside it and nothing is written; another tenant gets 404. */
	{
		int users = count_items(fmt("/api/v1/orgs/%lld/users?limit=200", NW), tok[NW_CM]);
		int units = count_items(fmt("/api/v1/orgs/%lld/units?limit=200", NW), tok[NW_CM]);

		http(&S, "POST", fmt("/orgs/%lld/users", NW), NULL,
		     fmt("csrf=%s&name=New+Person&email=not-an-email&roles=member&password=long-enough-1", csrf),
		     "application/x-www-form-urlencoded", cookie, &r);
		CHECK_INT(r.status, 422);
		CHECK(strstr(r.body, "class=\"field invalid\"><span>E-mail</span>") != NULL);
		CHECK(strstr(r.body, "value=\"New Person\"") != NULL);
		resp_free(&r);
		http(&S, "POST", fmt("/orgs/%lld/units", NW), NULL, fmt("csrf=%s&name=&cio_user_id=", csrf),
		     "application/x-www-form-urlencoded", cookie, &r);
		CHECK_INT(r.status, 422);
		CHECK(strstr(r.body, "class=\"field invalid\"><span>New unit</span>") != NULL);
		resp_free(&r);
		http(&S, "POST", fmt("/orgs/%lld/units", NW), NULL, fmt("csrf=%s&name=Cards&cio_user_id=%lld", csrf, user_id[NW_CM]),
		     "application/x-www-form-urlencoded", cookie, &r);
		CHECK_INT(r.status, 422);
		resp_free(&r);
		CHECK_INT(count_items(fmt("/api/v1/orgs/%lld/users?limit=200", NW), tok[NW_CM]), users);
		CHECK_INT(count_items(fmt("/api/v1/orgs/%lld/units?limit=200", NW), tok[NW_CM]), units);
		http(&S, "POST", fmt("/orgs/%lld/units", MD), NULL, fmt("csrf=%s&name=Intruders", csrf),
		     "application/x-www-form-urlencoded", cookie, &r);
		CHECK_INT(r.status, 404);
		resp_free(&r);
		http(&S, "POST", fmt("/engagements/%lld/mode", E_MD), NULL, fmt("csrf=%s&mode=partnership&reason=x", csrf),
		     "application/x-www-form-urlencoded", cookie, &r);
		CHECK_INT(r.status, 404);
		resp_free(&r);
	}

	/* Signing out ends the session. */
	http(&S, "POST", "/logout", NULL, fmt("csrf=%s", csrf), "application/x-www-form-urlencoded", cookie, &r);
	CHECK_INT(r.status, 303);
	resp_free(&r);
	http(&S, "GET", "/", NULL, NULL, NULL, cookie, &r);
	CHECK_INT(r.status, 303);
	resp_free(&r);
	/* Unknown pages answer an HTML 404. */
	http(&S, "GET", "/no/such/page", NULL, NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 404);
	CHECK(strncmp(r.content_type, "text/html", 9) == 0);
	resp_free(&r);
}

static void test_graceful_stop(void)
{
	/* SIGTERM ends the server with status 0 (and, under the sanitizers, no leak reports). */
	CHECK_INT(server_stop(&S), 0);
}

int main(int argc, char **argv)
{
	char *out = NULL;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PATH_TO_ACCORD\n", argv[0]);
		return 2;
	}
	bin = argv[1];
	if (setup() != 0) {
		fprintf(stderr, "api: set-up failed\n");
		server_stop(&S);
		printf("api: 0 passed, 1 failed\n");
		return 1;
	}
	RUN(test_health);
	RUN(test_login_and_me);
	RUN(test_permission_matrix);
	RUN(test_lists_are_tenant_filtered);
	RUN(test_pagination);
	RUN(test_bad_input);
	RUN(test_orgs_users_units);
	RUN(test_engagement_lifecycle);
	{
		struct world w = {&S, bin, db, caller_names, tok, user_id, NW, MD, KE, HB, LU, E1, E2, E_MD};

		reviews_cases_run(&w, &harness_passed, &harness_failed);
		calendar_cases_run(&w, &harness_passed, &harness_failed);
		trust_cases_run(&w, &harness_passed, &harness_failed);
		roadmap_cases_run(&w, &harness_passed, &harness_failed);
		sealed_cases_run(&w, &harness_passed, &harness_failed);
		summit_cases_run(&w, &harness_passed, &harness_failed);
		summit2_cases_run(&w, &harness_passed, &harness_failed);
		practice_cases_run(&w, &harness_passed, &harness_failed);
		leak_cases_run(&w, &harness_passed, &harness_failed);
		batch_cases_run(&w, &harness_passed, &harness_failed);
		audit_cases_run(&w, &harness_passed, &harness_failed);
		security_cases_run(&w, &harness_passed, &harness_failed);
		exposure_cases_run(&w, &harness_passed, &harness_failed);
		acceptance_cases_run(&w, &harness_passed, &harness_failed);
		search_cases_run(&w, &harness_passed, &harness_failed);
		grants_cases_run(&w, &harness_passed, &harness_failed);
		people_cases_run(&w, &harness_passed, &harness_failed);
		roadmap2_cases_run(&w, &harness_passed, &harness_failed);
		threads_cases_run(&w, &harness_passed, &harness_failed);
		inbox_cases_run(&w, &harness_passed, &harness_failed);
		kpi_cases_run(&w, &harness_passed, &harness_failed);
		forms_cases_run(&w, &harness_passed, &harness_failed);
		scorecard_cases_run(&w, &harness_passed, &harness_failed);
		obligation_cases_run(&w, &harness_passed, &harness_failed);
	}
	RUN(test_web);
	RUN(test_pages_other_tenants);
	RUN(test_logout);
	RUN(test_throttle);
	RUN(test_sessions_across_servers_and_expiry);
	RUN(test_graceful_stop);
	for (int c = 0; c < CALLERS; c++)
		free(tok[c]);
	run_capture(fmt("rm -rf %s", dir), &out);
	free(out);
	return HARNESS_DONE("api");
}
