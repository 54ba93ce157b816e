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
 *   approval      a practice revision awaiting the approval of the caller's organisation, the
 *                 customer it was found with, for its contract managers (ROLES_PRACTICE_APPROVAL).
 *   survey        a held review whose survey period is still open and the caller's side has not
 *                 answered, for those who run reviews on that side; due when the period closes.
 *   review_to_hold a planned review due within INBOX_HORIZON_REVIEW days or overdue, for those
 *                 who run reviews on either side.
 *   minutes       a held review with no minutes recorded, for those who may edit the review; due
 *                 INBOX_MINUTES_DAYS after it was held (when the reminder says they are missing).
 *   action        the caller's own open actions due within INBOX_HORIZON_ACTION days or overdue.
 *   invitation    a summit invitation to the caller's organisation not yet answered, before the
 *                 summit starts, for the roles that may answer it (ROLES_INVITATION).
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
 *   obligation    an open obligation of an accepted engagement owed by the caller's side, due
 *                 within INBOX_HORIZON_OBLIGATION days or overdue: the buyer's to the engagement's
 *                 contract manager, the provider's to its leadership (who record them).
 *   kpi_to_submit a KPI of an accepted engagement whose last completed period (the one before
 *                 the current) has no value yet, for the provider's leadership and consultants
 *                 (who submit values); due at the end of the current period.
 *   dispute_to_answer a value the buyer disputed that has no answer yet, for the provider's
 *                 leadership (who answer disputes); no due date. A new value for the period closes
 *                 the dispute, and the item with it.
 *   renewal       an accepted engagement whose notice date (ends_on − notice_days) falls within
 *                 INBOX_HORIZON_RENEWAL days, for its contract manager and the provider's
 *                 leadership; due on the notice date. Not in INBOX_COUNT (its date arithmetic
 *                 is done here, the same on both backends).
 *
 * Items leave when done, not when seen: each kind's SQL selects only what is still undone.
 * inbox_count, the navigation's "Inbox (N)", counts the kinds marked `counted` with one
 * statement (INBOX_COUNT, built from the same SQL fragments as the lists) and runs the others.
 */
#include "inbox.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/date.h"
#include "../domain/delivery.h"
#include "access.h"
#include "attention.h"
#include "clock.h"
#include "events.h"
#include "surveys.h"
#include "trust.h"

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

/* Who gets each kind: the roles of the route that acts on it (shared ROLES_* sets), on the caller's side. */
static bool gets_acceptance(const struct caller *c)
{
	return c->org_kind == ORG_PROVIDER && (c->roles & ROLES_ACCEPT);
}

static bool gets_approval(const struct caller *c)
{
	return c->org_kind == ORG_BUYER && (c->roles & ROLES_PRACTICE_APPROVAL);
}

/* Those who run reviews on the caller's side (ACT_REVIEW_EDIT): survey, review_to_hold, minutes. */
static bool runs_reviews(const struct caller *c)
{
	return (c->org_kind == ORG_BUYER && (c->roles & ROLES_BUYER_GOV)) ||
	       (c->org_kind == ORG_PROVIDER && (c->roles & ROLES_PROVIDER_GOV));
}

static bool gets_invitation(const struct caller *c)
{
	return c->org_kind != ORG_PLATFORM && (c->roles & ROLES_INVITATION);
}

/* The caller's side of an engagement, as the surveys name it. */
static const char *side_of(const struct caller *c)
{
	return c->org_kind == ORG_BUYER ? "buyer" : "provider";
}

/* The caller's organisation as the buyer, and as the provider, of an engagement (0 for the side it is not): INBOX_SIDE's parameters. */
static long long as_buyer(const struct caller *c)
{
	return c->org_kind == ORG_BUYER ? c->org_id : 0;
}

static long long as_provider(const struct caller *c)
{
	return c->org_kind == ORG_PROVIDER ? c->org_id : 0;
}

static void date_in(long days, char out[11])
{
	date_format(date_add_days(clock_today(), days), out);
}

/* acceptance: engagements pending with the caller's organisation as provider, for those who may decide (ROLES_ACCEPT). */
static int inbox_acceptance(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	struct sqlval a[2] = {SQL_I(c->org_id), SQL_I(INBOX_KIND_MAX)};

	if (!gets_acceptance(c))
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

static int approval_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[64];

	(void)n;
	snprintf(title, sizeof title, "Approve or decline \"%s\", a practice %s found with you and asks to publish", c[1].s, c[2].s);
	snprintf(url, sizeof url, "/practices/%lld#approval", c[0].i);
	item_add(ctx, title, url, NULL, 0);
	return 0;
}

