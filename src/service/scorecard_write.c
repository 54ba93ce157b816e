/* scorecard_write: an engagement's scorecard (struct scorecard) written as the API's JSON straight into the response buffer with jsonw, byte for byte what json_dumps made of its jansson tree. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scorecard.h"

/* A number as number_json answers it: an integer when it is one (below 1e15), else a real. */
static void number(struct jsonw *w, double v)
{
	if (v == floor(v) && fabs(v) < 1e15)
		jsonw_int(w, (long long)v);
	else
		jsonw_real17(w, v);
}

static void counts(struct jsonw *w, const struct kpi_attainment *a)
{
	jsonw_key(w, "attainment");
	if (kpi_attainment_known(a))
		jsonw_real17(w, kpi_attainment_value(a));
	else
		jsonw_null(w);
	jsonw_kint(w, "met", a->met);
	jsonw_kint(w, "at_risk", a->at_risk);
	jsonw_kint(w, "missed", a->missed);
	jsonw_kint(w, "unknown", a->unknown);
}

static void window(struct jsonw *w, const char *key, struct score_window x)
{
	char f[11], t[11];

	date_format(x.from, f);
	date_format(x.to, t);
	jsonw_kobject(w, key);
	jsonw_kstring(w, "from", f);
	jsonw_kstring(w, "to", t);
	jsonw_end_object(w);
}

/* As money_sums_json: [{amount_cents, currency, text, count[, at_least]}], and the others' count. */
static void money_sums(struct jsonw *w, const char *key, const struct money_sums *m)
{
	jsonw_karray(w, key);
	for (int i = 0; i < m->n; i++) {
		char text[MONEY_HUMAN_MAX + 16];

		strcpy(text, m->v[i].saturated ? "more than " : "");
		money_format_human(m->v[i].cents, m->v[i].currency, text + strlen(text));
		jsonw_object(w);
		jsonw_kint(w, "amount_cents", m->v[i].cents);
		jsonw_kstring(w, "currency", m->v[i].currency);
		jsonw_kstring(w, "text", text);
		jsonw_kint(w, "count", m->v[i].count);
		if (m->v[i].saturated)
			jsonw_kbool(w, "at_least", true);
		jsonw_end_object(w);
	}
	if (m->others) {
		char text[80];

		snprintf(text, sizeof text, "%lld more in other currencies", m->others);
		jsonw_object(w);
		jsonw_knull(w, "currency");
		jsonw_knull(w, "amount_cents");
		jsonw_kstring(w, "text", text);
		jsonw_kint(w, "count", m->others);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
}

static void credit_totals(struct jsonw *w, const struct money_sums sums[3])
{
	money_sums(w, "owed", &sums[0]);
	money_sums(w, "applied", &sums[1]);
	money_sums(w, "waived", &sums[2]);
}

static const char *const ev_keys[SCORECARD_EV_N] = {"note", "source", "submitted_by", "submitted_at", "dispute_reason", "disputed_at", "dispute_answer"};

static void period(struct jsonw *w, const struct scorecard *sc, const struct scorecard_period *p)
{
	jsonw_object(w);
	jsonw_kstring(w, "period", p->period);
	jsonw_kstring(w, "status", kpi_status_name(p->status));
	jsonw_kstring(w, "counted", kpi_status_name(p->counted));
	jsonw_key(w, "value");
	if (p->value)
		number(w, p->value->value);
	else
		jsonw_null(w);
	jsonw_kbool(w, "disputed", p->value && p->value->disputed);
	if (p->value && sc->evidence) {
		jsonw_kint(w, "measurement_id", p->value->measurement_id);
		for (int e = 0; e < SCORECARD_EV_N; e++)
			jsonw_kstring(w, ev_keys[e], scorecard_text(sc, p->value->ev[e]));
	}
	jsonw_end_object(w);
}

static void credit(struct jsonw *w, const struct scorecard *sc, const struct scorecard_credit *c)
{
	jsonw_object(w);
	jsonw_kint(w, "id", c->id);
	jsonw_kint(w, "engagement_id", c->engagement_id);
	jsonw_kint(w, "kpi_id", c->kpi_id);
	jsonw_kstring(w, "kpi_name", scorecard_text(sc, c->kpi_name));
	jsonw_kstring(w, "period", scorecard_text(sc, c->period));
	jsonw_kint(w, "amount_cents", c->amount_cents);
	jsonw_kstring(w, "currency", scorecard_text(sc, c->currency));
	jsonw_kstring(w, "status", scorecard_text(sc, c->status));
	jsonw_kstring(w, "reason", scorecard_text(sc, c->reason));
	jsonw_kstring(w, "decided_by_name", scorecard_text(sc, c->decided_by_name));
	jsonw_kstring(w, "decided_at", scorecard_text(sc, c->decided_at));
	jsonw_kstring(w, "created_at", scorecard_text(sc, c->created_at));
	jsonw_kstring(w, "amount", c->amount);
	jsonw_end_object(w);
}

void scorecard_write(const struct scorecard *sc, struct jsonw *w)
{
	jsonw_object(w);
	jsonw_kint(w, "engagement_id", sc->engagement_id);
	jsonw_kstring(w, "title", sc->title);
	jsonw_kstring(w, "buyer", sc->buyer);
	jsonw_kstring(w, "provider", sc->provider);
	jsonw_kstring(w, "currency", sc->currency);
	window(w, "window", sc->window);
	if (sc->has_window)
		window(w, "listed", sc->listed);
	else
		jsonw_knull(w, "listed");
	jsonw_karray(w, "kpis");
	for (size_t i = 0; i < sc->nkpis; i++) {
		const struct scorecard_kpi *k = &sc->kpis[i];

		jsonw_object(w);
		jsonw_kint(w, "id", k->id);
		jsonw_kstring(w, "name", k->name);
		jsonw_kstring(w, "unit", k->unit);
		jsonw_kstring(w, "direction", kpi_direction_name(k->rule.direction));
		jsonw_kstring(w, "frequency", kpi_frequency_name(k->freq));
		jsonw_key(w, "weight");
		number(w, k->weight);
		jsonw_key(w, "target");
		number(w, k->rule.target);
		jsonw_key(w, "threshold");
		number(w, k->rule.threshold);
		jsonw_key(w, "credit_percent");
		if (k->credit_percent < 0)
			jsonw_null(w);
		else
			number(w, k->credit_percent);
		counts(w, &k->att);
		jsonw_kstring(w, "missed_since", k->missed_since[0] ? k->missed_since : NULL);
		jsonw_karray(w, "periods");
		for (size_t p = 0; p < k->nperiods; p++)
			period(w, sc, &k->periods[p]);
		jsonw_end_array(w);
		jsonw_kobject(w, "credits");
		credit_totals(w, sc->kpi_credits[i]);
		jsonw_end_object(w);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
	counts(w, &sc->all);
	jsonw_kint(w, "kpis_missed", sc->kpis_missed);
	jsonw_kobject(w, "credits");
	credit_totals(w, sc->credits);
	jsonw_karray(w, "items");
	for (size_t i = 0; i < sc->nitems; i++)
		credit(w, sc, &sc->items[i]);
	jsonw_end_array(w);
	jsonw_end_object(w);
	jsonw_end_object(w);
}
