/* test_trust: hand-computed cases and properties of the trust model — factors, unknown evidence, smoothing, settings and the recommendation. */
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
	       a->sentiment_gap == b->sentiment_gap;
}

static void hand_computed_full_window(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = good();
	struct trust_score sc;

	/*
	 * cadence 1, presence 1, commitments 1, openness 1, sentiment (4-1)/4 = 0.75,
	 * value unknown (weight 0.1 spread): known weights 0.9.
	 * raw = 100 * (0.2 + 0.2 + 0.2 + 0.1 + 0.2 * 0.75) / 0.9 = 100 * 0.85 / 0.9 = 94.444...
	 */
	trust_score_window(&w, &s, -1, &sc);
	CHECK(sc.known);
	CHECK(!sc.factor[TF_VALUE].known);
	CHECK_NEAR(sc.factor[TF_SENTIMENT].value, 0.75);
	CHECK_NEAR(sc.raw, 100 * 0.85 / 0.9);
	CHECK_NEAR(sc.smoothed, sc.raw); /* the first review has no history to smooth with */
	CHECK_NEAR(sc.factor[TF_CADENCE].share, 0.2 / 0.9);
	CHECK_NEAR(sc.factor[TF_VALUE].share, 0);
	CHECK_NEAR(sc.factor[TF_VALUE].weight, 0.1);
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
	 * cadence: on time, one missed: (1 + 0) / 2 = 0.5              x 0.2 = 0.10
	 * presence: 1 of 2: 0.5                                         x 0.2 = 0.10
	 * commitments: 3 of 4: 0.75                                     x 0.2 = 0.15
	 * openness: 1 of 2: 0.5                                         x 0.1 = 0.05
	 * value: 1 event: min(1, 1/2) = 0.5                             x 0.1 = 0.05
	 * sentiment: buyer 3 -> 0.5, provider 5 -> 1, mean 0.75         x 0.2 = 0.15
	 * raw = 100 * 0.60 = 60; with smoothing 0.25 and previous 80:
	 * smoothed = 0.25 * 60 + 0.75 * 80 = 15 + 60 = 75.
	 * The sides are 2 apart (>= 1.5): the gap warns.
	 */
	w.on_time = 1;
	w.missed = 1;
	w.roles_required = 2;
	w.roles_present = 1;
	w.actions_due = 4;
	w.actions_kept = 3;
	w.issues_shared = 2;
	w.issues_answered = 1;
	w.value_events = 1;
	w.buyer_answers = w.provider_answers = 1;
	w.buyer_mean = 3;
	w.provider_mean = 5;
	s.smoothing = 0.25;
	trust_score_window(&w, &s, 80, &sc);
	for (int f = 0; f < TF__MAX; f++) {
		CHECK(sc.factor[f].known);
		CHECK_NEAR(sc.factor[f].share, s.weight[f]);
	}
	CHECK_NEAR(sc.factor[TF_VALUE].value, 0.5);
	CHECK_NEAR(sc.raw, 60);
	CHECK_NEAR(sc.smoothed, 75);
	CHECK(sc.sentiment_gap);
	/* Value is capped: 2 events or more count as 1. 3 events: raw = 60 + 100 * 0.1 * 0.5 = 65. */
	w.value_events = 3;
	trust_score_window(&w, &s, 80, &sc);
	CHECK_NEAR(sc.factor[TF_VALUE].value, 1);
	CHECK_NEAR(sc.raw, 65);
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
	 * survey): known weights 0.2 + 0.2 = 0.4, so shares 0.2/0.4 = 0.5 each.
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
	s.weight[TF_CADENCE] = 0.3; /* now they sum to 1.1 */
	CHECK(!trust_settings_check(&s, &err));
	CHECK_INT(err.status, 422);
	CHECK_STR(err.field, "weight");
	CHECK(strstr(err.message, "1.1") != NULL);
	s.weight[TF_CADENCE] = 0.1; /* 0.9 */
	CHECK(!trust_settings_check(&s, &err));
	CHECK(strstr(err.message, "0.9") != NULL);
	s.weight[TF_CADENCE] = 0.2 + 5e-7; /* within 1e-6 of 1 */
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
#undef BAD
#undef GOOD
}

static void settings_parse(void)
{
	struct trust_settings s = trust_settings_default(), before;
	struct error err = {0};

	CHECK(trust_settings_parse("cadence=0.3, value=0,partnership_at=75", &s, &err));
	CHECK_NEAR(s.weight[TF_CADENCE], 0.3);
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
	CHECK(trust_settings_parse("cadence=0.25,presence=0.25,commitments=0.2,openness=0.05,"
				   "value=0.05,sentiment=0.2,smoothing=1,partnership_at=80,"
				   "partnership_reviews=4,regression_below=40.5,regression_reviews=3,"
				   "late_credit=0.25,sentiment_gap=2e0",
				   &s, &err));
	CHECK_NEAR(s.weight[TF_PRESENCE], 0.25);
	CHECK_NEAR(s.weight[TF_OPENNESS], 0.05);
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
	static const char *const want[TF__MAX] = {"cadence",  "presence", "commitments",
						  "openness", "value",	  "sentiment"};

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

	CHECK_NEAR(s.weight[TF_CADENCE], 0.2);
	CHECK_NEAR(s.weight[TF_PRESENCE], 0.2);
	CHECK_NEAR(s.weight[TF_COMMITMENTS], 0.2);
	CHECK_NEAR(s.weight[TF_OPENNESS], 0.1);
	CHECK_NEAR(s.weight[TF_VALUE], 0.1);
	CHECK_NEAR(s.weight[TF_SENTIMENT], 0.2);
	CHECK_NEAR(s.smoothing, 0.5);
	CHECK_NEAR(s.partnership_at, 70);
	CHECK_INT(s.partnership_reviews, 3);
	CHECK_NEAR(s.regression_below, 50);
	CHECK_INT(s.regression_reviews, 2);
	CHECK_NEAR(s.late_credit, 0.5);
	CHECK_NEAR(s.sentiment_gap, 1.5);
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
	return HARNESS_DONE("trust");
}
