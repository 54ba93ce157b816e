/* pages_actions: "my actions" across engagements, and the form that updates an action's status. */
#include <stdio.h>
#include <string.h>

#include "../service/actions.h"
#include "api.h"
#include "pages.h"

static const char *const action_states[] = {"open", "done", "dropped"};

/* The caller's secret calendar feed address, and the button that replaces it. */
static void calendar_card(struct request *rq, struct buf *b)
{
	char base[256];

	public_base_url(rq, base, sizeof base);
	html_fmt(b, "<section class=\"card\" id=\"calendar\"><h2>Your calendar</h2>"
		    "<p>Subscribe to this address in your calendar app to see your reviews and the actions you own. "
		    "Keep it to yourself: anyone with it can read your calendar.</p>"
		    "<p><input type=\"text\" readonly value=\"%s/calendar/%s.ics\" aria-label=\"calendar address\"></p>",
		 base, rq->caller.feed_token);
	html_fmt(b, "<form method=\"post\" action=\"/me/calendar" FORM_ANCHOR "\">");
	form_csrf(b, rq);
	html_fmt(b, "<input type=\"hidden\" name=\"back\" value=\"/actions#calendar\">"
		    "<button type=\"submit\">Replace the address (the old one stops working)</button></form></section>");
}

void page_my_actions(struct request *rq, struct response *rs)
{
	static const char *const filters[] = {"open", "done", "dropped", NULL};
	struct page all = {0, PAGE_LIMIT_MAX};
	const char *status = NULL;
	struct buf *b = &rs->body;
	json_t *list, *a;
	size_t i, overdue = 0;

	if (!request_choice(rq, rs, "status", filters, &status)) {
		page_error(rq, rs, 400, "There is no such filter.");
		return;
	}
	list = action_list_owner_json(rq->store, rq->caller.user_id, status ? status : "open", all);
	json_array_foreach(json_object_get(list, "items"), i, a) overdue += json_is_true(json_object_get(a, "overdue"));
	page_begin(rq, rs, "My actions");
	html_fmt(b, "<h1>My actions</h1><p class=\"muted\">Action items you own, from the business reviews of every engagement.</p>");
	html_fmt(b, "<p class=\"tabs\">");
	for (size_t k = 0; filters[k]; k++) {
		html_fmt(b, "<a href=\"/actions?status=%s\"", filters[k]);
		html_fmt(b, strcmp(status ? status : "open", filters[k]) ? ">" : " aria-current=\"page\">");
		html_fmt(b, "%s</a> ", filters[k]);
	}
	html_fmt(b, "</p><section class=\"card\">");
	if (overdue)
		html_fmt(b, "<p class=\"banner warn\">%d of them %s overdue.</p>", (int)overdue, overdue == 1 ? "is" : "are");
	if (json_array_size(json_object_get(list, "items")) == 0)
		html_fmt(b, "<p class=\"muted\">Nothing here.</p>");
	else
		html_fmt(b, "<table class=\"list\"><thead><tr><th>Action</th><th>Engagement</th><th>Due</th><th>Status</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(list, "items"), i, a)
	{
		html_fmt(b, "<tr><td>%s <a class=\"muted\" href=\"/reviews/%lld#actions\">(review due %s)</a></td>"
			    "<td><a href=\"/engagements/%lld\">%s</a></td><td>%s",
			 json_text(a, "title"), json_num(a, "review_id"), json_text(a, "review_due_on"),
			 json_num(a, "engagement_id"), json_text(a, "engagement_title"), json_text(a, "due_on"));
		if (json_is_true(json_object_get(a, "overdue")))
			html_fmt(b, " <span class=\"pill st-missed\">overdue</span>");
		html_fmt(b, "</td><td><form method=\"post\" action=\"/actions/%lld" FORM_ANCHOR "\" class=\"inline\">", json_num(a, "id"));
		form_csrf(b, rq);
		html_fmt(b, "<input type=\"hidden\" name=\"back\" value=\"/actions\">");
		form_select(b, "Status", "status", action_states, NULL, 3, json_text(a, "status"), NULL);
		html_fmt(b, "<button type=\"submit\">Update</button></form></td></tr>");
	}
	if (json_array_size(json_object_get(list, "items")))
		html_fmt(b, "</tbody></table>");
	html_fmt(b, "</section>");
	calendar_card(rq, b);
	page_end(rs);
	json_decref(list);
}

void page_action_update(struct request *rq, struct response *rs)
{
	struct action_input in = {NULL, 0, NULL, request_form(rq, "status"), NULL};
	struct error err = {0};

	if (action_update(rq->store, rq->id, &in, &err) != 0) {
		page_error(rq, rs, err.status, err.message);
		return;
	}
	page_saved(rq, rs, form_back(rq, "/actions"), "Action updated.");
}
