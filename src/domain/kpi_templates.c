/* kpi_templates: the library of common KPIs per service line (IT, ITES, BPO) that a new KPI may be copied from. */
#include "kpi_templates.h"

#include <string.h>

/*
 * Targets and thresholds are common contract values, a starting point to adjust: each rule is
 * coherent (threshold at or below the target when higher is better, at or above when lower).
 */
const struct kpi_template kpi_templates[] = {
	{"it-availability", "IT", "Availability", "%", KPI_HIGHER, 99.9, 99.5, KPI_MONTHLY, 5,
	 "Share of the agreed service hours the service was up."},
	{"it-incidents-in-sla", "IT", "Incidents resolved within SLA", "%", KPI_HIGHER, 95, 90, KPI_MONTHLY, 3,
	 "Share of incidents resolved within their priority's resolution time."},
	{"it-p1-response", "IT", "Priority 1 response time", "minutes", KPI_LOWER, 15, 30, KPI_MONTHLY, 2,
	 "Average minutes from a priority 1 incident's report to the first response."},
	{"it-change-success", "IT", "Change success rate", "%", KPI_HIGHER, 98, 95, KPI_MONTHLY, 0,
	 "Share of changes implemented without an incident or a rollback."},
	{"it-backlog", "IT", "Backlog", "tickets", KPI_LOWER, 50, 100, KPI_MONTHLY, 0,
	 "Open tickets older than their target resolution time at the end of the month."},
	{"it-csat", "IT", "CSAT", "score of 5", KPI_HIGHER, 4.2, 3.8, KPI_QUARTERLY, 0,
	 "Average satisfaction of the users surveyed after a ticket closes."},
	{"ites-fcr", "ITES", "First-contact resolution", "%", KPI_HIGHER, 75, 65, KPI_MONTHLY, 2,
	 "Share of contacts resolved without a follow-up."},
	{"ites-aht", "ITES", "Average handling time", "minutes", KPI_LOWER, 6, 8, KPI_MONTHLY, 0,
	 "Average minutes per contact, talk and wrap-up."},
	{"ites-service-level", "ITES", "Calls answered within 20 seconds", "%", KPI_HIGHER, 80, 70, KPI_MONTHLY, 3,
	 "Share of calls answered within 20 seconds."},
	{"ites-abandonment", "ITES", "Abandonment rate", "%", KPI_LOWER, 5, 8, KPI_MONTHLY, 0,
	 "Share of calls the caller hung up before an answer."},
	{"ites-csat", "ITES", "CSAT", "%", KPI_HIGHER, 85, 75, KPI_MONTHLY, 0,
	 "Share of surveyed customers satisfied or very satisfied."},
	{"bpo-accuracy", "BPO", "Accuracy", "%", KPI_HIGHER, 99.5, 98.5, KPI_MONTHLY, 5,
	 "Share of transactions processed without an error found in quality checks."},
	{"bpo-tat", "BPO", "Transactions within turnaround time", "%", KPI_HIGHER, 98, 95, KPI_MONTHLY, 3,
	 "Share of transactions completed within the agreed turnaround time."},
	{"bpo-backlog", "BPO", "Backlog", "transactions", KPI_LOWER, 200, 500, KPI_MONTHLY, 0,
	 "Transactions past their turnaround time at the end of the month."},
	{"bpo-aht", "BPO", "Average handling time", "minutes", KPI_LOWER, 12, 15, KPI_MONTHLY, 0,
	 "Average minutes to process one transaction."},
	{"bpo-csat", "BPO", "CSAT", "score of 5", KPI_HIGHER, 4.3, 4, KPI_QUARTERLY, 0,
	 "Average satisfaction of the business users surveyed each quarter."},
};

const size_t kpi_templates_count = sizeof kpi_templates / sizeof kpi_templates[0];

const struct kpi_template *kpi_template_find(const char *key)
{
	for (size_t i = 0; key && i < kpi_templates_count; i++)
		if (strcmp(kpi_templates[i].key, key) == 0)
			return &kpi_templates[i];
	return NULL;
}
