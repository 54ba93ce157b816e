/* kpi_cases: KPIs and their measurements over HTTP — who may define, submit, import, dispute and answer (every route, every caller), bad input that writes nothing, imports all or nothing, replacement history, disputes and the action plan. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;
/* An engagement of Northwind with Kestrel made for these cases (2025-01-01 to 2027-12-31), its KPIs and a value. */
static long long E, K_AVAIL, K_AHT, K_CSAT, M1;
/* The KPIs the ServiceNow fixtures name, and the review the action plans go on. */
static long long K_INC, K_P1, REVIEW;

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* One request as a caller; checks the status (printing the answer when it is not the one wanted) and returns the parsed body. */
static json_t *req_as(int who, const char *method, const char *path, const char *body, const char *type, long want)
{
	struct resp r;
	json_t *j;

	http(W->S, method, path, W->tok[who], body, type, NULL, &r);
	if (r.status != want)
		fprintf(stderr, "  %s %s as %s: got %ld, want %ld: %.600s\n", method, path, W->names[who], r.status, want,
			r.body ? r.body : "");
	CHECK_INT(r.status, want);
	j = r.json;
	r.json = NULL;
	resp_free(&r);
	return j;
}

static json_t *req(int who, const char *method, const char *path, const char *body, long want)
{
	return req_as(who, method, path, body, NULL, want);
}

/* A refusal: its status, error code and field (NULL: any). */
static void refused(int who, const char *method, const char *path, const char *body, long want, const char *code,
		    const char *field)
{
	json_t *j = req(who, method, path, body, want);

	if (code)
		CHECK_STR(error_code(j) ? error_code(j) : "", code);
	if (field)
		CHECK_STR(error_field(j) ? error_field(j) : "", field);
	json_decref(j);
}

static size_t count_items(int who, const char *path)
{
	json_t *j = req(who, "GET", path, NULL, 200);
	size_t n = json_array_size(json_object_get(j, "items"));

	json_decref(j);
	return n;
}

static size_t kpi_count(void)
{
	return count_items(NW_CM, fmt("/api/v1/engagements/%lld/kpis", E));
}

static size_t value_count(long long kpi)
{
	return count_items(NW_CM, fmt("/api/v1/kpis/%lld/measurements", kpi));
}

/* The value a KPI has for a period (as the buyer reads it), or NULL; json_decref it. */
static json_t *value_of(long long kpi, const char *period)
{
	json_t *j = req(NW_CM, "GET", fmt("/api/v1/kpis/%lld/measurements", kpi), NULL, 200), *x, *found = NULL;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, x) if (!strcmp(str(x, "period"), period)) found = json_incref(x);
	json_decref(j);
	return found;
}

static long long define(const char *body)
{
	json_t *j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/kpis", E), body, 201);
	long long id = num(j, "id");

	json_decref(j);
	return id;
}

/* ---- set-up ---- */

static bool setup(void)
{
	json_t *j = req(NW_CM, "POST", "/api/v1/engagements",
			fmt("{\"provider_org_id\":%lld,\"title\":\"Zq service desk\",\"service_line\":\"ITES\",\"starts_on\":\"2025-01-01\",\"ends_on\":\"2027-12-31\"}",
			    W->KE),
			201);

	E = num(j, "id");
	json_decref(j);
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/acceptance", E), "{\"accepted\":true}", 200));
	K_AVAIL = define("{\"name\":\"Availability\",\"unit\":\"%\",\"direction\":\"higher\",\"target\":99.5,\"threshold\":99,\"frequency\":\"monthly\",\"credit_percent\":5}");
	K_AHT = define("{\"name\":\"Average handling time\",\"unit\":\"minutes\",\"direction\":\"lower\",\"target\":6,\"threshold\":8,\"frequency\":\"monthly\",\"weight\":2}");
	K_CSAT = define("{\"name\":\"CSAT\",\"unit\":\"score of 5\",\"direction\":\"higher\",\"target\":4.2,\"threshold\":3.8,\"frequency\":\"quarterly\"}");
	K_INC = define("{\"name\":\"Incidents resolved within SLA\",\"unit\":\"%\",\"direction\":\"higher\",\"target\":95,\"threshold\":90,\"frequency\":\"monthly\"}");
	K_P1 = define("{\"name\":\"Priority 1 response\",\"unit\":\"%\",\"direction\":\"higher\",\"target\":90,\"threshold\":80,\"frequency\":\"quarterly\"}");
	j = req(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-01", K_AVAIL), "{\"value\":99.7}", 201);
	M1 = num(j, "id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/reviews", E), "{\"due_on\":\"2026-12-15\",\"agenda\":\"Service levels\"}", 201);
	REVIEW = num(j, "id");
	json_decref(j);
	return E && K_AVAIL && K_AHT && K_CSAT && K_INC && K_P1 && M1 && REVIEW;
}

/* ---- the permission matrix ---- */

struct row {
	const char *method, *path, *body, *type;
	int want[CALLERS];
};

