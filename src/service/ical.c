/* ical: builds an iCalendar feed with libical, which does the escaping and line folding. */
#include "ical.h"

#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/date.h"

/*
 * METHOD:PUBLISH is what subscribed feeds carry. RFC 5546 (and icalrestriction_check)
 * also wants an ORGANIZER on each published VEVENT; we have no organizer address to
 * give, and calendar clients do not ask for one in a read-only feed, so it is left out.
 */

/*
 * Copies s for an iCalendar TEXT value: CRLF and CR become LF; other controls but tab
 * go; leading and trailing spaces, tabs and line breaks go too, as libical's parser
 * drops them.
 */
static char *clean_text(const char *s)
{
	char *out = malloc(strlen(s) + 1), *o = out;
	size_t lead;

	if (!out)
		return NULL;
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

/* Adds p to c; -1 when p is NULL (libical ran out of memory). */
static int add(icalcomponent *c, icalproperty *p)
{
	if (!p)
		return -1;
	icalcomponent_add_property(c, p);
	return 0;
}

/*
 * Adds the TEXT property make(s), s cleaned first; nothing when that leaves it empty, as
 * libical's parser (and so clients built on it) drops an empty value with an error.
 */
static int add_text(icalcomponent *c, icalproperty *(*make)(const char *), const char *s)
{
	char *t = clean_text(s);
	icalproperty *p;

	if (!t)
		return -1;
	if (!t[0]) {
		free(t);
		return 0;
	}
	p = make(t);
	free(t);
	return add(c, p);
}

/* Adds the non-standard property name:value, value cleaned first; nothing when that leaves it empty. */
static int add_x(icalcomponent *c, const char *name, const char *value)
{
	char *t = clean_text(value);
	icalproperty *p;

	if (!t)
		return -1;
	if (!t[0]) {
		free(t);
		return 0;
	}
	p = icalproperty_new_x(t);
	free(t);
	if (p)
		icalproperty_set_x_name(p, name);
	return add(c, p);
}

/* A URI value is written unescaped, so a space or control character could start a new line. */
static int url_ok(const char *url)
{
	for (; url && *url; url++)
		if ((unsigned char)*url <= 0x20 || *url == 0x7f)
			return 0;
	return 1;
}

static int status_parse(const char *s, icalproperty_status *out)
{
	if (!s)
		*out = ICAL_STATUS_NONE;
	else if (strcmp(s, "CONFIRMED") == 0)
		*out = ICAL_STATUS_CONFIRMED;
	else if (strcmp(s, "CANCELLED") == 0)
		*out = ICAL_STATUS_CANCELLED;
	else if (strcmp(s, "TENTATIVE") == 0)
		*out = ICAL_STATUS_TENTATIVE;
	else
		return 0;
	return 1;
}

/* A DATE value: no time and no zone, so all-day events float and need no VTIMEZONE. */
static struct icaltimetype ical_day(struct date d)
{
	struct icaltimetype t = icaltime_null_date();

	t.year = d.year;
	t.month = d.month;
	t.day = d.day;
	return t;
}

/* The last year libical writes: past it a DATE comes out as "00000000T000000". */
#define ICAL_YEAR_MAX 3000

/*
 * Reads date as the first day of an all-day event and the day after it, its DTEND:
 * 1 when they can be written, 0 on a bad date, -1 on a day too late for libical.
 */
static int all_day(const char *date, struct icaltimetype *start, struct icaltimetype *end)
{
	struct date d, next;

	if (!date_parse(date, &d))
		return 0;
	next = date_add_days(d, 1);
	/* Any valid date accord keeps, 9999-12-31 too (its DTEND would be in the year 10000), is one the feed leaves out rather than a feed refused whole. */
	if (next.year > ICAL_YEAR_MAX)
		return -1;
	*start = ical_day(d);
	*end = ical_day(next);
	return 1;
}

/* Whether the uid has text left once cleaned: RFC 5545 wants a UID on every VEVENT. */
static int uid_ok(const char *uid)
{
	for (; uid && *uid; uid++)
		if ((unsigned char)*uid > 0x20 && *uid != 0x7f)
			return 1;
	return 0;
}

/* The VEVENT for e; NULL for an event that is not valid, and *skip set for one that is too late for libical to write. */
static icalcomponent *vevent(const struct cal_event *e, struct icaltimetype stamp, int *skip)
{
	struct icaltimetype start, end;
	icalproperty_status status;
	icalcomponent *v;
	int bad = 0, day;

	*skip = 0;
	if (!uid_ok(e->uid) || !(day = all_day(e->date, &start, &end)) ||
	    !status_parse(e->status, &status) || !url_ok(e->url))
		return NULL;
	if (day < 0) {
		*skip = 1;
		return NULL;
	}
	v = icalcomponent_new_vevent();
	if (!v)
		return NULL;
	bad |= add_text(v, icalproperty_new_uid, e->uid);
	bad |= add(v, icalproperty_new_dtstamp(stamp));
	bad |= add(v, icalproperty_new_dtstart(start));
	bad |= add(v, icalproperty_new_dtend(end));
	bad |= add_text(v, icalproperty_new_summary, e->summary ? e->summary : "");
	if (e->description)
		bad |= add_text(v, icalproperty_new_description, e->description);
	if (e->url && e->url[0])
		bad |= add(v, icalproperty_new_url(e->url));
	if (status != ICAL_STATUS_NONE)
		bad |= add(v, icalproperty_new_status(status));
	bad |= add(v, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	if (bad) {
		icalcomponent_free(v);
		return NULL;
	}
	return v;
}

static icalcomponent *vcalendar(const char *name)
{
	icalcomponent *cal = icalcomponent_new_vcalendar();
	int bad = 0;

	if (!cal)
		return NULL;
	bad |= add(cal, icalproperty_new_version("2.0"));
	bad |= add(cal, icalproperty_new_prodid("-//accord//accord governance//EN"));
	bad |= add(cal, icalproperty_new_calscale("GREGORIAN"));
	bad |= add(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	if (name)
		bad |= add_x(cal, "X-WR-CALNAME", name);
	bad |= add_x(cal, "X-PUBLISHED-TTL", "PT1H");
	if (bad) {
		icalcomponent_free(cal);
		return NULL;
	}
	return cal;
}

char *ical_calendar(const char *name, const struct cal_event *ev, size_t n,
		    long long now_epoch)
{
	struct icaltimetype stamp =
		icaltime_from_timet_with_zone((time_t)now_epoch, 0, icaltimezone_get_utc_timezone());
	icalcomponent *cal;
	char *text, *out;

	if (n && !ev)
		return NULL;
	cal = vcalendar(name);
	if (!cal)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		int skip;
		icalcomponent *v = vevent(&ev[i], stamp, &skip);

		if (skip)
			continue;
		if (!v) {
			icalcomponent_free(cal);
			return NULL;
		}
		icalcomponent_add_component(cal, v);
	}
	text = icalcomponent_as_ical_string_r(cal);
	icalcomponent_free(cal);
	/* Copied so that free() is right whatever allocator libical was built with. */
	if (!text)
		return NULL;
	out = strdup(text);
	icalmemory_free_buffer(text);
	return out;
}
