/* pages_engagement: one engagement — its parties, term, governance split, governance record, mode and mode history. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/engagements.h"
#include "../service/issues.h"
#include "../service/reviews.h"
#include "../service/adoptions.h"
#include "../service/obligations.h"
#include "../util/money.h"
#include "pages.h"



static const char *lead_label(const char *lead)
{
	if (strcmp(lead, "buyer") == 0)
		return "Buyer leads";
	if (strcmp(lead, "provider") == 0)
		return "Provider leads";
	return "Joint";
}

/* What the trust model recommends, in words, with the way to its evidence. */
static void mode_advice(struct buf *b, json_t *e)
{
	json_t *t = json_object_get(e, "trust");
	const char *mode = json_text(e, "mode"), *rec = json_text(t, "recommended_mode");
	long long id = json_num(e, "id");

	if (!t || !json_is_number(json_object_get(t, "score"))) {
		html_fmt(b, "<p class=\"muted\">No trust score yet: it comes with the first held review. "
			    "<a href=\"/engagements/%lld/trust\">How trust is scored</a></p>", id);
		return;
	}
	html_fmt(b, "<p>Trust <a href=\"/engagements/%lld/trust\"><strong>%d</strong> of 100</a>. ", id,
		 (int)(json_number_value(json_object_get(t, "score")) + 0.5));
	if (strcmp(rec, mode) != 0 && !strcmp(rec, "partnership"))
		html_fmt(b, "</p><p class=\"banner good\">Trust has held high over the last reviews: accord recommends moving to partnership. "
			    "<a href=\"/engagements/%lld/trust\">See why</a></p>", id);
	else if (strcmp(rec, mode) != 0)
		html_fmt(b, "</p><p class=\"banner warn\">Trust has stayed low over the last reviews: accord warns of a regression to provider-vendor mode. "
			    "<a href=\"/engagements/%lld/trust\">See why</a></p>", id);
	else if (!strcmp(json_text(t, "advice"), "regression"))
		html_fmt(b, "Trust has stayed low over the last reviews. <a href=\"/engagements/%lld/trust\">See why</a></p>", id);
	else
		html_fmt(b, "The current mode fits the evidence. <a href=\"/engagements/%lld/trust\">See why</a></p>", id);
}

/* Practices adopted on this engagement, with their stage and benefit. */
static void adoptions_section(struct buf *b, struct request *rq)
{
	json_t *list = adoption_list_engagement_json(rq->store, rq->id), *a;
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"adoptions\"><h2>Practices adopted</h2>");
	if (!json_array_size(json_object_get(list, "items")))
		html_fmt(b, "<p class=\"muted\">None yet. <a href=\"/practices\">Browse the practice library</a>.</p>");
	json_array_foreach(json_object_get(list, "items"), i, a)
	{
		json_t *benefit = json_object_get(a, "benefit");

		html_fmt(b, "<p><a href=\"/practices/%lld\">%s</a> <span class=\"pill ad-%s\">%s</span> <span class=\"muted\">%s</span>",
			 json_num(a, "practice_id"), json_text(a, "practice_title"), json_text(a, "status"), json_text(a, "status"),
			 json_text(benefit, "text"));
		json_t *v = json_object_get(benefit, "value");
		char value[32];

		if (json_is_number(v)) {
			snprintf(value, sizeof value, "%.15g", json_number_value(v));
			html_fmt(b, " <strong>%s %s</strong>", value, json_text(benefit, "unit"));
		}
		html_fmt(b, "</p>");
	}
	html_fmt(b, "</section>");
	json_decref(list);
}

/* What accepting opens to the buyer, said before the provider's leadership binds itself. */
static void acceptance_consequences(struct buf *b, json_t *e)
{
	const char *buyer = json_text(json_object_get(e, "buyer"), "name");

	html_fmt(b, "<ul><li>%s sees your organisation's people and business units.</li>"
		    "<li>%s finds and reads your published practices, and may adopt them on this engagement.</li>"
		    "<li>%s may invite you to its summits as one of its providers, and you may invite it to yours as a customer.</li>"
		    "<li>Both sides hold reviews, share strategic issues and answer surveys on this engagement.</li></ul>"
		    "<p class=\"muted\">A decision is final: it cannot be changed afterwards.</p>",
		 buyer, buyer, buyer);
}

