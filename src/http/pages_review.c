/* pages_review: one business review — agenda, attendance checklist, minutes, decisions, actions and open strategic issues — with its forms. */
#include <stdio.h>
#include <string.h>

#include "../service/actions.h"
#include "../service/engagements.h"
#include "../service/issues.h"
#include "../service/reviews.h"
#include "pages.h"

static const char *const states[] = {"planned", "held", "cancelled"};
static const char *const state_labels[] = {"Planned", "Held", "Cancelled"};
static const char *const action_states[] = {"open", "done", "dropped"};

static bool has_role(json_t *roles, const char *name)
{
	size_t i;
	json_t *r;

	json_array_foreach(roles, i, r) if (strcmp(json_string_value(r), name) == 0) return true;
	return false;
}

static void attendance_form(struct request *rq, struct buf *b, json_t *r, bool may)
{
	json_t *people = engagement_people_json(rq->store, json_num(r, "engagement_id"), rq->caller.org_id), *p, *a;
	json_t *att = json_object_get(r, "attendance"), *required = json_object_get(r, "required_roles");
	size_t i, k;

	html_fmt(b, "<section class=\"card\" id=\"attendance\"><h2>Attendance</h2>");
	if (json_array_size(required)) {
		html_fmt(b, "<p>Mandated roles:");
		json_array_foreach(required, i, p)
		{
			bool missing = has_role(json_object_get(r, "missing_roles"), json_string_value(p));

			html_fmt(b, " <span class=\"pill %s\">%s %s</span>", missing ? "st-missed" : "st-held",
				 missing ? "✗" : "✓", role_label(role_parse(json_string_value(p))));
		}
		html_fmt(b, "</p>");
	}
	if (json_is_true(json_object_get(r, "quorum_met")))
		html_fmt(b, "<p>Quorum: every mandated role is present.</p>");
	else if (json_is_string(json_object_get(r, "held_on")))
		html_fmt(b, "<p class=\"banner warn\">Held without quorum: a mandated role had nobody present.</p>");
	else
		html_fmt(b, "<p class=\"muted\">No quorum yet: tick who attends; every mandated role needs someone present.</p>");
	if (may) {
		html_fmt(b, "<form method=\"post\" action=\"/reviews/%lld/attendance" FORM_ANCHOR "\">", json_num(r, "id"));
		form_csrf(b, rq);
	}
	html_fmt(b, "<table class=\"list\"><thead><tr><th>Here</th><th>Name</th><th>Organisation</th><th>Roles</th></tr></thead><tbody>");
	json_array_foreach(people, i, p)
	{
		bool present = false;
		json_t *role;
		size_t j;

		json_array_foreach(att, k, a) if (json_num(a, "user_id") == json_num(p, "id")) present = json_is_true(json_object_get(a, "present"));
		html_fmt(b, "<tr><td>");
		if (may)
			html_fmt(b, "<input type=\"checkbox\" name=\"present_%lld\" id=\"present-%lld\" aria-label=\"%s present\"%s>",
				 json_num(p, "id"), json_num(p, "id"), json_text(p, "name"), present ? " checked" : "");
		else
			html_fmt(b, "%s", present ? "✓" : "");
		html_fmt(b, "</td><td><label for=\"present-%lld\">%s</label></td><td>%s</td><td>", json_num(p, "id"),
			 json_text(p, "name"), json_text(p, "org_name"));
		json_array_foreach(json_object_get(p, "roles"), j, role) html_fmt(b, "%s ", role_label(role_parse(json_string_value(role))));
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table>");
	if (may)
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Save attendance</button></div></form>");
	html_fmt(b, "</section>");
	json_decref(people);
}

static void record_form(struct request *rq, struct buf *b, json_t *r, const struct error *err)
{
	static const char *const fields[] = {"status", "held_on", "cancel_reason", "agenda", "minutes", "decisions", NULL};
	const char *held = json_string_value(json_object_get(r, "held_on"));

	html_fmt(b, "<section class=\"card\" id=\"record\"><h2>Record the review</h2>");
	html_fmt(b, "<form method=\"post\" action=\"/reviews/%lld" FORM_ANCHOR "\" class=\"grid\">", json_num(r, "id"));
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	form_select(b, "Status", "status", states, state_labels, 3, request_form(rq, "status") ?: json_text(r, "state"), err);
	form_input(b, "Held on", "held_on", "date", err ? request_form(rq, "held_on") : held, err);
	form_input(b, "Reason, if cancelled", "cancel_reason", "text",
		   err ? request_form(rq, "cancel_reason") : json_text(r, "cancel_reason"), err);
	form_textarea(b, "Agenda (Markdown)", "agenda", err ? request_form(rq, "agenda") : json_text(r, "agenda"), 4, err);
	form_textarea(b, "Minutes (Markdown)", "minutes", err ? request_form(rq, "minutes") : json_text(r, "minutes"), 8, err);
	form_textarea(b, "Decisions (Markdown)", "decisions", err ? request_form(rq, "decisions") : json_text(r, "decisions"), 4, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Save review</button></div></form></section>");
}

static void actions_card(struct request *rq, struct buf *b, json_t *r, const struct error *err, bool may)
{
	static const char *const fields[] = {"title", "owner_id", "due_on", "status", NULL};
	struct page all = {0, PAGE_LIMIT_MAX};
	long long rid = json_num(r, "id");
	json_t *list = action_list_review_json(rq->store, rid, NULL, all), *a;
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"actions\"><h2>Actions</h2>");
	if (json_array_size(json_object_get(list, "items")) == 0)
		html_fmt(b, "<p class=\"muted\">No actions recorded.</p>");
	else
		html_fmt(b, "<table class=\"list\"><thead><tr><th>Action</th><th>Owner</th><th>Due</th><th>Status</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(list, "items"), i, a)
	{
		bool overdue = json_is_true(json_object_get(a, "overdue"));

		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s", json_text(a, "title"), json_text(a, "owner_name"),
			 json_text(a, "due_on"));
		if (overdue)
			html_fmt(b, " <span class=\"pill st-missed\">overdue</span>");
		html_fmt(b, "</td><td>");
		if (may || json_num(a, "owner_id") == rq->caller.user_id) {
			html_fmt(b, "<form method=\"post\" action=\"/actions/%lld" FORM_ANCHOR "\" class=\"inline\">", json_num(a, "id"));
			form_csrf(b, rq);
			html_fmt(b, "<input type=\"hidden\" name=\"back\" value=\"/reviews/%lld#actions\">", rid);
			form_select(b, "Status", "status", action_states, NULL, 3, json_text(a, "status"), NULL);
			html_fmt(b, "<button type=\"submit\">Update</button></form>");
		} else {
			html_fmt(b, "%s", json_text(a, "status"));
		}
		html_fmt(b, "</td></tr>");
	}
	if (json_array_size(json_object_get(list, "items")))
		html_fmt(b, "</tbody></table>");
	if (may) {
		json_t *people = engagement_people_json(rq->store, json_num(r, "engagement_id"), rq->caller.org_id), *p;
		const char *ids[256], *names[256];
		char idbuf[256][24], namebuf[256][160], me[24];
		size_t n = 0;

		json_array_foreach(people, i, p)
		{
			if (n >= 256)
				break;
			snprintf(idbuf[n], sizeof idbuf[n], "%lld", json_num(p, "id"));
			snprintf(namebuf[n], sizeof namebuf[n], "%s (%s)", json_text(p, "name"), json_text(p, "org_name"));
			ids[n] = idbuf[n];
			names[n] = namebuf[n];
			n++;
		}
		html_fmt(b, "<form method=\"post\" action=\"/reviews/%lld/actions" FORM_ANCHOR "\" class=\"grid\">", rid);
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		form_input(b, "New action", "title", "text", err ? request_form(rq, "title") : NULL, err);
		/* The owner defaults to the person adding the action. */
		snprintf(me, sizeof me, "%lld", rq->caller.user_id);
		form_select(b, "Owner", "owner_id", ids, names, n, request_form(rq, "owner_id") ?: me, err);
		form_input(b, "Due on", "due_on", "date", err ? request_form(rq, "due_on") : NULL, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Add action</button></div></form>");
		json_decref(people);
	}
	html_fmt(b, "</section>");
	json_decref(list);
}

static void open_issues(struct request *rq, struct buf *b, long long eng)
{
	struct page all = {0, PAGE_LIMIT_MAX};
	json_t *list = issue_list_json(rq->store, eng, "open", all), *x;
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"issues\"><h2>Open strategic issues</h2>");
	if (json_array_size(json_object_get(list, "items")) == 0)
		html_fmt(b, "<p class=\"muted\">None open.</p>");
	html_fmt(b, "<ul class=\"plain\">");
	json_array_foreach(json_object_get(list, "items"), i, x)
		html_fmt(b, "<li><span class=\"pill\">%s</span> <a href=\"/issues/%lld\">%s</a> <span class=\"muted\">· %lld response(s)</span></li>",
			 json_text(x, "kind"), json_num(x, "id"), json_text(x, "title"), json_num(x, "responses_count"));
	html_fmt(b, "</ul><p><a href=\"/engagements/%lld#issues\">All plans and issues of this engagement</a></p></section>", eng);
	json_decref(list);
}

/* Writes Markdown already rendered safely by the service (cmark, no raw HTML, web links only). */
static void rendered(struct buf *b, const char *title, const char *html)
{
	html_fmt(b, "<h3>%s</h3>", title);
	if (*html)
		buf_puts(b, html);
	else
		html_fmt(b, "<p class=\"muted\">Nothing recorded yet.</p>");
}

static void render(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	json_t *r = review_get_json(rq->store, rq->id), *e;
	bool may = (rq->rel & REL_ACCEPTED) && access_runs_reviews(rq->rel, rq->caller.roles); /* a pending engagement's reviews wait */
	struct buf *b = &rs->body;
	bool held;

	if (!r) {
		page_error(rq, rs, 404, "There is no such review.");
		return;
	}
	e = engagement_get_json(rq->store, json_num(r, "engagement_id"));
	held = json_is_string(json_object_get(r, "held_on"));
	page_begin(rq, rs, "Business review");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/\">Engagements</a> › <a href=\"/engagements/%lld\">%s</a></p>",
		 json_num(e, "id"), json_text(e, "title"));
	html_fmt(b, "<h1>Business review due %s</h1><p>", json_text(r, "due_on"));
	status_pill(b, json_text(r, "status"), json_is_true(json_object_get(r, "quorum_met")), held);
	if (held)
		html_fmt(b, " <span class=\"muted\">held on %s</span>", json_text(r, "held_on"));
	if (json_text(r, "cancel_reason")[0])
		html_fmt(b, " <span class=\"muted\">— %s</span>", json_text(r, "cancel_reason"));
	html_fmt(b, " <span class=\"muted\">· %s · %lld days of grace</span></p>",
		 json_is_true(json_object_get(r, "adhoc")) ? "ad hoc" : "mandated", json_num(r, "grace_days"));
	html_fmt(b, "<div class=\"cols\"><section class=\"card md\">");
	rendered(b, "Agenda", json_text(r, "agenda_html"));
	rendered(b, "Minutes", json_text(r, "minutes_html"));
	rendered(b, "Decisions", json_text(r, "decisions_html"));
	html_fmt(b, "</section><div>");
	attendance_form(rq, b, r, may);
	html_fmt(b, "</div></div>");
	actions_card(rq, b, r, form && !strcmp(form, "action") ? err : NULL, may);
	open_issues(rq, b, json_num(r, "engagement_id"));
	/* Delivery in the review's window: from the day after the previous held review to this one's date (issue 17). */
	scorecard_review_section(rq, b, json_num(r, "engagement_id"), held ? json_text(r, "held_on") : json_text(r, "due_on"),
				 "Service levels since the previous review");
	if (may)
		record_form(rq, b, r, form && !strcmp(form, "record") ? err : NULL);
	page_end(rs);
	json_decref(e);
	json_decref(r);
}

