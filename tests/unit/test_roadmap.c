/* test_roadmap: hand-worked cases for roadmap budgets, the bidding window and when sealed bids open. */
#include "../harness.h"
#include "domain/roadmap.h"

static struct date D(int y, int m, int d)
{
	struct date r = {y, m, d};
	return r;
}

static void budgets(void)
{
	struct error err = {0};

	CHECK(roadmap_budget_check(1000, 600, 400, &err));	/* exactly the budget */
	CHECK(!roadmap_budget_check(1000, 600, 401, &err));	/* one over */
	CHECK_INT(err.status, 422);
	CHECK_STR(err.field, "budget");
	CHECK(strstr(err.message, "400 left") != NULL);
	CHECK(!roadmap_budget_check(1000, 1200, 0 + 1, &err)); /* already over: nothing left */
	CHECK(strstr(err.message, "0 left") != NULL);
	CHECK(!roadmap_budget_check(1000, 0, -1, &err));
	CHECK(roadmap_budget_check(0, 0, 0, &err));
}

static void bidding_window(void)
{
	struct date deadline = D(2026, 12, 15);

	CHECK(bid_window_open(ITEM_OPEN, deadline, D(2026, 12, 15)));	/* the deadline day counts */
	CHECK(!bid_window_open(ITEM_OPEN, deadline, D(2026, 12, 16)));
	CHECK(!bid_window_open(ITEM_DRAFT, deadline, D(2026, 12, 1)));
	CHECK(!bid_window_open(ITEM_AWARDED, deadline, D(2026, 12, 1)));
	CHECK(bids_sealed(deadline, D(2026, 12, 15)));	/* no opening on the deadline day itself */
	CHECK(!bids_sealed(deadline, D(2026, 12, 16)));
}

static void deadline_moves(void)
{
	struct error err = {0};
	struct date from = D(2026, 12, 15);

	CHECK(bid_deadline_move_ok(from, D(2026, 12, 16), &err));	/* extended by a day */
	CHECK(bid_deadline_move_ok(from, from, &err));		/* kept */
	CHECK(bid_deadline_move_ok(from, D(2027, 1, 2), &err));	/* across the year */
	CHECK(!bid_deadline_move_ok(from, D(2026, 12, 14), &err)); /* a day shorter */
	CHECK_INT(err.status, 422);
	CHECK_STR(err.code, "deadline_shortened");
	CHECK_STR(err.field, "bid_deadline");
	CHECK(strstr(err.message, "2026-12-15") != NULL);
	CHECK(!bid_deadline_move_ok(D(2027, 1, 2), D(2026, 12, 31), &err));
}

static void outcomes_for_bidders(void)
{
	/* The loser of an awarded item and a bidder on an item closed without award read the same. */
	CHECK_INT(bid_outcome_for(ITEM_AWARDED, false), OUTCOME_NOT_AWARDED_TO_YOU);
	CHECK_INT(bid_outcome_for(ITEM_CLOSED, false), OUTCOME_NOT_AWARDED_TO_YOU);
	CHECK_INT(bid_outcome_for(ITEM_AWARDED, true), OUTCOME_AWARDED_TO_YOU);
	CHECK_INT(bid_outcome_for(ITEM_OPEN, false), OUTCOME_PENDING);
	CHECK_INT(bid_outcome_for(ITEM_DRAFT, false), OUTCOME_PENDING);
	CHECK_STR(bid_outcome_name(OUTCOME_NOT_AWARDED_TO_YOU), "not_awarded_to_you");
	CHECK(bid_outcome_name(OUTCOME_PENDING) == NULL);
	CHECK_INT(item_status_for_bidder(ITEM_AWARDED, false), ITEM_CLOSED);
	CHECK_INT(item_status_for_bidder(ITEM_CLOSED, false), ITEM_CLOSED);
	CHECK_INT(item_status_for_bidder(ITEM_AWARDED, true), ITEM_AWARDED);
	CHECK_INT(item_status_for_bidder(ITEM_OPEN, false), ITEM_OPEN);
	/* Stored "lost" (awarded elsewhere) and "submitted" / "shortlisted" (closed) both read "lost". */
	CHECK_INT(bid_status_for_bidder(ITEM_AWARDED, BID_LOST), BID_LOST);
	CHECK_INT(bid_status_for_bidder(ITEM_CLOSED, BID_SUBMITTED), BID_LOST);
	CHECK_INT(bid_status_for_bidder(ITEM_CLOSED, BID_SHORTLISTED), BID_LOST);
	CHECK_INT(bid_status_for_bidder(ITEM_AWARDED, BID_WON), BID_WON);
	CHECK_INT(bid_status_for_bidder(ITEM_CLOSED, BID_WITHDRAWN), BID_WITHDRAWN);
	CHECK_INT(bid_status_for_bidder(ITEM_OPEN, BID_SHORTLISTED), BID_SHORTLISTED);
}