/* Every KPI route for every caller; the bodies are refused by the rules, so whoever passes the gate writes nothing. */
static void every_route_every_caller(void)
{
	/*                        admin nwcxo nwcio nwcm nwsm nwmem kelead kecons kemem mdcm hblead lulead */
	struct row rows[] = {
		{"GET", "/api/v1/kpi-templates?service_line=BPO", NULL, NULL, {200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200}},
		{"GET", fmt("/api/v1/engagements/%lld/kpis", E), NULL, NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"POST", fmt("/api/v1/engagements/%lld/kpis", E), "{\"name\":\"X\",\"direction\":\"sideways\",\"target\":1,\"threshold\":1,\"frequency\":\"monthly\"}", NULL,
		 {404, 403, 403, 422, 422, 403, 403, 403, 403, 404, 404, 404}},
		{"GET", fmt("/api/v1/kpis/%lld", K_AVAIL), NULL, NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"PATCH", fmt("/api/v1/kpis/%lld", K_AVAIL), "{\"weight\":-1}", NULL, {404, 403, 403, 422, 422, 403, 403, 403, 403, 404, 404, 404}},
		{"GET", fmt("/api/v1/kpis/%lld/measurements", K_AVAIL), NULL, NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"PUT", fmt("/api/v1/kpis/%lld/measurements/2026-13", K_AVAIL), "{\"value\":99}", NULL,
		 {404, 403, 403, 403, 403, 403, 422, 422, 403, 404, 404, 404}},
		{"POST", fmt("/api/v1/engagements/%lld/measurements", E), "kpi,period,value\nNo such KPI,2026-01,1\n", "text/csv",
		 {404, 403, 403, 403, 403, 403, 422, 422, 403, 404, 404, 404}},
		{"GET", fmt("/api/v1/measurements/%lld", M1), NULL, NULL, {404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 404, 404}},
		{"POST", fmt("/api/v1/measurements/%lld/dispute", M1), "{\"reason\":\"  \"}", NULL, {404, 403, 403, 422, 422, 403, 403, 403, 403, 404, 404, 404}},
		{"POST", fmt("/api/v1/measurements/%lld/answer", M1), "{\"answer\":\"  \"}", NULL, {404, 403, 403, 403, 403, 403, 422, 403, 403, 404, 404, 404}},
	};
	size_t kpis = kpi_count(), values = value_count(K_AVAIL);

	for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++) {
		for (int c = 0; c < CALLERS; c++) {
			struct resp x;

			http(W->S, rows[r].method, rows[r].path, W->tok[c], rows[r].body, rows[r].type, NULL, &x);
			if (x.status != rows[r].want[c]) {
				harness_case_failed = 1;
				fprintf(stderr, "FAIL kpi matrix: %s %s as %s: got %ld, want %d: %.300s\n", rows[r].method, rows[r].path,
					W->names[c], x.status, rows[r].want[c], x.body ? x.body : "");
			}
			resp_free(&x);
		}
		/* Without a token: 401. */
		{
			struct resp x;

			http(W->S, rows[r].method, rows[r].path, NULL, rows[r].body, rows[r].type, NULL, &x);
			CHECK_INT(x.status, 401);
			resp_free(&x);
		}
	}
	/* Nothing was written by anyone. */
	CHECK_INT(kpi_count(), kpis);
	CHECK_INT(value_count(K_AVAIL), values);
	{
		json_t *m = req(NW_CM, "GET", fmt("/api/v1/measurements/%lld", M1), NULL, 200);

		CHECK(json_is_false(json_object_get(m, "disputed")));
		json_decref(m);
	}
}

/* ---- definitions ---- */

static void a_definition_reads_back_on_both_sides(void)
{
	json_t *j = req(KE_CONS, "GET", fmt("/api/v1/kpis/%lld", K_AHT), NULL, 200);

	CHECK_STR(str(j, "name"), "Average handling time");
	CHECK_STR(str(j, "direction"), "lower");
	CHECK_STR(str(j, "frequency"), "monthly");
	CHECK(json_number_value(json_object_get(j, "target")) == 6);
	CHECK(json_number_value(json_object_get(j, "threshold")) == 8);
	CHECK(json_number_value(json_object_get(j, "weight")) == 2);
	CHECK(json_is_null(json_object_get(j, "credit_percent")));
	json_decref(j);
	j = req(NW_SM, "GET", fmt("/api/v1/engagements/%lld/kpis", E), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 5);
	/* By name: Availability, Average handling time, CSAT, ...; the first has its latest value. */
	CHECK_STR(str(json_array_get(json_object_get(j, "items"), 0), "name"), "Availability");
	CHECK_STR(str(json_object_get(json_array_get(json_object_get(j, "items"), 0), "latest"), "period"), "2026-01");
	CHECK_STR(str(json_object_get(json_array_get(json_object_get(j, "items"), 0), "latest"), "status"), "met");
	json_decref(j);
}

