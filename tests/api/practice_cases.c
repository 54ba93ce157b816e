/* practice_cases: the best-practice exchange over HTTP (docs/practices.md) — who sees a practice in GET, lists and search (drafts, provenance, other providers, summits, retired), the leak check and the origin buyer's approval, confidential terms, adoption steps and their weight in trust, citations, and the provider's knowledge dashboard. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;
/* Read from the running server in practice_cases_run: Northwind's name, E1's title, Northwind's other engagement with Kestrel, Northwind's with Lumen. */
static char NW_NAME[128], E1_TITLE[256], MD_NAME[128], EMD_TITLE[256];
static long long DIGITAL, CLOUD;
static const char *CLOUD_TITLE = "Cloud migration advisory";
/* Made by one case and used by a later one. */
static long long PA, PB, AD_B, AD_T, LU_PUB;
/* A buyer with no engagement at all, made here: "orchard", a caller beside the matrix's. */
enum { ORCH = CALLERS };
static char *orch_tok;
static long long ORCH_ORG;

static const char *tok_of(int who)
{
	return who == ORCH ? orch_tok : W->tok[who];
}

static const char *name_of(int who)
{
	return who == ORCH ? "orchard_cm" : W->names[who];
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

/* The raw text of a GET answer (200 wanted); the caller frees it. */
static char *raw(int who, const char *path)
{
	struct resp r;
	char *body;

	http(W->S, "GET", path, tok_of(who), NULL, NULL, NULL, &r);
	if (r.status != 200)
		fprintf(stderr, "  GET %s as %s: got %ld, want 200\n", path, name_of(who), r.status);
	CHECK_INT(r.status, 200);
	body = r.body;
	r.body = NULL;
	resp_free(&r);
	return body ? body : strdup("");
}

/* Whether the raw JSON text has a key containing key_part whose value is the integer v ("...key_part...":v). */
static bool names_id(const char *body, const char *key_part, long long v)
{
	char needle[32], key[128];
	int n = snprintf(needle, sizeof needle, "\":%lld", v);

	for (const char *p = strstr(body, needle); p; p = strstr(p + 1, needle)) {
		const char *end = p + n, *k = p;
		size_t len;

		if (*end >= '0' && *end <= '9')
			continue;
		while (k > body && k[-1] != '"')
			k--;
		len = (size_t)(p - k);
		if (len >= sizeof key)
			continue;
		memcpy(key, k, len);
		key[len] = '\0';
		if (strstr(key, key_part))
			return true;
	}
	return false;
}

/*
 * Nothing in an answer to someone other than the origin customer and the provider tells
 * who the origin customer was: not its name, not the origin engagement's title, not the
 * engagement's or the buyer's id under any key that names an engagement or a buyer.
 */
static void no_trace(const char *body, const char *buyer_name, const char *eng_title, long long eng, long long buyer,
		     const char *what)
{
	bool name = strstr(body, buyer_name) != NULL, title = strstr(body, eng_title) != NULL;
	bool eid = names_id(body, "engagement", eng), bid = names_id(body, "buyer", buyer);

	if (name || title || eid || bid)
		fprintf(stderr, "  %s reveals the origin (name %d, title %d, engagement id %d, buyer id %d): %.600s\n", what,
			name, title, eid, bid, body);
	CHECK(!name);
	CHECK(!title);
	CHECK(!eid);
	CHECK(!bid);
}

static void no_trace_nw(int who, const char *path)
{
	char *body = raw(who, path);

	no_trace(body, "Northwind", E1_TITLE, W->E1, W->NW, fmt("GET %s as %s", path, name_of(who)));
	free(body);
}

/* A new practice; tags is a JSON array or NULL; line a service line or NULL. Returns its id (0 on failure). */
static long long practice_new(int who, long long origin, const char *title, const char *body, const char *tags,
			      const char *line)
{
	json_t *j = req(who, "POST", "/api/v1/practices",
			fmt("{\"title\":\"%s\",\"body\":\"%s\",\"tags\":%s,\"origin_engagement_id\":%lld%s%s%s}", title, body,
			    tags ? tags : "[]", origin, line ? ",\"service_line\":\"" : "", line ? line : "", line ? "\"" : ""),
			201);
	long long id = num(j, "id");

	CHECK(id > 0);
	CHECK_STR(str(j, "status"), "draft");
	CHECK_INT(num(j, "current_revision"), 1);
	json_decref(j);
	return id;
}

static void publish(int who, long long id, long want)
{
	json_t *j = req(who, "POST", fmt("/api/v1/practices/%lld/publish", id), "{}", want);

	if (want == 200) {
		CHECK_STR(str(j, "status"), "published");
		CHECK_INT(num(j, "published_revision"), num(j, "current_revision"));
	}
	json_decref(j);
}

static long long published_new(int who, long long origin, const char *title, const char *body, const char *tags,
			       const char *line)
{
	long long id = practice_new(who, origin, title, body, tags, line);

	publish(who, id, 200);
	return id;
}

static bool lists(json_t *list, long long id)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(list, "items"), i, x) if (num(x, "id") == id) return true;
	return false;
}

static json_t *item_of(json_t *list, long long id)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(list, "items"), i, x) if (num(x, "id") == id) return x;
	return NULL;
}

/* GET /api/v1/practices + query, as who. */
static json_t *find(int who, const char *query)
{
	return req(who, "GET", fmt("/api/v1/practices%s", query), NULL, 200);
}

/* The "total" of a search for q (one word), as who; -1 when there is none. */
static long long total(int who, const char *q)
{
	json_t *j = find(who, fmt("?q=%s", q));
	long long t = json_is_integer(json_object_get(j, "total")) ? num(j, "total") : -1;

	CHECK_INT(json_array_size(json_object_get(j, "items")), t);
	json_decref(j);
	return t;
}

/* Whether who's list filtered by query has practice id. */
static bool listed(int who, const char *query, long long id)
{
	json_t *j = find(who, query);
	bool in = lists(j, id);

	json_decref(j);
	return in;
}

static long long engagement_titled(int who, const char *title)
{
	json_t *j = req(who, "GET", "/api/v1/engagements?limit=200", NULL, 200), *e;
	long long id = 0;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, e) if (!strcmp(str(e, "title"), title)) id = num(e, "id");
	json_decref(j);
	return id;
}

/*
 * Provenance reduced to the industry: exactly {industry, label}. industry NULL: the provider
 * has fewer than three customers in it, so it is hidden (null) and the label says "a customer"
 * (issue 16; every demo provider has one customer per industry).
 */
static void reduced(json_t *prov, const char *industry)
{
	CHECK(json_is_object(prov));
	CHECK_INT(json_object_size(prov), 2);
	if (!industry) {
		CHECK(json_is_null(json_object_get(prov, "industry")));
		CHECK_STR(str(prov, "label"), "a customer");
		return;
	}
	CHECK_STR(str(prov, "industry"), industry);
	CHECK_STR(str(prov, "label"), fmt("a customer in %s", industry));
}

static void full(json_t *prov, long long eng, const char *title, long long buyer, const char *buyer_name)
{
	CHECK_INT(num(prov, "engagement_id"), eng);
	CHECK_STR(str(prov, "engagement_title"), title);
	CHECK_INT(num(prov, "buyer_org_id"), buyer);
	CHECK_STR(str(prov, "buyer_name"), buyer_name);
}

/* ---- visibility: drafts, published, provenance ---- */

