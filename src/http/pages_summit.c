/* pages_summit: summits — the host's planner (invitations, agenda, feedback) and the invitee's view (reply, rate) — and a provider's opportunities. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/orgs.h"
#include "../service/roadmaps.h"
#include "../service/summits.h"
#include "pages.h"

static const char *const kinds[] = {"buyer-planning", "provider-customer"};
static const char *const kind_labels[] = {"Annual IT planning summit", "Customer summit"};
static const char *const session_kinds[] = {"roadmap", "showcase", "best-practice"};
static const char *const session_kind_labels[] = {"Roadmap and budget", "Showcase", "Best practice"};

static void summit_rows(struct buf *b, json_t *list)
{
	size_t i;
	json_t *x;

	if (!json_array_size(json_object_get(list, "items"))) {
		html_fmt(b, "<p class=\"muted\">None.</p>");
		return;
	}
	html_fmt(b, "<table class=\"list\"><thead><tr><th>Summit</th><th>Host</th><th>Date</th><th>Venue</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(list, "items"), i, x)
		html_fmt(b, "<tr><td><a href=\"/summits/%lld\">%s</a></td><td>%s</td><td>%s</td><td>%s</td></tr>", json_num(x, "id"),
			 json_text(x, "title"), json_text(x, "host_name"), json_text(x, "starts_on"), json_text(x, "venue"));
	html_fmt(b, "</tbody></table>");
}

/* A provider's prospects (invited to its customer summits with "all customers and prospects") and a picker to add a buyer not yet among them. */
static void prospects_card(struct request *rq, struct buf *b, const struct error *err)
{
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *mine = prospect_list_json(rq->store, &rq->caller), *list = org_list_json(rq->store, &rq->caller, pg), *o, *p;
	json_t *options = json_array();
	size_t i, k;

	html_fmt(b, "<section class=\"card\" id=\"prospects\"><h2>Prospects</h2>"
		    "<p class=\"muted\">Buyers you would like as customers: a customer summit can invite them with all customers and prospects.</p>");
	if (!json_array_size(json_object_get(mine, "items")))
		html_fmt(b, "<p class=\"muted\">No prospects yet.</p>");
	else
		html_fmt(b, "<ul>");
	json_array_foreach(json_object_get(mine, "items"), i, p)
		html_fmt(b, "<li>%s <span class=\"muted\">%s</span></li>", json_text(p, "name"), json_text(p, "industry"));
	if (json_array_size(json_object_get(mine, "items")))
		html_fmt(b, "</ul>");
	html_fmt(b, "<form method=\"post\" action=\"/prospects" FORM_ANCHOR "\" class=\"grid\">");
	form_csrf(b, rq);
	form_error_banner(b, err, (const char *const[]){"org_id", NULL});
	json_array_foreach(json_object_get(list, "items"), i, o)
	{
		bool already = false;

		if (strcmp(json_text(o, "kind"), "buyer"))
			continue;
		json_array_foreach(json_object_get(mine, "items"), k, p) already |= json_num(p, "org_id") == json_num(o, "id");
		if (!already)
			json_array_append_new(options, json_pack("{s:I, s:s}", "value", json_num(o, "id"), "label", json_text(o, "name")));
	}
	form_pick(b, "Buyer", "org_id", options, request_form(rq, "org_id"), false, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Add as a prospect</button></div></form></section>");
	json_decref(options);
	json_decref(mine);
	json_decref(list);
}

static void render_list(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	static const char *const fields[] = {"kind", "title", "starts_on", "venue", NULL};
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = summit_list_json(rq->store, &rq->caller, pg);
	struct buf *b = &rs->body;
	bool buyer = rq->caller.org_kind == ORG_BUYER;

	page_begin(rq, rs, "Summits");
	html_fmt(b, "<h1>Summits</h1><section class=\"card\">");
	summit_rows(b, list);
	html_fmt(b, "</section>");
	if ((buyer && (rq->caller.roles & ROLES_BUYER_GOV)) || (!buyer && (rq->caller.roles & ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)))) {
		html_fmt(b, "<section class=\"card\"><h2>Plan a summit</h2><form method=\"post\" action=\"/summits" FORM_ANCHOR "\" class=\"grid\">");
		form_csrf(b, rq);
		if (form && strcmp(form, "summit"))
			err = NULL;
		form_error_banner(b, err, fields);
		html_fmt(b, "<input type=\"hidden\" name=\"kind\" value=\"%s\">", buyer ? kinds[0] : kinds[1]);
		html_fmt(b, "<p>%s</p>", buyer ? kind_labels[0] : kind_labels[1]);
		form_input(b, "Title", "title", "text", request_form(rq, "title"), err);
		form_input(b, "Date", "starts_on", "date", request_form(rq, "starts_on"), err);
		form_input(b, "Venue", "venue", "text", request_form(rq, "venue"), err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Create summit</button></div></form></section>");
	}
	if (!buyer && (rq->caller.roles & ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)))
		prospects_card(rq, b, form && !strcmp(form, "prospect") ? err : NULL);
	page_end(rs);
	json_decref(list);
}

