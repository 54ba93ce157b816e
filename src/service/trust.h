/* trust: gathers each engagement's governance evidence, runs the trust model over its held reviews and explains the result. */
#ifndef ACCORD_TRUST_SERVICE_H
#define ACCORD_TRUST_SERVICE_H

#include <jansson.h>

#include "../domain/review.h"
#include "../domain/trust.h"
#include "../store/store.h"
#include "../util/buf.h"
#include "../util/jsonw.h"
#include "caller.h"

/*
 * The model's settings: the defaults, changed by ACCORD_TRUST ("name=value,...", see
 * docs/trust.md). trust_settings_load() reads and checks them once; commands call it at
 * start and refuse to run with invalid settings.
 */
bool trust_settings_load(struct error *err);
const struct trust_settings *trust_settings(void);

/*
 * The trust model's results are kept in trust_summaries (migration 008), one row per
 * engagement, and used while they are fresh: computed from the current version of the
 * engagement's evidence (triggers raise it on every change), today, with the running
 * settings. A stale one is computed again on first use and stored, unless the evidence
 * changed meanwhile; `accord trust recompute` computes them all at once.
 */
struct trust_summary {
	long long engagement_id;
	bool known; /* false: no held review has evidence yet, so no score */
	double score, raw; /* to one decimal */
	long long review_id; /* the review the score is after */
	bool sentiment_gap;
	char mode[24], advice[24], recommended_mode[24];
	char *scores;  /* the smoothed score after each held review, oldest first, comma-separated, empty where unknown */
	char *history; /* JSON: [{review_id, held_on, score, raw, sentiment_gap, factors}] */
	/* Review compliance as the portfolio shows it (domain/review.h), with the next planned and the last held review ("" for none). */
	struct compliance compliance;
	char next_due_on[11], last_held_on[11];
	/* Who and what, for lists: the engagement's title, its two parties, its contract manager. */
	char *title, *buyer, *provider;
	long long contract_manager_id;
};

/* One engagement's summary: 0, 1 if there is no such engagement, -1 on a store error. */
int trust_summary(struct store *s, long long engagement_id, struct trust_summary *out);
void trust_summary_release(struct trust_summary *t);

/* Every engagement of the caller's organisation, by id, in a few queries whatever their number (history only when asked for). */
int trust_summaries_org(struct store *s, const struct caller *c, bool with_history, struct trust_summary **out,
			size_t *n);
void trust_summaries_free(struct trust_summary *v, size_t n);

/* {score, advice, recommended_mode, review_id}: the trust of an engagement as its GET shows it. */
void trust_summary_write(struct jsonw *w, const struct trust_summary *t);

/*
 * The whole explanation for one engagement, as GET /api/v1/engagements/{id}/trust answers:
 * {engagement_id, title, mode, advice, recommended_mode, score, raw, review_id,
 * sentiment_gap, factors: [{name, value, known, weight, share, evidence}], history:
 * [{review_id, held_on, score, raw, sentiment_gap, factors}], settings}. JSON text
 * (malloc'd) or parsed; NULL if the engagement does not exist.
 */
char *trust_explanation(struct store *s, long long engagement_id);
json_t *trust_json(struct store *s, long long engagement_id);

/* Computes and stores every engagement's summary in one transaction (accord trust recompute). */
int trust_recompute_all(struct store *s, size_t *count, struct error *err);

/* The explanation as text for a person to read (accord trust explain). */
void trust_text(json_t *trust, struct buf *out);

#endif
