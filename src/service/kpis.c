/* kpis: use cases for an engagement's KPIs and their measurements — definitions, a value per period with its history, disputes and answers (docs/delivery.md). */
#include "kpis.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "clock.h"
#include "credits.h"
#include "orgs.h"

double kpi_col_number(const struct sqlval *v)
{
	if (v->type == SQL_INT)
		return (double)v->i;
	return v->type == SQL_TEXT && v->s ? strtod(v->s, NULL) : 0;
}

/* A number as text for a REAL column: exact enough to read back the same double. */
void kpi_number_text(double v, char out[32])
{
	snprintf(out, 32, "%.17g", v);
}

const char *measure_outcome_name(enum measure_outcome o)
{
	return o == MEASURE_CREATED ? "created" : o == MEASURE_REPLACED ? "replaced" : "unchanged";
}

/* ---- Definitions ---- */

struct kpi_row {
	int found;
	struct kpi_def k;
	char unit[KPI_UNIT_MAX * 4 + 1];
};

static int kpi_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct kpi_row *r = ctx;

	(void)n;
	r->found = 1;
	r->k.id = c[0].i;
	r->k.engagement_id = c[1].i;
	r->k.buyer_org_id = c[2].i;
	r->k.provider_org_id = c[3].i;
	snprintf(r->k.name, sizeof r->k.name, "%s", c[4].s);
	snprintf(r->unit, sizeof r->unit, "%s", c[5].s ? c[5].s : "");
	r->k.rule.direction = strcmp(c[6].s, "lower") == 0 ? KPI_LOWER : KPI_HIGHER;
	r->k.rule.target = kpi_col_number(&c[7]);
	r->k.rule.threshold = kpi_col_number(&c[8]);
	r->k.frequency = strcmp(c[9].s, "quarterly") == 0 ? KPI_QUARTERLY : KPI_MONTHLY;
	r->k.weight = kpi_col_number(&c[10]);
	r->k.has_credit = c[11].type != SQL_NULL;
	r->k.credit_percent = r->k.has_credit ? kpi_col_number(&c[11]) : 0;
	date_parse(c[13].s, &r->k.starts_on);
	date_parse(c[14].s, &r->k.ends_on);
	return 1;
}

static int kpi_row_load(struct store *s, long long id, struct kpi_row *r, struct error *err)
{
	struct sqlval a[1] = {SQL_I(id)};

	memset(r, 0, sizeof *r);
	if (store_exec(s, STMT_KPI_GET, a, 1, kpi_row_cb, r, err) < 0)
		return -1;
	return r->found;
}

int kpi_load(struct store *s, long long id, struct kpi_def *out, struct error *err)
{
	struct kpi_row r;
	int rc = kpi_row_load(s, id, &r, err);

	if (rc > 0)
		*out = r.k;
	return rc;
}

/* The numbers of a definition: finite, a coherent rule, a positive weight, a credit of 0..100 %. */
static bool kpi_numbers_check(const struct kpi_row *r, struct error *err)
{
	if (!isfinite(r->k.weight) || r->k.weight <= 0 || r->k.weight > 1000) {
		error_set(err, 422, "invalid", "weight", "weight must be a number above 0 and at most 1000");
		return false;
	}
	if (r->k.has_credit && (!isfinite(r->k.credit_percent) || r->k.credit_percent < 0 || r->k.credit_percent > 100)) {
		error_set(err, 422, "invalid", "credit_percent", "credit_percent must be a number from 0 to 100");
		return false;
	}
	return kpi_rule_check(&r->k.rule, err);
}

static bool unit_check(const char *unit, struct error *err)
{
	if (unit && unit[0] && !text_line_check(unit, KPI_UNIT_MAX, "unit", "the unit", err))
		return false;
	return true;
}

static void merge_numbers(struct kpi_row *r, const struct kpi_input *in)
{
	if (in->unit)
		snprintf(r->unit, sizeof r->unit, "%s", in->unit);
	if (in->target)
		r->k.rule.target = *in->target;
	if (in->threshold)
		r->k.rule.threshold = *in->threshold;
	if (in->weight)
		r->k.weight = *in->weight;
	if (in->credit_percent) {
		r->k.has_credit = true;
		r->k.credit_percent = *in->credit_percent;
	}
}

