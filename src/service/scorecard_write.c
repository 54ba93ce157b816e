/* scorecard_write: an engagement's scorecard (struct scorecard) written as the API's JSON straight into the response buffer with jsonw, byte for byte what json_dumps made of its jansson tree. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "scorecard.h"

/* Keys are literals written as they are (JSONW_KEY): escaping each key's bytes was a fifth of the writing. */
#define KSTR(k, v) (JSONW_KEY(w, k), jsonw_string(w, (v)))
#define KINT(k, v) (JSONW_KEY(w, k), jsonw_int(w, (v)))
#define KBOOL(k, v) (JSONW_KEY(w, k), jsonw_bool(w, (v)))
#define KNULL(k) (JSONW_KEY(w, k), jsonw_null(w))

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
	JSONW_KEY(w, "attainment");
	if (kpi_attainment_known(a))
		jsonw_real17(w, kpi_attainment_value(a));
	else
		jsonw_null(w);
	KINT("met", a->met);
	KINT("at_risk", a->at_risk);
	KINT("missed", a->missed);
	KINT("unknown", a->unknown);
}

static void window(struct jsonw *w, const char *key, struct score_window x)
{
	char f[11], t[11];

	date_format(x.from, f);
	date_format(x.to, t);
	jsonw_kobject(w, key);
	KSTR("from", f);
	KSTR("to", t);
	jsonw_end_object(w);
}

/* As money_sums_json: [{amount_cents, currency, text, count[, at_least]}], and the others' count. */
static void money_sums(struct jsonw *w, const char *key, const struct money_sums *m)
{
	jsonw_karray(w, key);
	for (int i = 0; i < m->n; i++) {
		char amount[MONEY_HUMAN_MAX], text[MONEY_HUMAN_MAX + 16];

		money_format_human(m->v[i].cents, m->v[i].currency, amount);
		snprintf(text, sizeof text, "%s%s", m->v[i].saturated ? "more than " : "", amount);
		jsonw_object(w);
		KINT("amount_cents", m->v[i].cents);
		KSTR("currency", m->v[i].currency);
		KSTR("text", text);
		KINT("count", m->v[i].count);
		if (m->v[i].saturated)
			KBOOL("at_least", true);
		jsonw_end_object(w);
	}
	if (m->others) {
		char text[80];

		snprintf(text, sizeof text, "%lld more in other currencies", m->others);
		jsonw_object(w);
		KNULL("currency");
		KNULL("amount_cents");
		KSTR("text", text);
		KINT("count", m->others);
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

static const struct {
	const char *quoted;
	size_t n;
} ev_keys[SCORECARD_EV_N] = {
#define EV(k) {"\"" k "\":", sizeof(k) + 2}
	EV("note"), EV("source"), EV("submitted_by"), EV("submitted_at"), EV("dispute_reason"), EV("disputed_at"), EV("dispute_answer"),
#undef EV
};

static void period(struct jsonw *w, const struct scorecard *sc, const struct scorecard_period *p)
{
	jsonw_object(w);
	KSTR("period", p->period);
	KSTR("status", kpi_status_name(p->status));
	KSTR("counted", kpi_status_name(p->counted));
	JSONW_KEY(w, "value");
	if (p->value)
		number(w, p->value->value);
	else
		jsonw_null(w);
	KBOOL("disputed", p->value && p->value->disputed);
	if (p->value && sc->evidence) {
		KINT("measurement_id", p->value->measurement_id);
		for (int e = 0; e < SCORECARD_EV_N; e++) {
			jsonw_key_lit(w, ev_keys[e].quoted, ev_keys[e].n);
			jsonw_string(w, scorecard_text(sc, p->value->ev[e]));
		}
	}
	jsonw_end_object(w);
}

static void credit(struct jsonw *w, const struct scorecard *sc, const struct scorecard_credit *c)
{
	jsonw_object(w);
	KINT("id", c->id);
	KINT("engagement_id", c->engagement_id);
	KINT("kpi_id", c->kpi_id);
	KSTR("kpi_name", scorecard_text(sc, c->kpi_name));
	KSTR("period", scorecard_text(sc, c->period));
	KINT("amount_cents", c->amount_cents);
	KSTR("currency", scorecard_text(sc, c->currency));
	KSTR("status", scorecard_text(sc, c->status));
	KSTR("reason", scorecard_text(sc, c->reason));
	KSTR("decided_by_name", scorecard_text(sc, c->decided_by_name));
	KSTR("decided_at", scorecard_text(sc, c->decided_at));
	KSTR("created_at", scorecard_text(sc, c->created_at));
	KSTR("amount", c->amount);
	jsonw_end_object(w);
}

void scorecard_write(const struct scorecard *sc, struct jsonw *w)
{
	jsonw_object(w);
	KINT("engagement_id", sc->engagement_id);
	KSTR("title", sc->title);
	KSTR("buyer", sc->buyer);
	KSTR("provider", sc->provider);
	KSTR("currency", sc->currency);
	window(w, "window", sc->window);
	if (sc->has_window)
		window(w, "listed", sc->listed);
	else
		KNULL("listed");
	(JSONW_KEY(w, "kpis"), jsonw_array(w));
	for (size_t i = 0; i < sc->nkpis; i++) {
		const struct scorecard_kpi *k = &sc->kpis[i];

		jsonw_object(w);
		KINT("id", k->id);
		KSTR("name", k->name);
		KSTR("unit", k->unit);
		KSTR("direction", kpi_direction_name(k->rule.direction));
		KSTR("frequency", kpi_frequency_name(k->freq));
		JSONW_KEY(w, "weight");
		number(w, k->weight);
		JSONW_KEY(w, "target");
		number(w, k->rule.target);
		JSONW_KEY(w, "threshold");
		number(w, k->rule.threshold);
		JSONW_KEY(w, "credit_percent");
		if (k->credit_percent < 0)
			jsonw_null(w);
		else
			number(w, k->credit_percent);
		counts(w, &k->att);
		KSTR("missed_since", k->missed_since[0] ? k->missed_since : NULL);
		(JSONW_KEY(w, "periods"), jsonw_array(w));
		for (size_t p = 0; p < k->nperiods; p++)
			period(w, sc, &k->periods[p]);
		jsonw_end_array(w);
		(JSONW_KEY(w, "credits"), jsonw_object(w));
		credit_totals(w, sc->kpi_credits[i]);
		jsonw_end_object(w);
		jsonw_end_object(w);
	}
	jsonw_end_array(w);
	counts(w, &sc->all);
	KINT("kpis_missed", sc->kpis_missed);
	(JSONW_KEY(w, "credits"), jsonw_object(w));
	credit_totals(w, sc->credits);
	(JSONW_KEY(w, "items"), jsonw_array(w));
	for (size_t i = 0; i < sc->nitems; i++)
		credit(w, sc, &sc->items[i]);
	jsonw_end_array(w);
	jsonw_end_object(w);
	jsonw_end_object(w);
}
