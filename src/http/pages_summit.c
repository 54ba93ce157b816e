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

static void render_list(struct request *rq, struct response *rs, const struct error *err)
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
		form_error_banner(b, err, fields);
		html_fmt(b, "<input type=\"hidden\" name=\"kind\" value=\"%s\">", buyer ? kinds[0] : kinds[1]);
		html_fmt(b, "<p>%s</p>", buyer ? kind_labels[0] : kind_labels[1]);
		form_input(b, "Title", "title", "text", request_form(rq, "title"), err);
		form_input(b, "Date", "starts_on", "date", request_form(rq, "starts_on"), err);
		form_input(b, "Venue", "venue", "text", request_form(rq, "venue"), err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Create summit</button></div></form></section>");
	}
	page_end(rs);
	json_decref(list);
}

void page_summits(struct request *rq, struct response *rs)
{
	render_list(rq, rs, NULL);
}

void page_summit_create(struct request *rq, struct response *rs)
{
	struct summit_input in = {request_form(rq, "kind"), request_form(rq, "title"), request_form(rq, "starts_on"), request_form(rq, "venue")};
	struct error err = {0};
	long long id = summit_create(rq->store, &rq->caller, &in, &err);
	char loc[48];

	if (id < 0) {
		rs->status = err.status;
		render_list(rq, rs, &err);
		return;
	}
	snprintf(loc, sizeof loc, "/summits/%lld", id);
	page_saved(rq, rs, loc, "Summit created.");
}

/* The presenter picker of the host's session form: the host itself and every organisation it invited. */
static void presenter_select(struct request *rq, struct buf *b, json_t *summit, const struct error *err)
{
	const char *chosen = request_form(rq, "presenter_org_id");
	const char *values[PAGE_LIMIT_MAX + 1], *labels[PAGE_LIMIT_MAX + 1];
	char ids[PAGE_LIMIT_MAX + 1][24];
	size_t n = 0, i;
	json_t *x;

	snprintf(ids[n], sizeof ids[n], "%lld", json_num(summit, "host_org_id"));
	values[n] = ids[n];
	labels[n++] = json_text(summit, "host_name");
	json_array_foreach(json_object_get(summit, "invitations"), i, x)
	{
		if (n > PAGE_LIMIT_MAX)
			break;
		snprintf(ids[n], sizeof ids[n], "%lld", json_num(x, "org_id"));
		values[n] = ids[n];
		labels[n++] = json_text(x, "org_name");
	}
	form_select(b, "Presenting organisation", "presenter_org_id", values, labels, n, chosen, err);
}

