/* test_events: the outbox — a moved bid deadline tells exactly the bidding organisations, in the move's transaction, and becomes their inbox item and the item's history. */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../harness.h"
#include "service/auth.h"
#include "service/events.h"
#include "service/orgs.h"
#include "service/roadmaps.h"

static struct store *S;
static struct error err;
static long long item, quiet_item;
/* The buyer's CIO; P's leadership, consultant and member (P bids); Q's leadership (shared, no bid). */
static struct caller a_cio, p_lead, p_cons, p_mem, q_lead;

static int count_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].i;
	return 1;
}

static long long events_count(void)
{
	long long n = -1;

	store_query(S, "SELECT count(*) FROM events", NULL, 0, count_cb, &n, NULL);
	return n;
}

static struct caller person(long long org, const char *email, enum role r)
{
	struct user_input in = {org, email, email, ROLE_BIT(r), "correct-horse-battery-9"};
	long long id = user_create(S, &in, &err);
	struct caller c;

	memset(&c, 0, sizeof c);
	if (id < 0 || auth_caller_load(S, id, &c) != 0)
		fprintf(stderr, "fixture: %s: %s\n", email, err.message);
	return c;
}

static bool build(void)
{
	struct org_input a = {"Buyer A", "buyer", NULL}, p = {"Provider P", "provider", NULL}, q = {"Provider Q", "provider", NULL};
	long long ao = org_create(S, &a, &err), po = org_create(S, &p, &err), qo = org_create(S, &q, &err), unit, roadmap;
	struct item_input iin = {"Branch refresh", 100000, true, "2027-01-01", "2027-06-30", true, "2026-12-10", NULL};
	struct item_input quiet = {"Quiet item", 100000, true, "2027-01-01", "2027-06-30", true, "2026-12-10", NULL};
	long long shared[2] = {po, qo};
	struct roadmap_input rin;

	if (ao < 0 || po < 0 || qo < 0)
		return false;
	a_cio = person(ao, "cio@a.example", ROLE_UNIT_CIO);
	p_lead = person(po, "lead@p.example", ROLE_PROVIDER_LEADERSHIP);
	p_cons = person(po, "cons@p.example", ROLE_PROVIDER_CONSULTING);
	p_mem = person(po, "member@p.example", ROLE_MEMBER);
	q_lead = person(qo, "lead@q.example", ROLE_PROVIDER_LEADERSHIP);
	{
		struct unit_input uin = {ao, "Retail", a_cio.user_id};

		if ((unit = unit_create(S, &uin, &err)) < 0)
			return false;
	}
	rin = (struct roadmap_input){unit, 2027, 1000000, "Retail 2027", true};
	if ((roadmap = roadmap_create(S, &a_cio, &rin, &err)) < 0 || (item = roadmap_item_create(S, roadmap, &iin, &err)) < 0 ||
	    (quiet_item = roadmap_item_create(S, roadmap, &quiet, &err)) < 0 || roadmap_share(S, roadmap, shared, 2, &err))
		return false;
	return bid_submit(S, &p_lead, item, 90000, "Phased.", NULL, &err) > 0;
}

/* Moves an item's bid deadline, as PATCH /api/v1/roadmap-items/{id} {bid_deadline} does. */
static int move(long long id, const char *deadline)
{
	struct item_patch p = {.bid_deadline = deadline};

	return roadmap_item_update(S, id, &p, &err);
}

