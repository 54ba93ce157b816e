/* pages_chart: server-rendered SVG charts of trust — the line chart across reviews and the portfolio's sparkline — each with a text alternative. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pages.h"

/* Chart geometry, in viewBox units: the plot sits between the margins; the right one holds the threshold labels. */
#define W 640
#define H 250
#define LEFT 40
#define RIGHT 104
#define TOP 24
#define BOTTOM 40
#define PAD 14 /* between the y axis (or the right edge) and the first (or last) point */
#define X_LABEL_SPACE 76 /* a date label's width and a gap, in viewBox units */
#define MAX_VALUE_LABELS 16

/* A history item's score, or -1 when unknown (no evidence in its window: a gap, never a zero). */
#define SPARK_MAX 64

static double score_of(json_t *h)
{
	json_t *v = json_object_get(h, "score");

	return json_is_number(v) ? json_number_value(v) : -1;
}

static int rounded(double score)
{
	return (int)lround(score);
}

static int y_of(double score)
{
	return TOP + (int)lround((100 - score) * (H - TOP - BOTTOM) / 100);
}

static int x_of(size_t i, size_t n)
{
	int from = LEFT + PAD, to = W - RIGHT - PAD;

	return n <= 1 ? (from + to) / 2 : from + (int)((to - from) * i / (n - 1));
}

struct trend {
	size_t known, unknown;
	double first, last, before; /* before: the known score preceding the last, or -1 */
	const char *last_on, *before_on;
};

static struct trend trend_of(json_t *history)
{
	struct trend t = {0, 0, -1, -1, -1, "", ""};
	size_t i;
	json_t *h;

	json_array_foreach(history, i, h)
	{
		if (score_of(h) < 0) {
			t.unknown++;
			continue;
		}
		if (!t.known++)
			t.first = score_of(h);
		t.before = t.last;
		t.before_on = t.last_on;
		t.last = score_of(h);
		t.last_on = json_text(h, "held_on");
	}
	return t;
}

/* The trend in words: the chart's <desc> and caption. */
static void trend_words(char *out, size_t size, json_t *history)
{
	struct trend t = trend_of(history);
	int first = rounded(t.first), last = rounded(t.last), before = rounded(t.before);
	size_t len;

	if (!t.known)
		len = (size_t)snprintf(out, size, "No trust score yet: no held review has any evidence.");
	else if (t.known == 1)
		len = (size_t)snprintf(out, size, "Trust %d of 100 after one held review (%s).", last, t.last_on);
	else {
		char change[24] = "unchanged";

		if (last != before)
			snprintf(change, sizeof change, "%s %d", last > before ? "up" : "down", last > before ? last - before : before - last);
		len = (size_t)snprintf(out, size, "Trust went from %d to %d of 100 over %zu held reviews: %s. Latest %d on %s, %s since %s.",
				       first, last, t.known,
				       last > first + 2 ? "improving" : last < first - 2 ? "declining" : "steady", last,
				       t.last_on, change, t.before_on);
	}
	if (t.unknown && len < size)
		snprintf(out + len, size - len, " %zu held review%s had no evidence to score.", t.unknown,
			 t.unknown == 1 ? "" : "s");
}

static void threshold(struct buf *b, double at, const char *label, const char *value)
{
	html_fmt(b, "<line class=\"threshold\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", LEFT, W - RIGHT, y_of(at), y_of(at));
	html_fmt(b, "<text class=\"threshold-label\" x=\"%d\" y=\"%d\">%s<tspan x=\"%d\" dy=\"12\">%s</tspan></text>",
		 W - RIGHT + 6, y_of(at) - 2, label, W - RIGHT + 6, value);
}

/* The same numbers as a table, for screen readers (the SVG is one image to them). */
static void data_table(struct buf *b, json_t *history)
{
	size_t i;
	json_t *h;

	html_fmt(b, "<table class=\"sr-only\"><caption>Trust after each held review</caption>"
		    "<thead><tr><th scope=\"col\">Review held</th><th scope=\"col\">Trust of 100</th></tr></thead><tbody>");
	json_array_foreach(history, i, h)
	{
		html_fmt(b, "<tr><td><a href=\"/reviews/%lld\">%s</a></td>", json_num(h, "review_id"), json_text(h, "held_on"));
		if (score_of(h) < 0)
			html_fmt(b, "<td>unknown (no evidence)</td></tr>");
		else
			html_fmt(b, "<td>%d</td></tr>", rounded(score_of(h)));
	}
	html_fmt(b, "</tbody></table>");
}

