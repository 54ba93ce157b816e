/* pages_scorecard: the delivery scorecards in the browser — an engagement's KPIs by period with their evidence and trends, the portfolio's, the scorecard of a review's window — and the buyer's decision on a service credit. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "../service/clock.h"
#include "../service/credit_decisions.h"
#include "../service/reviews.h"
#include "../service/scorecard.h"
#include "api.h"
#include "pages.h"

/* How many months back the window picker offers, at most. */
#define PICKER_MONTHS 60

static const char *const month_names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

/* A status as people read it, and the mark that says it without colour. */
static const char *status_words(const char *status)
{
	return !strcmp(status, "met") ? "met" : !strcmp(status, "at_risk") ? "at risk" : !strcmp(status, "missed") ? "missed" : "no data";
}

static const char *status_mark(const char *status)
{
	return !strcmp(status, "met") ? "✓" : !strcmp(status, "at_risk") ? "!" : !strcmp(status, "missed") ? "✗" : "?";
}

/* A number as entered: 99.5, 12, 0.25 (at most four decimals, no trailing zeros). */
static void number_text(char out[32], json_t *v)
{
	size_t n;

	if (json_is_integer(v)) {
		snprintf(out, 32, "%lld", (long long)json_integer_value(v));
		return;
	}
	if (!json_is_number(v)) {
		snprintf(out, 32, "—");
		return;
	}
	snprintf(out, 32, "%.4f", json_number_value(v));
	n = strlen(out);
	while (n > 1 && out[n - 1] == '0')
		out[--n] = '\0';
	if (n > 1 && out[n - 1] == '.')
		out[--n] = '\0';
}

/* An attainment (0..1) as a percentage, or "unknown" when no period had a value. */
static void attainment_text(char out[24], json_t *o)
{
	json_t *a = json_object_get(o, "attainment");

	if (json_is_number(a))
		snprintf(out, 24, "%.1f%%", 100 * json_number_value(a));
	else
		snprintf(out, 24, "unknown");
}

/* Amounts per currency, "USD 1,200.00 + EUR 300.00", or none_text when there are none. */
static void money_list(struct buf *b, json_t *amounts, const char *none_text)
{
	size_t i;
	json_t *m;

	if (!json_array_size(amounts)) {
		html_fmt(b, "%s", none_text);
		return;
	}
	json_array_foreach(amounts, i, m) html_fmt(b, "%s%s", i ? " + " : "", json_text(m, "text"));
}

