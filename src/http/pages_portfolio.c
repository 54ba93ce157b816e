/* pages_portfolio: the portfolio — trust, mode, recommendation and review compliance across an organisation's engagements, sortable and filterable, and as CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/auth.h"
#include "../service/calendar.h"
#include "../service/reviews.h"
#include "api.h"
#include "pages.h"

/* Sorting keys and filters the page offers as links (no script needed). */
static const char *const sorts[] = {"attention", "trust", "title", "next_due", NULL};
static const char *const sort_labels[] = {"needs attention", "trust", "title", "next review"};
static const char *const shows[] = {"all", "attention", "recommended", "partnership", "vendor", NULL};
static const char *const show_labels[] = {"all", "needing attention", "with a new recommendation",
					  "in partnership", "in provider-vendor mode"};
static __thread const char *sort_key; /* for compare(), set just before qsort */

static double trust_of(json_t *e)
{
	json_t *t = json_object_get(e, "trust");

	return json_is_number(t) ? json_number_value(t) : -1;
}

static int compare(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	int c = 0;

	if (!strcmp(sort_key, "trust"))
		c = trust_of(x) < trust_of(y) ? -1 : trust_of(x) > trust_of(y);
	else if (!strcmp(sort_key, "title"))
		c = strcmp(json_text(x, "title"), json_text(y, "title"));
	else if (!strcmp(sort_key, "next_due"))
		c = strcmp(json_text(x, "next_due_on")[0] ? json_text(x, "next_due_on") : "9999",
			   json_text(y, "next_due_on")[0] ? json_text(y, "next_due_on") : "9999");
	else
		c = json_is_true(json_object_get(y, "needs_attention")) - json_is_true(json_object_get(x, "needs_attention"));
	return c ? c : (int)(json_num(x, "engagement_id") - json_num(y, "engagement_id"));
}

static bool shown(json_t *e, const char *show)
{
	const char *mode = json_text(e, "mode"), *rec = json_text(e, "recommended_mode");

	if (!strcmp(show, "attention"))
		return json_is_true(json_object_get(e, "needs_attention"));
	if (!strcmp(show, "recommended"))
		return strcmp(mode, rec) != 0;
	if (!strcmp(show, "partnership") || !strcmp(show, "vendor"))
		return !strcmp(mode, show);
	return true;
}

static void cell(struct buf *b, long long v, const char *cls)
{
	html_fmt(b, v && cls ? "<td class=\"num %s\">" : "<td class=\"num\">", cls ? cls : "");
	html_fmt(b, "%lld</td>", v);
}

static void advice_cell(struct buf *b, json_t *e)
{
	const char *mode = json_text(e, "mode"), *rec = json_text(e, "recommended_mode"),
		   *advice = json_text(e, "advice");

	html_fmt(b, "<td><span class=\"pill %s\">%s</span>", mode, mode);
	if (strcmp(mode, rec) != 0)
		html_fmt(b, " <a class=\"pill rec\" href=\"/engagements/%lld/trust\">→ %s recommended</a>",
			 json_num(e, "engagement_id"), rec);
	else if (!strcmp(advice, "regression"))
		html_fmt(b, " <a class=\"pill st-missed\" href=\"/engagements/%lld/trust\">regressing</a>",
			 json_num(e, "engagement_id"));
	html_fmt(b, "</td>");
}

static void controls(struct buf *b, const char *sort, const char *show)
{
	html_fmt(b, "<p class=\"tabs\">Show:");
	for (size_t k = 0; shows[k]; k++) {
		html_fmt(b, " <a href=\"/portfolio?show=%s&amp;sort=%s\"", shows[k], sort);
		html_fmt(b, strcmp(show, shows[k]) ? ">" : " aria-current=\"page\">");
		html_fmt(b, "%s</a>", show_labels[k]);
	}
	html_fmt(b, "</p><p class=\"tabs\">Sort by:");
	for (size_t k = 0; sorts[k]; k++) {
		html_fmt(b, " <a href=\"/portfolio?show=%s&amp;sort=%s\"", show, sorts[k]);
		html_fmt(b, strcmp(sort, sorts[k]) ? ">" : " aria-current=\"page\">");
		html_fmt(b, "%s</a>", sort_labels[k]);
	}
	html_fmt(b, "</p>");
}

