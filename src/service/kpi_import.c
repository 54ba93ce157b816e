/* kpi_import: imports an engagement's KPI values from a CSV file or a ServiceNow task_sla export, all rows or none (docs/delivery.md). */
#include "kpi_import.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../domain/delivery.h"
#include "kpi_bulk.h"
#include "kpis.h"

/* One value to record: which KPI (an index into the engagement's), which period, the value and its note. */
struct import_row {
	int line;
	int kpi;
	char period[8];
	double value;
	char *note;
};

struct import {
	struct kpi_def kpis[KPI_PER_ENGAGEMENT_MAX];
	int nkpis;
	int by_name[KPI_PER_ENGAGEMENT_MAX], by_id[KPI_PER_ENGAGEMENT_MAX]; /* kpis' indexes, for kpi_named */
	struct import_row *rows;
	size_t n, cap;
	json_t *bad;	  /* the refused rows kept for the listing: at most twice KPI_IMPORT_BAD_LISTED */
	size_t bad_total; /* every refused row */
	const char *source;
};

/* Sorts idx[0..n) of kpis by name, case-insensitive (by_id false), or by id: an insertion sort of at most 200. */
static void kpis_sort(const struct kpi_def *kpis, int *idx, int n, bool by_id)
{
	for (int i = 0; i < n; i++) {
		int j = i, v = i;

		for (; j > 0; j--) {
			const struct kpi_def *a = &kpis[idx[j - 1]], *b = &kpis[v];

			if (by_id ? a->id <= b->id : strcasecmp(a->name, b->name) <= 0)
				break;
			idx[j] = idx[j - 1];
		}
		idx[j] = v;
	}
}

static int import_begin(struct import *im, struct store *s, long long engagement_id, const char *source,
			struct error *err)
{
	memset(im, 0, sizeof *im);
	im->source = source;
	im->bad = json_array();
	im->nkpis = kpi_defs_of(s, engagement_id, im->kpis, KPI_PER_ENGAGEMENT_MAX, err);
	if (im->nkpis < 0)
		return -1;
	kpis_sort(im->kpis, im->by_name, im->nkpis, false);
	kpis_sort(im->kpis, im->by_id, im->nkpis, true);
	return 0;
}

static void import_end(struct import *im)
{
	for (size_t i = 0; i < im->n; i++)
		free(im->rows[i].note);
	free(im->rows);
	json_decref(im->bad);
}

/*
 * Notes a refused row. The listing is bounded, so that a file of a million bad lines costs no
 * more memory or answer than a hundred: rows are found in line order, except duplicates found
 * afterwards, so twice the listed number is kept and the first by line are listed.
 */
static void bad_row(struct import *im, int line, const char *message)
{
	im->bad_total++;
	if (json_array_size(im->bad) < 2 * KPI_IMPORT_BAD_LISTED)
		json_array_append_new(im->bad, json_pack("{s:i, s:s}", "line", line, "message", message));
}

static struct import_row *row_add(struct import *im)
{
	if (im->n == im->cap) {
		size_t cap = im->cap ? im->cap * 2 : 64;
		struct import_row *r = realloc(im->rows, cap * sizeof *r);

		if (!r)
			return NULL;
		im->rows = r;
		im->cap = cap;
	}
	memset(&im->rows[im->n], 0, sizeof im->rows[0]);
	return &im->rows[im->n++];
}

/*
 * The KPI a cell names: its name, case-insensitive, else its id (digits); -1 when the
 * engagement has none such. A name comes first, so a KPI named "4" is that KPI, not KPI 4.
 * Binary searches of by_name and by_id: a scan of the 200 names a row was 8% of an import's
 * instructions. Names are distinct case-insensitively (kpis_engagement_name), so at most one matches.
 */