static void test_draft_and_published_visibility(void)
{
	const int others[] = {NW_CM, NW_CXO, NW_MEMBER, MD_CM, HB_LEAD, LU_LEAD, ADMIN, ORCH};
	const int strangers[] = {HB_LEAD, LU_LEAD, ADMIN, ORCH};
	long long p = practice_new(KE_LEAD, W->E1, "Zqvis release checklist", "Keep a zqvisword release checklist per sprint.",
				   "[\"zqvis-tag\"]", NULL);
	json_t *j;
	char *body;

	/* A draft: its provider only, in GET, lists and search. */
	for (int who = KE_LEAD; who <= KE_MEMBER; who++)
		json_decref(req(who, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200));
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		j = req(others[i], "GET", fmt("/api/v1/practices/%lld", p), NULL, 404);
		CHECK(!strstr(str(j, "title"), "Zqvis"));
		json_decref(j);
		CHECK(!listed(others[i], "?tag=zqvis-tag", p));
		CHECK(!listed(others[i], "?limit=200", p));
		CHECK_INT(total(others[i], "zqvisword"), 0);
		CHECK_INT(total(others[i], "zqvis"), 0); /* the title's word */
	}
	CHECK(listed(KE_LEAD, "?tag=zqvis-tag", p));
	CHECK(listed(KE_MEMBER, "?status=draft&tag=zqvis-tag", p));
	CHECK_INT(total(KE_CONS, "zqvisword"), 1);

	/* Published: the provider, every customer of the provider (the origin with full provenance), nobody else. */
	publish(KE_CONS, p, 200);
	j = req(KE_MEMBER, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_STR(str(j, "status"), "published");
	full(json_object_get(j, "provenance"), W->E1, E1_TITLE, W->NW, NW_NAME);
	json_decref(j);
	for (int who = NW_CXO; who <= NW_MEMBER; who++) {
		j = req(who, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
		CHECK_STR(str(j, "title"), "Zqvis release checklist");
		CHECK_INT(num(j, "revision"), 1);
		full(json_object_get(j, "provenance"), W->E1, E1_TITLE, W->NW, NW_NAME);
		json_decref(j);
	}
	j = req(MD_CM, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_STR(str(j, "title"), "Zqvis release checklist");
	CHECK(json_is_null(json_object_get(j, "industry"))); /* Kestrel has one Banking customer */
	reduced(json_object_get(j, "provenance"), NULL);
	CHECK(json_object_get(j, "approvals") == NULL);
	json_decref(j);
	for (size_t i = 0; i < sizeof strangers / sizeof strangers[0]; i++) {
		json_decref(req(strangers[i], "GET", fmt("/api/v1/practices/%lld", p), NULL, 404));
		CHECK(!listed(strangers[i], "?tag=zqvis-tag", p));
		CHECK_INT(total(strangers[i], "zqvisword"), 0);
	}
	/* Lists and search follow the same rules, with the same provenance. */
	j = find(NW_CM, "?tag=zqvis-tag");
	CHECK(lists(j, p));
	full(json_object_get(item_of(j, p), "provenance"), W->E1, E1_TITLE, W->NW, NW_NAME);
	json_decref(j);
	CHECK_INT(total(NW_MEMBER, "zqvisword"), 1);
	j = find(MD_CM, "?tag=zqvis-tag");
	CHECK(lists(j, p));
	reduced(json_object_get(item_of(j, p), "provenance"), NULL);
	json_decref(j);
	j = find(MD_CM, "?q=zqvisword");
	CHECK_INT(num(j, "total"), 1);
	CHECK(lists(j, p));
	reduced(json_object_get(item_of(j, p), "provenance"), NULL);
	json_decref(j);
	/* Nothing of the origin in the other customer's raw answers. */
	no_trace_nw(MD_CM, fmt("/api/v1/practices/%lld", p));
	no_trace_nw(MD_CM, "/api/v1/practices?tag=zqvis-tag");
	no_trace_nw(MD_CM, "/api/v1/practices?q=zqvisword");
	no_trace_nw(MD_CM, "/api/v1/practices?q=zqvis&tag=zqvis-tag&industry=Banking");
	no_trace_nw(MD_CM, fmt("/api/v1/practices/%lld/adoptions", p));
	/* ... while the origin's own answer names it. */
	body = raw(NW_CM, fmt("/api/v1/practices/%lld", p));
	CHECK(strstr(body, NW_NAME) && strstr(body, E1_TITLE));
	free(body);
	/* The revision history is the provider's alone. */
	json_decref(req(KE_MEMBER, "GET", fmt("/api/v1/practices/%lld/revisions", p), NULL, 200));
	json_decref(req(NW_CM, "GET", fmt("/api/v1/practices/%lld/revisions", p), NULL, 404));
	json_decref(req(MD_CM, "GET", fmt("/api/v1/practices/%lld/revisions", p), NULL, 404));
}

/* A summit's best-practice session shows a practice to the summit's host and invitees. */
static void test_summit_visibility(void)
{
	long long l1, l0, l2, summit, summit2;
	json_t *j, *x;
	size_t i;
	bool linked = false;

	CHECK(CLOUD > 0);
	l1 = published_new(LU_LEAD, CLOUD, "Zqsummit workshop format", "Run a zqsummitword discovery workshop before each phase.",
			   "[\"zqsummit-tag\"]", NULL);
	LU_PUB = l1;
	l0 = practice_new(LU_LEAD, CLOUD, "Zqsummit draft", "Not yet zqsummitdraft.", NULL, NULL);
	/* Orchard is no customer of Lumen; Harbor and Kestrel are other providers. */
	json_decref(req(ORCH, "GET", fmt("/api/v1/practices/%lld", l1), NULL, 404));
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/practices/%lld", l1), NULL, 404));
	json_decref(req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", l1), NULL, 404));
	CHECK_INT(total(ORCH, "zqsummitword"), 0);
	CHECK_INT(total(HB_LEAD, "zqsummitword"), 0);
	j = req(NW_CM, "GET", fmt("/api/v1/practices/%lld", l1), NULL, 200);
	full(json_object_get(j, "provenance"), CLOUD, CLOUD_TITLE, W->NW, NW_NAME);
	json_decref(j);

	/* Orchard's planning summit, inviting Lumen and Harbor; Lumen presents its practice. */
	j = req(ORCH, "POST", "/api/v1/summits", "{\"kind\":\"buyer-planning\",\"title\":\"Zq practice summit\",\"starts_on\":\"2027-05-04\"}", 201);
	summit = num(j, "id");
	json_decref(j);
	json_decref(req(ORCH, "POST", fmt("/api/v1/summits/%lld/invitations", summit), fmt("{\"org_ids\":[%lld,%lld]}", W->LU, W->HB), 200));
	/* Only the author links its practice (issue 16): the host is refused whatever the practice. */
	j = req(ORCH, "POST", fmt("/api/v1/summits/%lld/sessions", summit),
		fmt("{\"kind\":\"best-practice\",\"title\":\"Draft\",\"presenter_org_id\":%lld,\"practice_id\":%lld}", W->LU, l0), 403);
	CHECK_STR(error_field(j), "practice_id");
	json_decref(j);
	j = req(ORCH, "POST", fmt("/api/v1/summits/%lld/sessions", summit),
		fmt("{\"kind\":\"best-practice\",\"title\":\"Not theirs\",\"presenter_org_id\":%lld,\"practice_id\":%lld}", W->HB, l1), 403);
	CHECK_STR(error_field(j), "practice_id");
	json_decref(j);
	/* Nothing shown by the refused sessions. */
	json_decref(req(ORCH, "GET", fmt("/api/v1/practices/%lld", l1), NULL, 404));
	json_decref(req(ORCH, "GET", fmt("/api/v1/practices/%lld", l0), NULL, 404));
	/* The host names Lumen as presenter; Lumen links its own practice, not a draft, not to a showcase. */
	j = req(ORCH, "POST", fmt("/api/v1/summits/%lld/sessions", summit),
		fmt("{\"kind\":\"showcase\",\"title\":\"Show\",\"presenter_org_id\":%lld}", W->LU), 201);
	{
		long long show = num(json_array_get(json_object_get(j, "sessions"), 0), "id"), session;

		json_decref(j);
		j = req(LU_LEAD, "PATCH", fmt("/api/v1/sessions/%lld", show), fmt("{\"practice_id\":%lld}", l1), 422);
		CHECK_STR(error_field(j), "practice_id");
		json_decref(j);
		j = req(ORCH, "POST", fmt("/api/v1/summits/%lld/sessions", summit),
			fmt("{\"kind\":\"best-practice\",\"title\":\"Discovery workshops\",\"presenter_org_id\":%lld}", W->LU), 201);
		session = num(json_array_get(json_object_get(j, "sessions"), 1), "id");
		json_decref(j);
		j = req(LU_LEAD, "PATCH", fmt("/api/v1/sessions/%lld", session), fmt("{\"practice_id\":%lld}", l0), 422);
		CHECK_STR(error_field(j), "practice_id");
		json_decref(j);
		json_decref(req(ORCH, "GET", fmt("/api/v1/practices/%lld", l0), NULL, 404));
		j = req(LU_LEAD, "PATCH", fmt("/api/v1/sessions/%lld", session), fmt("{\"practice_id\":%lld}", l1), 200);
	}
	json_array_foreach(json_object_get(j, "sessions"), i, x) linked |= num(x, "practice_id") == l1;
	CHECK(linked);
	json_decref(j);

	/* The host and both invitees see it, with at most the industry (hidden: Lumen has one Banking customer); Kestrel, not invited, does not. */
	j = req(ORCH, "GET", fmt("/api/v1/practices/%lld", l1), NULL, 200);
	reduced(json_object_get(j, "provenance"), NULL);
	json_decref(j);
	j = req(HB_LEAD, "GET", fmt("/api/v1/practices/%lld", l1), NULL, 200);
	reduced(json_object_get(j, "provenance"), NULL);
	json_decref(j);
	CHECK_INT(total(ORCH, "zqsummitword"), 1);
	CHECK_INT(total(HB_LEAD, "zqsummitword"), 1);
	CHECK(listed(ORCH, "?tag=zqsummit-tag", l1));
	json_decref(req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", l1), NULL, 404));
	CHECK_INT(total(KE_LEAD, "zqsummitword"), 0);
	/* The draft stays hidden. */
	json_decref(req(ORCH, "GET", fmt("/api/v1/practices/%lld", l0), NULL, 404));
	CHECK_INT(total(ORCH, "zqsummitdraft"), 0);
	{
		char *body = raw(ORCH, fmt("/api/v1/practices/%lld", l1));

		no_trace(body, "Northwind", CLOUD_TITLE, CLOUD, W->NW, "summit practice as orchard_cm");
		free(body);
		body = raw(HB_LEAD, "/api/v1/practices?q=zqsummitword");
		no_trace(body, "Northwind", CLOUD_TITLE, CLOUD, W->NW, "summit practice search as hb_lead");
		free(body);
	}
	/* Seeing it does not make Orchard a customer: it has no engagement with Lumen to adopt it on. */
	j = req(ORCH, "POST", fmt("/api/v1/practices/%lld/adoptions", l1), fmt("{\"engagement_id\":%lld}", W->E_MD), 422);
	CHECK_STR(error_field(j), "engagement_id");
	json_decref(j);

	/* A provider's customer summit hosted by the practice's provider, inviting Orchard. */
	l2 = published_new(LU_LEAD, CLOUD, "Zqhosted steering cadence", "A zqhostedword steering cadence.", NULL, NULL);
	json_decref(req(ORCH, "GET", fmt("/api/v1/practices/%lld", l2), NULL, 404));
	j = req(LU_LEAD, "POST", "/api/v1/summits", "{\"kind\":\"provider-customer\",\"title\":\"Zq Lumen client day\",\"starts_on\":\"2027-06-01\"}", 201);
	summit2 = num(j, "id");
	json_decref(j);
	json_decref(req(LU_LEAD, "POST", fmt("/api/v1/summits/%lld/invitations", summit2), fmt("{\"org_ids\":[%lld]}", ORCH_ORG), 200));
	json_decref(req(LU_LEAD, "POST", fmt("/api/v1/summits/%lld/sessions", summit2),
			fmt("{\"kind\":\"best-practice\",\"title\":\"Steering\",\"presenter_org_id\":%lld,\"practice_id\":%lld}", W->LU, l2), 201));
	j = req(ORCH, "GET", fmt("/api/v1/practices/%lld", l2), NULL, 200);
	reduced(json_object_get(j, "provenance"), NULL);
	json_decref(j);
	CHECK_INT(total(ORCH, "zqhostedword"), 1);
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/practices/%lld", l2), NULL, 404));
	CHECK_INT(total(HB_LEAD, "zqhostedword"), 0);
}

/* ---- search: drafts, unpublished revisions, snippets, filters ---- */

static void test_search_rules(void)
{
	const int others[] = {NW_CM, MD_CM, HB_LEAD, LU_LEAD, ADMIN};
	long long s1, s2, s3, f1, f2;
	json_t *j, *x;

	s1 = published_new(KE_LEAD, W->E1, "Zqsearch vendor scorecard", "A zqshared scorecard reviewed monthly.", "[\"zqsearch-tag\"]", NULL);
	CHECK_INT(total(NW_CM, "zqshared"), 1);
	CHECK_INT(total(MD_CM, "zqshared"), 1);
	CHECK_INT(total(HB_LEAD, "zqshared"), 0);
	CHECK_INT(total(KE_LEAD, "zqshared"), 1); /* asked again below: a kept answer must not outlive the new draft */
	/* A draft with the same word and one of its own: never in others' results or counts. */
	s2 = practice_new(KE_CONS, W->E1, "Zqsearch draft", "The zqshared zqdraftword idea, unfinished.", "[\"zqsearch-tag\"]", NULL);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		int who = others[i];

		CHECK_INT(total(who, "zqshared"), who == HB_LEAD || who == LU_LEAD || who == ADMIN ? 0 : 1);
		CHECK_INT(total(who, "zqdraftword"), 0);
		CHECK(!listed(who, "?q=zqshared", s2));
		CHECK(!listed(who, "?tag=zqsearch-tag", s2));
		CHECK(!listed(who, "?status=draft&tag=zqsearch-tag", s2));
	}
	CHECK_INT(total(KE_LEAD, "zqshared"), 2);
	CHECK_INT(total(KE_MEMBER, "zqdraftword"), 1);
	CHECK(listed(KE_LEAD, "?status=draft&tag=zqsearch-tag", s2));
	CHECK(!listed(KE_LEAD, "?status=draft&tag=zqsearch-tag", s1));

	/* An edit of a published practice: others keep the published revision, in GET, lists, search and snippets. */
	j = req(KE_CONS, "PATCH", fmt("/api/v1/practices/%lld", s1), "{\"body\":\"A zqshared scorecard reviewed monthly, now with zqeditword weights.\"}", 200);
	CHECK_INT(num(j, "current_revision"), 2);
	CHECK_INT(num(j, "published_revision"), 1);
	CHECK_STR(str(j, "status"), "published");
	CHECK(strstr(str(j, "body"), "zqeditword") != NULL);
	json_decref(j);
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
		CHECK_INT(total(others[i], "zqeditword"), 0);
	CHECK_INT(total(KE_LEAD, "zqeditword"), 1);
	CHECK_INT(total(KE_LEAD, "zqshared"), 2);
	j = req(MD_CM, "GET", fmt("/api/v1/practices/%lld", s1), NULL, 200);
	CHECK_INT(num(j, "revision"), 1);
	CHECK_STR(str(j, "body"), "A zqshared scorecard reviewed monthly.");
	CHECK(json_object_get(j, "current_revision") == NULL);
	json_decref(j);
	j = req(NW_CM, "GET", fmt("/api/v1/practices/%lld", s1), NULL, 200);
	CHECK_INT(num(j, "revision"), 1);
	CHECK(!strstr(str(j, "body"), "zqeditword"));
	json_decref(j);
	j = find(MD_CM, "?q=zqshared");
	CHECK_INT(num(j, "total"), 1);
	x = item_of(j, s1);
	CHECK(x != NULL);
	CHECK_INT(num(x, "revision"), 1);
	CHECK(!strstr(str(x, "snippet"), "zqeditword"));
	CHECK(!strstr(str(x, "snippet_html"), "zqeditword"));
	json_decref(j);
	j = find(NW_CM, "?tag=zqsearch-tag");
	x = item_of(j, s1);
	CHECK(x != NULL);
	CHECK(!strstr(str(x, "excerpt"), "zqeditword"));
	json_decref(j);
	/* Published again: now everyone who may see it finds the new word. */
	publish(KE_LEAD, s1, 200);
	CHECK_INT(total(MD_CM, "zqeditword"), 1);
	CHECK_INT(total(MD_CM, "zqshared"), 1);
	CHECK_INT(total(KE_LEAD, "zqshared"), 2);
	CHECK_INT(total(HB_LEAD, "zqeditword"), 0);

	/* Snippets: escaped, then highlighted. */
	s3 = published_new(KE_LEAD, W->E1, "Zqsnippet go-live gate", "Before go-live run zqsnippetword <script>alert(1)</script> & sign off.", NULL, NULL);
	j = find(MD_CM, "?q=zqsnippetword");
	x = item_of(j, s3);
	CHECK(x != NULL);
	/* Every '<' in it opens or closes a <mark>: the text's own markup came out escaped (SQLite: "&lt;script&gt;") or,
	 * where PostgreSQL's headline parser takes a tag for markup, not at all. */
	for (const char *lt = strchr(str(x, "snippet_html"), '<'); lt; lt = strchr(lt + 1, '<'))
		CHECK(!strncmp(lt, "<mark>", 6) || !strncmp(lt, "</mark>", 7));
	if (!getenv("ACCORD_TEST_DB"))
		CHECK(strstr(str(x, "snippet_html"), "&lt;script&gt;") != NULL);
	CHECK(strstr(str(x, "snippet_html"), "<mark>zqsnippetword</mark>") != NULL);
	CHECK(strstr(str(x, "snippet_html"), "<script>") == NULL);
	CHECK(strstr(str(x, "snippet_html"), "&amp;") != NULL);
	if (!x || !strstr(str(x, "snippet_html"), "<mark>zqsnippetword</mark>"))
		fprintf(stderr, "  snippet_html: %s\n", str(x, "snippet_html"));
	json_decref(j);
	/* The body is rendered safely: no raw HTML, no script links. */
	j = req(MD_CM, "GET", fmt("/api/v1/practices/%lld", s3), NULL, 200);
	CHECK(strstr(str(j, "body_html"), "<script") == NULL);
	json_decref(j);
	{
		long long l = published_new(KE_LEAD, W->E1, "Zqlink practice", "See [the zqlinkword guide](javascript:alert(1)) and <img src=x onerror=alert(1)>.", NULL, NULL);

		j = req(NW_CM, "GET", fmt("/api/v1/practices/%lld", l), NULL, 200);
		CHECK(strstr(str(j, "body_html"), "javascript:") == NULL);
		CHECK(strstr(str(j, "body_html"), "<img") == NULL);
		json_decref(j);
	}
	/* Search syntax is taken as words: it never fails to parse; an overlong search is refused. */
	{
		char q[420];

		j = req(MD_CM, "GET", fmt("/api/v1/practices?q=%s", repeat(q, sizeof q, 'a', 401)), NULL, 400);
		CHECK_STR(error_field(j), "q");
		json_decref(j);
	}
	json_decref(find(MD_CM, "?q=%22zqsnippetword%20OR%20title:x*%22%20NEAR("));

	/* Filters: tag, industry (the origin buyer's), service line — with and without a query. */
	f1 = published_new(KE_LEAD, W->E1, "Zqfilter one", "The zqfilterword approach, first.", "[\"zqfilter-a\"]", "ITES");
	f2 = published_new(KE_LEAD, W->E_MD, "Zqfilter two", "The zqfilterword approach, second.", "[\"zqfilter-b\"]", "IT");
	j = find(NW_CM, "?q=zqfilterword");
	CHECK_INT(num(j, "total"), 2);
	CHECK(lists(j, f1) && lists(j, f2));
	json_decref(j);
	j = find(NW_CM, "?q=zqfilterword&tag=zqfilter-a");
	CHECK_INT(num(j, "total"), 1);
	CHECK(lists(j, f1) && !lists(j, f2));
	json_decref(j);
	j = find(MD_CM, "?q=zqfilterword&industry=Retail");
	CHECK_INT(num(j, "total"), 1);
	CHECK(lists(j, f2) && !lists(j, f1));
	CHECK_STR(str(item_of(j, f2), "industry"), "Retail");
	json_decref(j);
	/* Banking is f1's industry, but hidden from Meridian (Kestrel has one Banking customer): the filter finds nothing. */
	j = find(MD_CM, "?q=zqfilterword&industry=Banking");
	CHECK_INT(num(j, "total"), 0);
	CHECK(!lists(j, f1) && !lists(j, f2));
	json_decref(j);
	j = find(NW_CM, "?q=zqfilterword&industry=Banking");
	CHECK_INT(num(j, "total"), 1);
	CHECK(lists(j, f1) && !lists(j, f2));
	json_decref(j);
	j = find(KE_LEAD, "?q=zqfilterword&service_line=ITES");
	CHECK_INT(num(j, "total"), 1);
	CHECK(lists(j, f1) && !lists(j, f2));
	CHECK_STR(str(item_of(j, f1), "service_line"), "ITES");
	json_decref(j);
	j = find(NW_CM, "?q=zqfilterword&service_line=BPO");
	CHECK_INT(num(j, "total"), 0);
	json_decref(j);
	CHECK(listed(NW_CM, "?tag=zqfilter-b", f2) && !listed(NW_CM, "?tag=zqfilter-b", f1));
	/* A list without a query is newest first and pages by `after`. */
	j = find(MD_CM, "?limit=1&industry=Retail&tag=zqfilter-b");
	CHECK_INT(json_array_size(json_object_get(j, "items")), 1);
	CHECK(json_is_null(json_object_get(j, "next")));
	json_decref(j);
	{
		const char *q = fmt("?limit=1&q=&tag=zqfilter-a");
		long long next;

		json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/practices/%lld", f2), "{\"tags\":[\"zqfilter-b\",\"zqfilter-a\"]}", 200));
		publish(KE_LEAD, f2, 200);
		j = find(NW_CM, q);
		CHECK_INT(json_array_size(json_object_get(j, "items")), 1);
		CHECK(lists(j, f2)); /* newer */
		next = num(j, "next");
		CHECK(next > 0);
		json_decref(j);
		j = find(NW_CM, fmt("?limit=1&tag=zqfilter-a&after=%lld", next));
		CHECK(lists(j, f1));
		json_decref(j);
	}
	CHECK(listed(MD_CM, "?industry=Retail&tag=zqfilter-b", f2));
	CHECK(!listed(MD_CM, "?industry=Banking&tag=zqfilter-b", f2));
	CHECK(listed(NW_CM, "?service_line=ITES&tag=zqfilter-a", f1));
	CHECK(!listed(NW_CM, "?service_line=IT&tag=zqfilter-a", f1));
	json_decref(req(NW_CM, "GET", "/api/v1/practices?service_line=HR", NULL, 400));
	json_decref(req(NW_CM, "GET", "/api/v1/practices?status=secret", NULL, 400));
	/* Northwind sees Meridian's practice as "a customer": nothing of Meridian, not even Retail (Kestrel's only Retail customer). */
	j = req(NW_CM, "GET", fmt("/api/v1/practices/%lld", f2), NULL, 200);
	reduced(json_object_get(j, "provenance"), NULL);
	json_decref(j);
	j = find(NW_CM, "?q=zqfilterword&industry=Retail");
	CHECK_INT(num(j, "total"), 0);
	json_decref(j);
	{
		const char *paths[] = {fmt("/api/v1/practices/%lld", f2), "/api/v1/practices?tag=zqfilter-b", "/api/v1/practices?q=zqfilterword&industry=Retail"};

		for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
			char *body = raw(NW_CM, paths[i]);

			no_trace(body, MD_NAME, EMD_TITLE, W->E_MD, W->MD, fmt("GET %s as nw_cm", paths[i]));
			free(body);
		}
	}
}

/* ---- confidential terms ---- */

static void test_confidential_terms(void)
{
	const char *path = fmt("/api/v1/orgs/%lld/confidential-terms", W->NW);
	json_t *j, *before, *mine, *x;
	char long_term[130], *many, *body;
	size_t i, len = 0;
	bool found = false;

	before = req(NW_CM, "GET", path, NULL, 200);
	CHECK_INT(num(before, "org_id"), W->NW);
	CHECK(json_is_array(json_object_get(before, "terms")));
	/* The buyer's governance roles read; its member does not; nobody outside the buyer sees it exists. */
	json_decref(req(NW_CXO, "GET", path, NULL, 200));
	json_decref(req(NW_CIO, "GET", path, NULL, 200));
	json_decref(req(NW_SM, "GET", path, NULL, 200));
	json_decref(req(NW_MEMBER, "GET", path, NULL, 403));
	json_decref(req(MD_CM, "GET", path, NULL, 404));
	json_decref(req(KE_LEAD, "GET", path, NULL, 404));
	json_decref(req(ADMIN, "GET", path, NULL, 404));

	/* Replace the list with what was there plus one term of ours. */
	mine = json_deep_copy(json_object_get(before, "terms"));
	json_array_append_new(mine, json_string("Falconridge Initiative"));
	{
		json_t *o = json_pack("{s:O}", "terms", mine);

		body = json_dumps(o, JSON_COMPACT);
		json_decref(o);
	}
	j = req(NW_CM, "PUT", path, body, 200);
	free(body);
	json_array_foreach(json_object_get(j, "terms"), i, x) found |= !strcmp(json_string_value(x), "Falconridge Initiative");
	CHECK(found);
	CHECK_INT(json_array_size(json_object_get(j, "terms")), json_array_size(mine));
	json_decref(j);
	json_decref(mine);
	json_decref(before);
	before = req(NW_CM, "GET", path, NULL, 200);

	/* Bad input: 422 naming the field, nothing written. */
	repeat(long_term, sizeof long_term, 'x', 121);
	{
		struct {
			const char *body, *field;
		} bad[] = {
			{"{\"terms\":\"Falconridge\"}", "terms"},
			{"{\"terms\":[5]}", "terms"},
			{"{}", "terms"},
			{fmt("{\"terms\":[\"ok term\",\"%s\"]}", long_term), "terms[1]"},
			{"{\"terms\":[\"   \"]}", "terms[0]"},
			{"{\"terms\":[\"fine\"],\"colour\":\"red\"}", "colour"},
		};

		for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
			j = req(NW_CM, "PUT", path, bad[i].body, 422);
			CHECK_STR(error_field(j), bad[i].field);
			json_decref(j);
		}
	}
	many = malloc(501 * 8 + 32);
	len = (size_t)sprintf(many, "{\"terms\":[");
	for (i = 0; i < 501; i++)
		len += (size_t)sprintf(many + len, "%s\"t%zu\"", i ? "," : "", i);
	sprintf(many + len, "]}");
	j = req(NW_CM, "PUT", path, many, 422);
	CHECK_STR(error_field(j), "terms");
	json_decref(j);
	free(many);
	/* Not the caller's to change: 404 outside the buyer, 403 for its people without the role. */
	json_decref(req(MD_CM, "PUT", path, "{\"terms\":[\"x\"]}", 404));
	json_decref(req(HB_LEAD, "PUT", path, "{\"terms\":[\"x\"]}", 404));
	json_decref(req(ADMIN, "PUT", path, "{\"terms\":[\"x\"]}", 404));
	json_decref(req(NW_CIO, "PUT", path, "{\"terms\":[\"x\"]}", 403));
	json_decref(req(NW_MEMBER, "PUT", path, "{\"terms\":[\"x\"]}", 403));
	json_decref(req(NW_CM, "PUT", fmt("/api/v1/orgs/%lld/confidential-terms", W->MD), "{\"terms\":[\"x\"]}", 404));
	/* A provider keeps no confidential terms: its own people have no role that may, others do not see it. */
	json_decref(req(KE_LEAD, "PUT", fmt("/api/v1/orgs/%lld/confidential-terms", W->KE), "{\"terms\":[\"x\"]}", 403));
	json_decref(req(NW_CM, "PUT", fmt("/api/v1/orgs/%lld/confidential-terms", W->KE), "{\"terms\":[\"x\"]}", 404));
	j = req(NW_CXO, "GET", path, NULL, 200);
	CHECK(json_equal(j, before));
	json_decref(j);
	json_decref(before);
}

