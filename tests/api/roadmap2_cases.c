/* roadmap2_cases: roadmaps in the browser's terms over HTTP (issue 18) — editing, safe descriptions, withdraw and re-submit, bids above budget, closing bidding early or extending it, the evaluating phase, awards with a rationale, the bids_to_open inbox — each tried by another buyer and by a provider it is not shared with. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;
static long long roadmap, item_a, item_b, ke_a, ke_b, hb_b;

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

static json_t *req(struct server *s, int who, const char *method, const char *path, const char *body, long want)
{
	json_t *j = NULL;
	long got = call_json(s, method, path, W->tok[who], body, &j);

	if (got != want)
		fprintf(stderr, "  %s %s as %s: got %ld, want %ld\n", method, path, W->names[who], got, want);
	CHECK_INT(got, want);
	return j;
}

static void expect(struct server *s, int who, const char *method, const char *path, const char *body, long want)
{
	json_decref(req(s, who, method, path, body, want));
}

static char *raw(struct server *s, int who, const char *path)
{
	struct resp r;
	char *body;

	http(s, "GET", path, W->tok[who], NULL, NULL, NULL, &r);
	body = strdup(r.body ? r.body : "");
	resp_free(&r);
	return body;
}

/* Whether the caller's inbox holds an item of the kind pointing at url. */
static bool inbox_has(struct server *s, int who, const char *kind, const char *url)
{
	json_t *j = req(s, who, "GET", "/api/v1/inbox", NULL, 200), *x;
	bool found = false;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, x) found |= !strcmp(str(x, "kind"), kind) && !strcmp(str(x, "url"), url);
	json_decref(j);
	return found;
}

/* The id of the caller's own bid in a bids answer. */
static long long first_bid(json_t *j)
{
	return num(json_array_get(json_object_get(j, "items"), 0), "id");
}

