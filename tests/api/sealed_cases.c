/* sealed_cases: sealed bids tried from the attacker's side — bid-id and audit probes before the deadline, deadlines that only grow once bids exist and tell every bidder, and losers who cannot tell another's win from no award. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;

/* Item A (three bids, later awarded to Lumen) and item B (two bids, later closed without award), both due 2026-12-10. */
static long long roadmap_id, item_a, item_b, ke_a, hb_a, lu_a, ke_b, hb_b;
static char ke_a_updated[32];

#define KE_A_AMOUNT "111119"
#define HB_A_AMOUNT "222229"
#define LU_A_AMOUNT "333339"
#define KE_A_PROPOSAL "Kestrel sealed plan"

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *str(json_t *o, const char *key)
{
	const char *v = json_string_value(json_object_get(o, key));

	return v ? v : "";
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

/* One whole answer, status and body, as "STATUS BODY" (malloc'd): what a prober sees. */
static char *answer(struct server *s, int who, const char *method, const char *path, const char *body)
{
	struct resp r;
	char *out;
	size_t n;

	http(s, method, path, W->tok[who], body, NULL, NULL, &r);
	n = strlen(r.body ? r.body : "") + 16;
	out = malloc(n);
	if (out)
		snprintf(out, n, "%ld %s", r.status, r.body ? r.body : "");
	resp_free(&r);
	return out ? out : strdup("");
}

static long long bid(int who, long long item, const char *body)
{
	json_t *j = req(W->S, who, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item), body, 201);
	long long id = num(json_array_get(json_object_get(j, "items"), 0), "id");

	json_decref(j);
	return id;
}

static long long item(const char *title)
{
	json_t *j = req(W->S, NW_CXO, "POST", fmt("/api/v1/roadmaps/%lld/items", roadmap_id),
			fmt("{\"title\":\"%s\",\"budget\":100000,\"starts_on\":\"2027-01-01\",\"ends_on\":\"2027-06-30\","
			    "\"open_for_bids\":true,\"bid_deadline\":\"2026-12-10\"}", title), 201);
	long long id = num(j, "id");

	json_decref(j);
	return id;
}

static void test_set_up(void)
{
	json_t *j = req(W->S, NW_CIO, "GET", fmt("/api/v1/orgs/%lld/units", W->NW), NULL, 200);
	long long unit = num(json_array_get(json_object_get(j, "items"), 1), "id");

	json_decref(j);
	j = req(W->S, NW_CXO, "POST", "/api/v1/roadmaps",
		fmt("{\"unit_id\":%lld,\"fiscal_year\":2028,\"title\":\"Corporate banking 2028\",\"budget\":900000}", unit), 201);
	roadmap_id = num(j, "id");
	json_decref(j);
	item_a = item("Sealed treasury portal");
	item_b = item("Sealed branch kiosks");
	json_decref(req(W->S, NW_CXO, "POST", fmt("/api/v1/roadmaps/%lld/share", roadmap_id),
			fmt("{\"org_ids\":[%lld,%lld,%lld]}", W->KE, W->HB, W->LU), 200));
	ke_a = bid(KE_LEAD, item_a, "{\"amount\":" KE_A_AMOUNT ",\"proposal\":\"" KE_A_PROPOSAL "\"}");
	hb_a = bid(HB_LEAD, item_a, "{\"amount\":" HB_A_AMOUNT ",\"proposal\":\"Harbor sealed plan\"}");
	lu_a = bid(LU_LEAD, item_a, "{\"amount\":" LU_A_AMOUNT ",\"proposal\":\"Lumen sealed plan\"}");
	ke_b = bid(KE_LEAD, item_b, "{\"amount\":144449}");
	hb_b = bid(HB_LEAD, item_b, "{\"amount\":155559}");
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_a), NULL, 200);
	snprintf(ke_a_updated, sizeof ke_a_updated, "%s", str(json_object_get(j, "my_bid"), "updated_at"));
	json_decref(j);
}