/* ---- the leak check and the origin buyer's approval ---- */

static bool has_finding(json_t *findings, const char *term, const char *field, const char *kind)
{
	size_t i;
	json_t *f;

	json_array_foreach(findings, i, f) if (!strcmp(str(f, "term"), term) && !strcmp(str(f, "field"), field) &&
					       !strcmp(str(f, "kind"), kind)) return true;
	fprintf(stderr, "  no finding {%s, %s, %s}\n", term, field, kind);
	return false;
}

static json_t *approval_of(json_t *practice, long long revision)
{
	size_t i;
	json_t *a;

	json_array_foreach(json_object_get(practice, "approvals"), i, a) if (num(a, "revision") == revision) return a;
	return NULL;
}

static void test_leak_check_and_approval(void)
{
	char person[128], email[160], unit[128], body[1024], title[256];
	const char *approve1 = "{\"revision\":1,\"decision\":\"approve\"}";
	long long p, d;
	json_t *j, *f, *a;
	size_t i;

	/* What identifies Northwind, read from the server. */
	j = req(NW_CM, "GET", "/api/v1/me", NULL, 200);
	snprintf(person, sizeof person, "%s", str(j, "name"));
	snprintf(email, sizeof email, "%s", str(j, "email"));
	json_decref(j);
	j = req(NW_CM, "GET", fmt("/api/v1/orgs/%lld/units", W->NW), NULL, 200);
	snprintf(unit, sizeof unit, "%s", str(json_array_get(json_object_get(j, "items"), 0), "name"));
	json_decref(j);
	snprintf(title, sizeof title, "Zqleak rollout at %s", NW_NAME);
	snprintf(body, sizeof body, "Agreed with %s (%s) for the %s unit during %s, under the Falconridge Initiative.", person,
		 email, unit, E1_TITLE);
	p = practice_new(KE_LEAD, W->E1, title, body, "[\"zqleak-tag\",\"Falconridge Initiative\"]", NULL);

	/* Refused with every finding, and nothing written. */
	j = req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 422);
	CHECK_STR(error_code(j), "leak");
	f = json_object_get(json_object_get(j, "error"), "findings");
	CHECK(json_array_size(f) >= 7);
	CHECK(has_finding(f, NW_NAME, "title", "organisation"));
	CHECK(has_finding(f, person, "body", "person"));
	CHECK(has_finding(f, email, "body", "email"));
	/* The unit's name ("Retail Banking") is made only of ordinary words: never a finding on its own (docs/practices.md). */
	json_array_foreach(f, i, a) CHECK(strcmp(str(a, "kind"), "unit") != 0);
	CHECK(has_finding(f, E1_TITLE, "body", "engagement"));
	CHECK(has_finding(f, "Falconridge Initiative", "body", "confidential"));
	/* term is the author's text as kept: tags are kept in lower case. */
	CHECK(has_finding(f, "falconridge initiative", "tags", "confidential"));
	json_array_foreach(f, i, a) CHECK(*str(a, "term") && *str(a, "field") && *str(a, "kind") && num(a, "customer_org_id") == W->NW);
	json_decref(j);
	j = req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/publish", p), "{\"request_approval\":false}", 422);
	CHECK_STR(error_code(j), "leak");
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_STR(str(j, "status"), "draft");
	CHECK(json_is_null(json_object_get(j, "published_revision")));
	CHECK_INT(json_array_size(json_object_get(j, "approvals")), 0);
	json_decref(j);
	json_decref(req(NW_CM, "GET", fmt("/api/v1/practices/%lld", p), NULL, 404));

	/* Asking for approval: 202, recorded, still a draft; the origin buyer now reads the revision and its findings. */
	j = req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{\"request_approval\":true}", 202);
	CHECK_STR(str(j, "publication"), "awaiting-approval");
	CHECK_STR(str(j, "status"), "draft");
	CHECK(json_array_size(json_object_get(j, "findings")) >= 7);
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	a = approval_of(j, 1);
	CHECK(a != NULL);
	CHECK_STR(str(a, "status"), "requested");
	CHECK_INT(num(a, "requested_by"), W->user_id[KE_LEAD]);
	CHECK(json_is_null(json_object_get(a, "decided_by")));
	CHECK(json_array_size(json_object_get(a, "findings")) >= 7);
	json_decref(j);
	j = req(NW_CM, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_STR(str(j, "status"), "draft");
	a = approval_of(j, 1);
	CHECK(a != NULL);
	CHECK_STR(str(json_object_get(a, "text"), "title"), title);
	CHECK(has_finding(json_object_get(a, "findings"), E1_TITLE, "body", "engagement"));
	json_decref(j);
	json_decref(req(MD_CM, "GET", fmt("/api/v1/practices/%lld", p), NULL, 404));
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 404));

	/* Only the origin buyer's contract manager decides. */
	json_decref(req(NW_CXO, "POST", fmt("/api/v1/practices/%lld/approval", p), approve1, 403));
	json_decref(req(NW_CIO, "POST", fmt("/api/v1/practices/%lld/approval", p), approve1, 403));
	json_decref(req(NW_SM, "POST", fmt("/api/v1/practices/%lld/approval", p), approve1, 403));
	json_decref(req(NW_MEMBER, "POST", fmt("/api/v1/practices/%lld/approval", p), approve1, 403));
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/approval", p), approve1, 403));
	json_decref(req(MD_CM, "POST", fmt("/api/v1/practices/%lld/approval", p), approve1, 404));
	json_decref(req(HB_LEAD, "POST", fmt("/api/v1/practices/%lld/approval", p), approve1, 404));
	json_decref(req(LU_LEAD, "POST", fmt("/api/v1/practices/%lld/approval", p), approve1, 404));
	json_decref(req(ADMIN, "POST", fmt("/api/v1/practices/%lld/approval", p), approve1, 404));
	j = req(NW_CM, "POST", fmt("/api/v1/practices/%lld/approval", p), "{\"revision\":2,\"decision\":\"approve\"}", 409);
	CHECK_STR(error_field(j), "revision");
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_STR(str(j, "status"), "draft");
	CHECK_STR(str(approval_of(j, 1), "status"), "requested");
	json_decref(j);

	/* A new revision supersedes the request; the draft is no longer the origin's to read. */
	json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/practices/%lld", p), fmt("{\"title\":\"%s, revised\"}", title), 200));
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_INT(num(j, "current_revision"), 2);
	CHECK_STR(str(approval_of(j, 1), "status"), "superseded");
	json_decref(j);
	json_decref(req(NW_CM, "GET", fmt("/api/v1/practices/%lld", p), NULL, 404));
	json_decref(req(NW_CM, "POST", fmt("/api/v1/practices/%lld/approval", p), approve1, 404));
	/* Asked again for revision 2: the superseded revision 1 cannot be approved, revision 2 can. */
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/publish", p), "{\"request_approval\":true}", 202));
	j = req(NW_CM, "POST", fmt("/api/v1/practices/%lld/approval", p), approve1, 409);
	CHECK_STR(error_field(j), "revision");
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_STR(str(j, "status"), "draft");
	CHECK_STR(str(approval_of(j, 1), "status"), "superseded");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/practices/%lld/approval", p), "{\"revision\":2,\"decision\":\"approve\",\"note\":\"Agreed with legal\"}", 200);
	CHECK_STR(str(j, "status"), "published");
	CHECK_INT(num(j, "published_revision"), 2);
	a = approval_of(j, 2);
	CHECK_STR(str(a, "status"), "approved");
	CHECK_INT(num(a, "decided_by"), W->user_id[NW_CM]);
	CHECK(*str(a, "decided_by_name") && *str(a, "decided_at"));
	CHECK_STR(str(a, "note"), "Agreed with legal");
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_STR(str(approval_of(j, 2), "status"), "approved");
	CHECK_INT(num(approval_of(j, 2), "decided_by"), W->user_id[NW_CM]);
	json_decref(j);
	/* Approved once is done: no second decision. */
	json_decref(req(NW_CM, "POST", fmt("/api/v1/practices/%lld/approval", p), "{\"revision\":2,\"decision\":\"decline\"}", 409));

	/* Publishing a new revision checks again: 422 and revision 2 stays the published one. */
	json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/practices/%lld", p), "{\"tags\":[\"zqleak-tag\",\"Falconridge Initiative\",\"zqleak-three\"]}", 200));
	j = req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{}", 422);
	CHECK_STR(error_code(j), "leak");
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_STR(str(j, "status"), "published");
	CHECK_INT(num(j, "published_revision"), 2);
	CHECK_INT(num(j, "current_revision"), 3);
	CHECK(approval_of(j, 3) == NULL);
	json_decref(j);
	j = req(MD_CM, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_INT(num(j, "revision"), 2);
	json_decref(j);
	/* A request for revision 3, superseded by revision 4: approving 3 is a conflict (the practice is still the origin's to see). */
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{\"request_approval\":true}", 202));
	json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/practices/%lld", p), "{\"service_line\":\"ITES\"}", 200));
	j = req(NW_CM, "POST", fmt("/api/v1/practices/%lld/approval", p), "{\"revision\":3,\"decision\":\"approve\"}", 409);
	CHECK_STR(error_field(j), "revision");
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_INT(num(j, "published_revision"), 2);
	CHECK_STR(str(approval_of(j, 3), "status"), "superseded");
	json_decref(j);
	/* Cleaned up, it publishes with no approval. */
	json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/practices/%lld", p),
			"{\"title\":\"Zqleak rollout, cleaned\",\"body\":\"Agreed with the contract team for one unit.\",\"tags\":[\"zqleak-tag\"]}", 200));
	publish(KE_LEAD, p, 200);
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld/revisions", p), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 5);
	CHECK_INT(num(json_array_get(json_object_get(j, "items"), 0), "number"), 5);
	json_decref(j);

	/* Nothing found: asking for approval is not needed, it publishes. */
	d = practice_new(KE_CONS, W->E1, "Zqclean handover notes", "Write zqcleanword handover notes.", NULL, NULL);
	j = req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/publish", d), "{\"request_approval\":true}", 200);
	CHECK_STR(str(j, "status"), "published");
	CHECK_INT(json_array_size(json_object_get(j, "approvals")), 0);
	json_decref(j);

	/* Declined: recorded, still a draft, refused again without approval. */
	d = practice_new(KE_CONS, W->E1, fmt("Zqdecline pilot at %s", NW_NAME), "A pilot.", NULL, NULL);
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/publish", d), "{\"request_approval\":true}", 202));
	j = req(NW_CM, "POST", fmt("/api/v1/practices/%lld/approval", d), "{\"revision\":1,\"decision\":\"decline\",\"note\":\"Names us\"}", 200);
	CHECK_STR(str(j, "status"), "draft");
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", d), NULL, 200);
	CHECK_STR(str(j, "status"), "draft");
	a = approval_of(j, 1);
	CHECK_STR(str(a, "status"), "declined");
	CHECK_INT(num(a, "decided_by"), W->user_id[NW_CM]);
	CHECK_STR(str(a, "note"), "Names us");
	json_decref(j);
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/publish", d), "{}", 422));
	json_decref(req(NW_CM, "GET", fmt("/api/v1/practices/%lld", d), NULL, 404));
	json_decref(req(MD_CM, "GET", fmt("/api/v1/practices/%lld", d), NULL, 404));
}

