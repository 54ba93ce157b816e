/* trust: the trust model — scores the governance evidence of each held review, smooths it and recommends a mode — with no I/O. */
#include "trust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

static const char *const factor_names[TF__MAX] = {"cadence",  "presence", "commitments",
						  "openness", "value",	  "sentiment"};
static const char *const advice_names[ADVICE__MAX] = {"none", "partnership", "stay", "regression"};

const char *trust_factor_name(enum trust_factor f)
{
	return names_get(factor_names, TF__MAX, (int)f);
}

int trust_factor_parse(const char *s)
{
	return names_lookup(factor_names, TF__MAX, s);
}

const char *trust_advice_name(enum trust_advice a)
{
	return names_get(advice_names, ADVICE__MAX, (int)a);
}

struct trust_settings trust_settings_default(void)
{
	struct trust_settings s = {
		.weight = {[TF_CADENCE] = 0.20,
			   [TF_PRESENCE] = 0.20,
			   [TF_COMMITMENTS] = 0.20,
			   [TF_OPENNESS] = 0.10,
			   [TF_VALUE] = 0.10,
			   [TF_SENTIMENT] = 0.20},
		.smoothing = 0.5,
		.partnership_at = 70,
		.partnership_reviews = 3,
		.regression_below = 50,
		.regression_reviews = 2,
		.late_credit = 0.5,
		.sentiment_gap = 1.5,
	};
	return s;
}

/* Field names for errors: string literals, so they outlive the call. */
static const char *const weight_fields[TF__MAX] = {"weight.cadence",  "weight.presence",
						   "weight.commitments", "weight.openness",
						   "weight.value",    "weight.sentiment"};

static bool in_range(double v, double lo, double hi)
{
	return isfinite(v) && v >= lo && v <= hi;
}

bool trust_settings_check(const struct trust_settings *s, struct error *err)
{
	double sum = 0;

	for (int f = 0; f < TF__MAX; f++) {
		if (!in_range(s->weight[f], 0, 1)) {
			error_set(err, 422, "invalid", weight_fields[f], "%s must be from 0 to 1",
				  weight_fields[f]);
			return false;
		}
		sum += s->weight[f];
	}
	if (fabs(sum - 1) > 1e-6) {
		error_set(err, 422, "invalid", "weight", "the weights must sum to 1, not %g", sum);
		return false;
	}
	if (!in_range(s->smoothing, 0, 1) || s->smoothing <= 0) {
		error_set(err, 422, "invalid", "smoothing", "smoothing must be above 0 and at most 1");
		return false;
	}
	if (!in_range(s->partnership_at, 0, 100)) {
		error_set(err, 422, "invalid", "partnership_at", "partnership_at must be from 0 to 100");
		return false;
	}
	if (!in_range(s->regression_below, 0, 100) || s->regression_below >= s->partnership_at) {
		error_set(err, 422, "invalid", "regression_below",
			  "regression_below must be from 0 to 100 and below partnership_at");
		return false;
	}
	if (s->partnership_reviews < 1 || s->partnership_reviews > 20) {
		error_set(err, 422, "invalid", "partnership_reviews",
			  "partnership_reviews must be from 1 to 20");
		return false;
	}
	if (s->regression_reviews < 1 || s->regression_reviews > 20) {
		error_set(err, 422, "invalid", "regression_reviews",
			  "regression_reviews must be from 1 to 20");
		return false;
	}
	if (!in_range(s->late_credit, 0, 1)) {
		error_set(err, 422, "invalid", "late_credit", "late_credit must be from 0 to 1");
		return false;
	}
	if (!in_range(s->sentiment_gap, 0, 4) || s->sentiment_gap <= 0) {
		error_set(err, 422, "invalid", "sentiment_gap",
			  "sentiment_gap must be above 0 and at most 4");
		return false;
	}
	return true;
}

/* Sets one named setting from text; false when the name or number is not right. */
static bool set_one(struct trust_settings *s, const char *name, size_t nlen, const char *value,
		    struct error *err)
{
	static const char *const names[] = {"smoothing",	  "partnership_at",	"partnership_reviews",
					    "regression_below",	  "regression_reviews", "late_credit",
					    "sentiment_gap"};
	char key[32], *end;
	double v;
	int f;

	if (nlen == 0 || nlen >= sizeof key) {
		error_set(err, 422, "invalid", "trust", "a setting has no name");
		return false;
	}
	memcpy(key, name, nlen);
	key[nlen] = '\0';
	v = strtod(value, &end);
	if (end == value || !isfinite(v) || (*end && *end != ',' && *end != ' ')) {
		error_set(err, 422, "invalid", "trust", "%s needs a number", key);
		return false;
	}
	if ((f = trust_factor_parse(key)) >= 0) {
		s->weight[f] = v;
		return true;
	}
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(key, names[i]) != 0)
			continue;
		switch (i) {
		case 0: s->smoothing = v; break;
		case 1: s->partnership_at = v; break;
		case 2: s->partnership_reviews = v == (int)v ? (int)v : -1; break;
		case 3: s->regression_below = v; break;
		case 4: s->regression_reviews = v == (int)v ? (int)v : -1; break;
		case 5: s->late_credit = v; break;
		default: s->sentiment_gap = v; break;
		}
		return true;
	}
	error_set(err, 422, "invalid", "trust", "there is no setting called %s", key);
	return false;
}