/* Northwind's first unit, fiscal year 2031: edited, two items (A until 2026-12-05, B until 2026-12-20), shared with Kestrel and Harbor, not Lumen. */
static void test_roadmap_edit_and_share(void)
{
	json_t *j = req(W->S, NW_CIO, "GET", fmt("/api/v1/orgs/%lld/units", W->NW), NULL, 200), *x;
	long long unit = num(json_array_get(json_object_get(j, "items"), 0), "id");
	const char *path;

	json_decref(j);
	j = req(W->S, NW_CIO, "POST", "/api/v1/roadmaps", fmt("{\"unit_id\":%lld,\"fiscal_year\":2031,\"title\":\"Branches 2031\",\"budget\":500000}", unit), 201);
	roadmap = num(j, "id");
	json_decref(j);
	path = fmt("/api/v1/roadmaps/%lld", roadmap);
	/* Edit: title and budget; the unchanged fields keep their values. */
	j = req(W->S, NW_CIO, "PATCH", path, "{\"title\":\"Digital branches 2031\",\"budget\":1000000}", 200);
	CHECK_STR(str(j, "title"), "Digital branches 2031");
	CHECK_INT(num(j, "budget"), 1000000);
	CHECK_INT(num(j, "fiscal_year"), 2031);
	CHECK_INT(num(j, "unit_id"), unit);
	json_decref(j);
	j = req(W->S, NW_CIO, "PATCH", path, "{\"title\":\"\"}", 422);
	CHECK_STR(error_field(j), "title");
	json_decref(j);
	j = req(W->S, NW_CIO, "PATCH", path, "{\"fiscal_year\":1999}", 422);
	CHECK_STR(error_field(j), "fiscal_year");
	json_decref(j);
	/* Another tenant's buyer and a provider it is not shared with: 404; a member of the buyer: 403. */
	expect(W->S, MD_CM, "PATCH", path, "{\"title\":\"Mine now\"}", 404);
	expect(W->S, LU_LEAD, "PATCH", path, "{\"title\":\"Mine now\"}", 404);
	expect(W->S, NW_MEMBER, "PATCH", path, "{\"title\":\"Mine now\"}", 403);
	j = req(W->S, NW_CIO, "GET", path, NULL, 200);
	CHECK_STR(str(j, "title"), "Digital branches 2031");
	CHECK_INT(json_array_size(json_object_get(j, "shared_with")), 0);
	json_decref(j);

	j = req(W->S, NW_CIO, "POST", fmt("/api/v1/roadmaps/%lld/items", roadmap),
		"{\"title\":\"Branch Wi-Fi\",\"budget\":300000,\"starts_on\":\"2031-01-01\",\"ends_on\":\"2031-06-30\",\"open_for_bids\":true,"
		"\"bid_deadline\":\"2026-12-05\",\"description\":\"**Scope**: 120 branches.\\n\\n<script>alert('zqx')</script>\\n\\n- 24x7 support\"}", 201);
	item_a = num(j, "id");
	CHECK(strstr(str(j, "description"), "**Scope**") != NULL);
	CHECK_STR(str(j, "phase"), "open");
	json_decref(j);
	j = req(W->S, NW_CIO, "POST", fmt("/api/v1/roadmaps/%lld/items", roadmap),
		"{\"title\":\"Queue displays\",\"budget\":100000,\"starts_on\":\"2031-01-01\",\"ends_on\":\"2031-06-30\",\"open_for_bids\":true,\"bid_deadline\":\"2026-12-20\"}", 201);
	item_b = num(j, "id");
	CHECK_STR(str(j, "description"), "");
	json_decref(j);
	/* The budget may not fall below what the items need (400,000). */
	j = req(W->S, NW_CIO, "PATCH", path, "{\"budget\":399999}", 422);
	CHECK_STR(error_field(j), "budget");
	CHECK_STR(error_code(j), "over_budget");
	json_decref(j);
	/* Share: the buyer's roadmap roles; another buyer and an outside provider get 404. */
	expect(W->S, MD_CM, "POST", fmt("/api/v1/roadmaps/%lld/share", roadmap), fmt("{\"org_ids\":[%lld]}", W->MD), 404);
	expect(W->S, LU_LEAD, "POST", fmt("/api/v1/roadmaps/%lld/share", roadmap), fmt("{\"org_ids\":[%lld]}", W->LU), 404);
	j = req(W->S, NW_CIO, "POST", fmt("/api/v1/roadmaps/%lld/share", roadmap), fmt("{\"org_ids\":[%lld,%lld]}", W->KE, W->HB), 200);
	CHECK_INT(json_array_size(json_object_get(j, "shared_with")), 2);
	x = json_array_get(json_object_get(j, "shared_with"), 0);
	CHECK(num(x, "value") == W->HB || num(x, "value") == W->KE);
	CHECK(strlen(str(x, "label")) > 0);
	json_decref(j);
	/* A provider reads the roadmap but not whom else it is shared with. */
	j = req(W->S, KE_LEAD, "GET", path, NULL, 200);
	CHECK(json_object_get(j, "shared_with") == NULL);
	json_decref(j);
	expect(W->S, LU_LEAD, "GET", path, NULL, 404);
	expect(W->S, MD_CM, "GET", path, NULL, 404);
}

/* The description: Markdown, read by the providers it is shared with, never raw HTML on the page; edited by the buyer. */
static void test_description(void)
{
	char *page = raw(W->S, KE_LEAD, fmt("/roadmap-items/%lld", item_a));
	json_t *j;

	CHECK(strstr(page, "<strong>Scope</strong>") != NULL);
	CHECK(strstr(page, "<script>alert") == NULL);
	CHECK(strstr(page, "24x7 support") != NULL);
	free(page);
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_a), NULL, 200);
	CHECK(strstr(str(j, "description"), "120 branches") != NULL);
	json_decref(j);
	expect(W->S, LU_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_a), NULL, 404);
	/* Edit: the buyer only; a provider it is shared with 403, others 404; nothing changes on a refusal. */
	j = req(W->S, NW_CIO, "PATCH", fmt("/api/v1/roadmap-items/%lld", item_a),
		"{\"description\":\"**Scope**: 120 branches.\\n\\n## Evaluation criteria\\n\\nPrice and references.\"}", 200);
	CHECK(strstr(str(j, "description"), "Evaluation criteria") != NULL);
	CHECK_STR(str(j, "status"), "open");
	CHECK_STR(str(j, "bid_deadline"), "2026-12-05");
	json_decref(j);
	expect(W->S, KE_LEAD, "PATCH", fmt("/api/v1/roadmap-items/%lld", item_a), "{\"description\":\"hijacked\"}", 403);
	expect(W->S, LU_LEAD, "PATCH", fmt("/api/v1/roadmap-items/%lld", item_a), "{\"description\":\"hijacked\"}", 404);
	expect(W->S, MD_CM, "PATCH", fmt("/api/v1/roadmap-items/%lld", item_a), "{\"description\":\"hijacked\"}", 404);
	/* A bad description and a valid status move in one body: 422, and the status did not move either. */
	j = req(W->S, NW_CIO, "PATCH", fmt("/api/v1/roadmap-items/%lld", item_a), "{\"description\":\"bell\\u0007\",\"bid_deadline\":\"2026-12-06\"}", 422);
	CHECK_STR(error_field(j), "description");
	json_decref(j);
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_a), NULL, 200);
	CHECK(strstr(str(j, "description"), "hijacked") == NULL);
	CHECK_STR(str(j, "bid_deadline"), "2026-12-05");
	json_decref(j);
}