/* Bad practice input: 422 naming the field, nothing written. */
static void test_practice_bad_input(void)
{
	long long p = practice_new(KE_LEAD, W->E1, "Zqbad input", "Body.", NULL, NULL);
	char big[300];
	json_t *j;
	struct {
		int who;
		const char *method, *path, *body, *field;
	} bad[] = {
		{KE_LEAD, "POST", "/api/v1/practices", fmt("{\"title\":\"T\",\"body\":\"B\",\"origin_engagement_id\":%lld}", W->E2), "origin_engagement_id"},
		{KE_LEAD, "POST", "/api/v1/practices", "{\"title\":\"T\",\"body\":\"B\",\"origin_engagement_id\":999999}", "origin_engagement_id"},
		{KE_LEAD, "POST", "/api/v1/practices", fmt("{\"title\":\"T\",\"body\":\"\",\"origin_engagement_id\":%lld}", W->E1), "body"},
		{KE_LEAD, "POST", "/api/v1/practices", fmt("{\"title\":\"  \",\"body\":\"B\",\"origin_engagement_id\":%lld}", W->E1), "title"},
		{KE_LEAD, "POST", "/api/v1/practices", fmt("{\"title\":\"T\",\"body\":\"B\",\"tags\":[\"a,b\"],\"origin_engagement_id\":%lld}", W->E1), "tags"},
		{KE_LEAD, "POST", "/api/v1/practices", fmt("{\"title\":\"%s\",\"body\":\"B\",\"origin_engagement_id\":%lld}", repeat(big, sizeof big, 'x', 201), W->E1), "title"},
		{HB_LEAD, "POST", "/api/v1/practices", fmt("{\"title\":\"T\",\"body\":\"B\",\"origin_engagement_id\":%lld}", W->E1), "origin_engagement_id"},
		{KE_LEAD, "PATCH", fmt("/api/v1/practices/%lld", p), "{}", "title"},
		{KE_LEAD, "PATCH", fmt("/api/v1/practices/%lld", p), "{\"tags\":[\"<b>\"]}", "tags"},
		{KE_LEAD, "PATCH", fmt("/api/v1/practices/%lld", p), "{\"origin_engagement_id\":1}", "origin_engagement_id"},
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		j = req(bad[i].who, bad[i].method, bad[i].path, bad[i].body, 422);
		CHECK_STR(error_field(j), bad[i].field);
		json_decref(j);
	}
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld", p), NULL, 200);
	CHECK_INT(num(j, "current_revision"), 1);
	CHECK_STR(str(j, "title"), "Zqbad input");
	json_decref(j);
	CHECK_INT(total(KE_LEAD, "zqbad"), 1);
	/* Tags are normalised: trimmed, lower case, duplicates dropped. */
	j = req(KE_LEAD, "PATCH", fmt("/api/v1/practices/%lld", p), "{\"tags\":[\" Zq  Norm \",\"zq norm\",\"Other\"]}", 200);
	CHECK_INT(json_array_size(json_object_get(j, "tags")), 2);
	CHECK_STR(json_string_value(json_array_get(json_object_get(j, "tags"), 0)), "zq norm");
	json_decref(j);
	/* Retiring a draft, publishing what is published: conflicts. */
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/retire", p), "{}", 409));
	publish(KE_LEAD, p, 200);
	publish(KE_LEAD, p, 409);
}

