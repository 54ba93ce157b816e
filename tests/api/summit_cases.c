/* summit_cases: summits over HTTP — invitation groups, replies and attendance, ratings only the host sees, the calendar, and problem statements whose responses only their author and the buyer see. */
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

static json_t *req(int who, const char *method, const char *path, const char *body, long want)
{
	json_t *j = NULL;
	long got = call_json(W->S, method, path, W->tok[who], body, &j);

	if (got != want)
		fprintf(stderr, "  %s %s as %s: got %ld, want %ld\n", method, path, W->names[who], got, want);
	CHECK_INT(got, want);
	return j;
}

static bool invites(json_t *summit, long long org)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(summit, "invitations"), i, x) if (num(x, "org_id") == org) return true;
	return false;
}

static void test_invitation_groups(void)
{
	json_t *j, *e;
	long long summit, providers[8];
	size_t i, n = 0;

	/* "all: providers" invites exactly the providers Northwind has engagements with. */
	j = req(NW_CM, "GET", "/api/v1/engagements?limit=200", NULL, 200);
	json_array_foreach(json_object_get(j, "items"), i, e)
	{
		bool seen = false;

		for (size_t k = 0; k < n; k++)
			seen |= providers[k] == num(e, "provider_org_id");
		if (!seen && n < 8)
			providers[n++] = num(e, "provider_org_id");
	}
	json_decref(j);
	j = req(NW_CM, "POST", "/api/v1/summits", "{\"kind\":\"buyer-planning\",\"title\":\"Groups\",\"starts_on\":\"2027-03-01\"}", 201);
	summit = num(j, "id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/invitations", summit), "{\"all\":\"customers\"}", 422);
	CHECK_STR(error_field(j), "all");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/invitations", summit), fmt("{\"org_ids\":[%lld]}", W->MD), 422);
	CHECK_STR(error_field(j), "org_ids[0]"); /* a buyer is not invited to a buyer's planning summit */
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/invitations", summit), "{\"all\":\"providers\"}", 200);
	CHECK_INT(json_array_size(json_object_get(j, "invitations")), n);
	for (i = 0; i < n; i++)
		CHECK(invites(j, providers[i]));
	json_decref(j);
	/* Inviting again changes nothing. */
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/invitations", summit), "{\"all\":\"providers\"}", 200);
	CHECK_INT(json_array_size(json_object_get(j, "invitations")), n);
	json_decref(j);
	/* Wrong kind for the host. */
	j = req(KE_LEAD, "POST", "/api/v1/summits", "{\"kind\":\"buyer-planning\",\"title\":\"X\",\"starts_on\":\"2027-03-01\"}", 422);
	CHECK_STR(error_field(j), "kind");
	json_decref(j);
	/* A provider's customer summit: all customers, plus prospects when asked. */
	j = req(LU_LEAD, "POST", "/api/v1/summits", "{\"kind\":\"provider-customer\",\"title\":\"Client day\",\"starts_on\":\"2027-03-01\"}", 201);
	summit = num(j, "id");
	json_decref(j);
	json_decref(req(LU_LEAD, "POST", fmt("/api/v1/summits/%lld/invitations", summit), "{\"all\":\"customers\"}", 200));
	j = req(LU_LEAD, "GET", fmt("/api/v1/summits/%lld", summit), NULL, 200);
	CHECK(invites(j, W->NW));
	json_decref(j);
	j = req(LU_LEAD, "POST", "/api/v1/prospects", fmt("{\"org_id\":%lld}", W->KE), 422); /* a provider is no prospect */
	CHECK_STR(error_field(j), "org_id");
	json_decref(j);
	json_decref(req(LU_LEAD, "POST", fmt("/api/v1/summits/%lld/invitations", summit), "{\"all\":\"customers-and-prospects\"}", 200));
	j = req(LU_LEAD, "GET", fmt("/api/v1/summits/%lld", summit), NULL, 200);
	CHECK(invites(j, W->MD)); /* Meridian is one of Lumen's prospects in the demo */
	CHECK(!invites(j, W->KE));
	json_decref(j);
}