static void numbers_args(const struct kpi_row *r, char t[32], char th[32], char w[32], char cr[32])
{
	kpi_number_text(r->k.rule.target, t);
	kpi_number_text(r->k.rule.threshold, th);
	kpi_number_text(r->k.weight, w);
	kpi_number_text(r->k.credit_percent, cr);
}

long long kpi_create(struct store *s, const struct caller *c, long long engagement_id, const struct kpi_input *in,
		     struct error *err)
{
	struct kpi_row r;
	struct sqlval a[12];
	char now[24], t[32], th[32], w[32], cr[32];
	long long id = 0, taken = 0;
	int d, f;

	memset(&r, 0, sizeof r);
	/* text_line_check says "required" for a missing name and "invalid" for one too long. */
	if (!text_line_check(in->name, KPI_NAME_MAX, "name", "a name", err))
		return -1;
	if (!unit_check(in->unit, err))
		return -1;
	if ((d = in->direction ? kpi_direction_parse(in->direction) : -1) < 0) {
		error_set(err, 422, in->direction ? "invalid" : "required", "direction", "direction must be higher or lower");
		return -1;
	}
	if ((f = in->frequency ? kpi_frequency_parse(in->frequency) : -1) < 0) {
		error_set(err, 422, in->frequency ? "invalid" : "required", "frequency", "frequency must be monthly or quarterly");
		return -1;
	}
	if (!in->target || !in->threshold) {
		error_set(err, 422, "required", in->target ? "threshold" : "target", "%s is required",
			  in->target ? "threshold" : "target");
		return -1;
	}
	r.k.rule.direction = (enum kpi_direction)d;
	r.k.frequency = (enum kpi_frequency)f;
	r.k.weight = 1;
	merge_numbers(&r, in);
	if (!kpi_numbers_check(&r, err))
		return -1;
	a[0] = SQL_I(engagement_id);
	if (store_int(s, STMT_KPI_COUNT_ENG, a, 1, &taken, err) < 0)
		return -1;
	if (taken >= KPI_PER_ENGAGEMENT_MAX) {
		error_set(err, 422, "too_many", "name", "an engagement has at most %d KPIs", KPI_PER_ENGAGEMENT_MAX);
		return -1;
	}
	a[1] = SQL_T(in->name);
	if (store_int(s, STMT_KPI_NAME_TAKEN, a, 2, &taken, err) < 0)
		return -1;
	if (taken) {
		error_set(err, 409, "conflict", "name", "this engagement already has a KPI named %.120s", in->name);
		return -1;
	}
	a[0] = SQL_I(engagement_id);
	if (store_int(s, STMT_KPI_ENGAGEMENT, a, 1, &r.k.buyer_org_id, err) != 0) {
		if (!err->status)
			error_set(err, 404, "not_found", NULL, "no such engagement");
		return -1;
	}
	now_iso(now);
	numbers_args(&r, t, th, w, cr);
	a[0] = SQL_I(r.k.buyer_org_id);
	a[1] = SQL_I(engagement_id);
	a[2] = SQL_T(in->name);
	a[3] = SQL_T(r.unit);
	a[4] = SQL_T(kpi_direction_name(r.k.rule.direction));
	a[5] = SQL_T(t);
	a[6] = SQL_T(th);
	a[7] = SQL_T(kpi_frequency_name(r.k.frequency));
	a[8] = SQL_T(w);
	a[9] = r.k.has_credit ? SQL_T(cr) : SQL_NUL;
	a[10] = SQL_I(c->user_id);
	a[11] = SQL_T(now);
	switch (store_int(s, STMT_KPI_INSERT, a, 12, &id, err)) {
	case 0:
		return id;
	case STORE_CONFLICT:
		error_set(err, 409, "conflict", "name", "this engagement already has a KPI named %.120s", in->name);
		/* fall through */
	default:
		return -1;
	}
}

