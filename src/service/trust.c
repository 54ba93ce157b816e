/* trust: gathers each engagement's governance evidence, runs the trust model over its held reviews and explains the result. */
#include "trust.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/review.h"
#include "../util/grow.h"
#include "clock.h"
#include "orgs.h"
#include "surveys.h"

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

/* ---- the evidence of one engagement ---- */

struct ev_review {
	long long id;
	struct date due, held;
	bool is_held;
	int state, grace;
	role_mask required, present;
};

struct ev_action {
	long long id, review_id;
	struct date due, closed;
	bool is_closed;
	int status;
};

struct ev_issue {
	long long id;
	struct date shared;
	bool answered;
};

struct ev_value {
	long long id;
	enum { VALUE_SUGGESTION, VALUE_AWARD, VALUE_ADOPTION } kind;
	struct date on;
};

struct ev_survey {
	long long review_id;
	bool buyer, provider;
	double buyer_mean, provider_mean;
};

struct evidence {
	long long id;
	struct date starts;
	int mode;
	char title[700];
	struct ev_review *reviews;
	struct ev_action *actions;
	struct ev_issue *issues;
	struct ev_survey *surveys;
	struct ev_value *values;
	size_t nreviews, nactions, nissues, nsurveys, nvalues;
	size_t creviews, cactions, cissues, csurveys, cvalues;
};

struct evidence_set {
	struct evidence *v;
	size_t n, cap;
};

static void evidence_free(struct evidence_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].reviews);
		free(set->v[i].actions);
		free(set->v[i].issues);
		free(set->v[i].surveys);
		free(set->v[i].values);
	}
	free(set->v);
}

