/* trust: gathers each engagement's governance evidence, runs the trust model over its held reviews and explains the result. */
#include "trust.h"

#include <malloc.h>
#include <math.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/review.h"
#include "../util/grow.h"
#include "../util/heap.h"
#include "../util/jsonw.h"
#include "clock.h"
#include "trust_evidence.h"
#include "orgs.h"
#include "surveys.h"
#include "../util/text.h"

static struct trust_settings settings;
static struct error settings_err;
static bool settings_ok;
static pthread_once_t settings_once = PTHREAD_ONCE_INIT;

static void settings_init(void)
{
	const char *spec = getenv("ACCORD_TRUST");

	settings = trust_settings_default();
	settings_ok = !spec || !*spec || trust_settings_parse(spec, &settings, &settings_err);
}

bool trust_settings_load(struct error *err)
{
	pthread_once(&settings_once, settings_init);
	if (!settings_ok && err)
		*err = settings_err;
	return settings_ok;
}

const struct trust_settings *trust_settings(void)
{
	pthread_once(&settings_once, settings_init);
	return &settings;
}

/* ---- running the model ---- */

/* One held review's point in the history, with what its window held. */
struct point {
	const struct ev_review *review;
	struct date from, to;
	struct trust_window w;
	struct trust_score score;
	const struct ev_survey *survey; /* counted, or NULL */
};


static int count_bits(role_mask m)
{
	int n = 0;

	for (; m; m &= m - 1)
		n++;
	return n;
}

static int by_held(const void *a, const void *b)
{
	const struct ev_review *x = *(const struct ev_review *const *)a;
	const struct ev_review *y = *(const struct ev_review *const *)b;
	int c = date_compare(x->held, y->held);

	return c ? c : (x->id < y->id ? -1 : x->id > y->id);
}


/* Fills the window of a held review: [from, to] are the day after the previous held review and its own day. */
static void window_fill(const struct evidence *e, struct point *p, struct date today,
			const struct trust_settings *ts)
{
	const struct ev_review *r = p->review;
	struct trust_window *w = &p->w;

	memset(w, 0, sizeof *w);
	if (review_status_derive(RSTATE_HELD, r->due, &r->held, r->grace, today) == REVIEW_LATE)
		w->late = 1;
	else
		w->on_time = 1;
	for (size_t i = 0; i < e->nreviews; i++) {
		const struct ev_review *m = &e->reviews[i];

		if (m->state == RSTATE_PLANNED && date_within(m->due, p->from, p->to) &&
		    review_status_derive(RSTATE_PLANNED, m->due, NULL, m->grace, today) == REVIEW_MISSED)
			w->missed++;
	}
	w->roles_required = count_bits(r->required);
	w->roles_present = count_bits(r->required & r->present);
	for (size_t i = 0; i < e->nactions; i++) {
		const struct ev_action *a = &e->actions[i];

		if (a->status == ACTION_DROPPED || !date_within(a->due, p->from, p->to))
			continue;
		w->actions_due++;
		if (a->status == ACTION_DONE && a->is_closed && date_compare(a->closed, a->due) <= 0)
			w->actions_kept++;
	}
	for (size_t i = 0; i < e->nissues; i++) {
		if (!date_within(e->issues[i].shared, p->from, p->to))
			continue;
		w->issues_shared++;
		w->issues_answered += e->issues[i].answered;
	}
	trust_delivery_fill(e, p->from, p->to, today, ts, w);
	for (size_t i = 0; i < e->nvalues; i++)
		w->value_events += date_within(e->values[i].on, p->from, p->to);
	p->survey = NULL;
	for (size_t i = 0; i < e->nsurveys; i++) {
		const struct ev_survey *sv = &e->surveys[i];

		/* Counted only once revealed, so a score never tells one side the other's answers. */
		if (sv->review_id != r->id || !survey_revealed(sv->buyer, sv->provider, r->held, today))
			continue;
		p->survey = sv;
		w->buyer_answers = sv->buyer;
		w->provider_answers = sv->provider;
		w->buyer_mean = sv->buyer_mean;
		w->provider_mean = sv->provider_mean;
	}
}

/* Scores every held review of e in held order; *points is malloc'd (caller frees). */
static size_t model_run(const struct evidence *e, const struct trust_settings *ts,
			struct point **points)
{
	struct date today = clock_today(), from = e->starts;
	const struct ev_review **held = calloc(e->nreviews ? e->nreviews : 1, sizeof *held);
	double previous = -1;
	size_t n = 0;

