/* pages_governance: the engagement page's governance — compliance, the mandate, the review timeline and strategic issues — and their forms. */
#include <stdio.h>
#include <string.h>

#include "../service/issues.h"
#include "../service/reviews.h"
#include "pages.h"

static const char *const cadences[] = {"quarterly", "half-yearly", "annual"};
static const char *const cadence_labels[] = {"Quarterly", "Half-yearly", "Annual"};
static const char *const issue_kinds[] = {"issue", "plan", "imperative"};
static const char *const issue_kind_labels[] = {"Strategic issue", "Plan", "Imperative"};

/* Roles a mandate may require, as the form offers them. */
static const enum role mandate_roles[] = {ROLE_BUYER_CXO,	   ROLE_UNIT_CIO,
					  ROLE_CONTRACT_MANAGER,   ROLE_SOURCING_MANAGER,
					  ROLE_PROVIDER_LEADERSHIP, ROLE_PROVIDER_CONSULTING,
					  ROLE_MEMBER};

static const char *field_error_of(const struct error *err, const char *name)
{
	return err && err->field && strcmp(err->field, name) == 0 ? err->message : NULL;
}

static void compliance_card(struct buf *b, long long id, json_t *c)
{
	html_fmt(b, "<section class=\"card\"><h2>Review compliance</h2><div class=\"stats\">");
	html_fmt(b, "<div><strong>%lld</strong><span>due so far</span></div>", json_num(c, "due"));
	html_fmt(b, "<div class=\"good\"><strong>%lld</strong><span>held on time</span></div>", json_num(c, "held_on_time"));
	html_fmt(b, "<div class=\"%s\"><strong>%lld</strong><span>late</span></div>", json_num(c, "late") ? "warn" : "", json_num(c, "late"));
	html_fmt(b, "<div class=\"%s\"><strong>%lld</strong><span>missed</span></div>", json_num(c, "missed") ? "bad" : "", json_num(c, "missed"));
	html_fmt(b, "<div class=\"%s\"><strong>%lld</strong><span>without quorum</span></div>", json_num(c, "without_quorum") ? "warn" : "", json_num(c, "without_quorum"));
	html_fmt(b, "<div><strong>%lld</strong><span>in grace</span></div>", json_num(c, "in_grace"));
	html_fmt(b, "<div><strong>%lld</strong><span>upcoming</span></div></div>", json_num(c, "upcoming"));
	html_fmt(b, "<p class=\"muted\"><a href=\"/api/v1/engagements/%lld/compliance?format=csv\">Download as CSV</a></p></section>", id);
}

/* The mandate, and its form for the buyer's contract roles while the engagement is not declined. */
static void mandate_card(struct request *rq, struct buf *b, json_t *e, const struct error *err)
{
	static const char *const fields[] = {"cadence", "required_roles", "grace_days", NULL};
	long long id = json_num(e, "id");
	json_t *m = mandate_get_json(rq->store, id), *r;
	bool may = (rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_CONTRACT) &&
		   strcmp(json_text(e, "acceptance"), "declined") != 0;
	const char *msg = field_error_of(err, "required_roles");
	char grace[16];
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"mandate\"><h2>Governance mandate</h2>");
	if (m) {
		html_fmt(b, "<p><strong>%s</strong> business reviews, %lld days of grace. Must attend:",
			 json_text(m, "cadence"), json_num(m, "grace_days"));
		json_array_foreach(json_object_get(m, "required_roles"), i, r)
			html_fmt(b, " <span class=\"pill\">%s</span>", role_label(role_parse(json_string_value(r))));
		html_fmt(b, "</p>");
	} else {
		html_fmt(b, "<p class=\"muted\">No mandate yet: no reviews are scheduled.</p>");
	}
	if (may) {
		html_fmt(b, "<details%s><summary>%s the mandate</summary>", err ? " open" : "", m ? "Change" : "Set");
		html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/mandate" FORM_ANCHOR "\" class=\"grid\">", id);
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		form_select(b, "Cadence", "cadence", cadences, cadence_labels, 3,
			    request_form(rq, "cadence") ?: (m ? json_text(m, "cadence") : "half-yearly"), err);
		snprintf(grace, sizeof grace, "%lld", m ? json_num(m, "grace_days") : (long long)GRACE_DAYS_DEFAULT);
		form_input(b, "Grace days", "grace_days", "number", request_form(rq, "grace_days") ?: grace, err);
		html_fmt(b, "<fieldset class=\"field wide%s\"><legend>Roles that must attend</legend>", msg ? " invalid" : "");
		for (size_t k = 0; k < sizeof mandate_roles / sizeof mandate_roles[0]; k++) {
			const char *name = role_name(mandate_roles[k]);
			bool on = false;
			char key[48];

			snprintf(key, sizeof key, "role_%s", name);
			if (err)
				on = request_form(rq, key) != NULL;
			else if (m)
				json_array_foreach(json_object_get(m, "required_roles"), i, r) on |= strcmp(json_string_value(r), name) == 0;
			html_fmt(b, "<label class=\"check\"><input type=\"checkbox\" name=\"%s\"%s> %s</label>", key,
				 on ? " checked" : "", role_label(mandate_roles[k]));
		}
		if (msg)
			html_fmt(b, "<em class=\"error\">%s</em>", msg);
		html_fmt(b, "</fieldset><div class=\"actions\"><button type=\"submit\">Save mandate and plan reviews</button>"
			    " <span class=\"muted\">Future planned reviews move to the new schedule; held ones stay.</span></div></form></details>");
	}
	html_fmt(b, "</section>");
	json_decref(m);
}

