/* pages_layout: the frame every page shares — head, navigation, the saved message, error pages, the stylesheet. */
#include <stdio.h>
#include <string.h>

#include "../service/audit.h"
#include "../service/inbox.h"
#include "pages.h"

extern const char asset_style_css[];

void page_stylesheet(struct request *rq, struct response *rs)
{
	(void)rq;
	rs->content_type = "text/css; charset=utf-8";
	buf_puts(&rs->body, asset_style_css);
}

const char *json_text(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

long long json_num(json_t *o, const char *k)
{
	return (long long)json_integer_value(json_object_get(o, k));
}

void form_csrf(struct buf *b, struct request *rq)
{
	html_fmt(b, "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", rq->caller.csrf);
}

/* The navigation's inbox link with how many items wait, "Inbox (3)" (no count when none, or when it cannot be read). */
static void nav_inbox(struct buf *b, struct request *rq)
{
	long long n = rq->inbox_items ? rq->inbox_items : inbox_count(rq->store, &rq->caller, NULL);

	if (n > 0)
		html_fmt(b, "<a href=\"/inbox\">Inbox <span class=\"count\">(%lld)</span></a>", n);
	else
		html_fmt(b, "<a href=\"/inbox\">Inbox</a>");
}

void page_begin(struct request *rq, struct response *rs, const char *title)
{
	struct buf *b = &rs->body;

	rs->content_type = "text/html; charset=utf-8";
	html_fmt(b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<title>%s · accord</title>"
		    "<link rel=\"stylesheet\" href=\"/assets/style.css\"></head><body>\n",
		 title);
	html_fmt(b, "<header class=\"top\"><a class=\"brand\" href=\"/\">accord</a>");
	if (rq && rq->signed_in) {
		html_fmt(b, "<nav>");
		nav_inbox(b, rq);
		html_fmt(b, "<a href=\"/\">Engagements</a><a href=\"/actions\">My actions</a>");
		if (rq->caller.roles & ROLES_PORTFOLIO)
			html_fmt(b, "<a href=\"/portfolio\">Portfolio</a><a href=\"/scorecard\">Scorecard</a>");
		html_fmt(b, "<a href=\"/summits\">Summits</a><a href=\"/practices\">Practices</a>");
		if (rq->caller.org_kind == ORG_PROVIDER && (rq->caller.roles & ROLES_PROVIDER_GOV))
			html_fmt(b, "<a href=\"/knowledge\">Knowledge</a>");
		if (rq->caller.org_kind == ORG_PROVIDER)
			html_fmt(b, "<a href=\"/opportunities\">Opportunities</a>");
		else if (rq->caller.org_kind == ORG_BUYER)
			html_fmt(b, "<a href=\"/roadmaps\">Roadmaps</a><a href=\"/problems\">Problems</a>");
		if (rq->caller.roles & (ROLES_AUDIT | ROLE_BIT(ROLE_ADMIN)))
			html_fmt(b, "<a href=\"/audit\">Audit</a>");
		html_fmt(b, "<a href=\"/orgs/%lld\">%s</a></nav>", rq->caller.org_id, rq->caller.org_name);
		nav_search_box(b, rq);
		html_fmt(b, "<form class=\"who\" method=\"post\" action=\"/logout\"><a href=\"/account\"><span>%s</span></a>",
			 rq->caller.name);
		form_csrf(b, rq);
		html_fmt(b, "<button class=\"link\" type=\"submit\">Sign out</button></form>");
	}
	html_fmt(b, "</header>\n<main>\n");
	page_saved_message(rq, rs, b);
}

void page_end(struct response *rs)
{
	html_fmt(&rs->body, "</main>\n<footer>accord — governance for outsourcing partnerships</footer>\n</body></html>\n");
}

void page_error(struct request *rq, struct response *rs, int status, const char *message)
{
	const char *title = status == 404 ? "Not found" : status == 403 ? "Not allowed" : "Error";

	buf_reset(&rs->body);
	rs->status = status;
	page_begin(rq, rs, title);
	html_fmt(&rs->body, "<section class=\"card\"><h1>%s</h1><p>%s</p><p><a href=\"/\">Back to your engagements</a></p></section>",
		 title, message);
	page_end(rs);
}

void status_pill(struct buf *b, const char *status, bool quorum_met, bool held)
{
	html_fmt(b, "<span class=\"pill st-%s\">%s</span>", status, status);
	if (held && !quorum_met)
		html_fmt(b, " <span class=\"pill st-noquorum\" title=\"a mandated role was not present\">no quorum</span>");
}

void role_list(struct buf *b, json_t *list)
{
	size_t i;
	json_t *r;

	if (!json_array_size(list))
		html_fmt(b, "none");
	json_array_foreach(list, i, r)
	{
		html_fmt(b, i ? ", " : "");
		html_fmt(b, "%s", role_label(role_parse(json_string_value(r))));
	}
}
