/* obligations: the register of what each side of an engagement owes the other — recording, deciding (met, missed, waived), recurrence and what is overdue (docs/delivery.md "Obligations"). */
#ifndef ACCORD_OBLIGATIONS_H
#define ACCORD_OBLIGATIONS_H

#include <jansson.h>

#include "../store/store.h"
#include "caller.h"

#define OBLIGATION_TITLE_MAX 200
#define OBLIGATION_TEXT_MAX 4000 /* evidence, reason */

/* Fields may be NULL when absent (recurrence: none). */
struct obligation_input {
	const char *title, *owed_by, *due_on, *recurrence;
};

/*
 * Records an obligation of engagement eng (the route table checked the caller is the buyer's
 * contract or sourcing manager); its id, or -1 with err naming the field.
 */
long long obligation_create(struct store *s, const struct caller *c, long long eng,
			    const struct obligation_input *in, struct error *err);

/*
 * Sets an obligation's status (open, met, missed, waived) with evidence and a reason. The
 * buyer's contract or sourcing manager may set any status on either side's obligations, also
 * on one already decided (reopen it, or mark missed what the provider marked met); the
 * provider's leadership only marks its own open obligations met (else 403). Missed and waived
 * need a reason. Deciding a recurring obligation opens its next occurrence, once per date.
 */
int obligation_decide(struct store *s, const struct caller *c, long long id, const char *status,
		      const char *evidence, const char *reason, struct error *err);

/* One obligation {id, engagement_id, title, owed_by, due_on, recurrence, status, overdue, ...}; NULL if absent. */
json_t *obligation_json(struct store *s, long long id);
/* The engagement's register by due date: {items, overdue: {buyer, provider}, next: null}; NULL on a store error. */
json_t *obligations_json(struct store *s, long long eng);

#endif
