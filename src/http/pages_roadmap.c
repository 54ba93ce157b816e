/* pages_roadmap: roadmaps and their items — the buyer's plan, budget and bid book; a provider's view, its own bid and suggestions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/events.h"
#include "../service/roadmaps.h"
#include "pages.h"

static bool buyer_of(struct request *rq)
{
	return (rq->rel & REL_BUYER) != 0;
}

static void money(char *out, size_t n, long long v)
{
	/* 1234567 reads as "1,234,567". */
	char digits[32];
	size_t len, o = 0;

	snprintf(digits, sizeof digits, "%lld", v < 0 ? -v : v);
	len = strlen(digits);
	if (v < 0 && o + 1 < n)
		out[o++] = '-';
	for (size_t i = 0; i < len && o + 2 < n; i++) {
		out[o++] = digits[i];
		if ((len - i - 1) % 3 == 0 && i + 1 < len)
			out[o++] = ',';
	}
	out[o] = '\0';
}

void page_roadmaps(struct request *rq, struct response *rs)
{
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = roadmap_list_json(rq->store, &rq->caller, pg), *r;
	struct buf *b = &rs->body;
	size_t i;

	page_begin(rq, rs, "Roadmaps");
	html_fmt(b, "<h1>Roadmaps</h1><p class=\"muted\">%s</p><section class=\"card\">",
		 rq->caller.org_kind == ORG_BUYER ? "Your business units' IT roadmaps and budgets." : "Roadmaps customers have shared with you or presented at a summit you were invited to.");
	if (!json_array_size(json_object_get(list, "items")))
		html_fmt(b, "<p class=\"muted\">None yet.</p>");
	else
		html_fmt(b, "<table class=\"list\"><thead><tr><th>Roadmap</th><th>Unit</th><th>Fiscal year</th><th class=\"num\">Budget</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(list, "items"), i, r)
	{
		char m[40];

		money(m, sizeof m, json_num(r, "budget"));
		html_fmt(b, "<tr><td><a href=\"/roadmaps/%lld\">%s</a></td><td>%s</td><td>%lld</td><td class=\"num\">%s</td></tr>",
			 json_num(r, "id"), json_text(r, "title"), json_text(r, "unit_name"), json_num(r, "fiscal_year"), m);
	}
	if (json_array_size(json_object_get(list, "items")))
		html_fmt(b, "</tbody></table>");
	html_fmt(b, "</section>");
	page_end(rs);
	json_decref(list);
}

static void render(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	static const char *const item_fields[] = {"title", "budget", "starts_on", "ends_on", "bid_deadline", NULL};
	bool buyer = buyer_of(rq);
	json_t *r = roadmap_get_json(rq->store, &rq->caller, rq->id, buyer), *it;
	struct buf *b = &rs->body;
	char m[40], left[40];
	size_t i;

	if (!r) {
		page_error(rq, rs, 404, "There is no such roadmap.");
		return;
	}
	money(m, sizeof m, json_num(r, "budget"));
	page_begin(rq, rs, json_text(r, "title"));
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/roadmaps\">Roadmaps</a></p><h1>%s</h1><p class=\"muted\">%s · fiscal year %lld · budget %s</p>",
		 json_text(r, "title"), json_text(r, "unit_name"), json_num(r, "fiscal_year"), m);
	if (buyer) {
		money(left, sizeof left, json_num(r, "budget") - json_num(r, "items_budget"));
		html_fmt(b, "<p>%s of the budget is not yet given to an item.</p>", left);
	}
	html_fmt(b, "<section class=\"card\" id=\"items\"><h2>Components</h2><table class=\"list\"><thead><tr><th>Item</th><th class=\"num\">Budget</th><th>Timeframe</th><th>Status</th><th>%s</th></tr></thead><tbody>",
		 buyer ? "Bids" : "Your bid");
	json_array_foreach(json_object_get(r, "items"), i, it)
	{
		money(m, sizeof m, json_num(it, "budget"));
		html_fmt(b, "<tr><td><a href=\"/roadmap-items/%lld\">%s</a></td><td class=\"num\">%s</td><td>%s – %s</td><td><span class=\"pill\">%s</span>",
			 json_num(it, "id"), json_text(it, "title"), m, json_text(it, "starts_on"), json_text(it, "ends_on"), json_text(it, "status"));
		if (json_is_string(json_object_get(it, "bid_deadline")))
			html_fmt(b, " <span class=\"muted\">until %s</span>", json_text(it, "bid_deadline"));
		html_fmt(b, "</td><td>");
		if (buyer && json_is_integer(json_object_get(it, "bids")))
			html_fmt(b, "%lld", json_num(it, "bids"));
		else if (buyer)
			html_fmt(b, "%s", strcmp(json_text(it, "status"), "draft") ? "sealed" : "—");
		else if (json_is_object(json_object_get(it, "my_bid")))
			html_fmt(b, "%s", json_text(json_object_get(it, "my_bid"), "status"));
		else
			html_fmt(b, "—");
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table>");
	if (buyer && (rq->caller.roles & ROLES_ROADMAP)) {
		html_fmt(b, "<details%s><summary>Add a component</summary><form method=\"post\" action=\"/roadmaps/%lld/items" FORM_ANCHOR "\" class=\"grid\">",
			 form && !strcmp(form, "item") ? " open" : "", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, form && !strcmp(form, "item") ? err : NULL, item_fields);
		form_input(b, "Title", "title", "text", request_form(rq, "title"), form && !strcmp(form, "item") ? err : NULL);
		form_input(b, "Budget", "budget", "number", request_form(rq, "budget"), form && !strcmp(form, "item") ? err : NULL);
		form_input(b, "Starts on", "starts_on", "date", request_form(rq, "starts_on"), form && !strcmp(form, "item") ? err : NULL);
		form_input(b, "Ends on", "ends_on", "date", request_form(rq, "ends_on"), form && !strcmp(form, "item") ? err : NULL);
		form_input(b, "Bids due by (leave empty to keep it a draft)", "bid_deadline", "date", request_form(rq, "bid_deadline"),
			   form && !strcmp(form, "item") ? err : NULL);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Add component</button></div></form></details>");
	}
	html_fmt(b, "</section>");
	page_end(rs);
	json_decref(r);
}

void page_roadmap(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL, NULL);
}

