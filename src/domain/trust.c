/* trust: the trust model — scores the governance evidence of each held review, smooths it and recommends a mode — with no I/O. */
#include "trust.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

static const char *const factor_names[TF__MAX] = {"cadence", "presence",  "commitments", "openness",
						  "value",   "sentiment", "delivery"};
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
		/* The six governance weights keep their proportions (0.2 : 0.2 : 0.2 : 0.1 : 0.1 : 0.2) in 0.7. */
		.weight = {[TF_CADENCE] = 0.14,
			   [TF_PRESENCE] = 0.14,
			   [TF_COMMITMENTS] = 0.14,
			   [TF_OPENNESS] = 0.07,
			   [TF_VALUE] = 0.07,
			   [TF_SENTIMENT] = 0.14,
			   [TF_DELIVERY] = 0.30},
		.smoothing = 0.5,
		.partnership_at = 70,
		.partnership_reviews = 3,
		.regression_below = 50,
		.regression_reviews = 2,
		.late_credit = 0.5,
		.sentiment_gap = 1.5,
		.delivery_floor = 0.5,
		.reporting_days = 30,
	};
	return s;
}

/* Field names for errors: string literals, so they outlive the call. */
static const char *const weight_fields[TF__MAX] = {"weight.cadence", "weight.presence",  "weight.commitments",
						   "weight.openness", "weight.value", "weight.sentiment",
						   "weight.delivery"};

/* The settings besides the weights, by name; each reports errors under its own name. */
enum setting {
	SET_SMOOTHING,
	SET_PARTNERSHIP_AT,
	SET_PARTNERSHIP_REVIEWS,
	SET_REGRESSION_BELOW,
	SET_REGRESSION_REVIEWS,
	SET_LATE_CREDIT,
	SET_SENTIMENT_GAP,
	SET_DELIVERY_FLOOR,
	SET_REPORTING_DAYS,
	SET__MAX
};
static const char *const setting_names[SET__MAX] = {
	"smoothing",	      "partnership_at", "partnership_reviews", "regression_below",
	"regression_reviews", "late_credit",	"sentiment_gap",       "delivery_floor",
	"reporting_days"};

static bool in_range(double v, double lo, double hi)
{
	return isfinite(v) && v >= lo && v <= hi;
}

static bool check_weights(const struct trust_settings *s, struct error *err)
{
	double sum = 0;

	for (int f = 0; f < TF__MAX; f++) {
		if (!in_range(s->weight[f], 0, 1)) {
			error_set(err, 422, "invalid", weight_fields[f],
				  "the weight of %s must be from 0 to 1, not %.9g",
				  trust_factor_name((enum trust_factor)f), s->weight[f]);
			return false;
		}
		sum += s->weight[f];
	}
	if (fabs(sum - 1) > 1e-6) {
		error_set(err, 422, "invalid", "weight", "the weights must sum to 1, not %.9g", sum);
		return false;
	}
	return true;
}

static bool check_thresholds(const struct trust_settings *s, struct error *err)
{
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
			  "partnership_reviews must be a whole number from 1 to 20");
		return false;
	}
	if (s->regression_reviews < 1 || s->regression_reviews > 20) {
		error_set(err, 422, "invalid", "regression_reviews",
			  "regression_reviews must be a whole number from 1 to 20");
		return false;
	}
	return true;
}

bool trust_settings_check(const struct trust_settings *s, struct error *err)
{
	if (!check_weights(s, err))
		return false;
	if (!in_range(s->smoothing, 0, 1) || s->smoothing <= 0) {
		error_set(err, 422, "invalid", "smoothing", "smoothing must be above 0 and at most 1");
		return false;
	}
	if (!check_thresholds(s, err))
		return false;
	if (!in_range(s->late_credit, 0, 1)) {
		error_set(err, 422, "invalid", "late_credit", "late_credit must be from 0 to 1");
		return false;
	}
	if (!in_range(s->sentiment_gap, 0, 4) || s->sentiment_gap <= 0) {
		error_set(err, 422, "invalid", "sentiment_gap",
			  "sentiment_gap must be above 0 and at most 4");
		return false;
	}
	if (!in_range(s->delivery_floor, 0, 1)) {
		error_set(err, 422, "invalid", "delivery_floor", "delivery_floor must be from 0 to 1");
		return false;
	}
	if (s->reporting_days < 0 || s->reporting_days > 366) {
		error_set(err, 422, "invalid", "reporting_days",
			  "reporting_days must be a whole number from 0 to 366");
		return false;
	}
	return true;
}

/* A setting by name: a factor's index for its weight, else TF__MAX + enum setting; -1 when none. */
static int setting_of(const char *name, size_t len)
{
	char key[24];
	int i;

	if (len == 0 || len >= sizeof key)
		return -1;
	memcpy(key, name, len);
	key[len] = '\0';
	if ((i = trust_factor_parse(key)) >= 0)
		return i;
	i = names_lookup(setting_names, SET__MAX, key);
	return i >= 0 ? TF__MAX + i : -1;
}

