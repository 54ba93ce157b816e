/* test_permissions: every route of the route table, for every caller of a fixture world (each role of each party, a third tenant, signed out), answers what its own see/act rules and the caller's hand-written relations say — through the router, and for the third tenant through the real server over HTTP. */
#include <curl/curl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../harness.h"
#include "cli/cli.h"
#include "http/http.h"
#include "service/adoptions.h"
#include "service/auth.h"
#include "service/engagements.h"
#include "service/issues.h"
#include "service/kpis.h"
#include "service/obligations.h"
#include "service/orgs.h"
#include "service/practices.h"
#include "service/reviews.h"
#include "service/actions.h"
#include "service/roadmaps.h"
#include "service/summits.h"

#define TODAY "2026-11-26"
#define PASSWORD "Perm-matrix-7Qx!2026"
#define PRE_TOKEN "pre-session-token-0123456789"

/*
 * The fixture world. A buys from P and Q; B buys from P; T buys from U. T and U are the
 * third tenant: they have data of their own (their engagement) and no tie at all to what
 * A, B, P and Q share. X is the platform. B has also asked Q for an engagement that Q has
 * not accepted yet: it makes B and Q no partners, and governance writes on it wait (409).
 */
enum org_ix { O_X, O_A, O_P, O_Q, O_B, O_T, O_U, ORGS };

static const struct {
	const char *name, *kind, *domain;
} org_defs[ORGS] = {
	[O_X] = {"Perm Platform", "platform", "x.example"},
	[O_A] = {"Alder Bank", "buyer", "alder.example"},
	[O_P] = {"Pine IT", "provider", "pine.example"},
	[O_Q] = {"Quill BPO", "provider", "quill.example"},
	[O_B] = {"Birch Retail", "buyer", "birch.example"},
	[O_T] = {"Teak Foods", "buyer", "teak.example"},
	[O_U] = {"Umber Services", "provider", "umber.example"},
};

/* The callers: every role of A, P and the third tenant, one user each of Q and B, the admin, and nobody. */
enum caller_ix {
	C_ADMIN,
	C_A_CXO, C_A_CIO, C_A_CM, C_A_SM, C_A_MEM,
	C_P_LEAD, C_P_CONS, C_P_MEM,
	C_Q_LEAD, C_B_CM,
	C_T_CXO, C_T_CIO, C_T_CM, C_T_SM, C_T_MEM,
	C_U_LEAD, C_U_CONS, C_U_MEM,
	C_OUT, /* signed out */
	CALLERS
};

static const struct {
	const char *key;
	int org;
	enum role role;
} caller_defs[CALLERS] = {
	[C_ADMIN] = {"admin", O_X, ROLE_ADMIN},
	[C_A_CXO] = {"a.cxo", O_A, ROLE_BUYER_CXO},
	[C_A_CIO] = {"a.cio", O_A, ROLE_UNIT_CIO},
	[C_A_CM] = {"a.cm", O_A, ROLE_CONTRACT_MANAGER},
	[C_A_SM] = {"a.sm", O_A, ROLE_SOURCING_MANAGER},
	[C_A_MEM] = {"a.member", O_A, ROLE_MEMBER},
	[C_P_LEAD] = {"p.lead", O_P, ROLE_PROVIDER_LEADERSHIP},
	[C_P_CONS] = {"p.consulting", O_P, ROLE_PROVIDER_CONSULTING},
	[C_P_MEM] = {"p.member", O_P, ROLE_MEMBER},
	[C_Q_LEAD] = {"q.lead", O_Q, ROLE_PROVIDER_LEADERSHIP},
	[C_B_CM] = {"b.cm", O_B, ROLE_CONTRACT_MANAGER},
	[C_T_CXO] = {"t.cxo", O_T, ROLE_BUYER_CXO},
	[C_T_CIO] = {"t.cio", O_T, ROLE_UNIT_CIO},
	[C_T_CM] = {"t.cm", O_T, ROLE_CONTRACT_MANAGER},
	[C_T_SM] = {"t.sm", O_T, ROLE_SOURCING_MANAGER},
	[C_T_MEM] = {"t.member", O_T, ROLE_MEMBER},
	[C_U_LEAD] = {"u.lead", O_U, ROLE_PROVIDER_LEADERSHIP},
	[C_U_CONS] = {"u.consulting", O_U, ROLE_PROVIDER_CONSULTING},
	[C_U_MEM] = {"u.member", O_U, ROLE_MEMBER},
	[C_OUT] = {"signed-out", -1, ROLE__MAX},
};

static bool third_tenant(int c)
{
	return c != C_OUT && (caller_defs[c].org == O_T || caller_defs[c].org == O_U);
}

/* The resources a route's {id} can name: at least one of every kind, some kinds in several states. */
enum inst_ix {
	I_ORG_X, I_ORG_A, I_ORG_P, I_ORG_Q,
	I_ENG, I_ENG_TU, I_ENG_PENDING,
	I_REVIEW, I_ACTION_A, I_ACTION_P, I_ISSUE,
	I_ROADMAP, I_ROADMAP_SUMMIT, I_ITEM, I_BID, I_SUGGESTION,
	I_SUMMIT, I_SUMMIT_P, I_INVITATION, I_SESSION,
	I_PROBLEM, I_PROBLEM_SUMMIT, I_RESPONSE,
	I_PRACTICE, I_PRACTICE_DRAFT, I_PRACTICE_AWAITING, I_PRACTICE_RETIRED,
	I_ADOPTION,
	I_CREDIT,
	I_USER_A,
	I_KPI, I_MEASUREMENT,
	I_OBLIGATION,
	INSTANCES
};

static const struct {
	const char *name;
	enum resource res;
	bool third; /* the third tenant's own: left out of the third-tenant checks */
	bool pending; /* belongs to an engagement its provider has not accepted: R_ACCEPTED routes answer 409 */
} inst_defs[INSTANCES] = {
	[I_ORG_X] = {"the platform organisation X", RES_ORG, false},
	[I_ORG_A] = {"buyer A", RES_ORG, false},
	[I_ORG_P] = {"provider P", RES_ORG, false},
	[I_ORG_Q] = {"provider Q (asked by B, not yet accepted)", RES_ORG, false},
	[I_ENG] = {"engagement A-P", RES_ENGAGEMENT, false},
	[I_ENG_TU] = {"engagement T-U (the third tenant's)", RES_ENGAGEMENT, true},
	[I_ENG_PENDING] = {"engagement B-Q, pending Q's acceptance", RES_ENGAGEMENT, false, true},
	[I_REVIEW] = {"a review of A-P", RES_REVIEW, false},
	[I_ACTION_A] = {"an action of A-P owned by A's member", RES_ACTION, false},
	[I_ACTION_P] = {"an action of A-P owned by P's member", RES_ACTION, false},
	[I_ISSUE] = {"a strategic issue of A-P", RES_ISSUE, false},
	[I_ROADMAP] = {"A's roadmap shared with P and Q", RES_ROADMAP, false},
	[I_ROADMAP_SUMMIT] = {"A's roadmap presented at A's summit, not shared", RES_ROADMAP, false},
	[I_ITEM] = {"an open item of the shared roadmap", RES_ITEM, false},
	[I_BID] = {"P's bid on the item", RES_BID, false},
	[I_SUGGESTION] = {"P's suggestion on the item", RES_SUGGESTION, false},
	[I_SUMMIT] = {"A's planning summit inviting P and Q", RES_SUMMIT, false},
	[I_SUMMIT_P] = {"P's customer summit inviting B", RES_SUMMIT, false},
	[I_INVITATION] = {"P's invitation to A's summit", RES_INVITATION, false},
	[I_SESSION] = {"P's best-practice session at A's summit", RES_SESSION, false},
	[I_PROBLEM] = {"A's problem statement on A-P", RES_PROBLEM, false},
	[I_PROBLEM_SUMMIT] = {"A's problem statement to its summit's invitees", RES_PROBLEM, false},
	[I_RESPONSE] = {"P's response to the problem on A-P", RES_RESPONSE, false},
	[I_PRACTICE] = {"P's published practice found at A, presented at A's summit", RES_PRACTICE, false},
	[I_PRACTICE_DRAFT] = {"P's draft practice found at A", RES_PRACTICE, false},
	[I_PRACTICE_AWAITING] = {"P's practice found at A awaiting A's approval", RES_PRACTICE, false},
	[I_PRACTICE_RETIRED] = {"P's retired practice found at A, adopted by B", RES_PRACTICE, false},
	[I_ADOPTION] = {"B's adoption of P's published practice", RES_ADOPTION, false},
	[I_CREDIT] = {"a service credit P owes A on A-P", RES_CREDIT, false},
	[I_USER_A] = {"A's member (a user)", RES_USER, false},
	[I_KPI] = {"a KPI of A-P", RES_KPI, false},
	[I_MEASUREMENT] = {"P's value of the KPI of A-P", RES_MEASUREMENT, false},
	[I_OBLIGATION] = {"an obligation of P under A-P", RES_OBLIGATION, false},
};

