/* obligation_cases: contract fields (money round trip, bad amounts), ?expiring_within, the obligations register with its permission rules and recurrence, and the obligation and renewal inbox kinds reaching exactly the right people — never another tenant. */
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

/* A refused write: the status and the field the error names. */
static void refused(int who, const char *method, const char *path, const char *body, long status, const char *field)
{
	json_t *j = req(who, method, path, body, status);

	if (field && (!error_field(j) || strcmp(error_field(j), field) != 0))
		fprintf(stderr, "  %s %s %s: error names %s, want %s\n", method, path, body, error_field(j) ? error_field(j) : "(none)", field);
	if (field)
		CHECK_STR(error_field(j), field);
	json_decref(j);
}

/* ---- contract fields: amounts in, the same amounts out; every bad one refused by name, nothing written ---- */
static void money_round_trip(void)
{
	const char *path = fmt("/api/v1/engagements/%lld", W->E2);
	json_t *e, *before;
	struct resp r;

	e = req(NW_CM, "PATCH", path,
		"{\"contract_value\": 1200000.5, \"monthly_charge\": 100000.25, \"currency\": \"EUR\", \"notice_days\": 90, \"renewal\": \"option\"}", 200);
	CHECK(json_real_value(json_object_get(e, "contract_value")) == 1200000.5);
	CHECK(json_real_value(json_object_get(e, "monthly_charge")) == 100000.25);
	CHECK_STR(str(e, "currency"), "EUR");
	CHECK_INT(num(e, "notice_days"), 90);
	CHECK_STR(str(e, "renewal"), "option");
	CHECK_STR(str(e, "notice_on"), "2027-10-02"); /* 2027-12-31 − 90 days */
	json_decref(e);
	/* Amounts are written with two decimals, exactly. */
	http(W->S, "GET", path, W->tok[HB_LEAD], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(r.body && strstr(r.body, "\"contract_value\":1200000.50") && strstr(r.body, "\"monthly_charge\":100000.25"));
	resp_free(&r);

	before = req(NW_CM, "GET", path, NULL, 200);
	refused(NW_CM, "PATCH", path, "{\"contract_value\": 1.234}", 422, "contract_value");
	refused(NW_CM, "PATCH", path, "{\"contract_value\": -5}", 422, "contract_value");
	refused(NW_CM, "PATCH", path, "{\"contract_value\": \"12\"}", 422, "contract_value");
	refused(NW_CM, "PATCH", path, "{\"monthly_charge\": 1e20}", 422, "monthly_charge");
	refused(NW_CM, "PATCH", path, "{\"monthly_charge\": 0.001}", 422, "monthly_charge");
	refused(NW_CM, "PATCH", path, "{\"currency\": \"eur\"}", 422, "currency");
	refused(NW_CM, "PATCH", path, "{\"currency\": \"EURO\"}", 422, "currency");
	refused(NW_CM, "PATCH", path, "{\"notice_days\": 3651}", 422, "notice_days");
	refused(NW_CM, "PATCH", path, "{\"notice_days\": -1}", 422, "notice_days");
	refused(NW_CM, "PATCH", path, "{\"renewal\": \"maybe\"}", 422, "renewal");
	/* A good title with a bad amount writes neither. */
	refused(NW_CM, "PATCH", path, "{\"title\": \"Renamed\", \"contract_value\": 0.005}", 422, "contract_value");
	e = req(NW_CM, "GET", path, NULL, 200);
	CHECK(json_equal(json_object_get(e, "contract_value"), json_object_get(before, "contract_value")));
	CHECK_STR(str(e, "title"), str(before, "title"));
	CHECK_STR(str(e, "currency"), "EUR");
	json_decref(e);
	json_decref(before);
	/* Only the buyer's contract managers change the contract; other tenants do not see it. */
	refused(HB_LEAD, "PATCH", path, "{\"notice_days\": 10}", 403, NULL);
	refused(MD_CM, "PATCH", path, "{\"notice_days\": 10}", 404, NULL);
	/* Whole amounts and zero are amounts. */
	e = req(NW_CM, "PATCH", path, "{\"contract_value\": 0, \"monthly_charge\": 2500}", 200);
	CHECK(json_number_value(json_object_get(e, "contract_value")) == 0);
	CHECK(json_number_value(json_object_get(e, "monthly_charge")) == 2500);
	json_decref(e);
}

/* Whether the caller's ?expiring_within=days lists engagement id. */
static bool expiring_lists(int who, int days, long long id)
{
	json_t *j = req(who, "GET", fmt("/api/v1/engagements?expiring_within=%d", days), NULL, 200), *x;
	bool found = false;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, x) found |= num(x, "id") == id;
	json_decref(j);
	return found;
}

