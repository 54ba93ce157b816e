/* pages_trust: an engagement's trust — the chart, the factors with their evidence, the history, the mode decision and the surveys. */
#include <stdio.h>
#include <string.h>

#include "../service/engagements.h"
#include "../service/surveys.h"
#include "../service/trust.h"
#include "pages.h"

static const char *const marks[] = {"1", "2", "3", "4", "5"};
static const char *const mark_labels[] = {"1 — poor", "2", "3", "4", "5 — excellent"};
static const char *const modes[] = {"vendor", "partnership"};
static const char *const mode_labels[] = {"Provider-vendor", "Partnership"};

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
		html_fmt(b, "; missed: ");
		ids(b, json_object_get(e, "missed_review_ids"), "/reviews/");
	} else if (!strcmp(name, "presence")) {
		size_t i;
		json_t *r;

		html_fmt(b, "mandated: ");
		json_array_foreach(json_object_get(e, "required_roles"), i, r)
		{
			html_fmt(b, i ? ", " : "");
			html_fmt(b, "%s", role_label(role_parse(json_string_value(r))));
		}
		html_fmt(b, " · missing: ");
		if (!json_array_size(json_object_get(e, "missing_roles")))
			html_fmt(b, "none");
		json_array_foreach(json_object_get(e, "missing_roles"), i, r)
		{
			html_fmt(b, i ? ", " : "");
			html_fmt(b, "%s", role_label(role_parse(json_string_value(r))));
		}
	} else if (!strcmp(name, "commitments")) {
		html_fmt(b, "kept: ");
		actions(b, json_object_get(e, "kept_actions"));
		html_fmt(b, " · not kept: ");
		actions(b, json_object_get(e, "not_kept_actions"));
	} else if (!strcmp(name, "openness")) {
		html_fmt(b, "shared: ");
		ids(b, json_object_get(e, "shared_issue_ids"), "/issues/");
		html_fmt(b, " · answered: ");
		ids(b, json_object_get(e, "answered_issue_ids"), "/issues/");
	} else if (!strcmp(name, "value")) {
		html_fmt(b, "accepted roadmap suggestions: %d · awarded roadmap items: %d",
			 (int)json_array_size(json_object_get(e, "accepted_suggestion_ids")),
			 (int)json_array_size(json_object_get(e, "awarded_item_ids")));
	} else if (!strcmp(name, "sentiment")) {
		json_t *bm = json_object_get(e, "buyer_mean"), *pm = json_object_get(e, "provider_mean");
		char v[64];

		snprintf(v, sizeof v, "buyer %s%.1f, provider %s%.1f", json_is_number(bm) ? "" : "—",
			 json_is_number(bm) ? json_number_value(bm) : 0, json_is_number(pm) ? "" : "—",
			 json_is_number(pm) ? json_number_value(pm) : 0);
		html_fmt(b, "<a href=\"#surveys\">survey after review %lld</a>: %s", json_num(e, "period"), v);
	}
}

