/* test_kpis: the write side of KPIs through the services on a store — service credits that follow the values (credits_sync), the action plan a miss puts on the next review, and the CSV importer's reading of quoted fields, line numbers and every bad row. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../harness.h"
#include "service/auth.h"
#include "service/credits.h"
#include "service/engagements.h"
#include "service/kpi_import.h"
#include "service/kpis.h"
#include "service/orgs.h"
#include "service/reviews.h"
#include "store/store.h"
#include "util/buf.h"

#define PASSWORD "Kpi-tests-7Qx!2026-long"

static struct store *S;
static char dir[64], dbpath[256];
static struct error err;
static struct caller cm, lead, cons;
/* E: A buys from P, 2025-01-01 to 2027-12-31, a monthly charge of EUR 10,000.00 and a review planned on 2026-12-10; E2: no charge, no review. */
static long long E, E2, REVIEW;

static int int_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].type == SQL_NULL ? -1 : c[0].i;
	return 0;
}

/* The first column of the first row of a query with up to two integer and one text argument; -1 NULL, -2 no row. */
static long long one(const char *sql, long long a1, const char *t)
{
	struct sqlval a[2] = {SQL_I(a1), SQL_T(t)};
	long long v = -2;

	if (store_query(S, sql, a, t ? 2 : 1, int_cb, &v, NULL) < 0)
		return -3;
	return v;
}

static int text_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	snprintf(ctx, 256, "%s", c[0].s ? c[0].s : "(null)");
	return 1;
}

static const char *text_of(const char *sql, long long a1, const char *t)
{
	static char out[256];
	struct sqlval a[2] = {SQL_I(a1), SQL_T(t)};

	snprintf(out, sizeof out, "(no row)");
	store_query(S, sql, a, t ? 2 : 1, text_cb, out, NULL);
	return out;
}

static long long credit_cents(long long kpi, const char *period)
{
	return one("SELECT amount_cents FROM service_credits WHERE kpi_id = ? AND period = ?", kpi, period);
}

static const char *credit_status(long long kpi, const char *period)
{
	return text_of("SELECT status FROM service_credits WHERE kpi_id = ? AND period = ?", kpi, period);
}

static struct caller user(long long org, const char *email, enum role role)
{
	struct user_input in = {org, email, email, ROLE_BIT(role), PASSWORD};
	long long id = user_create(S, &in, &err);
	struct caller c;

	memset(&c, 0, sizeof c);
	if (id < 0 || auth_caller_load(S, id, &c) != 0)
		fprintf(stderr, "user %s: %s\n", email, err.message);
	return c;
}

static long long kpi(long long eng, const char *name, const char *direction, double target, double threshold,
		     const char *frequency, const double *credit)
{
	struct kpi_input in = {name, "%", direction, frequency, &target, &threshold, NULL, credit};
	long long id = kpi_create(S, &cm, eng, &in, &err);

	if (id < 0)
		fprintf(stderr, "kpi %s: %s\n", name, err.message);
	return id;
}

static int put(long long k, const char *period, double value)
{
	long long id;
	int rc = measurement_put(S, &lead, k, period, value, "", SOURCE_API, &id, &err);

	if (rc < 0)
		fprintf(stderr, "put %s: %s\n", period, err.message);
	return rc;
}