/* ---- adoption ---- */

static json_t *adoption(int who, const char *method, long long id, const char *body, long want)
{
	return req(who, method, fmt("/api/v1/adoptions/%lld", id), body, want);
}

static void step(int who, long long id, const char *body, long want, const char *field)
{
	json_t *j = adoption(who, "PATCH", id, body, want);

	if (field)
		CHECK_STR(error_field(j), field);
	json_decref(j);
}

static bool has_adoption(json_t *list, long long id)
{
	return lists(list, id);
}

static void test_adoption_lifecycle(void)
{
	long long ad_a, ad_n, r, ad_r;
	json_t *j, *s, *x;
	size_t i;

	CHECK(DIGITAL > 0);
	PA = published_new(KE_LEAD, W->E1, "Zqadopt nightly reconciliation", "Reconcile zqadoptword batches nightly.", "[\"zqadopt-tag\"]", NULL);
	PB = published_new(KE_CONS, W->E1, "Zqpropose dispute triage", "Triage zqproposeword disputes by value.", NULL, NULL);

	/* A customer (not the origin) gives buy-in on its own engagement with the provider. */
	j = req(MD_CM, "POST", fmt("/api/v1/practices/%lld/adoptions", PA), fmt("{\"engagement_id\":%lld,\"note\":\"Worth a pilot\"}", W->E_MD), 201);
	ad_a = num(j, "id");
	CHECK_STR(str(j, "status"), "buy-in");
	CHECK_INT(num(j, "practice_id"), PA);
	CHECK_INT(num(j, "engagement_id"), W->E_MD);
	CHECK_INT(num(j, "buyer_org_id"), W->MD);
	CHECK_STR(str(j, "buyin_on"), TEST_TODAY);
	s = json_object_get(j, "steps");
	CHECK_INT(json_array_size(s), 1);
	CHECK_STR(str(json_array_get(s, 0), "status"), "buy-in");
	CHECK_INT(num(json_array_get(s, 0), "user_id"), W->user_id[MD_CM]);
	CHECK(*str(json_array_get(s, 0), "at"));
	CHECK_STR(str(json_array_get(s, 0), "note"), "Worth a pilot");
	json_decref(j);
	j = req(MD_CM, "POST", fmt("/api/v1/practices/%lld/adoptions", PA), fmt("{\"engagement_id\":%lld}", W->E_MD), 409);
	CHECK_STR(error_field(j), "engagement_id");
	json_decref(j);
	/* Not on the origin engagement, not on another buyer's, not on an engagement with another provider. */
	j = req(NW_CM, "POST", fmt("/api/v1/practices/%lld/adoptions", PA), fmt("{\"engagement_id\":%lld}", W->E1), 422);
	CHECK_STR(error_field(j), "engagement_id");
	json_decref(j);
	j = req(MD_CM, "POST", fmt("/api/v1/practices/%lld/adoptions", PA), fmt("{\"engagement_id\":%lld}", W->E1), 422);
	CHECK_STR(error_field(j), "engagement_id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/practices/%lld/adoptions", PA), fmt("{\"engagement_id\":%lld}", W->E_MD), 422);
	CHECK_STR(error_field(j), "engagement_id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/practices/%lld/adoptions", PA), fmt("{\"engagement_id\":%lld}", W->E2), 422);
	CHECK_STR(error_field(j), "engagement_id");
	json_decref(j);
	json_decref(req(HB_LEAD, "POST", fmt("/api/v1/practices/%lld/adoptions", PA), fmt("{\"engagement_id\":%lld}", W->E2), 404));
	/* The origin customer may adopt it on another of its engagements with the provider; any of its people may. */
	j = req(NW_MEMBER, "POST", fmt("/api/v1/practices/%lld/adoptions", PA), fmt("{\"engagement_id\":%lld}", DIGITAL), 201);
	ad_n = num(j, "id");
	CHECK_STR(str(j, "status"), "buy-in");
	json_decref(j);

	/* The provider proposes on one of its engagements. */
	json_decref(req(KE_MEMBER, "POST", fmt("/api/v1/practices/%lld/adoptions", PB), fmt("{\"engagement_id\":%lld}", W->E_MD), 403));
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/adoptions", PB), fmt("{\"engagement_id\":%lld}", W->E1), 422));
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/adoptions", PB), fmt("{\"engagement_id\":%lld}", W->E2), 422));
	j = req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/adoptions", PB), fmt("{\"engagement_id\":%lld}", W->E_MD), 201);
	AD_B = num(j, "id");
	CHECK_STR(str(j, "status"), "proposed");
	CHECK_STR(str(j, "proposed_on"), TEST_TODAY);
	CHECK(json_is_null(json_object_get(j, "buyin_on")));
	CHECK_INT(num(json_array_get(json_object_get(j, "steps"), 0), "user_id"), W->user_id[KE_CONS]);
	json_decref(j);

	/* Steps, by side (docs/practices.md). */
	step(KE_LEAD, AD_B, "{\"status\":\"buy-in\"}", 403, "status");
	step(KE_LEAD, AD_B, "{\"status\":\"rejected\"}", 403, "status");
	step(KE_LEAD, AD_B, "{\"status\":\"implementing\"}", 409, "status");
	step(MD_CM, AD_B, "{\"status\":\"implemented\",\"benefit\":{\"text\":\"x\"}}", 409, "status");
	step(MD_CM, AD_B, "{\"status\":\"proposed\"}", 409, "status");
	step(MD_CM, AD_B, "{\"status\":\"done\"}", 422, "status");
	step(HB_LEAD, AD_B, "{\"status\":\"rejected\"}", 404, NULL);
	step(NW_CM, AD_B, "{\"status\":\"rejected\"}", 404, NULL);
	step(MD_CM, AD_B, "{\"status\":\"rejected\",\"note\":\"Not this quarter\"}", 200, NULL);
	step(MD_CM, AD_B, "{\"status\":\"implementing\"}", 409, "status");
	step(MD_CM, AD_B, "{\"status\":\"buy-in\"}", 200, NULL);
	step(KE_MEMBER, AD_B, "{\"status\":\"implementing\"}", 403, NULL);
	step(KE_CONS, AD_B, "{\"status\":\"implementing\"}", 200, NULL);
	step(MD_CM, AD_B, "{\"status\":\"buy-in\"}", 409, "status");
	/* Implemented needs the benefit; a value needs its unit. */
	step(MD_CM, AD_B, "{\"status\":\"implemented\"}", 422, "benefit.text");
	step(MD_CM, AD_B, "{\"status\":\"implemented\",\"benefit\":{\"text\":\"Cycle time down\",\"value\":12.5}}", 422, "benefit.unit");
	step(MD_CM, AD_B, "{\"status\":\"implemented\",\"benefit\":{\"text\":\"Cycle time down\",\"value\":\"a lot\",\"unit\":\"%\"}}", 422, "benefit.value");
	j = adoption(MD_CM, "GET", AD_B, NULL, 200);
	CHECK_STR(str(j, "status"), "implementing");
	CHECK_INT(json_array_size(json_object_get(j, "steps")), 4);
	json_decref(j);
	j = adoption(KE_LEAD, "PATCH", AD_B, "{\"status\":\"implemented\",\"benefit\":{\"text\":\"Cycle time down\",\"value\":12.5,\"unit\":\"%\"}}", 200);
	CHECK_STR(str(j, "status"), "implemented");
	CHECK_STR(str(j, "implemented_on"), TEST_TODAY);
	x = json_object_get(j, "benefit");
	CHECK_STR(str(x, "text"), "Cycle time down");
	CHECK_STR(str(x, "unit"), "%");
	/* The value comes back as given: 12.5 (as a number, or its exact decimal text). */
	CHECK((json_is_number(json_object_get(x, "value")) && json_number_value(json_object_get(x, "value")) == 12.5) ||
	      !strcmp(str(x, "value"), "12.5"));
	json_decref(j);
	/* Implemented again: the benefit restated. */
	j = adoption(MD_CM, "PATCH", AD_B, "{\"status\":\"implemented\",\"benefit\":{\"text\":\"Cycle time down by an eighth\"}}", 200);
	CHECK_STR(str(json_object_get(j, "benefit"), "text"), "Cycle time down by an eighth");
	CHECK_STR(str(json_object_get(j, "benefit"), "unit"), "%");
	CHECK_STR(str(j, "implemented_on"), TEST_TODAY);
	s = json_object_get(j, "steps");
	CHECK_INT(json_array_size(s), 6);
	{
		const char *want[] = {"proposed", "rejected", "buy-in", "implementing", "implemented", "implemented"};
		const int by[] = {KE_CONS, MD_CM, MD_CM, KE_CONS, KE_LEAD, MD_CM};

		json_array_foreach(s, i, x)
		{
			if (i >= 6)
				break;
			CHECK_STR(str(x, "status"), want[i]);
			CHECK_INT(num(x, "user_id"), W->user_id[by[i]]);
			CHECK(*str(x, "at"));
		}
		CHECK_STR(str(json_array_get(s, 1), "note"), "Not this quarter");
	}
	json_decref(j);
	step(MD_CM, AD_B, "{\"status\":\"rejected\"}", 409, "status");

	/* Who reads adoptions: the engagement's two parties; a practice's list is the provider's all, a customer's own. */
	json_decref(adoption(KE_MEMBER, "GET", AD_B, NULL, 200));
	json_decref(adoption(NW_CM, "GET", AD_B, NULL, 404));
	json_decref(adoption(HB_LEAD, "GET", AD_B, NULL, 404));
	json_decref(adoption(LU_LEAD, "GET", AD_B, NULL, 404));
	json_decref(adoption(ADMIN, "GET", AD_B, NULL, 404));
	json_decref(adoption(MD_CM, "GET", ad_n, NULL, 404));
	j = req(KE_LEAD, "GET", fmt("/api/v1/practices/%lld/adoptions", PA), NULL, 200);
	CHECK(has_adoption(j, ad_a) && has_adoption(j, ad_n));
	json_decref(j);
	j = req(MD_CM, "GET", fmt("/api/v1/practices/%lld/adoptions", PA), NULL, 200);
	CHECK(has_adoption(j, ad_a) && !has_adoption(j, ad_n));
	json_array_foreach(json_object_get(j, "items"), i, x) CHECK_INT(num(x, "buyer_org_id"), W->MD);
	json_decref(j);
	j = req(NW_CM, "GET", fmt("/api/v1/practices/%lld/adoptions", PA), NULL, 200);
	CHECK(has_adoption(j, ad_n) && !has_adoption(j, ad_a));
	json_decref(j);
	{
		char *body = raw(NW_CM, fmt("/api/v1/practices/%lld/adoptions", PA));

		CHECK(!strstr(body, MD_NAME) && !strstr(body, EMD_TITLE));
		free(body);
	}
	j = req(MD_CM, "GET", fmt("/api/v1/engagements/%lld/adoptions", W->E_MD), NULL, 200);
	CHECK(has_adoption(j, ad_a) && has_adoption(j, AD_B) && !has_adoption(j, ad_n));
	json_decref(j);
	j = req(KE_CONS, "GET", fmt("/api/v1/engagements/%lld/adoptions", W->E_MD), NULL, 200);
	CHECK(has_adoption(j, ad_a) && has_adoption(j, AD_B));
	json_decref(j);
	json_decref(req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/adoptions", W->E_MD), NULL, 404));
	j = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/adoptions", DIGITAL), NULL, 200);
	CHECK(has_adoption(j, ad_n) && !has_adoption(j, ad_a));
	json_decref(j);
	/* Nothing of the origin in what the adopting customer reads. */
	no_trace_nw(MD_CM, fmt("/api/v1/adoptions/%lld", ad_a));
	no_trace_nw(MD_CM, fmt("/api/v1/adoptions/%lld", AD_B));
	no_trace_nw(MD_CM, fmt("/api/v1/practices/%lld/adoptions", PA));
	no_trace_nw(MD_CM, fmt("/api/v1/practices/%lld", PA));
	no_trace_nw(MD_CM, fmt("/api/v1/engagements/%lld/adoptions", W->E_MD));

	/* Retired: gone from others' lists and search; an adopter still opens it and its adoption. */
	r = published_new(KE_LEAD, W->E1, "Zqretire paper runbooks", "Print zqretireword runbooks.", "[\"zqretire-tag\"]", NULL);
	j = req(MD_CM, "POST", fmt("/api/v1/practices/%lld/adoptions", r), fmt("{\"engagement_id\":%lld}", W->E_MD), 201);
	ad_r = num(j, "id");
	json_decref(j);
	j = req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/retire", r), "{}", 200);
	CHECK_STR(str(j, "status"), "retired");
	json_decref(j);
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/practices/%lld/retire", r), "{}", 409));
	j = req(MD_CM, "GET", fmt("/api/v1/practices/%lld", r), NULL, 200);
	CHECK_STR(str(j, "status"), "retired");
	reduced(json_object_get(j, "provenance"), NULL);
	json_decref(j);
	j = adoption(MD_CM, "GET", ad_r, NULL, 200);
	CHECK_STR(str(j, "status"), "buy-in");
	CHECK_INT(json_array_size(json_object_get(j, "steps")), 1);
	json_decref(j);
	j = req(MD_CM, "GET", fmt("/api/v1/practices/%lld/adoptions", r), NULL, 200);
	CHECK(has_adoption(j, ad_r));
	json_decref(j);
	CHECK(!listed(MD_CM, "?tag=zqretire-tag", r));
	CHECK(!listed(MD_CM, "?limit=200", r));
	CHECK_INT(total(MD_CM, "zqretireword"), 0);
	json_decref(req(NW_CM, "GET", fmt("/api/v1/practices/%lld", r), NULL, 404));
	CHECK(!listed(NW_CM, "?tag=zqretire-tag", r));
	CHECK_INT(total(NW_CM, "zqretireword"), 0);
	json_decref(req(NW_MEMBER, "POST", fmt("/api/v1/practices/%lld/adoptions", r), fmt("{\"engagement_id\":%lld}", DIGITAL), 404));
	CHECK(listed(KE_LEAD, "?tag=zqretire-tag", r));
	CHECK(listed(KE_LEAD, "?status=retired&tag=zqretire-tag", r));
	CHECK_INT(total(KE_LEAD, "zqretireword"), 1);
	/* Published again, it is back. */
	publish(KE_LEAD, r, 200);
	CHECK(listed(MD_CM, "?tag=zqretire-tag", r));
	CHECK_INT(total(NW_CM, "zqretireword"), 1);
	json_decref(req(NW_CM, "GET", fmt("/api/v1/practices/%lld", r), NULL, 200));
}

