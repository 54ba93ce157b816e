/* inbox: what waits for the signed-in person to act on, computed from the store on request. */
#ifndef ACCORD_INBOX_H
#define ACCORD_INBOX_H

#include <jansson.h>

#include "../store/store.h"
#include "caller.h"

/* Items a kind contributes at most (the oldest first); the inbox has no further page. */
#define INBOX_KIND_MAX 100

/* {items: [{kind, title, url, due_on?, engagement_id?}], next: null}, which the caller json_decref's; NULL on a store error (err says which). */
json_t *inbox_json(struct store *s, const struct caller *c, struct error *err);

#endif
