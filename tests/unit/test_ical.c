/* test_ical: builds iCalendar feeds and reads them back with libical's own parser: text, dates, folding and restrictions. */
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "service/ical.h"

#define NOW 1767225600LL /* 2026-01-01T00:00:00Z */
#define NAME "Acme, Inc; reviews \\ Ü"
#define TRICKY "Review; Q3, agenda\nline two — Müller"

static char long_summary[401]; /* 200 characters: "aü" 100 times, 300 octets, no spaces */

static const struct cal_event events[] = {
	{"review-1@accord", "2026-03-31", TRICKY, TRICKY " \\ C:\\temp, 日本",
	 "https://accord.example/reviews/1?a=1&b=2", "CONFIRMED"},
	{"summit,2;x@accord", "2024-02-29", long_summary, NULL, NULL, "TENTATIVE"},
	{"cancel-3@accord", "2026-12-31", "Cancelled: board review", "a\r\nb\rc\x01" "d\te", NULL,
	 "CANCELLED"},
};

struct want_day {
	int y, m, d;
};

static const struct want_day starts[] = {{2026, 3, 31}, {2024, 2, 29}, {2026, 12, 31}};
static const struct want_day ends[] = {{2026, 4, 1}, {2024, 3, 1}, {2027, 1, 1}};
static const char *const descriptions[] = {TRICKY " \\ C:\\temp, 日本", NULL, "a\nb\nc" "d\te"};
static const icalproperty_status statuses[] = {ICAL_STATUS_CONFIRMED, ICAL_STATUS_TENTATIVE,
					       ICAL_STATUS_CANCELLED};

static void make_long_summary(void)
{
	long_summary[0] = '\0';
	for (int i = 0; i < 100; i++)
		strcat(long_summary, "aü");
}

static char *build(void)
{
	return ical_calendar(NAME, events, sizeof events / sizeof events[0], NOW);
}

static const char *x_value(icalcomponent *c, const char *name)
{
	for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_X_PROPERTY); p;
	     p = icalcomponent_get_next_property(c, ICAL_X_PROPERTY))
		if (strcmp(icalproperty_get_x_name(p), name) == 0)
			return icalproperty_get_x(p);
	return NULL;
}

#define CHECK_DAY(t, w)                                                                    \
	do {                                                                               \
		CHECK((t).is_date);                                                        \
		CHECK_INT((t).year, (w).y);                                                \
		CHECK_INT((t).month, (w).m);                                               \
		CHECK_INT((t).day, (w).d);                                                 \
	} while (0)

static void calendar_properties(void)
{
	char *text = build();
	icalcomponent *cal = text ? icalparser_parse_string(text) : NULL;

	CHECK(cal != NULL);
	if (cal) {
		CHECK_INT(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
		CHECK_STR(icalproperty_get_version(
				  icalcomponent_get_first_property(cal, ICAL_VERSION_PROPERTY)),
			  "2.0");
		CHECK_STR(icalproperty_get_prodid(
				  icalcomponent_get_first_property(cal, ICAL_PRODID_PROPERTY)),
			  "-//accord//accord governance//EN");
		CHECK_STR(icalproperty_get_calscale(
				  icalcomponent_get_first_property(cal, ICAL_CALSCALE_PROPERTY)),
			  "GREGORIAN");
		CHECK_INT(icalcomponent_get_method(cal), ICAL_METHOD_PUBLISH);
		CHECK_STR(x_value(cal, "X-WR-CALNAME"), NAME);
		CHECK_STR(x_value(cal, "X-PUBLISHED-TTL"), "PT1H");
		/* All-day dates float: no time zone is defined or needed. */
		CHECK_INT(icalcomponent_count_components(cal, ICAL_VTIMEZONE_COMPONENT), 0);
		CHECK_INT(icalcomponent_count_components(cal, ICAL_VEVENT_COMPONENT), 3);
		icalcomponent_free(cal);
	}
	free(text);
}

static void check_event(icalcomponent *v, size_t i)
{
	icalproperty *p;
	struct icaltimetype stamp;

	CHECK_STR(icalcomponent_get_uid(v), events[i].uid);
	CHECK_STR(icalcomponent_get_summary(v), events[i].summary);
	p = icalcomponent_get_first_property(v, ICAL_DTSTART_PROPERTY);
	CHECK(p != NULL);
	if (p)
		CHECK_DAY(icalproperty_get_dtstart(p), starts[i]);
	p = icalcomponent_get_first_property(v, ICAL_DTEND_PROPERTY);
	CHECK(p != NULL);
	if (p)
		CHECK_DAY(icalproperty_get_dtend(p), ends[i]);
	stamp = icalcomponent_get_dtstamp(v);
	CHECK(icaltime_is_utc(stamp));
	CHECK(!stamp.is_date);
	CHECK_INT(icaltime_as_timet(stamp), NOW);
	p = icalcomponent_get_first_property(v, ICAL_DESCRIPTION_PROPERTY);
	if (descriptions[i])
		CHECK_STR(p ? icalproperty_get_description(p) : NULL, descriptions[i]);
	else
		CHECK(p == NULL);
	p = icalcomponent_get_first_property(v, ICAL_URL_PROPERTY);
	if (events[i].url)
		CHECK_STR(p ? icalproperty_get_url(p) : NULL, events[i].url);
	else
		CHECK(p == NULL);
	CHECK_INT(icalcomponent_get_status(v), statuses[i]);
	p = icalcomponent_get_first_property(v, ICAL_TRANSP_PROPERTY);
	CHECK(p && icalproperty_get_transp(p) == ICAL_TRANSP_TRANSPARENT);
}

static void events_round_trip(void)
{
	char *text = build();
	icalcomponent *cal = text ? icalparser_parse_string(text) : NULL;
	size_t i = 0;

	CHECK(cal != NULL);
	if (!cal) {
		free(text);
		return;
	}
	for (icalcomponent *v = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); v;
	     v = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), i++)
		if (i < 3)
			check_event(v, i);
	CHECK_INT(i, 3);
	icalcomponent_free(cal);
	free(text);
}