/*
 * THE EXPECTED RELATIONS, by hand: what each organisation's callers are to each resource,
 * read from the story of the fixture (docs/design.md, docs/practices.md), not computed.
 * Organisations (REL_SIGNED_IN for any existing one): one's own; a partner (an engagement
 * between them) and the directory (a buyer sees providers, a provider buyers); the admin
 * sees them all. X's only user is the admin.
 */
#define SI REL_SIGNED_IN
static const unsigned rel_by_org[INSTANCES][ORGS] = {
	[I_ORG_X] = {[O_X] = SI | REL_OWN | REL_ADMIN, [O_A] = SI, [O_P] = SI, [O_Q] = SI, [O_B] = SI, [O_T] = SI, [O_U] = SI},
	[I_ORG_A] = {[O_X] = SI | REL_ADMIN, [O_A] = SI | REL_OWN, [O_P] = SI | REL_DIRECTORY | REL_PARTNER,
		     [O_Q] = SI | REL_DIRECTORY | REL_PARTNER, [O_B] = SI, [O_T] = SI, [O_U] = SI | REL_DIRECTORY},
	[I_ORG_P] = {[O_X] = SI | REL_ADMIN, [O_A] = SI | REL_DIRECTORY | REL_PARTNER, [O_P] = SI | REL_OWN, [O_Q] = SI,
		     [O_B] = SI | REL_DIRECTORY | REL_PARTNER, [O_T] = SI | REL_DIRECTORY, [O_U] = SI},
	/* Q: A's partner; B only sees its card in the directory, for B-Q is still pending. */
	[I_ORG_Q] = {[O_X] = SI | REL_ADMIN, [O_A] = SI | REL_DIRECTORY | REL_PARTNER, [O_P] = SI, [O_Q] = SI | REL_OWN,
		     [O_B] = SI | REL_DIRECTORY, [O_T] = SI | REL_DIRECTORY, [O_U] = SI},
	/* An engagement and what belongs to it: its buyer and its provider. */
	[I_ENG] = {[O_A] = REL_BUYER, [O_P] = REL_PROVIDER},
	[I_ENG_TU] = {[O_T] = REL_BUYER, [O_U] = REL_PROVIDER},
	[I_ENG_PENDING] = {[O_B] = REL_BUYER, [O_Q] = REL_PROVIDER},
	[I_REVIEW] = {[O_A] = REL_BUYER, [O_P] = REL_PROVIDER},
	[I_ACTION_A] = {[O_A] = REL_BUYER, [O_P] = REL_PROVIDER},
	[I_ACTION_P] = {[O_A] = REL_BUYER, [O_P] = REL_PROVIDER},
	[I_ISSUE] = {[O_A] = REL_BUYER, [O_P] = REL_PROVIDER},
	/*
	 * A roadmap: its buyer, the providers it is shared with or presented to at a summit; a
	 * bid or suggestion: the buyer and its author only.
	 */
	[I_ROADMAP] = {[O_A] = REL_BUYER, [O_P] = REL_VIEWER, [O_Q] = REL_VIEWER},
	[I_ROADMAP_SUMMIT] = {[O_A] = REL_BUYER, [O_P] = REL_VIEWER, [O_Q] = REL_VIEWER},
	[I_ITEM] = {[O_A] = REL_BUYER, [O_P] = REL_VIEWER, [O_Q] = REL_VIEWER},
	[I_BID] = {[O_A] = REL_BUYER, [O_P] = REL_AUTHOR},
	[I_SUGGESTION] = {[O_A] = REL_BUYER, [O_P] = REL_AUTHOR},
	/* A summit: its host and the invited; an invitation: the host and that invitee only. */
	[I_SUMMIT] = {[O_A] = REL_HOST, [O_P] = REL_INVITED, [O_Q] = REL_INVITED},
	[I_SUMMIT_P] = {[O_P] = REL_HOST, [O_B] = REL_INVITED},
	[I_INVITATION] = {[O_A] = REL_HOST, [O_P] = REL_INVITED},
	/* A session: as its summit; its presenter (P) is also its author, who alone links its practice. */
	[I_SESSION] = {[O_A] = REL_HOST, [O_P] = REL_INVITED | REL_AUTHOR, [O_Q] = REL_INVITED},
	/* A problem: its buyer and the provider of the engagement it is about, or its summit's invitees; a response: the buyer and its author. */
	[I_PROBLEM] = {[O_A] = REL_BUYER, [O_P] = REL_VIEWER},
	[I_PROBLEM_SUMMIT] = {[O_A] = REL_BUYER, [O_P] = REL_VIEWER, [O_Q] = REL_VIEWER},
	[I_RESPONSE] = {[O_A] = REL_BUYER, [O_P] = REL_AUTHOR},
	/*
	 * Practices (docs/practices.md): the provider always; the origin customer the published
	 * revision or one awaiting its approval, never a plain draft; another customer of the
	 * provider (B) or an organisation at a summit presenting it (Q) the published one; a
	 * retired one only its provider and the customers that adopted it.
	 */
	[I_PRACTICE] = {[O_P] = REL_AUTHOR, [O_A] = REL_ORIGIN, [O_B] = REL_VIEWER, [O_Q] = REL_VIEWER},
	[I_PRACTICE_DRAFT] = {[O_P] = REL_AUTHOR},
	[I_PRACTICE_AWAITING] = {[O_P] = REL_AUTHOR, [O_A] = REL_ORIGIN},
	[I_PRACTICE_RETIRED] = {[O_P] = REL_AUTHOR, [O_B] = REL_VIEWER},
	/* An adoption: the buyer and provider of the engagement it is on (B-P). */
	[I_ADOPTION] = {[O_B] = REL_BUYER, [O_P] = REL_PROVIDER},
	/* A service credit: the buyer and provider of its engagement (A-P). */
	[I_CREDIT] = {[O_A] = REL_BUYER, [O_P] = REL_PROVIDER},
	/* An obligation: its engagement's buyer and provider (A-P). */
	[I_OBLIGATION] = {[O_A] = REL_BUYER, [O_P] = REL_PROVIDER},
	/* A user: what the caller is to the user's organisation (A), as I_ORG_A. */
	[I_USER_A] = {[O_X] = SI | REL_ADMIN, [O_A] = SI | REL_OWN, [O_P] = SI | REL_DIRECTORY | REL_PARTNER,
		      [O_Q] = SI | REL_DIRECTORY | REL_PARTNER, [O_B] = SI, [O_T] = SI, [O_U] = SI | REL_DIRECTORY},
	/* A KPI and its values: the engagement's buyer and provider (docs/delivery.md). */
	[I_KPI] = {[O_A] = REL_BUYER, [O_P] = REL_PROVIDER},
	[I_MEASUREMENT] = {[O_A] = REL_BUYER, [O_P] = REL_PROVIDER},
};

/* Relations of one user rather than an organisation: an action item's owner. */
static const struct {
	int inst, caller;
	unsigned rel;
} rel_by_user[] = {
	{I_ACTION_A, C_A_MEM, REL_ASSIGNEE},
	{I_ACTION_P, C_P_MEM, REL_ASSIGNEE},
};

/* Every relation the expectations know how to give; a route using another is not covered. */
#define KNOWN_RELS                                                                                  \
	(REL_ADMIN | REL_OWN | REL_PARTNER | REL_DIRECTORY | REL_BUYER | REL_PROVIDER | REL_SIGNED_IN | \
	 REL_ASSIGNEE | REL_VIEWER | REL_AUTHOR | REL_HOST | REL_INVITED | REL_ORIGIN)

static char dir[64], dbpath[256];
static struct store *S;
static long long org_id[ORGS], user_id[CALLERS], inst_id[INSTANCES];
static char api_tok[CALLERS][AUTH_TOKEN_LEN], web_tok[CALLERS][AUTH_TOKEN_LEN], web_csrf[CALLERS][48];
static role_mask caller_roles[CALLERS];

static unsigned expected_rel(int inst, int c)
{
	unsigned rel = rel_by_org[inst][caller_defs[c].org];

	for (size_t i = 0; i < sizeof rel_by_user / sizeof rel_by_user[0]; i++)
		if (rel_by_user[i].inst == inst && rel_by_user[i].caller == c)
			rel |= rel_by_user[i].rel;
	return rel;
}

/* ---- The fixture, built through the services. ---- */

static struct error err;

static bool fixture_fail(const char *what)
{
	fprintf(stderr, "fixture: %s: %d %s (%s)\n", what, err.status, err.message, err.field ? err.field : "-");
	return false;
}

/* Moves an item's bid deadline straight in the store (as the demo does), to look at bids before and after it. */
static int item_deadline_set(long long item, const char *day)
{
	struct sqlval a[2] = {SQL_T(day), SQL_I(item)};

	return store_exec(S, STMT_ITEM_SET_DEADLINE, a, 2, NULL, NULL, NULL) < 0 ? -1 : 0;
}

