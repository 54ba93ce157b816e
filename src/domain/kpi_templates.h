/* kpi_templates: the library of common KPIs per service line (IT, ITES, BPO) that a new KPI may be copied from. */
#ifndef ACCORD_KPI_TEMPLATES_H
#define ACCORD_KPI_TEMPLATES_H

#include <stddef.h>

#include "delivery.h"

struct kpi_template {
	const char *key;	  /* stable, e.g. "it-availability" */
	const char *service_line; /* "IT", "ITES" or "BPO" */
	const char *name, *unit;
	enum kpi_direction direction;
	double target, threshold;
	enum kpi_frequency frequency;
	double credit_percent; /* 0: none */
	const char *description;
};

extern const struct kpi_template kpi_templates[];
extern const size_t kpi_templates_count;

/* The template with this key, or NULL. */
const struct kpi_template *kpi_template_find(const char *key);

#endif
