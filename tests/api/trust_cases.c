/* trust_cases: surveys (the reveal rule, one answer per side and period, only the two organisations), the explained trust score and mode transitions over HTTP. */
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

static json_t *req(int who, const char *method, const char *path, const char *body, long want)
{
	json_t *j = NULL;
	long got = call_json(W->S, method, path, W->tok[who], body, &j);

	if (got != want)
		fprintf(stderr, "  %s %s as %s: got %ld, want %ld\n", method, path, W->names[who], got, want);
	CHECK_INT(got, want);
	return j;
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

static json_t *factor(json_t *trust, const char *name)
{
	size_t i;
	json_t *f;

	json_array_foreach(json_object_get(trust, "factors"), i, f) if (!strcmp(str(f, "name"), name)) return f;
	return NULL;
}

static const char *answers(int mark)
{
	return fmt("{\"trust\":%d,\"communication\":%d,\"value\":%d,\"innovation\":%d,\"responsiveness\":%d}", mark, mark,
		   mark, mark, mark);
}

/* The period (survey list item) for a review, from the caller's view. */
static json_t *period(int who, long long eng, long long review)
{
	json_t *j = req(who, "GET", fmt("/api/v1/engagements/%lld/surveys", eng), NULL, 200), *p, *found = NULL;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, p) if (num(p, "period") == review) found = json_incref(p);
	json_decref(j);
	CHECK(found != NULL);
	return found;
}

