/* pages_trust: an engagement's trust — the chart, the factors with their evidence, the history, the mode decision and the surveys. */
#include <stdio.h>
#include <string.h>

#include "../service/engagements.h"
#include "../service/surveys.h"
#include "../service/trust.h"
#include "pages.h"

static const char *const marks[] = {"", "1", "2", "3", "4", "5"};
static const char *const mark_labels[] = {"choose…", "1 — poor", "2", "3", "4", "5 — excellent"};
static const char *const dimension_labels[SD__MAX] = {"Trust", "Communication", "Value", "Innovation", "Responsiveness"};
static const char *const modes[] = {"vendor", "partnership"};
static const char *const mode_labels[] = {"Provider-vendor", "Partnership"};
/* In enum trust_factor order. */
static const char *const factor_labels[TF__MAX] = {"Cadence", "Presence", "Commitments", "Openness", "Value", "Sentiment", "Delivery"};
static const char *const factor_questions[TF__MAX] = {
	"Was the review held on time? On time counts fully, late partly, a missed review not at all.",
	"Was someone holding each mandated role present?",
	"Were the actions and the provider's obligations due in the window done by their due date?",
	"Did the buyer share plans and issues, and did the provider answer them?",
	"Accepted roadmap suggestions and awarded roadmap items in the window.",
	"What both sides answered in the survey after the review (1–5).",
	"Were the service levels met? The KPI periods that ended in the window, weighted: met counts fully, at risk half, missed (or not reported in time) not at all.",
};

static const char *mode_words(const char *mode)
{
	return !strcmp(mode, "partnership") ? "Partnership" : "Provider-vendor";
}

static double number_or(json_t *o, const char *k, double dflt)
{
	json_t *v = json_object_get(o, k);

	return json_is_number(v) ? json_number_value(v) : dflt;
}

static int rounded(double v)
{
	return (int)(v + 0.5);
}

static json_t *factor_named(json_t *t, const char *name)
{
	size_t i;
	json_t *f;

	json_array_foreach(json_object_get(t, "factors"), i, f) if (!strcmp(json_text(f, "name"), name)) return f;
	return NULL;
}

static void ids(struct buf *b, json_t *list, const char *href)
{
	size_t i;
	json_t *x;

	if (!json_array_size(list)) {
		html_fmt(b, "none");
		return;
	}
	json_array_foreach(list, i, x)
	{
		html_fmt(b, i ? ", " : "");
		html_fmt(b, "<a href=\"%s%lld\">#%lld</a>", href, (long long)json_integer_value(x),
			 (long long)json_integer_value(x));
	}
}

/* Actions, each linked to the review that decided it. */
static void actions(struct buf *b, json_t *list)
{
	size_t i;
	json_t *a;

	if (!json_array_size(list)) {
		html_fmt(b, "none");
		return;
	}
	json_array_foreach(list, i, a)
	{
		html_fmt(b, i ? ", " : "");
		html_fmt(b, "<a href=\"/reviews/%lld#actions\" title=\"due %s\">#%lld</a>", json_num(a, "review_id"),
			 json_text(a, "due_on"), json_num(a, "id"));
	}
}

/* One side's survey mean, or that it did not answer. */
static void mean(struct buf *b, const char *side, json_t *m)
{
	char v[16];

	if (!json_is_number(m)) {
		html_fmt(b, "%s did not answer", side);
		return;
	}
	snprintf(v, sizeof v, "%.1f", json_number_value(m));
	html_fmt(b, "%s %s of 5", side, v);
}

/* The provider's obligations, each with its due day. */
static void obligations(struct buf *b, json_t *list)
{
	size_t i;
	json_t *o;

	json_array_foreach(list, i, o)
	{
		html_fmt(b, i ? ", " : "");
		html_fmt(b, "%s <span class=\"muted\">(due %s, %s)</span>", json_text(o, "title"), json_text(o, "due_on"),
			 json_text(o, "status"));
	}
}

