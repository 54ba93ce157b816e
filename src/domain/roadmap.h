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

/*
 * Moving the bid deadline of an item open for bids: it may be extended (or kept) but not
 * shortened (422 deadline_shortened, field bid_deadline) — whether or not anybody has bid,
 * so the answer tells the buyer nothing about the sealed bids. A draft's deadline is free.
 */
bool bid_deadline_move_ok(struct date from, struct date to, struct error *err);

/*
 * What a bidder reads of an item that is over (awarded or closed): only the winner learns
 * it won; every other provider reads the same whether another won or nobody did.
 */
enum bid_outcome { OUTCOME_PENDING, OUTCOME_AWARDED_TO_YOU, OUTCOME_NOT_AWARDED_TO_YOU };
enum bid_outcome bid_outcome_for(enum item_status item, bool awarded_to_caller);
/* "awarded_to_you", "not_awarded_to_you", or NULL while the item is not over. */
const char *bid_outcome_name(enum bid_outcome o);
/* The item's status as a provider reads it: "awarded" to the winner, "closed" to everyone else once it is over. */
enum item_status item_status_for_bidder(enum item_status item, bool awarded_to_caller);
/* The caller's own bid's status as it reads it: on an item that is over, every bid but the winner's and a withdrawn one reads "lost". */
enum bid_status bid_status_for_bidder(enum item_status item, enum bid_status bid);

/* A new bid's id: uniformly random in [BID_ID_MIN, BID_ID_END), from 64 random bits; 0 when these bits fall outside (draw again). */
#define BID_ID_MIN (1LL << 40)
#define BID_ID_END (1LL << 53) /* JavaScript clients read every id exactly */
long long bid_id_from_random(unsigned long long bits);

#endif
