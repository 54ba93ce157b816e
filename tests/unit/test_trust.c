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
	CHECK_NEAR(sc.raw, 25 * (0.25 + 2.0 / 3 + 0.25 + 0.25));
	CHECK_NEAR(sc.smoothed, 0.5 * sc.raw + 30);
	CHECK(!sc.sentiment_gap); /* one side only: no gap to speak of */
}

static void unknown_weight_is_spread_not_scored(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = {0};
	struct trust_score sc;

	/* Only cadence and presence have evidence: shares 0.5 and 0.5. */
	w.on_time = 1;
	w.roles_required = 2;
	w.roles_present = 1;
	trust_score_window(&w, &s, -1, &sc);
	CHECK(!sc.factor[TF_COMMITMENTS].known);
	CHECK(!sc.factor[TF_SENTIMENT].known);
	CHECK_NEAR(sc.factor[TF_CADENCE].share, 0.5);
	CHECK_NEAR(sc.factor[TF_PRESENCE].share, 0.5);
	CHECK_NEAR(sc.raw, 100 * (0.5 * 1 + 0.5 * 0.5));
	/* The same window with no survey is neither dragged to 0 nor lifted to 100 by sentiment. */
	w.buyer_answers = w.provider_answers = 1;
	w.buyer_mean = w.provider_mean = 1;
	{
		struct trust_score low;

		trust_score_window(&w, &s, -1, &low);
		CHECK(low.raw < sc.raw);
	}
	w.buyer_mean = w.provider_mean = 5;
	{
		struct trust_score high;

		trust_score_window(&w, &s, -1, &high);
		CHECK(high.raw > sc.raw);
	}
}

