/* test_review: hand-worked cases for review scheduling, status derivation, quorum, held-on checks and reminder windows. */
#include "../harness.h"
#include "domain/review.h"

static struct date D(int y, int m, int d)
{
	struct date r = {y, m, d};
	return r;
}

static const char *fmt(struct date d)
{
	static char out[8][11];
	static int i;

	i = (i + 1) % 8;
	date_format(d, out[i]);
	return out[i];
}

#define EARLY D(1900, 1, 1)

static void cadences(void)
{
	CHECK_INT(cadence_parse("quarterly"), CADENCE_QUARTERLY);
	CHECK_INT(cadence_parse("half-yearly"), CADENCE_HALF_YEARLY);
	CHECK_INT(cadence_parse("annual"), CADENCE_ANNUAL);
	CHECK_INT(cadence_parse("Annual"), -1);
	CHECK_INT(cadence_parse("monthly"), -1);
	CHECK_INT(cadence_parse(NULL), -1);
	CHECK_INT(cadence_months(CADENCE_QUARTERLY), 3);
	CHECK_INT(cadence_months(CADENCE_HALF_YEARLY), 6);
	CHECK_INT(cadence_months(CADENCE_ANNUAL), 12);
	CHECK_STR(cadence_name(CADENCE_HALF_YEARLY), "half-yearly");
}

static void schedule_half_yearly_two_years(void)
{
	struct date out[10];
	int n = review_schedule(D(2025, 1, 15), D(2027, 1, 14), CADENCE_HALF_YEARLY, EARLY, out, 10);

	/* 2027-01-15 is a day after the end, so three reviews, not four. */
	CHECK_INT(n, 3);
	CHECK_STR(fmt(out[0]), "2025-07-15");
	CHECK_STR(fmt(out[1]), "2026-01-15");
	CHECK_STR(fmt(out[2]), "2026-07-15");
}

static void schedule_includes_the_last_day(void)
{
	struct date out[10];
	int n = review_schedule(D(2025, 1, 15), D(2026, 1, 15), CADENCE_QUARTERLY, EARLY, out, 10);

	CHECK_INT(n, 4);
	CHECK_STR(fmt(out[0]), "2025-04-15");
	CHECK_STR(fmt(out[3]), "2026-01-15");
}

static void schedule_month_end_never_drifts(void)
{
	struct date out[10];
	int n = review_schedule(D(2025, 8, 31), D(2028, 8, 31), CADENCE_HALF_YEARLY, EARLY, out, 10);

	/* 31 Aug + 6 months is the last day of February; + 12 months is 31 Aug again. */
	CHECK_INT(n, 6);
	CHECK_STR(fmt(out[0]), "2026-02-28");
	CHECK_STR(fmt(out[1]), "2026-08-31");
	CHECK_STR(fmt(out[2]), "2027-02-28");
	CHECK_STR(fmt(out[3]), "2027-08-31");
	CHECK_STR(fmt(out[4]), "2028-02-29"); /* a leap year */
	CHECK_STR(fmt(out[5]), "2028-08-31");
}

static void schedule_quarterly_from_month_end(void)
{
	struct date out[10];
	int n = review_schedule(D(2023, 11, 30), D(2024, 11, 30), CADENCE_QUARTERLY, EARLY, out, 10);

	CHECK_INT(n, 4);
	CHECK_STR(fmt(out[0]), "2024-02-29");
	CHECK_STR(fmt(out[1]), "2024-05-30");
	CHECK_STR(fmt(out[2]), "2024-08-30");
	CHECK_STR(fmt(out[3]), "2024-11-30");
}

static void schedule_annual_from_leap_day(void)
{
	struct date out[10];
	int n = review_schedule(D(2024, 2, 29), D(2028, 3, 1), CADENCE_ANNUAL, EARLY, out, 10);

	CHECK_INT(n, 4);
	CHECK_STR(fmt(out[0]), "2025-02-28");
	CHECK_STR(fmt(out[1]), "2026-02-28");
	CHECK_STR(fmt(out[2]), "2027-02-28");
	CHECK_STR(fmt(out[3]), "2028-02-29");
}