/* ---- ?expiring_within: the end date or the notice date within the next DAYS days ---- */
static void expiring_within(void)
{
	json_t *e;

	/* Card disputes ends 2027-12-31; 385 days' notice puts its notice date on 2026-12-11, 15 days after today. */
	e = req(NW_CM, "PATCH", fmt("/api/v1/engagements/%lld", W->E2), "{\"notice_days\": 385}", 200);
	CHECK_STR(str(e, "notice_on"), "2026-12-11");
	json_decref(e);
	CHECK(!expiring_lists(NW_CM, 14, W->E2));
	CHECK(expiring_lists(NW_CM, 15, W->E2));
	CHECK(expiring_lists(HB_LEAD, 15, W->E2)); /* the provider too */
	CHECK(!expiring_lists(KE_LEAD, 15, W->E2)); /* not Kestrel's */
	CHECK(!expiring_lists(MD_CM, 3650, W->E2)); /* nor Meridian's */
	/* Core banking ends 2029-03-31 with no notice days: only a window reaching its end lists it. */
	CHECK(!expiring_lists(NW_CM, 365, W->E1));
	CHECK(expiring_lists(NW_CM, 3650, W->E1));
	refused(NW_CM, "GET", "/api/v1/engagements?expiring_within=-1", NULL, 422, "expiring_within");
	refused(NW_CM, "GET", "/api/v1/engagements?expiring_within=x", NULL, 422, "expiring_within");
	refused(NW_CM, "GET", "/api/v1/engagements?expiring_within=3651", NULL, 422, "expiring_within");
	refused(NW_CM, "GET", "/api/v1/engagements?expiring_within=", NULL, 422, "expiring_within");
	/* Each row carries notice_on. */
	e = req(NW_CM, "GET", "/api/v1/engagements?expiring_within=15", NULL, 200);
	CHECK(json_array_size(json_object_get(e, "items")) >= 1);
	CHECK(json_object_get(json_array_get(json_object_get(e, "items"), 0), "notice_on") != NULL);
	json_decref(e);
}

static size_t register_size(long long eng)
{
	json_t *j = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/obligations", eng), NULL, 200);
	size_t n = json_array_size(json_object_get(j, "items"));

	json_decref(j);
	return n;
}

static long long add_obligation(long long eng, const char *title, const char *owed_by, const char *due, const char *recurrence)
{
	json_t *j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/obligations", eng),
			fmt("{\"title\":\"%s\",\"owed_by\":\"%s\",\"due_on\":\"%s\",\"recurrence\":\"%s\"}", title, owed_by, due, recurrence), 201);
	long long id = num(j, "id");

	CHECK_STR(str(j, "status"), "open");
	json_decref(j);
	return id;
}

