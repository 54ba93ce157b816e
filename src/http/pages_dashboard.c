/* pages_dashboard: the caller's engagements at a glance, and the form a contract manager opens a new one with. */
#include <stdio.h>
#include <string.h>

#include "../service/engagements.h"
#include "../service/reviews.h"
#include "pages.h"

static const char *const service_lines[] = {"IT", "ITES", "BPO"};
static const char *const leads[] = {"buyer", "provider", "joint"};
static const char *const lead_labels[] = {"Buyer leads", "Provider leads", "Joint"};

/* "3 on time · 1 late · 1 missed · 1 without quorum" for an engagement's row, from the portfolio. */
static void reviews_cell(struct buf *b, json_t *portfolio, long long id)
{
	static const char *const keys[] = {"held_on_time", "late", "missed", "without_quorum", "in_grace"};
	static const char *const labels[] = {"on time", "late", "missed", "without quorum", "in grace"};
	static const char *const classes[] = {"st-held", "st-late", "st-missed", "st-noquorum", "st-planned"};
	json_t *c = NULL, *x;
	size_t i;
	int shown = 0;

	json_array_foreach(json_object_get(portfolio, "items"), i, x) if (json_num(x, "engagement_id") == id) c = x;
	html_fmt(b, "<td>");
	for (size_t k = 0; c && k < sizeof keys / sizeof keys[0]; k++) {
		long long v = json_num(c, keys[k]);

		if (v)
			html_fmt(b, "%s<span class=\"pill %s\">%lld %s</span>", shown++ ? " " : "", classes[k], v, labels[k]);
	}
	if (!shown)
		html_fmt(b, "<span class=\"muted\">none due yet</span>");
	html_fmt(b, "</td>");
}