/* The engagement a row belongs to (engagements are loaded in id order). */
static struct evidence *find(struct evidence_set *set, long long id)
{
	size_t lo = 0, hi = set->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (set->v[mid].id == id)
			return &set->v[mid];
		if (set->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static int engagement_cb(void *ctx, const struct sqlval *c, int n)
{
	struct evidence_set *set = ctx;
	struct evidence *e;

	(void)n;
	if (grow((void **)&set->v, &set->cap, set->n, sizeof *set->v))
		return 1;
	e = &set->v[set->n++];
	memset(e, 0, sizeof *e);
	e->id = c[0].i;
	date_parse(c[1].s, &e->starts);
	e->mode = engagement_mode_parse(c[2].s);
	snprintf(e->title, sizeof e->title, "%s", c[3].s);
	return 0;
}

static int review_cb(void *ctx, const struct sqlval *c, int n)
{
	struct evidence *e = find(ctx, c[0].i);
	struct ev_review *r;

	(void)n;
	if (!e || grow((void **)&e->reviews, &e->creviews, e->nreviews, sizeof *e->reviews))
		return 0;
	r = &e->reviews[e->nreviews++];
	memset(r, 0, sizeof *r);
	r->id = c[1].i;
	date_parse(c[2].s, &r->due);
	r->is_held = c[3].s && date_parse(c[3].s, &r->held);
	r->state = review_state_parse(c[4].s);
	r->grace = (int)c[5].i;
	r->required = (role_mask)c[6].i;
	r->present = (role_mask)c[7].i;
	return 0;
}

static int action_cb(void *ctx, const struct sqlval *c, int n)
{
	struct evidence *e = find(ctx, c[0].i);
	struct ev_action *a;

	(void)n;
	if (!e || grow((void **)&e->actions, &e->cactions, e->nactions, sizeof *e->actions))
		return 0;
	a = &e->actions[e->nactions++];
	memset(a, 0, sizeof *a);
	a->id = c[1].i;
	date_parse(c[2].s, &a->due);
	a->status = action_status_parse(c[3].s);
	a->is_closed = c[4].s && date_parse(c[4].s, &a->closed);
	a->review_id = c[5].i;
	return 0;
}

static int issue_cb(void *ctx, const struct sqlval *c, int n)
{
	struct evidence *e = find(ctx, c[0].i);
	struct ev_issue *x;
	char day[11];

	(void)n;
	if (!e || grow((void **)&e->issues, &e->cissues, e->nissues, sizeof *e->issues))
		return 0;
	x = &e->issues[e->nissues++];
	x->id = c[1].i;
	snprintf(day, sizeof day, "%.10s", c[2].s ? c[2].s : "");
	if (!date_parse(day, &x->shared))
		x->shared = e->starts;
	x->answered = c[3].i > 0;
	return 0;
}

static int survey_cb(void *ctx, const struct sqlval *c, int n)
{
	struct evidence *e = find(ctx, c[11].i);
	struct ev_survey *sv = NULL;
	double mean = 0;

	(void)n;
	if (!e)
		return 0;
	for (size_t i = 0; i < e->nsurveys; i++)
		if (e->surveys[i].review_id == c[0].i)
			sv = &e->surveys[i];
	if (!sv) {
		if (grow((void **)&e->surveys, &e->csurveys, e->nsurveys, sizeof *e->surveys))
			return 0;
		sv = &e->surveys[e->nsurveys++];
		memset(sv, 0, sizeof *sv);
		sv->review_id = c[0].i;
	}
	for (int i = 0; i < SD__MAX; i++)
		mean += (double)c[2 + i].i / SD__MAX;
	if (strcmp(c[1].s, "buyer") == 0) {
		sv->buyer = true;
		sv->buyer_mean = mean;
	} else {
		sv->provider = true;
		sv->provider_mean = mean;
	}
	return 0;
}

static int value_cb(void *ctx, const struct sqlval *c, int n)
{
	struct evidence *e = find(ctx, c[0].i);
	struct ev_value *v;

	(void)n;
	if (!e || !c[3].s || grow((void **)&e->values, &e->cvalues, e->nvalues, sizeof *e->values))
		return 0;
	v = &e->values[e->nvalues];
	v->id = c[2].i;
	v->kind = !strcmp(c[1].s, "award") ? VALUE_AWARD : !strcmp(c[1].s, "adoption") ? VALUE_ADOPTION : VALUE_SUGGESTION;
	if (date_parse(c[3].s, &v->on))
		e->nvalues++;
	return 0;
}

/* Loads one engagement (key > 0 with org 0) or every engagement of an organisation. */
static int evidence_load(struct store *s, long long engagement_id, long long org_id,
			 struct evidence_set *set)
{
	struct sqlval one[1] = {SQL_I(engagement_id)}, org[2] = {SQL_I(org_id), SQL_I(org_id)};
	struct sqlval value_eng[4] = {SQL_I(engagement_id), SQL_I(engagement_id), SQL_I(engagement_id), SQL_I(engagement_id)};
	struct sqlval value_org[8] = {SQL_I(org_id), SQL_I(org_id), SQL_I(org_id), SQL_I(org_id),
				      SQL_I(org_id), SQL_I(org_id), SQL_I(org_id), SQL_I(org_id)};
	const struct sqlval *a = engagement_id ? one : org;
	int na = engagement_id ? 1 : 2;

	memset(set, 0, sizeof *set);
	if (store_exec(s, engagement_id ? STMT_TRUST_ENGAGEMENT : STMT_TRUST_ENGAGEMENTS_ORG, a,
		       na, engagement_cb, set, NULL) < 0 ||
	    store_exec(s, engagement_id ? STMT_TRUST_REVIEWS_ENG : STMT_TRUST_REVIEWS_ORG, a, na,
		       review_cb, set, NULL) < 0 ||
	    store_exec(s, engagement_id ? STMT_TRUST_ACTIONS_ENG : STMT_TRUST_ACTIONS_ORG, a, na,
		       action_cb, set, NULL) < 0 ||
	    store_exec(s, engagement_id ? STMT_TRUST_ISSUES_ENG : STMT_TRUST_ISSUES_ORG, a, na,
		       issue_cb, set, NULL) < 0 ||
	    store_exec(s, engagement_id ? STMT_SURVEY_LIST_ENG : STMT_SURVEY_LIST_ORG, a, na,
		       survey_cb, set, NULL) < 0 ||
	    store_exec(s, engagement_id ? STMT_TRUST_VALUE_ENG : STMT_TRUST_VALUE_ORG,
		       engagement_id ? value_eng : value_org, engagement_id ? 4 : 8, value_cb, set, NULL) < 0) {
		evidence_free(set);
		return -1;
	}
	return 0;
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

static bool within(struct date d, struct date from, struct date to)
{
	return date_compare(d, from) >= 0 && date_compare(d, to) <= 0;
}

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

	(void)ts;
	memset(w, 0, sizeof *w);
	if (review_status_derive(RSTATE_HELD, r->due, &r->held, r->grace, today) == REVIEW_LATE)
		w->late = 1;
	else
		w->on_time = 1;
	for (size_t i = 0; i < e->nreviews; i++) {
		const struct ev_review *m = &e->reviews[i];

		if (m->state == RSTATE_PLANNED && within(m->due, p->from, p->to) &&
		    review_status_derive(RSTATE_PLANNED, m->due, NULL, m->grace, today) == REVIEW_MISSED)
			w->missed++;
	}
	w->roles_required = count_bits(r->required);
	w->roles_present = count_bits(r->required & r->present);
	for (size_t i = 0; i < e->nactions; i++) {
		const struct ev_action *a = &e->actions[i];

		if (a->status == ACTION_DROPPED || !within(a->due, p->from, p->to))
			continue;
		w->actions_due++;
		if (a->status == ACTION_DONE && a->is_closed && date_compare(a->closed, a->due) <= 0)
			w->actions_kept++;
	}
	for (size_t i = 0; i < e->nissues; i++) {
		if (!within(e->issues[i].shared, p->from, p->to))
			continue;
		w->issues_shared++;
		w->issues_answered += e->issues[i].answered;
	}
	for (size_t i = 0; i < e->nvalues; i++)
		w->value_events += within(e->values[i].on, p->from, p->to);
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
	enum trust_advice a;

	if (!v)
		return ADVICE_NONE;
	for (size_t i = 0; i < n; i++)
		v[i] = points[i].score.known ? points[i].score.smoothed : -1;
	a = trust_advise(v, (int)n, ts);
	free(v);
	return a;
}

static json_t *number(double x)
{
	return json_real(round(x * 10) / 10);
}

/* ---- explanations ---- */

static json_t *ids_json(void)
{
	return json_array();
}

static json_t *factor_evidence(const struct evidence *e, const struct point *p, enum trust_factor f,
			       struct date today)
{
	const struct trust_window *w = &p->w;
	char d[11], from[11], to[11];
	json_t *o = json_object(), *a, *b;

	date_format(p->from, from);
	date_format(p->to, to);
	json_object_set_new(o, "window", json_pack("{s:s, s:s}", "from", from, "to", to));
	switch (f) {
	case TF_CADENCE:
		date_format(p->review->due, d);
		json_object_set_new(o, "review_id", json_integer(p->review->id));
		json_object_set_new(o, "due_on", json_string(d));
		date_format(p->review->held, d);
		json_object_set_new(o, "held_on", json_string(d));
		json_object_set_new(o, "on_time", json_boolean(w->on_time));
		a = ids_json();
		for (size_t i = 0; i < e->nreviews; i++) {
			const struct ev_review *m = &e->reviews[i];

			if (m->state == RSTATE_PLANNED && within(m->due, p->from, p->to) &&
			    review_status_derive(RSTATE_PLANNED, m->due, NULL, m->grace, today) == REVIEW_MISSED)
				json_array_append_new(a, json_integer(m->id));
		}
		json_object_set_new(o, "missed_review_ids", a);
		break;
	case TF_PRESENCE:
		json_object_set_new(o, "review_id", json_integer(p->review->id));
		json_object_set_new(o, "required_roles", roles_json(p->review->required));
		json_object_set_new(o, "missing_roles", roles_json(p->review->required & ~p->review->present));
		break;
	case TF_COMMITMENTS:
		a = ids_json();
		b = ids_json();
		for (size_t i = 0; i < e->nactions; i++) {
			const struct ev_action *x = &e->actions[i];

			if (x->status == ACTION_DROPPED || !within(x->due, p->from, p->to))
				continue;
			date_format(x->due, d);
			json_array_append_new(x->status == ACTION_DONE && x->is_closed &&
						      date_compare(x->closed, x->due) <= 0 ? a : b,
					      json_pack("{s:I, s:I, s:s}", "id", x->id, "review_id",
							x->review_id, "due_on", d));
		}
		json_object_set_new(o, "kept_actions", a);
		json_object_set_new(o, "not_kept_actions", b);
		break;
	case TF_OPENNESS:
		a = ids_json();
		b = ids_json();
		for (size_t i = 0; i < e->nissues; i++) {
			if (!within(e->issues[i].shared, p->from, p->to))
				continue;
			json_array_append_new(a, json_integer(e->issues[i].id));
			if (e->issues[i].answered)
				json_array_append_new(b, json_integer(e->issues[i].id));
		}
		json_object_set_new(o, "shared_issue_ids", a);
		json_object_set_new(o, "answered_issue_ids", b);
		break;
	case TF_VALUE: {
		json_t *adopted = ids_json();

		a = ids_json();
		b = ids_json();
		for (size_t i = 0; i < e->nvalues; i++) {
			const struct ev_value *v = &e->values[i];
			json_t *into = v->kind == VALUE_AWARD ? b : v->kind == VALUE_ADOPTION ? adopted : a, *x;
			bool listed = false;
			size_t k;

			if (!within(v->on, p->from, p->to))
				continue;
			/* An adoption's buy-in and implementation are two events of one adoption: list its id once. */
			json_array_foreach(into, k, x) listed |= json_integer_value(x) == v->id;
			if (!listed)
				json_array_append_new(into, json_integer(v->id));
		}
		json_object_set_new(o, "events", json_integer(w->value_events));
		json_object_set_new(o, "accepted_suggestion_ids", a);
		json_object_set_new(o, "awarded_item_ids", b);
		json_object_set_new(o, "adoption_ids", adopted);
		json_object_set_new(o, "note", json_string("accepted roadmap suggestions, awarded roadmap items, and adopted practices (on the day of buy-in and again when implemented) count here"));
		break;
	}
	case TF_SENTIMENT:
		json_object_set_new(o, "period", json_integer(p->review->id));
		json_object_set_new(o, "buyer_mean", w->buyer_answers ? number(w->buyer_mean) : json_null());
		json_object_set_new(o, "provider_mean", w->provider_answers ? number(w->provider_mean) : json_null());
		json_object_set_new(o, "gap_warning", json_boolean(p->score.sentiment_gap));
		break;
	default:
		break;
	}
	return o;
}

static json_t *factors_json(const struct evidence *e, const struct point *p, bool evidence,
			    struct date today)
{
	json_t *list = json_array();

	for (int f = 0; f < TF__MAX; f++) {
		const struct trust_factor_score *fs = &p->score.factor[f];
		json_t *o = json_pack("{s:s, s:o, s:b, s:o, s:o}", "name", trust_factor_name(f),
				      "value", fs->known ? number(100 * fs->value) : json_null(),
				      "known", fs->known, "weight", json_real(fs->weight), "share",
				      json_real(round(fs->share * 1000) / 1000));

		if (evidence)
			json_object_set_new(o, "evidence", factor_evidence(e, p, f, today));
		json_array_append_new(list, o);
	}
	return list;
}

static json_t *settings_json(const struct trust_settings *ts)
{
	json_t *w = json_object();

	for (int f = 0; f < TF__MAX; f++)
		json_object_set_new(w, trust_factor_name(f), json_real(ts->weight[f]));
	return json_pack("{s:o, s:f, s:f, s:i, s:f, s:i, s:f, s:f}", "weights", w, "smoothing",
			 ts->smoothing, "partnership_at", ts->partnership_at, "partnership_reviews",
			 ts->partnership_reviews, "regression_below", ts->regression_below,
			 "regression_reviews", ts->regression_reviews, "late_credit", ts->late_credit,
			 "sentiment_gap", ts->sentiment_gap);
}

static json_t *explain(const struct evidence *e, const struct trust_settings *ts)
{
	struct date today = clock_today();
	struct point *points = NULL;
	size_t n = model_run(e, ts, &points);
	enum trust_advice advice = advise(points, n, ts);
	const struct point *last = NULL;
	json_t *history = json_array(), *o;
	char d[11];

	for (size_t i = 0; i < n; i++) {
		json_t *fv = json_object();

		for (int f = 0; f < TF__MAX; f++)
			json_object_set_new(fv, trust_factor_name(f),
					    points[i].score.factor[f].known ? number(100 * points[i].score.factor[f].value) : json_null());
		date_format(points[i].review->held, d);
		json_array_append_new(history, json_pack("{s:I, s:s, s:o, s:o, s:b, s:o}", "review_id",
							 points[i].review->id, "held_on", d, "score",
							 points[i].score.known ? number(points[i].score.smoothed) : json_null(),
							 "raw", points[i].score.known ? number(points[i].score.raw) : json_null(),
							 "sentiment_gap", points[i].score.sentiment_gap, "factors", fv));
		if (points[i].score.known)
			last = &points[i];
	}
	o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "engagement_id", e->id, "title", e->title, "mode",
		      engagement_mode_name(e->mode), "advice", trust_advice_name(advice),
		      "recommended_mode", engagement_mode_name(trust_recommended_mode(advice, e->mode)));
	json_object_set_new(o, "score", last ? number(last->score.smoothed) : json_null());
	json_object_set_new(o, "raw", last ? number(last->score.raw) : json_null());
	json_object_set_new(o, "review_id", last ? json_integer(last->review->id) : json_null());
	json_object_set_new(o, "sentiment_gap", json_boolean(last && last->score.sentiment_gap));
	json_object_set_new(o, "factors", last ? factors_json(e, last, true, today) : json_array());
	json_object_set_new(o, "history", history);
	json_object_set_new(o, "settings", settings_json(ts));
	free(points);
	return o;
}

json_t *trust_json(struct store *s, long long engagement_id)
{
	struct evidence_set set;
	json_t *o = NULL;

	if (evidence_load(s, engagement_id, 0, &set))
		return NULL;
	if (set.n == 1)
		o = explain(&set.v[0], trust_settings());
	evidence_free(&set);
	return o;
}

json_t *trust_portfolio_json(struct store *s, const struct caller *c)
{
	struct evidence_set set;
	json_t *items;

	if (c->org_kind == ORG_PLATFORM)
		return json_array();
	if (evidence_load(s, 0, c->org_id, &set))
		return NULL;
	items = json_array();
	for (size_t i = 0; i < set.n; i++) {
		json_t *x = explain(&set.v[i], trust_settings());

		/* The portfolio needs the scores, not every factor's evidence. */
		json_object_del(x, "factors");
		json_object_del(x, "settings");
		json_array_append_new(items, x);
	}
	evidence_free(&set);
	return items;
}

void trust_text(json_t *t, struct buf *out)
{
	json_t *f, *h, *ev;
	size_t i;

	buf_printf(out, "Trust in \"%s\" (engagement %lld)\n\n", json_string_value(json_object_get(t, "title")),
		   (long long)json_integer_value(json_object_get(t, "engagement_id")));
	if (json_is_null(json_object_get(t, "score"))) {
		buf_puts(out, "No held review has any evidence yet, so there is no score.\n");
	} else {
		buf_printf(out, "Score %.1f of 100 after review %lld (this window alone: %.1f).\n",
			   json_real_value(json_object_get(t, "score")),
			   (long long)json_integer_value(json_object_get(t, "review_id")),
			   json_real_value(json_object_get(t, "raw")));
	}
	buf_printf(out, "Mode: %s. Advice: %s. Recommended mode: %s.\n",
		   json_string_value(json_object_get(t, "mode")), json_string_value(json_object_get(t, "advice")),
		   json_string_value(json_object_get(t, "recommended_mode")));
	if (json_is_true(json_object_get(t, "sentiment_gap")))
		buf_puts(out, "Warning: the two sides rate the relationship far apart.\n");
	if (json_array_size(json_object_get(t, "factors")))
		buf_puts(out, "\nFactors of the latest window:\n");
	json_array_foreach(json_object_get(t, "factors"), i, f)
	{
		char *e;

		ev = json_object_get(f, "evidence");
		if (json_is_true(json_object_get(f, "known")))
			buf_printf(out, "  %-12s %5.1f  weight %.2f, counted %.2f", json_string_value(json_object_get(f, "name")),
				   json_real_value(json_object_get(f, "value")), json_real_value(json_object_get(f, "weight")),
				   json_real_value(json_object_get(f, "share")));
		else
			buf_printf(out, "  %-12s unknown (no evidence in this window; its weight %.2f went to the others)",
				   json_string_value(json_object_get(f, "name")), json_real_value(json_object_get(f, "weight")));
		json_object_del(ev, "window");
		e = json_dumps(ev, JSON_COMPACT | JSON_SORT_KEYS);
		buf_printf(out, "\n               evidence: %s\n", e ? e : "{}");
		free(e);
	}
	if (json_array_size(json_object_get(t, "history")))
		buf_puts(out, "\nHistory (held reviews, oldest first):\n");
	json_array_foreach(json_object_get(t, "history"), i, h)
	{
		if (json_is_null(json_object_get(h, "score")))
			buf_printf(out, "  %s  review %-5lld  no evidence\n", json_string_value(json_object_get(h, "held_on")),
				   (long long)json_integer_value(json_object_get(h, "review_id")));
		else
			buf_printf(out, "  %s  review %-5lld  %5.1f\n", json_string_value(json_object_get(h, "held_on")),
				   (long long)json_integer_value(json_object_get(h, "review_id")),
				   json_real_value(json_object_get(h, "score")));
	}
}