void chart_trust_svg(struct buf *b, json_t *history, double partnership_at, double regression_below)
{
	size_t n = json_array_size(history), i, step = 1, last_known = 0;
	char words[320], value[32];
	bool pen = false;
	json_t *h;

	/* Every step-th date fits along the bottom without overlapping. */
	while (n > 1 && (size_t)(x_of(step, n) - x_of(0, n)) < X_LABEL_SPACE)
		step++;
	json_array_foreach(history, i, h) if (score_of(h) >= 0) last_known = i;
	trend_words(words, sizeof words, history);
	html_fmt(b, "<figure class=\"chart\"><div class=\"plot\"><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">", W, H);
	html_fmt(b, "<title id=\"chart-title\">Trust across held reviews, 0 to 100</title><desc id=\"chart-desc\">%s</desc>", words);
	/* The zones: at or above partnership, below regression. */
	html_fmt(b, "<rect class=\"zone-good\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", LEFT, y_of(100), W - RIGHT - LEFT,
		 y_of(partnership_at) - y_of(100));
	html_fmt(b, "<rect class=\"zone-bad\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", LEFT, y_of(regression_below),
		 W - RIGHT - LEFT, y_of(0) - y_of(regression_below));
	for (int g = 0; g <= 100; g += 50) {
		html_fmt(b, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", LEFT, W - RIGHT, y_of(g), y_of(g));
		html_fmt(b, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>", LEFT - 6, y_of(g) + 4, g);
	}
	snprintf(value, sizeof value, "at or above %.0f", partnership_at);
	threshold(b, partnership_at, "partnership", value);
	snprintf(value, sizeof value, "below %.0f", regression_below);
	threshold(b, regression_below, "regression", value);
	/* The line: unknown scores are gaps, never zeros. */
	html_fmt(b, "<path class=\"line\" d=\"");
	json_array_foreach(history, i, h)
	{
		if (score_of(h) < 0) {
			pen = false;
			continue;
		}
		html_fmt(b, pen ? "L" : "M");
		html_fmt(b, "%d %d ", x_of(i, n), y_of(score_of(h)));
		pen = true;
	}
	html_fmt(b, "\"/>");
	json_array_foreach(history, i, h)
	{
		double s = score_of(h);
		char tip[96];

		/* Dates along the bottom, always the latest. */
		if ((n - 1 - i) % step == 0)
			html_fmt(b, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", x_of(i, n),
				 H - BOTTOM + 18, json_text(h, "held_on"));
		if (s < 0) {
			html_fmt(b, "<text class=\"axis gap\" x=\"%d\" y=\"%d\" text-anchor=\"middle\"><title>Review held %s: no evidence to score</title>?</text>",
				 x_of(i, n), y_of(0) - 6, json_text(h, "held_on"));
			continue;
		}
		snprintf(tip, sizeof tip, "Review held %s: trust %d of 100. Open the review.", json_text(h, "held_on"), rounded(s));
		/* Each point links to the review it scores. */
		html_fmt(b, "<a href=\"/reviews/%lld\">", json_num(h, "review_id"));
		html_fmt(b, s >= partnership_at ? "<circle class=\"point good\"" : s < regression_below ? "<circle class=\"point bad\"" : "<circle class=\"point\"");
		html_fmt(b, " cx=\"%d\" cy=\"%d\" r=\"5\"><title>%s</title></circle>", x_of(i, n), y_of(s), tip);
		if (n <= MAX_VALUE_LABELS || i == last_known)
			html_fmt(b, "<text class=\"value\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%d</text>", x_of(i, n), y_of(s) - 10,
				 rounded(s));
		html_fmt(b, "</a>");
	}
	html_fmt(b, "</svg></div><figcaption>%s</figcaption>", words);
	data_table(b, history);
	html_fmt(b, "</figure>");
}

/* A score as stored ("72.5"): digits, then at most one decimal; end is left after it (at p when there is none). */
static double score_parse(const char *p, char **end)
{
	const char *q = p;
	double v = 0;

	while (*q >= '0' && *q <= '9')
		v = v * 10 + (*q++ - '0');
	if (q == p) {
		*end = (char *)p;
		return 0;
	}
	if (*q == '.') {
		q++;
		for (double scale = 0.1; *q >= '0' && *q <= '9'; scale /= 10)
			v += (*q++ - '0') * scale;
	}
	*end = (char *)q;
	return v;
}

void chart_sparkline_svg(struct buf *b, const char *scores)
{
	double v[SPARK_MAX];
	size_t n = 0, known = 0;

	if (!scores)
		return;
	double first = -1, last = -1;
	bool pen = false;
	int lx = 0, ly = 0;

	/* "61.2,,70.4": a score per held review, empty where unknown; the latest SPARK_MAX are drawn. */
	for (const char *p = scores; *scores;) {
		char *end;
		double x = score_parse(p, &end);

		if (n == SPARK_MAX) {
			memmove(v, v + 1, (SPARK_MAX - 1) * sizeof *v);
			n--;
		}
		v[n++] = end == p ? -1 : x;
		if (*end != ',')
			break;
		p = end + 1;
	}
	for (size_t i = 0; i < n; i++) {
		if (v[i] < 0)
			continue;
		if (!known++)
			first = v[i];
		last = v[i];
	}
	if (known < 2)
		return;
	/* Only numbers go into this markup, so it is written straight (a portfolio draws hundreds). */
	for (int k = 0; k < 2; k++) {
		buf_puts(b, k ? "\"><title>" : "<svg class=\"spark\" viewBox=\"0 0 120 28\" width=\"120\" height=\"28\" role=\"img\" aria-label=\"");
		buf_puts(b, "trust ");
		buf_int(b, rounded(first));
		buf_puts(b, " to ");
		buf_int(b, rounded(last));
		buf_puts(b, " over ");
		buf_int(b, (long long)known);
		buf_puts(b, " reviews");
	}
	buf_puts(b, "</title><line class=\"spark-base\" x1=\"0\" x2=\"120\" y1=\"14\" y2=\"14\"/><path d=\"");
	for (size_t i = 0; i < n; i++) {
		if (v[i] < 0) {
			pen = false;
			continue;
		}
		lx = 4 + (int)(112 * i / (n - 1));
		ly = 25 - (int)lround(v[i] * 22 / 100);
		buf_putc(b, pen ? 'L' : 'M');
		buf_int(b, lx);
		buf_putc(b, ' ');
		buf_int(b, ly);
		buf_putc(b, ' ');
		pen = true;
	}
	buf_puts(b, "\"/><circle cx=\"");
	buf_int(b, lx);
	buf_puts(b, "\" cy=\"");
	buf_int(b, ly);
	buf_puts(b, "\" r=\"2.5\"/></svg>");
}

/*
 * A KPI's trend (issue 17): its values across the scorecard's periods on the same geometry as
 * the trust chart, the axis spanning the values, the target and the threshold (scaled to the
 * chart's 0..100), the side where the service level is met shaded; unknown periods are gaps.
 */
static double kpi_value_of(json_t *p)
{
	json_t *v = json_object_get(p, "value");

	return json_number_value(v);
}

static void kpi_number(char *out, size_t n, double v)
{
	size_t len;

	snprintf(out, n, "%.4f", v);
	len = strlen(out);
	while (len > 1 && out[len - 1] == '0')
		out[--len] = '\0';
	if (len > 1 && out[len - 1] == '.')
		out[--len] = '\0';
}

void chart_kpi_svg(struct buf *b, json_t *kpi)
{
	json_t *periods = json_object_get(kpi, "periods"), *p;
	size_t n = json_array_size(periods), i, step = 1, known = 0, missed = 0;
	double target = json_number_value(json_object_get(kpi, "target"));
	double thr = json_number_value(json_object_get(kpi, "threshold"));
	double lo = fmin(target, thr), hi = fmax(target, thr), pad;
	bool lower = !strcmp(json_text(kpi, "direction"), "lower"), pen = false;
	const char *unit = json_text(kpi, "unit"), *last_period = "", *last_status = "";
	char words[400], t[32], h[32], last[32] = "";
	long long id = json_num(kpi, "id");

	if (!n)
		return;
	json_array_foreach(periods, i, p)
	{
		if (!json_is_number(json_object_get(p, "value")))
			continue;
		lo = fmin(lo, kpi_value_of(p));
		hi = fmax(hi, kpi_value_of(p));
		known++;
		missed += !strcmp(json_text(p, "status"), "missed");
		kpi_number(last, sizeof last, kpi_value_of(p));
		last_period = json_text(p, "period");
		last_status = json_text(p, "status");
	}
	pad = hi - lo < 1e-9 ? 1 : (hi - lo) * 0.12;
	lo -= pad;
	hi += pad;
#define KPI_SCALED(v) (((v) - lo) * 100 / (hi - lo))
	kpi_number(t, sizeof t, target);
	kpi_number(h, sizeof h, thr);
	if (!known)
		snprintf(words, sizeof words, "%s: no value in any of the %zu periods shown (target %s %s, threshold %s %s).", json_text(kpi, "name"), n, t,
			 unit, h, unit);
	else
		snprintf(words, sizeof words, "%s: %zu of %zu periods measured, %zu missed; latest %s %s in %s (%s). Target %s %s, threshold %s %s, %s is better.",
			 json_text(kpi, "name"), known, n, missed, last, unit, last_period, !strcmp(last_status, "at_risk") ? "at risk" : last_status, t,
			 unit, h, unit, lower ? "lower" : "higher");
	while (n > 1 && (size_t)(x_of(step, n) - x_of(0, n)) < X_LABEL_SPACE)
		step++;
	html_fmt(b, "<figure class=\"chart\"><div class=\"plot\"><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"kpi-%lld-title kpi-%lld-desc\">", W, H,
		 id, id);
	html_fmt(b, "<title id=\"kpi-%lld-title\">%s by period</title><desc id=\"kpi-%lld-desc\">%s</desc>", id, json_text(kpi, "name"), id, words);
	/* Shaded: where the service level is met (beyond the target), and where it is missed (beyond the threshold). */
	if (lower) {
		html_fmt(b, "<rect class=\"zone-good\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", LEFT, y_of(KPI_SCALED(target)), W - RIGHT - LEFT,
			 y_of(0) - y_of(KPI_SCALED(target)));
		html_fmt(b, "<rect class=\"zone-bad\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", LEFT, y_of(100), W - RIGHT - LEFT,
			 y_of(KPI_SCALED(thr)) - y_of(100));
	} else {
		html_fmt(b, "<rect class=\"zone-good\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", LEFT, y_of(100), W - RIGHT - LEFT,
			 y_of(KPI_SCALED(target)) - y_of(100));
		html_fmt(b, "<rect class=\"zone-bad\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>", LEFT, y_of(KPI_SCALED(thr)), W - RIGHT - LEFT,
			 y_of(0) - y_of(KPI_SCALED(thr)));
	}
	threshold(b, KPI_SCALED(target), "target", t);
	if (fabs(target - thr) > 1e-9)
		threshold(b, KPI_SCALED(thr), "threshold", h);
	html_fmt(b, "<path class=\"line\" d=\"");
	json_array_foreach(periods, i, p)
	{
		if (!json_is_number(json_object_get(p, "value"))) {
			pen = false;
			continue;
		}
		html_fmt(b, pen ? "L" : "M");
		html_fmt(b, "%d %d ", x_of(i, n), y_of(KPI_SCALED(kpi_value_of(p))));
		pen = true;
	}
	html_fmt(b, "\"/>");
	json_array_foreach(periods, i, p)
	{
		const char *st = json_text(p, "status");
		char v[32], tip[160];

		if ((n - 1 - i) % step == 0)
			html_fmt(b, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", x_of(i, n), H - BOTTOM + 18, json_text(p, "period"));
		if (!json_is_number(json_object_get(p, "value"))) {
			html_fmt(b, "<text class=\"axis gap\" x=\"%d\" y=\"%d\" text-anchor=\"middle\"><title>%s: no value (unknown)</title>?</text>", x_of(i, n),
				 y_of(0) - 6, json_text(p, "period"));
			continue;
		}
		kpi_number(v, sizeof v, kpi_value_of(p));
		snprintf(tip, sizeof tip, "%s: %s %s, %s%s", json_text(p, "period"), v, unit, !strcmp(st, "at_risk") ? "at risk" : st,
			 json_is_true(json_object_get(p, "disputed")) ? ", disputed" : "");
		html_fmt(b, "<a href=\"#evidence-%lld-%s\">", id, json_text(p, "period"));
		html_fmt(b, !strcmp(st, "met") ? "<circle class=\"point good\"" : !strcmp(st, "missed") ? "<circle class=\"point bad\"" : "<circle class=\"point\"");
		html_fmt(b, " cx=\"%d\" cy=\"%d\" r=\"5\"><title>%s</title></circle>", x_of(i, n), y_of(KPI_SCALED(kpi_value_of(p))), tip);
		if (n <= MAX_VALUE_LABELS)
			html_fmt(b, "<text class=\"value\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", x_of(i, n), y_of(KPI_SCALED(kpi_value_of(p))) - 10, v);
		html_fmt(b, "</a>");
	}
#undef KPI_SCALED
	html_fmt(b, "</svg></div><figcaption>%s</figcaption></figure>", words);
}