static void timeline_card(struct request *rq, struct buf *b, long long id, const struct error *err)
{
	static const char *const fields[] = {"due_on", "agenda", NULL};
	struct page all = {0, PAGE_LIMIT_MAX};
	json_t *list = review_list_json(rq->store, id, all), *r;
	json_t *items = json_object_get(list, "items");
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"reviews\"><h2>Governance timeline</h2>");
	if (json_array_size(items) == 0)
		html_fmt(b, "<p class=\"muted\">No reviews yet.</p>");
	html_fmt(b, "<ol class=\"timeline\">");
	json_array_foreach(items, i, r)
	{
		const char *status = json_text(r, "status");
		bool held = json_is_string(json_object_get(r, "held_on"));
		bool quorum = json_is_true(json_object_get(r, "quorum_met"));

		html_fmt(b, "<li class=\"st-%s%s\"><a href=\"/reviews/%lld\" title=\"%s\"><span class=\"dot\"></span>"
			    "<span class=\"date\">%s</span></a></li>",
			 status, held && !quorum ? " noquorum" : "", json_num(r, "id"), status,
			 held ? json_text(r, "held_on") : json_text(r, "due_on"));
	}
	html_fmt(b, "</ol><table class=\"list\"><thead><tr><th>Due</th><th>Held on</th><th>Status</th><th>Kind</th><th></th></tr></thead><tbody>");
	json_array_foreach(items, i, r)
	{
		bool held = json_is_string(json_object_get(r, "held_on"));

		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>", json_text(r, "due_on"), held ? json_text(r, "held_on") : "—");
		status_pill(b, json_text(r, "status"), json_is_true(json_object_get(r, "quorum_met")), held);
		html_fmt(b, "</td><td>%s</td><td><a href=\"/reviews/%lld\">Open</a></td></tr>",
			 json_is_true(json_object_get(r, "adhoc")) ? "ad hoc" : "mandated", json_num(r, "id"));
	}
	html_fmt(b, "</tbody></table>");
	if ((rq->rel & REL_ACCEPTED) && access_runs_reviews(rq->rel, rq->caller.roles)) {
		html_fmt(b, "<details%s><summary>Add an ad-hoc review</summary>", err ? " open" : "");
		html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/reviews" FORM_ANCHOR "\" class=\"grid\">", id);
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		form_input(b, "Due on", "due_on", "date", request_form(rq, "due_on"), err);
		form_textarea(b, "Agenda (Markdown)", "agenda", request_form(rq, "agenda"), 3, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Add review</button></div></form></details>");
	}
	html_fmt(b, "</section>");
	json_decref(list);
}

static void issues_card(struct request *rq, struct buf *b, long long id, const struct error *err)
{
	static const char *const fields[] = {"kind", "title", "body", NULL};
	struct page all = {0, PAGE_LIMIT_MAX};
	json_t *list = issue_list_json(rq->store, id, NULL, all), *x;
	json_t *items = json_object_get(list, "items");
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"issues\"><h2>Plans, strategic issues and imperatives</h2>");
	if (json_array_size(items) == 0)
		html_fmt(b, "<p class=\"muted\">The buyer has not shared any yet.</p>");
	else
		html_fmt(b, "<table class=\"list\"><thead><tr><th>Shared</th><th>Kind</th><th>Title</th><th>Status</th><th>Responses</th></tr></thead><tbody>");
	json_array_foreach(items, i, x)
	{
		html_fmt(b, "<tr><td>%.10s</td><td>%s</td><td><a href=\"/issues/%lld\">%s</a></td>"
			    "<td><span class=\"pill is-%s\">%s</span></td><td>%lld</td></tr>",
			 json_text(x, "created_at"), json_text(x, "kind"), json_num(x, "id"), json_text(x, "title"),
			 json_text(x, "status"), json_text(x, "status"), json_num(x, "responses_count"));
	}
	if (json_array_size(items))
		html_fmt(b, "</tbody></table>");
	if ((rq->rel & REL_ACCEPTED) && (rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_BUYER_GOV)) {
		html_fmt(b, "<details%s><summary>Share a plan, issue or imperative</summary>", err ? " open" : "");
		html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/issues" FORM_ANCHOR "\" class=\"grid\">", id);
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		form_select(b, "Kind", "kind", issue_kinds, issue_kind_labels, 3, request_form(rq, "kind"), err);
		form_input(b, "Title", "title", "text", request_form(rq, "title"), err);
		form_textarea(b, "What the provider should know (Markdown)", "body", request_form(rq, "body"), 4, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Share with the provider</button></div></form></details>");
	}
	html_fmt(b, "</section>");
	json_decref(list);
}

void governance_sections(struct request *rq, struct buf *b, json_t *e, const struct error *err,
			 const char *form)
{
	long long id = json_num(e, "id");
	json_t *c = compliance_json(rq->store, id);

	if (c)
		compliance_card(b, id, c);
	json_decref(c);
	mandate_card(rq, b, e, form && !strcmp(form, "mandate") ? err : NULL);
	timeline_card(rq, b, id, form && !strcmp(form, "review") ? err : NULL);
	issues_card(rq, b, id, form && !strcmp(form, "issue") ? err : NULL);
}
