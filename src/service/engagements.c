/* engagements: validation and storage of engagements, their governance split and their mode history. */
#include "engagements.h"

#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "credits.h"
#include "reviews.h"
#include "trust.h"
#include "../domain/delivery.h"
#include "../util/money.h"
#include "../util/text.h"

struct eng_row {
	int found;
	long long buyer, provider, cm;
	char title[ENGAGEMENT_TITLE_MAX * 4 + 1];
	char service_line[16], starts_on[32], ends_on[32], mode[16], gov[GOV__MAX][16];
	/* The contract: -1 for an amount or notice not recorded (NULL). */
	long long contract_value, monthly_charge;
	int notice_days;
	char currency[8], renewal[16];
};

static int text_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	text_copy(ctx, 16, c[0].s ? c[0].s : "");
	return 1;
}

static int eng_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct eng_row *r = ctx;

	(void)n;
	r->found = 1;
	r->buyer = c[1].i;
	r->provider = c[3].i;
	text_copy(r->title, sizeof r->title, c[5].s);
	text_copy(r->service_line, sizeof r->service_line, c[6].s);
	text_copy(r->starts_on, sizeof r->starts_on, c[7].s);
	text_copy(r->ends_on, sizeof r->ends_on, c[8].s);
	r->cm = c[9].i;
	text_copy(r->mode, sizeof r->mode, c[11].s);
	for (int i = 0; i < GOV__MAX; i++)
		text_copy(r->gov[i], sizeof r->gov[i], c[12 + i].s);
	r->contract_value = c[23].type == SQL_NULL ? -1 : c[23].i;
	r->monthly_charge = c[24].type == SQL_NULL ? -1 : c[24].i;
	text_copy(r->currency, sizeof r->currency, c[25].s ? c[25].s : "USD");
	r->notice_days = c[26].type == SQL_NULL ? -1 : (int)c[26].i;
	text_copy(r->renewal, sizeof r->renewal, c[27].s ? c[27].s : "none");
	return 1;
}

static const char *const renewal_kinds[] = {"none", "option", "automatic", NULL};

/* An amount of the contract: a JSON number, a decimal string ("" or null clears: -1), named by field in err. */
static int money_field(json_t *v, const char *field, long long *cents, struct error *err)
{
	const char *t = json_string_value(v);

	if (json_is_null(v) || (t && !*t)) {
		*cents = -1;
		return 0;
	}
	if ((t && money_parse(t, cents)) || (json_is_number(v) && money_from_number(json_number_value(v), cents)))
		return 0;
	error_set(err, 422, "invalid", field, "%s must be an amount of at least 0 with at most 2 decimals", field);
	return -1;
}

/* The contract fields given, merged into e and checked; each bad one named. */
static int contract_merge(struct eng_row *e, const struct engagement_input *in, struct error *err)
{
	if (in->contract_value && money_field(in->contract_value, "contract_value", &e->contract_value, err))
		return -1;
	if (in->monthly_charge && money_field(in->monthly_charge, "monthly_charge", &e->monthly_charge, err))
		return -1;
	if (in->currency) {
		if (!currency_valid(in->currency)) {
			error_set(err, 422, "invalid", "currency", "currency must be an ISO 4217 code: three capital letters, e.g. USD");
			return -1;
		}
		text_copy(e->currency, sizeof e->currency, in->currency);
	}
	if (in->notice_days) {
		json_t *v = in->notice_days;
		const char *t = json_string_value(v);
		long long n = -1;
		bool ok = true;

		if (json_is_integer(v))
			n = json_integer_value(v);
		else if (t && *t)
			ok = strlen(t) <= 5 && strspn(t, "0123456789") == strlen(t) && (n = atoll(t), true);
		else if (!json_is_null(v) && !t)
			ok = false;
		if (!ok || n < -1 || n > NOTICE_DAYS_MAX || (json_is_integer(v) && n < 0)) {
			error_set(err, 422, "invalid", "notice_days", "notice_days must be a whole number of days from 0 to %d", NOTICE_DAYS_MAX);
			return -1;
		}
		e->notice_days = (int)n;
	}
	if (in->renewal) {
		bool known = false;

		for (int i = 0; renewal_kinds[i]; i++)
			known |= !strcmp(in->renewal, renewal_kinds[i]);
		if (!known) {
			error_set(err, 422, "invalid", "renewal", "renewal must be none, option or automatic");
			return -1;
		}
		text_copy(e->renewal, sizeof e->renewal, in->renewal);
	}
	return 0;
}

