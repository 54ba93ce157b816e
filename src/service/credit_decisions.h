/* credit_decisions: the buyer applies or waives a service credit its provider owes (docs/delivery.md, "Service credits"). */
#ifndef ACCORD_CREDIT_DECISIONS_H
#define ACCORD_CREDIT_DECISIONS_H

#include <jansson.h>

#include "../store/store.h"
#include "caller.h"

#define CREDIT_REASON_MAX 2000

/*
 * Decides credit id: status "applied" or "waived" (422 naming status otherwise); a waiver needs
 * a reason (422 naming reason); only an owed credit can be decided (409). The route decides who
 * may (the buyer's contract or sourcing manager). 0, or -1 with err and nothing written.
 */
int credit_decide(struct store *s, const struct caller *c, long long id, const char *status, const char *reason,
		  struct error *err);

/* The decision's own checks, before anything is read (the page asks them before its confirmation): true when status and reason will do. */
bool credit_decision_check(const char *status, const char *reason, struct error *err);

/* One credit as the API shows it, or NULL when there is none. */
json_t *credit_get_json(struct store *s, long long id);

#endif
