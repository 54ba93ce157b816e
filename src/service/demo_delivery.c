/* demo_delivery: the demo's delivery story — contracts, two years of monthly KPI values, service credits, a dispute, a correction and both sides' obligations (docs/delivery.md, "The demo"). */
#include "demo.h"

#include <jansson.h>
#include <math.h>
#include <string.h>

#include "../domain/kpi_templates.h"
#include "clock.h"
#include "credit_decisions.h"
#include "engagements.h"
#include "kpis.h"
#include "obligations.h"

#define MONTHS 24
#define KPIS_MAX 5

/*
 * One KPI of an engagement, copied from the template library, with the status of each of the
 * last 24 months, oldest first, the last letter being the month before today: m met, r at
 * risk, x missed, - no value (months before the engagement began are skipped).
 */
struct demo_kpi {
	const char *template_key;
	const char *months;
};

/* An engagement's contract and its KPIs; notice_before: days from today to the notice date (0: notice_days as given). */
struct demo_contract {
	int engagement; /* index into demo.c's engagements */
	const char *provider_lead, *provider_staff, *manager;
	double contract_value, monthly_charge;
	const char *currency, *renewal;
	int notice_days, notice_before;
	struct demo_kpi kpis[KPIS_MAX];
};

/*
 * Core banking delivers (one missed month of availability, whose credit was applied; one of
 * incidents still owed). Card disputes, whose governance falters, has missed accuracy and
 * turnaround ever more often this year (one credit waived, the rest owed) and is inside its
 * notice period. Store systems delivers. The contact centre holds every review
 * on time with everyone present but has missed its call-answering service level for most of
 * the last year: the delivery floor keeps it from partnership. Store systems' backlog for
 * last month is not in yet: Kestrel's inbox asks for it. Cloud migration advisory and
 * Digital channels development are projects, measured by milestones rather than service levels.
 */
static const struct demo_contract contracts[] = {
	{0, "anil.mehta@kestrel.example", "grace.liu@kestrel.example", "tom.okafor@northwind.example", 9600000, 160000,
	 "USD", "option", 180, 0,
	 {{"it-availability", "mmmmmmmmmmmmmxmmmmmmmrmm"},
	  {"it-incidents-in-sla", "mmmmrmmmmmmmmmmmmmmmmxmm"},
	  {"it-p1-response", "mmmmmmmmmmmmmmmmmmmmmmmm"},
	  {"it-change-success", "mmmrmmmmmmmmmmmrmmmmmmmm"}}},
	{1, "claire.dubois@harbor.example", "ken.sato@harbor.example", "tom.okafor@northwind.example", 4140000, 115000,
	 "EUR", "option", 0, 25,
	 {{"bpo-accuracy", "mmmmmmmrrxxxxxxxrxxxxrxx"},
	  {"bpo-tat", "mmmmmmmrmrrxxxxxrxxrxxxr"},
	  {"bpo-backlog", "mmmmmmmrrrrxxrxrrrrrrrrr"},
	  {"bpo-aht", "mmmmmmmmrrrrrrrrrrmrrrrr"}}},
	{3, "anil.mehta@kestrel.example", "grace.liu@kestrel.example", "jonas.berg@meridian.example", 3000000, 50000,
	 "GBP", "automatic", 90, 0,
	 {{"it-availability", "mmmmmmmmmmmmmmmmmmmmmmmm"},
	  {"it-incidents-in-sla", "mmmmmmmmmmmmmmmmmmmmmmmm"},
	  {"it-backlog", "mmrmmmmmmmmmmmmmmmmmmmm-"}}},
	{4, "claire.dubois@harbor.example", "ken.sato@harbor.example", "priya.nair@meridian.example", 7500000, 125000,
	 "USD", "none", 120, 0,
	 {{"ites-service-level", "mmmmmmmrmmmmrxrxxxxxxxxx"},
	  {"ites-abandonment", "mmmmmmmmmmmmmrrrxrrrxrrr"},
	  {"ites-fcr", "mmmmmmmmmmmmmmrmrrrrrrrr"},
	  {"ites-csat", "mmmmmmmmmmmmmmmmmmmmmmmm"}}},
};

#define N(a) (sizeof(a) / sizeof((a)[0]))