/* The delivery evidence: the counts, then each KPI's periods with their values. */
static void delivery(struct buf *b, json_t *e)
{
	size_t i, j;
	json_t *k, *p;

	html_fmt(b, "met %lld · at risk %lld · missed %lld", json_num(e, "met"), json_num(e, "at_risk"), json_num(e, "missed"));
	if (json_num(e, "unreported"))
		html_fmt(b, " (%lld not reported within %lld days)", json_num(e, "unreported"), json_num(e, "reporting_days"));
	if (json_num(e, "unknown"))
		html_fmt(b, " · %lld not reported yet (left out)", json_num(e, "unknown"));
	if (!json_array_size(json_object_get(e, "kpis")))
		html_fmt(b, " — no KPI period ended in this window");
	html_fmt(b, "<ul class=\"delivery\">");
	json_array_foreach(json_object_get(e, "kpis"), i, k)
	{
		char weight[16];

		snprintf(weight, sizeof weight, "%g", number_or(k, "weight", 1));
		html_fmt(b, "<li><strong>%s</strong> <span class=\"muted\">(weight %s)</span>: ", json_text(k, "name"), weight);
		json_array_foreach(json_object_get(k, "periods"), j, p)
		{
			const char *status = json_text(p, "status");
			char value[32] = "";

			if (json_is_number(json_object_get(p, "value")))
				snprintf(value, sizeof value, " %g", number_or(p, "value", 0));
			html_fmt(b, "%s%s <span class=\"kpi-%s\">%s</span>%s%s%s", j ? ", " : "", json_text(p, "period"), status,
				 !strcmp(status, "at_risk") ? "at risk" : status, value,
				 json_is_true(json_object_get(p, "disputed")) ? " (disputed)" : "",
				 json_is_true(json_object_get(p, "unreported")) ? " (not reported)" : "");
		}
		html_fmt(b, "</li>");
	}
	html_fmt(b, "</ul>");
	if (json_is_true(json_object_get(e, "below_floor")))
		html_fmt(b, "<strong>Below the delivery floor:</strong> this window cannot count towards partnership.");
}

/* The evidence of one factor, each item linked to where it lives. */
static void evidence(struct buf *b, json_t *f, long long review_id)
{
	const char *name = json_text(f, "name");
	json_t *e = json_object_get(f, "evidence");
	(void)review_id;
	if (!strcmp(name, "cadence")) {
		html_fmt(b, "<a href=\"/reviews/%lld\">review due %s</a> held %s", json_num(e, "review_id"),
			 json_text(e, "due_on"), json_text(e, "held_on"));
		html_fmt(b, json_is_true(json_object_get(e, "on_time")) ? " (on time)" : " (late)");
		html_fmt(b, "; missed in the window: ");
		ids(b, json_object_get(e, "missed_review_ids"), "/reviews/");
	} else if (!strcmp(name, "presence")) {
		html_fmt(b, "<a href=\"/reviews/%lld#attendance\">mandated</a>: ", json_num(e, "review_id"));
		role_list(b, json_object_get(e, "required_roles"));
		html_fmt(b, " · missing: ");
		role_list(b, json_object_get(e, "missing_roles"));
		if (json_is_true(json_object_get(e, "presence_capped")))
			html_fmt(b, " · <strong>held trust where it was:</strong> a review without a mandated role cannot raise it");
	} else if (!strcmp(name, "commitments")) {
		html_fmt(b, "kept: ");
		actions(b, json_object_get(e, "kept_actions"));
		html_fmt(b, " · not kept: ");
		actions(b, json_object_get(e, "not_kept_actions"));
		if (json_array_size(json_object_get(e, "kept_obligations"))) {
			html_fmt(b, "<br>the provider's obligations kept: ");
			obligations(b, json_object_get(e, "kept_obligations"));
		}
		if (json_array_size(json_object_get(e, "not_kept_obligations"))) {
			html_fmt(b, "<br>the provider's obligations not kept: ");
			obligations(b, json_object_get(e, "not_kept_obligations"));
		}
	} else if (!strcmp(name, "openness")) {
		html_fmt(b, "shared: ");
		ids(b, json_object_get(e, "shared_issue_ids"), "/issues/");
		html_fmt(b, " · answered: ");
		ids(b, json_object_get(e, "answered_issue_ids"), "/issues/");
	} else if (!strcmp(name, "value")) {
		html_fmt(b, "accepted roadmap suggestions: %d · awarded roadmap items: %d · practices adopted: %d",
			 (int)json_array_size(json_object_get(e, "accepted_suggestion_ids")),
			 (int)json_array_size(json_object_get(e, "awarded_item_ids")),
			 (int)json_array_size(json_object_get(e, "adoption_ids")));
	} else if (!strcmp(name, "sentiment")) {
		html_fmt(b, "<a href=\"#survey-%lld\">survey after this review</a>: ", json_num(e, "period"));
		mean(b, "buyer", json_object_get(e, "buyer_mean"));
		html_fmt(b, ", ");
		mean(b, "provider", json_object_get(e, "provider_mean"));
	} else if (!strcmp(name, "delivery")) {
		delivery(b, e);
	}
}