void page_review(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL, NULL);
}

static void done(struct request *rq, struct response *rs, int rc, const struct error *err,
		 const char *form, const char *anchor)
{
	form_result(rq, rs, rc, err, render, form, "/reviews", anchor);
}

static const char *form_or_null(struct request *rq, const char *name)
{
	const char *v = request_form(rq, name);

	return v && *v ? v : NULL;
}

void page_review_update(struct request *rq, struct response *rs)
{
	struct review_input in = {form_or_null(rq, "status"), form_or_null(rq, "held_on"),
				  request_form(rq, "cancel_reason"), request_form(rq, "agenda"),
				  request_form(rq, "minutes"), request_form(rq, "decisions"), NULL};
	struct error err = {0};
	bool may_cancel = (rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_CONTRACT);

	/* The form always sends the status; a held_on left empty is no held_on. */
	done(rq, rs, review_update(rq->store, rq->id, &in, may_cancel, &err), &err, "record", "record");
}

void page_review_attendance(struct request *rq, struct response *rs)
{
	struct attendee at[512];
	struct error err = {0};
	size_t n = 0;

	for (size_t i = 0; rq->form && rq->form[i].name && n < 512; i++) {
		long long id;

		if (strncmp(rq->form[i].name, "present_", 8) == 0 && parse_id(rq->form[i].name + 8, &id))
			at[n++] = (struct attendee){id, true};
	}
	done(rq, rs, attendance_set(rq->store, rq->id, at, n, &err), &err, "attendance", "attendance");
}

void page_review_action_create(struct request *rq, struct response *rs)
{
	struct action_input in = {request_form(rq, "title"), 0, form_or_null(rq, "due_on"), NULL, NULL};
	const char *owner = request_form(rq, "owner_id");
	struct error err = {0};

	if (owner)
		parse_id(owner, &in.owner_id);
	done(rq, rs, action_create(rq->store, &rq->caller, rq->id, &in, &err) < 0 ? -1 : 0, &err,
	     "action", "actions");
}
