/* review: the rules of mandated business reviews — cadence, schedule, status, quorum, actions, issues and reminders — with no I/O. */
#include "review.h"

#include "names.h"

static const char *const cadence_names[CADENCE__MAX] = {"quarterly", "half-yearly", "annual"};
static const int cadence_period[CADENCE__MAX] = {3, 6, 12};
static const char *const state_names[RSTATE__MAX] = {"planned", "held", "cancelled"};
static const char *const status_names[REVIEW_STATUS__MAX] = {"planned", "held", "late", "missed",
							     "cancelled"};
static const char *const action_names[ACTION_STATUS__MAX] = {"open", "done", "dropped"};
static const char *const issue_status_names[ISSUE_STATUS__MAX] = {"open", "addressed", "closed"};
static const char *const issue_kind_names[ISSUE_KIND__MAX] = {"issue", "plan", "imperative"};
static const char *const reminder_names[REMIND__MAX] = {
	"review_30", "review_7", "review_overdue", "minutes_missing", "action_due", "action_overdue", "bid_deadline", "renewal"};

const char *cadence_name(enum cadence c)
{
	return names_get(cadence_names, CADENCE__MAX, (int)c);
}

int cadence_parse(const char *s)
{
	return names_lookup(cadence_names, CADENCE__MAX, s);
}

int cadence_months(enum cadence c)
{
	return (unsigned)c < CADENCE__MAX ? cadence_period[c] : 12;
}

int review_schedule(struct date starts, struct date ends, enum cadence c, struct date from,
		    struct date *out, int max)
{
	int months = cadence_months(c), n = 0;

	if (date_compare(starts, ends) > 0)
		return 0;
	for (int k = 1; n < max; k++) {
		struct date due = date_add_months(starts, k * months);

		if (date_compare(due, ends) > 0) {
			/* A term shorter than one period is still reviewed once, at its end. */
			if (k == 1 && date_compare(ends, from) >= 0)
				out[n++] = ends;
			break;
		}
		if (date_compare(due, from) >= 0)
			out[n++] = due;
	}
	return n;
}

const char *review_state_name(enum review_state s)
{
	return names_get(state_names, RSTATE__MAX, (int)s);
}

int review_state_parse(const char *s)
{
	return names_lookup(state_names, RSTATE__MAX, s);
}

const char *review_status_name(enum review_status s)
{
	return names_get(status_names, REVIEW_STATUS__MAX, (int)s);
}

enum review_status review_status_derive(enum review_state st, struct date due,
					const struct date *held_on, int grace_days,
					struct date today)
{
	struct date deadline = date_add_days(due, grace_days);

	if (st == RSTATE_CANCELLED)
		return REVIEW_CANCELLED;
	if (st == RSTATE_HELD && held_on)
		return date_compare(*held_on, deadline) > 0 ? REVIEW_LATE : REVIEW_HELD;
	return date_compare(today, deadline) > 0 ? REVIEW_MISSED : REVIEW_PLANNED;
}

void compliance_count(struct compliance *c, enum review_state st, struct date due,
		      const struct date *held_on, int grace_days, role_mask required,
		      role_mask present, struct date today)
{
	switch (review_status_derive(st, due, held_on, grace_days, today)) {
	case REVIEW_CANCELLED:
		c->cancelled++;
		return;
	case REVIEW_HELD:
	case REVIEW_LATE:
		c->due++;
		if (date_compare(*held_on, date_add_days(due, grace_days)) > 0)
			c->late++;
		else
			c->held_on_time++;
		if (!review_quorum_met(required, present))
			c->without_quorum++;
		return;
	case REVIEW_MISSED:
		c->due++;
		c->missed++;
		return;
	case REVIEW_PLANNED:
	case REVIEW_STATUS__MAX:
		break;
	}
	if (date_compare(today, due) >= 0) {
		c->due++;
		c->in_grace++;
	} else {
		c->upcoming++;
	}
}

bool review_held_on_check(struct date held_on, struct date engagement_start, struct date today,
			  struct error *err)
{
	char d[11];

	if (date_compare(held_on, today) > 0) {
		date_format(today, d);
		error_set(err, 422, "invalid", "held_on",
			  "held_on cannot be in the future (today is %s)", d);
		return false;
	}
	if (date_compare(held_on, engagement_start) < 0) {
		date_format(engagement_start, d);
		error_set(err, 422, "invalid", "held_on",
			  "held_on cannot be before the engagement starts (%s)", d);
		return false;
	}
	return true;
}

const char *action_status_name(enum action_status s)
{
	return names_get(action_names, ACTION_STATUS__MAX, (int)s);
}

int action_status_parse(const char *s)
{
	return names_lookup(action_names, ACTION_STATUS__MAX, s);
}

const char *issue_status_name(enum issue_status s)
{
	return names_get(issue_status_names, ISSUE_STATUS__MAX, (int)s);
}

int issue_status_parse(const char *s)
{
	return names_lookup(issue_status_names, ISSUE_STATUS__MAX, s);
}

const char *issue_kind_name(enum issue_kind k)
{
	return names_get(issue_kind_names, ISSUE_KIND__MAX, (int)k);
}

int issue_kind_parse(const char *s)
{
	return names_lookup(issue_kind_names, ISSUE_KIND__MAX, s);
}

const char *reminder_kind_name(enum reminder_kind k)
{
	return names_get(reminder_names, REMIND__MAX, (int)k);
}

/* Days from a to b (positive when b is later). */
static long days_between(struct date a, struct date b)
{
	return date_to_days(b) - date_to_days(a);
}

unsigned reminders_for_review(enum review_state st, struct date due, const struct date *held_on,
			      bool has_minutes, struct date today)
{
	long left = days_between(today, due);

	if (st == RSTATE_PLANNED) {
		if (left < 0)
			return REMIND_BIT(REMIND_REVIEW_OVERDUE);
		if (left <= 7)
			return REMIND_BIT(REMIND_REVIEW_7);
		if (left <= 30)
			return REMIND_BIT(REMIND_REVIEW_30);
		return 0;
	}
	if (st == RSTATE_HELD && held_on && !has_minutes && days_between(*held_on, today) >= 7)
		return REMIND_BIT(REMIND_MINUTES_MISSING);
	return 0;
}

unsigned reminders_for_action(enum action_status s, struct date due, struct date today)
{
	long left = days_between(today, due);

	if (s != ACTION_OPEN)
		return 0;
	if (left < 0)
		return REMIND_BIT(REMIND_ACTION_OVERDUE);
	if (left <= 3)
		return REMIND_BIT(REMIND_ACTION_DUE);
	return 0;
}
