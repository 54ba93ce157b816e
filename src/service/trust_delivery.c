/* trust_delivery: the delivery evidence of the trust model — KPIs, their values and the provider's obligations — loaded per engagement and counted per window (docs/trust.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/grow.h"
#include "trust_evidence.h"

/* A day from a date or a timestamp ("2026-03-31" or "2026-03-31T10:00:00Z"). */
static bool day_parse(const char *text, struct date *d)
{
	char day[11];

	snprintf(day, sizeof day, "%.10s", text ? text : "");
	return date_parse(day, d);
}

int trust_kpi_row(void *ctx, const union sqlcell *c, int n)
{
	struct evidence *e = evidence_find(ctx, c[0].i);
	struct ev_kpi *k;
	int direction = kpi_direction_parse(c[3].s), frequency = kpi_frequency_parse(c[6].s);

	(void)n;
	if (!e || direction < 0 || frequency < 0 || e->nkpis >= 65535 ||
	    grow((void **)&e->kpis, &e->ckpis, e->nkpis, sizeof *e->kpis))
		return 0;
	k = &e->kpis[e->nkpis];
	memset(k, 0, sizeof *k);
	k->id = c[1].i;
	k->rule.direction = (enum kpi_direction)direction;
	/* target, threshold and weight are NOT NULL (weight > 0): read as doubles, as stored. */
	k->rule.target = c[4].r;
	k->rule.threshold = c[5].r;
	k->frequency = (enum kpi_frequency)frequency;
	k->weight = c[7].r;
	if (!day_parse(c[8].s, &k->agreed))
		k->agreed = e->starts;
	if (!(k->name = strdup(c[2].s ? c[2].s : "")))
		return 1;
	e->nkpis++;
	return 0;
}

/* Room for the values an engagement's KPIs can have had up to today (at most a few years' worth), allocated once. */
static void measures_reserve(struct evidence *e, struct date today)
{
	size_t periods = 0;

	for (size_t k = 0; k < e->nkpis; k++) {
		int n = kpi_period_of(today, e->kpis[k].frequency).index - kpi_period_of(e->starts, e->kpis[k].frequency).index + 1;

		periods += n < 1 ? 1 : n > 120 ? 120 : (size_t)n;
	}
	if (periods && (e->measures = malloc(periods * sizeof *e->measures)))
		e->cmeasures = periods;
}

void trust_kpis_index(struct evidence_set *set, struct date today)
{
	size_t count = 0;

	set->kpi_min = 0;
	set->kpi_max = -1;
	for (size_t i = 0; i < set->n; i++)
		for (size_t k = 0; k < set->v[i].nkpis; k++) {
			long long id = set->v[i].kpis[k].id;

			if (!count++ || id < set->kpi_min)
				set->kpi_min = id;
			if (id > set->kpi_max)
				set->kpi_max = id;
		}
	for (size_t i = 0; i < set->n; i++)
		measures_reserve(&set->v[i], today);
	/* Dense ids (every KPI, or an organisation's few): a table; else measure rows search. */
	if (!count || set->kpi_max - set->kpi_min >= (long long)count * 4 + 1024 ||
	    !(set->kpi_by_id = calloc((size_t)(set->kpi_max - set->kpi_min + 1), sizeof *set->kpi_by_id)))
		return;
	for (size_t i = 0; i < set->n; i++)
		for (size_t k = 0; k < set->v[i].nkpis; k++)
			set->kpi_by_id[set->v[i].kpis[k].id - set->kpi_min] = (struct kpi_ref){&set->v[i], (unsigned short)k};
}


/* The KPI a value row names: through the table when there is one. */
static struct kpi_ref kpi_ref_of(struct evidence_set *set, long long engagement_id, long long kpi_id)
{
	struct kpi_ref r = {NULL, 0};

	if (set->kpi_by_id) {
		if (kpi_id >= set->kpi_min && kpi_id <= set->kpi_max)
			r = set->kpi_by_id[kpi_id - set->kpi_min];
		return r;
	}
	if (!(r.e = evidence_find(set, engagement_id)))
		return r;
	while (r.k < r.e->nkpis && r.e->kpis[r.k].id != kpi_id)
		r.k++;
	if (r.k == r.e->nkpis)
		r.e = NULL;
	return r;
}

int trust_measure_row(void *ctx, const union sqlcell *c, int n)
{
	struct kpi_ref r = kpi_ref_of(ctx, c[0].i, c[1].i);
	struct evidence *e = r.e;
	struct ev_measure *m;
	struct kpi_period period;

	(void)n;
	if (!e || !kpi_period_parse(c[2].s, e->kpis[r.k].frequency, &period) ||
	    grow((void **)&e->measures, &e->cmeasures, e->nmeasures, sizeof *e->measures))
		return 0;
	m = &e->measures[e->nmeasures++];
	m->kpi = r.k;
	m->period = period.index;
	m->value = c[3].r;
	m->disputed = c[4].i != 0;
	return 0;
}

