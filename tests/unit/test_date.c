/* test_date: hand-worked cases for calendar parsing, formatting and day and month arithmetic. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../harness.h"
#include "domain/date.h"

static struct date D(int y, int m, int d)
{
	struct date r = {y, m, d};
	return r;
}

/* Checks d against y-m-d, reporting the line of the caller. */
#define CHECK_DATE(d, y, m, dd)                                                            \
	do {                                                                               \
		struct date cd_ = (d);                                                     \
		CHECK_INT(cd_.year, (y));                                                  \
		CHECK_INT(cd_.month, (m));                                                 \
		CHECK_INT(cd_.day, (dd));                                                  \
	} while (0)

/*
 * Parses s from a zero-filled 32-byte buffer, so the parser's logic is tested apart
 * from how far past the terminating NUL it reads (see parse_reads_only_the_string).
 */
static int parse_padded(const char *s, struct date *out)
{
	char buf[32];

	memset(buf, 0, sizeof buf);
	memcpy(buf, s, strlen(s) < sizeof buf - 1 ? strlen(s) : sizeof buf - 1);
	return date_parse(buf, out);
}

/* An independent leap-year rule for cross-checking. */
static int leap(int y)
{
	if (y % 400 == 0)
		return 1;
	if (y % 100 == 0)
		return 0;
	return y % 4 == 0;
}

static int month_len(int y, int m)
{
	if (m == 2)
		return leap(y) ? 29 : 28;
	if (m == 4 || m == 6 || m == 9 || m == 11)
		return 30;
	return 31;
}

static void leap_years(void)
{
	CHECK(!date_is_leap(1900));
	CHECK(date_is_leap(2000));
	CHECK(!date_is_leap(2100));
	CHECK(date_is_leap(2400));
	CHECK(date_is_leap(2024));
	CHECK(!date_is_leap(2023));
	CHECK(!date_is_leap(2026));
	CHECK(date_is_leap(2028));
}

static void days_in_month(void)
{
	CHECK_INT(date_days_in_month(2026, 1), 31);
	CHECK_INT(date_days_in_month(2026, 2), 28);
	CHECK_INT(date_days_in_month(2024, 2), 29);
	CHECK_INT(date_days_in_month(1900, 2), 28);
	CHECK_INT(date_days_in_month(2000, 2), 29);
	CHECK_INT(date_days_in_month(2026, 4), 30);
	CHECK_INT(date_days_in_month(2026, 6), 30);
	CHECK_INT(date_days_in_month(2026, 9), 30);
	CHECK_INT(date_days_in_month(2026, 11), 30);
	CHECK_INT(date_days_in_month(2026, 12), 31);
	CHECK_INT(date_days_in_month(2026, 0), 0);
	CHECK_INT(date_days_in_month(2026, 13), 0);
	CHECK_INT(date_days_in_month(2026, -1), 0);
}

static void parse_valid(void)
{
	struct date d = {0, 0, 0};

	CHECK(date_parse("2026-01-01", &d));
	CHECK_DATE(d, 2026, 1, 1);
	CHECK(date_parse("2024-02-29", &d));
	CHECK_DATE(d, 2024, 2, 29);
	CHECK(date_parse("2000-02-29", &d));
	CHECK_DATE(d, 2000, 2, 29);
	CHECK(date_parse("1900-01-01", &d));
	CHECK_DATE(d, 1900, 1, 1);
	CHECK(date_parse("9999-12-31", &d));
	CHECK_DATE(d, 9999, 12, 31);
	CHECK(date_parse("2026-04-30", &d));
	CHECK_DATE(d, 2026, 4, 30);
	CHECK(date_parse("2026-12-31", &d));
	CHECK_DATE(d, 2026, 12, 31);
	CHECK(date_parse("2026-08-09", &d));
	CHECK_DATE(d, 2026, 8, 9);
	/* out may be NULL: a pure validity check. */
	CHECK(date_parse("2026-03-15", NULL));
}