static void test_replies_ratings_and_calendar(void)
{
	json_t *j, *x;
	long long summit, session, invitation = 0;
	size_t i;
	char *feed = NULL;

	j = req(NW_CM, "POST", "/api/v1/summits", "{\"kind\":\"buyer-planning\",\"title\":\"Ratings summit\",\"starts_on\":\"2027-04-01\",\"venue\":\"Leeds\"}", 201);
	summit = num(j, "id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/invitations", summit), fmt("{\"org_ids\":[%lld]}", W->KE), 200);
	invitation = num(json_array_get(json_object_get(j, "invitations"), 0), "id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/sessions", summit), fmt("{\"kind\":\"showcase\",\"title\":\"Show\",\"presenter_org_id\":%lld}", W->HB), 422);
	CHECK_STR(error_field(j), "presenter_org_id"); /* Harbor is not invited */
	json_decref(j);
	/* The host presents; Kestrel, in the audience, rates. */
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/sessions", summit), fmt("{\"kind\":\"showcase\",\"title\":\"Show\",\"presenter_org_id\":%lld}", W->NW), 201);
	session = num(json_array_get(json_object_get(j, "sessions"), 0), "id");
	json_decref(j);
	/* A session Kestrel presents is not Kestrel's to rate: 409 own_session, nothing recorded. */
	j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/sessions", summit), fmt("{\"kind\":\"showcase\",\"title\":\"Kestrel's show\",\"presenter_org_id\":%lld}", W->KE), 201);
	{
		long long own = num(json_array_get(json_object_get(j, "sessions"), 1), "id");
		json_t *e = req(KE_CONS, "POST", fmt("/api/v1/sessions/%lld/ratings", own), "{\"rating\":5}", 409);

		CHECK_STR(error_code(e), "own_session");
		json_decref(e);
	}
	json_decref(j);
	/* Replies: the invitee accepts or declines, the host records attendance. */
	json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/invitations/%lld", invitation), "{\"status\":\"attended\"}", 403));
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/invitations/%lld", invitation), "{\"status\":\"accepted\"}", 403));
	json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/invitations/%lld", invitation), "{\"status\":\"accepted\"}", 200));
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/invitations/%lld", invitation), "{\"status\":\"attended\"}", 200));
	json_decref(req(HB_LEAD, "PATCH", fmt("/api/v1/invitations/%lld", invitation), "{\"status\":\"accepted\"}", 404));
	/* Ratings: attendees rate, only the host sees them. */
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/sessions/%lld/ratings", session), "{\"rating\":6}", 422));
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/sessions/%lld/ratings", session), "{\"rating\":4,\"comment\":\"Good demo\"}", 200));
	json_decref(req(KE_MEMBER, "POST", fmt("/api/v1/sessions/%lld/ratings", session), "{\"rating\":2}", 200));
	j = req(NW_CM, "GET", fmt("/api/v1/summits/%lld", summit), NULL, 200);
	x = json_array_get(json_object_get(j, "sessions"), 0);
	CHECK_INT(num(x, "ratings"), 2);
	CHECK(json_number_value(json_object_get(x, "mean_rating")) == 3.0);
	CHECK_INT(json_array_size(json_object_get(x, "comments")), 1);
	json_array_foreach(json_object_get(j, "invitations"), i, x) CHECK_STR(json_string_value(json_object_get(x, "status")), "attended");
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/summits/%lld", summit), NULL, 200);
	CHECK(json_object_get(json_array_get(json_object_get(j, "sessions"), 0), "ratings") == NULL);
	json_decref(j);
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/summits/%lld", summit), NULL, 404));
	/* An organisation that declined gives no feedback: 409 declined, nothing recorded. */
	{
		long long declined_summit, declined_session, lu_invitation;

		j = req(NW_CM, "POST", "/api/v1/summits", "{\"kind\":\"buyer-planning\",\"title\":\"Declined summit\",\"starts_on\":\"2027-04-02\"}", 201);
		declined_summit = num(j, "id");
		json_decref(j);
		j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/invitations", declined_summit), fmt("{\"org_ids\":[%lld]}", W->LU), 200);
		lu_invitation = num(json_array_get(json_object_get(j, "invitations"), 0), "id");
		json_decref(j);
		j = req(NW_CM, "POST", fmt("/api/v1/summits/%lld/sessions", declined_summit), fmt("{\"kind\":\"showcase\",\"title\":\"Lumen show\",\"presenter_org_id\":%lld}", W->LU), 201);
		declined_session = num(json_array_get(json_object_get(j, "sessions"), 0), "id");
		json_decref(j);
		json_decref(req(LU_LEAD, "PATCH", fmt("/api/v1/invitations/%lld", lu_invitation), "{\"status\":\"declined\"}", 200));
		j = req(LU_LEAD, "POST", fmt("/api/v1/sessions/%lld/ratings", declined_session), "{\"rating\":5}", 409);
		CHECK_STR(error_code(j), "declined");
		json_decref(j);
		j = req(NW_CM, "GET", fmt("/api/v1/summits/%lld", declined_summit), NULL, 200);
		CHECK_INT(num(json_array_get(json_object_get(j, "sessions"), 0), "ratings"), 0);
		json_decref(j);
	}
	/* The summit is in the invitee's calendar, not in others'. */
	j = req(KE_MEMBER, "GET", "/api/v1/me", NULL, 200);
	CHECK_INT(run_capture(fmt("curl -s '%s'", json_string_value(json_object_get(j, "calendar_url"))), &feed), 0);
	CHECK(feed && strstr(feed, fmt("UID:summit-%lld@accord", summit)));
	free(feed);
	feed = NULL;
	json_decref(j);
	j = req(HB_LEAD, "GET", "/api/v1/me", NULL, 200);
	CHECK_INT(run_capture(fmt("curl -s '%s'", json_string_value(json_object_get(j, "calendar_url"))), &feed), 0);
	CHECK(feed && !strstr(feed, fmt("UID:summit-%lld@accord", summit)));
	free(feed);
	json_decref(j);
}