void page_summits(struct request *rq, struct response *rs)
{
	render_list(rq, rs, NULL, NULL);
}

void page_summit_create(struct request *rq, struct response *rs)
{
	struct summit_input in = {request_form(rq, "kind"), request_form(rq, "title"), request_form(rq, "starts_on"), request_form(rq, "venue")};
	struct error err = {0};
	long long id = summit_create(rq->store, &rq->caller, &in, &err);
	char loc[48];

	if (id < 0) {
		rs->status = err.status;
		render_list(rq, rs, &err, "summit");
		return;
	}
	snprintf(loc, sizeof loc, "/summits/%lld", id);
	page_saved(rq, rs, loc, "Summit created.");
}

void page_prospect_add(struct request *rq, struct response *rs)
{
	const char *org = request_form(rq, "org_id");
	long long id = 0;
	struct error err = {0};

	if (org && *org)
		parse_id(org, &id);
	if (prospect_add(rq->store, &rq->caller, id, &err) != 0) {
		rs->status = err.status;
		render_list(rq, rs, &err, "prospect");
		return;
	}
	page_saved(rq, rs, "/summits#prospects", "Prospect added.");
}

/* The presenter picker of the host's session form: the host itself (the default) and every organisation it invited. */
static void presenter_select(struct request *rq, struct buf *b, json_t *summit, const struct error *err)
{
	json_t *options = json_array(), *x;
	size_t i;

	json_array_append_new(options, json_pack("{s:I, s:s}", "value", json_num(summit, "host_org_id"), "label", json_text(summit, "host_name")));
	json_array_foreach(json_object_get(summit, "invitations"), i, x)
		json_array_append_new(options, json_pack("{s:I, s:s}", "value", json_num(x, "org_id"), "label", json_text(x, "org_name")));
	form_pick(b, "Presenting organisation", "presenter_org_id", options, request_form(rq, "presenter_org_id"), false, err);
	json_decref(options);
}

/* The roadmap picker of a planning summit's session form: the host buyer's roadmaps, none by default (other kinds of session present none). */
static void roadmap_select(struct request *rq, struct buf *b, const struct error *err)
{
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = roadmap_list_json(rq->store, &rq->caller, pg), *x, *options = json_array();
	size_t i;

	json_array_foreach(json_object_get(list, "items"), i, x)
		json_array_append_new(options, json_pack("{s:I, s:s}", "value", json_num(x, "id"), "label", json_text(x, "title")));
	form_pick(b, "Roadmap presented (roadmap sessions)", "roadmap_id", options, request_form(rq, "roadmap_id"), true, err);
	json_decref(options);
	json_decref(list);
}

/* Whether the caller may link a practice to this session: its provider organisation presents a best-practice session. */
static bool presents(struct request *rq, json_t *session)
{
	return json_num(session, "presenter_org_id") == rq->caller.org_id && !strcmp(json_text(session, "kind"), "best-practice") &&
	       (rq->caller.roles & ROLES_PROVIDER_GOV);
}

/* The presenter's form: link one of its own published practices to its session (shown to every invitee once linked). */
static void practice_link_form(struct request *rq, struct buf *b, json_t *session, const struct error *err)
{
	const char *which = request_form(rq, "session");
	long long id = json_num(session, "id");
	char mine[24];

	snprintf(mine, sizeof mine, "%lld", id);
	if (err && (!which || strcmp(which, mine)))
		err = NULL;
	html_fmt(b, "<form method=\"post\" action=\"/sessions/%lld/practice" FORM_ANCHOR "\" class=\"grid\" id=\"link-%lld\">", id, id);
	form_csrf(b, rq);
	html_fmt(b, "<input type=\"hidden\" name=\"session\" value=\"%s\">", mine);
	form_error_banner(b, err, (const char *const[]){"practice_id", NULL});
	practice_cite_select(b, rq, err);
	html_fmt(b, "<p class=\"muted\">Every organisation invited to this summit will be able to read the practice you link.</p>"
		    "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
		 json_is_integer(json_object_get(session, "practice_id")) ? "Link this practice instead" : "Link this practice");
}