int trust_obligation_row(void *ctx, const struct sqlval *c, int n)
{
	struct evidence *e = evidence_find(ctx, c[0].i);
	struct ev_obligation *o;

	(void)n;
	/* Only what the provider owes counts in its commitments; the buyer's own record is not the provider's trust. */
	if (!e || strcmp(c[2].s, "provider") != 0 ||
	    grow((void **)&e->obligations, &e->cobligations, e->nobligations, sizeof *e->obligations))
		return 0;
	o = &e->obligations[e->nobligations];
	memset(o, 0, sizeof *o);
	o->id = c[1].i;
	if (!date_parse(c[4].s, &o->due))
		return 0;
	o->status = !strcmp(c[5].s, "met") ? 'm' : !strcmp(c[5].s, "missed") ? 'x' : !strcmp(c[5].s, "waived") ? 'w' : 'o';
	o->is_decided = day_parse(c[6].s, &o->decided);
	if (!(o->title = strdup(c[3].s ? c[3].s : "")))
		return 1;
	e->nobligations++;
	return 0;
}

static int by_kpi_period(const void *a, const void *b)
{
	const struct ev_measure *x = a, *y = b;

	if (x->kpi != y->kpi)
		return x->kpi < y->kpi ? -1 : 1;
	return (x->period > y->period) - (x->period < y->period);
}

void trust_measures_index(struct evidence_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		struct evidence *e = &set->v[i];
		bool sorted = true;

		for (size_t j = 1; j < e->nmeasures && sorted; j++)
			sorted = by_kpi_period(&e->measures[j - 1], &e->measures[j]) <= 0;
		if (!sorted)
			qsort(e->measures, e->nmeasures, sizeof *e->measures, by_kpi_period);
		for (size_t j = 0; j < e->nmeasures; j++) {
			struct ev_kpi *k = &e->kpis[e->measures[j].kpi];

			if (!k->count)
				k->first = j;
			k->count++;
		}
	}
}

/* One KPI period of a window, as the delivery factor counts it. */
struct period_seen {
	const struct ev_kpi *kpi;
	struct kpi_period period;
	const struct ev_measure *measure; /* NULL: no value */
	enum kpi_status counted;	  /* trust_period_status */
};

typedef void (*period_fn)(void *ctx, const struct period_seen *ps);