/* Writes the contract fields of engagement id (inside the caller's transaction). */
static int contract_save(struct store *s, long long id, const struct eng_row *e, struct error *err)
{
	struct sqlval a[6] = {
		e->contract_value < 0 ? SQL_NUL : SQL_I(e->contract_value),
		e->monthly_charge < 0 ? SQL_NUL : SQL_I(e->monthly_charge),
		SQL_T(e->currency),
		e->notice_days < 0 ? SQL_NUL : SQL_I(e->notice_days),
		SQL_T(e->renewal),
		SQL_I(id),
	};

	return store_exec(s, STMT_ENG_SET_CONTRACT, a, 6, NULL, NULL, err) < 0 ? -1 : 0;
}

/* Validates the merged engagement (every field present) against the rules. */
static int engagement_check(struct store *s, const struct caller *c, struct eng_row *e,
			    struct error *err)
{
	struct date starts, ends;
	struct sqlval a[2];
	long long roles = 0;
	int kind = org_kind_of(s, e->provider, err);

	if (kind == -2)
		return -1;
	if (kind != ORG_PROVIDER) {
		error_set(err, 422, "invalid", "provider_org_id", "no provider organisation has id %lld",
			  e->provider);
		return -1;
	}
	if (!text_line_check(e->title, ENGAGEMENT_TITLE_MAX, "title", "a title", err))
		return -1;
	if (service_line_parse(e->service_line) < 0) {
		error_set(err, 422, e->service_line[0] ? "invalid" : "required", "service_line",
			  "service_line must be IT, ITES or BPO");
		return -1;
	}
	if (!date_parse(e->starts_on, &starts)) {
		error_set(err, 422, e->starts_on[0] ? "invalid" : "required", "starts_on",
			  "starts_on must be a date YYYY-MM-DD");
		return -1;
	}
	if (!date_parse(e->ends_on, &ends)) {
		error_set(err, 422, e->ends_on[0] ? "invalid" : "required", "ends_on",
			  "ends_on must be a date YYYY-MM-DD");
		return -1;
	}
	if (!engagement_term_check(starts, ends, err))
		return -1;
	a[0] = SQL_I(e->cm);
	a[1] = SQL_I(c->org_id);
	if (store_int(s, STMT_USER_ROLES_IN_ORG, a, 2, &roles, err) < 0)
		return -1;
	if (!(roles & ROLES_CONTRACT)) {
		error_set(err, 422, "invalid", "contract_manager_id",
			  "the contract manager must be a contract or sourcing manager of the buyer");
		return -1;
	}
	for (int i = 0; i < GOV__MAX; i++) {
		if (gov_lead_parse(e->gov[i]) < 0) {
			static const char *const fields[GOV__MAX] = {
				"governance.strategic", "governance.tactical", "governance.operations"};
			error_set(err, 422, "invalid", fields[i],
				  "the lead must be buyer, provider or joint");
			return -1;
		}
	}
	return 0;
}

static void merge(struct eng_row *e, const struct engagement_input *in)
{
	if (in->provider_org_id)
		e->provider = in->provider_org_id;
	if (in->title)
		text_copy(e->title, sizeof e->title, in->title);
	if (in->service_line)
		text_copy(e->service_line, sizeof e->service_line, in->service_line);
	if (in->starts_on)
		text_copy(e->starts_on, sizeof e->starts_on, in->starts_on);
	if (in->ends_on)
		text_copy(e->ends_on, sizeof e->ends_on, in->ends_on);
	if (in->contract_manager_id)
		e->cm = in->contract_manager_id;
	for (int i = 0; i < GOV__MAX; i++)
		if (in->gov[i])
			text_copy(e->gov[i], sizeof e->gov[i], in->gov[i]);
}