static void bid_ids(void)
{
	CHECK(bid_id_from_random(0) == 0);				 /* below 2^40: draw again */
	CHECK(bid_id_from_random((1ULL << 40) - 1) == 0);
	CHECK(bid_id_from_random(1ULL << 40) == BID_ID_MIN);
	CHECK(bid_id_from_random(~0ULL) == BID_ID_END - 1);		 /* the high bits are dropped */
	CHECK(bid_id_from_random((1ULL << 53) | (1ULL << 40)) == BID_ID_MIN); /* bit 53 is dropped */
	CHECK(bid_id_from_random(0x0012345678abcdefULL) == 0x0012345678abcdefLL);
}

static void names(void)
{
	CHECK_INT(item_status_parse("open"), ITEM_OPEN);
	CHECK_INT(item_status_parse("opened"), -1);
	CHECK_INT(bid_status_parse("withdrawn"), BID_WITHDRAWN);
	CHECK_STR(bid_status_name(BID_LOST), "lost");
}

static void phases(void)
{
	struct date deadline = D(2026, 12, 15);

	CHECK_STR(item_phase_name(item_phase_of(ITEM_OPEN, true, deadline, D(2026, 12, 15))), "open"); /* the deadline day is still open */
	CHECK_STR(item_phase_name(item_phase_of(ITEM_OPEN, true, deadline, D(2026, 12, 16))), "evaluating");
	CHECK_STR(item_phase_name(item_phase_of(ITEM_OPEN, true, deadline, D(2027, 3, 1))), "evaluating");
	CHECK_STR(item_phase_name(item_phase_of(ITEM_OPEN, false, deadline, D(2027, 3, 1))), "open");	/* no deadline: never evaluating */
	CHECK_STR(item_phase_name(item_phase_of(ITEM_AWARDED, true, deadline, D(2026, 12, 16))), "awarded");
	CHECK_STR(item_phase_name(item_phase_of(ITEM_CLOSED, true, deadline, D(2026, 12, 16))), "closed");
	CHECK_STR(item_phase_name(item_phase_of(ITEM_DRAFT, false, deadline, D(2026, 12, 16))), "draft");
}

static void budgets_of_bids(void)
{
	CHECK(!bid_above_budget(500000, 500000)); /* exactly the budget is within it */
	CHECK(bid_above_budget(500001, 500000));
	CHECK(!bid_above_budget(0, 0));
	CHECK(bid_above_budget(1, 0));
}

static void closing_early(void)
{
	struct error err = {0};
	struct date to = {0, 0, 0};
	char d[11];

	CHECK(bid_close_early(ITEM_OPEN, D(2026, 12, 15), D(2026, 12, 1), &to, &err));
	date_format(to, d);
	CHECK_STR(d, "2026-11-30"); /* yesterday: the bids open today */
	CHECK(bid_close_early(ITEM_OPEN, D(2026, 12, 15), D(2026, 12, 15), &to, &err)); /* on the deadline day itself */
	date_format(to, d);
	CHECK_STR(d, "2026-12-14");
	CHECK(bid_close_early(ITEM_OPEN, D(2027, 1, 10), D(2027, 1, 1), &to, &err)); /* across the year */
	date_format(to, d);
	CHECK_STR(d, "2026-12-31");
	CHECK(!bid_close_early(ITEM_OPEN, D(2026, 12, 15), D(2026, 12, 16), &to, &err));
	CHECK_INT(err.status, 409);
	CHECK_STR(err.code, "deadline_passed");
	CHECK(!bid_close_early(ITEM_DRAFT, D(2026, 12, 15), D(2026, 12, 1), &to, &err));
	CHECK_STR(err.code, "not_open");
	CHECK(!bid_close_early(ITEM_AWARDED, D(2026, 12, 15), D(2026, 12, 1), &to, &err));
	CHECK_STR(err.code, "not_open");
}

static void texts(void)
{
	struct error err = {0};
	static char big[ITEM_DESCRIPTION_MAX + 2];

	CHECK(item_description_check(NULL, &err));
	CHECK(item_description_check("", &err));
	CHECK(item_description_check("## Scope\n\n- two regions\n- **24x7**", &err));
	memset(big, 'a', sizeof big - 1);
	CHECK(!item_description_check(big, &err));
	CHECK_STR(err.field, "description");
	CHECK(!item_description_check("bell\a", &err));
	CHECK_STR(err.code, "invalid");
	CHECK(!award_rationale_check(NULL, &err));
	CHECK_INT(err.status, 422);
	CHECK_STR(err.code, "required");
	CHECK_STR(err.field, "rationale");
	CHECK(!award_rationale_check("", &err));
	CHECK_STR(err.code, "required");
	CHECK(!award_rationale_check(" \n\t", &err)); /* blank is not a rationale */
	CHECK_STR(err.field, "rationale");
	CHECK(award_rationale_check("Cheapest compliant bid; strongest payments references.", &err));
	big[AWARD_RATIONALE_MAX + 1] = '\0';
	CHECK(!award_rationale_check(big, &err));
	CHECK_STR(err.code, "too_long");
}

int main(void)
{
	RUN(phases);
	RUN(budgets_of_bids);
	RUN(closing_early);
	RUN(texts);
	RUN(budgets);
	RUN(bidding_window);
	RUN(names);
	RUN(deadline_moves);
	RUN(outcomes_for_bidders);
	RUN(bid_ids);
	return HARNESS_DONE("roadmap");
}
