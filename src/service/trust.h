/* trust: gathers each engagement's governance evidence, runs the trust model over its held reviews and explains the result. */
#ifndef ACCORD_TRUST_SERVICE_H
#define ACCORD_TRUST_SERVICE_H

#include <jansson.h>

#include "../domain/trust.h"
#include "../store/store.h"
#include "../util/buf.h"
#include "caller.h"

/*
 * The model's settings: the defaults, changed by ACCORD_TRUST ("name=value,...", see
 * docs/trust.md). trust_settings_load() reads and checks them once; commands call it at
 * start and refuse to run with invalid settings.
 */
bool trust_settings_load(struct error *err);
const struct trust_settings *trust_settings(void);

/*
 * The whole explanation for one engagement, as GET /api/v1/engagements/{id}/trust answers:
 * {engagement_id, score, raw, mode, advice, recommended_mode, sentiment_gap, factors:
 * [{name, value, known, weight, share, evidence}], history: [{review_id, held_on, score,
 * raw, factors}], settings}. NULL if the engagement does not exist.
 */
json_t *trust_json(struct store *s, long long engagement_id);

/*
 * For each engagement of the caller's organisation: {engagement_id, title, mode, score,
 * advice, recommended_mode, history: [scores]}, in a few queries whatever the number of
 * engagements. An array, or NULL on a store error.
 */
json_t *trust_portfolio_json(struct store *s, const struct caller *c);

/* The explanation as text for a person to read (accord trust explain). */
void trust_text(json_t *trust, struct buf *out);

#endif