/* ---- the register: who records and decides what, recurrence, reasons, and the overdue lists of both sides ---- */
static void obligations_register(void)
{
	const char *list = fmt("/api/v1/engagements/%lld/obligations", W->E1);
	long long dr, env, next = 0;
	size_t n, i;
	json_t *j, *x;

	/* Bad input is refused by name and writes nothing. */
	n = register_size(W->E1);
	refused(NW_CM, "POST", list, "{\"owed_by\":\"provider\",\"due_on\":\"2026-12-01\"}", 422, "title");
	refused(NW_CM, "POST", list, "{\"title\":\"  \",\"owed_by\":\"provider\",\"due_on\":\"2026-12-01\"}", 422, "title");
	refused(NW_CM, "POST", list, "{\"title\":\"T\",\"owed_by\":\"nobody\",\"due_on\":\"2026-12-01\"}", 422, "owed_by");
	refused(NW_CM, "POST", list, "{\"title\":\"T\",\"owed_by\":\"buyer\",\"due_on\":\"2026-02-30\"}", 422, "due_on");
	refused(NW_CM, "POST", list, "{\"title\":\"T\",\"owed_by\":\"buyer\",\"due_on\":\"2026-12-01\",\"recurrence\":\"weekly\"}", 422, "recurrence");
	refused(KE_LEAD, "POST", list, "{\"title\":\"T\",\"owed_by\":\"provider\",\"due_on\":\"2026-12-01\"}", 403, NULL);
	refused(MD_CM, "POST", list, "{\"title\":\"T\",\"owed_by\":\"buyer\",\"due_on\":\"2026-12-01\"}", 404, NULL);
	CHECK_INT((long long)register_size(W->E1), (long long)n);

	/* A quarterly disaster-recovery test the provider owes, overdue; test environments the buyer owes, due soon. */
	dr = add_obligation(W->E1, "Quarterly disaster-recovery test", "provider", "2026-11-01", "quarterly");
	env = add_obligation(W->E1, "Test environments ready", "buyer", "2026-12-05", "none");
	j = req(KE_LEAD, "GET", list, NULL, 200);
	CHECK_INT(num(json_object_get(j, "overdue"), "provider"), 1);
	CHECK_INT(num(json_object_get(j, "overdue"), "buyer"), 0);
	json_array_foreach(json_object_get(j, "items"), i, x) if (num(x, "id") == dr) CHECK(json_is_true(json_object_get(x, "overdue")));
	json_decref(j);
	refused(HB_LEAD, "GET", list, NULL, 404, NULL);
	refused(MD_CM, "GET", fmt("/api/v1/obligations/%lld", dr), NULL, 404, NULL);

	/* The provider's leadership records only its own obligations met; its consultants and members not at all. */
	refused(KE_LEAD, "PATCH", fmt("/api/v1/obligations/%lld", env), "{\"status\":\"met\"}", 403, "status");
	refused(KE_LEAD, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"waived\",\"reason\":\"no\"}", 403, "status");
	refused(KE_CONS, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"met\"}", 403, NULL);
	refused(NW_MEMBER, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"met\"}", 403, NULL);
	refused(HB_LEAD, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"met\"}", 404, NULL);
	refused(MD_CM, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"met\"}", 404, NULL);
	/* Missed and waived need a reason; an unknown status is refused. */
	refused(NW_CM, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"missed\"}", 422, "reason");
	refused(NW_CM, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"waived\",\"reason\":\"\"}", 422, "reason");
	/* Spaces and line breaks say nothing either (the same rule as a credit's waiver and a mode change). */
	refused(NW_CM, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"missed\",\"reason\":\" \\n\\t \"}", 422, "reason");
	refused(NW_CM, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"done\"}", 422, "status");
	CHECK_INT((long long)register_size(W->E1), (long long)n + 2);

	/* Kestrel marks its test met with evidence: the next quarter's test opens, due 2027-02-01. */
	j = req(KE_LEAD, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"met\",\"evidence\":\"DR report 2026-10\"}", 200);
	CHECK_STR(str(j, "status"), "met");
	CHECK_STR(str(j, "evidence"), "DR report 2026-10");
	CHECK(!json_is_true(json_object_get(j, "overdue")));
	CHECK(json_is_integer(json_object_get(j, "decided_by")));
	json_decref(j);
	CHECK_INT((long long)register_size(W->E1), (long long)n + 3);
	j = req(NW_CM, "GET", list, NULL, 200);
	json_array_foreach(json_object_get(j, "items"), i, x) if (!strcmp(str(x, "title"), "Quarterly disaster-recovery test") && !strcmp(str(x, "due_on"), "2027-02-01"))
	{
		next = num(x, "id");
		CHECK_STR(str(x, "status"), "open");
		CHECK_STR(str(x, "recurrence"), "quarterly");
	}
	CHECK(next > 0);
	CHECK_INT(num(json_object_get(j, "overdue"), "provider"), 0);
	json_decref(j);
	/* It was decided: Kestrel cannot decide it again. */
	refused(KE_LEAD, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"met\"}", 403, "status");

	/* The buyer's manager marks it missed after all (the report was empty): it stays missed with the reason, and no second next occurrence opens. */
	j = req(NW_CM, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"missed\",\"reason\":\"The report covers no failover.\"}", 200);
	CHECK_STR(str(j, "status"), "missed");
	CHECK_STR(str(j, "reason"), "The report covers no failover.");
	json_decref(j);
	CHECK_INT((long long)register_size(W->E1), (long long)n + 3);
	/* Reopened, the decision is cleared; decided again, still no second occurrence. */
	j = req(NW_CM, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"open\"}", 200);
	CHECK_STR(str(j, "status"), "open");
	CHECK_STR(str(j, "reason"), "");
	CHECK(json_is_null(json_object_get(j, "decided_by")));
	CHECK(json_is_true(json_object_get(j, "overdue")));
	json_decref(j);
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/obligations/%lld", dr), "{\"status\":\"waived\",\"reason\":\"Moved to the next quarter.\"}", 200));
	CHECK_INT((long long)register_size(W->E1), (long long)n + 3);
	/* The buyer records its own obligation met. */
	j = req(NW_SM, "PATCH", fmt("/api/v1/obligations/%lld", env), "{\"status\":\"met\",\"evidence\":\"Environments handed over\"}", 200);
	CHECK_STR(str(j, "status"), "met");
	json_decref(j);
}

