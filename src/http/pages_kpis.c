/* pages_kpis: an engagement's service levels — its KPIs, one KPI's values with their history and disputes, and the forms that define, submit, import, dispute and answer (docs/delivery.md). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/kpi_templates.h"
#include "../service/clock.h"
#include "../service/engagements.h"
#include "../service/kpi_import.h"
#include "../service/kpis.h"
#include "pages.h"

static const char *const directions[] = {"higher", "lower"};
static const char *const direction_labels[] = {"Higher is better", "Lower is better"};
static const char *const frequencies[] = {"monthly", "quarterly"};
static const char *const frequency_labels[] = {"Monthly", "Quarterly"};

/* A number as people read it: up to 10 significant digits, no trailing zeros. */
static const char *num_text(double v, char out[32])
{
	snprintf(out, 32, "%.10g", v);
	return out;
}

static const char *json_num_text(json_t *o, const char *k, char out[32])
{
	json_t *v = json_object_get(o, k);

	if (!json_is_number(v)) {
		out[0] = '\0';
		return out;
	}
	return num_text(json_number_value(v), out);
}

static const char *status_label(const char *status)
{
	return !strcmp(status, "met") ? "met" : !strcmp(status, "at_risk") ? "at risk" : !strcmp(status, "missed") ? "missed" : "unknown";
}

/* A value's status as a pill: its word (never colour alone), "disputed" beside it. */
static void status_of(struct buf *b, json_t *m)
{
	const char *st = json_text(m, "status");

	html_fmt(b, "<span class=\"pill kpi-%s\">%s</span>", st, status_label(st));
	if (json_is_true(json_object_get(m, "disputed")))
		html_fmt(b, " <span class=\"pill kpi-disputed\">disputed</span>");
}

/* A number posted in a form: NULL when blank; NULL with err set (naming the field) when it is not a finite number. */
static const double *form_number(struct request *rq, const char *name, double *slot, struct error *err)
{
	const char *s = request_form(rq, name);
	char *end;

	if (!s || !*s)
		return NULL;
	*slot = strtod(s, &end);
	while (*end == ' ')
		end++;
	if (*end || !isfinite(*slot) || strpbrk(s, "xXpPnNiI")) {
		if (!err->status)
			error_set(err, 422, "invalid", name, "%s must be a number", name);
		return NULL;
	}
	return slot;
}

static bool defines_kpis(struct request *rq)
{
	return (rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_CONTRACT) && (rq->rel & REL_ACCEPTED);
}

static bool submits_values(struct request *rq)
{
	return (rq->rel & REL_PROVIDER) && (rq->caller.roles & ROLES_PROVIDER_GOV) && (rq->rel & REL_ACCEPTED);
}

static bool answers_disputes(struct request *rq)
{
	return (rq->rel & REL_PROVIDER) && (rq->caller.roles & ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)) && (rq->rel & REL_ACCEPTED);
}

/* ---- The engagement's service levels ---- */

static void kpi_table(struct buf *b, json_t *kpis)
{
	json_t *k;
	size_t i;
	char t[32], th[32], w[32], cr[32], v[32];

	if (!json_array_size(kpis)) {
		html_fmt(b, "<p class=\"muted\">No KPI is defined yet.</p>");
		return;
	}
	html_fmt(b, "<table class=\"list\"><thead><tr><th>KPI</th><th>Better when</th><th class=\"num\">Target</th>"
		    "<th class=\"num\">Threshold</th><th>Measured</th><th class=\"num\">Weight</th><th class=\"num\">Credit</th>"
		    "<th>Latest value</th></tr></thead><tbody>");
	json_array_foreach(kpis, i, k)
	{
		json_t *latest = json_object_get(k, "latest");

		html_fmt(b, "<tr><td><a href=\"/kpis/%lld\">%s</a></td><td>%s</td><td class=\"num\">%s %s</td>"
			    "<td class=\"num\">%s %s</td><td>%s</td><td class=\"num\">%s</td>",
			 json_num(k, "id"), json_text(k, "name"), strcmp(json_text(k, "direction"), "lower") ? "higher" : "lower",
			 json_num_text(k, "target", t), json_text(k, "unit"), json_num_text(k, "threshold", th), json_text(k, "unit"),
			 json_text(k, "frequency"), json_num_text(k, "weight", w));
		if (json_is_number(json_object_get(k, "credit_percent")))
			html_fmt(b, "<td class=\"num\">%s%%</td>", json_num_text(k, "credit_percent", cr));
		else
			html_fmt(b, "<td class=\"num muted\">none</td>");
		if (json_is_object(latest)) {
			html_fmt(b, "<td>%s: %s %s ", json_text(latest, "period"), json_num_text(latest, "value", v), json_text(k, "unit"));
			status_of(b, latest);
			html_fmt(b, "</td></tr>");
		} else {
			html_fmt(b, "<td class=\"muted\">no value yet</td></tr>");
		}
	}
	html_fmt(b, "</tbody></table>");
}

