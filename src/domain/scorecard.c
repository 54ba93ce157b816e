/* scorecard: the window of a scorecard and since when a KPI has been missed — pure code, no I/O. */
#include "scorecard.h"

#include <string.h>

bool score_bound_parse(const char *s, bool end, struct date *out)
{
	struct kpi_period p;

	if (!s)
		return false;
	if (strlen(s) == 10)
		return date_parse(s, out);
	if (kpi_period_parse(s, KPI_MONTHLY, &p) || kpi_period_parse(s, KPI_QUARTERLY, &p)) {
		*out = end ? kpi_period_last_day(p) : kpi_period_first_day(p);
		return true;
	}
	return false;
}

static int months_between(struct date a, struct date b)
{
	return (b.year - a.year) * 12 + (b.month - a.month);
}

bool score_window_read(const char *from, const char *to, struct date today, struct score_window *out,
		       struct error *err)
{
	static const char *const shape = "a month (2026-03), a quarter (2026-Q1) or a date (2026-03-15)";
	struct score_window w;

	if (to && *to) {
		if (!score_bound_parse(to, true, &w.to)) {
			error_set(err, 422, "invalid", "to", "to is %s", shape);
			return false;
		}
	} else {
		w.to = today;
	}
	if (from && *from) {
		if (!score_bound_parse(from, false, &w.from)) {
			error_set(err, 422, "invalid", "from", "from is %s", shape);
			return false;
		}
	} else {
		w.from = date_add_months((struct date){w.to.year, w.to.month, 1}, -(SCORECARD_DEFAULT_MONTHS - 1));
	}
	if (date_compare(w.from, w.to) > 0) {
		error_set(err, 422, "invalid", "from", "from is after to");
		return false;
	}
	if (months_between(w.from, w.to) >= SCORECARD_MAX_MONTHS) {
		error_set(err, 422, "invalid", "to", "a scorecard spans at most %d months", SCORECARD_MAX_MONTHS);
		return false;
	}
	*out = w;
	return true;
}

bool score_window_clip(struct score_window w, struct date starts_on, struct date ends_on, struct date today,
		       struct score_window *out)
{
	if (date_compare(w.from, starts_on) < 0)
		w.from = starts_on;
	if (date_compare(w.to, ends_on) > 0)
		w.to = ends_on;
	if (date_compare(w.to, today) > 0)
		w.to = today;
	*out = w;
	return date_compare(w.from, w.to) <= 0;
}

void score_window_periods(struct score_window w, enum kpi_frequency f, struct kpi_period *first,
			  struct kpi_period *last)
{
	*first = kpi_period_of(w.from, f);
	*last = kpi_period_of(w.to, f);
}

int score_missed_since(const enum kpi_status *statuses, size_t n)
{
	size_t i = n;
	int since = -1;

	while (i > 0 && statuses[i - 1] == KPI_UNKNOWN)
		i--;
	while (i > 0 && (statuses[i - 1] == KPI_MISSED || statuses[i - 1] == KPI_UNKNOWN)) {
		if (statuses[i - 1] == KPI_MISSED)
			since = (int)(i - 1);
		i--;
	}
	return since;
}
