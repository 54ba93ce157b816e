/* digest: the daily e-mail of each person's new inbox items, sent by accord remind. */
#ifndef ACCORD_DIGEST_H
#define ACCORD_DIGEST_H

#include "remind.h"

/*
 * Sends each person whose inbox holds items no earlier digest listed one e-mail listing them,
 * at most once a day (ACCORD_TODAY), each item once ever. The digest is claimed in the store
 * with its items before it is sent, marked sent after, and released (claim and items) when
 * sending failed, so the next run tries again; two runs at once send it once. Adds to r's
 * counts and writes one line per digest to o->out; --dry-run lists and records nothing.
 */
int digest_run(struct store *s, const struct remind_options *o, struct remind_result *r, struct error *err);

#endif
