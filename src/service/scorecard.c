/* scorecard: reads an engagement's (or a portfolio's) KPIs, measurements and credits in three statements and turns them, through the pure delivery rules, into scorecards — periods met, at risk, missed or unknown, attainment, since when a KPI is missed, credits per currency. */
#include "scorecard.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

/* The periods one KPI is judged over at most (its term before the window included): 100 years of months. */
#define KPI_PERIODS_MAX 1200

static void money_add(struct money_sums *m, const char *currency, long long cents, long long count)
{
	int i;

	for (i = 0; i < m->n && strcmp(m->v[i].currency, currency) != 0; i++)
		;
	if (i == m->n) {
		if (m->n == SCORECARD_CURRENCIES_MAX) {
			m->others += count;
			return;
		}
		snprintf(m->v[m->n++].currency, sizeof m->v[0].currency, "%s", currency);
	}
	if (__builtin_add_overflow(m->v[i].cents, cents, &m->v[i].cents)) {
		m->v[i].cents = LLONG_MAX;
		m->v[i].saturated = true;
	}
	m->v[i].count += count;
}

json_t *money_json(long long cents, const char *currency)
{
	char text[MONEY_HUMAN_MAX];

	money_format_human(cents, currency, text);
	return json_pack("{s:I, s:s, s:s}", "amount_cents", (json_int_t)cents, "currency", currency, "text", text);
}

/* [{amount_cents, currency, text, count}], one per currency: empty when nothing was summed. */
static json_t *money_sums_json(const struct money_sums *m)
{
	json_t *a = json_array();

	for (int i = 0; i < m->n; i++) {
		json_t *x = money_json(m->v[i].cents, m->v[i].currency);

		json_object_set_new(x, "count", json_integer(m->v[i].count));
		if (m->v[i].saturated) {
			char text[MONEY_HUMAN_MAX + 16];

			snprintf(text, sizeof text, "more than %s", json_string_value(json_object_get(x, "text")));
			json_object_set_new(x, "text", json_string(text));
			json_object_set_new(x, "at_least", json_true());
		}
		json_array_append_new(a, x);
	}
	if (m->others) {
		char text[80];

		snprintf(text, sizeof text, "%lld more in other currencies", m->others);
		json_array_append_new(a, json_pack("{s:n, s:n, s:s, s:I}", "currency", "amount_cents", "text", text, "count",
						   (json_int_t)m->others));
	}
	return a;
}

/* A number column: SQLite and PostgreSQL answer a DOUBLE PRECISION as text, an integral one maybe as an integer. */
static double col_num(const struct sqlval *v)
{
	return v->type == SQL_INT ? (double)v->i : v->type == SQL_TEXT ? strtod(v->s, NULL) : NAN;
}

static json_t *text_or_null(const struct sqlval *v)
{
	return v->type == SQL_NULL ? json_null() : json_string(v->s);
}

static json_t *number_json(double v)
{
	return v == floor(v) && fabs(v) < 1e15 ? json_integer((json_int_t)v) : json_real(v);
}

json_t *credit_row_json(const struct sqlval *c)
{
	json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:o, s:o, s:s}", "id", (json_int_t)c[2].i,
			      "engagement_id", (json_int_t)c[0].i, "kpi_id", (json_int_t)c[1].i, "kpi_name", c[11].s, "period",
			      c[3].s, "amount_cents", (json_int_t)c[4].i, "currency", c[5].s, "status", c[6].s, "reason",
			      c[7].s, "decided_by_name", text_or_null(&c[8]), "decided_at", text_or_null(&c[9]), "created_at",
			      c[10].s);
	char text[MONEY_HUMAN_MAX];

	money_format_human(c[4].i, c[5].s, text);
	json_object_set_new(o, "amount", json_string(text));
	return o;
}

/* ---- What the statements read (into a struct scorecard, which the portfolio also uses as storage) ---- */

static bool grow(void **p, size_t *cap, size_t n, size_t size)
{
	void *q;

	if (n < *cap)
		return true;
	q = realloc(*p, (*cap ? *cap * 2 : 32) * size);
	if (!q)
		return false;
	*p = q;
	*cap = *cap ? *cap * 2 : 32;
	return true;
}