static bool fixture(void)
{
	struct org_input a = {"Kpi Buyer", "buyer", NULL}, p = {"Kpi Provider", "provider", NULL};
	long long A = org_create(S, &a, &err), P = org_create(S, &p, &err);
	struct engagement_input in = {0};
	struct sqlval none[1];

	cm = user(A, "cm@kpi-buyer.example", ROLE_CONTRACT_MANAGER);
	lead = user(P, "lead@kpi-provider.example", ROLE_PROVIDER_LEADERSHIP);
	cons = user(P, "cons@kpi-provider.example", ROLE_PROVIDER_CONSULTING);
	in.provider_org_id = P;
	in.title = "Kpi desk";
	in.service_line = "ITES";
	in.starts_on = "2025-01-01";
	in.ends_on = "2027-12-31";
	E = engagement_create(S, &cm, &in, &err);
	in.title = "Kpi desk without a charge";
	E2 = engagement_create(S, &cm, &in, &err);
	if (E < 0 || E2 < 0 || engagement_decide(S, &lead, E, true, NULL, &err) || engagement_decide(S, &lead, E2, true, NULL, &err))
		return false;
	(void)none;
	if (store_query(S, "UPDATE engagements SET monthly_charge_cents = 1000000, currency = 'EUR' WHERE id = ?",
			(struct sqlval[]){SQL_I(E)}, 1, NULL, NULL, &err) < 0)
		return false;
	REVIEW = review_create_adhoc(S, E, "2026-12-10", "Agenda", &err);
	return REVIEW > 0;
}

/* ---- service credits ---- */

static void a_missed_month_owes_its_share_of_the_charge(void)
{
	double five = 5;
	long long k = kpi(E, "Availability", "higher", 99.5, 99, "monthly", &five);

	CHECK_INT(put(k, "2026-09", 99.7), MEASURE_CREATED); /* met: nothing owed */
	CHECK_INT(credit_cents(k, "2026-09"), -2);
	CHECK_INT(put(k, "2026-10", 98), MEASURE_CREATED); /* missed: 5% of EUR 10,000.00 */
	CHECK_INT(credit_cents(k, "2026-10"), 50000);
	CHECK_STR(credit_status(k, "2026-10"), "owed");
	CHECK_STR(text_of("SELECT currency FROM service_credits WHERE kpi_id = ? AND period = ?", k, "2026-10"), "EUR");
	/* At risk is no miss: a correction takes back a credit still owed; a new miss owes it again. */
	CHECK_INT(put(k, "2026-10", 99.2), MEASURE_REPLACED);
	CHECK_INT(credit_cents(k, "2026-10"), -2);
	CHECK_INT(put(k, "2026-10", 97), MEASURE_REPLACED);
	CHECK_INT(credit_cents(k, "2026-10"), 50000);
	/* A credit once applied stays as decided, whatever the value becomes. */
	CHECK(store_query(S, "UPDATE service_credits SET status = 'applied' WHERE kpi_id = ?", (struct sqlval[]){SQL_I(k)}, 1, NULL, NULL, NULL) >= 0);
	CHECK_INT(put(k, "2026-10", 99.9), MEASURE_REPLACED);
	CHECK_STR(credit_status(k, "2026-10"), "applied");
	CHECK_INT(credit_cents(k, "2026-10"), 50000);
}

static void a_missed_quarter_owes_three_months(void)
{
	double two = 2;
	long long k = kpi(E, "CSAT", "higher", 4.2, 3.8, "quarterly", &two);

	CHECK_INT(put(k, "2026-Q2", 3.5), MEASURE_CREATED);
	CHECK_INT(credit_cents(k, "2026-Q2"), 60000); /* 2% × 3 × EUR 10,000.00 */
}

static void no_percentage_or_no_charge_owes_nothing(void)
{
	double five = 5;
	long long plain = kpi(E, "Backlog", "lower", 50, 100, "monthly", NULL);
	long long uncharged = kpi(E2, "Availability", "higher", 99.5, 99, "monthly", &five);

	CHECK_INT(put(plain, "2026-10", 500), MEASURE_CREATED);
	CHECK_INT(credit_cents(plain, "2026-10"), -2);
	CHECK_INT(put(uncharged, "2026-10", 10), MEASURE_CREATED);
	CHECK_INT(credit_cents(uncharged, "2026-10"), -2);
}

