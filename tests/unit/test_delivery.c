/* test_delivery: hand-worked cases for the delivery rules — periods, the status of a value, disputes, attainment, service credits, obligation recurrence and notice dates. */
#include <math.h>
#include <string.h>

#include "../harness.h"
#include "domain/delivery.h"

static struct date D(int y, int m, int d)
{
	struct date r = {y, m, d};
	return r;
}

static char *fmt(struct kpi_period p)
{
	static char out[8];

	kpi_period_format(p, out);
	return out;
}

static char *day(struct date d)
{
	static char out[2][11];
	static int k;

	k ^= 1;
	date_format(d, out[k]);
	return out[k];
}

static void periods_parse_and_format(void)
{
	struct kpi_period p;

	CHECK(kpi_period_parse("2026-03", KPI_MONTHLY, &p));
	CHECK_INT(p.index, 2026 * 12 + 2);
	CHECK_STR(fmt(p), "2026-03");
	CHECK(kpi_period_parse("2026-Q4", KPI_QUARTERLY, &p));
	CHECK_INT(p.index, 2026 * 4 + 3);
	CHECK_STR(fmt(p), "2026-Q4");
	/* Each frequency reads only its own shape. */
	CHECK(!kpi_period_parse("2026-Q1", KPI_MONTHLY, &p));
	CHECK(!kpi_period_parse("2026-01", KPI_QUARTERLY, &p));
	/* Malformed: out of range, short, long, signs and spaces, NULL. */
	const char *bad[] = {"2026-13", "2026-00", "2026-1", "2026-011", "26-01", "2026/01", " 2026-01", "2026-01 ",
			     "+026-01", "0999-01", "", "2026-Q0", "2026-Q5", "2026-q1", "2026-Q12"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		CHECK(!kpi_period_parse(bad[i], KPI_MONTHLY, &p));
		CHECK(!kpi_period_parse(bad[i], KPI_QUARTERLY, &p));
	}
	CHECK(!kpi_period_parse(NULL, KPI_MONTHLY, &p));
	CHECK_INT(kpi_frequency_parse("quarterly"), KPI_QUARTERLY);
	CHECK_INT(kpi_frequency_parse("weekly"), -1);
	CHECK_INT(kpi_direction_parse("lower"), KPI_LOWER);
	CHECK_INT(kpi_direction_parse("Higher"), -1);
}

static void periods_have_days(void)
{
	struct kpi_period p;

	kpi_period_parse("2024-02", KPI_MONTHLY, &p);
	CHECK_STR(day(kpi_period_first_day(p)), "2024-02-01");
	CHECK_STR(day(kpi_period_last_day(p)), "2024-02-29"); /* leap year */
	kpi_period_parse("2026-Q1", KPI_QUARTERLY, &p);
	CHECK_STR(day(kpi_period_first_day(p)), "2026-01-01");
	CHECK_STR(day(kpi_period_last_day(p)), "2026-03-31");
	kpi_period_parse("2026-Q4", KPI_QUARTERLY, &p);
	CHECK_STR(day(kpi_period_last_day(p)), "2026-12-31");
	CHECK_STR(fmt(kpi_period_of(D(2026, 12, 7), KPI_MONTHLY)), "2026-12");
	CHECK_STR(fmt(kpi_period_of(D(2026, 12, 7), KPI_QUARTERLY)), "2026-Q4");
	CHECK_STR(fmt(kpi_period_of(D(2026, 4, 1), KPI_QUARTERLY)), "2026-Q2");
	/* Adding crosses years both ways. */
	CHECK_STR(fmt(kpi_period_add(kpi_period_of(D(2026, 12, 7), KPI_MONTHLY), 1)), "2027-01");
	CHECK_STR(fmt(kpi_period_add(kpi_period_of(D(2026, 1, 7), KPI_QUARTERLY), -1)), "2025-Q4");
	CHECK_INT(kpi_period_months(KPI_QUARTERLY), 3);
}

