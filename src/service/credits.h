/* credits: keeps the service credits a KPI's missed periods owe in step with their values (docs/delivery.md, "Service credits"). */
#ifndef ACCORD_CREDITS_H
#define ACCORD_CREDITS_H

#include "../store/store.h"

/*
 * Brings the service credit of one KPI period in line with its value, inside the caller's
 * transaction: a missed value of a KPI with a credit percentage on an engagement with a
 * monthly charge owes kpi_credit_cents (created, or its amount updated while still owed); a
 * value met or at risk, no value, no percentage or no charge removes a credit still owed. An
 * applied or waived credit stays as decided. 0, or -1 on a store failure.
 */
int credits_sync(struct store *s, long long kpi_id, const char *period, struct error *err);
/* credits_sync for every period of the KPI that has a value (after its rule or credit changed). */
int credits_sync_kpi(struct store *s, long long kpi_id, struct error *err);
/* credits_sync_kpi for every KPI of the engagement with a credit percentage (after its monthly charge changed). */
int credits_sync_engagement(struct store *s, long long engagement_id, struct error *err);

#endif
