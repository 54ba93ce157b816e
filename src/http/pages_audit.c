/* pages_audit: the audit trail as a page — who changed what and when, newest first, an admin's all of it, an organisation's own rows otherwise. */
#include <stdio.h>
#include <string.h>

#include "../service/audit.h"
#include "pages.h"

/* One value of a change as text: strings as they are (cut at 160 bytes), numbers, "—" for none. */
static void change_value(struct buf *b, json_t *v)
{
	char num[40];

	if (json_is_string(v)) {
		html_fmt(b, "%.160s%s", json_string_value(v), json_string_length(v) > 160 ? "…" : "");
		return;
	}
	if (json_is_integer(v))
		snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(num, sizeof num, "%g", json_real_value(v));
	else if (json_is_true(v) || json_is_false(v))
		snprintf(num, sizeof num, "%s", json_is_true(v) ? "true" : "false");
	else
		snprintf(num, sizeof num, "—");
	html_fmt(b, "%s", num);
}

static void changes_list(struct buf *b, json_t *changes, bool update)
{
	const char *key;
	json_t *v;

	if (!json_is_object(changes)) {
		change_value(b, changes);
		return;
	}
	html_fmt(b, "<ul class=\"changes\">");
	json_object_foreach(changes, key, v) {
		html_fmt(b, "<li><code>%s</code> ", key);
		if (update && json_is_array(v) && json_array_size(v) == 2) {
			change_value(b, json_array_get(v, 0));
			html_fmt(b, " → ");
			change_value(b, json_array_get(v, 1));
		} else {
			change_value(b, v);
		}
		html_fmt(b, "</li>");
	}
	html_fmt(b, "</ul>");
}

void page_audit(struct request *rq, struct response *rs)
{
	struct audit_filter f;
	struct error err = {0};
	struct page pg = {0, PAGE_LIMIT_DEFAULT};
	const char *after = request_query(rq, "after");
	struct buf *b = &rs->body;
	json_t *list, *row, *next;
	size_t i;

	if (after && *after && !parse_id(after, &pg.after)) {
		page_error(rq, rs, 400, "after must be a cursor from the link to older changes");
		return;
	}
	if (!audit_filter_parse(request_query(rq, "entity"), request_query(rq, "entity_id"), &f, &err)) {
		page_error(rq, rs, 400, err.message);
		return;
	}
	list = audit_list_json(rq->store, &rq->caller, &f, pg);
	if (!list) {
		page_error(rq, rs, 500, "the audit trail could not be read");
		return;
	}
	page_begin(rq, rs, "Audit trail");
	html_fmt(b, "<h1>Audit trail</h1><p class=\"muted\">%s</p>",
		 (rq->caller.roles & ROLE_BIT(ROLE_ADMIN)) ? "Every change to accord's data, newest first."
							   : "The changes people of your organisation made, newest first.");
	html_fmt(b, "<section class=\"card\"><form method=\"get\" action=\"/audit\" class=\"grid\">");
	form_input(b, "Entity (table)", "entity", "text", f.entity, NULL);
	form_input(b, "Entity id", "entity_id", "number", request_query(rq, "entity_id"), NULL);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Filter</button></div></form></section>");
	html_fmt(b, "<section class=\"card\">");
	if (!json_array_size(json_object_get(list, "items")))
		html_fmt(b, "<p class=\"muted\">No changes.</p>");
	else
		html_fmt(b, "<table class=\"list audit\"><thead><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>Change</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(list, "items"), i, row) {
		const char *action = json_text(row, "action"), *at = json_text(row, "at");
		json_t *eid = json_object_get(row, "entity_id");

		/* at is 2026-11-27T08:55:00Z: shown as 2026-11-27 08:55:00. */
		html_fmt(b, "<tr><td>%.10s %.8s</td><td>", at, strlen(at) > 11 ? at + 11 : "");
		if (json_is_integer(json_object_get(row, "actor_user_id")))
			html_fmt(b, "%s<br><span class=\"muted\">%s</span>", json_text(row, "actor_name"), json_text(row, "actor_org_name"));
		else
			html_fmt(b, "<span class=\"muted\">system</span>");
		html_fmt(b, "</td><td><strong>%s</strong> %s", action, json_text(row, "entity"));
		if (json_is_integer(eid))
			html_fmt(b, " <a href=\"/audit?entity=%s&amp;entity_id=%lld\">#%lld</a>", json_text(row, "entity"),
				 (long long)json_integer_value(eid), (long long)json_integer_value(eid));
		html_fmt(b, "</td><td>");
		changes_list(b, json_object_get(row, "changes"), !strcmp(action, "update"));
		html_fmt(b, "</td></tr>");
	}
	if (json_array_size(json_object_get(list, "items")))
		html_fmt(b, "</tbody></table>");
	next = json_object_get(list, "next");
	if (json_is_integer(next)) {
		html_fmt(b, "<p><a href=\"/audit?after=%lld", (long long)json_integer_value(next));
		if (f.entity)
			html_fmt(b, "&amp;entity=%s", f.entity);
		if (f.entity_id)
			html_fmt(b, "&amp;entity_id=%lld", f.entity_id);
		html_fmt(b, "\">Older changes</a></p>");
	}
	html_fmt(b, "</section>");
	page_end(rs);
	json_decref(list);
}