/* ---- trust: buy-in and implementation count as value on their engagement ---- */

static void test_adoption_in_trust(void)
{
	long long eng, review;
	json_t *j, *f = NULL, *x, *ev;
	size_t i;

	CHECK(PA > 0);
	j = req(MD_CM, "POST", "/api/v1/engagements",
		fmt("{\"provider_org_id\":%lld,\"title\":\"Zq pilot of shared practices\",\"service_line\":\"IT\",\"starts_on\":\"2026-01-01\",\"ends_on\":\"2027-12-31\"}", W->KE), 201);
	eng = num(j, "id");
	json_decref(j);
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", eng), "{\"accepted\":true}", 200));
	j = req(MD_CM, "POST", fmt("/api/v1/practices/%lld/adoptions", PA), fmt("{\"engagement_id\":%lld}", eng), 201);
	AD_T = num(j, "id");
	json_decref(j);
	step(KE_LEAD, AD_T, "{\"status\":\"implementing\"}", 200, NULL);
	step(MD_CM, AD_T, "{\"status\":\"implemented\",\"benefit\":{\"text\":\"Fewer reconciliation breaks\",\"value\":30,\"unit\":\"breaks a month\"}}", 200, NULL);
	/* A review held today closes the window the adoption falls in. */
	j = req(MD_CM, "POST", fmt("/api/v1/engagements/%lld/reviews", eng), "{\"due_on\":\"" TEST_TODAY "\"}", 201);
	review = num(j, "id");
	json_decref(j);
	json_decref(req(MD_CM, "PATCH", fmt("/api/v1/reviews/%lld", review), "{\"held_on\":\"" TEST_TODAY "\"}", 200));
	for (int who = 0; who < 2; who++) {
		j = req(who ? KE_LEAD : MD_CM, "GET", fmt("/api/v1/engagements/%lld/trust", eng), NULL, 200);
		CHECK_INT(num(j, "review_id"), review);
		f = NULL;
		json_array_foreach(json_object_get(j, "factors"), i, x) if (!strcmp(str(x, "name"), "value")) f = x;
		CHECK(f != NULL);
		CHECK(json_is_true(json_object_get(f, "known")));
		CHECK(json_number_value(json_object_get(f, "value")) == 100); /* buy-in and implemented: two events */
		ev = json_object_get(f, "evidence");
		CHECK_INT(num(ev, "events"), 2);
		CHECK_INT(json_array_size(json_object_get(ev, "adoption_ids")), 1);
		CHECK_INT(json_integer_value(json_array_get(json_object_get(ev, "adoption_ids"), 0)), AD_T);
		if (!json_object_get(ev, "adoption_ids"))
			fprintf(stderr, "  value evidence has no adoption_ids yet\n");
		json_decref(j);
	}
	json_decref(req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/trust", eng), NULL, 404));
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/engagements/%lld/adoptions", eng), NULL, 404));
}