/* A new monthly charge moves the credits still owed; an applied one stays as decided. */
static void a_new_monthly_charge_moves_owed_credits(void)
{
	double ten = 10;
	long long k = kpi(E2, "First-time fix", "higher", 90, 80, "monthly", &ten);
	struct engagement_input in = {0};

	CHECK_INT(put(k, "2026-09", 70), MEASURE_CREATED);
	CHECK_INT(put(k, "2026-10", 70), MEASURE_CREATED);
	CHECK_INT(credit_cents(k, "2026-10"), -2); /* no charge yet: nothing owed */
	in.monthly_charge = json_real(2000);
	CHECK_INT(engagement_update(S, &cm, E2, &in, &err), 0);
	json_decref(in.monthly_charge);
	CHECK_INT(credit_cents(k, "2026-09"), 20000); /* 10% of 2,000.00 */
	CHECK_INT(credit_cents(k, "2026-10"), 20000);
	CHECK(store_query(S, "UPDATE service_credits SET status = 'applied' WHERE kpi_id = ? AND period = '2026-09'",
			  (struct sqlval[]){SQL_I(k)}, 1, NULL, NULL, NULL) >= 0);
	in.monthly_charge = json_real(4000);
	CHECK_INT(engagement_update(S, &cm, E2, &in, &err), 0);
	json_decref(in.monthly_charge);
	CHECK_INT(credit_cents(k, "2026-09"), 20000);
	CHECK_INT(credit_cents(k, "2026-10"), 40000);
	/* A new currency too: the owed credit is owed in it. */
	in.monthly_charge = NULL;
	in.currency = "GBP";
	CHECK_INT(engagement_update(S, &cm, E2, &in, &err), 0);
	CHECK_STR(text_of("SELECT currency FROM service_credits WHERE kpi_id = ? AND period = ?", k, "2026-10"), "GBP");
	CHECK_STR(text_of("SELECT currency FROM service_credits WHERE kpi_id = ? AND period = ?", k, "2026-09"), "USD"); /* applied: as decided */
	in.currency = NULL;
	/* A change of anything else leaves them as they are. */
	CHECK(store_query(S, "UPDATE service_credits SET amount_cents = 1 WHERE kpi_id = ? AND period = '2026-10'",
			  (struct sqlval[]){SQL_I(k)}, 1, NULL, NULL, NULL) >= 0);
	in.monthly_charge = NULL;
	in.title = "Kpi desk, renamed";
	CHECK_INT(engagement_update(S, &cm, E2, &in, &err), 0);
	CHECK_INT(credit_cents(k, "2026-10"), 1);
}

static void a_change_of_the_rule_brings_owed_credits_in_line(void)
{
	double five = 5, ten = 10, threshold = 90;
	long long k = kpi(E, "First-contact resolution", "higher", 75, 65, "monthly", &five);
	struct kpi_input in = {0};

	CHECK_INT(put(k, "2026-07", 60), MEASURE_CREATED);
	CHECK_INT(put(k, "2026-08", 70), MEASURE_CREATED);
	CHECK_INT(credit_cents(k, "2026-07"), 50000);
	CHECK_INT(credit_cents(k, "2026-08"), -2);
	in.credit_percent = &ten;
	CHECK_INT(kpi_update(S, k, &in, &err), 0);
	CHECK_INT(credit_cents(k, "2026-07"), 100000);
	/* A stricter threshold makes August a miss: it owes too. */
	memset(&in, 0, sizeof in);
	in.threshold = &threshold;
	in.target = &threshold;
	CHECK_INT(kpi_update(S, k, &in, &err), 0);
	CHECK_INT(credit_cents(k, "2026-08"), 100000);
}

/* ---- the action plan ---- */

