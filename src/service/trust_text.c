/* trust_text: the trust explanation as text for a person to read (accord trust explain), the delivery evidence KPI by KPI. */
#include <stdlib.h>
#include <string.h>

#include "trust.h"

/* "Availability (weight 2): 2026-07 missed (98.5), 2026-08 at risk (99.7, disputed), 2026-09 missed (not reported)". */
static void delivery_text(json_t *ev, struct buf *out)
{
	json_t *k, *p;
	size_t i, j;

	buf_printf(out, "\n               evidence: %lld met, %lld at risk, %lld missed (%lld of them not reported within %lld days), %lld unknown",
		   (long long)json_integer_value(json_object_get(ev, "met")),
		   (long long)json_integer_value(json_object_get(ev, "at_risk")),
		   (long long)json_integer_value(json_object_get(ev, "missed")),
		   (long long)json_integer_value(json_object_get(ev, "unreported")),
		   (long long)json_integer_value(json_object_get(ev, "reporting_days")),
		   (long long)json_integer_value(json_object_get(ev, "unknown")));
	if (json_is_true(json_object_get(ev, "below_floor")))
		buf_puts(out, "; below the delivery floor, so this window cannot count towards partnership");
	buf_putc(out, '\n');
	json_array_foreach(json_object_get(ev, "kpis"), i, k)
	{
		buf_printf(out, "                 %s (weight %g):", json_string_value(json_object_get(k, "name")),
			   json_real_value(json_object_get(k, "weight")));
		json_array_foreach(json_object_get(k, "periods"), j, p)
		{
			const char *status = json_string_value(json_object_get(p, "status"));
			json_t *value = json_object_get(p, "value");

			buf_printf(out, "%s %s %s", j ? "," : "", json_string_value(json_object_get(p, "period")),
				   !strcmp(status, "at_risk") ? "at risk" : status);
			if (json_is_number(value))
				buf_printf(out, " (%g%s)", json_number_value(value),
					   json_is_true(json_object_get(p, "disputed")) ? ", disputed" : "");
			else if (json_is_true(json_object_get(p, "unreported")))
				buf_puts(out, " (not reported)");
			else
				buf_puts(out, " (no value yet)");
		}
		buf_putc(out, '\n');
	}
}

void trust_text(json_t *t, struct buf *out)
{
	json_t *f, *h, *ev;
	size_t i;

	buf_printf(out, "Trust in \"%s\" (engagement %lld)\n\n", json_string_value(json_object_get(t, "title")),
		   (long long)json_integer_value(json_object_get(t, "engagement_id")));
	if (json_is_null(json_object_get(t, "score"))) {
		buf_puts(out, "No held review has any evidence yet, so there is no score.\n");
	} else {
		buf_printf(out, "Score %.1f of 100 after review %lld (this window alone: %.1f).\n",
			   json_real_value(json_object_get(t, "score")),
			   (long long)json_integer_value(json_object_get(t, "review_id")),
			   json_real_value(json_object_get(t, "raw")));
	}
	buf_printf(out, "Mode: %s. Advice: %s. Recommended mode: %s.\n",
		   json_string_value(json_object_get(t, "mode")), json_string_value(json_object_get(t, "advice")),
		   json_string_value(json_object_get(t, "recommended_mode")));
	if (json_is_true(json_object_get(t, "sentiment_gap")))
		buf_puts(out, "Warning: the two sides rate the relationship far apart.\n");
	if (json_array_size(json_object_get(t, "factors")))
		buf_puts(out, "\nFactors of the latest window:\n");
	json_array_foreach(json_object_get(t, "factors"), i, f)
	{
		char *e;

		ev = json_object_get(f, "evidence");
		if (json_is_true(json_object_get(f, "known")))
			buf_printf(out, "  %-12s %5.1f  weight %.2f, counted %.2f", json_string_value(json_object_get(f, "name")),
				   json_real_value(json_object_get(f, "value")), json_real_value(json_object_get(f, "weight")),
				   json_real_value(json_object_get(f, "share")));
		else
			buf_printf(out, "  %-12s unknown (no evidence in this window; its weight %.2f went to the others)",
				   json_string_value(json_object_get(f, "name")), json_real_value(json_object_get(f, "weight")));
		json_object_del(ev, "window");
		if (!strcmp(json_string_value(json_object_get(f, "name")), "delivery")) {
			delivery_text(ev, out);
			continue;
		}
		e = json_dumps(ev, JSON_COMPACT | JSON_SORT_KEYS);
		buf_printf(out, "\n               evidence: %s\n", e ? e : "{}");
		free(e);
	}
	if (json_array_size(json_object_get(t, "history")))
		buf_puts(out, "\nHistory (held reviews, oldest first):\n");
	json_array_foreach(json_object_get(t, "history"), i, h)
	{
		if (json_is_null(json_object_get(h, "score")))
			buf_printf(out, "  %s  review %-5lld  no evidence\n", json_string_value(json_object_get(h, "held_on")),
				   (long long)json_integer_value(json_object_get(h, "review_id")));
		else
			buf_printf(out, "  %s  review %-5lld  %5.1f%s%s\n", json_string_value(json_object_get(h, "held_on")),
				   (long long)json_integer_value(json_object_get(h, "review_id")),
				   json_real_value(json_object_get(h, "score")),
				   json_is_true(json_object_get(h, "presence_capped")) ? "  held: a mandated role was absent" : "",
				   json_is_true(json_object_get(h, "below_delivery_floor")) ? "  delivery below the floor" : "");
	}
}
