/* scorecard: the delivery scorecard of an engagement and of an organisation's portfolio, and the service credits an engagement owes, read from KPIs, measurements and credits (docs/delivery.md, "Scorecards and service credits"). */
#ifndef ACCORD_SERVICE_SCORECARD_H
#define ACCORD_SERVICE_SCORECARD_H

#include <jansson.h>

#include "../domain/scorecard.h"
#include "../store/store.h"
#include "../util/jsonw.h"
#include "../util/money.h"
#include "caller.h"

/* Distinct currencies summed apart in one total. */
#define SCORECARD_CURRENCIES_MAX 16

/* Amounts summed per currency (the credits of a scorecard, of one KPI, of a status). */
struct money_sums {
	struct {
		char currency[8];
		long long cents, count;
		bool saturated; /* the sum passed what 64 bits hold: it says "more than" the largest */
	} v[SCORECARD_CURRENCIES_MAX];
	int n;
	long long others; /* credits in currencies beyond SCORECARD_CURRENCIES_MAX: counted, never summed under another's label */
};

/* A measurement's evidence, in the order the API answers it (after measurement_id). */
enum { SCORECARD_EV_NOTE, SCORECARD_EV_SOURCE, SCORECARD_EV_SUBMITTED_BY, SCORECARD_EV_SUBMITTED_AT, SCORECARD_EV_DISPUTE_REASON,
       SCORECARD_EV_DISPUTED_AT, SCORECARD_EV_DISPUTE_ANSWER, SCORECARD_EV_N };
#define SCORECARD_NULL ((size_t)-1) /* an offset into the scorecard's pool that stands for SQL NULL */

/* One measurement: its evidence is text kept in the scorecard's pool (offsets, SCORECARD_NULL for NULL). */
struct scorecard_value {
	long long eng, kpi, measurement_id;
	char period[8];
	double value;
	bool disputed;
	size_t ev[SCORECARD_EV_N];
};

/* One period of a KPI in the listed window: its status as measured and as counted, and its value if any. */
struct scorecard_period {
	char period[8];
	enum kpi_status status, counted;
	const struct scorecard_value *value; /* NULL: no value */
};

/* A KPI as defined, and (the engagement's scorecard) as scored over the listed window. */
struct scorecard_kpi {
	long long eng, id;
	char *name, *unit;
	struct kpi_rule rule;
	enum kpi_frequency freq;
	double weight, credit_percent; /* credit_percent < 0: none */
	struct kpi_attainment att;
	char missed_since[8]; /* "" when not missed now */
	struct scorecard_period *periods;
	size_t nperiods;
};

/* A service credit of the window (SCORE_CREDIT_COLUMNS): its text columns are offsets into the pool. */
struct scorecard_credit {
	long long id, engagement_id, kpi_id, amount_cents;
	size_t kpi_name, period, currency, status, reason, decided_by_name, decided_at, created_at;
	char amount[MONEY_HUMAN_MAX];
};

/* An engagement's scorecard as plain data: what the API writes with jsonw and the pages read. */
struct scorecard {
	long long engagement_id;
	char title[800], buyer[500], provider[500], currency[8];
	struct score_window window, listed;
	bool has_window; /* false: the window lies outside the term (listed is meaningless) */
	struct scorecard_kpi *kpis;
	size_t nkpis, ckpis;
	struct money_sums (*kpi_credits)[3]; /* per KPI: owed, applied, waived */
	struct kpi_attainment all;
	int kpis_missed;
	struct money_sums credits[3]; /* owed, applied, waived */
	struct scorecard_credit *items;
	size_t nitems, citems;
	/* storage */
	struct scorecard_value *vals;
	size_t nvals, cvals;
	char *pool; /* the evidence's and the credits' strings, NUL-terminated, one after another */
	size_t npool, cpool;
	bool evidence, oom;
};

/* The text at offset off of sc's pool; NULL for SCORECARD_NULL. */
static inline const char *scorecard_text(const struct scorecard *sc, size_t off)
{
	return off == SCORECARD_NULL ? NULL : sc->pool + off;
}

/*
 * An engagement's scorecard over window w into sc: every KPI with each of its periods in the
 * window (narrowed to the engagement's term and to today) as met, at_risk, missed or unknown,
 * the evidence behind each value, attainment per KPI and overall, since when each KPI has been
 * missed, and the credits of the window. 0, or -1 and err (404 when there is no such
 * engagement); either way scorecard_free(sc) after.
 */
int scorecard_read(struct store *s, long long engagement_id, struct score_window w, struct scorecard *sc, struct error *err);
void scorecard_free(struct scorecard *sc);

/* sc as the API answers it, written straight into w (the same bytes as json_dumps of scorecard_to_json, JSON_COMPACT). */
void scorecard_write(const struct scorecard *sc, struct jsonw *w);

/* sc as a jansson tree (the pages read it); the caller owns it. NULL when out of memory. */
json_t *scorecard_to_json(const struct scorecard *sc);

/* scorecard_read and scorecard_to_json: NULL (and err) on failure. */
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
