/* pages_problem: problem statements — the buyer's list and form, one statement with the responses the caller may see and each response's conversation, and the forms to answer, to judge answers and to reply. */
#include <stdio.h>
#include <string.h>

#include "../service/replies.h"
#include "../service/summits.h"
#include "pages.h"

static const char *const judgements[] = {"submitted", "useful", "selected"};

static void render_list(struct request *rq, struct response *rs, const struct error *err)
{
	static const char *const fields[] = {"title", "body", "engagement_id", "summit_id", NULL};
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = problem_list_json(rq->store, &rq->caller, pg), *p;
	struct buf *b = &rs->body;
	size_t i;

	page_begin(rq, rs, "Problem statements");
	html_fmt(b, "<h1>Problem statements</h1><section class=\"card\">");
	if (!json_array_size(json_object_get(list, "items")))
		html_fmt(b, "<p class=\"muted\">None.</p>");
	json_array_foreach(json_object_get(list, "items"), i, p)
		html_fmt(b, "<p><a href=\"/problems/%lld\"><strong>%s</strong></a> <span class=\"muted\">· %s · %.10s</span></p>", json_num(p, "id"),
			 json_text(p, "title"), json_text(p, "buyer_name"), json_text(p, "created_at"));
	html_fmt(b, "</section>");
	if (rq->caller.org_kind == ORG_BUYER && (rq->caller.roles & ROLES_BUYER_GOV)) {
		json_t *engagements = problem_engagement_choices(rq->store, &rq->caller), *summits = problem_summit_choices(rq->store, &rq->caller);

		html_fmt(b, "<section class=\"card\"><h2>Post a problem statement</h2><p class=\"muted\">Address it to one engagement's provider, or to every organisation invited to one of your summits (choose one of the two).</p>"
			    "<form method=\"post\" action=\"/problems" FORM_ANCHOR "\" class=\"grid\">");
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		form_input(b, "Title", "title", "text", request_form(rq, "title"), err);
		form_pick(b, "Engagement (its provider)", "engagement_id", engagements, request_form(rq, "engagement_id"), true, err);
		form_pick(b, "Summit (its invitees)", "summit_id", summits, request_form(rq, "summit_id"), true, err);
		form_textarea(b, "The problem", "body", request_form(rq, "body"), 4, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Post</button></div></form></section>");
		json_decref(engagements);
		json_decref(summits);
	}
	page_end(rs);
	json_decref(list);
}

void page_problems(struct request *rq, struct response *rs)
{
	render_list(rq, rs, NULL);
}

void page_problem_create(struct request *rq, struct response *rs)
{
	struct problem_input in = {request_form(rq, "title"), request_form(rq, "body"), 0, 0};
	const char *e = request_form(rq, "engagement_id"), *s = request_form(rq, "summit_id");
	struct error err = {0};
	char loc[48];
	long long id;

	if (e && *e)
		parse_id(e, &in.engagement_id);
	if (s && *s)
		parse_id(s, &in.summit_id);
	id = problem_create(rq->store, &rq->caller, &in, &err);
	if (id < 0) {
		rs->status = err.status;
		render_list(rq, rs, &err);
		return;
	}
	snprintf(loc, sizeof loc, "/problems/%lld", id);
	page_saved(rq, rs, loc, "Problem statement shared.");
}

/* One response's conversation: the buyer and that response's author, with the reply form for those who may take part. */
static void response_thread(struct request *rq, struct buf *b, json_t *x, const struct error *err)
{
	static const char *const fields[] = {"body", NULL};
	json_t *y;
	size_t i;
	bool may = (rq->rel & REL_BUYER) ? (rq->caller.roles & ROLES_BUYER_GOV) != 0 : (rq->caller.roles & ROLES_PROVIDER_GOV) != 0;

	json_array_foreach(json_object_get(x, "replies"), i, y)
	{
		html_fmt(b, "<div class=\"post md %s\" id=\"reply-%lld\"><p class=\"muted\">%s, %s, replied on %.10s</p>",
			 !strcmp(json_text(y, "side"), "provider") ? "from-provider" : "from-buyer", json_num(y, "id"),
			 json_text(y, "author_name"), json_text(y, "org_name"), json_text(y, "created_at"));
		/* body_html is Markdown the service rendered safely (no raw HTML, web links only). */
		buf_puts(b, json_text(y, "body_html"));
		html_fmt(b, "</div>");
	}
	if (!may)
		return;
	html_fmt(b, "<details%s><summary>Reply</summary><form method=\"post\" action=\"/problem-responses/%lld/replies" FORM_ANCHOR "\" class=\"grid\">",
		 err ? " open" : "", json_num(x, "id"));
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	form_textarea(b, "Your reply (Markdown)", "body", err ? request_form(rq, "body") : NULL, 3, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Send reply</button></div></form></details>");
}

/* The problem statement `id` with the responses the caller may see; err belongs to the form named form (a reply form: the response it answers, reply_to). */
static void render_problem(struct request *rq, struct response *rs, long long id, const struct error *err, const char *form,
			   long long reply_to)
{
	bool buyer = (rq->rel & REL_BUYER) != 0;
	json_t *p = problem_get_json(rq->store, &rq->caller, id, buyer), *x;
	struct buf *b = &rs->body;
	size_t i;

	if (!p) {
		page_error(rq, rs, 404, "There is no such problem statement.");
		return;
	}
	page_begin(rq, rs, json_text(p, "title"));
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/problems\">Problem statements</a></p><h1>%s</h1><p class=\"muted\">From %s, %.10s</p>",
		 json_text(p, "title"), json_text(p, "buyer_name"), json_text(p, "created_at"));
	html_fmt(b, "<section class=\"card\"><p>%s</p></section><section class=\"card\" id=\"responses\"><h2>%s</h2>", json_text(p, "body"),
		 buyer ? "Responses" : "Your responses");
	if (!json_array_size(json_object_get(p, "responses")))
		html_fmt(b, "<p class=\"muted\">None yet.</p>");
	json_array_foreach(json_object_get(p, "responses"), i, x)
	{
		html_fmt(b, "<div class=\"survey\" id=\"response-%lld\"><p><strong>%s</strong> <span class=\"pill\">%s</span></p><p>%s</p>",
			 json_num(x, "id"), json_text(x, "org_name"), json_text(x, "status"), json_text(x, "body"));
		practice_cite_link(b, x);
		if (buyer && (rq->caller.roles & ROLES_BUYER_GOV)) {
			html_fmt(b, "<form method=\"post\" action=\"/problem-responses/%lld" FORM_ANCHOR "\" class=\"inline\">", json_num(x, "id"));
			form_csrf(b, rq);
			html_fmt(b, "<input type=\"hidden\" name=\"back\" value=\"/problems/%lld\">", id);
			form_select(b, "Judgement", "status", judgements, NULL, 3, json_text(x, "status"), NULL);
			html_fmt(b, "<button type=\"submit\">Save</button></form>");
		}
		response_thread(rq, b, x, form && !strcmp(form, "reply") && reply_to == json_num(x, "id") ? err : NULL);
		html_fmt(b, "</div>");
	}
	if (!buyer && (rq->caller.roles & ROLES_PROVIDER_GOV)) {
		const struct error *answer_err = form && !strcmp(form, "respond") ? err : NULL;

		html_fmt(b, "<form method=\"post\" action=\"/problems/%lld/responses" FORM_ANCHOR "\" class=\"grid\">", id);
		form_csrf(b, rq);
		form_textarea(b, "Your approach and related experience", "body", NULL, 5, answer_err);
		practice_cite_select(b, rq, answer_err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Send response</button></div></form>");
	}
	html_fmt(b, "</section>");
	page_end(rs);
	json_decref(p);
}

static void render(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	render_problem(rq, rs, rq->id, err, form, 0);
}

void page_problem(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL, NULL);
}

void page_problem_respond(struct request *rq, struct response *rs)
{
	struct error err = {0};

	form_result(rq, rs, problem_respond(rq->store, &rq->caller, rq->id, request_form(rq, "body"), practice_cited(rq), &err) < 0 ? -1 : 0, &err,
		    render, "respond", "/problems", "responses");
}

void page_problem_response_judge(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (problem_response_set(rq->store, rq->id, request_form(rq, "status"), &err) != 0) {
		page_error(rq, rs, err.status, err.message);
		return;
	}
	page_saved(rq, rs, form_back(rq, "/problems"), "Response judged.");
}

/* A reply under one response (rq->id): back to its problem statement's page, at the response. */
void page_problem_reply(struct request *rq, struct response *rs)
{
	long long problem = problem_of_response(rq->store, rq->id);
	struct error err = {0};
	char loc[96];

	if (problem_reply(rq->store, &rq->caller, rq->id, request_form(rq, "body"), &err) < 0) {
		rs->status = err.status;
		render_problem(rq, rs, problem, &err, "reply", rq->id);
		return;
	}
	snprintf(loc, sizeof loc, "/problems/%lld#response-%lld", problem, rq->id);
	page_saved(rq, rs, loc, "Reply sent.");
}