/* The "copy from template" picker: a GET form that fills the definition below (no script). */
static void template_picker(struct buf *b, long long engagement_id, const char *service_line, const char *chosen)
{
	json_t *options = json_array();

	for (size_t i = 0; i < kpi_templates_count; i++) {
		char label[200];

		if (strcmp(kpi_templates[i].service_line, service_line))
			continue;
		snprintf(label, sizeof label, "%s (%s)", kpi_templates[i].name, kpi_templates[i].unit);
		json_array_append_new(options, json_pack("{s:s, s:s}", "value", kpi_templates[i].key, "label", label));
	}
	for (size_t i = 0; i < kpi_templates_count; i++) {
		char label[200];

		if (!strcmp(kpi_templates[i].service_line, service_line))
			continue;
		snprintf(label, sizeof label, "%s (%s, %s)", kpi_templates[i].name, kpi_templates[i].unit, kpi_templates[i].service_line);
		json_array_append_new(options, json_pack("{s:s, s:s}", "value", kpi_templates[i].key, "label", label));
	}
	html_fmt(b, "<form method=\"get\" action=\"/engagements/%lld/kpis#define\" class=\"inline\">", engagement_id);
	form_pick(b, "Copy from the template library", "template", options, chosen, false, NULL);
	html_fmt(b, "<button type=\"submit\" class=\"secondary\">Copy</button></form>");
	json_decref(options);
}

/* The definition form: filled from a refused post, else from a chosen template, else empty. */
static void define_form(struct request *rq, struct buf *b, json_t *e, const struct error *err)
{
	static const char *const fields[] = {"name", "unit", "direction", "target", "threshold", "frequency", "weight", "credit_percent", NULL};
	const struct kpi_template *t = err ? NULL : kpi_template_find(request_query(rq, "template"));
	char tv[32] = "", thv[32] = "", crv[32] = "";
	const char *name = NULL, *unit = NULL, *direction = "higher", *frequency = "monthly", *target = NULL,
		   *threshold = NULL, *weight = "1", *credit = NULL;

	if (err) {
		name = request_form(rq, "name");
		unit = request_form(rq, "unit");
		direction = request_form(rq, "direction");
		frequency = request_form(rq, "frequency");
		target = request_form(rq, "target");
		threshold = request_form(rq, "threshold");
		weight = request_form(rq, "weight");
		credit = request_form(rq, "credit_percent");
	} else if (t) {
		name = t->name;
		unit = t->unit;
		direction = kpi_direction_name(t->direction);
		frequency = kpi_frequency_name(t->frequency);
		target = num_text(t->target, tv);
		threshold = num_text(t->threshold, thv);
		credit = t->credit_percent > 0 ? num_text(t->credit_percent, crv) : NULL;
	}
	html_fmt(b, "<section class=\"card\" id=\"define\"><h2>Define a KPI</h2>");
	template_picker(b, rq->id, json_text(e, "service_line"), t ? t->key : NULL);
	if (t)
		html_fmt(b, "<p class=\"muted\">Copied from the template “%s”: %s Adjust it to the contract before saving.</p>", t->name, t->description);
	html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/kpis" FORM_ANCHOR "\" class=\"grid\">", rq->id);
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	form_input(b, "Name", "name", "text", name, err);
	form_input(b, "Unit", "unit", "text", unit, err);
	form_select(b, "Better when", "direction", directions, direction_labels, 2, direction, err);
	form_select(b, "Measured", "frequency", frequencies, frequency_labels, 2, frequency, err);
	form_input(b, "Target", "target", "text", target, err);
	form_input(b, "Threshold (a miss beyond it)", "threshold", "text", threshold, err);
	form_input(b, "Weight", "weight", "text", weight, err);
	form_input(b, "Service credit, % of the monthly charge (optional)", "credit_percent", "text", credit, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Define the KPI</button></div></form></section>");
}