static void percent(char *out, size_t size, double share)
{
	snprintf(out, size, "%.0f%%", 100 * share);
}

static void factors_table(struct buf *b, json_t *t)
{
	json_t *window = json_object_get(json_object_get(json_array_get(json_object_get(t, "factors"), 0), "evidence"), "window");
	size_t i;
	json_t *f;

	if (window)
		html_fmt(b, "<p class=\"muted\">The evidence of the window from %s to %s, closed by the review held on %s.</p>",
			 json_text(window, "from"), json_text(window, "to"), json_text(window, "to"));
	html_fmt(b, "<table class=\"list factors\"><thead><tr><th scope=\"col\">Factor</th><th class=\"num\" scope=\"col\">Value</th>"
		    "<th class=\"num\" scope=\"col\">Weight</th><th class=\"num\" scope=\"col\">Counted</th><th scope=\"col\">Evidence</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(t, "factors"), i, f)
	{
		int k = trust_factor_parse(json_text(f, "name"));
		char w[16], sh[16];

		percent(w, sizeof w, number_or(f, "weight", 0));
		percent(sh, sizeof sh, number_or(f, "share", 0));
		html_fmt(b, "<tr><td>%s</td>", json_text(f, "name"));
		if (json_is_true(json_object_get(f, "known")))
			html_fmt(b, "<td class=\"num\" data-label=\"value\"><strong>%d</strong></td><td class=\"num\" data-label=\"weight\">%s</td>"
				    "<td class=\"num\" data-label=\"counted\">%s</td>",
				 rounded(number_or(f, "value", 0)), w, sh);
		else
			html_fmt(b, "<td class=\"num muted\" data-label=\"value\">unknown</td><td class=\"num\" data-label=\"weight\">%s</td>"
				    "<td class=\"num muted why\" data-label=\"counted\">none <small>— no evidence, weight spread over the others</small></td>", w);
		html_fmt(b, "<td><span class=\"muted\">%s</span><br>", k >= 0 ? factor_questions[k] : "");
		evidence(b, f, json_num(t, "review_id"));
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table>");
}

static void history_table(struct buf *b, json_t *t)
{
	size_t i;
	json_t *h;

	html_fmt(b, "<h3>Review by review</h3><div class=\"scroll\"><table class=\"list history\"><thead><tr><th scope=\"col\">Held</th>"
		    "<th class=\"num\" scope=\"col\">Trust</th><th class=\"num\" scope=\"col\">This window alone</th>");
	for (int f = 0; f < TF__MAX; f++)
		html_fmt(b, "<th class=\"num\" scope=\"col\">%s</th>", factor_labels[f]);
	html_fmt(b, "</tr></thead><tbody>");
	/* Newest first, like the surveys. */
	for (i = json_array_size(json_object_get(t, "history")); i-- > 0;) {
		json_t *fv;

		h = json_array_get(json_object_get(t, "history"), i);
		fv = json_object_get(h, "factors");
		html_fmt(b, "<tr><td><a href=\"/reviews/%lld\">%s</a></td>", json_num(h, "review_id"), json_text(h, "held_on"));
		if (json_is_number(json_object_get(h, "score")))
			html_fmt(b, "<td class=\"num\"><strong>%d</strong></td><td class=\"num\">%d</td>", rounded(number_or(h, "score", 0)),
				 rounded(number_or(h, "raw", 0)));
		else
			html_fmt(b, "<td class=\"num muted\">unknown</td><td class=\"num muted\">—</td>");
		for (int f = 0; f < TF__MAX; f++) {
			if (f == TF_PRESENCE && json_is_true(json_object_get(h, "presence_capped"))) {
				html_fmt(b, "<td class=\"num\" title=\"a mandated role was absent: this review could not raise trust\">%d*</td>",
					 rounded(number_or(fv, "presence", 0)));
				continue;
			}
			if (f == TF_DELIVERY && json_is_true(json_object_get(h, "below_delivery_floor"))) {
				html_fmt(b, "<td class=\"num\" title=\"below the delivery floor: cannot count towards partnership\">%d†</td>",
					 rounded(number_or(fv, "delivery", 0)));
				continue;
			}
			json_t *v = json_object_get(fv, trust_factor_name(f));

			if (json_is_number(v))
				html_fmt(b, "<td class=\"num\">%d</td>", rounded(json_number_value(v)));
			else
				html_fmt(b, "<td class=\"num muted\" title=\"unknown: no evidence in this window\">?</td>");
		}
		html_fmt(b, "</tr>");
	}
	html_fmt(b, "</tbody></table></div><p class=\"muted small\">Trust is smoothed over the history "
		    "(“this window alone” is what that review's evidence says by itself). ? is unknown: no evidence in that window. "
		    "* a mandated role was absent, so that review could not raise trust. † delivery below the floor: that review cannot count towards partnership.</p>");
}

/* How many of the latest held reviews in a row were at or above (above) or below (!above) the line. */
static int streak(json_t *history, double line, bool above)
{
	int n = 0;

	for (size_t i = json_array_size(history); i-- > 0;) {
		json_t *s = json_object_get(json_array_get(history, i), "score");

		if (!json_is_number(s) || (above ? json_number_value(s) < line : json_number_value(s) >= line))
			break;
		/* Delivery below the floor breaks a partnership run as an unknown score does. */
		if (above && json_is_true(json_object_get(json_array_get(history, i), "below_delivery_floor")))
			break;
		n++;
	}
	return n;
}

/* The advice in plain words. */
static void advice(struct buf *b, json_t *t, const struct trust_settings *ts)
{
	const char *a = json_text(t, "advice"), *mode = json_text(t, "mode");
	json_t *history = json_object_get(t, "history");
	int up = streak(history, ts->partnership_at, true);

	if (!strcmp(a, "partnership") && strcmp(mode, "partnership") != 0)
		html_fmt(b, "<p class=\"banner good\">Trust has held at or above %d for the last %d held reviews: accord recommends moving to partnership.</p>",
			 rounded(ts->partnership_at), ts->partnership_reviews);
	else if (!strcmp(a, "partnership"))
		html_fmt(b, "<p class=\"banner good\">Trust has held at or above %d for the last %d held reviews: the partnership is earning its keep, and accord recommends staying in it.</p>",
			 rounded(ts->partnership_at), ts->partnership_reviews);
	else if (!strcmp(a, "regression") && !strcmp(mode, "partnership"))
		html_fmt(b, "<p class=\"banner warn\">Trust has stayed below %d for the last %d held reviews: accord recommends going back to provider-vendor mode.</p>",
			 rounded(ts->regression_below), ts->regression_reviews);
	else if (!strcmp(a, "regression"))
		html_fmt(b, "<p class=\"banner warn\">Trust has stayed below %d for the last %d held reviews: the relationship is regressing. "
			    "accord recommends staying in provider-vendor mode and talking about what went wrong.</p>",
			 rounded(ts->regression_below), ts->regression_reviews);
	else if (!strcmp(a, "none"))
		html_fmt(b, "<p>Not enough held reviews yet for a recommendation: partnership needs %d held reviews in a row at or above %d "
			    "(%d so far).</p>",
			 ts->partnership_reviews, rounded(ts->partnership_at), up);
	else
		html_fmt(b, "<p>Trust has been at or above %d for the last %d held review%s of the %d in a row that partnership needs: "
			    "accord recommends staying in %s mode for now.</p>",
			 rounded(ts->partnership_at), up, up == 1 ? "" : "s", ts->partnership_reviews,
			 !strcmp(mode, "partnership") ? "partnership" : "provider-vendor");
	if (json_is_true(json_object_get(json_object_get(factor_named(t, "delivery"), "evidence"), "below_floor"))) {
		char floor[16];

		snprintf(floor, sizeof floor, "%.0f%%", 100 * ts->delivery_floor);
		html_fmt(b, "<p class=\"banner warn\" role=\"note\"><strong>The service levels were not met.</strong> Delivery in the latest window "
			    "was below %s: however well the reviews go, such a window cannot count towards partnership. "
			    "<a href=\"#factors\">See which KPIs</a>.</p>", floor);
	}
	if (json_is_true(json_object_get(t, "sentiment_gap"))) {
		json_t *e = json_object_get(factor_named(t, "sentiment"), "evidence");
		char gap[16];

		snprintf(gap, sizeof gap, "%.1f", ts->sentiment_gap);
		html_fmt(b, "<p class=\"banner warn\" role=\"note\"><strong>The two sides see the relationship differently.</strong> In the latest survey ");
		mean(b, "the buyer's mean is", json_object_get(e, "buyer_mean"));
		html_fmt(b, " and ");
		mean(b, "the provider's", json_object_get(e, "provider_mean"));
		html_fmt(b, ": %s points or more apart. A single score hides this; <a href=\"#surveys\">read the answers</a>.</p>", gap);
	}
}

/* Why accord recommends what it does, beside the mode form. */
static void mode_hint(struct buf *b, json_t *t, const struct trust_settings *ts)
{
	const char *a = json_text(t, "advice"), *mode = json_text(t, "mode"), *rec = json_text(t, "recommended_mode");

	if (strcmp(mode, rec) != 0 && !strcmp(rec, "partnership"))
		html_fmt(b, "<p>accord recommends <strong>partnership</strong>: trust has held at or above %d for the last %d held reviews in a row. "
			    "Confirming it is your decision; give the reason the relationship is ready.</p>",
			 rounded(ts->partnership_at), ts->partnership_reviews);
	else if (strcmp(mode, rec) != 0)
		html_fmt(b, "<p>accord recommends going back to <strong>provider-vendor</strong> mode: trust has stayed below %d for the last %d held reviews. "
			    "Confirming it is your decision; give the reason.</p>",
			 rounded(ts->regression_below), ts->regression_reviews);
	else if (!strcmp(a, "regression"))
		html_fmt(b, "<p>accord recommends <strong>no change</strong>: the engagement is in provider-vendor mode and trust is low.</p>");
	else
		html_fmt(b, "<p>accord recommends <strong>no change</strong>: the engagement stays in %s mode.</p>", mode_words(mode));
}

/*
 * The mode decision where the recommendation is shown, for those who may change the mode
 * (ROLES_MODE: the buyer's contract managers and CxO). The select starts on the current mode,
 * never the opposite one: a change is a deliberate choice, confirmed before it is stored.
 */
static void mode_section(struct request *rq, struct buf *b, json_t *t, const struct trust_settings *ts, const struct error *err)
{
	static const char *const fields[] = {"mode", "reason", NULL};
	const char *mode = json_text(t, "mode"), *rec = json_text(t, "recommended_mode");
	bool advised = strcmp(mode, rec) != 0;

	html_fmt(b, "<section class=\"card\" id=\"mode\"><h2>Decide the mode</h2>");
	html_fmt(b, "<p>The engagement is in <strong>%s</strong> mode.</p>", mode_words(mode));
	mode_hint(b, t, ts);
	if (!advised && !err)
		html_fmt(b, "<details><summary>Change the mode against the recommendation</summary>");
	html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/trust/mode" FORM_ANCHOR "\" class=\"grid\">", rq->id);
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	form_select(b, "Mode", "mode", modes, mode_labels, 2, err && request_form(rq, "mode") ? request_form(rq, "mode") : mode, err);
	form_input(b, "Reason (kept in the mode history)", "reason", "text", err ? request_form(rq, "reason") : NULL, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Change the mode</button></div></form>");
	if (!advised && !err)
		html_fmt(b, "</details>");
	html_fmt(b, "<p class=\"muted\">Who changed the mode, when and why is kept in the <a href=\"/engagements/%lld#mode\">mode history</a>.</p></section>",
		 rq->id);
}

static void answers(struct buf *b, json_t *a)
{
	html_fmt(b, "<ul class=\"marks\">");
	for (int d = 0; d < SD__MAX; d++)
		html_fmt(b, "<li>%s <strong>%lld</strong></li>", dimension_labels[d], json_num(a, survey_dimension_names[d]));
	html_fmt(b, "</ul>");
	if (json_text(a, "comment")[0])
		html_fmt(b, "<blockquote>%s</blockquote>", json_text(a, "comment"));
}

/* The form for one open period; err and the posted values when this is the period that was posted. */
static void survey_form(struct request *rq, struct buf *b, long long id, json_t *p, json_t *mine, const struct error *err)
{
	static const char *const fields[] = {"answers.trust", "answers.communication", "answers.value", "answers.innovation",
					     "answers.responsiveness", "comment", NULL};

	html_fmt(b, json_is_object(mine) && !err ? "<details><summary>Change your side's answers</summary>" : "<div class=\"survey-form\">");
	html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/surveys" FORM_ANCHOR "\" class=\"grid survey-answers\">", id);
	form_csrf(b, rq);
	html_fmt(b, "<input type=\"hidden\" name=\"period\" value=\"%lld\">", json_num(p, "period"));
	form_error_banner(b, err, fields);
	for (int d = 0; d < SD__MAX; d++) {
		char field[40], current[24];
		const char *posted;

		snprintf(field, sizeof field, "answers.%s", survey_dimension_names[d]);
		posted = err ? request_form(rq, field) : NULL;
		if (posted)
			snprintf(current, sizeof current, "%s", posted);
		else if (json_is_object(mine))
			snprintf(current, sizeof current, "%lld", json_num(mine, survey_dimension_names[d]));
		else
			current[0] = '\0';
		form_select(b, dimension_labels[d], field, marks, mark_labels, 6, current, err);
	}
	form_textarea(b, "Comment (optional)", "comment",
		      err ? request_form(rq, "comment") : json_is_object(mine) ? json_text(mine, "comment") : NULL, 2, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">%s</button></div></form>",
		 json_is_object(mine) ? "Replace your side's answers" : "Send your side's answers");
	html_fmt(b, json_is_object(mine) && !err ? "</details>" : "</div>");
}

static void surveys(struct request *rq, struct buf *b, long long id, const struct error *err)
{
	bool buyer = (rq->rel & REL_BUYER) != 0, runs = access_runs_reviews(rq->rel, rq->caller.roles), placed = false;
	json_t *list = survey_list_json(rq->store, id, buyer), *p;
	const char *posted = err ? request_form(rq, "period") : NULL;
	const char *me = buyer ? "buyer" : "provider", *them = buyer ? "provider" : "buyer";
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"surveys\"><h2>Relationship surveys</h2>"
		    "<p class=\"muted\">After each held review both sides rate each other from 1 to 5. Neither side sees the other's answers "
		    "until both have answered or the period has closed (%d days after the review), so neither anchors on the other. "
		    "Once revealed, the answers are final.</p>",
		 SURVEY_PERIOD_DAYS);
	if (!json_array_size(json_object_get(list, "items")))
		html_fmt(b, "<p class=\"muted\">No review has been held yet: the first survey opens when one is.</p>");
	json_array_foreach(json_object_get(list, "items"), i, p)
	{
		json_t *mine = json_object_get(p, "mine"), *theirs = json_object_get(p, "theirs");
		bool open = !json_is_true(json_object_get(p, "closed"));
		char period[24];
		const struct error *here;

		snprintf(period, sizeof period, "%lld", json_num(p, "period"));
		here = posted && !strcmp(posted, period) ? err : NULL;
		placed |= here != NULL;
		html_fmt(b, "<div class=\"survey\" id=\"survey-%lld\"><h3><a href=\"/reviews/%lld\">After the review held %s</a> ", json_num(p, "period"),
			 json_num(p, "period"), json_text(p, "held_on"));
		html_fmt(b, open ? "<span class=\"pill st-planned\">open until %s</span></h3>" : "<span class=\"pill\">closed on %s</span></h3>",
			 json_text(p, "closes_on"));
		html_fmt(b, "<div class=\"sides\"><div><h4>Your side (%s)</h4>", me);
		if (json_is_object(mine))
			answers(b, mine);
		else if (open)
			html_fmt(b, "<p class=\"muted\">Not answered yet.</p>");
		else
			html_fmt(b, "<p class=\"muted\">Your side did not answer.</p>");
		html_fmt(b, "</div><div><h4>The other side (%s)</h4>", them);
		if (json_is_object(theirs))
			answers(b, theirs);
		else if (json_is_true(json_object_get(p, "theirs_answered")))
			html_fmt(b, "<p class=\"muted\">The other side has answered; their answers show once you answer or the period closes.</p>");
		else if (open)
			html_fmt(b, "<p class=\"muted\">Waiting for the other side.</p>");
		else
			html_fmt(b, "<p class=\"muted\">The other side did not answer.</p>");
		html_fmt(b, "</div></div>");
		if (json_is_true(json_object_get(p, "final"))) {
			html_fmt(b, "<p class=\"muted\">Both sides have answered and the answers are revealed: they are final.</p>");
			if (here)
				html_fmt(b, "<p class=\"banner error\" role=\"alert\">%s</p>", here->message);
		} else if (open && runs)
			survey_form(rq, b, id, p, mine, here);
		html_fmt(b, "</div>");
	}
	/* An error about a period not listed (or no longer open) still shows. */
	if (err && !placed)
		html_fmt(b, "<p class=\"banner error\" role=\"alert\">%s</p>", err->message);
	html_fmt(b, "</section>");
	json_decref(list);
}

