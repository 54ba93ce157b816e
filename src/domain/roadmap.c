/* roadmap: the rules of roadmaps, their items and sealed bids — budgets, bidding windows, awards — with no I/O. */
#include "roadmap.h"

#include "names.h"

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