/* A bid above budget is accepted with a warning; a provider withdraws and re-submits before the deadline. */
static void test_withdraw_and_resubmit(void)
{
	json_t *j = req(W->S, KE_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_a), "{\"amount\":300001,\"proposal\":\"Kestrel Wi-Fi\"}", 201);

	ke_a = first_bid(j);
	CHECK_INT(json_array_size(json_object_get(j, "warnings")), 1);
	CHECK_STR(str(json_array_get(json_object_get(j, "warnings"), 0), "code"), "above_budget");
	json_decref(j);
	/* Exactly the budget: no warning. */
	j = req(W->S, KE_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_a), "{\"amount\":300000,\"proposal\":\"Kestrel Wi-Fi\"}", 201);
	CHECK_INT(json_array_size(json_object_get(j, "warnings")), 0);
	CHECK_INT(first_bid(j), ke_a);
	json_decref(j);
	/* The bidder's page warns when its bid is above budget. */
	json_decref(req(W->S, KE_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_a), "{\"amount\":310000,\"proposal\":\"Kestrel Wi-Fi\"}", 201));
	{
		char *page = raw(W->S, KE_LEAD, fmt("/roadmap-items/%lld", item_a));

		CHECK(strstr(page, "above the component") != NULL);
		free(page);
	}
	/* Withdraw: only its bidder; Harbor (a competitor) and Lumen read it as unknown, the buyer too while sealed. */
	expect(W->S, HB_LEAD, "PATCH", fmt("/api/v1/bids/%lld", ke_a), "{\"status\":\"withdrawn\"}", 404);
	expect(W->S, LU_LEAD, "PATCH", fmt("/api/v1/bids/%lld", ke_a), "{\"status\":\"withdrawn\"}", 404);
	expect(W->S, MD_CM, "PATCH", fmt("/api/v1/bids/%lld", ke_a), "{\"status\":\"withdrawn\"}", 404);
	expect(W->S, NW_CXO, "PATCH", fmt("/api/v1/bids/%lld", ke_a), "{\"status\":\"withdrawn\"}", 404);
	j = req(W->S, KE_LEAD, "PATCH", fmt("/api/v1/bids/%lld", ke_a), "{\"status\":\"withdrawn\"}", 200);
	CHECK_STR(str(j, "status"), "withdrawn");
	json_decref(j);
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld/bids", item_a), NULL, 200);
	CHECK_STR(str(json_array_get(json_object_get(j, "items"), 0), "status"), "withdrawn");
	json_decref(j);
	/* Re-submit: the same bid id, standing again, with the new amount. */
	j = req(W->S, KE_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_a), "{\"amount\":280000,\"proposal\":\"Kestrel Wi-Fi, revised\"}", 201);
	CHECK_INT(first_bid(j), ke_a);
	CHECK_STR(str(json_array_get(json_object_get(j, "items"), 0), "status"), "submitted");
	CHECK_INT(num(json_array_get(json_object_get(j, "items"), 0), "amount"), 280000);
	json_decref(j);
	/* A provider it is not shared with cannot bid. */
	expect(W->S, LU_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_a), "{\"amount\":1}", 404);
}

