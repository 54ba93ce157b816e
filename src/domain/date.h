/* date: calendar dates as YYYY-MM-DD and day arithmetic, with no time zone and no I/O. */
#ifndef ACCORD_DATE_H
#define ACCORD_DATE_H

#include <stdbool.h>

struct date {
	int year, month, day;
};

bool date_is_leap(int year);
int date_days_in_month(int year, int month);
/* Parses exactly "YYYY-MM-DD" naming a real day (years 1900-9999). */
bool date_parse(const char *s, struct date *out);
/* Writes "YYYY-MM-DD" into out (at least 11 bytes). */
void date_format(struct date d, char out[11]);
int date_compare(struct date a, struct date b);
/* Days since 1970-01-01 and back. */
long date_to_days(struct date d);
struct date date_from_days(long days);
struct date date_add_days(struct date d, long n);
/* Adds n months, clamping to the month's last day (31 Aug + 6 months = 28/29 Feb). */
struct date date_add_months(struct date d, int n);

#endif
