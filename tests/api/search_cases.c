/* search_cases: the global search over HTTP — each kind found by those who see it in its list and by nobody of another tenant, sealed bids never, LIKE metacharacters literal, paging whole. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;
/* What the set-up made, each holding a word nothing else holds. */
static long long pending_eng, md_review, nw_action, md_issue, nw_problem_e2, nw_problem_e1, ke_draft;
static long long meta_pct, meta_500, meta_under, meta_slash, meta_script;

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

	http(W->S, method, path, W->tok[who], body, NULL, NULL, &r);
	if (r.status != want)
		fprintf(stderr, "  %s %s as %s: got %ld, want %ld: %.400s\n", method, path, W->names[who], r.status, want,
			r.body ? r.body : "");
	CHECK_INT(r.status, want);
	j = r.json;
	r.json = NULL;
	resp_free(&r);
	return j;
}

static long long created(int who, const char *path, const char *body)
{
	json_t *j = req(who, "POST", path, body, 201);
	long long id = num(j, "id");

	json_decref(j);
	return id;
}

/* Whether who's search for q (already URL-encoded) finds the result kind/id. */
static bool finds(int who, const char *q, const char *kind, long long id)
{
	json_t *j = req(who, "GET", fmt("/api/v1/search?q=%s&limit=50", q), NULL, 200), *r;
	bool found = false;
	size_t i;

	json_array_foreach(json_object_get(j, "results"), i, r) if (!strcmp(str(r, "kind"), kind) && num(r, "id") == id) found = true;
	json_decref(j);
	return found;
}

/* How many results who's search for q finds on its first page of 50. */
static size_t found_count(int who, const char *q)
{
	json_t *j = req(who, "GET", fmt("/api/v1/search?q=%s&limit=50", q), NULL, 200);
	size_t n = json_array_size(json_object_get(j, "results"));

	json_decref(j);
	return n;
}

/* Whether the list at path (as who) holds an item with this id. */
static bool lists(int who, const char *path, long long id)
{
	json_t *j = req(who, "GET", path, NULL, 200), *x;
	bool found = false;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, x) if (num(x, "id") == id) found = true;
	json_decref(j);
	return found;
}

static long long first_review(int who, long long engagement)
{
	json_t *j = req(who, "GET", fmt("/api/v1/engagements/%lld/reviews", engagement), NULL, 200);
	long long id = num(json_array_get(json_object_get(j, "items"), 0), "id");

	json_decref(j);
	return id;
}

static long long nw_action_titled(long long review, const char *title_json)
{
	return created(NW_CM, fmt("/api/v1/reviews/%lld/actions", review),
		       fmt("{\"title\":%s,\"owner_id\":%lld,\"due_on\":\"2027-02-01\"}", title_json, W->user_id[NW_CM]));
}

