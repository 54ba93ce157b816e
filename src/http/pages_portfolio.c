/* pages_portfolio: the portfolio — trust, mode, recommendation, review compliance, notice dates and what needs attention across an organisation's engagements, sortable and filterable, and as CSV. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/attention.h"
#include "../service/auth.h"
#include "../service/calendar.h"
#include "../service/reviews.h"
#include "../service/trust.h"
#include "api.h"
#include "pages.h"

/* Sorting keys and filters the page offers as links (no script needed). */
static const char *const sorts[] = {"attention", "trust", "title", "next_due", NULL};
static const char *const sort_labels[] = {"needs attention", "trust", "title", "next review"};
static const char *const shows[] = {"all", "attention", "recommended", "partnership", "vendor", NULL};
static const char *const show_labels[] = {"all", "needing attention", "with a new recommendation",
					  "in partnership", "in provider-vendor mode"};
enum sort_by { BY_ATTENTION, BY_TRUST, BY_TITLE, BY_NEXT_DUE };
static __thread enum sort_by sort_by; /* for compare(), set just before qsort */
/* Needs attention, attention.c's (the last 12 months, with reasons): for compare() and shown(). */
static __thread const struct attention *att;
static __thread size_t att_n;

static bool needs(const struct trust_summary *e)
{
	return attention_needed(attention_find(att, att_n, e->engagement_id));
}

static double trust_of(const struct trust_summary *e)
{
	return e->known ? e->score : -1;
}

static int compare(const void *a, const void *b)
{
	const struct trust_summary *x = *(const struct trust_summary *const *)a, *y = *(const struct trust_summary *const *)b;
	int c = 0;

	switch (sort_by) {
	case BY_TRUST:
		c = trust_of(x) < trust_of(y) ? -1 : trust_of(x) > trust_of(y);
		break;
	case BY_TITLE:
		c = strcmp(x->title, y->title);
		break;
	case BY_NEXT_DUE:
		c = strcmp(x->next_due_on[0] ? x->next_due_on : "9999", y->next_due_on[0] ? y->next_due_on : "9999");
		break;
	default:
		c = needs(y) - needs(x);
	}
	return c ? c : (x->engagement_id > y->engagement_id) - (x->engagement_id < y->engagement_id);
}

static bool shown(const struct trust_summary *e, const char *show)
{
	if (!strcmp(show, "attention"))
		return needs(e);
	if (!strcmp(show, "recommended"))
		return strcmp(e->mode, e->recommended_mode) != 0;
	if (!strcmp(show, "partnership") || !strcmp(show, "vendor"))
		return !strcmp(e->mode, show);
	return true;
}

static void cell(struct buf *b, long long v, const char *cls)
{
	if (v && cls)
		html_fmt(b, "<td class=\"num %s\">%lld</td>", cls, v);
	else
		html_fmt(b, "<td class=\"num\">%lld</td>", v);
}

