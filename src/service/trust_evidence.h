/* trust_evidence: the evidence the trust service reads per engagement, shared by trust.c (governance) and trust_delivery.c (KPIs and obligations). */
#ifndef ACCORD_TRUST_EVIDENCE_H
#define ACCORD_TRUST_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "../domain/date.h"
#include "../domain/delivery.h"
#include "../domain/review.h"
#include "../domain/trust.h"
#include "../store/store.h"
#include "../util/jsonw.h"

struct ev_review {
	long long id;
	struct date due, held;
	bool is_held;
	int state, grace;
	role_mask required, present;
};

struct ev_action {
	long long id, review_id;
	struct date due, closed;
	bool is_closed;
	int status;
};

struct ev_issue {
	long long id;
	struct date shared;
	bool answered;
};

struct ev_value {
	long long id;
	enum { VALUE_SUGGESTION, VALUE_AWARD, VALUE_ADOPTION } kind;
	struct date on;
};

struct ev_survey {
	long long review_id;
	bool buyer, provider;
	double buyer_mean, provider_mean;
};

/* A KPI, with its values as the slice measures[first .. first + count) sorted by period. */
struct ev_kpi {
	long long id;
	char *name;
	struct kpi_rule rule;
	enum kpi_frequency frequency;
	double weight;
	struct date agreed; /* the day it was defined: periods that ended before it are nobody's miss */
	size_t first, count;
};

struct ev_measure {
	double value;
	int period;	    /* struct kpi_period.index */
	unsigned short kpi; /* index into the engagement's kpis */
	bool disputed;
};

/* Where the KPI with a given id lives: its engagement's evidence and its index there. */
struct kpi_ref {
	struct evidence *e;
	unsigned short k;
};

/* One of the provider's obligations. */
struct ev_obligation {
	long long id;
	char *title;
	struct date due, decided;
	bool is_decided;
	char status; /* 'o'pen, 'm'et, 'x' missed, 'w'aived */
};

struct evidence {
	long long id, version; /* version: trust_summaries.version when the evidence was read */
	struct date starts, ends;
	int mode;
	char *title;
	struct ev_review *reviews;
	struct ev_action *actions;
	struct ev_issue *issues;
	struct ev_survey *surveys;
	struct ev_value *values;
	struct ev_kpi *kpis;
	struct ev_measure *measures;
	struct ev_obligation *obligations;
	size_t nreviews, nactions, nissues, nsurveys, nvalues, nkpis, nmeasures, nobligations;
	size_t creviews, cactions, cissues, csurveys, cvalues, ckpis, cmeasures, cobligations;
};

struct evidence_set {
	struct evidence *v;
	size_t n, cap;
	size_t last; /* the engagement evidence_find found last */
	/* Once the KPIs are loaded: kpi_by_id[id - kpi_min] for ids kpi_min..kpi_max, or NULL (then searched). */
	struct kpi_ref *kpi_by_id;
	long long kpi_min, kpi_max;
};

enum trust_scope { SCOPE_ONE, SCOPE_ORG, SCOPE_ALL };

/* ---- trust_load.c ---- */

/*
 * The evidence of one engagement (key), of an organisation's (key) or of all, into set
 * (freed with trust_evidence_free; nothing to free on failure, -1). helper: NULL, or a
 * second connection to the same database on which a second thread reads part of it.
 */
int trust_evidence_load(struct store *s, struct store *helper, enum trust_scope scope, long long key,
			struct evidence_set *set);
void trust_evidence_free(struct evidence_set *set);

/* The engagement a row belongs to (engagements are loaded in id order); NULL when not loaded. */
struct evidence *evidence_find(struct evidence_set *set, long long id);

static inline bool date_within(struct date d, struct date from, struct date to)
{
	return date_compare(d, from) >= 0 && date_compare(d, to) <= 0;
}

static inline void date_write(struct jsonw *w, const char *key, struct date d)
{
	char text[11];

	date_format(d, text);
	jsonw_kstring(w, key, text);
}

/* ---- trust_delivery.c: KPIs, their values and the provider's obligations ---- */

/* Row callbacks of the TRUST_KPIS_*, TRUST_MEASUREMENTS_* (both store_exec_typed with these types) and TRUST_OBLIGATIONS_* statements (ctx: the evidence_set; KPIs before their values). */
#define TRUST_KPI_TYPES "iittrrtrt"
int trust_kpi_row(void *ctx, const union sqlcell *c, int n);
#define TRUST_MEASURE_TYPES "iitri"
int trust_measure_row(void *ctx, const union sqlcell *c, int n);
int trust_obligation_row(void *ctx, const struct sqlval *c, int n);
/* Once the KPIs are loaded, before their values: a table from KPI id to engagement and KPI (values come in any order). */
void trust_kpis_index(struct evidence_set *set, struct date today);
/* Once the values are loaded: sorts each engagement's values by KPI and period and gives each KPI its slice. */
void trust_measures_index(struct evidence_set *set);
void trust_delivery_free(struct evidence *e);

/* Adds to w the window [from, to]'s delivery (the KPI periods that ended in it) and the provider's obligations due in it. */
void trust_delivery_fill(const struct evidence *e, struct date from, struct date to, struct date today,
			 const struct trust_settings *ts, struct trust_window *w);
/* The delivery factor's evidence (the keys of its object): counts, and the periods KPI by KPI. */
void trust_delivery_explain(struct jsonw *w, const struct evidence *e, struct date from, struct date to,
			    struct date today, const struct trust_settings *ts, const struct trust_score *score);
/* The commitments factor's obligations: kept_obligations and not_kept_obligations. */
void trust_obligations_explain(struct jsonw *w, const struct evidence *e, struct date from, struct date to,
			       struct date today);

#endif