void page_roadmap_item_create(struct request *rq, struct response *rs)
{
	const char *budget = request_form(rq, "budget"), *deadline = request_form(rq, "bid_deadline");
	struct item_input in = {request_form(rq, "title"), 0, false, request_form(rq, "starts_on"), request_form(rq, "ends_on"),
				deadline && *deadline, deadline && *deadline ? deadline : NULL};
	struct error err = {0};
	char *end = NULL;
	long long id;

	if (budget && *budget) {
		in.budget = strtoll(budget, &end, 10);
		in.has_budget = !*end;
		if (*end)
			in.budget = -1, in.has_budget = true;
	}
	id = roadmap_item_create(rq->store, rq->id, &in, &err);
	form_result(rq, rs, id < 0 ? -1 : 0, &err, render, "item", "/roadmaps", "items");
}

/* ---- one item: details, the buyer's bid book or the provider's own bid, suggestions ---- */

static void render_item(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	bool buyer = buyer_of(rq);
	json_t *it = roadmap_item_json(rq->store, &rq->caller, rq->id, buyer), *x;
	struct buf *b = &rs->body;
	struct error list_err = {0};
	char m[40];
	size_t i;

	if (!it) {
		page_error(rq, rs, 404, "There is no such roadmap item.");
		return;
	}
	money(m, sizeof m, json_num(it, "budget"));
	page_begin(rq, rs, json_text(it, "title"));
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/roadmaps/%lld\">Back to the roadmap</a></p><h1>%s</h1>", json_num(it, "roadmap_id"),
		 json_text(it, "title"));
	html_fmt(b, "<p>Budget %s · %s – %s · <span class=\"pill\">%s</span>", m, json_text(it, "starts_on"), json_text(it, "ends_on"),
		 json_text(it, "status"));
	if (json_is_string(json_object_get(it, "bid_deadline")))
		html_fmt(b, " · bids due by %s", json_text(it, "bid_deadline"));
	html_fmt(b, "</p>");
	if (buyer && (rq->caller.roles & ROLES_ROADMAP) &&
	    (!strcmp(json_text(it, "status"), "draft") || (!strcmp(json_text(it, "status"), "open") && json_is_null(json_object_get(it, "bids"))))) {
		static const char *const deadline_fields[] = {"bid_deadline", NULL};
		bool draft = !strcmp(json_text(it, "status"), "draft");

		/* Opening a draft, or moving the deadline of an open item while its bids are sealed (once bids exist, only later). */
		html_fmt(b, "<form method=\"post\" action=\"/roadmap-items/%lld/status" FORM_ANCHOR "\" class=\"inline\" id=\"deadline\">", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, form && !strcmp(form, "status") ? err : NULL, deadline_fields);
		form_input(b, draft ? "Bids due by" : "New bid deadline", "bid_deadline", "date", NULL, form && !strcmp(form, "status") ? err : NULL);
		html_fmt(b, "<button type=\"submit\">%s</button></form>", draft ? "Open for bids" : "Move the deadline");
	}
	if (buyer) {
		json_t *bids = bid_list_json(rq->store, &rq->caller, rq->id, true, &list_err);

		html_fmt(b, "<section class=\"card\" id=\"bids\"><h2>Bid book</h2>");
		if (!bids) {
			html_fmt(b, "<p class=\"muted\">%s.</p>", list_err.message);
		} else {
			html_fmt(b, "<table class=\"list\"><thead><tr><th>Provider</th><th class=\"num\">Amount</th><th>Proposal</th><th>Status</th><th></th></tr></thead><tbody>");
			json_array_foreach(json_object_get(bids, "items"), i, x)
			{
				money(m, sizeof m, json_num(x, "amount"));
				html_fmt(b, "<tr><td>%s</td><td class=\"num\">%s</td><td>%s</td><td>%s</td><td>", json_text(x, "org_name"), m,
					 json_text(x, "proposal"), json_text(x, "status"));
				if (!strcmp(json_text(it, "status"), "open") && strcmp(json_text(x, "status"), "withdrawn") &&
				    (rq->caller.roles & ROLES_AWARD)) {
					html_fmt(b, "<form method=\"post\" action=\"/roadmap-items/%lld/award" FORM_ANCHOR "\" class=\"inline\">", rq->id);
					form_csrf(b, rq);
					html_fmt(b, "<input type=\"hidden\" name=\"bid_id\" value=\"%lld\"><button type=\"submit\">Award to %s</button></form>",
						 json_num(x, "id"), json_text(x, "org_name"));
				}
				html_fmt(b, "</td></tr>");
			}
			html_fmt(b, "</tbody></table>");
			json_decref(bids);
		}
		if (form && !strcmp(form, "award"))
			form_error_banner(b, err, NULL);
		html_fmt(b, "</section>");
	} else {
		json_t *mine = json_object_get(it, "my_bid"), *moves = events_item_deadline_history(rq->store, &rq->caller, rq->id);
		const char *outcome = json_string_value(json_object_get(it, "outcome"));

		html_fmt(b, "<section class=\"card\" id=\"bid\"><h2>Your bid</h2><p class=\"muted\">Bids are sealed: no other provider sees yours, and you see no one else's.</p>");
		if (outcome)
			html_fmt(b, "<p><strong>%s</strong></p>", !strcmp(outcome, "awarded_to_you") ? "Awarded to you." : "Not awarded to you.");
		json_array_foreach(moves, i, x)
		{
			html_fmt(b, "<p class=\"muted\">Deadline %s from %s to %s on %s.</p>",
				 strcmp(json_text(x, "from"), json_text(x, "to")) < 0 ? "extended" : "moved", json_text(x, "from"),
				 json_text(x, "to"), json_text(x, "on"));
		}
		json_decref(moves);
		if (json_is_object(mine)) {
			money(m, sizeof m, json_num(mine, "amount"));
			html_fmt(b, "<p>%s · %s · <span class=\"pill\">%s</span></p>", m, json_text(mine, "proposal"), json_text(mine, "status"));
		}
		if (!strcmp(json_text(it, "status"), "open") && (rq->caller.roles & ROLES_PROVIDER_GOV)) {
			static const char *const fields[] = {"amount", "proposal", NULL};

			html_fmt(b, "<form method=\"post\" action=\"/roadmap-items/%lld/bids" FORM_ANCHOR "\" class=\"grid\">", rq->id);
			form_csrf(b, rq);
			form_error_banner(b, form && !strcmp(form, "bid") ? err : NULL, fields);
			form_input(b, "Amount", "amount", "number", request_form(rq, "amount"), form && !strcmp(form, "bid") ? err : NULL);
			form_textarea(b, "Proposal", "proposal", request_form(rq, "proposal"), 3, form && !strcmp(form, "bid") ? err : NULL);
			html_fmt(b, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
				 json_is_object(mine) ? "Revise bid" : "Submit bid");
		}
		html_fmt(b, "</section>");
	}
	{
		json_t *sg = suggestion_list_json(rq->store, &rq->caller, rq->id, buyer);

		html_fmt(b, "<section class=\"card\" id=\"suggestions\"><h2>Suggestions</h2>");
		if (!json_array_size(json_object_get(sg, "items")))
			html_fmt(b, "<p class=\"muted\">None yet.</p>");
		json_array_foreach(json_object_get(sg, "items"), i, x)
		{
			html_fmt(b, "<p><strong>%s</strong>: %s <span class=\"pill\">%s</span> <span class=\"muted\">%s</span></p>",
				 json_text(x, "org_name"), json_text(x, "body"), json_text(x, "status"), json_text(x, "note"));
			if (buyer && (rq->caller.roles & ROLES_AWARD) && !strcmp(json_text(x, "status"), "proposed")) {
				html_fmt(b, "<form method=\"post\" action=\"/suggestions/%lld" FORM_ANCHOR "\" class=\"inline\">", json_num(x, "id"));
				form_csrf(b, rq);
				html_fmt(b, "<input type=\"hidden\" name=\"back\" value=\"/roadmap-items/%lld#suggestions\">"
					    "<input type=\"text\" name=\"note\" aria-label=\"note\" placeholder=\"note\">"
					    "<button type=\"submit\" name=\"status\" value=\"accepted\">Accept</button>"
					    "<button type=\"submit\" name=\"status\" value=\"rejected\">Reject</button></form>", rq->id);
			}
		}
		if (!buyer && (rq->caller.roles & ROLES_PROVIDER_GOV)) {
			html_fmt(b, "<form method=\"post\" action=\"/roadmap-items/%lld/suggestions" FORM_ANCHOR "\" class=\"grid\">", rq->id);
			form_csrf(b, rq);
			form_textarea(b, "Suggest an improvement", "body", NULL, 3, form && !strcmp(form, "suggestion") ? err : NULL);
			html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Send suggestion</button></div></form>");
		}
		html_fmt(b, "</section>");
		json_decref(sg);
	}
	page_end(rs);
	json_decref(it);
}

