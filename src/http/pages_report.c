/* pages_report: the printable governance report of one engagement for a half-yearly review pack — parties, mandate, compliance, trust, reviews, attendance, actions and issues. */
#include <stdio.h>
#include <string.h>

#include "../service/actions.h"
#include "../service/clock.h"
#include "../service/engagements.h"
#include "../service/issues.h"
#include "../service/reviews.h"
#include "../service/trust.h"
#include "pages.h"

#define RECENT_DAYS 183 /* closed actions this recent are in the report: the half-year since the last pack */

static const char *mode_words(const char *mode)
{
	return !strcmp(mode, "partnership") ? "partnership" : "provider-vendor";
}

static const char *lead_words(const char *lead)
{
	return !strcmp(lead, "buyer") ? "buyer leads" : !strcmp(lead, "provider") ? "provider leads" : "joint";
}

static int rounded(double v)
{
	return (int)(v + 0.5);
}

static double number_or(json_t *o, const char *k, double dflt)
{
	json_t *v = json_object_get(o, k);

	return json_is_number(v) ? json_number_value(v) : dflt;
}

static void parties(struct buf *b, json_t *e, json_t *m)
{
	json_t *gov = json_object_get(e, "governance"), *hist = json_object_get(e, "mode_history");
	json_t *last = json_array_get(hist, json_array_size(hist) - 1);

	html_fmt(b, "<section class=\"card\" id=\"parties\"><h2>The engagement</h2><dl>");
	html_fmt(b, "<dt>Buyer</dt><dd>%s</dd>", json_text(json_object_get(e, "buyer"), "name"));
	html_fmt(b, "<dt>Provider</dt><dd>%s</dd>", json_text(json_object_get(e, "provider"), "name"));
	html_fmt(b, "<dt>Service line</dt><dd>%s</dd>", json_text(e, "service_line"));
	html_fmt(b, "<dt>Term</dt><dd>%s to %s</dd>", json_text(e, "starts_on"), json_text(e, "ends_on"));
	html_fmt(b, "<dt>Contract manager</dt><dd>%s</dd>", json_text(e, "contract_manager_name"));
	html_fmt(b, "<dt>Governance</dt><dd>strategic: %s · tactical: %s · operations: %s</dd>", lead_words(json_text(gov, "strategic")),
		 lead_words(json_text(gov, "tactical")), lead_words(json_text(gov, "operations")));
	html_fmt(b, "<dt>Mode</dt><dd><strong>%s</strong>", mode_words(json_text(e, "mode")));
	if (last)
		html_fmt(b, " since %.10s (%s: “%s”)", json_text(last, "changed_at"), json_text(last, "changed_by_name"), json_text(last, "reason"));
	else
		html_fmt(b, " since the start");
	html_fmt(b, "</dd><dt>Mandate</dt><dd>");
	if (m) {
		html_fmt(b, "%s reviews, %lld days of grace; mandated roles: ", json_text(m, "cadence"), json_num(m, "grace_days"));
		role_list(b, json_object_get(m, "required_roles"));
	} else {
		html_fmt(b, "no mandate set");
	}
	html_fmt(b, "</dd></dl></section>");
}

static void stat(struct buf *b, long long n, const char *label, const char *tone)
{
	if (n && tone)
		html_fmt(b, "<div class=\"%s\"><strong>%lld</strong><span>%s</span></div>", tone, n, label);
	else
		html_fmt(b, "<div><strong>%lld</strong><span>%s</span></div>", n, label);
}

static void compliance(struct buf *b, json_t *c)
{
	bool attention = json_num(c, "late") || json_num(c, "missed") || json_num(c, "without_quorum");

	html_fmt(b, "<section class=\"card\" id=\"compliance\"><h2>Compliance with the mandate</h2><div class=\"stats\">");
	stat(b, json_num(c, "due"), "reviews due so far", NULL);
	stat(b, json_num(c, "held_on_time"), "held on time", "good");
	stat(b, json_num(c, "late"), "held late", "warn");
	stat(b, json_num(c, "missed"), "missed", "bad");
	stat(b, json_num(c, "in_grace"), "in grace", NULL);
	stat(b, json_num(c, "without_quorum"), "held without quorum", "warn");
	stat(b, json_num(c, "cancelled"), "cancelled", NULL);
	html_fmt(b, "</div><p>");
	html_fmt(b, attention ? "<strong>Needs attention:</strong> a review was late, missed or held without a mandated role. "
			      : "No review was late, missed or held without a mandated role. ");
	if (json_is_string(json_object_get(c, "last_held_on")))
		html_fmt(b, "Last held %s. ", json_text(c, "last_held_on"));
	if (json_is_string(json_object_get(c, "next_due_on")))
		html_fmt(b, "Next due %s.", json_text(c, "next_due_on"));
	html_fmt(b, "</p></section>");
}