/* The import form: a file (CSV, or a ServiceNow task_sla export) or rows pasted; a refusal lists every bad row. */
static void import_form(struct request *rq, struct buf *b, const struct error *err, json_t *bad_rows)
{
	static const char *const fields[] = {"file", "csv", NULL};
	json_t *row;
	size_t i;

	html_fmt(b, "<section class=\"card\" id=\"import\"><h2>Import values</h2>"
		    "<p class=\"muted\">Choose a CSV file of rows <code>kpi,period,value[,note]</code> (a header line is optional; "
		    "kpi is the KPI's name; period YYYY-MM, or YYYY-Qn for a quarterly KPI), or a ServiceNow export of "
		    "<code>task_sla</code> records (JSON from its Table API), or paste CSV rows below. All rows are imported or none.</p>");
	html_fmt(b, "<form method=\"post\" action=\"/engagements/%lld/measurements" FORM_ANCHOR "\" class=\"grid\" "
		    "enctype=\"multipart/form-data\">", rq->id);
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	if (json_array_size(bad_rows)) {
		html_fmt(b, "<div class=\"banner wide\" id=\"bad-rows\"><p>Nothing was imported. Fix these rows and import again:</p><ul>");
		json_array_foreach(bad_rows, i, row)
			html_fmt(b, "<li>Line %lld: %s</li>", json_num(row, "line"), json_text(row, "message"));
		html_fmt(b, "</ul></div>");
	}
	form_file(b, "File", "file", ".csv,.json,text/csv,application/json", err);
	form_textarea(b, "Or paste CSV rows", "csv", err ? request_form(rq, "csv") : NULL, 8, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Import</button></div></form></section>");
}

static void render_kpis(struct request *rq, struct response *rs, const struct error *err, const char *form,
			json_t *bad_rows)
{
	json_t *e = engagement_get_json(rq->store, rq->id), *kpis;
	struct buf *b = &rs->body;

	if (!e) {
		page_error(rq, rs, 404, "There is no such engagement.");
		return;
	}
	kpis = kpi_list_json(rq->store, rq->id);
	page_begin(rq, rs, "Service levels");
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/\">Engagements</a> › <a href=\"/engagements/%lld\">%s</a></p>", rq->id,
		 json_text(e, "title"));
	html_fmt(b, "<h1>Service levels</h1><p class=\"muted\">%s · %s to %s</p>", json_text(e, "service_line"),
		 json_text(e, "starts_on"), json_text(e, "ends_on"));
	html_fmt(b, "<section class=\"card\" id=\"kpis\"><h2>KPIs</h2>");
	kpi_table(b, json_object_get(kpis, "items"));
	html_fmt(b, "</section>");
	if (submits_values(rq))
		import_form(rq, b, form && !strcmp(form, "import") ? err : NULL, bad_rows);
	if (defines_kpis(rq))
		define_form(rq, b, e, form && !strcmp(form, "define") ? err : NULL);
	page_end(rs);
	json_decref(kpis);
	json_decref(e);
}

void page_kpis(struct request *rq, struct response *rs)
{
	render_kpis(rq, rs, NULL, NULL, NULL);
}

void page_kpi_create(struct request *rq, struct response *rs)
{
	struct kpi_input in = {0};
	struct error err = {0};
	double slots[4];
	long long id = -1;
	char loc[48], msg[200];

	in.name = request_form(rq, "name");
	in.unit = request_form(rq, "unit");
	in.direction = request_form(rq, "direction");
	in.frequency = request_form(rq, "frequency");
	in.target = form_number(rq, "target", &slots[0], &err);
	in.threshold = form_number(rq, "threshold", &slots[1], &err);
	in.weight = form_number(rq, "weight", &slots[2], &err);
	in.credit_percent = form_number(rq, "credit_percent", &slots[3], &err);
	if (!err.status)
		id = kpi_create(rq->store, &rq->caller, rq->id, &in, &err);
	if (id < 0) {
		rs->status = err.status;
		render_kpis(rq, rs, &err, "define", NULL);
		return;
	}
	snprintf(loc, sizeof loc, "/kpis/%lld", id);
	snprintf(msg, sizeof msg, "KPI “%.120s” defined.", in.name);
	page_saved(rq, rs, loc, msg);
}

