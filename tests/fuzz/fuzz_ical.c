/* fuzz_ical: builds iCalendar feeds with ical_calendar (src/service/ical.c) from arbitrary event fields, parses each back with libical and checks it parses cleanly and every event's uid, date, summary, description and url come back as written. */
#include "fuzz.h"

#include <libical/ical.h>

#include "domain/date.h"
#include "domain/org.h"
#include "service/ical.h"

#define EVENTS_MAX 4
#define FIELDS 5 /* uid, date, summary, description, url */

/* What a TEXT value is expected to read back as: CR LF and CR become LF, other controls but tab go, and leading and trailing white space. */
static char *expect_text(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	size_t lead;

	if (!out)
		abort();
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '\r') {
			if (s[1] != '\n')
				*o++ = '\n';
		} else if (c == '\t' || c == '\n' || (c >= 0x20 && c != 0x7f)) {
			*o++ = (char)c;
		}
	}
	while (o > out && (o[-1] == ' ' || o[-1] == '\t' || o[-1] == '\n'))
		o--;
	*o = '\0';
	lead = strspn(out, " \t\n");
	memmove(out, out + lead, (size_t)(o - out) - lead + 1);
	return out;
}

/* Text left empty once cleaned is not written at all: it must come back absent. */
static void check_text(const char *what, size_t i, const char *got, const char *written)
{
	char *want;

	if (!text_is_utf8(written, strlen(written)))
		return; /* the contract is for UTF-8 text */
	want = expect_text(written);
	if (!want[0])
		FUZZ_ASSERT(!got || !got[0], "event %zu: empty %s came back as '%s'", i, what, got);
	else
		FUZZ_ASSERT(got && strcmp(got, want) == 0, "event %zu: %s '%s' came back as '%s'", i, what,
			    want, got ? got : "(none)");
	free(want);
}

/* Whether ical_calendar promises a feed for this event (ical.h); *late when it leaves it out. */
static bool event_ok(const struct cal_event *e, bool *late)
{
	struct date d;
	bool ok;

	*late = false;
	if (!e->uid || !date_parse(e->date, &d))
		return false;
	for (const char *u = e->url; u && *u; u++)
		if ((unsigned char)*u <= 0x20 || *u == 0x7f)
			return false;
	/* A uid needs a character that is not a space or control character. */
	ok = false;
	for (const char *u = e->uid; *u; u++)
		ok = ok || ((unsigned char)*u > 0x20 && *u != 0x7f);
	*late = date_add_days(d, 1).year > 3000;
	return ok;
}

/*
 * Input: a byte of options (low 2 bits: events - 1; next 2 bits: status; bit 4: a
 * calendar name), then NUL-separated fields: the name if any, and uid, date, summary,
 * description, url for each event (missing ones empty or NULL).
 */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const statuses[] = {NULL, "CONFIRMED", "CANCELLED", "TENTATIVE"};
	char *parts[1 + EVENTS_MAX * FIELDS], *copy;
	struct cal_event ev[EVENTS_MAX];
	size_t n, nev, at = 0;
	const char *name = NULL;
	bool all_ok = true, late[EVENTS_MAX];
	char *ics;
	icalcomponent *cal, *v;

	if (size < 1 || size > 16 * 1024)
		return 0;
	nev = (data[0] & 3) + 1;
	n = fuzz_split(data + 1, size - 1, '\0', parts, 1 + EVENTS_MAX * FIELDS, &copy);
	if (data[0] & 16)
		name = parts[at++];
	memset(ev, 0, sizeof ev);
	for (size_t i = 0; i < nev; i++) {
		const char **f[FIELDS] = {&ev[i].uid, &ev[i].date, &ev[i].summary, &ev[i].description, &ev[i].url};

		for (size_t k = 0; k < FIELDS; k++)
			*f[k] = at < n ? parts[at++] : (k == 0 ? "uid@accord" : k == 1 ? "2024-02-29" : NULL);
		ev[i].status = statuses[((data[0] >> 2) + i) & 3];
		all_ok = all_ok && event_ok(&ev[i], &late[i]);
	}
	ics = ical_calendar(name, ev, nev, 1700000000);
	FUZZ_ASSERT(!all_ok || ics, "no feed for valid events");
	if (!ics)
		goto out;
	FUZZ_ASSERT(all_ok, "a feed for an invalid event");
	cal = icalparser_parse_string(ics);
	FUZZ_ASSERT(cal != NULL, "the feed does not parse:\n%s", ics);
	FUZZ_ASSERT(icalcomponent_isa(cal) == ICAL_VCALENDAR_COMPONENT, "not a VCALENDAR");
	FUZZ_ASSERT(icalcomponent_count_errors(cal) == 0, "libical found errors in:\n%s", ics);
	v = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT);
	for (size_t i = 0; i < nev; i++) {
		struct icaltimetype start;
		char date[16];

		if (late[i])
			continue;
		FUZZ_ASSERT(v != NULL, "event %zu missing", i);
		check_text("uid", i, icalcomponent_get_uid(v), ev[i].uid);
		check_text("summary", i, icalcomponent_get_summary(v), ev[i].summary ? ev[i].summary : "");
		if (ev[i].description)
			check_text("description", i, icalcomponent_get_description(v), ev[i].description);
		if (ev[i].url && ev[i].url[0]) {
			icalproperty *p = icalcomponent_get_first_property(v, ICAL_URL_PROPERTY);

			FUZZ_ASSERT(p && strcmp(icalproperty_get_url(p), ev[i].url) == 0, "event %zu: url", i);
		}
		start = icalcomponent_get_dtstart(v);
		snprintf(date, sizeof date, "%04d-%02d-%02d", start.year, start.month, start.day);
		FUZZ_ASSERT(start.is_date && strcmp(date, ev[i].date) == 0, "event %zu: date %s came back as %s", i,
			    ev[i].date, date);
		v = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT);
	}
	FUZZ_ASSERT(v == NULL, "more events than written");
	icalcomponent_free(cal);
	free(ics);
out:
	free(copy);
	return 0;
}