bool trust_settings_parse(const char *spec, struct trust_settings *s, struct error *err)
{
	struct trust_settings t = *s;
	const char *p = spec ? spec : "";

	while (*p) {
		const char *eq, *end;

		p += strspn(p, ", ");
		if (!*p)
			break;
		end = p + strcspn(p, ", ");
		eq = memchr(p, '=', (size_t)(end - p));
		if (!eq) {
			error_set(err, 422, "invalid", "trust", "settings are name=value pairs");
			return false;
		}
		if (!set_one(&t, p, (size_t)(eq - p), eq + 1, err))
			return false;
		p = end;
	}
	if (!trust_settings_check(&t, err))
		return false;
	*s = t;
	return true;
}

static void factor(struct trust_score *out, enum trust_factor f, bool known, double value)
{
	out->factor[f].known = known;
	out->factor[f].value = known ? (value < 0 ? 0 : value > 1 ? 1 : value) : 0;
}

void trust_score_window(const struct trust_window *w, const struct trust_settings *s,
			double previous, struct trust_score *out)
{
	int reviews = w->on_time + w->late + w->missed;
	int sides = (w->buyer_answers > 0) + (w->provider_answers > 0);
	double known_weight = 0, sum = 0, sentiment = 0;

	memset(out, 0, sizeof *out);
	factor(out, TF_CADENCE, reviews > 0,
	       reviews ? (w->on_time + s->late_credit * w->late) / reviews : 0);
	factor(out, TF_PRESENCE, w->roles_required > 0,
	       w->roles_required ? (double)w->roles_present / w->roles_required : 0);
	factor(out, TF_COMMITMENTS, w->actions_due > 0,
	       w->actions_due ? (double)w->actions_kept / w->actions_due : 0);
	factor(out, TF_OPENNESS, w->issues_shared > 0,
	       w->issues_shared ? (double)w->issues_answered / w->issues_shared : 0);
	factor(out, TF_VALUE, w->value_events > 0, w->value_events / 2.0);
	if (w->buyer_answers > 0)
		sentiment += (w->buyer_mean - 1) / 4;
	if (w->provider_answers > 0)
		sentiment += (w->provider_mean - 1) / 4;
	factor(out, TF_SENTIMENT, sides > 0, sides ? sentiment / sides : 0);
	out->sentiment_gap = sides == 2 && fabs(w->buyer_mean - w->provider_mean) >= s->sentiment_gap;
	for (int f = 0; f < TF__MAX; f++) {
		out->factor[f].weight = s->weight[f];
		if (out->factor[f].known)
			known_weight += s->weight[f];
	}
	if (known_weight <= 0) {
		/* Nothing to go on: the score stands where it was. */
		out->known = false;
		out->raw = out->smoothed = previous < 0 ? 0 : previous;
		return;
	}
	for (int f = 0; f < TF__MAX; f++) {
		if (!out->factor[f].known)
			continue;
		out->factor[f].share = s->weight[f] / known_weight;
		sum += out->factor[f].share * out->factor[f].value;
	}
	out->known = true;
	out->raw = 100 * sum;
	out->smoothed = previous < 0 ? out->raw : s->smoothing * out->raw + (1 - s->smoothing) * previous;
}

/* Whether the last k values are all known and satisfy the test against limit. */
static bool last_run(const double *v, int n, int k, double limit, bool at_or_above)
{
	if (n < k)
		return false;
	for (int i = n - k; i < n; i++) {
		if (v[i] < 0)
			return false;
		if (at_or_above ? v[i] < limit : v[i] >= limit)
			return false;
	}
	return true;
}

enum trust_advice trust_advise(const double *smoothed, int n, const struct trust_settings *s)
{
	int need = s->partnership_reviews < s->regression_reviews ? s->partnership_reviews
								   : s->regression_reviews;

	if (n < need)
		return ADVICE_NONE;
	if (last_run(smoothed, n, s->partnership_reviews, s->partnership_at, true))
		return ADVICE_PARTNERSHIP;
	if (last_run(smoothed, n, s->regression_reviews, s->regression_below, false))
		return ADVICE_REGRESSION;
	return ADVICE_STAY;
}

enum engagement_mode trust_recommended_mode(enum trust_advice a, enum engagement_mode current)
{
	if (a == ADVICE_PARTNERSHIP)
		return MODE_PARTNERSHIP;
	if (a == ADVICE_REGRESSION)
		return MODE_VENDOR;
	return current;
}
