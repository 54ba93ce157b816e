/* calendar: each person's secret, revocable iCalendar feed of their reviews, due actions, summits and contract dates (end, notice). */
#define _GNU_SOURCE /* vasprintf */
#include "calendar.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../domain/delivery.h"
#include "auth.h"
#include "ical.h"

#define FEED_MAX 5000 /* events in one feed */

/* Strings the events point into live here, owned by the feed until it is built. */
struct feed {
	struct cal_event ev[FEED_MAX];
	char *owned[FEED_MAX * 4];
	size_t n, nowned;
	const char *base;
};

static const char *keep(struct feed *f, char *s)
{
	if (s && f->nowned < sizeof f->owned / sizeof f->owned[0])
		f->owned[f->nowned++] = s;
	else if (s) {
		free(s);
		return "";
	}
	return s ? s : "";
}

static char *fmt(const char *format, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *format, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, format);
	if (vasprintf(&s, format, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

/* The next free event of the feed, or NULL when it is full. */
static struct cal_event *next_event(struct feed *f)
{
	return f->n < FEED_MAX ? &f->ev[f->n++] : NULL;
}

static int review_cb(void *ctx, const struct sqlval *c, int n)
{
	struct feed *f = ctx;
	struct cal_event *e = next_event(f);
	bool held = c[4].s && strcmp(c[5].s, "held") == 0;
	bool cancelled = strcmp(c[5].s, "cancelled") == 0;

	(void)n;
	if (!e)
		return 1;
	e->uid = keep(f, fmt("review-%lld@accord", c[0].i));
	e->date = keep(f, strdup(held ? c[4].s : c[3].s));
	e->summary = keep(f, fmt("%sBusiness review: %s", held ? "" : cancelled ? "Cancelled: " : "",
				 c[2].s));
	e->description = keep(f, fmt("%s and %s. Due on %s%s%s.", c[6].s, c[7].s, c[3].s,
				     held ? ", held on " : "", held ? c[4].s : ""));
	e->url = keep(f, fmt("%s/reviews/%lld", f->base, c[0].i));
	e->status = cancelled ? "CANCELLED" : held ? "CONFIRMED" : "TENTATIVE";
	return 0;
}

static int summit_cb(void *ctx, const struct sqlval *c, int n)
{
	struct feed *f = ctx;
	struct cal_event *e = next_event(f);

	(void)n;
	if (!e)
		return 1;
	e->uid = keep(f, fmt("summit-%lld@accord", c[0].i));
	e->date = keep(f, strdup(c[2].s));
	e->summary = keep(f, fmt("Summit: %s", c[1].s));
	e->description = keep(f, fmt("Hosted by %s%s%s.", c[4].s, c[3].s[0] ? " at " : "", c[3].s));
	e->url = keep(f, fmt("%s/summits/%lld", f->base, c[0].i));
	e->status = "CONFIRMED";
	return 0;
}

static int action_cb(void *ctx, const struct sqlval *c, int n)
{
	struct feed *f = ctx;
	struct cal_event *e = next_event(f);

	(void)n;
	if (!e)
		return 1;
	e->uid = keep(f, fmt("action-%lld@accord", c[0].i));
	e->date = keep(f, strdup(c[6].s));
	e->summary = keep(f, fmt("Action due: %s", c[3].s));
	e->description = keep(f, fmt("From the business review of %s due on %s.", c[10].s, c[11].s));
	e->url = keep(f, fmt("%s/reviews/%lld", f->base, c[2].i));
	e->status = "CONFIRMED";
	return 0;
}

/* An engagement's contract dates (docs/delivery.md): its end, and its notice date when notice days are recorded, as all-day events. */
static int contract_cb(void *ctx, const struct sqlval *c, int n)
{
	struct feed *f = ctx;
	struct cal_event *e = next_event(f);
	struct date ends;
	char notice[11];

	(void)n;
	if (!e)
		return 1;
	e->uid = keep(f, fmt("engagement-end-%lld@accord", c[0].i));
	e->date = keep(f, strdup(c[2].s));
	e->summary = keep(f, fmt("Contract ends: %s", c[1].s));
	e->description = keep(f, fmt("%s and %s. Renewal: %s.", c[5].s, c[6].s, c[4].s));
	e->url = keep(f, fmt("%s/engagements/%lld#contract", f->base, c[0].i));
	e->status = "CONFIRMED";
	if (c[3].type == SQL_NULL || !date_parse(c[2].s, &ends) || !(e = next_event(f)))
		return 0;
	date_format(contract_notice_date(ends, (int)c[3].i), notice);
	e->uid = keep(f, fmt("engagement-notice-%lld@accord", c[0].i));
	e->date = keep(f, strdup(notice));
	e->summary = keep(f, fmt("Notice date: %s", c[1].s));
	e->description = keep(f, fmt("Last day to give notice (%lld days before the end on %s). Renewal: %s.", c[3].i, c[2].s, c[4].s));
	e->url = keep(f, fmt("%s/engagements/%lld#contract", f->base, c[0].i));
	e->status = "CONFIRMED";
	return 0;
}

char *calendar_feed(struct store *s, const char *token, const char *base_url)
{
	struct sqlval a[7];
	struct feed *f;
	long long uid = 0;
	char *out = NULL, name[USER_NAME_MAX * 4 + 32];
	struct caller who;

	a[0] = SQL_T(token);
	if (!token || store_int(s, STMT_USER_FEED, a, 1, &uid, NULL) != 0 ||
	    auth_caller_load(s, uid, &who) != 0)
		return NULL;
	f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->base = base_url ? base_url : "";
	a[0] = SQL_I(uid);
	store_exec(s, STMT_CAL_REVIEWS, a, 1, review_cb, f, NULL);
	store_exec(s, STMT_CAL_SUMMITS, a, 1, summit_cb, f, NULL);
	store_exec(s, STMT_CAL_CONTRACT_DATES, a, 1, contract_cb, f, NULL);
	a[1] = SQL_T("open");
	a[2] = SQL_T("open");
	a[3] = SQL_I(0);
	a[4] = SQL_I(0);
	a[5] = SQL_I(0);
	a[6] = SQL_I(FEED_MAX);
	store_exec(s, STMT_ACTION_LIST_OWNER, a, 7, action_cb, f, NULL);
	snprintf(name, sizeof name, "accord — %s", who.name);
	out = ical_calendar(name, f->ev, f->n, (long long)time(NULL));
	for (size_t i = 0; i < f->nowned; i++)
		free(f->owned[i]);
	free(f);
	return out;
}

int calendar_rotate(struct store *s, long long user_id, char *out, size_t n, struct error *err)
{
	struct sqlval a[2];

	auth_random_token(out, n, 32);
	a[0] = SQL_T(out);
	a[1] = SQL_I(user_id);
	return store_exec(s, STMT_USER_SET_FEED, a, 2, NULL, NULL, err) < 0 ? -1 : 0;
}
