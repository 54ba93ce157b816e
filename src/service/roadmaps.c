/* roadmaps: use cases for buyers' roadmaps and their items, sharing them with providers, suggestions, sealed bids and awards. */
#include "roadmaps.h"

#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "clock.h"
#include "engagements.h"
#include "events.h"
#include "markdown.h"

static int int_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].i;
	return 1;
}

struct roadmap_row {
	int found;
	long long buyer, unit_id, fiscal_year, budget, items_budget;
	char title[ROADMAP_TITLE_MAX * 4 + 1];
};

static int roadmap_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct roadmap_row *r = ctx;

	(void)n;
	r->found = 1;
	r->buyer = c[1].i;
	r->unit_id = c[2].i;
	r->fiscal_year = c[4].i;
	snprintf(r->title, sizeof r->title, "%s", c[5].s ? c[5].s : "");
	r->budget = c[6].i;
	r->items_budget = c[8].i;
	return 1;
}

/* The fields of a roadmap, as created or edited: checked alike; 0, or -1 with err naming the field. */
static int roadmap_fields_check(struct store *s, const struct caller *c, const struct roadmap_input *in, long long self,
				struct error *err)
{
	struct sqlval a[3];
	long long org = 0, taken = 0;

	if (!text_line_check(in->title, ROADMAP_TITLE_MAX, "title", "a title", err))
		return -1;
	if (in->fiscal_year < FISCAL_YEAR_MIN || in->fiscal_year > FISCAL_YEAR_MAX) {
		error_set(err, 422, "invalid", "fiscal_year", "fiscal_year must be from %d to %d",
			  FISCAL_YEAR_MIN, FISCAL_YEAR_MAX);
		return -1;
	}
	if (!in->has_budget || in->budget < 0 || in->budget > BUDGET_MAX) {
		error_set(err, 422, in->has_budget ? "invalid" : "required", "budget",
			  "budget must be a whole amount from 0 to %lld", BUDGET_MAX);
		return -1;
	}
	a[0] = SQL_I(in->unit_id);
	if (store_exec(s, STMT_UNIT_ORG, a, 1, int_cb, &org, err) < 0)
		return -1;
	if (org != c->org_id) {
		error_set(err, 422, "invalid", "unit_id", "unit_id must be one of your organisation's business units");
		return -1;
	}
	a[1] = SQL_I(in->fiscal_year);
	a[2] = SQL_I(self);
	if (store_int(s, self ? STMT_ROADMAP_TAKEN_OTHER : STMT_ROADMAP_TAKEN, a, self ? 3 : 2, &taken, err) < 0)
		return -1;
	if (taken) {
		error_set(err, 409, "conflict", "fiscal_year", "this unit already has a roadmap for %lld",
			  in->fiscal_year);
		return -1;
	}
	return 0;
}

long long roadmap_create(struct store *s, const struct caller *c, const struct roadmap_input *in,
			 struct error *err)
{
	struct sqlval a[7];
	long long id;
	char now[24];

	if (roadmap_fields_check(s, c, in, 0, err))
		return -1;
	now_iso(now);
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_I(in->unit_id);
	a[2] = SQL_I(in->fiscal_year);
	a[3] = SQL_T(in->title);
	a[4] = SQL_I(in->budget);
	a[5] = SQL_I(c->user_id);
	a[6] = SQL_T(now);
	if (store_int(s, STMT_ROADMAP_INSERT, a, 7, &id, err) != 0)
		return -1;
	return id;
}


int roadmap_update(struct store *s, const struct caller *c, long long id, const struct roadmap_patch *p,
		   struct error *err)
{
	struct roadmap_row r = {0};
	struct roadmap_input in;
	struct sqlval a[5];

	a[0] = SQL_I(id);
	if (store_exec(s, STMT_ROADMAP_GET, a, 1, roadmap_row_cb, &r, err) < 0)
		return -1;
	if (!r.found) {
		error_set(err, 404, "not_found", NULL, "no such roadmap");
		return -1;
	}
	in.unit_id = p->has_unit_id ? p->unit_id : r.unit_id;
	in.fiscal_year = p->has_fiscal_year ? p->fiscal_year : r.fiscal_year;
	in.title = p->title ? p->title : r.title;
	in.budget = p->has_budget ? p->budget : r.budget;
	in.has_budget = true;
	if (roadmap_fields_check(s, c, &in, id, err))
		return -1;
	/* The budget may not fall below what the items already need. */
	if (in.budget < r.items_budget) {
		error_set(err, 422, "over_budget", "budget", "the items already need %lld; the budget may not be less", r.items_budget);
		return -1;
	}
	a[0] = SQL_I(in.unit_id);
	a[1] = SQL_I(in.fiscal_year);
	a[2] = SQL_T(in.title);
	a[3] = SQL_I(in.budget);
	a[4] = SQL_I(id);
	return store_exec(s, STMT_ROADMAP_UPDATE, a, 5, NULL, NULL, err) < 0 ? -1 : 0;
}