static void test_trust_explained(void)
{
	long long digital = engagement_titled(NW_CM, "Digital channels development");
	json_t *t = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/trust", W->E1), NULL, 200), *f, *h, *e;
	double weights = 0;
	char *out = NULL;
	size_t i;

	/* Core banking earned its partnership: the score, seven factors, their weights, the history. */
	CHECK(json_is_number(json_object_get(t, "score")));
	CHECK(json_number_value(json_object_get(t, "score")) >= 70);
	CHECK_STR(str(t, "advice"), "partnership");
	CHECK_STR(str(t, "mode"), "partnership");
	CHECK_INT(json_array_size(json_object_get(t, "factors")), 7);
	json_array_foreach(json_object_get(t, "factors"), i, f)
	{
		weights += json_number_value(json_object_get(f, "weight"));
		CHECK(json_is_object(json_object_get(f, "evidence")));
		/* Unknown factors carry no value and no share: never scored as 0 or 100. */
		if (!json_is_true(json_object_get(f, "known"))) {
			CHECK(json_is_null(json_object_get(f, "value")));
			CHECK(json_number_value(json_object_get(f, "share")) == 0);
		}
	}
	CHECK(weights > 0.999 && weights < 1.001);
	CHECK(!json_is_true(json_object_get(factor(t, "value"), "known")));
	/* Delivery: its evidence says how many KPI periods were met, at risk, missed and not reported, KPI by KPI. */
	CHECK(factor(t, "delivery") != NULL);
	CHECK(json_is_array(json_object_get(json_object_get(factor(t, "delivery"), "evidence"), "kpis")));
	CHECK(json_is_integer(json_object_get(json_object_get(factor(t, "delivery"), "evidence"), "unreported")));
	CHECK(json_number_value(json_object_get(json_object_get(t, "settings"), "delivery_floor")) == 0.5);
	CHECK(json_is_true(json_object_get(factor(t, "cadence"), "known")));
	CHECK_INT(num(json_object_get(factor(t, "cadence"), "evidence"), "review_id"), num(t, "review_id"));
	CHECK(json_array_size(json_object_get(t, "history")) >= 5);
	json_array_foreach(json_object_get(t, "history"), i, h) CHECK(num(h, "review_id") > 0);
	/* The engagement carries the same score. */
	e = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld", W->E1), NULL, 200);
	CHECK(json_equal(json_object_get(json_object_get(e, "trust"), "score"), json_object_get(t, "score")));
	json_decref(e);
	/* The command line explains the same numbers. */
	CHECK_INT(run_capture(fmt("ACCORD_TODAY=%s %s trust explain --db %s --engagement %lld --json", TEST_TODAY, W->bin,
				  W->db, W->E1), &out), 0);
	{
		json_t *cli = json_loads(out ? out : "", 0, NULL);

		CHECK(cli != NULL);
		CHECK(json_equal(json_object_get(cli, "score"), json_object_get(t, "score")));
		CHECK(json_equal(json_object_get(cli, "history"), json_object_get(t, "history")));
		json_decref(cli);
	}
	free(out);
	out = NULL;
	CHECK_INT(run_capture(fmt("ACCORD_TODAY=%s %s trust explain --db %s --engagement %lld", TEST_TODAY, W->bin, W->db,
				  W->E1), &out), 0);
	CHECK(out && strstr(out, "Score ") && strstr(out, "cadence") && strstr(out, "unknown (no evidence"));
	free(out);
	out = NULL;
	CHECK_INT(run_capture(fmt("%s trust explain --db %s --engagement 999999 2>&1", W->bin, W->db), &out), 1);
	free(out);
	out = NULL;
	CHECK_INT(run_capture(fmt("ACCORD_TRUST=cadence=0.9 %s trust explain --db %s --engagement %lld 2>&1", W->bin, W->db,
				  W->E1), &out), 2);
	CHECK(out && strstr(out, "weights must sum to 1"));
	free(out);
	json_decref(t);

	/* The demo's other stories: recommended for partnership, and regressing. */
	CHECK(digital > 0);
	t = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/trust", digital), NULL, 200);
	CHECK_STR(str(t, "mode"), "vendor");
	CHECK_STR(str(t, "advice"), "partnership");
	CHECK_STR(str(t, "recommended_mode"), "partnership");
	json_decref(t);
	t = req(KE_LEAD, "GET", fmt("/api/v1/engagements/%lld/trust", digital), NULL, 200);
	CHECK_STR(str(t, "recommended_mode"), "partnership"); /* the provider sees the same */
	json_decref(t);
	t = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/trust", W->E2), NULL, 200);
	CHECK_STR(str(t, "advice"), "regression");
	json_decref(t);
	/* Other tenants see nothing of it. */
	json_decref(req(MD_CM, "GET", fmt("/api/v1/engagements/%lld/trust", digital), NULL, 404));
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/engagements/%lld/trust", digital), NULL, 404));
	/* The portfolio carries trust and the recommendation, for both sides. */
	t = req(NW_CM, "GET", "/api/v1/portfolio", NULL, 200);
	json_array_foreach(json_object_get(t, "items"), i, e)
	{
		if (num(e, "engagement_id") == digital) {
			CHECK_STR(str(e, "recommended_mode"), "partnership");
			CHECK(json_array_size(json_object_get(e, "trust_history")) >= 3);
		}
		CHECK(num(e, "engagement_id") != W->E_MD);
	}
	json_decref(t);
}