static void periods_checked_against_today_and_term(void)
{
	struct kpi_period p;
	struct date today = D(2026, 12, 7), start = D(2025, 3, 15), end = D(2027, 3, 14);

	CHECK(kpi_period_check("2026-11", KPI_MONTHLY, today, start, end, &p) == NULL);
	CHECK_STR(fmt(p), "2026-11");
	/* The current period may take a value; the next one is future. */
	CHECK(kpi_period_check("2026-12", KPI_MONTHLY, today, start, end, &p) == NULL);
	CHECK_STR(kpi_period_check("2027-01", KPI_MONTHLY, today, start, end, &p), "future");
	CHECK_STR(kpi_period_check("2027-Q1", KPI_QUARTERLY, today, start, end, &p), "future");
	/* A period overlapping the start counts; one wholly before it does not. */
	CHECK(kpi_period_check("2025-03", KPI_MONTHLY, today, start, end, &p) == NULL);
	CHECK_STR(kpi_period_check("2025-02", KPI_MONTHLY, today, start, end, &p), "outside_term");
	CHECK(kpi_period_check("2025-Q1", KPI_QUARTERLY, today, start, end, &p) == NULL);
	CHECK_STR(kpi_period_check("2024-Q4", KPI_QUARTERLY, today, start, end, &p), "outside_term");
	/* After the end (a past contract, today later still). */
	CHECK_STR(kpi_period_check("2027-04", KPI_MONTHLY, D(2028, 1, 1), start, end, &p), "outside_term");
	CHECK(kpi_period_check("2027-03", KPI_MONTHLY, D(2028, 1, 1), start, end, &p) == NULL);
	CHECK_STR(kpi_period_check("2026-Q1", KPI_MONTHLY, today, start, end, &p), "malformed");
}

static void status_of_values(void)
{
	struct kpi_rule avail = {KPI_HIGHER, 99.5, 99.0}, aht = {KPI_LOWER, 300, 360};
	struct error err = {0};

	CHECK(kpi_rule_check(&avail, &err));
	CHECK(kpi_rule_check(&aht, &err));
	/* Higher is better: at the target met, between threshold and target at risk, under the threshold missed. */
	CHECK_INT(kpi_status_of(&avail, 99.5), KPI_MET);
	CHECK_INT(kpi_status_of(&avail, 100), KPI_MET);
	CHECK_INT(kpi_status_of(&avail, 99.49), KPI_AT_RISK);
	CHECK_INT(kpi_status_of(&avail, 99.0), KPI_AT_RISK);
	CHECK_INT(kpi_status_of(&avail, 98.99), KPI_MISSED);
	/* Lower is better mirrors it. */
	CHECK_INT(kpi_status_of(&aht, 300), KPI_MET);
	CHECK_INT(kpi_status_of(&aht, 12), KPI_MET);
	CHECK_INT(kpi_status_of(&aht, 301), KPI_AT_RISK);
	CHECK_INT(kpi_status_of(&aht, 360), KPI_AT_RISK);
	CHECK_INT(kpi_status_of(&aht, 360.5), KPI_MISSED);
	/* Target equal to threshold: no at-risk band. */
	struct kpi_rule sharp = {KPI_HIGHER, 90, 90};
	CHECK(kpi_rule_check(&sharp, &err));
	CHECK_INT(kpi_status_of(&sharp, 90), KPI_MET);
	CHECK_INT(kpi_status_of(&sharp, 89.9), KPI_MISSED);
	CHECK_INT(kpi_status_of(&avail, NAN), KPI_UNKNOWN);
	CHECK_STR(kpi_status_name(KPI_AT_RISK), "at_risk");
}

static void incoherent_rules_name_their_field(void)
{
	struct error err = {0};
	struct kpi_rule up = {KPI_HIGHER, 95, 97}, down = {KPI_LOWER, 4, 2}, inf = {KPI_HIGHER, INFINITY, 1},
			nan_threshold = {KPI_LOWER, 1, NAN};

	CHECK(!kpi_rule_check(&up, &err));
	CHECK_STR(err.field, "threshold");
	CHECK_INT(err.status, 422);
	CHECK(!kpi_rule_check(&down, &err));
	CHECK_STR(err.field, "threshold");
	CHECK(!kpi_rule_check(&inf, &err));
	CHECK_STR(err.field, "target");
	CHECK(!kpi_rule_check(&nan_threshold, &err));
	CHECK_STR(err.field, "threshold");
}

static void a_dispute_counts_as_at_most_at_risk(void)
{
	CHECK_INT(kpi_status_counted(KPI_MET, true), KPI_AT_RISK);
	CHECK_INT(kpi_status_counted(KPI_AT_RISK, true), KPI_AT_RISK);
	CHECK_INT(kpi_status_counted(KPI_MISSED, true), KPI_MISSED);
	CHECK_INT(kpi_status_counted(KPI_MET, false), KPI_MET);
	CHECK_INT(kpi_status_counted(KPI_UNKNOWN, true), KPI_UNKNOWN);
}

