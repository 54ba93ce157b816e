/*
 * inbox: the person's inbox — every item that waits for the signed-in person to act, computed
 * on request from the store, never stored.
 *
 * Design (issue 16 builds the frame, later issues add kinds):
 * - One function per kind, listed in the table `kinds` below. Each one decides, by itself, who
 *   gets its items, with the same rules as the route that acts on them: its SQL is filtered by
 *   the caller's organisation (a bound parameter, never a later filter in C) and it returns
 *   nothing early when the caller lacks the roles that route's permit needs (a shared ROLES_*
 *   set from access.h, so the two cannot drift apart).
 * - A kind appends items {kind, title, url, due_on?, engagement_id?} to the list, at most
 *   INBOX_KIND_MAX, oldest first; url is the page where the person acts.
 * - The inbox is the kinds' items in the table's order. It has no cursor: `next` is always
 *   null, and a kind that could have more than INBOX_KIND_MAX items shows the oldest.
 * - Adding a kind (a bid deadline changed, an approval, a survey to fill in ...) is one more
 *   function and one more row of the table; nothing else changes.
 *
 * Kinds:
 *   acceptance    an engagement awaiting the provider's acceptance, for the provider's leadership.
 *   bid_deadline  the deadline of an item the caller's organisation bid on moved (the outbox,
 *                 events.c), for the provider's leadership and consultants, while bidding is open.
 *   issue_to_answer   an open strategic issue of an accepted engagement whose latest post is the
 *                 buyer's (the issue itself or a reply), for the provider's governance roles.
 *   response_to_read  an open strategic issue whose latest post is the provider's, until the buyer
 *                 replies or marks it addressed or closed; and a problem response not yet judged, or
 *                 whose conversation's latest reply is its author's, for the buyer's governance roles.
 *   problem       a problem statement shared with the caller's organisation that it has not
 *                 answered, or whose conversation under its answer the buyer spoke last in, for
 *                 the provider's governance roles.
 *   bids_to_open  an item of the caller's organisation whose bid deadline has passed, with a
 *                 standing bid, not yet awarded or closed, for the buyer's roles that may
 *                 award (ROLES_AWARD); due on the deadline.
 */
#include "inbox.h"

#include <stdio.h>

#include "access.h"
#include "clock.h"
#include "events.h"

/* The items being gathered, and the kind (its name in the table below) a function adds. */
struct inbox {
	json_t *items;
	const char *kind;
};

typedef int (*inbox_kind_fn)(struct store *s, const struct caller *c, struct inbox *in, struct error *err);

/* Appends one item of the kind being gathered; due_on and engagement_id may be NULL / 0. */
static void item_add(struct inbox *in, const char *title, const char *url, const char *due_on, long long engagement_id)
{
	json_t *o = json_pack("{s:s, s:s, s:s}", "kind", in->kind, "title", title, "url", url);

	if (!o)
		return;
	if (due_on)
		json_object_set_new(o, "due_on", json_string(due_on));
	if (engagement_id)
		json_object_set_new(o, "engagement_id", json_integer(engagement_id));
	json_array_append_new(in->items, o);
}

static int acceptance_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[64];

	(void)n;
	snprintf(title, sizeof title, "Accept or decline \"%s\", an engagement %s asks of you", c[1].s, c[2].s);
	snprintf(url, sizeof url, "/engagements/%lld#acceptance", c[0].i);
	item_add(ctx, title, url, NULL, c[0].i);
	return 0;
}

/* acceptance: engagements pending with the caller's organisation as provider, for those who may decide (ROLES_ACCEPT). */
static int inbox_acceptance(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	struct sqlval a[2] = {SQL_I(c->org_id), SQL_I(INBOX_KIND_MAX)};

	if (c->org_kind != ORG_PROVIDER || !(c->roles & ROLES_ACCEPT))
		return 0;
	return store_exec(s, STMT_INBOX_ACCEPTANCE, a, 2, acceptance_row, in, err) < 0 ? -1 : 0;
}

/* bid_deadline: the outbox's latest move of each open item's deadline the caller's organisation was told of (events.c decides who). */
static int inbox_bid_deadline(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	json_t *items = events_inbox_items(s, c);

	(void)err;
	if (!items)
		return -1;
	json_array_extend(in->items, items);
	json_decref(items);
	return 0;
}

static int issue_to_answer_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[64];

	(void)n;
	snprintf(title, sizeof title, "Answer \"%s\", a strategic issue %s shared with you", c[1].s, c[2].s);
	snprintf(url, sizeof url, "/issues/%lld#reply", c[0].i);
	item_add(ctx, title, url, NULL, c[3].i);
	return 0;
}

