/* audit: reading the audit trail, scoped to what the caller may see — everything for an admin, an organisation's own rows for its governing roles. */
#include "audit.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/roadmap.h"
#include "clock.h"

static bool entity_valid(const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (!n || n > 63)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((name[i] >= 'a' && name[i] <= 'z') || name[i] == '_' || (i && name[i] >= '0' && name[i] <= '9')))
			return false;
	return true;
}

bool audit_filter_parse(const char *entity, const char *entity_id, struct audit_filter *f, struct error *err)
{
	f->entity = entity && *entity ? entity : NULL;
	f->entity_id = 0;
	if (f->entity && !entity_valid(f->entity)) {
		error_set(err, 400, "invalid", "entity", "entity must be a table name (lower-case letters, digits, _)");
		return false;
	}
	if (entity_id && *entity_id) {
		size_t n = strlen(entity_id);

		if (n > 18 || strspn(entity_id, "0123456789") != n || *entity_id == '0') {
			error_set(err, 400, "invalid", "entity_id", "entity_id must be a positive integer");
			return false;
		}
		if (!f->entity) {
			error_set(err, 400, "required", "entity", "entity_id needs an entity");
			return false;
		}
		f->entity_id = strtoll(entity_id, NULL, 10);
	}
	return true;
}

static json_t *int_or_null(const struct sqlval *v)
{
	return v->type == SQL_INT ? json_integer(v->i) : json_null();
}

static json_t *text_or_null(const struct sqlval *v)
{
	return v->type == SQL_TEXT ? json_string(v->s) : json_null();
}

/* The columns of a bid that stay sealed in the trail until its item's bid deadline has passed. */
static const char *const sealed_bid_columns[] = {"amount", "proposal"};

/*
 * Redacted at read time, the rows themselves staying as written (append-only): a bid's
 * amount and proposal read "[sealed]" to everyone, the platform admin and the bidder
 * included, until the day after its item's deadline (and for good once the bid is gone).
 */
static json_t *audit_seal_bid(json_t *changes, const struct sqlval *deadline)
{
	struct date d;

	if (deadline->type == SQL_TEXT && date_parse(deadline->s, &d) && !bids_sealed(d, clock_today()))
		return changes;
	if (!json_is_object(changes)) { /* never written so by the triggers; sealed whole should it be */
		json_decref(changes);
		return json_string("[sealed]");
	}
	for (size_t i = 0; i < sizeof sealed_bid_columns / sizeof sealed_bid_columns[0]; i++)
		if (json_object_get(changes, sealed_bid_columns[i]))
			json_object_set_new(changes, sealed_bid_columns[i], json_string("[sealed]"));
	return changes;
}

static int audit_row(void *ctx, const struct sqlval *c, int n)
{
	/* changes is JSON the triggers wrote; should it ever not parse, it is shown as the text it is. */
	json_t *changes = c[10].s ? json_loads(c[10].s, JSON_DECODE_ANY, NULL) : NULL;

	(void)n;
	if (!changes)
		changes = text_or_null(&c[10]);
	if (c[7].s && !strcmp(c[7].s, "bids"))
		changes = audit_seal_bid(changes, &c[11]);
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:s, s:o}", "id", c[0].i, "at",
					     c[1].s ? c[1].s : "", "actor_user_id", int_or_null(&c[2]), "actor_name",
					     text_or_null(&c[3]), "actor_org_id", int_or_null(&c[4]), "actor_org_name",
					     text_or_null(&c[5]), "org_id", int_or_null(&c[6]), "entity", c[7].s ? c[7].s : "",
					     "entity_id", int_or_null(&c[8]), "action", c[9].s ? c[9].s : "", "changes", changes));
	return 0;
}

json_t *audit_list_json(struct store *s, const struct caller *c, const struct audit_filter *f, struct page pg)
{
	json_t *items = json_array();
	bool all = (c->roles & ROLE_BIT(ROLE_ADMIN)) != 0;
	struct sqlval a[7] = {SQL_I(pg.after > 0 ? pg.after : LLONG_MAX), SQL_T(f->entity), SQL_T(f->entity),
			      SQL_I(f->entity_id), SQL_I(f->entity_id)};
	int rc;

	/* The one scoping rule: an admin reads every row, anyone else their organisation's only. */
	if (all) {
		a[5] = SQL_I(pg.limit + 1);
		rc = store_exec(s, STMT_AUDIT_LIST_ALL, a, 6, audit_row, items, NULL);
	} else {
		a[5] = SQL_I(c->org_id);
		a[6] = SQL_I(pg.limit + 1);
		rc = store_exec(s, STMT_AUDIT_LIST_ORG, a, 7, audit_row, items, NULL);
	}
	if (rc < 0) {
		json_decref(items);
		return NULL;
	}
	return page_wrap(items, pg.limit);
}
