/* orgs: use cases for organisations, their users and their business units. */
#ifndef ACCORD_ORGS_H
#define ACCORD_ORGS_H

#include <jansson.h>

#include "../store/store.h"
#include "caller.h"

/* A page of a list: the items and the cursor for the next page (0: none). */
struct page {
	long long after;
	int limit;
};

#define PAGE_LIMIT_DEFAULT 50
#define PAGE_LIMIT_MAX 200

struct org_input {
	const char *name;
	const char *kind;
	const char *industry; /* may be NULL */
};

struct user_input {
	long long org_id;
	const char *email;
	const char *name;
	role_mask roles;
	const char *password;
};

struct unit_input {
	long long org_id;
	const char *name;
	long long cio_user_id; /* 0: none yet */
};

/* Each create validates fully, writes nothing on failure, and returns the new id (or -1). */
long long org_create(struct store *s, const struct org_input *in, struct error *err);
long long user_create(struct store *s, const struct user_input *in, struct error *err);
/* A user's organisation, that organisation's kind and the user's roles. */
struct user_org {
	long long org_id;
	role_mask roles;
	int kind; /* enum org_kind */
	bool deactivated;
};

/* Reads them for user_id: 1 found, 0 no such user, -1 a store error (err set). */
int user_org_of(struct store *s, long long user_id, struct user_org *out, struct error *err);

/*
 * Sets a user's roles (PATCH /api/v1/users/{id}); who may grant them is the router's
 * (R_GRANTS). The roles must fit the organisation's kind (422), and the change must not take
 * the last buyer_cxo / provider_leadership role from the organisation (409, field "roles").
 * Returns 0, or -1 with err set and nothing written.
 */
int user_roles_set(struct store *s, long long user_id, role_mask roles, struct error *err);
/*
 * Deactivates a user (POST /api/v1/users/{id}/deactivate; the route table checked that the
 * caller manages the organisation): stamps deactivated_at and ends every session of the user at
 * once; sign-in, the calendar feed and every picker leave the user out from then on. Refused:
 * 404 no such user, 422 oneself (field "user"), 409 already_deactivated, 403 role_not_grantable
 * when the caller may not remove all the user's roles (role_grant_allowed), 409 last_manager
 * for the organisation's last buyer_cxo / provider_leadership. Returns 0, or -1 with err set and
 * nothing written.
 */
int user_deactivate(struct store *s, const struct caller *c, long long user_id, struct error *err);
/* [{value: id, label: name}] of the organisation's active users holding any of roles, by name: a picker's options. */
json_t *user_choices_json(struct store *s, long long org_id, role_mask roles);
/* [{value: id, label: name}] of every organisation of the kind, by name. */
json_t *org_choices_json(struct store *s, enum org_kind kind);
/* {id, org_id, email, name, roles, deactivated_at} of a user, or NULL. */
json_t *user_get_json(struct store *s, long long user_id);
long long unit_create(struct store *s, const struct unit_input *in, struct error *err);

/* Each returns a new reference the caller must json_decref, or NULL on a store error. */
json_t *org_get_json(struct store *s, long long id);
json_t *org_list_json(struct store *s, const struct caller *c, struct page pg);
json_t *user_list_json(struct store *s, long long org_id, struct page pg);
json_t *unit_list_json(struct store *s, long long org_id, struct page pg);
json_t *roles_json(role_mask m);
/* The JSON of the caller for GET /api/v1/me. */
json_t *me_json(const struct caller *c);

/* The kind of organisation id (enum org_kind), -1 when there is none, -2 when the store failed (err set). */
int org_kind_of(struct store *s, long long id, struct error *err);

/* The current UTC time as "YYYY-MM-DDTHH:MM:SSZ". */
void now_iso(char out[24]);
/* Wraps items into {"items": [...], "next": cursor-or-null}; steals items. */
json_t *page_wrap(json_t *items, int limit);

#endif
