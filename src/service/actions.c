/* actions: use cases for the action items that review decisions produce, and each person's own list. */
#include "actions.h"

#include <stdio.h>
#include <string.h>

#include "clock.h"

struct action_row {
	int found;
	long long engagement_id, owner_id;
	char title[ACTION_TITLE_MAX * 4 + 1], due_on[11], status[16], closed_on[11];
};

static int action_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct action_row *r = ctx;

	(void)n;
	r->found = 1;
	r->engagement_id = c[1].i;
	snprintf(r->title, sizeof r->title, "%s", c[3].s);
	r->owner_id = c[4].i;
	snprintf(r->due_on, sizeof r->due_on, "%s", c[6].s);
	snprintf(r->status, sizeof r->status, "%s", c[7].s);
	snprintf(r->closed_on, sizeof r->closed_on, "%s", c[12].s ? c[12].s : "");
	return 1;
}

struct parties {
	int found;
	long long buyer, provider, engagement_id;
};

static int parties_cb(void *ctx, const struct sqlval *c, int n)
{
	struct parties *p = ctx;

	p->found = 1;
	p->buyer = c[0].i;
	p->provider = c[1].i;
	p->engagement_id = n > 2 ? c[2].i : 0;
	return 1;
}

/* The merged action must have a title, a valid due date and status, and an owner of either party. */
static int action_check(struct store *s, const struct parties *p, const struct action_row *r,
			struct error *err)
{
	struct sqlval a[2];
	struct date d;
	long long roles = 0;

	if (!text_line_check(r->title, ACTION_TITLE_MAX, "title", "a title", err))
		return -1;
	if (!date_parse(r->due_on, &d)) {
		error_set(err, 422, r->due_on[0] ? "invalid" : "required", "due_on",
			  "due_on must be a date YYYY-MM-DD");
		return -1;
	}
	if (action_status_parse(r->status) < 0) {
		error_set(err, 422, "invalid", "status", "status must be open, done or dropped");
		return -1;
	}
	if (!r->owner_id) {
		error_set(err, 422, "required", "owner_id", "owner_id is required");
		return -1;
	}
	a[0] = SQL_I(r->owner_id);
	a[1] = SQL_I(p->buyer);
	if (store_int(s, STMT_USER_ROLES_IN_ORG, a, 2, &roles, err) < 0)
		return -1;
	if (roles)
		return 0;
	a[1] = SQL_I(p->provider);
	if (store_int(s, STMT_USER_ROLES_IN_ORG, a, 2, &roles, err) < 0)
		return -1;
	if (!roles) {
		error_set(err, 422, "invalid", "owner_id",
			  "the owner must be a member of the buyer or the provider of this engagement");
		return -1;
	}
	return 0;
}

static void merge(struct action_row *r, const struct action_input *in)
{
	if (in->title)
		snprintf(r->title, sizeof r->title, "%s", in->title);
	if (in->owner_id)
		r->owner_id = in->owner_id;
	if (in->due_on)
		snprintf(r->due_on, sizeof r->due_on, "%s", in->due_on);
	if (in->status) {
		bool was_open = !r->status[0] || strcmp(r->status, "open") == 0;
		bool now_open = strcmp(in->status, "open") == 0;

		/* Closing records the day (commitments are judged by it); reopening clears it. */
		if (now_open)
			r->closed_on[0] = '\0';
		else if (was_open || in->closed_on) {
			if (in->closed_on)
				snprintf(r->closed_on, sizeof r->closed_on, "%s", in->closed_on);
			else
				date_format(clock_today(), r->closed_on);
		}
		snprintf(r->status, sizeof r->status, "%s", in->status);
	}
}

static bool fits(const struct action_input *in, struct error *err)
{
	if (in->title && strlen(in->title) > ACTION_TITLE_MAX * 4) {
		error_set(err, 422, "too_long", "title", "the title is too long");
		return false;
	}
	if (in->due_on && strlen(in->due_on) > 10) {
		error_set(err, 422, "invalid", "due_on", "due_on must be a date YYYY-MM-DD");
		return false;
	}
	return true;
}

