/* pages_roadmap_item: one roadmap component — its description, the buyer's bidding controls, bid book and confirmed award; a provider's sealed bid, withdrawal and suggestions. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/events.h"
#include "../service/roadmaps.h"
#include "pages.h"
#include "pages_roadmap.h"

static bool phase_is(json_t *it, const char *phase)
{
	return !strcmp(json_text(it, "phase"), phase);
}

/* The error err when it belongs to the form named name, else NULL. */
static const struct error *for_form(const struct error *err, const char *form, const char *name)
{
	return form && !strcmp(form, name) ? err : NULL;
}

/* The buyer's text of the component: its title and Markdown description, while it is a draft or open. */
static void edit_form(struct buf *b, struct request *rq, json_t *it, const struct error *err)
{
	static const char *const fields[] = {"title", "description", NULL};

	html_fmt(b, "<details%s><summary>Edit the component's title and description</summary>", err ? " open" : "");
	html_fmt(b, "<form method=\"post\" action=\"/roadmap-items/%lld/edit" FORM_ANCHOR "\" class=\"grid\">", rq->id);
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	form_input(b, "Title", "title", "text", err ? request_form(rq, "title") : json_text(it, "title"), err);
	form_textarea(b, "Description: scope, requirements, evaluation criteria (Markdown)", "description",
		      err ? request_form(rq, "description") : json_text(it, "description"), 8, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Save the component</button></div></form></details>");
}

/* One button posting an action of the bidding form (action=name), in a form of its own. */
static void bidding_button(struct buf *b, struct request *rq, const char *action, const char *label, bool danger)
{
	html_fmt(b, "<form method=\"post\" action=\"/roadmap-items/%lld/status" FORM_ANCHOR "\" class=\"inline\">", rq->id);
	form_csrf(b, rq);
	html_fmt(b, danger ? "<input type=\"hidden\" name=\"action\" value=\"%s\"><button type=\"submit\" class=\"danger\">%s</button></form>"
			   : "<input type=\"hidden\" name=\"action\" value=\"%s\"><button type=\"submit\">%s</button></form>",
		 action, label);
}

/* The buyer's bidding controls: open a draft; extend, close now or close an open item; close an item being evaluated. */
static void bidding_card(struct buf *b, struct request *rq, json_t *it, const struct error *err)
{
	static const char *const fields[] = {"bid_deadline", NULL};
	bool draft = phase_is(it, "draft"), open = phase_is(it, "open");

	if (!draft && !open && !phase_is(it, "evaluating"))
		return;
	html_fmt(b, "<section class=\"card\" id=\"bidding\"><h2>Bidding</h2>");
	if (draft || open) {
		html_fmt(b, "<form method=\"post\" action=\"/roadmap-items/%lld/status" FORM_ANCHOR "\" class=\"grid\" id=\"deadline\">", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		html_fmt(b, "<input type=\"hidden\" name=\"action\" value=\"%s\">", draft ? "open" : "extend");
		form_input(b, draft ? "Bids due by" : "New bid deadline (later than the current one)", "bid_deadline", "date",
			   err ? request_form(rq, "bid_deadline") : NULL, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>", draft ? "Open for bids" : "Extend the deadline");
	} else {
		form_error_banner(b, err, NULL);
		html_fmt(b, "<p class=\"muted\">Bidding has closed; the bids are open below.</p>");
	}
	html_fmt(b, "<p class=\"actions\">");
	if (open)
		bidding_button(b, rq, "close_bidding", "Close bidding now…", false);
	bidding_button(b, rq, "close", draft ? "Close the draft…" : "Close without award…", true);
	html_fmt(b, "</p></section>");
}

/* The standing (not withdrawn) bids of a bid book as picker options: "Provider — amount". */
static json_t *award_options(json_t *bids, long long budget)
{
	json_t *opts = json_array(), *x;
	size_t i;

	json_array_foreach(json_object_get(bids, "items"), i, x)
	{
		char m[40], label[512];

		if (!strcmp(json_text(x, "status"), "withdrawn"))
			continue;
		roadmap_money(m, sizeof m, json_num(x, "amount"));
		snprintf(label, sizeof label, "%s — %s%s", json_text(x, "org_name"), m,
			 bid_above_budget(json_num(x, "amount"), budget) ? " (above budget)" : "");
		json_array_append_new(opts, json_pack("{s:I, s:s}", "value", json_num(x, "id"), "label", label));
	}
	return opts;
}

static void bid_book(struct buf *b, struct request *rq, json_t *it, const struct error *err)
{
	struct error list_err = {0};
	json_t *bids = bid_list_json(rq->store, &rq->caller, rq->id, true, &list_err), *x;
	bool awarder = (rq->caller.roles & ROLES_AWARD) && phase_is(it, "evaluating");
	char m[40];
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"bids\"><h2>Bid book</h2>");
	if (!bids) {
		list_err.message[0] = (char)toupper((unsigned char)list_err.message[0]); /* a sentence of its own here */
		html_fmt(b, "<p class=\"muted\">%s.</p></section>", list_err.message);
		return;
	}
	html_fmt(b, "<table class=\"list\"><thead><tr><th>Provider</th><th class=\"num\">Amount</th><th>Proposal</th><th>Status</th><th></th></tr></thead><tbody>");
	json_array_foreach(json_object_get(bids, "items"), i, x)
	{
		bool above = bid_above_budget(json_num(x, "amount"), json_num(it, "budget"));

		roadmap_money(m, sizeof m, json_num(x, "amount"));
		html_fmt(b, "<tr><td>%s</td><td class=\"num%s\">%s</td><td>%s</td><td>%s%s</td><td>", json_text(x, "org_name"), above ? " warn" : "", m,
			 json_text(x, "proposal"), json_text(x, "status"), above ? " · above budget" : "");
		if (awarder && !strcmp(json_text(x, "status"), "submitted")) {
			html_fmt(b, "<form method=\"post\" action=\"/bids/%lld" FORM_ANCHOR "\" class=\"inline\">", json_num(x, "id"));
			form_csrf(b, rq);
			html_fmt(b, "<input type=\"hidden\" name=\"status\" value=\"shortlisted\"><button type=\"submit\">Shortlist</button></form>");
		}
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table>");
	if (awarder) {
		static const char *const fields[] = {"bid_id", "rationale", NULL};
		json_t *options = award_options(bids, json_num(it, "budget"));

		if (json_array_size(options)) {
			html_fmt(b, "<h3>Award</h3><form method=\"post\" action=\"/roadmap-items/%lld/award" FORM_ANCHOR "\" class=\"grid\">", rq->id);
			form_csrf(b, rq);
			form_error_banner(b, err, fields);
			form_pick(b, "Bid", "bid_id", options, err ? request_form(rq, "bid_id") : NULL, false, err);
			form_textarea(b, "Rationale: why this bid (the winner reads it)", "rationale", err ? request_form(rq, "rationale") : NULL, 3, err);
			html_fmt(b, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Award…</button></div></form>");
		}
		json_decref(options);
	} else {
		form_error_banner(b, err, NULL);
	}
	html_fmt(b, "</section>");
	json_decref(bids);
}

/* The provider's own sealed bid: its state, a warning above budget, withdraw, bid or re-submit. */
static void own_bid(struct buf *b, struct request *rq, json_t *it, const struct error *err)
{
	json_t *mine = json_object_get(it, "my_bid"), *moves = events_item_deadline_history(rq->store, &rq->caller, rq->id), *x;
	const char *outcome = json_string_value(json_object_get(it, "outcome"));
	bool gov = (rq->caller.roles & ROLES_PROVIDER_GOV) != 0, open = phase_is(it, "open");
	bool withdrawn = json_is_object(mine) && !strcmp(json_text(mine, "status"), "withdrawn");
	char m[40];
	size_t i;

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
		roadmap_money(m, sizeof m, json_num(mine, "amount"));
		html_fmt(b, "<p>%s · ", m);
		if (*json_text(mine, "proposal"))
			html_fmt(b, "%s · ", json_text(mine, "proposal"));
		html_fmt(b, "<span class=\"pill\">%s</span></p>", json_text(mine, "status"));
		if (!withdrawn && bid_above_budget(json_num(mine, "amount"), json_num(it, "budget"))) {
			char cap[40];

			roadmap_money(cap, sizeof cap, json_num(it, "budget"));
			html_fmt(b, "<p class=\"banner warn\">Your bid of %s is above the component's budget of %s. It stands; the buyer will see it is above budget.</p>",
				 m, cap);
		}
	}
	if (open && gov) {
		static const char *const fields[] = {"amount", "proposal", NULL};
		bool fresh = err != NULL;

		html_fmt(b, "<form method=\"post\" action=\"/roadmap-items/%lld/bids" FORM_ANCHOR "\" class=\"grid\">", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		form_input(b, "Amount", "amount", "number", fresh ? request_form(rq, "amount") : NULL, err);
		form_textarea(b, "Proposal", "proposal", fresh ? request_form(rq, "proposal") : NULL, 3, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
			 withdrawn ? "Re-submit bid" : json_is_object(mine) ? "Revise bid" : "Submit bid");
	}
	html_fmt(b, "</section>");
	if (open && gov && json_is_object(mine) && !withdrawn) {
		html_fmt(b, "<section class=\"card\" id=\"withdraw\"><h2>Withdraw</h2><p class=\"muted\">Until the deadline you may withdraw your bid and bid again.</p>");
		html_fmt(b, "<form method=\"post\" action=\"/bids/%lld" FORM_ANCHOR "\" class=\"inline\">", json_num(mine, "id"));
		form_csrf(b, rq);
		html_fmt(b, "<input type=\"hidden\" name=\"status\" value=\"withdrawn\"><button type=\"submit\" class=\"danger\">Withdraw bid…</button></form></section>");
	}
}

static void suggestions(struct buf *b, struct request *rq, bool buyer, const struct error *err)
{
	json_t *sg = suggestion_list_json(rq->store, &rq->caller, rq->id, buyer), *x;
	size_t i;

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
				    "<button type=\"submit\" name=\"status\" value=\"rejected\" class=\"danger\">Reject</button></form>", rq->id);
		}
	}
	if (!buyer && (rq->caller.roles & ROLES_PROVIDER_GOV)) {
		static const char *const fields[] = {"body", NULL};

		html_fmt(b, "<form method=\"post\" action=\"/roadmap-items/%lld/suggestions" FORM_ANCHOR "\" class=\"grid\">", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		form_textarea(b, "Suggest an improvement", "body", err ? request_form(rq, "body") : NULL, 3, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Send suggestion</button></div></form>");
	}
	html_fmt(b, "</section>");
	json_decref(sg);
}

/* The component page of item id; err shows in the form named form. */
static void render_item_of(struct request *rq, struct response *rs, long long id, const struct error *err, const char *form)
{
	bool buyer = roadmap_buyer_of(rq), keeper = buyer && (rq->caller.roles & ROLES_ROADMAP);
	json_t *it = roadmap_item_json(rq->store, &rq->caller, id, buyer);
	struct buf *b = &rs->body;
	long long saved_id = rq->id;
	char m[40];

	if (!it) {
		page_error(rq, rs, 404, "There is no such roadmap item.");
		return;
	}
	rq->id = id; /* the sections below read the item's id from the request */
	roadmap_money(m, sizeof m, json_num(it, "budget"));
	page_begin(rq, rs, json_text(it, "title"));
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/roadmaps/%lld\">Back to the roadmap</a></p><h1>%s</h1>", json_num(it, "roadmap_id"),
		 json_text(it, "title"));
	html_fmt(b, "<p>Budget %s · %s – %s · <span class=\"pill\">%s</span>", m, json_text(it, "starts_on"), json_text(it, "ends_on"),
		 json_text(it, "phase"));
	if (json_is_string(json_object_get(it, "bid_deadline")))
		html_fmt(b, " · %s %s", phase_is(it, "open") ? "bids due by" : "bidding closed after", json_text(it, "bid_deadline"));
	html_fmt(b, "</p>");
	if (json_is_string(json_object_get(it, "award_rationale")))
		html_fmt(b, "<p class=\"banner good\"><strong>Why it was awarded:</strong> %s</p>", json_text(it, "award_rationale"));
	html_fmt(b, "<section class=\"card md\" id=\"description\"><h2>Scope, requirements and evaluation criteria</h2>");
	if (*json_text(it, "description_html"))
		buf_puts(b, json_text(it, "description_html")); /* Markdown the service rendered safely (no raw HTML, web links only). */
	else
		html_fmt(b, "<p class=\"muted\">No description yet.</p>");
	if (keeper && (phase_is(it, "draft") || phase_is(it, "open") || phase_is(it, "evaluating")))
		edit_form(b, rq, it, for_form(err, form, "edit"));
	html_fmt(b, "</section>");
	if (keeper)
		bidding_card(b, rq, it, for_form(err, form, "status"));
	if (buyer)
		bid_book(b, rq, it, for_form(err, form, "award"));
	else
		own_bid(b, rq, it, for_form(err, form, "bid"));
	suggestions(b, rq, buyer, for_form(err, form, "suggestion"));
	page_end(rs);
	rq->id = saved_id;
	json_decref(it);
}

static void render_item(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	render_item_of(rq, rs, rq->id, err, form);
}

void page_roadmap_item(struct request *rq, struct response *rs)
{
	render_item(rq, rs, NULL, NULL);
}

/* After a form post on item id: the page with its one-time message, or the page again with the error. */
static void item_result(struct request *rq, struct response *rs, long long id, int rc, const struct error *err, const char *form,
			const char *anchor, const char *message)
{
	char url[64];

	if (rc) {
		rs->status = err->status;
		render_item_of(rq, rs, id, err, form);
		return;
	}
	snprintf(url, sizeof url, "/roadmap-items/%lld#%s", id, anchor);
	page_saved(rq, rs, url, message);
}

void page_bid_submit(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long amount = -1;
	bool above = false;
	int rc;

	roadmap_form_amount(rq, "amount", &amount);
	rc = bid_submit(rq->store, &rq->caller, rq->id, amount, request_form(rq, "proposal"), &above, &err) < 0 ? -1 : 0;
	item_result(rq, rs, rq->id, rc, &err, "bid", "bid",
		    above ? "Bid saved. It is above the component's budget: it stands, and the buyer will see that." : "Bid saved. It stays sealed until the deadline.");
}

void page_bid_status(struct request *rq, struct response *rs)
{
	const char *status = request_form(rq, "status");
	long long item = bid_item_of(rq->store, rq->id);
	bool buyer = (rq->rel & REL_BUYER) != 0;
	struct error err = {0};
	json_t *it;
	char title[512], cancel[64];

	if (!item) {
		page_error(rq, rs, 404, "There is no such bid.");
		return;
	}
	if (!buyer && status && !strcmp(status, "withdrawn")) {
		it = roadmap_item_json(rq->store, &rq->caller, item, false);
		snprintf(title, sizeof title, "Withdraw your bid on %s?", it ? json_text(it, "title") : "this component");
		json_decref(it);
		snprintf(cancel, sizeof cancel, "/roadmap-items/%lld#bid", item);
		if (!form_confirm(rq, rs, title, "The buyer will not consider it. You may bid again until the deadline.", "Withdraw bid", cancel))
			return;
	}
	item_result(rq, rs, item, bid_set_status(rq->store, rq->id, status, buyer, &err), &err, buyer ? "award" : "bid",
		    buyer ? "bids" : "bid", buyer ? "Bid shortlisted." : "Bid withdrawn. You may bid again until the deadline.");
}

/* The award's confirmation page: what is awarded to whom, why, and a warning for a single bid or a bid above budget. */
static void award_confirmation(struct request *rq, struct response *rs, json_t *it, json_t *bid, size_t standing)
{
	struct buf *b = &rs->body;
	char title[768], amount[40], budget[40], cancel[64];

	roadmap_money(amount, sizeof amount, json_num(bid, "amount"));
	roadmap_money(budget, sizeof budget, json_num(it, "budget"));
	snprintf(title, sizeof title, "Award %s to %s?", json_text(it, "title"), json_text(bid, "org_name"));
	snprintf(cancel, sizeof cancel, "/roadmap-items/%lld#bids", rq->id);
	confirm_begin(rq, rs, title);
	html_fmt(b, "<p>%s's bid of %s, for a budget of %s. The award is final: %s is told it won, every other bidder that it did not, and the item leaves bidding.</p>",
		 json_text(bid, "org_name"), amount, budget, json_text(bid, "org_name"));
	if (standing == 1)
		html_fmt(b, "<p class=\"banner warn\">This is the only standing bid: there was no competition for it.</p>");
	if (bid_above_budget(json_num(bid, "amount"), json_num(it, "budget")))
		html_fmt(b, "<p class=\"banner warn\">This bid is above the component's budget of %s.</p>", budget);
	html_fmt(b, "<p><strong>Rationale</strong> (the winner reads it):</p><blockquote>%s</blockquote>", request_form(rq, "rationale"));
	confirm_end(rq, rs, "Award", cancel);
}

void page_award(struct request *rq, struct response *rs)
{
	const char *rationale = request_form(rq, "rationale");
	struct error err = {0};
	json_t *it = NULL, *bids = NULL, *x, *chosen = NULL;
	long long id = 0;
	size_t i, standing = 0;
	int rc = -1;
	char saved[400] = "";

	if (request_form(rq, "bid_id"))
		parse_id(request_form(rq, "bid_id"), &id);
	if (!award_rationale_check(rationale, &err))
		goto done;
	it = roadmap_item_json(rq->store, &rq->caller, rq->id, true);
	bids = bid_list_json(rq->store, &rq->caller, rq->id, true, &err);
	if (!it || !bids)
		goto done;
	json_array_foreach(json_object_get(bids, "items"), i, x)
	{
		if (strcmp(json_text(x, "status"), "withdrawn"))
			standing++;
		if (json_num(x, "id") == id && strcmp(json_text(x, "status"), "withdrawn"))
			chosen = x;
	}
	if (!chosen) {
		error_set(&err, 422, id ? "invalid" : "required", "bid_id", "choose one of the standing bids");
		goto done;
	}
	if (!form_confirmed(rq)) {
		award_confirmation(rq, rs, it, chosen, standing);
		json_decref(it);
		json_decref(bids);
		return;
	}
	snprintf(saved, sizeof saved, "Awarded to %s.", json_text(chosen, "org_name"));
	rc = bid_award(rq->store, rq->id, id, rationale, &err);
done:
	json_decref(it);
	json_decref(bids);
	item_result(rq, rs, rq->id, rc, &err, "award", "bids", saved);
}

void page_suggestion_submit(struct request *rq, struct response *rs)
{
	struct error err = {0};

	item_result(rq, rs, rq->id, suggestion_create(rq->store, &rq->caller, rq->id, request_form(rq, "body"), &err) < 0 ? -1 : 0, &err,
		    "suggestion", "suggestions", "Suggestion sent to the buyer.");
}

void page_item_edit(struct request *rq, struct response *rs)
{
	struct item_patch p = {request_form(rq, "title"), request_form(rq, "description"), NULL, NULL, false};
	struct error err = {0};

	item_result(rq, rs, rq->id, roadmap_item_update(rq->store, rq->id, &p, &err), &err, "edit", "description", "Component saved.");
}

/* The bidding form's actions: open a draft, extend the deadline, close bidding now, close without award (the last two confirmed). */
void page_item_open(struct request *rq, struct response *rs)
{
	const char *action = request_form(rq, "action"), *deadline = request_form(rq, "bid_deadline"), *message = NULL;
	struct item_patch p = {NULL, NULL, NULL, NULL, false};
	json_t *it = roadmap_item_json(rq->store, &rq->caller, rq->id, true);
	struct error err = {0};
	char title[512], cancel[64];
	bool confirmed = true;

	snprintf(cancel, sizeof cancel, "/roadmap-items/%lld#bidding", rq->id);
	if (!action || !strcmp(action, "open") || !strcmp(action, "extend")) {
		p.status = "open";
		p.bid_deadline = deadline && *deadline ? deadline : NULL;
		message = action && !strcmp(action, "extend") ? "Deadline extended; every bidder is told." : "Open for bids.";
	} else if (!strcmp(action, "close_bidding")) {
		p.close_bidding = true;
		snprintf(title, sizeof title, "Close bidding on %s now?", it ? json_text(it, "title") : "this component");
		confirmed = form_confirm(rq, rs, title,
					 "No provider can bid, revise or withdraw any more. The bids open today, and every bidder is told the deadline moved to yesterday.",
					 "Close bidding", cancel);
		message = "Bidding closed: the bids are open.";
	} else if (!strcmp(action, "close")) {
		p.status = "closed";
		snprintf(title, sizeof title, "Close %s without an award?", it ? json_text(it, "title") : "this component");
		confirmed = form_confirm(rq, rs, title,
					 "Bidding ends and nobody is awarded: every bidder reads it as not awarded to them. This cannot be undone.",
					 "Close without award", cancel);
		message = "Component closed without an award.";
	} else {
		error_set(&err, 422, "invalid", "action", "action must be open, extend, close_bidding or close");
	}
	json_decref(it);
	if (!confirmed)
		return;
	item_result(rq, rs, rq->id, err.status ? -1 : roadmap_item_update(rq->store, rq->id, &p, &err), &err, "status", "bidding", message);
}

void page_suggestion_decide(struct request *rq, struct response *rs)
{
	const char *status = request_form(rq, "status");
	struct error err = {0};

	if (status && !strcmp(status, "rejected") &&
	    !form_confirm(rq, rs, "Reject this suggestion?", "Its author reads it as rejected, with your note.", "Reject", form_back(rq, "/roadmaps")))
		return;
	if (suggestion_decide(rq->store, rq->id, status, request_form(rq, "note"), &err) != 0) {
		page_error(rq, rs, err.status, err.message);
		return;
	}
	page_saved(rq, rs, form_back(rq, "/roadmaps"), "Suggestion decided.");
}
