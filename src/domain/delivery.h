/* delivery: the rules of delivery evidence — KPI periods, the status of a value, attainment, service credits and obligation due dates — with no I/O (docs/delivery.md). */
#ifndef ACCORD_DELIVERY_H
#define ACCORD_DELIVERY_H

#include <stdbool.h>

#include "date.h"
#include "error.h"

enum kpi_frequency { KPI_MONTHLY, KPI_QUARTERLY };
enum kpi_direction { KPI_HIGHER, KPI_LOWER };

/* Parsing the words the API and the store use; -1 when unknown. */
int kpi_frequency_parse(const char *s); /* "monthly", "quarterly" */
const char *kpi_frequency_name(enum kpi_frequency f);
int kpi_direction_parse(const char *s); /* "higher", "lower" */
const char *kpi_direction_name(enum kpi_direction d);

/*
 * A period: a month ("2026-03") of a monthly KPI or a quarter ("2026-Q1") of a quarterly
 * one, as a count (year × 12 + month − 1, or year × 4 + quarter − 1) that orders periods.
 */
struct kpi_period {
	enum kpi_frequency frequency;
	int index;
};

/* Parses s for the frequency; false when s is not exactly such a period (years 1000..9999). */
bool kpi_period_parse(const char *s, enum kpi_frequency f, struct kpi_period *out);
void kpi_period_format(struct kpi_period p, char out[8]);
struct date kpi_period_first_day(struct kpi_period p);
struct date kpi_period_last_day(struct kpi_period p);
struct kpi_period kpi_period_of(struct date d, enum kpi_frequency f); /* the period d falls in */
struct kpi_period kpi_period_add(struct kpi_period p, int n);
/* How many months a period spans: 1 or 3 (what a credit multiplies the monthly charge by). */
int kpi_period_months(enum kpi_frequency f);

/*
 * Why a period cannot take a value, or NULL when it can: "malformed" (does not parse for f),
 * "future" (starts after today), "outside_term" (does not overlap starts_on..ends_on).
 * On success *out holds the period.
 */
const char *kpi_period_check(const char *s, enum kpi_frequency f, struct date today, struct date starts_on,
			     struct date ends_on, struct kpi_period *out);

/* A KPI's targets: met at or beyond target, at risk from the threshold up to the target, missed beyond the threshold. */
struct kpi_rule {
	enum kpi_direction direction;
	double target, threshold;
};
/* Whether the rule is coherent (finite numbers; threshold <= target when higher is better, >= when lower); names the field in err. */
bool kpi_rule_check(const struct kpi_rule *r, struct error *err);

enum kpi_status { KPI_UNKNOWN, KPI_MET, KPI_AT_RISK, KPI_MISSED };
const char *kpi_status_name(enum kpi_status s); /* "unknown", "met", "at_risk", "missed" */
enum kpi_status kpi_status_of(const struct kpi_rule *r, double value);
/* The status a value counts as: a disputed value counts as at most at risk (a disputed miss stays a miss). */
enum kpi_status kpi_status_counted(enum kpi_status s, bool disputed);
/* The credit a status earns in attainment: met 1, at risk 0.5, missed 0 (unknown is not counted). */
double kpi_status_credit(enum kpi_status s);

/* Attainment: Σ weight × credit / Σ weight over the counted (known) periods; unknown when none. */
struct kpi_attainment {
	double weighted_credit, weight;
	int met, at_risk, missed, unknown;
};
void kpi_attainment_add(struct kpi_attainment *a, enum kpi_status counted, double weight);
bool kpi_attainment_known(const struct kpi_attainment *a);
double kpi_attainment_value(const struct kpi_attainment *a); /* 0..1; only when known */

/*
 * The service credit a missed period owes, in cents: monthly charge × percent / 100 × the
 * period's months, rounded half away from zero; 0 when percent or charge is missing (< 0).
 */
long long kpi_credit_cents(long long monthly_charge_cents, double credit_percent, enum kpi_frequency f);

/* Obligations. */
enum obligation_recurrence { RECUR_NONE, RECUR_MONTHLY, RECUR_QUARTERLY, RECUR_ANNUAL };
int obligation_recurrence_parse(const char *s); /* "none", "monthly", "quarterly", "annual" */
const char *obligation_recurrence_name(enum obligation_recurrence r);
/* The next occurrence's due date (month ends clamp: Jan 31 monthly → Feb 28/29); due itself for none. */
struct date obligation_next_due(struct date due, enum obligation_recurrence r);

/* The notice date: ends_on − notice_days. */
struct date contract_notice_date(struct date ends_on, int notice_days);

#endif
