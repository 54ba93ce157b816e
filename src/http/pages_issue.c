/* pages_issue: one plan, strategic issue or imperative, its conversation (the provider's answers from experience, both sides' replies) and their forms. */
#include <stdio.h>
#include <string.h>

#include "../service/engagements.h"
#include "../service/issues.h"
#include "../service/replies.h"
#include "pages.h"

static const char *const statuses[] = {"open", "addressed", "closed"};

/* One post of the conversation: the author, their organisation and side, and the safely rendered Markdown. */
static void post_card(struct buf *b, json_t *p, const char *what, bool provider)
{
	html_fmt(b, "<section class=\"card md post %s\" id=\"%s-%lld\"><p class=\"muted\">%s, %s, %s on %.10s</p>",
		 provider ? "from-provider" : "from-buyer", what, json_num(p, "id"), json_text(p, "author_name"),
		 json_text(p, json_object_get(p, "org_name") ? "org_name" : "author_org"), what, json_text(p, "created_at"));
	/* body_html is Markdown the service rendered safely (no raw HTML, web links only). */
	buf_puts(b, json_text(p, "body_html"));
	practice_cite_link(b, p);
	html_fmt(b, "</section>");
}

/* The provider's responses and both sides' replies, oldest first (a response before a reply of the same second). */
static void conversation(struct buf *b, json_t *x)
{
	json_t *responses = json_object_get(x, "responses"), *replies = json_object_get(x, "replies");
	size_t i = 0, j = 0;

	html_fmt(b, "<h2 id=\"thread\">The conversation</h2>");
	if (!json_array_size(responses) && !json_array_size(replies))
		html_fmt(b, "<p class=\"muted\">No answer yet.</p>");
	while (i < json_array_size(responses) || j < json_array_size(replies)) {
		json_t *r = json_array_get(responses, i), *y = json_array_get(replies, j);

		if (r && (!y || strcmp(json_text(r, "created_at"), json_text(y, "created_at")) <= 0)) {
			post_card(b, r, "answered", true);
			i++;
		} else {
			post_card(b, y, "replied", !strcmp(json_text(y, "side"), "provider"));
			j++;
		}
	}
}

static void render(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	static const char *const fields[] = {"body", "practice_id", NULL};
	static const char *const reply_fields[] = {"body", "response_id", NULL};
	json_t *x = issue_get_json(rq->store, rq->id), *e;
	const struct error *answer_err = form && !strcmp(form, "respond") ? err : NULL;
	const struct error *reply_err = form && !strcmp(form, "reply") ? err : NULL;
	struct buf *b = &rs->body;
	bool open_conversation = (rq->rel & REL_ACCEPTED) && access_runs_reviews(rq->rel, rq->caller.roles);

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
	html_fmt(b, "</section>");
	conversation(b, x);
	if (open_conversation) {
		html_fmt(b, "<section class=\"card\" id=\"reply\"><h2>Reply</h2><form method=\"post\" action=\"/issues/%lld/replies" FORM_ANCHOR "\" class=\"grid\">", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, reply_err, reply_fields);
		form_textarea(b, "Your reply (Markdown)", "body", reply_err ? request_form(rq, "body") : NULL, 4, reply_err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Send reply</button></div></form></section>");
	}
	if ((rq->rel & REL_PROVIDER) && (rq->caller.roles & ROLES_PROVIDER_GOV)) {
		html_fmt(b, "<section class=\"card\" id=\"answer\"><h2>Answer from experience</h2><form method=\"post\" action=\"/issues/%lld/responses" FORM_ANCHOR "\" class=\"grid\">", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, answer_err, fields);
		form_textarea(b, "How have you resolved issues like this? (Markdown)", "body", answer_err ? request_form(rq, "body") : NULL, 6, answer_err);
		practice_cite_select(b, rq, answer_err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Send response</button></div></form></section>");
	}
	if ((rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_BUYER_GOV)) {
		html_fmt(b, "<section class=\"card\" id=\"status\"><h2>Status</h2><form method=\"post\" action=\"/issues/%lld" FORM_ANCHOR "\" class=\"inline\">", rq->id);
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
	render(rq, rs, NULL, NULL);
}

void page_issue_update(struct request *rq, struct response *rs)
{
	struct issue_input in = {NULL, NULL, NULL, 0, request_form(rq, "status")};
	struct error err = {0};
	char loc[48];

	if (issue_update(rq->store, rq->id, &in, &err) != 0) {
		rs->status = err.status;
		render(rq, rs, &err, "status");
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
		render(rq, rs, &err, "respond");
		return;
	}
	snprintf(loc, sizeof loc, "/issues/%lld", rq->id);
	page_saved(rq, rs, loc, "Response sent.");
}

void page_issue_reply(struct request *rq, struct response *rs)
{
	struct error err = {0};
	char loc[64];

	if (issue_reply(rq->store, &rq->caller, rq->id, request_form(rq, "body"), 0, &err) < 0) {
		rs->status = err.status;
		render(rq, rs, &err, "reply");
		return;
	}
	snprintf(loc, sizeof loc, "/issues/%lld#thread", rq->id);
	page_saved(rq, rs, loc, "Reply sent.");
}
