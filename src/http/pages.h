/* pages: the server-rendered web UI — layout, forms and one handler per page. */
#ifndef ACCORD_PAGES_H
#define ACCORD_PAGES_H

#include "html.h"
#include "http.h"

/* The string member k of o, or "" (pages_layout.c). */
const char *json_text(json_t *o, const char *k);
/* The integer member k of o, or 0. */
long long json_num(json_t *o, const char *k);

/* Layout (pages_layout.c). */
void page_begin(struct request *rq, struct response *rs, const char *title);
void page_end(struct response *rs);
/* A whole error page; rq may be NULL (no route matched). */
void page_error(struct request *rq, struct response *rs, int status, const char *message);
/* A form's hidden CSRF field for the signed-in caller. */
void form_csrf(struct buf *b, struct request *rq);
/* A labelled input; the error's message shows beside it when err names this field. */
void form_input(struct buf *b, const char *label, const char *name, const char *type,
		const char *value, const struct error *err);
/* A labelled file input (the form needs enctype="multipart/form-data"); accept lists the file types offered. */
void form_file(struct buf *b, const char *label, const char *name, const char *accept, const struct error *err);
/* A labelled select of values (labels may be NULL: the values are shown). */
void form_select(struct buf *b, const char *label, const char *name, const char *const *values,
		 const char *const *labels, size_t n, const char *selected, const struct error *err);
/* Role names as people read them, comma-separated ("none" for an empty list). */
void role_list(struct buf *b, json_t *list);
/* A labelled multi-line text field. */
void form_textarea(struct buf *b, const char *label, const char *name, const char *value, int rows,
		   const struct error *err);
/* A review's status as a coloured pill, with "no quorum" beside a held review that lacked one. */
void status_pill(struct buf *b, const char *status, bool quorum_met, bool held);
/* The form's "back" field when it is a path on this site, else fallback (no open redirects). */
const char *form_back(struct request *rq, const char *fallback);
/* Renders a page again, showing err beside its field in the form named form. */
typedef void (*page_render_fn)(struct request *rq, struct response *rs, const struct error *err,
			       const char *form);
/* After a form post: on success back to PREFIX/{id}#ANCHOR, else the page again with the error. */
void form_result(struct request *rq, struct response *rs, int rc, const struct error *err,
		 page_render_fn render, const char *form, const char *prefix, const char *anchor);
/*
 * The error summary at the top of the refused form (id "form-errors", role alert): the message
 * in people's words, linked to its field when fields lists it (NULL: link any field). Call it
 * right after form_csrf, in the form that was posted only.
 */
void form_error_banner(struct buf *b, const struct error *err, const char *const *fields);

/* Forms that talk back (pages_forms.c; its top comment has the design). */
/* Every form's action ends with this, so a refused post's page opens at its error summary. */
#define FORM_ANCHOR "#form-errors"
/* After a successful form post: 303 to location (a path, optionally "#section") and message shown once on the next page. */
void page_saved(struct request *rq, struct response *rs, const char *location, const char *message);
/* The saved message a page_saved left for this page, if any (page_begin calls it). */
void page_saved_message(struct request *rq, struct response *rs, struct buf *b);
/* A labelled select of options, a JSON array of {"value": int or string, "label": text}; optional adds "— none —". */
void form_pick(struct buf *b, const char *label, const char *name, json_t *options, const char *selected,
	       bool optional, const struct error *err);
/* Whether this post is the confirmed second post of a binding action (confirmed=yes). */
bool form_confirmed(struct request *rq);
/* A confirmation page that re-posts every field of this post with confirmed=yes; write its body between the two. */
void confirm_begin(struct request *rq, struct response *rs, const char *title);
void confirm_end(struct request *rq, struct response *rs, const char *button, const char *cancel_href);
/* True on the confirmed post; otherwise renders a confirmation page saying what and returns false. */
bool form_confirm(struct request *rq, struct response *rs, const char *title, const char *what,
		  const char *button, const char *cancel_href);
/* The label people read for a field name (labels.c), or NULL when it has none. */
const char *field_label(const char *name);
/* Writes message escaped, with snake_case names (held_on, buyer_cxo) in people's words. */
void human_words(struct buf *b, const char *message);