long long action_create(struct store *s, const struct caller *c, long long review_id,
			const struct action_input *in, struct error *err)
{
	struct action_row r = {0};
	struct parties p = {0};
	struct sqlval a[11];
	char now[24];
	long long id;

	if (!fits(in, err))
		return -1;
	merge(&r, in);
	if (!r.status[0])
		snprintf(r.status, sizeof r.status, "open");
	a[0] = SQL_I(review_id);
	if (store_exec(s, STMT_REVIEW_PARTIES, a, 1, parties_cb, &p, err) < 0)
		return -1;
	if (!p.found) {
		error_set(err, 404, "not_found", NULL, "no such review");
		return -1;
	}
	if (action_check(s, &p, &r, err))
		return -1;
	now_iso(now);
	a[0] = SQL_I(p.buyer);
	a[1] = SQL_I(p.engagement_id);
	a[2] = SQL_I(review_id);
	a[3] = SQL_T(r.title);
	a[4] = SQL_I(r.owner_id);
	a[5] = SQL_T(r.due_on);
	a[6] = SQL_T(r.status);
	a[7] = SQL_I(c->user_id);
	a[8] = SQL_T(now);
	a[9] = SQL_T(now);
	a[10] = r.closed_on[0] ? SQL_T(r.closed_on) : SQL_NUL;
	if (store_int(s, STMT_ACTION_INSERT, a, 11, &id, err) != 0)
		return -1;
	return id;
}

int action_update(struct store *s, long long id, const struct action_input *in, struct error *err)
{
	struct action_row r = {0};
	struct parties p = {0};
	struct sqlval a[7];
	char now[24];

	if (!fits(in, err))
		return -1;
	a[0] = SQL_I(id);
	if (store_exec(s, STMT_ACTION_GET, a, 1, action_row_cb, &r, err) < 0)
		return -1;
	if (!r.found) {
		error_set(err, 404, "not_found", NULL, "no such action");
		return -1;
	}
	a[0] = SQL_I(r.engagement_id);
	if (store_exec(s, STMT_ENG_PARTIES, a, 1, parties_cb, &p, err) < 0)
		return -1;
	merge(&r, in);
	if (action_check(s, &p, &r, err))
		return -1;
	now_iso(now);
	a[0] = SQL_T(r.title);
	a[1] = SQL_I(r.owner_id);
	a[2] = SQL_T(r.due_on);
	a[3] = SQL_T(r.status);
	a[4] = SQL_T(now);
	a[5] = r.closed_on[0] ? SQL_T(r.closed_on) : SQL_NUL;
	a[6] = SQL_I(id);
	return store_exec(s, STMT_ACTION_UPDATE, a, 7, NULL, NULL, err) < 0 ? -1 : 0;
}

struct action_list {
	json_t *items;
	struct date today;
};

static int action_json_cb(void *ctx, const struct sqlval *c, int n)
{
	struct action_list *l = ctx;
	struct date due;
	int st = action_status_parse(c[7].s);

	(void)n;
	date_parse(c[6].s, &due);
	json_array_append_new(
		l->items,
		json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:b, s:s, s:s}", "id",
			  c[0].i, "engagement_id", c[1].i, "engagement_title", c[10].s, "review_id",
			  c[2].i, "review_due_on", c[11].s, "title", c[3].s, "owner_id", c[4].i,
			  "owner_name", c[5].s, "due_on", c[6].s, "status", c[7].s, "overdue",
			  st >= 0 && action_overdue(st, due, l->today), "created_at", c[8].s,
			  "updated_at", c[9].s));
	json_object_set_new(json_array_get(l->items, json_array_size(l->items) - 1), "closed_on",
			    c[12].s ? json_string(c[12].s) : json_null());
	return 0;
}

json_t *action_get_json(struct store *s, long long id)
{
	struct action_list l = {json_array(), clock_today()};
	struct sqlval a[1] = {SQL_I(id)};
	json_t *o = NULL;

	if (store_exec(s, STMT_ACTION_GET, a, 1, action_json_cb, &l, NULL) > 0)
		o = json_incref(json_array_get(l.items, 0));
	json_decref(l.items);
	return o;
}

static json_t *action_list(struct store *s, enum stmt st, long long key, const char *status,
			   struct page pg)
{
	struct action_list l = {json_array(), clock_today()};
	const char *want = status ? status : "";
	struct sqlval a[7] = {SQL_I(key),	 SQL_T(want),	   SQL_T(want),	       SQL_I(pg.after),
			      SQL_I(pg.after), SQL_I(pg.after), SQL_I(pg.limit + 1)};

	if (store_exec(s, st, a, 7, action_json_cb, &l, NULL) < 0) {
		json_decref(l.items);
		return NULL;
	}
	return page_wrap(l.items, pg.limit);
}

json_t *action_list_review_json(struct store *s, long long review_id, const char *status,
				struct page pg)
{
	return action_list(s, STMT_ACTION_LIST_REVIEW, review_id, status, pg);
}

json_t *action_list_engagement_json(struct store *s, long long eng, const char *status,
				    struct page pg)
{
	return action_list(s, STMT_ACTION_LIST_ENG, eng, status, pg);
}

json_t *action_list_owner_json(struct store *s, long long user_id, const char *status,
			       struct page pg)
{
	return action_list(s, STMT_ACTION_LIST_OWNER, user_id, status, pg);
}