static void advice_words(struct buf *b, json_t *t, const struct trust_settings *ts)
{
	const char *a = json_text(t, "advice"), *mode = json_text(t, "mode");

	if (!strcmp(a, "partnership") && strcmp(mode, "partnership") != 0)
		html_fmt(b, "Trust has held at or above %d for the last %d held reviews: accord recommends moving to partnership.",
			 rounded(ts->partnership_at), ts->partnership_reviews);
	else if (!strcmp(a, "partnership"))
		html_fmt(b, "Trust has held at or above %d for the last %d held reviews: accord recommends staying in partnership.",
			 rounded(ts->partnership_at), ts->partnership_reviews);
	else if (!strcmp(a, "regression") && !strcmp(mode, "partnership"))
		html_fmt(b, "Trust has stayed below %d for the last %d held reviews: accord recommends going back to provider-vendor mode.",
			 rounded(ts->regression_below), ts->regression_reviews);
	else if (!strcmp(a, "regression"))
		html_fmt(b, "Trust has stayed below %d for the last %d held reviews: the relationship is regressing.",
			 rounded(ts->regression_below), ts->regression_reviews);
	else if (!strcmp(a, "none"))
		html_fmt(b, "Not enough held reviews yet for a recommendation.");
	else
		html_fmt(b, "No change of mode is indicated: trust is neither consistently high nor consistently low.");
}