	*points = calloc(e->nreviews ? e->nreviews : 1, sizeof **points);
	if (!held || !*points) {
		free(held);
		free(*points);
		*points = NULL;
		return 0;
	}
	for (size_t i = 0; i < e->nreviews; i++)
		if (e->reviews[i].state == RSTATE_HELD && e->reviews[i].is_held)
			held[n++] = &e->reviews[i];
	qsort(held, n, sizeof *held, by_held);
	for (size_t i = 0; i < n; i++) {
		struct point *p = &(*points)[i];

		p->review = held[i];
		p->from = from;
		p->to = held[i]->held;
		window_fill(e, p, today, ts);
		trust_score_window(&p->w, ts, previous, &p->score);
		if (p->score.known)
			previous = p->score.smoothed;
		from = date_add_days(held[i]->held, 1);
	}
	free(held);
	return n;
}

static enum trust_advice advise(const struct point *points, size_t n, const struct trust_settings *ts)
{
	double *v = calloc(n ? n : 1, sizeof *v);
	bool *below_floor = calloc(n ? n : 1, sizeof *below_floor);
	enum trust_advice a = ADVICE_NONE;

	if (v && below_floor) {
		for (size_t i = 0; i < n; i++) {
			v[i] = points[i].score.known ? points[i].score.smoothed : -1;
			below_floor[i] = points[i].score.below_delivery_floor;
		}
		a = trust_advise_history(v, below_floor, (int)n, ts);
	}
	free(v);
	free(below_floor);
	return a;
}

/* Scores are shown to one decimal. */
static double tenth(double x)
{
	return round(x * 10) / 10;
}

/* ---- explanations, written as JSON ---- */

static void roles_write(struct jsonw *w, role_mask m)
{
	jsonw_array(w);
	for (int r = 0; r < ROLE__MAX; r++)
		if (m & ROLE_BIT(r))
			jsonw_string(w, role_name(r));
	jsonw_end_array(w);
}


static void value_ids_write(struct jsonw *w, const char *key, const struct evidence *e, const struct point *p, int kind)
{
	jsonw_karray(w, key);
	for (size_t i = 0; i < e->nvalues; i++) {
		const struct ev_value *v = &e->values[i];
		bool listed = false;

		if ((int)v->kind != kind || !date_within(v->on, p->from, p->to))
			continue;
		/* An adoption's buy-in and implementation are two events of one adoption: list its id once. */
		for (size_t k = 0; k < i && !listed; k++)
			listed = (int)e->values[k].kind == kind && e->values[k].id == v->id && date_within(e->values[k].on, p->from, p->to);
		if (!listed)
			jsonw_int(w, v->id);
	}
	jsonw_end_array(w);
}


static void factor_evidence(struct jsonw *w, const struct evidence *e, const struct point *p, enum trust_factor f,
			    struct date today, const struct trust_settings *ts)
{
	const struct trust_window *tw = &p->w;