long long roadmap_item_create(struct store *s, long long roadmap_id, const struct item_input *in,
			      struct error *err)
{
	struct roadmap_row r = {0};
	struct date starts, ends, deadline;
	struct sqlval a[10];
	char now[24];
	long long id;

	if (!text_line_check(in->title, ROADMAP_TITLE_MAX, "title", "a title", err))
		return -1;
	if (!in->has_budget) {
		error_set(err, 422, "required", "budget", "budget is required");
		return -1;
	}
	if (!in->starts_on || !date_parse(in->starts_on, &starts)) {
		error_set(err, 422, in->starts_on ? "invalid" : "required", "starts_on", "starts_on must be a date YYYY-MM-DD");
		return -1;
	}
	if (!in->ends_on || !date_parse(in->ends_on, &ends) || date_compare(ends, starts) < 0) {
		error_set(err, 422, in->ends_on ? "invalid" : "required", "ends_on",
			  "ends_on must be a date on or after starts_on");
		return -1;
	}
	if (!item_description_check(in->description, err))
		return -1;
	if (in->open_for_bids &&
	    (!in->bid_deadline || !date_parse(in->bid_deadline, &deadline) ||
	     date_compare(deadline, clock_today()) < 0)) {
		error_set(err, 422, in->bid_deadline ? "invalid" : "required", "bid_deadline",
			  "an item open for bids needs a bid_deadline of today or later");
		return -1;
	}
	if (store_begin(s, err))
		return -1;
	a[0] = SQL_I(roadmap_id);
	if (store_exec(s, STMT_ROADMAP_GET, a, 1, roadmap_row_cb, &r, err) < 0)
		goto fail;
	if (!roadmap_budget_check(r.budget, r.items_budget, in->budget, err))
		goto fail;
	now_iso(now);
	a[0] = SQL_I(r.buyer);
	a[1] = SQL_I(roadmap_id);
	a[2] = SQL_T(in->title);
	a[3] = SQL_I(in->budget);
	a[4] = SQL_T(in->starts_on);
	a[5] = SQL_T(in->ends_on);
	a[6] = SQL_T(in->open_for_bids ? "open" : "draft");
	a[7] = in->open_for_bids ? SQL_T(in->bid_deadline) : SQL_NUL;
	a[8] = SQL_T(now);
	a[9] = SQL_T(in->description ? in->description : "");
	if (store_int(s, STMT_ITEM_INSERT, a, 10, &id, err) != 0)
		goto fail;
	if (store_commit(s, err))
		return -1;
	return id;
fail:
	store_rollback(s);
	return -1;
}

int roadmap_share(struct store *s, long long roadmap_id, const long long *org_ids, size_t n,
		  struct error *err)
{
	struct roadmap_row r = {0};
	struct sqlval a[4];
	char now[24];

	if (!n) {
		error_set(err, 422, "required", "org_ids", "name at least one provider to share with");
		return -1;
	}
	a[0] = SQL_I(roadmap_id);
	if (store_exec(s, STMT_ROADMAP_GET, a, 1, roadmap_row_cb, &r, err) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		static __thread char field[32];
		int kind = org_kind_of(s, org_ids[i], err);

		if (kind == -2)
			return -1;
		if (kind != ORG_PROVIDER) {
			snprintf(field, sizeof field, "org_ids[%zu]", i);
			error_set(err, 422, "invalid", field, "organisation %lld is not a provider", org_ids[i]);
			return -1;
		}
	}
	if (store_begin(s, err))
		return -1;
	now_iso(now);
	for (size_t i = 0; i < n; i++) {
		a[0] = SQL_I(roadmap_id);
		a[1] = SQL_I(org_ids[i]);
		a[2] = SQL_I(r.buyer);
		a[3] = SQL_T(now);
		if (store_exec(s, STMT_ROADMAP_SHARE, a, 4, NULL, NULL, err) < 0) {
			store_rollback(s);
			return -1;
		}
	}
	return store_commit(s, err);
}

