/* adoptions: a customer's buy-in for a practice on one engagement and its way to implemented with the benefit measured, and the provider's knowledge dashboard. */
#ifndef ACCORD_ADOPTIONS_H
#define ACCORD_ADOPTIONS_H

#include <jansson.h>

#include "../domain/practice.h"
#include "../store/store.h"
#include "caller.h"

/*
 * A customer (buy-in) or the practice's provider (proposed) starts an adoption on one of
 * its engagements with the other; the practice must be published, and not on its origin
 * engagement. 409 if that engagement already has one.
 */
long long adoption_create(struct store *s, const struct caller *c, long long practice_id,
			  long long engagement_id, const char *note, struct error *err);

struct benefit {
	const char *text, *unit;
	const char *value; /* a decimal number as text, or NULL */
};

/* Moves an adoption one step (rules in domain/practice.h); implemented needs a benefit text. */
int adoption_step(struct store *s, const struct caller *c, long long id, const char *status,
		  const struct benefit *b, const char *note, struct error *err);

json_t *adoption_get_json(struct store *s, long long id);
/* A practice's adoptions: all of them for its provider, the caller's own for a customer. */
json_t *adoption_list_practice_json(struct store *s, const struct caller *c, long long practice_id, bool provider);
json_t *adoption_list_engagement_json(struct store *s, long long engagement_id);
/* The provider's dashboard: its practices with their adoption counts, adoptions by stage, benefits reported. */
json_t *knowledge_json(struct store *s, long long provider_org_id);

#endif
