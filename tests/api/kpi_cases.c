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
	j = req(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-01", K_AVAIL), "{\"value\":99.7}", 201);
	M1 = num(j, "id");
	json_decref(j);
	return E && K_AVAIL && K_AHT && K_CSAT && M1;
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
	CHECK_INT(json_array_size(json_object_get(j, "items")), 3);
	/* By name: Availability, Average handling time, CSAT; the first has its latest value. */
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
	*passed += harness_passed;
	*failed += harness_failed;
}
