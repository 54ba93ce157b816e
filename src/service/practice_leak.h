/* practice_leak: the leak check on a practice's text against every customer of its provider (docs/practices.md, "Leak check"). */
#ifndef ACCORD_PRACTICE_LEAK_H
#define ACCORD_PRACTICE_LEAK_H

#include <jansson.h>
#include <stddef.h>

#include "../store/store.h"

/*
 * The findings of a revision's title, tags and body (as typed, and as a reader sees it
 * rendered) against every customer the provider has or had an engagement with, as
 * [{term, field, kind, customer_org_id}]: term is the span of the author's own text that
 * matched, never the customer's stored term. One finding per term and field.
 */
json_t *practice_leak_findings(struct store *s, long long provider, const char *title, const char *body,
			       const char *tags);
/* How many findings are about a customer other than buyer (which approval cannot waive). */
size_t practice_leak_others(json_t *findings, long long buyer);
/* A new array of the findings about buyer only: what that buyer may be shown. */
json_t *practice_leak_about(json_t *findings, long long buyer);

#endif