static void parse_invalid_days(void)
{
	CHECK(!parse_padded("2023-02-29", NULL));
	CHECK(!parse_padded("1900-02-29", NULL)); /* divisible by 100, not by 400 */
	CHECK(!parse_padded("2100-02-29", NULL));
	CHECK(!parse_padded("2024-02-30", NULL));
	CHECK(!parse_padded("2026-04-31", NULL));
	CHECK(!parse_padded("2026-06-31", NULL));
	CHECK(!parse_padded("2026-09-31", NULL));
	CHECK(!parse_padded("2026-11-31", NULL));
	CHECK(!parse_padded("2026-01-32", NULL));
	CHECK(!parse_padded("2026-01-00", NULL));
	CHECK(!parse_padded("2026-00-10", NULL));
	CHECK(!parse_padded("2026-13-01", NULL));
	CHECK(!parse_padded("2026-99-99", NULL));
	CHECK(!parse_padded("1899-12-31", NULL));
	CHECK(!parse_padded("0000-01-01", NULL));
	CHECK(!parse_padded("1000-06-15", NULL));
}

static void parse_invalid_formats(void)
{
	static const char *const bad[] = {
		"",	       "2026",	       "2026-01",      "2026-1-01",	"2026-01-1",
		"26-01-01",    "2026/01/01",   "2026-01-01x",  "2026-01-01 ",	" 2026-01-01",
		"2026-01-010", "20260101",     "2026_01_01",   "2026-0a-01",	"+026-01-01",
		"-026-01-01",  "2026-01-0-",   "2026--01-01",  "abcd-ef-gh",	"2026-01-01\n",
		"2026-01-01T00:00:00Z",	       "2026- 1-01",   "2026-01- 1",	"2026-1-1",
	};
	struct date d = {1, 2, 3};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (parse_padded(bad[i], &d)) {
			harness_case_failed = 1;
			fprintf(stderr, "FAIL %s: date_parse accepted \"%s\"\n", harness_case,
				bad[i]);
		}
	}
	/* A failed parse leaves out alone. */
	CHECK_DATE(d, 1, 2, 3);
	CHECK(!date_parse(NULL, &d));
	CHECK_DATE(d, 1, 2, 3);
}

/*
 * BUG: date_parse reads s[4], s[7] and s[10] before it checks that the string is that
 * long, so a string shorter than 10 characters is read past its end. Each call runs in
 * a child process on a heap copy of exactly strlen+1 bytes: under AddressSanitizer an
 * over-read ends the child with a heap-buffer-overflow report.
 */
