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

/*
 * The phase an item reads as (issue 18): its stored status, except that an item open for
 * bids whose deadline has passed is "evaluating" until it is awarded or closed — the bids
 * are open to the buyer and no bidder may change its bid any more.
 */
enum item_phase { PHASE_DRAFT, PHASE_OPEN, PHASE_EVALUATING, PHASE_AWARDED, PHASE_CLOSED, PHASE__MAX };
enum item_phase item_phase_of(enum item_status s, bool has_deadline, struct date deadline, struct date today);
const char *item_phase_name(enum item_phase p);

/* A bid above the item's budget is accepted, with a warning to the bidder and to the buyer who awards it. */
bool bid_above_budget(long long amount, long long item_budget);

/*
 * Closing bidding early: an item open for bids, before its deadline has passed, gets
 * yesterday as its deadline (*to), so its bids open today and it reads "evaluating".
 * 409 not_open for any other item, 409 deadline_passed once the deadline is behind.
 */
bool bid_close_early(enum item_status s, struct date deadline, struct date today, struct date *to, struct error *err);

#define ITEM_DESCRIPTION_MAX (32 * 1024)
#define AWARD_RATIONALE_MAX 4000
/* An item's description (scope, requirements, evaluation criteria; Markdown): may be empty, at most ITEM_DESCRIPTION_MAX bytes. */
bool item_description_check(const char *description, struct error *err);
/* An award's written rationale: required (422 required, field rationale), 1..AWARD_RATIONALE_MAX bytes of text. */
bool award_rationale_check(const char *rationale, struct error *err);

/* A new bid's id: uniformly random in [BID_ID_MIN, BID_ID_END), from 64 random bits; 0 when these bits fall outside (draw again). */
#define BID_ID_MIN (1LL << 40)
#define BID_ID_END (1LL << 53) /* JavaScript clients read every id exactly */
long long bid_id_from_random(unsigned long long bits);

#endif