/* A number in 0..1 that depends only on its arguments, so the demo is the same on every run. */
static double jitter(int a, int b)
{
	unsigned h = (unsigned)a * 2654435761u ^ ((unsigned)b * 40503u + 0x9e37u);

	h ^= h >> 13;
	h *= 0x5bd1e995u;
	h ^= h >> 15;
	return (double)(h % 1000) / 1000.0;
}

/* A value of the template's KPI with the wanted status ('m', 'r' or 'x'), to two decimals. */
static double value_for(const struct kpi_template *t, char status, double j)
{
	double dir = t->direction == KPI_HIGHER ? 1 : -1, span = fabs(t->target - t->threshold), v;

	if (span == 0)
		span = 1;
	if (status == 'm')
		v = t->target + dir * span * 0.2 * j;
	else if (status == 'r')
		v = t->threshold + dir * span * (0.2 + 0.6 * j);
	else
		v = t->threshold - dir * span * (0.2 + 0.8 * j);
	if (!strcmp(t->unit, "%") && v > 100)
		v = 100;
	if (v < 0)
		v = 0;
	return round(v * 100) / 100;
}

/* The story's particular moments, found while the values go in. */
struct moments {
	long long dispute, correct; /* a measurement to dispute, and one to correct */
	long long last_second;	     /* the second KPI's value of the month before last, whatever its status */
	long long missed_kpi[4];
	char missed_period[4][8];
	int n_missed;
};

static int contract_terms(struct store *s, const struct caller *cm, long long eng, const struct demo_contract *d,
			  struct date today, struct error *err)
{
	struct engagement_input in = {0};
	struct date ends;
	json_t *e = engagement_get_json(s, eng);
	int notice = d->notice_days, rc;

	if (!e) {
		error_set(err, 500, "internal", NULL, "demo: no engagement %lld", eng);
		return -1;
	}
	if (!date_parse(json_string_value(json_object_get(e, "ends_on")), &ends)) {
		json_decref(e);
		error_set(err, 500, "internal", NULL, "demo: engagement %lld has no end date", eng);
		return -1;
	}
	json_decref(e);
	/* Inside the notice period: the notice date falls notice_before days from today (while the term allows). */
	if (d->notice_before) {
		notice = (int)(date_to_days(ends) - date_to_days(today)) - d->notice_before;
		if (notice < 0 || notice > NOTICE_DAYS_MAX)
			notice = 90;
	}
	in.contract_value = json_real(d->contract_value);
	in.monthly_charge = json_real(d->monthly_charge);
	in.notice_days = json_integer(notice);
	in.currency = d->currency;
	in.renewal = d->renewal;
	rc = engagement_update(s, cm, eng, &in, err);
	json_decref(in.contract_value);
	json_decref(in.monthly_charge);
	json_decref(in.notice_days);
	return rc;
}

/* Defines the KPI from its template and submits the months it has a value for, as the provider. */
static int kpi_story(struct store *s, const struct caller *cm, const struct caller *staff, long long eng, int k,
		     const struct demo_kpi *dk, struct date today, struct date starts, struct moments *m,
		     struct error *err)
{
	const struct kpi_template *t = kpi_template_find(dk->template_key);
	struct kpi_input in = {0};
	struct kpi_period last = kpi_period_add(kpi_period_of(today, KPI_MONTHLY), -1),
			  first = kpi_period_of(starts, KPI_MONTHLY);
	long long kpi;

	if (!t) {
		error_set(err, 500, "internal", NULL, "demo: no KPI template %s", dk->template_key);
		return -1;
	}
	in.name = t->name;
	in.unit = t->unit;
	in.direction = kpi_direction_name(t->direction);
	in.frequency = kpi_frequency_name(t->frequency);
	in.target = &t->target;
	in.threshold = &t->threshold;
	in.credit_percent = t->credit_percent > 0 ? &t->credit_percent : NULL;
	demo_as(s, cm);
	if ((kpi = kpi_create(s, cm, eng, &in, err)) < 0)
		return -1;
	demo_as(s, staff);
	for (int back = MONTHS - 1; back >= 0; back--) {
		struct kpi_period p = kpi_period_add(last, -back);
		char status = dk->months[MONTHS - 1 - back], period[8];
		long long id = 0;

		if (status == '-' || p.index < first.index)
			continue;
		kpi_period_format(p, period);
		if (measurement_put(s, staff, kpi, period, value_for(t, status, jitter((int)eng * 8 + k, p.index)), "",
				    SOURCE_CSV, &id, err) < 0)
			return -1;
		if (status == 'x' && m->n_missed < (int)N(m->missed_kpi)) {
			m->missed_kpi[m->n_missed] = kpi;
			snprintf(m->missed_period[m->n_missed++], 8, "%s", period);
		}
		if (k == 1 && back == 1)
			m->last_second = id;
		/* The month before last of the first KPI: the one the buyer disputes (Core banking) or corrects (Store systems). */
		if (k == 0 && back == 1 && status == 'm') {
			m->dispute = id;
			m->correct = id;
		}
	}
	return 0;
}