/* approval: practice revisions awaiting the caller's organisation's approval, for its contract managers (as POST /api/v1/practices/{id}/approval). */
static int inbox_approval(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	struct sqlval a[2] = {SQL_I(c->org_id), SQL_I(INBOX_KIND_MAX)};

	if (!gets_approval(c))
		return 0;
	return store_exec(s, STMT_INBOX_APPROVAL, a, 2, approval_row, in, err) < 0 ? -1 : 0;
}

static int survey_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[96], closes[11];
	struct date held;

	(void)n;
	if (!c[3].s || !date_parse(c[3].s, &held))
		return 0;
	date_format(date_add_days(held, SURVEY_PERIOD_DAYS), closes);
	snprintf(title, sizeof title, "Fill in the relationship survey after the review of \"%s\" held on %s", c[2].s, c[3].s);
	snprintf(url, sizeof url, "/engagements/%lld/trust#survey-%lld", c[1].i, c[0].i);
	item_add(ctx, title, url, closes, c[1].i);
	return 0;
}

/* survey: held reviews of the caller's side whose survey period is open and unanswered by that side, for those who run reviews (as POST .../surveys). */
static int inbox_survey(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	char cutoff[11];
	struct sqlval a[5];

	if (!runs_reviews(c))
		return 0;
	date_in(-SURVEY_PERIOD_DAYS, cutoff);
	a[0] = SQL_I(as_buyer(c));
	a[1] = SQL_I(as_provider(c));
	a[2] = SQL_T(cutoff);
	a[3] = SQL_T(side_of(c));
	a[4] = SQL_I(INBOX_KIND_MAX);
	return store_exec(s, STMT_INBOX_SURVEY, a, 5, survey_row, in, err) < 0 ? -1 : 0;
}

static int review_to_hold_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[64];

	(void)n;
	snprintf(title, sizeof title, "Prepare and hold the business review of \"%s\"", c[2].s);
	snprintf(url, sizeof url, "/reviews/%lld#record", c[0].i);
	item_add(ctx, title, url, c[3].s, c[1].i);
	return 0;
}

/* review_to_hold: planned reviews of the caller's side due soon or overdue, for those who run reviews (as PATCH /api/v1/reviews/{id}). */
static int inbox_review_to_hold(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	char horizon[11];
	struct sqlval a[4];

	if (!runs_reviews(c))
		return 0;
	date_in(INBOX_HORIZON_REVIEW, horizon);
	a[0] = SQL_I(as_buyer(c));
	a[1] = SQL_I(as_provider(c));
	a[2] = SQL_T(horizon);
	a[3] = SQL_I(INBOX_KIND_MAX);
	return store_exec(s, STMT_INBOX_REVIEW_TO_HOLD, a, 4, review_to_hold_row, in, err) < 0 ? -1 : 0;
}

static int minutes_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[64], due[11];
	struct date held;

	(void)n;
	if (!c[3].s || !date_parse(c[3].s, &held))
		return 0;
	date_format(date_add_days(held, INBOX_MINUTES_DAYS), due);
	snprintf(title, sizeof title, "Write the minutes of the review of \"%s\" held on %s", c[2].s, c[3].s);
	snprintf(url, sizeof url, "/reviews/%lld#record", c[0].i);
	item_add(ctx, title, url, due, c[1].i);
	return 0;
}

/* minutes: held reviews of the caller's side without minutes, for those who may edit the review. */
static int inbox_minutes(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	struct sqlval a[3];

	if (!runs_reviews(c))
		return 0;
	a[0] = SQL_I(as_buyer(c));
	a[1] = SQL_I(as_provider(c));
	a[2] = SQL_I(INBOX_KIND_MAX);
	return store_exec(s, STMT_INBOX_MINUTES, a, 3, minutes_row, in, err) < 0 ? -1 : 0;
}

static int action_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[64];

	(void)n;
	snprintf(title, sizeof title, "Your action \"%s\" (%s)", c[2].s, c[4].s);
	snprintf(url, sizeof url, "/actions#action-%lld", c[0].i);
	item_add(ctx, title, url, c[3].s, c[1].i);
	return 0;
}