static void nothing_known_keeps_the_score(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window w = {0};
	struct trust_score sc;

	trust_score_window(&w, &s, 72.5, &sc);
	CHECK(!sc.known);
	CHECK_NEAR(sc.smoothed, 72.5);
	trust_score_window(&w, &s, -1, &sc);
	CHECK(!sc.known);
	CHECK_NEAR(sc.smoothed, 0);
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

static void missing_cxo_lowers_presence(void)
{
	struct trust_settings s = trust_settings_default();
	struct trust_window all = good(), without = good();
	struct trust_score a, b;

	without.roles_present = 2; /* the buyer's CxO stayed away: 2 of 3 mandated roles */
	trust_score_window(&all, &s, -1, &a);
	trust_score_window(&without, &s, -1, &b);
	CHECK_NEAR(a.factor[TF_PRESENCE].value, 1);
	CHECK_NEAR(b.factor[TF_PRESENCE].value, 2.0 / 3);
	CHECK(b.raw < a.raw);
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
	CHECK_NEAR(sc.factor[TF_SENTIMENT].value, ((2 - 1) / 4.0 + (3.5 - 1) / 4.0) / 2);
}

static void settings_are_checked(void)
{
	struct trust_settings s = trust_settings_default();
	struct error err = {0};

	CHECK(trust_settings_check(&s, &err));
	s.weight[TF_CADENCE] = 0.3; /* now they sum to 1.1 */
	CHECK(!trust_settings_check(&s, &err));
	CHECK_STR(err.field, "weight");
	s = trust_settings_default();
	s.weight[TF_VALUE] = -0.1;
	s.weight[TF_OPENNESS] = 0.3;
	CHECK(!trust_settings_check(&s, &err));
	CHECK_STR(err.field, "weight.value");
	s = trust_settings_default();
	s.weight[TF_CADENCE] = 1.2;
	CHECK(!trust_settings_check(&s, &err));
	CHECK_STR(err.field, "weight.cadence");
	s = trust_settings_default();
	s.smoothing = 0;
	CHECK(!trust_settings_check(&s, &err));
	CHECK_STR(err.field, "smoothing");
	s = trust_settings_default();
	s.regression_below = 80; /* above partnership_at */
	CHECK(!trust_settings_check(&s, &err));
	CHECK_STR(err.field, "regression_below");
	s = trust_settings_default();
	s.weight[TF_CADENCE] = NAN;
	CHECK(!trust_settings_check(&s, &err));
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
	CHECK(!trust_settings_parse("kindness=0.2", &s, &err));
	CHECK(strstr(err.message, "kindness") != NULL);
	CHECK(!trust_settings_parse("cadence", &s, &err));
	CHECK(!trust_settings_parse("cadence=", &s, &err));
	CHECK(!trust_settings_parse("cadence=0.2x", &s, &err));
	CHECK(!trust_settings_parse("smoothing=nan", &s, &err));
	CHECK(!trust_settings_parse("partnership_reviews=2.5", &s, &err));
	CHECK_NEAR(s.weight[TF_CADENCE], before.weight[TF_CADENCE]);
	CHECK_NEAR(s.partnership_at, 75);
	CHECK(trust_settings_parse("", &s, &err));
	CHECK(trust_settings_parse(NULL, &s, &err));
}

static void partnership_needs_consecutive_reviews(void)
{
	struct trust_settings s = trust_settings_default();
	const double three_in_total[] = {75, 60, 75, 75};
	const double three_in_a_row[] = {60, 75, 75, 75};
	const double exactly_at[] = {70, 70, 70};
	const double with_unknown[] = {75, -1, 75, 75};

	CHECK_INT(trust_advise(three_in_total, 4, &s), ADVICE_STAY);
	CHECK_INT(trust_advise(three_in_a_row, 4, &s), ADVICE_PARTNERSHIP);
	CHECK_INT(trust_advise(exactly_at, 3, &s), ADVICE_PARTNERSHIP);
	CHECK_INT(trust_advise(with_unknown, 4, &s), ADVICE_STAY);
	CHECK_INT(trust_advise(three_in_a_row, 1, &s), ADVICE_NONE);
	CHECK_INT(trust_recommended_mode(ADVICE_PARTNERSHIP, MODE_VENDOR), MODE_PARTNERSHIP);
	CHECK_INT(trust_recommended_mode(ADVICE_STAY, MODE_PARTNERSHIP), MODE_PARTNERSHIP);
	CHECK_STR(trust_advice_name(ADVICE_PARTNERSHIP), "partnership");
}

static void regression_after_two_below(void)
{
	struct trust_settings s = trust_settings_default();
	const double two_below[] = {80, 49, 45};
	const double one_below[] = {80, 60, 45};
	const double at_threshold[] = {80, 50, 45};

	CHECK_INT(trust_advise(two_below, 3, &s), ADVICE_REGRESSION);
	CHECK_INT(trust_advise(one_below, 3, &s), ADVICE_STAY);
	CHECK_INT(trust_advise(at_threshold, 3, &s), ADVICE_STAY);
	CHECK_INT(trust_recommended_mode(ADVICE_REGRESSION, MODE_PARTNERSHIP), MODE_VENDOR);
}

static void factor_names(void)
{
	CHECK_STR(trust_factor_name(TF_COMMITMENTS), "commitments");
	CHECK_INT(trust_factor_parse("sentiment"), TF_SENTIMENT);
	CHECK_INT(trust_factor_parse("Sentiment"), -1);
}

int main(void)
{
	RUN(hand_computed_full_window);
	RUN(hand_computed_mixed_window);
	RUN(unknown_weight_is_spread_not_scored);
	RUN(nothing_known_keeps_the_score);
	RUN(on_time_never_lower_than_late);
	RUN(missing_cxo_lowers_presence);
	RUN(sentiment_gap_warns);
	RUN(settings_are_checked);
	RUN(settings_parse);
	RUN(partnership_needs_consecutive_reviews);
	RUN(regression_after_two_below);
	RUN(factor_names);
	return HARNESS_DONE("trust");
}
