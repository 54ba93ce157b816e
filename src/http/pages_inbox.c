/* pages_inbox: the person's inbox page, the items of src/service/inbox.c with a link to where each is acted on. */
#include <string.h>

#include "../service/inbox.h"
#include "pages.h"

static const char *kind_label(const char *kind)
{
	if (!strcmp(kind, "acceptance"))
		return "To accept";
	if (!strcmp(kind, "issue_to_answer"))
		return "Issue to answer";
	if (!strcmp(kind, "response_to_read"))
		return "Answer to read";
	if (!strcmp(kind, "problem"))
		return "Problem to answer";
	return kind;
}

void page_inbox(struct request *rq, struct response *rs)
{
	struct error err = {0};
	json_t *inbox = inbox_json(rq->store, &rq->caller, &err), *items, *x;
	struct buf *b = &rs->body;
	size_t i;

	if (!inbox) {
		page_error(rq, rs, 503, "The inbox cannot be read just now; try again shortly.");
		return;
	}
	items = json_object_get(inbox, "items");
	page_begin(rq, rs, "Inbox");
	html_fmt(b, "<h1>Inbox</h1><p class=\"muted\">What waits for you to act on.</p><section class=\"card\" id=\"inbox\">");
	if (!json_array_size(items))
		html_fmt(b, "<p class=\"muted\">Nothing waits for you.</p>");
	else
		html_fmt(b, "<table class=\"list\"><thead><tr><th>Kind</th><th>What</th><th>Due</th></tr></thead><tbody>");
	json_array_foreach(items, i, x)
	{
		html_fmt(b, "<tr><td><span class=\"pill\">%s</span></td><td><a href=\"%s\">%s</a></td><td>%s</td></tr>",
			 kind_label(json_text(x, "kind")), json_text(x, "url"), json_text(x, "title"),
			 json_is_string(json_object_get(x, "due_on")) ? json_text(x, "due_on") : "—");
	}
	if (json_array_size(items))
		html_fmt(b, "</tbody></table>");
	html_fmt(b, "</section>");
	page_end(rs);
	json_decref(inbox);
}
