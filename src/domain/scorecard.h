/* scorecard: the pure rules of a scorecard — its window of dates and since when a KPI has been missed (docs/delivery.md, "Scorecards and service credits"). */
#ifndef ACCORD_SCORECARD_H
#define ACCORD_SCORECARD_H

#include <stdbool.h>
#include <stddef.h>

#include "date.h"
#include "delivery.h"
#include "error.h"

/* The longest window a scorecard spans, in months (10 years: 120 periods of a monthly KPI). */
#define SCORECARD_MAX_MONTHS 120
/* The default window: this many months up to and including the current one. */
#define SCORECARD_DEFAULT_MONTHS 12

/* A scorecard's window: the days from..to, both included. */
struct score_window {
	struct date from, to;
};

/*
 * Reads a window bound: a month ("2026-03"), a quarter ("2026-Q1") or a date ("2026-03-15").
 * A period bound stands for its first day (end false) or its last day (end true). False when
 * s is none of the three.
 */
bool score_bound_parse(const char *s, bool end, struct date *out);

/*
 * The window of ?from=&to= (either may be NULL or empty): without to, today; without from, the
 * first day of the month SCORECARD_DEFAULT_MONTHS − 1 months before to's month. 422 naming
 * "from" or "to" when a bound does not parse, when from is after to, or when the window spans
 * more than SCORECARD_MAX_MONTHS months.
 */
bool score_window_read(const char *from, const char *to, struct date today, struct score_window *out,
		       struct error *err);

/*
 * The window a KPI's periods are listed for: w narrowed to the engagement's term and to today
 * (no future period is listed). False when nothing is left.
 */
bool score_window_clip(struct score_window w, struct date starts_on, struct date ends_on, struct date today,
		       struct score_window *out);

/* The first and last period of frequency f that overlap the window. */
void score_window_periods(struct score_window w, enum kpi_frequency f, struct kpi_period *first,
			  struct kpi_period *last);

/*
 * Since when a KPI has been missed: given the counted statuses of its periods in order, the
 * index of the first period of the run of misses that ends at its latest known period
 * (unknown periods are skipped: no data is no recovery, nor a miss); -1 when the latest known
 * period is not missed, or none is known.
 */
int score_missed_since(const enum kpi_status *statuses, size_t n);

#endif
