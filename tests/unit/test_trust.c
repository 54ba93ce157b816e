/* test_trust: hand-computed cases and properties of the trust model — factors, unknown evidence, delivery, smoothing, settings and the recommendation. */
#include <math.h>

#include "../harness.h"
#include "domain/trust.h"

#define CHECK_NEAR(got, want)                                                              \
	do {                                                                               \
		double g_ = (got), w_ = (want);                                            \
		if (!(fabs(g_ - w_) < 1e-9)) {                                             \
			harness_case_failed = 1;                                           \
			fprintf(stderr, "FAIL %s (%s:%d): %s is %.12g, want %.12g\n",      \
				harness_case, __FILE__, __LINE__, #got, g_, w_);           \
		}                                                                          \
	} while (0)

/* A full window: held on time, every role present, both actions kept, surveys at 4. */
static struct trust_window good(void)
{
	struct trust_window w = {0};

	w.on_time = 1;
	w.roles_required = w.roles_present = 3;
	w.actions_due = w.actions_kept = 2;
	w.issues_shared = w.issues_answered = 1;
	w.buyer_answers = w.provider_answers = 1;
	w.buyer_mean = w.provider_mean = 4;
	return w;
}

/* A small deterministic generator (a 64-bit LCG), so generated cases repeat exactly. */
static unsigned long long seed = 42;

static int pick(int n)
{
	seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
	return (int)((seed >> 33) % (unsigned long long)n);
}

/* Any window: every count and mean drawn at random, consistent (kept <= due, ...). */
static struct trust_window random_window(void)
{
	struct trust_window w = {0};

	w.missed = pick(3);
	w.roles_required = pick(4);
	w.roles_present = pick(w.roles_required + 1);
	w.actions_due = pick(5);
	w.actions_kept = pick(w.actions_due + 1);
	w.issues_shared = pick(4);
	w.issues_answered = pick(w.issues_shared + 1);
	w.value_events = pick(4);
	w.buyer_answers = pick(2);
	w.provider_answers = pick(2);
	w.buyer_mean = 1 + pick(17) * 0.25;
	w.provider_mean = 1 + pick(17) * 0.25;
	return w;
}

static bool same_settings(const struct trust_settings *a, const struct trust_settings *b)
{
	for (int f = 0; f < TF__MAX; f++)
		if (a->weight[f] != b->weight[f])
			return false;
	return a->smoothing == b->smoothing && a->partnership_at == b->partnership_at &&
	       a->partnership_reviews == b->partnership_reviews &&
	       a->regression_below == b->regression_below &&
	       a->regression_reviews == b->regression_reviews && a->late_credit == b->late_credit &&
	       a->sentiment_gap == b->sentiment_gap && a->delivery_floor == b->delivery_floor &&
	       a->reporting_days == b->reporting_days;
}

static void hand_computed_full_window(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = good();
	struct trust_score sc;

	/*
	 * cadence 1, presence 1, commitments 1, openness 1, sentiment (4-1)/4 = 0.75,
	 * value and delivery unknown (weights 0.07 and 0.3 spread): known weights 0.63.
	 * raw = 100 * (0.14 + 0.14 + 0.14 + 0.07 + 0.14 * 0.75) / 0.63 = 100 * 0.595 / 0.63 = 94.444...
	 * (the same as before delivery: 0.85 / 0.9 with the old weights 0.2, 0.2, 0.2, 0.1, 0.2).
	 */
	trust_score_window(&w, &s, -1, &sc);
	CHECK(sc.known);
	CHECK(!sc.factor[TF_VALUE].known);
	CHECK_NEAR(sc.factor[TF_SENTIMENT].value, 0.75);
	CHECK(!sc.factor[TF_DELIVERY].known);
	CHECK_NEAR(sc.raw, 100 * 0.85 / 0.9);
	CHECK_NEAR(sc.smoothed, sc.raw); /* the first review has no history to smooth with */
	CHECK_NEAR(sc.factor[TF_CADENCE].share, 0.2 / 0.9);
	CHECK_NEAR(sc.factor[TF_VALUE].share, 0);
	CHECK_NEAR(sc.factor[TF_VALUE].weight, 0.07);
	CHECK_NEAR(sc.factor[TF_DELIVERY].weight, 0.3);
	CHECK(!sc.sentiment_gap);
}

static void hand_computed_mixed_window(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = {0};
	struct trust_score sc;

	/*
	 * Held late after one missed review: cadence (0 + 0.5 * 1) / 2 = 0.25.
	 * 2 of 3 mandated roles present: 0.6667. 1 of 4 actions kept: 0.25.
	 * No issues, no value, buyer answered 2 only: sentiment (2-1)/4 = 0.25.
	 * Known weights 0.2 + 0.2 + 0.2 + 0.2 = 0.8, each share 0.25:
	 * raw = 100 * 0.25 * (0.25 + 2/3 + 0.25 + 0.25) = 35.41666...
	 * smoothed with previous 60: 0.5 * 35.41666 + 0.5 * 60 = 47.70833...
	 */
	w.late = 1;
	w.missed = 1;
	w.roles_required = 3;
	w.roles_present = 2;
	w.actions_due = 4;
	w.actions_kept = 1;
	w.buyer_answers = 1;
	w.buyer_mean = 2;
	trust_score_window(&w, &s, 60, &sc);
	CHECK_NEAR(sc.factor[TF_CADENCE].value, 0.25);
	CHECK_NEAR(sc.factor[TF_PRESENCE].value, 2.0 / 3);
	CHECK_NEAR(sc.factor[TF_COMMITMENTS].value, 0.25);
	CHECK_NEAR(sc.factor[TF_SENTIMENT].value, 0.25);
	CHECK(!sc.factor[TF_OPENNESS].known);
	CHECK_NEAR(sc.raw, 25 * (0.25 + 2.0 / 3 + 0.25 + 0.25));
	CHECK_NEAR(sc.raw, 35.416666666666667);
	CHECK_NEAR(sc.smoothed, 47.708333333333333);
	CHECK(!sc.sentiment_gap); /* one side only: no gap to speak of */
}

static void hand_computed_every_factor(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = {0};
	struct trust_score sc;

	/*
	 * Every factor known, shares are the weights themselves:
	 * cadence: on time, one missed: (1 + 0) / 2 = 0.5              x 0.14 = 0.070
	 * presence: 1 of 2: 0.5                                         x 0.14 = 0.070
	 * commitments: 2 of 3 actions and 1 of 1 obligation: 0.75       x 0.14 = 0.105
	 * openness: 1 of 2: 0.5                                         x 0.07 = 0.035
	 * value: 1 event: min(1, 1/2) = 0.5                             x 0.07 = 0.035
	 * sentiment: buyer 3 -> 0.5, provider 5 -> 1, mean 0.75         x 0.14 = 0.105
	 * delivery: one period met, one missed, equal weights: 0.5      x 0.30 = 0.150
	 * raw = 100 * 0.57 = 57; with smoothing 0.25 and previous 80:
	 * smoothed = 0.25 * 57 + 0.75 * 80 = 14.25 + 60 = 74.25.
	 * The sides are 2 apart (>= 1.5): the gap warns.
	 */
	w.on_time = 1;
	w.missed = 1;
	w.roles_required = 2;
	w.roles_present = 1;
	w.actions_due = 3;
	w.actions_kept = 2;
	w.obligations_due = 1;
	w.obligations_kept = 1;
	w.issues_shared = 2;
	w.issues_answered = 1;
	w.value_events = 1;
	w.buyer_answers = w.provider_answers = 1;
	w.buyer_mean = 3;
	w.provider_mean = 5;
	kpi_attainment_add(&w.delivery, KPI_MET, 1);
	kpi_attainment_add(&w.delivery, KPI_MISSED, 1);
	s.smoothing = 0.25;
	trust_score_window(&w, &s, 80, &sc);
	for (int f = 0; f < TF__MAX; f++) {
		CHECK(sc.factor[f].known);
		CHECK_NEAR(sc.factor[f].share, s.weight[f]);
	}
	CHECK_NEAR(sc.factor[TF_COMMITMENTS].value, 0.75);
	CHECK_NEAR(sc.factor[TF_VALUE].value, 0.5);
	CHECK_NEAR(sc.factor[TF_DELIVERY].value, 0.5);
	CHECK_NEAR(sc.raw, 57);
	CHECK_NEAR(sc.smoothed, 74.25);
	CHECK(sc.sentiment_gap);
	CHECK(!sc.below_delivery_floor); /* 0.5 is at the floor, not below it */
	CHECK(!sc.presence_capped);	 /* a role was absent, but the score fell */
	/* Value is capped: 2 events or more count as 1. 3 events: raw = 57 + 100 * 0.07 * 0.5 = 60.5. */
	w.value_events = 3;
	trust_score_window(&w, &s, 80, &sc);
	CHECK_NEAR(sc.factor[TF_VALUE].value, 1);
	CHECK_NEAR(sc.raw, 60.5);
	/* late_credit 1: a late review counts as on time. cadence (0 + 1) / 2 = 0.5 as before. */
	s.late_credit = 1;
	w.on_time = 0;
	w.late = 1;
	trust_score_window(&w, &s, 80, &sc);
	CHECK_NEAR(sc.factor[TF_CADENCE].value, 0.5);
}

static void unknown_weight_is_spread_not_scored(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = {0};
	struct trust_score sc;

	/*
	 * Only cadence and presence have evidence (no actions due, no issues, no value, no
	 * survey, no KPI period): known weights 0.14 + 0.14 = 0.28, so shares 0.14/0.28 = 0.5 each.
	 * Held on time: cadence 1; 1 of 2 roles: presence 0.5.
	 * raw = 100 * (0.5 * 1 + 0.5 * 0.5) = 75.
	 */
	w.on_time = 1;
	w.roles_required = 2;
	w.roles_present = 1;
	trust_score_window(&w, &s, -1, &sc);
	CHECK(sc.known);
	CHECK(!sc.factor[TF_COMMITMENTS].known); /* no action was due: unknown, not 0 or 1 */
	CHECK(!sc.factor[TF_OPENNESS].known);
	CHECK(!sc.factor[TF_VALUE].known);
	CHECK(!sc.factor[TF_SENTIMENT].known);
	CHECK(!sc.factor[TF_DELIVERY].known); /* no KPI period ended in the window: unknown, never perfect */
	for (int f = TF_COMMITMENTS; f < TF__MAX; f++) {
		CHECK_NEAR(sc.factor[f].share, 0);
		CHECK_NEAR(sc.factor[f].weight, s.weight[f]); /* the configured weight is still reported */
	}
	CHECK_NEAR(sc.factor[TF_CADENCE].share, 0.5);
	CHECK_NEAR(sc.factor[TF_PRESENCE].share, 0.5);
	CHECK_NEAR(sc.raw, 75);
	/*
	 * With cadence weighing 0.3 and presence 0.1 (openness 0 to keep the sum at 1):
	 * shares 0.3/0.4 = 0.75 and 0.1/0.4 = 0.25; raw = 100 * (0.75 + 0.25 * 0.5) = 87.5.
	 */
	s.weight[TF_CADENCE] = 0.3;
	s.weight[TF_PRESENCE] = 0.1;
	trust_score_window(&w, &s, -1, &sc);
	CHECK_NEAR(sc.factor[TF_CADENCE].share, 0.75);
	CHECK_NEAR(sc.factor[TF_PRESENCE].share, 0.25);
	CHECK_NEAR(sc.raw, 87.5);
}

static void no_survey_is_neither_zero_nor_hundred(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = good();
	struct trust_score none, low, high;

	/*
	 * good() without its survey: cadence, presence, commitments, openness all 1, value
	 * and sentiment unknown: raw 100. Had the missing survey counted as 0 it would be
	 * 100 * 0.7 / 0.9 = 77.8 — the same as both sides answering 1.
	 */
	w.buyer_answers = w.provider_answers = 0;
	trust_score_window(&w, &s, -1, &none);
	CHECK(!none.factor[TF_SENTIMENT].known);
	CHECK_NEAR(none.factor[TF_SENTIMENT].share, 0);
	CHECK_NEAR(none.raw, 100);
	w.buyer_answers = w.provider_answers = 1;
	w.buyer_mean = w.provider_mean = 1;
	trust_score_window(&w, &s, -1, &low);
	CHECK_NEAR(low.raw, 100 * 0.7 / 0.9);
	CHECK(low.raw < none.raw);
	/*
	 * A mediocre window (1 of 2 roles, 1 of 2 actions) without a survey: (0.2 + 0.1 + 0.1 +
	 * 0.1) / 0.7 = 71.43; a perfect survey would lift it to (0.5 + 0.2) / 0.9 = 77.78, the
	 * worst survey drag it to 0.5 / 0.9 = 55.56. No survey lies strictly between.
	 */
	w.roles_required = 2;
	w.roles_present = 1;
	w.actions_kept = 1;
	w.buyer_answers = w.provider_answers = 0;
	trust_score_window(&w, &s, -1, &none);
	CHECK_NEAR(none.raw, 100 * 0.5 / 0.7);
	w.buyer_answers = w.provider_answers = 1;
	trust_score_window(&w, &s, -1, &low);
	CHECK_NEAR(low.raw, 100 * 0.5 / 0.9);
	w.buyer_mean = w.provider_mean = 5;
	trust_score_window(&w, &s, -1, &high);
	CHECK_NEAR(high.raw, 100 * 0.7 / 0.9);
	CHECK(low.raw < none.raw && none.raw < high.raw);
	/* One side answered: its mean alone is the sentiment, 5 -> 1. */
	w.provider_answers = 0;
	w.provider_mean = 1; /* not counted: the provider has not answered */
	trust_score_window(&w, &s, -1, &high);
	CHECK(high.factor[TF_SENTIMENT].known);
	CHECK_NEAR(high.factor[TF_SENTIMENT].value, 1);
	CHECK(!high.sentiment_gap);
}

static void nothing_known_keeps_the_score(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = {0};
	struct trust_score sc;

	trust_score_window(&w, &s, 72.5, &sc);
	CHECK(!sc.known);
	CHECK_NEAR(sc.raw, 72.5);
	CHECK_NEAR(sc.smoothed, 72.5);
	for (int f = 0; f < TF__MAX; f++)
		CHECK(!sc.factor[f].known);
	trust_score_window(&w, &s, -1, &sc);
	CHECK(!sc.known);
	CHECK_NEAR(sc.raw, 0);
	CHECK_NEAR(sc.smoothed, 0);
	/* Known factors that all weigh 0 are no better: only value has evidence, and weighs 0. */
	s.weight[TF_CADENCE] = 0.3;
	s.weight[TF_VALUE] = 0;
	w.value_events = 2;
	trust_score_window(&w, &s, 40, &sc);
	CHECK(!sc.known);
	CHECK(sc.factor[TF_VALUE].known);
	CHECK_NEAR(sc.smoothed, 40);
}

static void on_time_never_lower_than_late(void)
{
	struct trust_settings s = trust_settings_default();
	const double previous[] = {-1, 0, 35, 70, 100};

	/* Every combination of the other evidence, and several histories. */
	for (int roles = 0; roles <= 3; roles++)
		for (int kept = 0; kept <= 2; kept++)
			for (int mood = 0; mood <= 5; mood++)
				for (int missed = 0; missed <= 2; missed++)
					for (size_t p = 0; p < sizeof previous / sizeof previous[0]; p++) {
						struct trust_window w = {0};
						struct trust_score on_time, late;

						w.roles_required = 3;
						w.roles_present = roles;
						w.actions_due = 2;
						w.actions_kept = kept;
						w.missed = missed;
						w.buyer_answers = mood > 0;
						w.buyer_mean = mood;
						w.on_time = 1;
						trust_score_window(&w, &s, previous[p], &on_time);
						w.on_time = 0;
						w.late = 1;
						trust_score_window(&w, &s, previous[p], &late);
						CHECK(on_time.smoothed >= late.smoothed);
						CHECK(on_time.raw > late.raw);
					}
}

static void on_time_never_lower_than_late_generated(void)
{
	const double previous[] = {-1, 0, 20, 49.9, 50, 70, 99, 100};
	const double credit[] = {0, 0.25, 0.5, 1};
	int lower = 0;

	/* 5000 random windows x every previous score x every late credit and smoothing. */
	for (int i = 0; i < 5000; i++) {
		struct trust_window w = random_window();
		struct trust_settings s = trust_settings_default();

		s.late_credit = credit[i % 4];
		s.smoothing = (1 + i % 4) * 0.25;
		for (size_t p = 0; p < sizeof previous / sizeof previous[0]; p++) {
			struct trust_score on_time, late;

			w.on_time = 1;
			w.late = 0;
			trust_score_window(&w, &s, previous[p], &on_time);
			w.on_time = 0;
			w.late = 1;
			trust_score_window(&w, &s, previous[p], &late);
			lower += on_time.raw < late.raw || on_time.smoothed < late.smoothed;
			CHECK(on_time.known && late.known);
			CHECK(on_time.raw >= 0 && on_time.raw <= 100);
			CHECK(on_time.smoothed >= 0 && on_time.smoothed <= 100);
		}
	}
	CHECK_INT(lower, 0);
}

static void missing_cxo_lowers_presence(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window all = good(), without = good();
	struct trust_score a, b;

	/*
	 * 3 of 3 mandated roles: presence 1, raw 94.44 (see hand_computed_full_window).
	 * 2 of 3: presence 2/3, raw = 100 * (0.85 - 0.2/3) / 0.9 = 87.04.
	 */
	without.roles_present = 2; /* the buyer's CxO stayed away: 2 of 3 mandated roles */
	trust_score_window(&all, &s, -1, &a);
	trust_score_window(&without, &s, -1, &b);
	CHECK_NEAR(a.factor[TF_PRESENCE].value, 1);
	CHECK_NEAR(b.factor[TF_PRESENCE].value, 2.0 / 3);
	CHECK_NEAR(b.raw, 100 * (0.85 - 0.2 / 3) / 0.9);
	CHECK(b.raw < a.raw);
	/* And in any window: one role fewer present never raises the score. */
	for (int i = 0; i < 2000; i++) {
		struct trust_window w = random_window();
		struct trust_score full, less;

		w.on_time = 1;
		w.roles_required = 1 + pick(3);
		w.roles_present = w.roles_required;
		trust_score_window(&w, &s, 60, &full);
		w.roles_present--;
		trust_score_window(&w, &s, 60, &less);
		CHECK(less.factor[TF_PRESENCE].value < full.factor[TF_PRESENCE].value);
		CHECK(less.raw < full.raw);
	}
}

static void sentiment_gap_warns(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = good();
	struct trust_score sc;

	w.buyer_mean = 2;
	w.provider_mean = 3.4;
	trust_score_window(&w, &s, -1, &sc);
	CHECK(!sc.sentiment_gap); /* 1.4 apart */
	w.provider_mean = 3.5;
	trust_score_window(&w, &s, -1, &sc);
	CHECK(sc.sentiment_gap); /* 1.5 apart */
	/* sentiment ((2-1)/4 + (3.5-1)/4) / 2 = (0.25 + 0.625) / 2 = 0.4375 */
	CHECK_NEAR(sc.factor[TF_SENTIMENT].value, 0.4375);
	w.buyer_mean = 5;
	w.provider_mean = 3.5;
	trust_score_window(&w, &s, -1, &sc);
	CHECK(sc.sentiment_gap); /* either side may be the happier one */
	s.sentiment_gap = 2;
	trust_score_window(&w, &s, -1, &sc);
	CHECK(!sc.sentiment_gap);
	w.provider_answers = 0; /* one side: no gap, however far the unanswered mean */
	w.provider_mean = 1;
	s.sentiment_gap = 1.5;
	trust_score_window(&w, &s, -1, &sc);
	CHECK(!sc.sentiment_gap);
}

static void settings_are_checked(void)
{
	struct trust_settings s = trust_settings_default();
	struct error err = {0};

	CHECK(trust_settings_check(&s, &err));
	s.weight[TF_CADENCE] = 0.24; /* now they sum to 1.1 */
	CHECK(!trust_settings_check(&s, &err));
	CHECK_INT(err.status, 422);
	CHECK_STR(err.field, "weight");
	CHECK(strstr(err.message, "1.1") != NULL);
	s.weight[TF_CADENCE] = 0.04; /* 0.9 */
	CHECK(!trust_settings_check(&s, &err));
	CHECK(strstr(err.message, "0.9") != NULL);
	s.weight[TF_CADENCE] = 0.14 + 5e-7; /* within 1e-6 of 1 */
	CHECK(trust_settings_check(&s, &err));
	s = trust_settings_default();
	s.weight[TF_VALUE] = -0.1; /* negative, though the sum is still 1 */
	s.weight[TF_OPENNESS] = 0.3;
	CHECK(!trust_settings_check(&s, &err));
	CHECK_STR(err.field, "weight.value");
	s = trust_settings_default();
	s.weight[TF_CADENCE] = 1.2; /* above 1 */
	s.weight[TF_PRESENCE] = -0.2;
	CHECK(!trust_settings_check(&s, &err));
	CHECK_STR(err.field, "weight.cadence");
	s = trust_settings_default();
	s.weight[TF_CADENCE] = NAN;
	CHECK(!trust_settings_check(&s, &err));
	CHECK_STR(err.field, "weight.cadence");
	s = trust_settings_default();
	s.weight[TF_DELIVERY] = 0; /* the six governance factors alone no longer sum to 1 */
	CHECK(!trust_settings_check(&s, &err));
	CHECK_STR(err.field, "weight");
	CHECK(strstr(err.message, "0.7") != NULL);
	s.weight[TF_DELIVERY] = 1.3;
	CHECK(!trust_settings_check(&s, &err));
	CHECK_STR(err.field, "weight.delivery");
	/* One factor may carry all the weight. */
	for (int f = 0; f < TF__MAX; f++)
		s.weight[f] = f == TF_SENTIMENT;
	CHECK(trust_settings_check(&s, &err));
}

static void thresholds_are_checked(void)
{
	struct trust_settings s;
	struct error err = {0};

	/* BAD spoils one setting of the defaults and wants the check to name it; GOOD wants it kept. */
#define BAD(stmt, want)                                                                    \
	do {                                                                               \
		s = trust_settings_default();                                              \
		stmt;                                                                      \
		CHECK(!trust_settings_check(&s, &err));                                    \
		CHECK_STR(err.field, want);                                                \
		CHECK_INT(err.status, 422);                                                \
	} while (0)
#define GOOD(stmt)                                                                         \
	do {                                                                               \
		s = trust_settings_default();                                              \
		stmt;                                                                      \
		CHECK(trust_settings_check(&s, &err));                                     \
	} while (0)
	BAD(s.smoothing = 0, "smoothing");
	BAD(s.smoothing = -0.5, "smoothing");
	BAD(s.smoothing = 1.01, "smoothing");
	GOOD(s.smoothing = 1); /* no smoothing at all */
	BAD(s.partnership_at = 101, "partnership_at");
	BAD(s.partnership_at = -1, "partnership_at");
	GOOD(s.partnership_at = 100);
	BAD(s.regression_below = 80, "regression_below"); /* above partnership_at */
	BAD(s.regression_below = 70, "regression_below"); /* equal to it */
	BAD(s.regression_below = -5, "regression_below");
	GOOD(s.regression_below = 0);
	BAD(s.partnership_reviews = 0, "partnership_reviews");
	BAD(s.partnership_reviews = 21, "partnership_reviews");
	GOOD(s.partnership_reviews = 20);
	BAD(s.regression_reviews = 0, "regression_reviews");
	BAD(s.regression_reviews = 21, "regression_reviews");
	GOOD(s.regression_reviews = 1);
	BAD(s.late_credit = 1.5, "late_credit");
	BAD(s.late_credit = -0.1, "late_credit");
	GOOD(s.late_credit = 0);
	GOOD(s.late_credit = 1);
	BAD(s.sentiment_gap = 0, "sentiment_gap");
	BAD(s.sentiment_gap = 4.5, "sentiment_gap");
	BAD(s.sentiment_gap = INFINITY, "sentiment_gap");
	GOOD(s.sentiment_gap = 4);
	BAD(s.delivery_floor = -0.01, "delivery_floor");
	BAD(s.delivery_floor = 1.01, "delivery_floor");
	BAD(s.delivery_floor = NAN, "delivery_floor");
	GOOD(s.delivery_floor = 0); /* no floor */
	GOOD(s.delivery_floor = 1);
	BAD(s.reporting_days = -1, "reporting_days");
	BAD(s.reporting_days = 367, "reporting_days");
	GOOD(s.reporting_days = 0);
	GOOD(s.reporting_days = 366);
#undef BAD
#undef GOOD
}

static void settings_parse(void)
{
	struct trust_settings s = trust_settings_default(), before;
	struct error err = {0};

	CHECK(trust_settings_parse("cadence=0.21, value=0,partnership_at=75", &s, &err));
	CHECK_NEAR(s.weight[TF_CADENCE], 0.21);
	CHECK_NEAR(s.weight[TF_VALUE], 0);
	CHECK_NEAR(s.partnership_at, 75);
	before = s;
	/* Bad specs change nothing and say why. */
	CHECK(!trust_settings_parse("cadence=0.5", &s, &err)); /* the weights no longer sum to 1 */
	CHECK_STR(err.field, "weight");
	CHECK(strstr(err.message, "weights must sum to 1") != NULL);
	CHECK(!trust_settings_parse("kindness=0.2", &s, &err));
	CHECK_STR(err.field, "trust");
	CHECK(strstr(err.message, "kindness") != NULL);
	CHECK(!trust_settings_parse("=0.2", &s, &err));
	CHECK_STR(err.field, "trust");
	CHECK(!trust_settings_parse("cadence", &s, &err));
	CHECK_STR(err.field, "weight.cadence");
	CHECK(!trust_settings_parse("cadence=", &s, &err));
	CHECK_STR(err.field, "weight.cadence");
	CHECK(!trust_settings_parse("cadence=0.2x", &s, &err));
	CHECK_STR(err.field, "weight.cadence");
	CHECK(!trust_settings_parse("cadence= 0.2", &s, &err));
	CHECK(!trust_settings_parse("cadence=0x0.4", &s, &err)); /* plain decimals only */
	CHECK_STR(err.field, "weight.cadence");
	CHECK(!trust_settings_parse("smoothing=nan", &s, &err));
	CHECK_STR(err.field, "smoothing");
	CHECK(!trust_settings_parse("sentiment_gap=inf", &s, &err));
	CHECK_STR(err.field, "sentiment_gap");
	CHECK(!trust_settings_parse("late_credit=1e999", &s, &err)); /* overflows to infinity */
	CHECK_STR(err.field, "late_credit");
	CHECK(!trust_settings_parse("partnership_reviews=2.5", &s, &err));
	CHECK_STR(err.field, "partnership_reviews");
	CHECK(!trust_settings_parse("regression_reviews=1e12", &s, &err)); /* no int overflow */
	CHECK_STR(err.field, "regression_reviews");
	CHECK(!trust_settings_parse("regression_reviews=-3", &s, &err));
	CHECK_STR(err.field, "regression_reviews");
	CHECK(!trust_settings_parse("reporting_days=10.5", &s, &err));
	CHECK_STR(err.field, "reporting_days");
	CHECK(!trust_settings_parse("reporting_days=1e9", &s, &err));
	CHECK_STR(err.field, "reporting_days");
	CHECK(!trust_settings_parse("delivery_floor=2", &s, &err));
	CHECK_STR(err.field, "delivery_floor");
	CHECK(!trust_settings_parse("partnership_at=120", &s, &err));
	CHECK_STR(err.field, "partnership_at");
	CHECK(!trust_settings_parse("smoothing=0.5;late_credit=1", &s, &err));
	CHECK(!trust_settings_parse("a_setting_name_far_too_long_to_be_one=1", &s, &err));
	CHECK_STR(err.field, "trust");
	/* A good pair before a bad one is not applied either. */
	CHECK(!trust_settings_parse("smoothing=0.9,late_credit=2", &s, &err));
	CHECK_STR(err.field, "late_credit");
	CHECK(same_settings(&s, &before));
	/* Empty specs change nothing; spaces separate too; a repeated name takes the last value. */
	CHECK(trust_settings_parse("", &s, &err));
	CHECK(trust_settings_parse(NULL, &s, &err));
	CHECK(trust_settings_parse(" , ,", &s, &err));
	CHECK(same_settings(&s, &before));
	CHECK(trust_settings_parse("smoothing=0.3 smoothing=0.6,, regression_reviews=4", &s, &err));
	CHECK_NEAR(s.smoothing, 0.6);
	CHECK_INT(s.regression_reviews, 4);
	/* Every name at once. */
	s = trust_settings_default();
	CHECK(trust_settings_parse("cadence=0.2,presence=0.2,commitments=0.1,openness=0.05,"
				   "value=0.05,sentiment=0.1,delivery=0.3,smoothing=1,partnership_at=80,"
				   "partnership_reviews=4,regression_below=40.5,regression_reviews=3,"
				   "late_credit=0.25,sentiment_gap=2e0,delivery_floor=0.6,reporting_days=45",
				   &s, &err));
	CHECK_NEAR(s.weight[TF_PRESENCE], 0.2);
	CHECK_NEAR(s.weight[TF_OPENNESS], 0.05);
	CHECK_NEAR(s.weight[TF_DELIVERY], 0.3);
	CHECK_NEAR(s.delivery_floor, 0.6);
	CHECK_INT(s.reporting_days, 45);
	CHECK_NEAR(s.smoothing, 1);
	CHECK_NEAR(s.partnership_at, 80);
	CHECK_INT(s.partnership_reviews, 4);
	CHECK_NEAR(s.regression_below, 40.5);
	CHECK_INT(s.regression_reviews, 3);
	CHECK_NEAR(s.late_credit, 0.25);
	CHECK_NEAR(s.sentiment_gap, 2);
}

static void smoothing_over_a_history(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = {0};
	struct trust_score sc;
	double previous = -1;
	/*
	 * Windows with cadence and presence only (shares 0.5 each), raws 100, 50, 0, 100:
	 * smoothed 100; 0.5*50 + 0.5*100 = 75; 0.5*0 + 0.5*75 = 37.5; 0.5*100 + 0.5*37.5 = 68.75.
	 */
	const int present[] = {2, 0, 0, 2};
	const int on_time[] = {1, 1, 0, 1};
	const double want[] = {100, 75, 37.5, 68.75};

	w.roles_required = 2;
	for (int i = 0; i < 4; i++) {
		w.on_time = on_time[i];
		w.missed = !on_time[i];
		w.roles_present = present[i];
		trust_score_window(&w, &s, previous, &sc);
		CHECK_NEAR(sc.smoothed, want[i]);
		previous = sc.smoothed;
	}
	/* smoothing 1: the history is forgotten. */
	s.smoothing = 1;
	trust_score_window(&w, &s, 10, &sc);
	CHECK_NEAR(sc.smoothed, 100);
}

static void partnership_needs_consecutive_reviews(void)
{
	struct trust_settings s = trust_settings_default();
	const double three_in_total[] = {75, 60, 75, 75};
	const double three_in_a_row[] = {60, 75, 75, 75};
	const double exactly_at[] = {70, 70, 70};
	const double just_below[] = {75, 69.999, 75};
	const double with_unknown[] = {75, -1, 75, 75};
	const double two_of_two[] = {80, 80};

	CHECK_INT(trust_advise(three_in_total, 4, &s), ADVICE_STAY);
	CHECK_INT(trust_advise(three_in_a_row, 4, &s), ADVICE_PARTNERSHIP);
	CHECK_INT(trust_advise(exactly_at, 3, &s), ADVICE_PARTNERSHIP);
	CHECK_INT(trust_advise(just_below, 3, &s), ADVICE_STAY);
	CHECK_INT(trust_advise(with_unknown, 4, &s), ADVICE_STAY); /* an unknown breaks the run */
	CHECK_INT(trust_advise(two_of_two, 2, &s), ADVICE_STAY);   /* two is not three */
	CHECK_INT(trust_advise(three_in_a_row, 1, &s), ADVICE_NONE);
	CHECK_INT(trust_advise(three_in_a_row, 0, &s), ADVICE_NONE);
	s.partnership_reviews = 4;
	CHECK_INT(trust_advise(three_in_a_row, 4, &s), ADVICE_STAY);
	s.partnership_reviews = 3;
	s.partnership_at = 76;
	CHECK_INT(trust_advise(three_in_a_row, 4, &s), ADVICE_STAY);
	CHECK_INT(trust_recommended_mode(ADVICE_PARTNERSHIP, MODE_VENDOR), MODE_PARTNERSHIP);
	CHECK_INT(trust_recommended_mode(ADVICE_PARTNERSHIP, MODE_PARTNERSHIP), MODE_PARTNERSHIP);
	CHECK_INT(trust_recommended_mode(ADVICE_STAY, MODE_PARTNERSHIP), MODE_PARTNERSHIP);
	CHECK_INT(trust_recommended_mode(ADVICE_STAY, MODE_VENDOR), MODE_VENDOR);
	CHECK_INT(trust_recommended_mode(ADVICE_NONE, MODE_VENDOR), MODE_VENDOR);
}

static void regression_after_two_below(void)
{
	struct trust_settings s = trust_settings_default();
	const double two_below[] = {80, 49, 45};
	const double one_below[] = {80, 60, 45};
	const double two_in_total[] = {45, 60, 45};
	const double at_threshold[] = {80, 50, 45};
	const double with_unknown[] = {45, -1, 45};
	const double first_two[] = {40, 30};

	CHECK_INT(trust_advise(two_below, 3, &s), ADVICE_REGRESSION);
	CHECK_INT(trust_advise(one_below, 3, &s), ADVICE_STAY);
	CHECK_INT(trust_advise(two_in_total, 3, &s), ADVICE_STAY);
	CHECK_INT(trust_advise(at_threshold, 3, &s), ADVICE_STAY); /* 50 is not below 50 */
	CHECK_INT(trust_advise(with_unknown, 3, &s), ADVICE_STAY);
	/* Two held reviews are enough history for regression (the shorter rule). */
	CHECK_INT(trust_advise(first_two, 2, &s), ADVICE_REGRESSION);
	CHECK_INT(trust_advise(first_two, 1, &s), ADVICE_NONE);
	CHECK_INT(trust_recommended_mode(ADVICE_REGRESSION, MODE_PARTNERSHIP), MODE_VENDOR);
	CHECK_INT(trust_recommended_mode(ADVICE_REGRESSION, MODE_VENDOR), MODE_VENDOR);
}

static void names(void)
{
	static const char *const want[TF__MAX] = {"cadence", "presence",  "commitments", "openness",
						  "value",   "sentiment", "delivery"};

	for (int f = 0; f < TF__MAX; f++) {
		CHECK_STR(trust_factor_name((enum trust_factor)f), want[f]);
		CHECK_INT(trust_factor_parse(want[f]), f);
	}
	CHECK_STR(trust_factor_name(TF__MAX), "?");
	CHECK_INT(trust_factor_parse("Sentiment"), -1);
	CHECK_INT(trust_factor_parse("smoothing"), -1);
	CHECK_INT(trust_factor_parse(NULL), -1);
	CHECK_STR(trust_advice_name(ADVICE_NONE), "none");
	CHECK_STR(trust_advice_name(ADVICE_PARTNERSHIP), "partnership");
	CHECK_STR(trust_advice_name(ADVICE_STAY), "stay");
	CHECK_STR(trust_advice_name(ADVICE_REGRESSION), "regression");
	CHECK_STR(trust_advice_name(ADVICE__MAX), "?");
}

static void defaults(void)
{
	struct trust_settings s = trust_settings_default();

	CHECK_NEAR(s.weight[TF_CADENCE], 0.14);
	CHECK_NEAR(s.weight[TF_PRESENCE], 0.14);
	CHECK_NEAR(s.weight[TF_COMMITMENTS], 0.14);
	CHECK_NEAR(s.weight[TF_OPENNESS], 0.07);
	CHECK_NEAR(s.weight[TF_VALUE], 0.07);
	CHECK_NEAR(s.weight[TF_SENTIMENT], 0.14);
	CHECK_NEAR(s.weight[TF_DELIVERY], 0.30);
	CHECK_NEAR(s.delivery_floor, 0.5);
	CHECK_INT(s.reporting_days, 30);
	CHECK_NEAR(s.smoothing, 0.5);
	CHECK_NEAR(s.partnership_at, 70);
	CHECK_INT(s.partnership_reviews, 3);
	CHECK_NEAR(s.regression_below, 50);
	CHECK_INT(s.regression_reviews, 2);
	CHECK_NEAR(s.late_credit, 0.5);
	CHECK_NEAR(s.sentiment_gap, 1.5);
}

/* ---- delivery (issue 17) ---- */

/* The window w with n KPI periods of weight 1 in status st added to its delivery. */
static struct trust_window with_periods(struct trust_window w, enum kpi_status st, int n)
{
	for (int i = 0; i < n; i++)
		kpi_attainment_add(&w.delivery, st, 1);
	return w;
}

/* A KPI status at random, unknown included. */
static enum kpi_status any_status(void)
{
	const enum kpi_status all[] = {KPI_UNKNOWN, KPI_MET, KPI_AT_RISK, KPI_MISSED};

	return all[pick(4)];
}

/* Runs a history of windows as src/service/trust.c does: each smoothed with the last known score. */
static enum trust_advice run_history(const struct trust_window *w, int n, const struct trust_settings *s,
				     struct trust_score *out)
{
	double smoothed[16], previous = -1;
	bool blocked[16];

	for (int i = 0; i < n; i++) {
		trust_score_window(&w[i], s, previous, &out[i]);
		if (out[i].known)
			previous = out[i].smoothed;
		smoothed[i] = out[i].known ? out[i].smoothed : -1;
		blocked[i] = out[i].below_delivery_floor;
	}
	return trust_advise_history(smoothed, blocked, n, s);
}

/* Worse to better: regression, then stay or none, then partnership. */
static int advice_rank(enum trust_advice a)
{
	return a == ADVICE_REGRESSION ? 0 : a == ADVICE_PARTNERSHIP ? 2 : 1;
}

static void hand_computed_delivery(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = good();
	struct trust_score sc;

	/*
	 * good() (governance 0.595 of its known 0.63, see hand_computed_full_window) with three
	 * KPI periods: weight 2 met, weight 1 at risk, weight 1 missed:
	 * delivery = (2 x 1 + 1 x 0.5 + 1 x 0) / 4 = 0.625;
	 * raw = 100 x (0.595 + 0.3 x 0.625) / (0.63 + 0.3) = 100 x 0.7825 / 0.93 = 84.1398...
	 */
	kpi_attainment_add(&w.delivery, KPI_MET, 2);
	kpi_attainment_add(&w.delivery, KPI_AT_RISK, 1);
	kpi_attainment_add(&w.delivery, KPI_MISSED, 1);
	kpi_attainment_add(&w.delivery, KPI_UNKNOWN, 5); /* a period without a value is left out */
	trust_score_window(&w, &s, -1, &sc);
	CHECK(sc.factor[TF_DELIVERY].known);
	CHECK_NEAR(sc.factor[TF_DELIVERY].value, 0.625);
	CHECK_NEAR(sc.factor[TF_DELIVERY].share, 0.3 / 0.93);
	CHECK_NEAR(sc.raw, 100 * 0.7825 / 0.93);
	CHECK(!sc.below_delivery_floor);
	/* Every period missed: delivery 0, raw = 100 x 0.595 / 0.93 = 63.98, below the floor. */
	w = with_periods(good(), KPI_MISSED, 3);
	trust_score_window(&w, &s, -1, &sc);
	CHECK_NEAR(sc.factor[TF_DELIVERY].value, 0);
	CHECK_NEAR(sc.raw, 100 * 0.595 / 0.93);
	CHECK(sc.below_delivery_floor);
	/* Weighed 0 (the old six weights back), delivery is left out: no floor either. */
	{
		struct trust_settings without = s;
		const double old[TF__MAX] = {0.2, 0.2, 0.2, 0.1, 0.1, 0.2, 0};

		for (int f = 0; f < TF__MAX; f++)
			without.weight[f] = old[f];
		trust_score_window(&w, &without, -1, &sc);
		CHECK(!sc.below_delivery_floor);
		CHECK_NEAR(sc.raw, 100 * 0.85 / 0.9);
	}
	/* Only unknown periods: the factor is unknown, never perfect, and the window scores as without KPIs. */
	w = with_periods(good(), KPI_UNKNOWN, 4);
	trust_score_window(&w, &s, -1, &sc);
	CHECK(!sc.factor[TF_DELIVERY].known);
	CHECK(!sc.below_delivery_floor);
	CHECK_NEAR(sc.raw, 100 * 0.85 / 0.9);
	/* A window with nothing but delivery evidence is known: 1 met of 2 → 50. */
	w = (struct trust_window){0};
	w = with_periods(with_periods(w, KPI_MET, 1), KPI_MISSED, 1);
	trust_score_window(&w, &s, -1, &sc);
	CHECK(sc.known);
	CHECK_NEAR(sc.raw, 50);
}

static void defaults_score_as_before_without_delivery(void)
{
	struct trust_settings now = trust_settings_default(), before = trust_settings_default();
	const double old[TF__MAX] = {0.2, 0.2, 0.2, 0.1, 0.1, 0.2, 0};

	/* The weights before issue 17; the six keep their proportions, so no window without KPI data moves. */
	for (int f = 0; f < TF__MAX; f++)
		before.weight[f] = old[f];
	CHECK(trust_settings_check(&before, &(struct error){0}));
	for (int i = 0; i < 3000; i++) {
		struct trust_window w = random_window();
		struct trust_score a, b;
		double previous = pick(3) == 0 ? -1 : pick(101);

		w.on_time = pick(2);
		w.late = !w.on_time;
		trust_score_window(&w, &now, previous, &a);
		trust_score_window(&w, &before, previous, &b);
		CHECK(a.known == b.known);
		CHECK_NEAR(a.raw, b.raw);
		CHECK_NEAR(a.smoothed, b.smoothed);
	}
}

static void period_status_counts_silence_as_a_miss(void)
{
	struct trust_settings s = trust_settings_default();
	struct date march = {2026, 3, 31}, agreed = {2026, 1, 10};
	struct date apr30 = {2026, 4, 30}, may1 = {2026, 5, 1}, apr5 = {2026, 4, 5};

	/* A value counts as its status; a disputed met as at risk, a disputed miss stays a miss. */
	CHECK_INT(trust_period_status(true, KPI_MET, false, march, agreed, may1, &s), KPI_MET);
	CHECK_INT(trust_period_status(true, KPI_MET, true, march, agreed, may1, &s), KPI_AT_RISK);
	CHECK_INT(trust_period_status(true, KPI_AT_RISK, true, march, agreed, may1, &s), KPI_AT_RISK);
	CHECK_INT(trust_period_status(true, KPI_MISSED, true, march, agreed, may1, &s), KPI_MISSED);
	/* No value: unknown while it may still be reported (30 days after 31 March is 30 April), then missed. */
	CHECK_INT(trust_period_status(false, KPI_UNKNOWN, false, march, agreed, apr5, &s), KPI_UNKNOWN);
	CHECK_INT(trust_period_status(false, KPI_UNKNOWN, false, march, agreed, apr30, &s), KPI_UNKNOWN);
	CHECK_INT(trust_period_status(false, KPI_UNKNOWN, false, march, agreed, may1, &s), KPI_MISSED);
	/* A period that ended before the KPI was agreed is nobody's miss. */
	CHECK_INT(trust_period_status(false, KPI_UNKNOWN, false, march, apr5, may1, &s), KPI_UNKNOWN);
	CHECK_INT(trust_period_status(false, KPI_UNKNOWN, false, march, march, may1, &s), KPI_MISSED);
	/* reporting_days 0: missed the day after the period. */
	s.reporting_days = 0;
	CHECK_INT(trust_period_status(false, KPI_UNKNOWN, false, march, agreed, march, &s), KPI_UNKNOWN);
	CHECK_INT(trust_period_status(false, KPI_UNKNOWN, false, march, agreed, (struct date){2026, 4, 1}, &s),
		  KPI_MISSED);
}

static void missing_service_levels_never_partnership(void)
{
	struct trust_settings s = trust_settings_default(), no_floor = trust_settings_default();
	/* Delivery below the floor: every period missed; 1 of 5 at risk; 4 at risk and 1 missed (0.4). */
	const int at_risk[] = {0, 1, 4};
	int cases = 0, partnership_without_floor = 0;

	no_floor.delivery_floor = 0;
	/* Every combination of the other factors, the same in six windows in a row. */
	for (int cadence = 0; cadence < 3; cadence++)
		for (int present = 0; present <= 3; present++)
			for (int kept = -1; kept <= 2; kept++)
				for (int answered = -1; answered <= 1; answered++)
					for (int value = 0; value <= 2; value++)
						for (int mood = 0; mood <= 5; mood++)
							for (int d = 0; d < 3; d++) {
								struct trust_window w = {0}, h[6];
								struct trust_score sc[6];

								w.on_time = cadence != 1;
								w.late = cadence == 1;
								w.missed = cadence == 2;
								w.roles_required = 3;
								w.roles_present = present;
								w.actions_due = kept < 0 ? 0 : 2;
								w.actions_kept = kept < 0 ? 0 : kept;
								w.issues_shared = answered >= 0;
								w.issues_answered = answered > 0;
								w.value_events = value;
								w.buyer_answers = w.provider_answers = mood > 0;
								w.buyer_mean = w.provider_mean = mood;
								w = with_periods(with_periods(w, KPI_AT_RISK, at_risk[d]), KPI_MISSED,
										 5 - at_risk[d]);
								for (int i = 0; i < 6; i++)
									h[i] = w;
								/* Below the floor window after window: advised back to vendor, even from partnership. */
								CHECK_INT(run_history(h, 6, &s, sc), ADVICE_REGRESSION);
								CHECK_INT(trust_recommended_mode(run_history(h, 6, &s, sc), MODE_PARTNERSHIP),
									  MODE_VENDOR);
								CHECK(sc[5].below_delivery_floor);
								partnership_without_floor +=
									run_history(h, 6, &no_floor, sc) == ADVICE_PARTNERSHIP;
								cases++;
							}
	CHECK_INT(cases, 7776);
	/* The floor is what holds: with weights alone, perfect governance would still reach 70. */
	CHECK(partnership_without_floor > 0);
	{
		/* And a provider that meets its service levels again earns partnership back: three good windows. */
		struct trust_window h[6];
		struct trust_score sc[6];

		for (int i = 0; i < 6; i++)
			h[i] = with_periods(good(), i < 3 ? KPI_MISSED : KPI_MET, 5);
		CHECK_INT(run_history(h, 5, &s, sc), ADVICE_STAY);
		CHECK_INT(run_history(h, 6, &s, sc), ADVICE_PARTNERSHIP);
	}
}

static void more_periods_met_never_lowers_trust(void)
{
	const double floors[] = {0, 0.5, 0.8};
	int upgraded = 0;

	for (int iter = 0; iter < 4000; iter++) {
		struct trust_settings s = trust_settings_default();
		enum kpi_status st[8][6];
		double weight[8][6];
		int n = 1 + pick(8), k[8], wi, pj;
		struct trust_window w[8], base[8];
		struct trust_score before[8], after[8];
		enum trust_advice a, b;

		s.delivery_floor = floors[iter % 3];
		s.smoothing = (1 + pick(4)) * 0.25;
		for (int i = 0; i < n; i++) {
			base[i] = random_window();
			base[i].on_time = pick(2);
			base[i].late = !base[i].on_time;
			k[i] = pick(6);
			for (int j = 0; j < k[i]; j++) {
				st[i][j] = any_status();
				weight[i][j] = 1 + pick(3);
			}
		}
		/* One period of one window, not met yet, turned met. */
		wi = pick(n);
		if (k[wi] == 0 || st[wi][pj = pick(k[wi])] == KPI_MET)
			continue;
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < n; i++) {
				w[i] = base[i];
				for (int j = 0; j < k[i]; j++)
					kpi_attainment_add(&w[i].delivery, round && i == wi && j == pj ? KPI_MET : st[i][j],
							   weight[i][j]);
			}
			if (round)
				b = run_history(w, n, &s, after);
			else
				a = run_history(w, n, &s, before);
		}
		upgraded++;
		CHECK(after[wi].raw >= before[wi].raw - 1e-9);
		for (int i = 0; i < n; i++)
			CHECK(after[i].smoothed >= before[i].smoothed - 1e-9);
		CHECK(advice_rank(b) >= advice_rank(a));
	}
	CHECK(upgraded > 1000);
}