/* Whether the summit already invites org_id. */
static bool invited_already(json_t *summit, long long org_id)
{
	size_t i;
	json_t *x;

	json_array_foreach(json_object_get(summit, "invitations"), i, x) if (json_num(x, "org_id") == org_id) return true;
	return false;
}

/* The organisations the host may invite by name, as picker options: those of the kind the summit is for in the directory, not yet invited. */
static json_t *invitable_options(struct request *rq, json_t *summit, const char *kind)
{
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = org_list_json(rq->store, &rq->caller, pg), *o, *options = json_array();
	size_t i;

	json_array_foreach(json_object_get(list, "items"), i, o)
	{
		if (json_num(o, "id") == rq->caller.org_id || strcmp(json_text(o, "kind"), kind) != 0 || invited_already(summit, json_num(o, "id")))
			continue;
		json_array_append_new(options, json_pack("{s:I, s:s}", "value", json_num(o, "id"), "label", json_text(o, "name")));
	}
	json_decref(list);
	return options;
}

/* One button that sets an invitation's status; a refusal of that very post shows at the top of its form. */
static void invitation_form(struct request *rq, struct buf *b, long long id, const char *status, const char *button, bool binding,
			   const struct error *err)
{
	const char *posted_id = request_form(rq, "invitation"), *posted_status = request_form(rq, "status");
	char mine[24];

	snprintf(mine, sizeof mine, "%lld", id);
	html_fmt(b, "<form method=\"post\" action=\"/invitations/%lld" FORM_ANCHOR "\" class=\"inline\">", id);
	form_csrf(b, rq);
	if (posted_id && !strcmp(posted_id, mine) && posted_status && !strcmp(posted_status, status))
		form_error_banner(b, err, NULL);
	html_fmt(b, "<input type=\"hidden\" name=\"invitation\" value=\"%s\"><input type=\"hidden\" name=\"status\" value=\"%s\">"
		    "<button type=\"submit\" class=\"%s\">%s</button></form>",
		 mine, status, binding ? "danger" : "", button);
}

/* The host's record of who came: one button per invitation not yet marked attended. */
static void attendance_button(struct request *rq, struct buf *b, json_t *invitation, const struct error *err)
{
	char button[160];

	if (!strcmp(json_text(invitation, "status"), "attended"))
		return;
	snprintf(button, sizeof button, "Record that %s attended", json_text(invitation, "org_name"));
	invitation_form(rq, b, json_num(invitation, "id"), "attended", button, false, err);
}

/* The invitee's answer: accept, or decline (binding: the page asks to confirm); nothing once the host recorded attendance. */
static void rsvp_forms(struct request *rq, struct buf *b, json_t *invitation, const struct error *err)
{
	const char *status = json_text(invitation, "status");
	long long id = json_num(invitation, "id");

	if (!strcmp(status, "attended")) {
		html_fmt(b, "<p>The host recorded that your organisation attended.</p>");
		return;
	}
	html_fmt(b, "<p>%s</p><div class=\"buttons\">", !strcmp(status, "accepted")   ? "You have accepted this invitation."
						       : !strcmp(status, "declined") ? "You have declined this invitation."
										     : "Will your organisation attend?");
	if (strcmp(status, "accepted"))
		invitation_form(rq, b, id, "accepted", "Accept the invitation", false, err);
	if (strcmp(status, "declined"))
		invitation_form(rq, b, id, "declined", "Decline…", true, err);
	html_fmt(b, "</div>");
}

static const char *const scores[] = {"", "5", "4", "3", "2", "1"};
static const char *const score_words[] = {"— choose a score —", "5 — excellent", "4 — good", "3 — fair", "2 — poor", "1 — very poor"};