static int parse_exact_in_child(const char *s, char *report, size_t report_len)
{
	int fds[2];
	pid_t pid;
	int status = 0;
	FILE *f;
	char line[512];

	report[0] = '\0';
	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		size_t n = strlen(s) + 1;
		char *copy = malloc(n);
		int r;

		close(fds[0]);
		dup2(fds[1], 2); /* the sanitizer's report goes to the parent */
		if (!copy)
			_exit(3);
		memcpy(copy, s, n);
		r = date_parse(copy, NULL);
		free(copy);
		_exit(r ? 2 : 0); /* 0: refused without reading past the end */
	}
	close(fds[1]);
	f = fdopen(fds[0], "r");
	while (f && fgets(line, sizeof line, f))
		if (!report[0] && strstr(line, "ERROR:"))
			snprintf(report, report_len, "%s", line);
	if (f)
		fclose(f);
	if (waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void parse_reads_only_the_string(void)
{
	static const char *const shorts[] = {"", "20", "2026", "2026-", "2026-01", "2026-01-1"};
	char report[512];

	for (size_t i = 0; i < sizeof shorts / sizeof shorts[0]; i++) {
		int rc = parse_exact_in_child(shorts[i], report, sizeof report);

		if (rc != 0) {
			harness_case_failed = 1;
			fprintf(stderr,
				"FAIL %s: date_parse(\"%s\") on an exact-size heap buffer ended with "
				"%d (reads past the end of the string)%s%s",
				harness_case, shorts[i], rc, report[0] ? ":\n    " : "\n", report);
		}
	}
}

static void format_pads(void)
{
	char out[12];

	memset(out, '#', sizeof out);
	date_format(D(2026, 4, 5), out);
	CHECK_STR(out, "2026-04-05");
	CHECK(out[11] == '#'); /* exactly 11 bytes written */
	date_format(D(1900, 1, 1), out);
	CHECK_STR(out, "1900-01-01");
	date_format(D(9999, 12, 31), out);
	CHECK_STR(out, "9999-12-31");
	date_format(D(2024, 2, 29), out);
	CHECK_STR(out, "2024-02-29");
	date_format(D(999, 7, 3), out);
	CHECK_STR(out, "0999-07-03");
	CHECK(out[11] == '#');
}

static void format_parse_round_trip(void)
{
	static const char *const s[] = {"2026-01-01", "2024-02-29", "1900-12-31", "9999-01-09",
					"2031-10-10"};
	char out[11];
	struct date d;

	for (size_t i = 0; i < sizeof s / sizeof s[0]; i++) {
		CHECK(date_parse(s[i], &d));
		date_format(d, out);
		CHECK_STR(out, s[i]);
	}
}

static void compare(void)
{
	CHECK_INT(date_compare(D(2026, 5, 14), D(2026, 5, 14)), 0);
	CHECK_INT(date_compare(D(2026, 5, 14), D(2026, 5, 15)), -1);
	CHECK_INT(date_compare(D(2026, 5, 15), D(2026, 5, 14)), 1);
	CHECK_INT(date_compare(D(2026, 4, 30), D(2026, 5, 1)), -1);
	CHECK_INT(date_compare(D(2026, 5, 1), D(2026, 4, 30)), 1);
	/* The year decides before the month and the day. */
	CHECK_INT(date_compare(D(2025, 12, 31), D(2026, 1, 1)), -1);
	CHECK_INT(date_compare(D(2026, 1, 1), D(2025, 12, 31)), 1);
	/* The month decides before the day. */
	CHECK_INT(date_compare(D(2026, 1, 31), D(2026, 2, 1)), -1);
	CHECK_INT(date_compare(D(1900, 1, 1), D(9999, 12, 31)), -1);
}

static void to_days_fixed_points(void)
{
	CHECK_INT(date_to_days(D(1970, 1, 1)), 0);
	CHECK_INT(date_to_days(D(1970, 1, 2)), 1);
	CHECK_INT(date_to_days(D(1969, 12, 31)), -1);
	CHECK_INT(date_to_days(D(1971, 1, 1)), 365);
	CHECK_INT(date_to_days(D(1973, 1, 1)), 1096); /* 1972 is a leap year */
	CHECK_INT(date_to_days(D(2000, 1, 1)), 10957);
	/* 54 years from 1970 with 13 leap days: 54 * 365 + 13. */
	CHECK_INT(date_to_days(D(2024, 1, 1)), 19723);
	CHECK_INT(date_to_days(D(2024, 2, 29)), 19723 + 31 + 28);
	CHECK_INT(date_to_days(D(2024, 3, 1)), 19723 + 31 + 29);
	CHECK_INT(date_to_days(D(2026, 1, 1)), 19723 + 366 + 365);
	CHECK_INT(date_to_days(D(1900, 1, 1)), -25567);
	CHECK_INT(date_to_days(D(9999, 12, 31)), 2932896);
}

static void from_days_fixed_points(void)
{
	CHECK_DATE(date_from_days(0), 1970, 1, 1);
	CHECK_DATE(date_from_days(-1), 1969, 12, 31);
	CHECK_DATE(date_from_days(10957), 2000, 1, 1);
	CHECK_DATE(date_from_days(19782), 2024, 2, 29);
	CHECK_DATE(date_from_days(19783), 2024, 3, 1);
	CHECK_DATE(date_from_days(-25567), 1900, 1, 1);
	CHECK_DATE(date_from_days(2932896), 9999, 12, 31);
}

/* Walks every day from 1900-01-01 to 2400-12-31 with an independent calendar. */
static void days_round_trip_range(void)
{
	struct date d = D(1900, 1, 1);
	long n = date_to_days(d);
	int bad = 0;

	CHECK_INT(n, -25567);
	while (d.year <= 2400 && bad < 5) {
		struct date back = date_from_days(n);

		if (date_to_days(d) != n || date_compare(back, d) != 0) {
			bad++;
			harness_case_failed = 1;
			fprintf(stderr, "FAIL %s: %04d-%02d-%02d <-> %ld\n", harness_case, d.year,
				d.month, d.day, n);
		}
		n++;
		if (++d.day > month_len(d.year, d.month)) {
			d.day = 1;
			if (++d.month > 12) {
				d.month = 1;
				d.year++;
			}
		}
	}
	/* 501 years; 126 multiples of 4 in 1900..2400 less 1900, 2100, 2200, 2300: 122 leap. */
	CHECK_INT(n - date_to_days(D(1900, 1, 1)), 501L * 365 + 122);
}

static void add_days(void)
{
	CHECK_DATE(date_add_days(D(2026, 5, 14), 0), 2026, 5, 14);
	CHECK_DATE(date_add_days(D(2023, 12, 31), 1), 2024, 1, 1);
	CHECK_DATE(date_add_days(D(2024, 1, 1), -1), 2023, 12, 31);
	CHECK_DATE(date_add_days(D(2024, 2, 28), 1), 2024, 2, 29);
	CHECK_DATE(date_add_days(D(2024, 2, 28), 2), 2024, 3, 1);
	CHECK_DATE(date_add_days(D(2023, 2, 28), 1), 2023, 3, 1);
	CHECK_DATE(date_add_days(D(2024, 3, 1), -1), 2024, 2, 29);
	CHECK_DATE(date_add_days(D(2000, 3, 1), -1), 2000, 2, 29);
	CHECK_DATE(date_add_days(D(1900, 3, 1), -1), 1900, 2, 28);
	CHECK_DATE(date_add_days(D(2100, 3, 1), -1), 2100, 2, 28);
	CHECK_DATE(date_add_days(D(2024, 1, 1), 366), 2025, 1, 1);
	CHECK_DATE(date_add_days(D(2023, 1, 1), 365), 2024, 1, 1);
	CHECK_DATE(date_add_days(D(2025, 3, 1), -365), 2024, 3, 1);
	CHECK_DATE(date_add_days(D(2025, 3, 1), -366), 2024, 2, 29);
	CHECK_DATE(date_add_days(D(1970, 1, 1), 10957), 2000, 1, 1);
	CHECK_DATE(date_add_days(D(2026, 12, 25), 10), 2027, 1, 4);
	CHECK_DATE(date_add_days(D(2027, 1, 4), -10), 2026, 12, 25);
	/* 90-day notice: 2026-11-15 + 90 = 15 days of Nov + 31 + 31 + 13 -> 2027-02-13. */
	CHECK_DATE(date_add_days(D(2026, 11, 15), 90), 2027, 2, 13);
	/* A whole 400-year cycle is 146097 days. */
	CHECK_DATE(date_add_days(D(2000, 2, 29), 146097), 2400, 2, 29);
}

static void add_months_clamps(void)
{
	CHECK_DATE(date_add_months(D(2026, 8, 31), 6), 2027, 2, 28);
	CHECK_DATE(date_add_months(D(2023, 8, 31), 6), 2024, 2, 29);
	CHECK_DATE(date_add_months(D(2026, 1, 31), 1), 2026, 2, 28);
	CHECK_DATE(date_add_months(D(2024, 1, 31), 1), 2024, 2, 29);
	CHECK_DATE(date_add_months(D(2026, 1, 30), 1), 2026, 2, 28);
	CHECK_DATE(date_add_months(D(2026, 1, 29), 1), 2026, 2, 28);
	CHECK_DATE(date_add_months(D(2026, 1, 28), 1), 2026, 2, 28);
	CHECK_DATE(date_add_months(D(2026, 3, 31), 1), 2026, 4, 30);
	CHECK_DATE(date_add_months(D(2026, 5, 31), 1), 2026, 6, 30);
	CHECK_DATE(date_add_months(D(2026, 4, 30), 1), 2026, 5, 30); /* no stretching back */
	CHECK_DATE(date_add_months(D(1900, 1, 31), 1), 1900, 2, 28);
	CHECK_DATE(date_add_months(D(2000, 1, 31), 1), 2000, 2, 29);
	/* Clamping is not undone by a later addition. */
	CHECK_DATE(date_add_months(date_add_months(D(2026, 1, 31), 1), 1), 2026, 3, 28);
	CHECK_DATE(date_add_months(D(2026, 1, 31), 2), 2026, 3, 31);
}

static void add_months_year_roll(void)
{
	CHECK_DATE(date_add_months(D(2026, 5, 14), 0), 2026, 5, 14);
	CHECK_DATE(date_add_months(D(2026, 12, 15), 1), 2027, 1, 15);
	CHECK_DATE(date_add_months(D(2026, 12, 31), 1), 2027, 1, 31);
	CHECK_DATE(date_add_months(D(2026, 11, 30), 3), 2027, 2, 28);
	CHECK_DATE(date_add_months(D(2026, 6, 15), 12), 2027, 6, 15);
	CHECK_DATE(date_add_months(D(2026, 6, 15), 18), 2027, 12, 15);
	CHECK_DATE(date_add_months(D(2026, 6, 15), 19), 2028, 1, 15);
	CHECK_DATE(date_add_months(D(2026, 6, 15), 120), 2036, 6, 15);
	CHECK_DATE(date_add_months(D(2024, 2, 29), 12), 2025, 2, 28);
	CHECK_DATE(date_add_months(D(2024, 2, 29), 48), 2028, 2, 29);
}

static void add_months_negative(void)
{
	CHECK_DATE(date_add_months(D(2026, 1, 15), -1), 2025, 12, 15);
	CHECK_DATE(date_add_months(D(2026, 1, 31), -1), 2025, 12, 31);
	CHECK_DATE(date_add_months(D(2026, 3, 31), -1), 2026, 2, 28);
	CHECK_DATE(date_add_months(D(2024, 3, 31), -1), 2024, 2, 29);
	CHECK_DATE(date_add_months(D(2026, 5, 31), -12), 2025, 5, 31);
	CHECK_DATE(date_add_months(D(2026, 1, 31), -13), 2024, 12, 31);
	CHECK_DATE(date_add_months(D(2026, 6, 15), -24), 2024, 6, 15);
	CHECK_DATE(date_add_months(D(2026, 2, 28), -6), 2025, 8, 28);
	CHECK_DATE(date_add_months(D(2027, 2, 28), -6), 2026, 8, 28);
	CHECK_DATE(date_add_months(D(1901, 1, 1), -12), 1900, 1, 1);
}

int main(void)
{
	RUN(leap_years);
	RUN(days_in_month);
	RUN(parse_valid);
	RUN(parse_invalid_days);
	RUN(parse_invalid_formats);
	RUN(parse_reads_only_the_string);
	RUN(format_pads);
	RUN(format_parse_round_trip);
	RUN(compare);
	RUN(to_days_fixed_points);
	RUN(from_days_fixed_points);
	RUN(days_round_trip_range);
	RUN(add_days);
	RUN(add_months_clamps);
	RUN(add_months_year_roll);
	RUN(add_months_negative);
	return HARNESS_DONE("date");
}
