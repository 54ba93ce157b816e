/* review: the rules of mandated business reviews — cadence, schedule, status, quorum, actions, issues and reminders — with no I/O. */
#ifndef ACCORD_REVIEW_H
#define ACCORD_REVIEW_H

#include <stdbool.h>

#include "date.h"
#include "error.h"
#include "org.h"

enum cadence { CADENCE_QUARTERLY, CADENCE_HALF_YEARLY, CADENCE_ANNUAL, CADENCE__MAX };

const char *cadence_name(enum cadence c);
int cadence_parse(const char *s);
int cadence_months(enum cadence c);

#define GRACE_DAYS_MAX 90
#define SCHEDULE_MAX 400 /* reviews one mandate may plan (100 years of quarters) */

/*
 * The due dates of the reviews a mandate plans over a term, anchored on its start:
 * start + k periods for k = 1, 2, ... while on or before the end, each computed from
 * the anchor (so 31 Aug + 6 months is the last day of February and + 12 months is
 * 31 Aug again, never drifting). A term shorter than one period gets one review, due
 * on its last day. Only dates on or after `from` are written (a mandate set mid-term
 * plans no reviews in the past). Returns how many were written to out (at most max).
 */
int review_schedule(struct date starts, struct date ends, enum cadence c, struct date from,
		    struct date *out, int max);

/* What is stored about a review's life, and the status derived from it and today. */
enum review_state { RSTATE_PLANNED, RSTATE_HELD, RSTATE_CANCELLED, RSTATE__MAX };
enum review_status {
	REVIEW_PLANNED,
	REVIEW_HELD,
	REVIEW_LATE,
	REVIEW_MISSED,
	REVIEW_CANCELLED,
	REVIEW_STATUS__MAX
};

const char *review_state_name(enum review_state s);
int review_state_parse(const char *s);
const char *review_status_name(enum review_status s);

/*
 * held, held after due + grace -> late; planned and today after due + grace -> missed;
 * cancelled stays cancelled. held_on is NULL when the review has not been held.
 */
enum review_status review_status_derive(enum review_state st, struct date due,
					const struct date *held_on, int grace_days,
					struct date today);

/* Quorum: every mandated role held by at least one attendee who was present. */
static inline bool review_quorum_met(role_mask required, role_mask present)
{
	return (required & ~present) == 0;
}

/*
 * A review may be recorded as held on a day that is neither in the future nor before
 * the engagement started; names the field "held_on".
 */
bool review_held_on_check(struct date held_on, struct date engagement_start, struct date today,
			  struct error *err);

/*
 * Compliance with a mandate, counted review by review. A review is due once its due
 * date has come or it has been held; due = held_on_time + late + missed + in_grace
 * (due or past due, not held, still within grace). without_quorum counts held reviews
 * (on time or late) whose attendance lacked a mandated role.
 */
struct compliance {
	int due, held_on_time, late, missed, in_grace, without_quorum, upcoming, cancelled;
};

void compliance_count(struct compliance *c, enum review_state st, struct date due,
		      const struct date *held_on, int grace_days, role_mask required,
		      role_mask present, struct date today);
/* Whether a contract manager should look: anything late, missed or held without quorum. */
static inline bool compliance_needs_attention(const struct compliance *c)
{
	return c->late || c->missed || c->without_quorum;
}

/* Action items that decisions produce. */
enum action_status { ACTION_OPEN, ACTION_DONE, ACTION_DROPPED, ACTION_STATUS__MAX };
const char *action_status_name(enum action_status s);
int action_status_parse(const char *s);
static inline bool action_overdue(enum action_status s, struct date due, struct date today)
{
	return s == ACTION_OPEN && date_compare(today, due) > 0;
}

/* Strategic issues the buyer shares, and what kind of thing each is. */
enum issue_status { ISSUE_OPEN, ISSUE_ADDRESSED, ISSUE_CLOSED, ISSUE_STATUS__MAX };
enum issue_kind { ISSUE_KIND_ISSUE, ISSUE_KIND_PLAN, ISSUE_KIND_IMPERATIVE, ISSUE_KIND__MAX };
const char *issue_status_name(enum issue_status s);
int issue_status_parse(const char *s);
const char *issue_kind_name(enum issue_kind k);
int issue_kind_parse(const char *s);

/*
 * Reminders. Each kind is sent at most once per subject and person; the windows are
 * wide enough that a reminder run skipped for a day still sends it:
 *   review_30        planned review, today in [due - 30, due - 7)
 *   review_7         planned review, today in [due - 7, due]
 *   review_overdue   planned review, today after due (not yet held nor cancelled)
 *   minutes_missing  held review without minutes, today on or after held_on + 7
 *   action_due       open action, today in [due - 3, due]
 *   action_overdue   open action, today after due
 */
enum reminder_kind {
	REMIND_REVIEW_30,
	REMIND_REVIEW_7,
	REMIND_REVIEW_OVERDUE,
	REMIND_MINUTES_MISSING,
	REMIND_ACTION_DUE,
	REMIND_ACTION_OVERDUE,
	REMIND_BID_DEADLINE, /* not a review's: an outbox event (a bid deadline moved), mailed once to each bidder's people */
	REMIND_RENEWAL, /* an engagement's notice date coming (30 days) or come: keyed 'renewal_30:<date>' / 'renewal_notice:<date>' (remind.c) */
	REMIND__MAX
};
#define REMIND_BIT(k) (1u << (k))

const char *reminder_kind_name(enum reminder_kind k);
/* The reminder kinds due today for a review (a bit set of REMIND_BIT). */
unsigned reminders_for_review(enum review_state st, struct date due, const struct date *held_on,
			      bool has_minutes, struct date today);
unsigned reminders_for_action(enum action_status s, struct date due, struct date today);

#endif
