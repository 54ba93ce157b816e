/* calendar_cases: the calendar feed over HTTP — an absolute secret address, iCalendar read back with libical, stable UIDs, rotation. */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static json_t *get(int who, const char *path)
{
	json_t *j = NULL;
	long st = call_json(W->S, "GET", path, W->tok[who], NULL, &j);

	if (st != 200)
		fprintf(stderr, "  GET %s as %s: %ld\n", path, W->names[who], st);
	CHECK_INT(st, 200);
	return j;
}

/* The caller's feed address from /me, checked to be absolute; returns its path part (malloc'd) or NULL. */
static char *feed_path(int who)
{
	json_t *me = get(who, "/api/v1/me");
	const char *url = str(me, "calendar_url");
	size_t base = strlen(W->S->base);
	char *path = NULL;

	CHECK(url != NULL);
	if (url) {
		CHECK(strncmp(url, W->S->base, base) == 0);
		CHECK(strncmp(url + base, "/calendar/", 10) == 0);
		CHECK(strlen(url) > base + 10 + 4 + 20 && strcmp(url + strlen(url) - 4, ".ics") == 0);
		if (strncmp(url, W->S->base, base) == 0)
			path = strdup(url + base);
	}
	json_decref(me);
	return path;
}

/* Fetches a feed with no credentials at all and parses it; NULL when it is not a 200 iCalendar. */
static icalcomponent *fetch(const char *path)
{
	icalcomponent *cal = NULL;
	struct resp r;

	http(W->S, "GET", path, NULL, NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(strncmp(r.content_type, "text/calendar", 13) == 0);
	/* RFC 5545: lines end in CRLF. */
	CHECK(strncmp(r.body, "BEGIN:VCALENDAR\r\n", 17) == 0);
	if (r.status == 200)
		cal = icalparser_parse_string(r.body);
	CHECK(cal != NULL);
	if (cal)
		CHECK_INT(icalcomponent_isa(cal), ICAL_VCALENDAR_COMPONENT);
	resp_free(&r);
	return cal;
}

static icalcomponent *event(icalcomponent *cal, const char *uid)
{
	for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
	     e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		if (icalcomponent_get_uid(e) && strcmp(icalcomponent_get_uid(e), uid) == 0)
			return e;
	return NULL;
}

/* VEVENTs whose UID starts with prefix. */
static int count_events(icalcomponent *cal, const char *prefix)
{
	int n = 0;

	for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
	     e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT))
		n += icalcomponent_get_uid(e) && strncmp(icalcomponent_get_uid(e), prefix, strlen(prefix)) == 0;
	return n;
}

/* The event's DTSTART as YYYY-MM-DD when it is a DATE (no time, no zone), else "not a date". */
static const char *start_day(icalcomponent *e)
{
	static char out[16];
	struct icaltimetype t = icalcomponent_get_dtstart(e);

	if (!t.is_date)
		return "not a date";
	snprintf(out, sizeof out, "%04d-%02d-%02d", t.year, t.month, t.day);
	return out;
}

/* Checks the feed holds one event per review of each of the caller's engagements, on the right day; returns how many. */
static int check_reviews(icalcomponent *cal, int who)
{
	json_t *engs = get(who, "/api/v1/engagements?limit=200"), *e, *list, *r;
	size_t i, k;
	int total = 0;

	json_array_foreach(json_object_get(engs, "items"), i, e)
	{
		list = get(who, fmt("/api/v1/engagements/%lld/reviews?limit=200", num(e, "id")));
		json_array_foreach(json_object_get(list, "items"), k, r)
		{
			icalcomponent *ev = event(cal, fmt("review-%lld@accord", num(r, "id")));
			const char *day = strcmp(str(r, "state"), "held") == 0 ? str(r, "held_on") : str(r, "due_on");

			total++;
			CHECK(ev != NULL);
			if (!ev)
				continue;
			CHECK_STR(start_day(ev), day);
			CHECK(strstr(icalcomponent_get_summary(ev) ?: "", str(e, "title")) != NULL);
		}
		json_decref(list);
	}
	json_decref(engs);
	CHECK_INT(count_events(cal, "review-"), total);
	return total;
}

/* None of an engagement's reviews (read as `reader`) is in the feed. */
static void check_absent(icalcomponent *cal, int reader, long long engagement)
{
	json_t *list = get(reader, fmt("/api/v1/engagements/%lld/reviews?limit=200", engagement)), *r;
	size_t k;

	CHECK(json_array_size(json_object_get(list, "items")) > 0);
	json_array_foreach(json_object_get(list, "items"), k, r) CHECK(event(cal, fmt("review-%lld@accord", num(r, "id"))) == NULL);
	json_decref(list);
}

/* Open actions the caller owns are in the feed on their due day; done and dropped ones are not. */
static void check_actions(icalcomponent *cal, int who)
{
	json_t *open = get(who, "/api/v1/me/actions?status=open&limit=200"), *done = get(who, "/api/v1/me/actions?status=done&limit=200"), *a;
	size_t k;

	json_array_foreach(json_object_get(open, "items"), k, a)
	{
		icalcomponent *ev = event(cal, fmt("action-%lld@accord", num(a, "id")));

		CHECK(ev != NULL);
		if (ev)
			CHECK_STR(start_day(ev), str(a, "due_on"));
	}
	CHECK_INT(count_events(cal, "action-"), json_array_size(json_object_get(open, "items")));
	json_array_foreach(json_object_get(done, "items"), k, a) CHECK(event(cal, fmt("action-%lld@accord", num(a, "id"))) == NULL);
	json_decref(open);
	json_decref(done);
}

