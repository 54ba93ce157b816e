/* api_kpis: an engagement's KPIs, their measurements, imports, disputes and the template library over JSON (docs/delivery.md). */
#include <string.h>
#include <strings.h>

#include "../domain/kpi_templates.h"
#include "../service/kpi_import.h"
#include "../service/kpis.h"
#include "api.h"

static const char *const template_lines[] = {"IT", "ITES", "BPO", NULL};

static json_t *kpi_template_json(const struct kpi_template *t)
{
	return json_pack("{s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:s, s:o, s:s}", "key", t->key, "service_line",
			 t->service_line, "name", t->name, "unit", t->unit, "direction", kpi_direction_name(t->direction),
			 "target", t->target, "threshold", t->threshold, "frequency", kpi_frequency_name(t->frequency),
			 "credit_percent", t->credit_percent > 0 ? json_real(t->credit_percent) : json_null(), "description",
			 t->description);
}

void api_kpi_templates(struct request *rq, struct response *rs)
{
	const char *line;
	json_t *items = json_array();

	if (!request_choice(rq, rs, "service_line", template_lines, &line)) {
		json_decref(items);
		return;
	}
	for (size_t i = 0; i < kpi_templates_count; i++)
		if (!line || strcmp(kpi_templates[i].service_line, line) == 0)
			json_array_append_new(items, kpi_template_json(&kpi_templates[i]));
	reply_json(rs, 200, json_pack("{s:o}", "items", items));
}

/* A number member of the validated body, or NULL when absent. */
static const double *body_number(struct request *rq, const char *name, double *slot)
{
	json_t *v = json_object_get(rq->json, name);

	if (!json_is_number(v))
		return NULL;
	*slot = json_number_value(v);
	return slot;
}

static void read_kpi(struct request *rq, struct kpi_input *in, double slots[4])
{
	in->name = body_str(rq, "name");
	in->unit = body_str(rq, "unit");
	in->direction = body_str(rq, "direction");
	in->frequency = body_str(rq, "frequency");
	in->target = body_number(rq, "target", &slots[0]);
	in->threshold = body_number(rq, "threshold", &slots[1]);
	in->weight = body_number(rq, "weight", &slots[2]);
	in->credit_percent = body_number(rq, "credit_percent", &slots[3]);
}

void api_kpis_list(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, kpi_list_json(rq->store, rq->id));
}

void api_kpis_create(struct request *rq, struct response *rs)
{
	struct kpi_input in = {0};
	struct error err = {0};
	double slots[4];
	long long id;

	read_kpi(rq, &in, slots);
	id = kpi_create(rq->store, &rq->caller, rq->id, &in, &err);
	if (id < 0) {
		reply_err(rs, &err);
		return;
	}
	reply_json(rs, 201, kpi_get_json(rq->store, id));
}

void api_kpi_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, kpi_get_json(rq->store, rq->id));
}

void api_kpi_update(struct request *rq, struct response *rs)
{
	struct kpi_input in = {0};
	struct error err = {0};
	double slots[4];

	read_kpi(rq, &in, slots);
	if (kpi_update(rq->store, rq->id, &in, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, kpi_get_json(rq->store, rq->id));
}

void api_kpi_measurements(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, measurement_list_json(rq->store, rq->id));
}

void api_measurement_put(struct request *rq, struct response *rs)
{
	const char *period = strrchr(rq->path, '/') + 1;
	struct error err = {0};
	double value = 0;
	long long id = 0;
	int outcome;
	json_t *m;

	body_number(rq, "value", &value);
	outcome = measurement_put(rq->store, &rq->caller, rq->id, period, value, body_str(rq, "note"), SOURCE_API, &id,
				  &err);
	if (outcome < 0) {
		reply_err(rs, &err);
		return;
	}
	m = measurement_get_json(rq->store, id, false);
	if (m)
		json_object_set_new(m, "outcome", json_string(measure_outcome_name((enum measure_outcome)outcome)));
	reply_json(rs, outcome == MEASURE_CREATED ? 201 : 200, m);
}

/* The media type of the body, without parameters: "text/csv; charset=utf-8" is text/csv. */
static bool media_is(struct request *rq, const char *type)
{
	const char *ct = request_header(rq, "Content-Type");
	size_t n = strlen(type);

	return ct && strncasecmp(ct, type, n) == 0 && (ct[n] == '\0' || ct[n] == ';' || ct[n] == ' ');
}

void api_measurements_import(struct request *rq, struct response *rs)
{
	struct kpi_import_result res;
	struct error err = {0};
	bool csv = media_is(rq, "text/csv");
	int rc;

	if (!csv && !media_is(rq, "application/json")) {
		reply_error(rs, 415, "unsupported_media_type", NULL,
			    "send a CSV file as text/csv, or a ServiceNow task_sla export as application/json");
		return;
	}
	rc = csv ? kpi_import_csv(rq->store, &rq->caller, rq->id, rq->body_raw ? rq->body_raw : "", rq->body_len, &res,
				  &err)
		 : kpi_import_servicenow(rq->store, &rq->caller, rq->id, rq->body_raw ? rq->body_raw : "", rq->body_len,
					 &res, &err);
	if (rc < 0) {
		reply_err(rs, &err);
	} else if (rc > 0) {
		char msg[120];

		snprintf(msg, sizeof msg, "%zu %s refused; nothing was imported%s", res.bad_total,
			 res.bad_total == 1 ? "row is" : "rows are",
			 res.bad_total > json_array_size(res.bad) ? " (the first are listed)" : "");
		reply_json(rs, 422,
			   json_pack("{s:{s:s, s:s, s:o, s:I}}", "error", "code", csv ? "csv" : "servicenow", "message", msg,
				     "rows", res.bad, "rows_refused", (json_int_t)res.bad_total));
	} else {
		reply_json(rs, 200, json_pack("{s:i, s:i, s:i}", "imported", res.imported, "unchanged", res.unchanged,
					      "replaced", res.replaced));
	}
}

void api_measurement_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, measurement_get_json(rq->store, rq->id, true));
}

void api_measurement_dispute(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (measurement_dispute(rq->store, &rq->caller, rq->id, body_str(rq, "reason"), &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, measurement_get_json(rq->store, rq->id, true));
}

void api_measurement_answer(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (measurement_answer(rq->store, &rq->caller, rq->id, body_str(rq, "answer"), &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, measurement_get_json(rq->store, rq->id, true));
}