/* Copies s into the pool: its offset, SCORECARD_NULL for NULL (or out of memory, with d->oom set). */
static size_t pool_add(struct scorecard *d, const struct sqlval *x)
{
	size_t len, at;

	if (x->type == SQL_NULL)
		return SCORECARD_NULL;
	len = strlen(x->s) + 1;
	if (d->npool + len > d->cpool) {
		size_t cap = d->cpool ? d->cpool : 4096;
		char *q;

		while (cap < d->npool + len)
			cap *= 2;
		if (!(q = realloc(d->pool, cap))) {
			d->oom = true;
			return SCORECARD_NULL;
		}
		d->pool = q;
		d->cpool = cap;
	}
	memcpy(d->pool + d->npool, x->s, len);
	at = d->npool;
	d->npool += len;
	return at;
}

static int kpi_row(void *ctx, const struct sqlval *c, int n)
{
	struct scorecard *d = ctx;
	struct scorecard_kpi *k;

	(void)n;
	if (!grow((void **)&d->kpis, &d->ckpis, d->nkpis, sizeof *d->kpis)) {
		d->oom = true;
		return 1;
	}
	k = &d->kpis[d->nkpis++];
	memset(k, 0, sizeof *k);
	k->eng = c[0].i;
	k->id = c[1].i;
	k->name = strdup(c[2].s);
	k->unit = strdup(c[3].s);
	k->rule.direction = kpi_direction_parse(c[4].s) == KPI_LOWER ? KPI_LOWER : KPI_HIGHER;
	k->rule.target = col_num(&c[5]);
	k->rule.threshold = col_num(&c[6]);
	k->freq = kpi_frequency_parse(c[7].s) == KPI_QUARTERLY ? KPI_QUARTERLY : KPI_MONTHLY;
	k->weight = col_num(&c[8]);
	k->credit_percent = c[9].type == SQL_NULL ? -1 : col_num(&c[9]);
	if (!k->name || !k->unit)
		d->oom = true;
	return 0;
}

static int value_row(void *ctx, const struct sqlval *c, int n)
{
	struct scorecard *d = ctx;
	struct scorecard_value *v;

	(void)n;
	if (!grow((void **)&d->vals, &d->cvals, d->nvals, sizeof *d->vals)) {
		d->oom = true;
		return 1;
	}
	v = &d->vals[d->nvals++];
	v->eng = c[0].i;
	v->kpi = c[1].i;
	/* Periods are 7 characters ("2026-03", "2026-Q1"); strncpy and a NUL, not snprintf, for every value. */
	strncpy(v->period, c[3].s, sizeof v->period - 1);
	v->period[sizeof v->period - 1] = '\0';
	/* c[4] is the value in thousandths, c[12] the value itself when they are not exact (SCORE_MEASUREMENT_COLUMNS):
	 * the same division the statement checked, so the same double. */
	v->value = c[12].type == SQL_NULL ? (double)c[4].i / 1000 : col_num(&c[12]);
	v->disputed = c[9].type != SQL_NULL; /* answered or not, until a correction replaces the value */
	v->measurement_id = c[2].i;
	/* Who submitted it, when, its note and dispute (the engagement's scorecard only), kept as text in the pool:
	 * a JSON object per value cost a json_pack, a json_object_update and two frees per value. */
	for (int e = 0; e < SCORECARD_EV_N; e++)
		v->ev[e] = d->evidence ? pool_add(d, &c[5 + e]) : SCORECARD_NULL;
	return d->oom;
}

void scorecard_free(struct scorecard *d)
{
	for (size_t i = 0; i < d->nkpis; i++) {
		free(d->kpis[i].name);
		free(d->kpis[i].unit);
		free(d->kpis[i].periods);
	}
	free(d->kpis);
	free(d->kpi_credits);
	free(d->items);
	free(d->vals);
	free(d->pool);
	memset(d, 0, sizeof *d);
}

/*
 * Groups the values by KPI, in the order of d->kpis (by id): what the scorecard walks; within a
 * KPI any order of period will do (kpi_score places each by its period). A counting sort: the
 * KPIs are few and sorted, where qsort by KPI and period cost about 800 instructions a value.
 * Values of no listed KPI go last. False when out of memory.
 */