long long engagement_create(struct store *s, const struct caller *c,
			    const struct engagement_input *in, struct error *err)
{
	struct governance g = governance_default();
	struct eng_row e;
	struct sqlval a[12];
	long long id = 0;
	char now[24];

	memset(&e, 0, sizeof e);
	e.cm = c->user_id;
	e.contract_value = e.monthly_charge = -1;
	e.notice_days = -1;
	text_copy(e.currency, sizeof e.currency, "USD");
	text_copy(e.renewal, sizeof e.renewal, "none");
	for (int i = 0; i < GOV__MAX; i++)
		text_copy(e.gov[i], sizeof e.gov[i], gov_lead_name(g.lead[i]));
	if (!in->provider_org_id) {
		error_set(err, 422, "required", "provider_org_id", "provider_org_id is required");
		return -1;
	}
	merge(&e, in);
	if (engagement_check(s, c, &e, err) || contract_merge(&e, in, err))
		return -1;
	now_iso(now);
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_I(e.provider);
	a[2] = SQL_T(e.title);
	a[3] = SQL_T(e.service_line);
	a[4] = SQL_T(e.starts_on);
	a[5] = SQL_T(e.ends_on);
	a[6] = SQL_I(e.cm);
	a[7] = SQL_T(e.gov[0]);
	a[8] = SQL_T(e.gov[1]);
	a[9] = SQL_T(e.gov[2]);
	a[10] = SQL_I(c->user_id);
	a[11] = SQL_T(now);
	if (store_begin(s, err))
		return -1;
	if (store_int(s, STMT_ENG_INSERT, a, 12, &id, err) != 0 || contract_save(s, id, &e, err) ||
	    store_commit(s, err)) {
		store_rollback(s);
		return -1;
	}
	return id;
}

static int load(struct store *s, long long id, struct eng_row *e, struct error *err)
{
	struct sqlval a[1] = {SQL_I(id)};

	memset(e, 0, sizeof *e);
	if (store_exec(s, STMT_ENG_GET, a, 1, eng_row_cb, e, err) < 0)
		return -1;
	if (!e->found) {
		error_set(err, 404, "not_found", NULL, "no such engagement");
		return -1;
	}
	return 0;
}