void page_portfolio(struct request *rq, struct response *rs)
{
	const char *sort = NULL, *show = NULL;
	struct buf *b = &rs->body;
	json_t *p, *e, *t, **rows;
	size_t i, n, listed = 0;

	if (!request_choice(rq, rs, "sort", sorts, &sort) || !request_choice(rq, rs, "show", shows, &show)) {
		page_error(rq, rs, 400, "There is no such sort order or filter.");
		return;
	}
	sort = sort ? sort : "attention";
	show = show ? show : "all";
	p = portfolio_full_json(rq->store, &rq->caller, false);
	if (!p) {
		page_error(rq, rs, 500, "The portfolio could not be read.");
		return;
	}
	t = json_object_get(p, "totals");
	n = json_array_size(json_object_get(p, "items"));
	rows = calloc(n ? n : 1, sizeof *rows);
	json_array_foreach(json_object_get(p, "items"), i, e) rows[i] = e;
	sort_key = sort;
	qsort(rows, n, sizeof *rows, compare);
	page_begin(rq, rs, "Portfolio");
	html_fmt(b, "<h1>Portfolio</h1><p class=\"muted\">Every engagement of %s: trust, mode, and whether the mandated business reviews happen on time with the right people.</p>",
		 rq->caller.org_name);
	html_fmt(b, "<section class=\"card\"><div class=\"stats\"><div><strong>%lld</strong><span>engagements</span></div>",
		 json_num(t, "engagements"));
	html_fmt(b, json_num(t, "needs_attention") ? "<div class=\"bad\">" : "<div>");
	html_fmt(b, "<strong>%lld</strong><span>need attention</span></div>", json_num(t, "needs_attention"));
	html_fmt(b, "<div class=\"good\"><strong>%lld</strong><span>reviews held on time</span></div>", json_num(t, "held_on_time"));
	html_fmt(b, json_num(t, "late") ? "<div class=\"warn\">" : "<div>");
	html_fmt(b, "<strong>%lld</strong><span>late</span></div>", json_num(t, "late"));
	html_fmt(b, json_num(t, "missed") ? "<div class=\"bad\">" : "<div>");
	html_fmt(b, "<strong>%lld</strong><span>missed</span></div>", json_num(t, "missed"));
	html_fmt(b, json_num(t, "without_quorum") ? "<div class=\"warn\">" : "<div>");
	html_fmt(b, "<strong>%lld</strong><span>without quorum</span></div></div>", json_num(t, "without_quorum"));
	html_fmt(b, "<p><a href=\"/portfolio.csv\">Download as CSV</a></p></section>");
	html_fmt(b, "<section class=\"card\">");
	controls(b, sort, show);
	html_fmt(b, "<table class=\"list\"><thead><tr><th>Engagement</th><th>%s</th><th class=\"num\">Trust</th><th>Trend</th>"
		    "<th>Mode</th><th class=\"num\">Due</th><th class=\"num\">On time</th><th class=\"num\">Late</th><th class=\"num\">Missed</th>"
		    "<th class=\"num\">No quorum</th><th>Next review</th></tr></thead><tbody>",
		 rq->caller.org_kind == ORG_PROVIDER ? "Customer" : "Provider");
	for (i = 0; i < n; i++) {
		bool attention;

		e = rows[i];
		if (!shown(e, show))
			continue;
		listed++;
		attention = json_is_true(json_object_get(e, "needs_attention"));
		html_fmt(b, attention ? "<tr class=\"attention\">" : "<tr>");
		html_fmt(b, "<td>%s<a href=\"/engagements/%lld\">%s</a></td><td>%s</td>", attention ? "⚠ " : "",
			 json_num(e, "engagement_id"), json_text(e, "title"),
			 json_text(e, rq->caller.org_kind == ORG_PROVIDER ? "buyer" : "provider"));
		if (trust_of(e) >= 0)
			html_fmt(b, "<td class=\"num\"><a href=\"/engagements/%lld/trust\">%d</a></td>", json_num(e, "engagement_id"),
				 (int)(trust_of(e) + 0.5));
		else
			html_fmt(b, "<td class=\"num muted\">—</td>");
		html_fmt(b, "<td>");
		chart_sparkline_svg(b, json_text(e, "trust_scores"));
		html_fmt(b, "</td>");
		advice_cell(b, e);
		cell(b, json_num(e, "due"), NULL);
		cell(b, json_num(e, "held_on_time"), "good");
		cell(b, json_num(e, "late"), "warn");
		cell(b, json_num(e, "missed"), "bad");
		cell(b, json_num(e, "without_quorum"), "warn");
		html_fmt(b, "<td>%s</td></tr>", json_is_string(json_object_get(e, "next_due_on")) ? json_text(e, "next_due_on") : "—");
	}
	html_fmt(b, "</tbody></table>");
	if (!listed)
		html_fmt(b, "<p class=\"muted\">No engagement matches.</p>");
	html_fmt(b, "</section>");
	page_end(rs);
	free(rows);
	json_decref(p);
}

void page_portfolio_csv(struct request *rq, struct response *rs)
{
	json_t *p = portfolio_full_json(rq->store, &rq->caller, false);

	if (!p) {
		page_error(rq, rs, 500, "The portfolio could not be read.");
		return;
	}
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	portfolio_csv(&rs->body, json_object_get(p, "items"));
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
