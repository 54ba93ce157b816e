/* scorecard_cases: scorecards (an engagement's, the portfolio's) and service credits' decisions over HTTP — a small fixture worked out by hand, unknown periods, both sides read and other tenants see nothing, the buyer's managers alone decide, bad input writes nothing. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;
static long long eng, kpi_up, kpi_resp, credit_aug, credit_oct;

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

/* A refusal: its status and the field its error names. */
static void refused(int who, const char *method, const char *path, const char *body, long want, const char *field)
{
	json_t *j = req(who, method, path, body, want);

	if (field)
		CHECK_STR(error_field(j) ? error_field(j) : "(none)", field);
	json_decref(j);
}

static long long kpi(const char *body)
{
	json_t *j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/kpis", eng), body, 201);
	long long id = num(j, "id");

	json_decref(j);
	return id;
}

/* A value submitted by Kestrel's leadership: 201 when the period had none, 200 when it replaces one. */
static long long value(long long k, const char *period, const char *v)
{
	json_t *j = NULL;
	long got = call_json(W->S, "PUT", fmt("/api/v1/kpis/%lld/measurements/%s", k, period), W->tok[KE_LEAD], fmt("{\"value\":%s}", v), &j);
	long long id = num(j, "id");

	if (got != 200 && got != 201)
		fprintf(stderr, "  PUT a value of %s: got %ld\n", period, got);
	CHECK(got == 200 || got == 201);
	json_decref(j);
	return id;
}

/* The credit of a KPI's period, from the engagement's list as the buyer reads it: its id, or 0. */
static long long credit_of(long long k, const char *period, char status[16])
{
	json_t *j = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/credits", eng), NULL, 200), *c;
	long long id = 0;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, c) if (num(c, "kpi_id") == k && !strcmp(str(c, "period"), period))
	{
		id = num(c, "id");
		if (status)
			snprintf(status, 16, "%s", str(c, "status"));
	}
	json_decref(j);
	return id;
}

static const char *credit_status(long long k, const char *period)
{
	static char s[16];

	s[0] = '\0';
	credit_of(k, period, s);
	return s;
}

/*
 * Northwind buys "Zq scorecard fixture" from Kestrel in EUR at EUR 100,000.00 a month, from
 * 2026-06-01. Uptime (higher, target 99.9, threshold 99.5, weight 2, a miss owes 2%) and
 * Response (lower, target 4, threshold 8, weight 1), by Kestrel's leadership:
 *
 *            06        07         08         09                        10         11
 *   Uptime   99.95 met 99.7 risk  99.2 miss  —                         99.0 miss  —
 *   Response 3 met     9 miss     5 risk     2 met, disputed (at risk) 4 met      —
 */
static bool fixture(void)
{
	json_t *j = req(NW_CM, "POST", "/api/v1/engagements",
			fmt("{\"provider_org_id\":%lld,\"title\":\"Zq scorecard fixture\",\"service_line\":\"IT\",\"starts_on\":\"2026-06-01\","
			    "\"ends_on\":\"2028-05-31\",\"monthly_charge\":100000,\"currency\":\"EUR\"}",
			    W->KE),
			201);
	long long disputed;

	eng = num(j, "id");
	json_decref(j);
	if (!eng)
		return false;
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", eng), "{\"accepted\":true}", 200));
	kpi_up = kpi("{\"name\":\"Uptime\",\"unit\":\"%\",\"direction\":\"higher\",\"target\":99.9,\"threshold\":99.5,\"frequency\":\"monthly\","
		     "\"weight\":2,\"credit_percent\":2}");
	kpi_resp = kpi("{\"name\":\"Response\",\"unit\":\"hours\",\"direction\":\"lower\",\"target\":4,\"threshold\":8,\"frequency\":\"monthly\"}");
	if (!kpi_up || !kpi_resp)
		return false;
	value(kpi_up, "2026-06", "99.95");
	value(kpi_up, "2026-07", "99.7");
	value(kpi_up, "2026-08", "99.2");
	value(kpi_up, "2026-10", "99.0");
	value(kpi_resp, "2026-06", "3");
	value(kpi_resp, "2026-07", "9");
	value(kpi_resp, "2026-08", "5");
	disputed = value(kpi_resp, "2026-09", "2");
	value(kpi_resp, "2026-10", "4");
	json_decref(req(NW_CM, "POST", fmt("/api/v1/measurements/%lld/dispute", disputed), "{\"reason\":\"Too few tickets sampled\"}", 200));
	credit_aug = credit_of(kpi_up, "2026-08", NULL);
	credit_oct = credit_of(kpi_up, "2026-10", NULL);
	return credit_aug && credit_oct;
}

