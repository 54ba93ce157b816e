/* suggestions: providers' suggestions on roadmap items, seen by their author's organisation and the buyer, who accepts or rejects them (split from roadmaps.c). */
#include <string.h>

#include "clock.h"
#include "roadmaps.h"

static int suggestion_json_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:s, s:I, s:s, s:s, s:o}", "id", c[0].i,
					     "item_id", c[1].i, "org_id", c[2].i, "org_name", c[3].s, "body", c[4].s,
					     "status", c[5].s, "note", c[6].s, "author_id", c[7].i, "author_name",
					     c[8].s, "created_at", c[9].s, "decided_on",
					     c[10].s ? json_string(c[10].s) : json_null()));
	return 0;
}

long long suggestion_create(struct store *s, const struct caller *c, long long item_id,
			    const char *body, struct error *err)
{
	struct sqlval a[6];
	char now[24];
	long long id, buyer;

	if (!text_is_multiline(body, PROPOSAL_MAX)) {
		error_set(err, 422, body ? "invalid" : "required", "body", "the suggestion needs a text");
		return -1;
	}
	if ((buyer = roadmap_item_buyer(s, item_id, err)) < 0)
		return -1;
	now_iso(now);
	a[0] = SQL_I(buyer);
	a[1] = SQL_I(item_id);
	a[2] = SQL_I(c->org_id);
	a[3] = SQL_T(body);
	a[4] = SQL_I(c->user_id);
	a[5] = SQL_T(now);
	if (store_int(s, STMT_SUGGESTION_INSERT, a, 6, &id, err) != 0)
		return -1;
	return id;
}

int suggestion_decide(struct store *s, long long id, const char *status, const char *note,
		      struct error *err)
{
	struct sqlval a[4];
	char today[11];

	if (!status || (strcmp(status, "accepted") && strcmp(status, "rejected"))) {
		error_set(err, 422, status ? "invalid" : "required", "status", "status must be accepted or rejected");
		return -1;
	}
	if (note && strlen(note) > 4000) {
		error_set(err, 422, "too_long", "note", "the note is too long");
		return -1;
	}
	date_format(clock_today(), today);
	a[0] = SQL_T(status);
	a[1] = SQL_T(note ? note : "");
	a[2] = SQL_T(today);
	a[3] = SQL_I(id);
	return store_exec(s, STMT_SUGGESTION_DECIDE, a, 4, NULL, NULL, err) < 0 ? -1 : 0;
}

json_t *suggestion_list_json(struct store *s, const struct caller *c, long long item_id, bool buyer)
{
	struct sqlval a[2] = {SQL_I(item_id), SQL_I(c->org_id)};
	json_t *items = json_array();

	/* A suggestion is seen by its author's organisation and the buyer only. */
	store_exec(s, buyer ? STMT_SUGGESTION_LIST_ITEM : STMT_SUGGESTION_LIST_OWN, a, buyer ? 1 : 2,
		   suggestion_json_cb, items, NULL);
	return json_pack("{s:o, s:n}", "items", items, "next");
}

json_t *suggestion_get_json(struct store *s, long long id)
{
	struct sqlval a[1] = {SQL_I(id)};
	json_t *items = json_array(), *o;

	store_exec(s, STMT_SUGGESTION_GET, a, 1, suggestion_json_cb, items, NULL);
	o = json_incref(json_array_get(items, 0));
	json_decref(items);
	return o;
}