/* The caller's inbox items of this kind for this engagement, as a count. */
static int inbox_items(int who, const char *kind, long long eng)
{
	json_t *j = req(who, "GET", "/api/v1/inbox", NULL, 200), *x;
	int n = 0;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, x) n += !strcmp(str(x, "kind"), kind) && num(x, "engagement_id") == eng;
	json_decref(j);
	return n;
}

/* Whether the caller's inbox has an item of this kind pointing at url. */
static bool has_url(int who, const char *kind, const char *url)
{
	json_t *j = req(who, "GET", "/api/v1/inbox", NULL, 200), *x;
	bool found = false;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, x) found |= !strcmp(str(x, "kind"), kind) && !strcmp(str(x, "url"), url);
	json_decref(j);
	return found;
}

/* Exactly the callers in told (ended by -1) have such an item, nobody else of the matrix. */
static void reaches_exactly(const char *kind, long long eng, const int *told)
{
	for (int who = 0; who < CALLERS; who++) {
		bool want = false;

		for (const int *t = told; *t >= 0; t++)
			want |= *t == who;
		if ((inbox_items(who, kind, eng) > 0) != want) {
			fprintf(stderr, "  %s of engagement %lld: %s %s it\n", kind, eng, W->names[who], want ? "lacks" : "has");
			CHECK(0);
		}
	}
}

/* Exactly the callers in told (ended by -1) have an item of this kind pointing at url (the demo's own items of the engagement aside). */
static void url_reaches_exactly(const char *kind, const char *url, const int *told)
{
	for (int who = 0; who < CALLERS; who++) {
		bool want = false;

		for (const int *t = told; *t >= 0; t++)
			want |= *t == who;
		if (has_url(who, kind, url) != want) {
			fprintf(stderr, "  %s %s: %s %s it\n", kind, url, W->names[who], want ? "lacks" : "has");
			CHECK(0);
		}
	}
}