static void render(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	const struct trust_settings *ts = trust_settings();
	json_t *t = trust_json(rq->store, rq->id);
	struct buf *b = &rs->body;

	if (!t) {
		page_error(rq, rs, 404, "There is no such engagement.");
		return;
	}
	page_begin(rq, rs, "Trust");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/\">Engagements</a> › <a href=\"/engagements/%lld\">%s</a> › Trust</p>", rq->id,
		 json_text(t, "title"));
	html_fmt(b, "<h1>Trust in <a href=\"/engagements/%lld\">%s</a></h1><div class=\"stats trust-head\">", rq->id, json_text(t, "title"));
	if (json_is_number(json_object_get(t, "score")))
		html_fmt(b, "<div><strong><a href=\"#factors\">%d</a></strong><span>of 100 after the latest held review</span></div>",
			 rounded(number_or(t, "score", 0)));
	else
		html_fmt(b, "<div><strong>—</strong><span>no score yet</span></div>");
	html_fmt(b, "<div><strong>%s</strong><span>current mode</span></div><div><strong>%s</strong><span>recommended mode</span></div></div>",
		 mode_words(json_text(t, "mode")), mode_words(json_text(t, "recommended_mode")));
	advice(b, t, ts);
	html_fmt(b, "<section class=\"card\" id=\"chart\"><h2>Trust across reviews</h2>");
	if (json_array_size(json_object_get(t, "history"))) {
		chart_trust_svg(b, json_object_get(t, "history"), ts->partnership_at, ts->regression_below);
		history_table(b, t);
	} else {
		html_fmt(b, "<p class=\"muted\">No review has been held yet: trust is scored after each held review.</p>");
	}
	html_fmt(b, "</section><section class=\"card\" id=\"factors\"><h2>What the latest score is made of</h2>");
	if (json_array_size(json_object_get(t, "factors")))
		factors_table(b, t);
	else
		html_fmt(b, "<p class=\"muted\">No held review has evidence yet.</p>");
	html_fmt(b, "<p class=\"muted\">A factor with no evidence in the window is unknown, never 0 or 100: its weight is spread over the others. "
		    "Trust after a review weighs this window's evidence %d%% and the trust before it %d%%. "
		    "<a href=\"/engagements/%lld/report\">Governance report</a></p></section>",
		 rounded(100 * ts->smoothing), 100 - rounded(100 * ts->smoothing), rq->id);
	if ((rq->rel & REL_ACCEPTED) && (rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_MODE))
		mode_section(rq, b, t, ts, form && !strcmp(form, "mode") ? err : NULL);
	surveys(rq, b, rq->id, form && !strcmp(form, "survey") ? err : NULL);
	page_end(rs);
	json_decref(t);
}