static void absent_mandated_role_cannot_raise_trust(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = good();
	struct trust_score sc;

	/*
	 * The issue's case: trust at 67, a review held without the provider's leadership but
	 * otherwise good (2 of 3 roles: raw 87.04, see missing_cxo_lowers_presence). Smoothing
	 * alone would take trust to 0.5 x 87.04 + 0.5 x 67 = 77.0; the review cannot raise it.
	 */
	w.roles_present = 2;
	trust_score_window(&w, &s, 67, &sc);
	CHECK_NEAR(sc.raw, 100 * (0.85 - 0.2 / 3) / 0.9);
	CHECK_NEAR(sc.smoothed, 67);
	CHECK(sc.presence_capped);
	/* With everyone there, the same review raises it: 0.5 x 94.44 + 0.5 x 67 = 80.72. */
	w.roles_present = 3;
	trust_score_window(&w, &s, 67, &sc);
	CHECK_NEAR(sc.smoothed, 0.5 * 100 * 0.85 / 0.9 + 0.5 * 67);
	CHECK(!sc.presence_capped);
	/* The first review has nothing to hold to: it scores what it shows. */
	w.roles_present = 0;
	trust_score_window(&w, &s, -1, &sc);
	CHECK(!sc.presence_capped);
	/* In any window with a mandated role absent: never above the previous score, and a bad one still lowers it. */
	for (int i = 0; i < 3000; i++) {
		struct trust_score capped;
		double previous = pick(101);

		w = random_window();
		w.on_time = pick(2);
		w.late = !w.on_time;
		w.roles_required = 1 + pick(3);
		w.roles_present = pick(w.roles_required);
		if (pick(2))
			w = with_periods(w, any_status(), 1 + pick(3));
		trust_score_window(&w, &s, previous, &capped);
		CHECK(capped.smoothed <= previous + 1e-9);
		if (capped.raw < previous)
			CHECK_NEAR(capped.smoothed, s.smoothing * capped.raw + (1 - s.smoothing) * previous);
	}
}

int main(void)
{
	RUN(defaults);
	RUN(hand_computed_full_window);
	RUN(hand_computed_mixed_window);
	RUN(hand_computed_every_factor);
	RUN(unknown_weight_is_spread_not_scored);
	RUN(no_survey_is_neither_zero_nor_hundred);
	RUN(nothing_known_keeps_the_score);
	RUN(on_time_never_lower_than_late);
	RUN(on_time_never_lower_than_late_generated);
	RUN(missing_cxo_lowers_presence);
	RUN(sentiment_gap_warns);
	RUN(smoothing_over_a_history);
	RUN(settings_are_checked);
	RUN(thresholds_are_checked);
	RUN(settings_parse);
	RUN(partnership_needs_consecutive_reviews);
	RUN(regression_after_two_below);
	RUN(names);
	RUN(hand_computed_delivery);
	RUN(defaults_score_as_before_without_delivery);
	RUN(period_status_counts_silence_as_a_miss);
	RUN(missing_service_levels_never_partnership);
	RUN(more_periods_met_never_lowers_trust);
	RUN(absent_mandated_role_cannot_raise_trust);
	return HARNESS_DONE("trust");
}
