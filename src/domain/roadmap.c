/* roadmap: the rules of roadmaps, their items and sealed bids — budgets, bidding windows, awards — with no I/O. */
#include "roadmap.h"

#include <stddef.h>
#include <string.h>

#include "names.h"
#include "org.h"

static const char *const item_names[ITEM_STATUS__MAX] = {"draft", "open", "awarded", "closed"};
static const char *const bid_names[BID_STATUS__MAX] = {"submitted", "withdrawn", "shortlisted", "won",
						       "lost"};

const char *item_status_name(enum item_status s)
{
	return names_get(item_names, ITEM_STATUS__MAX, (int)s);
}

int item_status_parse(const char *s)
{
	return names_lookup(item_names, ITEM_STATUS__MAX, s);
}

const char *bid_status_name(enum bid_status s)
{
	return names_get(bid_names, BID_STATUS__MAX, (int)s);
}

int bid_status_parse(const char *s)
{
	return names_lookup(bid_names, BID_STATUS__MAX, s);
}

bool roadmap_budget_check(long long roadmap_budget, long long other_items, long long item_budget,
			  struct error *err)
{
	if (item_budget < 0 || item_budget > BUDGET_MAX) {
		error_set(err, 422, "invalid", "budget", "budget must be from 0 to %lld", BUDGET_MAX);
		return false;
	}
	if (other_items + item_budget > roadmap_budget) {
		error_set(err, 422, "over_budget", "budget",
			  "the items would need %lld of a roadmap budget of %lld (%lld left)",
			  other_items + item_budget, roadmap_budget,
			  roadmap_budget - other_items > 0 ? roadmap_budget - other_items : 0);
		return false;
	}
	return true;
}

bool bid_window_open(enum item_status s, struct date deadline, struct date today)
{
	return s == ITEM_OPEN && date_compare(today, deadline) <= 0;
}

bool bids_sealed(struct date deadline, struct date today)
{
	return date_compare(today, deadline) <= 0;
}

bool bid_deadline_move_ok(struct date from, struct date to, struct error *err)
{
	char d[11];

	if (date_compare(to, from) >= 0)
		return true;
	date_format(from, d);
	error_set(err, 422, "deadline_shortened", "bid_deadline",
		  "an item open for bids may have its deadline extended, not brought before %s", d);
	return false;
}

static bool item_over(enum item_status item)
{
	return item == ITEM_AWARDED || item == ITEM_CLOSED;
}

enum bid_outcome bid_outcome_for(enum item_status item, bool awarded_to_caller)
{
	if (!item_over(item))
		return OUTCOME_PENDING;
	return item == ITEM_AWARDED && awarded_to_caller ? OUTCOME_AWARDED_TO_YOU : OUTCOME_NOT_AWARDED_TO_YOU;
}

const char *bid_outcome_name(enum bid_outcome o)
{
	switch (o) {
	case OUTCOME_AWARDED_TO_YOU:
		return "awarded_to_you";
	case OUTCOME_NOT_AWARDED_TO_YOU:
		return "not_awarded_to_you";
	default:
		return NULL;
	}
}

enum item_status item_status_for_bidder(enum item_status item, bool awarded_to_caller)
{
	if (!item_over(item))
		return item;
	return item == ITEM_AWARDED && awarded_to_caller ? ITEM_AWARDED : ITEM_CLOSED;
}

enum bid_status bid_status_for_bidder(enum item_status item, enum bid_status bid)
{
	if (!item_over(item) || bid == BID_WON || bid == BID_WITHDRAWN)
		return bid;
	return BID_LOST;
}

long long bid_id_from_random(unsigned long long bits)
{
	long long id = (long long)(bits & (unsigned long long)(BID_ID_END - 1));

	return id >= BID_ID_MIN ? id : 0;
}

static const char *const phase_names[PHASE__MAX] = {"draft", "open", "evaluating", "awarded", "closed"};

enum item_phase item_phase_of(enum item_status s, bool has_deadline, struct date deadline, struct date today)
{
	switch (s) {
	case ITEM_DRAFT:
		return PHASE_DRAFT;
	case ITEM_OPEN:
		return has_deadline && !bids_sealed(deadline, today) ? PHASE_EVALUATING : PHASE_OPEN;
	case ITEM_AWARDED:
		return PHASE_AWARDED;
	default:
		return PHASE_CLOSED;
	}
}

const char *item_phase_name(enum item_phase p)
{
	return names_get(phase_names, PHASE__MAX, (int)p);
}

bool bid_above_budget(long long amount, long long item_budget)
{
	return amount > item_budget;
}

bool bid_close_early(enum item_status s, struct date deadline, struct date today, struct date *to, struct error *err)
{
	if (s != ITEM_OPEN) {
		error_set(err, 409, "not_open", "status", "only an item open for bids can have its bidding closed early");
		return false;
	}
	if (!bids_sealed(deadline, today)) {
		error_set(err, 409, "deadline_passed", "status", "bidding has already closed; the bids are open");
		return false;
	}
	*to = date_add_days(today, -1);
	return true;
}

bool item_description_check(const char *description, struct error *err)
{
	if (!description || !*description)
		return true;
	if (strlen(description) > ITEM_DESCRIPTION_MAX) {
		error_set(err, 422, "too_long", "description", "the description may be at most %d bytes", ITEM_DESCRIPTION_MAX);
		return false;
	}
	if (!text_is_multiline(description, ITEM_DESCRIPTION_MAX)) {
		error_set(err, 422, "invalid", "description", "the description must be text (no control characters)");
		return false;
	}
	return true;
}

bool award_rationale_check(const char *rationale, struct error *err)
{
	if (!rationale || !*rationale) {
		error_set(err, 422, "required", "rationale", "an award needs a written rationale");
		return false;
	}
	if (strlen(rationale) > AWARD_RATIONALE_MAX) {
		error_set(err, 422, "too_long", "rationale", "the rationale may be at most %d bytes", AWARD_RATIONALE_MAX);
		return false;
	}
	if (!text_is_multiline(rationale, AWARD_RATIONALE_MAX)) {
		error_set(err, 422, "invalid", "rationale", "the rationale must be written text, not blank");
		return false;
	}
	return true;
}
