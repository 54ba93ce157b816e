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

/*
 * The term, contract manager and governance fields the new-engagement and the edit forms share
 * (pages_engagement.c), each refilled from the posted value or else from e (NULL: a new one).
 * The contract manager is chosen among the caller's organisation's active contract and
 * sourcing managers, the current one (or the caller) selected.
 */
static void contract_fields(struct buf *b, struct request *rq, json_t *e, const struct error *err);

void engagement_fields(struct buf *b, struct request *rq, json_t *e, const struct error *err)
{
	static const char *const defaults[] = {"buyer", "buyer", "provider"};
	static const char *const labels[] = {"Strategic management", "Tactical management", "Operations"};
	json_t *managers = user_choices_json(rq->store, rq->caller.org_id, ROLES_CONTRACT);
	const char *cm = request_form(rq, "contract_manager_id");
	char mine[24];

	snprintf(mine, sizeof mine, "%lld", e ? json_num(e, "contract_manager_id") : rq->caller.user_id);
	form_input(b, "Title", "title", "text", request_form(rq, "title") ?: json_text(e, "title"), err);
	form_select(b, "Service line", "service_line", service_lines, NULL, 3,
		    request_form(rq, "service_line") ?: json_text(e, "service_line"), err);
	form_input(b, "Starts on", "starts_on", "date", request_form(rq, "starts_on") ?: json_text(e, "starts_on"), err);
	form_input(b, "Ends on", "ends_on", "date", request_form(rq, "ends_on") ?: json_text(e, "ends_on"), err);
	form_pick(b, "Contract manager", "contract_manager_id", managers, cm ? cm : mine, false, err);
	for (int i = 0; i < GOV__MAX; i++) {
		char name[32];
		const char *now = e ? json_text(json_object_get(e, "governance"), gov_layer_name(i)) : defaults[i];

		snprintf(name, sizeof name, "governance.%s", gov_layer_name(i));
		form_select(b, labels[i], name, leads, lead_labels, 3, request_form(rq, name) ?: now, err);
	}
	json_decref(managers);
	contract_fields(b, rq, e, err);
}

/* An amount the engagement answers (a number, or null) as the text its input shows. */
static void amount_text(json_t *e, const char *key, char out[32])
{
	json_t *v = json_object_get(e, key);

	if (json_is_number(v))
		snprintf(out, 32, "%.2f", json_number_value(v));
	else
		out[0] = '\0';
}

/* The contract (docs/delivery.md): amounts, currency, notice and renewal; the posted values or else e's. */
static void contract_fields(struct buf *b, struct request *rq, json_t *e, const struct error *err)
{
	static const char *const renewals[] = {"none", "option", "automatic"};
	static const char *const renewal_labels[] = {"None: it ends", "Option to renew", "Renews automatically"};
	char value[32], charge[32], notice[16] = "";
	json_t *n = json_object_get(e, "notice_days");

	amount_text(e, "contract_value", value);
	amount_text(e, "monthly_charge", charge);
	if (json_is_integer(n))
		snprintf(notice, sizeof notice, "%lld", (long long)json_integer_value(n));
	form_input(b, "Contract value (optional)", "contract_value", "text", request_form(rq, "contract_value") ?: value, err);
	form_input(b, "Monthly charge (optional)", "monthly_charge", "text", request_form(rq, "monthly_charge") ?: charge, err);
	form_input(b, "Currency (ISO 4217)", "currency", "text",
		   request_form(rq, "currency") ?: (e ? json_text(e, "currency") : "USD"), err);
	form_input(b, "Notice days (optional)", "notice_days", "number", request_form(rq, "notice_days") ?: notice, err);
	form_select(b, "Renewal", "renewal", renewals, renewal_labels, 3,
		    request_form(rq, "renewal") ?: (e ? json_text(e, "renewal") : "none"), err);
}

/* A posted text as the JSON string the service reads, or NULL when not posted. */
static json_t *posted_json(struct request *rq, const char *name)
{
	const char *v = request_form(rq, name);

	return v ? json_string(v) : NULL;
}

void engagement_posted_release(struct engagement_input *in)
{
	json_decref(in->contract_value);
	json_decref(in->monthly_charge);
	json_decref(in->notice_days);
}

