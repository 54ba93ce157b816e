/* attention: the one place that decides whether an engagement needs attention and why — over the last 12 months, reasons ranked by severity (docs/delivery.md "Needs attention"). */
#ifndef ACCORD_ATTENTION_H
#define ACCORD_ATTENTION_H

#include <jansson.h>
#include <stdbool.h>

#include "../store/store.h"
#include "caller.h"

/* A notice date this close (days) is a reason to look. */
#define ATTENTION_NOTICE_DAYS 60
/* What counts: the last this many days of reviews, and as many months of KPI periods. */
#define ATTENTION_WINDOW_DAYS 365

/* One engagement's reasons, counted. */
struct attention {
	long long engagement_id;
	int missed_kpis;			   /* KPI periods missed in the window */
	int overdue_buyer, overdue_provider;	   /* open obligations past due, by who owes them */
	char notice_on[11];			   /* the notice date, when within ATTENTION_NOTICE_DAYS; else "" */
	int late, missed, without_quorum;	   /* reviews due in the window */
	/* Read with them, for the portfolio: the next notice date (whenever it is; "" without notice days or once passed) and the renewal kind. */
	char next_notice_on[11], renewal[12];
};

/*
 * The reasons of every engagement of the caller's organisation (as buyer or provider), one per
 * engagement in id order, in five statements whatever their number; *out is free()d by the
 * caller. -1 on a store error.
 */
int attention_org(struct store *s, const struct caller *c, struct attention **out, size_t *n);
/* The same for one engagement; -1 on a store error. */
int attention_engagement(struct store *s, long long engagement_id, struct attention *out);
/* The entry for the engagement, or NULL. */
const struct attention *attention_find(const struct attention *v, size_t n, long long engagement_id);
/* Whether there is any reason. */
bool attention_needed(const struct attention *a);
/*
 * The reasons, most severe first: [{reason, detail}] with reason one of missed_kpis,
 * overdue_obligations, notice_soon, reviews_late_or_missed, no_quorum; [] when none.
 */
json_t *attention_json(const struct attention *a);

#endif