/* The engagement's acceptance: its state for both sides, and the decision form for the provider's leadership. */
static void acceptance_section(struct request *rq, struct buf *b, json_t *e, const struct error *err)
{
	static const char *const decisions[] = {"accept", "decline"};
	static const char *const decision_labels[] = {"Accept the engagement", "Decline it"};
	static const char *const fields[] = {"decision", "reason", NULL};
	const char *state = json_text(e, "acceptance"), *provider = json_text(json_object_get(e, "provider"), "name");
	json_t *d = json_object_get(e, "acceptance_decision");

	if (!strcmp(state, "accepted") && !err)
		return;
	html_fmt(b, "<section class=\"card\" id=\"acceptance\"><h2>Acceptance</h2>");
	form_error_banner(b, err, fields);
	if (!strcmp(state, "declined")) {
		html_fmt(b, "<p class=\"banner warn\">%s declined this engagement on %.10s (%s).", provider, json_text(d, "at"),
			 json_text(d, "by_name"));
		if (*json_text(d, "reason"))
			html_fmt(b, " Reason: %s", json_text(d, "reason"));
		html_fmt(b, "</p><p class=\"muted\">It stays here as a record and opens nothing to either side.</p>");
	} else if (!strcmp(state, "pending") && (rq->rel & REL_BUYER)) {
		html_fmt(b, "<p class=\"banner\">Awaiting %s's acceptance. Until then you see its organisation card only, "
			    "and reviews, issues and surveys wait.</p>", provider);
	} else if (!strcmp(state, "pending")) {
		html_fmt(b, "<p class=\"banner\">%s asks you to accept this engagement. Accepting it opens:</p>",
			 json_text(json_object_get(e, "buyer"), "name"));
		acceptance_consequences(b, e);
		if (rq->caller.roles & ROLES_ACCEPT) {
			html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/acceptance" FORM_ANCHOR "\" class=\"grid\">", rq->id);
			form_csrf(b, rq);
			form_select(b, "Decision", "decision", decisions, decision_labels, 2, request_form(rq, "decision"), err);
			form_input(b, "Reason (optional)", "reason", "text", request_form(rq, "reason"), err);
			html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Continue</button></div></form>");
		} else {
			html_fmt(b, "<p class=\"muted\">Your organisation's leadership decides.</p>");
		}
	}
	html_fmt(b, "</section>");
}

/* The buyer's contract roles edit the title, service line, term, contract manager and governance split (PATCH /api/v1/engagements/{id}). */
static void edit_section(struct buf *b, struct request *rq, json_t *e, const struct error *err)
{
	static const char *const fields[] = {"title", "service_line", "starts_on", "ends_on", "contract_manager_id",
					     "governance.strategic", "governance.tactical", "governance.operations",
					     "contract_value", "monthly_charge", "currency", "notice_days", "renewal", NULL};

	html_fmt(b, "<section class=\"card\" id=\"edit\"><details%s><summary>Edit the engagement</summary>", err ? " open" : "");
	html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/edit" FORM_ANCHOR "\" class=\"grid\">", rq->id);
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	engagement_fields(b, rq, e, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Save changes</button>"
		    " <span class=\"muted\">A changed term moves the future planned reviews.</span></div></form></details></section>");
}

/* An amount of the contract with its currency, or "not recorded". */
static void amount(struct buf *b, json_t *e, const char *key)
{
	json_t *v = json_object_get(e, key);
	char text[MONEY_HUMAN_MAX];
	long long cents;

	if (!json_is_number(v) || !money_from_number(json_number_value(v), &cents)) {
		html_fmt(b, "<span class=\"muted\">not recorded</span>");
		return;
	}
	money_format_human(cents, json_text(e, "currency"), text);
	html_fmt(b, "%s", text);
}