static json_t *kpi_named(json_t *sc, const char *name)
{
	size_t i;
	json_t *k;

	json_array_foreach(json_object_get(sc, "kpis"), i, k) if (!strcmp(str(k, "name"), name)) return k;
	return NULL;
}

static json_t *period_of(json_t *k, const char *period)
{
	size_t i;
	json_t *p;

	json_array_foreach(json_object_get(k, "periods"), i, p) if (!strcmp(str(p, "period"), period)) return p;
	return NULL;
}

static double attainment(json_t *o)
{
	json_t *a = json_object_get(o, "attainment");

	return json_is_number(a) ? json_number_value(a) : -1;
}

static void scorecard_worked_by_hand(void)
{
	json_t *sc = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/scorecard?from=2026-06&to=2026-12", eng), NULL, 200);
	json_t *up = kpi_named(sc, "Uptime"), *resp = kpi_named(sc, "Response"), *p;

	CHECK(up && resp);
	if (!up || !resp)
		goto out;
	CHECK_STR(str(json_object_get(sc, "listed"), "to"), TEST_TODAY); /* December is still to come */
	CHECK_INT(json_array_size(json_object_get(up, "periods")), 6);
	/* A month without a value is listed as unknown, with no value: never met. */
	p = period_of(up, "2026-09");
	CHECK(p && !strcmp(str(p, "status"), "unknown") && json_is_null(json_object_get(p, "value")));
	CHECK(period_of(up, "2026-12") == NULL);
	/* Uptime: (1 + 0.5 + 0 + 0) / 4 known months. */
	CHECK(fabs(attainment(up) - 0.375) < 1e-9);
	CHECK_INT(num(up, "unknown"), 2);
	CHECK_STR(str(up, "missed_since"), "2026-08");
	/* Response: September's "met" is disputed and counts as at risk: (1 + 0 + 0.5 + 0.5 + 1) / 5. */
	p = period_of(resp, "2026-09");
	CHECK(p && !strcmp(str(p, "status"), "met") && !strcmp(str(p, "counted"), "at_risk") && json_is_true(json_object_get(p, "disputed")));
	CHECK_STR(str(p, "dispute_reason"), "Too few tickets sampled");
	CHECK(fabs(attainment(resp) - 0.6) < 1e-9);
	CHECK(json_is_null(json_object_get(resp, "missed_since")));
	/* The evidence of a cell: who submitted it. */
	CHECK(strlen(str(period_of(resp, "2026-06"), "submitted_by")) > 0);
	/* Overall, weighted: (2 × 1.5 + 1 × 3) / (2 × 4 + 1 × 5) = 6 / 13. */
	CHECK(fabs(attainment(sc) - 6.0 / 13) < 1e-9);
	CHECK_INT(num(sc, "kpis_missed"), 2);
	/* Credits: 2% of EUR 100,000.00 for each missed month of Uptime, always with the currency. */
	CHECK_STR(str(json_array_get(json_object_get(json_object_get(up, "credits"), "owed"), 0), "text"), "EUR 4,000.00");
	CHECK_STR(str(json_array_get(json_object_get(json_object_get(sc, "credits"), "owed"), 0), "currency"), "EUR");
out:
	json_decref(sc);
	/* The default window (12 months up to today) lists November too, still unknown. */
	sc = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/scorecard", eng), NULL, 200);
	CHECK_STR(str(json_object_get(sc, "window"), "from"), "2025-12-01");
	CHECK_STR(str(json_object_get(sc, "listed"), "from"), "2026-06-01"); /* the term starts in June */
	CHECK_STR(str(period_of(kpi_named(sc, "Uptime"), "2026-11"), "status"), "unknown");
	json_decref(sc);
}

static void bad_windows_are_refused(void)
{
	const char *path = fmt("/api/v1/engagements/%lld/scorecard", eng);

	refused(NW_CM, "GET", fmt("%s?from=2026-13", path), NULL, 422, "from");
	refused(NW_CM, "GET", fmt("%s?from=2026-Q5", path), NULL, 422, "from");
	refused(NW_CM, "GET", fmt("%s?to=tomorrow", path), NULL, 422, "to");
	refused(NW_CM, "GET", fmt("%s?from=2026-09&to=2026-06", path), NULL, 422, "from");
	refused(NW_CM, "GET", fmt("%s?from=2016-01&to=2026-11", path), NULL, 422, "to");
	refused(NW_CM, "GET", "/api/v1/scorecard?from=2026-02-30", NULL, 422, "from");
	/* A quarter and a date read. */
	json_decref(req(NW_CM, "GET", fmt("%s?from=2026-Q3&to=2026-09-15", path), NULL, 200));
}

