/* pages_roadmap: roadmaps — the buyer's list, create, edit and share (from pickers), its components and budget; a provider's view of what was shared with it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/orgs.h"
#include "../service/roadmaps.h"
#include "pages.h"
#include "pages_roadmap.h"

bool roadmap_buyer_of(struct request *rq)
{
	return (rq->rel & REL_BUYER) != 0;
}

void roadmap_money(char *out, size_t n, long long v)
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

bool roadmap_form_amount(struct request *rq, const char *name, long long *out)
{
	const char *v = request_form(rq, name);
	char *end = NULL;

	if (!v || !*v)
		return false;
	*out = strtoll(v, &end, 10);
	if (*end)
		*out = -1; /* present but not a whole number: the service refuses it, naming the field */
	return true;
}

/* The caller's organisation's business units as picker options. */
static json_t *unit_options(struct request *rq)
{
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = unit_list_json(rq->store, rq->caller.org_id, pg), *opts = json_array(), *u;
	size_t i;

	json_array_foreach(json_object_get(list, "items"), i, u)
		json_array_append_new(opts, json_pack("{s:I, s:s}", "value", json_num(u, "id"), "label", json_text(u, "name")));
	json_decref(list);
	return opts;
}

/* The fields of a roadmap (create and edit), each showing err beside it. */
static void roadmap_fields(struct buf *b, struct request *rq, json_t *current, const struct error *err)
{
	json_t *units = unit_options(rq);
	char unit[24] = "", year[24] = "", budget[24] = "";
	const char *title = request_form(rq, "title");

	if (current && !err) {
		snprintf(unit, sizeof unit, "%lld", json_num(current, "unit_id"));
		snprintf(year, sizeof year, "%lld", json_num(current, "fiscal_year"));
		snprintf(budget, sizeof budget, "%lld", json_num(current, "budget"));
		title = json_text(current, "title");
	}
	form_pick(b, "Business unit", "unit_id", units, err || !current ? request_form(rq, "unit_id") : unit, false, err);
	form_input(b, "Fiscal year", "fiscal_year", "number", err || !current ? request_form(rq, "fiscal_year") : year, err);
	form_input(b, "Title", "title", "text", title, err);
	form_input(b, "Budget", "budget", "number", err || !current ? request_form(rq, "budget") : budget, err);
	json_decref(units);
}

static const char *const roadmap_field_names[] = {"unit_id", "fiscal_year", "title", "budget", NULL};

static void render_list(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = roadmap_list_json(rq->store, &rq->caller, pg), *r;
	struct buf *b = &rs->body;
	size_t i;

	(void)form;
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

		roadmap_money(m, sizeof m, json_num(r, "budget"));
		html_fmt(b, "<tr><td><a href=\"/roadmaps/%lld\">%s</a></td><td>%s</td><td>%lld</td><td class=\"num\">%s</td></tr>",
			 json_num(r, "id"), json_text(r, "title"), json_text(r, "unit_name"), json_num(r, "fiscal_year"), m);
	}
	if (json_array_size(json_object_get(list, "items")))
		html_fmt(b, "</tbody></table>");
	html_fmt(b, "</section>");
	if (rq->caller.org_kind == ORG_BUYER && (rq->caller.roles & ROLES_ROADMAP)) {
		html_fmt(b, "<section class=\"card\" id=\"new\"><h2>New roadmap</h2><form method=\"post\" action=\"/roadmaps" FORM_ANCHOR "\" class=\"grid\">");
		form_csrf(b, rq);
		form_error_banner(b, err, roadmap_field_names);
		roadmap_fields(b, rq, NULL, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Create roadmap</button></div></form></section>");
	}
	page_end(rs);
	json_decref(list);
}

void page_roadmaps(struct request *rq, struct response *rs)
{
	render_list(rq, rs, NULL, NULL);
}

/* The roadmap fields a form posted: every one is on the form, so each is set. */
static void roadmap_posted(struct request *rq, struct roadmap_input *in)
{
	long long v;

	memset(in, 0, sizeof *in);
	if (request_form(rq, "unit_id"))
		parse_id(request_form(rq, "unit_id"), &in->unit_id);
	if (roadmap_form_amount(rq, "fiscal_year", &v))
		in->fiscal_year = v;
	in->has_budget = roadmap_form_amount(rq, "budget", &in->budget);
	in->title = request_form(rq, "title");
}

void page_roadmap_create(struct request *rq, struct response *rs)
{
	struct roadmap_input in;
	struct error err = {0};
	long long id;
	char url[48];

	roadmap_posted(rq, &in);
	id = roadmap_create(rq->store, &rq->caller, &in, &err);
	if (id < 0) {
		rs->status = err.status;
		render_list(rq, rs, &err, "roadmap");
		return;
	}
	snprintf(url, sizeof url, "/roadmaps/%lld", id);
	page_saved(rq, rs, url, "Roadmap created. Add its components, then share it with providers.");
}

