/* access: the caller's relations to a resource — the one place that decides who may see and act on what. */
#ifndef ACCORD_ACCESS_H
#define ACCORD_ACCESS_H

#include <stdbool.h>

#include "../store/store.h"
#include "caller.h"

/*
 * A relation is what ties the caller to the resource a route names. Routes declare
 * which relations may see the resource (else 404) and which relation + role pairs may
 * act on it (else 403); the router asks access_relations() once per request.
 *
 *   REL_ADMIN       the caller is a platform admin (organisations and their users only)
 *   REL_OWN         the resource is the caller's own organisation
 *   REL_PARTNER     the organisation has an accepted engagement with the caller's organisation
 *   REL_DIRECTORY   the organisation is of the opposite kind (a provider sees buyers,
 *                   a buyer sees providers): its name, kind and industry, nothing else
 *   REL_BUYER       the caller's organisation is the engagement's buyer
 *   REL_PROVIDER    the caller's organisation is the engagement's provider
 *   REL_SIGNED_IN   any signed-in user (collection routes with no id)
 *   REL_ASSIGNEE    the caller owns the action item
 *   REL_ACCEPTED    not a tie but the state of the engagement the resource belongs to: its
 *                   provider's leadership accepted it. Never in a route's `see` or `act`; a route
 *                   flagged R_ACCEPTED answers 409 not_accepted to a permitted caller without it.
 *
 * Reviews, action items and strategic issues belong to their engagement: the caller
 * has REL_BUYER / REL_PROVIDER to them exactly as to the engagement.
 */
enum relation {
	REL_ADMIN = 1u << 0,
	REL_OWN = 1u << 1,
	REL_PARTNER = 1u << 2,
	REL_DIRECTORY = 1u << 3,
	REL_BUYER = 1u << 4,
	REL_PROVIDER = 1u << 5,
	REL_SIGNED_IN = 1u << 6,
	REL_ASSIGNEE = 1u << 7,
	REL_VIEWER = 1u << 8, /* a provider a roadmap was shared with or presented to */
	REL_AUTHOR = 1u << 9, /* the caller's organisation wrote the bid or suggestion */
	REL_HOST = 1u << 10,  /* the caller's organisation hosts the summit */
	REL_INVITED = 1u << 11, /* the caller's organisation is invited to the summit */
	REL_ORIGIN = 1u << 12,	/* the caller's organisation is the customer a practice was found with */
	REL_ACCEPTED = 1u << 13, /* the resource's engagement is accepted (a state, see above) */
};

/* Role sets the route table and the pages share. Who runs reviews: the buyer's executives and managers, the provider's leadership and consultants. */
#define ROLES_BUYER_GOV (ROLE_BIT(ROLE_BUYER_CXO) | ROLE_BIT(ROLE_UNIT_CIO) | ROLES_CONTRACT)
#define ROLES_PROVIDER_GOV (ROLE_BIT(ROLE_PROVIDER_LEADERSHIP) | ROLE_BIT(ROLE_PROVIDER_CONSULTING))
/* Who keeps a buyer's roadmaps: its unit CIOs and CxO. */
#define ROLES_ROADMAP (ROLE_BIT(ROLE_UNIT_CIO) | ROLE_BIT(ROLE_BUYER_CXO))
/* Who awards roadmap items: the roadmap keepers and the buyer's contract and sourcing managers. */
#define ROLES_AWARD (ROLES_ROADMAP | ROLES_CONTRACT)
/* Who sees the portfolio of compliance: a buyer's contract managers and CxO, a provider's leadership. */
#define ROLES_PORTFOLIO (ROLES_CONTRACT | ROLE_BIT(ROLE_BUYER_CXO) | ROLE_BIT(ROLE_PROVIDER_LEADERSHIP))

/* Who changes an engagement's mode (the route table's permit and the trust page's form): the buyer's contract managers and its CxO. */
#define ROLES_MODE (ROLES_CONTRACT | ROLE_BIT(ROLE_BUYER_CXO))

/* Who decides whether to accept an engagement (the route table's permit and the inbox's acceptance items): the provider's leadership. */
#define ROLES_ACCEPT ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)
/* Who approves a practice for its origin customer (the route's permit and the inbox's approval items): the customer's contract managers. */
#define ROLES_PRACTICE_APPROVAL ROLE_BIT(ROLE_CONTRACT_MANAGER)
/* Who answers a summit invitation (ACT_INVITATION and the inbox's invitation items): either side's governance roles. */
#define ROLES_INVITATION (ROLES_BUYER_GOV | ROLES_PROVIDER_GOV)

/* Whether the caller, with these relations to an engagement's item, runs its reviews. */
static inline bool access_runs_reviews(unsigned rel, role_mask roles)
{
	return ((rel & REL_BUYER) && (roles & ROLES_BUYER_GOV)) ||
	       ((rel & REL_PROVIDER) && (roles & ROLES_PROVIDER_GOV));
}

/* What a route's {id} names. */
enum resource {
	RES_NONE,
	RES_ORG,
	RES_ENGAGEMENT,
	RES_REVIEW,
	RES_ACTION,
	RES_ISSUE,
	RES_ROADMAP,   /* the buyer (REL_BUYER) and providers that may see it (REL_VIEWER) */
	RES_ITEM,      /* as its roadmap */
	RES_BID,       /* the buyer (REL_BUYER) and the bidder (REL_AUTHOR), nobody else */
	RES_SUGGESTION, /* the buyer and the suggesting organisation */
	RES_SUMMIT,    /* its host (REL_HOST) and invited organisations (REL_INVITED) */
	RES_INVITATION, /* the summit's host and the invited organisation */
	RES_SESSION,   /* as its summit; its presenting organisation is also REL_AUTHOR */
	RES_PROBLEM,   /* its buyer and the providers it is addressed to (REL_VIEWER) */
	RES_RESPONSE,  /* a problem response: the buyer and the responding organisation (REL_AUTHOR) */
	RES_PRACTICE,  /* its provider (REL_AUTHOR), origin customer (REL_ORIGIN), others it is shown to (REL_VIEWER); docs/practices.md */
	RES_ADOPTION,  /* the engagement's buyer (REL_BUYER) and provider (REL_PROVIDER) */
	RES_USER,      /* a user: the caller's relations to the user's organisation */
	RES_KPI,       /* a KPI: its engagement's buyer (REL_BUYER) and provider (REL_PROVIDER); docs/delivery.md */
	RES_MEASUREMENT, /* a KPI's value for a period: as its KPI */
	RES_CREDIT,    /* a service credit: its engagement's buyer (REL_BUYER) and provider (REL_PROVIDER) */
	RES_OBLIGATION, /* an obligation: its engagement's buyer (REL_BUYER) and provider (REL_PROVIDER) */
	RES__MAX
};

/* Relations of the caller to resource `res` with id `id`; 0 when it does not exist. */
unsigned access_relations(struct store *s, const struct caller *c, enum resource res,
			  long long id);

/*
 * What a role grant on resource `res` (an organisation: a new user of it; a user: that user)
 * changes: the organisation's kind, the user's roles now (0 for a new user) and the user's id
 * (0 for a new user). Returns 0, or -1 when it does not exist or the store failed.
 */
int access_grant_target(struct store *s, enum resource res, long long id, int *org_kind,
			role_mask *old_roles, long long *user_id);

#endif