static void bad_definitions_name_their_field_and_write_nothing(void)
{
	const char *path = fmt("/api/v1/engagements/%lld/kpis", E);
	size_t before = kpi_count();

	refused(NW_CM, "POST", path, "{\"unit\":\"%\",\"direction\":\"higher\",\"target\":1,\"threshold\":1,\"frequency\":\"monthly\"}", 422, NULL, "name");
	refused(NW_CM, "POST", path, "{\"name\":\"X\",\"direction\":\"up\",\"target\":1,\"threshold\":1,\"frequency\":\"monthly\"}", 422, NULL, "direction");
	refused(NW_CM, "POST", path, "{\"name\":\"X\",\"direction\":\"higher\",\"target\":1,\"threshold\":1,\"frequency\":\"weekly\"}", 422, NULL, "frequency");
	refused(NW_CM, "POST", path, "{\"name\":\"X\",\"direction\":\"higher\",\"target\":\"high\",\"threshold\":1,\"frequency\":\"monthly\"}", 422, NULL, "target");
	/* Higher is better: the threshold (the floor of a miss) cannot be above the target. */
	refused(NW_CM, "POST", path, "{\"name\":\"X\",\"direction\":\"higher\",\"target\":90,\"threshold\":95,\"frequency\":\"monthly\"}", 422, NULL, "threshold");
	refused(NW_CM, "POST", path, "{\"name\":\"X\",\"direction\":\"lower\",\"target\":10,\"threshold\":5,\"frequency\":\"monthly\"}", 422, NULL, "threshold");
	refused(NW_CM, "POST", path, "{\"name\":\"X\",\"direction\":\"higher\",\"target\":1,\"threshold\":1,\"frequency\":\"monthly\",\"weight\":0}", 422, NULL, "weight");
	refused(NW_CM, "POST", path, "{\"name\":\"X\",\"direction\":\"higher\",\"target\":1,\"threshold\":1,\"frequency\":\"monthly\",\"credit_percent\":101}", 422, NULL, "credit_percent");
	refused(NW_CM, "POST", path, "{\"name\":\"X\",\"direction\":\"higher\",\"target\":1,\"threshold\":1,\"frequency\":\"monthly\",\"credit_percent\":-1}", 422, NULL, "credit_percent");
	refused(NW_CM, "POST", path, "{\"name\":\"  \",\"direction\":\"higher\",\"target\":1,\"threshold\":1,\"frequency\":\"monthly\"}", 422, NULL, "name");
	/* The name is unique per engagement, whatever its case. */
	refused(NW_SM, "POST", path, "{\"name\":\"availability\",\"direction\":\"higher\",\"target\":1,\"threshold\":1,\"frequency\":\"monthly\"}", 409, "conflict", "name");
	CHECK_INT(kpi_count(), before);
}

static void a_change_of_targets_keeps_the_name_and_frequency(void)
{
	json_t *j = req(NW_SM, "PATCH", fmt("/api/v1/kpis/%lld", K_CSAT), "{\"target\":4.5,\"threshold\":4}", 200);

	CHECK(json_number_value(json_object_get(j, "target")) == 4.5);
	CHECK(json_number_value(json_object_get(j, "threshold")) == 4);
	CHECK_STR(str(j, "frequency"), "quarterly");
	json_decref(j);
	/* An incoherent change is refused whole: the target stays. */
	refused(NW_CM, "PATCH", fmt("/api/v1/kpis/%lld", K_CSAT), "{\"target\":3}", 422, NULL, "threshold");
	refused(NW_CM, "PATCH", fmt("/api/v1/kpis/%lld", K_CSAT), "{\"name\":\"Happiness\"}", 422, NULL, "name");
	j = req(NW_CM, "GET", fmt("/api/v1/kpis/%lld", K_CSAT), NULL, 200);
	CHECK(json_number_value(json_object_get(j, "target")) == 4.5);
	CHECK_STR(str(j, "name"), "CSAT");
	json_decref(j);
}

static void the_template_library_serves_each_service_line(void)
{
	json_t *j = req(KE_MEMBER, "GET", "/api/v1/kpi-templates?service_line=BPO", NULL, 200), *t;
	size_t i;
	bool accuracy = false;

	CHECK(json_array_size(json_object_get(j, "items")) >= 4);
	json_array_foreach(json_object_get(j, "items"), i, t)
	{
		double target = json_number_value(json_object_get(t, "target")), threshold = json_number_value(json_object_get(t, "threshold"));

		CHECK_STR(str(t, "service_line"), "BPO");
		/* Each template is a rule the definition route accepts. */
		CHECK(!strcmp(str(t, "direction"), "higher") ? threshold <= target : threshold >= target);
		accuracy |= !strcmp(str(t, "name"), "Accuracy");
	}
	CHECK(accuracy);
	json_decref(j);
	j = req(NW_MEMBER, "GET", "/api/v1/kpi-templates", NULL, 200);
	CHECK(json_array_size(json_object_get(j, "items")) >= 12);
	json_decref(j);
	refused(NW_MEMBER, "GET", "/api/v1/kpi-templates?service_line=HR", NULL, 400, NULL, "service_line");
}

/* ---- measurements ---- */