static bool group_by_kpi(struct scorecard *d)
{
	size_t *start, *at;
	struct scorecard_value *out;
	bool ok;

	if (d->nvals < 2)
		return true;
	start = calloc(d->nkpis + 2, sizeof *start);
	at = malloc(d->nvals * sizeof *at);
	out = malloc(d->nvals * sizeof *out);
	ok = start && at && out;

	for (size_t i = 0; ok && i < d->nvals; i++) {
		size_t lo = 0, hi = d->nkpis;

		while (lo < hi) {
			size_t mid = (lo + hi) / 2;

			if (d->kpis[mid].id < d->vals[i].kpi)
				lo = mid + 1;
			else
				hi = mid;
		}
		at[i] = lo < d->nkpis && d->kpis[lo].id == d->vals[i].kpi ? lo : d->nkpis;
		start[at[i] + 1]++;
	}
	for (size_t k = 1; ok && k <= d->nkpis + 1; k++)
		start[k] += start[k - 1];
	for (size_t i = 0; ok && i < d->nvals; i++)
		out[start[at[i]]++] = d->vals[i];
	if (ok) {
		free(d->vals);
		d->vals = out;
		d->cvals = d->nvals;
	} else {
		free(out);
	}
	free(start);
	free(at);
	return ok;
}

/* ---- One KPI over a window ---- */

/*
 * Scores KPI k from its values v[0..nv) (one KPI's, any order of period) over the listed window,
 * judging since when it is missed from history_from on: k->att and k->missed_since, and (with_periods)
 * k->periods, one per period of the listed window. Periods without a value are unknown. *open (if
 * not NULL) says whether periods before history_from could change missed_since: no period from
 * history_from to the first miss of the run (or to the end, when nothing is known) is known.
 */
static bool kpi_score(struct scorecard_kpi *k, const struct scorecard_value *v, size_t nv, struct score_window listed,
		      struct date history_from, bool with_periods, bool *open)
{
	struct kpi_period first, last, hist = kpi_period_of(history_from, k->freq);
	enum kpi_status *st;
	const struct scorecard_value **at;
	int n, since;

	memset(&k->att, 0, sizeof k->att);
	k->missed_since[0] = '\0';
	score_window_periods(listed, k->freq, &first, &last);
	if (hist.index > first.index)
		hist = first;
	if (last.index - hist.index >= KPI_PERIODS_MAX)
		hist.index = last.index - KPI_PERIODS_MAX + 1;
	n = last.index - hist.index + 1;
	st = calloc((size_t)n, sizeof *st);
	at = calloc((size_t)n, sizeof *at);
	if (with_periods && n > first.index - hist.index)
		k->periods = calloc((size_t)(n - (first.index - hist.index)), sizeof *k->periods);
	if (!st || !at || (with_periods && n > first.index - hist.index && !k->periods)) {
		free(st);
		free(at);
		return false;
	}
	for (size_t i = 0; i < nv; i++) {
		struct kpi_period p;

		if (!kpi_period_parse(v[i].period, k->freq, &p) || p.index < hist.index || p.index > last.index)
			continue;
		at[p.index - hist.index] = &v[i];
		st[p.index - hist.index] = kpi_status_counted(kpi_status_of(&k->rule, v[i].value), v[i].disputed);
	}
	since = score_missed_since(st, (size_t)n);
	if (open) {
		int known = 0;

		while (known < n && st[known] == KPI_UNKNOWN)
			known++;
		*open = known == (since >= 0 ? since : n);
	}
	if (since >= 0)
		kpi_period_format(kpi_period_add(hist, since), k->missed_since);
	for (int i = first.index - hist.index; i < n; i++) {
		struct scorecard_period *p;

		kpi_attainment_add(&k->att, st[i], k->weight);
		if (!with_periods)
			continue;
		p = &k->periods[k->nperiods++];
		kpi_period_format(kpi_period_add(hist, i), p->period);
		p->value = at[i];
		p->status = at[i] ? kpi_status_of(&k->rule, at[i]->value) : KPI_UNKNOWN;
		p->counted = st[i];
	}
	free(st);
	free(at);
	return true;
}