static struct caller who(int c)
{
	struct caller k;

	if (auth_caller_load(S, user_id[c], &k) != 0)
		memset(&k, 0, sizeof k);
	return k;
}

static int id_cb(void *ctx, const struct sqlval *cols, int n)
{
	(void)n;
	*(long long *)ctx = cols[0].i;
	return 1;
}

/* An engagement asked by the buyer's contract manager, accepted by the provider's leadership unless lead is -1. */
static long long engagement(int buyer_cm, int provider, int lead, const char *title)
{
	struct caller cm = who(buyer_cm), leader;
	struct engagement_input in = {0};
	long long id;

	in.provider_org_id = org_id[provider];
	in.title = title;
	in.service_line = "IT";
	in.starts_on = "2026-01-01";
	in.ends_on = "2028-12-31";
	if ((id = engagement_create(S, &cm, &in, &err)) < 0 || lead < 0)
		return id;
	leader = who(lead);
	return engagement_decide(S, &leader, id, true, NULL, &err) == 0 ? id : -1;
}

static long long practice(const char *title, const char *body)
{
	struct caller lead = who(C_P_LEAD);
	const char *tags[1] = {"operations"};
	struct practice_input in = {title, body, NULL, tags, 1, true, inst_id[I_ENG]};

	return practice_create(S, &lead, &in, &err);
}

static bool build_world(void)
{
	struct caller a_cm, a_cio, p_lead, b_cm;
	struct roadmap_input rin;
	long long e_aq, e_bp, unit, x;

	for (int o = 0; o < ORGS; o++) {
		struct org_input in = {org_defs[o].name, org_defs[o].kind, NULL};

		if ((org_id[o] = org_create(S, &in, &err)) < 0)
			return fixture_fail(org_defs[o].name);
	}
	for (int c = 0; c < C_OUT; c++) {
		char email[128];
		struct user_input in;

		snprintf(email, sizeof email, "%s@%s", caller_defs[c].key, org_defs[caller_defs[c].org].domain);
		in = (struct user_input){org_id[caller_defs[c].org], email, caller_defs[c].key,
					 ROLE_BIT(caller_defs[c].role), PASSWORD};
		if ((user_id[c] = user_create(S, &in, &err)) < 0)
			return fixture_fail(email);
		caller_roles[c] = ROLE_BIT(caller_defs[c].role);
	}
	a_cm = who(C_A_CM);
	a_cio = who(C_A_CIO);
	p_lead = who(C_P_LEAD);
	b_cm = who(C_B_CM);

	inst_id[I_ORG_X] = org_id[O_X];
	inst_id[I_ORG_A] = org_id[O_A];
	inst_id[I_ORG_P] = org_id[O_P];
	inst_id[I_USER_A] = user_id[C_A_MEM];
	inst_id[I_ORG_Q] = org_id[O_Q];
	if ((inst_id[I_ENG] = engagement(C_A_CM, O_P, C_P_LEAD, "Core systems")) < 0 ||
	    (e_aq = engagement(C_A_CM, O_Q, C_Q_LEAD, "Back office")) < 0 ||
	    (e_bp = engagement(C_B_CM, O_P, C_P_LEAD, "Store systems")) < 0 ||
	    (inst_id[I_ENG_TU] = engagement(C_T_CM, O_U, C_U_LEAD, "Kitchen systems")) < 0 ||
	    (inst_id[I_ENG_PENDING] = engagement(C_B_CM, O_Q, -1, "Warehouse staffing")) < 0)
		return fixture_fail("engagements");
	(void)e_aq; /* what makes Q A's partner (rel_by_org[I_ORG_A]) */

	/* Governance of A-P: a review, two actions, an issue. */
	if ((inst_id[I_REVIEW] = review_create_adhoc(S, inst_id[I_ENG], "2026-12-10", "Agenda", &err)) < 0)
		return fixture_fail("review");
	{
		struct action_input ain = {"Fix the batch window", user_id[C_A_MEM], "2026-12-20", NULL, NULL};

		if ((inst_id[I_ACTION_A] = action_create(S, &a_cm, inst_id[I_REVIEW], &ain, &err)) < 0)
			return fixture_fail("action of A's member");
		ain = (struct action_input){"Send the capacity plan", user_id[C_P_MEM], "2026-12-20", NULL, NULL};
		if ((inst_id[I_ACTION_P] = action_create(S, &a_cm, inst_id[I_REVIEW], &ain, &err)) < 0)
			return fixture_fail("action of P's member");
	}
	{
		struct issue_input iin = {"issue", "Cost of change", "Changes cost too much.", 0, NULL};

		if ((inst_id[I_ISSUE] = issue_create(S, &a_cm, inst_id[I_ENG], &iin, &err)) < 0)
			return fixture_fail("issue");
	}
	{
		struct obligation_input oin = {"Annual disaster-recovery test", "provider", "2026-12-15", "annual"};

		if ((inst_id[I_OBLIGATION] = obligation_create(S, &a_cm, inst_id[I_ENG], &oin, &err)) < 0)
			return fixture_fail("obligation");
	}

	/* A's roadmap, shared with P and Q; an open item with P's bid and suggestion. */
	{
		struct unit_input uin = {org_id[O_A], "Retail", user_id[C_A_CIO]};
		struct item_input iin = {"Branch refresh", 500000, true, "2027-01-01", "2027-12-31", true, "2026-12-31", NULL};
		long long shared[2] = {org_id[O_P], org_id[O_Q]};

		if ((unit = unit_create(S, &uin, &err)) < 0)
			return fixture_fail("unit");
		rin = (struct roadmap_input){unit, 2027, 1000000, "Retail 2027", true};
		if ((inst_id[I_ROADMAP] = roadmap_create(S, &a_cio, &rin, &err)) < 0)
			return fixture_fail("roadmap");
		if ((inst_id[I_ITEM] = roadmap_item_create(S, inst_id[I_ROADMAP], &iin, &err)) < 0)
			return fixture_fail("roadmap item");
		if (roadmap_share(S, inst_id[I_ROADMAP], shared, 2, &err) != 0)
			return fixture_fail("share");
		if ((inst_id[I_BID] = bid_submit(S, &p_lead, inst_id[I_ITEM], 450000, "Phased refresh.", NULL, &err)) < 0)
			return fixture_fail("bid");
		if ((inst_id[I_SUGGESTION] = suggestion_create(S, &p_lead, inst_id[I_ITEM], "Start with the busiest branches.", &err)) < 0)
			return fixture_fail("suggestion");
		/* Past its deadline, so the matrix sees the buyer's relation to the bid (it holds only once bids open; bids_are_sealed checks before). */
		if (item_deadline_set(inst_id[I_ITEM], "2026-11-25"))
			return fixture_fail("item deadline");
	}

	/* Practices of P, all found at A (on A-P). */
	if ((inst_id[I_PRACTICE] = practice("Release trains", "Bundle changes into a monthly release train.")) < 0 ||
	    practice_publish(S, &p_lead, inst_id[I_PRACTICE], false, NULL, &err) != PUBLISHED)
		return fixture_fail("published practice");
	if ((inst_id[I_PRACTICE_DRAFT] = practice("Runbooks first", "Write the runbook before the first deployment.")) < 0)
		return fixture_fail("draft practice");
	if ((inst_id[I_PRACTICE_AWAITING] = practice("Reconciliation", "Alder Bank asked for a nightly reconciliation.")) < 0 ||
	    practice_publish(S, &p_lead, inst_id[I_PRACTICE_AWAITING], true, NULL, &err) != AWAITING_APPROVAL)
		return fixture_fail("practice awaiting approval");
	if ((inst_id[I_PRACTICE_RETIRED] = practice("Blue-green rollouts", "Keep two device images live.")) < 0 ||
	    practice_publish(S, &p_lead, inst_id[I_PRACTICE_RETIRED], false, NULL, &err) != PUBLISHED ||
	    adoption_create(S, &b_cm, inst_id[I_PRACTICE_RETIRED], e_bp, "Worth a try.", &err) < 0 ||
	    practice_retire(S, inst_id[I_PRACTICE_RETIRED], &err) != 0)
		return fixture_fail("retired practice");
	if ((inst_id[I_ADOPTION] = adoption_create(S, &b_cm, inst_id[I_PRACTICE], e_bp, "For our stores.", &err)) < 0)
		return fixture_fail("adoption");

	/* A KPI of A-P missed once, and the service credit it owes (issue 17), straight in the store. */
	{
		struct sqlval a[4] = {SQL_I(org_id[O_A]), SQL_I(inst_id[I_ENG]), SQL_I(user_id[C_A_CM])};
		long long k = 0;

		if (store_query(S, "INSERT INTO kpis (buyer_org_id, engagement_id, name, direction, target, threshold, frequency, credit_percent, created_by, created_at) "
				   "VALUES (?, ?, 'Resolved within SLA', 'higher', 95, 90, 'monthly', 1, ?, '2026-03-01T00:00:00Z') RETURNING id",
				a, 3, id_cb, &k, &err) < 0 || !k)
			return fixture_fail("KPI");
		a[2] = SQL_I(k);
		if (store_query(S, "INSERT INTO service_credits (buyer_org_id, engagement_id, kpi_id, period, amount_cents, currency, created_at) "
				   "VALUES (?, ?, ?, '2026-02', 150000, 'USD', '2026-03-05T00:00:00Z') RETURNING id",
				a, 3, id_cb, &inst_id[I_CREDIT], &err) < 0 || !inst_id[I_CREDIT])
			return fixture_fail("service credit");
	}

	/* A's planning summit inviting P and Q, where P presents its published practice; P's customer summit inviting B. */
	{
		struct summit_input sin = {"buyer-planning", "Alder planning day", "2026-12-15", "Head office"};
		long long invited[2] = {org_id[O_P], org_id[O_Q]};
		struct sqlval a[2];

		if ((inst_id[I_SUMMIT] = summit_create(S, &a_cm, &sin, &err)) < 0 ||
		    summit_invite(S, inst_id[I_SUMMIT], invited, 2, NULL, &err) < 0)
			return fixture_fail("A's summit");
		if ((inst_id[I_SESSION] = summit_session_add(S, &a_cm, inst_id[I_SUMMIT], "best-practice", "Release trains", org_id[O_P], 0,
							      0, &err)) < 0 ||
		    session_link_practice(S, &p_lead, inst_id[I_SESSION], inst_id[I_PRACTICE], &x, &err) != 0)
			return fixture_fail("session");
		a[0] = SQL_I(inst_id[I_SUMMIT]);
		a[1] = SQL_I(org_id[O_P]);
		x = 0;
		if (store_query(S, "SELECT id FROM invitations WHERE summit_id = ? AND org_id = ?", a, 2, id_cb, &x, &err) < 0 || !x)
			return fixture_fail("P's invitation");
		inst_id[I_INVITATION] = x;
		rin = (struct roadmap_input){unit, 2028, 2000000, "Retail 2028", true};
		if ((inst_id[I_ROADMAP_SUMMIT] = roadmap_create(S, &a_cio, &rin, &err)) < 0 ||
		    summit_session_add(S, &a_cm, inst_id[I_SUMMIT], "roadmap", "Retail 2028", org_id[O_A], inst_id[I_ROADMAP_SUMMIT], 0, &err) < 0)
			return fixture_fail("roadmap presented at the summit");
		sin = (struct summit_input){"provider-customer", "Pine client day", "2026-12-16", "Pine studio"};
		invited[0] = org_id[O_B];
		if ((inst_id[I_SUMMIT_P] = summit_create(S, &p_lead, &sin, &err)) < 0 ||
		    summit_invite(S, inst_id[I_SUMMIT_P], invited, 1, NULL, &err) < 0)
			return fixture_fail("P's summit");
	}

	/* A KPI of A-P defined by A's contract manager, and P's value for a month. */
	{
		double target = 99.5, threshold = 99;
		struct kpi_input kin = {"Availability", "%", "higher", "monthly", &target, &threshold, NULL, NULL};

		if ((inst_id[I_KPI] = kpi_create(S, &a_cm, inst_id[I_ENG], &kin, &err)) < 0 ||
		    measurement_put(S, &p_lead, inst_id[I_KPI], "2026-10", 99.7, "", SOURCE_API, &inst_id[I_MEASUREMENT], &err) < 0)
			return fixture_fail("KPI");
	}

	/* A's problem statement about A-P, and P's response. */
	{
		struct problem_input pin = {"Cut branch IT cost", "Ideas welcome.", inst_id[I_ENG], 0};

		if ((inst_id[I_PROBLEM] = problem_create(S, &a_cm, &pin, &err)) < 0 ||
		    (inst_id[I_RESPONSE] = problem_respond(S, &p_lead, inst_id[I_PROBLEM], "Regional hubs.", 0, &err)) < 0)
			return fixture_fail("problem");
		pin = (struct problem_input){"Shorter month-end", "How do others close in three days?", 0, inst_id[I_SUMMIT]};
		if ((inst_id[I_PROBLEM_SUMMIT] = problem_create(S, &a_cm, &pin, &err)) < 0)
			return fixture_fail("problem to the summit");
	}
	return true;
}