/* Each side's overdue obligations, listed by title (the register is on the obligations page). */
static void overdue_of(struct buf *b, json_t *reg, const char *side, const char *name)
{
	size_t i, n = 0;
	json_t *o;

	html_fmt(b, "<dt>Overdue obligations of %s</dt><dd id=\"overdue-%s\">", name, side);
	json_array_foreach(json_object_get(reg, "items"), i, o)
	{
		if (!json_is_true(json_object_get(o, "overdue")) || strcmp(json_text(o, "owed_by"), side) != 0)
			continue;
		html_fmt(b, "%s<a href=\"/engagements/%lld/obligations#obligation-%lld\">%s</a> <span class=\"muted\">(due %s)</span>",
			 n++ ? "; " : "", json_num(o, "engagement_id"), json_num(o, "id"), json_text(o, "title"), json_text(o, "due_on"));
	}
	html_fmt(b, n ? "</dd>" : "<span class=\"muted\">none</span></dd>");
}

/* The contract: what it is worth and costs, when notice must be given, how it renews, and what each side owes overdue. */
static void contract_section(struct buf *b, struct request *rq, json_t *e)
{
	static const char *const renewal_words[][2] = {{"none", "none: it ends"}, {"option", "option to renew"}, {"automatic", "renews automatically"}};
	json_t *reg = obligations_json(rq->store, rq->id);
	const char *renewal = json_text(e, "renewal");

	html_fmt(b, "<section class=\"card\" id=\"contract\"><h2>Contract</h2><dl>");
	html_fmt(b, "<dt>Contract value</dt><dd>");
	amount(b, e, "contract_value");
	html_fmt(b, "</dd><dt>Monthly charge</dt><dd>");
	amount(b, e, "monthly_charge");
	if (json_text(e, "notice_on")[0])
		html_fmt(b, "</dd><dt>Next notice date</dt><dd id=\"notice-on\"><strong>%s</strong> <span class=\"muted\">(%lld days' notice before the end on %s)</span></dd>",
			 json_text(e, "notice_on"), json_num(e, "notice_days"), json_text(e, "ends_on"));
	else
		html_fmt(b, "</dd><dt>Next notice date</dt><dd id=\"notice-on\"><span class=\"muted\">no notice period recorded; the contract ends on %s</span></dd>",
			 json_text(e, "ends_on"));
	for (size_t i = 0; i < sizeof renewal_words / sizeof renewal_words[0]; i++)
		if (!strcmp(renewal, renewal_words[i][0]))
			html_fmt(b, "<dt>Renewal</dt><dd>%s</dd>", renewal_words[i][1]);
	overdue_of(b, reg, "provider", json_text(json_object_get(e, "provider"), "name"));
	overdue_of(b, reg, "buyer", json_text(json_object_get(e, "buyer"), "name"));
	html_fmt(b, "</dl><p><a href=\"/engagements/%lld/obligations\">The obligations register</a></p></section>", rq->id);
	json_decref(reg);
}