/* An invitee's feedback on one session: its earlier rating shown and kept in the form, a score in words and a comment. */
static void rating_form(struct request *rq, struct buf *b, json_t *session, const struct error *err)
{
	json_t *mine = json_object_get(session, "my_rating");
	long long id = json_num(session, "id");
	const char *which = request_form(rq, "session");
	char mine_id[24], earlier[4] = "";
	bool posted;

	snprintf(mine_id, sizeof mine_id, "%lld", id);
	posted = which && !strcmp(which, mine_id);
	if (!posted)
		err = NULL;
	if (json_is_object(mine)) {
		snprintf(earlier, sizeof earlier, "%lld", json_num(mine, "rating"));
		html_fmt(b, "<p class=\"my-rating\">Your rating: %s", score_words[6 - json_num(mine, "rating")]);
		if (*json_text(mine, "comment"))
			html_fmt(b, " · “%s”", json_text(mine, "comment"));
		html_fmt(b, " <span class=\"muted\">(%.10s)</span></p>", json_text(mine, "rated_at"));
	}
	if (json_is_object(mine))
		html_fmt(b, "<details%s><summary>Change your rating</summary>", posted ? " open" : "");
	html_fmt(b, "<form method=\"post\" action=\"/sessions/%lld/ratings" FORM_ANCHOR "\" class=\"grid rating\">", id);
	form_csrf(b, rq);
	html_fmt(b, "<input type=\"hidden\" name=\"session\" value=\"%s\">", mine_id);
	form_error_banner(b, err, (const char *const[]){"rating", "comment", NULL});
	form_select(b, "Your score", "rating", scores, score_words, 6, posted ? request_form(rq, "rating") : earlier, err);
	form_textarea(b, "Comment (the host reads it)", "comment", posted ? request_form(rq, "comment") : json_text(mine, "comment"), 2, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>", json_is_object(mine) ? "Save the new rating" : "Rate this session");
	if (json_is_object(mine))
		html_fmt(b, "</details>");
}

static void render(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	bool host = (rq->rel & REL_HOST) != 0;
	/* Inviting and planning the agenda are the host's governing roles' (ACT_HOST in routes.c): a member sees the summit, not the forms. */
	bool keeps = host && (rq->caller.roles & (ROLES_BUYER_GOV | ROLES_PROVIDER_GOV));
	/* An invitee's governing roles answer the invitation (ACT_INVITATION); every invitee rates sessions unless it declined. */
	bool answers = (rq->rel & REL_INVITED) && (rq->caller.roles & (ROLES_BUYER_GOV | ROLES_PROVIDER_GOV));
	json_t *s = summit_get_json(rq->store, rq->id, rq->caller.org_id, host), *x, *c;
	struct buf *b = &rs->body;
	size_t i, k;
	bool rates, planning, declined = false;

	if (!s) {
		page_error(rq, rs, 404, "There is no such summit.");
		return;
	}
	planning = !strcmp(json_text(s, "kind"), "buyer-planning");
	summit_attach_my_ratings(rq->store, s, rq->caller.user_id);
	if (!host)
		declined = !strcmp(json_text(json_array_get(json_object_get(s, "invitations"), 0), "status"), "declined");
	rates = (rq->rel & REL_INVITED) && !declined;
	page_begin(rq, rs, json_text(s, "title"));
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/summits\">Summits</a></p><h1>%s</h1><p class=\"muted\">%s · hosted by %s · %s %s</p>",
		 json_text(s, "title"), !strcmp(json_text(s, "kind"), "buyer-planning") ? kind_labels[0] : kind_labels[1],
		 json_text(s, "host_name"), json_text(s, "starts_on"), json_text(s, "venue"));
	/* An invitee sees its own invitation only: who else was invited is the host's to know. */
	html_fmt(b, "<section class=\"card\" id=\"invitations\"><h2>%s</h2><table class=\"list\">", host ? "Invitations" : "Your invitation");
	if (host)
		html_fmt(b, "<thead><tr><th>Organisation</th><th>Answer</th><th>Attendance</th></tr></thead>");
	html_fmt(b, "<tbody>");
	json_array_foreach(json_object_get(s, "invitations"), i, x)
	{
		html_fmt(b, "<tr><td>%s</td><td><span class=\"pill\">%s</span></td><td>", json_text(x, "org_name"), json_text(x, "status"));
		if (keeps)
			attendance_button(rq, b, x, form && !strcmp(form, "attendance") ? err : NULL);
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table>");
	if (!json_array_size(json_object_get(s, "invitations")))
		html_fmt(b, "<p class=\"muted\">Nobody invited yet.</p>");
	if (answers && json_array_size(json_object_get(s, "invitations")))
		rsvp_forms(rq, b, json_array_get(json_object_get(s, "invitations"), 0), form && !strcmp(form, "rsvp") ? err : NULL);
	if (keeps) {
		json_t *options;

		html_fmt(b, "<div class=\"buttons\"><form method=\"post\" action=\"/summits/%lld/invitations" FORM_ANCHOR "\" class=\"inline\">", rq->id);
		form_csrf(b, rq);
		if (form && !strcmp(form, "invite") && !request_form(rq, "org_id"))
			form_error_banner(b, err, NULL);
		if (planning)
			html_fmt(b, "<input type=\"hidden\" name=\"all\" value=\"providers\"><button type=\"submit\">Invite all our providers</button>");
		else
			html_fmt(b, "<select name=\"all\" aria-label=\"who\"><option value=\"customers\">all our customers</option>"
				    "<option value=\"customers-and-prospects\">all customers and prospects</option></select><button type=\"submit\">Invite</button>");
		html_fmt(b, "</form>");
		options = invitable_options(rq, s, planning ? "provider" : "buyer");
		if (json_array_size(options)) {
			html_fmt(b, "<form method=\"post\" action=\"/summits/%lld/invitations" FORM_ANCHOR "\" class=\"inline\">", rq->id);
			form_csrf(b, rq);
			if (form && !strcmp(form, "invite") && request_form(rq, "org_id"))
				form_error_banner(b, err, (const char *const[]){"org_id", NULL});
			form_pick(b, "Organisation to invite", "org_id", options, NULL, false, form && !strcmp(form, "invite") ? err : NULL);
			html_fmt(b, "<button type=\"submit\">Invite this organisation</button></form>");
		}
		html_fmt(b, "</div>");
		json_decref(options);
	}
	html_fmt(b, "</section><section class=\"card\" id=\"agenda\"><h2>Agenda</h2>");
	/* The store refuses feedback from an organisation that declined (409 declined): say so instead of offering forms. */
	if (declined && json_array_size(json_object_get(s, "sessions")))
		html_fmt(b, "<p class=\"banner\">Your organisation declined this summit, so it gives no feedback on its sessions. "
			    "Accept the invitation to rate them.</p>");
	json_array_foreach(json_object_get(s, "sessions"), i, x)
	{
		html_fmt(b, "<div class=\"survey\"><h3>%s <span class=\"pill\">%s</span> <span class=\"muted\">· %s</span></h3>", json_text(x, "title"),
			 json_text(x, "kind"), json_text(x, "presenter_name"));
		if (json_is_integer(json_object_get(x, "roadmap_id")))
			html_fmt(b, "<p><a href=\"/roadmaps/%lld\">The roadmap presented</a></p>", json_num(x, "roadmap_id"));
		if (json_is_integer(json_object_get(x, "practice_id")))
			html_fmt(b, "<p><a href=\"/practices/%lld\">The practice presented</a></p>", json_num(x, "practice_id"));
		if (presents(rq, x))
			practice_link_form(rq, b, x, form && !strcmp(form, "practice") ? err : NULL);
		/* The audience rates a session; its presenter does not (session_rate refuses it: 409 own_session). */
		if (rates && json_num(x, "presenter_org_id") != rq->caller.org_id)
			rating_form(rq, b, x, form && !strcmp(form, "rating") ? err : NULL);
		else if (rates)
			html_fmt(b, "<p class=\"muted\">Your organisation presents this session: the audience rates it.</p>");
		if (host) {
			json_t *mean = json_object_get(x, "mean_rating");
			char avg[16];

			snprintf(avg, sizeof avg, "%.1f", json_is_number(mean) ? json_number_value(mean) : 0);
			html_fmt(b, "<p>Feedback: %lld rating(s)", json_num(x, "ratings"));
			if (json_is_number(mean))
				html_fmt(b, ", mean %s of 5", avg);
			html_fmt(b, "</p>");
			json_array_foreach(json_object_get(x, "comments"), k, c)
				html_fmt(b, "<p class=\"muted\">%lld ★ “%s”</p>", json_num(c, "rating"), json_text(c, "comment"));
		}
		html_fmt(b, "</div>");
	}
	if (!json_array_size(json_object_get(s, "sessions")))
		html_fmt(b, "<p class=\"muted\">No sessions yet.</p>");
	if (keeps) {
		static const char *const fields[] = {"kind", "title", "presenter_org_id", "roadmap_id", "practice_id", NULL};

		html_fmt(b, "<details%s><summary>Add a session</summary><form method=\"post\" action=\"/summits/%lld/sessions" FORM_ANCHOR "\" class=\"grid\">",
			 form && !strcmp(form, "session") ? " open" : "", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, form && !strcmp(form, "session") ? err : NULL, fields);
		/* Only a planning summit presents roadmaps: a customer summit is offered the other kinds, showcase first. */
		if (planning)
			form_select(b, "Kind", "kind", session_kinds, session_kind_labels, 3, request_form(rq, "kind"), form ? err : NULL);
		else
			form_select(b, "Kind", "kind", session_kinds + 1, session_kind_labels + 1, 2, request_form(rq, "kind"), form ? err : NULL);
		form_input(b, "Title", "title", "text", request_form(rq, "title"), form ? err : NULL);
		presenter_select(rq, b, s, form ? err : NULL);
		if (planning)
			roadmap_select(rq, b, form ? err : NULL);
		/* A practice only the host's own, for a session the host presents itself; another presenter links its own. */
		if (rq->caller.org_kind == ORG_PROVIDER)
			practice_cite_select(b, rq, form && !strcmp(form, "session") ? err : NULL);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Add session</button></div></form></details>");
	}
	html_fmt(b, "</section>");
	page_end(rs);
	json_decref(s);
}

/* After a summit form's post: the summit page again with the error, or back to it at anchor with message. */
static void summit_saved(struct request *rq, struct response *rs, int rc, const struct error *err, const char *form,
			 const char *anchor, const char *message)
{
	char loc[64];

	if (rc != 0) {
		rs->status = err->status;
		render(rq, rs, err, form);
		return;
	}
	snprintf(loc, sizeof loc, "/summits/%lld#%s", rq->id, anchor);
	page_saved(rq, rs, loc, message);
}

void page_summit(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL, NULL);
}