/* Signs every user in twice through the auth service: a bearer token for the API, a cookie session for the pages. */
static bool sign_in(void)
{
	for (int c = 0; c < C_OUT; c++) {
		char email[128];
		struct caller k;
		long retry = 0;

		snprintf(email, sizeof email, "%s@%s", caller_defs[c].key, org_defs[caller_defs[c].org].domain);
		if (auth_login(S, email, PASSWORD, "127.0.0.1", "api", api_tok[c], &k, &retry, &err) != 0)
			return fixture_fail(email);
		if (auth_login(S, email, PASSWORD, "127.0.0.1", "web", web_tok[c], &k, &retry, &err) != 0)
			return fixture_fail(email);
		snprintf(web_csrf[c], sizeof web_csrf[c], "%s", k.csrf);
	}
	return true;
}

/* ---- What the route table says: the expected answer, from the route's own rules. ---- */

enum outcome { SIGN_IN, HIDDEN, FORBIDDEN, CSRF, NOT_ACCEPTED, REACHED, OTHER };
static const char *const outcome_names[] = {"sign in (401, or a page's 303 to /login)", "404", "403", "403 csrf",
					    "409 not_accepted", "the handler", "something else"};

static bool permitted(const struct route *r, unsigned rel, role_mask roles)
{
	if (!r->act[0].rel)
		return true; /* "empty means anyone who sees it" (http.h) */
	for (size_t i = 0; i < sizeof r->act / sizeof r->act[0] && r->act[i].rel; i++)
		if ((rel & r->act[i].rel) && (roles & r->act[i].roles))
			return true;
	return false;
}

/* The relations the router gives on a route with no {id}: signed in, one's own organisation, admin if an admin. */
static unsigned collection_rel(int c)
{
	return REL_SIGNED_IN | REL_OWN | ((caller_roles[c] & ROLE_BIT(ROLE_ADMIN)) ? REL_ADMIN : 0);
}

static enum outcome expect(const struct route *r, int inst, int c, bool with_csrf)
{
	if (c == C_OUT) {
		if (!(r->flags & R_PUBLIC))
			return SIGN_IN;
	} else {
		unsigned rel = r->res == RES_NONE ? collection_rel(c) : expected_rel(inst, c);

		if (r->res != RES_NONE && !(rel & r->see))
			return HIDDEN;
		if (!permitted(r, rel, caller_roles[c]))
			return FORBIDDEN;
	}
	if ((r->flags & R_FORM) && !with_csrf)
		return CSRF;
	/* A governance write on an engagement its provider has not accepted waits (docs/design.md, "Consent before visibility"). */
	if ((r->flags & R_ACCEPTED) && inst >= 0 && inst_defs[inst].pending)
		return NOT_ACCEPTED;
	return REACHED;
}

/* ---- What the router does: one request through router_handle, with a stub for the handler. ---- */

static int stub_calls;

static void stub(struct request *rq, struct response *rs)
{
	(void)rq;
	stub_calls++;
	rs->status = 299;
}

static bool body_ok;
/* The role a body's "roles" names: member (which any manager may grant) unless a grant check asks for another. */
static const char *grant_role = "member";

static void json_fields(struct buf *b, const struct field *fields);

/* A value that passes the field's schema check (required fields only), so a request the gate lets through reaches the stub. */
static void json_value(struct buf *b, const struct field *f)
{
	switch (f->type) {
	case F_STRING:
	case F_TEXT:
		buf_puts(b, "\"x\"");
		return;
	case F_INT:
	case F_ID:
	case F_NUMBER:
		buf_puts(b, "1");
		return;
	case F_DATE:
		buf_puts(b, "\"2026-12-01\"");
		return;
	case F_BOOL:
		buf_puts(b, "true");
		return;
	case F_ENUM:
	case F_STRINGS:
		if (f->type == F_ENUM && (!f->values || !f->values[0])) {
			body_ok = false;
			return;
		}
		buf_puts(b, f->type == F_STRINGS ? "[\"" : "\"");
		buf_puts(b, f->values ? f->values[0] : "x");
		buf_puts(b, f->type == F_STRINGS ? "\"]" : "\"");
		return;
	case F_OBJECT:
		json_fields(b, f->fields);
		return;
	case F_OBJECTS:
		buf_puts(b, "[]");
		return;
	case F_IDS:
		buf_puts(b, "[1]");
		return;
	}
	body_ok = false;
}

static void json_fields(struct buf *b, const struct field *fields)
{
	bool first = true;

	buf_puts(b, "{");
	for (; fields && fields->name; fields++) {
		if (!fields->required)
			continue;
		buf_puts(b, first ? "\"" : ",\"");
		first = false;
		buf_puts(b, fields->name);
		buf_puts(b, "\":");
		if (fields->type == F_STRINGS && strcmp(fields->name, "roles") == 0) {
			buf_puts(b, "[\"");
			buf_puts(b, grant_role);
			buf_puts(b, "\"]");
			continue;
		}
		json_value(b, fields);
	}
	buf_puts(b, "}");
}

