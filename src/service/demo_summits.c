/* demo_summits: the demo's summits and roadmaps — a past planning summit with an awarded item, an open item with two sealed bids, an upcoming customer summit, a problem statement with responses. */
#include "demo.h"

#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "clock.h"
#include "roadmaps.h"
#include "summits.h"

static int id_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].i;
	return 1;
}

void demo_as(struct store *s, const struct caller *c)
{
	store_set_actor(s, c ? c->user_id : 0, c ? c->org_id : 0);
}

int demo_who(struct store *s, const char *email, struct caller *c, struct error *err)
{
	struct sqlval a[1] = {SQL_T(email)};
	long long id = 0;

	if (store_exec(s, STMT_USER_BY_EMAIL, a, 1, id_cb, &id, err) < 0 || !id || auth_caller_load(s, id, c) != 0) {
		error_set(err, 500, "internal", NULL, "demo: no user %s", email);
		return -1;
	}
	return 0;
}

static long long first_unit(struct store *s, long long org, struct error *err)
{
	struct sqlval a[1] = {SQL_I(org)};
	long long id = 0;

	store_exec(s, STMT_UNITS_OF, a, 1, id_cb, &id, err);
	return id;
}

static int set_deadline(struct store *s, long long item, struct date d, struct error *err)
{
	char day[11];
	struct sqlval a[2];

	date_format(d, day);
	a[0] = SQL_T(day);
	a[1] = SQL_I(item);
	return store_exec(s, STMT_ITEM_SET_DEADLINE, a, 2, NULL, NULL, err) < 0 ? -1 : 0;
}