static void month_label(char out[16], const char *period)
{
	int y = 0, m = 0;

	if (sscanf(period, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12)
		snprintf(out, 16, "%s %d", month_names[m - 1], y);
	else
		snprintf(out, 16, "%s", period);
}

/* ---- The window picker: two selects of months, a GET form (no typed dates) ---- */

static void window_picker(struct buf *b, const char *action, json_t *window, struct date earliest)
{
	char vals[PICKER_MONTHS][12], labs[PICKER_MONTHS][16], from[8], to[8];
	const char *v[PICKER_MONTHS], *l[PICKER_MONTHS];
	struct date today = clock_today(), d = {today.year, today.month, 1};
	size_t n = 0;

	/* The newest month first, back to the earliest offered. */
	while (n < PICKER_MONTHS && (d.year > earliest.year || (d.year == earliest.year && d.month >= earliest.month))) {
		snprintf(vals[n], sizeof vals[n], "%04d-%02d", d.year % 10000, d.month % 100);
		month_label(labs[n], vals[n]);
		v[n] = vals[n];
		l[n] = labs[n];
		n++;
		d = date_add_months(d, -1);
	}
	if (!n)
		return;
	snprintf(from, sizeof from, "%.7s", json_text(window, "from"));
	snprintf(to, sizeof to, "%.7s", json_text(window, "to"));
	html_fmt(b, "<form method=\"get\" action=\"%s\" class=\"filters\" aria-label=\"Window\">", action);
	/* A window starting before the oldest month offered shows that month. */
	form_select(b, "From", "from", v, l, n, strcmp(from, v[n - 1]) < 0 ? v[n - 1] : from, NULL);
	form_select(b, "To", "to", v, l, n, to, NULL);
	html_fmt(b, "<button type=\"submit\">Show</button></form>");
}

/* ---- Cells, evidence, credits ---- */

/* One period's cell: the status in words and a mark (never colour alone), the value, a disputed flag, the evidence in its title. */
static void period_cell(struct buf *b, json_t *kpi, json_t *p)
{
	const char *status = json_text(p, "status");
	char value[32], title[600];

	number_text(value, json_object_get(p, "value"));
	if (json_is_number(json_object_get(p, "value")))
		snprintf(title, sizeof title, "%s %s: %s %s (%s), submitted by %s on %.10s via %s%s", json_text(kpi, "name"),
			 json_text(p, "period"), value, json_text(kpi, "unit"), status_words(status), json_text(p, "submitted_by"),
			 json_text(p, "submitted_at"), json_text(p, "source"),
			 json_is_true(json_object_get(p, "disputed")) ? "; disputed (the reason is in the evidence)" : "");
	else
		snprintf(title, sizeof title, "%s %s: no value submitted (unknown, never met)", json_text(kpi, "name"),
			 json_text(p, "period"));
	html_fmt(b, "<td class=\"kpi-cell kpi-%s\" title=\"%s\"><a href=\"#evidence-%lld-%s\"><span class=\"mark\" aria-hidden=\"true\">%s</span> %s",
		 status, title, json_num(kpi, "id"), json_text(p, "period"), status_mark(status), status_words(status));
	if (json_is_number(json_object_get(p, "value")))
		html_fmt(b, "<br><span class=\"v\">%s</span>", value);
	if (json_is_true(json_object_get(p, "disputed")))
		html_fmt(b, "<br><span class=\"disputed\">⚑ disputed</span>");
	html_fmt(b, "</a></td>");
}

static void kpi_rule_text(struct buf *b, json_t *k)
{
	char target[32], threshold[32];

	number_text(target, json_object_get(k, "target"));
	number_text(threshold, json_object_get(k, "threshold"));
	html_fmt(b, "%s is better · target %s %s · threshold %s %s · %s", !strcmp(json_text(k, "direction"), "lower") ? "lower" : "higher",
		 target, json_text(k, "unit"), threshold, json_text(k, "unit"), json_text(k, "frequency"));
}

/* The KPI × period table of one frequency (monthly or quarterly KPIs side by side share their columns). */
static void period_table(struct buf *b, json_t *kpis, const char *frequency)
{
	json_t *k, *p, *first = NULL;
	size_t i, j;

	json_array_foreach(kpis, i, k) if (!first && !strcmp(json_text(k, "frequency"), frequency)) first = k;
	if (!first || !json_array_size(json_object_get(first, "periods")))
		return;
	html_fmt(b, "<div class=\"scroll\"><table class=\"list scorecard\"><caption class=\"sr-only\">%s KPIs by period</caption><thead><tr><th scope=\"col\">KPI</th>",
		 frequency);
	json_array_foreach(json_object_get(first, "periods"), j, p)
	{
		char label[16];

		month_label(label, json_text(p, "period"));
		html_fmt(b, "<th scope=\"col\" class=\"d\">%s</th>", label);
	}
	html_fmt(b, "<th scope=\"col\" class=\"num\">Attainment</th></tr></thead><tbody>");
	json_array_foreach(kpis, i, k)
	{
		char att[24];

		if (strcmp(json_text(k, "frequency"), frequency) != 0)
			continue;
		attainment_text(att, k);
		html_fmt(b, "<tr><th scope=\"row\"><a href=\"#kpi-%lld\">%s</a>", json_num(k, "id"), json_text(k, "name"));
		if (json_is_string(json_object_get(k, "missed_since")))
			html_fmt(b, "<br><span class=\"small bad\">missed since %s</span>", json_text(k, "missed_since"));
		html_fmt(b, "</th>");
		json_array_foreach(json_object_get(k, "periods"), j, p) period_cell(b, k, p);
		html_fmt(b, "<td class=\"num\">%s</td></tr>", att);
	}
	html_fmt(b, "</tbody></table></div>");
}

/* The evidence behind each cell: value, who submitted it, when, how, and any dispute. */
static void evidence_table(struct buf *b, json_t *k)
{
	json_t *p;
	size_t i;

	html_fmt(b, "<details><summary>Evidence, period by period</summary><table class=\"list small\"><thead><tr><th scope=\"col\">Period</th>"
		    "<th scope=\"col\" class=\"num\">Value</th><th scope=\"col\">Status</th><th scope=\"col\">Submitted</th><th scope=\"col\">Note</th>"
		    "<th scope=\"col\">Dispute</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(k, "periods"), i, p)
	{
		char value[32];

		number_text(value, json_object_get(p, "value"));
		html_fmt(b, "<tr id=\"evidence-%lld-%s\"><td class=\"d\">%s</td><td class=\"num\">%s</td><td><span class=\"pill kpi-%s\">%s %s</span></td>",
			 json_num(k, "id"), json_text(p, "period"), json_text(p, "period"), value, json_text(p, "status"),
			 status_mark(json_text(p, "status")), status_words(json_text(p, "status")));
		if (json_is_number(json_object_get(p, "value")))
			html_fmt(b, "<td>%s, %.10s (%s)</td><td>%s</td>", json_text(p, "submitted_by"), json_text(p, "submitted_at"),
				 json_text(p, "source"), json_text(p, "note"));
		else
			html_fmt(b, "<td class=\"muted\">nothing submitted</td><td></td>");
		if (json_is_true(json_object_get(p, "disputed"))) {
			html_fmt(b, "<td>⚑ %s", json_text(p, "dispute_reason"));
			if (json_is_string(json_object_get(p, "dispute_answer")))
				html_fmt(b, "<br><span class=\"muted\">Answer: %s</span>", json_text(p, "dispute_answer"));
			html_fmt(b, "<br><span class=\"muted small\">Counted as %s until corrected.</span></td></tr>",
				 status_words(json_text(p, "counted")));
		} else {
			html_fmt(b, "<td></td></tr>");
		}
	}
	html_fmt(b, "</tbody></table></details>");
}

static void kpi_card(struct buf *b, json_t *k)
{
	json_t *credits = json_object_get(k, "credits");
	char att[24], pct[32];

	attainment_text(att, k);
	html_fmt(b, "<section class=\"card\" id=\"kpi-%lld\"><h2>%s</h2><p class=\"muted\">", json_num(k, "id"), json_text(k, "name"));
	kpi_rule_text(b, k);
	if (json_is_number(json_object_get(k, "credit_percent"))) {
		number_text(pct, json_object_get(k, "credit_percent"));
		html_fmt(b, " · a miss owes %s%% of the monthly charge", pct);
	}
	html_fmt(b, "</p><div class=\"stats\"><div><strong>%s</strong><span>attainment in the window</span></div>", att);
	html_fmt(b, "<div class=\"good\"><strong>%lld</strong><span>met</span></div><div class=\"warn\"><strong>%lld</strong><span>at risk</span></div>"
		    "<div class=\"bad\"><strong>%lld</strong><span>missed</span></div><div><strong>%lld</strong><span>no data</span></div>",
		 json_num(k, "met"), json_num(k, "at_risk"), json_num(k, "missed"), json_num(k, "unknown"));
	html_fmt(b, "<div><strong>");
	money_list(b, json_object_get(credits, "owed"), "none");
	html_fmt(b, "</strong><span>credits owed</span></div></div>");
	if (json_is_string(json_object_get(k, "missed_since")))
		html_fmt(b, "<p class=\"banner error\">Missed since %s: every period with a value from then on missed its threshold.</p>",
			 json_text(k, "missed_since"));
	chart_kpi_svg(b, k);
	evidence_table(b, k);
	html_fmt(b, "</section>");
}

static bool may_decide(struct request *rq)
{
	return (rq->rel & REL_BUYER) && (rq->rel & REL_ACCEPTED) && (rq->caller.roles & ROLES_CONTRACT);
}

/* The apply / waive form of one owed credit; the refused one shows its error. */
static void credit_form(struct request *rq, struct buf *b, json_t *c, const struct error *err, bool refused)
{
	static const char *const fields[] = {"status", "reason", NULL};
	long long id = json_num(c, "id");

	html_fmt(b, "<form method=\"post\" action=\"/credits/%lld" FORM_ANCHOR "\" class=\"inline\" id=\"credit-%lld\">", id, id);
	form_csrf(b, rq);
	if (refused)
		form_error_banner(b, err, fields);
	form_input(b, "Reason (a waiver needs one)", "reason", "text", refused ? request_form(rq, "reason") : NULL, refused ? err : NULL);
	html_fmt(b, "<button type=\"submit\" name=\"status\" value=\"applied\" class=\"danger\">Apply</button>"
		    "<button type=\"submit\" name=\"status\" value=\"waived\" class=\"danger\">Waive</button></form>");
}

static void credits_card(struct request *rq, struct buf *b, long long engagement_id, const struct error *err, const char *form)
{
	json_t *list = credits_json(rq->store, engagement_id, NULL), *totals = json_object_get(list, "totals"), *c;
	bool may = may_decide(rq);
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"credits\"><h2>Service credits</h2>");
	if (!json_array_size(json_object_get(list, "items"))) {
		html_fmt(b, "<p class=\"muted\">No service credit: no KPI with a credit percentage has missed a period.</p></section>");
		json_decref(list);
		return;
	}
	html_fmt(b, "<div class=\"stats\"><div class=\"bad\"><strong>");
	money_list(b, json_object_get(totals, "owed"), "none");
	html_fmt(b, "</strong><span>owed</span></div><div><strong>");
	money_list(b, json_object_get(totals, "applied"), "none");
	html_fmt(b, "</strong><span>applied</span></div><div><strong>");
	money_list(b, json_object_get(totals, "waived"), "none");
	html_fmt(b, "</strong><span>waived</span></div></div>");
	html_fmt(b, "<table class=\"list\"><thead><tr><th scope=\"col\">KPI</th><th scope=\"col\">Period</th><th scope=\"col\" class=\"num\">Amount</th>"
		    "<th scope=\"col\">Status</th><th scope=\"col\">%s</th></tr></thead><tbody>",
		 may ? "Decision: apply, or waive with a reason" : "Decision");
	json_array_foreach(json_object_get(list, "items"), i, c)
	{
		const char *status = json_text(c, "status");
		char name[32];

		snprintf(name, sizeof name, "credit-%lld", json_num(c, "id"));
		html_fmt(b, "<tr><td><a href=\"#kpi-%lld\">%s</a></td><td class=\"d\">%s</td><td class=\"num\">%s</td><td><span class=\"pill credit-%s\">%s</span></td><td>",
			 json_num(c, "kpi_id"), json_text(c, "kpi_name"), json_text(c, "period"), json_text(c, "amount"), status, status);
		if (!strcmp(status, "owed") && may)
			credit_form(rq, b, c, err, form && !strcmp(form, name));
		else if (!strcmp(status, "owed"))
			html_fmt(b, "<span class=\"muted\">awaiting the buyer's decision</span>");
		else
			html_fmt(b, "%s, %.10s%s%s", json_text(c, "decided_by_name"), json_text(c, "decided_at"), json_text(c, "reason")[0] ? ": " : "",
				 json_text(c, "reason"));
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table></section>");
	json_decref(list);
}

/* ---- The engagement's scorecard page ---- */

static void summary(struct buf *b, json_t *sc)
{
	json_t *credits = json_object_get(sc, "credits"), *k;
	char att[24];
	size_t i;

	attainment_text(att, sc);
	html_fmt(b, "<section class=\"card\" id=\"summary\"><div class=\"stats\"><div><strong>%s</strong><span>attainment in the window</span></div>", att);
	html_fmt(b, "<div class=\"good\"><strong>%lld</strong><span>periods met</span></div><div class=\"warn\"><strong>%lld</strong><span>at risk</span></div>"
		    "<div class=\"bad\"><strong>%lld</strong><span>missed</span></div><div><strong>%lld</strong><span>no data (unknown)</span></div>",
		 json_num(sc, "met"), json_num(sc, "at_risk"), json_num(sc, "missed"), json_num(sc, "unknown"));
	html_fmt(b, "<div class=\"bad\"><strong>");
	money_list(b, json_object_get(credits, "owed"), "none");
	html_fmt(b, "</strong><span>credits owed for the window</span></div></div>");
	html_fmt(b, "<p class=\"muted small\">Attainment weighs each period with a value by its KPI's weight: met counts 1, at risk ½, missed 0. "
		    "A period without a value is unknown and is left out: no data is never met. A disputed value counts as at most at risk.</p>");
	json_array_foreach(json_object_get(sc, "kpis"), i, k)
	{
		json_t *owed = json_object_get(json_object_get(k, "credits"), "owed");

		if (!json_is_string(json_object_get(k, "missed_since")))
			continue;
		html_fmt(b, "<p class=\"banner error\"><strong>%s</strong> has missed its service level since %s", json_text(k, "name"),
			 json_text(k, "missed_since"));
		if (json_array_size(owed)) {
			html_fmt(b, ": credits owed ");
			money_list(b, owed, "");
		}
		html_fmt(b, ".</p>");
	}
	html_fmt(b, "</section>");
}

/* The earliest month the picker offers for an engagement: its start, at most PICKER_MONTHS back. */
static struct date picker_earliest(json_t *sc)
{
	struct date today = clock_today(), start, floor_ = date_add_months((struct date){today.year, today.month, 1}, -(PICKER_MONTHS - 1));
	json_t *listed = json_object_get(sc, "listed");

	if (listed && date_parse(json_text(listed, "from"), &start) && date_compare(start, floor_) > 0)
		return start;
	return floor_;
}

static void render_scorecard(struct request *rq, struct response *rs, long long engagement_id, const struct error *err, const char *form)
{
	struct buf *b = &rs->body;
	struct error werr = {0};
	struct score_window w;
	json_t *sc, *k;
	char action[64];
	size_t i;

	if (!scorecard_window_query(rq, &w, &werr)) {
		/* A window that does not read: the default one, with why. */
		score_window_read(NULL, NULL, clock_today(), &w, NULL);
		rs->status = 422;
	}
	sc = scorecard_json(rq->store, engagement_id, w, NULL);
	if (!sc) {
		page_error(rq, rs, 404, "There is no such engagement.");
		return;
	}
	page_begin(rq, rs, "Scorecard");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/\">Engagements</a> › <a href=\"/engagements/%lld\">%s</a> › Scorecard</p>", engagement_id,
		 json_text(sc, "title"));
	html_fmt(b, "<h1>Scorecard: %s</h1><p class=\"muted\">%s buys from %s · ", json_text(sc, "title"), json_text(sc, "buyer"),
		 json_text(sc, "provider"));
	if (json_is_object(json_object_get(sc, "listed")))
		html_fmt(b, "periods from %s to %s", json_text(json_object_get(sc, "listed"), "from"), json_text(json_object_get(sc, "listed"), "to"));
	else
		html_fmt(b, "the window lies outside the engagement's term");
	html_fmt(b, "</p>");
	if (werr.status)
		html_fmt(b, "<p class=\"banner error\" role=\"alert\">That window could not be shown (%s); here are the last 12 months.</p>", werr.message);
	snprintf(action, sizeof action, "/engagements/%lld/scorecard", engagement_id);
	window_picker(b, action, json_object_get(sc, "window"), picker_earliest(sc));
	if (!json_array_size(json_object_get(sc, "kpis"))) {
		html_fmt(b, "<section class=\"card\"><p class=\"muted\">No KPI is defined for this engagement yet: the buyer's contract or sourcing manager defines them.</p></section>");
	} else {
		summary(b, sc);
		html_fmt(b, "<section class=\"card\" id=\"periods\"><h2>KPIs by period</h2><p class=\"muted small\">✓ met · ! at risk · ✗ missed · ? no data · ⚑ disputed. "
			    "Each cell links to its evidence.</p>");
		period_table(b, json_object_get(sc, "kpis"), "monthly");
		period_table(b, json_object_get(sc, "kpis"), "quarterly");
		html_fmt(b, "</section>");
	}
	credits_card(rq, b, engagement_id, err, form);
	json_array_foreach(json_object_get(sc, "kpis"), i, k) kpi_card(b, k);
	page_end(rs);
	json_decref(sc);
}

void page_scorecard(struct request *rq, struct response *rs)
{
	render_scorecard(rq, rs, rq->id, NULL, NULL);
}

/* ---- A credit decided ---- */

void page_credit_decide(struct request *rq, struct response *rs)
{
	json_t *c = credit_get_json(rq->store, rq->id);
	const char *status = request_form(rq, "status"), *reason = request_form(rq, "reason");
	struct error err = {0};
	char form[32], title[300], back[80], where[96];
	long long engagement_id;

	if (!c) {
		page_error(rq, rs, 404, "There is no such credit.");
		return;
	}
	engagement_id = json_num(c, "engagement_id");
	snprintf(form, sizeof form, "credit-%lld", rq->id);
	snprintf(back, sizeof back, "/engagements/%lld/scorecard#credits", engagement_id);
	/* Checked before the confirmation, so a refusal never asks first. */
	if (credit_decision_check(status, reason, &err) && strcmp(json_text(c, "status"), "owed") != 0)
		error_set(&err, 409, "conflict", "status", "only an owed credit can be decided: this one is already %s", json_text(c, "status"));
	if (err.status) {
		rs->status = err.status;
		render_scorecard(rq, rs, engagement_id, &err, form);
		json_decref(c);
		return;
	}
	snprintf(title, sizeof title, "%s the credit of %s for %s, %s?", !strcmp(status, "waived") ? "Waive" : "Apply", json_text(c, "amount"),
		 json_text(c, "kpi_name"), json_text(c, "period"));
	if (!form_confirm(rq, rs, title,
			  !strcmp(status, "waived") ? "The provider will no longer owe this credit. The decision is final and your reason is kept with it, for both sides to read."
						    : "The credit is recorded as applied: deducted from what the buyer pays the provider. The decision is final.",
			  !strcmp(status, "waived") ? "Waive the credit" : "Apply the credit", back)) {
		json_decref(c);
		return;
	}
	if (credit_decide(rq->store, &rq->caller, rq->id, status, reason, &err) != 0) {
		rs->status = err.status;
		render_scorecard(rq, rs, engagement_id, &err, form);
		json_decref(c);
		return;
	}
	snprintf(where, sizeof where, "Credit %s: %s for %s, %s.", status, json_text(c, "amount"), json_text(c, "kpi_name"), json_text(c, "period"));
	page_saved(rq, rs, back, where);
	json_decref(c);
}

/* ---- The portfolio ---- */

void page_portfolio_scorecard(struct request *rq, struct response *rs)
{
	struct buf *b = &rs->body;
	struct error werr = {0};
	struct score_window w;
	struct date today = clock_today();
	json_t *p, *items, *totals, *x, *m;
	bool buyer = rq->caller.org_kind == ORG_BUYER;
	char att[24];
	size_t i, j;

	if (!scorecard_window_query(rq, &w, &werr)) {
		score_window_read(NULL, NULL, today, &w, NULL);
		rs->status = 422;
	}
	p = scorecard_portfolio_json(rq->store, &rq->caller, w, NULL);
	if (!p) {
		page_error(rq, rs, 500, "The scorecard could not be read.");
		return;
	}
	items = json_object_get(p, "items");
	totals = json_object_get(p, "totals");
	page_begin(rq, rs, "Scorecard");
	html_fmt(b, "<h1>Delivery scorecard</h1><p class=\"muted\">Every engagement of %s, as %s: service levels from %s to %s, and the credits owed now.</p>",
		 rq->caller.org_name, buyer ? "buyer" : "provider", json_text(json_object_get(p, "window"), "from"),
		 json_text(json_object_get(p, "window"), "to"));
	if (werr.status)
		html_fmt(b, "<p class=\"banner error\" role=\"alert\">That window could not be shown (%s); here are the last 12 months.</p>", werr.message);
	window_picker(b, "/scorecard", json_object_get(p, "window"), date_add_months((struct date){today.year, today.month, 1}, -(PICKER_MONTHS - 1)));
	attainment_text(att, totals);
	html_fmt(b, "<section class=\"card\"><div class=\"stats\"><div><strong>%lld</strong><span>engagements</span></div>"
		    "<div><strong>%s</strong><span>attainment</span></div><div class=\"bad\"><strong>%lld</strong><span>KPIs missed</span></div><div class=\"bad\"><strong>",
		 json_num(totals, "engagements"), att, json_num(totals, "kpis_missed"));
	money_list(b, json_object_get(totals, "credits_owed"), "none");
	html_fmt(b, "</strong><span>credits owed</span></div></div></section>");
	html_fmt(b, "<section class=\"card\"><table class=\"list\"><thead><tr><th scope=\"col\">Engagement</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\" class=\"num\">Attainment</th><th scope=\"col\" class=\"num\">KPIs</th><th scope=\"col\">Missed (since)</th>"
		    "<th scope=\"col\" class=\"num\">Credits owed</th></tr></thead><tbody>",
		 buyer ? "Provider" : "Customer");
	json_array_foreach(items, i, x)
	{
		attainment_text(att, x);
		/* The row's class is markup, so it is chosen between two literals (html_fmt escapes every %s). */
		html_fmt(b, json_num(x, "kpis_missed") ? "<tr class=\"attention\">" : "<tr>");
		html_fmt(b, "<td><a href=\"/engagements/%lld/scorecard\">%s</a></td><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%lld</td><td>",
			 json_num(x, "engagement_id"), json_text(x, "title"),
			 json_text(x, buyer ? "provider" : "buyer"), att, json_num(x, "kpis"));
		if (!json_num(x, "kpis"))
			html_fmt(b, "<span class=\"muted\">no KPI defined</span>");
		else if (!json_array_size(json_object_get(x, "missed_kpis")))
			html_fmt(b, "<span class=\"muted\">none</span>");
		json_array_foreach(json_object_get(x, "missed_kpis"), j, m)
		{
			if (j)
				html_fmt(b, "<br>");
			html_fmt(b, "<span class=\"pill kpi-missed\">✗ %s</span> <span class=\"small\">%lld missed", json_text(m, "name"),
				 json_num(m, "periods_missed"));
			if (json_is_string(json_object_get(m, "missed_since")))
				html_fmt(b, ", since %s", json_text(m, "missed_since"));
			html_fmt(b, "</span>");
		}
		html_fmt(b, "</td><td class=\"num d\">");
		money_list(b, json_object_get(x, "credits_owed"), "—");
		html_fmt(b, "</td></tr>");
	}
	if (!json_array_size(items))
		html_fmt(b, "<tr><td colspan=\"6\" class=\"muted\">No accepted engagement yet.</td></tr>");
	html_fmt(b, "</tbody></table></section>");
	page_end(rs);
	json_decref(p);
}

/* ---- The scorecard of a review's window, in the review page and the governance report ---- */

void scorecard_section(struct request *rq, struct buf *b, long long engagement_id, const char *from, const char *to, const char *heading)
{
	struct error err = {0};
	struct score_window w;
	json_t *sc, *k, *p, *c;
	bool any = false;
	char att[24];
	size_t i, j;

	html_fmt(b, "<section class=\"card\" id=\"scorecard\"><h2>%s</h2>", heading);
	if (!score_window_read(from, to, clock_today(), &w, &err) || !(sc = scorecard_json(rq->store, engagement_id, w, &err))) {
		html_fmt(b, "<p class=\"muted\">The scorecard could not be read: %s</p></section>", err.message);
		return;
	}
	if (!json_array_size(json_object_get(sc, "kpis"))) {
		html_fmt(b, "<p class=\"muted\">No KPI is defined for this engagement.</p></section>");
		json_decref(sc);
		return;
	}
	attainment_text(att, sc);
	html_fmt(b, "<p>From %s to %s: attainment <strong>%s</strong>; %lld period(s) met, %lld at risk, %lld missed, %lld without data.</p>", from, to, att,
		 json_num(sc, "met"), json_num(sc, "at_risk"), json_num(sc, "missed"), json_num(sc, "unknown"));
	html_fmt(b, "<table class=\"list\"><thead><tr><th scope=\"col\">KPI</th><th scope=\"col\">Missed in the window</th><th scope=\"col\">Missed since</th>"
		    "<th scope=\"col\" class=\"num\">Attainment</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(sc, "kpis"), i, k)
	{
		bool first = true;

		attainment_text(att, k);
		html_fmt(b, json_num(k, "missed") ? "<tr class=\"attention\">" : "<tr>");
		html_fmt(b, "<td>%s</td><td>", json_text(k, "name"));
		json_array_foreach(json_object_get(k, "periods"), j, p)
		{
			if (strcmp(json_text(p, "counted"), "missed") != 0)
				continue;
			html_fmt(b, "%s<span class=\"pill kpi-missed\">✗ %s</span>", first ? "" : " ", json_text(p, "period"));
			first = false;
			any = true;
		}
		if (first)
			html_fmt(b, "<span class=\"muted\">none</span>");
		html_fmt(b, "</td><td>%s</td><td class=\"num\">%s</td></tr>",
			 json_is_string(json_object_get(k, "missed_since")) ? json_text(k, "missed_since") : "—", att);
	}
	html_fmt(b, "</tbody></table>");
	if (any)
		html_fmt(b, "<p>A KPI missed in the window belongs on the next review's agenda, with an action owned by the provider's leadership.</p>");
	html_fmt(b, "<h3>Service credits of the window</h3>");
	if (!json_array_size(json_object_get(json_object_get(sc, "credits"), "items"))) {
		html_fmt(b, "<p class=\"muted\">None.</p>");
	} else {
		html_fmt(b, "<table class=\"list\"><thead><tr><th scope=\"col\">KPI</th><th scope=\"col\">Period</th><th scope=\"col\" class=\"num\">Amount</th>"
			    "<th scope=\"col\">Status</th></tr></thead><tbody>");
		json_array_foreach(json_object_get(json_object_get(sc, "credits"), "items"), i, c)
			html_fmt(b, "<tr><td>%s</td><td class=\"d\">%s</td><td class=\"num\">%s</td><td>%s%s%s</td></tr>", json_text(c, "kpi_name"),
				 json_text(c, "period"), json_text(c, "amount"), json_text(c, "status"), json_text(c, "reason")[0] ? ": " : "",
				 json_text(c, "reason"));
		html_fmt(b, "</tbody></table>");
	}
	html_fmt(b, "<p class=\"noprint\"><a href=\"/engagements/%lld/scorecard?from=%s&amp;to=%s\">The full scorecard of this window</a></p></section>",
		 engagement_id, from, to);
	json_decref(sc);
}

/* The window of a review: from the day after the engagement's previous held review (else 12 months back) to until. */
void scorecard_review_section(struct request *rq, struct buf *b, long long engagement_id, const char *until, const char *heading)
{
	struct page all = {0, PAGE_LIMIT_MAX};
	json_t *list = review_list_json(rq->store, engagement_id, all), *r;
	char previous[11] = "", from[11];
	struct date d;
	size_t i;

	json_array_foreach(json_object_get(list, "items"), i, r)
	{
		const char *held = json_string_value(json_object_get(r, "held_on"));

		if (held && strcmp(held, until) < 0 && strcmp(held, previous) > 0)
			snprintf(previous, sizeof previous, "%s", held);
	}
	json_decref(list);
	if (previous[0] && date_parse(previous, &d))
		date_format(date_add_days(d, 1), from);
	else if (date_parse(until, &d))
		date_format(date_add_months((struct date){d.year, d.month, 1}, -(SCORECARD_DEFAULT_MONTHS - 1)), from);
	else
		return;
	scorecard_section(rq, b, engagement_id, from, until, heading);
}