/* Whether observe's last 403 was the role grant rule's (the JSON code, or the page's message), or the own-roles rule's. */
static bool refused_grant, refused_own;

static enum outcome observe(const struct route *r, const char *path, long long id, int c, bool with_csrf,
			    int *status)
{
	struct route copy = *r;
	struct request rq;
	struct response rs;
	const char *headers[3] = {NULL, NULL, NULL}, *cookies[5] = {NULL, NULL, NULL, NULL, NULL};
	/* A public form (the sign-in form) is checked against the pre-session cookie, signed in or not (router.c, csrf_ok). */
	bool pre = (r->flags & R_FORM) && (c == C_OUT || (r->flags & R_PUBLIC));
	char bearer[16 + AUTH_TOKEN_LEN];
	struct buf body;
	enum outcome got = OTHER;
	int before = stub_calls;

	copy.fn = stub;
	memset(&rq, 0, sizeof rq);
	memset(&rs, 0, sizeof rs);
	buf_init(&rs.body, 0);
	buf_init(&body, 0);
	rs.status = 200;
	rq.method = r->method;
	rq.path = path;
	rq.route = &copy;
	rq.id = id;
	rq.store = S;
	snprintf(rq.client, sizeof rq.client, "127.0.0.1");
	if (c != C_OUT && (r->flags & R_PAGE)) {
		cookies[0] = "accord_session";
		cookies[1] = web_tok[c];
	} else if (c != C_OUT) {
		snprintf(bearer, sizeof bearer, "Bearer %s", api_tok[c]);
		headers[0] = "Authorization";
		headers[1] = bearer;
	}
	if (pre) {
		int k = cookies[0] ? 2 : 0; /* after the session cookie, if there is one */

		cookies[k] = "accord_pre";
		cookies[k + 1] = PRE_TOKEN;
	}
	rq.headers = headers;
	rq.cookies = cookies;
	if (r->flags & R_FORM) {
		buf_puts(&body, with_csrf ? "csrf=" : "note=");
		buf_puts(&body, pre ? PRE_TOKEN : web_csrf[c]);
		if (r->flags & R_GRANTS) {
			buf_puts(&body, "&roles=");
			buf_puts(&body, grant_role);
		}
	} else if (r->flags & R_JSON) {
		json_fields(&body, r->body);
	}
	rq.body_raw = body.data;
	rq.body_len = body.len;
	router_handle(&rq, &rs);
	*status = rs.status;
	if (stub_calls > before)
		got = REACHED;
	else if (rs.status == 401 && !(r->flags & R_PAGE))
		got = SIGN_IN;
	else if (rs.status == 303 && (r->flags & R_PAGE) && rs.nheaders == 1 && strcmp(rs.headers[0].value, "/login") == 0)
		got = SIGN_IN;
	else if (rs.status == 404)
		got = HIDDEN;
	else if (rs.status == 409 && strstr(rs.body.data, "has not accepted"))
		got = NOT_ACCEPTED; /* the message of both the page and the JSON answer */
	else if (rs.status == 403)
		got = strstr(rs.body.data, "the form has expired") ? CSRF : FORBIDDEN; /* the message of both the page and the JSON answer */
	refused_grant = rs.status == 403 && rs.body.data && (strstr(rs.body.data, "role_not_grantable") ||
							     strstr(rs.body.data, "roles you hold yourself"));
	refused_own = rs.status == 403 && rs.body.data && (strstr(rs.body.data, "own_roles") ||
							   strstr(rs.body.data, "your own roles"));
	for (int i = 0; i < rs.nheaders; i++)
		free(rs.headers[i].value);
	if (rq.json)
		json_decref(rq.json);
	form_free(&rq);
	buf_release(&rs.body);
	buf_release(&body);
	return got;
}

/* ---- The matrix. ---- */

static const char *const method_names[M__MAX] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

/* The route's path for a resource: {id} filled in, {token} a well-formed token, {period} a month; false when it has another placeholder. */
static bool instantiate(const struct route *r, long long id, char *out, size_t n)
{
	const char *p = r->pattern;
	size_t o = 0;

	while (*p && o + 32 < n) {
		if (strncmp(p, "{id}", 4) == 0) {
			o += (size_t)snprintf(out + o, n - o, "%lld", id);
			p += 4;
		} else if (strncmp(p, "{token}", 7) == 0) {
			o += (size_t)snprintf(out + o, n - o, "Abc_-9xyz");
			p += 7;
		} else if (strncmp(p, "{period}", 8) == 0) {
			o += (size_t)snprintf(out + o, n - o, "2026-10");
			p += 8;
		} else if (*p == '{' || *p == '}') {
			return false;
		} else {
			out[o++] = *p++;
		}
	}
	out[o] = '\0';
	return *p == '\0';
}

/* Why the matrix cannot check a route (NULL when it can): the guard that keeps a new route from shipping unchecked. */
static const char *uncovered(const struct route *r)
{
	bool has_id = strstr(r->pattern, "{id}") != NULL;
	bool any = false;

	if ((unsigned)r->method >= M__MAX)
		return "a method the matrix does not know";
	if ((unsigned)r->res >= RES__MAX)
		return "a resource kind the matrix does not know";
	if (has_id != (r->res != RES_NONE))
		return "an {id} without a resource kind, or a resource kind without an {id}";
	if ((r->see & ~KNOWN_RELS) || (r->res != RES_NONE && !r->see))
		return "a `see` with relations the expected table does not give (or none)";
	for (size_t i = 0; i < sizeof r->act / sizeof r->act[0] && r->act[i].rel; i++)
		if ((r->act[i].rel & ~KNOWN_RELS) || !r->act[i].roles || (r->act[i].roles & ~ROLES_ALL))
			return "an `act` permit with relations or roles the matrix does not know";
	if ((r->flags & R_PUBLIC) && (r->res != RES_NONE || r->act[0].rel))
		return "a public route with a resource or a permit (the router checks neither when signed out)";
	if (!r->fn)
		return "no handler";
	for (int i = 0; i < INSTANCES; i++)
		any |= inst_defs[i].res == r->res;
	if (r->res != RES_NONE && !any)
		return "a resource kind with no fixture resource: add one to the fixture and its relations to rel_by_org";
	return NULL;
}

static int matrix_checks, matrix_forms, matrix_failed, matrix_routes, matrix_id_routes, coverage_failed;
static int instances_used[RES__MAX];

static void report(const struct route *r, int inst, int c, bool with_csrf, enum outcome want, enum outcome got,
		   int status)
{
	fprintf(stderr, "FAIL %s %s on %s as %s%s: want %s, got %s (%d)\n", method_names[r->method], r->pattern,
		inst >= 0 ? inst_defs[inst].name : "-", caller_defs[c].key,
		(r->flags & R_FORM) ? (with_csrf ? " with csrf" : " without csrf") : "", outcome_names[want],
		outcome_names[got], status);
}

static void coverage_fail(const struct route *r, const char *why)
{
	fprintf(stderr, "FAIL not covered: %s %s: %s\n", method_names[(unsigned)r->method < M__MAX ? r->method : 0],
		r->pattern, why);
	coverage_failed++;
}

