/* obligations: storage and rules of each side's obligations under an engagement; the pure rules (recurrence) are domain/delivery.c's. */
#include "obligations.h"

#include <stdio.h>
#include <string.h>

#include "../domain/delivery.h"
#include "../domain/org.h"
#include "../util/text.h"
#include "clock.h"
#include "orgs.h"

static const char *const statuses[] = {"open", "met", "missed", "waived", NULL};

static bool one_of(const char *s, const char *const *words)
{
	for (int i = 0; s && words[i]; i++)
		if (!strcmp(s, words[i]))
			return true;
	return false;
}

struct eng_parties {
	bool found;
	long long buyer;
};

static int eng_parties_cb(void *ctx, const struct sqlval *c, int n)
{
	struct eng_parties *p = ctx;

	(void)n;
	p->found = true;
	p->buyer = c[0].i;
	return 1;
}

long long obligation_create(struct store *s, const struct caller *c, long long eng,
			    const struct obligation_input *in, struct error *err)
{
	struct eng_parties p = {0};
	struct sqlval a[8];
	struct date due;
	const char *recurrence = in->recurrence ? in->recurrence : "none";
	long long id = 0;
	char now[24];

	if (!text_line_check(in->title ? in->title : "", OBLIGATION_TITLE_MAX, "title", "a title", err))
		return -1;
	if (!in->owed_by || (strcmp(in->owed_by, "buyer") && strcmp(in->owed_by, "provider"))) {
		error_set(err, 422, in->owed_by ? "invalid" : "required", "owed_by", "owed_by must be buyer or provider");
		return -1;
	}
	if (!in->due_on || !date_parse(in->due_on, &due)) {
		error_set(err, 422, in->due_on && *in->due_on ? "invalid" : "required", "due_on", "due_on must be a date YYYY-MM-DD");
		return -1;
	}
	if (obligation_recurrence_parse(recurrence) < 0) {
		error_set(err, 422, "invalid", "recurrence", "recurrence must be none, monthly, quarterly or annual");
		return -1;
	}
	a[0] = SQL_I(eng);
	if (store_exec(s, STMT_ENG_PARTIES, a, 1, eng_parties_cb, &p, err) < 0)
		return -1;
	if (!p.found) {
		error_set(err, 404, "not_found", NULL, "no such engagement");
		return -1;
	}
	now_iso(now);
	a[0] = SQL_I(p.buyer);
	a[1] = SQL_I(eng);
	a[2] = SQL_T(in->title);
	a[3] = SQL_T(in->owed_by);
	a[4] = SQL_T(in->due_on);
	a[5] = SQL_T(recurrence);
	a[6] = SQL_I(c->user_id);
	a[7] = SQL_T(now);
	return store_int(s, STMT_OBLIGATION_INSERT, a, 8, &id, err) != 0 ? -1 : id;
}

/* An obligation as decide reads it. */
struct ob_row {
	bool found;
	long long buyer, engagement_id;
	char title[OBLIGATION_TITLE_MAX * 4 + 1], owed_by[16], due_on[11], recurrence[16], status[16];
};

static int ob_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct ob_row *r = ctx;

	(void)n;
	r->found = true;
	r->engagement_id = c[1].i;
	text_copy(r->title, sizeof r->title, c[2].s);
	text_copy(r->owed_by, sizeof r->owed_by, c[3].s);
	text_copy(r->due_on, sizeof r->due_on, c[4].s);
	text_copy(r->recurrence, sizeof r->recurrence, c[5].s);
	text_copy(r->status, sizeof r->status, c[6].s);
	r->buyer = c[14].i;
	return 1;
}

/* Who may set which status (docs/delivery.md): the provider only marks its own open obligations met. */
static int decide_allowed(const struct caller *c, const struct ob_row *r, const char *status, struct error *err)
{
	if (c->org_kind == ORG_BUYER)
		return 0;
	if (strcmp(r->owed_by, "provider") != 0) {
		error_set(err, 403, "forbidden", "status", "the buyer records its own obligations");
		return -1;
	}
	if (strcmp(status, "met") != 0 || strcmp(r->status, "open") != 0) {
		error_set(err, 403, "forbidden", "status",
			  "the provider marks its own open obligations met; the buyer's contract manager reopens, waives or marks them missed");
		return -1;
	}
	return 0;
}

/* Opens the next occurrence of a recurring obligation just decided, unless it is already there. */
static int open_next(struct store *s, const struct caller *c, const struct ob_row *r, struct error *err)
{
	int rec = obligation_recurrence_parse(r->recurrence);
	struct date due;
	char next[11], now[24];
	struct sqlval a[8];
	long long n = 0, id;

	if (rec <= RECUR_NONE || !date_parse(r->due_on, &due))
		return 0;
	date_format(obligation_next_due(due, (enum obligation_recurrence)rec), next);
	a[0] = SQL_I(r->engagement_id);
	a[1] = SQL_T(r->title);
	a[2] = SQL_T(r->owed_by);
	a[3] = SQL_T(r->recurrence);
	a[4] = SQL_T(next);
	if (store_int(s, STMT_OBLIGATION_OCCURRENCE, a, 5, &n, err) < 0)
		return -1;
	if (n)
		return 0;
	now_iso(now);
	a[0] = SQL_I(r->buyer);
	a[1] = SQL_I(r->engagement_id);
	a[2] = SQL_T(r->title);
	a[3] = SQL_T(r->owed_by);
	a[4] = SQL_T(next);
	a[5] = SQL_T(r->recurrence);
	a[6] = SQL_I(c->user_id);
	a[7] = SQL_T(now);
	return store_int(s, STMT_OBLIGATION_INSERT, a, 8, &id, err) != 0 ? -1 : 0;
}