/* The field errors about setting i name: "weight.cadence", "smoothing", ... */
static const char *setting_field(int i)
{
	return i < TF__MAX ? weight_fields[i] : setting_names[i - TF__MAX];
}

/* A plain decimal number taking the whole of text[0..len): no spaces, hex, NaN or infinity. */
static bool parse_number(const char *text, size_t len, double *v)
{
	char buf[40], *end;

	if (len == 0 || len >= sizeof buf)
		return false;
	memcpy(buf, text, len);
	buf[len] = '\0';
	if (strspn(buf, "0123456789.eE+-") != len)
		return false;
	*v = strtod(buf, &end);
	return end == buf + len && isfinite(*v);
}

/* A whole-number setting; out-of-range values become -1 or max + 1 so that the check names them. */
static int whole_setting(double v, int max)
{
	return v < 0 ? -1 : v > max ? max + 1 : (int)v;
}

/* Stores v as setting i; false when a whole-number setting (a count of reviews, reporting_days) is not one. */
static bool store(struct trust_settings *s, int i, double v, struct error *err)
{
	if (i < TF__MAX) {
		s->weight[i] = v;
		return true;
	}
	switch ((enum setting)(i - TF__MAX)) {
	case SET_SMOOTHING: s->smoothing = v; return true;
	case SET_PARTNERSHIP_AT: s->partnership_at = v; return true;
	case SET_REGRESSION_BELOW: s->regression_below = v; return true;
	case SET_LATE_CREDIT: s->late_credit = v; return true;
	case SET_SENTIMENT_GAP: s->sentiment_gap = v; return true;
	case SET_DELIVERY_FLOOR: s->delivery_floor = v; return true;
	default: break;
	}
	if (v != floor(v)) {
		error_set(err, 422, "invalid", setting_field(i), "%s must be a whole number",
			  setting_field(i));
		return false;
	}
	if (i - TF__MAX == SET_PARTNERSHIP_REVIEWS)
		s->partnership_reviews = whole_setting(v, 20);
	else if (i - TF__MAX == SET_REGRESSION_REVIEWS)
		s->regression_reviews = whole_setting(v, 20);
	else
		s->reporting_days = whole_setting(v, 366);
	return true;
}

/* Applies one "name=value" pair, tok[0..len), to *s; errors name the setting when it has one. */
static bool apply_pair(struct trust_settings *s, const char *tok, size_t len, struct error *err)
{
	const char *eq = memchr(tok, '=', len);
	int nlen = (int)(eq ? (size_t)(eq - tok) : len), vlen = (int)len - nlen - 1;
	int i = setting_of(tok, (size_t)nlen);
	double v;

	if (nlen == 0) {
		error_set(err, 422, "invalid", "trust", "a setting has no name: settings are name=value pairs");
		return false;
	}
	if (i < 0) {
		error_set(err, 422, "invalid", "trust", "there is no setting called %.*s",
			  nlen > 40 ? 40 : nlen, tok);
		return false;
	}
	if (!eq) {
		error_set(err, 422, "invalid", setting_field(i), "%.*s needs a value, as in %.*s=0.2", nlen,
			  tok, nlen, tok);
		return false;
	}
	if (!parse_number(eq + 1, (size_t)vlen, &v)) {
		error_set(err, 422, "invalid", setting_field(i), "%.*s needs a number, not \"%.*s\"", nlen,
			  tok, vlen > 40 ? 40 : vlen, eq + 1);
		return false;
	}
	return store(s, i, v, err);
}

bool trust_settings_parse(const char *spec, struct trust_settings *s, struct error *err)
{
	struct trust_settings t = *s;
	const char *p = spec ? spec : "";

	for (;;) {
		size_t len;

		p += strspn(p, ", ");
		if (!*p)
			break;
		len = strcspn(p, ", ");
		if (!apply_pair(&t, p, len, err))
			return false;
		p += len;
	}
	if (!trust_settings_check(&t, err))
		return false;
	*s = t;
	return true;
}