/* Extending is allowed, shortening is not; closing early makes the item "evaluating" today and opens its bids. */
static void test_close_early_and_extend(void)
{
	const char *path = fmt("/api/v1/roadmap-items/%lld", item_b);
	json_t *j;

	ke_b = first_bid(j = req(W->S, KE_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_b), "{\"amount\":90000}", 201));
	json_decref(j);
	hb_b = first_bid(j = req(W->S, HB_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_b), "{\"amount\":95000}", 201));
	json_decref(j);
	j = req(W->S, NW_CIO, "PATCH", path, "{\"bid_deadline\":\"2026-12-19\"}", 422);
	CHECK_STR(error_code(j), "deadline_shortened");
	CHECK_STR(error_field(j), "bid_deadline");
	json_decref(j);
	j = req(W->S, NW_CIO, "PATCH", path, "{\"bid_deadline\":\"2026-12-22\"}", 200);
	CHECK_STR(str(j, "bid_deadline"), "2026-12-22");
	CHECK_STR(str(j, "phase"), "open");
	CHECK(json_is_null(json_object_get(j, "bids"))); /* still sealed */
	json_decref(j);
	/* Close early: never with a status or deadline in the same body; another tenant 404, a bidder 403. */
	j = req(W->S, NW_CIO, "PATCH", path, "{\"close_bidding\":true,\"status\":\"closed\"}", 422);
	CHECK_STR(error_field(j), "close_bidding");
	json_decref(j);
	expect(W->S, MD_CM, "PATCH", path, "{\"close_bidding\":true}", 404);
	expect(W->S, LU_LEAD, "PATCH", path, "{\"close_bidding\":true}", 404);
	expect(W->S, KE_LEAD, "PATCH", path, "{\"close_bidding\":true}", 403);
	j = req(W->S, NW_CIO, "PATCH", path, "{\"close_bidding\":true}", 200);
	CHECK_STR(str(j, "status"), "open");
	CHECK_STR(str(j, "phase"), "evaluating");
	CHECK_STR(str(j, "bid_deadline"), "2026-11-25");
	CHECK_INT(num(j, "bids"), 2);
	json_decref(j);
	/* Bidding is over: no new bid, no withdrawal, no second close; the buyer opens the bids today. */
	j = req(W->S, KE_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_b), "{\"amount\":80000}", 409);
	CHECK_STR(error_code(j), "deadline_passed");
	json_decref(j);
	expect(W->S, HB_LEAD, "PATCH", fmt("/api/v1/bids/%lld", hb_b), "{\"status\":\"withdrawn\"}", 409);
	j = req(W->S, NW_CIO, "PATCH", path, "{\"close_bidding\":true}", 409);
	CHECK_STR(error_code(j), "deadline_passed");
	json_decref(j);
	j = req(W->S, NW_CXO, "GET", fmt("/api/v1/roadmap-items/%lld/bids", item_b), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
	/* Each bidder reads the phase too, and its own bid only. */
	j = req(W->S, HB_LEAD, "GET", path, NULL, 200);
	CHECK_STR(str(j, "phase"), "evaluating");
	json_decref(j);
	{
		char *body = raw(W->S, HB_LEAD, path);

		CHECK(!strstr(body, "90000") && !strstr(body, "Kestrel"));
		free(body);
	}
	/* A draft has no bidding to close. */
	j = req(W->S, NW_CIO, "POST", fmt("/api/v1/roadmaps/%lld/items", roadmap),
		"{\"title\":\"Signage\",\"budget\":1000,\"starts_on\":\"2031-01-01\",\"ends_on\":\"2031-06-30\"}", 201);
	{
		long long draft = num(j, "id");

		json_decref(j);
		j = req(W->S, NW_CIO, "PATCH", fmt("/api/v1/roadmap-items/%lld", draft), "{\"close_bidding\":true}", 409);
		CHECK_STR(error_code(j), "not_open");
		json_decref(j);
	}
}