/* ---- the obligation and renewal inbox kinds ---- */
static void inbox_kinds(void)
{
	static const int nw_cm[] = {NW_CM, -1}, ke_lead[] = {KE_LEAD, -1}, nobody[] = {-1};
	static const int card_renewal[] = {NW_CM, HB_LEAD, -1};
	long long ob, mine;
	json_t *j, *x;
	size_t i;
	bool seen = false;
	char url[128];

	/* Card disputes: owed by the buyer, due in 9 days — to its contract manager only (not the sourcing manager, not Harbor, not Meridian). */
	/* (The demo's own overdue obligations of Card disputes are in the inbox too: this one is told apart by its URL.) */
	ob = add_obligation(W->E2, "Access to the dispute system", "buyer", "2026-12-05", "none");
	snprintf(url, sizeof url, "/engagements/%lld/obligations#obligation-%lld", W->E2, ob);
	url_reaches_exactly("obligation", url, nw_cm);
	j = req(NW_CM, "GET", "/api/v1/inbox", NULL, 200);
	json_array_foreach(json_object_get(j, "items"), i, x) if (!strcmp(str(x, "kind"), "obligation") && !strcmp(str(x, "url"), url))
	{
		seen = true;
		CHECK_STR(str(x, "due_on"), "2026-12-05");
		CHECK_STR(str(x, "url"), fmt("/engagements/%lld/obligations#obligation-%lld", W->E2, ob));
		CHECK(strstr(str(x, "title"), "Access to the dispute system") != NULL);
	}
	CHECK(seen);
	json_decref(j);
	/* Met: gone. */
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/obligations/%lld", ob), "{\"status\":\"met\"}", 200));
	url_reaches_exactly("obligation", url, nobody);
	/* Core banking, owed by Kestrel, due in 14 days: its leadership only; in 15 days: nobody yet. */
	mine = add_obligation(W->E1, "Capacity plan", "provider", "2026-12-10", "none");
	reaches_exactly("obligation", W->E1, ke_lead);
	json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/obligations/%lld", mine), "{\"status\":\"met\",\"evidence\":\"Sent\"}", 200));
	add_obligation(W->E1, "Security audit", "provider", "2026-12-11", "none");
	reaches_exactly("obligation", W->E1, nobody);

	/* Card disputes' notice date 2026-12-11 (expiring_within set 385 days): within 60 days — its contract manager and Harbor's leadership. */
	reaches_exactly("renewal", W->E2, card_renewal);
	j = req(HB_LEAD, "GET", "/api/v1/inbox", NULL, 200);
	json_array_foreach(json_object_get(j, "items"), i, x) if (!strcmp(str(x, "kind"), "renewal"))
	{
		CHECK_STR(str(x, "due_on"), "2026-12-11");
		CHECK_STR(str(x, "url"), fmt("/engagements/%lld#contract", W->E2));
	}
	json_decref(j);
	/* 500 days' notice puts the notice date in the past: no renewal item. */
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/engagements/%lld", W->E2), "{\"notice_days\": 500}", 200));
	reaches_exactly("renewal", W->E2, nobody);
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/engagements/%lld", W->E2), "{\"notice_days\": 385}", 200));
}

/* Whether the answer's attention list has the reason, and at which place (-1: absent). */
static int reason_at(json_t *item, const char *reason)
{
	json_t *x;
	size_t i;

	json_array_foreach(json_object_get(item, "attention"), i, x) if (!strcmp(str(x, "reason"), reason)) return (int)i;
	return -1;
}

/* Whether the reasons come most severe first (whatever other cases left on the engagement). */
static bool ranked(json_t *item)
{
	static const char *const order[] = {"missed_kpis", "overdue_obligations", "notice_soon", "reviews_late_or_missed", "no_quorum"};
	int last = -1;
	json_t *x;
	size_t i;

	json_array_foreach(json_object_get(item, "attention"), i, x)
	{
		int at = -1;

		for (int k = 0; k < 5; k++)
			if (!strcmp(str(x, "reason"), order[k]))
				at = k;
		if (at <= last)
			return false;
		last = at;
	}
	return true;
}

/* How many KPI periods the missed_kpis reason counts (0 without it). */
static int missed_periods(json_t *item)
{
	int at = reason_at(item, "missed_kpis"), n = 0;

	if (at >= 0)
		sscanf(str(json_array_get(json_object_get(item, "attention"), (size_t)at), "detail"), "missed KPIs: %d", &n);
	return n;
}