static void a_value_is_answered_with_its_status(void)
{
	const char *path = fmt("/api/v1/kpis/%lld/measurements/2026-02", K_AHT);
	json_t *j = req(KE_CONS, "PUT", path, "{\"value\":7,\"note\":\"peak season\"}", 201);

	/* Lower is better: 7 is beyond the target 6 and within the threshold 8. */
	CHECK_STR(str(j, "status"), "at_risk");
	CHECK_STR(str(j, "outcome"), "created");
	CHECK_STR(str(j, "source"), "api");
	CHECK_STR(str(j, "period"), "2026-02");
	CHECK_STR(str(j, "note"), "peak season");
	json_decref(j);
	j = req(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-Q1", K_CSAT), "{\"value\":4.6}", 201);
	CHECK_STR(str(j, "status"), "met");
	json_decref(j);
}

static void the_same_value_changes_nothing_and_a_new_one_keeps_the_old(void)
{
	const char *path = fmt("/api/v1/kpis/%lld/measurements/2026-03", K_AHT);
	json_t *j = req(KE_LEAD, "PUT", path, "{\"value\":5.5}", 201), *h;
	long long id = num(j, "id");

	json_decref(j);
	j = req(KE_CONS, "PUT", path, "{\"value\":5.5}", 200);
	CHECK_STR(str(j, "outcome"), "unchanged");
	CHECK_STR(str(j, "submitted_by_name"), str(j, "submitted_by_name"));
	json_decref(j);
	j = req(NW_CM, "GET", fmt("/api/v1/measurements/%lld", id), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "history")), 0);
	CHECK_INT(num(j, "submitted_by"), W->user_id[KE_LEAD]);
	json_decref(j);
	/* A different value replaces the stored one; the history keeps who gave the old one and who replaced it. */
	j = req(KE_CONS, "PUT", path, "{\"value\":9,\"note\":\"recount\"}", 200);
	CHECK_STR(str(j, "outcome"), "replaced");
	CHECK_STR(str(j, "status"), "missed");
	CHECK_INT(num(j, "id"), id);
	json_decref(j);
	j = req(KE_MEMBER, "GET", fmt("/api/v1/measurements/%lld", id), NULL, 200);
	h = json_array_get(json_object_get(j, "history"), 0);
	CHECK_INT(json_array_size(json_object_get(j, "history")), 1);
	CHECK(json_number_value(json_object_get(h, "value")) == 5.5);
	CHECK_INT(num(h, "submitted_by"), W->user_id[KE_LEAD]);
	CHECK_INT(num(h, "replaced_by"), W->user_id[KE_CONS]);
	CHECK(str(h, "replaced_at")[0] != '\0');
	CHECK(json_number_value(json_object_get(j, "value")) == 9);
	json_decref(j);
}