/* Both sides read the scorecard and the credits, whatever their role; another tenant finds nothing. */
static void both_sides_read_others_hidden(void)
{
	static const int sides[] = {NW_CXO, NW_CIO, NW_CM, NW_SM, NW_MEMBER, KE_LEAD, KE_CONS, KE_MEMBER};
	static const int others[] = {ADMIN, MD_CM, HB_LEAD, LU_LEAD};

	for (size_t i = 0; i < sizeof sides / sizeof sides[0]; i++) {
		json_t *j = req(sides[i], "GET", fmt("/api/v1/engagements/%lld/scorecard", eng), NULL, 200);

		CHECK_INT(json_array_size(json_object_get(j, "kpis")), 2);
		json_decref(j);
		j = req(sides[i], "GET", fmt("/api/v1/engagements/%lld/credits", eng), NULL, 200);
		CHECK(json_array_size(json_object_get(j, "items")) >= 2);
		json_decref(j);
	}
	for (size_t i = 0; i < sizeof others / sizeof others[0]; i++) {
		refused(others[i], "GET", fmt("/api/v1/engagements/%lld/scorecard", eng), NULL, 404, NULL);
		refused(others[i], "GET", fmt("/api/v1/engagements/%lld/credits", eng), NULL, 404, NULL);
		CHECK_INT(call(W->S, "GET", fmt("/engagements/%lld/scorecard", eng), W->tok[others[i]], NULL), 404);
	}
	CHECK_INT(call(W->S, "GET", fmt("/engagements/%lld/scorecard", eng), W->tok[KE_MEMBER], NULL), 200);
}

static void credit_decisions_matrix(void)
{
	static const int forbidden[] = {NW_CXO, NW_CIO, NW_MEMBER, KE_LEAD, KE_CONS, KE_MEMBER};
	static const int hidden[] = {ADMIN, MD_CM, HB_LEAD, LU_LEAD};
	const char *path = fmt("/api/v1/credits/%lld", credit_aug);
	json_t *j;

	/* Bad input, each naming its field, writes nothing. */
	refused(NW_CM, "PATCH", path, "{\"status\":\"waived\"}", 422, "reason");
	refused(NW_CM, "PATCH", path, "{\"status\":\"waived\",\"reason\":\"   \"}", 422, "reason");
	refused(NW_CM, "PATCH", path, "{\"status\":\"owed\"}", 422, "status");
	refused(NW_CM, "PATCH", path, "{\"reason\":\"x\"}", 422, "status");
	CHECK_STR(credit_status(kpi_up, "2026-08"), "owed");
	/* Only the buyer's contract and sourcing managers decide; the others are refused, and nothing changes. */
	for (size_t i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++)
		refused(forbidden[i], "PATCH", path, "{\"status\":\"applied\"}", 403, NULL);
	for (size_t i = 0; i < sizeof hidden / sizeof hidden[0]; i++)
		refused(hidden[i], "PATCH", path, "{\"status\":\"applied\"}", 404, NULL);
	CHECK_STR(credit_status(kpi_up, "2026-08"), "owed");
	/* The sourcing manager waives with a reason; it is final: a second decision is a conflict. */
	j = req(NW_SM, "PATCH", path, "{\"status\":\"waived\",\"reason\":\"Outage agreed in advance\"}", 200);
	CHECK_STR(str(j, "status"), "waived");
	CHECK_STR(str(j, "reason"), "Outage agreed in advance");
	CHECK_STR(str(j, "amount"), "EUR 2,000.00");
	json_decref(j);
	refused(NW_CM, "PATCH", path, "{\"status\":\"applied\"}", 409, "status");
	CHECK_STR(credit_status(kpi_up, "2026-08"), "waived");
	/* The contract manager applies the other, no reason needed; the provider reads the decision. */
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/credits/%lld", credit_oct), "{\"status\":\"applied\"}", 200));
	j = req(KE_LEAD, "GET", fmt("/api/v1/engagements/%lld/credits", eng), NULL, 200);
	CHECK_STR(str(json_array_get(json_object_get(json_object_get(j, "totals"), "applied"), 0), "text"), "EUR 2,000.00");
	CHECK_STR(str(json_array_get(json_object_get(json_object_get(j, "totals"), "waived"), 0), "text"), "EUR 2,000.00");
	CHECK_INT(json_array_size(json_object_get(json_object_get(j, "totals"), "owed")), 0);
	json_decref(j);
}

