/* pages_portfolio: review compliance across all of an organisation's engagements, on screen and as CSV. */
#include <stdio.h>
#include <string.h>

#include "../service/auth.h"
#include "../service/calendar.h"
#include "../service/reviews.h"
#include "api.h"
#include "pages.h"

static void cell(struct buf *b, long long v, const char *cls)
{
	html_fmt(b, "<td class=\"num%s%s\">%lld</td>", v && cls ? " " : "", v && cls ? cls : "", v);
}

void page_portfolio(struct request *rq, struct response *rs)
{
	json_t *p = portfolio_json(rq->store, &rq->caller), *e, *t;
	struct buf *b = &rs->body;
	size_t i;

	if (!p) {
		page_error(rq, rs, 500, "The portfolio could not be read.");
		return;
	}
	t = json_object_get(p, "totals");
	page_begin(rq, rs, "Review compliance");
	html_fmt(b, "<h1>Review compliance</h1><p class=\"muted\">Every engagement of %s: are the mandated business reviews happening, on time, with the right people?</p>",
		 rq->caller.org_name);
	html_fmt(b, "<section class=\"card\"><div class=\"stats\"><div><strong>%lld</strong><span>engagements</span></div>"
		    "<div class=\"%s\"><strong>%lld</strong><span>need attention</span></div>"
		    "<div class=\"good\"><strong>%lld</strong><span>held on time</span></div>"
		    "<div class=\"%s\"><strong>%lld</strong><span>late</span></div>"
		    "<div class=\"%s\"><strong>%lld</strong><span>missed</span></div>"
		    "<div class=\"%s\"><strong>%lld</strong><span>without quorum</span></div></div>",
		 json_num(t, "engagements"), json_num(t, "needs_attention") ? "bad" : "", json_num(t, "needs_attention"),
		 json_num(t, "held_on_time"), json_num(t, "late") ? "warn" : "", json_num(t, "late"),
		 json_num(t, "missed") ? "bad" : "", json_num(t, "missed"), json_num(t, "without_quorum") ? "warn" : "",
		 json_num(t, "without_quorum"));
	html_fmt(b, "<p><a href=\"/portfolio.csv\">Download as CSV</a></p></section>");
	html_fmt(b, "<section class=\"card\"><table class=\"list\"><thead><tr><th>Engagement</th><th>%s</th>"
		    "<th class=\"num\">Due</th><th class=\"num\">On time</th><th class=\"num\">Late</th><th class=\"num\">Missed</th>"
		    "<th class=\"num\">No quorum</th><th class=\"num\">In grace</th><th>Next due</th></tr></thead><tbody>",
		 rq->caller.org_kind == ORG_PROVIDER ? "Customer" : "Provider");
	json_array_foreach(json_object_get(p, "items"), i, e)
	{
		bool attention = json_is_true(json_object_get(e, "needs_attention"));

		html_fmt(b, attention ? "<tr class=\"attention\">" : "<tr>");
		html_fmt(b, "<td>%s<a href=\"/engagements/%lld\">%s</a></td><td>%s</td>", attention ? "⚠ " : "", json_num(e, "engagement_id"), json_text(e, "title"),
			 json_text(e, rq->caller.org_kind == ORG_PROVIDER ? "buyer" : "provider"));
		cell(b, json_num(e, "due"), NULL);
		cell(b, json_num(e, "held_on_time"), "good");
		cell(b, json_num(e, "late"), "warn");
		cell(b, json_num(e, "missed"), "bad");
		cell(b, json_num(e, "without_quorum"), "warn");
		cell(b, json_num(e, "in_grace"), NULL);
		html_fmt(b, "<td>%s</td></tr>", json_is_string(json_object_get(e, "next_due_on")) ? json_text(e, "next_due_on") : "—");
	}
	html_fmt(b, "</tbody></table></section>");
	page_end(rs);
	json_decref(p);
}

void page_portfolio_csv(struct request *rq, struct response *rs)
{
	json_t *p = portfolio_json(rq->store, &rq->caller);

	if (!p) {
		page_error(rq, rs, 500, "The portfolio could not be read.");
		return;
	}
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	compliance_csv(&rs->body, json_object_get(p, "items"));
	reply_header(rs, "Content-Disposition", "attachment; filename=\"portfolio-compliance.csv\"");
	json_decref(p);
}

void page_calendar_rotate(struct request *rq, struct response *rs)
{
	char token[AUTH_TOKEN_LEN];
	struct error err = {0};

	if (calendar_rotate(rq->store, rq->caller.user_id, token, sizeof token, &err) != 0) {
		page_error(rq, rs, 500, err.message);
		return;
	}
	reply_redirect(rs, form_back(rq, "/actions"));
}