static void a_miss_puts_one_action_on_the_next_review(void)
{
	long long k = kpi(E, "Average handling time", "lower", 6, 8, "monthly", NULL);
	const char *title = "Action plan: Average handling time missed in 2026-10";

	CHECK_INT(put(k, "2026-09", 7), MEASURE_CREATED); /* at risk: no plan */
	CHECK_INT(one("SELECT count(*) FROM actions WHERE engagement_id = ? AND title LIKE 'Action plan: Average handling time%'", E, NULL), 0);
	CHECK_INT(put(k, "2026-10", 9), MEASURE_CREATED);
	CHECK_INT(one("SELECT count(*) FROM actions WHERE engagement_id = ? AND title = ?", E, title), 1);
	CHECK_INT(one("SELECT review_id FROM actions WHERE engagement_id = ? AND title = ?", E, title), REVIEW);
	CHECK_INT(one("SELECT owner_id FROM actions WHERE engagement_id = ? AND title = ?", E, title), lead.user_id);
	CHECK_STR(text_of("SELECT due_on FROM actions WHERE engagement_id = ? AND title = ?", E, title), "2026-12-10");
	/* Another miss of the same period, however it comes, adds no second plan. */
	CHECK_INT(put(k, "2026-10", 10), MEASURE_REPLACED);
	CHECK_INT(one("SELECT count(*) FROM actions WHERE engagement_id = ? AND title = ?", E, title), 1);
	/* Another missed month joins the KPI's open plan on that review, the months in order. */
	CHECK_INT(put(k, "2026-08", 9), MEASURE_CREATED);
	CHECK_INT(one("SELECT count(*) FROM actions WHERE engagement_id = ? AND title LIKE 'Action plan: Average handling time%'", E, NULL), 1);
	CHECK_INT(one("SELECT count(*) FROM actions WHERE engagement_id = ? AND title = ?", E,
		      "Action plan: Average handling time missed in 2026-08, 2026-10"), 1);
	/* Once the people at the review close it, a month it names adds nothing, and a new miss starts a new plan. */
	store_query(S, "UPDATE actions SET status = 'done' WHERE engagement_id = ? AND title LIKE 'Action plan: Average handling time%'",
		    (struct sqlval[]){SQL_I(E)}, 1, NULL, NULL, NULL);
	CHECK_INT(put(k, "2026-08", 9.5), MEASURE_REPLACED);
	CHECK_INT(one("SELECT count(*) FROM actions WHERE engagement_id = ? AND title LIKE 'Action plan: Average handling time%'", E, NULL), 1);
	CHECK_INT(put(k, "2026-07", 9), MEASURE_CREATED);
	CHECK_INT(one("SELECT count(*) FROM actions WHERE engagement_id = ? AND status = 'open' AND title = ?", E,
		      "Action plan: Average handling time missed in 2026-07"), 1);
	/* A KPI whose name starts with another's never takes or hides the other's plan. */
	{
		long long longer = kpi(E, "Uptime missed in Q", "higher", 99, 95, "monthly", NULL);
		long long shorter = kpi(E, "Uptime", "higher", 99, 95, "monthly", NULL);
		long long listy = kpi(E, "Speed missed in 2026-08, sla", "higher", 99, 95, "monthly", NULL);
		long long speed = kpi(E, "Speed", "higher", 99, 95, "monthly", NULL);

		CHECK_INT(put(longer, "2026-03", 90), MEASURE_CREATED);
		CHECK_INT(put(shorter, "2026-04", 90), MEASURE_CREATED);
		CHECK_INT(put(longer, "2026-05", 90), MEASURE_CREATED);
		CHECK_INT(one("SELECT count(*) FROM actions WHERE engagement_id = ? AND title = ?", E,
			      "Action plan: Uptime missed in Q missed in 2026-03, 2026-05"), 1);
		CHECK_INT(one("SELECT count(*) FROM actions WHERE engagement_id = ? AND title = ?", E,
			      "Action plan: Uptime missed in 2026-04"), 1);
		CHECK_INT(put(listy, "2026-07", 90), MEASURE_CREATED);
		CHECK_INT(put(speed, "2026-08", 90), MEASURE_CREATED);
		CHECK_INT(one("SELECT count(*) FROM actions WHERE engagement_id = ? AND title = ?", E,
			      "Action plan: Speed missed in 2026-08"), 1);
	}
	/* Without a planned review there is no agenda to put it on. */
	{
		long long k2 = kpi(E2, "Average handling time", "lower", 6, 8, "monthly", NULL);

		CHECK_INT(put(k2, "2026-10", 9), MEASURE_CREATED);
		CHECK_INT(one("SELECT count(*) FROM actions WHERE engagement_id = ?", E2, NULL), 0);
	}
}