static void test_set_up(void)
{
	long long e1_review = first_review(NW_CM, W->E1), unit, roadmap, item;
	json_t *j;

	/* Meridian's new engagement with Lumen, pending Lumen's decision. */
	pending_eng = created(MD_CM, "/api/v1/engagements",
			      fmt("{\"provider_org_id\":%lld,\"title\":\"Zephyrquartz storefront\",\"service_line\":\"IT\","
				  "\"starts_on\":\"2027-01-01\",\"ends_on\":\"2028-12-31\"}",
				  W->LU));
	md_review = first_review(MD_CM, W->E_MD);
	json_decref(req(MD_CM, "PATCH", fmt("/api/v1/reviews/%lld", md_review), "{\"agenda\":\"1. Verdigrisloop rollout\"}", 200));
	nw_action = nw_action_titled(e1_review, "\"Marigoldvector follow-up\"");
	md_issue = created(MD_CM, fmt("/api/v1/engagements/%lld/strategic-issues", W->E_MD),
			   "{\"title\":\"Stock counts\",\"body\":\"The quillfeather counts drift every week.\"}");
	nw_problem_e2 = created(NW_CM, "/api/v1/problems",
				fmt("{\"title\":\"Thistlegrain disputes\",\"body\":\"Too slow.\",\"engagement_id\":%lld}", W->E2));
	nw_problem_e1 = created(NW_CM, "/api/v1/problems",
				fmt("{\"title\":\"Outages\",\"body\":\"Larkspurnode fails nightly.\",\"engagement_id\":%lld}", W->E1));
	ke_draft = created(KE_LEAD, "/api/v1/practices",
			   fmt("{\"title\":\"Runbook hygiene\",\"body\":\"Every obsidianwren runbook is reviewed monthly.\","
			       "\"origin_engagement_id\":%lld}",
			       W->E1));
	meta_pct = nw_action_titled(e1_review, "\"Kiwiloom 50% rebate\"");
	meta_500 = nw_action_titled(e1_review, "\"Kiwiloom 500 rebate\"");
	meta_under = nw_action_titled(e1_review, "\"Kiwiloom_5 tier\"");
	meta_slash = nw_action_titled(e1_review, "\"Kiwiloom a\\\\b path\"");
	meta_script = nw_action_titled(e1_review, "\"Kiwiloom <script>alert(1)</script>\"");

	/* A sealed bid whose proposal holds a word of its own: bids are no search kind. */
	j = req(NW_CXO, "GET", fmt("/api/v1/orgs/%lld/units", W->NW), NULL, 200);
	unit = num(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	roadmap = created(NW_CXO, "/api/v1/roadmaps",
			  fmt("{\"unit_id\":%lld,\"fiscal_year\":2039,\"title\":\"Search fixture 2039\",\"budget\":500000}", unit));
	item = created(NW_CXO, fmt("/api/v1/roadmaps/%lld/items", roadmap),
		       "{\"title\":\"Search fixture item\",\"budget\":100000,\"starts_on\":\"2031-01-01\",\"ends_on\":\"2031-06-30\","
		       "\"open_for_bids\":true,\"bid_deadline\":\"2026-12-20\"}");
	json_decref(req(NW_CXO, "POST", fmt("/api/v1/roadmaps/%lld/share", roadmap), fmt("{\"org_ids\":[%lld,%lld]}", W->KE, W->HB), 200));
	json_decref(req(HB_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item),
			"{\"amount\":90000,\"proposal\":\"Cobaltheron plan\"}", 201));
}

/* A pending engagement: its buyer and its provider (as both lists show it), nobody else — not the buyer's other provider. */
static void test_engagements(void)
{
	CHECK(finds(MD_CM, "zephyrquartz", "engagement", pending_eng));
	CHECK(lists(LU_LEAD, "/api/v1/engagements?limit=200", pending_eng));
	CHECK(finds(LU_LEAD, "ZEPHYRQUARTZ", "engagement", pending_eng));
	CHECK_INT(found_count(KE_LEAD, "zephyrquartz"), 0);
	CHECK_INT(found_count(NW_CM, "zephyrquartz"), 0);
	CHECK_INT(found_count(HB_LEAD, "zephyrquartz"), 0);
	CHECK_INT(found_count(ADMIN, "zephyrquartz"), 0);
}

static void test_reviews_actions_issues(void)
{
	CHECK(finds(MD_CM, "verdigrisloop", "review", md_review));
	CHECK(finds(KE_CONS, "verdigrisloop", "review", md_review));
	CHECK_INT(found_count(NW_CM, "verdigrisloop"), 0);
	CHECK_INT(found_count(HB_LEAD, "verdigrisloop"), 0);

	CHECK(finds(NW_CIO, "marigoldvector", "action", nw_action));
	CHECK(finds(KE_MEMBER, "marigoldvector", "action", nw_action));
	CHECK_INT(found_count(MD_CM, "marigoldvector"), 0);
	CHECK_INT(found_count(HB_LEAD, "marigoldvector"), 0);
	CHECK_INT(found_count(LU_LEAD, "marigoldvector"), 0);

	CHECK(finds(MD_CM, "quillfeather", "issue", md_issue));
	CHECK(finds(KE_LEAD, "quillfeather", "issue", md_issue));
	CHECK_INT(found_count(NW_CXO, "quillfeather"), 0);
	CHECK_INT(found_count(HB_LEAD, "quillfeather"), 0);
}

/* A result names its engagement and the page it opens; the snippet marks the match. */
static void test_result_shape(void)
{
	json_t *j = req(NW_CM, "GET", "/api/v1/search?q=marigoldvector", NULL, 200), *r = json_array_get(json_object_get(j, "results"), 0);

	CHECK_STR(str(r, "kind"), "action");
	CHECK_STR(str(r, "title"), "Marigoldvector follow-up");
	CHECK_INT(num(r, "engagement_id"), W->E1);
	CHECK_STR(str(r, "url"), fmt("/reviews/%lld#actions", first_review(NW_CM, W->E1)));
	CHECK(strstr(str(r, "snippet_html"), "<mark>Marigoldvector</mark>") != NULL);
	CHECK(strstr(str(r, "snippet"), "Marigoldvector follow-up") != NULL);
	CHECK(json_is_null(json_object_get(j, "next")));
	json_decref(j);
}

