/* api: the JSON API handlers named by the route table. */
#ifndef ACCORD_API_H
#define ACCORD_API_H

#include "http.h"

void api_healthz(struct request *rq, struct response *rs);
void api_login(struct request *rq, struct response *rs);
void api_logout(struct request *rq, struct response *rs);
void api_me(struct request *rq, struct response *rs);
void api_password_change(struct request *rq, struct response *rs);

void api_orgs_list(struct request *rq, struct response *rs);
void api_orgs_create(struct request *rq, struct response *rs);
void api_org_get(struct request *rq, struct response *rs);
void api_org_users_list(struct request *rq, struct response *rs);
void api_org_users_create(struct request *rq, struct response *rs);
void api_user_patch(struct request *rq, struct response *rs);
void api_user_deactivate(struct request *rq, struct response *rs);
void api_org_units_list(struct request *rq, struct response *rs);
void api_org_units_create(struct request *rq, struct response *rs);

void api_engagements_list(struct request *rq, struct response *rs);
void api_engagements_create(struct request *rq, struct response *rs);
void api_engagement_get(struct request *rq, struct response *rs);
void api_engagement_update(struct request *rq, struct response *rs);
void api_engagement_mode(struct request *rq, struct response *rs);
void api_engagement_acceptance(struct request *rq, struct response *rs);

void api_mandate_get(struct request *rq, struct response *rs);
void api_mandate_put(struct request *rq, struct response *rs);
void api_reviews_list(struct request *rq, struct response *rs);
void api_reviews_create(struct request *rq, struct response *rs);
void api_review_get(struct request *rq, struct response *rs);
void api_review_update(struct request *rq, struct response *rs);
void api_review_attendance(struct request *rq, struct response *rs);
void api_engagement_people(struct request *rq, struct response *rs);
void api_engagement_compliance(struct request *rq, struct response *rs);
void api_portfolio(struct request *rq, struct response *rs);

void api_actions_create(struct request *rq, struct response *rs);
void api_action_get(struct request *rq, struct response *rs);
void api_action_update(struct request *rq, struct response *rs);
void api_review_actions(struct request *rq, struct response *rs);
void api_engagement_actions(struct request *rq, struct response *rs);
void api_my_actions(struct request *rq, struct response *rs);
void api_inbox(struct request *rq, struct response *rs);
/* The global search (api_search.c), and what it shares with the practice search: each item's raw "snippet" becomes "snippet_html" (escaped, matches in <mark>) and a plain "snippet". */
void api_search(struct request *rq, struct response *rs);
void api_snippets_html(json_t *items);
struct search_request;
/* The search's q, kind, after and limit from the query string; false with a 400 naming kind or limit. */
bool search_request_read(struct request *rq, struct search_request *in, struct error *err);

void api_issues_list(struct request *rq, struct response *rs);
void api_issues_create(struct request *rq, struct response *rs);
void api_issue_get(struct request *rq, struct response *rs);
void api_issue_update(struct request *rq, struct response *rs);
void api_issue_respond(struct request *rq, struct response *rs);
/* The conversations (api_replies.c): under a strategic issue, and under one provider's response to a problem statement. */
void api_issue_replies_list(struct request *rq, struct response *rs);
void api_issue_reply(struct request *rq, struct response *rs);
void api_problem_replies_list(struct request *rq, struct response *rs);
void api_problem_reply(struct request *rq, struct response *rs);

void api_surveys_list(struct request *rq, struct response *rs);
void api_surveys_submit(struct request *rq, struct response *rs);
void api_trust(struct request *rq, struct response *rs);
void api_portfolio_full(struct request *rq, struct response *rs);
/* Each engagement of the caller's organisation with its compliance and trust (api_trust.c). */
json_t *portfolio_full_json(struct store *s, const struct caller *c, bool with_history);

void api_roadmaps_list(struct request *rq, struct response *rs);
void api_roadmaps_create(struct request *rq, struct response *rs);
void api_roadmap_get(struct request *rq, struct response *rs);
void api_roadmap_update(struct request *rq, struct response *rs);
void api_roadmap_items_create(struct request *rq, struct response *rs);
void api_roadmap_share(struct request *rq, struct response *rs);
void api_roadmap_item_get(struct request *rq, struct response *rs);
void api_bids_list(struct request *rq, struct response *rs);
void api_bids_submit(struct request *rq, struct response *rs);
void api_bid_update(struct request *rq, struct response *rs);
void api_award(struct request *rq, struct response *rs);
void api_roadmap_item_update(struct request *rq, struct response *rs);
void api_suggestions_list(struct request *rq, struct response *rs);
void api_suggestions_create(struct request *rq, struct response *rs);
void api_suggestion_decide(struct request *rq, struct response *rs);

