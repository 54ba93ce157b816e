/* trust_load: reads the trust model's evidence (engagements, reviews, actions, issues, surveys, value, KPIs and their values, obligations) for one engagement, an organisation or all, in nine statements, the delivery ones on a second connection when there is one. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/engagement.h"
#include "../domain/review.h"
#include "../util/grow.h"
#include "clock.h"
#include "surveys.h"
#include "trust_evidence.h"

void trust_evidence_free(struct evidence_set *set)
{
	for (size_t i = 0; i < set->n; i++) {
		free(set->v[i].title);
		free(set->v[i].reviews);
		free(set->v[i].actions);
		free(set->v[i].issues);
		free(set->v[i].surveys);
		free(set->v[i].values);
		trust_delivery_free(&set->v[i]);
	}
	free(set->v);
	free(set->kpi_by_id);
}

/* The engagement a row belongs to (engagements are loaded in id order). */
struct evidence *evidence_find(struct evidence_set *set, long long id)
{
	size_t lo = 0, hi = set->n;

	/* Rows mostly come engagement by engagement: try the one found last. */
	if (set->last < set->n && set->v[set->last].id == id)
		return &set->v[set->last];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (set->v[mid].id == id) {
			set->last = mid;
			return &set->v[mid];
		}
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
	e->title = strdup(c[3].s);
	if (!e->title)
		return 1;
	e->version = c[4].i;
	if (!c[5].s || !date_parse(c[5].s, &e->ends))
		e->ends = (struct date){9999, 12, 31};
	return 0;
}