static void trust(struct request *rq, struct buf *b, json_t *t)
{
	const struct trust_settings *ts = trust_settings();
	size_t i;
	json_t *f, *h;

	html_fmt(b, "<section class=\"card\" id=\"trust\"><h2>Trust</h2>");
	if (!t || !json_is_number(json_object_get(t, "score"))) {
		html_fmt(b, "<p class=\"muted\">No trust score yet: it comes with the first held review that has evidence.</p></section>");
		return;
	}
	html_fmt(b, "<div class=\"stats\"><div><strong>%d</strong><span>of 100 after the latest held review</span></div>",
		 rounded(number_or(t, "score", 0)));
	html_fmt(b, "<div><strong>%s</strong><span>recommended mode</span></div></div><p>", mode_words(json_text(t, "recommended_mode")));
	advice_words(b, t, ts);
	if (json_is_true(json_object_get(t, "sentiment_gap")))
		html_fmt(b, " <strong>The two sides rate the relationship far apart in the latest survey.</strong>");
	html_fmt(b, "</p>");
	chart_trust_svg(b, json_object_get(t, "history"), ts->partnership_at, ts->regression_below);
	html_fmt(b, "<div class=\"cols\"><div><h3>The latest score, factor by factor</h3><table class=\"list\"><thead><tr><th scope=\"col\">Factor</th>"
		    "<th class=\"num\" scope=\"col\">Value</th><th class=\"num\" scope=\"col\">Weight</th><th class=\"num\" scope=\"col\">Counted</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(t, "factors"), i, f)
	{
		char w[16], sh[16];

		snprintf(w, sizeof w, "%.0f%%", 100 * number_or(f, "weight", 0));
		snprintf(sh, sizeof sh, "%.0f%%", 100 * number_or(f, "share", 0));
		html_fmt(b, "<tr><td>%s</td>", json_text(f, "name"));
		if (json_is_true(json_object_get(f, "known")))
			html_fmt(b, "<td class=\"num\">%d</td><td class=\"num\">%s</td><td class=\"num\">%s</td></tr>", rounded(number_or(f, "value", 0)), w, sh);
		else
			html_fmt(b, "<td class=\"num\">unknown</td><td class=\"num\">%s</td><td class=\"num\">none (no evidence)</td></tr>", w);
	}
	html_fmt(b, "</tbody></table><p class=\"muted small\">A factor with no evidence is unknown, never 0 or 100: its weight is spread over the others. "
		    "The evidence behind each number is on the <a href=\"/engagements/%lld/trust#factors\">trust page</a>.</p></div>",
		 rq->id);
	html_fmt(b, "<div><h3>After each held review</h3><table class=\"list\"><thead><tr><th scope=\"col\">Held</th><th class=\"num\" scope=\"col\">Trust</th>"
		    "<th class=\"num\" scope=\"col\">This window alone</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(t, "history"), i, h)
	{
		html_fmt(b, "<tr><td class=\"d\"><a href=\"/reviews/%lld\">%s</a></td>", json_num(h, "review_id"), json_text(h, "held_on"));
		if (json_is_number(json_object_get(h, "score")))
			html_fmt(b, "<td class=\"num\">%d</td><td class=\"num\">%d</td></tr>", rounded(number_or(h, "score", 0)),
				 rounded(number_or(h, "raw", 0)));
		else
			html_fmt(b, "<td class=\"num\">unknown</td><td class=\"num\">—</td></tr>");
	}
	html_fmt(b, "</tbody></table></div></div></section>");
}

/* Who was there: those marked present, by side. */
static void attendance(struct request *rq, struct buf *b, long long review_id, long long buyer_org)
{
	json_t *r = review_get_json(rq->store, review_id), *a;
	int buyer = 0, provider = 0, invited = 0;
	size_t i;

	json_array_foreach(json_object_get(r, "attendance"), i, a)
	{
		invited++;
		if (!json_is_true(json_object_get(a, "present")))
			continue;
		if (json_num(a, "org_id") == buyer_org)
			buyer++;
		else
			provider++;
	}
	if (!invited)
		html_fmt(b, "not recorded");
	else
		html_fmt(b, "%d present (buyer %d, provider %d)", buyer + provider, buyer, provider);
	json_decref(r);
}

static void reviews(struct request *rq, struct buf *b, json_t *e)
{
	struct page all = {0, PAGE_LIMIT_MAX};
	json_t *list = review_list_json(rq->store, rq->id, all), *r;
	long long buyer_org = json_num(json_object_get(e, "buyer"), "id");
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"reviews\"><h2>Business reviews</h2>");
	if (!json_array_size(json_object_get(list, "items"))) {
		html_fmt(b, "<p class=\"muted\">No review is planned: the engagement has no mandate yet.</p></section>");
		json_decref(list);
		return;
	}
	html_fmt(b, "<table class=\"list\"><thead><tr><th scope=\"col\">Due</th><th scope=\"col\">Held</th><th scope=\"col\">Status</th>"
		    "<th scope=\"col\">Quorum</th><th scope=\"col\">Attendance</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(list, "items"), i, r)
	{
		bool held = json_is_string(json_object_get(r, "held_on"));

		html_fmt(b, "<tr><td class=\"d\"><a href=\"/reviews/%lld\">%s</a>%s</td><td class=\"d\">%s</td><td>", json_num(r, "id"), json_text(r, "due_on"),
			 json_is_true(json_object_get(r, "adhoc")) ? " (ad hoc)" : "", held ? json_text(r, "held_on") : "—");
		status_pill(b, json_text(r, "status"), json_is_true(json_object_get(r, "quorum_met")), held);
		if (!strcmp(json_text(r, "status"), "cancelled") && json_text(r, "cancel_reason")[0])
			html_fmt(b, " <span class=\"muted\">%s</span>", json_text(r, "cancel_reason"));
		html_fmt(b, "</td><td>");
		/* Quorum and attendance matter once the review was held. */
		if (held && json_is_true(json_object_get(r, "quorum_met"))) {
			html_fmt(b, "met</td><td>");
		} else if (held) {
			html_fmt(b, "missing: ");
			role_list(b, json_object_get(r, "missing_roles"));
			html_fmt(b, "</td><td>");
		} else {
			html_fmt(b, "—</td><td>—</td></tr>");
			continue;
		}
		attendance(rq, b, json_num(r, "id"), buyer_org);
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table></section>");
	json_decref(list);
}

static void action_rows(struct buf *b, json_t *items, bool open, const char *since)
{
	size_t i;
	json_t *a;

	json_array_foreach(items, i, a)
	{
		if (!open && strncmp(json_text(a, "closed_on"), since, 10) < 0)
			continue;
		html_fmt(b, "<tr><td>%s</td><td>%s</td><td class=\"d\">%s</td><td>", json_text(a, "title"), json_text(a, "owner_name"), json_text(a, "due_on"));
		if (open && json_is_true(json_object_get(a, "overdue")))
			html_fmt(b, "<span class=\"pill st-missed\">overdue</span>");
		else if (open)
			html_fmt(b, "<span class=\"pill st-planned\">open</span>");
		else
			html_fmt(b, "%s <span class=\"d\">%.10s</span>", json_text(a, "status"), json_text(a, "closed_on"));
		html_fmt(b, "</td><td><a href=\"/reviews/%lld#actions\">review due %s</a></td></tr>", json_num(a, "review_id"),
			 json_text(a, "review_due_on"));
	}
}

static size_t recent(json_t *items, const char *since)
{
	size_t i, n = 0;
	json_t *a;

	json_array_foreach(items, i, a) n += strncmp(json_text(a, "closed_on"), since, 10) >= 0;
	return n;
}

static void actions(struct request *rq, struct buf *b)
{
	struct page all = {0, PAGE_LIMIT_MAX};
	json_t *open = action_list_engagement_json(rq->store, rq->id, "open", all);
	json_t *done = action_list_engagement_json(rq->store, rq->id, "done", all);
	json_t *dropped = action_list_engagement_json(rq->store, rq->id, "dropped", all);
	json_t *oi = json_object_get(open, "items"), *di = json_object_get(done, "items"), *xi = json_object_get(dropped, "items");
	char since[11];
	size_t n;

	date_format(date_add_days(clock_today(), -RECENT_DAYS), since);
	n = json_array_size(oi) + recent(di, since) + recent(xi, since);
	html_fmt(b, "<section class=\"card\" id=\"actions\"><h2>Actions: open, and closed since %s</h2>", since);
	if (!n) {
		html_fmt(b, "<p class=\"muted\">None.</p>");
	} else {
		html_fmt(b, "<table class=\"list\"><thead><tr><th scope=\"col\">Action</th><th scope=\"col\">Owner</th><th scope=\"col\">Due</th>"
			    "<th scope=\"col\">Status</th><th scope=\"col\">Decided at</th></tr></thead><tbody>");
		action_rows(b, oi, true, since);
		action_rows(b, di, false, since);
		action_rows(b, xi, false, since);
		html_fmt(b, "</tbody></table>");
	}
	html_fmt(b, "</section>");
	json_decref(dropped);
	json_decref(done);
	json_decref(open);
}

static void issues(struct request *rq, struct buf *b)
{
	struct page all = {0, PAGE_LIMIT_MAX};
	json_t *list = issue_list_json(rq->store, rq->id, NULL, all), *x;
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"issues\"><h2>Plans, strategic issues and imperatives</h2>");
	if (!json_array_size(json_object_get(list, "items"))) {
		html_fmt(b, "<p class=\"muted\">None shared.</p></section>");
		json_decref(list);
		return;
	}
	html_fmt(b, "<table class=\"list\"><thead><tr><th scope=\"col\">Shared</th><th scope=\"col\">Kind</th><th scope=\"col\">Title</th>"
		    "<th scope=\"col\">Status</th><th class=\"num\" scope=\"col\">Provider's answers</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(list, "items"), i, x)
		html_fmt(b, "<tr><td class=\"d\">%.10s</td><td>%s</td><td><a href=\"/issues/%lld\">%s</a></td><td><span class=\"pill is-%s\">%s</span></td>"
			    "<td class=\"num\">%lld</td></tr>",
			 json_text(x, "created_at"), json_text(x, "kind"), json_num(x, "id"), json_text(x, "title"), json_text(x, "status"),
			 json_text(x, "status"), json_num(x, "responses_count"));
	html_fmt(b, "</tbody></table></section>");
	json_decref(list);
}

void page_report(struct request *rq, struct response *rs)
{
	json_t *e = engagement_get_json(rq->store, rq->id), *c, *t, *m;
	struct buf *b = &rs->body;
	char today[11];

	if (!e) {
		page_error(rq, rs, 404, "There is no such engagement.");
		return;
	}
	c = compliance_json(rq->store, rq->id);
	t = trust_json(rq->store, rq->id);
	m = mandate_get_json(rq->store, rq->id);
	date_format(clock_today(), today);
	page_begin(rq, rs, "Governance report");
	html_fmt(b, "<article class=\"report\"><p class=\"crumbs noprint\"><a href=\"/\">Engagements</a> › <a href=\"/engagements/%lld\">%s</a> › Report</p>",
		 rq->id, json_text(e, "title"));
	html_fmt(b, "<p class=\"print-hint noprint\">To keep this report for the review pack, use your browser's Print and choose “Save as PDF”: "
		    "navigation and forms are left out of the printout.</p>");
	html_fmt(b, "<h1>Governance report: %s</h1><p class=\"muted\">%s and %s · prepared on %s by accord</p>", json_text(e, "title"),
		 json_text(json_object_get(e, "buyer"), "name"), json_text(json_object_get(e, "provider"), "name"), today);
	parties(b, e, m);
	compliance(b, c);
	trust(rq, b, t);
	/* Delivery since the last held review, for the pack of the next one (issue 17). */
	scorecard_review_section(rq, b, rq->id, today, "Service levels since the last held review");
	reviews(rq, b, e);
	actions(rq, b);
	issues(rq, b);
	html_fmt(b, "</article>");
	page_end(rs);
	json_decref(m);
	json_decref(t);
	json_decref(c);
	json_decref(e);
}
