/* roadmap_cases: sealed bids over HTTP — a losing provider learns nothing of a competitor's bid, deadlines hold, racing awards give exactly one winner, budgets are checked. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
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

/* The raw body of a GET, for searching it for what must not be there. */
static char *raw(struct server *s, int who, const char *path)
{
	struct resp r;
	char *body;

	http(s, "GET", path, W->tok[who], NULL, NULL, NULL, &r);
	body = strdup(r.body ? r.body : "");
	resp_free(&r);
	return body;
}

static long long item_id, kestrel_bid, harbor_bid;

/* A roadmap of Northwind's second unit with an item open until 2026-12-10, shared with Kestrel and Harbor. */
static void set_up_item(void)
{
	json_t *j = req(W->S, NW_CIO, "GET", fmt("/api/v1/orgs/%lld/units", W->NW), NULL, 200);
	long long unit = num(json_array_get(json_object_get(j, "items"), 1), "id"), roadmap;

	json_decref(j);
	j = req(W->S, NW_CXO, "POST", "/api/v1/roadmaps",
		fmt("{\"unit_id\":%lld,\"fiscal_year\":2027,\"title\":\"Corporate banking 2027\",\"budget\":900000}", unit), 201);
	roadmap = num(j, "id");
	json_decref(j);
	/* Budgets: items together may not exceed the roadmap's (422 naming budget), nothing written. */
	j = req(W->S, NW_CXO, "POST", fmt("/api/v1/roadmaps/%lld/items", roadmap),
		"{\"title\":\"Payments hub\",\"budget\":900001,\"starts_on\":\"2027-01-01\",\"ends_on\":\"2027-06-30\"}", 422);
	CHECK_STR(error_field(j), "budget");
	json_decref(j);
	j = req(W->S, NW_CXO, "POST", fmt("/api/v1/roadmaps/%lld/items", roadmap),
		"{\"title\":\"Payments hub\",\"budget\":500000,\"starts_on\":\"2027-01-01\",\"ends_on\":\"2027-06-30\",\"open_for_bids\":true,\"bid_deadline\":\"2026-12-10\"}", 201);
	item_id = num(j, "id");
	json_decref(j);
	j = req(W->S, NW_CXO, "POST", fmt("/api/v1/roadmaps/%lld/items", roadmap),
		"{\"title\":\"Too much\",\"budget\":400001,\"starts_on\":\"2027-01-01\",\"ends_on\":\"2027-06-30\"}", 422);
	CHECK_STR(error_field(j), "budget");
	json_decref(j);
	j = req(W->S, NW_CXO, "GET", fmt("/api/v1/roadmaps/%lld", roadmap), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	/* An item open for bids needs a deadline not in the past. */
	j = req(W->S, NW_CXO, "POST", fmt("/api/v1/roadmaps/%lld/items", roadmap),
		"{\"title\":\"Late\",\"budget\":1,\"starts_on\":\"2027-01-01\",\"ends_on\":\"2027-06-30\",\"open_for_bids\":true,\"bid_deadline\":\"2026-11-25\"}", 422);
	CHECK_STR(error_field(j), "bid_deadline");
	json_decref(j);
	/* A draft opens for bids only with a deadline, and closes without an award. */
	j = req(W->S, NW_CXO, "POST", fmt("/api/v1/roadmaps/%lld/items", roadmap),
		"{\"title\":\"Data platform\",\"budget\":100000,\"starts_on\":\"2027-01-01\",\"ends_on\":\"2027-06-30\"}", 201);
	{
		long long draft = num(j, "id");

		CHECK_STR(json_string_value(json_object_get(j, "status")), "draft");
		json_decref(j);
		j = req(W->S, NW_CXO, "PATCH", fmt("/api/v1/roadmap-items/%lld", draft), "{\"status\":\"open\"}", 422);
		CHECK_STR(error_field(j), "bid_deadline");
		json_decref(j);
		j = req(W->S, NW_CXO, "PATCH", fmt("/api/v1/roadmap-items/%lld", draft), "{\"status\":\"open\",\"bid_deadline\":\"2026-12-31\"}", 200);
		CHECK_STR(json_string_value(json_object_get(j, "status")), "open");
		json_decref(j);
		json_decref(req(W->S, NW_CXO, "PATCH", fmt("/api/v1/roadmap-items/%lld", draft), "{\"status\":\"draft\"}", 409));
		json_decref(req(W->S, NW_CXO, "PATCH", fmt("/api/v1/roadmap-items/%lld", draft), "{\"status\":\"closed\"}", 200));
		json_decref(req(W->S, NW_CXO, "PATCH", fmt("/api/v1/roadmap-items/%lld", draft), "{\"status\":\"open\",\"bid_deadline\":\"2026-12-31\"}", 409));
		json_decref(req(W->S, KE_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", draft), "{\"amount\":1}", 404)); /* not shared yet */
	}
	/* Not shared yet: Harbor cannot see it at all. */
	json_decref(req(W->S, HB_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld", item_id), NULL, 404));
	json_decref(req(W->S, NW_CXO, "POST", fmt("/api/v1/roadmaps/%lld/share", roadmap),
			fmt("{\"org_ids\":[%lld,%lld]}", W->KE, W->HB), 200));
}

static void test_bids_are_sealed(void)
{
	const char *paths[16];
	json_t *j;
	int n = 0;

	set_up_item();
	j = req(W->S, KE_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_id), "{\"amount\":431234,\"proposal\":\"Kestrel plan\"}", 201);
	kestrel_bid = num(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	j = req(W->S, HB_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_id), "{\"amount\":398765,\"proposal\":\"Harbor approach\"}", 201);
	harbor_bid = num(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	/* Revising replaces the bid; still one per provider. */
	j = req(W->S, HB_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_id), "{\"amount\":397777,\"proposal\":\"Harbor approach, revised\"}", 201);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 1);
	CHECK_INT(num(json_array_get(json_object_get(j, "items"), 0), "id"), harbor_bid);
	json_decref(j);
	/* Suggestions too: each provider sees its own, the buyer sees both. */
	json_decref(req(W->S, HB_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/suggestions", item_id), "{\"body\":\"Harbor approach: pilot in two regions\"}", 201));
	json_decref(req(W->S, KE_CONS, "POST", fmt("/api/v1/roadmap-items/%lld/suggestions", item_id), "{\"body\":\"Kestrel idea: reuse the card platform\"}", 201));
	j = req(W->S, NW_CXO, "GET", fmt("/api/v1/roadmap-items/%lld/suggestions", item_id), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld/suggestions", item_id), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 1);
	CHECK_INT(num(json_array_get(json_object_get(j, "items"), 0), "org_id"), W->KE);
	json_decref(j);
	/* Nothing Kestrel can read says anything of Harbor's bid: not its amount, id, name or proposal, nor that it exists. */
	paths[n++] = "/api/v1/roadmaps";
	paths[n++] = fmt("/api/v1/roadmap-items/%lld", item_id);
	paths[n++] = fmt("/api/v1/roadmap-items/%lld/bids", item_id);
	paths[n++] = fmt("/api/v1/roadmap-items/%lld/suggestions", item_id);
	paths[n++] = "/api/v1/portfolio";
	paths[n++] = "/api/v1/engagements?limit=200";
	paths[n++] = "/api/v1/me/actions";
	paths[n++] = "/api/v1/summits";
	paths[n++] = "/api/v1/problems";
	paths[n++] = fmt("/roadmap-items/%lld", item_id);
	paths[n++] = "/opportunities";
	paths[n++] = "/roadmaps";
	paths[n++] = "/portfolio.csv";
	for (int i = 0; i < n; i++) {
		char *body = raw(W->S, KE_LEAD, paths[i]);

		CHECK(!strstr(body, "397777") && !strstr(body, "398765"));
		CHECK(!strstr(body, "Harbor approach"));
		CHECK(!strstr(body, "\"bids\":"));
		free(body);
	}
	{
		json_t *me = req(W->S, KE_LEAD, "GET", "/api/v1/me", NULL, 200);
		const char *url = json_string_value(json_object_get(me, "calendar_url"));
		char *feed = url ? raw(W->S, KE_LEAD, url + strlen(W->S->base)) : strdup("");

		CHECK(!strstr(feed, "Harbor") && !strstr(feed, "397777"));
		free(feed);
		json_decref(me);
	}
	/* Kestrel's list of bids holds its own bid only. */
	j = req(W->S, KE_LEAD, "GET", fmt("/api/v1/roadmap-items/%lld/bids", item_id), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 1);
	CHECK_INT(num(json_array_get(json_object_get(j, "items"), 0), "id"), kestrel_bid);
	CHECK_INT(num(json_array_get(json_object_get(j, "items"), 0), "org_id"), W->KE);
	json_decref(j);
	/* Harbor's bid cannot be touched by Kestrel, and the buyer cannot open bids before the deadline. */
	json_decref(req(W->S, KE_LEAD, "PATCH", fmt("/api/v1/bids/%lld", harbor_bid), "{\"status\":\"withdrawn\"}", 404));
	json_decref(req(W->S, NW_CXO, "GET", fmt("/api/v1/roadmap-items/%lld/bids", item_id), NULL, 409));
	json_decref(req(W->S, NW_CXO, "POST", fmt("/api/v1/roadmap-items/%lld/award", item_id), fmt("{\"bid_id\":%lld,\"rationale\":\"Best value\"}", harbor_bid), 409));
	/* A bidder may withdraw and resubmit while the window is open. */
	json_decref(req(W->S, KE_LEAD, "PATCH", fmt("/api/v1/bids/%lld", kestrel_bid), "{\"status\":\"withdrawn\"}", 200));
	json_decref(req(W->S, KE_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_id), "{\"amount\":431234}", 201));
}

/* Two awards at once against a server whose today is after the deadline: exactly one wins. */
static void test_deadline_and_racing_awards(void)
{
	struct server later;
	int wins = 0, conflicts = 0;
	json_t *j;
	char *body;

	CHECK_INT(server_start(&later, W->bin, W->db, "ACCORD_TODAY=2026-12-11"), 0);
	/* After the deadline: no bid, revision or withdrawal. */
	j = req(&later, KE_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item_id), "{\"amount\":1}", 409);
	CHECK_STR(error_code(j), "deadline_passed");
	json_decref(j);
	json_decref(req(&later, HB_LEAD, "PATCH", fmt("/api/v1/bids/%lld", harbor_bid), "{\"status\":\"withdrawn\"}", 409));
	/* The buyer opens the bids: both, cheapest first. */
	j = req(&later, NW_CXO, "GET", fmt("/api/v1/roadmap-items/%lld/bids", item_id), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 2);
	CHECK_INT(num(json_array_get(json_object_get(j, "items"), 0), "amount"), 397777);
	json_decref(j);
	json_decref(req(&later, NW_CXO, "PATCH", fmt("/api/v1/bids/%lld", harbor_bid), "{\"status\":\"shortlisted\"}", 200));
	for (int k = 0; k < 2; k++) {
		pid_t pid = fork();

		if (pid == 0) {
			long got = call(&later, "POST", fmt("/api/v1/roadmap-items/%lld/award", item_id), W->tok[k ? NW_CM : NW_CXO],
					fmt("{\"bid_id\":%lld,\"rationale\":\"Best value\"}", k ? kestrel_bid : harbor_bid));

			_exit(got == 200 ? 0 : got == 409 ? 1 : 2);
		}
	}
	for (int k = 0; k < 2; k++) {
		int st = 0;

		wait(&st);
		wins += WIFEXITED(st) && WEXITSTATUS(st) == 0;
		conflicts += WIFEXITED(st) && WEXITSTATUS(st) == 1;
	}
	CHECK_INT(wins, 1);
	CHECK_INT(conflicts, 1);
	/* A third try is 409 too. */
	json_decref(req(&later, NW_CM, "POST", fmt("/api/v1/roadmap-items/%lld/award", item_id), fmt("{\"bid_id\":%lld,\"rationale\":\"Best value\"}", harbor_bid), 409));
	j = req(&later, NW_CXO, "GET", fmt("/api/v1/roadmap-items/%lld/bids", item_id), NULL, 200);
	{
		size_t i;
		json_t *b;
		int won = 0, lost = 0;

		json_array_foreach(json_object_get(j, "items"), i, b)
		{
			won += !strcmp(json_string_value(json_object_get(b, "status")), "won");
			lost += !strcmp(json_string_value(json_object_get(b, "status")), "lost");
		}
		CHECK_INT(won, 1);
		CHECK_INT(lost, 1);
	}
	json_decref(j);
	/* Each bidder learns only its own outcome; the loser sees the item closed, not awarded to someone. */
	body = raw(&later, KE_LEAD, fmt("/api/v1/roadmap-items/%lld", item_id));
	CHECK(!strstr(body, "397777") && !strstr(body, "Harbor"));
	free(body);
	body = raw(&later, HB_LEAD, fmt("/api/v1/roadmap-items/%lld", item_id));
	CHECK(!strstr(body, "431234") && !strstr(body, "Kestrel"));
	free(body);
	CHECK_INT(server_stop(&later), 0);
}

/* The award links to the winner's engagement with the buyer and counts as value in its next trust window. */
static void test_award_counts_as_value(void)
{
	struct server later;
	json_t *j, *f;
	long long eng, review;
	size_t i;

	CHECK_INT(server_start(&later, W->bin, W->db, "ACCORD_TODAY=2026-12-20"), 0);
	j = req(&later, NW_CXO, "GET", fmt("/api/v1/roadmap-items/%lld", item_id), NULL, 200);
	eng = num(j, "engagement_id");
	CHECK_STR(json_string_value(json_object_get(j, "status")), "awarded");
	json_decref(j);
	CHECK(eng > 0);
	j = req(&later, NW_CM, "POST", fmt("/api/v1/engagements/%lld/reviews", eng), "{\"due_on\":\"2026-12-20\"}", 201);
	review = num(j, "id");
	json_decref(j);
	json_decref(req(&later, NW_CM, "PATCH", fmt("/api/v1/reviews/%lld", review), "{\"held_on\":\"2026-12-20\"}", 200));
	j = req(&later, NW_CM, "GET", fmt("/api/v1/engagements/%lld/trust", eng), NULL, 200);
	CHECK_INT(num(j, "review_id"), review);
	json_array_foreach(json_object_get(j, "factors"), i, f)
	{
		if (strcmp(json_string_value(json_object_get(f, "name")), "value"))
			continue;
		CHECK(json_is_true(json_object_get(f, "known")));
		{
			json_t *ids = json_object_get(json_object_get(f, "evidence"), "awarded_item_ids"), *x;
			size_t k;
			bool found = false;

			json_array_foreach(ids, k, x) found |= json_integer_value(x) == item_id;
			CHECK(found);
		}
	}
	json_decref(j);
	CHECK_INT(server_stop(&later), 0);
}

/* An award to a provider the buyer has no engagement with opens one on request. */
static void test_award_opens_an_engagement(void)
{
	struct server later;
	json_t *j;
	char *cio;
	long long unit, roadmap, item, bid, eng;

	json_decref(req(W->S, ADMIN, "POST", fmt("/api/v1/orgs/%lld/users", W->MD),
			"{\"email\":\"cio@meridian.test\",\"name\":\"Meridian CIO\",\"roles\":[\"unit_cio\"],\"password\":\"harbour-lights-77\"}", 201));
	cio = login(W->S, "cio@meridian.test", "harbour-lights-77");
	CHECK(cio != NULL);
	if (!cio)
		return;
	j = NULL;
	CHECK_INT(call_json(W->S, "GET", fmt("/api/v1/orgs/%lld/units", W->MD), cio, NULL, &j), 200);
	unit = num(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	j = NULL;
	CHECK_INT(call_json(W->S, "POST", "/api/v1/roadmaps", cio, fmt("{\"unit_id\":%lld,\"fiscal_year\":2027,\"title\":\"Stores 2027\",\"budget\":500000}", unit), &j), 201);
	roadmap = num(j, "id");
	json_decref(j);
	j = NULL;
	CHECK_INT(call_json(W->S, "POST", fmt("/api/v1/roadmaps/%lld/items", roadmap), cio,
			    "{\"title\":\"Store analytics\",\"budget\":200000,\"starts_on\":\"2027-02-01\",\"ends_on\":\"2027-12-31\",\"open_for_bids\":true,\"bid_deadline\":\"" TEST_TODAY "\"}", &j), 201);
	item = num(j, "id");
	json_decref(j);
	CHECK_INT(call(W->S, "POST", fmt("/api/v1/roadmaps/%lld/share", roadmap), cio, fmt("{\"org_ids\":[%lld]}", W->LU)), 200);
	j = req(W->S, LU_LEAD, "POST", fmt("/api/v1/roadmap-items/%lld/bids", item), "{\"amount\":180000}", 201);
	bid = num(json_array_get(json_object_get(j, "items"), 0), "id");
	json_decref(j);
	CHECK_INT(server_start(&later, W->bin, W->db, "ACCORD_TODAY=2026-11-27"), 0);
	j = req(&later, MD_CM, "POST", fmt("/api/v1/roadmap-items/%lld/award", item),
		fmt("{\"bid_id\":%lld,\"create_engagement\":true,\"service_line\":\"IT\",\"rationale\":\"Only bid, within budget\"}", bid), 200);
	eng = num(j, "engagement_id");
	json_decref(j);
	CHECK(eng > 0);
	j = req(&later, LU_LEAD, "GET", fmt("/api/v1/engagements/%lld", eng), NULL, 200);
	CHECK_INT(num(j, "provider_org_id"), W->LU);
	CHECK_INT(num(j, "buyer_org_id"), W->MD);
	CHECK_STR(json_string_value(json_object_get(j, "title")), "Store analytics");
	json_decref(j);
	CHECK_INT(server_stop(&later), 0);
	free(cio);
}

void roadmap_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(test_bids_are_sealed);
	RUN(test_deadline_and_racing_awards);
	RUN(test_award_counts_as_value);
	RUN(test_award_opens_an_engagement);
	*passed += harness_passed;
	*failed += harness_failed;
}
