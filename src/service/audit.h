/* audit: reading the audit trail — every change to accord's data, who made it and when (docs/audit.md). */
#ifndef ACCORD_AUDIT_H
#define ACCORD_AUDIT_H

#include <jansson.h>

#include "../store/store.h"
#include "caller.h"
#include "orgs.h"

/*
 * Who reads the trail: a platform admin all of it; the roles that govern an organisation —
 * a buyer's CxO and contract managers, a provider's leadership — their own organisation's
 * rows (the changes its people made), and no other organisation's.
 */
#define ROLES_AUDIT (ROLE_BIT(ROLE_BUYER_CXO) | ROLE_BIT(ROLE_CONTRACT_MANAGER) | ROLE_BIT(ROLE_PROVIDER_LEADERSHIP))

struct audit_filter {
	const char *entity;  /* a table name, or NULL for every one */
	long long entity_id; /* 0: any */
};

/* Reads ?entity=&entity_id= (either may be NULL or ""); false with err naming the field when malformed. */
bool audit_filter_parse(const char *entity, const char *entity_id, struct audit_filter *f, struct error *err);
/*
 * A page of the rows the caller may read, newest first ({items, next}; pg.after is the
 * last id of the page before, 0 for the newest); NULL on a store error. Caller frees.
 */
json_t *audit_list_json(struct store *s, const struct caller *c, const struct audit_filter *f, struct page pg);

#endif