static void schedule_term_shorter_than_a_period(void)
{
	struct date out[4];
	int n = review_schedule(D(2026, 1, 1), D(2026, 4, 30), CADENCE_HALF_YEARLY, EARLY, out, 4);

	CHECK_INT(n, 1);
	CHECK_STR(fmt(out[0]), "2026-04-30");
	/* ... unless that end is already past when the mandate is set. */
	n = review_schedule(D(2026, 1, 1), D(2026, 4, 30), CADENCE_HALF_YEARLY, D(2026, 5, 1), out, 4);
	CHECK_INT(n, 0);
	/* A one-day term. */
	n = review_schedule(D(2026, 1, 1), D(2026, 1, 1), CADENCE_ANNUAL, EARLY, out, 4);
	CHECK_INT(n, 1);
	CHECK_STR(fmt(out[0]), "2026-01-01");
}

static void schedule_set_mid_term(void)
{
	struct date out[10];
	int n = review_schedule(D(2025, 1, 15), D(2027, 1, 15), CADENCE_HALF_YEARLY, D(2026, 1, 15),
				out, 10);

	/* Due dates on the day the mandate is set still count; earlier ones are not planned. */
	CHECK_INT(n, 3);
	CHECK_STR(fmt(out[0]), "2026-01-15");
	CHECK_STR(fmt(out[2]), "2027-01-15");
	n = review_schedule(D(2025, 1, 15), D(2027, 1, 15), CADENCE_HALF_YEARLY, D(2026, 1, 16), out,
			    10);
	CHECK_INT(n, 2);
	CHECK_STR(fmt(out[0]), "2026-07-15");
	/* Set after the term ended: nothing to plan. */
	n = review_schedule(D(2025, 1, 15), D(2027, 1, 15), CADENCE_HALF_YEARLY, D(2027, 1, 16), out,
			    10);
	CHECK_INT(n, 0);
}

static void schedule_is_bounded(void)
{
	struct date out[5];
	int n = review_schedule(D(2000, 1, 1), D(2099, 12, 31), CADENCE_QUARTERLY, EARLY, out, 5);

	CHECK_INT(n, 5);
	CHECK_STR(fmt(out[4]), "2001-04-01");
	/* An inverted term plans nothing. */
	CHECK_INT(review_schedule(D(2026, 2, 1), D(2026, 1, 1), CADENCE_ANNUAL, EARLY, out, 5), 0);
}

static void status_derivation(void)
{
	struct date due = D(2026, 6, 30), held;

	/* Planned: before and on the last day of grace, then missed. */
	CHECK_INT(review_status_derive(RSTATE_PLANNED, due, NULL, 14, D(2026, 6, 1)), REVIEW_PLANNED);
	CHECK_INT(review_status_derive(RSTATE_PLANNED, due, NULL, 14, D(2026, 7, 14)), REVIEW_PLANNED);
	CHECK_INT(review_status_derive(RSTATE_PLANNED, due, NULL, 14, D(2026, 7, 15)), REVIEW_MISSED);
	CHECK_INT(review_status_derive(RSTATE_PLANNED, due, NULL, 0, D(2026, 7, 1)), REVIEW_MISSED);
	/* Held: on time up to due + grace, late after; today does not matter. */
	held = D(2026, 7, 14);
	CHECK_INT(review_status_derive(RSTATE_HELD, due, &held, 14, D(2030, 1, 1)), REVIEW_HELD);
	held = D(2026, 7, 15);
	CHECK_INT(review_status_derive(RSTATE_HELD, due, &held, 14, D(2030, 1, 1)), REVIEW_LATE);
	held = D(2026, 5, 1);
	CHECK_INT(review_status_derive(RSTATE_HELD, due, &held, 0, D(2026, 5, 1)), REVIEW_HELD);
	/* Cancelled stays cancelled, even long past due. */
	CHECK_INT(review_status_derive(RSTATE_CANCELLED, due, NULL, 0, D(2030, 1, 1)),
		  REVIEW_CANCELLED);
	CHECK_STR(review_status_name(REVIEW_MISSED), "missed");
	CHECK_INT(review_state_parse("held"), RSTATE_HELD);
	CHECK_INT(review_state_parse("late"), -1); /* derived, never stored */
}