/* ---- reading roadmaps and items, as the caller may see them ---- */

struct item_view {
	json_t *items;
	long long org; /* the viewing provider, or 0 for the buyer */
	struct store *s;
};

static json_t *own_bid(struct store *s, long long item, long long org, enum item_status item_status);

/* Bids stay sealed to the buyer until the day after the deadline: no count, no amount, no proposal. */
static bool item_sealed(const struct sqlval *deadline)
{
	struct date d;

	return deadline->type != SQL_TEXT || !date_parse(deadline->s, &d) || bids_sealed(d, clock_today());
}

/* The phase of an item whose status reads `status` (as the caller reads it) and whose deadline is *deadline. */
static const char *item_phase_for(const char *status, const struct sqlval *deadline)
{
	int st = item_status_parse(status);
	struct date d = {0, 0, 0};
	bool has = deadline->type == SQL_TEXT && date_parse(deadline->s, &d);

	return item_phase_name(item_phase_of(st >= 0 ? (enum item_status)st : ITEM_CLOSED, has, d, clock_today()));
}

static int item_cb(void *ctx, const struct sqlval *c, int n)
{
	struct item_view *v = ctx;
	int stored = item_status_parse(c[6].s);
	bool mine = v->org && c[12].type == SQL_INT && c[12].i == v->org;
	const char *status = c[6].s;
	json_t *o;

	(void)n;
	/*
	 * A provider never learns whether somebody else won: to every bidder but the winner, an
	 * item that is over (awarded elsewhere or closed without award) reads the same.
	 */
	if (v->org && stored >= 0)
		status = item_status_name(item_status_for_bidder((enum item_status)stored, mine));
	o = json_pack("{s:I, s:I, s:s, s:I, s:s, s:s, s:s, s:o, s:s, s:s, s:s}", "id", c[0].i, "roadmap_id", c[1].i,
		      "title", c[2].s, "budget", c[3].i, "starts_on", c[4].s, "ends_on", c[5].s, "status",
		      status, "bid_deadline", c[7].s ? json_string(c[7].s) : json_null(), "created_at", c[10].s,
		      "description", c[13].s ? c[13].s : "", "phase", item_phase_for(status, &c[7]));
	{
		struct buf html;

		buf_init(&html, 0);
		markdown_html(&html, c[13].s);
		json_object_set_new(o, "description_html", json_stringn(html.data ? html.data : "", html.len));
		buf_release(&html);
	}
	/* The rationale of an award: the buyer's, and the winner's to read; nobody else learns of it. */
	json_object_set_new(o, "award_rationale", (!v->org || mine) && c[14].type == SQL_TEXT ? json_string(c[14].s) : json_null());
	if (!v->org) {
		json_object_set_new(o, "bids", item_sealed(&c[7]) ? json_null() : json_integer(c[11].i));
		json_object_set_new(o, "awarded_bid_id", c[8].type == SQL_NULL ? json_null() : json_integer(c[8].i));
		json_object_set_new(o, "engagement_id", c[9].type == SQL_NULL ? json_null() : json_integer(c[9].i));
	} else {
		const char *outcome = stored >= 0 ? bid_outcome_name(bid_outcome_for((enum item_status)stored, mine)) : NULL;

		json_object_set_new(o, "outcome", outcome ? json_string(outcome) : json_null());
		json_object_set_new(o, "my_bid", own_bid(v->s, c[0].i, v->org, stored >= 0 ? (enum item_status)stored : ITEM_OPEN));
	}
	json_array_append_new(v->items, o);
	return 0;
}

static int bid_json_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:I, s:I, s:s, s:I, s:s, s:s, s:s}", "id", c[0].i, "item_id", c[1].i,
					     "org_id", c[2].i, "org_name", c[3].s, "amount", c[4].i, "proposal",
					     c[5].s, "status", c[6].s, "updated_at", c[7].s));
	return 0;
}

/* The bidder's own bids as it reads them once the item is over: its own outcome, nobody else's. */
static void bids_for_bidder(json_t *list, enum item_status item_status)
{
	size_t i;
	json_t *b;

	json_array_foreach(list, i, b)
	{
		int st = bid_status_parse(json_string_value(json_object_get(b, "status")));

		if (st >= 0)
			json_object_set_new(b, "status", json_string(bid_status_name(bid_status_for_bidder(item_status, (enum bid_status)st))));
	}
}

