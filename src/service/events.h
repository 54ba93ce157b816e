/* events: the outbox — changes others must hear of, written with the change, read by e-mail, the inbox and (later) webhooks and digests. */
#ifndef ACCORD_EVENTS_H
#define ACCORD_EVENTS_H

#include <jansson.h>

#include "../store/store.h"
#include "caller.h"

/* The kind of event the outbox carries when an item's bid deadline moves. */
#define EVENT_BID_DEADLINE "bid_deadline"

/*
 * Tells each organisation that has bid on the item (withdrawn bids included: they may bid
 * again) that its bid deadline moved from `from` to `to`: one event per organisation. Call
 * it inside the transaction that moves the deadline. 0, or -1 with err set.
 */
int events_bid_deadline_changed(struct store *s, long long item_id, long long roadmap_id, long long buyer_org,
				const char *title, const char *from, const char *to, struct error *err);

/*
 * The caller's inbox items from the outbox: for each item still open for bids whose
 * deadline was moved since the caller's organisation bid, the latest move, as
 * {kind: "bid_deadline", title, url, due_on} (due_on the deadline now). Only a provider's
 * bidding roles (leadership, consulting) get any. A new array the caller frees.
 */
json_t *events_inbox_items(struct store *s, const struct caller *c);

/*
 * The moves of one item's bid deadline that the caller's organisation was told of, oldest
 * first: [{from, to, on}] (on: the day, UTC). A new array the caller frees.
 */
json_t *events_item_deadline_history(struct store *s, const struct caller *c, long long item_id);

#endif