	jsonw_object(w);
	jsonw_kobject(w, "window");
	date_write(w, "from", p->from);
	date_write(w, "to", p->to);
	jsonw_end_object(w);
	switch (f) {
	case TF_CADENCE:
		jsonw_kint(w, "review_id", p->review->id);
		date_write(w, "due_on", p->review->due);
		date_write(w, "held_on", p->review->held);
		jsonw_kbool(w, "on_time", tw->on_time);
		jsonw_karray(w, "missed_review_ids");
		for (size_t i = 0; i < e->nreviews; i++) {
			const struct ev_review *m = &e->reviews[i];

			if (m->state == RSTATE_PLANNED && date_within(m->due, p->from, p->to) &&
			    review_status_derive(RSTATE_PLANNED, m->due, NULL, m->grace, today) == REVIEW_MISSED)
				jsonw_int(w, m->id);
		}
		jsonw_end_array(w);
		break;
	case TF_PRESENCE:
		jsonw_kint(w, "review_id", p->review->id);
		jsonw_key(w, "required_roles");
		roles_write(w, p->review->required);
		jsonw_key(w, "missing_roles");
		roles_write(w, p->review->required & ~p->review->present);
		jsonw_kbool(w, "presence_capped", p->score.presence_capped);
		break;
	case TF_COMMITMENTS:
		for (int kept = 1; kept >= 0; kept--) {
			jsonw_karray(w, kept ? "kept_actions" : "not_kept_actions");
			for (size_t i = 0; i < e->nactions; i++) {
				const struct ev_action *x = &e->actions[i];

				if (x->status == ACTION_DROPPED || !date_within(x->due, p->from, p->to) ||
				    (x->status == ACTION_DONE && x->is_closed && date_compare(x->closed, x->due) <= 0) != kept)
					continue;
				jsonw_object(w);
				jsonw_kint(w, "id", x->id);
				jsonw_kint(w, "review_id", x->review_id);
				date_write(w, "due_on", x->due);
				jsonw_end_object(w);
			}
			jsonw_end_array(w);
		}
		trust_obligations_explain(w, e, p->from, p->to, today);
		break;
	case TF_OPENNESS:
		for (int answered = 0; answered <= 1; answered++) {
			jsonw_karray(w, answered ? "answered_issue_ids" : "shared_issue_ids");
			for (size_t i = 0; i < e->nissues; i++)
				if (date_within(e->issues[i].shared, p->from, p->to) && (!answered || e->issues[i].answered))
					jsonw_int(w, e->issues[i].id);
			jsonw_end_array(w);
		}
		break;
	case TF_VALUE:
		jsonw_kint(w, "events", tw->value_events);
		value_ids_write(w, "accepted_suggestion_ids", e, p, VALUE_SUGGESTION);
		value_ids_write(w, "awarded_item_ids", e, p, VALUE_AWARD);
		value_ids_write(w, "adoption_ids", e, p, VALUE_ADOPTION);
		jsonw_kstring(w, "note", "accepted roadmap suggestions, awarded roadmap items, and adopted practices (on the day of buy-in and again when implemented) count here");
		break;
	case TF_SENTIMENT:
		jsonw_kint(w, "period", p->review->id);
		jsonw_key(w, "buyer_mean");
		tw->buyer_answers ? jsonw_real(w, tenth(tw->buyer_mean)) : jsonw_null(w);
		jsonw_key(w, "provider_mean");
		tw->provider_answers ? jsonw_real(w, tenth(tw->provider_mean)) : jsonw_null(w);
		jsonw_kbool(w, "gap_warning", p->score.sentiment_gap);
		break;
	case TF_DELIVERY:
		trust_delivery_explain(w, e, p->from, p->to, today, ts, &p->score);
		break;
	default:
		break;
	}
	jsonw_end_object(w);
}