void page_trust(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL, NULL);
}

/* A 1..5 mark from the form ("answers.trust", or plain "trust"); 0 when absent or not a mark. */
static long long mark(struct request *rq, const char *dimension)
{
	char field[40];
	const char *v;

	snprintf(field, sizeof field, "answers.%s", dimension);
	v = request_form(rq, field);
	if (!v || !*v)
		v = request_form(rq, dimension);
	return v && strlen(v) == 1 && v[0] >= '1' && v[0] <= '5' ? v[0] - '0' : 0;
}

void page_survey_submit(struct request *rq, struct response *rs)
{
	struct survey_input in = {0, {0}, request_form(rq, "comment")};
	struct error err = {0};
	const char *period = request_form(rq, "period");
	char loc[64];

	if (period)
		parse_id(period, &in.period);
	for (int d = 0; d < SD__MAX; d++)
		in.answers[d] = mark(rq, survey_dimension_names[d]);
	if (survey_submit(rq->store, &rq->caller, rq->id, (rq->rel & REL_BUYER) != 0, &in, &err) != 0) {
		/* The service names the API field ("answers.trust"); beside the select, plain words read better. */
		if (err.field && !strncmp(err.field, "answers.", 8))
			snprintf(err.message, sizeof err.message, "%s", err.code && !strcmp(err.code, "required") ? "choose a mark from 1 to 5" : "a mark is from 1 to 5");
		rs->status = err.status;
		render(rq, rs, &err, "survey");
		return;
	}
	snprintf(loc, sizeof loc, "/engagements/%lld/trust#surveys", rq->id);
	page_saved(rq, rs, loc, "Survey answers saved. Thank you.");
}