/* issue_to_answer: the provider's turn on an open issue of its accepted engagements (those who answer, ROLES_PROVIDER_GOV). */
static int inbox_issue_to_answer(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	struct sqlval a[2] = {SQL_I(c->org_id), SQL_I(INBOX_KIND_MAX)};

	if (c->org_kind != ORG_PROVIDER || !(c->roles & ROLES_PROVIDER_GOV))
		return 0;
	return store_exec(s, STMT_INBOX_ISSUE_TO_ANSWER, a, 2, issue_to_answer_row, in, err) < 0 ? -1 : 0;
}

static int issue_answer_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[64];

	(void)n;
	snprintf(title, sizeof title, "Read the answer from %s on \"%s\"", c[2].s, c[1].s);
	snprintf(url, sizeof url, "/issues/%lld#thread", c[0].i);
	item_add(ctx, title, url, NULL, c[3].i);
	return 0;
}

static int problem_answer_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[80];

	(void)n;
	snprintf(title, sizeof title, "Read the response from %s to the problem statement \"%s\"", c[3].s, c[2].s);
	snprintf(url, sizeof url, "/problems/%lld#response-%lld", c[0].i, c[1].i);
	item_add(ctx, title, url, NULL, c[4].type == SQL_NULL ? 0 : c[4].i);
	return 0;
}

/* response_to_read: the buyer's turn on its open issues and its problem statements' responses (those who share and judge, ROLES_BUYER_GOV). */
static int inbox_response_to_read(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	struct sqlval a[2] = {SQL_I(c->org_id), SQL_I(INBOX_KIND_MAX)};

	if (c->org_kind != ORG_BUYER || !(c->roles & ROLES_BUYER_GOV))
		return 0;
	if (store_exec(s, STMT_INBOX_ISSUE_RESPONSE_TO_READ, a, 2, issue_answer_row, in, err) < 0)
		return -1;
	return store_exec(s, STMT_INBOX_PROBLEM_RESPONSE_TO_READ, a, 2, problem_answer_row, in, err) < 0 ? -1 : 0;
}

static int problem_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[64];

	(void)n;
	if (c[4].i)
		snprintf(title, sizeof title, "Reply to %s on the problem statement \"%s\"", c[2].s, c[1].s);
	else
		snprintf(title, sizeof title, "Answer the problem statement \"%s\" from %s", c[1].s, c[2].s);
	snprintf(url, sizeof url, "/problems/%lld#responses", c[0].i);
	item_add(ctx, title, url, NULL, c[3].type == SQL_NULL ? 0 : c[3].i);
	return 0;
}

/* problem: problem statements shared with the caller's organisation that wait for its answer or its reply (ROLES_PROVIDER_GOV, who answer them). */
static int inbox_problem(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	struct sqlval a[6] = {SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(INBOX_KIND_MAX)};

	if (c->org_kind != ORG_PROVIDER || !(c->roles & ROLES_PROVIDER_GOV))
		return 0;
	return store_exec(s, STMT_INBOX_PROBLEM, a, 6, problem_row, in, err) < 0 ? -1 : 0;
}

static int bids_to_open_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[64];

	(void)n;
	snprintf(title, sizeof title, "Open the bids on \"%s\" (%s) and award it", c[1].s, c[3].s);
	snprintf(url, sizeof url, "/roadmap-items/%lld#bids", c[0].i);
	item_add(ctx, title, url, c[2].s, 0);
	return 0;
}

/* bids_to_open: the caller's organisation's items past their deadline with standing bids, for those who may award (ROLES_AWARD). */
static int inbox_bids_to_open(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	char today[11];
	struct sqlval a[3];

	if (c->org_kind != ORG_BUYER || !(c->roles & ROLES_AWARD))
		return 0;
	date_format(clock_today(), today);
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_T(today);
	a[2] = SQL_I(INBOX_KIND_MAX);
	return store_exec(s, STMT_INBOX_BIDS_TO_OPEN, a, 3, bids_to_open_row, in, err) < 0 ? -1 : 0;
}

static const struct {
	const char *kind;
	inbox_kind_fn fn;
} kinds[] = {
	{"acceptance", inbox_acceptance},
	{"bid_deadline", inbox_bid_deadline},
	{"issue_to_answer", inbox_issue_to_answer},
	{"response_to_read", inbox_response_to_read},
	{"problem", inbox_problem},
	{"bids_to_open", inbox_bids_to_open},
};

json_t *inbox_json(struct store *s, const struct caller *c, struct error *err)
{
	struct inbox in = {json_array(), NULL};

	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		in.kind = kinds[i].kind;
		if (kinds[i].fn(s, c, &in, err) < 0) {
			json_decref(in.items);
			return NULL;
		}
	}
	return json_pack("{s:o, s:n}", "items", in.items, "next");
}