static void render(struct request *rq, struct response *rs, const struct error *err,
		   const char *form)
{
	static const char *const modes[] = {"vendor", "partnership"};
	static const char *const mode_labels[] = {"Provider-vendor", "Partnership"};
	static const char *const fields[] = {"mode", "reason", NULL};
	json_t *e = engagement_with_trust_json(rq->store, rq->id), *gov, *h;
	const struct error *edit_err;
	struct buf *b = &rs->body;
	size_t i;

	if (!e) {
		page_error(rq, rs, 404, "There is no such engagement.");
		return;
	}
	gov = json_object_get(e, "governance");
	page_begin(rq, rs, json_text(e, "title"));
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/\">Engagements</a></p><h1>%s</h1>", json_text(e, "title"));
	html_fmt(b, "<p><span class=\"pill %s\">%s mode</span> <span class=\"muted\">%s · %s to %s</span></p>",
		 json_text(e, "mode"), json_text(e, "mode"), json_text(e, "service_line"), json_text(e, "starts_on"),
		 json_text(e, "ends_on"));
	html_fmt(b, "<p><a href=\"/engagements/%lld/trust\">Trust and surveys</a> · <a href=\"/engagements/%lld/report\">Governance report</a>"
		    " · <a href=\"/engagements/%lld/obligations\">Obligations</a>",
		 rq->id, rq->id, rq->id);
	html_fmt(b, " · <a href=\"/engagements/%lld/kpis\">Service levels</a>", rq->id);
	html_fmt(b, " · <a href=\"/engagements/%lld/scorecard\">Scorecard</a>", rq->id);
	html_fmt(b, "</p>");
	contract_section(b, rq, e);
	html_fmt(b, "<div class=\"cols\"><section class=\"card\"><h2>Parties</h2><dl>");
	html_fmt(b, "<dt>Buyer</dt><dd><a href=\"/orgs/%lld\">%s</a> <span class=\"muted\">· %s</span></dd>",
		 json_num(json_object_get(e, "buyer"), "id"), json_text(json_object_get(e, "buyer"), "name"),
		 json_text(json_object_get(e, "buyer"), "industry"));
	html_fmt(b, "<dt>Provider</dt><dd><a href=\"/orgs/%lld\">%s</a> <span class=\"muted\">· %s</span></dd>",
		 json_num(json_object_get(e, "provider"), "id"), json_text(json_object_get(e, "provider"), "name"),
		 json_text(json_object_get(e, "provider"), "industry"));
	html_fmt(b, "<dt>Contract manager</dt><dd>%s</dd>", json_text(e, "contract_manager_name"));
	/* An accepted engagement keeps its record of consent where both sides look first. */
	if (!strcmp(json_text(e, "acceptance"), "accepted") && json_is_object(json_object_get(e, "acceptance_decision")))
		html_fmt(b, "<dt>Accepted</dt><dd id=\"accepted\">%.10s by %s</dd>",
			 json_text(json_object_get(e, "acceptance_decision"), "at"),
			 json_text(json_object_get(e, "acceptance_decision"), "by_name"));
	html_fmt(b, "</dl></section>");
	html_fmt(b, "<section class=\"card\"><h2>Governance split</h2><table class=\"list\"><tbody>");
	html_fmt(b, "<tr><th>Strategic management</th><td>%s</td></tr>", lead_label(json_text(gov, "strategic")));
	html_fmt(b, "<tr><th>Tactical management</th><td>%s</td></tr>", lead_label(json_text(gov, "tactical")));
	html_fmt(b, "<tr><th>Operations</th><td>%s</td></tr></tbody></table></section></div>",
		 lead_label(json_text(gov, "operations")));

	edit_err = err;
	acceptance_section(rq, b, e, form && !strcmp(form, "acceptance") ? err : NULL);
	governance_sections(rq, b, e, err, form);
	if (form && strcmp(form, "mode") != 0)
		err = NULL;
	html_fmt(b, "<section class=\"card\" id=\"mode\"><h2>Mode and trust</h2>");
	mode_advice(b, e);
	if (json_array_size(json_object_get(e, "mode_history")) == 0)
		html_fmt(b, "<p class=\"muted\">Started in provider-vendor mode; no changes yet.</p>");
	else
		html_fmt(b, "<table class=\"list\"><thead><tr><th>When</th><th>Mode</th><th>By</th><th>Reason</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(e, "mode_history"), i, h)
	{
		const char *at = json_text(h, "changed_at");
		char when[24];

		/* "2026-11-26T20:02:26Z" reads as "2026-11-26 20:02 UTC". */
		if (strlen(at) >= 16)
			snprintf(when, sizeof when, "%.10s %.5s UTC", at, at + 11);
		else
			snprintf(when, sizeof when, "%s", at);
		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>", when, json_text(h, "mode"),
			 json_text(h, "changed_by_name"), json_text(h, "reason"));
	}
	if (json_array_size(json_object_get(e, "mode_history")))
		html_fmt(b, "</tbody></table>");
	/* The select shows the current mode: a change is chosen, never defaulted, and confirmed (page_engagement_mode). */
	if ((rq->rel & REL_ACCEPTED) && (rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_CONTRACT)) {
		html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/mode" FORM_ANCHOR "\" class=\"grid\">", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		form_select(b, "Mode", "mode", modes, mode_labels, 2, request_form(rq, "mode") ?: json_text(e, "mode"), err);
		form_input(b, "Reason", "reason", "text", request_form(rq, "reason"), err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Change mode…</button></div></form>");
	}
	html_fmt(b, "</section>");
	if ((rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_CONTRACT) && strcmp(json_text(e, "acceptance"), "declined") != 0)
		edit_section(b, rq, e, form && !strcmp(form, "edit") ? edit_err : NULL);
	adoptions_section(b, rq);
	page_end(rs);
	json_decref(e);
}