static json_t *own_bid(struct store *s, long long item, long long org, enum item_status item_status)
{
	struct sqlval a[2] = {SQL_I(item), SQL_I(org)};
	json_t *list = json_array(), *b;

	store_exec(s, STMT_BID_LIST_OWN, a, 2, bid_json_cb, list, NULL);
	bids_for_bidder(list, item_status);
	b = json_incref(json_array_get(list, 0));
	json_decref(list);
	return b ? b : json_null();
}

static int roadmap_json_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:I, s:I, s:s, s:I, s:s, s:I, s:I, s:s}", "id", c[0].i,
					     "buyer_org_id", c[1].i, "unit_id", c[2].i, "unit_name", c[3].s,
					     "fiscal_year", c[4].i, "title", c[5].s, "budget", c[6].i,
					     "items_budget", c[8].i, "created_at", c[7].s));
	return 0;
}

/* An organisation as a choice of a picker: {value, label}. */
static int org_option_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:s}", "value", c[0].i, "label", c[1].s));
	return 0;
}

json_t *roadmap_share_candidates(struct store *s, const struct caller *c)
{
	struct sqlval a[1] = {SQL_I(c->org_id)};
	json_t *list = json_array();

	if (store_exec(s, STMT_ROADMAP_SHARE_CANDIDATES, a, 1, org_option_cb, list, NULL) < 0) {
		json_decref(list);
		return NULL;
	}
	return list;
}

json_t *roadmap_get_json(struct store *s, const struct caller *c, long long id, bool buyer)
{
	struct sqlval a[1] = {SQL_I(id)};
	json_t *list = json_array(), *r;
	struct item_view v = {json_array(), buyer ? 0 : c->org_id, s};

	store_exec(s, STMT_ROADMAP_GET, a, 1, roadmap_json_cb, list, NULL);
	r = json_incref(json_array_get(list, 0));
	json_decref(list);
	if (!r) {
		json_decref(v.items);
		return NULL;
	}
	if (!buyer) {
		json_object_del(r, "items_budget");
	} else {
		json_t *shared = json_array();

		store_exec(s, STMT_ROADMAP_SHARED_WITH, a, 1, org_option_cb, shared, NULL);
		json_object_set_new(r, "shared_with", shared);
	}
	store_exec(s, STMT_ITEM_LIST_ROADMAP, a, 1, item_cb, &v, NULL);
	json_object_set_new(r, "items", v.items);
	return r;
}

json_t *roadmap_list_json(struct store *s, const struct caller *c, struct page pg)
{
	json_t *items = json_array();
	struct sqlval a[4];
	int rc;

	if (c->org_kind == ORG_BUYER) {
		a[0] = SQL_I(c->org_id);
		a[1] = SQL_I(pg.after);
		a[2] = SQL_I(pg.limit + 1);
		rc = store_exec(s, STMT_ROADMAP_LIST_BUYER, a, 3, roadmap_json_cb, items, NULL);
	} else if (c->org_kind == ORG_PROVIDER) {
		a[0] = SQL_I(c->org_id);
		a[1] = SQL_I(c->org_id);
		a[2] = SQL_I(pg.after);
		a[3] = SQL_I(pg.limit + 1);
		rc = store_exec(s, STMT_ROADMAP_LIST_VISIBLE, a, 4, roadmap_json_cb, items, NULL);
	} else {
		rc = 0;
	}
	if (rc < 0) {
		json_decref(items);
		return NULL;
	}
	if (c->org_kind != ORG_BUYER) {
		size_t i;
		json_t *x;

		json_array_foreach(items, i, x) json_object_del(x, "items_budget");
	}
	return page_wrap(items, pg.limit);
}

json_t *roadmap_item_json(struct store *s, const struct caller *c, long long item_id, bool buyer)
{
	struct sqlval a[1] = {SQL_I(item_id)};
	struct item_view v = {json_array(), buyer ? 0 : c->org_id, s};
	json_t *o;

	store_exec(s, STMT_ITEM_GET, a, 1, item_cb, &v, NULL);
	o = json_incref(json_array_get(v.items, 0));
	json_decref(v.items);
	return o;
}

/* ---- sealed bids ---- */

struct item_seed_row {
	int found;
	char title[ROADMAP_TITLE_MAX * 4 + 1], starts[11], ends[11];
};

static int item_seed_cb(void *ctx, const struct sqlval *c, int n)
{
	struct item_seed_row *r = ctx;

	(void)n;
	r->found = 1;
	snprintf(r->title, sizeof r->title, "%s", c[2].s);
	snprintf(r->starts, sizeof r->starts, "%s", c[4].s);
	snprintf(r->ends, sizeof r->ends, "%s", c[5].s);
	return 1;
}