/* bids_to_open: the buyer's award roles, of the buyer's own items; never another buyer, never a provider. */
static void test_inbox_bids_to_open(void)
{
	const char *url_b = fmt("/roadmap-items/%lld#bids", item_b), *url_a = fmt("/roadmap-items/%lld#bids", item_a);
	struct server later;

	CHECK(inbox_has(W->S, NW_CXO, "bids_to_open", url_b));
	CHECK(inbox_has(W->S, NW_CIO, "bids_to_open", url_b));
	CHECK(inbox_has(W->S, NW_CM, "bids_to_open", url_b));
	CHECK(!inbox_has(W->S, NW_MEMBER, "bids_to_open", url_b));
	CHECK(!inbox_has(W->S, MD_CM, "bids_to_open", url_b));
	CHECK(!inbox_has(W->S, KE_LEAD, "bids_to_open", url_b));
	CHECK(!inbox_has(W->S, HB_LEAD, "bids_to_open", url_b));
	CHECK(!inbox_has(W->S, LU_LEAD, "bids_to_open", url_b));
	/* A is still open for bids today. */
	CHECK(!inbox_has(W->S, NW_CXO, "bids_to_open", url_a));
	/* After A's deadline it waits too, and reads "evaluating" to the buyer and the bidder. */
	CHECK_INT(server_start(&later, W->bin, W->db, "ACCORD_TODAY=2026-12-06"), 0);
	CHECK(inbox_has(&later, NW_CXO, "bids_to_open", url_a));
	CHECK(!inbox_has(&later, MD_CM, "bids_to_open", url_a));
	CHECK(!inbox_has(&later, KE_LEAD, "bids_to_open", url_a));
	{
		json_t *j = req(&later, NW_CXO, "GET", fmt("/api/v1/roadmap-items/%lld", item_a), NULL, 200);

		CHECK_STR(str(j, "phase"), "evaluating");
		CHECK_STR(str(j, "status"), "open");
		json_decref(j);
		j = req(&later, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_a), NULL, 200);
		CHECK_STR(str(j, "phase"), "evaluating");
		json_decref(j);
	}
	CHECK_INT(server_stop(&later), 0);
}

/* An award needs a rationale; it is kept, read by the buyer and the winner only, in the audit trail; and given once. */
static void test_award_with_rationale(void)
{
	const char *path = fmt("/api/v1/roadmap-items/%lld/award", item_b);
	json_t *j;

	j = req(W->S, NW_CXO, "POST", path, fmt("{\"bid_id\":%lld}", ke_b), 422);
	CHECK_STR(error_field(j), "rationale");
	json_decref(j);
	j = req(W->S, NW_CXO, "POST", path, fmt("{\"bid_id\":%lld,\"rationale\":\"\"}", ke_b), 422);
	CHECK_STR(error_field(j), "rationale");
	json_decref(j);
	j = req(W->S, NW_CXO, "POST", path, fmt("{\"bid_id\":%lld,\"rationale\":\"  \\n \"}", ke_b), 422);
	CHECK_STR(error_field(j), "rationale");
	json_decref(j);
	/* Nothing was awarded by the refusals. */
	j = req(W->S, NW_CXO, "GET", fmt("/api/v1/roadmap-items/%lld", item_b), NULL, 200);
	CHECK_STR(str(j, "phase"), "evaluating");
	CHECK(json_is_null(json_object_get(j, "award_rationale")));
	json_decref(j);
	expect(W->S, MD_CM, "POST", path, fmt("{\"bid_id\":%lld,\"rationale\":\"x\"}", ke_b), 404);
	expect(W->S, LU_LEAD, "POST", path, fmt("{\"bid_id\":%lld,\"rationale\":\"x\"}", ke_b), 404);
	expect(W->S, KE_LEAD, "POST", path, fmt("{\"bid_id\":%lld,\"rationale\":\"x\"}", ke_b), 403);
	j = req(W->S, NW_CXO, "POST", path, fmt("{\"bid_id\":%lld,\"rationale\":\"Lowest price zqrationale, strong references.\"}", ke_b), 200);
	CHECK_STR(str(j, "status"), "awarded");
	CHECK_STR(str(j, "phase"), "awarded");
	CHECK_STR(str(j, "award_rationale"), "Lowest price zqrationale, strong references.");
	json_decref(j);
	/* Once. */
	j = req(W->S, NW_CM, "POST", path, fmt("{\"bid_id\":%lld,\"rationale\":\"Second thoughts\"}", hb_b), 409);
	CHECK_STR(error_code(j), "conflict");
	json_decref(j);
	/* The winner reads the rationale; the loser reads a closed item without it. */
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_b), NULL, 200);
	CHECK_STR(str(j, "award_rationale"), "Lowest price zqrationale, strong references.");
	json_decref(j);
	{
		char *body = raw(W->S, HB_LEAD, fmt("/api/v1/roadmap-items/%lld", item_b)), *page;

		CHECK(!strstr(body, "zqrationale"));
		CHECK(strstr(body, "\"status\":\"closed\"") || strstr(body, "\"status\": \"closed\""));
		free(body);
		page = raw(W->S, HB_LEAD, fmt("/roadmap-items/%lld", item_b));
		CHECK(!strstr(page, "zqrationale"));
		free(page);
		page = raw(W->S, NW_CXO, fmt("/roadmap-items/%lld", item_b));
		CHECK(strstr(page, "zqrationale") != NULL);
		free(page);
		body = raw(W->S, NW_CXO, fmt("/api/v1/audit?entity=roadmap_items&entity_id=%lld", item_b));
		CHECK(strstr(body, "zqrationale") != NULL);
		free(body);
	}
	/* Done: it leaves the inbox. */
	CHECK(!inbox_has(W->S, NW_CXO, "bids_to_open", fmt("/roadmap-items/%lld#bids", item_b)));
	/* An awarded item's text is no longer edited. */
	expect(W->S, NW_CIO, "PATCH", fmt("/api/v1/roadmap-items/%lld", item_b), "{\"description\":\"late\"}", 409);
}