static void moves_tell_bidders_only(void)
{
	json_t *inbox, *x;

	/* No bid on the quiet item: a shorter deadline is refused all the same (the refusal tells nothing of bids); a later one tells nobody. */
	CHECK_INT(move(quiet_item, "2026-12-01"), -1);
	CHECK_STR(err.code, "deadline_shortened");
	CHECK_INT(move(quiet_item, "2026-12-20"), 0);
	CHECK_INT(events_count(), 0);
	/* With P's bid, shortening is refused and writes nothing. */
	CHECK_INT(move(item, "2026-12-09"), -1);
	CHECK_STR(err.code, "deadline_shortened");
	CHECK_INT(events_count(), 0);
	/* Keeping the date is no move. */
	CHECK_INT(move(item, "2026-12-10"), 0);
	CHECK_INT(events_count(), 0);
	/* Extending: one event, for P, the only bidder. */
	CHECK_INT(move(item, "2026-12-15"), 0);
	CHECK_INT(events_count(), 1);
	inbox = events_inbox_items(S, &p_lead);
	CHECK_INT(json_array_size(inbox), 1);
	x = json_array_get(inbox, 0);
	CHECK_STR(json_string_value(json_object_get(x, "kind")), "bid_deadline");
	CHECK_STR(json_string_value(json_object_get(x, "due_on")), "2026-12-15");
	{
		char url[48];

		snprintf(url, sizeof url, "/roadmap-items/%lld", item);
		CHECK_STR(json_string_value(json_object_get(x, "url")), url);
	}
	CHECK(strstr(json_string_value(json_object_get(x, "title")), "from 2026-12-10 to 2026-12-15") != NULL);
	json_decref(inbox);
	/* The consultant too; not P's member, not Q (shared, no bid), not the buyer. */
	inbox = events_inbox_items(S, &p_cons);
	CHECK_INT(json_array_size(inbox), 1);
	json_decref(inbox);
	inbox = events_inbox_items(S, &p_mem);
	CHECK_INT(json_array_size(inbox), 0);
	json_decref(inbox);
	inbox = events_inbox_items(S, &q_lead);
	CHECK_INT(json_array_size(inbox), 0);
	json_decref(inbox);
	inbox = events_inbox_items(S, &a_cio);
	CHECK_INT(json_array_size(inbox), 0);
	json_decref(inbox);
}

static void latest_move_and_history(void)
{
	json_t *inbox, *hist;

	CHECK_INT(move(item, "2026-12-20"), 0);
	/* One inbox item per item: the latest move. */
	inbox = events_inbox_items(S, &p_lead);
	CHECK_INT(json_array_size(inbox), 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(inbox, 0), "due_on")), "2026-12-20");
	CHECK(strstr(json_string_value(json_object_get(json_array_get(inbox, 0), "title")), "from 2026-12-15 to 2026-12-20") != NULL);
	json_decref(inbox);
	/* The history keeps both, oldest first; Q has none. */
	hist = events_item_deadline_history(S, &p_lead, item);
	CHECK_INT(json_array_size(hist), 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(hist, 0), "from")), "2026-12-10");
	CHECK_STR(json_string_value(json_object_get(json_array_get(hist, 1), "to")), "2026-12-20");
	json_decref(hist);
	hist = events_item_deadline_history(S, &q_lead, item);
	CHECK_INT(json_array_size(hist), 0);
	json_decref(hist);
	/* Once the deadline has passed there is nothing left to act on. */
	setenv("ACCORD_TODAY", "2026-12-21", 1);
	inbox = events_inbox_items(S, &p_lead);
	CHECK_INT(json_array_size(inbox), 0);
	json_decref(inbox);
	setenv("ACCORD_TODAY", "2026-11-26", 1);
}

int main(void)
{
	char dir[] = "/tmp/accord-events-XXXXXX", path[300];
	const char *pg = getenv("ACCORD_TEST_DB");
	int applied = 0;

	if (sodium_init() < 0 || !mkdtemp(dir))
		return 1;
	setenv("ACCORD_TODAY", "2026-11-26", 1);
	if (pg && *pg)
		snprintf(path, sizeof path, "%s", pg);
	else
		snprintf(path, sizeof path, "%s/events.db", dir);
	S = store_open(path, &err);
	if (!S || store_migrate(S, &applied, &err) != 0 || !build()) {
		fprintf(stderr, "cannot set up the fixture: %s\n", err.message);
		printf("events: 0 passed, 1 failed\n");
		return 1;
	}
	RUN(moves_tell_bidders_only);
	RUN(latest_move_and_history);
	store_close(S);
	if (!(pg && *pg)) {
		char p[340];

		snprintf(p, sizeof p, "%s-wal", path);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", path);
		unlink(p);
		unlink(path);
		rmdir(dir);
	}
	return HARNESS_DONE("events");
}