/* ---- citations ---- */

static void test_citations(void)
{
	long long cited, draft, retired, issue, problem;
	json_t *j, *x;
	size_t i;
	bool found = false;

	CHECK(LU_PUB > 0);
	cited = published_new(KE_LEAD, W->E1, "Zqcite capacity planning", "Plan zqciteword capacity quarterly.", NULL, NULL);
	draft = practice_new(KE_LEAD, W->E1, "Zqcite draft", "Unfinished.", NULL, NULL);
	retired = published_new(KE_LEAD, W->E1, "Zqcite retired", "Old.", NULL, NULL);
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/retire", retired), "{}", 200));

	/* A strategic-issue response cites the responding provider's own published practice. */
	j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/strategic-issues", W->E1), "{\"title\":\"Zq capacity crunch\"}", 201);
	issue = num(j, "id");
	json_decref(j);
	{
		const long long refused[] = {draft, retired, LU_PUB, 999999};

		for (size_t k = 0; k < sizeof refused / sizeof refused[0]; k++) {
			j = req(KE_CONS, "POST", fmt("/api/v1/strategic-issues/%lld/responses", issue),
				fmt("{\"body\":\"See our practice\",\"practice_id\":%lld}", refused[k]), 422);
			CHECK_STR(error_field(j), "practice_id");
			json_decref(j);
		}
	}
	j = req(NW_CM, "GET", fmt("/api/v1/strategic-issues/%lld", issue), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "responses")), 0);
	json_decref(j);
	j = req(KE_CONS, "POST", fmt("/api/v1/strategic-issues/%lld/responses", issue),
		fmt("{\"body\":\"See our practice\",\"practice_id\":%lld}", cited), 201);
	json_array_foreach(json_object_get(j, "responses"), i, x) found |= num(x, "practice_id") == cited;
	CHECK(found);
	CHECK_INT(json_array_size(json_object_get(j, "responses")), 1);
	json_decref(j);

	/* So does a problem response. */
	j = req(NW_CXO, "POST", "/api/v1/problems", fmt("{\"title\":\"Zq capacity problem\",\"engagement_id\":%lld}", W->E1), 201);
	problem = num(j, "id");
	json_decref(j);
	{
		const long long refused[] = {draft, retired, LU_PUB};

		for (size_t k = 0; k < sizeof refused / sizeof refused[0]; k++) {
			j = req(KE_LEAD, "POST", fmt("/api/v1/problems/%lld/responses", problem),
				fmt("{\"body\":\"Our practice\",\"practice_id\":%lld}", refused[k]), 422);
			CHECK_STR(error_field(j), "practice_id");
			json_decref(j);
		}
	}
	found = false;
	j = req(KE_LEAD, "POST", fmt("/api/v1/problems/%lld/responses", problem), fmt("{\"body\":\"Our practice\",\"practice_id\":%lld}", cited), 201);
	json_array_foreach(json_object_get(j, "responses"), i, x) found |= num(x, "practice_id") == cited;
	CHECK(found);
	CHECK_INT(json_array_size(json_object_get(j, "responses")), 1);
	json_decref(j);
}