void page_summit_invite(struct request *rq, struct response *rs)
{
	const char *org = request_form(rq, "org_id");
	struct error err = {0};
	long long id = 0;
	int rc;

	if (org && *org) {
		parse_id(org, &id);
		rc = summit_invite(rq->store, rq->id, &id, 1, NULL, &err);
	} else {
		rc = summit_invite(rq->store, rq->id, NULL, 0, request_form(rq, "all"), &err);
	}
	summit_saved(rq, rs, rc < 0 ? -1 : 0, &err, "invite", "invitations", "Invited.");
}

void page_summit_session(struct request *rq, struct response *rs)
{
	const char *presenter = request_form(rq, "presenter_org_id"), *roadmap = request_form(rq, "roadmap_id");
	long long p = 0, r = 0, practice = practice_cited(rq);
	struct error err = {0};

	if (presenter)
		parse_id(presenter, &p);
	if (roadmap && *roadmap)
		parse_id(roadmap, &r);
	summit_saved(rq, rs,
		     summit_session_add(rq->store, &rq->caller, rq->id, request_form(rq, "kind"), request_form(rq, "title"), p, r, practice, &err) < 0 ? -1 : 0,
		     &err, "session", "agenda", "Session added.");
}

/* Declining is binding (the organisation then gives no feedback): true once the invitee confirmed, else the confirmation page is rendered. */
static bool decline_confirmed(struct request *rq, struct response *rs, long long summit_id)
{
	json_t *s = summit_get_json(rq->store, summit_id, rq->caller.org_id, false);
	char title[320], cancel[48];
	bool ok;

	snprintf(title, sizeof title, "Decline the invitation to %s?", s ? json_text(s, "title") : "this summit");
	snprintf(cancel, sizeof cancel, "/summits/%lld#invitations", summit_id);
	ok = form_confirm(rq, rs, title,
			  "The host will see that your organisation declined, and nobody from it can rate the sessions. "
			  "You can accept again later, until the host records attendance.",
			  "Decline", cancel);
	json_decref(s);
	return ok;
}

