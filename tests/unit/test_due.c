/* test_due: hand-worked cases for a due date in words and whether it is overdue. */
#include <string.h>

#include "../harness.h"
#include "domain/due.h"

static const struct date today = {2026, 11, 26};

/* The words for y-m-d seen on today, and whether it was said to be overdue. */
static const char *words(int y, int m, int d, bool *overdue)
{
	static char out[32];
	struct date due = {y, m, d};

	*overdue = due_words(due, today, out, sizeof out);
	return out;
}

static void past_dates_are_overdue(void)
{
	bool overdue;

	CHECK_STR(words(2026, 11, 25, &overdue), "overdue by a day");
	CHECK(overdue);
	CHECK_STR(words(2026, 11, 16, &overdue), "overdue by 10 days");
	CHECK(overdue);
	/* Across a month and a year. */
	CHECK_STR(words(2025, 11, 26, &overdue), "overdue by 365 days");
	CHECK(overdue);
}

static void today_and_soon_are_in_days(void)
{
	bool overdue;

	CHECK_STR(words(2026, 11, 26, &overdue), "due today");
	CHECK(!overdue);
	CHECK_STR(words(2026, 11, 27, &overdue), "due tomorrow");
	CHECK(!overdue);
	CHECK_STR(words(2026, 12, 1, &overdue), "due in 5 days");
	CHECK(!overdue);
	CHECK_STR(words(2026, 12, 10, &overdue), "due in 14 days");
}

static void later_dates_are_given_as_dates(void)
{
	bool overdue;

	CHECK_STR(words(2026, 12, 11, &overdue), "due on 2026-12-11");
	CHECK(!overdue);
	CHECK_STR(words(2027, 3, 1, &overdue), "due on 2027-03-01");
}

int main(void)
{
	RUN(past_dates_are_overdue);
	RUN(today_and_soon_are_in_days);
	RUN(later_dates_are_given_as_dates);
	return HARNESS_DONE("due");
}