static json_t *attainment_json(const struct kpi_attainment *a)
{
	return kpi_attainment_known(a) ? json_real(kpi_attainment_value(a)) : json_null();
}

static void counts_set(json_t *o, const struct kpi_attainment *a)
{
	json_object_set_new(o, "attainment", attainment_json(a));
	json_object_set_new(o, "met", json_integer(a->met));
	json_object_set_new(o, "at_risk", json_integer(a->at_risk));
	json_object_set_new(o, "missed", json_integer(a->missed));
	json_object_set_new(o, "unknown", json_integer(a->unknown));
}

static void attainment_merge(struct kpi_attainment *into, const struct kpi_attainment *a)
{
	into->weighted_credit += a->weighted_credit;
	into->weight += a->weight;
	into->met += a->met;
	into->at_risk += a->at_risk;
	into->missed += a->missed;
	into->unknown += a->unknown;
}

static json_t *window_json(struct score_window w)
{
	char f[11], t[11];

	date_format(w.from, f);
	date_format(w.to, t);
	return json_pack("{s:s, s:s}", "from", f, "to", t);
}

/* ---- The engagement's scorecard ---- */

static int engagement_row(void *ctx, const struct sqlval *c, int n)
{
	struct scorecard *e = ctx;

	(void)n;
	e->engagement_id = c[0].i;
	snprintf(e->title, sizeof e->title, "%s", c[1].s);
	snprintf(e->buyer, sizeof e->buyer, "%s", c[2].s);
	snprintf(e->provider, sizeof e->provider, "%s", c[3].s);
	snprintf(e->currency, sizeof e->currency, "%s", c[6].s);
	if (!date_parse(c[4].s, &e->listed.from) || !date_parse(c[5].s, &e->listed.to))
		e->engagement_id = 0;
	return 0;
}

static int status_slot(const char *status)
{
	return !strcmp(status, "owed") ? 0 : !strcmp(status, "applied") ? 1 : 2;
}

/* A credit of the window counts in its KPI's and the scorecard's totals, and is listed. */
static int credit_in_window_row(void *ctx, const struct sqlval *c, int n)
{
	struct scorecard *d = ctx;
	struct scorecard_credit *x;
	struct kpi_period p, first, last;
	size_t k;
	int slot = status_slot(c[6].s);

	(void)n;
	if (!d->has_window)
		return 0;
	for (k = 0; k < d->nkpis && d->kpis[k].id != c[1].i; k++)
		;
	if (k == d->nkpis || !kpi_period_parse(c[3].s, d->kpis[k].freq, &p))
		return 0;
	score_window_periods(d->listed, d->kpis[k].freq, &first, &last);
	if (p.index < first.index || p.index > last.index)
		return 0;
	money_add(&d->kpi_credits[k][slot], c[5].s, c[4].i, 1);
	money_add(&d->credits[slot], c[5].s, c[4].i, 1);
	if (!grow((void **)&d->items, &d->citems, d->nitems, sizeof *d->items)) {
		d->oom = true;
		return 1;
	}
	x = &d->items[d->nitems++];
	x->id = c[2].i;
	x->engagement_id = c[0].i;
	x->kpi_id = c[1].i;
	x->amount_cents = c[4].i;
	x->kpi_name = pool_add(d, &c[11]);
	x->period = pool_add(d, &c[3]);
	x->currency = pool_add(d, &c[5]);
	x->status = pool_add(d, &c[6]);
	x->reason = pool_add(d, &c[7]);
	x->decided_by_name = pool_add(d, &c[8]);
	x->decided_at = pool_add(d, &c[9]);
	x->created_at = pool_add(d, &c[10]);
	money_format_human(c[4].i, c[5].s, x->amount);
	return d->oom;
}

static void credit_totals_set(json_t *o, const struct money_sums sums[3])
{
	json_object_set_new(o, "owed", money_sums_json(&sums[0]));
	json_object_set_new(o, "applied", money_sums_json(&sums[1]));
	json_object_set_new(o, "waived", money_sums_json(&sums[2]));
}

