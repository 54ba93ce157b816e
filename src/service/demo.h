/* demo: fills an empty database with a believable outsourcing world for trying accord. */
#ifndef ACCORD_DEMO_H
#define ACCORD_DEMO_H

#include <stddef.h>
#include <stdio.h>

#include "../store/store.h"

/*
 * Writes the demo in one transaction; refuses (409) a database that has any
 * organisation. Prints one log-in per role and organisation kind to `logins` as
 * "ROLE EMAIL PASSWORD" lines; passwords are random for each run.
 */
int demo_fill(struct store *s, FILE *logins, struct error *err);
/*
 * The benchmark dataset (demo_scale.c): n engagements (large: 20000) and everything that
 * goes with them, in one transaction, reporting progress to progress (may be NULL).
 * Refuses (409) a database that has any organisation.
 */
int demo_scale(struct store *s, long long n, FILE *logins, FILE *progress, struct error *err);
/* Loads the demo user with this e-mail as a caller (demo_summits.c). */
struct caller;
int demo_who(struct store *s, const char *email, struct caller *c, struct error *err);
/* The audit trail names c (NULL: the system) as the author of what the demo writes next, as if c had done it. */
void demo_as(struct store *s, const struct caller *c);
/* Mandates and a history of reviews, attendance, actions and strategic issues for the demo's engagements (demo_reviews.c). */
int demo_governance(struct store *s, const long long *engagement_ids, size_t n, struct error *err);
/* Contracts, two years of KPI values, service credits, a dispute, a correction and both sides' obligations (demo_delivery.c). */
int demo_delivery(struct store *s, const long long *engagement_ids, size_t n, struct error *err);
/* Summits, roadmaps with sealed bids and an award, and a problem statement (demo_summits.c). */
int demo_summits(struct store *s, long long best_practice, struct error *err);
/* Practices found at one customer and adopted at another, one held back by the leak check, one for the summit (demo_practices.c). */
int demo_practices(struct store *s, const long long *engagement_ids, long long *summit_practice, struct error *err);

#endif