void page_stylesheet(struct request *rq, struct response *rs);
void page_login(struct request *rq, struct response *rs);
void page_login_post(struct request *rq, struct response *rs);
void page_logout_post(struct request *rq, struct response *rs);
void page_account(struct request *rq, struct response *rs);
void page_password_post(struct request *rq, struct response *rs);
void page_dashboard(struct request *rq, struct response *rs);
void page_engagement_create(struct request *rq, struct response *rs);
void page_engagement(struct request *rq, struct response *rs);
void page_engagement_mode(struct request *rq, struct response *rs);
void page_engagement_acceptance(struct request *rq, struct response *rs);
void page_inbox(struct request *rq, struct response *rs);
/* The global search (pages_search.c): its page, and its box in the navigation of every signed-in page. */
void page_search(struct request *rq, struct response *rs);
void nav_search_box(struct buf *b, struct request *rq);
void page_org(struct request *rq, struct response *rs);
void page_engagement_mandate(struct request *rq, struct response *rs);
void page_engagement_review_create(struct request *rq, struct response *rs);
void page_engagement_issue_create(struct request *rq, struct response *rs);
void page_review(struct request *rq, struct response *rs);
void page_review_update(struct request *rq, struct response *rs);
void page_review_attendance(struct request *rq, struct response *rs);
void page_review_action_create(struct request *rq, struct response *rs);
void page_action_update(struct request *rq, struct response *rs);
void page_my_actions(struct request *rq, struct response *rs);
void page_issue(struct request *rq, struct response *rs);
void page_issue_update(struct request *rq, struct response *rs);
void page_issue_respond(struct request *rq, struct response *rs);
void page_issue_reply(struct request *rq, struct response *rs);
void page_portfolio(struct request *rq, struct response *rs);
void page_portfolio_csv(struct request *rq, struct response *rs);
void page_calendar_rotate(struct request *rq, struct response *rs);
void page_trust(struct request *rq, struct response *rs);
void page_trust_mode(struct request *rq, struct response *rs);
/* A mode change posted from a page: checked, confirmed (Cancel: back to `cancel`), recorded, then the mode history; refused, render_page shows the error in its "mode" form (pages_trust.c). */
void mode_change_post(struct request *rq, struct response *rs, page_render_fn render_page, const char *cancel);
void page_roadmaps(struct request *rq, struct response *rs);
void page_roadmap(struct request *rq, struct response *rs);
void page_roadmap_item_create(struct request *rq, struct response *rs);
void page_roadmap_item(struct request *rq, struct response *rs);
void page_bid_submit(struct request *rq, struct response *rs);
void page_award(struct request *rq, struct response *rs);
void page_suggestion_submit(struct request *rq, struct response *rs);
void page_opportunities(struct request *rq, struct response *rs);
void page_problems(struct request *rq, struct response *rs);
void page_audit(struct request *rq, struct response *rs);
void page_problem_create(struct request *rq, struct response *rs);
void page_problem(struct request *rq, struct response *rs);
void page_problem_respond(struct request *rq, struct response *rs);
void page_practices(struct request *rq, struct response *rs);
void page_practice_create(struct request *rq, struct response *rs);
void page_practice(struct request *rq, struct response *rs);
void page_practice_update(struct request *rq, struct response *rs);
void page_practice_publish(struct request *rq, struct response *rs);
void page_practice_approval(struct request *rq, struct response *rs);
void page_practice_retire(struct request *rq, struct response *rs);
void page_practice_adopt(struct request *rq, struct response *rs);
void page_adoption_step(struct request *rq, struct response *rs);
void page_knowledge(struct request *rq, struct response *rs);
void page_org_terms(struct request *rq, struct response *rs);
/* A select of the caller's published practices for a response or a session to cite (field practice_id). */
void practice_cite_select(struct buf *b, struct request *rq, const struct error *err);
/* "Cites a practice" with its link, when o has a practice_id. */
void practice_cite_link(struct buf *b, json_t *o);
/* The practice_id a form posted: 0 for none, -1 when it is not an id (the service then refuses it). */
long long practice_cited(struct request *rq);
void page_problem_response_judge(struct request *rq, struct response *rs);
void page_problem_reply(struct request *rq, struct response *rs);
void page_suggestion_decide(struct request *rq, struct response *rs);
void page_item_open(struct request *rq, struct response *rs);
/* Issue 18: roadmaps created, edited and shared in the browser; a component's text; a bid withdrawn or shortlisted. */
void page_roadmap_create(struct request *rq, struct response *rs);
void page_roadmap_edit(struct request *rq, struct response *rs);
void page_roadmap_share(struct request *rq, struct response *rs);
void page_item_edit(struct request *rq, struct response *rs);
void page_bid_status(struct request *rq, struct response *rs);
void page_summits(struct request *rq, struct response *rs);
void page_summit(struct request *rq, struct response *rs);
void page_summit_create(struct request *rq, struct response *rs);
void page_summit_invite(struct request *rq, struct response *rs);
void page_summit_session(struct request *rq, struct response *rs);
void page_session_practice(struct request *rq, struct response *rs);
void page_invitation_answer(struct request *rq, struct response *rs);
void page_session_rate(struct request *rq, struct response *rs);
void page_prospect_add(struct request *rq, struct response *rs);
void page_report(struct request *rq, struct response *rs);
void page_survey_submit(struct request *rq, struct response *rs);
/* The SVG line chart of trust across held reviews (pages_chart.c): history items {review_id, held_on, score}. */
void chart_trust_svg(struct buf *b, json_t *history, double partnership_at, double regression_below);
/* A small inline SVG sparkline of scores (0..100); nothing for fewer than two. */
void chart_sparkline_svg(struct buf *b, const char *scores); /* "61.2,,70.4": see struct trust_summary */
/* The engagement page's governance sections: mandate, review timeline, issues (pages_governance.c). */
void governance_sections(struct request *rq, struct buf *b, json_t *engagement, const struct error *err,
			 const char *form);
