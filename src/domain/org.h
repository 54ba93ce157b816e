/* org: organisations, their kinds, the roles their users hold, and the rules that tie them. */
#ifndef ACCORD_ORG_H
#define ACCORD_ORG_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "password.h"

enum org_kind { ORG_BUYER, ORG_PROVIDER, ORG_PLATFORM, ORG_KIND__MAX };

enum role {
	ROLE_ADMIN,
	ROLE_BUYER_CXO,
	ROLE_UNIT_CIO,
	ROLE_CONTRACT_MANAGER,
	ROLE_SOURCING_MANAGER,
	ROLE_PROVIDER_LEADERSHIP,
	ROLE_PROVIDER_CONSULTING,
	ROLE_MEMBER,
	ROLE__MAX
};

/* A set of roles as bits: 1u << ROLE_x. */
typedef unsigned role_mask;
#define ROLE_BIT(r) (1u << (r))
#define ROLES_ALL ((1u << ROLE__MAX) - 1)
/* Buyer-side roles that manage contracts: set mandates, create engagements, change mode. */
#define ROLES_CONTRACT (ROLE_BIT(ROLE_CONTRACT_MANAGER) | ROLE_BIT(ROLE_SOURCING_MANAGER))
/* Roles that manage their own organisation's users and units. */
#define ROLES_ORG_MANAGER                                                                  \
	(ROLE_BIT(ROLE_BUYER_CXO) | ROLES_CONTRACT | ROLE_BIT(ROLE_PROVIDER_LEADERSHIP))

const char *org_kind_name(enum org_kind k);
/* Returns the kind or -1 for an unknown name. */
int org_kind_parse(const char *s);
const char *role_name(enum role r);
int role_parse(const char *s);
/* A role as people read it: "Contract manager". */
const char *role_label(enum role r);
/* Whether a user of an organisation of this kind may hold the role. */
bool role_allowed_for_kind(enum role r, enum org_kind k);
/* Validates a whole set of roles for an organisation kind; names the field "roles". */
bool role_mask_check(role_mask m, enum org_kind k, struct error *err);

/* Only a platform admin may grant the admin role; names the field "roles". */
bool role_grant_check(role_mask granter, role_mask granted, struct error *err);

/* Text rules shared by every entity. */
bool text_is_utf8(const char *s, size_t len);
/* Trimmed length 1..max, valid UTF-8, no control characters. */
bool text_is_name(const char *s, size_t max);
bool text_is_email(const char *s);
/* Copies src into dst (size n) with ASCII letters lower-cased, as e-mail addresses are kept. */
void text_lower_ascii(char *dst, size_t n, const char *src);

#define ORG_NAME_MAX 120
#define ORG_INDUSTRY_MAX 80
#define USER_NAME_MAX 120
#define USER_EMAIL_MAX 254

#endif
