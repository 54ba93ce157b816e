/* pages_roadmap: what the roadmap page (pages_roadmap.c) and the component page (pages_roadmap_item.c) share. */
#ifndef ACCORD_PAGES_ROADMAP_H
#define ACCORD_PAGES_ROADMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "http.h"

/* Whether the caller is of the roadmap's buyer. */
bool roadmap_buyer_of(struct request *rq);
/* An amount as people read it: 1234567 as "1,234,567". */
void roadmap_money(char *out, size_t n, long long v);
/* A whole amount a form posted: false when empty or absent; -1 when it is not a whole number. */
bool roadmap_form_amount(struct request *rq, const char *name, long long *out);

#endif
