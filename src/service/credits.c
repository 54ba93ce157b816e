/* credits: keeps the service credits a KPI's missed periods owe in step with their values (docs/delivery.md, "Service credits"). */
#include "credits.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "../domain/delivery.h"
#include "kpis.h"
#include "orgs.h"

struct sync_info {
	int found;
	long long buyer, engagement, charge;
	bool has_charge, has_percent, has_value;
	struct kpi_rule rule;
	enum kpi_frequency frequency;
	double percent, value;
	char currency[8];
};

static int info_cb(void *ctx, const struct sqlval *c, int n)
{
	struct sync_info *i = ctx;

	(void)n;
	i->found = 1;
	i->buyer = c[0].i;
	i->engagement = c[1].i;
	i->rule.direction = strcmp(c[2].s, "lower") == 0 ? KPI_LOWER : KPI_HIGHER;
	i->rule.target = kpi_col_number(&c[3]);
	i->rule.threshold = kpi_col_number(&c[4]);
	i->frequency = strcmp(c[5].s, "quarterly") == 0 ? KPI_QUARTERLY : KPI_MONTHLY;
	i->has_percent = c[6].type != SQL_NULL;
	i->percent = i->has_percent ? kpi_col_number(&c[6]) : 0;
	i->has_charge = c[7].type != SQL_NULL;
	i->charge = i->has_charge ? c[7].i : 0;
	snprintf(i->currency, sizeof i->currency, "%s", c[8].s ? c[8].s : "USD");
	i->has_value = c[9].type != SQL_NULL;
	i->value = i->has_value ? kpi_col_number(&c[9]) : 0;
	return 1;
}

struct credit_row {
	int found;
	long long id;
	bool owed;
};

static int credit_cb(void *ctx, const struct sqlval *c, int n)
{
	struct credit_row *r = ctx;

	(void)n;
	r->found = 1;
	r->id = c[0].i;
	r->owed = strcmp(c[1].s, "owed") == 0;
	return 1;
}

int credits_sync(struct store *s, long long kpi_id, const char *period, struct error *err)
{
	struct sync_info i = {0};
	struct credit_row r = {0};
	struct sqlval a[7];
	long long cents = 0;
	char now[24];

	a[0] = SQL_T(period);
	a[1] = SQL_I(kpi_id);
	if (store_exec(s, STMT_CREDIT_SYNC_INFO, a, 2, info_cb, &i, err) < 0)
		return -1;
	if (!i.found)
		return 0;
	if (i.has_value && i.has_percent && i.has_charge && kpi_status_of(&i.rule, i.value) == KPI_MISSED)
		cents = kpi_credit_cents(i.charge, i.percent, i.frequency);
	a[0] = SQL_I(kpi_id);
	a[1] = SQL_T(period);
	if (cents <= 0)
		return store_exec(s, STMT_CREDIT_DROP_OWED, a, 2, NULL, NULL, err) < 0 ? -1 : 0;
	if (store_exec(s, STMT_CREDIT_FIND, a, 2, credit_cb, &r, err) < 0)
		return -1;
	if (r.found) {
		if (!r.owed)
			return 0; /* applied or waived: as decided */
		a[0] = SQL_I(cents);
		a[1] = SQL_T(i.currency);
		a[2] = SQL_I(r.id);
		return store_exec(s, STMT_CREDIT_SET_OWED, a, 3, NULL, NULL, err) < 0 ? -1 : 0;
	}
	now_iso(now);
	a[0] = SQL_I(i.buyer);
	a[1] = SQL_I(i.engagement);
	a[2] = SQL_I(kpi_id);
	a[3] = SQL_T(period);
	a[4] = SQL_I(cents);
	a[5] = SQL_T(i.currency);
	a[6] = SQL_T(now);
	return store_exec(s, STMT_CREDIT_INSERT, a, 7, NULL, NULL, err) < 0 ? -1 : 0;
}

static int period_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_string(c[0].s));
	return 0;
}

int credits_sync_kpi(struct store *s, long long kpi_id, struct error *err)
{
	json_t *periods = json_array(), *p;
	struct sqlval a[1] = {SQL_I(kpi_id)};
	size_t k;
	int rc = store_exec(s, STMT_MEASUREMENT_PERIODS_KPI, a, 1, period_cb, periods, err) < 0 ? -1 : 0;

	json_array_foreach(periods, k, p) if (rc == 0) rc = credits_sync(s, kpi_id, json_string_value(p), err);
	json_decref(periods);
	return rc;
}

static int kpi_id_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_integer(c[0].i));
	return 0;
}

int credits_sync_engagement(struct store *s, long long engagement_id, struct error *err)
{
	json_t *kpis = json_array(), *k;
	struct sqlval a[1] = {SQL_I(engagement_id)};
	size_t i;
	int rc = store_exec(s, STMT_KPI_CREDITED_ENG, a, 1, kpi_id_cb, kpis, err) < 0 ? -1 : 0;

	json_array_foreach(kpis, i, k) if (rc == 0) rc = credits_sync_kpi(s, json_integer_value(k), err);
	json_decref(kpis);
	return rc;
}
