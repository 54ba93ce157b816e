/* access: computes the caller's relations to organisations and engagements from the store. */
#include "access.h"
#include "orgs.h"
#include "clock.h"
#include "../domain/roadmap.h"

#include <string.h>

/* Reads (buyer org, provider org, third column, the engagement accepted) of a parties statement. */
static int parties_row(void *ctx, const struct sqlval *cols, int n)
{
	long long *p = ctx;

	p[0] = cols[0].i;
	p[1] = cols[1].i;
	p[2] = n > 2 ? cols[2].i : 0;
	p[3] = n > 3 ? cols[3].i : 0;
	return 1;
}

static unsigned org_relations(struct store *s, const struct caller *c, long long id)
{
	int kind = org_kind_of(s, id, NULL);
	struct sqlval a[2];
	long long n = 0;
	unsigned rel = 0;

	if (kind < 0)
		return 0;
	rel |= REL_SIGNED_IN;
	if (c->roles & ROLE_BIT(ROLE_ADMIN))
		rel |= REL_ADMIN;
	if (id == c->org_id)
		return rel | REL_OWN;
	if (c->org_kind == ORG_BUYER && kind == ORG_PROVIDER) {
		a[0] = SQL_I(c->org_id);
		a[1] = SQL_I(id);
		rel |= REL_DIRECTORY;
	} else if (c->org_kind == ORG_PROVIDER && kind == ORG_BUYER) {
		a[0] = SQL_I(id);
		a[1] = SQL_I(c->org_id);
		rel |= REL_DIRECTORY;
	} else {
		return rel;
	}
	if (store_int(s, STMT_ORG_PARTNERS, a, 2, &n, NULL) == 0 && n > 0)
		rel |= REL_PARTNER;
	return rel;
}

/* Relations to anything that belongs to an engagement, through the statement that finds its parties. */
static unsigned party_relations(struct store *s, const struct caller *c, enum stmt st, long long id)
{
	long long parties[4] = {0, 0, 0, 0};
	struct sqlval a[1] = {SQL_I(id)};
	unsigned rel = 0;

	if (store_exec(s, st, a, 1, parties_row, parties, NULL) <= 0)
		return 0;
	if (parties[0] == c->org_id)
		rel |= REL_BUYER;
	if (parties[1] == c->org_id)
		rel |= REL_PROVIDER;
	if (st == STMT_ACTION_PARTIES && rel && parties[2] == c->user_id)
		rel |= REL_ASSIGNEE;
	if (rel && parties[3])
		rel |= REL_ACCEPTED;
	return rel;
}

/* A roadmap or item: its buyer, or a provider that may see it. */
static unsigned roadmap_relations(struct store *s, const struct caller *c, enum stmt st, long long id)
{
	long long r[4] = {0, 0, 0, 0};
	struct sqlval a[3] = {SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(id)};

	if (store_exec(s, st, a, 3, parties_row, r, NULL) <= 0)
		return 0;
	if (r[0] == c->org_id)
		return REL_BUYER;
	return r[1] && c->org_kind == ORG_PROVIDER ? REL_VIEWER : 0;
}

/* A bid or suggestion: its buyer and the organisation that wrote it. */
static unsigned authored_relations(struct store *s, const struct caller *c, enum stmt st, long long id)
{
	long long r[4] = {0, 0, 0, 0};
	struct sqlval a[1] = {SQL_I(id)};
	unsigned rel = 0;

	if (store_exec(s, st, a, 1, parties_row, r, NULL) <= 0)
		return 0;
	if (r[0] == c->org_id)
		rel |= REL_BUYER;
	if (r[1] == c->org_id)
		rel |= REL_AUTHOR;
	return rel;
}

struct bid_access {
	long long buyer, bidder;
	struct date deadline;
	bool has_deadline;
};

static int bid_access_row(void *ctx, const struct sqlval *c, int n)
{
	struct bid_access *b = ctx;

	(void)n;
	b->buyer = c[0].i;
	b->bidder = c[1].i;
	b->has_deadline = c[2].type == SQL_TEXT && date_parse(c[2].s, &b->deadline);
	return 1;
}

/*
 * A bid: the organisation that wrote it; its buyer only once the bids are open (the day
 * after the deadline). Before then a real bid id is to the buyer what an unknown one is
 * (404), so probing ids tells it nothing.
 */
static unsigned bid_relations(struct store *s, const struct caller *c, long long id)
{
	struct bid_access b = {0};
	struct sqlval a[1] = {SQL_I(id)};
	unsigned rel = 0;

	if (store_exec(s, STMT_BID_ACCESS, a, 1, bid_access_row, &b, NULL) <= 0)
		return 0;
	if (b.buyer == c->org_id && b.has_deadline && !bids_sealed(b.deadline, clock_today()))
		rel |= REL_BUYER;
	if (b.bidder == c->org_id)
		rel |= REL_AUTHOR;
	return rel;
}

/* A summit or one of its sessions: its host, or an invited organisation; a session's presenter is also its author. */
static unsigned summit_relations(struct store *s, const struct caller *c, enum stmt st, long long id)
{
	long long r[4] = {0, 0, 0, 0};
	struct sqlval a[2] = {SQL_I(c->org_id), SQL_I(id)};

	if (store_exec(s, st, a, 2, parties_row, r, NULL) <= 0)
		return 0;
	return (r[0] == c->org_id ? REL_HOST : 0) | (r[1] ? REL_INVITED : 0) |
	       (st == STMT_SUMMIT_SESSION_ACCESS && r[2] == c->org_id ? REL_AUTHOR : 0);
}