static void permission_matrix(void)
{
	for (size_t ri = 0; ri < routes_count; ri++) {
		const struct route *r = &routes[ri];
		const char *why = uncovered(r);
		bool reached = false, refused = false, see_held[32] = {false}, permit_used[3] = {false};

		if (why) {
			coverage_fail(r, why);
			continue;
		}
		body_ok = true;
		if (r->flags & R_JSON) {
			struct buf b;

			buf_init(&b, 0);
			json_fields(&b, r->body);
			buf_release(&b);
		}
		if (!body_ok) {
			coverage_fail(r, "a body schema the matrix cannot fill in");
			continue;
		}
		matrix_routes++;
		matrix_id_routes += r->res != RES_NONE;
		for (int inst = r->res == RES_NONE ? -1 : 0; inst < INSTANCES; inst++) {
			long long id = 0, matched = 0;
			char path[512];
			bool known;

			if (inst >= 0 && inst_defs[inst].res != r->res)
				continue;
			if (inst >= 0)
				id = inst_id[inst];
			if (!instantiate(r, id, path, sizeof path) || router_match(r->method, path, &matched, &known) != r ||
			    matched != id) {
				coverage_fail(r, "a pattern whose path does not come back to this route");
				break;
			}
			if (inst >= 0)
				instances_used[r->res]++;
			for (int c = 0; c < CALLERS; c++) {
				for (int v = (r->flags & R_FORM) ? 0 : 1; v < 2; v++) {
					enum outcome want = expect(r, inst, c, v == 1), got;
					int status = 0;

					got = observe(r, path, id, c, v == 1, &status);
					matrix_checks++;
					matrix_forms += (r->flags & R_FORM) != 0;
					if (got != want) {
						matrix_failed++;
						report(r, inst, c, v == 1, want, got, status);
					}
					if (want == REACHED)
						reached = true;
					if (c != C_OUT && (want == HIDDEN || want == FORBIDDEN))
						refused = true;
				}
				if (c != C_OUT) {
					unsigned rel = r->res == RES_NONE ? collection_rel(c) : expected_rel(inst, c);

					for (int b = 0; b < 32; b++)
						if (rel & r->see & (1u << b))
							see_held[b] = true;
					for (size_t i = 0; i < 3 && r->act[i].rel; i++)
						if ((r->res == RES_NONE || (rel & r->see)) && (rel & r->act[i].rel) &&
						    (caller_roles[c] & r->act[i].roles))
							permit_used[i] = true;
				}
			}
			if (inst < 0)
				break;
		}
		/* The fixture must exercise each rule of the route: some caller in, each `see` relation, each permit. */
		if (!reached)
			coverage_fail(r, "no caller of the fixture reaches it: add one that may");
		if (!(r->flags & R_PUBLIC) && (r->res != RES_NONE || r->act[0].rel) && !refused)
			coverage_fail(r, "no signed-in caller of the fixture is refused it: add one that may not");
		for (int b = 0; b < 32; b++)
			if ((r->see & (1u << b)) && !see_held[b])
				coverage_fail(r, "a `see` relation no caller of the fixture holds");
		for (size_t i = 0; i < 3 && r->act[i].rel; i++)
			if (!permit_used[i])
				coverage_fail(r, "an `act` permit no caller of the fixture satisfies");
	}
	for (int k = RES_NONE + 1; k < RES__MAX; k++)
		if (!instances_used[k]) {
			fprintf(stderr, "FAIL not covered: resource kind %d has no route or no fixture\n", k);
			coverage_failed++;
		}
	harness_passed += matrix_checks - matrix_failed;
	harness_failed += matrix_failed;
	printf("permissions: %d routes (%d with an {id}) x %d callers (%d signed in, 1 signed out) over %d fixture resources "
	       "of %d kinds: %d gate checks through the router (%d of them form posts, each with and without its CSRF token), %d failed\n",
	       matrix_routes, matrix_id_routes, CALLERS, CALLERS - 1, INSTANCES, RES__MAX - 1, matrix_checks, matrix_forms,
	       matrix_failed);
}

static void coverage(void)
{
	/* Every route was checked: the guard above found nothing it could not evaluate. */
	CHECK_INT(coverage_failed, 0);
	CHECK_INT(matrix_routes, (long long)routes_count);
}

/* ---- Hand checks: a few sensitive answers written out literally. ---- */

static const struct route *route_of(enum method m, const char *pattern)
{
	for (size_t i = 0; i < routes_count; i++)
		if (routes[i].method == m && strcmp(routes[i].pattern, pattern) == 0)
			return &routes[i];
	return NULL;
}

/* What the router answers caller c on route (m, pattern) for the fixture resource inst (with a CSRF token for forms). */
static enum outcome ask(enum method m, const char *pattern, int inst, int c)
{
	const struct route *r = route_of(m, pattern);
	char path[512];
	int status;

	if (!r || !instantiate(r, inst_id[inst], path, sizeof path)) {
		fprintf(stderr, "no route %s %s\n", method_names[m], pattern);
		return OTHER;
	}
	return observe(r, path, inst_id[inst], c, true, &status);
}

static void bids_are_sealed(void)
{
	/* Before the deadline the buyer's roles find a real bid id as they find an unknown one: not there (404). */
	CHECK_INT(item_deadline_set(inst_id[I_ITEM], "2026-12-31"), 0);
	CHECK_INT(ask(M_PATCH, "/api/v1/bids/{id}", I_BID, C_A_SM), HIDDEN);
	CHECK_INT(ask(M_PATCH, "/api/v1/bids/{id}", I_BID, C_A_MEM), HIDDEN);
	CHECK_INT(ask(M_PATCH, "/api/v1/bids/{id}", I_BID, C_A_CXO), HIDDEN);
	CHECK_INT(ask(M_PATCH, "/api/v1/bids/{id}", I_BID, C_P_CONS), REACHED);
	CHECK_INT(item_deadline_set(inst_id[I_ITEM], "2026-11-25"), 0);
	/* After it, as the matrix has it: */
	/* Q sees the item and bids on it, but P's bid is not there for it: 404, not 403. */
	CHECK_INT(ask(M_GET, "/api/v1/roadmap-items/{id}", I_ITEM, C_Q_LEAD), REACHED);
	CHECK_INT(ask(M_PATCH, "/api/v1/bids/{id}", I_BID, C_Q_LEAD), HIDDEN);
	CHECK_INT(ask(M_PATCH, "/api/v1/bids/{id}", I_BID, C_P_CONS), REACHED);
	CHECK_INT(ask(M_PATCH, "/api/v1/bids/{id}", I_BID, C_P_MEM), FORBIDDEN);
	CHECK_INT(ask(M_PATCH, "/api/v1/bids/{id}", I_BID, C_A_SM), REACHED);
	CHECK_INT(ask(M_PATCH, "/api/v1/bids/{id}", I_BID, C_A_MEM), FORBIDDEN);
	CHECK_INT(ask(M_PATCH, "/api/v1/bids/{id}", I_BID, C_ADMIN), HIDDEN);
	CHECK_INT(ask(M_PATCH, "/api/v1/suggestions/{id}", I_SUGGESTION, C_Q_LEAD), HIDDEN);
	CHECK_INT(ask(M_POST, "/suggestions/{id}", I_SUGGESTION, C_Q_LEAD), HIDDEN);
	/* An invitee cannot answer another's invitation. */
	CHECK_INT(ask(M_PATCH, "/api/v1/invitations/{id}", I_INVITATION, C_Q_LEAD), HIDDEN);
	CHECK_INT(ask(M_PATCH, "/api/v1/invitations/{id}", I_INVITATION, C_P_LEAD), REACHED);
}

static void practices_origin_customer(void)
{
	/* docs/practices.md: the origin customer does not see a plain draft... */
	CHECK_INT(ask(M_GET, "/api/v1/practices/{id}", I_PRACTICE_DRAFT, C_A_CM), HIDDEN);
	CHECK_INT(ask(M_GET, "/practices/{id}", I_PRACTICE_DRAFT, C_A_CM), HIDDEN);
	CHECK_INT(ask(M_POST, "/api/v1/practices/{id}/approval", I_PRACTICE_DRAFT, C_A_CM), HIDDEN);
	/* ...sees a revision awaiting its approval, which only its contract manager decides... */
	CHECK_INT(ask(M_GET, "/api/v1/practices/{id}", I_PRACTICE_AWAITING, C_A_MEM), REACHED);
	CHECK_INT(ask(M_POST, "/api/v1/practices/{id}/approval", I_PRACTICE_AWAITING, C_A_CM), REACHED);
	CHECK_INT(ask(M_POST, "/practices/{id}/approval", I_PRACTICE_AWAITING, C_A_CM), REACHED);
	CHECK_INT(ask(M_POST, "/api/v1/practices/{id}/approval", I_PRACTICE_AWAITING, C_A_CXO), FORBIDDEN);
	CHECK_INT(ask(M_POST, "/api/v1/practices/{id}/approval", I_PRACTICE_AWAITING, C_A_SM), FORBIDDEN);
	CHECK_INT(ask(M_GET, "/api/v1/practices/{id}", I_PRACTICE_AWAITING, C_B_CM), HIDDEN);
	/* ...never the revisions (the provider only), and loses a retired practice it did not adopt. */
	CHECK_INT(ask(M_GET, "/api/v1/practices/{id}/revisions", I_PRACTICE, C_A_CM), HIDDEN);
	CHECK_INT(ask(M_GET, "/api/v1/practices/{id}/revisions", I_PRACTICE, C_P_MEM), REACHED);
	CHECK_INT(ask(M_GET, "/api/v1/practices/{id}", I_PRACTICE_RETIRED, C_A_CM), HIDDEN);
	CHECK_INT(ask(M_GET, "/api/v1/practices/{id}", I_PRACTICE_RETIRED, C_B_CM), REACHED);
	/* Another customer sees the published practice and adopts it, but does not approve it. */
	CHECK_INT(ask(M_POST, "/api/v1/practices/{id}/approval", I_PRACTICE, C_B_CM), FORBIDDEN);
	CHECK_INT(ask(M_POST, "/api/v1/practices/{id}/adoptions", I_PRACTICE, C_B_CM), REACHED);
	/* A provider at the summit where it is presented sees it; it may not edit it. */
	CHECK_INT(ask(M_GET, "/api/v1/practices/{id}", I_PRACTICE, C_Q_LEAD), REACHED);
	CHECK_INT(ask(M_PATCH, "/api/v1/practices/{id}", I_PRACTICE, C_Q_LEAD), FORBIDDEN);
	/* Confidential terms: the buyer's own, never its provider's. */
	CHECK_INT(ask(M_GET, "/api/v1/orgs/{id}/confidential-terms", I_ORG_A, C_P_LEAD), HIDDEN);
	CHECK_INT(ask(M_GET, "/api/v1/orgs/{id}/confidential-terms", I_ORG_A, C_A_CIO), REACHED);
}