void page_invitation_answer(struct request *rq, struct response *rs)
{
	bool host = (rq->rel & REL_HOST) != 0;
	const char *status = request_form(rq, "status");
	long long summit = invitation_summit_of(rq->store, rq->id);
	struct error err = {0};
	int rc;

	if (!host && status && !strcmp(status, "declined") && !decline_confirmed(rq, rs, summit))
		return;
	rc = invitation_set(rq->store, rq->id, status, host, &err);
	rq->id = summit;
	summit_saved(rq, rs, rc, &err, host ? "attendance" : "rsvp", "invitations",
		     !status || rc                      ? ""
		     : !strcmp(status, "attended")      ? "Attendance recorded."
		     : !strcmp(status, "declined")      ? "Invitation declined."
							: "Invitation accepted.");
}

void page_session_rate(struct request *rq, struct response *rs)
{
	const char *score = request_form(rq, "rating");
	long long rating = 0, session = rq->id;
	struct error err = {0};
	int rc;

	if (score && *score && !parse_id(score, &rating))
		rating = -1;
	rc = session_rate(rq->store, &rq->caller, session, rating, request_form(rq, "comment"), &err);
	rq->id = session_summit_of(rq->store, session);
	summit_saved(rq, rs, rc, &err, "rating", "agenda", "Rating saved.");
}