/* An invitation: the summit's host and the invited organisation. */
static unsigned invitation_relations(struct store *s, const struct caller *c, long long id)
{
	long long r[4] = {0, 0, 0, 0};
	struct sqlval a[1] = {SQL_I(id)};

	if (store_exec(s, STMT_INVITATION_ACCESS, a, 1, parties_row, r, NULL) <= 0)
		return 0;
	return (r[0] == c->org_id ? REL_HOST : 0) | (r[1] == c->org_id ? REL_INVITED : 0);
}

struct practice_access {
	long long provider, origin_buyer;
	bool published, awaiting, customer, at_summit, adopted;
};

static int practice_access_row(void *ctx, const struct sqlval *c, int n)
{
	struct practice_access *p = ctx;

	(void)n;
	p->provider = c[0].i;
	p->origin_buyer = c[1].i;
	p->published = !strcmp(c[2].s, "published");
	p->awaiting = c[3].i != 0;
	p->customer = c[4].i != 0;
	p->at_summit = c[5].i != 0;
	p->adopted = c[6].i != 0;
	return 1;
}

/*
 * A practice: its provider always; others only its published revision, while they are a
 * customer of the provider or at a summit presenting it; a retired one only those that
 * adopted it. The origin customer also sees a revision awaiting its approval.
 */
static unsigned practice_relations(struct store *s, const struct caller *c, long long id)
{
	struct practice_access p = {0};
	struct sqlval a[5] = {SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(id)};
	bool shown;

	if (store_exec(s, STMT_PRACTICE_ACCESS, a, 5, practice_access_row, &p, NULL) <= 0)
		return 0;
	if (p.provider == c->org_id)
		return REL_AUTHOR;
	shown = (p.published && (p.customer || p.at_summit)) || p.adopted;
	if (p.origin_buyer == c->org_id && (shown || p.awaiting))
		return REL_ORIGIN;
	return shown ? REL_VIEWER : 0;
}

/* A user: whatever the caller is to the user's organisation (its own, a partner's, the admin). */
static unsigned user_relations(struct store *s, const struct caller *c, long long id)
{
	struct user_org u;

	return user_org_of(s, id, &u, NULL) > 0 ? org_relations(s, c, u.org_id) : 0;
}

int access_grant_target(struct store *s, enum resource res, long long id, int *org_kind,
			role_mask *old_roles, long long *user_id)
{
	struct user_org u;

	*old_roles = 0;
	*user_id = 0;
	if (res == RES_ORG) {
		*org_kind = org_kind_of(s, id, NULL);
		return *org_kind >= 0 ? 0 : -1;
	}
	if (res != RES_USER || user_org_of(s, id, &u, NULL) <= 0)
		return -1;
	*org_kind = u.kind;
	*old_roles = u.roles;
	*user_id = id;
	return 0;
}

unsigned access_relations(struct store *s, const struct caller *c, enum resource res,
			  long long id)
{
	switch (res) {
	case RES_ORG:
		return org_relations(s, c, id);
	case RES_ENGAGEMENT:
		return party_relations(s, c, STMT_ENG_PARTIES, id);
	case RES_REVIEW:
		return party_relations(s, c, STMT_REVIEW_PARTIES, id);
	case RES_ACTION:
		return party_relations(s, c, STMT_ACTION_PARTIES, id);
	case RES_ISSUE:
		return party_relations(s, c, STMT_ISSUE_PARTIES, id);
	case RES_ROADMAP:
		return roadmap_relations(s, c, STMT_ROADMAP_ACCESS, id);
	case RES_ITEM:
		return roadmap_relations(s, c, STMT_ITEM_ACCESS, id);
	case RES_BID:
		return bid_relations(s, c, id);
	case RES_SUGGESTION:
		return authored_relations(s, c, STMT_SUGGESTION_ACCESS, id);
	case RES_SUMMIT:
		return summit_relations(s, c, STMT_SUMMIT_ACCESS, id);
	case RES_SESSION:
		return summit_relations(s, c, STMT_SUMMIT_SESSION_ACCESS, id);
	case RES_INVITATION:
		return invitation_relations(s, c, id);
	case RES_PROBLEM:
		return roadmap_relations(s, c, STMT_PROBLEM_ACCESS, id);
	case RES_RESPONSE:
		return authored_relations(s, c, STMT_PROBLEM_RESPONSE_ACCESS, id);
	case RES_PRACTICE:
		return practice_relations(s, c, id);
	case RES_ADOPTION:
		return party_relations(s, c, STMT_ADOPTION_PARTIES, id);
	case RES_USER:
		return user_relations(s, c, id);
	case RES_KPI:
		return party_relations(s, c, STMT_KPI_PARTIES, id);
	case RES_MEASUREMENT:
		return party_relations(s, c, STMT_MEASUREMENT_PARTIES, id);
	case RES_CREDIT:
		return party_relations(s, c, STMT_CREDIT_PARTIES, id);
	case RES_OBLIGATION:
		return party_relations(s, c, STMT_OBLIGATION_PARTIES, id);
	default:
		return REL_SIGNED_IN;
	}
}
