/* events: the outbox — changes others must hear of, written with the change, read by e-mail, the inbox and (later) webhooks and digests. */
/*
 * The design (DESIGN.md, "Events leave through an outbox"):
 *
 * - A use case that changes something other organisations must hear of writes rows into
 *   `events` (migration 014) in the SAME transaction as the change: the change and its
 *   events are kept or undone together, and nothing is sent from inside a transaction.
 * - One row per organisation to be told (`org_id`), so each row is readable by exactly one
 *   organisation and every reader (e-mail, inbox, later webhooks and digests) applies one
 *   rule: an organisation reads its own events. `buyer_org_id` is the tenant whose change
 *   it is. The payload holds only what `org_id` may see anyway (for a bid deadline: the
 *   item's id, roadmap, title, the deadline before and after) — never another
 *   organisation's name, bid or count of bids.
 * - Readers never change an event. Delivery is recorded beside it: `accord remind` mails
 *   each event once to each person, with the reminders' ledger (kind "bid_deadline",
 *   subject the event's id, person) claimed before sending and released on failure;
 *   webhooks will keep their own delivery rows.
 * - The outbox is not audited (store.h, AUDIT_UNAUDITED): it is derived from audited
 *   changes, and its rows, in the buyer's part of the trail, would tell the buyer who has
 *   bid before its deadline.
 */
#include "events.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/grow.h"
#include "access.h"
#include "clock.h"
#include "orgs.h"

struct ids {
	long long *v;
	size_t n, cap;
};

static int id_row(void *ctx, const struct sqlval *c, int n)
{
	struct ids *l = ctx;

	(void)n;
	if (grow((void **)&l->v, &l->cap, l->n, sizeof *l->v))
		return 1;
	l->v[l->n++] = c[0].i;
	return 0;
}

int events_bid_deadline_changed(struct store *s, long long item_id, long long roadmap_id, long long buyer_org,
				const char *title, const char *from, const char *to, struct error *err)
{
	struct ids bidders = {0};
	struct sqlval a[7] = {SQL_I(item_id)};
	json_t *payload = json_pack("{s:I, s:I, s:s, s:s, s:s}", "item_id", item_id, "roadmap_id", roadmap_id, "title",
				    title, "from", from, "to", to);
	char *text = payload ? json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	char now[24];
	int rc = -1;

	if (!text) {
		error_set(err, 500, "internal", NULL, "out of memory");
		goto out;
	}
	if (store_exec(s, STMT_BID_BIDDERS, a, 1, id_row, &bidders, err) < 0)
		goto out;
	now_iso(now);
	for (size_t i = 0; i < bidders.n; i++) {
		a[0] = SQL_I(buyer_org);
		a[1] = SQL_I(bidders.v[i]);
		a[2] = SQL_T(EVENT_BID_DEADLINE);
		a[3] = SQL_T("roadmap_items");
		a[4] = SQL_I(item_id);
		a[5] = SQL_T(text);
		a[6] = SQL_T(now);
		if (store_exec(s, STMT_EVENT_INSERT, a, 7, NULL, NULL, err) < 0)
			goto out;
	}
	rc = 0;
out:
	free(bidders.v);
	free(text);
	json_decref(payload);
	return rc;
}

static int inbox_row(void *ctx, const struct sqlval *c, int n)
{
	json_t *payload = json_loads(c[1].s ? c[1].s : "", 0, NULL);
	const char *title = json_string_value(json_object_get(payload, "title"));
	const char *from = json_string_value(json_object_get(payload, "from"));
	char line[1200], url[48];

	(void)n;
	snprintf(line, sizeof line, "Bid deadline moved from %s to %s: %s", from ? from : "?", c[2].s, title ? title : "");
	snprintf(url, sizeof url, "/roadmap-items/%lld", c[0].i);
	json_array_append_new(ctx, json_pack("{s:s, s:s, s:s, s:s}", "kind", EVENT_BID_DEADLINE, "title", line, "url", url,
					     "due_on", c[2].s));
	json_decref(payload);
	return 0;
}

json_t *events_inbox_items(struct store *s, const struct caller *c)
{
	json_t *items = json_array();
	char today[11];
	struct sqlval a[3];

	if (c->org_kind != ORG_PROVIDER || !(c->roles & ROLES_PROVIDER_GOV))
		return items;
	date_format(clock_today(), today);
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_T(today);
	a[2] = SQL_I(c->org_id);
	store_exec(s, STMT_EVENT_INBOX_BID_DEADLINES, a, 3, inbox_row, items, NULL);
	return items;
}

static int history_row(void *ctx, const struct sqlval *c, int n)
{
	json_t *payload = json_loads(c[0].s ? c[0].s : "", 0, NULL);
	char on[11];

	(void)n;
	snprintf(on, sizeof on, "%.10s", c[1].s ? c[1].s : "");
	json_array_append_new(ctx, json_pack("{s:O?, s:O?, s:s}", "from", json_object_get(payload, "from"), "to",
					     json_object_get(payload, "to"), "on", on));
	json_decref(payload);
	return 0;
}

json_t *events_item_deadline_history(struct store *s, const struct caller *c, long long item_id)
{
	json_t *items = json_array();
	struct sqlval a[2] = {SQL_I(c->org_id), SQL_I(item_id)};

	store_exec(s, STMT_EVENT_ITEM_BID_DEADLINES, a, 2, history_row, items, NULL);
	return items;
}
