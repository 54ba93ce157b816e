/* reviews: use cases for mandated business reviews — mandate and schedule, reviews, attendance and compliance. */
#ifndef ACCORD_REVIEWS_H
#define ACCORD_REVIEWS_H

#include <jansson.h>

#include "../domain/engagement.h"
#include "../domain/review.h"
#include "../store/store.h"
#include "../util/buf.h"
#include "caller.h"
#include "orgs.h"

#define GRACE_DAYS_DEFAULT 14
#define REVIEW_TEXT_MAX (64 * 1024) /* agenda, minutes, decisions */
#define CANCEL_REASON_MAX 2000

struct mandate_input {
	const char *cadence;
	role_mask required_roles;
	long long grace_days; /* < 0: refused; the API passes GRACE_DAYS_DEFAULT when absent */
};

/*
 * Sets or changes an engagement's mandate and (re-)plans its reviews from today on:
 * future planned reviews move to the new dates, held and cancelled ones stay as they
 * were, and a planned review the new schedule no longer needs is removed, or cancelled
 * when something was already recorded on it. All or nothing.
 */
int mandate_set(struct store *s, const struct caller *c, long long engagement_id,
		const struct mandate_input *in, struct error *err);
/* The same, planning from a given day rather than today (the demo mandates at signing). */
int mandate_set_from(struct store *s, const struct caller *c, long long engagement_id,
		     const struct mandate_input *in, struct date from, struct error *err);
/* Re-plans after the engagement's term changed (no-op without a mandate); inside the caller's transaction. */
int mandate_replan(struct store *s, long long engagement_id, struct error *err);
/* {engagement_id, cadence, required_roles, grace_days, set_by, set_at}, or NULL when none. */
json_t *mandate_get_json(struct store *s, long long engagement_id);

/* An ad-hoc review; due_on required. Returns the new id or -1. */
long long review_create_adhoc(struct store *s, long long engagement_id, const char *due_on,
			      const char *agenda, struct error *err);

/* A PATCH of a review: NULL fields are left as they are. */
struct review_input {
	const char *status; /* planned | held | cancelled */
	const char *held_on;
	const char *cancel_reason;
	const char *agenda;
	const char *minutes;
	const char *decisions;
	const char *due_on; /* ad-hoc reviews only */
};
/* may_cancel: the caller is the buyer's contract or sourcing manager (else 403 on cancelling). */
int review_update(struct store *s, long long id, const struct review_input *in, bool may_cancel,
		  struct error *err);

struct attendee {
	long long user_id;
	bool present;
};
/* Replaces the review's attendance; every attendee must belong to one of the engagement's two organisations. */
int attendance_set(struct store *s, long long review_id, const struct attendee *a, size_t n,
		   struct error *err);

/* One review with rendered Markdown and its attendance; NULL if absent. */
json_t *review_get_json(struct store *s, long long id);
/* An engagement's reviews in due order, paged. */
json_t *review_list_json(struct store *s, long long engagement_id, struct page pg);
/*
 * The people who may attend the engagement's reviews: [{id, name, email, roles, org_id, org_name, side}].
 * Until the engagement is accepted, only viewer_org's own people (each side sees its own).
 */
json_t *engagement_people_json(struct store *s, long long engagement_id, long long viewer_org);

/* {due, held_on_time, late, missed, in_grace, without_quorum, upcoming, cancelled, next_due_on, last_held_on}. */
json_t *compliance_json(struct store *s, long long engagement_id);
/* The caller's organisation's engagements, each with its compliance, as buyer or provider. */
json_t *portfolio_json(struct store *s, const struct caller *c);
/* The same, as CSV with a header line. */
void compliance_csv(struct buf *out, json_t *items);
/* The portfolio with trust (items of api portfolio_full_json) as CSV. */
void portfolio_csv(struct buf *out, json_t *items);

#endif