/*
 * THE ROLE GRANTS, by hand (docs/security.md, "Role grants"): who may give which role. The
 * platform admin every role; a buyer's CxO every buyer-side role and its provider's
 * leadership every provider-side role; a contract or sourcing manager only the role it holds;
 * everyone `member`. Those who do not manage their organisation's people (a unit CIO,
 * consulting, a member) are refused by the route's permit before any grant is weighed.
 * A role the organisation cannot hold (a provider's in a buyer; admin anywhere but the platform) is no grant: the handler
 * refuses it for its kind (422), so the router lets it through (K).
 * Y: the handler; K: the handler (which refuses the kind); N: 403 role_not_grantable;
 * F: 403 (not a manager).
 */
static const struct {
	int caller;
	const char *verdicts; /* one per role, in enum role order: admin cxo cio cm sm lead cons member */
} grant_table[] = {
	{C_ADMIN, "YYYYYYYY"},
	{C_A_CXO, "KYYYYKKY"},
	{C_A_CIO, "FFFFFFFF"},
	{C_A_CM, "KNNYNKKY"},
	{C_A_SM, "KNNNYKKY"},
	{C_A_MEM, "FFFFFFFF"},
	{C_P_LEAD, "KKKKKYYY"},
	{C_P_CONS, "FFFFFFFF"},
	{C_P_MEM, "FFFFFFFF"},
	{C_T_SM, "KNNNYKKY"},
	{C_U_LEAD, "KKKKKYYY"},
};

static char grant_seen(const struct route *r, long long id, int c)
{
	char path[512];
	int status;
	enum outcome got;

	if (!instantiate(r, id, path, sizeof path))
		return '?';
	got = observe(r, path, id, c, true, &status);
	return got == REACHED ? 'Y' : got == FORBIDDEN && refused_grant ? 'N' : got == FORBIDDEN ? 'F' : '?';
}

/* Each caller x each role, creating a user (API and page) and adding the role to a member (API and page) of the caller's own organisation. */
static void role_grant_matrix(void)
{
	const struct route *via[4] = {route_of(M_POST, "/api/v1/orgs/{id}/users"), route_of(M_POST, "/orgs/{id}/users"),
				      route_of(M_PATCH, "/api/v1/users/{id}"), route_of(M_POST, "/users/{id}/roles")};
	int checks = 0;

	for (size_t i = 0; i < sizeof grant_table / sizeof grant_table[0]; i++) {
		int c = grant_table[i].caller, org = caller_defs[c].org == O_X ? O_A : caller_defs[c].org;
		/* The member of the caller's organisation whose roles the PATCH changes. */
		long long member = org == O_A ? user_id[C_A_MEM] : org == O_P ? user_id[C_P_MEM] : org == O_T ? user_id[C_T_MEM] : user_id[C_U_MEM];

		for (int role = 0; role < ROLE__MAX; role++) {
			grant_role = role_name(role);
			for (int v = 0; v < 4; v++) {
				char got;

				if (!via[v]) {
					CHECK(false);
					continue;
				}
				char want = grant_table[i].verdicts[role] == 'K' ? 'Y' : grant_table[i].verdicts[role];

				got = grant_seen(via[v], v < 2 ? org_id[org] : member, c);
				checks++;
				if (got != want) {
					harness_case_failed = 1;
					fprintf(stderr, "FAIL role grant %s %s: %s granting %s: want %c, got %c\n", method_names[via[v]->method],
						via[v]->pattern, caller_defs[c].key, grant_role, want, got);
				}
			}
		}
	}
	grant_role = "member";
	printf("permissions: role grants: %d checks (%zu callers x %d roles x 4 routes)\n", checks,
	       sizeof grant_table / sizeof grant_table[0], ROLE__MAX);
}

/* Removing a role is granting it: a sourcing manager may not strip a CxO; nobody changes their own roles. */
static void role_removals(void)
{
	const struct route *patch = route_of(M_PATCH, "/api/v1/users/{id}");

	grant_role = "member";
	/* A's CxO to a plain member. */
	CHECK_INT(grant_seen(patch, user_id[C_A_CXO], C_A_SM), 'N');
	CHECK_INT(grant_seen(patch, user_id[C_A_CXO], C_A_CM), 'N');
	CHECK_INT(grant_seen(patch, user_id[C_A_CXO], C_ADMIN), 'Y');
	/* One's own: refused with its own code, even for a CxO. */
	CHECK_INT(grant_seen(patch, user_id[C_A_CXO], C_A_CXO), 'F');
	CHECK(refused_own);
	CHECK_INT(grant_seen(patch, user_id[C_A_SM], C_A_SM), 'F');
	CHECK(refused_own);
	/* A's sourcing manager: the CxO may, the contract manager (who does not hold it) may not. */
	CHECK_INT(grant_seen(patch, user_id[C_A_SM], C_A_CXO), 'Y');
	CHECK_INT(grant_seen(patch, user_id[C_A_SM], C_A_CM), 'N');
	/* A provider's consultant, by its leadership. */
	CHECK_INT(grant_seen(patch, user_id[C_P_CONS], C_P_LEAD), 'Y');
	/* Another tenant's user: not found, whatever the role. */
	CHECK_INT(grant_seen(patch, user_id[C_A_MEM], C_T_CXO), '?');
	CHECK_INT(ask(M_PATCH, "/api/v1/users/{id}", I_USER_A, C_T_CXO), HIDDEN);
	CHECK_INT(ask(M_PATCH, "/api/v1/users/{id}", I_USER_A, C_P_LEAD), FORBIDDEN);
}

/* Consent before visibility: a pending engagement opens nothing and its governance waits; only the provider's leadership decides. */
static void pending_engagement_waits(void)
{
	/* B sees Q's card, not its people or units; A (an accepted customer of Q) sees them. */
	CHECK_INT(ask(M_GET, "/api/v1/orgs/{id}", I_ORG_Q, C_B_CM), REACHED);
	CHECK_INT(ask(M_GET, "/api/v1/orgs/{id}/users", I_ORG_Q, C_B_CM), HIDDEN);
	CHECK_INT(ask(M_GET, "/api/v1/orgs/{id}/units", I_ORG_Q, C_B_CM), HIDDEN);
	CHECK_INT(ask(M_GET, "/api/v1/orgs/{id}/users", I_ORG_Q, C_A_CM), REACHED);
	/* Both sides read the engagement itself; the buyer edits it and sets its mandate. */
	CHECK_INT(ask(M_GET, "/api/v1/engagements/{id}", I_ENG_PENDING, C_B_CM), REACHED);
	CHECK_INT(ask(M_GET, "/api/v1/engagements/{id}", I_ENG_PENDING, C_Q_LEAD), REACHED);
	CHECK_INT(ask(M_PATCH, "/api/v1/engagements/{id}", I_ENG_PENDING, C_B_CM), REACHED);
	CHECK_INT(ask(M_PUT, "/api/v1/engagements/{id}/mandate", I_ENG_PENDING, C_B_CM), REACHED);
	/* Reviews, issues, surveys and the mode wait for the acceptance, in the API and the pages. */
	CHECK_INT(ask(M_POST, "/api/v1/engagements/{id}/reviews", I_ENG_PENDING, C_B_CM), NOT_ACCEPTED);
	CHECK_INT(ask(M_POST, "/api/v1/engagements/{id}/strategic-issues", I_ENG_PENDING, C_B_CM), NOT_ACCEPTED);
	CHECK_INT(ask(M_POST, "/api/v1/engagements/{id}/surveys", I_ENG_PENDING, C_Q_LEAD), NOT_ACCEPTED);
	CHECK_INT(ask(M_POST, "/api/v1/engagements/{id}/mode", I_ENG_PENDING, C_B_CM), NOT_ACCEPTED);
	CHECK_INT(ask(M_POST, "/engagements/{id}/reviews", I_ENG_PENDING, C_B_CM), NOT_ACCEPTED);
	/* A caller who may not write at all is told so first (403), not about the engagement's state. */
	CHECK_INT(ask(M_POST, "/api/v1/engagements/{id}/strategic-issues", I_ENG_PENDING, C_Q_LEAD), FORBIDDEN);
	/* The acceptance: the provider's leadership only; its consultants and the buyer 403, others 404. */
	CHECK_INT(ask(M_POST, "/api/v1/engagements/{id}/acceptance", I_ENG_PENDING, C_Q_LEAD), REACHED);
	CHECK_INT(ask(M_POST, "/engagements/{id}/acceptance", I_ENG_PENDING, C_Q_LEAD), REACHED);
	CHECK_INT(ask(M_POST, "/api/v1/engagements/{id}/acceptance", I_ENG_PENDING, C_B_CM), FORBIDDEN);
	CHECK_INT(ask(M_POST, "/api/v1/engagements/{id}/acceptance", I_ENG, C_P_CONS), FORBIDDEN);
	CHECK_INT(ask(M_POST, "/api/v1/engagements/{id}/acceptance", I_ENG, C_P_MEM), FORBIDDEN);
	CHECK_INT(ask(M_POST, "/api/v1/engagements/{id}/acceptance", I_ENG_PENDING, C_P_LEAD), HIDDEN);
	CHECK_INT(ask(M_POST, "/api/v1/engagements/{id}/acceptance", I_ENG_PENDING, C_U_LEAD), HIDDEN);
}

