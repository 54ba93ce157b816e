/* scorecard: the delivery scorecard of an engagement and of an organisation's portfolio, and the service credits an engagement owes, read from KPIs, measurements and credits (docs/delivery.md, "Scorecards and service credits"). */
#ifndef ACCORD_SERVICE_SCORECARD_H
#define ACCORD_SERVICE_SCORECARD_H

#include <jansson.h>

#include "../domain/scorecard.h"
#include "../store/store.h"
#include "caller.h"

/*
 * An engagement's scorecard over window w: every KPI with each of its periods in the window
 * (narrowed to the engagement's term and to today) as met, at_risk, missed or unknown, the
 * evidence behind each value, attainment per KPI and overall, since when each KPI has been
 * missed, and the credits of the window. The caller owns the result; NULL (and err) on failure.
 */
json_t *scorecard_json(struct store *s, long long engagement_id, struct score_window w, struct error *err);

/*
 * The portfolio scorecard of the caller's organisation: one row per accepted engagement it is
 * the buyer of (a buyer) or the provider of (a provider), with attainment in w, the KPIs missed
 * in w and the credits owed now, per currency. The caller owns the result; NULL on failure.
 */
json_t *scorecard_portfolio_json(struct store *s, const struct caller *c, struct score_window w, struct error *err);

/* Every service credit of an engagement, newest period first, with totals per status and currency. NULL on failure. */
json_t *credits_json(struct store *s, long long engagement_id, struct error *err);

/* One service credit from a SCORE_CREDIT_COLUMNS row (statements.def), its amount written with its currency. */
json_t *credit_row_json(const struct sqlval *c);

/* {amount_cents, currency, text}: an amount as the API and the pages show it (text from util/money.h money_format_human, "USD 12,500.00"). */
json_t *money_json(long long cents, const char *currency);

#endif
