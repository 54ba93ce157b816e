/* roadmaps: use cases for buyers' roadmaps and their items, sharing them with providers, suggestions, sealed bids and awards. */
#ifndef ACCORD_ROADMAPS_H
#define ACCORD_ROADMAPS_H

#include <jansson.h>

#include "../domain/roadmap.h"
#include "../store/store.h"
#include "caller.h"
#include "orgs.h"

#define ROADMAP_TITLE_MAX 200
#define PROPOSAL_MAX (32 * 1024)

struct roadmap_input {
	long long unit_id, fiscal_year, budget;
	const char *title;
	bool has_budget;
};

/* A roadmap's edit (PATCH): each field optional; unset ones keep their value. */
struct roadmap_patch {
	long long unit_id, fiscal_year, budget;
	bool has_unit_id, has_fiscal_year, has_budget;
	const char *title;
};

struct item_input {
	const char *title;
	long long budget;
	bool has_budget;
	const char *starts_on, *ends_on;
	bool open_for_bids;
	const char *bid_deadline;
	const char *description; /* Markdown: scope, requirements, evaluation criteria; NULL or "" for none */
};

/* An item's edit (PATCH): its text, its status or deadline, or closing its bidding early; NULL / false: unchanged. */
struct item_patch {
	const char *title, *description, *status, *bid_deadline;
	bool close_bidding;
};

long long roadmap_create(struct store *s, const struct caller *c, const struct roadmap_input *in,
			 struct error *err);
long long roadmap_item_create(struct store *s, long long roadmap_id, const struct item_input *in,
			      struct error *err);
/* Edits a roadmap: the same rules as create (its unit's and year's roadmap once), and a budget not below its items' (422 over_budget). */
int roadmap_update(struct store *s, const struct caller *c, long long id, const struct roadmap_patch *p,
		   struct error *err);
/* The providers the caller's organisation has an accepted engagement with, as picker options [{value, label}]. */
json_t *roadmap_share_candidates(struct store *s, const struct caller *c);
/* Shares with providers (org_ids, n of them); each must be a provider organisation. */
int roadmap_share(struct store *s, long long roadmap_id, const long long *org_ids, size_t n,
		  struct error *err);

/*
 * A roadmap with its items as the caller may see it: the buyer sees each item's bid count
 * once the deadline has passed (null while sealed); a provider sees only its own bid on
 * each and its outcome, and an item that is over as "closed" unless it won it.
 */
json_t *roadmap_get_json(struct store *s, const struct caller *c, long long id, bool buyer);
json_t *roadmap_list_json(struct store *s, const struct caller *c, struct page pg);
json_t *roadmap_item_json(struct store *s, const struct caller *c, long long item_id, bool buyer);

/*
 * Moves an item: a draft opens for bids (bid_deadline of today or later required), an open
 * item's deadline may move while its bids are sealed (once a bid exists, only later: 422
 * deadline_shortened; every move then tells each bidder through the outbox, in the same
 * transaction), and a draft or open item closes without an award. Awarded items do not move.
 */
/*
 * Also edits an item's title and description while it is a draft or open (409 once awarded
 * or closed), and closes its bidding early (close_bidding, alone: the deadline becomes
 * yesterday, so it reads "evaluating" and its bids open today; 409 not_open /
 * deadline_passed otherwise; bidders are told through the outbox). All in one transaction.
 */
int roadmap_item_update(struct store *s, long long item_id, const struct item_patch *p, struct error *err);

/*
 * A provider's bid on an open item before its deadline: new (a random id), revised, or
 * resubmitted after a withdrawal (its id kept). Returns the bid id; *above_budget (may be
 * NULL) tells whether the amount is above the item's budget — accepted, with a warning.
 */
long long bid_submit(struct store *s, const struct caller *c, long long item_id, long long amount,
		     const char *proposal, bool *above_budget, struct error *err);
/* The item a bid is on, or 0. */
long long bid_item_of(struct store *s, long long bid_id);
/* The bidder withdraws (while the window is open); the buyer shortlists (after the deadline). */
int bid_set_status(struct store *s, long long bid_id, const char *status, bool buyer,
		   struct error *err);
/* The buyer sees every bid once the deadline has passed (409 before); a provider only its own. */
json_t *bid_list_json(struct store *s, const struct caller *c, long long item_id, bool buyer,
		      struct error *err);
/*
 * Awards the item to one bid, after the deadline (409 sealed before, whatever bid is named:
 * the item is checked first); a second award is 409. With engage, when
 * the buyer has no engagement with the winner yet, one is opened for the item (the caller
 * as contract manager, the item's title, service line and timeframe). The rationale is
 * required (422 field rationale) and kept with the award, read by the buyer and the winner.
 */
int bid_award(struct store *s, long long item_id, long long bid_id, const char *rationale, struct error *err);
int bid_award_engaging(struct store *s, const struct caller *c, long long item_id, long long bid_id,
		       const char *service_line, const char *rationale, struct error *err);

/* The buyer organisation of an item, or -1 (404 when there is no such item). */
long long roadmap_item_buyer(struct store *s, long long item_id, struct error *err);

/* Suggestions (suggestions.c). */
long long suggestion_create(struct store *s, const struct caller *c, long long item_id,
			    const char *body, struct error *err);
int suggestion_decide(struct store *s, long long id, const char *status, const char *note,
		      struct error *err);
json_t *suggestion_list_json(struct store *s, const struct caller *c, long long item_id, bool buyer);
json_t *suggestion_get_json(struct store *s, long long id);

#endif