int kpi_update(struct store *s, long long id, const struct kpi_input *in, struct error *err)
{
	struct kpi_row r;
	struct sqlval a[6];
	char t[32], th[32], w[32], cr[32];
	int rc = kpi_row_load(s, id, &r, err);

	if (rc <= 0) {
		if (rc == 0)
			error_set(err, 404, "not_found", NULL, "no such KPI");
		return -1;
	}
	if (in->name || in->direction || in->frequency) {
		const char *f = in->name ? "name" : in->direction ? "direction" : "frequency";

		error_set(err, 422, "invalid", f, "%s cannot be changed once the KPI is defined", f);
		return -1;
	}
	if (!unit_check(in->unit, err))
		return -1;
	merge_numbers(&r, in);
	if (!kpi_numbers_check(&r, err))
		return -1;
	numbers_args(&r, t, th, w, cr);
	a[0] = SQL_T(r.unit);
	a[1] = SQL_T(t);
	a[2] = SQL_T(th);
	a[3] = SQL_T(w);
	a[4] = r.k.has_credit ? SQL_T(cr) : SQL_NUL;
	a[5] = SQL_I(id);
	if (store_begin(s, err))
		return -1;
	if (store_exec(s, STMT_KPI_UPDATE, a, 6, NULL, NULL, err) < 0 || credits_sync_kpi(s, id, err) != 0 ||
	    store_commit(s, err)) {
		store_rollback(s);
		return -1;
	}
	return 0;
}

/* ---- Reading definitions ---- */

static json_t *kpi_json(const struct kpi_row *r, const char *created_at)
{
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:f, s:f, s:s, s:f, s:o, s:s, s:o}", "id", r->k.id, "engagement_id",
			 r->k.engagement_id, "name", r->k.name, "unit", r->unit, "direction",
			 kpi_direction_name(r->k.rule.direction), "target", r->k.rule.target, "threshold",
			 r->k.rule.threshold, "frequency", kpi_frequency_name(r->k.frequency), "weight", r->k.weight,
			 "credit_percent", r->k.has_credit ? json_real(r->k.credit_percent) : json_null(), "created_at",
			 created_at, "latest", json_null());
}

struct kpi_list {
	json_t *items;
};

static int kpi_list_cb(void *ctx, const struct sqlval *c, int n)
{
	struct kpi_list *l = ctx;
	struct kpi_row r;

	memset(&r, 0, sizeof r);
	kpi_row_cb(&r, c, n);
	json_array_append_new(l->items, kpi_json(&r, c[12].s));
	return 0;
}

/* Each KPI's latest value: {period, value, status, disputed}, into its item's "latest". */
struct latest_ctx {
	json_t *items;
};

static json_t *item_of(json_t *items, long long kpi_id)
{
	size_t i;
	json_t *x;

	json_array_foreach(items, i, x) if (json_integer_value(json_object_get(x, "id")) == kpi_id) return x;
	return NULL;
}

static int latest_cb(void *ctx, const struct sqlval *c, int n)
{
	struct latest_ctx *l = ctx;
	json_t *item = item_of(l->items, c[0].i);
	struct kpi_rule rule;
	double v = kpi_col_number(&c[2]);
	enum kpi_status st;

	(void)n;
	if (!item)
		return 0;
	rule.direction = kpi_direction_parse(json_string_value(json_object_get(item, "direction"))) == KPI_LOWER ? KPI_LOWER
														: KPI_HIGHER;
	rule.target = json_real_value(json_object_get(item, "target"));
	rule.threshold = json_real_value(json_object_get(item, "threshold"));
	st = kpi_status_of(&rule, v);
	json_object_set_new(item, "latest",
			    json_pack("{s:s, s:f, s:s, s:s, s:b}", "period", c[1].s, "value", v, "status", kpi_status_name(st),
				      "counted_status", kpi_status_name(kpi_status_counted(st, c[3].i != 0)), "disputed",
				      c[3].i != 0));
	return 0;
}

json_t *kpi_list_json(struct store *s, long long engagement_id)
{
	struct kpi_list l = {json_array()};
	struct sqlval a[1] = {SQL_I(engagement_id)};
	struct latest_ctx lc;

	if (store_exec(s, STMT_KPI_LIST_ENG, a, 1, kpi_list_cb, &l, NULL) < 0) {
		json_decref(l.items);
		return NULL;
	}
	lc.items = l.items;
	if (store_exec(s, STMT_KPI_LATEST_ENG, a, 1, latest_cb, &lc, NULL) < 0) {
		json_decref(l.items);
		return NULL;
	}
	return json_pack("{s:o}", "items", l.items);
}