/* The year bounds of a measurement read: periods of year from..to ("2026" <= "2026-03" < "2027"). */
static void year_bounds(int from, int to, char lo[16], char hi[16])
{
	snprintf(lo, 16, "%04d", from);
	snprintf(hi, 16, "%04d", to + 1);
}

/*
 * Scores every KPI of sc from its values (grouped by KPI), its misses judged from history_from on;
 * *open when, for some KPI, kpi_score's open holds and the term (from starts_on) began before history_from's period.
 */
static int score_all(struct scorecard *sc, struct date history_from, struct date starts_on, bool *open)
{
	size_t j = 0;

	*open = false;
	memset(&sc->all, 0, sizeof sc->all);
	sc->kpis_missed = 0;
	for (size_t i = 0; i < sc->nkpis; i++) {
		struct scorecard_kpi *k = &sc->kpis[i];
		bool o = false;
		size_t from;

		/* group_by_kpi put each KPI's values right after the previous KPI's. */
		for (from = j; j < sc->nvals && sc->vals[j].kpi == k->id; j++)
			;
		free(k->periods);
		k->periods = NULL;
		k->nperiods = 0;
		if (!kpi_score(k, sc->vals + from, j - from, sc->listed, history_from, true, &o))
			return -1;
		/* Open, and the term began before: earlier values could say since when. */
		*open |= o && kpi_period_of(starts_on, k->freq).index < kpi_period_of(history_from, k->freq).index;
		attainment_merge(&sc->all, &k->att);
		sc->kpis_missed += k->att.missed > 0;
	}
	return 0;
}

int scorecard_read(struct store *s, long long engagement_id, struct score_window w, struct scorecard *sc, struct error *err)
{
	struct sqlval a[3];
	struct date starts_on;
	char lo[16], hi[16];
	bool open = false;

	memset(sc, 0, sizeof *sc);
	a[0] = SQL_I(engagement_id);
	/* engagement_row leaves the term in sc->listed until the window is clipped to it. */
	if (store_exec(s, STMT_SCORE_ENG, a, 1, engagement_row, sc, err) < 0)
		return -1;
	if (!sc->engagement_id) {
		error_set(err, 404, "not_found", NULL, "no such engagement");
		return -1;
	}
	starts_on = sc->listed.from;
	sc->window = w;
	sc->has_window = score_window_clip(w, sc->listed.from, sc->listed.to, clock_today(), &sc->listed);
	sc->evidence = true;
	if (store_exec(s, STMT_SCORE_KPIS_ENG, a, 1, kpi_row, sc, err) < 0)
		return -1;
	/*
	 * Only the listed window's values first ("2025-12" <= period: a month's or, since 'Q' sorts
	 * after the digits, any quarter of that year): a KPI's periods, attainment and credits lie in
	 * the window, and since when it is missed only needs earlier values while its run of misses
	 * reaches back to the window's start (kpi_score's open). Then, and only then, every value
	 * since the term began is read, as before: the answer is the same, for half the rows or
	 * fewer (an engagement two years in, a window of twelve months).
	 */
	if (sc->has_window) {
		snprintf(lo, sizeof lo, "%04d-%02d", sc->listed.from.year % 10000, sc->listed.from.month % 100);
		snprintf(hi, sizeof hi, "%04d", w.to.year + 1);
		a[1] = SQL_T(lo);
		a[2] = SQL_T(hi);
		if (store_exec(s, STMT_SCORE_MEASUREMENTS_ENG, a, 3, value_row, sc, err) < 0)
			return -1;
		if (sc->oom || !group_by_kpi(sc) || score_all(sc, sc->listed.from, starts_on, &open) < 0)
			goto oom;
	}
	if (open) {
		sc->nvals = 0;
		sc->npool = 0;
		year_bounds(starts_on.year, w.to.year, lo, hi);
		if (store_exec(s, STMT_SCORE_MEASUREMENTS_ENG, a, 3, value_row, sc, err) < 0)
			return -1;
		if (sc->oom || !group_by_kpi(sc) || score_all(sc, starts_on, starts_on, &open) < 0)
			goto oom;
	}
	sc->kpi_credits = calloc(sc->nkpis ? sc->nkpis : 1, sizeof *sc->kpi_credits);
	if (sc->oom || !sc->kpi_credits || store_exec(s, STMT_SCORE_CREDITS_ENG, a, 1, credit_in_window_row, sc, err) < 0 ||
	    sc->oom) {
		error_set(err, 500, "internal", NULL, "the scorecard could not be read");
		return -1;
	}
	return 0;
oom:
	error_set(err, 500, "internal", NULL, "out of memory");
	return -1;
}