/* Bid ids follow no sequence: each in [2^40, 2^53), two consecutive bids far apart, no common step. */
static void test_bid_ids_are_opaque(void)
{
	long long ids[5] = {ke_a, hb_a, lu_a, ke_b, hb_b};
	int steps_equal = 0, adjacent = 0;

	for (int i = 0; i < 5; i++) {
		CHECK(ids[i] >= (1LL << 40) && ids[i] < (1LL << 53));
		for (int k = 0; k < i; k++) {
			long long d = ids[i] > ids[k] ? ids[i] - ids[k] : ids[k] - ids[i];

			CHECK(d != 0);
			adjacent += d < 1000000;
		}
	}
	for (int i = 2; i < 5; i++)
		steps_equal += ids[i] - ids[i - 1] == ids[1] - ids[0];
	CHECK_INT(adjacent, 0);
	CHECK(steps_equal < 3);
	/* A revision keeps its id. */
	CHECK_INT(bid(KE_LEAD, item_b, "{\"amount\":144449}"), ke_b);
}

/* An id near a real one that is no bid (2^53 - 1 - x is in range and, by chance of 1 in 2^52, unused). */
static long long unknown_near(long long real)
{
	return (1LL << 53) - 1 - (real - (1LL << 40));
}

/* Before the deadline the buyer gets, byte for byte, the same answer for a real bid id and an unknown one. */
static void test_bid_probes_before_deadline(void)
{
	static const int buyers[] = {NW_CXO, NW_SM, NW_CM, NW_MEMBER};
	long long unknown = unknown_near(hb_a);
	const char *bodies[] = {"{\"status\":\"shortlisted\"}", "{\"status\":\"withdrawn\"}", "{\"status\":\"won\"}"};

	CHECK(unknown != ke_a && unknown != hb_a && unknown != lu_a && unknown != ke_b && unknown != hb_b);
	for (size_t w = 0; w < sizeof buyers / sizeof buyers[0]; w++) {
		for (size_t b = 0; b < sizeof bodies / sizeof bodies[0]; b++) {
			char *real = answer(W->S, buyers[w], "PATCH", fmt("/api/v1/bids/%lld", hb_a), bodies[b]);
			char *none = answer(W->S, buyers[w], "PATCH", fmt("/api/v1/bids/%lld", unknown), bodies[b]);

			if (strcmp(real, none))
				fprintf(stderr, "  PATCH bid as %s: real \"%s\" vs unknown \"%s\"\n", W->names[buyers[w]], real, none);
			CHECK_STR(real, none);
			CHECK(!strncmp(real, "404 ", 4));
			free(real);
			free(none);
		}
		{
			const char *forms[] = {"{\"bid_id\":%lld,\"rationale\":\"Best value\"}", "{\"bid_id\":%lld,\"create_engagement\":true,\"rationale\":\"Best value\"}"};

			for (size_t f = 0; f < 2; f++) {
				char *real = answer(W->S, buyers[w], "POST", fmt("/api/v1/roadmap-items/%lld/award", item_a), fmt(forms[f], lu_a));
				char *none = answer(W->S, buyers[w], "POST", fmt("/api/v1/roadmap-items/%lld/award", item_a), fmt(forms[f], unknown));

				CHECK_STR(real, none);
				free(real);
				free(none);
			}
		}
	}
	/* A competitor too: Kestrel's probe of Harbor's bid reads as an unknown id. */
	{
		char *real = answer(W->S, KE_LEAD, "PATCH", fmt("/api/v1/bids/%lld", hb_a), bodies[1]);
		char *none = answer(W->S, KE_LEAD, "PATCH", fmt("/api/v1/bids/%lld", unknown), bodies[1]);

		CHECK_STR(real, none);
		free(real);
		free(none);
	}
	/* Nothing the buyer reads before the deadline counts, prices or describes the bids. */
	{
		const char *paths[] = {fmt("/api/v1/roadmap-items/%lld", item_a), fmt("/api/v1/roadmaps/%lld", roadmap_id),
				       fmt("/roadmap-items/%lld", item_a), fmt("/roadmaps/%lld", roadmap_id),
				       fmt("/api/v1/roadmap-items/%lld/bids", item_a)};
		json_t *j = req(W->S, NW_CXO, "GET", fmt("/api/v1/roadmap-items/%lld", item_a), NULL, 200);

		CHECK(json_is_null(json_object_get(j, "bids")));
		json_decref(j);
		for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
			char *body = answer(W->S, NW_CXO, "GET", paths[i], NULL);

			CHECK(!strstr(body, KE_A_AMOUNT) && !strstr(body, HB_A_AMOUNT) && !strstr(body, KE_A_PROPOSAL));
			CHECK(!strstr(body, "\"bids\":3") && !strstr(body, "received"));
			free(body);
		}
	}
}