/* A form post as who, with a CSRF token read from the page at from; the answer's status, and its body and Location into *r (resp_free it). */
static long form_post(int who, const char *from, const char *path, const char *fields, struct resp *r)
{
	return page_post(W->S, from, path, W->tok[who], fields, r);
}

/* Every step in the browser, from pickers, with confirmations where a step binds; nothing is done until it is confirmed. */
static void test_forms_in_the_browser(void)
{
	const char *rm_page = fmt("/roadmaps/%lld", roadmap);
	long long unit, item_c, bid_c, rm2;
	struct resp r;
	json_t *j;

	/* A roadmap created from the unit picker. */
	j = req(W->S, NW_CIO, "GET", fmt("/api/v1/orgs/%lld/units", W->NW), NULL, 200);
	unit = num(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	CHECK_INT(form_post(NW_CIO, "/roadmaps", "/roadmaps", fmt("unit_id=%lld&fiscal_year=2032&title=Branches+2032&budget=", unit), &r), 422);
	CHECK(r.body && strstr(r.body, "form-errors") != NULL);
	resp_free(&r);
	CHECK_INT(form_post(NW_CIO, "/roadmaps", "/roadmaps", fmt("unit_id=%lld&fiscal_year=2032&title=Branches+2032&budget=50000", unit), &r), 303);
	CHECK(strncmp(r.location, "/roadmaps/", 10) == 0 || strstr(r.location, "/roadmaps/") != NULL);
	rm2 = atoll(strstr(r.location, "/roadmaps/") ? strstr(r.location, "/roadmaps/") + 10 : "0");
	resp_free(&r);
	CHECK(rm2 > 0);
	/* Edited; shared from the picker (Kestrel: an accepted engagement), after a confirmation naming who will see it. */
	CHECK_INT(form_post(NW_CIO, fmt("/roadmaps/%lld", rm2), fmt("/roadmaps/%lld/edit", rm2),
			    fmt("unit_id=%lld&fiscal_year=2032&title=Digital+branches+2032&budget=60000", unit), &r), 303);
	resp_free(&r);
	CHECK_INT(form_post(NW_CIO, fmt("/roadmaps/%lld", rm2), fmt("/roadmaps/%lld/share", rm2), fmt("org_id=%lld", W->MD), &r), 422);
	resp_free(&r);
	CHECK_INT(form_post(NW_CIO, fmt("/roadmaps/%lld", rm2), fmt("/roadmaps/%lld/share", rm2), fmt("org_id=%lld", W->KE), &r), 200);
	CHECK(r.body && strstr(r.body, "Kestrel") != NULL && strstr(r.body, "confirmed") != NULL);
	resp_free(&r);
	expect(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmaps/%lld", rm2), NULL, 404); /* not yet */
	CHECK_INT(form_post(NW_CIO, fmt("/roadmaps/%lld", rm2), fmt("/roadmaps/%lld/share", rm2), fmt("org_id=%lld&confirmed=yes", W->KE), &r), 303);
	resp_free(&r);
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmaps/%lld", rm2), NULL, 200);
	CHECK_STR(str(j, "title"), "Digital branches 2032");
	json_decref(j);

	/* A component with a description, from the page. */
	CHECK_INT(form_post(NW_CIO, rm_page, fmt("/roadmaps/%lld/items", roadmap),
			    "title=Kiosks&budget=50000&starts_on=2031-01-01&ends_on=2031-12-31&bid_deadline=2026-12-20&description=Scope%3A+*self-service*+kiosks", &r), 303);
	item_c = atoll(strstr(r.location, "/roadmap-items/") ? strstr(r.location, "/roadmap-items/") + 15 : "0");
	resp_free(&r);
	CHECK(item_c > 0);
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_c), NULL, 200);
	CHECK(strstr(str(j, "description_html"), "<em>self-service</em>") != NULL);
	json_decref(j);
	/* The provider bids above budget, withdraws (confirmed) and re-submits. */
	CHECK_INT(form_post(KE_LEAD, fmt("/roadmap-items/%lld", item_c), fmt("/roadmap-items/%lld/bids", item_c), "amount=55000&proposal=Kiosks+by+Kestrel", &r), 303);
	resp_free(&r);
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_c), NULL, 200);
	bid_c = num(json_object_get(j, "my_bid"), "id");
	json_decref(j);
	CHECK_INT(form_post(KE_LEAD, fmt("/roadmap-items/%lld", item_c), fmt("/bids/%lld", bid_c), "status=withdrawn", &r), 200);
	CHECK(r.body && strstr(r.body, "Withdraw your bid on Kiosks?") != NULL);
	resp_free(&r);
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_c), NULL, 200);
	CHECK_STR(str(json_object_get(j, "my_bid"), "status"), "submitted"); /* not until confirmed */
	json_decref(j);
	CHECK_INT(form_post(KE_LEAD, fmt("/roadmap-items/%lld", item_c), fmt("/bids/%lld", bid_c), "status=withdrawn&confirmed=yes", &r), 303);
	resp_free(&r);
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_c), NULL, 200);
	CHECK_STR(str(json_object_get(j, "my_bid"), "status"), "withdrawn");
	json_decref(j);
	{
		char *page = raw(W->S, KE_LEAD, fmt("/roadmap-items/%lld", item_c));

		CHECK(strstr(page, "Re-submit bid") != NULL);
		free(page);
	}
	CHECK_INT(form_post(KE_LEAD, fmt("/roadmap-items/%lld", item_c), fmt("/roadmap-items/%lld/bids", item_c), "amount=52000&proposal=Kiosks+by+Kestrel", &r), 303);
	resp_free(&r);
	/* The buyer extends, then closes bidding now (confirmed). */
	CHECK_INT(form_post(NW_CIO, fmt("/roadmap-items/%lld", item_c), fmt("/roadmap-items/%lld/status", item_c), "action=extend&bid_deadline=2026-12-19", &r), 422);
	CHECK(r.body && strstr(r.body, "form-errors") != NULL);
	resp_free(&r);
	CHECK_INT(form_post(NW_CIO, fmt("/roadmap-items/%lld", item_c), fmt("/roadmap-items/%lld/status", item_c), "action=extend&bid_deadline=2026-12-21", &r), 303);
	resp_free(&r);
	CHECK_INT(form_post(NW_CIO, fmt("/roadmap-items/%lld", item_c), fmt("/roadmap-items/%lld/status", item_c), "action=close_bidding", &r), 200);
	CHECK(r.body && strstr(r.body, "Close bidding on Kiosks now?") != NULL);
	resp_free(&r);
	CHECK_INT(form_post(NW_CIO, fmt("/roadmap-items/%lld", item_c), fmt("/roadmap-items/%lld/status", item_c), "action=close_bidding&confirmed=yes", &r), 303);
	resp_free(&r);
	j = req(W->S, NW_CIO, "GET", fmt("/api/v1/roadmap-items/%lld", item_c), NULL, 200);
	CHECK_STR(str(j, "phase"), "evaluating");
	json_decref(j);
	/* The award: a rationale is required; the confirmation warns of the single bid and the bid above budget. */
	CHECK_INT(form_post(NW_CM, fmt("/roadmap-items/%lld", item_c), fmt("/roadmap-items/%lld/award", item_c), fmt("bid_id=%lld&rationale=", bid_c), &r), 422);
	CHECK(r.body && strstr(r.body, "rationale") != NULL);
	resp_free(&r);
	CHECK_INT(form_post(NW_CM, fmt("/roadmap-items/%lld", item_c), fmt("/roadmap-items/%lld/award", item_c), fmt("bid_id=%lld&rationale=Only+credible+kiosk+offer", bid_c), &r), 200);
	CHECK(r.body && strstr(r.body, "only standing bid") != NULL);
	CHECK(r.body && strstr(r.body, "above the component") != NULL);
	resp_free(&r);
	j = req(W->S, NW_CIO, "GET", fmt("/api/v1/roadmap-items/%lld", item_c), NULL, 200);
	CHECK_STR(str(j, "status"), "open"); /* not until confirmed */
	json_decref(j);
	CHECK_INT(form_post(NW_CM, fmt("/roadmap-items/%lld", item_c), fmt("/roadmap-items/%lld/award", item_c),
			    fmt("bid_id=%lld&rationale=Only+credible+kiosk+offer&confirmed=yes", bid_c), &r), 303);
	resp_free(&r);
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_c), NULL, 200);
	CHECK_STR(str(j, "status"), "awarded");
	CHECK_STR(str(j, "award_rationale"), "Only credible kiosk offer");
	json_decref(j);
}