static void factors_table(struct buf *b, json_t *t)
{
	size_t i;
	json_t *f;

	html_fmt(b, "<table class=\"list\"><thead><tr><th>Factor</th><th class=\"num\">Value</th><th class=\"num\">Weight</th>"
		    "<th class=\"num\">Counted</th><th>Evidence</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(t, "factors"), i, f)
	{
		char w[16], sh[16], v[16];

		snprintf(w, sizeof w, "%.2f", json_number_value(json_object_get(f, "weight")));
		snprintf(sh, sizeof sh, "%.2f", json_number_value(json_object_get(f, "share")));
		snprintf(v, sizeof v, "%.0f", json_number_value(json_object_get(f, "value")));
		html_fmt(b, "<tr><td>%s</td>", json_text(f, "name"));
		if (json_is_true(json_object_get(f, "known")))
			html_fmt(b, "<td class=\"num\">%s</td>", v);
		else
			html_fmt(b, "<td class=\"num muted\" title=\"no evidence in this window; its weight went to the others\">unknown</td>");
		html_fmt(b, "<td class=\"num\">%s</td><td class=\"num\">%s</td><td>", w, sh);
		evidence(b, f, json_num(t, "review_id"));
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table>");
}

static void history_table(struct buf *b, json_t *t)
{
	size_t i;
	json_t *h;

	html_fmt(b, "<details><summary>Every held review, factor by factor</summary><table class=\"list\"><thead><tr><th>Held</th><th class=\"num\">Trust</th>");
	for (int f = 0; f < TF__MAX; f++)
		html_fmt(b, "<th class=\"num\">%s</th>", trust_factor_name(f));
	html_fmt(b, "</tr></thead><tbody>");
	json_array_foreach(json_object_get(t, "history"), i, h)
	{
		json_t *fv = json_object_get(h, "factors");

		html_fmt(b, "<tr><td><a href=\"/reviews/%lld\">%s</a></td>", json_num(h, "review_id"), json_text(h, "held_on"));
		if (json_is_number(json_object_get(h, "score")))
			html_fmt(b, "<td class=\"num\">%d</td>", (int)(json_number_value(json_object_get(h, "score")) + 0.5));
		else
			html_fmt(b, "<td class=\"num muted\">—</td>");
		for (int f = 0; f < TF__MAX; f++) {
			json_t *v = json_object_get(fv, trust_factor_name(f));

			if (json_is_number(v))
				html_fmt(b, "<td class=\"num\">%d</td>", (int)(json_number_value(v) + 0.5));
			else
				html_fmt(b, "<td class=\"num muted\">?</td>");
		}
		html_fmt(b, "</tr>");
	}
	html_fmt(b, "</tbody></table></details>");
}

/* The advice in plain words. */
static void advice(struct buf *b, json_t *t, const struct trust_settings *ts)
{
	const char *a = json_text(t, "advice"), *mode = json_text(t, "mode"), *rec = json_text(t, "recommended_mode");

	if (!strcmp(a, "partnership") && strcmp(mode, rec) != 0)
		html_fmt(b, "<p class=\"banner good\">Trust has held at or above %d for the last %d held reviews: accord recommends moving to partnership.</p>",
			 (int)ts->partnership_at, ts->partnership_reviews);
	else if (!strcmp(a, "partnership"))
		html_fmt(b, "<p>Trust has held at or above %d for the last %d held reviews: the partnership is earning its keep.</p>",
			 (int)ts->partnership_at, ts->partnership_reviews);
	else if (!strcmp(a, "regression"))
		html_fmt(b, "<p class=\"banner warn\">Trust has stayed below %d for the last %d held reviews: the relationship is regressing%s.</p>",
			 (int)ts->regression_below, ts->regression_reviews,
			 !strcmp(mode, "partnership") ? "; accord recommends going back to provider-vendor mode" : "");
	else if (!strcmp(a, "none"))
		html_fmt(b, "<p class=\"muted\">Not enough held reviews yet for a recommendation.</p>");
	else
		html_fmt(b, "<p>No change of mode is indicated: trust is neither consistently high nor consistently low.</p>");
	if (json_is_true(json_object_get(t, "sentiment_gap")))
		html_fmt(b, "<p class=\"banner warn\">The two sides rate the relationship far apart in the latest survey.</p>");
}

static void mode_form(struct request *rq, struct buf *b, json_t *t, long long id, const struct error *err)
{
	static const char *const fields[] = {"mode", "reason", NULL};
	const char *mode = json_text(t, "mode"), *rec = json_text(t, "recommended_mode");

	if (!((rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_CONTRACT)))
		return;
	html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/mode\" class=\"grid\">", id);
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	form_select(b, "Change mode to", "mode", modes, mode_labels, 2,
		    strcmp(mode, rec) ? rec : (!strcmp(mode, "vendor") ? "partnership" : "vendor"), err);
	form_input(b, "Reason", "reason", "text", NULL, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Confirm mode change</button></div></form>");
}

static void answers(struct buf *b, json_t *a)
{
	html_fmt(b, "trust %lld · communication %lld · value %lld · innovation %lld · responsiveness %lld",
		 json_num(a, "trust"), json_num(a, "communication"), json_num(a, "value"), json_num(a, "innovation"),
		 json_num(a, "responsiveness"));
	if (json_text(a, "comment")[0])
		html_fmt(b, " — “%s”", json_text(a, "comment"));
}

static void surveys(struct request *rq, struct buf *b, long long id, const struct error *err)
{
	bool buyer = (rq->rel & REL_BUYER) != 0;
	json_t *list = survey_list_json(rq->store, id, buyer), *p;
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"surveys\"><h2>Relationship surveys</h2>"
		    "<p class=\"muted\">After each held review both sides rate each other. Neither sees the other's answers until both have answered or the period has closed.</p>");
	if (!json_array_size(json_object_get(list, "items")))
		html_fmt(b, "<p class=\"muted\">No review has been held yet.</p>");
	json_array_foreach(json_object_get(list, "items"), i, p)
	{
		json_t *mine = json_object_get(p, "mine"), *theirs = json_object_get(p, "theirs");
		bool open = !json_is_true(json_object_get(p, "closed"));

		if (i >= 6)
			break;
		html_fmt(b, "<div class=\"survey\"><h3><a href=\"/reviews/%lld\">Review held %s</a> <span class=\"muted\">· %s %s</span></h3>",
			 json_num(p, "period"), json_text(p, "held_on"), open ? "open until" : "closed on", json_text(p, "closes_on"));
		html_fmt(b, "<p><strong>Your side:</strong> ");
		if (json_is_object(mine))
			answers(b, mine);
		else
			html_fmt(b, "not answered");
		html_fmt(b, "</p><p><strong>The other side:</strong> ");
		if (json_is_object(theirs))
			answers(b, theirs);
		else if (json_is_true(json_object_get(p, "theirs_answered")))
			html_fmt(b, "answered; their answers show once you answer or the period closes");
		else
			html_fmt(b, "waiting for their answers");
		html_fmt(b, "</p>");
		if (open && access_runs_reviews(rq->rel, rq->caller.roles)) {
			static const char *const fields[] = {"period", "answers.trust", "answers.communication", "answers.value",
							     "answers.innovation", "answers.responsiveness", "comment", NULL};

			html_fmt(b, "<details%s><summary>%s your side's answers</summary>", err && i == 0 ? " open" : "",
				 json_is_object(mine) ? "Change" : "Give");
			html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/surveys\" class=\"grid\">", id);
			form_csrf(b, rq);
			html_fmt(b, "<input type=\"hidden\" name=\"period\" value=\"%lld\">", json_num(p, "period"));
			if (i == 0)
				form_error_banner(b, err, fields);
			for (int d = 0; d < SD__MAX; d++) {
				char field[40], current[4];

				snprintf(field, sizeof field, "answers.%s", survey_dimension_names[d]);
				snprintf(current, sizeof current, "%lld", json_is_object(mine) ? json_num(mine, survey_dimension_names[d]) : 3);
				form_select(b, survey_dimension_names[d], field, marks, mark_labels, 5, current, i == 0 ? err : NULL);
			}
			form_input(b, "Comment", "comment", "text", json_is_object(mine) ? json_text(mine, "comment") : NULL, i == 0 ? err : NULL);
			html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Send answers</button></div></form></details>");
		}
		html_fmt(b, "</div>");
	}
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
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/\">Engagements</a> › <a href=\"/engagements/%lld\">%s</a></p>", rq->id,
		 json_text(t, "title"));
	html_fmt(b, "<h1>Trust</h1><div class=\"stats\">");
	if (json_is_number(json_object_get(t, "score")))
		html_fmt(b, "<div><strong>%d</strong><span>of 100 after the latest review</span></div>",
			 (int)(json_number_value(json_object_get(t, "score")) + 0.5));
	else
		html_fmt(b, "<div><strong>—</strong><span>no score yet</span></div>");
	html_fmt(b, "<div><strong>%s</strong><span>current mode</span></div><div><strong>%s</strong><span>recommended mode</span></div></div>",
		 json_text(t, "mode"), json_text(t, "recommended_mode"));
	advice(b, t, ts);
	html_fmt(b, "<section class=\"card\"><h2>Trust across reviews</h2>");
	chart_trust_svg(b, json_object_get(t, "history"), ts->partnership_at, ts->regression_below);
	history_table(b, t);
	html_fmt(b, "</section><section class=\"card\" id=\"factors\"><h2>What the latest score is made of</h2>");
	if (json_array_size(json_object_get(t, "factors")))
		factors_table(b, t);
	else
		html_fmt(b, "<p class=\"muted\">No held review has evidence yet.</p>");
	html_fmt(b, "<p class=\"muted\">A factor with no evidence in the window is unknown, never 0 or 100: its weight goes to the others. "
		    "<a href=\"/engagements/%lld/report\">Governance report</a></p></section>", rq->id);
	if ((rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_CONTRACT)) {
		html_fmt(b, "<section class=\"card\" id=\"mode\"><h2>Decide the mode</h2>");
		mode_form(rq, b, t, rq->id, form && !strcmp(form, "mode") ? err : NULL);
		html_fmt(b, "<p class=\"muted\">The change and its reason are kept in the <a href=\"/engagements/%lld#mode\">mode history</a>.</p></section>", rq->id);
	}
	surveys(rq, b, rq->id, form && !strcmp(form, "survey") ? err : NULL);
	page_end(rs);
	json_decref(t);
}

void page_trust(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL, NULL);
}

void page_survey_submit(struct request *rq, struct response *rs)
{
	struct survey_input in = {0, {0}, request_form(rq, "comment")};
	struct error err = {0};
	const char *period = request_form(rq, "period");
	int rc;

	if (period)
		parse_id(period, &in.period);
	for (int d = 0; d < SD__MAX; d++) {
		char field[40];
		const char *v;

		snprintf(field, sizeof field, "answers.%s", survey_dimension_names[d]);
		v = request_form(rq, field);
		in.answers[d] = v && strlen(v) == 1 && v[0] >= '1' && v[0] <= '5' ? v[0] - '0' : 0;
	}
	rc = survey_submit(rq->store, &rq->caller, rq->id, (rq->rel & REL_BUYER) != 0, &in, &err);
	if (rc != 0) {
		rs->status = err.status;
		render(rq, rs, &err, "survey");
		return;
	}
	{
		char loc[64];

		snprintf(loc, sizeof loc, "/engagements/%lld/trust#surveys", rq->id);
		reply_redirect(rs, loc);
	}
}
