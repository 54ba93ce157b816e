/* kpi_bulk: an import's values written set-based — the same outcome as measurement_write row by row (docs/delivery.md, docs/performance.md). */
#ifndef ACCORD_KPI_BULK_H
#define ACCORD_KPI_BULK_H

#include <stddef.h>

#include "kpis.h"

/* The rows of the *_64 statements of statements.def (change both together). */
#define MEASUREMENT_CHUNK 64

/* One checked value: its KPI (of the engagement), an accepted period, a finite value, its note ("" for none). */
struct measurement_in {
	const struct kpi_def *k;
	const char *period;
	double value;
	const char *note;
};

/*
 * Records every value, in the transaction the caller holds, as measurement_write would one after
 * another: new values inserted, changed ones replaced with the old kept in the history, the same
 * value and note left alone; then the service credits and action plans of the values written.
 * The rows are distinct KPI periods of one engagement. counts[enum measure_outcome] adds up what
 * each did. 0, or -1 with err set.
 */
int measurements_write_all(struct store *s, const struct caller *c, long long engagement_id,
			   const struct measurement_in *rows, size_t n, const char *source, size_t counts[3],
			   struct error *err);

#endif
