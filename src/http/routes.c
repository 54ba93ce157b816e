/* routes: the route table — every route accord serves, who may see and call it, and the body it takes. */
#include "../service/audit.h"
#include "api.h"
#include "pages.h"

#define KB 1024

static const char *const org_kinds[] = {"buyer", "provider", "platform", NULL};
static const char *const role_names[] = {"admin", "buyer_cxo", "unit_cio", "contract_manager",
					 "sourcing_manager", "provider_leadership",
					 "provider_consulting", "member", NULL};
static const char *const service_lines[] = {"IT", "ITES", "BPO", NULL};
static const char *const leads[] = {"buyer", "provider", "joint", NULL};
static const char *const modes[] = {"vendor", "partnership", NULL};
static const char *const renewals[] = {"none", "option", "automatic", NULL};

static const struct field login_body[] = {
	{"email", F_STRING, true, 254, NULL, NULL},
	{"password", F_TEXT, true, 256, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field password_body[] = {
	{"current_password", F_TEXT, true, 256, NULL, NULL},
	{"new_password", F_TEXT, true, 256, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field org_body[] = {
	{"name", F_STRING, true, 120, NULL, NULL},
	{"kind", F_ENUM, true, 0, org_kinds, NULL},
	{"industry", F_STRING, false, 80, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field user_body[] = {
	{"email", F_STRING, true, 254, NULL, NULL},
	{"name", F_STRING, true, 120, NULL, NULL},
	{"roles", F_STRINGS, true, 8, role_names, NULL},
	{"password", F_TEXT, true, 256, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field user_patch_body[] = {
	{"roles", F_STRINGS, true, 8, role_names, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field unit_body[] = {
	{"name", F_STRING, true, 120, NULL, NULL},
	{"cio_user_id", F_ID, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field governance_body[] = {
	{"strategic", F_ENUM, false, 0, leads, NULL},
	{"tactical", F_ENUM, false, 0, leads, NULL},
	{"operations", F_ENUM, false, 0, leads, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field engagement_body[] = {
	{"provider_org_id", F_ID, true, 0, NULL, NULL},
	{"title", F_STRING, true, 160, NULL, NULL},
	{"service_line", F_ENUM, true, 0, service_lines, NULL},
	{"starts_on", F_DATE, true, 0, NULL, NULL},
	{"ends_on", F_DATE, true, 0, NULL, NULL},
	{"contract_manager_id", F_ID, false, 0, NULL, NULL},
	{"governance", F_OBJECT, false, 0, NULL, governance_body},
	{"contract_value", F_NUMBER, false, 0, NULL, NULL},
	{"monthly_charge", F_NUMBER, false, 0, NULL, NULL},
	{"currency", F_STRING, false, 3, NULL, NULL},
	{"notice_days", F_INT, false, 0, NULL, NULL},
	{"renewal", F_ENUM, false, 0, renewals, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field engagement_patch_body[] = {
	{"title", F_STRING, false, 160, NULL, NULL},
	{"service_line", F_ENUM, false, 0, service_lines, NULL},
	{"starts_on", F_DATE, false, 0, NULL, NULL},
	{"ends_on", F_DATE, false, 0, NULL, NULL},
	{"contract_manager_id", F_ID, false, 0, NULL, NULL},
	{"governance", F_OBJECT, false, 0, NULL, governance_body},
	{"contract_value", F_NUMBER, false, 0, NULL, NULL},
	{"monthly_charge", F_NUMBER, false, 0, NULL, NULL},
	{"currency", F_STRING, false, 3, NULL, NULL},
	{"notice_days", F_INT, false, 0, NULL, NULL},
	{"renewal", F_ENUM, false, 0, renewals, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field mode_body[] = {
	{"mode", F_ENUM, true, 0, modes, NULL},
	{"reason", F_TEXT, false, 2000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field acceptance_body[] = {
	{"accepted", F_BOOL, true, 0, NULL, NULL},
	{"reason", F_TEXT, false, 2000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const char *const owing_sides[] = {"buyer", "provider", NULL};
static const char *const recurrences[] = {"none", "monthly", "quarterly", "annual", NULL};
static const char *const obligation_statuses[] = {"open", "met", "missed", "waived", NULL};

static const struct field obligation_body[] = {
	{"title", F_STRING, true, 200, NULL, NULL},
	{"owed_by", F_ENUM, true, 0, owing_sides, NULL},
	{"due_on", F_DATE, true, 0, NULL, NULL},
	{"recurrence", F_ENUM, false, 0, recurrences, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field obligation_patch_body[] = {
	{"status", F_ENUM, true, 0, obligation_statuses, NULL},
	{"evidence", F_TEXT, false, 4000, NULL, NULL},
	{"reason", F_TEXT, false, 4000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const char *const cadences[] = {"quarterly", "half-yearly", "annual", NULL};
static const char *const review_states[] = {"planned", "held", "cancelled", NULL};
static const char *const action_statuses[] = {"open", "done", "dropped", NULL};
static const char *const issue_statuses[] = {"open", "addressed", "closed", NULL};
static const char *const issue_kinds[] = {"issue", "plan", "imperative", NULL};

#define TEXT_MAX (64 * 1024)

static const struct field survey_answers_body[] = {
	{"trust", F_INT, true, 0, NULL, NULL},
	{"communication", F_INT, true, 0, NULL, NULL},
	{"value", F_INT, true, 0, NULL, NULL},
	{"innovation", F_INT, true, 0, NULL, NULL},
	{"responsiveness", F_INT, true, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field survey_body[] = {
	{"period", F_ID, true, 0, NULL, NULL},
	{"answers", F_OBJECT, true, 0, NULL, survey_answers_body},
	{"comment", F_TEXT, false, 4000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field mandate_body[] = {
	{"cadence", F_ENUM, true, 0, cadences, NULL},
	{"required_roles", F_STRINGS, true, 8, role_names, NULL},
	{"grace_days", F_INT, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field review_create_body[] = {
	{"due_on", F_DATE, true, 0, NULL, NULL},
	{"agenda", F_TEXT, false, TEXT_MAX, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field review_patch_body[] = {
	{"status", F_ENUM, false, 0, review_states, NULL},
	{"held_on", F_DATE, false, 0, NULL, NULL},
	{"cancel_reason", F_TEXT, false, 2000, NULL, NULL},
	{"agenda", F_TEXT, false, TEXT_MAX, NULL, NULL},
	{"minutes", F_TEXT, false, TEXT_MAX, NULL, NULL},
	{"decisions", F_TEXT, false, TEXT_MAX, NULL, NULL},
	{"due_on", F_DATE, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field attendee_body[] = {
	{"user_id", F_ID, true, 0, NULL, NULL},
	{"present", F_BOOL, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field attendance_body[] = {
	{"attendees", F_OBJECTS, true, 500, NULL, attendee_body},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field action_body[] = {
	{"title", F_STRING, true, 800, NULL, NULL},
	{"owner_id", F_ID, true, 0, NULL, NULL},
	{"due_on", F_DATE, true, 0, NULL, NULL},
	{"status", F_ENUM, false, 0, action_statuses, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field action_patch_body[] = {
	{"title", F_STRING, false, 800, NULL, NULL},
	{"owner_id", F_ID, false, 0, NULL, NULL},
	{"due_on", F_DATE, false, 0, NULL, NULL},
	{"status", F_ENUM, false, 0, action_statuses, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field issue_body[] = {
	{"title", F_STRING, true, 800, NULL, NULL},
	{"body", F_TEXT, false, 32 * 1024, NULL, NULL},
	{"review_id", F_ID, false, 0, NULL, NULL},
	{"kind", F_ENUM, false, 0, issue_kinds, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field issue_patch_body[] = {
	{"title", F_STRING, false, 800, NULL, NULL},
	{"body", F_TEXT, false, 32 * 1024, NULL, NULL},
	{"status", F_ENUM, false, 0, issue_statuses, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field response_body[] = {
	{"body", F_TEXT, true, 32 * 1024, NULL, NULL},
	{"practice_id", F_ID, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const char *const bid_moves[] = {"withdrawn", "shortlisted", NULL};
static const char *const decisions[] = {"accepted", "rejected", NULL};

static const struct field roadmap_body[] = {
	{"unit_id", F_ID, true, 0, NULL, NULL},
	{"fiscal_year", F_INT, true, 0, NULL, NULL},
	{"title", F_STRING, true, 800, NULL, NULL},
	{"budget", F_INT, true, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field roadmap_patch_body[] = {
	{"unit_id", F_ID, false, 0, NULL, NULL},
	{"fiscal_year", F_INT, false, 0, NULL, NULL},
	{"title", F_STRING, false, 800, NULL, NULL},
	{"budget", F_INT, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field item_body[] = {
	{"title", F_STRING, true, 800, NULL, NULL},
	{"budget", F_INT, true, 0, NULL, NULL},
	{"starts_on", F_DATE, true, 0, NULL, NULL},
	{"ends_on", F_DATE, true, 0, NULL, NULL},
	{"open_for_bids", F_BOOL, false, 0, NULL, NULL},
	{"bid_deadline", F_DATE, false, 0, NULL, NULL},
	{"description", F_TEXT, false, 32 * 1024, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field share_body[] = {
	{"org_ids", F_IDS, true, 200, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field bid_body[] = {
	{"amount", F_INT, true, 0, NULL, NULL},
	{"proposal", F_TEXT, false, 32 * 1024, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field bid_patch_body[] = {
	{"status", F_ENUM, true, 0, bid_moves, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const char *const item_moves[] = {"draft", "open", "closed", NULL};

static const struct field item_patch_body[] = {
	{"status", F_ENUM, false, 0, item_moves, NULL},
	{"bid_deadline", F_DATE, false, 0, NULL, NULL},
	{"title", F_STRING, false, 800, NULL, NULL},
	{"description", F_TEXT, false, 32 * 1024, NULL, NULL},
	{"close_bidding", F_BOOL, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field award_body[] = {
	{"bid_id", F_ID, true, 0, NULL, NULL},
	{"create_engagement", F_BOOL, false, 0, NULL, NULL},
	{"service_line", F_ENUM, false, 0, service_lines, NULL},
	{"rationale", F_TEXT, true, 4000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field suggestion_body[] = {
	{"body", F_TEXT, true, 32 * 1024, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field suggestion_patch_body[] = {
	{"status", F_ENUM, true, 0, decisions, NULL},
	{"note", F_TEXT, false, 4000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const char *const summit_kinds[] = {"buyer-planning", "provider-customer", NULL};
static const char *const invite_groups[] = {"providers", "customers", "customers-and-prospects", NULL};
static const char *const invitation_statuses[] = {"accepted", "declined", "attended", NULL};
static const char *const session_kinds[] = {"roadmap", "showcase", "best-practice", NULL};
static const char *const response_statuses[] = {"submitted", "useful", "selected", NULL};

static const struct field summit_body[] = {
	{"kind", F_ENUM, true, 0, summit_kinds, NULL},
	{"title", F_STRING, true, 800, NULL, NULL},
	{"starts_on", F_DATE, true, 0, NULL, NULL},
	{"venue", F_STRING, false, 400, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field invite_body[] = {
	{"org_ids", F_IDS, false, 500, NULL, NULL},
	{"all", F_ENUM, false, 0, invite_groups, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field invitation_body[] = {
	{"status", F_ENUM, true, 0, invitation_statuses, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field session_body[] = {
	{"kind", F_ENUM, true, 0, session_kinds, NULL},
	{"title", F_STRING, true, 800, NULL, NULL},
	{"presenter_org_id", F_ID, true, 0, NULL, NULL},
	{"roadmap_id", F_ID, false, 0, NULL, NULL},
	{"practice_id", F_ID, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field session_patch_body[] = {
	{"practice_id", F_ID, true, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field rating_body[] = {
	{"rating", F_INT, true, 0, NULL, NULL},
	{"comment", F_TEXT, false, 4000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field prospect_body[] = {
	{"org_id", F_ID, true, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field problem_body[] = {
	{"title", F_STRING, true, 800, NULL, NULL},
	{"body", F_TEXT, false, 32 * 1024, NULL, NULL},
	{"engagement_id", F_ID, false, 0, NULL, NULL},
	{"summit_id", F_ID, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

/* A reply in a conversation (api_replies.c): under an issue it may answer one of the issue's responses. */
static const struct field issue_reply_body[] = {
	{"body", F_TEXT, true, 32 * 1024, NULL, NULL},
	{"response_id", F_ID, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field problem_reply_body[] = {
	{"body", F_TEXT, true, 32 * 1024, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field problem_response_body[] = {
	{"status", F_ENUM, true, 0, response_statuses, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const char *const decisions_ap[] = {"approve", "decline", NULL};
static const char *const adoption_statuses[] = {"proposed", "buy-in", "implementing", "implemented", "rejected", NULL};

static const struct field terms_body[] = {
	{"terms", F_STRINGS, true, 500, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field practice_body[] = {
	{"title", F_STRING, true, 800, NULL, NULL},
	{"body", F_TEXT, true, 64 * 1024, NULL, NULL},
	{"tags", F_STRINGS, false, 12, NULL, NULL},
	{"origin_engagement_id", F_ID, true, 0, NULL, NULL},
	{"service_line", F_ENUM, false, 0, service_lines, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field practice_patch_body[] = {
	{"title", F_STRING, false, 800, NULL, NULL},
	{"body", F_TEXT, false, 64 * 1024, NULL, NULL},
	{"tags", F_STRINGS, false, 12, NULL, NULL},
	{"service_line", F_ENUM, false, 0, service_lines, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field publish_body[] = {
	{"request_approval", F_BOOL, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

/* A POST that takes no fields: an empty body or {}. */
static const struct field no_body[] = {
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field approval_body[] = {
	{"revision", F_ID, true, 0, NULL, NULL},
	{"decision", F_ENUM, true, 0, decisions_ap, NULL},
	{"note", F_TEXT, false, 2000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field adoption_body[] = {
	{"engagement_id", F_ID, true, 0, NULL, NULL},
	{"note", F_TEXT, false, 2000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field benefit_body[] = {
	{"text", F_TEXT, false, 2000, NULL, NULL},
	{"value", F_NUMBER, false, 0, NULL, NULL},
	{"unit", F_TEXT, false, 40, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

/* A service credit's decision (issue 17): applied or waived, a waiver with its reason (the service checks it, naming reason). */
static const char *const credit_decisions[] = {"applied", "waived", NULL};
static const struct field credit_patch_body[] = {
	{"status", F_ENUM, true, 0, credit_decisions, NULL},
	{"reason", F_TEXT, false, 2000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field adoption_patch_body[] = {
	{"status", F_ENUM, true, 0, adoption_statuses, NULL},
	{"benefit", F_OBJECT, false, 0, NULL, benefit_body},
	{"note", F_TEXT, false, 2000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

/* Delivery evidence: KPIs and their measurements (docs/delivery.md). */
static const char *const kpi_directions[] = {"higher", "lower", NULL};
static const char *const kpi_frequencies[] = {"monthly", "quarterly", NULL};

static const struct field kpi_body[] = {
	{"name", F_STRING, true, 480, NULL, NULL},
	{"unit", F_STRING, false, 160, NULL, NULL},
	{"direction", F_ENUM, true, 0, kpi_directions, NULL},
	{"target", F_NUMBER, true, 0, NULL, NULL},
	{"threshold", F_NUMBER, true, 0, NULL, NULL},
	{"frequency", F_ENUM, true, 0, kpi_frequencies, NULL},
	{"weight", F_NUMBER, false, 0, NULL, NULL},
	{"credit_percent", F_NUMBER, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field kpi_patch_body[] = {
	{"unit", F_STRING, false, 160, NULL, NULL},
	{"target", F_NUMBER, false, 0, NULL, NULL},
	{"threshold", F_NUMBER, false, 0, NULL, NULL},
	{"weight", F_NUMBER, false, 0, NULL, NULL},
	{"credit_percent", F_NUMBER, false, 0, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field measurement_body[] = {
	{"value", F_NUMBER, true, 0, NULL, NULL},
	{"note", F_TEXT, false, 8000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field dispute_body[] = {
	{"reason", F_TEXT, true, 8000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

static const struct field dispute_answer_body[] = {
	{"answer", F_TEXT, true, 8000, NULL, NULL},
	{NULL, 0, 0, 0, NULL, NULL},
};

/* Who sees an organisation's card, and its people and units. */
#define SEE_ORG_CARD (REL_ADMIN | REL_OWN | REL_PARTNER | REL_DIRECTORY)
#define SEE_ORG_PEOPLE (REL_ADMIN | REL_OWN | REL_PARTNER)
#define SEE_ENGAGEMENT (REL_BUYER | REL_PROVIDER)
/* Who manages an organisation's users and units: a platform admin, or the organisation's own managers. */
#define ACT_ORG_MANAGE {{REL_ADMIN, ROLES_ALL}, {REL_OWN, ROLES_ORG_MANAGER}}
#define ACT_BUYER_CONTRACT {{REL_BUYER, ROLES_CONTRACT}}
/* The mode decision: the buyer's contract managers and its CxO (ROLES_MODE, which the trust page shares). */
#define ACT_MODE {{REL_BUYER, ROLES_MODE}}
/* A conversation under an issue: both sides' governance roles; under a problem response: the buyer's and its author's. */
#define ACT_CONVERSE {{REL_BUYER, ROLES_BUYER_GOV}, {REL_PROVIDER, ROLES_PROVIDER_GOV}}
#define ACT_CONVERSE_RESPONSE {{REL_BUYER, ROLES_BUYER_GOV}, {REL_AUTHOR, ROLES_PROVIDER_GOV}}
/* Accepting or declining an engagement: the provider's leadership (ROLES_ACCEPT, which the inbox shares). */
#define ACT_ACCEPT {{REL_PROVIDER, ROLES_ACCEPT}}
#define ACT_REVIEW_EDIT {{REL_BUYER, ROLES_BUYER_GOV}, {REL_PROVIDER, ROLES_PROVIDER_GOV}}
/* An action item: those who run reviews, and its owner (who marks it done). */
#define ACT_ACTION_EDIT {{REL_BUYER, ROLES_BUYER_GOV}, {REL_PROVIDER, ROLES_PROVIDER_GOV}, {REL_ASSIGNEE, ROLES_ALL}}
#define ACT_BUYER_SHARE {{REL_BUYER, ROLES_BUYER_GOV}}
#define ACT_PROVIDER_ANSWER {{REL_PROVIDER, ROLES_PROVIDER_GOV}}
/* The portfolio view: a buyer's contract managers and CxO, a provider's leadership. */
#define ACT_PORTFOLIO {{REL_OWN, ROLES_PORTFOLIO}}
#define SEE_ROADMAP (REL_BUYER | REL_VIEWER)
#define SEE_AUTHORED (REL_BUYER | REL_AUTHOR)
#define ACT_ROADMAP_KEEP {{REL_BUYER, ROLES_ROADMAP}}
#define ACT_PROVIDER_VIEWER {{REL_VIEWER, ROLES_PROVIDER_GOV}}
#define ACT_AWARD {{REL_BUYER, ROLES_AWARD}}
#define SEE_SUMMIT (REL_HOST | REL_INVITED)
/* Who runs a summit: the host's governance roles (buyer or provider side). */
#define ACT_HOST {{REL_HOST, ROLES_BUYER_GOV | ROLES_PROVIDER_GOV}}
#define ACT_INVITATION {{REL_HOST, ROLES_BUYER_GOV | ROLES_PROVIDER_GOV}, {REL_INVITED, ROLES_BUYER_GOV | ROLES_PROVIDER_GOV}}
/* A session's presenter (REL_AUTHOR) links its own practice: the presenting provider's leadership and consultants. */
#define ACT_PRESENTER {{REL_AUTHOR, ROLES_PROVIDER_GOV}}
#define ACT_SUMMIT_CREATE {{REL_OWN, ROLES_BUYER_GOV | ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)}}
/* The practice exchange (docs/practices.md). */
#define SEE_PRACTICE (REL_AUTHOR | REL_ORIGIN | REL_VIEWER)
#define ACT_PRACTICE_KEEP {{REL_AUTHOR, ROLES_PROVIDER_GOV}}
#define ACT_ADOPT {{REL_AUTHOR, ROLES_PROVIDER_GOV}, {REL_ORIGIN, ROLES_ALL}, {REL_VIEWER, ROLES_ALL}}
#define ACT_ADOPTION {{REL_BUYER, ROLES_ALL}, {REL_PROVIDER, ROLES_PROVIDER_GOV}}
#define SEE_TERMS (REL_OWN)
#define ACT_TERMS {{REL_OWN, ROLES_CONTRACT | ROLE_BIT(ROLE_BUYER_CXO)}}
/* KPIs: the buyer's contract or sourcing manager defines and disputes; the provider's leadership and consultants submit; its leadership answers a dispute. */
#define ACT_KPI_DEFINE {{REL_BUYER, ROLES_CONTRACT}}
#define ACT_KPI_SUBMIT {{REL_PROVIDER, ROLES_PROVIDER_GOV}}
#define ACT_KPI_ANSWER {{REL_PROVIDER, ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)}}
/* An import's body (CSV or a ServiceNow task_sla export): 4 MiB, about 100,000 CSV rows; the page form takes the same file with room for its multipart framing (pasted rows, urlencoded, need up to 3 bytes for one). */
#define KPI_IMPORT_MAX (4 * 1024 * KB)
/* The audit trail: an admin (all rows) or an organisation's governing roles (its own rows; the handler scopes). */
#define ACT_AUDIT {{REL_ADMIN, ROLES_ALL}, {REL_OWN, ROLES_AUDIT}}
#define ACT_OBLIGATION {{REL_BUYER, ROLES_CONTRACT}, {REL_PROVIDER, ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)}}

const struct route routes[] = {
	/* method, pattern, flags, resource, see, act, body, max body, handler, form (browser parity: see http.h) */
	{M_GET, "/healthz", R_PUBLIC, RES_NONE, 0, {{0}}, NULL, 0, api_healthz, NULL},
	{M_POST, "/api/v1/login", R_PUBLIC | R_JSON | R_SOLO, RES_NONE, 0, {{0}}, login_body, 4 * KB, api_login, "POST /login"},
	{M_POST, "/api/v1/logout", 0, RES_NONE, 0, {{0}}, NULL, 4 * KB, api_logout, "POST /logout"},
	{M_GET, "/api/v1/me", 0, RES_NONE, 0, {{0}}, NULL, 0, api_me, NULL},
	{M_POST, "/api/v1/me/password", R_JSON | R_SOLO, RES_NONE, 0, {{0}}, password_body, 4 * KB, api_password_change, "POST /me/password"},

	{M_GET, "/api/v1/orgs", 0, RES_NONE, 0, {{0}}, NULL, 0, api_orgs_list, NULL},
	{M_POST, "/api/v1/orgs", R_JSON, RES_NONE, 0, {{REL_ADMIN, ROLES_ALL}}, org_body, 16 * KB, api_orgs_create, "POST /orgs"},
	{M_GET, "/api/v1/orgs/{id}", 0, RES_ORG, SEE_ORG_CARD, {{0}}, NULL, 0, api_org_get, NULL},
	{M_GET, "/api/v1/orgs/{id}/users", 0, RES_ORG, SEE_ORG_PEOPLE, {{0}}, NULL, 0, api_org_users_list, NULL},
	{M_POST, "/api/v1/orgs/{id}/users", R_JSON | R_SOLO | R_GRANTS, RES_ORG, SEE_ORG_PEOPLE, ACT_ORG_MANAGE, user_body, 16 * KB, api_org_users_create, "POST /orgs/{id}/users"},
	{M_PATCH, "/api/v1/users/{id}", R_JSON | R_GRANTS, RES_USER, SEE_ORG_PEOPLE, ACT_ORG_MANAGE, user_patch_body, 4 * KB, api_user_patch, "POST /users/{id}/roles"},
	{M_POST, "/api/v1/users/{id}/deactivate", 0, RES_USER, SEE_ORG_PEOPLE, ACT_ORG_MANAGE, NULL, 4 * KB, api_user_deactivate, "POST /users/{id}/deactivate"},
	{M_GET, "/api/v1/orgs/{id}/units", 0, RES_ORG, SEE_ORG_PEOPLE, {{0}}, NULL, 0, api_org_units_list, NULL},
	{M_POST, "/api/v1/orgs/{id}/units", R_JSON, RES_ORG, SEE_ORG_PEOPLE, ACT_ORG_MANAGE, unit_body, 16 * KB, api_org_units_create, "POST /orgs/{id}/units"},

	{M_GET, "/api/v1/engagements", 0, RES_NONE, 0, {{0}}, NULL, 0, api_engagements_list, NULL},
	{M_POST, "/api/v1/engagements", R_JSON, RES_NONE, 0, {{REL_OWN, ROLES_CONTRACT}}, engagement_body, 16 * KB, api_engagements_create, "POST /engagements"},
	{M_GET, "/api/v1/engagements/{id}", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_engagement_get, NULL},
	{M_PATCH, "/api/v1/engagements/{id}", R_JSON, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_BUYER_CONTRACT, engagement_patch_body, 16 * KB, api_engagement_update, "POST /engagements/{id}/edit"},
	{M_POST, "/api/v1/engagements/{id}/acceptance", R_JSON, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_ACCEPT, acceptance_body, 8 * KB, api_engagement_acceptance, "POST /engagements/{id}/acceptance"},
	{M_POST, "/api/v1/engagements/{id}/mode", R_JSON | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_MODE, mode_body, 16 * KB, api_engagement_mode, "POST /engagements/{id}/trust/mode"},

	{M_GET, "/api/v1/engagements/{id}/mandate", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_mandate_get, NULL},
	{M_PUT, "/api/v1/engagements/{id}/mandate", R_JSON, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_BUYER_CONTRACT, mandate_body, 16 * KB, api_mandate_put, "POST /engagements/{id}/mandate"},
	{M_GET, "/api/v1/engagements/{id}/reviews", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_reviews_list, NULL},
	{M_POST, "/api/v1/engagements/{id}/reviews", R_JSON | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_REVIEW_EDIT, review_create_body, 80 * KB, api_reviews_create, "POST /engagements/{id}/reviews"},
	{M_GET, "/api/v1/engagements/{id}/people", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_engagement_people, NULL},
	{M_GET, "/api/v1/engagements/{id}/compliance", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_engagement_compliance, NULL},
	{M_GET, "/api/v1/engagements/{id}/actions", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_engagement_actions, NULL},
	{M_GET, "/api/v1/engagements/{id}/strategic-issues", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_issues_list, NULL},
	{M_POST, "/api/v1/engagements/{id}/strategic-issues", R_JSON | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_BUYER_SHARE, issue_body, 48 * KB, api_issues_create, "POST /engagements/{id}/issues"},
	{M_GET, "/api/v1/compliance", 0, RES_NONE, 0, ACT_PORTFOLIO, NULL, 0, api_portfolio, NULL},
	{M_GET, "/api/v1/engagements/{id}/surveys", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_surveys_list, NULL},
	{M_POST, "/api/v1/engagements/{id}/surveys", R_JSON | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_REVIEW_EDIT, survey_body, 16 * KB, api_surveys_submit, "POST /engagements/{id}/surveys"},
	{M_GET, "/api/v1/engagements/{id}/trust", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_trust, NULL},
	{M_GET, "/api/v1/portfolio", 0, RES_NONE, 0, ACT_PORTFOLIO, NULL, 0, api_portfolio_full, NULL},
	/* Scorecards and service credits (issue 17, docs/delivery.md): both sides read; the buyer's contract or sourcing manager decides a credit. */
	{M_GET, "/api/v1/engagements/{id}/scorecard", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_scorecard, NULL},
	{M_GET, "/api/v1/engagements/{id}/credits", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_credits_list, NULL},
	{M_PATCH, "/api/v1/credits/{id}", R_JSON | R_ACCEPTED, RES_CREDIT, SEE_ENGAGEMENT, ACT_BUYER_CONTRACT, credit_patch_body, 8 * KB, api_credit_decide, "POST /credits/{id}"},
	{M_GET, "/api/v1/scorecard", 0, RES_NONE, 0, ACT_PORTFOLIO, NULL, 0, api_portfolio_scorecard, NULL},

	{M_GET, "/api/v1/reviews/{id}", 0, RES_REVIEW, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_review_get, NULL},
	{M_PATCH, "/api/v1/reviews/{id}", R_JSON | R_ACCEPTED, RES_REVIEW, SEE_ENGAGEMENT, ACT_REVIEW_EDIT, review_patch_body, 256 * KB, api_review_update, "POST /reviews/{id}"},
	{M_PUT, "/api/v1/reviews/{id}/attendance", R_JSON | R_ACCEPTED, RES_REVIEW, SEE_ENGAGEMENT, ACT_REVIEW_EDIT, attendance_body, 64 * KB, api_review_attendance, "POST /reviews/{id}/attendance"},
	{M_GET, "/api/v1/reviews/{id}/actions", 0, RES_REVIEW, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_review_actions, NULL},
	{M_POST, "/api/v1/reviews/{id}/actions", R_JSON | R_ACCEPTED, RES_REVIEW, SEE_ENGAGEMENT, ACT_REVIEW_EDIT, action_body, 16 * KB, api_actions_create, "POST /reviews/{id}/actions"},
	{M_GET, "/api/v1/actions/{id}", 0, RES_ACTION, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_action_get, NULL},
	{M_PATCH, "/api/v1/actions/{id}", R_JSON | R_ACCEPTED, RES_ACTION, SEE_ENGAGEMENT, ACT_ACTION_EDIT, action_patch_body, 16 * KB, api_action_update, "POST /actions/{id}"},
	{M_GET, "/api/v1/strategic-issues/{id}", 0, RES_ISSUE, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_issue_get, NULL},
	{M_PATCH, "/api/v1/strategic-issues/{id}", R_JSON | R_ACCEPTED, RES_ISSUE, SEE_ENGAGEMENT, ACT_BUYER_SHARE, issue_patch_body, 48 * KB, api_issue_update, "POST /issues/{id}"},
	{M_POST, "/api/v1/strategic-issues/{id}/responses", R_JSON | R_ACCEPTED, RES_ISSUE, SEE_ENGAGEMENT, ACT_PROVIDER_ANSWER, response_body, 48 * KB, api_issue_respond, "POST /issues/{id}/responses"},
	{M_GET, "/api/v1/strategic-issues/{id}/replies", 0, RES_ISSUE, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_issue_replies_list, NULL},
	{M_POST, "/api/v1/strategic-issues/{id}/replies", R_JSON | R_ACCEPTED, RES_ISSUE, SEE_ENGAGEMENT, ACT_CONVERSE, issue_reply_body, 48 * KB, api_issue_reply, "POST /issues/{id}/replies"},

	{M_GET, "/api/v1/roadmaps", 0, RES_NONE, 0, {{0}}, NULL, 0, api_roadmaps_list, NULL},
	{M_POST, "/api/v1/roadmaps", R_JSON, RES_NONE, 0, {{REL_OWN, ROLES_ROADMAP}}, roadmap_body, 16 * KB, api_roadmaps_create, "POST /roadmaps"},
	{M_GET, "/api/v1/roadmaps/{id}", 0, RES_ROADMAP, SEE_ROADMAP, {{0}}, NULL, 0, api_roadmap_get, NULL},
	{M_PATCH, "/api/v1/roadmaps/{id}", R_JSON, RES_ROADMAP, SEE_ROADMAP, ACT_ROADMAP_KEEP, roadmap_patch_body, 16 * KB, api_roadmap_update, "POST /roadmaps/{id}/edit"},
	{M_POST, "/api/v1/roadmaps/{id}/items", R_JSON, RES_ROADMAP, SEE_ROADMAP, ACT_ROADMAP_KEEP, item_body, 16 * KB, api_roadmap_items_create, "POST /roadmaps/{id}/items"},
	{M_POST, "/api/v1/roadmaps/{id}/share", R_JSON, RES_ROADMAP, SEE_ROADMAP, ACT_ROADMAP_KEEP, share_body, 16 * KB, api_roadmap_share, "POST /roadmaps/{id}/share"},
	{M_GET, "/api/v1/roadmap-items/{id}", 0, RES_ITEM, SEE_ROADMAP, {{0}}, NULL, 0, api_roadmap_item_get, NULL},
	{M_PATCH, "/api/v1/roadmap-items/{id}", R_JSON, RES_ITEM, SEE_ROADMAP, ACT_ROADMAP_KEEP, item_patch_body, 4 * KB, api_roadmap_item_update, "POST /roadmap-items/{id}/status"},
	{M_GET, "/api/v1/roadmap-items/{id}/bids", 0, RES_ITEM, SEE_ROADMAP, {{0}}, NULL, 0, api_bids_list, NULL},
	{M_POST, "/api/v1/roadmap-items/{id}/bids", R_JSON, RES_ITEM, SEE_ROADMAP, ACT_PROVIDER_VIEWER, bid_body, 48 * KB, api_bids_submit, "POST /roadmap-items/{id}/bids"},
	{M_POST, "/api/v1/roadmap-items/{id}/award", R_JSON, RES_ITEM, SEE_ROADMAP, ACT_AWARD, award_body, 4 * KB, api_award, "POST /roadmap-items/{id}/award"},
	{M_GET, "/api/v1/roadmap-items/{id}/suggestions", 0, RES_ITEM, SEE_ROADMAP, {{0}}, NULL, 0, api_suggestions_list, NULL},
	{M_POST, "/api/v1/roadmap-items/{id}/suggestions", R_JSON, RES_ITEM, SEE_ROADMAP, ACT_PROVIDER_VIEWER, suggestion_body, 48 * KB, api_suggestions_create, "POST /roadmap-items/{id}/suggestions"},
	{M_PATCH, "/api/v1/bids/{id}", R_JSON, RES_BID, SEE_AUTHORED, {{REL_AUTHOR, ROLES_PROVIDER_GOV}, {REL_BUYER, ROLES_AWARD}}, bid_patch_body, 4 * KB, api_bid_update, "POST /bids/{id}"},
	{M_PATCH, "/api/v1/suggestions/{id}", R_JSON, RES_SUGGESTION, SEE_AUTHORED, ACT_AWARD, suggestion_patch_body, 8 * KB, api_suggestion_decide, "POST /suggestions/{id}"},

	{M_GET, "/api/v1/summits", 0, RES_NONE, 0, {{0}}, NULL, 0, api_summits_list, NULL},
	{M_POST, "/api/v1/summits", R_JSON, RES_NONE, 0, ACT_SUMMIT_CREATE, summit_body, 8 * KB, api_summits_create, "POST /summits"},
	{M_GET, "/api/v1/summits/{id}", 0, RES_SUMMIT, SEE_SUMMIT, {{0}}, NULL, 0, api_summit_get, NULL},
	{M_POST, "/api/v1/summits/{id}/invitations", R_JSON, RES_SUMMIT, SEE_SUMMIT, ACT_HOST, invite_body, 32 * KB, api_summit_invite, "POST /summits/{id}/invitations"},
	{M_POST, "/api/v1/summits/{id}/sessions", R_JSON, RES_SUMMIT, SEE_SUMMIT, ACT_HOST, session_body, 8 * KB, api_summit_sessions_create, "POST /summits/{id}/sessions"},
	{M_PATCH, "/api/v1/invitations/{id}", R_JSON, RES_INVITATION, SEE_SUMMIT, ACT_INVITATION, invitation_body, 4 * KB, api_invitation_update, "POST /invitations/{id}"},
	{M_PATCH, "/api/v1/sessions/{id}", R_JSON, RES_SESSION, SEE_SUMMIT, ACT_PRESENTER, session_patch_body, 4 * KB, api_session_update, "POST /sessions/{id}/practice"},
	{M_POST, "/api/v1/sessions/{id}/ratings", R_JSON, RES_SESSION, SEE_SUMMIT, {{REL_INVITED, ROLES_ALL}}, rating_body, 8 * KB, api_session_rate, "POST /sessions/{id}/ratings"},
	{M_GET, "/api/v1/prospects", 0, RES_NONE, 0, {{REL_OWN, ROLES_PROVIDER_GOV}}, NULL, 0, api_prospects_list, NULL},
	{M_POST, "/api/v1/prospects", R_JSON, RES_NONE, 0, {{REL_OWN, ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)}}, prospect_body, 4 * KB, api_prospects_add, "POST /prospects"},
	{M_GET, "/api/v1/problems", 0, RES_NONE, 0, {{0}}, NULL, 0, api_problems_list, NULL},
	{M_POST, "/api/v1/problems", R_JSON, RES_NONE, 0, {{REL_OWN, ROLES_BUYER_GOV}}, problem_body, 48 * KB, api_problems_create, "POST /problems"},
	{M_GET, "/api/v1/problems/{id}", 0, RES_PROBLEM, SEE_ROADMAP, {{0}}, NULL, 0, api_problem_get, NULL},
	{M_POST, "/api/v1/problems/{id}/responses", R_JSON, RES_PROBLEM, SEE_ROADMAP, ACT_PROVIDER_VIEWER, response_body, 48 * KB, api_problem_respond, "POST /problems/{id}/responses"},
	{M_PATCH, "/api/v1/problem-responses/{id}", R_JSON, RES_RESPONSE, SEE_AUTHORED, {{REL_BUYER, ROLES_BUYER_GOV}}, problem_response_body, 4 * KB, api_problem_response_update, "POST /problem-responses/{id}"},
	{M_GET, "/api/v1/problem-responses/{id}/replies", 0, RES_RESPONSE, SEE_AUTHORED, {{0}}, NULL, 0, api_problem_replies_list, NULL},
	{M_POST, "/api/v1/problem-responses/{id}/replies", R_JSON, RES_RESPONSE, SEE_AUTHORED, ACT_CONVERSE_RESPONSE, problem_reply_body, 48 * KB, api_problem_reply, "POST /problem-responses/{id}/replies"},

	{M_GET, "/api/v1/orgs/{id}/confidential-terms", 0, RES_ORG, SEE_TERMS, {{REL_OWN, ROLES_BUYER_GOV}}, NULL, 0, api_terms_get, NULL},
	{M_PUT, "/api/v1/orgs/{id}/confidential-terms", R_JSON, RES_ORG, SEE_TERMS, ACT_TERMS, terms_body, 128 * KB, api_terms_put, "POST /orgs/{id}/confidential-terms"},
	{M_GET, "/api/v1/practices", 0, RES_NONE, 0, {{0}}, NULL, 0, api_practices_list, NULL},
	{M_POST, "/api/v1/practices", R_JSON, RES_NONE, 0, {{REL_OWN, ROLES_PROVIDER_GOV}}, practice_body, 80 * KB, api_practices_create, "POST /practices"},
	{M_GET, "/api/v1/practices/{id}", 0, RES_PRACTICE, SEE_PRACTICE, {{0}}, NULL, 0, api_practice_get, NULL},
	{M_PATCH, "/api/v1/practices/{id}", R_JSON, RES_PRACTICE, SEE_PRACTICE, ACT_PRACTICE_KEEP, practice_patch_body, 80 * KB, api_practice_update, "POST /practices/{id}"},
	{M_GET, "/api/v1/practices/{id}/revisions", 0, RES_PRACTICE, REL_AUTHOR, {{0}}, NULL, 0, api_practice_revisions, NULL},
	{M_POST, "/api/v1/practices/{id}/publish", R_JSON, RES_PRACTICE, SEE_PRACTICE, ACT_PRACTICE_KEEP, publish_body, 4 * KB, api_practice_publish, "POST /practices/{id}/publish"},
	{M_POST, "/api/v1/practices/{id}/approval", R_JSON, RES_PRACTICE, SEE_PRACTICE, {{REL_ORIGIN, ROLE_BIT(ROLE_CONTRACT_MANAGER)}}, approval_body, 8 * KB, api_practice_approval, "POST /practices/{id}/approval"},
	{M_POST, "/api/v1/practices/{id}/retire", R_JSON, RES_PRACTICE, SEE_PRACTICE, ACT_PRACTICE_KEEP, no_body, 4 * KB, api_practice_retire, "POST /practices/{id}/retire"},
	{M_GET, "/api/v1/practices/{id}/adoptions", 0, RES_PRACTICE, SEE_PRACTICE, {{0}}, NULL, 0, api_practice_adoptions, NULL},
	{M_POST, "/api/v1/practices/{id}/adoptions", R_JSON, RES_PRACTICE, SEE_PRACTICE, ACT_ADOPT, adoption_body, 8 * KB, api_practice_adopt, "POST /practices/{id}/adoptions"},
	{M_GET, "/api/v1/adoptions/{id}", 0, RES_ADOPTION, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_adoption_get, NULL},
	{M_PATCH, "/api/v1/adoptions/{id}", R_JSON | R_ACCEPTED, RES_ADOPTION, SEE_ENGAGEMENT, ACT_ADOPTION, adoption_patch_body, 8 * KB, api_adoption_update, "POST /adoptions/{id}"},
	{M_GET, "/api/v1/engagements/{id}/adoptions", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_engagement_adoptions, NULL},
	/* Obligations of both sides (docs/delivery.md): both read; the buyer's managers record; obligations.c decides who sets which status. */
	{M_GET, "/api/v1/engagements/{id}/obligations", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_obligations_list, NULL},
	{M_POST, "/api/v1/engagements/{id}/obligations", R_JSON | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_BUYER_CONTRACT, obligation_body, 16 * KB, api_obligations_create, "POST /engagements/{id}/obligations"},
	{M_GET, "/api/v1/obligations/{id}", 0, RES_OBLIGATION, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_obligation_get, NULL},
	{M_PATCH, "/api/v1/obligations/{id}", R_JSON | R_ACCEPTED, RES_OBLIGATION, SEE_ENGAGEMENT, ACT_OBLIGATION, obligation_patch_body, 16 * KB, api_obligation_update, "POST /obligations/{id}"},
	{M_GET, "/api/v1/knowledge", 0, RES_NONE, 0, {{REL_OWN, ROLES_PROVIDER_GOV}}, NULL, 0, api_knowledge, NULL},
	{M_GET, "/api/v1/audit", 0, RES_NONE, 0, ACT_AUDIT, NULL, 0, api_audit_list, NULL},

	{M_GET, "/api/v1/kpi-templates", 0, RES_NONE, 0, {{0}}, NULL, 0, api_kpi_templates, NULL},
	{M_GET, "/api/v1/engagements/{id}/kpis", 0, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_kpis_list, NULL},
	{M_POST, "/api/v1/engagements/{id}/kpis", R_JSON | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_KPI_DEFINE, kpi_body, 8 * KB, api_kpis_create, "POST /engagements/{id}/kpis"},
	{M_POST, "/api/v1/engagements/{id}/measurements", R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_KPI_SUBMIT, NULL, KPI_IMPORT_MAX, api_measurements_import, "POST /engagements/{id}/measurements"},
	{M_GET, "/api/v1/kpis/{id}", 0, RES_KPI, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_kpi_get, NULL},
	{M_PATCH, "/api/v1/kpis/{id}", R_JSON | R_ACCEPTED, RES_KPI, SEE_ENGAGEMENT, ACT_KPI_DEFINE, kpi_patch_body, 8 * KB, api_kpi_update, "POST /kpis/{id}/edit"},
	{M_GET, "/api/v1/kpis/{id}/measurements", 0, RES_KPI, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_kpi_measurements, NULL},
	{M_PUT, "/api/v1/kpis/{id}/measurements/{period}", R_JSON | R_ACCEPTED, RES_KPI, SEE_ENGAGEMENT, ACT_KPI_SUBMIT, measurement_body, 16 * KB, api_measurement_put, "POST /kpis/{id}/measurements"},
	{M_GET, "/api/v1/measurements/{id}", 0, RES_MEASUREMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, api_measurement_get, NULL},
	{M_POST, "/api/v1/measurements/{id}/dispute", R_JSON | R_ACCEPTED, RES_MEASUREMENT, SEE_ENGAGEMENT, ACT_KPI_DEFINE, dispute_body, 16 * KB, api_measurement_dispute, "POST /measurements/{id}/dispute"},
	{M_POST, "/api/v1/measurements/{id}/answer", R_JSON | R_ACCEPTED, RES_MEASUREMENT, SEE_ENGAGEMENT, ACT_KPI_ANSWER, dispute_answer_body, 16 * KB, api_measurement_answer, "POST /measurements/{id}/answer"},

	{M_GET, "/api/v1/inbox", 0, RES_NONE, 0, {{0}}, NULL, 0, api_inbox, NULL},
	{M_GET, "/api/v1/search", 0, RES_NONE, 0, {{0}}, NULL, 0, api_search, NULL},
	{M_GET, "/api/v1/me/actions", 0, RES_NONE, 0, {{0}}, NULL, 0, api_my_actions, NULL},
	{M_POST, "/api/v1/me/calendar", 0, RES_NONE, 0, {{0}}, NULL, 4 * KB, api_calendar_rotate, "POST /me/calendar"},
	{M_GET, "/calendar/{token}.ics", R_PUBLIC, RES_NONE, 0, {{0}}, NULL, 0, api_calendar_feed, NULL},

	/* The web UI: pages and the forms they post. */
	{M_GET, "/assets/style.css", R_PUBLIC | R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_stylesheet, NULL},
	{M_GET, "/login", R_PUBLIC | R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_login, NULL},
	{M_POST, "/login", R_PUBLIC | R_PAGE | R_FORM | R_SOLO, RES_NONE, 0, {{0}}, NULL, 8 * KB, page_login_post, NULL},
	{M_POST, "/logout", R_PAGE | R_FORM, RES_NONE, 0, {{0}}, NULL, 8 * KB, page_logout_post, NULL},
	{M_GET, "/account", R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_account, NULL},
	{M_POST, "/me/password", R_PAGE | R_FORM | R_SOLO, RES_NONE, 0, {{0}}, NULL, 8 * KB, page_password_post, NULL},
	{M_GET, "/", R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_dashboard, NULL},
	{M_POST, "/engagements", R_PAGE | R_FORM, RES_NONE, 0, {{REL_OWN, ROLES_CONTRACT}}, NULL, 16 * KB, page_engagement_create, NULL},
	{M_GET, "/engagements/{id}", R_PAGE, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, page_engagement, NULL},
	{M_POST, "/engagements/{id}/acceptance", R_PAGE | R_FORM, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_ACCEPT, NULL, 8 * KB, page_engagement_acceptance, NULL},
	{M_POST, "/engagements/{id}/mode", R_PAGE | R_FORM | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_MODE, NULL, 16 * KB, page_engagement_mode, NULL},
	{M_POST, "/engagements/{id}/mandate", R_PAGE | R_FORM, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_BUYER_CONTRACT, NULL, 16 * KB, page_engagement_mandate, NULL},
	{M_POST, "/engagements/{id}/reviews", R_PAGE | R_FORM | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_REVIEW_EDIT, NULL, 200 * KB, page_engagement_review_create, NULL},
	{M_POST, "/engagements/{id}/issues", R_PAGE | R_FORM | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_BUYER_SHARE, NULL, 100 * KB, page_engagement_issue_create, NULL},
	{M_GET, "/reviews/{id}", R_PAGE, RES_REVIEW, SEE_ENGAGEMENT, {{0}}, NULL, 0, page_review, NULL},
	{M_POST, "/reviews/{id}", R_PAGE | R_FORM | R_ACCEPTED, RES_REVIEW, SEE_ENGAGEMENT, ACT_REVIEW_EDIT, NULL, 600 * KB, page_review_update, NULL},
	{M_POST, "/reviews/{id}/attendance", R_PAGE | R_FORM | R_ACCEPTED, RES_REVIEW, SEE_ENGAGEMENT, ACT_REVIEW_EDIT, NULL, 64 * KB, page_review_attendance, NULL},
	{M_POST, "/reviews/{id}/actions", R_PAGE | R_FORM | R_ACCEPTED, RES_REVIEW, SEE_ENGAGEMENT, ACT_REVIEW_EDIT, NULL, 16 * KB, page_review_action_create, NULL},
	{M_POST, "/actions/{id}", R_PAGE | R_FORM | R_ACCEPTED, RES_ACTION, SEE_ENGAGEMENT, ACT_ACTION_EDIT, NULL, 8 * KB, page_action_update, NULL},
	{M_GET, "/inbox", R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_inbox, NULL},
	{M_GET, "/search", R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_search, NULL},
	{M_GET, "/actions", R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_my_actions, NULL},
	{M_GET, "/issues/{id}", R_PAGE, RES_ISSUE, SEE_ENGAGEMENT, {{0}}, NULL, 0, page_issue, NULL},
	{M_POST, "/issues/{id}", R_PAGE | R_FORM | R_ACCEPTED, RES_ISSUE, SEE_ENGAGEMENT, ACT_BUYER_SHARE, NULL, 8 * KB, page_issue_update, NULL},
	{M_POST, "/issues/{id}/responses", R_PAGE | R_FORM | R_ACCEPTED, RES_ISSUE, SEE_ENGAGEMENT, ACT_PROVIDER_ANSWER, NULL, 100 * KB, page_issue_respond, NULL},
	{M_POST, "/issues/{id}/replies", R_PAGE | R_FORM | R_ACCEPTED, RES_ISSUE, SEE_ENGAGEMENT, ACT_CONVERSE, NULL, 100 * KB, page_issue_reply, NULL},
	{M_GET, "/engagements/{id}/report", R_PAGE, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, page_report, NULL},
	{M_GET, "/engagements/{id}/trust", R_PAGE, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, page_trust, NULL},
	{M_POST, "/engagements/{id}/trust/mode", R_PAGE | R_FORM | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_MODE, NULL, 16 * KB, page_trust_mode, NULL},
	{M_POST, "/engagements/{id}/surveys", R_PAGE | R_FORM | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_REVIEW_EDIT, NULL, 16 * KB, page_survey_submit, NULL},
	{M_GET, "/roadmaps", R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_roadmaps, NULL},
	{M_GET, "/roadmaps/{id}", R_PAGE, RES_ROADMAP, SEE_ROADMAP, {{0}}, NULL, 0, page_roadmap, NULL},
	{M_POST, "/roadmaps/{id}/items", R_PAGE | R_FORM, RES_ROADMAP, SEE_ROADMAP, ACT_ROADMAP_KEEP, NULL, 16 * KB, page_roadmap_item_create, NULL},
	{M_GET, "/roadmap-items/{id}", R_PAGE, RES_ITEM, SEE_ROADMAP, {{0}}, NULL, 0, page_roadmap_item, NULL},
	{M_POST, "/roadmap-items/{id}/bids", R_PAGE | R_FORM, RES_ITEM, SEE_ROADMAP, ACT_PROVIDER_VIEWER, NULL, 48 * KB, page_bid_submit, NULL},
	{M_POST, "/roadmap-items/{id}/award", R_PAGE | R_FORM, RES_ITEM, SEE_ROADMAP, ACT_AWARD, NULL, 8 * KB, page_award, NULL},
	{M_POST, "/roadmap-items/{id}/suggestions", R_PAGE | R_FORM, RES_ITEM, SEE_ROADMAP, ACT_PROVIDER_VIEWER, NULL, 48 * KB, page_suggestion_submit, NULL},
	{M_POST, "/roadmap-items/{id}/status", R_PAGE | R_FORM, RES_ITEM, SEE_ROADMAP, ACT_ROADMAP_KEEP, NULL, 8 * KB, page_item_open, NULL},
	{M_POST, "/suggestions/{id}", R_PAGE | R_FORM, RES_SUGGESTION, SEE_AUTHORED, ACT_AWARD, NULL, 8 * KB, page_suggestion_decide, NULL},
	{M_POST, "/roadmaps", R_PAGE | R_FORM, RES_NONE, 0, {{REL_OWN, ROLES_ROADMAP}}, NULL, 16 * KB, page_roadmap_create, NULL},
	{M_POST, "/roadmaps/{id}/edit", R_PAGE | R_FORM, RES_ROADMAP, SEE_ROADMAP, ACT_ROADMAP_KEEP, NULL, 16 * KB, page_roadmap_edit, NULL},
	{M_POST, "/roadmaps/{id}/share", R_PAGE | R_FORM, RES_ROADMAP, SEE_ROADMAP, ACT_ROADMAP_KEEP, NULL, 8 * KB, page_roadmap_share, NULL},
	{M_POST, "/roadmap-items/{id}/edit", R_PAGE | R_FORM, RES_ITEM, SEE_ROADMAP, ACT_ROADMAP_KEEP, NULL, 48 * KB, page_item_edit, NULL},
	{M_POST, "/bids/{id}", R_PAGE | R_FORM, RES_BID, SEE_AUTHORED, {{REL_AUTHOR, ROLES_PROVIDER_GOV}, {REL_BUYER, ROLES_AWARD}}, NULL, 8 * KB, page_bid_status, NULL},
	{M_GET, "/problems", R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_problems, NULL},
	{M_POST, "/problems", R_PAGE | R_FORM, RES_NONE, 0, {{REL_OWN, ROLES_BUYER_GOV}}, NULL, 48 * KB, page_problem_create, NULL},
	{M_GET, "/problems/{id}", R_PAGE, RES_PROBLEM, SEE_ROADMAP, {{0}}, NULL, 0, page_problem, NULL},
	{M_POST, "/problems/{id}/responses", R_PAGE | R_FORM, RES_PROBLEM, SEE_ROADMAP, ACT_PROVIDER_VIEWER, NULL, 48 * KB, page_problem_respond, NULL},
	{M_POST, "/problem-responses/{id}", R_PAGE | R_FORM, RES_RESPONSE, SEE_AUTHORED, {{REL_BUYER, ROLES_BUYER_GOV}}, NULL, 8 * KB, page_problem_response_judge, NULL},
	{M_POST, "/problem-responses/{id}/replies", R_PAGE | R_FORM, RES_RESPONSE, SEE_AUTHORED, ACT_CONVERSE_RESPONSE, NULL, 100 * KB, page_problem_reply, NULL},
	{M_GET, "/opportunities", R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_opportunities, NULL},
	{M_GET, "/summits", R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_summits, NULL},
	{M_POST, "/summits", R_PAGE | R_FORM, RES_NONE, 0, ACT_SUMMIT_CREATE, NULL, 8 * KB, page_summit_create, NULL},
	{M_GET, "/summits/{id}", R_PAGE, RES_SUMMIT, SEE_SUMMIT, {{0}}, NULL, 0, page_summit, NULL},
	{M_POST, "/summits/{id}/invitations", R_PAGE | R_FORM, RES_SUMMIT, SEE_SUMMIT, ACT_HOST, NULL, 16 * KB, page_summit_invite, NULL},
	{M_POST, "/summits/{id}/sessions", R_PAGE | R_FORM, RES_SUMMIT, SEE_SUMMIT, ACT_HOST, NULL, 8 * KB, page_summit_session, NULL},
	{M_POST, "/sessions/{id}/practice", R_PAGE | R_FORM, RES_SESSION, SEE_SUMMIT, ACT_PRESENTER, NULL, 4 * KB, page_session_practice, NULL},
	{M_POST, "/invitations/{id}", R_PAGE | R_FORM, RES_INVITATION, SEE_SUMMIT, ACT_INVITATION, NULL, 4 * KB, page_invitation_answer, NULL},
	{M_POST, "/sessions/{id}/ratings", R_PAGE | R_FORM, RES_SESSION, SEE_SUMMIT, {{REL_INVITED, ROLES_ALL}}, NULL, 8 * KB, page_session_rate, NULL},
	{M_POST, "/prospects", R_PAGE | R_FORM, RES_NONE, 0, {{REL_OWN, ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)}}, NULL, 4 * KB, page_prospect_add, NULL},
	{M_GET, "/practices", R_PAGE, RES_NONE, 0, {{0}}, NULL, 0, page_practices, NULL},
	{M_POST, "/practices", R_PAGE | R_FORM, RES_NONE, 0, {{REL_OWN, ROLES_PROVIDER_GOV}}, NULL, 100 * KB, page_practice_create, NULL},
	{M_GET, "/practices/{id}", R_PAGE, RES_PRACTICE, SEE_PRACTICE, {{0}}, NULL, 0, page_practice, NULL},
	{M_POST, "/practices/{id}", R_PAGE | R_FORM, RES_PRACTICE, SEE_PRACTICE, ACT_PRACTICE_KEEP, NULL, 100 * KB, page_practice_update, NULL},
	{M_POST, "/practices/{id}/publish", R_PAGE | R_FORM, RES_PRACTICE, SEE_PRACTICE, ACT_PRACTICE_KEEP, NULL, 4 * KB, page_practice_publish, NULL},
	{M_POST, "/practices/{id}/approval", R_PAGE | R_FORM, RES_PRACTICE, SEE_PRACTICE, {{REL_ORIGIN, ROLE_BIT(ROLE_CONTRACT_MANAGER)}}, NULL, 8 * KB, page_practice_approval, NULL},
	{M_POST, "/practices/{id}/retire", R_PAGE | R_FORM, RES_PRACTICE, SEE_PRACTICE, ACT_PRACTICE_KEEP, NULL, 4 * KB, page_practice_retire, NULL},
	{M_POST, "/practices/{id}/adoptions", R_PAGE | R_FORM, RES_PRACTICE, SEE_PRACTICE, ACT_ADOPT, NULL, 8 * KB, page_practice_adopt, NULL},
	{M_POST, "/adoptions/{id}", R_PAGE | R_FORM | R_ACCEPTED, RES_ADOPTION, SEE_ENGAGEMENT, ACT_ADOPTION, NULL, 8 * KB, page_adoption_step, NULL},
	{M_GET, "/knowledge", R_PAGE, RES_NONE, 0, {{REL_OWN, ROLES_PROVIDER_GOV}}, NULL, 0, page_knowledge, NULL},
	{M_GET, "/audit", R_PAGE, RES_NONE, 0, ACT_AUDIT, NULL, 0, page_audit, NULL},
	{M_POST, "/orgs/{id}/confidential-terms", R_PAGE | R_FORM, RES_ORG, SEE_TERMS, ACT_TERMS, NULL, 128 * KB, page_org_terms, NULL},
	{M_GET, "/portfolio", R_PAGE, RES_NONE, 0, ACT_PORTFOLIO, NULL, 0, page_portfolio, NULL},
	{M_GET, "/portfolio.csv", R_PAGE, RES_NONE, 0, ACT_PORTFOLIO, NULL, 0, page_portfolio_csv, NULL},
	{M_GET, "/scorecard", R_PAGE, RES_NONE, 0, ACT_PORTFOLIO, NULL, 0, page_portfolio_scorecard, NULL},
	{M_GET, "/engagements/{id}/scorecard", R_PAGE, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, page_scorecard, NULL},
	{M_POST, "/credits/{id}", R_PAGE | R_FORM | R_ACCEPTED, RES_CREDIT, SEE_ENGAGEMENT, ACT_BUYER_CONTRACT, NULL, 8 * KB, page_credit_decide, NULL},
	{M_POST, "/me/calendar", R_PAGE | R_FORM, RES_NONE, 0, {{0}}, NULL, 8 * KB, page_calendar_rotate, NULL},
	{M_GET, "/orgs/{id}", R_PAGE, RES_ORG, SEE_ORG_CARD, {{0}}, NULL, 0, page_org, NULL},
	{M_POST, "/orgs/{id}/users", R_PAGE | R_FORM | R_SOLO | R_GRANTS, RES_ORG, SEE_ORG_PEOPLE, ACT_ORG_MANAGE, NULL, 16 * KB, page_org_user_create, NULL},
	{M_POST, "/users/{id}/roles", R_PAGE | R_FORM | R_GRANTS, RES_USER, SEE_ORG_PEOPLE, ACT_ORG_MANAGE, NULL, 4 * KB, page_user_roles, NULL},
	{M_POST, "/users/{id}/deactivate", R_PAGE | R_FORM, RES_USER, SEE_ORG_PEOPLE, ACT_ORG_MANAGE, NULL, 4 * KB, page_user_deactivate, NULL},
	{M_POST, "/orgs", R_PAGE | R_FORM, RES_NONE, 0, {{REL_ADMIN, ROLES_ALL}}, NULL, 16 * KB, page_org_create, NULL},
	{M_POST, "/engagements/{id}/edit", R_PAGE | R_FORM, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_BUYER_CONTRACT, NULL, 16 * KB, page_engagement_edit, NULL},
	{M_GET, "/engagements/{id}/obligations", R_PAGE, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, page_obligations, NULL},
	{M_POST, "/engagements/{id}/obligations", R_PAGE | R_FORM | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_BUYER_CONTRACT, NULL, 16 * KB, page_obligation_create, NULL},
	{M_POST, "/obligations/{id}", R_PAGE | R_FORM | R_ACCEPTED, RES_OBLIGATION, SEE_ENGAGEMENT, ACT_OBLIGATION, NULL, 16 * KB, page_obligation_decide, NULL},
	{M_POST, "/orgs/{id}/units", R_PAGE | R_FORM, RES_ORG, SEE_ORG_PEOPLE, ACT_ORG_MANAGE, NULL, 16 * KB, page_org_unit_create, NULL},
	/* Service levels: an engagement's KPIs, one KPI's values, the forms that define, submit, import, dispute and answer (pages_kpis.c). */
	{M_GET, "/engagements/{id}/kpis", R_PAGE, RES_ENGAGEMENT, SEE_ENGAGEMENT, {{0}}, NULL, 0, page_kpis, NULL},
	{M_POST, "/engagements/{id}/kpis", R_PAGE | R_FORM | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_KPI_DEFINE, NULL, 16 * KB, page_kpi_create, NULL},
	{M_POST, "/engagements/{id}/measurements", R_PAGE | R_FORM | R_ACCEPTED, RES_ENGAGEMENT, SEE_ENGAGEMENT, ACT_KPI_SUBMIT, NULL, KPI_IMPORT_MAX + 64 * KB, page_kpi_import, NULL},
	{M_GET, "/kpis/{id}", R_PAGE, RES_KPI, SEE_ENGAGEMENT, {{0}}, NULL, 0, page_kpi, NULL},
	{M_POST, "/kpis/{id}/edit", R_PAGE | R_FORM | R_ACCEPTED, RES_KPI, SEE_ENGAGEMENT, ACT_KPI_DEFINE, NULL, 16 * KB, page_kpi_edit, NULL},
	{M_POST, "/kpis/{id}/measurements", R_PAGE | R_FORM | R_ACCEPTED, RES_KPI, SEE_ENGAGEMENT, ACT_KPI_SUBMIT, NULL, 32 * KB, page_measurement_submit, NULL},
	{M_POST, "/measurements/{id}/dispute", R_PAGE | R_FORM | R_ACCEPTED, RES_MEASUREMENT, SEE_ENGAGEMENT, ACT_KPI_DEFINE, NULL, 32 * KB, page_measurement_dispute, NULL},
	{M_POST, "/measurements/{id}/answer", R_PAGE | R_FORM | R_ACCEPTED, RES_MEASUREMENT, SEE_ENGAGEMENT, ACT_KPI_ANSWER, NULL, 32 * KB, page_measurement_answer, NULL},
};

const size_t routes_count = sizeof routes / sizeof routes[0];