/* v kept within lo..hi: shares summing to 1 + 1e-16 must not make a score of 100.00000000000003. */
static double within(double v, double lo, double hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Records factor f: known with value (kept within 0..1), or unknown. */
static void factor(struct trust_score *out, enum trust_factor f, bool known, double value)
{
	out->factor[f].known = known;
	out->factor[f].value = known ? within(value, 0, 1) : 0;
}

/* part / whole as factor f; unknown when the window has no whole to measure against. */
static void ratio(struct trust_score *out, enum trust_factor f, double part, int whole)
{
	factor(out, f, whole > 0, whole > 0 ? part / whole : 0);
}

/* Sentiment: the mean over the sides that answered of (mean - 1) / 4, and the gap warning. */
static void sentiment(const struct trust_window *w, const struct trust_settings *s,
		      struct trust_score *out)
{
	int sides = (w->buyer_answers > 0) + (w->provider_answers > 0);
	double sum = 0;

	if (w->buyer_answers > 0)
		sum += (w->buyer_mean - 1) / 4;
	if (w->provider_answers > 0)
		sum += (w->provider_mean - 1) / 4;
	factor(out, TF_SENTIMENT, sides > 0, sides > 0 ? sum / sides : 0);
	out->sentiment_gap = sides == 2 && fabs(w->buyer_mean - w->provider_mean) >= s->sentiment_gap;
}

/* Gives each known factor its share of the known weight; Σ share × value, or -1 when none is known. */
static double weigh(const struct trust_settings *s, struct trust_score *out)
{
	double known_weight = 0, sum = 0;

	for (int f = 0; f < TF__MAX; f++) {
		out->factor[f].weight = s->weight[f];
		if (out->factor[f].known)
			known_weight += s->weight[f];
	}
	if (known_weight <= 0)
		return -1;
	for (int f = 0; f < TF__MAX; f++) {
		if (!out->factor[f].known)
			continue;
		out->factor[f].share = s->weight[f] / known_weight;
		sum += out->factor[f].share * out->factor[f].value;
	}
	return sum;
}

void trust_score_window(const struct trust_window *w, const struct trust_settings *s,
			double previous, struct trust_score *out)
{
	double sum;

	memset(out, 0, sizeof *out);
	ratio(out, TF_CADENCE, w->on_time + s->late_credit * w->late, w->on_time + w->late + w->missed);
	ratio(out, TF_PRESENCE, w->roles_present, w->roles_required);
	ratio(out, TF_COMMITMENTS, w->actions_kept + w->obligations_kept, w->actions_due + w->obligations_due);
	ratio(out, TF_OPENNESS, w->issues_answered, w->issues_shared);
	factor(out, TF_VALUE, w->value_events > 0, w->value_events / 2.0);
	sentiment(w, s, out);
	factor(out, TF_DELIVERY, kpi_attainment_known(&w->delivery),
	       kpi_attainment_known(&w->delivery) ? kpi_attainment_value(&w->delivery) : 0);
	/* A deployment that weighs delivery 0 has chosen to leave it out: then the floor does not apply either. */
	out->below_delivery_floor = s->weight[TF_DELIVERY] > 0 && out->factor[TF_DELIVERY].known &&
				    out->factor[TF_DELIVERY].value < s->delivery_floor;
	sum = weigh(s, out);
	if (sum < 0) {
		/* Nothing to go on: the score stands where it was (0 and unknown for a first review). */
		out->known = false;
		out->raw = out->smoothed = previous < 0 ? 0 : previous;
		return;
	}
	out->known = true;
	out->raw = within(100 * sum, 0, 100);
	out->smoothed = previous < 0 ? out->raw
				     : within(s->smoothing * out->raw + (1 - s->smoothing) * previous, 0, 100);
	/* A review without a mandated executive decides little: it may lower trust, never raise it. */
	if (previous >= 0 && w->roles_present < w->roles_required && out->smoothed > previous) {
		out->smoothed = previous;
		out->presence_capped = true;
	}
}

enum kpi_status trust_period_status(bool has_value, enum kpi_status status, bool disputed,
				    struct date last_day, struct date agreed_on, struct date today,
				    const struct trust_settings *s)
{
	if (has_value)
		return kpi_status_counted(status, disputed);
	if (date_compare(last_day, agreed_on) < 0)
		return KPI_UNKNOWN;
	/* Not reporting is no escape: once the time to report has passed, a period without a value is a miss. */
	return date_compare(today, date_add_days(last_day, s->reporting_days)) > 0 ? KPI_MISSED : KPI_UNKNOWN;
}

/* Whether the last k values are all known, not blocked, and satisfy the test against limit. */
/*
 * Whether the last k held reviews all stand at or above limit (at_or_above) or all below it. An
 * unknown score breaks either run. A blocked review (delivery below the floor) breaks a run at or
 * above and counts in a run below, whatever its score: a provider missing its service levels is
 * never carried to partnership by the other factors, and repeated it is advised to regress.
 */
static bool last_run(const double *v, const bool *blocked, int n, int k, double limit, bool at_or_above)
{
	if (n < k)
		return false;
	for (int i = n - k; i < n; i++) {
		bool below_floor = blocked && blocked[i];

		if (v[i] < 0)
			return false;
		if (at_or_above ? (below_floor || v[i] < limit) : !(below_floor || v[i] < limit))
			return false;
	}
	return true;
}

enum trust_advice trust_advise(const double *smoothed, int n, const struct trust_settings *s)
{
	return trust_advise_history(smoothed, NULL, n, s);
}

enum trust_advice trust_advise_history(const double *smoothed, const bool *no_partnership, int n,
				       const struct trust_settings *s)
{
	int need = s->partnership_reviews < s->regression_reviews ? s->partnership_reviews
								   : s->regression_reviews;

	if (n < need)
		return ADVICE_NONE;
	if (last_run(smoothed, no_partnership, n, s->partnership_reviews, s->partnership_at, true))
		return ADVICE_PARTNERSHIP;
	if (last_run(smoothed, no_partnership, n, s->regression_reviews, s->regression_below, false))
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