/* Every line ends with CRLF, holds at most 75 octets and never splits a UTF-8 character. */
static void lines_folded(void)
{
	char *text = build();
	const char *line;
	int folds = 0, lines = 0;

	CHECK(text != NULL);
	if (!text)
		return;
	CHECK(strncmp(text, "BEGIN:VCALENDAR\r\n", 17) == 0);
	for (line = text; *line; lines++) {
		const char *lf = strchr(line, '\n');
		size_t len;

		if (!lf) {
			harness_case_failed = 1;
			fprintf(stderr, "FAIL %s: last line has no CRLF: \"%s\"\n", harness_case, line);
			break;
		}
		len = (size_t)(lf - line);
		if (len == 0 || line[len - 1] != '\r' || memchr(line, '\r', len - 1)) {
			harness_case_failed = 1;
			fprintf(stderr, "FAIL %s: line %d does not end in one CRLF\n", harness_case,
				lines + 1);
		} else if (len - 1 > 75) {
			harness_case_failed = 1;
			fprintf(stderr, "FAIL %s: line %d has %zu octets: \"%.*s\"\n", harness_case,
				lines + 1, len - 1, (int)(len - 1), line);
		}
		if (line[0] == ' ') {
			folds++;
			CHECK(((unsigned char)line[1] & 0xc0) != 0x80);
		}
		line = lf + 1;
	}
	CHECK(strstr(text, "END:VCALENDAR\r\n") + 15 == text + strlen(text));
	/* The 200-character summary is 300 octets: at least four lines. */
	CHECK(folds >= 4);
	free(text);
}

/* True when every X-LIC-ERROR icalrestriction_check added to c or its events names ORGANIZER. */
static int only_organizer_errors(icalcomponent *cal, int *errors)
{
	icalcomponent *c = cal;
	int ok = 1;

	*errors = 0;
	while (c) {
		for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY);
		     p; p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
			(*errors)++;
			if (!strstr(icalproperty_get_xlicerror(p), "ORGANIZER")) {
				ok = 0;
				fprintf(stderr, "    restriction: %s\n", icalproperty_get_xlicerror(p));
			}
		}
		c = c == cal ? icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT)
			     : icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
	}
	return ok;
}

/*
 * libical checks METHOD:PUBLISH against RFC 5546, which wants one ORGANIZER per VEVENT;
 * the feed has none to give (see ical.c). So the check fails, naming ORGANIZER and
 * nothing else; with an ORGANIZER added to each event it passes, as it does against
 * RFC 5545 alone (no METHOD). icalrestriction_check stops at the first failing event,
 * which is why the last two checks matter: they cover every event.
 */