static void test_surveys(void)
{
	json_t *j, *p, *t;
	long long review, held_e1 = 0;
	size_t i;

	/* A review of Meridian's engagement with Kestrel, held today: its survey period is open. */
	j = req(MD_CM, "POST", fmt("/api/v1/engagements/%lld/reviews", W->E_MD), "{\"due_on\":\"" TEST_TODAY "\"}", 201);
	review = num(j, "id");
	json_decref(j);
	/* Not held yet: no survey. */
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E_MD),
			fmt("{\"period\":%lld,\"answers\":%s}", review, answers(4)), 422));
	json_decref(req(MD_CM, "PATCH", fmt("/api/v1/reviews/%lld", review), "{\"held_on\":\"" TEST_TODAY "\"}", 200));

	/* Bad input, refused with the field named, nothing written. */
	j = req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E_MD),
		fmt("{\"period\":%lld,\"answers\":{\"trust\":6,\"communication\":3,\"value\":3,\"innovation\":3,\"responsiveness\":3}}", review), 422);
	CHECK_STR(error_field(j), "answers.trust");
	json_decref(j);
	j = req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E_MD),
		fmt("{\"period\":%lld,\"answers\":{\"trust\":3,\"communication\":3,\"innovation\":3,\"responsiveness\":3}}", review), 422);
	CHECK_STR(error_field(j), "answers.value");
	json_decref(j);
	j = req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E_MD),
		fmt("{\"period\":%lld,\"answers\":%s,\"mood\":\"fine\"}", review, answers(3)), 422);
	CHECK_STR(error_field(j), "mood");
	json_decref(j);
	j = req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E_MD),
		fmt("{\"period\":%lld,\"answers\":%s}", 1LL, answers(3)), 422); /* a review of another engagement */
	CHECK_STR(error_field(j), "period");
	json_decref(j);
	json_decref(req(KE_MEMBER, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E_MD),
			fmt("{\"period\":%lld,\"answers\":%s}", review, answers(3)), 403));
	json_decref(req(HB_LEAD, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E_MD),
			fmt("{\"period\":%lld,\"answers\":%s}", review, answers(3)), 404));
	json_decref(req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/surveys", W->E_MD), NULL, 404));
	p = period(MD_CM, W->E_MD, review);
	CHECK(json_is_null(json_object_get(p, "mine")));
	CHECK(!json_is_true(json_object_get(p, "theirs_answered")));
	json_decref(p);

	/* The provider answers first, then changes its answers (one per side and period: a later one replaces the earlier while unrevealed). */
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E_MD),
			fmt("{\"period\":%lld,\"answers\":%s}", review, answers(3)), 200));
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E_MD),
			fmt("{\"period\":%lld,\"answers\":%s,\"comment\":\"Good review\"}", review, answers(4)), 200));
	/* The buyer learns that it did, not what it said. */
	p = period(MD_CM, W->E_MD, review);
	CHECK(json_is_true(json_object_get(p, "theirs_answered")));
	CHECK(!json_is_true(json_object_get(p, "revealed")));
	CHECK(json_is_null(json_object_get(p, "theirs")));
	json_decref(p);
	p = period(KE_LEAD, W->E_MD, review);
	CHECK_INT(num(json_object_get(p, "mine"), "trust"), 4);
	CHECK(json_is_null(json_object_get(p, "theirs")));
	json_decref(p);
	/* Nor does the score tell: the survey counts only once revealed. */
	t = req(MD_CM, "GET", fmt("/api/v1/engagements/%lld/trust", W->E_MD), NULL, 200);
	CHECK_INT(num(t, "review_id"), review);
	CHECK(!json_is_true(json_object_get(factor(t, "sentiment"), "known")));
	json_decref(t);

	/* The buyer answers: both see both. */
	json_decref(req(MD_CM, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E_MD),
			fmt("{\"period\":%lld,\"answers\":%s}", review, answers(2)), 200));
	p = period(KE_LEAD, W->E_MD, review);
	CHECK(json_is_true(json_object_get(p, "revealed")));
	CHECK_INT(num(json_object_get(p, "theirs"), "trust"), 2);
	json_decref(p);
	t = req(MD_CM, "GET", fmt("/api/v1/engagements/%lld/trust", W->E_MD), NULL, 200);
	CHECK(json_is_true(json_object_get(factor(t, "sentiment"), "known")));
	/* ((2-1)/4 + (4-1)/4) / 2 = 0.5 */
	CHECK(json_number_value(json_object_get(factor(t, "sentiment"), "value")) == 50);
	json_decref(t);

	/* Revealed means final (issue 16): a later answer from either side is refused, nothing changes. */
	j = req(KE_CONS, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E_MD),
		fmt("{\"period\":%lld,\"answers\":%s}", review, answers(5)), 409);
	CHECK_STR(error_code(j), "survey_frozen");
	CHECK_STR(error_field(j), "period");
	json_decref(j);
	p = period(MD_CM, W->E_MD, review);
	CHECK_INT(num(json_object_get(p, "theirs"), "trust"), 4);
	CHECK(json_is_true(json_object_get(p, "final")));
	json_decref(p);

	/* A period that closed takes no more answers. */
	j = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/reviews?limit=200", W->E1), NULL, 200);
	json_array_foreach(json_object_get(j, "items"), i, p)
		if (!held_e1 && json_is_string(json_object_get(p, "held_on")) && strcmp(str(p, "held_on"), "2026-09-01") < 0)
			held_e1 = num(p, "id");
	json_decref(j);
	CHECK(held_e1 > 0);
	j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E1),
		fmt("{\"period\":%lld,\"answers\":%s}", held_e1, answers(3)), 409);
	CHECK_STR(error_code(j), "closed");
	json_decref(j);
	/* Closed periods show both sides' answers. */
	p = period(KE_LEAD, W->E1, held_e1);
	CHECK(json_is_true(json_object_get(p, "closed")));
	CHECK(json_is_true(json_object_get(p, "revealed")));
	json_decref(p);
}

