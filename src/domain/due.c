/* due: a due date in words relative to today, with whether it is overdue. */
#include "due.h"

#include <stdio.h>

bool due_words(struct date due, struct date today, char *out, size_t n)
{
	long days = date_to_days(due) - date_to_days(today);
	char on[11];

	if (days < -1)
		snprintf(out, n, "overdue by %ld days", -days);
	else if (days == -1)
		snprintf(out, n, "overdue by a day");
	else if (days == 0)
		snprintf(out, n, "due today");
	else if (days == 1)
		snprintf(out, n, "due tomorrow");
	else if (days <= DUE_WORDS_DAYS)
		snprintf(out, n, "due in %ld days", days);
	else {
		date_format(due, on);
		snprintf(out, n, "due on %s", on);
	}
	return days < 0;
}
