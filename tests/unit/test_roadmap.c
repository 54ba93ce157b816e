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

static void names(void)
{
	CHECK_INT(item_status_parse("open"), ITEM_OPEN);
	CHECK_INT(item_status_parse("opened"), -1);
	CHECK_INT(bid_status_parse("withdrawn"), BID_WITHDRAWN);
	CHECK_STR(bid_status_name(BID_LOST), "lost");
}

int main(void)
{
	RUN(budgets);
	RUN(bidding_window);
	RUN(names);
	return HARNESS_DONE("roadmap");
}
