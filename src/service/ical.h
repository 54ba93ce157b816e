/* ical: an iCalendar (RFC 5545) feed of all-day events, written by libical. */
#ifndef ACCORD_ICAL_H
#define ACCORD_ICAL_H

#include <stddef.h>

struct cal_event {
	const char *uid;	 /* stable across feeds, written as given */
	const char *date;	 /* YYYY-MM-DD: an all-day event */
	const char *summary;	 /* NULL writes an empty SUMMARY */
	const char *description; /* may be NULL */
	const char *url;	 /* may be NULL */
	const char *status;	 /* NULL, "CONFIRMED", "CANCELLED" or "TENTATIVE" */
};

/*
 * Returns a VCALENDAR (METHOD:PUBLISH, X-WR-CALNAME name unless name is NULL) with one
 * all-day VEVENT per event, DTSTAMP now_epoch in UTC, lines folded at 75 octets and
 * ended with CRLF. Text may hold any UTF-8; a CR or CRLF in it becomes a newline and
 * other control characters but tab are dropped, as iCalendar text cannot carry them,
 * and so are leading and trailing spaces, tabs and line breaks (libical's parser drops
 * them); a calendar name, summary or description left empty is not written (libical's
 * parser drops an empty value with an error). An event from 3000-12-31 on is left out:
 * libical writes no later date. The string is malloc'd: the caller free()s it. Returns
 * NULL on a bad date (not a real YYYY-MM-DD day from 1900-01-01 to 9999-12-31; those from 3000-12-31 on are left out, not refused), a uid
 * that is NULL or has nothing but spaces and control characters, an unknown status, a
 * url holding a space or control character, or no memory.
 */
char *ical_calendar(const char *name, const struct cal_event *ev, size_t n,
		    long long now_epoch);

#endif