static int review_cb(void *ctx, const struct sqlval *c, int n)
{
	struct evidence *e = evidence_find(ctx, c[0].i);
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

static int action_cb(void *ctx, const union sqlcell *c, int n)
{
	struct evidence *e = evidence_find(ctx, c[0].i);
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
	struct evidence *e = evidence_find(ctx, c[0].i);
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
	struct evidence *e = evidence_find(ctx, c[0].i);
	struct ev_survey *sv = NULL;
	double mean = 0;

	(void)n;
	if (!e)
		return 0;
	for (size_t i = 0; i < e->nsurveys; i++)
		if (e->surveys[i].review_id == c[1].i)
			sv = &e->surveys[i];
	if (!sv) {
		if (grow((void **)&e->surveys, &e->csurveys, e->nsurveys, sizeof *e->surveys))
			return 0;
		sv = &e->surveys[e->nsurveys++];
		memset(sv, 0, sizeof *sv);
		sv->review_id = c[1].i;
	}
	for (int i = 0; i < SD__MAX; i++)
		mean += (double)c[3 + i].i / SD__MAX;
	if (strcmp(c[2].s, "buyer") == 0) {
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
	struct evidence *e = evidence_find(ctx, c[0].i);
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

static const enum stmt stmts[3][9] = {
	{STMT_TRUST_ENGAGEMENT, STMT_TRUST_REVIEWS_ENG, STMT_TRUST_ACTIONS_ENG, STMT_TRUST_ISSUES_ENG, STMT_TRUST_SURVEYS_ENG,
	 STMT_TRUST_VALUE_ENG, STMT_TRUST_KPIS_ENG, STMT_TRUST_MEASUREMENTS_ENG, STMT_TRUST_OBLIGATIONS_ENG},
	{STMT_TRUST_ENGAGEMENTS_ORG, STMT_TRUST_REVIEWS_ORG, STMT_TRUST_ACTIONS_ORG, STMT_TRUST_ISSUES_ORG,
	 STMT_TRUST_SURVEYS_ORG, STMT_TRUST_VALUE_ORG, STMT_TRUST_KPIS_ORG, STMT_TRUST_MEASUREMENTS_ORG,
	 STMT_TRUST_OBLIGATIONS_ORG},
	{STMT_TRUST_ENGAGEMENTS_ALL, STMT_TRUST_REVIEWS_ALL, STMT_TRUST_ACTIONS_ALL, STMT_TRUST_ISSUES_ALL,
	 STMT_TRUST_SURVEYS_ALL, STMT_TRUST_VALUE_ALL, STMT_TRUST_KPIS_ALL, STMT_TRUST_MEASUREMENTS_ALL,
	 STMT_TRUST_OBLIGATIONS_ALL},
};
/* The statements with many rows are read typed (store_exec_typed): their callbacks and column types. */
static const store_row_fn fns[9] = {engagement_cb, review_cb, NULL, issue_cb, survey_cb, value_cb, NULL, NULL,
				    trust_obligation_row};
static const store_cells_fn typed_fns[9] = {[2] = action_cb, [6] = trust_kpi_row, [7] = trust_measure_row};
static const char *const types[9] = {[2] = "iittti", [6] = TRUST_KPI_TYPES, [7] = TRUST_MEASURE_TYPES};

/* The statements [from, to) of stmts[scope] on s, into set: 0, or -1 when one failed. */
static int statements_run(struct store *s, enum trust_scope scope, long long key, struct evidence_set *set, int from,
			  int to)
{
	static const int nargs[3] = {1, 2, 0};
	struct sqlval a[8];

	for (int i = 0; i < 8; i++)
		a[i] = SQL_I(key);
	for (int q = from; q < to; q++) {
		/* The value query repeats its key once per part of its union. */
		int n = q == 5 ? (scope == SCOPE_ONE ? 4 : scope == SCOPE_ORG ? 8 : 0) : nargs[scope];

		if ((types[q] ? store_exec_typed(s, stmts[scope][q], a, n, types[q], typed_fns[q], set, NULL)
			      : store_exec(s, stmts[scope][q], a, n, fns[q], set, NULL)) < 0)
			return -1;
		if (q == 6) /* the KPIs */
			trust_kpis_index(set, clock_today());
	}
	return 0;
}

/* The delivery evidence (KPIs, their values, obligations) read on a second connection while the first reads the rest. */
struct delivery_job {
	struct store *s;
	long long key;
	enum trust_scope scope;
	/* The engagements as the first connection read them, with a find cursor and KPI table of its own. */
	struct evidence_set view;
	int rc;
};

static void *delivery_read(void *arg)
{
	struct delivery_job *j = arg;

	j->rc = statements_run(j->s, j->scope, j->key, &j->view, 6, 9);
	if (!j->rc)
		trust_measures_index(&j->view);
	return NULL;
}

/*
 * Loads the evidence of one engagement, of every engagement of an organisation, or of all,
 * in nine queries whatever the number. The engagements (with their summary's version) are
 * read first, so evidence read after them is at least as new as the version; KPIs before
 * their values.
 *
 * With a second connection (helper), the delivery evidence is read on it by a second thread
 * while this one reads the governance evidence: on the large dataset each half is about half
 * of the reading, and the two write different fields of each engagement's evidence (the
 * thread finds engagements with its own copy of the set, so neither writes what the other
 * reads). Both begin after the engagements' versions were read, which is all the stored
 * summaries' versions need: one snapshot is not.
 */
int trust_evidence_load(struct store *s, struct store *helper, enum trust_scope scope, long long key,
			struct evidence_set *set)
{
	struct delivery_job job;
	pthread_t thread;
	bool threaded = false;
	int rc;

	memset(set, 0, sizeof *set);
	if (statements_run(s, scope, key, set, 0, 1)) {
		trust_evidence_free(set);
		return -1;
	}
	if (helper) {
		job = (struct delivery_job){helper, key, scope, *set, 0};
		job.view.last = 0;
		threaded = pthread_create(&thread, NULL, delivery_read, &job) == 0;
	}
	rc = statements_run(s, scope, key, set, 1, threaded ? 6 : 9);
	if (threaded) {
		pthread_join(thread, NULL);
		set->kpi_by_id = job.view.kpi_by_id;
		set->kpi_min = job.view.kpi_min;
		set->kpi_max = job.view.kpi_max;
		rc = rc ? rc : job.rc;
	} else if (!rc) {
		trust_measures_index(set);
	}
	if (rc) {
		trust_evidence_free(set);
		return -1;
	}
	return 0;
}
