/* clock: today's date for every rule that depends on it, honouring ACCORD_TODAY for tests and demos. */
#ifndef ACCORD_CLOCK_H
#define ACCORD_CLOCK_H

#include <stdbool.h>

#include "../domain/date.h"

/* ACCORD_TODAY=YYYY-MM-DD when set (and valid), else the UTC date of the system clock. */
struct date clock_today(void);
/* False when ACCORD_TODAY is set but is not a valid date (commands refuse to start). */
bool clock_check(void);

#endif