/* The UIDs of a feed, in order, joined by spaces (malloc'd). */
static char *uids(icalcomponent *cal)
{
	size_t len = 0;
	char *out = strdup("");

	for (icalcomponent *e = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); e;
	     e = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT)) {
		const char *u = icalcomponent_get_uid(e) ?: "";
		char *more = realloc(out, len + strlen(u) + 2);

		if (!more)
			break;
		out = more;
		len += (size_t)sprintf(out + len, "%s ", u);
	}
	return out;
}

static void test_calendar_feed_buyer(void)
{
	char *path = feed_path(NW_CM), *first, *second;
	icalcomponent *cal = path ? fetch(path) : NULL, *again;
	json_t *open;

	if (!cal) {
		free(path);
		return;
	}
	CHECK(check_reviews(cal, NW_CM) >= 20);
	/* Northwind's contract manager owns demo actions, some of them still open. */
	open = get(NW_CM, "/api/v1/me/actions?status=open");
	CHECK(json_array_size(json_object_get(open, "items")) > 0);
	json_decref(open);
	check_actions(cal, NW_CM);
	/* Meridian's reviews with Kestrel are none of Northwind's business. */
	check_absent(cal, MD_CM, W->E_MD);
	/* UIDs are stable from one fetch to the next. */
	again = fetch(path);
	first = uids(cal);
	second = again ? uids(again) : strdup("");
	CHECK_STR(second, first);
	CHECK(strstr(first, "review-") != NULL && strstr(first, "action-") != NULL);
	free(first);
	free(second);
	if (again)
		icalcomponent_free(again);
	icalcomponent_free(cal);
	free(path);
}

static void test_calendar_feed_provider_and_member(void)
{
	char *path = feed_path(KE_LEAD);
	icalcomponent *cal = path ? fetch(path) : NULL;

	if (cal) {
		/* Kestrel leads both its accounts (Northwind and Meridian), not Harbor's. */
		check_reviews(cal, KE_LEAD);
		check_absent(cal, NW_CM, W->E2);
		check_actions(cal, KE_LEAD);
		icalcomponent_free(cal);
	}
	free(path);
	/* A plain member sees the reviews too, and the actions they own. */
	path = feed_path(NW_MEMBER);
	cal = path ? fetch(path) : NULL;
	if (cal) {
		json_t *open = get(NW_MEMBER, "/api/v1/me/actions?status=open");

		CHECK(json_array_size(json_object_get(open, "items")) > 0);
		json_decref(open);
		check_reviews(cal, NW_MEMBER);
		check_actions(cal, NW_MEMBER);
		icalcomponent_free(cal);
	}
	free(path);
	/* The platform admin has an empty, valid calendar. */
	path = feed_path(ADMIN);
	cal = path ? fetch(path) : NULL;
	if (cal) {
		CHECK_INT(count_events(cal, ""), 0);
		icalcomponent_free(cal);
	}
	free(path);
}

static void test_calendar_rotation(void)
{
	/* Every signed-in person may replace their feed address; the old one stops working at once. */
	for (int c = 0; c < CALLERS; c++) {
		char *old = feed_path(c), *now;
		json_t *j = NULL;
		const char *url;

		CHECK_INT(call_json(W->S, "POST", "/api/v1/me/calendar", W->tok[c], NULL, &j), 200);
		url = str(j, "calendar_url") ?: "";
		CHECK(strncmp(url, W->S->base, strlen(W->S->base)) == 0);
		now = feed_path(c);
		CHECK(now && old && strcmp(now, old) != 0);
		CHECK_STR(now, url + strlen(W->S->base));
		if (old)
			CHECK_INT(call(W->S, "GET", old, NULL, NULL), 404);
		if (now)
			CHECK_INT(call(W->S, "GET", now, NULL, NULL), 200);
		json_decref(j);
		free(old);
		free(now);
	}
	CHECK_INT(call(W->S, "POST", "/api/v1/me/calendar", NULL, NULL), 401);
	/* Unknown or malformed tokens. */
	CHECK_INT(call(W->S, "GET", "/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", NULL, NULL), 404);
	CHECK_INT(call(W->S, "GET", "/calendar/x.ics", NULL, NULL), 404);
	CHECK_INT(call(W->S, "GET", "/calendar/.ics", NULL, NULL), 404);
	CHECK_INT(call(W->S, "GET", "/calendar/abc%20def.ics", NULL, NULL), 404);
	CHECK_INT(call(W->S, "GET", "/calendar/abc", NULL, NULL), 404);
	/* A bearer token does not open somebody else's feed: the address alone decides. */
	CHECK_INT(call(W->S, "GET", "/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics", W->tok[NW_CM], NULL), 404);
}

void calendar_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(test_calendar_feed_buyer);
	RUN(test_calendar_feed_provider_and_member);
	RUN(test_calendar_rotation);
	*passed += harness_passed;
	*failed += harness_failed;
}
