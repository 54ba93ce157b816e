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

/*
 * Role grants (docs/security.md, "Role grants"). A caller holding `caller` changes a user of an
 * organisation of kind `kind` from `old_roles` to `new_roles` (0 for a new user); every role
 * added or removed counts as granted. A platform admin grants every role; an organisation's
 * buyer_cxo every buyer-side role and its provider_leadership every provider-side role (not
 * admin); anyone else only the roles they hold themselves, and `member` (which gives no right of
 * its own). Nobody changes their own roles (`self`), so no one can raise or lock themselves out.
 * A role that does not fit the organisation's kind is not weighed here: role_mask_check
 * refuses it (422) for everyone alike.
 */
enum grant_verdict { GRANT_OK, GRANT_NOT_HELD, GRANT_OWN_ROLES };
/* The roles a caller may grant in an organisation of this kind. */
role_mask role_grantable(role_mask caller, enum org_kind kind);
enum grant_verdict role_grant_allowed(role_mask caller, enum org_kind kind, role_mask old_roles,
				      role_mask new_roles, bool self);
/* The refusal for a verdict: 403 role_not_grantable (or own_roles) naming the field "roles"; false unless GRANT_OK. */
bool role_grant_error(enum grant_verdict v, struct error *err);
/* The roles that manage an organisation of this kind, of which one user must always remain (buyer_cxo, provider_leadership; 0 for the platform). */
role_mask role_keepers(enum org_kind kind);

/* Text rules shared by every entity. */
bool text_is_utf8(const char *s, size_t len);
/* Whether s says nothing: NULL, empty, or only spaces, tabs and line breaks (a reason that must be given). */
bool text_is_blank(const char *s);
/* Trimmed length 1..max, valid UTF-8, no control characters. */
bool text_is_name(const char *s, size_t max);
/* Whether s holds a line break (LF or CR), as a one-line field must not. */
bool text_has_break(const char *s);
/* A multi-line text: not blank, 1..max bytes, valid UTF-8, line breaks (LF, CRLF) and tabs allowed, no other control characters. */
bool text_is_multiline(const char *s, size_t max);
/*
 * Checks a one-line field (a title, a name) and sets err naming `field`: 422 "required" when
 * it is missing or empty ("invalid" when only spaces), "invalid" with "must be one line" when it holds a line break, else
 * "invalid" for other control characters or more than max bytes. `what` names it in the
 * message ("a title"). True when it is fine.
 */
bool text_line_check(const char *s, size_t max, const char *field, const char *what, struct error *err);
bool text_is_email(const char *s);
/* Copies src into dst (size n) with ASCII letters lower-cased, as e-mail addresses are kept. */
void text_lower_ascii(char *dst, size_t n, const char *src);

#define ORG_NAME_MAX 120
#define ORG_INDUSTRY_MAX 80
#define USER_NAME_MAX 120
#define USER_EMAIL_MAX 254

#endif