struct item_row {
	int found;
	long long roadmap_id, buyer_org, awarded_org, budget;
	int status;
	struct date deadline;
	bool has_deadline;
	char title[ROADMAP_TITLE_MAX * 4 + 1];
};

static int item_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct item_row *r = ctx;

	(void)n;
	r->found = 1;
	r->roadmap_id = c[1].i;
	r->status = item_status_parse(c[6].s);
	r->has_deadline = c[7].s && date_parse(c[7].s, &r->deadline);
	r->awarded_org = c[12].i;
	r->budget = c[3].i;
	snprintf(r->title, sizeof r->title, "%s", c[2].s ? c[2].s : "");
	return 1;
}

static int item_load(struct store *s, long long id, struct item_row *r, struct error *err)
{
	struct sqlval a[1] = {SQL_I(id)};
	struct roadmap_row rm = {0};

	memset(r, 0, sizeof *r);
	if (store_exec(s, STMT_ITEM_GET, a, 1, item_row_cb, r, err) < 0)
		return -1;
	if (!r->found) {
		error_set(err, 404, "not_found", NULL, "no such roadmap item");
		return -1;
	}
	a[0] = SQL_I(r->roadmap_id);
	if (store_exec(s, STMT_ROADMAP_GET, a, 1, roadmap_row_cb, &rm, err) < 0)
		return -1;
	r->buyer_org = rm.buyer;
	return 0;
}

long long roadmap_item_buyer(struct store *s, long long item_id, struct error *err)
{
	struct item_row r;

	return item_load(s, item_id, &r, err) ? -1 : r.buyer_org;
}

static bool window(const struct item_row *r, struct error *err)
{
	char d[11];

	if (r->status != ITEM_OPEN || !r->has_deadline) {
		error_set(err, 409, "not_open", NULL, "this item is not open for bids");
		return false;
	}
	if (!bid_window_open(r->status, r->deadline, clock_today())) {
		date_format(r->deadline, d);
		error_set(err, 409, "deadline_passed", NULL, "bids closed on %s", d);
		return false;
	}
	return true;
}

/*
 * A new bid's id: random in [2^40, 2^53), from libsodium, so ids follow no sequence and say
 * nothing of how many bids there are; drawn again on the rare one already taken. 0, or -1.
 */
static int bid_id_draw(struct store *s, long long *id, struct error *err)
{
	for (int tries = 0; tries < 64; tries++) {
		unsigned long long bits;
		long long taken = 1;
		struct sqlval a[1];

		randombytes_buf(&bits, sizeof bits);
		if (!(*id = bid_id_from_random(bits)))
			continue;
		a[0] = SQL_I(*id);
		if (store_int(s, STMT_BID_ID_TAKEN, a, 1, &taken, err) < 0)
			return -1;
		if (!taken)
			return 0;
	}
	error_set(err, 500, "internal", NULL, "no free bid id was found");
	return -1;
}

long long bid_submit(struct store *s, const struct caller *c, long long item_id, long long amount,
		     const char *proposal, bool *above_budget, struct error *err)
{
	struct item_row r;
	struct sqlval a[8];
	char now[24];
	long long id, fresh;

	if (amount < 0 || amount > BUDGET_MAX) {
		error_set(err, 422, "invalid", "amount", "amount must be a whole amount from 0 to %lld", BUDGET_MAX);
		return -1;
	}
	if (proposal && strlen(proposal) > PROPOSAL_MAX) {
		error_set(err, 422, "too_long", "proposal", "the proposal is too long");
		return -1;
	}
	if (item_load(s, item_id, &r, err) || !window(&r, err))
		return -1;
	/* A revision keeps its bid's id (the upsert's conflict is on item and bidder); a new bid takes the fresh one. */
	if (bid_id_draw(s, &fresh, err))
		return -1;
	now_iso(now);
	a[0] = SQL_I(fresh);
	a[1] = SQL_I(r.buyer_org);
	a[2] = SQL_I(item_id);
	a[3] = SQL_I(c->org_id);
	a[4] = SQL_I(amount);
	a[5] = SQL_T(proposal ? proposal : "");
	a[6] = SQL_I(c->user_id);
	a[7] = SQL_T(now);
	if (store_int(s, STMT_BID_PUT, a, 8, &id, err) != 0)
		return -1;
	if (above_budget)
		*above_budget = bid_above_budget(amount, r.budget);
	return id;
}