void page_engagement(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL, NULL);
}

/* After a form on this page: back to it, or the page again with the error beside its field. */
static void done(struct request *rq, struct response *rs, int rc, const struct error *err,
		 const char *form, const char *anchor)
{
	form_result(rq, rs, rc, err, render, form, "/engagements", anchor);
}

void page_engagement_mandate(struct request *rq, struct response *rs)
{
	struct mandate_input in = {request_form(rq, "cadence"), 0, GRACE_DAYS_DEFAULT};
	const char *grace = request_form(rq, "grace_days");
	struct error err = {0};
	char *end = NULL;
	int rc = -1;

	for (int r = 0; r < ROLE__MAX; r++) {
		char key[48];

		snprintf(key, sizeof key, "role_%s", role_name(r));
		if (request_form(rq, key))
			in.required_roles |= ROLE_BIT(r);
	}
	if (grace && *grace) {
		in.grace_days = strtoll(grace, &end, 10);
		if (*end)
			in.grace_days = -1;
	}
	rc = mandate_set(rq->store, &rq->caller, rq->id, &in, &err);
	done(rq, rs, rc, &err, "mandate", "reviews");
}

void page_engagement_review_create(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long id = review_create_adhoc(rq->store, rq->id, request_form(rq, "due_on"),
					   request_form(rq, "agenda"), &err);
	char loc[48];

	if (id < 0) {
		done(rq, rs, -1, &err, "review", "reviews");
		return;
	}
	snprintf(loc, sizeof loc, "/reviews/%lld", id);
	page_saved(rq, rs, loc, "Business review planned.");
}

void page_engagement_issue_create(struct request *rq, struct response *rs)
{
	struct issue_input in = {request_form(rq, "kind"), request_form(rq, "title"),
				 request_form(rq, "body"), 0, NULL};
	struct error err = {0};
	long long id = issue_create(rq->store, &rq->caller, rq->id, &in, &err);

	done(rq, rs, id < 0 ? -1 : 0, &err, "issue", "issues");
}

void page_engagement_mode(struct request *rq, struct response *rs)
{
	struct error err = {0};
	const char *mode = request_form(rq, "mode"), *reason = request_form(rq, "reason");
	json_t *e = engagement_get_json(rq->store, rq->id);
	int to = engagement_mode_parse(mode);
	char loc[48], title[240];

	if (!e) {
		page_error(rq, rs, 404, "There is no such engagement.");
		return;
	}
	snprintf(loc, sizeof loc, "/engagements/%lld#mode", rq->id);
	/* The change is checked before it is confirmed, so a refusal never waits behind a confirmation. */
	if (to < 0)
		error_set(&err, 422, mode ? "invalid" : "required", "mode", "choose vendor or partnership mode");
	else
		engagement_mode_change_check(engagement_mode_parse(json_text(e, "mode")), to, reason, &err);
	if (!err.status) {
		snprintf(title, sizeof title, "Move \"%s\" to %s mode?", json_text(e, "title"),
			 to == MODE_PARTNERSHIP ? "partnership" : "provider-vendor");
		if (!form_confirm(rq, rs, title,
				  to == MODE_PARTNERSHIP
					  ? "Both sides will see the engagement run as a partnership from today; the change and its reason stay in the mode history."
					  : "Both sides will see the engagement run in provider-vendor mode again from today; the change and its reason stay in the mode history.",
				  "Change mode", loc)) {
			json_decref(e);
			return;
		}
		engagement_set_mode(rq->store, &rq->caller, rq->id, mode, reason, &err);
	}
	json_decref(e);
	if (err.status) {
		rs->status = err.status;
		render(rq, rs, &err, "mode");
		return;
	}
	page_saved(rq, rs, loc, "Mode changed.");
}