/* action: the caller's own open actions due soon or overdue (the owner marks them done: ACT_ACTION_EDIT's REL_ASSIGNEE). */
static int inbox_action(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	char horizon[11];
	struct sqlval a[5];

	date_in(INBOX_HORIZON_ACTION, horizon);
	a[0] = SQL_I(c->user_id);
	a[1] = SQL_I(c->org_id);
	a[2] = SQL_I(c->org_id);
	a[3] = SQL_T(horizon);
	a[4] = SQL_I(INBOX_KIND_MAX);
	return store_exec(s, STMT_INBOX_ACTION, a, 5, action_row, in, err) < 0 ? -1 : 0;
}

static int invitation_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[64];

	(void)n;
	snprintf(title, sizeof title, "Answer the invitation to \"%s\", a summit %s hosts", c[1].s, c[2].s);
	snprintf(url, sizeof url, "/summits/%lld#invitations", c[0].i);
	item_add(ctx, title, url, c[3].s, 0);
	return 0;
}

/* invitation: summit invitations to the caller's organisation not yet answered, for the roles that may answer (ACT_INVITATION). */
static int inbox_invitation(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	char today[11];
	struct sqlval a[3];

	if (!gets_invitation(c))
		return 0;
	date_in(0, today);
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_T(today);
	a[2] = SQL_I(INBOX_KIND_MAX);
	return store_exec(s, STMT_INBOX_INVITATION, a, 3, invitation_row, in, err) < 0 ? -1 : 0;
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

/* Delivery (issue 17): obligations, KPI values to submit and renewals. */
static bool provider_leads(const struct caller *c)
{
	return c->org_kind == ORG_PROVIDER && (c->roles & ROLE_BIT(ROLE_PROVIDER_LEADERSHIP));
}

/* Who submits KPI values: the provider's leadership and consultants (the measurement route's permit). */
static bool submits_kpis(const struct caller *c)
{
	return c->org_kind == ORG_PROVIDER && (c->roles & ROLES_PROVIDER_GOV);
}

/* The buyer's contract managers, as the engagement's contract manager (the parameter is the user, 0 for none). */
static long long as_contract_manager(const struct caller *c)
{
	return c->org_kind == ORG_BUYER && (c->roles & ROLES_CONTRACT) ? c->user_id : 0;
}

static int obligation_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[96], today[11];

	(void)n;
	date_in(0, today);
	snprintf(title, sizeof title, "%s \"%s\" (%s)", strcmp(c[3].s, today) < 0 ? "Overdue:" : "Due soon:", c[2].s, c[4].s);
	snprintf(url, sizeof url, "/engagements/%lld/obligations#obligation-%lld", c[1].i, c[0].i);
	item_add(ctx, title, url, c[3].s, c[1].i);
	return 0;
}

/* obligation: open obligations of the caller's side due soon or overdue (as PATCH /api/v1/obligations/{id}). */
static int inbox_obligation(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	char horizon[11];
	struct sqlval a[6];

	if (!as_contract_manager(c) && !provider_leads(c))
		return 0;
	date_in(INBOX_HORIZON_OBLIGATION, horizon);
	a[0] = SQL_T(horizon);
	a[1] = SQL_I(as_buyer(c));
	a[2] = SQL_I(as_contract_manager(c));
	a[3] = SQL_I(as_provider(c));
	a[4] = SQL_I(provider_leads(c));
	a[5] = SQL_I(INBOX_KIND_MAX);
	return store_exec(s, STMT_INBOX_OBLIGATION, a, 6, obligation_row, in, err) < 0 ? -1 : 0;
}

/* The last completed period of each frequency (the one before today's) and its first and last days: INBOX_KPI_TO_SUBMIT's parameters. */
struct kpi_window {
	char last_day[2][11], first_day[2][11], period[2][8], due[2][11];
};

static void kpi_window_of(struct kpi_window *w)
{
	static const enum kpi_frequency fs[2] = {KPI_MONTHLY, KPI_QUARTERLY};

	for (int i = 0; i < 2; i++) {
		struct kpi_period now = kpi_period_of(clock_today(), fs[i]), last = kpi_period_add(now, -1);

		date_format(kpi_period_last_day(last), w->last_day[i]);
		date_format(kpi_period_first_day(last), w->first_day[i]);
		kpi_period_format(last, w->period[i]);
		date_format(kpi_period_last_day(now), w->due[i]);
	}
}