/* ---- the provider's knowledge dashboard ---- */

static void test_knowledge(void)
{
	static const char *const stages[] = {"proposed", "buy-in", "implementing", "implemented", "rejected"};
	json_t *j, *x, *stage;
	size_t i;
	bool pb = false, benefit = false;

	CHECK(PB > 0 && AD_B > 0);
	j = req(KE_LEAD, "GET", "/api/v1/knowledge", NULL, 200);
	CHECK_INT(num(j, "provider_org_id"), W->KE);
	json_array_foreach(json_object_get(j, "practices"), i, x)
	{
		if (num(x, "id") != PB)
			continue;
		pb = true;
		CHECK_STR(str(x, "status"), "published");
		CHECK_INT(num(x, "adopting"), 1);
		CHECK_INT(num(x, "implemented"), 1);
		CHECK_STR(str(x, "title"), "Zqpropose dispute triage");
	}
	CHECK(pb);
	stage = json_object_get(j, "adoptions_by_stage");
	for (i = 0; i < sizeof stages / sizeof stages[0]; i++)
		CHECK(json_is_integer(json_object_get(stage, stages[i])));
	CHECK(num(stage, "implemented") >= 2); /* AD_B and the trust case's */
	CHECK(num(stage, "buy-in") >= 2);
	CHECK(num(stage, "proposed") >= 1); /* the matrix's */
	json_array_foreach(json_object_get(j, "benefits"), i, x) if (num(x, "id") == AD_B)
	{
		benefit = true;
		CHECK_STR(str(json_object_get(x, "benefit"), "text"), "Cycle time down by an eighth");
		CHECK_STR(str(x, "status"), "implemented");
	}
	CHECK(benefit);
	json_decref(j);
	json_decref(req(KE_CONS, "GET", "/api/v1/knowledge", NULL, 200));
	json_decref(req(KE_MEMBER, "GET", "/api/v1/knowledge", NULL, 403));
	json_decref(req(NW_CM, "GET", "/api/v1/knowledge", NULL, 403));
	json_decref(req(NW_CXO, "GET", "/api/v1/knowledge", NULL, 403));
	json_decref(req(MD_CM, "GET", "/api/v1/knowledge", NULL, 403));
	json_decref(req(ADMIN, "GET", "/api/v1/knowledge", NULL, 403));
	/* Another provider's dashboard is its own. */
	j = req(HB_LEAD, "GET", "/api/v1/knowledge", NULL, 200);
	CHECK_INT(num(j, "provider_org_id"), W->HB);
	json_array_foreach(json_object_get(j, "practices"), i, x) CHECK(num(x, "id") != PB && num(x, "id") != PA);
	json_array_foreach(json_object_get(j, "benefits"), i, x) CHECK(num(x, "id") != AD_B && num(x, "id") != AD_T);
	json_decref(j);
	j = req(LU_LEAD, "GET", "/api/v1/knowledge", NULL, 200);
	pb = false;
	json_array_foreach(json_object_get(j, "practices"), i, x) pb |= num(x, "id") == LU_PUB;
	CHECK(pb);
	json_decref(j);
}

/* The body is also read as it renders: formatting or an entity inside a name does not hide it. */
static void test_leak_as_rendered(void)
{
	const char *bodies[] = {"Done for **North**wind Bank last year.", "Done for &#78;orthwind Bank last year.",
				"Done for North<!-- -->wind Bank last year.", "Done for *Sofia* _Marin_ last year."};
	const char *terms[] = {"Northwind Bank", "Northwind Bank", "Northwind Bank", "Sofia Marin"};

	for (size_t i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		long long id = practice_new(KE_LEAD, W->E1, "Rendered zqrendered check", bodies[i], NULL, NULL);
		json_t *j = req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", id), "{}", 422);
		json_t *f = json_object_get(json_object_get(j, "error"), "findings"), *x;
		bool found = false;
		size_t k;

		json_array_foreach(f, k, x) found |= !strcmp(str(x, "term"), terms[i]) && !strcmp(str(x, "field"), "body");
		if (!found)
			fprintf(stderr, "  body %zu: %s not found\n", i, terms[i]);
		CHECK(found);
		json_decref(j);
	}
}

void practice_cases_run(const struct world *w, int *passed, int *failed)
{
	json_t *j;

	W = w;
	j = req(NW_CM, "GET", fmt("/api/v1/orgs/%lld", w->NW), NULL, 200);
	snprintf(NW_NAME, sizeof NW_NAME, "%s", str(j, "name"));
	json_decref(j);
	j = req(MD_CM, "GET", fmt("/api/v1/orgs/%lld", w->MD), NULL, 200);
	snprintf(MD_NAME, sizeof MD_NAME, "%s", str(j, "name"));
	json_decref(j);
	j = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld", w->E1), NULL, 200);
	snprintf(E1_TITLE, sizeof E1_TITLE, "%s", str(j, "title"));
	json_decref(j);
	j = req(MD_CM, "GET", fmt("/api/v1/engagements/%lld", w->E_MD), NULL, 200);
	snprintf(EMD_TITLE, sizeof EMD_TITLE, "%s", str(j, "title"));
	json_decref(j);
	DIGITAL = engagement_titled(NW_CM, "Digital channels development");
	j = req(ADMIN, "POST", "/api/v1/orgs", "{\"name\":\"Zq Orchard Foods\",\"kind\":\"buyer\",\"industry\":\"Food\"}", 201);
	ORCH_ORG = num(j, "id");
	json_decref(j);
	json_decref(req(ADMIN, "POST", fmt("/api/v1/orgs/%lld/users", ORCH_ORG),
			"{\"email\":\"cm@orchard.example\",\"name\":\"Orchard Manager\",\"roles\":[\"contract_manager\"],\"password\":\"plum-tree-password-1\"}", 201));
	orch_tok = login(w->S, "cm@orchard.example", "plum-tree-password-1");
	if (!orch_tok) {
		fprintf(stderr, "practice_cases: cannot sign in as orchard_cm\n");
		*failed += 1;
		return;
	}
	CLOUD = engagement_titled(LU_LEAD, CLOUD_TITLE);
	RUN(test_confidential_terms);
	RUN(test_leak_check_and_approval);
	RUN(test_draft_and_published_visibility);
	RUN(test_summit_visibility);
	RUN(test_search_rules);
	RUN(test_practice_bad_input);
	RUN(test_adoption_lifecycle);
	RUN(test_adoption_in_trust);
	RUN(test_citations);
	RUN(test_knowledge);
	RUN(test_leak_as_rendered);
	free(orch_tok);
	*passed += harness_passed;
	*failed += harness_failed;
}
