/* pages_obligations: an engagement's obligations register in the browser — each side's obligations, what is overdue, recording one and deciding it. */
#include <stdio.h>
#include <string.h>

#include "../service/access.h"
#include "../service/engagements.h"
#include "../service/obligations.h"
#include "api.h"
#include "pages.h"

static const char *const sides[] = {"provider", "buyer"};
static const char *const side_labels[] = {"The provider", "The buyer"};
static const char *const recurrences[] = {"none", "monthly", "quarterly", "annual"};
static const char *const recurrence_labels[] = {"Once", "Every month", "Every quarter", "Every year"};

/* Whether the viewer records obligations (the route's ACT_BUYER_CONTRACT) on an accepted engagement. */
static bool records(const struct request *rq)
{
	return (rq->rel & REL_ACCEPTED) && (rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_CONTRACT);
}

/* The statuses the viewer may set on obligation o (obligation_decide's rule, shown before it is asked). */
static size_t decisions_for(const struct request *rq, json_t *o, const char **out)
{
	size_t n = 0;

	if (!(rq->rel & REL_ACCEPTED))
		return 0;
	if ((rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_CONTRACT)) {
		if (strcmp(json_text(o, "status"), "open") != 0)
			out[n++] = "open";
		out[n++] = "met";
		out[n++] = "missed";
		out[n++] = "waived";
	} else if ((rq->rel & REL_PROVIDER) && (rq->caller.roles & ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)) &&
		   !strcmp(json_text(o, "owed_by"), "provider") && !strcmp(json_text(o, "status"), "open")) {
		out[n++] = "met";
	}
	return n;
}

static const char *status_label(const char *s)
{
	return !strcmp(s, "open") ? "Reopen" : !strcmp(s, "met") ? "Met" : !strcmp(s, "missed") ? "Missed" : "Waived";
}

/* One obligation's decide form: status, evidence, reason; the error beside it when it was the one posted. */
static void decide_form(struct buf *b, struct request *rq, json_t *o, const struct error *err)
{
	static const char *const fields[] = {"status", "evidence", "reason", NULL};
	const char *allowed[4], *labels[4];
	size_t n = decisions_for(rq, o, allowed);

	if (!n)
		return;
	for (size_t i = 0; i < n; i++)
		labels[i] = status_label(allowed[i]);
	html_fmt(b, "<details%s><summary>%s</summary><form method=\"post\" action=\"/obligations/%lld" FORM_ANCHOR "\" class=\"grid\">",
		 err ? " open" : "", strcmp(json_text(o, "status"), "open") ? "Change…" : "Record…", json_num(o, "id"));
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	form_select(b, "Status", "status", allowed, labels, n, err ? request_form(rq, "status") : allowed[0], err);
	form_input(b, "Evidence", "evidence", "text", err ? request_form(rq, "evidence") : json_text(o, "evidence"), err);
	if (n > 1)
		form_input(b, "Reason (needed for missed or waived)", "reason", "text", err ? request_form(rq, "reason") : "", err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Save</button></div></form></details>");
}

/* The register, or the error of the form named form ("add", or "decide" with err's obligation in decided). */
static void render(struct request *rq, struct response *rs, long long eng, const struct error *err, const char *form,
		   long long decided)
{
	static const char *const add_fields[] = {"title", "owed_by", "due_on", "recurrence", NULL};
	json_t *e = engagement_get_json(rq->store, eng), *reg = obligations_json(rq->store, eng), *o;
	json_t *overdue = json_object_get(reg, "overdue");
	struct buf *b = &rs->body;
	bool add_err = form && !strcmp(form, "add");
	size_t i;

	if (!e || !reg) {
		json_decref(e);
		json_decref(reg);
		page_error(rq, rs, 404, "There is no such engagement.");
		return;
	}
	page_begin(rq, rs, "Obligations");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/\">Engagements</a> › <a href=\"/engagements/%lld\">%s</a> › Obligations</p>",
		 eng, json_text(e, "title"));
	html_fmt(b, "<h1>Obligations of both sides</h1>");
	html_fmt(b, "<p id=\"overdue-summary\">Overdue: <strong>%s</strong> %lld · <strong>%s</strong> %lld"
		    " <span class=\"muted\">· notice date %s (%s)</span></p>",
		 json_text(json_object_get(e, "provider"), "name"), json_num(overdue, "provider"),
		 json_text(json_object_get(e, "buyer"), "name"), json_num(overdue, "buyer"),
		 json_text(e, "notice_on")[0] ? json_text(e, "notice_on") : "none", json_text(e, "renewal"));
	html_fmt(b, "<section class=\"card\" id=\"register\"><h2>Register</h2>");
	if (!json_array_size(json_object_get(reg, "items")))
		html_fmt(b, "<p class=\"muted\">No obligations recorded yet.</p>");
	else
		html_fmt(b, "<table class=\"list\"><thead><tr><th>Owed by</th><th>Obligation</th><th>Due</th><th>Recurs</th>"
			    "<th>Status</th><th>Evidence or reason</th><th></th></tr></thead><tbody>");
	json_array_foreach(json_object_get(reg, "items"), i, o)
	{
		bool late = json_is_true(json_object_get(o, "overdue"));
		const char *rec = json_text(o, "recurrence");
		const char *words = json_text(o, "reason")[0] ? json_text(o, "reason") : json_text(o, "evidence");

		html_fmt(b, "<tr id=\"obligation-%lld\"%s><td>%s</td><td>%s</td><td class=\"nowrap\">%s</td><td>%s</td>", json_num(o, "id"),
			 late ? " class=\"attention\"" : "",
			 !strcmp(json_text(o, "owed_by"), "buyer") ? json_text(json_object_get(e, "buyer"), "name")
								   : json_text(json_object_get(e, "provider"), "name"),
			 json_text(o, "title"), json_text(o, "due_on"), strcmp(rec, "none") ? rec : "once");
		html_fmt(b, "<td><span class=\"pill %s\">%s</span>",
			 late ? "st-missed" : !strcmp(json_text(o, "status"), "met") ? "st-held" : "st-planned", json_text(o, "status"));
		if (late)
			html_fmt(b, " <strong class=\"bad\">overdue</strong>");
		/* When and by whom it was decided: the record both sides point to. */
		if (strcmp(json_text(o, "status"), "open") && json_is_string(json_object_get(o, "decided_at")))
			html_fmt(b, "<br><small class=\"muted\"><span class=\"nowrap\">%.10s</span>, %s</small>", json_text(o, "decided_at"),
				 json_text(o, "decided_by_name"));
		html_fmt(b, "</td><td>%s</td><td>", words);
		decide_form(b, rq, o, form && !strcmp(form, "decide") && decided == json_num(o, "id") ? err : NULL);
		html_fmt(b, "</td></tr>");
	}
	if (json_array_size(json_object_get(reg, "items")))
		html_fmt(b, "</tbody></table>");
	html_fmt(b, "</section>");
	if (records(rq)) {
		html_fmt(b, "<section class=\"card\" id=\"add\"><h2>Record an obligation</h2>"
			    "<form method=\"post\" action=\"/engagements/%lld/obligations" FORM_ANCHOR "\" class=\"grid\">", eng);
		form_csrf(b, rq);
		form_error_banner(b, add_err ? err : NULL, add_fields);
		form_input(b, "Title", "title", "text", add_err ? request_form(rq, "title") : "", add_err ? err : NULL);
		form_select(b, "Owed by", "owed_by", sides, side_labels, 2, add_err ? request_form(rq, "owed_by") : "provider",
			    add_err ? err : NULL);
		form_input(b, "Due date", "due_on", "date", add_err ? request_form(rq, "due_on") : "", add_err ? err : NULL);
		form_select(b, "Recurrence", "recurrence", recurrences, recurrence_labels, 4,
			    add_err ? request_form(rq, "recurrence") : "none", add_err ? err : NULL);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Record obligation</button></div></form></section>");
	}
	page_end(rs);
	json_decref(e);
	json_decref(reg);
}