static void attainment_by_hand(void)
{
	struct kpi_attainment a = {0};

	/* Nothing measured: unknown, never 100%. */
	CHECK(!kpi_attainment_known(&a));
	kpi_attainment_add(&a, KPI_UNKNOWN, 1);
	CHECK(!kpi_attainment_known(&a));
	/* Weights 2 (met), 1 (at risk), 1 (missed): (2·1 + 1·0.5 + 1·0) / 4 = 0.625. */
	kpi_attainment_add(&a, KPI_MET, 2);
	kpi_attainment_add(&a, KPI_AT_RISK, 1);
	kpi_attainment_add(&a, KPI_MISSED, 1);
	CHECK(kpi_attainment_known(&a));
	CHECK(fabs(kpi_attainment_value(&a) - 0.625) < 1e-12);
	CHECK_INT(a.met, 1);
	CHECK_INT(a.at_risk, 1);
	CHECK_INT(a.missed, 1);
	CHECK_INT(a.unknown, 1);
	/* Turning the miss into a met raises it: (2 + 0.5 + 1) / 4 = 0.875. */
	struct kpi_attainment b = {0};
	kpi_attainment_add(&b, KPI_MET, 2);
	kpi_attainment_add(&b, KPI_AT_RISK, 1);
	kpi_attainment_add(&b, KPI_MET, 1);
	CHECK(fabs(kpi_attainment_value(&b) - 0.875) < 1e-12);
}

static void credits_by_hand(void)
{
	/* 5% of a 250,000.00 monthly charge: 12,500.00. */
	CHECK_INT(kpi_credit_cents(25000000, 5, KPI_MONTHLY), 1250000);
	/* Quarterly: three months' charge. */
	CHECK_INT(kpi_credit_cents(25000000, 5, KPI_QUARTERLY), 3750000);
	/* Rounded to the cent, half away from zero: 2.5% of 333.33 = 8.33325 → 8.33; 1.5% of 0.99 = 0.01485 → 0.01. */
	CHECK_INT(kpi_credit_cents(33333, 2.5, KPI_MONTHLY), 833);
	CHECK_INT(kpi_credit_cents(99, 1.5, KPI_MONTHLY), 1);
	CHECK_INT(kpi_credit_cents(100, 0.5, KPI_MONTHLY), 1);
	/* No charge or no percentage: nothing owed. */
	CHECK_INT(kpi_credit_cents(-1, 5, KPI_MONTHLY), 0);
	CHECK_INT(kpi_credit_cents(25000000, -1, KPI_MONTHLY), 0);
	CHECK_INT(kpi_credit_cents(25000000, NAN, KPI_MONTHLY), 0);
	CHECK_INT(kpi_credit_cents(25000000, 0, KPI_MONTHLY), 0);
	CHECK_INT(kpi_credit_cents(25000000, 100, KPI_MONTHLY), 25000000);
}

static void obligations_recur(void)
{
	CHECK_STR(day(obligation_next_due(D(2026, 1, 31), RECUR_MONTHLY)), "2026-02-28");
	CHECK_STR(day(obligation_next_due(D(2026, 11, 30), RECUR_QUARTERLY)), "2027-02-28");
	CHECK_STR(day(obligation_next_due(D(2024, 2, 29), RECUR_ANNUAL)), "2025-02-28");
	CHECK_STR(day(obligation_next_due(D(2026, 6, 15), RECUR_NONE)), "2026-06-15");
	CHECK_INT(obligation_recurrence_parse("annual"), RECUR_ANNUAL);
	CHECK_INT(obligation_recurrence_parse("yearly"), -1);
	CHECK_STR(obligation_recurrence_name(RECUR_QUARTERLY), "quarterly");
}

static void notice_dates(void)
{
	CHECK_STR(day(contract_notice_date(D(2027, 3, 31), 90)), "2026-12-31");
	CHECK_STR(day(contract_notice_date(D(2027, 3, 1), 0)), "2027-03-01");
	CHECK_STR(day(contract_notice_date(D(2024, 3, 1), 1)), "2024-02-29");
}

int main(void)
{
	RUN(periods_parse_and_format);
	RUN(periods_have_days);
	RUN(periods_checked_against_today_and_term);
	RUN(status_of_values);
	RUN(incoherent_rules_name_their_field);
	RUN(a_dispute_counts_as_at_most_at_risk);
	RUN(attainment_by_hand);
	RUN(credits_by_hand);
	RUN(obligations_recur);
	RUN(notice_dates);
	return HARNESS_DONE("delivery");
}