/* The engagement's row of GET /api/v1/portfolio as who (a new reference), or NULL. */
static json_t *portfolio_row(int who, long long eng)
{
	json_t *p = req(who, "GET", "/api/v1/portfolio", NULL, 200), *x, *found = NULL;
	size_t i;

	json_array_foreach(json_object_get(p, "items"), i, x) if (num(x, "engagement_id") == eng) found = json_incref(x);
	json_decref(p);
	return found;
}

/* ---- needs attention: the last 12 months only, with its reasons by severity ---- */
static void attention_reasons(void)
{
	json_t *c, *row;
	long long late;

	/* Core banking's review of 2024-10-01 was held late (2024-10-24): history, no longer a reason. */
	c = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/compliance", W->E1), NULL, 200);
	CHECK(num(c, "late") >= 1);
	CHECK_INT(reason_at(c, "reviews_late_or_missed"), -1);
	json_decref(c);
	/* Card disputes: its notice date 2026-12-11 (within 60 days) ranks above its missed review of 2026-01-01. */
	c = req(HB_LEAD, "GET", fmt("/api/v1/engagements/%lld/compliance", W->E2), NULL, 200);
	CHECK(json_is_true(json_object_get(c, "needs_attention")));
	CHECK(reason_at(c, "notice_soon") >= 0);
	CHECK(reason_at(c, "reviews_late_or_missed") > reason_at(c, "notice_soon"));
	CHECK(ranked(c));
	json_decref(c);
	/* An overdue obligation of Kestrel makes Core banking need attention, first of its reasons, in the portfolio of both sides. */
	late = add_obligation(W->E1, "Knowledge-transfer plan", "provider", "2026-11-20", "none");
	row = portfolio_row(NW_CM, W->E1);
	CHECK(row && json_is_true(json_object_get(row, "needs_attention")));
	CHECK(row && reason_at(row, "overdue_obligations") >= 0 && ranked(row));
	CHECK(row && json_object_get(row, "renewal") && json_object_get(row, "notice_on"));
	json_decref(row);
	row = portfolio_row(KE_LEAD, W->E1);
	CHECK(row && reason_at(row, "overdue_obligations") >= 0 && ranked(row));
	json_decref(row);
	/* Card disputes shows its notice date and renewal kind in the portfolio. */
	row = portfolio_row(NW_CM, W->E2);
	CHECK(row && !strcmp(str(row, "notice_on"), "2026-12-11") && !strcmp(str(row, "renewal"), "option"));
	json_decref(row);
	/* Waived: no longer a reason. */
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/obligations/%lld", late), "{\"status\":\"waived\",\"reason\":\"Plan agreed in the steering committee.\"}", 200));
	row = portfolio_row(NW_CM, W->E1);
	CHECK(row && reason_at(row, "overdue_obligations") == -1);
	json_decref(row);
	/* Meridian sees none of it. */
	CHECK(portfolio_row(MD_CM, W->E1) == NULL);
	refused(MD_CM, "GET", fmt("/api/v1/engagements/%lld/compliance", W->E1), NULL, 404, NULL);
}