/* The edit form (PATCH /api/v1/engagements/{id} in the browser): the page again with the error, or back to it. */
void page_engagement_edit(struct request *rq, struct response *rs)
{
	struct engagement_input in = {0};
	struct error err = {0};
	char loc[48];
	int rc;

	engagement_posted(rq, &in);
	in.provider_org_id = 0;
	rc = engagement_update(rq->store, &rq->caller, rq->id, &in, &err);
	engagement_posted_release(&in);
	if (rc != 0) {
		rs->status = err.status;
		render(rq, rs, &err, "edit");
		return;
	}
	snprintf(loc, sizeof loc, "/engagements/%lld", rq->id);
	page_saved(rq, rs, loc, "Engagement saved.");
}

/*
 * The provider's leadership decides in two steps: the form names the decision, then a
 * confirmation page says what it binds (what accepting opens to the buyer) before it is stored.
 */
void page_engagement_acceptance(struct request *rq, struct response *rs)
{
	const char *decision = request_form(rq, "decision"), *reason = request_form(rq, "reason");
	const char *confirmed = request_form(rq, "confirmed");
	bool accept = decision && !strcmp(decision, "accept");
	struct error err = {0};
	struct buf *b = &rs->body;
	json_t *e;

	if (!decision || (!accept && strcmp(decision, "decline") != 0)) {
		error_set(&err, 422, "invalid", "decision", "choose to accept or to decline");
		done(rq, rs, -1, &err, "acceptance", "acceptance");
		return;
	}
	if (confirmed && !strcmp(confirmed, "yes")) {
		/* After an acceptance the page has no acceptance card: land on the record of it in the parties. */
		done(rq, rs, engagement_decide(rq->store, &rq->caller, rq->id, accept, reason && *reason ? reason : NULL, &err),
		     &err, "acceptance", accept ? "accepted" : "acceptance");
		return;
	}
	if (!(e = engagement_get_json(rq->store, rq->id))) {
		page_error(rq, rs, 404, "There is no such engagement.");
		return;
	}
	page_begin(rq, rs, accept ? "Confirm the acceptance" : "Confirm the decline");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/engagements/%lld\">%s</a></p>", rq->id, json_text(e, "title"));
	html_fmt(b, "<section class=\"card\" id=\"confirm\"><h1>%s \"%s\" from %s?</h1>", accept ? "Accept" : "Decline",
		 json_text(e, "title"), json_text(json_object_get(e, "buyer"), "name"));
	if (accept) {
		html_fmt(b, "<p>Accepting binds your organisation:</p>");
		acceptance_consequences(b, e);
	} else {
		html_fmt(b, "<p>Declining keeps the engagement as a record for both sides; it opens nothing, and it cannot be accepted later.</p>");
	}
	if (reason && *reason)
		html_fmt(b, "<p>Reason: %s</p>", reason);
	html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/acceptance" FORM_ANCHOR "\">", rq->id);
	form_csrf(b, rq);
	html_fmt(b, "<input type=\"hidden\" name=\"decision\" value=\"%s\"><input type=\"hidden\" name=\"reason\" value=\"%s\">"
		    "<input type=\"hidden\" name=\"confirmed\" value=\"yes\">", accept ? "accept" : "decline", reason ? reason : "");
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">%s</button> <a href=\"/engagements/%lld#acceptance\">Go back</a></div></form></section>",
		 accept ? "Yes, accept the engagement" : "Yes, decline the engagement", rq->id);
	page_end(rs);
	json_decref(e);
}