/* Every "amount" and "proposal" in a list of audit rows is "[sealed]"; returns how many there were. */
static int audit_sealed(json_t *list, bool *all_sealed)
{
	size_t i;
	json_t *row;
	int n = 0;

	*all_sealed = true;
	json_array_foreach(json_object_get(list, "items"), i, row)
	{
		json_t *ch = json_object_get(row, "changes");

		if (strcmp(str(row, "entity"), "bids"))
			continue;
		for (int k = 0; k < 2; k++) {
			json_t *v = json_object_get(ch, k ? "proposal" : "amount");

			if (!v)
				continue;
			n++;
			if (!json_is_string(v) || strcmp(json_string_value(v), "[sealed]"))
				*all_sealed = false;
		}
	}
	return n;
}

/* The audit trail keeps amounts and proposals sealed from everyone — the platform admin, the buyer, the bidder — until the deadline. */
static void test_audit_probes(void)
{
	static const int readers[] = {ADMIN, NW_CXO, KE_LEAD};
	const char *paths[] = {fmt("/api/v1/audit?entity=bids&entity_id=%lld", ke_a), "/api/v1/audit?entity=bids&limit=200",
			       "/api/v1/audit?limit=200"};
	bool sealed;
	json_t *j;
	char *out = NULL;
	struct server later;

	for (size_t r = 0; r < sizeof readers / sizeof readers[0]; r++)
		for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++) {
			char *body = answer(W->S, readers[r], "GET", paths[p], NULL);

			CHECK(!strncmp(body, "200 ", 4));
			CHECK(!strstr(body, KE_A_AMOUNT) && !strstr(body, HB_A_AMOUNT) && !strstr(body, LU_A_AMOUNT));
			CHECK(!strstr(body, KE_A_PROPOSAL));
			free(body);
		}
	/* The admin and the bidder see the bid's rows, with the values sealed. */
	j = req(W->S, ADMIN, "GET", fmt("/api/v1/audit?entity=bids&entity_id=%lld", ke_a), NULL, 200);
	CHECK(audit_sealed(j, &sealed) >= 2);
	CHECK(sealed);
	json_decref(j);
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/audit?entity=bids&entity_id=%lld", ke_a), NULL, 200);
	CHECK(audit_sealed(j, &sealed) >= 2);
	CHECK(sealed);
	json_decref(j);
	/* The audit page and accord audit read the same. */
	{
		char *body = answer(W->S, ADMIN, "GET", fmt("/audit?entity=bids&entity_id=%lld", ke_a), NULL);

		CHECK(!strstr(body, KE_A_AMOUNT) && !strstr(body, KE_A_PROPOSAL) && strstr(body, "[sealed]"));
		free(body);
	}
	CHECK_INT(run_capture(fmt("ACCORD_TODAY=" TEST_TODAY " '%s' audit --db '%s' --entity bids --entity-id %lld", W->bin, W->db, ke_a), &out), 0);
	CHECK(out && !strstr(out, KE_A_AMOUNT) && !strstr(out, KE_A_PROPOSAL) && strstr(out, "[sealed]"));
	free(out);
	/* The day after the deadline, the same rows show the values. */
	CHECK_INT(server_start(&later, W->bin, W->db, "ACCORD_TODAY=2026-12-11"), 0);
	j = req(&later, ADMIN, "GET", fmt("/api/v1/audit?entity=bids&entity_id=%lld", ke_b), NULL, 200);
	CHECK(audit_sealed(j, &sealed) >= 1);
	CHECK(!sealed);
	json_decref(j);
	{
		char *body = answer(&later, KE_LEAD, "GET", fmt("/api/v1/audit?entity=bids&entity_id=%lld", ke_b), NULL);

		CHECK(strstr(body, "144449") != NULL);
		free(body);
	}
	CHECK_INT(server_stop(&later), 0);
}

/* Once bids exist a deadline only grows; each move is an event for every bidder, in its view and its mail. */
/* Whether the caller's inbox holds an item of the kind pointing at url. */
static bool inbox_has(int who, const char *kind, const char *url)
{
	json_t *j = req(W->S, who, "GET", "/api/v1/inbox", NULL, 200), *x;
	size_t i;
	bool found = false;

	json_array_foreach(json_object_get(j, "items"), i, x) if (!strcmp(str(x, "kind"), kind) && !strcmp(str(x, "url"), url)) found = true;
	json_decref(j);
	return found;
}