void page_org_user_create(struct request *rq, struct response *rs);
void page_user_roles(struct request *rq, struct response *rs);
void page_user_deactivate(struct request *rq, struct response *rs);
void page_org_create(struct request *rq, struct response *rs);
void page_engagement_edit(struct request *rq, struct response *rs);
/* pages_obligations.c: the engagement's obligations register, recording one and deciding it */
void page_obligations(struct request *rq, struct response *rs);
void page_obligation_create(struct request *rq, struct response *rs);
void page_obligation_decide(struct request *rq, struct response *rs);
struct engagement_input;
/* The engagement fields the new and the edit forms share, from the posted values or else e (NULL: new) (pages_dashboard.c). */
void engagement_fields(struct buf *b, struct request *rq, json_t *e, const struct error *err);
/* The engagement fields a form posted, into in. */
void engagement_posted(struct request *rq, struct engagement_input *in);
/* Frees what engagement_posted made (the contract fields' values). */
void engagement_posted_release(struct engagement_input *in);
void page_org_unit_create(struct request *rq, struct response *rs);
/* Service levels: an engagement's KPIs and one KPI's values, with their forms (pages_kpis.c). */
void page_kpis(struct request *rq, struct response *rs);
void page_kpi_create(struct request *rq, struct response *rs);
void page_kpi_import(struct request *rq, struct response *rs);
void page_kpi(struct request *rq, struct response *rs);
void page_kpi_edit(struct request *rq, struct response *rs);
void page_measurement_submit(struct request *rq, struct response *rs);
void page_measurement_dispute(struct request *rq, struct response *rs);
void page_measurement_answer(struct request *rq, struct response *rs);
/* Scorecards and service credits (pages_scorecard.c, issue 17): the portfolio's, an engagement's, a credit decided. */
void page_portfolio_scorecard(struct request *rq, struct response *rs);
void page_scorecard(struct request *rq, struct response *rs);
void page_credit_decide(struct request *rq, struct response *rs);
/* The scorecard of window from..to (dates, "YYYY-MM-DD") as a section of the review page and the governance report: which KPI missed which period, and the credits. */
void scorecard_section(struct request *rq, struct buf *b, long long engagement_id, const char *from, const char *to,
		       const char *heading);
/* The same for a review's window: from the day after the engagement's previous held review before until (else 12 months back) to until. */
void scorecard_review_section(struct request *rq, struct buf *b, long long engagement_id, const char *until, const char *heading);
/* A KPI's trend over its periods as an inline SVG with a text alternative (pages_chart.c): kpi is a scorecard KPI. */
void chart_kpi_svg(struct buf *b, json_t *kpi);

#endif