struct bid_row {
	int found;
	long long item_id, org;
	int status;
};

static int bid_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct bid_row *b = ctx;

	(void)n;
	b->found = 1;
	b->item_id = c[1].i;
	b->org = c[2].i;
	b->status = bid_status_parse(c[6].s);
	return 1;
}

long long bid_item_of(struct store *s, long long bid_id)
{
	struct bid_row b = {0};
	struct sqlval a[1] = {SQL_I(bid_id)};

	if (store_exec(s, STMT_BID_GET, a, 1, bid_row_cb, &b, NULL) < 0 || !b.found)
		return 0;
	return b.item_id;
}

int bid_set_status(struct store *s, long long bid_id, const char *status, bool buyer,
		   struct error *err)
{
	struct bid_row b = {0};
	struct item_row r;
	struct sqlval a[3];
	char now[24];
	int to = bid_status_parse(status);

	a[0] = SQL_I(bid_id);
	if (store_exec(s, STMT_BID_GET, a, 1, bid_row_cb, &b, err) < 0 || item_load(s, b.item_id, &r, err))
		return -1;
	if (buyer && to == BID_SHORTLISTED) {
		if (!r.has_deadline || bids_sealed(r.deadline, clock_today()) || r.status != ITEM_OPEN ||
		    b.status == BID_WITHDRAWN) {
			error_set(err, 409, "sealed", "status", "bids can be shortlisted only after the deadline, while the item is open");
			return -1;
		}
	} else if (!buyer && to == BID_WITHDRAWN) {
		if (!window(&r, err))
			return -1;
	} else {
		error_set(err, 422, "invalid", "status",
			  buyer ? "the buyer may set a bid to shortlisted" : "a bidder may set its bid to withdrawn");
		return -1;
	}
	now_iso(now);
	a[0] = SQL_T(bid_status_name(to));
	a[1] = SQL_T(now);
	a[2] = SQL_I(bid_id);
	return store_exec(s, STMT_BID_SET_STATUS, a, 3, NULL, NULL, err) < 0 ? -1 : 0;
}

json_t *bid_list_json(struct store *s, const struct caller *c, long long item_id, bool buyer,
		      struct error *err)
{
	struct item_row r;
	struct sqlval a[2] = {SQL_I(item_id), SQL_I(c->org_id)};
	json_t *items = json_array();
	char d[11];

	if (item_load(s, item_id, &r, err)) {
		json_decref(items);
		return NULL;
	}
	if (buyer && (!r.has_deadline || bids_sealed(r.deadline, clock_today()))) {
		if (r.has_deadline)
			date_format(r.deadline, d);
		error_set(err, 409, "sealed", NULL, "bids stay sealed until the deadline (%s) has passed",
			  r.has_deadline ? d : "none set");
		json_decref(items);
		return NULL;
	}
	if (store_exec(s, buyer ? STMT_BID_LIST_ITEM : STMT_BID_LIST_OWN, a, buyer ? 1 : 2, bid_json_cb,
		       items, err) < 0) {
		json_decref(items);
		return NULL;
	}
	if (!buyer && r.status >= 0)
		bids_for_bidder(items, (enum item_status)r.status);
	return json_pack("{s:o, s:n}", "items", items, "next");
}

/* An item may be awarded once, and only after its deadline: the same answer whatever bid is named. */
static bool award_open(const struct item_row *r, struct error *err)
{
	if (r->status == ITEM_AWARDED) {
		error_set(err, 409, "conflict", NULL, "this item has already been awarded");
		return false;
	}
	if (!r->has_deadline || bids_sealed(r->deadline, clock_today())) {
		error_set(err, 409, "sealed", NULL, "bids can be awarded only after the deadline has passed");
		return false;
	}
	return true;
}