static void test_deadline_moves(void)
{
	json_t *j;
	char *out = NULL, *page;
	long long free_item = item("Sealed nobody bid");
	int lines = 0;

	j = req(W->S, NW_CXO, "PATCH", fmt("/api/v1/roadmap-items/%lld", item_a), "{\"bid_deadline\":\"2026-12-09\"}", 422);
	CHECK_STR(error_code(j), "deadline_shortened");
	CHECK_STR(error_field(j), "bid_deadline");
	json_decref(j);
	j = req(W->S, NW_CXO, "GET", fmt("/api/v1/roadmap-items/%lld", item_a), NULL, 200);
	CHECK_STR(str(j, "bid_deadline"), "2026-12-10"); /* nothing written */
	json_decref(j);
	/* An item nobody bid on answers a shorter deadline exactly as one with bids (the refusal tells nothing of the bids), and extends without telling anybody. */
	{
		json_t *with_bids = req(W->S, NW_CXO, "PATCH", fmt("/api/v1/roadmap-items/%lld", item_a), "{\"bid_deadline\":\"2026-12-01\"}", 422);
		json_t *without = req(W->S, NW_CXO, "PATCH", fmt("/api/v1/roadmap-items/%lld", free_item), "{\"bid_deadline\":\"2026-12-01\"}", 422);
		char *a = json_dumps(with_bids, JSON_SORT_KEYS), *b = json_dumps(without, JSON_SORT_KEYS);

		CHECK(a && b && strcmp(a, b) == 0);
		free(a);
		free(b);
		json_decref(with_bids);
		json_decref(without);
	}
	j = req(W->S, NW_CXO, "PATCH", fmt("/api/v1/roadmap-items/%lld", free_item), "{\"bid_deadline\":\"2026-12-20\"}", 200);
	CHECK_STR(str(j, "bid_deadline"), "2026-12-20");
	json_decref(j);
	j = req(W->S, NW_CXO, "PATCH", fmt("/api/v1/roadmap-items/%lld", item_a), "{\"bid_deadline\":\"2026-12-12\"}", 200);
	CHECK_STR(str(j, "bid_deadline"), "2026-12-12");
	json_decref(j);
	/* Each bidder sees the change on the item's page; the buyer's page shows no bidder. */
	for (int b = 0; b < 3; b++) {
		static const int bidders[] = {KE_LEAD, HB_LEAD, LU_LEAD};

		page = answer(W->S, bidders[b], "GET", fmt("/roadmap-items/%lld", item_a), NULL);
		CHECK(strstr(page, "Deadline extended from 2026-12-10 to 2026-12-12 on ") != NULL);
		free(page);
	}
	page = answer(W->S, KE_LEAD, "GET", fmt("/roadmap-items/%lld", item_b), NULL);
	CHECK(strstr(page, "Deadline extended") == NULL);
	free(page);
	/* The move reaches each bidder's inbox (its leadership and consultants), never the buyer's, nor a non-bidder's. */
	{
		static const int told[] = {KE_LEAD, KE_CONS, HB_LEAD, LU_LEAD}, untold[] = {NW_CXO, NW_CM, KE_MEMBER, MD_CM};
		char url[64];

		snprintf(url, sizeof url, "/roadmap-items/%lld", item_a);
		for (size_t k = 0; k < sizeof told / sizeof told[0]; k++)
			CHECK(inbox_has(told[k], "bid_deadline", url));
		for (size_t k = 0; k < sizeof untold / sizeof untold[0]; k++)
			CHECK(!inbox_has(untold[k], "bid_deadline", url));
	}
	/* accord remind has a mail due for each bidder's leadership and consultants, naming both dates; none for the buyer or the item nobody bid on. */
	CHECK_INT(run_capture(fmt("ACCORD_TODAY=" TEST_TODAY " '%s' remind --db '%s' --dry-run", W->bin, W->db), &out), 0);
	for (char *l = out; l && *l;) {
		char *nl = strchr(l, '\n');

		if (nl)
			*nl = '\0';
		if (!strncmp(l, "due bid_deadline event ", 23)) {
			lines++;
			CHECK(strstr(l, "Bid deadline extended: Sealed treasury portal") != NULL);
			CHECK(strstr(l, "northwind") == NULL);
		}
		l = nl ? nl + 1 : NULL;
	}
	free(out);
	CHECK(lines >= 3); /* at least Kestrel's, Harbor's and Lumen's leadership */
	CHECK(lines <= 12);
}

