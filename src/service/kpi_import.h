/* kpi_import: imports an engagement's KPI values from a CSV file or a ServiceNow task_sla export, all rows or none (docs/delivery.md). */
#ifndef ACCORD_KPI_IMPORT_H
#define ACCORD_KPI_IMPORT_H

#include <jansson.h>
#include <stddef.h>

#include "../store/store.h"
#include "caller.h"

/* At most this many refused rows are listed (the first by line); bad_total counts them all. */
#define KPI_IMPORT_BAD_LISTED 100

/* What an import did, or why it did nothing: `bad` lists the first refused rows as {line, message}. */
struct kpi_import_result {
	int imported, unchanged, replaced;
	json_t *bad;	  /* NULL when every row was good; the caller json_decref's it */
	size_t bad_total; /* every refused row, listed or not */
};

/*
 * CSV: `kpi,period,value[,note]`, a header line optional, kpi the KPI's name or id (RFC 4180
 * quoting; blank lines skipped). Every row is checked first; any bad row means nothing is
 * written, 1 returned and out->bad filled. 0 when every row was recorded (in one transaction);
 * -1 with err on a failure of the body as a whole or of the store.
 */
int kpi_import_csv(struct store *s, const struct caller *c, long long engagement_id, const char *text, size_t len,
		   struct kpi_import_result *out, struct error *err);

/*
 * A ServiceNow Table API export of task_sla records ({"result": [...]}): each KPI period's value
 * is the percentage of its records not breached. A bad record is named by its position in
 * `result` (1-based) as its line. Same answers as kpi_import_csv.
 */
int kpi_import_servicenow(struct store *s, const struct caller *c, long long engagement_id, const char *text,
			  size_t len, struct kpi_import_result *out, struct error *err);

#endif
