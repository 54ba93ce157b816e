/* clock: today's date for every rule that depends on it, honouring ACCORD_TODAY for tests and demos. */
#include "clock.h"

#include <stdlib.h>
#include <time.h>

bool clock_check(void)
{
	const char *env = getenv("ACCORD_TODAY");
	struct date d;

	return !env || !*env || date_parse(env, &d);
}

struct date clock_today(void)
{
	const char *env = getenv("ACCORD_TODAY");
	struct date d;
	time_t now;
	struct tm tm;

	if (env && *env && date_parse(env, &d))
		return d;
	now = time(NULL);
	gmtime_r(&now, &tm);
	d.year = tm.tm_year + 1900;
	d.month = tm.tm_mon + 1;
	d.day = tm.tm_mday;
	return d;
}