/* A copy of a bidder's item answer without what differs from item to item or bid to bid. */
static json_t *outcome_shape(json_t *item_answer)
{
	json_t *o = json_deep_copy(item_answer), *mine = json_object_get(o, "my_bid");
	static const char *const item_keys[] = {"id", "title", "budget", "bid_deadline", "created_at", "roadmap_id", "starts_on", "ends_on"};
	static const char *const bid_keys[] = {"id", "item_id", "amount", "proposal", "updated_at", "org_id", "org_name"};

	for (size_t i = 0; i < sizeof item_keys / sizeof item_keys[0]; i++)
		json_object_del(o, item_keys[i]);
	for (size_t i = 0; i < sizeof bid_keys / sizeof bid_keys[0]; i++)
		json_object_del(mine, bid_keys[i]);
	return o;
}

/* Two losers: one item awarded to a third, one closed without award — each loser reads both the same. */
static void test_losers_read_the_same(void)
{
	struct server later;
	static const int losers[] = {KE_LEAD, HB_LEAD};
	json_t *shape[2][2], *j;

	CHECK_INT(server_start(&later, W->bin, W->db, "ACCORD_TODAY=2026-12-13"), 0);
	j = req(&later, NW_CXO, "POST", fmt("/api/v1/roadmap-items/%lld/award", item_a), fmt("{\"bid_id\":%lld,\"rationale\":\"Lowest compliant bid\"}", lu_a), 200);
	CHECK_STR(str(j, "status"), "awarded");
	CHECK_INT(num(j, "awarded_bid_id"), lu_a);
	CHECK_INT(num(j, "bids"), 3); /* the buyer reads the full result */
	json_decref(j);
	json_decref(req(&later, NW_CXO, "PATCH", fmt("/api/v1/roadmap-items/%lld", item_b), "{\"status\":\"closed\"}", 200));
	for (int w = 0; w < 2; w++) {
		long long items[2] = {item_a, item_b};

		for (int k = 0; k < 2; k++) {
			char *page;

			j = req(&later, losers[w], "GET", fmt("/api/v1/roadmap-items/%lld", items[k]), NULL, 200);
			CHECK_STR(str(j, "status"), "closed");
			CHECK_STR(str(j, "outcome"), "not_awarded_to_you");
			CHECK_STR(str(json_object_get(j, "my_bid"), "status"), "lost");
			if (losers[w] == KE_LEAD && k == 0) /* the award left the loser's bid as it was */
				CHECK_STR(str(json_object_get(j, "my_bid"), "updated_at"), ke_a_updated);
			shape[w][k] = outcome_shape(j);
			json_decref(j);
			j = req(&later, losers[w], "GET", fmt("/api/v1/roadmap-items/%lld/bids", items[k]), NULL, 200);
			CHECK_INT(json_array_size(json_object_get(j, "items")), 1);
			CHECK_STR(str(json_array_get(json_object_get(j, "items"), 0), "status"), "lost");
			json_decref(j);
			page = answer(&later, losers[w], "GET", fmt("/roadmap-items/%lld", items[k]), NULL);
			CHECK(strstr(page, "Not awarded to you.") != NULL && !strstr(page, "Lumen") && !strstr(page, LU_A_AMOUNT));
			free(page);
		}
	}
	/* Field for field (ids, titles and own amounts aside), the four answers are one. */
	CHECK(json_equal(shape[0][0], shape[0][1]));
	CHECK(json_equal(shape[1][0], shape[1][1]));
	CHECK(json_equal(shape[0][0], shape[1][1]));
	for (int w = 0; w < 2; w++)
		for (int k = 0; k < 2; k++)
			json_decref(shape[w][k]);
	/* Only the winner reads that it won. */
	j = req(&later, LU_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_a), NULL, 200);
	CHECK_STR(str(j, "status"), "awarded");
	CHECK_STR(str(j, "outcome"), "awarded_to_you");
	CHECK_STR(str(json_object_get(j, "my_bid"), "status"), "won");
	json_decref(j);
	{
		char *page = answer(&later, LU_LEAD, "GET", fmt("/roadmap-items/%lld", item_a), NULL);

		CHECK(strstr(page, "Awarded to you.") != NULL);
		free(page);
	}
	CHECK_INT(server_stop(&later), 0);
}

void sealed_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(test_set_up);
	RUN(test_bid_ids_are_opaque);
	RUN(test_bid_probes_before_deadline);
	RUN(test_audit_probes);
	RUN(test_deadline_moves);
	RUN(test_losers_read_the_same);
	*passed += harness_passed;
	*failed += harness_failed;
}
