/* pages_issue: one plan, strategic issue or imperative, the provider's answers from experience, and their forms. */
#include <stdio.h>
#include <string.h>

#include "../service/engagements.h"
#include "../service/issues.h"
#include "pages.h"

static const char *const statuses[] = {"open", "addressed", "closed"};

static void render(struct request *rq, struct response *rs, const struct error *err)
{
	static const char *const fields[] = {"body", "practice_id", NULL};
	json_t *x = issue_get_json(rq->store, rq->id), *e, *r;
	struct buf *b = &rs->body;
	size_t i;

	if (!x) {
		page_error(rq, rs, 404, "There is no such strategic issue.");
		return;
	}
	e = engagement_get_json(rq->store, json_num(x, "engagement_id"));
	page_begin(rq, rs, json_text(x, "title"));
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/\">Engagements</a> › <a href=\"/engagements/%lld#issues\">%s</a></p>",
		 json_num(e, "id"), json_text(e, "title"));
	html_fmt(b, "<h1>%s</h1><p><span class=\"pill\">%s</span> <span class=\"pill is-%s\">%s</span> "
		    "<span class=\"muted\">shared by %s on %.10s</span></p>",
		 json_text(x, "title"), json_text(x, "kind"), json_text(x, "status"), json_text(x, "status"),
		 json_text(x, "created_by_name"), json_text(x, "created_at"));
	if (json_is_integer(json_object_get(x, "review_id")))
		html_fmt(b, "<p><a href=\"/reviews/%lld\">Raised with a business review</a></p>", json_num(x, "review_id"));
	/* body_html is Markdown the service rendered safely (no raw HTML, web links only). */
	html_fmt(b, "<section class=\"card md\">");
	buf_puts(b, json_text(x, "body_html"));
	html_fmt(b, "</section><h2>The provider's experience</h2>");
	if (json_array_size(json_object_get(x, "responses")) == 0)
		html_fmt(b, "<p class=\"muted\">No response yet.</p>");
	json_array_foreach(json_object_get(x, "responses"), i, r)
	{
		html_fmt(b, "<section class=\"card md\"><p class=\"muted\">%s, %s, on %.10s</p>", json_text(r, "author_name"),
			 json_text(r, "author_org"), json_text(r, "created_at"));
		buf_puts(b, json_text(r, "body_html"));
		practice_cite_link(b, r);
		html_fmt(b, "</section>");
	}
	if ((rq->rel & REL_PROVIDER) && (rq->caller.roles & ROLES_PROVIDER_GOV)) {
		html_fmt(b, "<section class=\"card\"><h2>Answer from experience</h2><form method=\"post\" action=\"/issues/%lld/responses" FORM_ANCHOR "\" class=\"grid\">", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		form_textarea(b, "How have you resolved issues like this? (Markdown)", "body", err ? request_form(rq, "body") : NULL, 6, err);
		practice_cite_select(b, rq, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Send response</button></div></form></section>");
	}
	if ((rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_BUYER_GOV)) {
		html_fmt(b, "<section class=\"card\"><h2>Status</h2><form method=\"post\" action=\"/issues/%lld" FORM_ANCHOR "\" class=\"inline\">", rq->id);
		form_csrf(b, rq);
		form_select(b, "Status", "status", statuses, NULL, 3, json_text(x, "status"), NULL);
		html_fmt(b, "<button type=\"submit\">Update</button></form></section>");
	}
	page_end(rs);
	json_decref(e);
	json_decref(x);
}

void page_issue(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL);
}

void page_issue_update(struct request *rq, struct response *rs)
{
	struct issue_input in = {NULL, NULL, NULL, 0, request_form(rq, "status")};
	struct error err = {0};
	char loc[48];

	if (issue_update(rq->store, rq->id, &in, &err) != 0) {
		rs->status = err.status;
		render(rq, rs, &err);
		return;
	}
	snprintf(loc, sizeof loc, "/issues/%lld", rq->id);
	page_saved(rq, rs, loc, "Status updated.");
}

void page_issue_respond(struct request *rq, struct response *rs)
{
	struct error err = {0};
	char loc[48];

	if (issue_respond(rq->store, &rq->caller, rq->id, request_form(rq, "body"), practice_cited(rq), &err) < 0) {
		rs->status = err.status;
		render(rq, rs, &err);
		return;
	}
	snprintf(loc, sizeof loc, "/issues/%lld", rq->id);
	page_saved(rq, rs, loc, "Response sent.");
}