json_t *kpi_get_json(struct store *s, long long id)
{
	struct kpi_list l = {json_array()};
	struct sqlval a[1] = {SQL_I(id)};
	json_t *o = NULL;

	if (store_exec(s, STMT_KPI_GET, a, 1, kpi_list_cb, &l, NULL) > 0)
		o = json_incref(json_array_get(l.items, 0));
	json_decref(l.items);
	if (o) {
		struct latest_ctx lc;
		json_t *one = json_array();

		json_array_append(one, o);
		lc.items = one;
		a[0] = SQL_I(json_integer_value(json_object_get(o, "engagement_id")));
		store_exec(s, STMT_KPI_LATEST_ENG, a, 1, latest_cb, &lc, NULL);
		json_decref(one);
	}
	return o;
}

/* ---- Measurements ---- */

int kpi_period_accept(const struct kpi_def *k, const char *period, const char *field, char out[8], struct error *err)
{
	struct kpi_period p;
	const char *why;
	char from[11], to[11];

	why = kpi_period_check(period ? period : "", k->frequency, clock_today(), k->starts_on, k->ends_on, &p);
	if (!why) {
		kpi_period_format(p, out);
		return 0;
	}
	date_format(k->starts_on, from);
	date_format(k->ends_on, to);
	if (strcmp(why, "future") == 0)
		error_set(err, 422, "future", field, "%s %.16s has not started yet", field, period);
	else if (strcmp(why, "outside_term") == 0)
		error_set(err, 422, "outside_term", field, "%s %.16s is outside the engagement's term (%s to %s)", field,
			  period, from, to);
	else
		error_set(err, 422, "invalid", field, "%s must be a %s period, %s", field, kpi_frequency_name(k->frequency),
			  k->frequency == KPI_QUARTERLY ? "YYYY-Qn" : "YYYY-MM");
	return -1;
}

struct defs {
	struct kpi_def *out;
	int n, max;
};

static int defs_cb(void *ctx, const struct sqlval *c, int n)
{
	struct defs *d = ctx;
	struct kpi_row r;

	if (d->n == d->max)
		return 1;
	memset(&r, 0, sizeof r);
	kpi_row_cb(&r, c, n);
	d->out[d->n++] = r.k;
	return 0;
}

int kpi_defs_of(struct store *s, long long engagement_id, struct kpi_def *out, int max, struct error *err)
{
	struct defs d = {out, 0, max};
	struct sqlval a[1] = {SQL_I(engagement_id)};

	if (store_exec(s, STMT_KPI_LIST_ENG, a, 1, defs_cb, &d, err) < 0)
		return -1;
	return d.n;
}

struct found {
	long long id;
	double value;
	char note[KPI_NOTE_MAX * 4 + 1];
	int found;
};

static int found_cb(void *ctx, const struct sqlval *c, int n)
{
	struct found *f = ctx;

	(void)n;
	f->found = 1;
	f->id = c[0].i;
	f->value = kpi_col_number(&c[1]);
	snprintf(f->note, sizeof f->note, "%s", c[2].s ? c[2].s : "");
	return 1;
}

/* Two values are the same when they print the same to 15 significant digits (what SQLite keeps as text). */
bool kpi_same_value(double a, double b)
{
	char x[32], y[32];

	snprintf(x, sizeof x, "%.15g", a);
	snprintf(y, sizeof y, "%.15g", b);
	return strcmp(x, y) == 0;
}

static int next_review_cb(void *ctx, const struct sqlval *c, int n)
{
	struct action_plan_place *p = ctx;

	(void)n;
	p->review_id = c[0].i;
	snprintf(p->due, sizeof p->due, "%s", c[1].s);
	return 1;
}