static void test_problem_statements(void)
{
	json_t *j, *x;
	long long problem, mine;
	size_t i;

	/* To one engagement's provider: Kestrel for E1. */
	j = req(NW_CXO, "POST", "/api/v1/problems", fmt("{\"title\":\"Batch window too long\",\"engagement_id\":%lld}", W->E_MD), 422);
	CHECK_STR(error_field(j), "engagement_id"); /* not Northwind's engagement */
	json_decref(j);
	j = req(NW_CXO, "POST", "/api/v1/problems", fmt("{\"title\":\"Batch\",\"engagement_id\":%lld,\"summit_id\":1}", W->E1), 422);
	json_decref(j);
	j = req(NW_CXO, "POST", "/api/v1/problems", fmt("{\"title\":\"Batch window too long\",\"body\":\"Ideas?\",\"engagement_id\":%lld}", W->E1), 201);
	problem = num(j, "id");
	json_decref(j);
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/problems/%lld", problem), NULL, 404));
	json_decref(req(MD_CM, "GET", fmt("/api/v1/problems/%lld", problem), NULL, 404));
	json_decref(req(HB_LEAD, "POST", fmt("/api/v1/problems/%lld/responses", problem), "{\"body\":\"x\"}", 404));
	j = req(KE_LEAD, "POST", fmt("/api/v1/problems/%lld/responses", problem), "{\"body\":\"Split the batch by product line\"}", 201);
	mine = num(json_array_get(json_object_get(j, "responses"), 0), "id");
	json_decref(j);
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/problems/%lld/responses", problem), "{\"body\":\"Second idea\"}", 201));
	/* The buyer sees both and marks one selected; the status change is the buyer's alone. */
	j = req(NW_CXO, "GET", fmt("/api/v1/problems/%lld", problem), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "responses")), 2);
	json_decref(j);
	json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/problem-responses/%lld", mine), "{\"status\":\"selected\"}", 403));
	json_decref(req(NW_CXO, "PATCH", fmt("/api/v1/problem-responses/%lld", mine), "{\"status\":\"selected\"}", 200));
	j = req(KE_MEMBER, "GET", fmt("/api/v1/problems/%lld", problem), NULL, 200);
	json_array_foreach(json_object_get(j, "responses"), i, x) CHECK_INT(num(x, "org_id"), W->KE);
	json_decref(j);
	/* The pages follow the same rules. */
	{
		struct resp r;

		http(W->S, "GET", fmt("/problems/%lld", problem), W->tok[NW_CXO], NULL, NULL, NULL, &r);
		CHECK_INT(r.status, 200);
		CHECK(r.body && strstr(r.body, "Split the batch by product line") && strstr(r.body, "Second idea"));
		resp_free(&r);
		http(W->S, "GET", fmt("/problems/%lld", problem), W->tok[HB_LEAD], NULL, NULL, NULL, &r);
		CHECK_INT(r.status, 404);
		CHECK(!r.body || !strstr(r.body, "Batch window"));
		resp_free(&r);
		http(W->S, "GET", "/opportunities", W->tok[KE_LEAD], NULL, NULL, NULL, &r);
		CHECK_INT(r.status, 200);
		CHECK(r.body && strstr(r.body, "Batch window too long"));
		resp_free(&r);
		http(W->S, "GET", "/opportunities", W->tok[HB_LEAD], NULL, NULL, NULL, &r);
		CHECK(r.body && !strstr(r.body, "Batch window too long"));
		resp_free(&r);
	}
}

void summit_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(test_invitation_groups);
	RUN(test_replies_ratings_and_calendar);
	RUN(test_problem_statements);
	*passed += harness_passed;
	*failed += harness_failed;
}