int demo_summits(struct store *s, long long best_practice, struct error *err)
{
	struct caller cio, cm, ke, hb, lu, nw_cxo;
	struct date today = clock_today();
	char day[11], deadline[11], year_start[11], year_end[11];
	long long summit, roadmap, awarded, open, bid, kb = 0, problem, unit, x, day_summit = 0;
	struct roadmap_input rin;
	struct item_input iin;
	long long orgs_nw, orgs_ke, orgs_hb, orgs_lu;

	if (demo_who(s, "raj.iyer@northwind.example", &cio, err) || demo_who(s, "tom.okafor@northwind.example", &cm, err) ||
	    demo_who(s, "helen.park@northwind.example", &nw_cxo, err) || demo_who(s, "anil.mehta@kestrel.example", &ke, err) ||
	    demo_who(s, "claire.dubois@harbor.example", &hb, err) || demo_who(s, "maria.lopez@lumen.example", &lu, err))
		return -1;
	orgs_nw = cm.org_id;
	orgs_ke = ke.org_id;
	orgs_hb = hb.org_id;
	orgs_lu = lu.org_id;
	unit = first_unit(s, orgs_nw, err);

	/* This year's roadmap, presented at the planning summit earlier this year. */
	rin = (struct roadmap_input){unit, today.year, 2400000, "Retail banking: digital first", true};
	if ((roadmap = roadmap_create(s, &cio, &rin, err)) < 0)
		return -1;
	date_format((struct date){today.year, 1, 1}, year_start);
	date_format((struct date){today.year, 12, 31}, year_end);
	date_format(today, day);
	iin = (struct item_input){"Mobile banking app rebuild", 1200000, true, year_start, year_end, true, day, NULL};
	if ((awarded = roadmap_item_create(s, roadmap, &iin, err)) < 0)
		return -1;
	date_format((struct date){today.year + 1, 1, 1}, year_start);
	date_format((struct date){today.year + 1, 12, 31}, year_end);
	date_format(date_add_days(today, 14), deadline);
	iin = (struct item_input){"Branch network modernisation", 800000, true, year_start, year_end, true, deadline,
				  "## Scope\n\nReplace the routers and SD-WAN of 120 branches, in three waves.\n\n"
				  "## Requirements\n\n- no branch offline for more than 4 hours\n- 24x7 monitoring from day one\n\n"
				  "## Evaluation criteria\n\nPrice (40%), migration plan (40%), references (20%)."};
	if ((open = roadmap_item_create(s, roadmap, &iin, err)) < 0)
		return -1;

	date_format(date_add_days(today, -290), day);
	{
		struct summit_input sin = {"buyer-planning", "Northwind IT planning summit", day, "Northwind head office, London"};

		if ((summit = summit_create(s, &cm, &sin, err)) < 0 || summit_invite(s, summit, NULL, 0, "providers", err) < 0)
			return -1;
	}
	if ((x = summit_session_add(s, &cm, summit, "roadmap", "Retail banking roadmap and budget", orgs_nw, roadmap, 0, err)) < 0 ||
	    session_rate(s, &ke, x, 5, "Clear priorities and an honest budget.", err) ||
	    session_rate(s, &hb, x, 4, "Would like more on the branch timeline.", err))
		return -1;
	if ((x = summit_session_add(s, &cm, summit, "showcase", "Cloud-native core banking in practice", orgs_ke, 0, 0, err)) < 0 ||
	    session_rate(s, &lu, x, 4, "", err))
		return -1;
	/* The host names Harbor as presenter; Harbor links its own practice (only the author may). */
	if ((x = summit_session_add(s, &cm, summit, "best-practice", "Dispute triage that halves cycle time", orgs_hb, 0, 0, err)) < 0 ||
	    session_link_practice(s, &hb, x, best_practice, &day_summit, err) ||
	    session_rate(s, &lu, x, 4, "Useful for our service desk too.", err))
		return -1;

	/* The mobile app: Kestrel and Lumen bid, Kestrel wins; Kestrel's suggestion was accepted. */
	if ((bid = bid_submit(s, &ke, awarded, 1080000, "Native apps on a shared API layer, delivered in three releases.", NULL, err)) < 0 ||
	    bid_submit(s, &lu, awarded, 1150000, "Cross-platform rebuild with a design sprint first.", NULL, err) < 0)
		return -1;
	if ((x = suggestion_create(s, &ke, awarded, "Release the card-management screens first: they carry most of the support calls.", err)) < 0 ||
	    suggestion_decide(s, x, "accepted", "Agreed: moved into the first release.", err))
		return -1;
	if (set_deadline(s, awarded, date_add_days(today, -200), err) || bid_award(s, awarded, bid, "The strongest proposal within the budget, from the incumbent provider.", err))
		return -1;

	/* The branch network: open, two sealed bids so far, and one share beyond the summit. */
	if (bid_submit(s, &ke, open, 760000, "Phased refresh with remote management.", NULL, err) < 0 ||
	    (kb = bid_submit(s, &hb, open, 690000, "Managed service with outcome-based fees.", NULL, err)) < 0)
		return -1;
	(void)kb;
	/* A suggestion waiting for the buyer's decision, and a component whose bidding has closed: it waits to be awarded (evaluating). */
	if (suggestion_create(s, &hb, open, "Pilot the first wave in ten branches before the full rollout.", err) < 0)
		return -1;
	{
		long long evaluating;

		date_format(today, deadline);
		iin = (struct item_input){"Contact centre platform", 300000, true, year_start, year_end, true, deadline,
					  "## Scope\n\nOne cloud contact centre for the 400 agents of retail banking.\n\n"
					  "## Evaluation criteria\n\nRunning cost over five years, and the migration plan."};
		if ((evaluating = roadmap_item_create(s, roadmap, &iin, err)) < 0 ||
		    bid_submit(s, &ke, evaluating, 280000, "Cloud contact centre, migrated team by team.", NULL, err) < 0 ||
		    bid_submit(s, &lu, evaluating, 320000, "Managed contact centre with quality analytics.", NULL, err) < 0 ||
		    set_deadline(s, evaluating, date_add_days(today, -2), err))
			return -1;
	}

	/* A problem statement to the summit's invitees, with two answers. */
	{
		struct problem_input pin = {"Reduce the cost of branch IT by a fifth",
					    "Our 140 branches each run their own servers. We want ideas that cut cost without hurting uptime.",
					    0, summit};

		if ((problem = problem_create(s, &nw_cxo, &pin, err)) < 0 ||
		    problem_respond(s, &ke, problem, "Consolidate branch servers into two regional hubs; we did this for a retail chain and cut run cost by 26%.", 0, err) < 0 ||
		    problem_respond(s, &hb, problem, "Move branch back-office processing to a shared service centre.", 0, err) < 0)
			return -1;
	}

	/* Lumen's customer day next month: its customer Northwind and its prospect Meridian. */
	{
		struct caller md;
		struct summit_input sin;

		if (demo_who(s, "jonas.berg@meridian.example", &md, err) || prospect_add(s, &lu, md.org_id, err))
			return -1;
		date_format(date_add_days(today, 40), day);
		sin = (struct summit_input){"provider-customer", "Lumen client day", day, "Lumen studio, Amsterdam"};
		if ((x = summit_create(s, &lu, &sin, err)) < 0 || summit_invite(s, x, NULL, 0, "customers-and-prospects", err) < 0 ||
		    summit_session_add(s, &lu, x, "showcase", "Migrating to the cloud without a big bang", orgs_lu, 0, 0, err) < 0)
			return -1;
	}
	(void)orgs_hb;
	return 0;
}
