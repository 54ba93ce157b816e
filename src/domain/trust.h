/* trust: the trust model — scores the governance evidence of each held review, smooths it and recommends a mode — with no I/O. */
#ifndef ACCORD_TRUST_H
#define ACCORD_TRUST_H

#include <stdbool.h>

#include "date.h"
#include "delivery.h"
#include "engagement.h"
#include "error.h"

/* The factors of trust, in the order they are reported. */
enum trust_factor {
	TF_CADENCE,	/* reviews held on time, late, missed */
	TF_PRESENCE,	/* mandated roles present at the review */
	TF_COMMITMENTS, /* actions due in the window closed on time */
	TF_OPENNESS,	/* strategic issues shared by the buyer and answered by the provider */
	TF_VALUE,	/* accepted suggestions, adopted practices, awards */
	TF_SENTIMENT,	/* both sides' survey means */
	TF_DELIVERY,	/* the weighted attainment of the KPI periods that ended in the window */
	TF__MAX
};

const char *trust_factor_name(enum trust_factor f); /* "cadence", ... */
int trust_factor_parse(const char *s);

/* The model's settings; trust_settings_default() documents the defaults (docs/trust.md). */
struct trust_settings {
	double weight[TF__MAX];	     /* each 0..1, summing to 1 */
	double smoothing;	     /* alpha of the exponential average, 0 < alpha <= 1 */
	double partnership_at;	     /* 0..100: recommend partnership at or above, ... */
	int partnership_reviews;     /* ... for this many consecutive held reviews */
	double regression_below;     /* 0..100, below partnership_at: warn of regression below, ... */
	int regression_reviews;	     /* ... for this many consecutive held reviews */
	double late_credit;	     /* 0..1: what a late review counts for in cadence (on time 1, missed 0) */
	double sentiment_gap;	     /* on the 1..5 scale: a gap between the sides' means this large warns */
	double delivery_floor;	     /* 0..1: a window whose known delivery is below it cannot count towards partnership */
	int reporting_days;	     /* 0..366: a KPI period still without a value this many days after it ended counts as missed */
};

struct trust_settings trust_settings_default(void);
/* Checks every setting; names the failing one in err->field (e.g. "weight.cadence"). */
bool trust_settings_check(const struct trust_settings *s, struct error *err);
/*
 * Applies "name=value" pairs separated by commas or spaces (e.g. ACCORD_TRUST, as in
 * "cadence=0.3,sentiment=0.1,partnership_at=75") on top of *s, then checks the result.
 * Names: the factor names (weights), smoothing, partnership_at, partnership_reviews,
 * regression_below, regression_reviews, late_credit, sentiment_gap, delivery_floor,
 * reporting_days. Values are plain
 * decimal numbers; a name given twice takes the last value. On failure *s is unchanged
 * and err->field names the setting ("weight.cadence", "smoothing", ...; "weight" when the
 * weights do not sum to 1; "trust" when a name is missing or unknown).
 */
bool trust_settings_parse(const char *spec, struct trust_settings *s, struct error *err);

/*
 * The evidence of one window: from the day after the previous held review (or the
 * engagement's start) to this held review's day, inclusive.
 */
struct trust_window {
	int on_time, late, missed;	   /* this review (held on time or late) and the reviews missed in the window */
	int roles_required, roles_present; /* mandated roles at this review, and how many had someone present */
	int actions_due, actions_kept;	   /* actions due in the window (not dropped), and those done by their due date */
	int obligations_due, obligations_kept; /* the provider's obligations due in the window (not waived), and those met by their due date */
	int issues_shared, issues_answered; /* issues the buyer shared in the window, and those the provider answered */
	int value_events;		   /* accepted suggestions, adopted practices, awards in the window */
	int buyer_answers, provider_answers; /* survey responses counted (0 or 1 each) */
	double buyer_mean, provider_mean;  /* their means on the 1..5 scale, when answered */
	struct kpi_attainment delivery;	   /* the KPI periods that ended in the window, as trust_period_status counts them */
};

/*
 * How one KPI period counts in the delivery factor: a value counts as its status (a disputed
 * one as at most at risk, kpi_status_counted); a period without a value is unknown (left out)
 * while it may still be reported, and missed once reporting_days have passed since its last
 * day (today > last_day + reporting_days) — unless it ended before the KPI was agreed
 * (last_day < agreed_on), which no one could have reported against: unknown.
 */
enum kpi_status trust_period_status(bool has_value, enum kpi_status status, bool disputed,
				    struct date last_day, struct date agreed_on, struct date today,
				    const struct trust_settings *s);

struct trust_factor_score {
	bool known;	/* false: no evidence in the window; its weight went to the others */
	double value;	/* 0..1 when known */
	double weight;	/* the configured weight */
	double share;	/* the weight it carried in this score (0 when unknown) */
};

struct trust_score {
	struct trust_factor_score factor[TF__MAX];
	bool known;	  /* false when no factor had evidence */
	double raw;	  /* 0..100: the weighted factors of this window */
	double smoothed;  /* 0..100: the exponential average over the history */
	bool sentiment_gap; /* the sides' survey means differ by sentiment_gap or more */
	bool below_delivery_floor; /* delivery weighs something, is known and is below delivery_floor: this window cannot count towards partnership */
	bool presence_capped;	   /* a mandated role was absent, so the smoothed score was held at the previous one */
};

/*
 * Scores one window. previous is the smoothed score of the previous held review, or
 * a negative number for the first. Unknown factors are never scored as 0 or as 1:
 * their weight is spread over the known ones in proportion to their weights. When no
 * factor is known (or the known ones weigh 0), the score is unknown and raw and smoothed
 * both stay at previous (0 for the first review). A window in which a mandated role was
 * absent cannot raise the smoothed score above previous. Nothing is rounded.
 */
void trust_score_window(const struct trust_window *w, const struct trust_settings *s,
			double previous, struct trust_score *out);

enum trust_advice {
	ADVICE_NONE,	     /* not enough history to say */
	ADVICE_PARTNERSHIP,  /* trust has held at or above partnership_at for partnership_reviews in a row */
	ADVICE_STAY,	     /* neither */
	ADVICE_REGRESSION,   /* trust has stayed below regression_below for regression_reviews in a row */
	ADVICE__MAX
};
const char *trust_advice_name(enum trust_advice a); /* "none", "partnership", "stay", "regression" */

/*
 * The advice from the smoothed scores of the held reviews, oldest first (unknown ones
 * given as negative numbers break a run), and the mode it recommends: partnership
 * advice recommends partnership, regression advice vendor, otherwise the current mode.
 */
enum trust_advice trust_advise(const double *smoothed, int n, const struct trust_settings *s);
/*
 * The same, where no_partnership[i] marks a held review whose window cannot count towards
 * partnership (its delivery below the floor): like an unknown one, it breaks a partnership
 * run, and it counts in a regression run as a score below regression_below would, so that
 * a provider missing its service levels review after review is advised back to vendor mode
 * even when the other factors hold its score up. no_partnership may be NULL.
 */
enum trust_advice trust_advise_history(const double *smoothed, const bool *no_partnership, int n,
				       const struct trust_settings *s);
enum engagement_mode trust_recommended_mode(enum trust_advice a, enum engagement_mode current);

#endif