static void test_mode_transitions(void)
{
	long long digital = engagement_titled(NW_CM, "Digital channels development");
	const char *path = fmt("/api/v1/engagements/%lld/mode", digital);
	json_t *before, *j, *h;
	char *b1, *b2;

	before = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld", digital), NULL, 200);
	b1 = json_dumps(before, JSON_SORT_KEYS);
	/* Only the buyer's contract or sourcing manager and its CxO (issue 18), and never without a reason. */
	json_decref(req(NW_CIO, "POST", path, "{\"mode\":\"partnership\",\"reason\":\"r\"}", 403));
	j = req(NW_CXO, "POST", path, "{\"mode\":\"partnership\"}", 422);
	CHECK_STR(error_field(j), "reason");
	json_decref(j);
	json_decref(req(KE_LEAD, "POST", path, "{\"mode\":\"partnership\",\"reason\":\"r\"}", 403));
	json_decref(req(MD_CM, "POST", path, "{\"mode\":\"partnership\",\"reason\":\"r\"}", 404));
	j = req(NW_CM, "POST", path, "{\"mode\":\"partnership\"}", 422);
	CHECK_STR(error_field(j), "reason");
	json_decref(j);
	j = req(NW_CM, "POST", path, "{\"mode\":\"partnership\",\"reason\":\"  \"}", 422);
	CHECK_STR(error_field(j), "reason");
	json_decref(j);
	j = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld", digital), NULL, 200);
	b2 = json_dumps(j, JSON_SORT_KEYS);
	CHECK_STR(b2, b1);
	free(b2);
	json_decref(j);
	/* Confirmed with a reason: the mode and its history say who, when and why. */
	j = req(NW_SM, "POST", path, "{\"mode\":\"partnership\",\"reason\":\"Trust held above 70 for three reviews in a row\"}", 200);
	CHECK_STR(str(j, "mode"), "partnership");
	h = json_array_get(json_object_get(j, "mode_history"), json_array_size(json_object_get(j, "mode_history")) - 1);
	CHECK_STR(str(h, "mode"), "partnership");
	CHECK_STR(str(h, "reason"), "Trust held above 70 for three reviews in a row");
	CHECK_INT(num(h, "changed_by"), W->user_id[NW_SM]);
	CHECK(strlen(str(h, "changed_at")) >= 10);
	json_decref(j);
	j = req(KE_LEAD, "GET", fmt("/api/v1/engagements/%lld/trust", digital), NULL, 200);
	CHECK_STR(str(j, "mode"), "partnership");
	CHECK_STR(str(j, "recommended_mode"), "partnership");
	json_decref(j);
	free(b1);
	json_decref(before);
}

void trust_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(test_trust_explained);
	RUN(test_surveys);
	RUN(test_mode_transitions);
	*passed += harness_passed;
	*failed += harness_failed;
}
