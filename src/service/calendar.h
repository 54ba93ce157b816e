/* calendar: each person's secret, revocable iCalendar feed of their reviews and due actions. */
#ifndef ACCORD_CALENDAR_H
#define ACCORD_CALENDAR_H

#include "../store/store.h"
#include "caller.h"

/*
 * The feed of the person whose feed token this is: every review of their organisation's
 * engagements (on its held date once held, else its due date; cancelled ones marked so)
 * and their open action items on their due dates. base_url prefixes the links back into
 * accord ("" for relative). Returns a malloc'd iCalendar text, or NULL for an unknown token.
 */
char *calendar_feed(struct store *s, const char *token, const char *base_url);
/* Gives the user a new feed token, which revokes the old URL; writes it to out. */
int calendar_rotate(struct store *s, long long user_id, char *out, size_t n, struct error *err);

#endif
