/* pages_report: the printable governance report of one engagement for a half-yearly review pack — reviews, attendance, actions, issues and trust. */
#include <stdio.h>
#include <string.h>

#include "../service/actions.h"
#include "../service/engagements.h"
#include "../service/issues.h"
#include "../service/reviews.h"
#include "../service/trust.h"
#include "pages.h"

static void reviews_table(struct request *rq, struct buf *b, long long id)
{
	struct page all = {0, PAGE_LIMIT_MAX};
	json_t *list = review_list_json(rq->store, id, all), *r;
	size_t i;

	html_fmt(b, "<section class=\"card\"><h2>Business reviews</h2><table class=\"list\"><thead><tr><th>Due</th><th>Held</th><th>Status</th>"
		    "<th>Missing roles</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(list, "items"), i, r)
	{
		bool held = json_is_string(json_object_get(r, "held_on"));
		json_t *m;
		size_t k;

		html_fmt(b, "<tr><td><a href=\"/reviews/%lld\">%s</a></td><td>%s</td><td>", json_num(r, "id"), json_text(r, "due_on"),
			 held ? json_text(r, "held_on") : "—");
		status_pill(b, json_text(r, "status"), json_is_true(json_object_get(r, "quorum_met")), held);
		html_fmt(b, "</td><td>");
		/* Who was missing matters once the review was held. */
		if (held)
			json_array_foreach(json_object_get(r, "missing_roles"), k, m)
			{
				html_fmt(b, k ? ", " : "");
				html_fmt(b, "%s", role_label(role_parse(json_string_value(m))));
			}
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table></section>");
	json_decref(list);
}

static void actions_table(struct request *rq, struct buf *b, long long id)
{
	struct page all = {0, PAGE_LIMIT_MAX};
	json_t *list = action_list_engagement_json(rq->store, id, "open", all), *a;
	size_t i;

	html_fmt(b, "<section class=\"card\"><h2>Open actions</h2>");
	if (!json_array_size(json_object_get(list, "items")))
		html_fmt(b, "<p class=\"muted\">None.</p>");
	else
		html_fmt(b, "<table class=\"list\"><thead><tr><th>Action</th><th>Owner</th><th>Due</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(list, "items"), i, a)
	{
		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>%s", json_text(a, "title"), json_text(a, "owner_name"), json_text(a, "due_on"));
		if (json_is_true(json_object_get(a, "overdue")))
			html_fmt(b, " <span class=\"pill st-missed\">overdue</span>");
		html_fmt(b, "</td></tr>");
	}
	if (json_array_size(json_object_get(list, "items")))
		html_fmt(b, "</tbody></table>");
	html_fmt(b, "</section>");
	json_decref(list);
}

static void issues_table(struct request *rq, struct buf *b, long long id)
{
	struct page all = {0, PAGE_LIMIT_MAX};
	json_t *list = issue_list_json(rq->store, id, NULL, all), *x;
	size_t i;

	html_fmt(b, "<section class=\"card\"><h2>Plans, strategic issues and imperatives</h2>");
	if (!json_array_size(json_object_get(list, "items")))
		html_fmt(b, "<p class=\"muted\">None shared.</p>");
	html_fmt(b, "<ul class=\"plain\">");
	json_array_foreach(json_object_get(list, "items"), i, x)
		html_fmt(b, "<li><span class=\"pill is-%s\">%s</span> %s: <a href=\"/issues/%lld\">%s</a> · %lld response(s)</li>",
			 json_text(x, "status"), json_text(x, "status"), json_text(x, "kind"), json_num(x, "id"), json_text(x, "title"),
			 json_num(x, "responses_count"));
	html_fmt(b, "</ul></section>");
	json_decref(list);
}

void page_report(struct request *rq, struct response *rs)
{
	json_t *e = engagement_get_json(rq->store, rq->id), *c, *t, *m, *f;
	const struct trust_settings *ts = trust_settings();
	struct buf *b = &rs->body;
	size_t i;

	if (!e) {
		page_error(rq, rs, 404, "There is no such engagement.");
		return;
	}
	c = compliance_json(rq->store, rq->id);
	t = trust_json(rq->store, rq->id);
	m = mandate_get_json(rq->store, rq->id);
	page_begin(rq, rs, "Governance report");
	html_fmt(b, "<div class=\"report\"><p class=\"crumbs noprint\"><a href=\"/engagements/%lld\">Back to the engagement</a> · "
		    "use your browser's Print to save this report as PDF</p>", rq->id);
	html_fmt(b, "<h1>Governance report: %s</h1>", json_text(e, "title"));
	html_fmt(b, "<p>%s (buyer) and %s (provider) · %s · %s to %s · %s mode</p>", json_text(json_object_get(e, "buyer"), "name"),
		 json_text(json_object_get(e, "provider"), "name"), json_text(e, "service_line"), json_text(e, "starts_on"),
		 json_text(e, "ends_on"), json_text(e, "mode"));
	if (m)
		html_fmt(b, "<p>Mandate: %s reviews, %lld days of grace.</p>", json_text(m, "cadence"), json_num(m, "grace_days"));
	html_fmt(b, "<section class=\"card\"><h2>Compliance</h2><div class=\"stats\">");
	html_fmt(b, "<div><strong>%lld</strong><span>due</span></div><div><strong>%lld</strong><span>held on time</span></div>"
		    "<div><strong>%lld</strong><span>late</span></div><div><strong>%lld</strong><span>missed</span></div>"
		    "<div><strong>%lld</strong><span>without quorum</span></div></div></section>",
		 json_num(c, "due"), json_num(c, "held_on_time"), json_num(c, "late"), json_num(c, "missed"), json_num(c, "without_quorum"));
	html_fmt(b, "<section class=\"card\"><h2>Trust</h2>");
	if (t && json_is_number(json_object_get(t, "score")))
		html_fmt(b, "<p><strong>%d</strong> of 100 · advice: %s · recommended mode: %s</p>",
			 (int)(json_number_value(json_object_get(t, "score")) + 0.5), json_text(t, "advice"), json_text(t, "recommended_mode"));
	if (t)
		chart_trust_svg(b, json_object_get(t, "history"), ts->partnership_at, ts->regression_below);
	html_fmt(b, "<table class=\"list\"><thead><tr><th>Factor</th><th class=\"num\">Value</th><th class=\"num\">Counted</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(t, "factors"), i, f)
	{
		char v[16], sh[16];

		snprintf(v, sizeof v, "%.0f", json_number_value(json_object_get(f, "value")));
		snprintf(sh, sizeof sh, "%.2f", json_number_value(json_object_get(f, "share")));
		html_fmt(b, "<tr><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>", json_text(f, "name"),
			 json_is_true(json_object_get(f, "known")) ? v : "unknown", sh);
	}
	html_fmt(b, "</tbody></table></section>");
	reviews_table(rq, b, rq->id);
	actions_table(rq, b, rq->id);
	issues_table(rq, b, rq->id);
	html_fmt(b, "</div>");
	page_end(rs);
	json_decref(m);
	json_decref(t);
	json_decref(c);
	json_decref(e);
}