static void quorum(void)
{
	role_mask cxo = ROLE_BIT(ROLE_BUYER_CXO), lead = ROLE_BIT(ROLE_PROVIDER_LEADERSHIP),
		  cons = ROLE_BIT(ROLE_PROVIDER_CONSULTING);

	CHECK(review_quorum_met(cxo | lead, cxo | lead | cons));
	CHECK(!review_quorum_met(cxo | lead | cons, cxo | lead));
	CHECK(!review_quorum_met(cxo, 0));
	CHECK(review_quorum_met(0, 0)); /* no mandated roles: any meeting has quorum */
	CHECK(review_quorum_met(cxo, cxo | ROLE_BIT(ROLE_CONTRACT_MANAGER)));
}

static void compliance_counts(void)
{
	struct compliance c = {0};
	struct date today = D(2026, 11, 26), h1 = D(2026, 1, 20), h2 = D(2026, 8, 1);
	role_mask cxo = ROLE_BIT(ROLE_BUYER_CXO), lead = ROLE_BIT(ROLE_PROVIDER_LEADERSHIP);

	/* Held within grace with quorum; held late without quorum; missed; in grace; upcoming; cancelled. */
	compliance_count(&c, RSTATE_HELD, D(2026, 1, 15), &h1, 14, cxo | lead, cxo | lead, today);
	compliance_count(&c, RSTATE_HELD, D(2026, 7, 15), &h2, 14, cxo | lead, lead, today);
	compliance_count(&c, RSTATE_PLANNED, D(2026, 10, 15), NULL, 14, cxo, 0, today);
	compliance_count(&c, RSTATE_PLANNED, D(2026, 11, 20), NULL, 14, cxo, 0, today);
	compliance_count(&c, RSTATE_PLANNED, D(2026, 11, 26), NULL, 0, cxo, 0, today);
	compliance_count(&c, RSTATE_PLANNED, D(2027, 1, 15), NULL, 14, cxo, 0, today);
	compliance_count(&c, RSTATE_CANCELLED, D(2026, 4, 15), NULL, 14, cxo, 0, today);
	CHECK_INT(c.due, 5);
	CHECK_INT(c.held_on_time, 1);
	CHECK_INT(c.late, 1);
	CHECK_INT(c.missed, 1);
	CHECK_INT(c.in_grace, 2); /* due on 20 Nov (grace to 4 Dec) and due today */
	CHECK_INT(c.without_quorum, 1);
	CHECK_INT(c.upcoming, 1);
	CHECK_INT(c.cancelled, 1);
	CHECK_INT(c.due, c.held_on_time + c.late + c.missed + c.in_grace);
	CHECK(compliance_needs_attention(&c));

	/* Held early, before its due date, counts as held on time. */
	memset(&c, 0, sizeof c);
	compliance_count(&c, RSTATE_HELD, D(2027, 1, 15), &h2, 0, 0, 0, today);
	CHECK_INT(c.due, 1);
	CHECK_INT(c.held_on_time, 1);
	CHECK(!compliance_needs_attention(&c));
}

static void held_on_rules(void)
{
	struct error err = {0};

	CHECK(review_held_on_check(D(2026, 11, 26), D(2025, 1, 1), D(2026, 11, 26), &err));
	CHECK(!review_held_on_check(D(2026, 11, 27), D(2025, 1, 1), D(2026, 11, 26), &err));
	CHECK_INT(err.status, 422);
	CHECK_STR(err.field, "held_on");
	CHECK(strstr(err.message, "future") != NULL);
	CHECK(!review_held_on_check(D(2024, 12, 31), D(2025, 1, 1), D(2026, 11, 26), &err));
	CHECK(strstr(err.message, "before the engagement starts") != NULL);
}