void page_session_practice(struct request *rq, struct response *rs)
{
	long long summit = 0;
	struct error err = {0};
	int rc = session_link_practice(rq->store, &rq->caller, rq->id, practice_cited(rq), &summit, &err);

	if (!summit) {
		page_error(rq, rs, 404, "There is no such session.");
		return;
	}
	rq->id = summit;
	summit_saved(rq, rs, rc, &err, "practice", "agenda", "Practice linked.");
}

void page_opportunities(struct request *rq, struct response *rs)
{
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *roadmaps = roadmap_list_json(rq->store, &rq->caller, pg), *problems = problem_list_json(rq->store, &rq->caller, pg);
	json_t *summits = summit_list_json(rq->store, &rq->caller, pg), *r, *it, *p;
	struct buf *b = &rs->body;
	size_t i, k;
	int open = 0;

	page_begin(rq, rs, "Opportunities");
	html_fmt(b, "<h1>Opportunities</h1><section class=\"card\" id=\"open-items\"><h2>Roadmap components open for bids</h2>"
		    "<table class=\"list\"><thead><tr><th>Component</th><th>Roadmap</th><th>Bids due by</th><th>Your bid</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(roadmaps, "items"), i, r)
	{
		json_t *full = roadmap_get_json(rq->store, &rq->caller, json_num(r, "id"), false);

		json_array_foreach(json_object_get(full, "items"), k, it)
		{
			/* Open for bids: not a draft, not past its deadline (closed early or waiting for the award). */
			if (strcmp(json_text(it, "phase"), "open"))
				continue;
			open++;
			html_fmt(b, "<tr><td><a href=\"/roadmap-items/%lld\">%s</a></td><td><a href=\"/roadmaps/%lld\">%s</a></td><td>%s</td><td>%s</td></tr>",
				 json_num(it, "id"), json_text(it, "title"), json_num(r, "id"), json_text(r, "title"), json_text(it, "bid_deadline"),
				 json_is_object(json_object_get(it, "my_bid")) ? json_text(json_object_get(it, "my_bid"), "status") : "—");
		}
		json_decref(full);
	}
	html_fmt(b, "</tbody></table>");
	if (!open)
		html_fmt(b, "<p class=\"muted\">No component is open for bids.</p>");
	html_fmt(b, "</section><section class=\"card\"><h2>Problem statements addressed to you</h2>");
	if (!json_array_size(json_object_get(problems, "items")))
		html_fmt(b, "<p class=\"muted\">None.</p>");
	json_array_foreach(json_object_get(problems, "items"), i, p)
		html_fmt(b, "<p><a href=\"/problems/%lld\"><strong>%s</strong></a> <span class=\"muted\">from %s</span><br>%s</p>", json_num(p, "id"),
			 json_text(p, "title"), json_text(p, "buyer_name"), json_text(p, "body"));
	html_fmt(b, "</section><section class=\"card\"><h2>Summits</h2>");
	summit_rows(b, summits);
	html_fmt(b, "</section>");
	page_end(rs);
	json_decref(roadmaps);
	json_decref(problems);
	json_decref(summits);
}