/* The providers the buyer may still share this roadmap with: those with an accepted engagement, less those it is shared with. */
static json_t *share_options(struct request *rq, json_t *roadmap)
{
	json_t *all = roadmap_share_candidates(rq->store, &rq->caller), *left = json_array(), *o, *x;
	size_t i, k;

	json_array_foreach(all, i, o)
	{
		bool shared = false;

		json_array_foreach(json_object_get(roadmap, "shared_with"), k, x) shared |= json_num(x, "value") == json_num(o, "value");
		if (!shared)
			json_array_append(left, o);
	}
	json_decref(all);
	return left;
}

static void render(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	static const char *const item_fields[] = {"title", "budget", "starts_on", "ends_on", "bid_deadline", "description", NULL};
	static const char *const share_fields[] = {"org_id", NULL};
	bool buyer = roadmap_buyer_of(rq), keeper = buyer && (rq->caller.roles & ROLES_ROADMAP);
	json_t *r = roadmap_get_json(rq->store, &rq->caller, rq->id, buyer), *it, *x;
	const struct error *item_err = form && !strcmp(form, "item") ? err : NULL;
	struct buf *b = &rs->body;
	char m[40], left[40];
	size_t i;

	if (!r) {
		page_error(rq, rs, 404, "There is no such roadmap.");
		return;
	}
	roadmap_money(m, sizeof m, json_num(r, "budget"));
	page_begin(rq, rs, json_text(r, "title"));
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/roadmaps\">Roadmaps</a></p><h1>%s</h1><p class=\"muted\">%s · fiscal year %lld · budget %s</p>",
		 json_text(r, "title"), json_text(r, "unit_name"), json_num(r, "fiscal_year"), m);
	if (buyer) {
		roadmap_money(left, sizeof left, json_num(r, "budget") - json_num(r, "items_budget"));
		html_fmt(b, "<p>%s of the budget is not yet given to a component.</p>", left);
	}
	if (keeper) {
		html_fmt(b, "<details%s><summary>Edit the roadmap</summary><form method=\"post\" action=\"/roadmaps/%lld/edit" FORM_ANCHOR "\" class=\"grid\">",
			 form && !strcmp(form, "edit") ? " open" : "", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, form && !strcmp(form, "edit") ? err : NULL, roadmap_field_names);
		roadmap_fields(b, rq, r, form && !strcmp(form, "edit") ? err : NULL);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Save the roadmap</button></div></form></details>");
	}
	if (buyer) {
		json_t *shared = json_object_get(r, "shared_with");

		html_fmt(b, "<section class=\"card\" id=\"sharing\"><h2>Shared with</h2>");
		if (!json_array_size(shared))
			html_fmt(b, "<p class=\"muted\">No provider yet: only your organisation sees this roadmap (and the invitees of a summit it is presented at).</p>");
		else
			html_fmt(b, "<ul class=\"plain\">");
		json_array_foreach(shared, i, x) html_fmt(b, "<li>%s</li>", json_text(x, "label"));
		if (json_array_size(shared))
			html_fmt(b, "</ul>");
		if (keeper) {
			json_t *options = share_options(rq, r);

			if (!json_array_size(options)) {
				html_fmt(b, "<p class=\"muted\">Every provider you have an accepted engagement with can already see it.</p>");
			} else {
				html_fmt(b, "<form method=\"post\" action=\"/roadmaps/%lld/share" FORM_ANCHOR "\" class=\"grid\">", rq->id);
				form_csrf(b, rq);
				form_error_banner(b, form && !strcmp(form, "share") ? err : NULL, share_fields);
				form_pick(b, "Provider", "org_id", options, request_form(rq, "org_id"), false, form && !strcmp(form, "share") ? err : NULL);
				html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Share…</button></div></form>");
			}
			json_decref(options);
		}
		html_fmt(b, "</section>");
	}
	html_fmt(b, "<section class=\"card\" id=\"items\"><h2>Components</h2><table class=\"list\"><thead><tr><th>Component</th><th class=\"num\">Budget</th><th>Timeframe</th><th>Phase</th><th>%s</th></tr></thead><tbody>",
		 buyer ? "Bids" : "Your bid");
	json_array_foreach(json_object_get(r, "items"), i, it)
	{
		roadmap_money(m, sizeof m, json_num(it, "budget"));
		html_fmt(b, "<tr><td><a href=\"/roadmap-items/%lld\">%s</a></td><td class=\"num\">%s</td><td>%s – %s</td><td><span class=\"pill\">%s</span>",
			 json_num(it, "id"), json_text(it, "title"), m, json_text(it, "starts_on"), json_text(it, "ends_on"), json_text(it, "phase"));
		if (!strcmp(json_text(it, "phase"), "open") && json_is_string(json_object_get(it, "bid_deadline")))
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
	if (keeper) {
		html_fmt(b, "<details%s><summary>Add a component</summary><form method=\"post\" action=\"/roadmaps/%lld/items" FORM_ANCHOR "\" class=\"grid\">",
			 item_err ? " open" : "", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, item_err, item_fields);
		form_input(b, "Title", "title", "text", item_err ? request_form(rq, "title") : NULL, item_err);
		form_input(b, "Budget", "budget", "number", item_err ? request_form(rq, "budget") : NULL, item_err);
		form_input(b, "Starts on", "starts_on", "date", item_err ? request_form(rq, "starts_on") : NULL, item_err);
		form_input(b, "Ends on", "ends_on", "date", item_err ? request_form(rq, "ends_on") : NULL, item_err);
		form_input(b, "Bids due by (leave empty to keep it a draft)", "bid_deadline", "date", item_err ? request_form(rq, "bid_deadline") : NULL, item_err);
		form_textarea(b, "Description: scope, requirements, evaluation criteria (Markdown)", "description",
			      item_err ? request_form(rq, "description") : NULL, 6, item_err);
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

/* A refused post: the roadmap page again, with the error in the form named form. */
static void refused(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	rs->status = err->status;
	render(rq, rs, err, form);
}

void page_roadmap_edit(struct request *rq, struct response *rs)
{
	struct roadmap_input in;
	struct roadmap_patch p;
	struct error err = {0};
	char url[48];

	roadmap_posted(rq, &in);
	p = (struct roadmap_patch){in.unit_id, in.fiscal_year, in.budget, true, true, true, in.title ? in.title : ""};
	if (!in.has_budget)
		p.budget = -1;
	if (roadmap_update(rq->store, &rq->caller, rq->id, &p, &err) != 0) {
		refused(rq, rs, &err, "edit");
		return;
	}
	snprintf(url, sizeof url, "/roadmaps/%lld", rq->id);
	page_saved(rq, rs, url, "Roadmap saved.");
}

void page_roadmap_share(struct request *rq, struct response *rs)
{
	json_t *r = roadmap_get_json(rq->store, &rq->caller, rq->id, true), *options, *o, *chosen = NULL;
	struct error err = {0};
	long long org = 0;
	char title[512], what[1024], url[64], saved[400];
	size_t i;

	if (!r) {
		page_error(rq, rs, 404, "There is no such roadmap.");
		return;
	}
	options = share_options(rq, r);
	if (request_form(rq, "org_id"))
		parse_id(request_form(rq, "org_id"), &org);
	json_array_foreach(options, i, o) if (json_num(o, "value") == org) chosen = o;
	if (!chosen) {
		error_set(&err, 422, org ? "invalid" : "required", "org_id", "choose a provider from the list");
		json_decref(options);
		json_decref(r);
		refused(rq, rs, &err, "share");
		return;
	}
	snprintf(title, sizeof title, "Share %s with %s?", json_text(r, "title"), json_text(chosen, "label"));
	snprintf(what, sizeof what,
		 "%s's leadership and consultants will see this roadmap, its budget and every component with its description, "
		 "may bid on the components open for bids and suggest improvements. Other providers see nothing of it.",
		 json_text(chosen, "label"));
	snprintf(url, sizeof url, "/roadmaps/%lld#sharing", rq->id);
	snprintf(saved, sizeof saved, "Roadmap shared with %s.", json_text(chosen, "label"));
	json_decref(options);
	json_decref(r);
	if (!form_confirm(rq, rs, title, what, "Share", url))
		return;
	if (roadmap_share(rq->store, rq->id, &org, 1, &err) != 0) {
		refused(rq, rs, &err, "share");
		return;
	}
	page_saved(rq, rs, url, saved);
}

void page_roadmap_item_create(struct request *rq, struct response *rs)
{
	const char *deadline = request_form(rq, "bid_deadline");
	struct item_input in = {request_form(rq, "title"), 0, false, request_form(rq, "starts_on"), request_form(rq, "ends_on"),
				deadline && *deadline, deadline && *deadline ? deadline : NULL, request_form(rq, "description")};
	struct error err = {0};
	long long id;
	char url[48];

	in.has_budget = roadmap_form_amount(rq, "budget", &in.budget);
	id = roadmap_item_create(rq->store, rq->id, &in, &err);
	if (id < 0) {
		refused(rq, rs, &err, "item");
		return;
	}
	snprintf(url, sizeof url, "/roadmap-items/%lld", id);
	page_saved(rq, rs, url, in.open_for_bids ? "Component added and open for bids." : "Component added as a draft.");
}