static void actions_and_issues(void)
{
	CHECK_INT(action_status_parse("open"), ACTION_OPEN);
	CHECK_INT(action_status_parse("dropped"), ACTION_DROPPED);
	CHECK_INT(action_status_parse("closed"), -1);
	CHECK(!action_overdue(ACTION_OPEN, D(2026, 1, 10), D(2026, 1, 10)));
	CHECK(action_overdue(ACTION_OPEN, D(2026, 1, 10), D(2026, 1, 11)));
	CHECK(!action_overdue(ACTION_DONE, D(2026, 1, 10), D(2026, 3, 1)));
	CHECK_INT(issue_status_parse("addressed"), ISSUE_ADDRESSED);
	CHECK_INT(issue_kind_parse("imperative"), ISSUE_KIND_IMPERATIVE);
	CHECK_INT(issue_kind_parse("wish"), -1);
}

static void review_reminder_windows(void)
{
	struct date due = D(2026, 6, 30), held = D(2026, 7, 1);

	CHECK_INT(reminders_for_review(RSTATE_PLANNED, due, NULL, false, D(2026, 5, 30)), 0);
	CHECK_INT(reminders_for_review(RSTATE_PLANNED, due, NULL, false, D(2026, 5, 31)),
		  REMIND_BIT(REMIND_REVIEW_30));
	CHECK_INT(reminders_for_review(RSTATE_PLANNED, due, NULL, false, D(2026, 6, 22)),
		  REMIND_BIT(REMIND_REVIEW_30));
	CHECK_INT(reminders_for_review(RSTATE_PLANNED, due, NULL, false, D(2026, 6, 23)),
		  REMIND_BIT(REMIND_REVIEW_7));
	CHECK_INT(reminders_for_review(RSTATE_PLANNED, due, NULL, false, D(2026, 6, 30)),
		  REMIND_BIT(REMIND_REVIEW_7));
	CHECK_INT(reminders_for_review(RSTATE_PLANNED, due, NULL, false, D(2026, 7, 1)),
		  REMIND_BIT(REMIND_REVIEW_OVERDUE));
	CHECK_INT(reminders_for_review(RSTATE_CANCELLED, due, NULL, false, D(2026, 7, 1)), 0);
	/* Minutes: a week after the meeting, and only while there are none. */
	CHECK_INT(reminders_for_review(RSTATE_HELD, due, &held, false, D(2026, 7, 7)), 0);
	CHECK_INT(reminders_for_review(RSTATE_HELD, due, &held, false, D(2026, 7, 8)),
		  REMIND_BIT(REMIND_MINUTES_MISSING));
	CHECK_INT(reminders_for_review(RSTATE_HELD, due, &held, true, D(2026, 7, 8)), 0);
	CHECK_STR(reminder_kind_name(REMIND_MINUTES_MISSING), "minutes_missing");
}

static void action_reminder_windows(void)
{
	struct date due = D(2026, 3, 1); /* 2026 is not a leap year: 26 Feb is 3 days before */

	CHECK_INT(reminders_for_action(ACTION_OPEN, due, D(2026, 2, 25)), 0);
	CHECK_INT(reminders_for_action(ACTION_OPEN, due, D(2026, 2, 26)), REMIND_BIT(REMIND_ACTION_DUE));
	CHECK_INT(reminders_for_action(ACTION_OPEN, due, D(2026, 3, 1)), REMIND_BIT(REMIND_ACTION_DUE));
	CHECK_INT(reminders_for_action(ACTION_OPEN, due, D(2026, 3, 2)),
		  REMIND_BIT(REMIND_ACTION_OVERDUE));
	CHECK_INT(reminders_for_action(ACTION_DONE, due, D(2026, 3, 2)), 0);
	CHECK_INT(reminders_for_action(ACTION_DROPPED, due, D(2026, 2, 27)), 0);
}

int main(void)
{
	RUN(cadences);
	RUN(schedule_half_yearly_two_years);
	RUN(schedule_includes_the_last_day);
	RUN(schedule_month_end_never_drifts);
	RUN(schedule_quarterly_from_month_end);
	RUN(schedule_annual_from_leap_day);
	RUN(schedule_term_shorter_than_a_period);
	RUN(schedule_set_mid_term);
	RUN(schedule_is_bounded);
	RUN(status_derivation);
	RUN(quorum);
	RUN(compliance_counts);
	RUN(held_on_rules);
	RUN(actions_and_issues);
	RUN(review_reminder_windows);
	RUN(action_reminder_windows);
	return HARNESS_DONE("review");
}