static void restrictions(void)
{
	char *text = build();
	icalcomponent *cal;
	icalproperty *method;
	int errors;

	CHECK(text != NULL);
	if (!text)
		return;
	cal = icalparser_parse_string(text);
	CHECK_INT(icalrestriction_check(cal), 0);
	CHECK(only_organizer_errors(cal, &errors));
	CHECK(errors >= 1);
	icalcomponent_free(cal);

	cal = icalparser_parse_string(text);
	for (icalcomponent *v = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); v;
	     v = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		icalcomponent_add_property(v, icalproperty_new_organizer("mailto:pmo@example.com"));
	CHECK_INT(icalrestriction_check(cal), 1);
	CHECK(only_organizer_errors(cal, &errors));
	CHECK_INT(errors, 0);
	icalcomponent_free(cal);

	cal = icalparser_parse_string(text);
	method = icalcomponent_get_first_property(cal, ICAL_METHOD_PROPERTY);
	icalcomponent_remove_property(cal, method); /* unlinks it only */
	icalproperty_free(method);
	CHECK_INT(icalrestriction_check(cal), 1);
	icalcomponent_free(cal);
	free(text);
}

/* Builds a calendar of a good event then e; true when that returned NULL. */
static int refused(struct cal_event e)
{
	struct cal_event two[2] = {events[0], e};
	char *text = ical_calendar(NAME, two, 2, NOW);

	free(text);
	return text == NULL;
}

static void bad_input_refused(void)
{
	static const char *const bad_dates[] = {
		"2026-02-30", "2023-02-29", "2026-2-03", "2026-13-01", "", "20260301",
		"2026-03-01T00:00:00Z", "1899-12-31", "2026-03-01 ",
	};
	struct cal_event e = events[2];

	for (size_t i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++) {
		e.date = bad_dates[i];
		if (!refused(e)) {
			harness_case_failed = 1;
			fprintf(stderr, "FAIL %s: date \"%s\" accepted\n", harness_case, bad_dates[i]);
		}
	}
	e.date = NULL;
	CHECK(refused(e));
	/* Days libical cannot write (after 3000, and the last day there is) are left out of a feed that is still made. */
	static const char *const late_dates[] = {"3001-01-01", "9999-12-30", "9999-12-31"};
	for (size_t i = 0; i < sizeof late_dates / sizeof late_dates[0]; i++) {
		struct cal_event two[2] = {events[0], events[2]};
		char *text;

		two[1].date = late_dates[i];
		text = ical_calendar(NAME, two, 2, NOW);
		CHECK(text != NULL);
		CHECK(text && strstr(text, "review-1@accord") != NULL);
		CHECK(text && strstr(text, "cancel-3@accord") == NULL);
		free(text);
	}
	e = events[2];
	e.uid = NULL;
	CHECK(refused(e));
	e.uid = "";
	CHECK(refused(e));
	e = events[2];
	e.status = "confirmed";
	CHECK(refused(e));
	e.status = "COMPLETED";
	CHECK(refused(e));
	e = events[2];
	e.url = "https://accord.example/\r\nX-EVIL:1";
	CHECK(refused(e));
	e.url = "https://accord.example/a b";
	CHECK(refused(e));
	CHECK(ical_calendar(NAME, NULL, 1, NOW) == NULL);
}

static void empty_calendar(void)
{
	char *text = ical_calendar(NULL, NULL, 0, NOW);
	icalcomponent *cal = text ? icalparser_parse_string(text) : NULL;

	CHECK(cal != NULL);
	if (cal) {
		CHECK_INT(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
		CHECK_INT(icalcomponent_count_components(cal, ICAL_ANY_COMPONENT), 0);
		CHECK(x_value(cal, "X-WR-CALNAME") == NULL);
		CHECK_STR(x_value(cal, "X-PUBLISHED-TTL"), "PT1H");
		icalcomponent_free(cal);
	}
	free(text);
}

int main(void)
{
	make_long_summary();
	RUN(calendar_properties);
	RUN(events_round_trip);
	RUN(lines_folded);
	RUN(restrictions);
	RUN(bad_input_refused);
	RUN(empty_calendar);
	icalmemory_free_ring();
	return HARNESS_DONE("ical");
}