static int kpi_named(const struct import *im, const char *name)
{
	char *end;
	long long id = strtoll(name, &end, 10);
	bool digits = *name && !*end && isdigit((unsigned char)name[0]);
	int lo = 0, hi = im->nkpis;

	while (lo < hi) {
		int mid = (lo + hi) / 2, c = strcasecmp(im->kpis[im->by_name[mid]].name, name);

		if (!c)
			return im->by_name[mid];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (lo = 0, hi = digits ? im->nkpis : 0; lo < hi;) {
		int mid = (lo + hi) / 2;
		long long at = im->kpis[im->by_id[mid]].id;

		if (at == id)
			return im->by_id[mid];
		if (at < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* Orders rows by KPI, then period, then line: a file's duplicates end up next to each other. */
static int row_order(const void *a, const void *b)
{
	const struct import_row *x = a, *y = b;
	int c;

	if (x->kpi != y->kpi)
		return x->kpi < y->kpi ? -1 : 1;
	if ((c = strcmp(x->period, y->period)))
		return c;
	return x->line - y->line;
}

static int line_order(const void *a, const void *b)
{
	const struct import_row *x = a, *y = b;

	return x->line - y->line;
}

static int bad_order(const void *a, const void *b)
{
	json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;

	return (int)(json_integer_value(json_object_get(x, "line")) - json_integer_value(json_object_get(y, "line")));
}

/* Whether rows[0..n) are in order already (a file is mostly written KPI by KPI, period by period: no sort then). */
static bool in_order(const struct import_row *rows, size_t n, int (*order)(const void *, const void *))
{
	for (size_t i = 1; i < n; i++)
		if (order(&rows[i - 1], &rows[i]) > 0)
			return false;
	return true;
}

/* Reports every later row of a KPI and period the file already gave; then puts the bad rows in line order. */
static void find_duplicates(struct import *im)
{
	size_t nbad;
	json_t **sorted;

	if (im->n > 1 && !in_order(im->rows, im->n, row_order))
		qsort(im->rows, im->n, sizeof im->rows[0], row_order);
	for (size_t i = 1; i < im->n; i++) {
		const struct import_row *a = &im->rows[i - 1], *b = &im->rows[i];
		char msg[300];

		if (a->kpi != b->kpi || strcmp(a->period, b->period))
			continue;
		snprintf(msg, sizeof msg, "KPI \"%.120s\" period %s is already on line %d", im->kpis[b->kpi].name, b->period,
			 im->rows[i - 1].line);
		bad_row(im, b->line, msg);
	}
	if (im->n > 1 && !in_order(im->rows, im->n, line_order))
		qsort(im->rows, im->n, sizeof im->rows[0], line_order);
	nbad = json_array_size(im->bad);
	if (nbad < 2)
		return;
	sorted = malloc(nbad * sizeof *sorted);
	if (!sorted)
		return;
	for (size_t i = 0; i < nbad; i++)
		sorted[i] = json_incref(json_array_get(im->bad, i));
	qsort(sorted, nbad, sizeof *sorted, bad_order);
	json_array_clear(im->bad);
	for (size_t i = 0; i < nbad; i++)
		if (i < KPI_IMPORT_BAD_LISTED)
			json_array_append_new(im->bad, sorted[i]);
		else
			json_decref(sorted[i]);
	free(sorted);
}

/* Records every row in one transaction (set-based: kpi_bulk.c) and counts what each did. */
static int import_write(struct import *im, struct store *s, const struct caller *c, struct kpi_import_result *out,
			struct error *err)
{
	struct measurement_in *in = malloc((im->n ? im->n : 1) * sizeof *in);
	size_t counts[3] = {0, 0, 0};

	if (!in) {
		error_set(err, 500, "internal", NULL, "out of memory");
		return -1;
	}
	for (size_t i = 0; i < im->n; i++) {
		const struct import_row *r = &im->rows[i];

		in[i] = (struct measurement_in){&im->kpis[r->kpi], r->period, r->value, r->note ? r->note : ""};
	}
	if (store_begin(s, err)) {
		free(in);
		return -1;
	}
	if (measurements_write_all(s, c, im->kpis[0].engagement_id, in, im->n, im->source, counts, err) ||
	    store_commit(s, err)) {
		store_rollback(s);
		free(in);
		return -1;
	}
	free(in);
	out->imported += (int)counts[MEASURE_CREATED];
	out->replaced += (int)counts[MEASURE_REPLACED];
	out->unchanged += (int)counts[MEASURE_UNCHANGED];
	return 0;
}

/* The end of checking: bad rows mean 1 and nothing written; otherwise every row is recorded. */
static int import_finish(struct import *im, struct store *s, const struct caller *c, struct kpi_import_result *out,
			 struct error *err)
{
	int rc;

	find_duplicates(im);
	if (json_array_size(im->bad)) {
		out->bad = json_incref(im->bad);
		out->bad_total = im->bad_total;
		rc = 1;
	} else {
		rc = import_write(im, s, c, out, err);
	}
	import_end(im);
	return rc;
}

/* ---- CSV ---- */

#define CSV_FIELDS_MAX 8
#define CSV_FIELD_MAX (KPI_NOTE_MAX * 4)

struct csv_reader {
	const char *p, *end;
	int line; /* the line the next record starts on */
};

struct csv_record {
	int line, nfields;
	char *fields[CSV_FIELDS_MAX];
	bool too_long;
};

static void record_free(struct csv_record *r)
{
	for (int i = 0; i < r->nfields && i < CSV_FIELDS_MAX; i++)
		free(r->fields[i]);
}

/*
 * Reads one record (RFC 4180: fields quoted with "..." may hold commas, line breaks and "" for
 * a quote; lines end in LF or CRLF). False at the end of the text; false with *unclosed when
 * a quote is never closed.
 */
static bool csv_next(struct csv_reader *rd, struct csv_record *r, bool *unclosed)
{
	char *field = malloc(CSV_FIELD_MAX + 1);
	size_t len = 0;
	bool quoted = false, in_quotes = false;

	*unclosed = false;
	memset(r, 0, sizeof *r);
	if (!field || rd->p >= rd->end) {
		free(field);
		return false;
	}
	r->line = rd->line;
	for (;;) {
		bool at_end = rd->p >= rd->end;
		char ch = at_end ? '\n' : *rd->p;

		if (in_quotes) {
			if (at_end) {
				*unclosed = true;
				ch = '\n';
				in_quotes = false;
			} else {
				rd->p++;
				if (ch == '"' && rd->p < rd->end && *rd->p == '"') {
					rd->p++;
				} else if (ch == '"') {
					in_quotes = false;
					continue;
				} else if (ch == '\n') {
					rd->line++;
				}
				if (len < CSV_FIELD_MAX)
					field[len++] = ch;
				else
					r->too_long = true;
				continue;
			}
		}
		if (!at_end)
			rd->p++;
		if (ch == '"' && len == 0 && !quoted) {
			quoted = in_quotes = true;
			continue;
		}
		if (ch == ',' || ch == '\n') {
			field[len] = '\0';
			if (len && field[len - 1] == '\r' && !quoted)
				field[--len] = '\0';
			if (r->nfields < CSV_FIELDS_MAX)
				r->fields[r->nfields] = strdup(field);
			r->nfields++;
			len = 0;
			quoted = false;
			if (ch == '\n') {
				rd->line++;
				break;
			}
			continue;
		}
		if (ch == '\r' && quoted)
			continue; /* the CR of a CRLF after a closing quote */
		if (len < CSV_FIELD_MAX)
			field[len++] = ch;
		else
			r->too_long = true;
	}
	free(field);
	return true;
}

static char *trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		*--e = '\0';
	return s;
}

static bool is_header(const struct csv_record *r)
{
	return r->nfields >= 3 && r->nfields <= CSV_FIELDS_MAX && strcasecmp(trim(r->fields[0]), "kpi") == 0 &&
	       strcasecmp(trim(r->fields[1]), "period") == 0 && strcasecmp(trim(r->fields[2]), "value") == 0;
}

/* A number as a person writes it: optional sign, digits, a decimal point; finite. */
static bool parse_value(const char *s, double *out)
{
	char *end;

	if (!*s || isspace((unsigned char)*s))
		return false;
	*out = strtod(s, &end);
	return !*end && isfinite(*out) && !strpbrk(s, "xXpPnNiI");
}

/* Appends "; " and the message to a row's reasons. */
static void reason_add(char *reasons, size_t n, const char *msg)
{
	size_t len = strlen(reasons);

	snprintf(reasons + len, n - len, "%s%s", len ? "; " : "", msg);
}

static void csv_row(struct import *im, struct csv_record *r)
{
	char reasons[900] = "", msg[300];
	char *kpi, *period, *value;
	double v = 0;
	int k = -1;
	struct import_row *row;
	char normal[8];
	struct error e = {0};

	if (r->nfields < 3 || r->nfields > 4) {
		snprintf(msg, sizeof msg, "expected 3 or 4 columns (kpi,period,value[,note]), found %d", r->nfields);
		bad_row(im, r->line, msg);
		return;
	}
	kpi = trim(r->fields[0]);
	period = trim(r->fields[1]);
	value = trim(r->fields[2]);
	if ((k = kpi_named(im, kpi)) < 0) {
		snprintf(msg, sizeof msg, "unknown KPI \"%.120s\"", kpi);
		reason_add(reasons, sizeof reasons, msg);
	} else if (kpi_period_accept(&im->kpis[k], period, "period", normal, &e)) {
		reason_add(reasons, sizeof reasons, e.message);
	}
	if (!parse_value(value, &v)) {
		snprintf(msg, sizeof msg, "value \"%.40s\" is not a number", value);
		reason_add(reasons, sizeof reasons, msg);
	}
	if (r->too_long || (r->nfields == 4 && (strlen(r->fields[3]) > KPI_NOTE_MAX * 4 || !text_is_utf8(r->fields[3], strlen(r->fields[3])))))
		reason_add(reasons, sizeof reasons, "the note is too long");
	if (reasons[0]) {
		bad_row(im, r->line, reasons);
		return;
	}
	if (!(row = row_add(im))) {
		bad_row(im, r->line, "out of memory");
		return;
	}
	row->line = r->line;
	row->kpi = k;
	snprintf(row->period, sizeof row->period, "%s", normal);
	row->value = v;
	row->note = r->nfields == 4 ? strdup(r->fields[3]) : NULL;
}

int kpi_import_csv(struct store *s, const struct caller *c, long long engagement_id, const char *text, size_t len,
		   struct kpi_import_result *out, struct error *err)
{
	struct import *im = malloc(sizeof *im);
	struct csv_reader rd = {text, text + len, 1};
	struct csv_record r;
	bool unclosed, first = true;
	int rc;

	memset(out, 0, sizeof *out);
	if (!im) {
		error_set(err, 500, "internal", NULL, "out of memory");
		return -1;
	}
	if (!text_is_utf8(text, len) || memchr(text, '\0', len)) {
		free(im);
		error_set(err, 400, "bad_encoding", NULL, "the file is not UTF-8 text");
		return -1;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		rd.p += 3; /* a spreadsheet's byte order mark */
	if (import_begin(im, s, engagement_id, SOURCE_CSV, err)) {
		import_end(im);
		free(im);
		return -1;
	}
	while (csv_next(&rd, &r, &unclosed)) {
		bool blank = r.nfields == 1 && !trim(r.fields[0])[0];

		if (unclosed)
			bad_row(im, r.line, "a quoted field is never closed");
		else if (!blank && !(first && is_header(&r)))
			csv_row(im, &r);
		first = first && blank;
		record_free(&r);
	}
	if (!im->n && !json_array_size(im->bad)) {
		import_end(im);
		free(im);
		error_set(err, 422, "empty", NULL, "the file has no rows: kpi,period,value[,note]");
		return -1;
	}
	rc = import_finish(im, s, c, out, err);
	free(im);
	return rc;
}

/* ---- ServiceNow task_sla ---- */

/* A field of a record: a plain string, or with sysparm_display_value=all {display_value, value}. */
static const char *sn_text(json_t *rec, const char *name, bool display)
{
	json_t *v = json_object_get(rec, name);

	if (json_is_object(v)) {
		json_t *d = json_object_get(v, display ? "display_value" : "value");

		if (!json_is_string(d) || !json_string_length(d))
			d = json_object_get(v, display ? "value" : "display_value");
		v = d;
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "true" : "false";
	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* One KPI period's tally: records, and those not breached. */
struct sla_tally {
	int kpi;
	char period[8];
	int records, kept, line;
};

int kpi_import_servicenow(struct store *s, const struct caller *c, long long engagement_id, const char *text,
			  size_t len, struct kpi_import_result *out, struct error *err)
{
	struct import *im;
	json_error_t jerr;
	json_t *doc, *result, *rec;
	struct sla_tally *t = NULL;
	size_t nt = 0, i;
	int rc;

	memset(out, 0, sizeof *out);
	doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		error_set(err, 400, "bad_json", NULL, "the body is not valid JSON: %.120s (line %d)", jerr.text, jerr.line);
		return -1;
	}
	result = json_object_get(doc, "result");
	if (!json_is_array(result) || !json_array_size(result)) {
		json_decref(doc);
		error_set(err, 422, json_is_array(result) ? "empty" : "required", "result",
			  "a ServiceNow export has its task_sla records in a non-empty \"result\" array");
		return -1;
	}
	if (!(im = malloc(sizeof *im)) || !(t = calloc(json_array_size(result), sizeof *t))) {
		free(im);
		json_decref(doc);
		error_set(err, 500, "internal", NULL, "out of memory");
		return -1;
	}
	if (import_begin(im, s, engagement_id, SOURCE_SERVICENOW, err)) {
		rc = -1;
		goto done;
	}
	json_array_foreach(result, i, rec)
	{
		int line = (int)i + 1, k = -1;
		const char *sla = json_is_object(rec) ? sn_text(rec, "sla", true) : NULL;
		const char *end = json_is_object(rec) ? sn_text(rec, "end_time", false) : NULL;
		const char *breached = json_is_object(rec) ? sn_text(rec, "has_breached", false) : NULL;
		char day[11] = "", reasons[900] = "", msg[300], normal[8];
		struct date d;
		struct error e = {0};
		size_t j;

		if (!end || !*end)
			end = json_is_object(rec) ? sn_text(rec, "planned_end_time", false) : NULL;
		if (!json_is_object(rec)) {
			bad_row(im, line, "a task_sla record is a JSON object");
			continue;
		}
		if (!sla || !*sla)
			reason_add(reasons, sizeof reasons, "the record names no SLA definition (sla)");
		else if ((k = kpi_named(im, sla)) < 0) {
			snprintf(msg, sizeof msg, "unknown KPI \"%.120s\" (no KPI of this engagement has the SLA's name)", sla);
			reason_add(reasons, sizeof reasons, msg);
		}
		if (end && strlen(end) >= 10)
			memcpy(day, end, 10);
		if (!date_parse(day, &d))
			reason_add(reasons, sizeof reasons, "end_time (or planned_end_time) must be a date and time YYYY-MM-DD hh:mm:ss");
		else if (k >= 0) {
			char p[8];

			kpi_period_format(kpi_period_of(d, im->kpis[k].frequency), p);
			if (kpi_period_accept(&im->kpis[k], p, "period", normal, &e))
				reason_add(reasons, sizeof reasons, e.message);
		}
		if (!breached || (strcmp(breached, "true") && strcmp(breached, "false")))
			reason_add(reasons, sizeof reasons, "has_breached must be \"true\" or \"false\"");
		if (reasons[0]) {
			bad_row(im, line, reasons);
			continue;
		}
		for (j = 0; j < nt && !(t[j].kpi == k && !strcmp(t[j].period, normal)); j++)
			;
		if (j == nt) {
			t[nt].kpi = k;
			t[nt].line = line;
			snprintf(t[nt].period, sizeof t[nt].period, "%s", normal);
			nt++;
		}
		t[j].records++;
		t[j].kept += strcmp(breached, "false") == 0;
	}
	for (i = 0; i < nt; i++) {
		struct import_row *row = row_add(im);
		char note[80];

		if (!row)
			break;
		row->line = t[i].line;
		row->kpi = t[i].kpi;
		snprintf(row->period, sizeof row->period, "%s", t[i].period);
		/* The percentage met, to two decimals: 97 of 100 → 97.00. */
		row->value = round(10000.0 * t[i].kept / t[i].records) / 100.0;
		snprintf(note, sizeof note, "%d of %d SLA records met (ServiceNow task_sla)", t[i].kept, t[i].records);
		row->note = strdup(note);
	}
	rc = import_finish(im, s, c, out, err);
	free(im);
	im = NULL;
done:
	if (im) {
		import_end(im);
		free(im);
	}
	free(t);
	json_decref(doc);
	return rc;
}