struct kpi_rows {
	struct inbox *in;
	const struct kpi_window *w;
};

static int kpi_to_submit_row(void *ctx, const struct sqlval *c, int n)
{
	struct kpi_rows *k = ctx;
	int q = strcmp(c[3].s, "monthly") != 0;
	char title[1024], url[96];

	(void)n;
	snprintf(title, sizeof title, "Submit %s for %s (%s)", c[2].s, k->w->period[q], c[4].s);
	snprintf(url, sizeof url, "/kpis/%lld#submit", c[0].i);
	item_add(k->in, title, url, k->w->due[q], c[1].i);
	return 0;
}

/* kpi_to_submit: KPIs of the caller's accepted engagements missing the last completed period's value, for those who submit values. */
static int inbox_kpi_to_submit(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	struct kpi_window w;
	struct kpi_rows k = {in, &w};
	struct sqlval a[8];

	if (!submits_kpis(c))
		return 0;
	kpi_window_of(&w);
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_T(w.last_day[0]);
	a[2] = SQL_T(w.last_day[1]);
	a[3] = SQL_T(w.first_day[0]);
	a[4] = SQL_T(w.first_day[1]);
	a[5] = SQL_T(w.period[0]);
	a[6] = SQL_T(w.period[1]);
	a[7] = SQL_I(INBOX_KIND_MAX);
	return store_exec(s, STMT_INBOX_KPI_TO_SUBMIT, a, 8, kpi_to_submit_row, &k, err) < 0 ? -1 : 0;
}

static int dispute_to_answer_row(void *ctx, const struct sqlval *c, int n)
{
	char title[1024], url[96];

	(void)n;
	snprintf(title, sizeof title, "Answer the dispute of \"%s\" for %s (%s)", c[3].s, c[4].s, c[5].s);
	snprintf(url, sizeof url, "/kpis/%lld#m%lld", c[2].i, c[0].i);
	item_add(ctx, title, url, NULL, c[1].i);
	return 0;
}

/* dispute_to_answer: values of the caller's engagements the buyer disputed and nobody answered yet, for the provider's leadership (who answer: POST /api/v1/measurements/{id}/answer). */
static int inbox_dispute_to_answer(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	struct sqlval a[2];

	if (!provider_leads(c))
		return 0;
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_I(INBOX_KIND_MAX);
	return store_exec(s, STMT_INBOX_DISPUTE_TO_ANSWER, a, 2, dispute_to_answer_row, in, err) < 0 ? -1 : 0;
}

static int renewal_row(void *ctx, const struct sqlval *c, int n)
{
	struct date ends, notice, today = clock_today();
	char title[1024], url[64], on[11];

	(void)n;
	if (!date_parse(c[2].s, &ends))
		return 0;
	notice = contract_notice_date(ends, (int)c[3].i);
	if (date_compare(notice, today) < 0 || date_compare(notice, date_add_days(today, INBOX_HORIZON_RENEWAL)) > 0)
		return 0;
	date_format(notice, on);
	snprintf(title, sizeof title, "Decide on renewing \"%s\": notice is due by %s (renewal: %s)", c[1].s, on, c[4].s);
	snprintf(url, sizeof url, "/engagements/%lld#contract", c[0].i);
	item_add(ctx, title, url, on, c[0].i);
	return 0;
}

/* renewal: the caller's engagements whose notice date is within the window, for their contract manager and the provider's leadership. */
static int inbox_renewal(struct store *s, const struct caller *c, struct inbox *in, struct error *err)
{
	char today[11];
	struct sqlval a[5];

	if (!as_contract_manager(c) && !provider_leads(c))
		return 0;
	date_in(0, today);
	a[0] = SQL_T(today);
	a[1] = SQL_I(as_buyer(c));
	a[2] = SQL_I(as_contract_manager(c));
	a[3] = SQL_I(as_provider(c));
	a[4] = SQL_I(provider_leads(c));
	return store_exec(s, STMT_INBOX_RENEWAL_CANDIDATES, a, 5, renewal_row, in, err) < 0 ? -1 : 0;
}