static void bad_periods_and_values_write_nothing(void)
{
	size_t before = value_count(K_AVAIL);

	/* TEST_TODAY is 2026-11-26: December has not started; the term starts in January 2025. */
	refused(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-12", K_AVAIL), "{\"value\":99}", 422, "future", "period");
	refused(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2024-12", K_AVAIL), "{\"value\":99}", 422, "outside_term", "period");
	refused(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-1", K_AVAIL), "{\"value\":99}", 422, "invalid", "period");
	/* A monthly KPI takes no quarter, a quarterly one no month. */
	refused(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-Q1", K_AVAIL), "{\"value\":99}", 422, "invalid", "period");
	refused(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-03", K_CSAT), "{\"value\":4}", 422, "invalid", "period");
	refused(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-04", K_AVAIL), "{\"value\":\"99\"}", 422, NULL, "value");
	refused(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-04", K_AVAIL), "{\"note\":\"n\"}", 422, NULL, "value");
	CHECK_INT(value_count(K_AVAIL), before);
}

/* ---- disputes ---- */

/* Whether the caller's inbox has an item of this kind pointing at url. */
static bool in_inbox(int who, const char *kind, const char *url)
{
	json_t *j = req(who, "GET", "/api/v1/inbox", NULL, 200), *x;
	bool found = false;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, x) found |= !strcmp(str(x, "kind"), kind) && !strcmp(str(x, "url"), url);
	json_decref(j);
	return found;
}

/* The dispute waits in the inbox of the provider's leadership (who answer) and nobody else's, buyer or other tenant. */
static void waits_for_the_provider_leadership(const char *url, bool waits)
{
	for (int who = 0; who < CALLERS; who++)
		if (in_inbox(who, "dispute_to_answer", url) != (waits && who == KE_LEAD)) {
			fprintf(stderr, "  dispute_to_answer %s: %s %s it\n", url, W->names[who], waits && who == KE_LEAD ? "lacks" : "has");
			CHECK(0);
		}
}

static void a_dispute_is_answered_and_a_correction_closes_it(void)
{
	json_t *j = req(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-05", K_AVAIL), "{\"value\":99.6}", 201), *d;
	long long id = num(j, "id");
	const char *m = fmt("/api/v1/measurements/%lld", id);

	json_decref(j);
	waits_for_the_provider_leadership(fmt("/kpis/%lld#m%lld", K_AVAIL, id), false);
	/* The provider cannot answer what is not disputed. */
	refused(KE_LEAD, "POST", fmt("%s/answer", m), "{\"answer\":\"Nothing to answer\"}", 409, "not_disputed", NULL);
	j = req(NW_SM, "POST", fmt("%s/dispute", m), "{\"reason\":\"The outage of 12 May is missing\"}", 200);
	CHECK(json_is_true(json_object_get(j, "disputed")));
	/* A disputed "met" counts as at risk at most; its own status stays met. */
	CHECK_STR(str(j, "status"), "met");
	CHECK_STR(str(j, "counted_status"), "at_risk");
	CHECK_STR(str(json_object_get(j, "dispute"), "reason"), "The outage of 12 May is missing");
	CHECK_INT(num(json_object_get(j, "dispute"), "disputed_by"), W->user_id[NW_SM]);
	json_decref(j);
	waits_for_the_provider_leadership(fmt("/kpis/%lld#m%lld", K_AVAIL, id), true);
	refused(NW_CM, "POST", fmt("%s/dispute", m), "{\"reason\":\"Again\"}", 409, "already_disputed", NULL);
	refused(KE_CONS, "POST", fmt("%s/answer", m), "{\"answer\":\"It was planned\"}", 403, "forbidden", NULL);
	j = req(KE_LEAD, "POST", fmt("%s/answer", m), "{\"answer\":\"It was a planned change window\"}", 200);
	d = json_object_get(j, "dispute");
	CHECK_STR(str(d, "answer"), "It was a planned change window");
	CHECK_INT(num(d, "answered_by"), W->user_id[KE_LEAD]);
	json_decref(j);
	/* Answered: the item leaves. */
	waits_for_the_provider_leadership(fmt("/kpis/%lld#m%lld", K_AVAIL, id), false);
	/* The buyer reads the answer too. */
	j = req(NW_CXO, "GET", m, NULL, 200);
	CHECK_STR(str(json_object_get(j, "dispute"), "answer"), "It was a planned change window");
	json_decref(j);
	/* The same value with only a new note does not answer the dispute: it stands. */
	j = req(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-05", K_AVAIL), "{\"value\":99.6,\"note\":\"acknowledged\"}", 200);
	CHECK(json_is_true(json_object_get(j, "disputed")));
	CHECK_STR(str(json_object_get(j, "dispute"), "reason"), "The outage of 12 May is missing");
	CHECK_STR(str(j, "counted_status"), "at_risk");
	json_decref(j);
	/* Nor does an import of the same value with another note. */
	json_decref(req_as(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/measurements", E), "Availability,2026-05,99.6,restated\n",
			   "text/csv", 200));
	j = req(NW_CM, "GET", m, NULL, 200);
	CHECK(json_is_true(json_object_get(j, "disputed")));
	CHECK_STR(str(j, "note"), "restated");
	json_decref(j);
	/* A corrected value closes the dispute; the disputed value stays in the history. */
	j = req(KE_CONS, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-05", K_AVAIL), "{\"value\":99.1,\"note\":\"with the outage\"}", 200);
	CHECK_STR(str(j, "outcome"), "replaced");
	CHECK(json_is_false(json_object_get(j, "disputed")));
	CHECK(json_is_null(json_object_get(j, "dispute")));
	CHECK_STR(str(j, "status"), "at_risk");
	json_decref(j);
	j = req(NW_CM, "GET", m, NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "history")), 3);
	CHECK(json_number_value(json_object_get(json_array_get(json_object_get(j, "history"), 0), "value")) == 99.6);
	json_decref(j);
}

/* ---- imports ---- */

static json_t *import_as(int who, const char *body, const char *type, long want)
{
	return req_as(who, "POST", fmt("/api/v1/engagements/%lld/measurements", E), body, type, want);
}

static void a_csv_import_is_all_or_nothing_with_every_bad_row(void)
{
	const char *bad = "kpi,period,value,note\n"
			  "Availability,2026-06,99.8,fine\n"	  /* 2 good */
			  "Uptime,2026-06,99.8\n"		  /* 3 unknown KPI */
			  "Availability,2026-6,99.8\n"		  /* 4 malformed period */
			  "Availability,2027-01,99.8\n"		  /* 5 future */
			  "Availability,2024-11,99.8\n"		  /* 6 outside the term */
			  "Availability,2026-07,high\n"		  /* 7 not a number */
			  "Availability,2026-08\n"		  /* 8 a column short */
			  "availability,2026-06,99.9\n";		  /* 9 line 2's KPI and period again */
	static const int lines[] = {3, 4, 5, 6, 7, 8, 9};
	size_t before = value_count(K_AVAIL), i;
	json_t *j = import_as(KE_CONS, bad, "text/csv", 422), *rows = json_object_get(json_object_get(j, "error"), "rows"), *r;

	CHECK_STR(error_code(j) ? error_code(j) : "", "csv");
	CHECK_INT(json_array_size(rows), sizeof lines / sizeof lines[0]);
	json_array_foreach(rows, i, r) if (i < sizeof lines / sizeof lines[0]) CHECK_INT(num(r, "line"), lines[i]);
	CHECK(strstr(str(json_array_get(rows, 0), "message"), "Uptime") != NULL);
	CHECK(strstr(str(json_array_get(rows, 6), "message"), "line 2") != NULL);
	json_decref(j);
	CHECK_INT(value_count(K_AVAIL), before);
}

static void a_long_refusal_lists_the_first_rows_and_counts_them_all(void)
{
	static char body[250 * 24];
	size_t used = 0, before = value_count(K_AVAIL);
	json_t *j, *e;

	for (int i = 0; i < 250; i++)
		used += (size_t)snprintf(body + used, sizeof body - used, "Uptime,2026-06,%d\n", i);
	j = import_as(KE_CONS, body, "text/csv", 422);
	e = json_object_get(j, "error");
	CHECK_INT(json_array_size(json_object_get(e, "rows")), 100);
	CHECK_INT(num(e, "rows_refused"), 250);
	CHECK_INT(num(json_array_get(json_object_get(e, "rows"), 0), "line"), 1);
	CHECK_INT(num(json_array_get(json_object_get(e, "rows"), 99), "line"), 100);
	CHECK(strstr(str(e, "message"), "250 rows") != NULL);
	json_decref(j);
	CHECK_INT(value_count(K_AVAIL), before);
}

static void a_kpi_named_by_digits_is_found_by_its_name(void)
{
	char name[32], body[160];
	long long k;
	json_t *j;

	/* A KPI named as another KPI's id: the name wins, the other KPI is untouched. */
	snprintf(name, sizeof name, "%lld", K_AVAIL);
	snprintf(body, sizeof body, "{\"name\":\"%s\",\"unit\":\"%%\",\"direction\":\"higher\",\"target\":90,\"threshold\":80,\"frequency\":\"monthly\"}", name);
	k = define(body);
	CHECK(k > 0);
	snprintf(body, sizeof body, "%s,2026-04,77.7\n", name);
	j = import_as(KE_CONS, body, "text/csv", 200);
	CHECK_INT(num(j, "imported"), 1);
	json_decref(j);
	CHECK_INT(value_count(k), 1);
	j = value_of(K_AVAIL, "2026-04");
	CHECK(j == NULL || json_number_value(json_object_get(j, "value")) != 77.7);
	json_decref(j);
}

static void a_csv_import_records_replaces_and_repeats_as_a_no_op(void)
{
	const char *csv = fmt("Availability,2026-06,99.8,fine\r\n%lld,2026-07,98.5,\"outage, 3 hours\"\r\nAverage handling time,2026-06,5.9\r\n", K_AVAIL);
	json_t *j = import_as(KE_CONS, csv, "text/csv; charset=utf-8", 200), *m;

	CHECK_INT(num(j, "imported"), 3);
	CHECK_INT(num(j, "unchanged") + num(j, "replaced"), 0);
	json_decref(j);
	m = value_of(K_AVAIL, "2026-07");
	CHECK_STR(str(m, "note"), "outage, 3 hours");
	CHECK_STR(str(m, "source"), "csv");
	CHECK_STR(str(m, "status"), "missed");
	json_decref(m);
	/* The same file again changes nothing. */
	j = import_as(KE_LEAD, csv, "text/csv", 200);
	CHECK_INT(num(j, "unchanged"), 3);
	CHECK_INT(num(j, "imported") + num(j, "replaced"), 0);
	json_decref(j);
	/* A later file replaces one value and keeps the old in its history. */
	j = import_as(KE_LEAD, "Availability,2026-07,99.6,recomputed\n", "text/csv", 200);
	CHECK_INT(num(j, "replaced"), 1);
	json_decref(j);
	m = value_of(K_AVAIL, "2026-07");
	j = req(NW_CM, "GET", fmt("/api/v1/measurements/%lld", num(m, "id")), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "history")), 1);
	CHECK_STR(str(json_array_get(json_object_get(j, "history"), 0), "note"), "outage, 3 hours");
	CHECK_INT(num(json_array_get(json_object_get(j, "history"), 0), "replaced_by"), W->user_id[KE_LEAD]);
	json_decref(j);
	json_decref(m);
	/* Neither a form nor an unknown media type is an import. */
	j = import_as(KE_LEAD, "x", "text/plain", 415);
	CHECK_STR(error_code(j) ? error_code(j) : "", "unsupported_media_type");
	json_decref(j);
	json_decref(import_as(KE_LEAD, "kpi,period,value\n", "text/csv", 422));
}

/* The text of a fixture file (malloc'd), or NULL. */
static char *fixture(const char *name)
{
	char path[256], *text;
	FILE *f;
	long n;

	snprintf(path, sizeof path, "tests/fixtures/servicenow/%s", name);
	if (!(f = fopen(path, "rb")))
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	text = calloc(1, (size_t)n + 1);
	if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
		free(text);
		text = NULL;
	}
	fclose(f);
	return text;
}

static void a_servicenow_export_gives_each_period_its_attainment(void)
{
	char *good = fixture("task_sla_good.json"), *bad = fixture("task_sla_bad.json");
	json_t *j, *m, *rows, *r;
	static const int lines[] = {2, 3, 4, 5, 6};
	size_t i, before = value_count(K_INC);

	CHECK(good && bad);
	if (!good || !bad) {
		free(good);
		free(bad);
		return;
	}
	/* A bad export writes nothing, and names every bad record by its place in "result". */
	j = import_as(KE_LEAD, bad, "application/json", 422);
	CHECK_STR(error_code(j) ? error_code(j) : "", "servicenow");
	rows = json_object_get(json_object_get(j, "error"), "rows");
	CHECK_INT(json_array_size(rows), sizeof lines / sizeof lines[0]);
	json_array_foreach(rows, i, r) if (i < sizeof lines / sizeof lines[0]) CHECK_INT(num(r, "line"), lines[i]);
	CHECK(strstr(str(json_array_get(rows, 0), "message"), "Change success") != NULL);
	json_decref(j);
	CHECK_INT(value_count(K_INC), before);
	/* 19 of 20 met in September, 6 of 8 in October, 3 of 4 in the third quarter. */
	j = import_as(KE_CONS, good, "application/json", 200);
	CHECK_INT(num(j, "imported"), 3);
	json_decref(j);
	m = value_of(K_INC, "2026-09");
	CHECK(json_number_value(json_object_get(m, "value")) == 95);
	CHECK_STR(str(m, "status"), "met");
	CHECK_STR(str(m, "source"), "servicenow");
	CHECK_STR(str(m, "note"), "19 of 20 SLA records met (ServiceNow task_sla)");
	json_decref(m);
	m = value_of(K_INC, "2026-10");
	CHECK(json_number_value(json_object_get(m, "value")) == 75);
	CHECK_STR(str(m, "status"), "missed");
	json_decref(m);
	m = value_of(K_P1, "2026-Q3");
	CHECK(json_number_value(json_object_get(m, "value")) == 75);
	CHECK_STR(str(m, "status"), "missed");
	json_decref(m);
	/* The same export again changes nothing. */
	j = import_as(KE_LEAD, good, "application/json", 200);
	CHECK_INT(num(j, "unchanged"), 3);
	json_decref(j);
	refused(KE_LEAD, "POST", fmt("/api/v1/engagements/%lld/measurements", E), "{\"records\":[]}", 422, NULL, "result");
	free(good);
	free(bad);
}

/* ---- the action plan ---- */

static void a_miss_puts_one_action_plan_on_the_next_review(void)
{
	json_t *j = req(KE_MEMBER, "GET", fmt("/api/v1/reviews/%lld/actions", REVIEW), NULL, 200), *a, *people;
	size_t i, k;
	int oct = 0, q3 = 0, leaders = 0;
	long long owner = 0;

	json_array_foreach(json_object_get(j, "items"), i, a)
	{
		if (!strcmp(str(a, "title"), "Action plan: Incidents resolved within SLA missed in 2026-10")) {
			oct++;
			owner = num(a, "owner_id");
			CHECK_STR(str(a, "due_on"), "2026-12-15");
			CHECK_STR(str(a, "status"), "open");
		}
		q3 += !strcmp(str(a, "title"), "Action plan: Priority 1 response missed in 2026-Q3");
	}
	/* Imported twice, planned once; September was met: no plan. */
	CHECK_INT(oct, 1);
	CHECK_INT(q3, 1);
	json_decref(j);
	/* Its owner is one of the provider's leadership. */
	people = req(NW_CM, "GET", fmt("/api/v1/orgs/%lld/users?limit=200", W->KE), NULL, 200);
	json_array_foreach(json_object_get(people, "items"), i, a)
	{
		json_t *role;

		if (num(a, "id") != owner)
			continue;
		json_array_foreach(json_object_get(a, "roles"), k, role) leaders += !strcmp(json_string_value(role), "provider_leadership");
	}
	CHECK_INT(leaders, 1);
	json_decref(people);
}

/* ---- pages: another tenant sees and posts nothing ---- */

static void the_pages_are_the_engagements_alone(void)
{
	const char *gets[] = {fmt("/engagements/%lld/kpis", E), fmt("/kpis/%lld", K_AVAIL)};
	const char *posts[] = {fmt("/engagements/%lld/kpis", E), fmt("/engagements/%lld/measurements", E), fmt("/kpis/%lld/edit", K_AVAIL),
			       fmt("/kpis/%lld/measurements", K_AVAIL), fmt("/measurements/%lld/dispute", M1), fmt("/measurements/%lld/answer", M1)};
	int outsiders[] = {MD_CM, HB_LEAD, LU_LEAD, ADMIN};
	struct resp r;

	for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++) {
		CHECK_INT(call(W->S, "GET", gets[i], W->tok[NW_MEMBER], NULL), 200);
		CHECK_INT(call(W->S, "GET", gets[i], W->tok[KE_MEMBER], NULL), 200);
		for (size_t o = 0; o < sizeof outsiders / sizeof outsiders[0]; o++)
			CHECK_INT(call(W->S, "GET", gets[i], W->tok[outsiders[o]], NULL), 404);
	}
	for (size_t i = 0; i < sizeof posts / sizeof posts[0]; i++)
		for (size_t o = 0; o < sizeof outsiders / sizeof outsiders[0]; o++) {
			http(W->S, "POST", posts[i], W->tok[outsiders[o]], "csrf=x&value=1&reason=x&answer=x&csv=x", "application/x-www-form-urlencoded", NULL, &r);
			if (r.status != 404)
				fprintf(stderr, "  POST %s as %s: %ld\n", posts[i], W->names[outsiders[o]], r.status);
			CHECK_INT(r.status, 404);
			CHECK(!r.body || !strstr(r.body, "Availability"));
			resp_free(&r);
		}
}

/* ---- the browser forms ---- */

static void the_forms_define_submit_import_dispute_and_answer(void)
{
	struct resp r;
	json_t *m;

	/* The buyer's manager copies a template, then defines. */
	http(W->S, "GET", fmt("/engagements/%lld/kpis?template=ites-abandonment", E), W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(r.body && strstr(r.body, "value=\"Abandonment rate\"") != NULL);
	CHECK(r.body && strstr(r.body, "action=\"/engagements/") && strstr(r.body, "/kpis#form-errors\""));
	resp_free(&r);
	CHECK_INT(page_post(W->S, fmt("/engagements/%lld/kpis", E), fmt("/engagements/%lld/kpis", E), W->tok[NW_CM],
			    "name=Abandonment+rate&unit=%25&direction=lower&frequency=monthly&target=5&threshold=8&weight=1&credit_percent=", &r),
		  303);
	CHECK(!strncmp(r.location, "/kpis/", 6));
	resp_free(&r);
	/* A refused definition says why beside the field, and keeps what was typed. */
	CHECK_INT(page_post(W->S, fmt("/engagements/%lld/kpis", E), fmt("/engagements/%lld/kpis", E), W->tok[NW_CM],
			    "name=Backlog&unit=tickets&direction=lower&frequency=monthly&target=50&threshold=abc&weight=1", &r),
		  422);
	CHECK(r.body && strstr(r.body, "id=\"form-errors\"") && strstr(r.body, "href=\"#f-threshold\""));
	CHECK(r.body && strstr(r.body, "value=\"Backlog\""));
	resp_free(&r);
	/* The provider submits a value for a period it picks. */
	CHECK_INT(page_post(W->S, fmt("/kpis/%lld", K_AHT), fmt("/kpis/%lld/measurements", K_AHT), W->tok[KE_CONS],
			    "period=2026-10&value=6.5&note=from+the+form", &r),
		  303);
	resp_free(&r);
	/* A value that is not a number is refused beside its field, nothing written. */
	CHECK_INT(page_post(W->S, fmt("/kpis/%lld", K_AHT), fmt("/kpis/%lld/measurements", K_AHT), W->tok[KE_CONS],
			    "period=2026-09&value=six&note=", &r),
		  422);
	CHECK(r.body && strstr(r.body, "href=\"#f-value\"") && strstr(r.body, "action=\"/kpis/") && strstr(r.body, "/measurements#form-errors\""));
	resp_free(&r);
	m = value_of(K_AHT, "2026-09");
	CHECK(m == NULL);
	json_decref(m);
	m = value_of(K_AHT, "2026-10");
	CHECK_STR(str(m, "source"), "form");
	CHECK_STR(str(m, "status"), "at_risk");
	/* The buyer disputes it, the provider's leadership answers. */
	CHECK_INT(page_post(W->S, fmt("/kpis/%lld", K_AHT), fmt("/measurements/%lld/dispute", num(m, "id")), W->tok[NW_CM], "reason=Too+low", &r), 303);
	resp_free(&r);
	CHECK_INT(page_post(W->S, fmt("/kpis/%lld", K_AHT), fmt("/measurements/%lld/answer", num(m, "id")), W->tok[KE_LEAD], "answer=Checked+twice", &r), 303);
	resp_free(&r);
	http(W->S, "GET", fmt("/kpis/%lld", K_AHT), W->tok[NW_MEMBER], NULL, NULL, NULL, &r);
	CHECK(r.body && strstr(r.body, "Too low") && strstr(r.body, "Checked twice") && strstr(r.body, "disputed"));
	resp_free(&r);
	json_decref(m);
	/* A refused import lists every bad row; nothing is written. */
	CHECK_INT(page_post(W->S, fmt("/engagements/%lld/kpis", E), fmt("/engagements/%lld/measurements", E), W->tok[KE_LEAD],
			    "csv=Availability%2C2026-09%2C99.9%0AUptime%2C2026-09%2C1%0AAvailability%2C2030-01%2C1", &r),
		  422);
	CHECK(r.body && strstr(r.body, "Line 2: unknown KPI") && strstr(r.body, "Line 3:"));
	resp_free(&r);
	m = value_of(K_AVAIL, "2026-09");
	CHECK(m == NULL);
	json_decref(m);
	CHECK_INT(page_post(W->S, fmt("/engagements/%lld/kpis", E), fmt("/engagements/%lld/measurements", E), W->tok[KE_LEAD],
			    "csv=Availability%2C2026-09%2C99.9", &r),
		  303);
	resp_free(&r);
	m = value_of(K_AVAIL, "2026-09");
	CHECK(m != NULL);
	json_decref(m);
}

void kpi_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	if (!setup()) {
		fprintf(stderr, "kpi_cases: set-up failed\n");
		*failed += 1;
		return;
	}
	RUN(every_route_every_caller);
	RUN(a_definition_reads_back_on_both_sides);
	RUN(bad_definitions_name_their_field_and_write_nothing);
	RUN(a_change_of_targets_keeps_the_name_and_frequency);
	RUN(the_template_library_serves_each_service_line);
	RUN(a_value_is_answered_with_its_status);
	RUN(the_same_value_changes_nothing_and_a_new_one_keeps_the_old);
	RUN(bad_periods_and_values_write_nothing);
	RUN(a_dispute_is_answered_and_a_correction_closes_it);
	RUN(a_csv_import_is_all_or_nothing_with_every_bad_row);
	RUN(a_long_refusal_lists_the_first_rows_and_counts_them_all);
	RUN(a_csv_import_records_replaces_and_repeats_as_a_no_op);
	RUN(a_servicenow_export_gives_each_period_its_attainment);
	RUN(a_miss_puts_one_action_plan_on_the_next_review);
	RUN(the_pages_are_the_engagements_alone);
	RUN(the_forms_define_submit_import_dispute_and_answer);
	/* Last: it defines a KPI named by another's id, which the cases above name by id. */
	RUN(a_kpi_named_by_digits_is_found_by_its_name);
	*passed += harness_passed;
	*failed += harness_failed;
}
