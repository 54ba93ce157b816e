/* inbox: what waits for the signed-in person to act on, computed from the store on request. */
#ifndef ACCORD_INBOX_H
#define ACCORD_INBOX_H

#include <jansson.h>
#include <stdbool.h>

#include "../store/store.h"
#include "caller.h"

/* Items a kind contributes at most (the oldest first); the inbox has no further page. */
#define INBOX_KIND_MAX 100
/* How far ahead a planned review (days before its due date) and one's own action come into the inbox. */
#define INBOX_HORIZON_REVIEW 30
#define INBOX_HORIZON_ACTION 7
/* Minutes are due this many days after the review was held (when `accord remind` says they are missing). */
#define INBOX_MINUTES_DAYS 7
/* Delivery (issue 17): an obligation comes this many days before it is due; a renewal this many days before the notice date. */
#define INBOX_HORIZON_OBLIGATION 14
#define INBOX_HORIZON_RENEWAL 60

/* {items: [{kind, title, url, due_on?, engagement_id?}], next: null}, which the caller json_decref's; NULL on a store error (err says which). */
json_t *inbox_json(struct store *s, const struct caller *c, struct error *err);
/* How many items inbox_json would list (each kind at most INBOX_KIND_MAX aside), with one statement for most kinds; -1 on a store error. */
long long inbox_count(struct store *s, const struct caller *c, struct error *err);

/* A kind's heading as people read it ("Practices to approve"); "Other" for a kind it does not know. */
const char *inbox_kind_label(const char *kind);

/* Who gets the portfolio at a glance on their inbox page: a buyer's CxO, a provider's leadership. */
bool inbox_shows_glance(const struct caller *c);
/*
 * The caller's organisation's engagements at a glance, needing attention first: [{engagement_id,
 * title, counterpart, score (null when unknown), attention: ["review overdue", "reviews missed",
 * "mandate not kept (...)", "trust falling"] (empty: none), ends_on}] (a few statements, whatever their number);
 * NULL on a store error.
 */
json_t *inbox_glance(struct store *s, const struct caller *c);

#endif