void page_roadmap_item(struct request *rq, struct response *rs)
{
	render_item(rq, rs, NULL, NULL);
}

void page_bid_submit(struct request *rq, struct response *rs)
{
	const char *amount = request_form(rq, "amount");
	struct error err = {0};
	char *end = NULL;
	long long v = amount && *amount ? strtoll(amount, &end, 10) : -1;

	if (!amount || !*amount || *end)
		v = -1;
	form_result(rq, rs, bid_submit(rq->store, &rq->caller, rq->id, v, request_form(rq, "proposal"), &err) < 0 ? -1 : 0,
		    &err, render_item, "bid", "/roadmap-items", "bid");
}

void page_award(struct request *rq, struct response *rs)
{
	const char *bid = request_form(rq, "bid_id");
	struct error err = {0};
	long long id = 0;

	if (bid)
		parse_id(bid, &id);
	form_result(rq, rs, bid_award(rq->store, rq->id, id, &err), &err, render_item, "award", "/roadmap-items", "bids");
}

void page_suggestion_submit(struct request *rq, struct response *rs)
{
	struct error err = {0};

	form_result(rq, rs, suggestion_create(rq->store, &rq->caller, rq->id, request_form(rq, "body"), &err) < 0 ? -1 : 0, &err,
		    render_item, "suggestion", "/roadmap-items", "suggestions");
}

void page_item_open(struct request *rq, struct response *rs)
{
	struct error err = {0};

	form_result(rq, rs, roadmap_item_update(rq->store, rq->id, "open", request_form(rq, "bid_deadline"), &err), &err, render_item,
		    "status", "/roadmap-items", "bids");
}

void page_suggestion_decide(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (suggestion_decide(rq->store, rq->id, request_form(rq, "status"), request_form(rq, "note"), &err) != 0) {
		page_error(rq, rs, err.status, err.message);
		return;
	}
	page_saved(rq, rs, form_back(rq, "/roadmaps"), "Suggestion decided.");
}