/* Problems as the problems list: the buyer's own; a provider those addressed to its engagement; never the buyer's other provider. */
static void test_problems(void)
{
	CHECK(finds(NW_CM, "thistlegrain", "problem", nw_problem_e2));
	CHECK(lists(HB_LEAD, "/api/v1/problems?limit=200", nw_problem_e2));
	CHECK(finds(HB_LEAD, "thistlegrain", "problem", nw_problem_e2));
	CHECK_INT(found_count(KE_LEAD, "thistlegrain"), 0);
	CHECK_INT(found_count(MD_CM, "thistlegrain"), 0);
	CHECK(finds(NW_SM, "larkspurnode", "problem", nw_problem_e1));
	CHECK(finds(KE_CONS, "larkspurnode", "problem", nw_problem_e1));
	CHECK_INT(found_count(HB_LEAD, "larkspurnode"), 0);
	CHECK_INT(found_count(MD_CM, "larkspurnode"), 0);
}

/* A provider's draft practice: its provider only, not even the customer it was found with. */
static void test_practices(void)
{
	CHECK(finds(KE_LEAD, "obsidianwren", "practice", ke_draft));
	CHECK(finds(KE_CONS, "obsidianwren", "practice", ke_draft));
	CHECK_INT(found_count(NW_CM, "obsidianwren"), 0);
	CHECK_INT(found_count(MD_CM, "obsidianwren"), 0);
	CHECK_INT(found_count(HB_LEAD, "obsidianwren"), 0);
}

/* A sealed bid's proposal is found by nobody: not its bidder, not the buyer, not a rival. */
static void test_sealed_bids_never(void)
{
	CHECK_INT(found_count(HB_LEAD, "cobaltheron"), 0);
	CHECK_INT(found_count(NW_CXO, "cobaltheron"), 0);
	CHECK_INT(found_count(KE_LEAD, "cobaltheron"), 0);
}

/* %, _ and \ in a query are the characters themselves, never LIKE wildcards (actions only: the practice search reads words). */
static void test_like_metacharacters(void)
{
	CHECK(finds(NW_CM, "50%25", "action", meta_pct));
	CHECK(!finds(NW_CM, "50%25", "action", meta_500));
	CHECK_INT(found_count(NW_CM, "50%25" "&kind=action"), 1);
	CHECK(finds(NW_CM, "loom_5", "action", meta_under));
	CHECK_INT(found_count(NW_CM, "loom_5" "&kind=action"), 1); /* not "Kiwiloom 50%" nor "Kiwiloom 500" */
	CHECK(finds(NW_CM, "a%5Cb", "action", meta_slash));
	CHECK_INT(found_count(NW_CM, "a%5Cb" "&kind=action"), 1);
	CHECK_INT(found_count(NW_CM, "%25%25" "&kind=action"), 0);
	CHECK_INT(found_count(NW_CM, "__" "&kind=action"), 0);
}

/* Walks every page of q at limit, collecting "kind.id" of each result: the count, and no result twice. */
static size_t walk(int who, const char *q, int limit, char seen[][48], size_t cap, bool *dup)
{
	char after[64] = "";
	size_t n = 0;

	*dup = false;
	for (int pages = 0; pages < 200; pages++) {
		json_t *j = req(who, "GET", fmt("/api/v1/search?q=%s&limit=%d%s%s", q, limit, *after ? "&after=" : "", after), NULL, 200),
		       *r, *next;
		size_t i;

		CHECK(json_array_size(json_object_get(j, "results")) <= (size_t)limit);
		json_array_foreach(json_object_get(j, "results"), i, r)
		{
			char key[48];

			snprintf(key, sizeof key, "%s.%lld", str(r, "kind"), num(r, "id"));
			for (size_t k = 0; k < n; k++)
				if (!strcmp(seen[k], key))
					*dup = true;
			if (n < cap)
				snprintf(seen[n++], 48, "%s", key);
		}
		next = json_object_get(j, "next");
		if (!json_is_string(next)) {
			json_decref(j);
			return n;
		}
		CHECK(json_array_size(json_object_get(j, "results")) == (size_t)limit); /* a page with a next is full */
		snprintf(after, sizeof after, "%s", json_string_value(next));
		json_decref(j);
	}
	CHECK(!"the walk ended");
	return n;
}