void page_obligations(struct request *rq, struct response *rs)
{
	render(rq, rs, rq->id, NULL, NULL, 0);
}

void page_obligation_create(struct request *rq, struct response *rs)
{
	struct obligation_input in = {request_form(rq, "title"), request_form(rq, "owed_by"), request_form(rq, "due_on"),
				      request_form(rq, "recurrence")};
	struct error err = {0};
	char loc[64];
	long long id = obligation_create(rq->store, &rq->caller, rq->id, &in, &err);

	if (id < 0) {
		rs->status = err.status;
		render(rq, rs, rq->id, &err, "add", 0);
		return;
	}
	snprintf(loc, sizeof loc, "/engagements/%lld/obligations#obligation-%lld", rq->id, id);
	page_saved(rq, rs, loc, "Obligation recorded.");
}

/* Marking missed or waiving binds the side that owes it: confirmed first (docs/forms.md). */
void page_obligation_decide(struct request *rq, struct response *rs)
{
	const char *status = request_form(rq, "status"), *reason = request_form(rq, "reason");
	json_t *o = obligation_json(rq->store, rq->id);
	struct error err = {0};
	long long eng;
	char loc[80], title[400], saved[64];

	if (!o) {
		page_error(rq, rs, 404, "There is no such obligation.");
		return;
	}
	eng = json_num(o, "engagement_id");
	snprintf(loc, sizeof loc, "/engagements/%lld/obligations#obligation-%lld", eng, rq->id);
	if (status && (!strcmp(status, "missed") || !strcmp(status, "waived"))) {
		if (!reason || !*reason) {
			error_set(&err, 422, "required", "reason", "a reason is needed to mark an obligation %s", status);
		} else {
			snprintf(title, sizeof title, "Mark \"%s\" %s?", json_text(o, "title"), status);
			if (!form_confirm(rq, rs, title,
					  !strcmp(status, "missed")
						  ? "Both sides will see it missed, with your reason, in the register; it counts against the side that owed it."
						  : "Both sides will see it waived, with your reason; it no longer counts as owed.",
					  !strcmp(status, "missed") ? "Mark missed" : "Waive", loc)) {
				json_decref(o);
				return;
			}
		}
	}
	if (!err.status)
		obligation_decide(rq->store, &rq->caller, rq->id, status, request_form(rq, "evidence"), reason, &err);
	json_decref(o);
	if (err.status) {
		rs->status = err.status;
		render(rq, rs, eng, &err, "decide", rq->id);
		return;
	}
	snprintf(saved, sizeof saved, "Obligation marked %s.", status);
	page_saved(rq, rs, loc, saved);
}
