/* attention: counts each engagement's reasons to look (missed KPIs, overdue obligations, a near notice date, late or missed reviews, no quorum) over the last 12 months, and words them by severity. */
#include "attention.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/delivery.h"
#include "../domain/review.h"
#include "../util/grow.h"
#include "clock.h"

struct gather {
	struct attention *v;
	size_t n, cap;
	struct date today;
	bool failed;
};

static struct attention *find(struct gather *g, long long id)
{
	return (struct attention *)attention_find(g->v, g->n, id);
}

static int engagement_row(void *ctx, const struct sqlval *c, int n)
{
	struct gather *g = ctx;
	struct attention *a;
	struct date ends, notice;

	(void)n;
	if (grow((void **)&g->v, &g->cap, g->n, sizeof *g->v)) {
		g->failed = true;
		return 1;
	}
	a = &g->v[g->n++];
	memset(a, 0, sizeof *a);
	a->engagement_id = c[0].i;
	snprintf(a->renewal, sizeof a->renewal, "%s", c[3].s ? c[3].s : "none");
	if (c[2].type != SQL_NULL && c[1].s && date_parse(c[1].s, &ends)) {
		notice = contract_notice_date(ends, (int)c[2].i);
		if (date_compare(notice, g->today) >= 0)
			date_format(notice, a->next_notice_on);
		if (date_compare(notice, g->today) >= 0 && date_compare(notice, date_add_days(g->today, ATTENTION_NOTICE_DAYS)) <= 0)
			date_format(notice, a->notice_on);
	}
	return 0;
}

/* A number column: REAL comes back as text, a whole number may come back as an integer. */
static double number_of(const struct sqlval *v)
{
	return v->type == SQL_INT ? (double)v->i : v->type == SQL_TEXT && v->s ? strtod(v->s, NULL) : 0;
}

/* A measurement in the window: missed by its KPI's own rule (a disputed miss stays a miss). */
static int kpi_row(void *ctx, const struct sqlval *c, int n)
{
	struct attention *a = find(ctx, c[0].i);
	struct kpi_rule rule;
	int dir = kpi_direction_parse(c[1].s);

	(void)n;
	if (!a || dir < 0)
		return 0;
	rule.direction = (enum kpi_direction)dir;
	rule.target = number_of(&c[2]);
	rule.threshold = number_of(&c[3]);
	a->missed_kpis += kpi_status_of(&rule, number_of(&c[4])) == KPI_MISSED;
	return 0;
}

static int obligation_row(void *ctx, const struct sqlval *c, int n)
{
	struct attention *a = find(ctx, c[0].i);

	(void)n;
	if (a)
		*(!strcmp(c[1].s, "buyer") ? &a->overdue_buyer : &a->overdue_provider) += (int)c[2].i;
	return 0;
}

static int review_row(void *ctx, const struct sqlval *c, int n)
{
	struct gather *g = ctx;
	struct attention *a = find(g, c[0].i);
	struct compliance k = {0};
	struct date due, held;
	bool is_held = c[2].s && date_parse(c[2].s, &held);

	(void)n;
	if (!a || !date_parse(c[1].s, &due))
		return 0;
	compliance_count(&k, review_state_parse(c[3].s), due, is_held ? &held : NULL, (int)c[4].i, (role_mask)c[5].i,
			 (role_mask)c[6].i, g->today);
	a->late += k.late;
	a->missed += k.missed;
	a->without_quorum += k.without_quorum;
	return 0;
}