/* The kinds in the inbox's order; `counted`: INBOX_COUNT counts it, so inbox_count need not run it. */
static const struct {
	const char *kind;
	inbox_kind_fn fn;
	bool counted;
} kinds[] = {
	{"acceptance", inbox_acceptance, true},
	{"approval", inbox_approval, true},
	{"invitation", inbox_invitation, true},
	{"review_to_hold", inbox_review_to_hold, true},
	{"minutes", inbox_minutes, true},
	{"survey", inbox_survey, true},
	{"action", inbox_action, true},
	{"bid_deadline", inbox_bid_deadline, false},
	{"issue_to_answer", inbox_issue_to_answer, true},
	{"response_to_read", inbox_response_to_read, true},
	{"problem", inbox_problem, true},
	{"bids_to_open", inbox_bids_to_open, true},
	{"obligation", inbox_obligation, true},
	{"kpi_to_submit", inbox_kpi_to_submit, true},
	{"dispute_to_answer", inbox_dispute_to_answer, true},
	{"renewal", inbox_renewal, false},
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

long long inbox_count(struct store *s, const struct caller *c, struct error *err)
{
	char cutoff[11], review_horizon[11], action_horizon[11], today[11], obligation_horizon[11];
	struct kpi_window kw;
	const char *side = side_of(c);
	bool reviews = runs_reviews(c);
	/* The same gates as the kinds' own functions below. */
	bool provider_gov = c->org_kind == ORG_PROVIDER && (c->roles & ROLES_PROVIDER_GOV);
	bool buyer_gov = c->org_kind == ORG_BUYER && (c->roles & ROLES_BUYER_GOV);
	struct sqlval a[] = {
		/* acceptance */ SQL_I(c->org_id), SQL_I(gets_acceptance(c)),
		/* approval */ SQL_I(c->org_id), SQL_I(gets_approval(c)),
		/* survey */ SQL_I(as_buyer(c)), SQL_I(as_provider(c)), SQL_T(cutoff), SQL_T(side), SQL_I(reviews),
		/* review_to_hold */ SQL_I(as_buyer(c)), SQL_I(as_provider(c)), SQL_T(review_horizon), SQL_I(reviews),
		/* minutes */ SQL_I(as_buyer(c)), SQL_I(as_provider(c)), SQL_I(reviews),
		/* action */ SQL_I(c->user_id), SQL_I(c->org_id), SQL_I(c->org_id), SQL_T(action_horizon), SQL_I(1),
		/* invitation */ SQL_I(c->org_id), SQL_T(today), SQL_I(gets_invitation(c)),
		/* issue_to_answer */ SQL_I(c->org_id), SQL_I(provider_gov),
		/* response_to_read: issues, problem responses */ SQL_I(c->org_id), SQL_I(buyer_gov), SQL_I(c->org_id), SQL_I(buyer_gov),
		/* problem */ SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(provider_gov),
		/* bids_to_open */ SQL_I(c->org_id), SQL_T(today), SQL_I(c->org_kind == ORG_BUYER && (c->roles & ROLES_AWARD)),
		/* obligation */ SQL_T(obligation_horizon), SQL_I(as_buyer(c)), SQL_I(as_contract_manager(c)), SQL_I(as_provider(c)),
		SQL_I(provider_leads(c)), SQL_I(1),
		/* kpi_to_submit */ SQL_I(c->org_id), SQL_T(kw.last_day[0]), SQL_T(kw.last_day[1]), SQL_T(kw.first_day[0]),
		SQL_T(kw.first_day[1]), SQL_T(kw.period[0]), SQL_T(kw.period[1]), SQL_I(submits_kpis(c)),
		/* dispute_to_answer */ SQL_I(c->org_id), SQL_I(provider_leads(c)),
	};
	long long n = 0;
	struct inbox in = {NULL, NULL};

	date_in(-SURVEY_PERIOD_DAYS, cutoff);
	date_in(INBOX_HORIZON_REVIEW, review_horizon);
	date_in(INBOX_HORIZON_ACTION, action_horizon);
	date_in(0, today);
	date_in(INBOX_HORIZON_OBLIGATION, obligation_horizon);
	kpi_window_of(&kw);
	if (store_int(s, STMT_INBOX_COUNT, a, sizeof a / sizeof a[0], &n, err) < 0)
		return -1;
	in.items = json_array();
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (kinds[i].counted)
			continue;
		in.kind = kinds[i].kind;
		if (kinds[i].fn(s, c, &in, err) < 0) {
			json_decref(in.items);
			return -1;
		}
	}
	n += (long long)json_array_size(in.items);
	json_decref(in.items);
	return n;
}

