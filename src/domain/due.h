/* due: a due date said in words relative to today ("due in 3 days", "overdue by a day"), for lists people read. */
#ifndef ACCORD_DUE_H
#define ACCORD_DUE_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"

/* Beyond this many days ahead a due date is given as the date itself ("due on 2027-03-01"). */
#define DUE_WORDS_DAYS 14

/* Writes the words for `due` seen on `today` into out (at least 32 bytes); true when it is overdue (due before today). */
bool due_words(struct date due, struct date today, char *out, size_t n);

#endif