/* Whether an uploaded file is a ServiceNow export (JSON) rather than CSV: its first character after white space. */
static bool looks_like_json(const char *text)
{
	text += strspn(text, " \t\n");
	if (!strncmp(text, "\xEF\xBB\xBF", 3))
		text += 3;
	return *text == '{' || *text == '[';
}

/* Whether the file and the pasted rows make one clear choice; if not, err says why, naming the field. */
static bool import_choice_ok(struct request *rq, bool from_file, const char *csv, struct error *err)
{
	const char *filename = request_form(rq, "file.filename");

	if (request_form(rq, "file.not_text"))
		error_set(err, 422, "invalid", "file",
			  "%s is not UTF-8 text: choose a CSV file saved as text (UTF-8), or a ServiceNow JSON export",
			  filename && *filename ? filename : "the file");
	else if (filename && *filename && !from_file)
		error_set(err, 422, "invalid", "file", "%s is empty", filename);
	else if (from_file && csv && csv[strspn(csv, " \t\n")])
		error_set(err, 422, "invalid", "csv", "choose a file or paste rows, not both");
	else
		return true;
	return false;
}

void page_kpi_import(struct request *rq, struct response *rs)
{
	const char *file = request_form(rq, "file"), *csv = request_form(rq, "csv");
	bool from_file = file && *file;
	const char *text = from_file ? file : csv ? csv : "";
	const char *field = from_file ? "file" : "csv";
	struct kpi_import_result res = {0};
	struct error err = {0};
	char loc[64], msg[200];
	bool chosen = import_choice_ok(rq, from_file, csv, &err);
	int rc = !chosen			     ? -1
		 : from_file && looks_like_json(text) ? kpi_import_servicenow(rq->store, &rq->caller, rq->id, text, strlen(text), &res, &err)
							: kpi_import_csv(rq->store, &rq->caller, rq->id, text, strlen(text), &res, &err);

	if (rc != 0) {
		if (rc > 0)
			error_set(&err, 422, field, field, "%zu %s refused; nothing was imported%s", res.bad_total,
				  res.bad_total == 1 ? "row is" : "rows are",
				  res.bad_total > json_array_size(res.bad) ? " (the first are listed)" : "");
		else if (chosen && (!err.field || !strcmp(err.field, "csv")))
			err.field = field;
		rs->status = err.status;
		render_kpis(rq, rs, &err, "import", res.bad);
		json_decref(res.bad);
		return;
	}
	snprintf(loc, sizeof loc, "/engagements/%lld/kpis#kpis", rq->id);
	snprintf(msg, sizeof msg, "Imported: %d new, %d replaced, %d unchanged.", res.imported, res.replaced, res.unchanged);
	page_saved(rq, rs, loc, msg);
}

/* ---- One KPI ---- */

/* The periods a value may be given for, newest first: the current one back to 24 periods or the engagement's start. */
static json_t *period_options(const struct kpi_def *k)
{
	json_t *options = json_array();
	struct kpi_period now = kpi_period_of(clock_today(), k->frequency);

	for (int back = 0; back < 24; back++) {
		struct kpi_period p = kpi_period_add(now, -back), q;
		char s[8];

		kpi_period_format(p, s);
		if (kpi_period_check(s, k->frequency, clock_today(), k->starts_on, k->ends_on, &q))
			continue;
		json_array_append_new(options, json_pack("{s:s, s:s}", "value", s, "label", s));
	}
	return options;
}

/* The newest of the options that has ended (the current period is still running); NULL when none has. */
static const char *last_ended_period(json_t *options, const struct kpi_def *k)
{
	char now[8];
	json_t *o;
	size_t i;

	kpi_period_format(kpi_period_of(clock_today(), k->frequency), now);
	json_array_foreach(options, i, o)
		if (strcmp(json_string_value(json_object_get(o, "value")), now) != 0)
			return json_string_value(json_object_get(o, "value"));
	return NULL;
}