static const char *const ev_keys[SCORECARD_EV_N] = {"note", "source", "submitted_by", "submitted_at", "dispute_reason", "disputed_at", "dispute_answer"};

static json_t *pool_json(const struct scorecard *sc, size_t off)
{
	return off == SCORECARD_NULL ? json_null() : json_string(sc->pool + off);
}

/* set_new_nocheck: the keys are these literals (json_pack parses its format and checks each key's UTF-8). */
static json_t *period_to_json(const struct scorecard *sc, const struct scorecard_period *p)
{
	json_t *o = json_object();

	json_object_set_new_nocheck(o, "period", json_string(p->period));
	json_object_set_new_nocheck(o, "status", json_string(kpi_status_name(p->status)));
	json_object_set_new_nocheck(o, "counted", json_string(kpi_status_name(p->counted)));
	json_object_set_new_nocheck(o, "value", p->value ? number_json(p->value->value) : json_null());
	json_object_set_new_nocheck(o, "disputed", json_boolean(p->value && p->value->disputed));
	if (p->value && sc->evidence) {
		json_object_set_new_nocheck(o, "measurement_id", json_integer((json_int_t)p->value->measurement_id));
		for (int e = 0; e < SCORECARD_EV_N; e++)
			json_object_set_new_nocheck(o, ev_keys[e], pool_json(sc, p->value->ev[e]));
	}
	return o;
}

static json_t *credit_to_json(const struct scorecard *sc, const struct scorecard_credit *c)
{
	json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:o, s:o, s:s, s:s}", "id", (json_int_t)c->id,
			      "engagement_id", (json_int_t)c->engagement_id, "kpi_id", (json_int_t)c->kpi_id, "kpi_name",
			      sc->pool + c->kpi_name, "period", sc->pool + c->period, "amount_cents", (json_int_t)c->amount_cents,
			      "currency", sc->pool + c->currency, "status", sc->pool + c->status, "reason", sc->pool + c->reason,
			      "decided_by_name", pool_json(sc, c->decided_by_name), "decided_at", pool_json(sc, c->decided_at),
			      "created_at", sc->pool + c->created_at, "amount", c->amount);

	return o;
}

json_t *scorecard_to_json(const struct scorecard *sc)
{
	json_t *out, *kpis = json_array(), *credits, *items = json_array();

	for (size_t i = 0; i < sc->nkpis; i++) {
		const struct scorecard_kpi *k = &sc->kpis[i];
		json_t *o, *periods = json_array();

		o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)k->id, "name", k->name, "unit",
			      k->unit, "direction", kpi_direction_name(k->rule.direction), "frequency",
			      kpi_frequency_name(k->freq), "weight", number_json(k->weight), "target",
			      number_json(k->rule.target), "threshold", number_json(k->rule.threshold));
		json_object_set_new(o, "credit_percent", k->credit_percent < 0 ? json_null() : number_json(k->credit_percent));
		counts_set(o, &k->att);
		json_object_set_new(o, "missed_since", k->missed_since[0] ? json_string(k->missed_since) : json_null());
		for (size_t p = 0; p < k->nperiods; p++)
			json_array_append_new(periods, period_to_json(sc, &k->periods[p]));
		json_object_set_new(o, "periods", periods);
		credits = json_object();
		credit_totals_set(credits, sc->kpi_credits[i]);
		json_object_set_new(o, "credits", credits);
		json_array_append_new(kpis, o);
	}
	for (size_t i = 0; i < sc->nitems; i++)
		json_array_append_new(items, credit_to_json(sc, &sc->items[i]));
	out = json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "engagement_id", (json_int_t)sc->engagement_id, "title",
			sc->title, "buyer", sc->buyer, "provider", sc->provider, "currency", sc->currency, "window",
			window_json(sc->window), "listed", sc->has_window ? window_json(sc->listed) : json_null(), "kpis", kpis);
	if (!out) {
		json_decref(items);
		return NULL;
	}
	counts_set(out, &sc->all);
	json_object_set_new(out, "kpis_missed", json_integer(sc->kpis_missed));
	credits = json_object();
	credit_totals_set(credits, sc->credits);
	json_object_set_new(credits, "items", items);
	json_object_set_new(out, "credits", credits);
	return out;
}