static json_t *portfolio_row(json_t *p, long long id)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(p, "items"), i, x) if (num(x, "engagement_id") == id) return x;
	return NULL;
}

static void portfolio_per_side(void)
{
	json_t *p = req(NW_CM, "GET", "/api/v1/scorecard?from=2026-06&to=2026-11", NULL, 200), *row = portfolio_row(p, eng);

	CHECK(row != NULL);
	if (row) {
		CHECK(fabs(attainment(row) - 6.0 / 13) < 1e-9);
		CHECK_INT(num(row, "kpis_missed"), 2);
		CHECK_STR(str(json_array_get(json_object_get(row, "missed_kpis"), 0), "name"), "Uptime");
		CHECK_STR(str(row, "provider"), "Kestrel IT Services");
	}
	CHECK(num(json_object_get(p, "totals"), "engagements") >= 1);
	json_decref(p);
	p = req(KE_LEAD, "GET", "/api/v1/scorecard", NULL, 200);
	CHECK(portfolio_row(p, eng) != NULL);
	json_decref(p);
	p = req(MD_CM, "GET", "/api/v1/scorecard", NULL, 200);
	CHECK(portfolio_row(p, eng) == NULL);
	json_decref(p);
	p = req(HB_LEAD, "GET", "/api/v1/scorecard", NULL, 200);
	CHECK(portfolio_row(p, eng) == NULL);
	json_decref(p);
	/* The portfolio is for the buyer's managers and CxO and the provider's leadership. */
	refused(NW_MEMBER, "GET", "/api/v1/scorecard", NULL, 403, NULL);
	refused(KE_CONS, "GET", "/api/v1/scorecard", NULL, 403, NULL);
	CHECK_INT(call(W->S, "GET", "/scorecard", W->tok[NW_CXO], NULL), 200);
}

/* The browser's form: a refusal talks back, the first post asks to confirm, only the confirmed one binds. */
static void credit_form_confirms(void)
{
	long long id = 0;
	struct resp r = {0};
	char *from = fmt("/engagements/%lld/scorecard", eng), *to;

	/* A fresh owed credit: July's value is corrected to a miss, which owes one. */
	value(kpi_up, "2026-07", "99.1");
	id = credit_of(kpi_up, "2026-07", NULL);
	CHECK(id > 0);
	to = fmt("/credits/%lld", id);
	CHECK_INT(page_post(W->S, from, to, W->tok[NW_CM], "status=waived&reason=", &r), 422);
	CHECK(r.body && strstr(r.body, "id=\"form-errors\"") && strstr(r.body, "a waiver needs a reason"));
	resp_free(&r);
	CHECK_INT(page_post(W->S, from, to, W->tok[NW_CM], "status=waived&reason=Agreed+at+the+review", &r), 200);
	CHECK(r.body && strstr(r.body, "Waive the credit") && strstr(r.body, "confirmed"));
	resp_free(&r);
	CHECK_STR(credit_status(kpi_up, "2026-07"), "owed");
	CHECK_INT(page_post(W->S, from, to, W->tok[NW_CM], "status=waived&reason=Agreed+at+the+review&confirmed=yes", &r), 303);
	resp_free(&r);
	CHECK_STR(credit_status(kpi_up, "2026-07"), "waived");
	/* The provider may not. */
	CHECK_INT(page_post(W->S, from, to, W->tok[KE_LEAD], "status=applied&confirmed=yes", &r), 403);
	resp_free(&r);
	/* Another tenant does not learn the credit exists. */
	CHECK_INT(page_post(W->S, "/", to, W->tok[MD_CM], "status=applied&confirmed=yes", &r), 404);
	resp_free(&r);
}

void scorecard_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	harness_case = "scorecard fixture";
	if (!fixture()) {
		fprintf(stderr, "scorecard: the fixture could not be made\n");
		(*failed)++;
		return;
	}
	RUN(scorecard_worked_by_hand);
	RUN(bad_windows_are_refused);
	RUN(both_sides_read_others_hidden);
	RUN(credit_decisions_matrix);
	RUN(portfolio_per_side);
	RUN(credit_form_confirms);
	*passed += harness_passed;
	*failed += harness_failed;
}