static void factors_write(struct jsonw *w, const struct evidence *e, const struct point *p, struct date today,
			  const struct trust_settings *ts)
{
	jsonw_array(w);
	for (int f = 0; f < TF__MAX; f++) {
		const struct trust_factor_score *fs = &p->score.factor[f];

		jsonw_object(w);
		jsonw_kstring(w, "name", trust_factor_name(f));
		jsonw_key(w, "value");
		fs->known ? jsonw_real(w, tenth(100 * fs->value)) : jsonw_null(w);
		jsonw_kbool(w, "known", fs->known);
		jsonw_kreal(w, "weight", fs->weight);
		jsonw_kreal(w, "share", round(fs->share * 1000) / 1000);
		jsonw_key(w, "evidence");
		factor_evidence(w, e, p, f, today, ts);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

static void settings_write(struct jsonw *w, const struct trust_settings *ts)
{
	jsonw_object(w);
	jsonw_kobject(w, "weights");
	for (int f = 0; f < TF__MAX; f++)
		jsonw_kreal(w, trust_factor_name(f), ts->weight[f]);
	jsonw_end_object(w);
	jsonw_kreal(w, "smoothing", ts->smoothing);
	jsonw_kreal(w, "partnership_at", ts->partnership_at);
	jsonw_kint(w, "partnership_reviews", ts->partnership_reviews);
	jsonw_kreal(w, "regression_below", ts->regression_below);
	jsonw_kint(w, "regression_reviews", ts->regression_reviews);
	jsonw_kreal(w, "late_credit", ts->late_credit);
	jsonw_kreal(w, "sentiment_gap", ts->sentiment_gap);
	jsonw_kreal(w, "delivery_floor", ts->delivery_floor);
	jsonw_kint(w, "reporting_days", ts->reporting_days);
	jsonw_end_object(w);
}

/* The running model's settings, as a BLAKE2b hash of their JSON: the key a stored summary must match (short, so summary rows stay small). */
static char settings_text[33];
static pthread_once_t settings_text_once = PTHREAD_ONCE_INIT;

static void settings_text_init(void)
{
	unsigned char h[16];
	struct buf b;
	struct jsonw w;

	buf_init(&b, 0);
	jsonw_init(&w, &b);
	settings_write(&w, trust_settings());
	crypto_generichash(h, sizeof h, (const unsigned char *)b.data, b.len, NULL, 0);
	sodium_bin2hex(settings_text, sizeof settings_text, h, sizeof h);
	buf_release(&b);
}

static const char *settings_key(void)
{
	pthread_once(&settings_text_once, settings_text_init);
	return settings_text;
}

/* ---- one engagement's result: the summary, the history, and on request the whole explanation ---- */

struct result {
	struct trust_summary sum;
	struct buf history;	/* JSON array */
	struct buf explanation; /* JSON object, when asked for */
};

static void history_write(struct jsonw *w, const struct point *points, size_t n)
{
	char d[11];

	jsonw_array(w);
	for (size_t i = 0; i < n; i++) {
		const struct trust_score *sc = &points[i].score;

		jsonw_object(w);
		jsonw_kint(w, "review_id", points[i].review->id);
		date_format(points[i].review->held, d);
		jsonw_kstring(w, "held_on", d);
		jsonw_key(w, "score");
		sc->known ? jsonw_real(w, tenth(sc->smoothed)) : jsonw_null(w);
		jsonw_key(w, "raw");
		sc->known ? jsonw_real(w, tenth(sc->raw)) : jsonw_null(w);
		jsonw_kbool(w, "sentiment_gap", sc->sentiment_gap);
		jsonw_kbool(w, "below_delivery_floor", sc->below_delivery_floor);
		jsonw_kbool(w, "presence_capped", sc->presence_capped);
		jsonw_kobject(w, "factors");
		for (int f = 0; f < TF__MAX; f++) {
			jsonw_key(w, trust_factor_name(f));
			sc->factor[f].known ? jsonw_real(w, tenth(100 * sc->factor[f].value)) : jsonw_null(w);
		}
		jsonw_end_object(w);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

/* The review compliance of e today: counted as the portfolio counts it, with its next planned and last held review. */
static void compliance_fill(const struct evidence *e, struct date today, struct trust_summary *t)
{
	struct date next = {0}, last = {0};
	bool has_next = false, has_last = false;

	memset(&t->compliance, 0, sizeof t->compliance);
	for (size_t i = 0; i < e->nreviews; i++) {
		const struct ev_review *r = &e->reviews[i];

		compliance_count(&t->compliance, r->state, r->due, r->is_held ? &r->held : NULL, r->grace, r->required,
				 r->present, today);
		if (r->state == RSTATE_PLANNED && date_compare(r->due, today) >= 0 && (!has_next || date_compare(r->due, next) < 0)) {
			next = r->due;
			has_next = true;
		}
		if (r->is_held && (!has_last || date_compare(r->held, last) > 0)) {
			last = r->held;
			has_last = true;
		}
	}
	t->next_due_on[0] = t->last_held_on[0] = '\0';
	if (has_next)
		date_format(next, t->next_due_on);
	if (has_last)
		date_format(last, t->last_held_on);
}

/* Runs the model over e's evidence into r (released with result_release). */
static void compute(const struct evidence *e, const struct trust_settings *ts, bool explain, struct result *r)
{
	struct date today = clock_today();
	struct point *points = NULL;
	size_t n = model_run(e, ts, &points);
	enum trust_advice advice = advise(points, n, ts);
	const struct point *last = NULL;
	struct buf scores;
	struct jsonw w;

	memset(r, 0, sizeof *r);
	buf_init(&r->history, 0);
	buf_init(&r->explanation, 0);
	buf_init(&scores, 0);
	for (size_t i = 0; i < n; i++) {
		if (i)
			buf_putc(&scores, ',');
		if (points[i].score.known) {
			buf_printf(&scores, "%.1f", tenth(points[i].score.smoothed));
			last = &points[i];
		}
	}
	r->sum.engagement_id = e->id;
	r->sum.known = last != NULL;
	r->sum.score = last ? tenth(last->score.smoothed) : 0;
	r->sum.raw = last ? tenth(last->score.raw) : 0;
	r->sum.review_id = last ? last->review->id : 0;
	r->sum.sentiment_gap = last && last->score.sentiment_gap;
	snprintf(r->sum.mode, sizeof r->sum.mode, "%s", engagement_mode_name(e->mode));
	snprintf(r->sum.advice, sizeof r->sum.advice, "%s", trust_advice_name(advice));
	snprintf(r->sum.recommended_mode, sizeof r->sum.recommended_mode, "%s",
		 engagement_mode_name(trust_recommended_mode(advice, e->mode)));
	r->sum.scores = buf_detach(&scores, NULL);
	compliance_fill(e, today, &r->sum);
	jsonw_init(&w, &r->history);
	history_write(&w, points, n);
	if (explain) {
		jsonw_init(&w, &r->explanation);
		jsonw_object(&w);
		jsonw_kint(&w, "engagement_id", e->id);
		jsonw_kstring(&w, "title", e->title);
		jsonw_kstring(&w, "mode", r->sum.mode);
		jsonw_kstring(&w, "advice", r->sum.advice);
		jsonw_kstring(&w, "recommended_mode", r->sum.recommended_mode);
		jsonw_key(&w, "score");
		last ? jsonw_real(&w, r->sum.score) : jsonw_null(&w);
		jsonw_key(&w, "raw");
		last ? jsonw_real(&w, r->sum.raw) : jsonw_null(&w);
		jsonw_key(&w, "review_id");
		last ? jsonw_int(&w, r->sum.review_id) : jsonw_null(&w);
		jsonw_kbool(&w, "sentiment_gap", r->sum.sentiment_gap);
		jsonw_key(&w, "factors");
		if (last)
			factors_write(&w, e, last, today, ts);
		else
			jsonw_raw(&w, "[]");
		jsonw_key(&w, "history");
		jsonw_raw(&w, r->history.data);
		jsonw_key(&w, "settings");
		settings_write(&w, ts);
		jsonw_end_object(&w);
	}
	free(points);
}

static void result_release(struct result *r)
{
	free(r->sum.scores);
	r->sum.scores = NULL;
	buf_release(&r->history);
	buf_release(&r->explanation);
}

void trust_summary_release(struct trust_summary *t)
{
	free(t->scores);
	free(t->history);
	free(t->title);
	free(t->buyer);
	free(t->provider);
	t->scores = t->history = t->title = t->buyer = t->provider = NULL;
}

/* ---- the stored summaries ---- */

/* Keeps r as the engagement's summary, labelled with the version read before its evidence. */
static void summary_store(struct store *s, const struct result *r, long long version)
{
	char today[11], score[16], raw[16], compliance[96];
	const struct compliance *k = &r->sum.compliance;
	struct sqlval a[17];

	date_format(clock_today(), today);
	snprintf(score, sizeof score, "%.1f", r->sum.score);
	snprintf(raw, sizeof raw, "%.1f", r->sum.raw);
	snprintf(compliance, sizeof compliance, "%d,%d,%d,%d,%d,%d,%d,%d", k->due, k->held_on_time, k->late, k->missed,
		 k->in_grace, k->without_quorum, k->upcoming, k->cancelled);
	a[0] = SQL_I(r->sum.engagement_id);
	a[1] = SQL_I(version);
	a[2] = SQL_T(today);
	a[3] = SQL_T(settings_key());
	a[4] = SQL_T(r->sum.mode);
	a[5] = r->sum.known ? SQL_T(score) : SQL_NUL;
	a[6] = r->sum.known ? SQL_T(raw) : SQL_NUL;
	a[7] = r->sum.known ? SQL_I(r->sum.review_id) : SQL_NUL;
	a[8] = SQL_T(r->sum.advice);
	a[9] = SQL_T(r->sum.recommended_mode);
	a[10] = SQL_I(r->sum.sentiment_gap);
	a[11] = SQL_T(r->sum.scores);
	a[12] = SQL_T(compliance);
	a[13] = r->sum.next_due_on[0] ? SQL_T(r->sum.next_due_on) : SQL_NUL;
	a[14] = r->sum.last_held_on[0] ? SQL_T(r->sum.last_held_on) : SQL_NUL;
	a[15] = SQL_T(r->history.data);
	a[16] = r->explanation.len ? SQL_T(r->explanation.data) : SQL_NUL;
	/* A cache: when it cannot be written (busy, read-only), the figures are still right. */
	store_exec(s, STMT_TRUST_SUMMARY_PUT, a, 17, NULL, NULL, NULL);
}

/* A stored row, as TRUST_SUMMARY_* read it: fresh when computed from the current version, today, with these settings. */
static bool row_fresh(const struct sqlval *c, const char *today)
{
	if (c[2].type == SQL_NULL || c[1].i != c[2].i || !c[3].s || !c[4].s)
		return false;
	return !strcmp(c[3].s, today) && !strcmp(c[4].s, settings_key());
}

/* A score as summary_store writes it ("72.5"), without strtod's generality. */
static double tenths_parse(const char *p)
{
	long long whole = 0;
	int tenth = 0;

	while (*p >= '0' && *p <= '9')
		whole = whole * 10 + (*p++ - '0');
	if (*p == '.' && p[1] >= '0' && p[1] <= '9')
		tenth = p[1] - '0';
	return (double)whole + tenth / 10.0;
}

/* "due,held_on_time,...,cancelled" as summary_store writes it. */
static void compliance_parse(const char *text, struct compliance *k)
{
	int *f[8] = {&k->due, &k->held_on_time, &k->late, &k->missed, &k->in_grace, &k->without_quorum, &k->upcoming,
		     &k->cancelled};
	const char *p = text ? text : "";

	memset(k, 0, sizeof *k);
	for (int i = 0; i < 8 && *p; i++) {
		char *end;

		*f[i] = (int)strtol(p, &end, 10);
		p = *end == ',' ? end + 1 : end;
	}
}

struct summary_rows {
	char today[11];
	struct trust_summary *v;
	size_t n, cap;
	bool *fresh;
};

static int summary_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct summary_rows *rows = ctx;
	struct trust_summary *t;
	size_t cap = rows->cap;

	(void)n;
	if (grow((void **)&rows->v, &rows->cap, rows->n, sizeof *rows->v))
		return 1;
	if (rows->cap != cap) {
		bool *f = realloc(rows->fresh, rows->cap * sizeof *f);

		if (!f)
			return 1;
		rows->fresh = f;
	}
	t = &rows->v[rows->n];
	memset(t, 0, sizeof *t);
	t->engagement_id = c[0].i;
	rows->fresh[rows->n] = row_fresh(c, rows->today);
	if (rows->fresh[rows->n]) {
		t->known = c[6].type != SQL_NULL;
		t->score = t->known ? tenths_parse(c[6].s) : 0;
		t->raw = c[7].s ? tenths_parse(c[7].s) : 0;
		t->review_id = c[8].type == SQL_NULL ? 0 : c[8].i;
		text_copy(t->mode, sizeof t->mode, c[5].s);
		text_copy(t->advice, sizeof t->advice, c[9].s);
		text_copy(t->recommended_mode, sizeof t->recommended_mode, c[10].s);
		t->sentiment_gap = c[11].i != 0;
		t->scores = strdup(c[12].s ? c[12].s : "");
		t->history = c[13].s ? strdup(c[13].s) : NULL;
		compliance_parse(c[14].s, &t->compliance);
		text_copy(t->next_due_on, sizeof t->next_due_on, c[15].s);
		text_copy(t->last_held_on, sizeof t->last_held_on, c[16].s);
	}
	t->title = strdup(c[17].s ? c[17].s : "");
	t->buyer = strdup(c[18].s ? c[18].s : "");
	t->provider = strdup(c[19].s ? c[19].s : "");
	t->contract_manager_id = c[20].i;
	rows->n++;
	return 0;
}

static void summary_rows_free(struct summary_rows *rows, bool keep_summaries)
{
	if (!keep_summaries) {
		for (size_t i = 0; i < rows->n; i++)
			trust_summary_release(&rows->v[i]);
		free(rows->v);
	}
	free(rows->fresh);
}

/*
 * Fills in every stale summary of rows: runs the model over the evidence of scope/key, and
 * stores each result under the version read just before the evidence (summary_store keeps
 * it only if nothing changed since).
 */
static int rows_refresh(struct store *s, struct summary_rows *rows, enum trust_scope scope, long long key)
{
	struct evidence_set set;
	size_t stale = 0;
	bool began;

	for (size_t i = 0; i < rows->n; i++)
		stale += !rows->fresh[i];
	if (!stale)
		return 0;
	/* A few stale ones (a write since the nightly recompute) are read one by one, not with the whole organisation. */
	if (scope == SCOPE_ORG && stale <= 8) {
		for (size_t i = 0; i < rows->n; i++) {
			struct summary_rows one = {0};

			if (rows->fresh[i])
				continue;
			one.v = &rows->v[i];
			one.n = 1;
			one.fresh = &rows->fresh[i];
			if (rows_refresh(s, &one, SCOPE_ONE, rows->v[i].engagement_id))
				return -1;
		}
		return 0;
	}
	if (trust_evidence_load(s, NULL, scope, key, &set))
		return -1;
	/* One transaction for many stores: one commit instead of one per engagement. */
	began = stale > 1 && store_begin(s, NULL) == 0;
	for (size_t i = 0; i < rows->n; i++) {
		const struct evidence *e;
		struct result r;

		if (rows->fresh[i] || !(e = evidence_find(&set, rows->v[i].engagement_id)))
			continue;
		compute(e, trust_settings(), false, &r);
		/* The version read just before the evidence. */
		summary_store(s, &r, e->version);
		/* The names came with the row; the figures are the new ones. */
		r.sum.title = rows->v[i].title;
		r.sum.buyer = rows->v[i].buyer;
		r.sum.provider = rows->v[i].provider;
		r.sum.contract_manager_id = rows->v[i].contract_manager_id;
		rows->v[i].title = rows->v[i].buyer = rows->v[i].provider = NULL;
		trust_summary_release(&rows->v[i]);
		rows->v[i] = r.sum;
		r.sum.scores = NULL;
		rows->v[i].history = buf_detach(&r.history, NULL);
		rows->fresh[i] = true;
		result_release(&r);
	}
	if (began && store_commit(s, NULL) != 0)
		store_rollback(s);
	trust_evidence_free(&set);
	return 0;
}

int trust_summary(struct store *s, long long engagement_id, struct trust_summary *out)
{
	struct summary_rows rows = {0};
	struct sqlval a[1] = {SQL_I(engagement_id)};
	int rc;

	memset(out, 0, sizeof *out);
	date_format(clock_today(), rows.today);
	rc = store_exec(s, STMT_TRUST_SUMMARY_GET, a, 1, summary_row_cb, &rows, NULL);
	if (rc < 0 || rows.n != 1 || rows_refresh(s, &rows, SCOPE_ONE, engagement_id)) {
		summary_rows_free(&rows, false);
		return rc < 0 ? -1 : 1;
	}
	*out = rows.v[0];
	free(rows.v);
	summary_rows_free(&rows, true);
	return 0;
}

int trust_summaries_org(struct store *s, const struct caller *c, bool with_history, struct trust_summary **out,
			size_t *n)
{
	struct summary_rows rows = {0};
	struct sqlval a[2] = {SQL_I(c->org_id), SQL_I(c->org_id)};

	*out = NULL;
	*n = 0;
	if (c->org_kind == ORG_PLATFORM)
		return 0;
	date_format(clock_today(), rows.today);
	static const enum stmt by[2][2] = {{STMT_TRUST_SUMMARY_BUYER, STMT_TRUST_SUMMARY_BUYER_HISTORY},
					   {STMT_TRUST_SUMMARY_PROVIDER, STMT_TRUST_SUMMARY_PROVIDER_HISTORY}};

	if (store_exec(s, by[c->org_kind == ORG_PROVIDER][with_history], a, 1, summary_row_cb,
		       &rows, NULL) < 0 ||
	    rows_refresh(s, &rows, SCOPE_ORG, c->org_id)) {
		summary_rows_free(&rows, false);
		return -1;
	}
	*out = rows.v;
	*n = rows.n;
	summary_rows_free(&rows, true);
	return 0;
}

void trust_summaries_free(struct trust_summary *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		trust_summary_release(&v[i]);
	free(v);
}

void trust_summary_write(struct jsonw *w, const struct trust_summary *t)
{
	jsonw_object(w);
	jsonw_key(w, "score");
	t->known ? jsonw_real(w, t->score) : jsonw_null(w);
	jsonw_kstring(w, "advice", t->advice);
	jsonw_kstring(w, "recommended_mode", t->recommended_mode);
	jsonw_key(w, "review_id");
	t->known ? jsonw_int(w, t->review_id) : jsonw_null(w);
	jsonw_end_object(w);
}

struct explanation_row {
	char today[11];
	bool found, fresh;
	char *text;
};

static int explanation_cb(void *ctx, const struct sqlval *c, int n)
{
	struct explanation_row *x = ctx;

	(void)n;
	x->found = true;
	x->fresh = row_fresh(c, x->today) && c[5].s;
	if (x->fresh)
		x->text = strdup(c[5].s);
	return 0;
}

char *trust_explanation(struct store *s, long long engagement_id)
{
	struct explanation_row x = {0};
	struct sqlval a[1] = {SQL_I(engagement_id)};
	struct evidence_set set;
	struct result r;
	char *text = NULL;

	date_format(clock_today(), x.today);
	if (store_exec(s, STMT_TRUST_EXPLANATION_GET, a, 1, explanation_cb, &x, NULL) < 0 || !x.found)
		return NULL;
	if (x.fresh)
		return x.text;
	if (trust_evidence_load(s, NULL, SCOPE_ONE, engagement_id, &set))
		return NULL;
	if (set.n == 1) {
		compute(&set.v[0], trust_settings(), true, &r);
		summary_store(s, &r, set.v[0].version);
		text = buf_detach(&r.explanation, NULL);
		result_release(&r);
	}
	trust_evidence_free(&set);
	return text;
}

json_t *trust_json(struct store *s, long long engagement_id)
{
	char *text = trust_explanation(s, engagement_id);
	json_t *o = text ? json_loads(text, 0, NULL) : NULL;

	free(text);
	return o;
}

/*
 * accord trust recompute's second thread computes the summaries in engagement order while
 * the first stores each once it is ready (computing and storing cost about the same on the
 * large dataset); done says how many are ready, in steps of PIPELINE_STEP.
 */
#define PIPELINE_STEP 64
struct pipeline {
	const struct evidence_set *set;
	struct result *results;
	size_t done;
	pthread_mutex_t lock;
	pthread_cond_t ready;
};

static void *pipeline_compute(void *arg)
{
	struct pipeline *p = arg;

	for (size_t i = 0; i < p->set->n; i++) {
		compute(&p->set->v[i], trust_settings(), false, &p->results[i]);
		if ((i + 1) % PIPELINE_STEP == 0 || i + 1 == p->set->n) {
			pthread_mutex_lock(&p->lock);
			p->done = i + 1;
			pthread_cond_signal(&p->ready);
			pthread_mutex_unlock(&p->lock);
		}
	}
	return NULL;
}

int trust_recompute_all(struct store *s, size_t *count, struct error *err)
{
	struct pipeline p = {.lock = PTHREAD_MUTEX_INITIALIZER, .ready = PTHREAD_COND_INITIALIZER};
	struct store *helper;
	struct evidence_set set;
	pthread_t thread;
	bool threaded = false;
	size_t ready = 0;
	int rc = 0;

	*count = 0;
	/* As in demo --scale: glibc would give the heap's top back after most of the many small frees. */
	mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
	mallopt(M_TOP_PAD, 64 * 1024 * 1024);
	/* With jemalloc (build/accord), the ~200 MiB of evidence in 2 MiB pages: 8,000 page faults rather than 54,000. */
	heap_huge_pages();
	/* A second connection for a second thread's share of the reading (trust_evidence_load); without one, all on s. */
	helper = store_open_again(s, NULL);
	rc = trust_evidence_load(s, helper, SCOPE_ALL, 0, &set);
	store_close(helper);
	if (rc)
		return -1;
	if (store_begin(s, err)) {
		trust_evidence_free(&set);
		return -1;
	}
	p.set = &set;
	if (set.n && (p.results = calloc(set.n, sizeof *p.results)))
		threaded = pthread_create(&thread, NULL, pipeline_compute, &p) == 0;
	for (size_t i = 0; i < set.n; i++) {
		struct result one, *r = &one;

		if (threaded) {
			if (i == ready) {
				pthread_mutex_lock(&p.lock);
				while (p.done <= i)
					pthread_cond_wait(&p.ready, &p.lock);
				ready = p.done;
				pthread_mutex_unlock(&p.lock);
			}
			r = &p.results[i];
		} else {
			compute(&set.v[i], trust_settings(), false, r);
		}
		summary_store(s, r, set.v[i].version);
		result_release(r);
		(*count)++;
	}
	if (threaded)
		pthread_join(thread, NULL);
	free(p.results);
	if (store_commit(s, err) != 0) {
		store_rollback(s);
		rc = -1;
	}
	trust_evidence_free(&set);
	return rc;
}