bool inbox_shows_glance(const struct caller *c)
{
	return (c->org_kind == ORG_BUYER && (c->roles & ROLE_BIT(ROLE_BUYER_CXO))) ||
	       (c->org_kind == ORG_PROVIDER && (c->roles & ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)));
}

static int glance_end_row(void *ctx, const struct sqlval *c, int n)
{
	char key[24];

	(void)n;
	snprintf(key, sizeof key, "%lld", c[0].i);
	json_object_set_new(ctx, key, json_string(c[1].s ? c[1].s : ""));
	return 0;
}

/* Why an engagement needs attention, in words, most severe first (attention.c decides), then what the glance adds: a review overdue now, trust falling; empty when nothing. */
static json_t *attention_of(const struct trust_summary *t, const struct attention *a, const char *today)
{
	json_t *why = json_array(), *reasons = attention_json(a), *r;
	size_t i;

	json_array_foreach(reasons, i, r) json_array_append(why, json_object_get(r, "detail"));
	json_decref(reasons);
	if (t->next_due_on[0] && strcmp(t->next_due_on, today) < 0)
		json_array_append_new(why, json_string("review overdue"));
	if (!strcmp(t->advice, "regression"))
		json_array_append_new(why, json_string("trust falling"));
	return why;
}

json_t *inbox_glance(struct store *s, const struct caller *c)
{
	struct trust_summary *t = NULL;
	struct attention *att = NULL;
	size_t n = 0, na = 0;
	json_t *ends = json_object(), *out = json_array(), *later = json_array();
	struct sqlval a[2] = {SQL_I(c->org_id), SQL_I(c->org_id)};
	char today[11];

	date_in(0, today);
	if (trust_summaries_org(s, c, false, &t, &n) || attention_org(s, c, &att, &na) ||
	    store_exec(s, STMT_INBOX_GLANCE_ENDS, a, 2, glance_end_row, ends, NULL) < 0) {
		trust_summaries_free(t, n);
		free(att);
		json_decref(ends);
		json_decref(out);
		json_decref(later);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		char key[24];
		json_t *why = attention_of(&t[i], attention_find(att, na, t[i].engagement_id), today), *o;

		snprintf(key, sizeof key, "%lld", t[i].engagement_id);
		o = json_pack("{s:I, s:s, s:s, s:o, s:o, s:O?}", "engagement_id", t[i].engagement_id, "title",
			      t[i].title ? t[i].title : "", "counterpart",
			      (c->org_kind == ORG_PROVIDER ? t[i].buyer : t[i].provider) ? (c->org_kind == ORG_PROVIDER ? t[i].buyer : t[i].provider) : "",
			      "score", t[i].known ? json_integer((json_int_t)(t[i].score + 0.5)) : json_null(), "attention", why,
			      "ends_on", json_object_get(ends, key));
		json_array_append_new(json_array_size(why) ? out : later, o);
	}
	json_array_extend(out, later);
	json_decref(later);
	json_decref(ends);
	trust_summaries_free(t, n);
	free(att);
	return out;
}

/* Each kind's heading, for every kind the inbox knows (also those other files add); an unknown kind is "Other". */
static const struct {
	const char *kind, *label;
} kind_labels[] = {
	{"acceptance", "Engagements to accept"},
	{"approval", "Practices to approve"},
	{"invitation", "Summit invitations to answer"},
	{"issue_to_answer", "Issues to answer"},
	{"problem", "Problem statements to answer"},
	{"response_to_read", "Answers to read"},
	{"review_to_hold", "Reviews to prepare and hold"},
	{"minutes", "Minutes to write"},
	{"survey", "Surveys to fill in"},
	{"action", "Your actions due"},
	{"bids_to_open", "Bids to open"},
	{"bid_deadline", "Bid deadlines that moved"},
	{"obligation", "Obligations due"},
	{"kpi_to_submit", "Service-level values to submit"},
	{"dispute_to_answer", "Disputed values to answer"},
	{"renewal", "Renewals to decide"},
};

const char *inbox_kind_label(const char *kind)
{
	for (size_t i = 0; i < sizeof kind_labels / sizeof kind_labels[0]; i++)
		if (!strcmp(kind, kind_labels[i].kind))
			return kind_labels[i].label;
	return "Other";
}
