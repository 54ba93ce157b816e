/* pages_problem: problem statements — the buyer's list and form, one statement with the responses the caller may see, and the forms to answer and to judge answers. */
#include <stdio.h>
#include <string.h>

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
		html_fmt(b, "<section class=\"card\"><h2>Post a problem statement</h2><p class=\"muted\">Address it to one engagement's provider, or to every organisation invited to one of your summits (give one of the two ids).</p>"
			    "<form method=\"post\" action=\"/problems" FORM_ANCHOR "\" class=\"grid\">");
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		form_input(b, "Title", "title", "text", request_form(rq, "title"), err);
		form_input(b, "Engagement (id)", "engagement_id", "number", request_form(rq, "engagement_id"), err);
		form_input(b, "Summit (id)", "summit_id", "number", request_form(rq, "summit_id"), err);
		form_textarea(b, "The problem", "body", request_form(rq, "body"), 4, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Post</button></div></form></section>");
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

static void render(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	bool buyer = (rq->rel & REL_BUYER) != 0;
	json_t *p = problem_get_json(rq->store, &rq->caller, rq->id, buyer), *x;
	struct buf *b = &rs->body;
	size_t i;

	(void)form;
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
		html_fmt(b, "<div class=\"survey\"><p><strong>%s</strong> <span class=\"pill\">%s</span></p><p>%s</p>", json_text(x, "org_name"),
			 json_text(x, "status"), json_text(x, "body"));
		practice_cite_link(b, x);
		if (buyer && (rq->caller.roles & ROLES_BUYER_GOV)) {
			html_fmt(b, "<form method=\"post\" action=\"/problem-responses/%lld" FORM_ANCHOR "\" class=\"inline\">", json_num(x, "id"));
			form_csrf(b, rq);
			html_fmt(b, "<input type=\"hidden\" name=\"back\" value=\"/problems/%lld\">", rq->id);
			form_select(b, "Judgement", "status", judgements, NULL, 3, json_text(x, "status"), NULL);
			html_fmt(b, "<button type=\"submit\">Save</button></form>");
		}
		html_fmt(b, "</div>");
	}
	if (!buyer && (rq->caller.roles & ROLES_PROVIDER_GOV)) {
		html_fmt(b, "<form method=\"post\" action=\"/problems/%lld/responses" FORM_ANCHOR "\" class=\"grid\">", rq->id);
		form_csrf(b, rq);
		form_textarea(b, "Your approach and related experience", "body", NULL, 5, err);
		practice_cite_select(b, rq, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Send response</button></div></form>");
	}
	html_fmt(b, "</section>");
	page_end(rs);
	json_decref(p);
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