static void advice_cell(struct buf *b, const struct trust_summary *e)
{
	html_fmt(b, "<td class=\"mode\"><span class=\"pill %s\">%s</span>", e->mode, e->mode);
	if (strcmp(e->mode, e->recommended_mode) != 0)
		html_fmt(b, " <a class=\"pill rec\" href=\"/engagements/%lld/trust\">→ %s recommended</a>",
			 e->engagement_id, e->recommended_mode);
	else if (!strcmp(e->advice, "regression"))
		html_fmt(b, " <a class=\"pill st-missed\" href=\"/engagements/%lld/trust\">regressing</a>", e->engagement_id);
	buf_puts(b, "</td>");
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

/* One stat of the head: its number, its label, and its colour when it is not zero. */
static void stat(struct buf *b, long long v, const char *label, const char *cls)
{
	if (v && cls)
		html_fmt(b, "<div class=\"%s\"><strong>%lld</strong><span>%s</span></div>", cls, v, label);
	else
		html_fmt(b, "<div><strong>%lld</strong><span>%s</span></div>", v, label);
}

/* Rendered from the stored summaries (no review is read here): about 300 engagements in a few milliseconds. */
void page_portfolio(struct request *rq, struct response *rs)
{
	const char *sort = NULL, *show = NULL;
	struct buf *b = &rs->body;
	struct trust_summary *t = NULL, **rows;
	struct compliance sum = {0};
	struct attention *reasons = NULL;
	size_t n = 0, listed = 0, attention = 0, nr = 0;

	if (!request_choice(rq, rs, "sort", sorts, &sort) || !request_choice(rq, rs, "show", shows, &show)) {
		page_error(rq, rs, 400, "There is no such sort order or filter.");
		return;
	}
	sort = sort ? sort : "attention";
	show = show ? show : "all";
	if (trust_summaries_org(rq->store, &rq->caller, false, &t, &n) || attention_org(rq->store, &rq->caller, &reasons, &nr) ||
	    !(rows = calloc(n ? n : 1, sizeof *rows))) {
		trust_summaries_free(t, n);
		free(reasons);
		page_error(rq, rs, 500, "The portfolio could not be read.");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct compliance *k = &t[i].compliance;

		rows[i] = &t[i];
		sum.due += k->due;
		sum.held_on_time += k->held_on_time;
		sum.late += k->late;
		sum.missed += k->missed;
		sum.without_quorum += k->without_quorum;
	}
	att = reasons;
	att_n = nr;
	for (size_t i = 0; i < n; i++)
		attention += needs(&t[i]);
	sort_by = !strcmp(sort, "trust") ? BY_TRUST : !strcmp(sort, "title") ? BY_TITLE : !strcmp(sort, "next_due") ? BY_NEXT_DUE : BY_ATTENTION;
	qsort(rows, n, sizeof *rows, compare);
	page_begin(rq, rs, "Portfolio");
	html_fmt(b, "<h1>Portfolio</h1><p class=\"muted\">Every engagement of %s: trust, mode, and whether the mandated business reviews happen on time with the right people.</p>",
		 rq->caller.org_name);
	html_fmt(b, "<section class=\"card\"><div class=\"stats\"><div><strong>%lld</strong><span>engagements</span></div>",
		 (long long)n);
	stat(b, (long long)attention, "need attention", "bad");
	html_fmt(b, "<div class=\"good\"><strong>%lld</strong><span>reviews held on time</span></div>", (long long)sum.held_on_time);
	/* "reviews …" in every label: the scorecard's "missed" counts KPI periods, not reviews. */
	stat(b, sum.late, "reviews late", "warn");
	stat(b, sum.missed, "reviews missed", "bad");
	stat(b, sum.without_quorum, "reviews without quorum", "warn");
	html_fmt(b, "</div><p><a href=\"/portfolio.csv\">Download as CSV</a></p></section>");
	html_fmt(b, "<section class=\"card\">");
	controls(b, sort, show);
	/* The five review counts under one heading, so "Missed" cannot be read as missed service levels. */
	html_fmt(b, "<div class=\"overflow\"><table class=\"list dense\"><thead><tr><th rowspan=\"2\">Engagement</th><th rowspan=\"2\">%s</th>"
		    "<th rowspan=\"2\" class=\"num\">Trust</th><th rowspan=\"2\">Trend</th><th rowspan=\"2\">Mode</th>"
		    "<th colspan=\"5\" scope=\"colgroup\" class=\"group\">Business reviews, whole term</th>"
		    "<th rowspan=\"2\">Next review</th><th rowspan=\"2\">Notice date</th></tr>"
		    "<tr><th class=\"num\">Due</th><th class=\"num\">On time</th><th class=\"num\">Late</th><th class=\"num\">Missed</th>"
		    "<th class=\"num\">No quorum</th></tr></thead><tbody>",
		 rq->caller.org_kind == ORG_PROVIDER ? "Customer" : "Provider");
	for (size_t i = 0; i < n; i++) {
		const struct trust_summary *e = rows[i];
		const struct attention *a = attention_find(reasons, nr, e->engagement_id);
		bool needed = attention_needed(a);
		json_t *why = attention_json(a), *r;
		size_t k;

		if (!shown(e, show))
			continue;
		listed++;
		buf_puts(b, needed ? "<tr class=\"attention\"><td class=\"title\">⚠ " : "<tr><td class=\"title\">");
		html_fmt(b, "<a href=\"/engagements/%lld\">%s</a>", e->engagement_id, e->title);
		/* Why it needs attention, most severe first, under its title. */
		if (json_array_size(why))
			html_fmt(b, "<br><small class=\"muted why\">");
		json_array_foreach(why, k, r) html_fmt(b, "%s%s", k ? "; " : "", json_string_value(json_object_get(r, "detail")));
		if (json_array_size(why))
			html_fmt(b, "</small>");
		html_fmt(b, "</td><td>%s</td>", rq->caller.org_kind == ORG_PROVIDER ? e->buyer : e->provider);
		if (e->known)
			html_fmt(b, "<td class=\"num\"><a href=\"/engagements/%lld/trust\">%d</a></td><td>", e->engagement_id,
				 (int)(e->score + 0.5));
		else
			buf_puts(b, "<td class=\"num muted\">—</td><td>");
		chart_sparkline_svg(b, e->scores);
		buf_puts(b, "</td>");
		advice_cell(b, e);
		cell(b, e->compliance.due, NULL);
		cell(b, e->compliance.held_on_time, "good");
		cell(b, e->compliance.late, "warn");
		cell(b, e->compliance.missed, "bad");
		cell(b, e->compliance.without_quorum, "warn");
		html_fmt(b, "<td><span class=\"nowrap\">%s</span></td>", e->next_due_on[0] ? e->next_due_on : "—");
		html_fmt(b, "<td><span class=\"nowrap\">%s</span><br><small class=\"muted\">renewal: %s</small></td></tr>", a && a->next_notice_on[0] ? a->next_notice_on : "—",
			 a ? a->renewal : "none");
		json_decref(why);
	}
	html_fmt(b, "</tbody></table></div>");
	if (!listed)
		html_fmt(b, "<p class=\"muted\">No engagement matches.</p>");
	html_fmt(b, "</section>");
	page_end(rs);
	free(rows);
	free(reasons);
	att = NULL;
	att_n = 0;
	trust_summaries_free(t, n);
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
	page_saved(rq, rs, form_back(rq, "/actions"), "A new calendar address is ready; the old one no longer works.");
}
