/* pages_inbox: the person's inbox page — the items of src/service/inbox.c grouped by kind, due dates in words, and for a CxO or a provider's leadership their portfolio at a glance. */
#include <string.h>

#include "../domain/due.h"
#include "../service/clock.h"
#include "../service/inbox.h"
#include "pages.h"

/* The due cell: the date in words, marked when overdue; a dash when the item has no due date. */
static void due_cell(struct buf *b, json_t *item, struct date today)
{
	const char *on = json_string_value(json_object_get(item, "due_on"));
	struct date due;
	char words[48];

	if (!on || !date_parse(on, &due)) {
		html_fmt(b, "<td class=\"muted\">—</td>");
		return;
	}
	if (due_words(due, today, words, sizeof words))
		html_fmt(b, "<td class=\"date overdue\"><time datetime=\"%s\">%s</time></td>", on, words);
	else
		html_fmt(b, "<td class=\"date\"><time datetime=\"%s\">%s</time></td>", on, words);
}

/* One group: the items of one kind, in the order the inbox gave them. */
static void group(struct buf *b, json_t *items, const char *kind, struct date today)
{
	json_t *x;
	size_t i, n = 0;

	json_array_foreach(items, i, x) n += !strcmp(json_text(x, "kind"), kind);
	html_fmt(b, "<section class=\"card inbox-group\" id=\"kind-%s\"><h2>%s <span class=\"muted\">(%lld)</span></h2>"
		    "<table class=\"list\"><thead><tr><th>What</th><th>Due</th></tr></thead><tbody>",
		 kind, inbox_kind_label(kind), (long long)n);
	json_array_foreach(items, i, x)
	{
		if (strcmp(json_text(x, "kind"), kind))
			continue;
		html_fmt(b, "<tr><td><a href=\"%s\">%s</a></td>", json_text(x, "url"), json_text(x, "title"));
		due_cell(b, x, today);
		html_fmt(b, "</tr>");
	}
	html_fmt(b, "</tbody></table></section>");
}

/* The portfolio at a glance: trust, what needs attention and why, and when each engagement ends. */
static void glance(struct request *rq, struct buf *b)
{
	json_t *rows = inbox_glance(rq->store, &rq->caller), *x, *why;
	size_t i, k;

	if (!rows)
		return;
	html_fmt(b, "<section class=\"card\" id=\"glance\"><h2>Your portfolio at a glance</h2>");
	if (!json_array_size(rows))
		html_fmt(b, "<p class=\"muted\">%s has no engagement yet.</p>", rq->caller.org_name);
	else
		html_fmt(b, "<table class=\"list\"><thead><tr><th>Engagement</th><th>%s</th><th class=\"num\">Trust</th><th>Needs attention</th><th>Ends</th></tr></thead><tbody>",
			 rq->caller.org_kind == ORG_PROVIDER ? "Customer" : "Provider");
	json_array_foreach(rows, i, x)
	{
		why = json_object_get(x, "attention");
		buf_puts(b, json_array_size(why) ? "<tr class=\"attention\">" : "<tr>");
		html_fmt(b, "<td><a href=\"/engagements/%lld\">%s</a></td><td>%s</td>", json_num(x, "engagement_id"),
			 json_text(x, "title"), json_text(x, "counterpart"));
		if (json_is_integer(json_object_get(x, "score")))
			html_fmt(b, "<td class=\"num\"><a href=\"/engagements/%lld/trust\">%lld</a></td>", json_num(x, "engagement_id"),
				 json_num(x, "score"));
		else
			html_fmt(b, "<td class=\"num muted\">—</td>");
		if (!json_array_size(why))
			html_fmt(b, "<td class=\"muted\">no</td>");
		else {
			html_fmt(b, "<td>⚠ ");
			for (k = 0; k < json_array_size(why); k++)
				html_fmt(b, "%s%s", k ? "; " : "", json_string_value(json_array_get(why, k)));
			html_fmt(b, "</td>");
		}
		html_fmt(b, "<td class=\"date\">%s</td></tr>", json_text(x, "ends_on"));
	}
	if (json_array_size(rows))
		html_fmt(b, "</tbody></table><p><a href=\"/portfolio\">The whole portfolio</a></p>");
	html_fmt(b, "</section>");
	json_decref(rows);
}

void page_inbox(struct request *rq, struct response *rs)
{
	struct error err = {0};
	json_t *inbox = inbox_json(rq->store, &rq->caller, &err), *items, *x, *shown;
	struct buf *b = &rs->body;
	struct date today = clock_today();
	size_t i;

	if (!inbox) {
		page_error(rq, rs, 503, "The inbox cannot be read just now; try again shortly.");
		return;
	}
	items = json_object_get(inbox, "items");
	/* The list is in hand: the navigation shows its length instead of counting again. */
	rq->inbox_items = (long long)json_array_size(items);
	page_begin(rq, rs, "Inbox");
	html_fmt(b, "<h1>Inbox</h1><p class=\"muted\">What waits for you to act on. An item leaves when it is done.</p>");
	if (inbox_shows_glance(&rq->caller))
		glance(rq, b);
	if (!json_array_size(items))
		html_fmt(b, "<section class=\"card\" id=\"inbox\"><p><strong>Nothing waits for you.</strong></p>"
			    "<p class=\"muted\">Here you will find what needs you: engagements to accept, practices to approve, "
			    "summit invitations to answer, reviews to hold and minutes to write, surveys to fill in, "
			    "your actions as they fall due, issues to answer and bids to open.</p></section>");
	else
		html_fmt(b, "<div id=\"inbox\">");
	/* Groups in the order of their first item, which is the inbox's order of kinds. */
	shown = json_object();
	json_array_foreach(items, i, x)
	{
		const char *kind = json_text(x, "kind");

		if (json_object_get(shown, kind))
			continue;
		json_object_set_new(shown, kind, json_true());
		group(b, items, kind, today);
	}
	json_decref(shown);
	if (json_array_size(items))
		html_fmt(b, "</div>");
	page_end(rs);
	json_decref(inbox);
}
