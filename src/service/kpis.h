/* kpis: use cases for an engagement's KPIs and their measurements — definitions, a value per period with its history, disputes and answers (docs/delivery.md). */
#ifndef ACCORD_KPIS_H
#define ACCORD_KPIS_H

#include <jansson.h>
#include <stdbool.h>

#include "../domain/delivery.h"
#include "../store/store.h"
#include "caller.h"

#define KPI_NAME_MAX 120
#define KPI_UNIT_MAX 40
#define KPI_NOTE_MAX 2000
#define KPI_REASON_MAX 2000

/* A KPI as the rules need it. */
struct kpi_def {
	long long id, engagement_id, buyer_org_id, provider_org_id;
	char name[KPI_NAME_MAX * 4 + 1];
	enum kpi_frequency frequency;
	struct kpi_rule rule;
	double weight;
	bool has_credit;
	double credit_percent;
	struct date starts_on, ends_on; /* the engagement's term */
};

/* A definition or a change: NULL strings and numbers are absent (on create name, direction, target, threshold and frequency are required). */
struct kpi_input {
	const char *name, *unit, *direction, *frequency;
	const double *target, *threshold, *weight, *credit_percent;
};

/* Defines a KPI on the engagement; 409 naming `name` when the engagement already has one of that name. Returns the id or -1. */
long long kpi_create(struct store *s, const struct caller *c, long long engagement_id, const struct kpi_input *in,
		     struct error *err);
/* Changes unit, target, threshold, weight or credit_percent (name, direction and frequency stay); the credits of its periods follow. */
int kpi_update(struct store *s, long long id, const struct kpi_input *in, struct error *err);
/* The KPI's definition, or 0 when there is none (1 found, -1 store failure). */
int kpi_load(struct store *s, long long id, struct kpi_def *out, struct error *err);

/* {id, engagement_id, name, unit, direction, target, threshold, frequency, weight, credit_percent, created_at, latest}. */
json_t *kpi_get_json(struct store *s, long long id);
/* {items: [...]} every KPI of the engagement, by name, each with its latest value. */
json_t *kpi_list_json(struct store *s, long long engagement_id);

/* What a submission did. */
enum measure_outcome { MEASURE_CREATED, MEASURE_UNCHANGED, MEASURE_REPLACED };
const char *measure_outcome_name(enum measure_outcome o); /* "created", "unchanged", "replaced" */

/* Where a value came from: the kpi_measurements.source words. */
#define SOURCE_FORM "form"
#define SOURCE_API "api"
#define SOURCE_CSV "csv"
#define SOURCE_SERVICENOW "servicenow"

/*
 * Why a period cannot take a value of the KPI, as a message into err naming `field` (422), or
 * 0 when it can (normalised into out).
 */
int kpi_period_accept(const struct kpi_def *k, const char *period, const char *field, char out[8], struct error *err);
/* Every KPI of the engagement, by name, into out (at most max); how many, or -1. */
int kpi_defs_of(struct store *s, long long engagement_id, struct kpi_def *out, int max, struct error *err);
#define KPI_PER_ENGAGEMENT_MAX 200

/*
 * Records a value for a KPI and period in its own transaction (or the caller's): a new value
 * replaces the stored one and keeps it in the history; the same value and note changes nothing.
 * The service credit and the action plan follow. Returns the outcome or -1; *id the measurement.
 */
int measurement_put(struct store *s, const struct caller *c, long long kpi_id, const char *period, double value,
		    const char *note, const char *source, long long *id, struct error *err);
/* The same inside a transaction the caller holds, for a KPI already loaded and a period already accepted. */
int measurement_write(struct store *s, const struct caller *c, const struct kpi_def *k, const char *period,
		      double value, const char *note, const char *source, long long *id, struct error *err);

/*
 * The action plan of a missed value (docs/delivery.md): where it goes — the engagement's next
 * planned review (its id and due date) and its owner, the provider's first leadership user;
 * review or owner 0 when there is none, and then no action plan. One plan per KPI and review,
 * "Action plan: NAME missed in P1, P2, …": a miss of a period some plan of the KPI already names
 * adds nothing; another miss joins the KPI's open plan on that review (its periods in order, up
 * to ACTION_PLAN_TITLE_MAX), or starts one. measurement_write adds one missed value; an import
 * (kpi_bulk.c) finds the place once and adds each missed row.
 */
struct action_plan_place {
	long long review_id, owner_id;
	char due[11];
};
int action_plan_place(struct store *s, const struct kpi_def *k, struct action_plan_place *out, struct error *err);
#define ACTION_PLAN_TITLE_MAX 200
int action_plan_add(struct store *s, const struct caller *c, const struct kpi_def *k,
		    const struct action_plan_place *place, const char *period, const char *now, struct error *err);

/* Two values are the same when they print the same to 15 significant digits; a value as text for a REAL column. */
bool kpi_same_value(double a, double b);
void kpi_number_text(double v, char out[32]);

/* The buyer disputes a value (409 when it is already disputed); the provider answers a disputed one (409 otherwise). */
int measurement_dispute(struct store *s, const struct caller *c, long long id, const char *reason, struct error *err);
int measurement_answer(struct store *s, const struct caller *c, long long id, const char *answer, struct error *err);

/*
 * {id, kpi_id, kpi_name, engagement_id, period, value, note, source, submitted_by, submitted_by_name,
 * submitted_at, status, counted_status, disputed, dispute} and, with history, the values it replaced.
 */
json_t *measurement_get_json(struct store *s, long long id, bool with_history);
/* {items: [...]} the KPI's values, newest period first. */
json_t *measurement_list_json(struct store *s, long long kpi_id);
/* The KPI a measurement belongs to (0 when none). */
long long measurement_kpi_of(struct store *s, long long id);

/* The number a store column holds (REAL columns come back as text). */
double kpi_col_number(const struct sqlval *v);

#endif
