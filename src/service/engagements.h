/* engagements: use cases for outsourcing engagements — create, read, list, edit, change mode. */
#ifndef ACCORD_ENGAGEMENTS_H
#define ACCORD_ENGAGEMENTS_H

#include <jansson.h>

#include "../util/jsonw.h"

#include "../domain/engagement.h"
#include "../store/store.h"
#include "caller.h"
#include "orgs.h"

/* Text fields may be NULL when absent; governance leads may be NULL (defaults apply on create). */
struct engagement_input {
	long long provider_org_id;
	const char *title;
	const char *service_line;
	const char *starts_on;
	const char *ends_on;
	long long contract_manager_id; /* 0: the caller */
	const char *gov[GOV__MAX];
	/*
	 * The contract (docs/delivery.md): amounts as JSON numbers (the API) or decimal strings (the
	 * forms; "" clears), notice_days as an integer or a string of digits; NULL: unchanged.
	 */
	json_t *contract_value, *monthly_charge, *notice_days;
	const char *currency, *renewal; /* ISO 4217; none|option|automatic */
};
/* The most days' notice an engagement takes, and the widest expiring_within window. */
#define NOTICE_DAYS_MAX 3650

/* The caller is the buyer's contract or sourcing manager (the route table checked it). */
long long engagement_create(struct store *s, const struct caller *c,
			    const struct engagement_input *in, struct error *err);
/* Changes only the fields given (non-NULL / non-zero). */
int engagement_update(struct store *s, const struct caller *c, long long id,
		      const struct engagement_input *in, struct error *err);
int engagement_set_mode(struct store *s, const struct caller *c, long long id, const char *mode,
			const char *reason, struct error *err);

/*
 * The provider's leadership accepts or declines a pending engagement (the route table
 * checked who); reason is optional and kept either way. 409 already_decided once decided.
 */
int engagement_decide(struct store *s, const struct caller *c, long long id, bool accepted,
		      const char *reason, struct error *err);
enum acceptance { ACCEPTANCE_NONE, ACCEPTANCE_PENDING, ACCEPTANCE_ACCEPTED, ACCEPTANCE_DECLINED };
#define ACCEPTANCE_REASON_MAX 2000
/* The engagement's acceptance (ACCEPTANCE_NONE: no such engagement), -1 on a store error. */
int engagement_acceptance(struct store *s, long long id, struct error *err);
/* 0 when the engagement is accepted or does not exist (the caller's own check answers that); else 409 not_accepted naming field. */
int engagement_require_accepted(struct store *s, long long id, const char *field, struct error *err);

/* The engagement with its parties, governance split and mode history; NULL if absent. */
json_t *engagement_get_json(struct store *s, long long id);
/* The same with its trust summary {score, advice, recommended_mode, review_id}: the API's answer (a few more queries). */
json_t *engagement_with_trust_json(struct store *s, long long id);
/* The caller's organisation's engagements, as buyer or provider. */
json_t *engagement_list_json(struct store *s, const struct caller *c, struct page pg);
/*
 * The same, written straight into w (the API's hot path): the engagement with its trust
 * summary and mode history (0, 1 when there is no such engagement, -1 on a store error),
 * and a page of the caller's engagements ({items, next}).
 */
int engagement_write(struct store *s, long long id, bool with_trust, struct jsonw *w);
int engagement_list_write(struct store *s, const struct caller *c, struct page pg, struct jsonw *w);
/* The caller's engagements whose end or notice date falls within the next `days` days (0..NOTICE_DAYS_MAX), soonest first: {items, next: null}. */
int engagement_expiring_write(struct store *s, const struct caller *c, int days, struct jsonw *w);

#endif