int action_plan_place(struct store *s, const struct kpi_def *k, struct action_plan_place *out, struct error *err)
{
	char today[11];
	struct sqlval a[2];

	memset(out, 0, sizeof *out);
	date_format(clock_today(), today);
	a[0] = SQL_I(k->engagement_id);
	a[1] = SQL_T(today);
	if (store_exec(s, STMT_KPI_NEXT_REVIEW, a, 2, next_review_cb, out, err) < 0)
		return -1;
	if (!out->review_id)
		return 0;
	a[0] = SQL_I(k->provider_org_id);
	a[1] = SQL_I(ROLE_BIT(ROLE_PROVIDER_LEADERSHIP));
	return store_int(s, STMT_USER_CHOICES, a, 2, &out->owner_id, err) < 0 ? -1 : 0;
}

/* "Action plan: NAME missed in " — every action plan of a KPI starts so; the periods follow, ", " between them. */
static size_t plan_prefix(const struct kpi_def *k, char *out, size_t n)
{
	int len = snprintf(out, n, "Action plan: %s missed in ", k->name);

	return len < 0 ? 0 : (size_t)len < n ? (size_t)len : n - 1;
}

/* Whether the period list of a plan's title (after the prefix) names period. */
static bool plan_lists(const char *list, const char *period)
{
	size_t n = strlen(period);

	for (const char *p = list; (p = strstr(p, period)) != NULL; p += n)
		if ((p == list || (p >= list + 2 && p[-2] == ',' && p[-1] == ' ')) && (p[n] == '\0' || p[n] == ','))
			return true;
	return false;
}

