/* roadmap: the rules of roadmaps, their items and sealed bids — budgets, bidding windows, awards — with no I/O. */
#ifndef ACCORD_ROADMAP_H
#define ACCORD_ROADMAP_H

#include <stdbool.h>

#include "date.h"
#include "error.h"

enum item_status { ITEM_DRAFT, ITEM_OPEN, ITEM_AWARDED, ITEM_CLOSED, ITEM_STATUS__MAX };
enum bid_status { BID_SUBMITTED, BID_WITHDRAWN, BID_SHORTLISTED, BID_WON, BID_LOST, BID_STATUS__MAX };

const char *item_status_name(enum item_status s);
int item_status_parse(const char *s);
const char *bid_status_name(enum bid_status s);
int bid_status_parse(const char *s);

#define FISCAL_YEAR_MIN 2000
#define FISCAL_YEAR_MAX 2100
#define BUDGET_MAX 1000000000000LL /* whole currency units */

/* The items' budgets together may not exceed the roadmap's; names the field "budget". */
bool roadmap_budget_check(long long roadmap_budget, long long other_items, long long item_budget,
			  struct error *err);

/* A provider may bid, revise or withdraw while the item is open and today is on or before the deadline. */
bool bid_window_open(enum item_status s, struct date deadline, struct date today);
/* The buyer may open (see) the bids, shortlist and award only after the deadline has passed. */
bool bids_sealed(struct date deadline, struct date today);

#endif