/* ---- the CSV importer ---- */

static json_t *import(long long eng, const char *text, struct kpi_import_result *res, int want)
{
	int rc = kpi_import_csv(S, &cons, eng, text, strlen(text), res, &err);

	CHECK_INT(rc, want);
	if (rc != want)
		fprintf(stderr, "import: %d %s\n", rc, err.message);
	return res->bad;
}

static void quoted_fields_headers_and_ids_import(void)
{
	long long k = kpi(E, "Accuracy, checked", "higher", 99.5, 98.5, "monthly", NULL);
	struct kpi_import_result res;
	char text[512];
	long long m;

	/* A byte order mark, CRLF, a header, a quoted name with a comma, a note with a quote, a comma and a line break, the KPI by id. */
	snprintf(text, sizeof text,
		 "\xEF\xBB\xBFkpi,period,value,note\r\n\"Accuracy, checked\",2026-01,99.6,\"audited \"\"twice\"\", ok\nsecond line\"\r\n%lld,2026-02, 99.1 ,\r\n\r\n",
		 k);
	import(E, text, &res, 0);
	CHECK_INT(res.imported, 2);
	CHECK_INT(res.replaced + res.unchanged, 0);
	m = one("SELECT id FROM kpi_measurements WHERE kpi_id = ? AND period = ?", k, "2026-01");
	CHECK_STR(text_of("SELECT note FROM kpi_measurements WHERE id = ?", m, NULL), "audited \"twice\", ok\nsecond line");
	CHECK_STR(text_of("SELECT source FROM kpi_measurements WHERE id = ?", m, NULL), "csv");
	/* The same file again changes nothing. */
	import(E, text, &res, 0);
	CHECK_INT(res.unchanged, 2);
	CHECK_INT(res.imported + res.replaced, 0);
}