/* The engagement fields a form posted, into in (provider and contract manager 0 when absent or not an id: the service names them). */
void engagement_posted(struct request *rq, struct engagement_input *in)
{
	const char *pid = request_form(rq, "provider_org_id"), *cm = request_form(rq, "contract_manager_id");

	if (!pid || !parse_id(pid, &in->provider_org_id))
		in->provider_org_id = 0;
	if (cm && *cm && !parse_id(cm, &in->contract_manager_id))
		in->contract_manager_id = -1;
	in->title = request_form(rq, "title");
	in->service_line = request_form(rq, "service_line");
	in->starts_on = request_form(rq, "starts_on");
	in->ends_on = request_form(rq, "ends_on");
	for (int i = 0; i < GOV__MAX; i++) {
		char name[32];

		snprintf(name, sizeof name, "governance.%s", gov_layer_name(i));
		in->gov[i] = request_form(rq, name);
	}
	in->contract_value = posted_json(rq, "contract_value");
	in->monthly_charge = posted_json(rq, "monthly_charge");
	in->notice_days = posted_json(rq, "notice_days");
	in->currency = request_form(rq, "currency");
	in->renewal = request_form(rq, "renewal");
}

/* The new-engagement form: the provider chosen among every provider organisation of the directory. */
static void engagement_form(struct buf *b, struct request *rq, const struct error *err)
{
	static const char *const fields[] = {"provider_org_id", "title", "service_line", "starts_on",
					     "ends_on", "contract_manager_id",
					     "governance.strategic", "governance.tactical",
					     "governance.operations", "contract_value", "monthly_charge",
					     "currency", "notice_days", "renewal", NULL};
	json_t *providers = org_choices_json(rq->store, ORG_PROVIDER);

	html_fmt(b, "<section class=\"card\" id=\"new-engagement\"><h2>Open a new engagement</h2>"
		    "<form method=\"post\" action=\"/engagements" FORM_ANCHOR "\" class=\"grid\">");
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	form_pick(b, "Provider", "provider_org_id", providers, request_form(rq, "provider_org_id"), false, err);
	engagement_fields(b, rq, NULL, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Open engagement</button></div></form></section>");
	json_decref(providers);
}

/* The admin's organisations: every one, linked, and the form that creates one. */
static void orgs_section(struct buf *b, struct request *rq, const struct error *err)
{
	static const char *const kinds[] = {"buyer", "provider", "platform"};
	static const char *const kind_labels[] = {"Buyer", "Provider", "Platform"};
	static const char *const fields[] = {"name", "kind", "industry", NULL};
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *orgs = org_list_json(rq->store, &rq->caller, pg), *o;
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"orgs\"><h2>Organisations</h2><table class=\"list\"><thead><tr><th>Name</th><th>Kind</th><th>Industry</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(orgs, "items"), i, o)
		html_fmt(b, "<tr><td><a href=\"/orgs/%lld\">%s</a></td><td>%s</td><td>%s</td></tr>", json_num(o, "id"),
			 json_text(o, "name"), json_text(o, "kind"), json_text(o, "industry"));
	html_fmt(b, "</tbody></table><form method=\"post\" action=\"/orgs" FORM_ANCHOR "\" class=\"grid\">");
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	form_input(b, "Name", "name", "text", err ? request_form(rq, "name") : "", err);
	form_select(b, "Kind", "kind", kinds, kind_labels, 3, err ? request_form(rq, "kind") : "buyer", err);
	form_input(b, "Industry (optional)", "industry", "text", err ? request_form(rq, "industry") : "", err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Add organisation</button></div></form></section>");
	json_decref(orgs);
}

static void render(struct request *rq, struct response *rs, const struct error *err, const char *form)
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
		engagement_form(b, rq, form && !strcmp(form, "engagement") ? err : NULL);
	if (rq->caller.roles & ROLE_BIT(ROLE_ADMIN))
		orgs_section(b, rq, form && !strcmp(form, "org") ? err : NULL);
	page_end(rs);
	json_decref(list);
}

void page_dashboard(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL, NULL);
}

void page_engagement_create(struct request *rq, struct response *rs)
{
	struct engagement_input in = {0};
	struct error err = {0};
	char loc[48];
	long long id;

	engagement_posted(rq, &in);
	id = engagement_create(rq->store, &rq->caller, &in, &err);
	engagement_posted_release(&in);
	if (id < 0) {
		rs->status = err.status;
		render(rq, rs, &err, "engagement");
		return;
	}
	snprintf(loc, sizeof loc, "/engagements/%lld", id);
	page_saved(rq, rs, loc, "Engagement created; it waits for the provider's acceptance.");
}

/* An admin adds an organisation (POST /api/v1/orgs in the browser). */
void page_org_create(struct request *rq, struct response *rs)
{
	struct org_input in = {request_form(rq, "name"), request_form(rq, "kind"), request_form(rq, "industry")};
	struct error err = {0};
	long long id = org_create(rq->store, &in, &err);
	char loc[48];

	if (id < 0) {
		rs->status = err.status;
		render(rq, rs, &err, "org");
		return;
	}
	snprintf(loc, sizeof loc, "/orgs/%lld", id);
	page_saved(rq, rs, loc, "Organisation added. Add its first manager below.");
}