/* scope: (organisation, organisation, 0) for an organisation's engagements, (0, 0, id) for one. */
static int run(struct store *s, long long org, long long id, struct gather *g)
{
	char since[11], today[11], month[8], quarter[8];
	struct sqlval a[7] = {SQL_I(org), SQL_I(org), SQL_I(id)};

	g->today = clock_today();
	date_format(g->today, today);
	date_format(date_add_days(g->today, -ATTENTION_WINDOW_DAYS), since);
	kpi_period_format(kpi_period_add(kpi_period_of(g->today, KPI_MONTHLY), -12), month);
	kpi_period_format(kpi_period_add(kpi_period_of(g->today, KPI_QUARTERLY), -4), quarter);
	if (store_exec(s, STMT_ATTENTION_ENGAGEMENTS, a, 3, engagement_row, g, NULL) < 0 || g->failed)
		return -1;
	if (!g->n)
		return 0;
	a[3] = SQL_T(month);
	a[4] = SQL_T(quarter);
	if (store_exec(s, STMT_ATTENTION_KPIS, a, 5, kpi_row, g, NULL) < 0)
		return -1;
	a[3] = SQL_T(today);
	if (store_exec(s, STMT_ATTENTION_OBLIGATIONS, a, 4, obligation_row, g, NULL) < 0)
		return -1;
	a[3] = SQL_T(since);
	return store_exec(s, STMT_ATTENTION_REVIEWS, a, 4, review_row, g, NULL) < 0 ? -1 : 0;
}

int attention_org(struct store *s, const struct caller *c, struct attention **out, size_t *n)
{
	struct gather g = {0};

	*out = NULL;
	*n = 0;
	if (c->org_kind != ORG_BUYER && c->org_kind != ORG_PROVIDER)
		return 0;
	if (run(s, c->org_id, 0, &g)) {
		free(g.v);
		return -1;
	}
	*out = g.v;
	*n = g.n;
	return 0;
}

int attention_engagement(struct store *s, long long engagement_id, struct attention *out)
{
	struct gather g = {0};
	int rc = run(s, 0, engagement_id, &g);

	memset(out, 0, sizeof *out);
	out->engagement_id = engagement_id;
	if (!rc && g.n)
		*out = g.v[0];
	free(g.v);
	return rc;
}

const struct attention *attention_find(const struct attention *v, size_t n, long long engagement_id)
{
	size_t lo = 0, hi = n;

	/* In id order: the engagements statement sorts them. */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (v[mid].engagement_id == engagement_id)
			return &v[mid];
		if (v[mid].engagement_id < engagement_id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

bool attention_needed(const struct attention *a)
{
	return a && (a->missed_kpis || a->overdue_buyer || a->overdue_provider || a->notice_on[0] || a->late || a->missed ||
		     a->without_quorum);
}

static void reason(json_t *list, const char *code, const char *detail)
{
	json_array_append_new(list, json_pack("{s:s, s:s}", "reason", code, "detail", detail));
}

json_t *attention_json(const struct attention *a)
{
	json_t *list = json_array();
	char d[200];

	if (!a)
		return list;
	if (a->missed_kpis) {
		snprintf(d, sizeof d, "missed KPIs: %d KPI period%s missed in the last 12 months", a->missed_kpis, a->missed_kpis == 1 ? "" : "s");
		reason(list, "missed_kpis", d);
	}
	if (a->overdue_buyer || a->overdue_provider) {
		snprintf(d, sizeof d, "overdue obligations: %d of the provider, %d of the buyer", a->overdue_provider, a->overdue_buyer);
		reason(list, "overdue_obligations", d);
	}
	if (a->notice_on[0]) {
		snprintf(d, sizeof d, "notice date within %d days: %s", ATTENTION_NOTICE_DAYS, a->notice_on);
		reason(list, "notice_soon", d);
	}
	if (a->late || a->missed) {
		snprintf(d, sizeof d, "reviews missed or late: %d missed, %d late in the last 12 months", a->missed, a->late);
		reason(list, "reviews_late_or_missed", d);
	}
	if (a->without_quorum) {
		snprintf(d, sizeof d, "no quorum: %d review%s held without the mandated roles in the last 12 months", a->without_quorum,
			 a->without_quorum == 1 ? "" : "s");
		reason(list, "no_quorum", d);
	}
	return list;
}