static void engagement_rows(struct buf *b, struct request *rq, json_t *list)
{
	bool buyer = rq->caller.org_kind == ORG_BUYER;
	json_t *portfolio = portfolio_json(rq->store, &rq->caller);
	size_t i;
	json_t *e;

	html_fmt(b, "<table class=\"list\"><thead><tr><th>Engagement</th><th>%s</th><th>Service line</th>"
		    "<th>Term</th><th>Reviews</th><th>Mode</th></tr></thead><tbody>",
		 buyer ? "Provider" : "Customer");
	json_array_foreach(json_object_get(list, "items"), i, e)
	{
		json_t *party = json_object_get(e, buyer ? "provider" : "buyer");
		const char *mode = json_string_value(json_object_get(e, "mode"));

		html_fmt(b, "<tr><td><a href=\"/engagements/%lld\">%s</a></td>",
			 (long long)json_integer_value(json_object_get(e, "id")),
			 json_string_value(json_object_get(e, "title")));
		html_fmt(b, "<td><a href=\"/orgs/%lld\">%s</a></td><td>%s</td><td>%s – %s</td>",
			 (long long)json_integer_value(json_object_get(party, "id")),
			 json_string_value(json_object_get(party, "name")),
			 json_string_value(json_object_get(e, "service_line")),
			 json_string_value(json_object_get(e, "starts_on")),
			 json_string_value(json_object_get(e, "ends_on")));
		reviews_cell(b, portfolio, (long long)json_integer_value(json_object_get(e, "id")));
		html_fmt(b, "<td><span class=\"pill %s\">%s</span>", mode, mode);
		/* Not yet accepted (or declined): said where the engagement is listed, to both sides. */
		if (strcmp(json_text(e, "acceptance"), "accepted") != 0)
			html_fmt(b, " <span class=\"pill acceptance-%s\">%s</span>", json_text(e, "acceptance"),
				 !strcmp(json_text(e, "acceptance"), "pending") ? "awaiting acceptance" : "declined");
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table>");
	json_decref(portfolio);
	if (json_array_size(json_object_get(list, "items")) == 0)
		html_fmt(b, "<p class=\"muted\">No engagements yet.</p>");
}

/* The new-engagement form, refilled from the posted values and showing err beside its field. */
static void engagement_form(struct buf *b, struct request *rq, const struct error *err)
{
	static const char *const fields[] = {"provider_org_id", "title", "service_line", "starts_on",
					     "ends_on", "contract_manager_id",
					     "governance.strategic", "governance.tactical",
					     "governance.operations", NULL};
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *orgs = org_list_json(rq->store, &rq->caller, pg), *o;
	const char *ids[PAGE_LIMIT_MAX], *names[PAGE_LIMIT_MAX];
	char idbuf[PAGE_LIMIT_MAX][24];
	size_t i, n = 0;

	json_array_foreach(json_object_get(orgs, "items"), i, o)
	{
		if (strcmp(json_string_value(json_object_get(o, "kind")), "provider") != 0)
			continue;
		snprintf(idbuf[n], sizeof idbuf[n], "%lld",
			 (long long)json_integer_value(json_object_get(o, "id")));
		ids[n] = idbuf[n];
		names[n] = json_string_value(json_object_get(o, "name"));
		n++;
	}
	html_fmt(b, "<section class=\"card\"><h2>Open a new engagement</h2>"
		    "<form method=\"post\" action=\"/engagements" FORM_ANCHOR "\" class=\"grid\">");
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	form_select(b, "Provider", "provider_org_id", ids, names, n,
		    request_form(rq, "provider_org_id"), err);
	form_input(b, "Title", "title", "text", request_form(rq, "title"), err);
	form_select(b, "Service line", "service_line", service_lines, NULL, 3,
		    request_form(rq, "service_line"), err);
	form_input(b, "Starts on", "starts_on", "date", request_form(rq, "starts_on"), err);
	form_input(b, "Ends on", "ends_on", "date", request_form(rq, "ends_on"), err);
	form_select(b, "Strategic management", "governance.strategic", leads, lead_labels, 3,
		    request_form(rq, "governance.strategic") ?: "buyer", err);
	form_select(b, "Tactical management", "governance.tactical", leads, lead_labels, 3,
		    request_form(rq, "governance.tactical") ?: "buyer", err);
	form_select(b, "Operations", "governance.operations", leads, lead_labels, 3,
		    request_form(rq, "governance.operations") ?: "provider", err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Open engagement</button></div></form></section>");
	json_decref(orgs);
}

static void render(struct request *rq, struct response *rs, const struct error *err)
{
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = engagement_list_json(rq->store, &rq->caller, pg);
	struct buf *b = &rs->body;

	page_begin(rq, rs, "Engagements");
	html_fmt(b, "<h1>Engagements</h1><p class=\"muted\">%s · %s</p>", rq->caller.org_name,
		 org_kind_name(rq->caller.org_kind));
	html_fmt(b, "<section class=\"card\">");
	engagement_rows(b, rq, list);
	html_fmt(b, "</section>");
	if (rq->caller.roles & ROLES_CONTRACT)
		engagement_form(b, rq, err);
	page_end(rs);
	json_decref(list);
}

void page_dashboard(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL);
}

void page_engagement_create(struct request *rq, struct response *rs)
{
	struct engagement_input in = {0};
	struct error err = {0};
	const char *pid = request_form(rq, "provider_org_id");
	char loc[48];
	long long id;

	if (!pid || !parse_id(pid, &in.provider_org_id))
		in.provider_org_id = 0;
	in.title = request_form(rq, "title");
	in.service_line = request_form(rq, "service_line");
	in.starts_on = request_form(rq, "starts_on");
	in.ends_on = request_form(rq, "ends_on");
	for (int i = 0; i < GOV__MAX; i++) {
		char name[32];

		snprintf(name, sizeof name, "governance.%s", gov_layer_name(i));
		in.gov[i] = request_form(rq, name);
	}
	id = engagement_create(rq->store, &rq->caller, &in, &err);
	if (id < 0) {
		rs->status = err.status;
		render(rq, rs, &err);
		return;
	}
	snprintf(loc, sizeof loc, "/engagements/%lld", id);
	page_saved(rq, rs, loc, "Engagement created; it waits for the provider's acceptance.");
}