int engagement_update(struct store *s, const struct caller *c, long long id,
		      const struct engagement_input *in, struct error *err)
{
	struct eng_row e;
	struct sqlval a[9];
	long long charge_before;
	char currency_before[sizeof e.currency];

	if (load(s, id, &e, err))
		return -1;
	if (in->provider_org_id && in->provider_org_id != e.provider) {
		error_set(err, 422, "invalid", "provider_org_id",
			  "the provider of an engagement cannot change");
		return -1;
	}
	charge_before = e.monthly_charge;
	text_copy(currency_before, sizeof currency_before, e.currency);
	merge(&e, in);
	if (engagement_check(s, c, &e, err) || contract_merge(&e, in, err))
		return -1;
	a[0] = SQL_T(e.title);
	a[1] = SQL_T(e.service_line);
	a[2] = SQL_T(e.starts_on);
	a[3] = SQL_T(e.ends_on);
	a[4] = SQL_I(e.cm);
	a[5] = SQL_T(e.gov[0]);
	a[6] = SQL_T(e.gov[1]);
	a[7] = SQL_T(e.gov[2]);
	a[8] = SQL_I(id);
	if (store_begin(s, err))
		return -1;
	/* A changed term re-plans the future reviews of the mandate. */
	/* A new monthly charge or currency moves the credits still owed (applied and waived ones stay as decided). */
	if (store_exec(s, STMT_ENG_UPDATE, a, 9, NULL, NULL, err) < 0 || contract_save(s, id, &e, err) ||
	    ((in->starts_on || in->ends_on) && mandate_replan(s, id, err)) ||
	    ((e.monthly_charge != charge_before || strcmp(e.currency, currency_before)) && credits_sync_engagement(s, id, err))) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

int engagement_set_mode(struct store *s, const struct caller *c, long long id, const char *mode,
			const char *reason, struct error *err)
{
	struct eng_row e;
	struct sqlval a[6];
	char now[24];
	int to = engagement_mode_parse(mode);
	long long mid;

	if (to < 0) {
		error_set(err, 422, mode ? "invalid" : "required", "mode",
			  "mode must be vendor or partnership");
		return -1;
	}
	if (reason && strlen(reason) > MODE_REASON_MAX) {
		error_set(err, 422, "invalid", "reason", "the reason is too long");
		return -1;
	}
	if (store_begin(s, err))
		return -1;
	if (load(s, id, &e, err))
		goto fail;
	if (!engagement_mode_change_check(engagement_mode_parse(e.mode), to, reason, err))
		goto fail;
	now_iso(now);
	a[0] = SQL_T(engagement_mode_name(to));
	a[1] = SQL_I(id);
	if (store_exec(s, STMT_ENG_SET_MODE, a, 2, NULL, NULL, err) < 0)
		goto fail;
	a[0] = SQL_I(e.buyer);
	a[1] = SQL_I(id);
	a[2] = SQL_T(engagement_mode_name(to));
	a[3] = SQL_T(reason ? reason : "");
	a[4] = SQL_I(c->user_id);
	a[5] = SQL_T(now);
	if (store_int(s, STMT_ENG_MODE_INSERT, a, 6, &mid, err) != 0)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int engagement_decide(struct store *s, const struct caller *c, long long id, bool accepted,
		      const char *reason, struct error *err)
{
	struct sqlval a[5];
	char now[24];
	long long got = 0;

	if (reason && strlen(reason) > ACCEPTANCE_REASON_MAX) {
		error_set(err, 422, "invalid", "reason", "the reason is at most %d bytes", ACCEPTANCE_REASON_MAX);
		return -1;
	}
	now_iso(now);
	a[0] = SQL_T(accepted ? "accepted" : "declined");
	a[1] = SQL_I(c->user_id);
	a[2] = SQL_T(now);
	a[3] = SQL_T(reason ? reason : "");
	a[4] = SQL_I(id);
	switch (store_int(s, STMT_ENG_DECIDE, a, 5, &got, err)) {
	case 0:
		return 0;
	case 1:
		error_set(err, 409, "already_decided", NULL, "this engagement has already been accepted or declined");
		return -1;
	default:
		return -1;
	}
}

int engagement_acceptance(struct store *s, long long id, struct error *err)
{
	struct sqlval a[1] = {SQL_I(id)};
	char state[16] = "";
	int rc = store_exec(s, STMT_ENG_ACCEPTANCE, a, 1, text_cb, state, err);

	if (rc < 0)
		return -1;
	return !strcmp(state, "accepted") ? ACCEPTANCE_ACCEPTED
	       : !strcmp(state, "declined") ? ACCEPTANCE_DECLINED
	       : state[0]		  ? ACCEPTANCE_PENDING
					  : ACCEPTANCE_NONE;
}

int engagement_require_accepted(struct store *s, long long id, const char *field, struct error *err)
{
	int st = engagement_acceptance(s, id, err);

	if (st < 0)
		return -1;
	if (st == ACCEPTANCE_PENDING || st == ACCEPTANCE_DECLINED) {
		error_set(err, 409, "not_accepted", field, "the provider has not accepted this engagement");
		return -1;
	}
	return 0;
}

/* One side of an engagement: "<side>_org_id" and "<side>": {id, name, industry}. */
static void party(struct jsonw *w, const char *side, long long id, const char *name, const char *industry)
{
	char key[32];

	snprintf(key, sizeof key, "%s_org_id", side);
	jsonw_kint(w, key, id);
	jsonw_kobject(w, side);
	jsonw_kint(w, "id", id);
	jsonw_kstring(w, "name", name);
	jsonw_kstring(w, "industry", industry);
	jsonw_end_object(w);
}

/* An amount in cents as a JSON number with two decimals ("1234.50"), or null when not recorded. */
static void money_value(struct jsonw *w, const char *key, const struct sqlval *v)
{
	char t[MONEY_TEXT_MAX];

	jsonw_key(w, key);
	if (v->type == SQL_NULL) {
		jsonw_null(w);
		return;
	}
	money_format(v->i, t);
	jsonw_raw(w, t);
}

/* The contract of an ENG_COLUMNS row: amounts, currency, notice, renewal and the notice date (ends_on − notice_days; null without notice days). */
static void contract_fields(struct jsonw *w, const struct sqlval *c)
{
	struct date ends;
	char notice_on[11] = "";

	money_value(w, "contract_value", &c[23]);
	money_value(w, "monthly_charge", &c[24]);
	jsonw_kstring(w, "currency", c[25].s ? c[25].s : "USD");
	jsonw_key(w, "notice_days");
	c[26].type == SQL_NULL ? jsonw_null(w) : jsonw_int(w, c[26].i);
	jsonw_kstring(w, "renewal", c[27].s ? c[27].s : "none");
	if (c[26].type != SQL_NULL && c[8].s && date_parse(c[8].s, &ends))
		date_format(contract_notice_date(ends, (int)c[26].i), notice_on);
	jsonw_kstring(w, "notice_on", notice_on[0] ? notice_on : NULL);
}

/* The fields of an ENG_COLUMNS row, inside an object the caller opened. */
static void eng_fields(struct jsonw *w, const struct sqlval *c)
{
	jsonw_kint(w, "id", c[0].i);
	party(w, "buyer", c[1].i, c[2].s, c[16].s);
	party(w, "provider", c[3].i, c[4].s, c[17].s);
	jsonw_kstring(w, "title", c[5].s);
	jsonw_kstring(w, "service_line", c[6].s);
	jsonw_kstring(w, "starts_on", c[7].s);
	jsonw_kstring(w, "ends_on", c[8].s);
	jsonw_kint(w, "contract_manager_id", c[9].i);
	jsonw_kstring(w, "contract_manager_name", c[10].s);
	jsonw_kstring(w, "mode", c[11].s);
	jsonw_kobject(w, "governance");
	jsonw_kstring(w, "strategic", c[12].s);
	jsonw_kstring(w, "tactical", c[13].s);
	jsonw_kstring(w, "operations", c[14].s);
	jsonw_end_object(w);
	jsonw_kstring(w, "acceptance", c[18].s);
	jsonw_key(w, "acceptance_decision");
	if (c[19].type == SQL_NULL) {
		jsonw_null(w);
	} else {
		jsonw_object(w);
		jsonw_kint(w, "by", c[19].i);
		jsonw_kstring(w, "by_name", c[20].s ? c[20].s : "");
		jsonw_kstring(w, "at", c[21].s ? c[21].s : "");
		jsonw_kstring(w, "reason", c[22].s ? c[22].s : "");
		jsonw_end_object(w);
	}
	contract_fields(w, c);
}

/* A page of a list, written as the rows come: limit + 1 are asked for, and the extra one proves there is a next page. */
struct eng_page {
	struct jsonw *w;
	int limit, written;
	long long last_id;
	bool more;
};

static int eng_page_cb(void *ctx, const struct sqlval *c, int n)
{
	struct eng_page *pg = ctx;

	(void)n;
	if (pg->written == pg->limit) {
		pg->more = true;
		return 1;
	}
	jsonw_object(pg->w);
	eng_fields(pg->w, c);
	jsonw_knull(pg->w, "trust");
	jsonw_kstring(pg->w, "created_at", c[15].s);
	jsonw_end_object(pg->w);
	pg->written++;
	pg->last_id = c[0].i;
	return 0;
}

int engagement_list_write(struct store *s, const struct caller *c, struct page pg, struct jsonw *w)
{
	struct sqlval a[3] = {SQL_I(c->org_id), SQL_I(pg.after), SQL_I(pg.limit + 1)};
	struct eng_page page = {w, pg.limit, 0, 0, false};
	int rc = 0;

	jsonw_object(w);
	jsonw_karray(w, "items");
	if (c->org_kind == ORG_BUYER || c->org_kind == ORG_PROVIDER)
		rc = store_exec(s, c->org_kind == ORG_BUYER ? STMT_ENG_LIST_BUYER : STMT_ENG_LIST_PROVIDER, a, 3,
				eng_page_cb, &page, NULL);
	jsonw_end_array(w);
	jsonw_key(w, "next");
	page.more ? jsonw_int(w, page.last_id) : jsonw_null(w);
	jsonw_end_object(w);
	return rc < 0 ? -1 : 0;
}

struct expiring {
	struct jsonw *w;
	struct date today, horizon;
};

static bool within(struct date d, const struct expiring *x)
{
	return date_compare(d, x->today) >= 0 && date_compare(d, x->horizon) <= 0;
}

static int expiring_cb(void *ctx, const struct sqlval *c, int n)
{
	struct expiring *x = ctx;
	struct date ends;

	(void)n;
	if (!c[8].s || !date_parse(c[8].s, &ends))
		return 0;
	if (!within(ends, x) && (c[26].type == SQL_NULL || !within(contract_notice_date(ends, (int)c[26].i), x)))
		return 0;
	jsonw_object(x->w);
	eng_fields(x->w, c);
	jsonw_knull(x->w, "trust");
	jsonw_kstring(x->w, "created_at", c[15].s);
	jsonw_end_object(x->w);
	return 0;
}

int engagement_expiring_write(struct store *s, const struct caller *c, int days, struct jsonw *w)
{
	struct expiring x = {w, clock_today(), date_add_days(clock_today(), days)};
	char today[11];
	struct sqlval a[3];
	int rc;

	date_format(x.today, today);
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_I(c->org_id);
	a[2] = SQL_T(today);
	jsonw_object(w);
	jsonw_karray(w, "items");
	/* A notice date is never after the end: engagements ended before today cannot qualify. */
	rc = store_exec(s, STMT_ENG_EXPIRING, a, 3, expiring_cb, &x, NULL);
	jsonw_end_array(w);
	jsonw_knull(w, "next");
	jsonw_end_object(w);
	return rc < 0 ? -1 : 0;
}

static int mode_cb(void *ctx, const struct sqlval *c, int n)
{
	struct jsonw *w = ctx;

	(void)n;
	jsonw_object(w);
	jsonw_kint(w, "id", c[0].i);
	jsonw_kstring(w, "mode", c[1].s);
	jsonw_kstring(w, "reason", c[2].s);
	jsonw_kint(w, "changed_by", c[3].i);
	jsonw_kstring(w, "changed_by_name", c[4].s);
	jsonw_kstring(w, "changed_at", c[5].s);
	jsonw_end_object(w);
	return 0;
}

struct eng_one {
	struct jsonw *w;
	bool found;
	char created_at[32];
};

static int eng_one_cb(void *ctx, const struct sqlval *c, int n)
{
	struct eng_one *one = ctx;

	(void)n;
	one->found = true;
	jsonw_object(one->w);
	eng_fields(one->w, c);
	snprintf(one->created_at, sizeof one->created_at, "%s", c[15].s ? c[15].s : "");
	return 1;
}

int engagement_write(struct store *s, long long id, bool with_trust, struct jsonw *w)
{
	struct sqlval a[1] = {SQL_I(id)};
	struct eng_one one = {w, false, ""};
	struct trust_summary t;
	int rc;

	if (store_exec(s, STMT_ENG_GET, a, 1, eng_one_cb, &one, NULL) < 0)
		return -1;
	if (!one.found)
		return 1;
	jsonw_key(w, "trust");
	if (with_trust && (rc = trust_summary(s, id, &t)) <= 0) {
		if (rc < 0)
			return -1;
		trust_summary_write(w, &t);
		trust_summary_release(&t);
	} else {
		jsonw_null(w);
	}
	jsonw_kstring(w, "created_at", one.created_at);
	jsonw_karray(w, "mode_history");
	if (store_exec(s, STMT_ENG_MODE_LIST, a, 1, mode_cb, w, NULL) < 0)
		return -1;
	jsonw_end_array(w);
	jsonw_end_object(w);
	return 0;
}

/* The pages read the same JSON as the API answers, as a tree. */
static json_t *parsed(struct buf *b, int rc)
{
	json_t *j = rc == 0 && !b->overflow ? json_loads(b->data, 0, NULL) : NULL;

	buf_release(b);
	return j;
}

json_t *engagement_get_json(struct store *s, long long id)
{
	struct buf b;
	struct jsonw w;

	buf_init(&b, 0);
	jsonw_init(&w, &b);
	return parsed(&b, engagement_write(s, id, false, &w));
}

json_t *engagement_with_trust_json(struct store *s, long long id)
{
	struct buf b;
	struct jsonw w;

	buf_init(&b, 0);
	jsonw_init(&w, &b);
	return parsed(&b, engagement_write(s, id, true, &w));
}

json_t *engagement_list_json(struct store *s, const struct caller *c, struct page pg)
{
	struct buf b;
	struct jsonw w;

	buf_init(&b, 0);
	jsonw_init(&w, &b);
	return parsed(&b, engagement_list_write(s, c, pg, &w));
}