json_t *scorecard_json(struct store *s, long long engagement_id, struct score_window w, struct error *err)
{
	struct scorecard sc;
	json_t *out = NULL;

	if (scorecard_read(s, engagement_id, w, &sc, err) == 0 && !(out = scorecard_to_json(&sc)))
		error_set(err, 500, "internal", NULL, "out of memory");
	scorecard_free(&sc);
	return out;
}

/* ---- The portfolio ---- */

struct portfolio_eng {
	long long id;
	char *title, *buyer, *provider, currency[8];
	struct date starts_on, ends_on;
	struct money_sums owed;
};

struct portfolio {
	struct portfolio_eng *e;
	size_t n, cap;
	bool oom;
};

static int portfolio_eng_row(void *ctx, const struct sqlval *c, int n)
{
	struct portfolio *p = ctx;
	struct portfolio_eng *e;

	(void)n;
	if (!grow((void **)&p->e, &p->cap, p->n, sizeof *p->e)) {
		p->oom = true;
		return 1;
	}
	e = &p->e[p->n++];
	memset(e, 0, sizeof *e);
	e->id = c[0].i;
	e->title = strdup(c[1].s);
	e->buyer = strdup(c[2].s);
	e->provider = strdup(c[3].s);
	snprintf(e->currency, sizeof e->currency, "%s", c[6].s);
	if (!e->title || !e->buyer || !e->provider)
		p->oom = true;
	if (!date_parse(c[4].s, &e->starts_on) || !date_parse(c[5].s, &e->ends_on))
		e->ends_on = e->starts_on = (struct date){1970, 1, 1};
	return 0;
}