int obligation_decide(struct store *s, const struct caller *c, long long id, const char *status,
		      const char *evidence, const char *reason, struct error *err)
{
	struct ob_row r = {0};
	struct sqlval a[7];
	bool reopen;
	char now[24];
	long long got = 0;

	if (!one_of(status, statuses)) {
		error_set(err, 422, status ? "invalid" : "required", "status", "status must be open, met, missed or waived");
		return -1;
	}
	reopen = !strcmp(status, "open");
	if ((!strcmp(status, "missed") || !strcmp(status, "waived")) && text_is_blank(reason)) {
		error_set(err, 422, "required", "reason", "a reason is needed to mark an obligation %s", status);
		return -1;
	}
	if ((evidence && strlen(evidence) > OBLIGATION_TEXT_MAX) || (reason && strlen(reason) > OBLIGATION_TEXT_MAX)) {
		error_set(err, 422, "invalid", evidence && strlen(evidence) > OBLIGATION_TEXT_MAX ? "evidence" : "reason",
			  "at most %d bytes", OBLIGATION_TEXT_MAX);
		return -1;
	}
	if (store_begin(s, err))
		return -1;
	a[0] = SQL_I(id);
	if (store_exec(s, STMT_OBLIGATION_GET, a, 1, ob_row_cb, &r, err) < 0)
		goto fail;
	if (!r.found) {
		error_set(err, 404, "not_found", NULL, "no such obligation");
		goto fail;
	}
	if (decide_allowed(c, &r, status, err))
		goto fail;
	now_iso(now);
	/* Reopening clears the decision; the status read is the guard, so of two racing decisions one wins. */
	a[0] = SQL_T(status);
	a[1] = SQL_T(reopen ? "" : evidence ? evidence : "");
	a[2] = SQL_T(reopen ? "" : reason ? reason : "");
	a[3] = reopen ? SQL_NUL : SQL_I(c->user_id);
	a[4] = reopen ? SQL_NUL : SQL_T(now);
	a[5] = SQL_I(id);
	a[6] = SQL_T(r.status);
	if (store_int(s, STMT_OBLIGATION_DECIDE, a, 7, &got, err) != 0) {
		if (!err->status)
			error_set(err, 409, "conflict", "status", "the obligation changed meanwhile; reload and try again");
		goto fail;
	}
	if (!reopen && open_next(s, c, &r, err))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

struct ob_list {
	json_t *items;
	int overdue_buyer, overdue_provider;
	char today[11];
};

/* One OBLIGATION_COLUMNS row as the API answers it; overdue: open and due before today. */
static json_t *ob_json(const struct sqlval *c, const char *today, bool *overdue)
{
	*overdue = !strcmp(c[6].s, "open") && strcmp(c[4].s, today) < 0;
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:b, s:s, s:s, s:o, s:o, s:o, s:I, s:s}", "id", c[0].i,
			 "engagement_id", c[1].i, "title", c[2].s, "owed_by", c[3].s, "due_on", c[4].s, "recurrence",
			 c[5].s, "status", c[6].s, "overdue", *overdue, "evidence", c[7].s ? c[7].s : "", "reason",
			 c[8].s ? c[8].s : "", "decided_by", c[9].type == SQL_NULL ? json_null() : json_integer(c[9].i),
			 "decided_by_name", c[10].s ? json_string(c[10].s) : json_null(), "decided_at",
			 c[11].s ? json_string(c[11].s) : json_null(), "created_by", c[12].i, "created_at", c[13].s);
}

static int ob_list_cb(void *ctx, const struct sqlval *c, int n)
{
	struct ob_list *l = ctx;
	bool overdue;

	(void)n;
	json_array_append_new(l->items, ob_json(c, l->today, &overdue));
	if (overdue)
		*(!strcmp(c[3].s, "buyer") ? &l->overdue_buyer : &l->overdue_provider) += 1;
	return 0;
}

json_t *obligations_json(struct store *s, long long eng)
{
	struct ob_list l = {json_array(), 0, 0, ""};
	struct sqlval a[1] = {SQL_I(eng)};

	date_format(clock_today(), l.today);
	if (store_exec(s, STMT_OBLIGATION_LIST, a, 1, ob_list_cb, &l, NULL) < 0) {
		json_decref(l.items);
		return NULL;
	}
	return json_pack("{s:o, s:{s:i, s:i}, s:n}", "items", l.items, "overdue", "buyer", l.overdue_buyer, "provider",
			 l.overdue_provider, "next");
}

static int ob_one_cb(void *ctx, const struct sqlval *c, int n)
{
	char today[11];
	bool overdue;

	(void)n;
	date_format(clock_today(), today);
	*(json_t **)ctx = ob_json(c, today, &overdue);
	return 1;
}

json_t *obligation_json(struct store *s, long long id)
{
	struct sqlval a[1] = {SQL_I(id)};
	json_t *o = NULL;

	if (store_exec(s, STMT_OBLIGATION_GET, a, 1, ob_one_cb, &o, NULL) < 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}