/*
 * A mode change posted from a page (the trust page, the engagement page): checked, then
 * confirmed (form_confirm; Cancel goes to `cancel`), then recorded and on to the engagement's
 * mode history with a message; a refusal renders the page again beside the form named "mode".
 */
void mode_change_post(struct request *rq, struct response *rs, page_render_fn render_page, const char *cancel)
{
	const char *mode = request_form(rq, "mode"), *reason = request_form(rq, "reason");
	json_t *e = engagement_get_json(rq->store, rq->id);
	int to = engagement_mode_parse(mode);
	struct error err = {0};
	char title[256], what[512], history[64];

	if (to < 0)
		error_set(&err, 422, mode ? "invalid" : "required", "mode", "choose provider-vendor or partnership");
	else if (e)
		engagement_mode_change_check(engagement_mode_parse(json_text(e, "mode")), to, reason, &err);
	json_decref(e);
	if (!err.status) {
		snprintf(title, sizeof title, "Change the engagement to %s mode?", to == MODE_PARTNERSHIP ? "partnership" : "provider-vendor");
		snprintf(what, sizeof what, "%s Both sides see the change and your reason in the mode history.",
			 to == MODE_PARTNERSHIP ? "The buyer and the provider will govern the engagement as partners."
						: "The engagement goes back to provider-vendor governance.");
		if (!form_confirm(rq, rs, title, what, "Change the mode", cancel))
			return;
		snprintf(history, sizeof history, "/engagements/%lld#mode", rq->id);
		if (engagement_set_mode(rq->store, &rq->caller, rq->id, mode, reason && *reason ? reason : NULL, &err) == 0) {
			page_saved(rq, rs, history, to == MODE_PARTNERSHIP ? "The engagement is now in partnership mode." : "The engagement is now in provider-vendor mode.");
			return;
		}
	}
	rs->status = err.status;
	render_page(rq, rs, &err, "mode");
}

/* The mode change from the trust page, where the recommendation is shown. */
void page_trust_mode(struct request *rq, struct response *rs)
{
	char cancel[64];

	snprintf(cancel, sizeof cancel, "/engagements/%lld/trust#mode", rq->id);
	mode_change_post(rq, rs, render, cancel);
}