static void test_paging(void)
{
	static char one[64][48], all[64][48], mixed[400][48], whole[400][48];
	bool dup;
	size_t n1 = walk(NW_CM, "kiwiloom", 1, one, 64, &dup);

	CHECK(!dup);
	CHECK_INT(n1, 5);
	CHECK_INT(walk(NW_CM, "kiwiloom", 50, all, 64, &dup), 5);
	for (size_t i = 0; i < n1; i++)
		CHECK_STR(one[i], all[i]);
	/* Across kinds (reviews, then practices for "sla"): the same results, in the same order, at any page size. */
	n1 = walk(NW_CM, "sla", 3, mixed, 400, &dup);
	CHECK(!dup);
	CHECK(n1 > 6);
	CHECK_INT(walk(NW_CM, "sla", 50, whole, 400, &dup), n1);
	for (size_t i = 0; i < n1; i++)
		CHECK_STR(mixed[i], whole[i]);
	/* One kind alone. */
	{
		json_t *j = req(NW_CM, "GET", "/api/v1/search?q=kiwiloom&kind=action&limit=2", NULL, 200);

		CHECK_INT(json_array_size(json_object_get(j, "results")), 2); /* newest first: the <script> one, then a\b */
		CHECK_STR(str(json_array_get(json_object_get(j, "results"), 0), "kind"), "action");
		CHECK_STR(json_string_value(json_object_get(j, "next")), fmt("action.%lld", meta_slash));
		json_decref(j);
	}
}

static void refused(const char *query, long status, const char *field)
{
	json_t *j = req(NW_CM, "GET", fmt("/api/v1/search%s", query), NULL, status);

	CHECK_STR(error_field(j) ? error_field(j) : "", field);
	json_decref(j);
}

static void test_bad_input(void)
{
	char q[256];

	refused("", 422, "q");
	refused("?q=", 422, "q");
	refused("?q=a", 422, "q");
	refused("?q=%20%20a%20", 422, "q");
	refused("?q=%C3%A9", 422, "q");
	refused("?q=%FF%FE", 422, "q");
	refused(fmt("?q=%s", repeat(q, sizeof q, 'x', 201)), 422, "q");
	refused("?q=ab&limit=0", 400, "limit");
	refused("?q=ab&limit=51", 400, "limit");
	refused("?q=ab&kind=bid", 400, "kind");
	refused("?q=ab&after=bid.3", 400, "after");
	refused("?q=ab&after=review", 400, "after");
	refused("?q=ab&kind=engagement&after=review.3", 400, "after");
	CHECK_INT(found_count(NW_CM, fmt("%s", repeat(q, sizeof q, 'x', 200))), 0);
}

/* The page: results grouped by kind with the match marked and every text escaped; another tenant's page shows none of it. */
static void test_page(void)
{
	struct resp r;

	http(W->S, "GET", "/search?q=marigoldvector", W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(r.body && strstr(r.body, fmt("href=\"/reviews/%lld#actions\"", first_review(NW_CM, W->E1))));
	CHECK(r.body && strstr(r.body, "<mark>Marigoldvector</mark>"));
	CHECK(r.body && strstr(r.body, "<h2>Actions</h2>"));
	CHECK(r.body && strstr(r.body, "role=\"search\""));
	resp_free(&r);
	http(W->S, "GET", "/search?q=marigoldvector", W->tok[MD_CM], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(r.body && !strstr(r.body, "#actions\""));
	CHECK(r.body && strstr(r.body, "Nothing you can see matches"));
	resp_free(&r);
	http(W->S, "GET", "/search?q=kiwiloom", W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK(r.body && !strstr(r.body, "<script>alert"));
	CHECK(r.body && strstr(r.body, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	resp_free(&r);
	http(W->S, "GET", "/search?q=%3Cb%3Eab", W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK(r.body && !strstr(r.body, "<b>ab"));
	resp_free(&r);
	http(W->S, "GET", "/search?q=a", W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 422);
	CHECK(r.body && strstr(r.body, "A search is 2 to 200 characters long."));
	resp_free(&r);
	http(W->S, "GET", "/search", W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	resp_free(&r);
	http(W->S, "GET", "/", W->tok[KE_LEAD], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, "action=\"/search\""));
	resp_free(&r);
}

void search_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(test_set_up);
	RUN(test_engagements);
	RUN(test_reviews_actions_issues);
	RUN(test_result_shape);
	RUN(test_problems);
	RUN(test_practices);
	RUN(test_sealed_bids_never);
	RUN(test_like_metacharacters);
	RUN(test_paging);
	RUN(test_bad_input);
	RUN(test_page);
	*passed += harness_passed;
	*failed += harness_failed;
}
