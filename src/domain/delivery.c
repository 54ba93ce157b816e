/* delivery: the rules of delivery evidence — KPI periods, the status of a value, attainment, service credits and obligation due dates — with no I/O (docs/delivery.md). */
#include "delivery.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

static const char *const frequency_names[] = {"monthly", "quarterly"};
static const char *const direction_names[] = {"higher", "lower"};
static const char *const status_names[] = {"unknown", "met", "at_risk", "missed"};
static const char *const recurrence_names[] = {"none", "monthly", "quarterly", "annual"};

static int name_index(const char *s, const char *const *names, int n)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int kpi_frequency_parse(const char *s)
{
	return name_index(s, frequency_names, 2);
}

const char *kpi_frequency_name(enum kpi_frequency f)
{
	return frequency_names[f];
}

int kpi_direction_parse(const char *s)
{
	return name_index(s, direction_names, 2);
}

const char *kpi_direction_name(enum kpi_direction d)
{
	return direction_names[d];
}

const char *kpi_status_name(enum kpi_status s)
{
	return status_names[s];
}

int obligation_recurrence_parse(const char *s)
{
	return name_index(s, recurrence_names, 4);
}

const char *obligation_recurrence_name(enum obligation_recurrence r)
{
	return recurrence_names[r];
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

bool kpi_period_parse(const char *s, enum kpi_frequency f, struct kpi_period *out)
{
	int year, n;

	if (!s || !digits(s, 4, &year) || year < 1000 || s[4] != '-')
		return false;
	if (f == KPI_MONTHLY) {
		if (!digits(s + 5, 2, &n) || s[7] != '\0' || n < 1 || n > 12)
			return false;
		out->index = year * 12 + n - 1;
	} else {
		if (s[5] != 'Q' || s[6] < '1' || s[6] > '4' || s[7] != '\0')
			return false;
		out->index = year * 4 + (s[6] - '1');
	}
	out->frequency = f;
	return true;
}

void kpi_period_format(struct kpi_period p, char out[8])
{
	/* Unsigned, so that the compiler sees each number's width (periods are never negative). */
	unsigned idx = (unsigned)p.index;

	unsigned y = (p.frequency == KPI_MONTHLY ? idx / 12 : idx / 4) % 10000;

	/* By hand, not snprintf ("%04u-%02u"): a scorecard formats every period it lists (about 1,300 instructions each). */
	out[0] = (char)('0' + y / 1000);
	out[1] = (char)('0' + y / 100 % 10);
	out[2] = (char)('0' + y / 10 % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	if (p.frequency == KPI_MONTHLY) {
		out[5] = (char)('0' + (idx % 12 + 1) / 10);
		out[6] = (char)('0' + (idx % 12 + 1) % 10);
	} else {
		out[5] = 'Q';
		out[6] = (char)('0' + idx % 4 + 1);
	}
	out[7] = '\0';
}

int kpi_period_months(enum kpi_frequency f)
{
	return f == KPI_MONTHLY ? 1 : 3;
}

struct date kpi_period_first_day(struct kpi_period p)
{
	struct date d = {0, 1, 1};

	if (p.frequency == KPI_MONTHLY) {
		d.year = p.index / 12;
		d.month = p.index % 12 + 1;
	} else {
		d.year = p.index / 4;
		d.month = (p.index % 4) * 3 + 1;
	}
	return d;
}

struct date kpi_period_last_day(struct kpi_period p)
{
	struct date d = kpi_period_first_day(p);

	d.month += kpi_period_months(p.frequency) - 1;
	d.day = date_days_in_month(d.year, d.month);
	return d;
}

struct kpi_period kpi_period_of(struct date d, enum kpi_frequency f)
{
	struct kpi_period p = {f, f == KPI_MONTHLY ? d.year * 12 + d.month - 1 : d.year * 4 + (d.month - 1) / 3};

	return p;
}

struct kpi_period kpi_period_add(struct kpi_period p, int n)
{
	p.index += n;
	return p;
}

const char *kpi_period_check(const char *s, enum kpi_frequency f, struct date today, struct date starts_on,
			     struct date ends_on, struct kpi_period *out)
{
	struct kpi_period p;

	if (!kpi_period_parse(s, f, &p))
		return "malformed";
	if (date_compare(kpi_period_first_day(p), today) > 0)
		return "future";
	if (date_compare(kpi_period_last_day(p), starts_on) < 0 || date_compare(kpi_period_first_day(p), ends_on) > 0)
		return "outside_term";
	*out = p;
	return NULL;
}

bool kpi_rule_check(const struct kpi_rule *r, struct error *err)
{
	if (!isfinite(r->target)) {
		error_set(err, 422, "invalid", "target", "the target must be a finite number");
		return false;
	}
	if (!isfinite(r->threshold)) {
		error_set(err, 422, "invalid", "threshold", "the threshold must be a finite number");
		return false;
	}
	if (r->direction == KPI_HIGHER && r->threshold > r->target) {
		error_set(err, 422, "invalid", "threshold",
			  "when higher is better the threshold (the floor of a miss) cannot be above the target");
		return false;
	}
	if (r->direction == KPI_LOWER && r->threshold < r->target) {
		error_set(err, 422, "invalid", "threshold",
			  "when lower is better the threshold (the ceiling of a miss) cannot be below the target");
		return false;
	}
	return true;
}

enum kpi_status kpi_status_of(const struct kpi_rule *r, double value)
{
	if (!isfinite(value))
		return KPI_UNKNOWN;
	if (r->direction == KPI_HIGHER)
		return value >= r->target ? KPI_MET : value >= r->threshold ? KPI_AT_RISK : KPI_MISSED;
	return value <= r->target ? KPI_MET : value <= r->threshold ? KPI_AT_RISK : KPI_MISSED;
}

enum kpi_status kpi_status_counted(enum kpi_status s, bool disputed)
{
	return disputed && s == KPI_MET ? KPI_AT_RISK : s;
}

double kpi_status_credit(enum kpi_status s)
{
	return s == KPI_MET ? 1.0 : s == KPI_AT_RISK ? 0.5 : 0.0;
}

void kpi_attainment_add(struct kpi_attainment *a, enum kpi_status counted, double weight)
{
	switch (counted) {
	case KPI_UNKNOWN:
		a->unknown++;
		return;
	case KPI_MET:
		a->met++;
		break;
	case KPI_AT_RISK:
		a->at_risk++;
		break;
	case KPI_MISSED:
		a->missed++;
		break;
	}
	a->weight += weight;
	a->weighted_credit += weight * kpi_status_credit(counted);
}

bool kpi_attainment_known(const struct kpi_attainment *a)
{
	return a->weight > 0;
}

double kpi_attainment_value(const struct kpi_attainment *a)
{
	double v = a->weight > 0 ? a->weighted_credit / a->weight : 0;

	return v < 0 ? 0 : v > 1 ? 1 : v;
}

long long kpi_credit_cents(long long monthly_charge_cents, double credit_percent, enum kpi_frequency f)
{
	if (monthly_charge_cents < 0 || !(credit_percent >= 0) || credit_percent > 100)
		return 0;
	return llround((double)monthly_charge_cents * credit_percent / 100.0 * kpi_period_months(f));
}

struct date obligation_next_due(struct date due, enum obligation_recurrence r)
{
	static const int months[] = {0, 1, 3, 12};

	return r == RECUR_NONE ? due : date_add_months(due, months[r]);
}

struct date contract_notice_date(struct date ends_on, int notice_days)
{
	return date_add_days(ends_on, -(long)notice_days);
}