/* The page forms of issue 18 as another buyer and as a provider the roadmap is not shared with: 404 before anything is read; a bidder 403 on the buyer's forms. */
static void test_page_forms_other_tenants(void)
{
	const char *posts[] = {fmt("/roadmaps/%lld/edit", roadmap), fmt("/roadmaps/%lld/share", roadmap), fmt("/roadmap-items/%lld/edit", item_a),
			       fmt("/roadmap-items/%lld/status", item_a), fmt("/roadmap-items/%lld/award", item_a), fmt("/bids/%lld", ke_a)};
	static const int outsiders[] = {MD_CM, LU_LEAD};
	struct resp r;

	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++) {
		for (size_t k = 0; k < 2; k++) {
			http(W->S, "POST", posts[i], W->tok[outsiders[k]], "csrf=x&title=x&org_id=1&status=withdrawn", "application/x-www-form-urlencoded", NULL, &r);
			if (r.status != 404)
				fprintf(stderr, "  POST %s as %s: %ld\n", posts[i], W->names[outsiders[k]], r.status);
			CHECK_INT(r.status, 404);
			CHECK(!r.body || !strstr(r.body, "Branch Wi-Fi"));
			resp_free(&r);
		}
	}
	http(W->S, "POST", fmt("/roadmaps/%lld/share", roadmap), W->tok[KE_LEAD], "csrf=x&org_id=1", "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
	http(W->S, "POST", "/roadmaps", W->tok[KE_LEAD], "csrf=x&title=x", "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
	http(W->S, "POST", "/roadmaps", W->tok[NW_MEMBER], "csrf=x&title=x", "application/x-www-form-urlencoded", NULL, &r);
	CHECK_INT(r.status, 403);
	resp_free(&r);
}

void roadmap2_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(test_roadmap_edit_and_share);
	RUN(test_description);
	RUN(test_withdraw_and_resubmit);
	RUN(test_close_early_and_extend);
	RUN(test_inbox_bids_to_open);
	RUN(test_award_with_rationale);
	RUN(test_forms_in_the_browser);
	RUN(test_page_forms_other_tenants);
	*passed += harness_passed;
	*failed += harness_failed;
}