static void history_of(struct buf *b, json_t *m, const char *unit)
{
	json_t *h = json_object_get(m, "history"), *x;
	size_t i;
	char v[32];

	if (!json_array_size(h))
		return;
	html_fmt(b, "<details><summary>%d earlier value%s</summary><ul>", (int)json_array_size(h), json_array_size(h) == 1 ? "" : "s");
	json_array_foreach(h, i, x)
		html_fmt(b, "<li>%s %s by %s on %.10s (%s), replaced by %s on %.10s%s%s</li>", json_num_text(x, "value", v), unit,
			 json_text(x, "submitted_by_name"), json_text(x, "submitted_at"), json_text(x, "source"),
			 json_text(x, "replaced_by_name"), json_text(x, "replaced_at"), json_text(x, "note")[0] ? ": " : "",
			 json_text(x, "note"));
	html_fmt(b, "</ul></details>");
}

static void dispute_of(struct request *rq, struct buf *b, json_t *m, const struct error *err, const char *form)
{
	static const char *const dispute_fields[] = {"reason", NULL};
	static const char *const answer_fields[] = {"answer", NULL};
	json_t *d = json_object_get(m, "dispute");
	long long id = json_num(m, "id");
	char mine[40];

	snprintf(mine, sizeof mine, "m%lld", id);
	if (json_is_object(d)) {
		html_fmt(b, "<p><strong>Disputed</strong> by %s on %.10s: %s</p>", json_text(d, "disputed_by_name"),
			 json_text(d, "disputed_at"), json_text(d, "reason"));
		if (json_is_string(json_object_get(d, "answer")))
			html_fmt(b, "<p><strong>Answer</strong> by %s on %.10s: %s</p>", json_text(d, "answered_by_name"),
				 json_text(d, "answered_at"), json_text(d, "answer"));
	}
	err = form && !strcmp(form, mine) ? err : NULL;
	if (!json_is_object(d) && defines_kpis(rq)) {
		html_fmt(b, "<details%s><summary>Dispute this value</summary><form method=\"post\" action=\"/measurements/%lld/dispute" FORM_ANCHOR "\" class=\"grid\">",
			 err ? " open" : "", id);
		form_csrf(b, rq);
		form_error_banner(b, err, dispute_fields);
		form_textarea(b, "Why the value is wrong", "reason", err ? request_form(rq, "reason") : NULL, 3, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Dispute</button></div></form></details>");
	}
	if (json_is_object(d) && answers_disputes(rq)) {
		html_fmt(b, "<details%s><summary>%s</summary><form method=\"post\" action=\"/measurements/%lld/answer" FORM_ANCHOR "\" class=\"grid\">",
			 err ? " open" : "", json_is_string(json_object_get(d, "answer")) ? "Answer again" : "Answer the dispute", id);
		form_csrf(b, rq);
		form_error_banner(b, err, answer_fields);
		form_textarea(b, "Your answer", "answer", err ? request_form(rq, "answer") : NULL, 3, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Send the answer</button></div></form></details>");
	}
}

static void measurements_table(struct request *rq, struct buf *b, long long kpi_id, const char *unit,
			       const struct error *err, const char *form)
{
	json_t *list = measurement_list_json(rq->store, kpi_id), *m;
	size_t i;
	char v[32];

	html_fmt(b, "<section class=\"card\" id=\"values\"><h2>Values</h2>");
	if (!json_array_size(json_object_get(list, "items"))) {
		html_fmt(b, "<p class=\"muted\">No value yet: every period without one is unknown, never met.</p></section>");
		json_decref(list);
		return;
	}
	html_fmt(b, "<table class=\"list kpi-values\"><thead><tr><th>Period</th><th class=\"num\">Value</th><th>Status</th>"
		    "<th>Submitted</th><th>Note, dispute and history</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(list, "items"), i, m)
	{
		json_t *full = measurement_get_json(rq->store, json_num(m, "id"), true);

		html_fmt(b, "<tr id=\"m%lld\"><td class=\"period\">%s</td><td class=\"num\">%s %s</td><td>", json_num(m, "id"), json_text(m, "period"),
			 json_num_text(m, "value", v), unit);
		status_of(b, m);
		html_fmt(b, "</td><td>%s<br><span class=\"muted\">%.10s · %s</span></td><td>", json_text(m, "submitted_by_name"),
			 json_text(m, "submitted_at"), json_text(m, "source"));
		if (json_text(m, "note")[0])
			html_fmt(b, "<p>%s</p>", json_text(m, "note"));
		dispute_of(rq, b, m, err, form);
		history_of(b, full ? full : m, unit);
		html_fmt(b, "</td></tr>");
		json_decref(full);
	}
	html_fmt(b, "</tbody></table></section>");
	json_decref(list);
}

static void submit_form(struct request *rq, struct buf *b, const struct kpi_def *k, const char *unit, const struct error *err)
{
	static const char *const fields[] = {"period", "value", "note", NULL};
	json_t *options = period_options(k);
	char label[80];

	snprintf(label, sizeof label, "Value%s%s", unit[0] ? ", " : "", unit);
	html_fmt(b, "<section class=\"card\" id=\"submit\"><h2>Submit a value</h2>"
		    "<p class=\"muted\">A value for a period that has one replaces it; the earlier value stays in its history.</p>");
	html_fmt(b, "<form method=\"post\" action=\"/kpis/%lld/measurements" FORM_ANCHOR "\" class=\"grid\">", k->id);
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	/*
	 * The last period that has ended comes first to mind: the current one is still running (it
	 * leads the list, since a value may be given for it), so the one before is selected.
	 */
	form_pick(b, "Period", "period", options, err ? request_form(rq, "period") : last_ended_period(options, k), false, err);
	form_input(b, label, "value", "text", err ? request_form(rq, "value") : NULL, err);
	form_input(b, "Note (optional)", "note", "text", err ? request_form(rq, "note") : NULL, err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Submit</button></div></form></section>");
	json_decref(options);
}

static void edit_form(struct request *rq, struct buf *b, json_t *x, const struct error *err)
{
	static const char *const fields[] = {"unit", "target", "threshold", "weight", "credit_percent", NULL};
	char t[32], th[32], w[32], cr[32];

	html_fmt(b, "<details class=\"card\" id=\"edit\"%s><summary>Change the targets</summary>", err ? " open" : "");
	html_fmt(b, "<form method=\"post\" action=\"/kpis/%lld/edit" FORM_ANCHOR "\" class=\"grid\">", rq->id);
	form_csrf(b, rq);
	form_error_banner(b, err, fields);
	form_input(b, "Unit", "unit", "text", err ? request_form(rq, "unit") : json_text(x, "unit"), err);
	form_input(b, "Target", "target", "text", err ? request_form(rq, "target") : json_num_text(x, "target", t), err);
	form_input(b, "Threshold (a miss beyond it)", "threshold", "text",
		   err ? request_form(rq, "threshold") : json_num_text(x, "threshold", th), err);
	form_input(b, "Weight", "weight", "text", err ? request_form(rq, "weight") : json_num_text(x, "weight", w), err);
	form_input(b, "Service credit, % of the monthly charge", "credit_percent", "text",
		   err ? request_form(rq, "credit_percent") : json_num_text(x, "credit_percent", cr), err);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Save</button></div></form></details>");
}

static void render_kpi(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	json_t *x = kpi_get_json(rq->store, rq->id), *e;
	struct kpi_def k;
	struct buf *b = &rs->body;
	char t[32], th[32], w[32], cr[32];
	const char *unit;

	if (!x || kpi_load(rq->store, rq->id, &k, NULL) <= 0) {
		json_decref(x);
		page_error(rq, rs, 404, "There is no such KPI.");
		return;
	}
	e = engagement_get_json(rq->store, k.engagement_id);
	unit = json_text(x, "unit");
	page_begin(rq, rs, json_text(x, "name"));
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/\">Engagements</a> › <a href=\"/engagements/%lld\">%s</a> › "
		    "<a href=\"/engagements/%lld/kpis\">Service levels</a></p><h1>%s</h1>",
		 k.engagement_id, json_text(e, "title"), k.engagement_id, json_text(x, "name"));
	html_fmt(b, "<section class=\"card\"><dl><dt>Met</dt><dd>%s %s %s</dd><dt>At risk</dt><dd>from the threshold, %s %s, to the target</dd>"
		    "<dt>Missed</dt><dd>%s %s %s</dd><dt>Measured</dt><dd>%s</dd><dt>Weight</dt><dd>%s</dd>",
		 k.rule.direction == KPI_LOWER ? "at or below" : "at or above", json_num_text(x, "target", t), unit,
		 json_num_text(x, "threshold", th), unit, k.rule.direction == KPI_LOWER ? "above" : "below", th, unit,
		 json_text(x, "frequency"), json_num_text(x, "weight", w));
	if (k.has_credit)
		html_fmt(b, "<dt>Service credit</dt><dd>%s%% of the monthly charge for a missed %s</dd>",
			 json_num_text(x, "credit_percent", cr), k.frequency == KPI_QUARTERLY ? "quarter (three months' charge)" : "month");
	html_fmt(b, "</dl></section>");
	if (defines_kpis(rq))
		edit_form(rq, b, x, form && !strcmp(form, "edit") ? err : NULL);
	if (submits_values(rq))
		submit_form(rq, b, &k, unit, form && !strcmp(form, "submit") ? err : NULL);
	measurements_table(rq, b, rq->id, unit, err, form);
	page_end(rs);
	json_decref(e);
	json_decref(x);
}

void page_kpi(struct request *rq, struct response *rs)
{
	render_kpi(rq, rs, NULL, NULL);
}

void page_kpi_edit(struct request *rq, struct response *rs)
{
	struct kpi_input in = {0};
	struct error err = {0};
	double slots[4];
	char loc[48];

	in.unit = request_form(rq, "unit");
	in.target = form_number(rq, "target", &slots[0], &err);
	in.threshold = form_number(rq, "threshold", &slots[1], &err);
	in.weight = form_number(rq, "weight", &slots[2], &err);
	in.credit_percent = form_number(rq, "credit_percent", &slots[3], &err);
	if (err.status || kpi_update(rq->store, rq->id, &in, &err) != 0) {
		rs->status = err.status;
		render_kpi(rq, rs, &err, "edit");
		return;
	}
	snprintf(loc, sizeof loc, "/kpis/%lld", rq->id);
	page_saved(rq, rs, loc, "Targets saved.");
}

void page_measurement_submit(struct request *rq, struct response *rs)
{
	struct error err = {0};
	double value = 0;
	long long id = 0;
	int rc = -1;
	char loc[64], msg[120];
	const char *period = request_form(rq, "period");

	if (!form_number(rq, "value", &value, &err) && !err.status)
		error_set(&err, 422, "required", "value", "value is required");
	if (!err.status)
		rc = measurement_put(rq->store, &rq->caller, rq->id, period, value, request_form(rq, "note"), SOURCE_FORM, &id, &err);
	if (rc < 0) {
		rs->status = err.status;
		render_kpi(rq, rs, &err, "submit");
		return;
	}
	snprintf(loc, sizeof loc, "/kpis/%lld#m%lld", rq->id, id);
	snprintf(msg, sizeof msg, rc == MEASURE_UNCHANGED ? "The value for %.8s was already recorded." : "Value for %.8s saved.",
		 period ? period : "");
	page_saved(rq, rs, loc, msg);
}

/* A dispute or its answer, posted from the KPI's page: the page again on refusal, the value's row once saved. */
static void dispute_post(struct request *rq, struct response *rs, bool answer)
{
	struct error err = {0};
	long long kpi = measurement_kpi_of(rq->store, rq->id);
	int rc = answer ? measurement_answer(rq->store, &rq->caller, rq->id, request_form(rq, "answer"), &err)
			: measurement_dispute(rq->store, &rq->caller, rq->id, request_form(rq, "reason"), &err);
	char loc[64], form[40];
	long long mid = rq->id;

	if (rc != 0) {
		snprintf(form, sizeof form, "m%lld", mid);
		rs->status = err.status;
		rq->id = kpi;
		render_kpi(rq, rs, &err, form);
		return;
	}
	snprintf(loc, sizeof loc, "/kpis/%lld#m%lld", kpi, mid);
	page_saved(rq, rs, loc, answer ? "Answer sent." : "Value disputed.");
}

void page_measurement_dispute(struct request *rq, struct response *rs)
{
	dispute_post(rq, rs, false);
}

void page_measurement_answer(struct request *rq, struct response *rs)
{
	dispute_post(rq, rs, true);
}