/* The value of kpi for period, or NULL. */
static const struct ev_measure *measure_of(const struct evidence *e, const struct ev_kpi *kpi, int period)
{
	size_t lo = kpi->first, hi = kpi->first + kpi->count;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (e->measures[mid].period == period)
			return &e->measures[mid];
		if (e->measures[mid].period < period)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Visits, KPI by KPI, every period of the term whose last day falls in [from, to]: the delivery evidence of a window. */
static void delivery_visit(const struct evidence *e, struct date from, struct date to, struct date today,
			   const struct trust_settings *ts, period_fn fn, void *ctx)
{
	for (size_t k = 0; k < e->nkpis; k++) {
		const struct ev_kpi *kpi = &e->kpis[k];
		struct kpi_period p = kpi_period_of(from, kpi->frequency);
		int last = kpi_period_of(to, kpi->frequency).index;

		for (; p.index <= last; p.index++) {
			struct date end = kpi_period_last_day(p);
			struct period_seen ps = {kpi, p, NULL, KPI_UNKNOWN};

			if (!date_within(end, from, to) || date_compare(kpi_period_first_day(p), e->ends) > 0)
				continue;
			ps.measure = measure_of(e, kpi, p.index);
			ps.counted = trust_period_status(ps.measure != NULL,
							 ps.measure ? kpi_status_of(&kpi->rule, ps.measure->value) : KPI_UNKNOWN,
							 ps.measure && ps.measure->disputed, end, kpi->agreed, today, ts);
			fn(ctx, &ps);
		}
	}
}

static void attainment_add(void *ctx, const struct period_seen *ps)
{
	kpi_attainment_add(ctx, ps->counted, ps->kpi->weight);
}

void trust_delivery_free(struct evidence *e)
{
	for (size_t k = 0; k < e->nkpis; k++)
		free(e->kpis[k].name);
	for (size_t k = 0; k < e->nobligations; k++)
		free(e->obligations[k].title);
	free(e->kpis);
	free(e->measures);
	free(e->obligations);
}

/*
 * How one of the provider's obligations due in a window counts in commitments: 1 kept (met
 * on or before its due day), 0 due and not kept (missed, met late, or still open past its due
 * day), -1 not counted (waived, or open and due today: not overdue yet).
 */
static int obligation_kept(const struct ev_obligation *o, struct date today)
{
	switch (o->status) {
	case 'w': return -1;
	case 'm': return o->is_decided && date_compare(o->decided, o->due) <= 0;
	case 'x': return 0;
	default: return date_compare(o->due, today) < 0 ? 0 : -1;
	}
}

void trust_delivery_fill(const struct evidence *e, struct date from, struct date to, struct date today,
			 const struct trust_settings *ts, struct trust_window *w)
{
	for (size_t i = 0; i < e->nobligations; i++) {
		int kept;

		if (!date_within(e->obligations[i].due, from, to) || (kept = obligation_kept(&e->obligations[i], today)) < 0)
			continue;
		w->obligations_due++;
		w->obligations_kept += kept;
	}
	delivery_visit(e, from, to, today, ts, attainment_add, &w->delivery);
}

/* Writes the delivery evidence KPI by KPI: {id, name, weight, periods: [{period, value, status, disputed}]}. */
struct delivery_writer {
	struct jsonw *w;
	const struct ev_kpi *open; /* the KPI whose object is open */
};

static void delivery_period_write(void *ctx, const struct period_seen *ps)
{
	struct delivery_writer *dw = ctx;
	struct jsonw *w = dw->w;
	char period[8];

	if (dw->open != ps->kpi) {
		if (dw->open) {
			jsonw_end_array(w);
			jsonw_end_object(w);
		}
		dw->open = ps->kpi;
		jsonw_object(w);
		jsonw_kint(w, "id", ps->kpi->id);
		jsonw_kstring(w, "name", ps->kpi->name);
		jsonw_kreal(w, "weight", ps->kpi->weight);
		jsonw_karray(w, "periods");
	}
	kpi_period_format(ps->period, period);
	jsonw_object(w);
	jsonw_kstring(w, "period", period);
	jsonw_key(w, "value");
	ps->measure ? jsonw_real(w, ps->measure->value) : jsonw_null(w);
	jsonw_kstring(w, "status", kpi_status_name(ps->counted));
	jsonw_kbool(w, "disputed", ps->measure && ps->measure->disputed);
	jsonw_kbool(w, "unreported", !ps->measure && ps->counted == KPI_MISSED);
	jsonw_end_object(w);
}

static void unreported_count(void *ctx, const struct period_seen *ps)
{
	*(int *)ctx += !ps->measure && ps->counted == KPI_MISSED;
}

void trust_delivery_explain(struct jsonw *w, const struct evidence *e, struct date from, struct date to,
			    struct date today, const struct trust_settings *ts, const struct trust_score *score)
{
	struct kpi_attainment a = {0};
	struct delivery_writer dw = {w, NULL};
	int unreported = 0;

	delivery_visit(e, from, to, today, ts, attainment_add, &a);
	delivery_visit(e, from, to, today, ts, unreported_count, &unreported);
	jsonw_kint(w, "met", a.met);
	jsonw_kint(w, "at_risk", a.at_risk);
	jsonw_kint(w, "missed", a.missed);
	jsonw_kint(w, "unknown", a.unknown);
	jsonw_kint(w, "unreported", unreported);
	jsonw_kint(w, "reporting_days", ts->reporting_days);
	jsonw_kbool(w, "below_floor", score->below_delivery_floor);
	jsonw_karray(w, "kpis");
	delivery_visit(e, from, to, today, ts, delivery_period_write, &dw);
	if (dw.open) {
		jsonw_end_array(w);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

void trust_obligations_explain(struct jsonw *w, const struct evidence *e, struct date from, struct date to,
			       struct date today)
{
	static const char *const status_names[] = {['o'] = "open", ['m'] = "met", ['x'] = "missed", ['w'] = "waived"};

	for (int kept = 1; kept >= 0; kept--) {
		jsonw_karray(w, kept ? "kept_obligations" : "not_kept_obligations");
		for (size_t i = 0; i < e->nobligations; i++) {
			const struct ev_obligation *o = &e->obligations[i];

			if (!date_within(o->due, from, to) || obligation_kept(o, today) != kept)
				continue;
			jsonw_object(w);
			jsonw_kint(w, "id", o->id);
			jsonw_kstring(w, "title", o->title);
			date_write(w, "due_on", o->due);
			jsonw_kstring(w, "status", status_names[(unsigned char)o->status]);
			jsonw_end_object(w);
		}
		jsonw_end_array(w);
	}
}