static struct portfolio_eng *portfolio_find(struct portfolio *p, long long id)
{
	size_t lo = 0, hi = p->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (p->e[mid].id == id)
			return &p->e[mid];
		if (p->e[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int portfolio_owed_row(void *ctx, const struct sqlval *c, int n)
{
	struct portfolio_eng *e = portfolio_find(ctx, c[0].i);

	(void)n;
	if (e) {
		money_add(&e->owed, c[1].s, c[2].i, c[3].i);
	}
	return 0;
}

json_t *scorecard_portfolio_json(struct store *s, const struct caller *c, struct score_window w, struct error *err)
{
	int buyer = c->org_kind == ORG_BUYER;
	struct sqlval a[6] = {SQL_I(buyer), SQL_I(c->org_id), SQL_I(buyer), SQL_I(c->org_id)};
	struct portfolio p = {0};
	struct scorecard d = {0};
	struct money_sums owed_all = {0};
	struct kpi_attainment all = {0};
	char lo[16], hi[16];
	json_t *items = NULL, *out = NULL;
	size_t ki = 0, vi = 0;
	long long kpis_missed_all = 0;

	year_bounds(w.from.year, w.to.year, lo, hi);
	a[4] = SQL_T(lo);
	a[5] = SQL_T(hi);
	if (store_exec(s, STMT_SCORE_ENGS_ORG, a, 4, portfolio_eng_row, &p, err) < 0 ||
	    store_exec(s, STMT_SCORE_KPIS_ORG, a, 4, kpi_row, &d, err) < 0 ||
	    store_exec(s, STMT_SCORE_MEASUREMENTS_ORG, a, 6, value_row, &d, err) < 0 ||
	    store_exec(s, STMT_SCORE_CREDITS_OWED_ORG, a, 4, portfolio_owed_row, &p, err) < 0)
		goto out;
	if (p.oom || d.oom) {
		error_set(err, 500, "internal", NULL, "out of memory");
		goto out;
	}
	items = json_array();
	for (size_t i = 0; i < p.n; i++) {
		struct portfolio_eng *e = &p.e[i];
		struct kpi_attainment att = {0};
		struct score_window listed;
		bool has_window = score_window_clip(w, e->starts_on, e->ends_on, clock_today(), &listed);
		json_t *missed = json_array(), *o;
		int nkpis = 0;

		for (; ki < d.nkpis && d.kpis[ki].eng < e->id; ki++)
			;
		for (; ki < d.nkpis && d.kpis[ki].eng == e->id; ki++) {
			struct scorecard_kpi *k = &d.kpis[ki];
			size_t from;

			nkpis++;
			while (vi < d.nvals && (d.vals[vi].eng < e->id || (d.vals[vi].eng == e->id && d.vals[vi].kpi < k->id)))
				vi++;
			for (from = vi; vi < d.nvals && d.vals[vi].eng == e->id && d.vals[vi].kpi == k->id; vi++)
				;
			if (!has_window)
				continue;
			if (!kpi_score(k, d.vals + from, vi - from, listed, listed.from, false, NULL)) {
				json_decref(missed);
				error_set(err, 500, "internal", NULL, "out of memory");
				goto out;
			}
			attainment_merge(&att, &k->att);
			if (k->att.missed)
				json_array_append_new(missed, json_pack("{s:I, s:s, s:i, s:o}", "kpi_id", (json_int_t)k->id, "name",
									k->name, "periods_missed", k->att.missed, "missed_since",
									k->missed_since[0] ? json_string(k->missed_since) : json_null()));
		}
		o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:i}", "engagement_id", (json_int_t)e->id, "title", e->title, "buyer",
			      e->buyer, "provider", e->provider, "currency", e->currency, "kpis", nkpis);
		counts_set(o, &att);
		json_object_set_new(o, "kpis_missed", json_integer((json_int_t)json_array_size(missed)));
		json_object_set_new(o, "missed_kpis", missed);
		json_object_set_new(o, "credits_owed", money_sums_json(&e->owed));
		json_array_append_new(items, o);
		attainment_merge(&all, &att);
		kpis_missed_all += (long long)json_array_size(missed);
		for (int m = 0; m < e->owed.n; m++) {
			money_add(&owed_all, e->owed.v[m].currency, e->owed.v[m].cents, e->owed.v[m].count);
		}
	}
	{
		json_t *totals = json_pack("{s:I, s:I}", "engagements", (json_int_t)p.n, "kpis_missed", (json_int_t)kpis_missed_all);

		counts_set(totals, &all);
		json_object_set_new(totals, "credits_owed", money_sums_json(&owed_all));
		out = json_pack("{s:o, s:O, s:o}", "window", window_json(w), "items", items, "totals", totals);
	}
out:
	json_decref(items);
	for (size_t i = 0; i < p.n; i++) {
		free(p.e[i].title);
		free(p.e[i].buyer);
		free(p.e[i].provider);
	}
	free(p.e);
	scorecard_free(&d);
	return out;
}

/* ---- Credits ---- */

struct credit_list {
	json_t *items;
	struct money_sums sums[3];
};

static int credit_list_row(void *ctx, const struct sqlval *c, int n)
{
	struct credit_list *l = ctx;

	(void)n;
	money_add(&l->sums[status_slot(c[6].s)], c[5].s, c[4].i, 1);
	json_array_append_new(l->items, credit_row_json(c));
	return 0;
}

json_t *credits_json(struct store *s, long long engagement_id, struct error *err)
{
	struct credit_list l;
	struct sqlval a[1] = {SQL_I(engagement_id)};
	json_t *totals;

	memset(&l, 0, sizeof l);
	l.items = json_array();
	if (store_exec(s, STMT_SCORE_CREDITS_ENG, a, 1, credit_list_row, &l, err) < 0) {
		json_decref(l.items);
		return NULL;
	}
	totals = json_object();
	credit_totals_set(totals, l.sums);
	return json_pack("{s:o, s:o}", "items", l.items, "totals", totals);
}