static int period_order(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The plan's title with period added to its list, in period order; false when it would pass ACTION_PLAN_TITLE_MAX. */
static bool plan_retitle(const char *title, size_t prefix_len, const char *period, char *out, size_t n)
{
	char list[ACTION_PLAN_TITLE_MAX], *periods[ACTION_PLAN_TITLE_MAX / 8 + 2], *save = NULL;
	size_t count = 0, len = prefix_len;

	if (strlen(title) + 2 + strlen(period) >= n || strlen(title + prefix_len) >= sizeof list)
		return false;
	snprintf(list, sizeof list, "%s", title + prefix_len);
	for (char *tok = strtok_r(list, ",", &save); tok && count + 1 < sizeof periods / sizeof periods[0];
	     tok = strtok_r(NULL, ",", &save))
		periods[count++] = tok + strspn(tok, " ");
	periods[count++] = (char *)period;
	qsort(periods, count, sizeof periods[0], period_order);
	memcpy(out, title, prefix_len);
	for (size_t i = 0; i < count; i++)
		len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", periods[i]);
	return len < n;
}

/* The KPI's plans on the engagement, as action_plan_add weighs them. */
struct plans_seen {
	const struct action_plan_place *place;
	const char *period;
	size_t prefix_len;
	bool listed;		  /* some plan already names the period */
	long long open_id;	  /* the open plan on the place's review, 0 if none */
	char open_title[ACTION_PLAN_TITLE_MAX];
};

/*
 * Whether list is nothing but periods joined by ", " (YYYY-MM or YYYY-Qn): the title is this
 * KPI's plan, not one of a KPI whose name starts with this one's ("Uptime missed in Q" for
 * "Uptime", "Speed missed in 2025-08, sla" for "Speed").
 */
static bool plan_list_only_periods(const char *list)
{
	for (const char *p = list;;) {
		size_t n = strcspn(p, ",");
		bool year = n == 7 && p[4] == '-';

		for (int i = 0; i < 4 && year; i++)
			year = isdigit((unsigned char)p[i]) != 0;
		if (!year || !((isdigit((unsigned char)p[5]) && isdigit((unsigned char)p[6])) ||
			       (p[5] == 'Q' && p[6] >= '1' && p[6] <= '4')))
			return false;
		if (!p[n])
			return true;
		if (p[n + 1] != ' ')
			return false;
		p += n + 2;
	}
}

static int plan_row(void *ctx, const struct sqlval *c, int n)
{
	struct plans_seen *p = ctx;

	(void)n;
	if (strlen(c[1].s) < p->prefix_len || !plan_list_only_periods(c[1].s + p->prefix_len))
		return 0;
	if (plan_lists(c[1].s + p->prefix_len, p->period))
		p->listed = true;
	if (c[2].i == p->place->review_id && !strcmp(c[3].s, "open") && !p->open_id) {
		p->open_id = c[0].i;
		snprintf(p->open_title, sizeof p->open_title, "%s", c[1].s);
	}
	return 0;
}

int action_plan_add(struct store *s, const struct caller *c, const struct kpi_def *k,
		    const struct action_plan_place *place, const char *period, const char *now, struct error *err)
{
	char prefix[ACTION_PLAN_TITLE_MAX], title[ACTION_PLAN_TITLE_MAX];
	struct plans_seen seen = {place, period, 0, false, 0, ""};
	struct sqlval a[4];

	if (!place->review_id || !place->owner_id)
		return 0;
	seen.prefix_len = plan_prefix(k, prefix, sizeof prefix);
	a[0] = SQL_I(k->engagement_id);
	/* Characters, not bytes: SQL's substr counts characters on both backends. */
	a[1] = SQL_I((long long)u8_mbsnlen((const uint8_t *)prefix, strlen(prefix)));
	a[2] = SQL_T(prefix);
	if (store_exec(s, STMT_KPI_ACTION_PLANS, a, 3, plan_row, &seen, err) < 0)
		return -1;
	if (seen.listed)
		return 0;
	if (seen.open_id) {
		/* A full list stays as it is: the plan is on the agenda, and the scorecard lists every miss. */
		if (!plan_retitle(seen.open_title, seen.prefix_len, period, title, sizeof title))
			return 0;
		a[0] = SQL_T(title);
		a[1] = SQL_T(now);
		a[2] = SQL_I(seen.open_id);
		return store_exec(s, STMT_KPI_ACTION_PLAN_RETITLE, a, 3, NULL, NULL, err) < 0 ? -1 : 0;
	}
	snprintf(title, sizeof title, "%s%s", prefix, period);
	{
		struct sqlval v[11] = {SQL_I(k->buyer_org_id), SQL_I(k->engagement_id), SQL_I(place->review_id), SQL_T(title),
				       SQL_I(place->owner_id), SQL_T(place->due), SQL_T("open"), SQL_I(c->user_id), SQL_T(now),
				       SQL_T(now), SQL_NUL};

		return store_exec(s, STMT_ACTION_INSERT, v, 11, NULL, NULL, err) < 0 ? -1 : 0;
	}
}

/* A missed value joins its KPI's action plan on the next planned review. */
static int action_plan(struct store *s, const struct caller *c, const struct kpi_def *k, const char *period,
		       struct error *err)
{
	char now[24];
	struct action_plan_place place;

	if (action_plan_place(s, k, &place, err) < 0)
		return -1;
	now_iso(now);
	return action_plan_add(s, c, k, &place, period, now, err);
}

static bool note_check(const char *note, const char *field, struct error *err)
{
	if (note && (strlen(note) > KPI_NOTE_MAX * 4 || !text_is_utf8(note, strlen(note)))) {
		error_set(err, 422, "invalid", field, "the note must be at most %d characters", KPI_NOTE_MAX);
		return false;
	}
	return true;
}

int measurement_write(struct store *s, const struct caller *c, const struct kpi_def *k, const char *period,
		      double value, const char *note, const char *source, long long *id, struct error *err)
{
	struct found f = {0};
	struct sqlval a[9];
	char now[24], v[32];
	enum measure_outcome outcome;

	if (!isfinite(value)) {
		error_set(err, 422, "invalid", "value", "value must be a finite number");
		return -1;
	}
	note = note ? note : "";
	a[0] = SQL_I(k->id);
	a[1] = SQL_T(period);
	if (store_exec(s, STMT_MEASUREMENT_FIND, a, 2, found_cb, &f, err) < 0)
		return -1;
	if (f.found && kpi_same_value(f.value, value) && strcmp(f.note, note) == 0) {
		*id = f.id;
		return MEASURE_UNCHANGED;
	}
	now_iso(now);
	kpi_number_text(value, v);
	if (f.found) {
		a[0] = SQL_I(c->user_id);
		a[1] = SQL_T(now);
		a[2] = SQL_I(f.id);
		if (store_exec(s, STMT_MEASUREMENT_KEEP, a, 3, NULL, NULL, err) < 0)
			return -1;
		a[0] = SQL_T(v);
		a[1] = SQL_T(note);
		a[2] = SQL_T(source);
		a[3] = SQL_I(c->user_id);
		a[4] = SQL_T(now);
		a[5] = SQL_I(f.id);
		if (store_exec(s, kpi_same_value(f.value, value) ? STMT_MEASUREMENT_RENOTE : STMT_MEASUREMENT_REPLACE, a, 6, NULL,
			       NULL, err) < 0)
			return -1;
		*id = f.id;
		outcome = MEASURE_REPLACED;
	} else {
		a[0] = SQL_I(k->buyer_org_id);
		a[1] = SQL_I(k->engagement_id);
		a[2] = SQL_I(k->id);
		a[3] = SQL_T(period);
		a[4] = SQL_T(v);
		a[5] = SQL_T(note);
		a[6] = SQL_T(source);
		a[7] = SQL_I(c->user_id);
		a[8] = SQL_T(now);
		if (store_int(s, STMT_MEASUREMENT_INSERT, a, 9, id, err) != 0) {
			if (!err->status)
				error_set(err, 409, "conflict", "period", "a value for this period was recorded at the same time");
			return -1;
		}
		outcome = MEASURE_CREATED;
	}
	if (credits_sync(s, k->id, period, err) != 0)
		return -1;
	if (kpi_status_of(&k->rule, value) == KPI_MISSED && action_plan(s, c, k, period, err) != 0)
		return -1;
	return (int)outcome;
}

int measurement_put(struct store *s, const struct caller *c, long long kpi_id, const char *period, double value,
		    const char *note, const char *source, long long *id, struct error *err)
{
	struct kpi_def k;
	char p[8];
	int rc = kpi_load(s, kpi_id, &k, err);

	if (rc <= 0) {
		if (rc == 0)
			error_set(err, 404, "not_found", NULL, "no such KPI");
		return -1;
	}
	if (kpi_period_accept(&k, period, "period", p, err) || !note_check(note, "note", err))
		return -1;
	if (!isfinite(value)) {
		error_set(err, 422, "invalid", "value", "value must be a finite number");
		return -1;
	}
	if (store_begin(s, err))
		return -1;
	rc = measurement_write(s, c, &k, p, value, note, source, id, err);
	if (rc < 0 || store_commit(s, err)) {
		store_rollback(s);
		return -1;
	}
	return rc;
}

static bool reason_check(const char *text, const char *field, struct error *err)
{
	if (text_is_blank(text)) {
		error_set(err, 422, "required", field, "%s is required", field);
		return false;
	}
	if (strlen(text) > KPI_REASON_MAX * 4 || !text_is_utf8(text, strlen(text))) {
		error_set(err, 422, "invalid", field, "%s must be at most %d characters", field, KPI_REASON_MAX);
		return false;
	}
	return true;
}

/*
 * One step of a dispute: the text (required) and who wrote it, when, set by stmt, which matches
 * only a value in the state the step needs; otherwise 409 code with message.
 */
static int dispute_step(struct store *s, const struct caller *c, long long id, enum stmt stmt, const char *field,
			const char *text, const char *code, const char *message, struct error *err)
{
	char now[24];
	long long got = 0;
	struct sqlval a[4] = {SQL_T(text), SQL_I(c->user_id), SQL_T(now), SQL_I(id)}; /* now is filled below */

	if (!reason_check(text, field, err))
		return -1;
	now_iso(now);
	switch (store_int(s, stmt, a, 4, &got, err)) {
	case 0:
		return 0;
	case 1:
		error_set(err, 409, code, NULL, "%s", message);
		/* fall through */
	default:
		return -1;
	}
}

int measurement_dispute(struct store *s, const struct caller *c, long long id, const char *reason, struct error *err)
{
	return dispute_step(s, c, id, STMT_MEASUREMENT_DISPUTE, "reason", reason, "already_disputed",
			    "this value is already disputed; a new value for the period closes the dispute", err);
}

int measurement_answer(struct store *s, const struct caller *c, long long id, const char *answer, struct error *err)
{
	return dispute_step(s, c, id, STMT_MEASUREMENT_ANSWER, "answer", answer, "not_disputed", "this value is not disputed",
			    err);
}

/* ---- Reading measurements ---- */

static json_t *text_or_null(const struct sqlval *v)
{
	return v->type == SQL_NULL ? json_null() : json_string(v->s);
}

static json_t *id_or_null(const struct sqlval *v)
{
	return v->type == SQL_NULL ? json_null() : json_integer(v->i);
}

static int measurement_cb(void *ctx, const struct sqlval *c, int n)
{
	json_t *items = ctx;
	struct kpi_rule rule;
	double v = kpi_col_number(&c[5]);
	bool disputed = c[11].type != SQL_NULL;
	enum kpi_status st;
	json_t *dispute = json_null();

	(void)n;
	rule.direction = strcmp(c[19].s, "lower") == 0 ? KPI_LOWER : KPI_HIGHER;
	rule.target = kpi_col_number(&c[20]);
	rule.threshold = kpi_col_number(&c[21]);
	st = kpi_status_of(&rule, v);
	if (disputed)
		dispute = json_pack("{s:s, s:I, s:o, s:s, s:o, s:o, s:o, s:o}", "reason", c[11].s, "disputed_by", c[12].i,
				    "disputed_by_name", text_or_null(&c[13]), "disputed_at", c[14].s, "answer",
				    text_or_null(&c[15]), "answered_by", id_or_null(&c[16]), "answered_by_name",
				    text_or_null(&c[17]), "answered_at", text_or_null(&c[18]));
	json_array_append_new(
		items, json_pack("{s:I, s:I, s:s, s:I, s:s, s:f, s:s, s:s, s:I, s:s, s:s, s:s, s:s, s:b, s:o, s:s}", "id",
				 c[0].i, "kpi_id", c[1].i, "kpi_name", c[2].s, "engagement_id", c[3].i, "period", c[4].s,
				 "value", v, "note", c[6].s, "source", c[7].s, "submitted_by", c[8].i, "submitted_by_name",
				 c[9].s, "submitted_at", c[10].s, "status", kpi_status_name(st), "counted_status",
				 kpi_status_name(kpi_status_counted(st, disputed)), "disputed", disputed, "dispute", dispute,
				 "unit", c[22].s ? c[22].s : ""));
	return 0;
}

static int history_cb(void *ctx, const struct sqlval *c, int n)
{
	json_t *items = ctx;

	(void)n;
	json_array_append_new(items, json_pack("{s:f, s:s, s:s, s:I, s:s, s:s, s:I, s:s, s:s}", "value",
					       kpi_col_number(&c[0]), "note", c[1].s, "source", c[2].s, "submitted_by",
					       c[3].i, "submitted_by_name", c[4].s, "submitted_at", c[5].s, "replaced_by",
					       c[6].i, "replaced_by_name", c[7].s, "replaced_at", c[8].s));
	return 0;
}

json_t *measurement_get_json(struct store *s, long long id, bool with_history)
{
	json_t *items = json_array(), *o = NULL;
	struct sqlval a[1] = {SQL_I(id)};

	if (store_exec(s, STMT_MEASUREMENT_GET, a, 1, measurement_cb, items, NULL) > 0)
		o = json_incref(json_array_get(items, 0));
	json_decref(items);
	if (o && with_history) {
		json_t *h = json_array();

		if (store_exec(s, STMT_MEASUREMENT_HISTORY, a, 1, history_cb, h, NULL) < 0) {
			json_decref(h);
			json_decref(o);
			return NULL;
		}
		json_object_set_new(o, "history", h);
	}
	return o;
}

json_t *measurement_list_json(struct store *s, long long kpi_id)
{
	json_t *items = json_array();
	struct sqlval a[1] = {SQL_I(kpi_id)};

	if (store_exec(s, STMT_MEASUREMENT_LIST_KPI, a, 1, measurement_cb, items, NULL) < 0) {
		json_decref(items);
		return NULL;
	}
	return json_pack("{s:o}", "items", items);
}

long long measurement_kpi_of(struct store *s, long long id)
{
	json_t *m = measurement_get_json(s, id, false);
	long long k = m ? json_integer_value(json_object_get(m, "kpi_id")) : 0;

	json_decref(m);
	return k;
}