static int credit_of(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	if (!strcmp(c[1].s, "owed"))
		*(long long *)ctx = c[0].i;
	return 1;
}

/* The buyer decides the credit of a missed KPI period: applied, or waived with a reason. */
static int decide_credit(struct store *s, const struct caller *cm, long long kpi, const char *period,
			 const char *status, const char *reason, struct error *err)
{
	struct sqlval a[2] = {SQL_I(kpi), SQL_T(period)};
	long long credit = 0;

	if (store_exec(s, STMT_CREDIT_FIND, a, 2, credit_of, &credit, err) < 0)
		return -1;
	if (!credit)
		return 0;
	demo_as(s, cm);
	return credit_decide(s, cm, credit, status, reason, err);
}

/* Records an obligation due days_from_today away; status "met" is recorded by who with evidence. */
static int obligation(struct store *s, const struct caller *cm, const struct caller *who, long long eng,
		      const char *title, const char *owed_by, const char *recurrence, struct date today, int days,
		      const char *evidence, struct error *err)
{
	char due[11];
	struct obligation_input in = {title, owed_by, due, recurrence};
	long long id;

	date_format(date_add_days(today, days), due);
	demo_as(s, cm);
	if ((id = obligation_create(s, cm, eng, &in, err)) < 0)
		return -1;
	if (!evidence)
		return 0;
	demo_as(s, who);
	if (obligation_decide(s, who, id, "met", evidence, NULL, err))
		return -1;
	/* Kept on its due date, as the story tells it (decided today it would count as kept late). */
	{
		char on[24];
		struct sqlval a[2] = {SQL_T(on), SQL_I(id)};

		snprintf(on, sizeof on, "%sT09:00:00Z", due);
		return store_exec(s, STMT_DEMO_OBLIGATION_DECIDED_ON, a, 2, NULL, NULL, err) < 0 ? -1 : 0;
	}
}

/* Each contract's particular moments: credits decided, the dispute and its answer, a correction, obligations. */
static int moments_of(struct store *s, size_t i, long long eng, const struct caller *cm, const struct caller *lead,
		      const struct caller *staff, struct moments *m, struct date today, struct date starts,
		      struct error *err)
{
	/* Obligations only once the engagement has run a few months. */
	bool running = date_to_days(today) - date_to_days(starts) > 120;