/* ---- KPIs (the KPI routes, branch i17-kpi): kpi_to_submit for the provider's submitters; a missed period of the last 12 months is the first reason ---- */
static void kpis_to_submit_and_missed(void)
{
	json_t *j, *c;
	long long kpi;
	int before;
	const char *url;

	j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/kpis", W->E1),
		"{\"name\":\"Zq batch availability\",\"unit\":\"%\",\"direction\":\"higher\",\"target\":99,\"threshold\":95,\"frequency\":\"monthly\"}", 201);
	kpi = num(j, "id");
	json_decref(j);
	url = fmt("/kpis/%lld#submit", kpi);
	/* Today is 2026-11-26: October's value is due from Kestrel's leadership and consultants, nobody else. */
	for (int who = 0; who < CALLERS; who++)
		if (has_url(who, "kpi_to_submit", url) != (who == KE_LEAD || who == KE_CONS)) {
			fprintf(stderr, "  kpi_to_submit %s: %s %s it\n", url, W->names[who], who == KE_LEAD || who == KE_CONS ? "lacks" : "has");
			CHECK(0);
		}
	/* A miss 17 months ago is history; a miss in September counts, first of the reasons. */
	c = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/compliance", W->E1), NULL, 200);
	before = missed_periods(c);
	json_decref(c);
	json_decref(req(KE_CONS, "PUT", fmt("/api/v1/kpis/%lld/measurements/2025-06", kpi), "{\"value\":90}", 201));
	c = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld/compliance", W->E1), NULL, 200);
	CHECK_INT(missed_periods(c), before);
	json_decref(c);
	json_decref(req(KE_CONS, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-09", kpi), "{\"value\":90}", 201));
	c = req(KE_LEAD, "GET", fmt("/api/v1/engagements/%lld/compliance", W->E1), NULL, 200);
	CHECK_INT(missed_periods(c), before + 1);
	CHECK_INT(reason_at(c, "missed_kpis"), 0);
	CHECK(json_is_true(json_object_get(c, "needs_attention")) && ranked(c));
	json_decref(c);
	/* October submitted (met): nothing more to submit for this KPI. */
	json_decref(req(KE_LEAD, "PUT", fmt("/api/v1/kpis/%lld/measurements/2026-10", kpi), "{\"value\":99.5}", 201));
	CHECK(!has_url(KE_LEAD, "kpi_to_submit", url) && !has_url(KE_CONS, "kpi_to_submit", url));
}

/* The caller's calendar feed as text (malloc'd), fetched with no credentials from its secret address; NULL when it fails. */
static char *feed_of(int who)
{
	json_t *me = req(who, "GET", "/api/v1/me", NULL, 200);
	const char *url = str(me, "calendar_url");
	size_t base = strlen(W->S->base);
	char *body = NULL;
	struct resp r;

	if (strncmp(url, W->S->base, base) == 0) {
		http(W->S, "GET", url + base, NULL, NULL, NULL, NULL, &r);
		CHECK_INT(r.status, 200);
		if (r.status == 200 && r.body)
			body = strdup(r.body);
		resp_free(&r);
	}
	json_decref(me);
	return body;
}

/* ---- the calendar feed: each engagement's end and notice date, all day, for its two organisations only ---- */
static void calendar_contract_dates(void)
{
	char *cal = feed_of(HB_LEAD);

	/* Card disputes (notice days 385): its notice date 2026-12-11 and its end 2027-12-31. */
	CHECK(cal && strstr(cal, fmt("UID:engagement-notice-%lld@accord", W->E2)) && strstr(cal, "DTSTART;VALUE=DATE:20261211") &&
	      strstr(cal, "SUMMARY:Notice date: Card dispute back-office"));
	CHECK(cal && strstr(cal, fmt("UID:engagement-end-%lld@accord", W->E2)) && strstr(cal, "DTSTART;VALUE=DATE:20271231"));
	/* Harbor has no part in Core banking. */
	CHECK(cal && !strstr(cal, fmt("engagement-end-%lld@", W->E1)));
	free(cal);
	/* Core banking: the demo records 180 days' notice (docs/delivery.md, "The demo"), so its notice date 2028-10-02 and its end 2029-03-31. */
	cal = feed_of(NW_MEMBER);
	CHECK(cal && strstr(cal, fmt("UID:engagement-end-%lld@accord", W->E1)) && strstr(cal, fmt("UID:engagement-notice-%lld@accord", W->E1)) &&
	      strstr(cal, "DTSTART;VALUE=DATE:20281002") && strstr(cal, "DTSTART;VALUE=DATE:20290331"));
	free(cal);
	cal = feed_of(MD_CM);
	CHECK(cal && !strstr(cal, fmt("engagement-notice-%lld@", W->E2)) && !strstr(cal, fmt("engagement-end-%lld@", W->E2)));
	free(cal);
}

void obligation_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	harness_passed = harness_failed = 0;
	RUN(money_round_trip);
	RUN(expiring_within);
	RUN(obligations_register);
	RUN(inbox_kinds);
	RUN(attention_reasons);
	RUN(kpis_to_submit_and_missed);
	RUN(calendar_contract_dates);
	*passed += harness_passed;
	*failed += harness_failed;
}
