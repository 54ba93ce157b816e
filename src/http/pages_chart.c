/* pages_chart: server-rendered SVG charts of trust — the line chart across reviews and the portfolio's sparkline — each with a text alternative. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pages.h"

/* Chart geometry, in viewBox units. */
#define W 640
#define H 240
#define LEFT 44
#define RIGHT 16
#define TOP 16
#define BOTTOM 40

static double score_of(json_t *h)
{
	json_t *v = json_object_get(h, "score");

	return json_is_number(v) ? json_number_value(v) : -1;
}

static int y_of(double score)
{
	return TOP + (int)lround((100 - score) * (H - TOP - BOTTOM) / 100);
}

static int x_of(size_t i, size_t n)
{
	return n <= 1 ? (LEFT + W - RIGHT) / 2 : LEFT + (int)((W - LEFT - RIGHT) * i / (n - 1));
}

/* The trend in words: the text alternative of both charts. */
static void trend_words(char *out, size_t size, json_t *history)
{
	double first = -1, last = -1;
	size_t i, known = 0;
	json_t *h;

	json_array_foreach(history, i, h)
	{
		if (score_of(h) < 0)
			continue;
		if (first < 0)
			first = score_of(h);
		last = score_of(h);
		known++;
	}
	if (!known)
		snprintf(out, size, "No trust score yet.");
	else if (known == 1)
		snprintf(out, size, "Trust %.0f of 100 after one held review.", last);
	else
		snprintf(out, size, "Trust went from %.0f to %.0f of 100 over %zu held reviews: %s.", first,
			 last, known, last > first + 2 ? "improving" : last < first - 2 ? "declining" : "steady");
}

static void threshold(struct buf *b, double at, const char *label)
{
	html_fmt(b, "<line class=\"threshold\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", LEFT, W - RIGHT,
		 y_of(at), y_of(at));
	html_fmt(b, "<text class=\"threshold-label\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>", W - RIGHT,
		 y_of(at) - 4, label);
}

void chart_trust_svg(struct buf *b, json_t *history, double partnership_at, double regression_below)
{
	size_t n = json_array_size(history), i;
	char words[160], label[64];
	bool pen = false;
	json_t *h;

	trend_words(words, sizeof words, history);
	html_fmt(b, "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"chart-title chart-desc\">", W, H);
	html_fmt(b, "<title id=\"chart-title\">Trust across held reviews</title><desc id=\"chart-desc\">%s</desc>", words);
	for (int g = 0; g <= 100; g += 50) {
		html_fmt(b, "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", LEFT, W - RIGHT, y_of(g), y_of(g));
		html_fmt(b, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%d</text>", LEFT - 6, y_of(g) + 4, g);
	}
	snprintf(label, sizeof label, "partnership %.0f", partnership_at);
	threshold(b, partnership_at, label);
	snprintf(label, sizeof label, "regression %.0f", regression_below);
	threshold(b, regression_below, label);
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
		char tip[96];

		html_fmt(b, "<text class=\"axis\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>", x_of(i, n), H - BOTTOM + 18,
			 json_text(h, "held_on"));
		if (score_of(h) < 0)
			continue;
		snprintf(tip, sizeof tip, "Review held %s: trust %.1f", json_text(h, "held_on"), score_of(h));
		html_fmt(b, "<a href=\"/reviews/%lld\"><circle class=\"point\" cx=\"%d\" cy=\"%d\" r=\"5\"><title>%s</title></circle></a>",
			 json_num(h, "review_id"), x_of(i, n), y_of(score_of(h)), tip);
	}
	html_fmt(b, "</svg><figcaption>%s</figcaption></figure>", words);
}

void chart_sparkline_svg(struct buf *b, json_t *history)
{
	size_t n = json_array_size(history), i, known = 0;
	char words[160];
	json_t *h;

	json_array_foreach(history, i, h) known += score_of(h) >= 0;
	if (known < 2)
		return;
	trend_words(words, sizeof words, history);
	html_fmt(b, "<svg class=\"spark\" viewBox=\"0 0 120 28\" width=\"120\" height=\"28\" role=\"img\" aria-label=\"%s\"><title>%s</title><polyline points=\"",
		 words, words);
	json_array_foreach(history, i, h)
	{
		if (score_of(h) < 0)
			continue;
		html_fmt(b, "%d,%d ", n > 1 ? (int)(2 + 116 * i / (n - 1)) : 60, 26 - (int)lround(score_of(h) * 24 / 100));
	}
	html_fmt(b, "\"/></svg>");
}