int bid_award(struct store *s, long long item_id, long long bid_id, const char *rationale, struct error *err)
{
	struct bid_row b = {0};
	struct item_row r;
	struct sqlval a[5];
	long long eng = 0, got = 0;
	char now[24], today[11];

	if (!award_rationale_check(rationale, err))
		return -1;
	/* The item is checked before the bid: while sealed, a real bid id and an unknown one get the same answer. */
	if (item_load(s, item_id, &r, err) || !award_open(&r, err))
		return -1;
	a[0] = SQL_I(bid_id);
	if (store_exec(s, STMT_BID_GET, a, 1, bid_row_cb, &b, err) < 0)
		return -1;
	if (!b.found || b.item_id != item_id || b.status == BID_WITHDRAWN) {
		error_set(err, 422, "invalid", "bid_id", "bid_id must be a standing bid on this item");
		return -1;
	}
	if (store_begin(s, err))
		return -1;
	/* The winner's engagement with the buyer, if they have one, receives the award. */
	a[0] = SQL_I(r.buyer_org);
	a[1] = SQL_I(b.org);
	if (store_exec(s, STMT_ENG_BETWEEN, a, 2, int_cb, &eng, err) < 0)
		goto fail;
	date_format(clock_today(), today);
	a[0] = SQL_I(bid_id);
	a[1] = eng ? SQL_I(eng) : SQL_NUL;
	a[2] = SQL_T(today);
	a[3] = SQL_T(rationale);
	a[4] = SQL_I(item_id);
	switch (store_int(s, STMT_ITEM_AWARD, a, 5, &got, err)) {
	case 0:
		break;
	case 1:
		error_set(err, 409, "conflict", NULL, "this item has already been awarded");
		goto fail;
	default:
		goto fail;
	}
	now_iso(now);
	a[0] = SQL_I(bid_id);
	a[1] = SQL_I(bid_id);
	a[2] = SQL_T(now);
	a[3] = SQL_I(item_id);
	if (store_exec(s, STMT_BID_SETTLE, a, 4, NULL, NULL, err) < 0)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

/* The organisations that have bid on an item (withdrawn bids included): how many, for the deadline rule. */
static int item_bidders(struct store *s, long long item_id, long long *n, struct error *err)
{
	struct sqlval a[1] = {SQL_I(item_id)};

	return store_int(s, STMT_BID_COUNT_ORGS, a, 1, n, err) < 0 ? -1 : 0;
}

/* A move of the item's status or deadline (see roadmap_item_update). */
static int item_move(struct store *s, long long item_id, const char *status, const char *bid_deadline,
		     struct error *err)
{
	struct item_row r;
	struct sqlval a[4];
	struct date d;
	char cur[11], keep[11];
	bool moved = false;
	int to;

	if (item_load(s, item_id, &r, err))
		return -1;
	to = status ? item_status_parse(status) : r.status;
	if (to != ITEM_OPEN && to != ITEM_CLOSED && to != ITEM_DRAFT) {
		error_set(err, 422, "invalid", "status", "status must be draft, open or closed (awards go through award)");
		return -1;
	}
	if (r.status == ITEM_AWARDED || r.status == ITEM_CLOSED) {
		error_set(err, 409, "conflict", "status", "an item that was awarded or closed does not move");
		return -1;
	}
	if (to == ITEM_DRAFT && r.status != ITEM_DRAFT) {
		error_set(err, 409, "conflict", "status", "an item open for bids cannot go back to draft");
		return -1;
	}
	if (r.has_deadline)
		date_format(r.deadline, cur);
	if (to == ITEM_OPEN) {
		const char *dl = bid_deadline ? bid_deadline : r.has_deadline ? cur : NULL;
		long long bidders = 0;

		if (!dl || !date_parse(dl, &d) || date_compare(d, clock_today()) < 0) {
			error_set(err, 422, dl ? "invalid" : "required", "bid_deadline", "an item open for bids needs a bid_deadline of today or later");
			return -1;
		}
		if (r.status == ITEM_OPEN && r.has_deadline && !bids_sealed(r.deadline, clock_today())) {
			error_set(err, 409, "conflict", "bid_deadline", "the deadline has passed; the bids are open");
			return -1;
		}
		if (r.status == ITEM_OPEN && r.has_deadline) {
			if (!bid_deadline_move_ok(r.deadline, d, err) || item_bidders(s, item_id, &bidders, err))
				return -1;
			moved = bidders > 0 && date_compare(d, r.deadline) != 0;
		}
		a[1] = SQL_T(dl);
	} else {
		a[1] = SQL_NUL;
	}
	a[0] = SQL_T(item_status_name(to));
	a[2] = SQL_I(item_id);
	a[3] = SQL_T(item_status_name(r.status));
	if (to == ITEM_CLOSED && r.has_deadline) {
		snprintf(keep, sizeof keep, "%s", cur);
		a[1] = SQL_T(keep);
	}
	if (!moved)
		return store_exec(s, STMT_ITEM_SET_STATUS, a, 4, NULL, NULL, err) < 0 ? -1 : 0;
	/* Every bidder is told of the move, in the transaction that makes it (the outbox, events.c). */
	if (store_begin(s, err))
		return -1;
	if (store_exec(s, STMT_ITEM_SET_STATUS, a, 4, NULL, NULL, err) < 0 ||
	    events_bid_deadline_changed(s, item_id, r.roadmap_id, r.buyer_org, r.title, cur, a[1].s, err)) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

/* Closing bidding early: the deadline becomes yesterday (bid_close_early), and every bidder is told through the outbox. */
static int item_close_bidding(struct store *s, long long item_id, struct error *err)
{
	struct item_row r;
	struct sqlval a[4];
	struct date to;
	char from[11], until[11];
	long long bidders = 0;

	if (item_load(s, item_id, &r, err))
		return -1;
	if (!r.has_deadline) {
		error_set(err, 409, "not_open", "status", "only an item open for bids can have its bidding closed early");
		return -1;
	}
	if (!bid_close_early((enum item_status)r.status, r.deadline, clock_today(), &to, err) ||
	    item_bidders(s, item_id, &bidders, err))
		return -1;
	date_format(r.deadline, from);
	date_format(to, until);
	a[0] = SQL_T("open");
	a[1] = SQL_T(until);
	a[2] = SQL_I(item_id);
	a[3] = SQL_T("open");
	if (store_exec(s, STMT_ITEM_SET_STATUS, a, 4, NULL, NULL, err) < 0)
		return -1;
	return bidders ? events_bid_deadline_changed(s, item_id, r.roadmap_id, r.buyer_org, r.title, from, until, err) : 0;
}

int roadmap_item_update(struct store *s, long long item_id, const struct item_patch *p, struct error *err)
{
	bool text = p->title || p->description;
	int rc = 0;

	if (p->title && !text_line_check(p->title, ROADMAP_TITLE_MAX, "title", "a title", err))
		return -1;
	if (!item_description_check(p->description, err))
		return -1;
	if (p->close_bidding && (p->status || p->bid_deadline)) {
		error_set(err, 422, "invalid", "close_bidding", "close_bidding goes without status or bid_deadline");
		return -1;
	}
	if (store_begin(s, err))
		return -1;
	if (text) {
		struct item_row r;
		struct sqlval a[3];

		if (item_load(s, item_id, &r, err))
			goto fail;
		if (r.status == ITEM_AWARDED || r.status == ITEM_CLOSED) {
			error_set(err, 409, "conflict", "description", "an item that was awarded or closed is not edited");
			goto fail;
		}
		a[0] = p->title ? SQL_T(p->title) : SQL_NUL;
		a[1] = p->description ? SQL_T(p->description) : SQL_NUL;
		a[2] = SQL_I(item_id);
		if (store_exec(s, STMT_ITEM_DESCRIBE, a, 3, NULL, NULL, err) < 0)
			goto fail;
	}
	if (p->close_bidding)
		rc = item_close_bidding(s, item_id, err);
	else if (p->status || p->bid_deadline || !text)
		rc = item_move(s, item_id, p->status, p->bid_deadline, err);
	if (rc)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int bid_award_engaging(struct store *s, const struct caller *c, long long item_id, long long bid_id,
		       const char *service_line, const char *rationale, struct error *err)
{
	struct bid_row b = {0};
	struct item_row r;
	struct sqlval a[2];
	long long eng = 0;
	int rc;

	if (!award_rationale_check(rationale, err))
		return -1;
	if (item_load(s, item_id, &r, err) || !award_open(&r, err))
		return -1;
	a[0] = SQL_I(bid_id);
	if (store_exec(s, STMT_BID_GET, a, 1, bid_row_cb, &b, err) < 0)
		return -1;
	if (store_begin(s, err))
		return -1;
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_I(b.org);
	if (b.found && b.item_id == item_id && store_exec(s, STMT_ENG_BETWEEN, a, 2, int_cb, &eng, err) < 0)
		goto fail;
	if (b.found && b.item_id == item_id && !eng) {
		struct sqlval g[1] = {SQL_I(item_id)};
		struct item_seed_row seed = {0, "", "", ""};
		struct engagement_input in = {0};

		if (store_exec(s, STMT_ITEM_GET, g, 1, item_seed_cb, &seed, err) < 0)
			goto fail;
		in.provider_org_id = b.org;
		in.title = seed.title;
		in.service_line = service_line ? service_line : "IT";
		in.starts_on = seed.starts;
		in.ends_on = seed.ends;
		if (engagement_create(s, c, &in, err) < 0)
			goto fail;
	}
	rc = bid_award(s, item_id, bid_id, rationale, err);
	if (rc)
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}