/* The third tenant gets 404 on every route with an {id} for every resource of the others, but an organisation card the directory shows. */
static void third_tenant_sees_nothing(void)
{
	int checked = 0;

	for (size_t ri = 0; ri < routes_count; ri++) {
		const struct route *r = &routes[ri];

		if (r->res == RES_NONE)
			continue;
		for (int inst = 0; inst < INSTANCES; inst++) {
			char path[512];

			if (inst_defs[inst].res != r->res || inst_defs[inst].third || !instantiate(r, inst_id[inst], path, sizeof path))
				continue;
			for (int c = 0; c < C_OUT; c++) {
				int status;
				enum outcome got;
				bool card = r->method == M_GET && (!strcmp(r->pattern, "/api/v1/orgs/{id}") || !strcmp(r->pattern, "/orgs/{id}")) &&
					    ((caller_defs[c].org == O_T && (inst == I_ORG_P || inst == I_ORG_Q)) ||
					     (caller_defs[c].org == O_U && inst == I_ORG_A));

				if (!third_tenant(c))
					continue;
				got = observe(r, path, inst_id[inst], c, true, &status);
				checked++;
				if (got != (card ? REACHED : HIDDEN)) {
					harness_case_failed = 1;
					report(r, inst, c, true, card ? REACHED : HIDDEN, got, status);
				}
			}
		}
	}
	CHECK(checked > 0);
}

/* ---- The real server: the third tenant over HTTP. ---- */

static pid_t server_pid;
static char base_url[64];
static int e2e_checks, e2e_failed;

static size_t discard(void *p, size_t size, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * n;
}

/* The status of one request, or -1 when none came. */
static long http_status(const char *method, const char *path, int c, bool page)
{
	CURL *h = curl_easy_init();
	struct curl_slist *hdr = NULL;
	char url[600], line[128];
	long status = -1;

	if (!h)
		return -1;
	snprintf(url, sizeof url, "%s%s", base_url, path);
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	if (strcmp(method, "GET") != 0) {
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, "");
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, 0L);
	}
	if (c >= 0 && page) {
		snprintf(line, sizeof line, "Cookie: accord_session=%s", web_tok[c]);
		hdr = curl_slist_append(hdr, line);
	} else if (c >= 0) {
		snprintf(line, sizeof line, "Authorization: Bearer %s", api_tok[c]);
		hdr = curl_slist_append(hdr, line);
	}
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
	if (curl_easy_perform(h) == CURLE_OK)
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(hdr);
	curl_easy_cleanup(h);
	return status;
}

static int free_port(void)
{
	struct sockaddr_in a;
	socklen_t n = sizeof a;
	int fd = socket(AF_INET, SOCK_STREAM, 0), port = -1;

	memset(&a, 0, sizeof a);
	a.sin_family = AF_INET;
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof a) == 0 && getsockname(fd, (struct sockaddr *)&a, &n) == 0)
		port = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return port;
}

/* Starts `accord serve` (cmd_serve, as the binary runs it) on the fixture database in a child process. */
static bool server_start_on(int port)
{
	char listen[32];

	if (port <= 0)
		return false;
	snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
	snprintf(base_url, sizeof base_url, "http://%s", listen);
	fflush(NULL);
	server_pid = fork();
	if (server_pid < 0)
		return false;
	if (server_pid == 0) {
		char *argv[] = {"serve", "--db", dbpath, "--listen", listen, "--threads", "2", NULL};

		_exit(cmd_serve(7, argv));
	}
	/* Up to a minute for a slow, shared machine. */
	for (int i = 0; i < 600; i++) {
		int st;

		if (waitpid(server_pid, &st, WNOHANG) == server_pid) {
			server_pid = 0;
			return false;
		}
		if (http_status("GET", "/healthz", -1, false) == 200)
			return true;
		usleep(100000);
	}
	return false;
}

/* A port another program takes between free_port() and the bind gets another try. */
static bool server_start(void)
{
	for (int attempt = 0; attempt < 3; attempt++)
		if (server_start_on(free_port()))
			return true;
	return false;
}

static int server_stop(void)
{
	int st = 0;

	if (server_pid <= 0)
		return -1;
	kill(server_pid, SIGTERM);
	for (int i = 0; i < 300; i++) {
		if (waitpid(server_pid, &st, WNOHANG) == server_pid) {
			server_pid = 0;
			return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
		}
		usleep(100000);
	}
	kill(server_pid, SIGKILL);
	waitpid(server_pid, &st, 0);
	server_pid = 0;
	return -1;
}

/*
 * Every route with an {id}, GET or not, for every resource the third tenant has no tie to,
 * from each of its callers over HTTP: 404 (visibility before permission), but for the
 * organisation cards the directory shows (200). Non-GET requests carry no body and no CSRF
 * token, so even a wrongly open gate would write nothing.
 */
static void third_tenant_over_http(void)
{
	if (!server_start()) {
		fprintf(stderr, "FAIL cannot start the server on %s\n", dbpath);
		CHECK(false);
		return;
	}
	for (size_t ri = 0; ri < routes_count; ri++) {
		const struct route *r = &routes[ri];

		if (r->res == RES_NONE)
			continue;
		for (int inst = 0; inst < INSTANCES; inst++) {
			char path[512];

			if (inst_defs[inst].res != r->res || inst_defs[inst].third || !instantiate(r, inst_id[inst], path, sizeof path))
				continue;
			for (int c = 0; c < C_OUT; c++) {
				enum outcome want;
				long want_status, got;

				if (!third_tenant(c))
					continue;
				want = expect(r, inst, c, true);
				if (want == REACHED && r->method != M_GET) {
					/* Never sent: it would write. The third tenant may not write anything of the others. */
					fprintf(stderr, "FAIL %s %s on %s: the third tenant %s would reach a write\n", method_names[r->method],
						r->pattern, inst_defs[inst].name, caller_defs[c].key);
					e2e_failed++;
					continue;
				}
				want_status = want == REACHED ? 200 : want == HIDDEN ? 404 : 403;
				got = http_status(method_names[r->method], path, c, (r->flags & R_PAGE) != 0);
				e2e_checks++;
				if (got != want_status) {
					e2e_failed++;
					fprintf(stderr, "FAIL over HTTP %s %s as %s: want %ld, got %ld\n", method_names[r->method], path,
						caller_defs[c].key, want_status, got);
				}
			}
		}
	}
	CHECK_INT(server_stop(), 0);
	harness_passed += e2e_checks - e2e_failed;
	harness_failed += e2e_failed;
	printf("permissions: the third tenant over HTTP: %d requests, %d failed\n", e2e_checks, e2e_failed);
}

int main(void)
{
	int applied = 0;
	bool on_pg = getenv("ACCORD_TEST_DB") && *getenv("ACCORD_TEST_DB");

	if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return 1;
	setenv("ACCORD_TODAY", TODAY, 1);
	snprintf(dir, sizeof dir, "/tmp/accord-perm-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	/* ACCORD_TEST_DB: an empty PostgreSQL database to run against (tests/run makes one); else a SQLite file. */
	if (on_pg)
		snprintf(dbpath, sizeof dbpath, "%s", getenv("ACCORD_TEST_DB"));
	else
		snprintf(dbpath, sizeof dbpath, "%s/perm.db", dir);
	S = store_open(dbpath, &err);
	if (!S || store_migrate(S, &applied, &err) != 0 || !build_world() || !sign_in()) {
		fprintf(stderr, "cannot set up the fixture on %s: %s\n", dbpath, err.message);
		printf("permissions: 0 passed, 1 failed\n");
		return 1;
	}
	permission_matrix();
	RUN(coverage);
	RUN(bids_are_sealed);
	RUN(practices_origin_customer);
	RUN(role_grant_matrix);
	RUN(role_removals);
	RUN(pending_engagement_waits);
	RUN(third_tenant_sees_nothing);
	RUN(third_tenant_over_http);
	store_close(S);
	curl_global_cleanup();
	if (!on_pg) {
		char p[300];

		snprintf(p, sizeof p, "%s-wal", dbpath);
		unlink(p);
		snprintf(p, sizeof p, "%s-shm", dbpath);
		unlink(p);
		unlink(dbpath);
	}
	rmdir(dir);
	return HARNESS_DONE("permissions");
}