static void every_bad_row_is_named_and_nothing_is_written(void)
{
	long long k = kpi(E, "Turnaround", "higher", 98, 95, "monthly", NULL);
	struct kpi_import_result res;
	long long before = one("SELECT count(*) FROM kpi_measurements WHERE engagement_id = ?", E, NULL);
	const char *text = "Turnaround,2026-03,97\n"		 /* 1 good */
			   "Nope,2026-03,97\n"			 /* 2 unknown KPI */
			   "Turnaround,2026-13,97\n"		 /* 3 malformed period */
			   "Turnaround,2026-12,97\n"		 /* 4 future (today 2026-11-26) */
			   "Turnaround,2024-12,97\n"		 /* 5 before the term */
			   "Turnaround,2026-04,ninety\n"		 /* 6 not a number */
			   "Turnaround,2026-05,nan\n"		 /* 7 not finite */
			   "Turnaround,2026-06,inf\n"		 /* 8 not finite */
			   "Turnaround,2026-07\n"			 /* 9 two columns */
			   "\"Turnaround\",\"2026-08\",\"1\",\"a\",\"b\"\n" /* 10 five columns */
			   "turnaround,2026-03,96\n"		 /* 11 the same KPI and period as line 1 */
			   "Turnaround,2026-09,\"96\n97\"\n"	 /* 12-13 a quoted value over two lines: one record, line 12 */
			   "Turnaround,2026-10,96\n";		 /* 14 good */
	static const int lines[] = {2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
	json_t *bad = import(E, text, &res, 1), *row;
	size_t i;

	(void)k;
	CHECK_INT(json_array_size(bad), sizeof lines / sizeof lines[0]);
	json_array_foreach(bad, i, row)
	{
		if (i < sizeof lines / sizeof lines[0])
			CHECK_INT(json_integer_value(json_object_get(row, "line")), lines[i]);
	}
	CHECK(strstr(json_string_value(json_object_get(json_array_get(bad, 0), "message")), "unknown KPI") != NULL);
	CHECK(strstr(json_string_value(json_object_get(json_array_get(bad, 2), "message")), "has not started") != NULL);
	CHECK(strstr(json_string_value(json_object_get(json_array_get(bad, 3), "message")), "outside the engagement's term") != NULL);
	CHECK(strstr(json_string_value(json_object_get(json_array_get(bad, 4), "message")), "not a number") != NULL);
	CHECK(strstr(json_string_value(json_object_get(json_array_get(bad, 7), "message")), "found 2") != NULL);
	CHECK(strstr(json_string_value(json_object_get(json_array_get(bad, 9), "message")), "already on line 1") != NULL);
	json_decref(bad);
	CHECK_INT(one("SELECT count(*) FROM kpi_measurements WHERE engagement_id = ?", E, NULL), before);
	/* A file of nothing but a header is refused whole. */
	CHECK_INT(kpi_import_csv(S, &cons, E, "kpi,period,value\n", 17, &res, &err), -1);
	CHECK_INT(err.status, 422);
	CHECK_INT(kpi_import_csv(S, &cons, E, "a,b,\"c\n", 7, &res, &err), 1);
	CHECK(strstr(json_string_value(json_object_get(json_array_get(res.bad, 0), "message")), "never closed") != NULL);
	json_decref(res.bad);
}

/*
 * The importer writes set-based (kpi_bulk.c), 64 rows to a statement: 4 KPIs x 22 months is one
 * chunk and 24 rows one by one, and then a full and a padded chunk of replaced values. What it
 * leaves must be what measurement_write leaves row by row: a credit for each missed month of a
 * KPI with a percentage (credits_sync finds nothing to change afterwards), one action plan per
 * missed KPI listing its missed months, a credit already applied untouched, every old value in the history, one
 * audit row per changed row.
 */
static void a_large_import_matches_row_by_row(void)
{
	double pct = 5;
	long long k[4] = {kpi(E, "Bulk A", "higher", 99, 95, "monthly", &pct), kpi(E, "Bulk B", "lower", 5, 10, "monthly", &pct),
			  kpi(E, "Bulk C", "higher", 99, 95, "monthly", NULL), kpi(E, "Bulk D", "higher", 90, 80, "monthly", &pct)};
	struct kpi_import_result res;
	struct buf b;
	long long audit0, owed, cents, actions, applied;
	char cell[64];

	/* Before: an owed credit that the import removes (the month is met), and an applied one it must leave alone. */
	CHECK_INT(put(k[0], "2025-02", 90), MEASURE_CREATED);
	CHECK_INT(put(k[3], "2025-02", 70), MEASURE_CREATED);
	applied = one("SELECT id FROM service_credits WHERE kpi_id = ? AND period = '2025-02'", k[3], NULL);
	store_query(S, "UPDATE service_credits SET status = 'applied' WHERE id = ?", (struct sqlval[]){SQL_I(applied)}, 1, NULL, NULL, NULL);
	audit0 = one("SELECT count(*) FROM audit_log WHERE entity = 'kpi_measurements' AND entity_id IN (SELECT id FROM kpi_measurements WHERE engagement_id = ?)", E, NULL);
	for (int pass = 0; pass < 2; pass++) {
		buf_init(&b, 1 << 20);
		buf_puts(&b, "kpi,period,value\n");
		for (int i = 0; i < 4; i++)
			for (int m = 0; m < 22; m++) {
				/* every third month missed; the second pass moves every value a little */
				double v = i == 1 ? (m % 3 ? 4 : 12) : (m % 3 ? 99.5 : 50);

				snprintf(cell, sizeof cell, "%lld,%04d-%02d,%g\n", k[i], 2025 + m / 12, m % 12 + 1, v + pass * 0.25);
				buf_puts(&b, cell);
			}
		if (kpi_import_csv(S, &cons, E, b.data, b.len, &res, &err) != 0)
			fprintf(stderr, "import: %s\n", err.message);
		buf_release(&b);
		CHECK_INT(res.imported, pass ? 0 : 86);
		CHECK_INT(res.replaced, pass ? 88 : 2);
		CHECK_INT(res.unchanged, 0);
	}
	CHECK_INT(one("SELECT count(*) FROM kpi_measurements WHERE engagement_id = ? AND kpi_id IN (SELECT id FROM kpis WHERE name LIKE 'Bulk %')", E, NULL), 88);
	CHECK_INT(one("SELECT count(*) FROM kpi_measurement_history h JOIN kpi_measurements m ON m.id = h.measurement_id WHERE m.engagement_id = ? AND m.kpi_id IN (SELECT id FROM kpis WHERE name LIKE 'Bulk %')", E, NULL), 90);
	CHECK_INT(one("SELECT count(*) FROM audit_log WHERE entity = 'kpi_measurements' AND entity_id IN (SELECT id FROM kpi_measurements WHERE engagement_id = ?)", E, NULL) - audit0, 86 + 90);
	CHECK_STR(text_of("SELECT CAST(value AS TEXT) FROM kpi_measurements WHERE kpi_id = ? AND period = ?", k[1], "2025-04"), "12.25");
	CHECK_INT(one("SELECT submitted_by FROM kpi_measurements WHERE kpi_id = ? AND period = ?", k[2], "2026-10"), cons.user_id);
	/* 8 missed months of each KPI with a percentage: owed, except the applied one */
	owed = one("SELECT count(*) FROM service_credits WHERE engagement_id = ? AND status = 'owed' AND kpi_id IN (SELECT id FROM kpis WHERE name LIKE 'Bulk %')", E, NULL);
	CHECK_INT(owed, 8 * 3);
	CHECK_STR(credit_status(k[3], "2025-02"), "applied");
	CHECK_INT(credit_cents(k[0], "2025-02"), -2);
	cents = one("SELECT sum(amount_cents) FROM service_credits WHERE engagement_id = ? AND kpi_id IN (SELECT id FROM kpis WHERE name LIKE 'Bulk %')", E, NULL);
	for (int i = 0; i < 4; i++)
		CHECK_INT(credits_sync_kpi(S, k[i], &err), 0);
	CHECK_INT(one("SELECT sum(amount_cents) FROM service_credits WHERE engagement_id = ? AND kpi_id IN (SELECT id FROM kpis WHERE name LIKE 'Bulk %')", E, NULL), cents);
	CHECK_INT(one("SELECT count(*) FROM service_credits WHERE engagement_id = ? AND status = 'owed' AND kpi_id IN (SELECT id FROM kpis WHERE name LIKE 'Bulk %')", E, NULL), owed);
	/* one action plan per missed KPI on the review, listing its missed months (8 each), and the two of the values put before (kept) */
	actions = one("SELECT count(*) FROM actions WHERE review_id = ? AND title LIKE 'Action plan: Bulk %'", REVIEW, NULL);
	CHECK_INT(actions, 4);
	CHECK_INT(one("SELECT sum(length(title) - length(replace(title, ',', '')) + 1) FROM actions WHERE review_id = ? AND title LIKE 'Action plan: Bulk %'", REVIEW, NULL), 4 * 8 + 2);
	CHECK_INT(one("SELECT count(*) FROM actions WHERE review_id = ? AND title LIKE ?", REVIEW, "Action plan: Bulk D missed in 2025-01, 2025-02, %"), 1);
}

static long long trust_version(long long eng)
{
	return one("SELECT coalesce(max(version), 0) FROM trust_versions WHERE engagement_id = ?", eng, NULL);
}

/*
 * An import raises the engagement's trust version once, not once per value (store_trust_hold;
 * PostgreSQL's triggers still bump per row, so there it only rises); an import that changes
 * nothing or is refused leaves it; and a single value written afterwards still raises it (the
 * hold was released). KPIs named by name and by id, in an order that is not the KPIs' own.
 */
static void an_import_moves_the_trust_version_once(void)
{
	bool pg = !strcmp(store_backend_name(S), "postgresql");
	long long k1 = kpi(E2, "Zeta uptime", "higher", 99, 95, "monthly", NULL), k2 = kpi(E2, "Alpha tickets", "lower", 5, 10, "monthly", NULL);
	struct kpi_import_result res;
	char text[512];
	long long v0 = trust_version(E2), v;

	snprintf(text, sizeof text, "kpi,period,value\n%lld,2025-03,99.5\nalpha TICKETS,2025-01,4\nZeta uptime,2025-01,96\n%lld,2025-02,3\n", k1, k2);
	import(E2, text, &res, 0);
	CHECK_INT(res.imported, 4);
	CHECK_INT(one("SELECT count(*) FROM kpi_measurements WHERE kpi_id = ?", k2, NULL), 2);
	v = trust_version(E2);
	if (pg)
		CHECK(v > v0);
	else
		CHECK_INT(v, v0 + 1);
	import(E2, text, &res, 0);
	CHECK_INT(res.unchanged, 4);
	CHECK_INT(trust_version(E2), v);
	snprintf(text, sizeof text, "kpi,period,value\n%lld,2025-03,98\n%lld,2025-13,1\n", k1, k2);
	json_decref(import(E2, text, &res, 1));
	CHECK_INT(trust_version(E2), v);
	CHECK_STR(text_of("SELECT CAST(value AS TEXT) FROM kpi_measurements WHERE kpi_id = ? AND period = ?", k1, "2025-03"), "99.5");
	snprintf(text, sizeof text, "kpi,period,value\n%lld,2025-03,98\n", k1);
	import(E2, text, &res, 0);
	CHECK_INT(res.replaced, 1);
	if (pg)
		CHECK(trust_version(E2) > v);
	else
		CHECK_INT(trust_version(E2), v + 1);
	v = trust_version(E2);
	CHECK_INT(put(k2, "2025-04", 6), MEASURE_CREATED);
	CHECK_INT(trust_version(E2), v + 1);
}

int main(void)
{
	int applied = 0;
	const char *pg = getenv("ACCORD_TEST_DB");

	if (sodium_init() < 0)
		return 1;
	setenv("ACCORD_TODAY", "2026-11-26", 1);
	snprintf(dir, sizeof dir, "/tmp/accord-kpis-XXXXXX");
	if (!mkdtemp(dir))
		return 1;
	if (pg && *pg)
		snprintf(dbpath, sizeof dbpath, "%s", pg);
	else
		snprintf(dbpath, sizeof dbpath, "%s/kpis.db", dir);
	S = store_open(dbpath, &err);
	if (!S || store_migrate(S, &applied, &err) != 0 || !fixture()) {
		fprintf(stderr, "cannot set up the fixture: %s\n", err.message);
		printf("kpis: 0 passed, 1 failed\n");
		return 1;
	}
	RUN(a_missed_month_owes_its_share_of_the_charge);
	RUN(a_missed_quarter_owes_three_months);
	RUN(no_percentage_or_no_charge_owes_nothing);
	RUN(a_change_of_the_rule_brings_owed_credits_in_line);
	RUN(a_miss_puts_one_action_on_the_next_review);
	RUN(quoted_fields_headers_and_ids_import);
	RUN(every_bad_row_is_named_and_nothing_is_written);
	RUN(a_large_import_matches_row_by_row);
	RUN(an_import_moves_the_trust_version_once);
	RUN(a_new_monthly_charge_moves_owed_credits);
	store_close(S);
	if (!(pg && *pg)) {
		char cmd[128];

		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return HARNESS_DONE("kpis");
}