	switch (contracts[i].engagement) {
	case 0: /* Core banking: the first missed month's credit applied; a disputed availability figure, answered. */
		if (m->n_missed &&
		    decide_credit(s, cm, m->missed_kpi[0], m->missed_period[0], "applied", NULL, err))
			return -1;
		if (m->dispute) {
			demo_as(s, cm);
			if (measurement_dispute(s, cm, m->dispute,
						"Our monitoring shows 99.1% for the month: the outage of the 14th lasted three "
						"hours, not forty minutes.", err))
				return -1;
			demo_as(s, lead);
			if (measurement_answer(s, lead, m->dispute,
					       "The outage of the 14th fell in the maintenance window the change board agreed; "
					       "schedule 3 of the contract leaves it out of availability.", err))
				return -1;
		}
		if (running &&
		    (obligation(s, cm, lead, eng, "Disaster-recovery fail-over to the second data centre", "provider", "annual", today, -70,
				"Fail-over to the Pune data centre on a Saturday: core banking back in 2 h 10 min, within the "
				"4-hour recovery objective; report DR-2026 shared in the review pack.", err) ||
		     obligation(s, cm, cm, eng, "Provide a test environment for each quarterly release", "buyer", "quarterly",
				today, -40, "Environment UAT-3 handed over two weeks before the release.", err)))
			return -1;
		return 0;
	case 1: /* Card disputes: one accuracy credit waived, the others owed; each side has an overdue obligation. */
		if (m->n_missed &&
		    decide_credit(s, cm, m->missed_kpi[0], m->missed_period[0], "waived",
				  "The card scheme's migration weekend tripled the volume; both sides agreed in advance "
				  "that accuracy would not be held to the target that month.", err))
			return -1;

		if (running &&
		    (obligation(s, cm, lead, eng, "Annual data-protection audit report", "provider", "annual", today, -21,
				NULL, err) ||
		     obligation(s, cm, cm, eng, "Sign off the knowledge-transfer plan", "buyer", "none", today, -12, NULL,
				err) ||
		     obligation(s, cm, lead, eng, "Quarterly quality-assurance sampling report", "provider", "quarterly",
				today, -50, "Sample of 400 disputes checked by the buyer's QA team; 99.2% correct.", err)))
			return -1;
		return 0;
	case 3: /* Store systems: a figure corrected once after the ticket audit (its history keeps the first); another disputed, not yet answered. */
		if (m->last_second) {
			demo_as(s, cm);
			if (measurement_dispute(s, cm, m->last_second,
						"Our service desk counted 14 incidents closed outside the SLA that month, not 6: "
						"please recount with the reopened tickets.", err))
				return -1;
		}
		if (m->correct) {
			json_t *v = measurement_get_json(s, m->correct, false);
			long long kpi = v ? (long long)json_integer_value(json_object_get(v, "kpi_id")) : 0, id;
			char period[8];
			double value;

			if (!v)
				return 0;
			snprintf(period, sizeof period, "%s", json_string_value(json_object_get(v, "period")));
			value = json_number_value(json_object_get(v, "value"));
			json_decref(v);
			demo_as(s, staff);
			if (measurement_put(s, staff, kpi, period, value > 99.95 ? value - 0.03 : value + 0.03,
					    "Corrected after the monthly ticket audit: two incidents were logged twice.",
					    SOURCE_FORM, &id, err) < 0)
				return -1;
		}
		return 0;
	case 4: /* The contact centre: workforce plans delivered, the buyer's forecasts shared. */
		if (running &&
		    (obligation(s, cm, lead, eng, "Quarterly workforce plan", "provider", "quarterly", today, -55,
				"Plan for the peak season: 140 agents from November, 30 of them cross-skilled for chat.", err) ||
		     obligation(s, cm, cm, eng, "Share the contact volume forecast before each peak season", "buyer",
				"annual", today, -80, "Forecast by week and channel shared on the supplier portal.", err)))
			return -1;
		return 0;
	}
	return 0;
}

static int eng_starts(struct store *s, long long eng, struct date *starts, struct error *err)
{
	json_t *e = engagement_get_json(s, eng);
	bool ok = e && date_parse(json_string_value(json_object_get(e, "starts_on")), starts);

	json_decref(e);
	if (!ok)
		error_set(err, 500, "internal", NULL, "demo: no engagement %lld", eng);
	return ok ? 0 : -1;
}

int demo_delivery(struct store *s, const long long *engagement_ids, size_t n, struct error *err)
{
	struct date today = clock_today();

	for (size_t i = 0; i < N(contracts); i++) {
		const struct demo_contract *d = &contracts[i];
		long long eng;
		struct caller cm, lead, staff;
		struct moments m = {0};
		struct date starts;

		if ((size_t)d->engagement >= n)
			continue;
		eng = engagement_ids[d->engagement];
		if (demo_who(s, d->manager, &cm, err) || demo_who(s, d->provider_lead, &lead, err) ||
		    demo_who(s, d->provider_staff, &staff, err) || eng_starts(s, eng, &starts, err))
			return -1;
		demo_as(s, &cm);
		if (contract_terms(s, &cm, eng, d, today, err))
			return -1;
		for (int k = 0; k < KPIS_MAX && d->kpis[k].template_key; k++)
			if (kpi_story(s, &cm, &staff, eng, k, &d->kpis[k], today, starts, &m, err))
				return -1;
		if (moments_of(s, i, eng, &cm, &lead, &staff, &m, today, starts, err))
			return -1;
	}
	demo_as(s, NULL);
	return 0;
}