/* The roadmap picker of a planning summit's session form: the host buyer's roadmaps ("none" for other kinds of session). */
static void roadmap_select(struct request *rq, struct buf *b, const struct error *err)
{
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = roadmap_list_json(rq->store, &rq->caller, pg), *x;
	const char *values[PAGE_LIMIT_MAX + 1], *labels[PAGE_LIMIT_MAX + 1];
	char ids[PAGE_LIMIT_MAX + 1][24];
	size_t n = 0, i;

	values[n] = "";
	labels[n++] = "none (not a roadmap session)";
	json_array_foreach(json_object_get(list, "items"), i, x)
	{
		if (n > PAGE_LIMIT_MAX)
			break;
		snprintf(ids[n], sizeof ids[n], "%lld", json_num(x, "id"));
		values[n] = ids[n];
		labels[n++] = json_text(x, "title");
	}
	form_select(b, "Roadmap presented", "roadmap_id", values, labels, n, request_form(rq, "roadmap_id"), err);
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

/* A picker of the organisations one may invite by name: those of the other kind in the directory (providers to a buyer's planning summit, buyers to a provider's). */
static void invite_one_select(struct buf *b, struct request *rq, const char *kind)
{
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = org_list_json(rq->store, &rq->caller, pg), *o;
	size_t i;

	html_fmt(b, "<select name=\"org_id\" aria-label=\"organisation to invite\">");
	json_array_foreach(json_object_get(list, "items"), i, o)
	{
		if (json_num(o, "id") == rq->caller.org_id || strcmp(json_text(o, "kind"), kind) != 0)
			continue;
		html_fmt(b, "<option value=\"%lld\">%s</option>", json_num(o, "id"), json_text(o, "name"));
	}
	html_fmt(b, "</select>");
	json_decref(list);
}

static void render(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	bool host = (rq->rel & REL_HOST) != 0;
	/* Inviting and planning the agenda are the host's governing roles' (ACT_HOST in routes.c): a member sees the summit, not the forms. */
	bool keeps = host && (rq->caller.roles & (ROLES_BUYER_GOV | ROLES_PROVIDER_GOV));
	json_t *s = summit_get_json(rq->store, rq->id, rq->caller.org_id, host), *x, *c;
	struct buf *b = &rs->body;
	size_t i, k;

	if (!s) {
		page_error(rq, rs, 404, "There is no such summit.");
		return;
	}
	page_begin(rq, rs, json_text(s, "title"));
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/summits\">Summits</a></p><h1>%s</h1><p class=\"muted\">%s · hosted by %s · %s %s</p>",
		 json_text(s, "title"), !strcmp(json_text(s, "kind"), "buyer-planning") ? kind_labels[0] : kind_labels[1],
		 json_text(s, "host_name"), json_text(s, "starts_on"), json_text(s, "venue"));
	/* An invitee sees its own invitation only: who else was invited is the host's to know. */
	html_fmt(b, "<section class=\"card\" id=\"invitations\"><h2>%s</h2><table class=\"list\"><tbody>", host ? "Invitations" : "Your invitation");
	json_array_foreach(json_object_get(s, "invitations"), i, x)
		html_fmt(b, "<tr><td>%s</td><td><span class=\"pill\">%s</span></td></tr>", json_text(x, "org_name"), json_text(x, "status"));
	html_fmt(b, "</tbody></table>");
	if (!json_array_size(json_object_get(s, "invitations")))
		html_fmt(b, "<p class=\"muted\">Nobody invited yet.</p>");
	if (keeps) {
		bool planning = !strcmp(json_text(s, "kind"), "buyer-planning");

		html_fmt(b, "<form method=\"post\" action=\"/summits/%lld/invitations" FORM_ANCHOR "\" class=\"inline\">", rq->id);
		form_csrf(b, rq);
		if (planning)
			html_fmt(b, "<input type=\"hidden\" name=\"all\" value=\"providers\"><button type=\"submit\">Invite all our providers</button>");
		else
			html_fmt(b, "<select name=\"all\" aria-label=\"who\"><option value=\"customers\">all our customers</option>"
				    "<option value=\"customers-and-prospects\">all customers and prospects</option></select><button type=\"submit\">Invite</button>");
		html_fmt(b, "</form><form method=\"post\" action=\"/summits/%lld/invitations" FORM_ANCHOR "\" class=\"inline\">", rq->id);
		form_csrf(b, rq);
		invite_one_select(b, rq, planning ? "provider" : "buyer");
		html_fmt(b, "<button type=\"submit\">Invite this organisation</button></form>");
		if (form && !strcmp(form, "invite"))
			form_error_banner(b, err, NULL);
	}
	html_fmt(b, "</section><section class=\"card\" id=\"agenda\"><h2>Agenda</h2>");
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
		form_select(b, "Kind", "kind", session_kinds, NULL, 3, request_form(rq, "kind"), form ? err : NULL);
		form_input(b, "Title", "title", "text", request_form(rq, "title"), form ? err : NULL);
		presenter_select(rq, b, s, form ? err : NULL);
		if (!strcmp(json_text(s, "kind"), "buyer-planning"))
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
	form_result(rq, rs, rc < 0 ? -1 : 0, &err, render, "invite", "/summits", "invitations");
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
	form_result(rq, rs,
		    summit_session_add(rq->store, &rq->caller, rq->id, request_form(rq, "kind"), request_form(rq, "title"), p, r, practice, &err) < 0 ? -1 : 0,
		    &err, render, "session", "/summits", "agenda");
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
	form_result(rq, rs, rc, &err, render, "practice", "/summits", "agenda");
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
			if (strcmp(json_text(it, "status"), "open"))
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