void api_summits_list(struct request *rq, struct response *rs);
void api_summits_create(struct request *rq, struct response *rs);
void api_summit_get(struct request *rq, struct response *rs);
void api_summit_invite(struct request *rq, struct response *rs);
void api_invitation_update(struct request *rq, struct response *rs);
void api_summit_sessions_create(struct request *rq, struct response *rs);
void api_session_update(struct request *rq, struct response *rs);
void api_session_rate(struct request *rq, struct response *rs);
void api_prospects_list(struct request *rq, struct response *rs);
void api_prospects_add(struct request *rq, struct response *rs);
void api_problems_list(struct request *rq, struct response *rs);
void api_problems_create(struct request *rq, struct response *rs);
void api_problem_get(struct request *rq, struct response *rs);
void api_problem_respond(struct request *rq, struct response *rs);
void api_problem_response_update(struct request *rq, struct response *rs);

void api_terms_get(struct request *rq, struct response *rs);
void api_terms_put(struct request *rq, struct response *rs);
void api_practices_list(struct request *rq, struct response *rs);
void api_practices_create(struct request *rq, struct response *rs);
void api_practice_get(struct request *rq, struct response *rs);
void api_practice_update(struct request *rq, struct response *rs);
void api_practice_revisions(struct request *rq, struct response *rs);
void api_practice_publish(struct request *rq, struct response *rs);
void api_practice_approval(struct request *rq, struct response *rs);
void api_practice_retire(struct request *rq, struct response *rs);
void api_practice_adoptions(struct request *rq, struct response *rs);
void api_practice_adopt(struct request *rq, struct response *rs);
void api_adoption_get(struct request *rq, struct response *rs);
void api_adoption_update(struct request *rq, struct response *rs);
void api_engagement_adoptions(struct request *rq, struct response *rs);
/* api_obligations.c */
void api_obligations_list(struct request *rq, struct response *rs);
void api_obligations_create(struct request *rq, struct response *rs);
void api_obligation_get(struct request *rq, struct response *rs);
void api_obligation_update(struct request *rq, struct response *rs);
void api_knowledge(struct request *rq, struct response *rs);
void api_audit_list(struct request *rq, struct response *rs);

/* KPIs and their measurements (api_kpis.c; docs/delivery.md). */
void api_kpi_templates(struct request *rq, struct response *rs);
void api_kpis_list(struct request *rq, struct response *rs);
void api_kpis_create(struct request *rq, struct response *rs);
void api_kpi_get(struct request *rq, struct response *rs);
void api_kpi_update(struct request *rq, struct response *rs);
void api_kpi_measurements(struct request *rq, struct response *rs);
void api_measurement_put(struct request *rq, struct response *rs);
void api_measurements_import(struct request *rq, struct response *rs);
void api_measurement_get(struct request *rq, struct response *rs);
void api_measurement_dispute(struct request *rq, struct response *rs);
void api_measurement_answer(struct request *rq, struct response *rs);

void api_calendar_feed(struct request *rq, struct response *rs);
void api_calendar_rotate(struct request *rq, struct response *rs);

/* Scorecards and service credits (api_scorecard.c, issue 17). */
void api_scorecard(struct request *rq, struct response *rs);
void api_portfolio_scorecard(struct request *rq, struct response *rs);
void api_credits_list(struct request *rq, struct response *rs);
void api_credit_decide(struct request *rq, struct response *rs);
struct score_window;
/* The scorecard window of ?from=&to= (the pages' too); false with a 422 naming from or to in err. */
bool scorecard_window_query(struct request *rq, struct score_window *w, struct error *err);

/* The absolute URL of accord for links: ACCORD_PUBLIC_URL, else http://HOST:PORT of --listen; never the Host header. */
void public_base_url(struct request *rq, char *out, size_t n);
/* Records the listen address public_base_url falls back on (http/server.c, at start). */
void public_base_set_listen(const char *host, unsigned port);

/* Helpers for handlers: a string or integer member of the validated body, or NULL / 0. */
const char *body_str(struct request *rq, const char *name);
long long body_id(struct request *rq, const char *name);

#endif
