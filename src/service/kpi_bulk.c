/*
 * kpi_bulk: an import's values written set-based (docs/performance.md, "The CSV import").
 *
 * The outcome is measurement_write's for each row in turn — the same rows, history, credits,
 * action plans and audit rows (one per changed row, by the triggers) — but with a fixed
 * number of statements per import rather than four to six per row: what is stored (values,
 * credits, action titles) is read once, each row is decided in memory, and new and replaced
 * values are written 64 to a statement (statements.def says why). The engagement's trust
 * version is raised once for the import rather than once per value (store_trust_hold): a
 * version only says that the evidence moved, and a reader sees the import whole or not at all.
 */
#include "kpi_bulk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/delivery.h"
#include "clock.h"
#include "orgs.h"

/* A stored value or credit of the engagement, found by KPI and period. */
struct stored {
	long long kpi_id, id;
	char period[8];
	double value;
	char *note;
	bool owed;
};

struct stored_set {
	struct stored *v;
	size_t n, cap;
	bool credits, oom;
};

static int stored_order(const void *a, const void *b)
{
	const struct stored *x = a, *y = b;

	if (x->kpi_id != y->kpi_id)
		return x->kpi_id < y->kpi_id ? -1 : 1;
	return strcmp(x->period, y->period);
}

static int stored_cb(void *ctx, const struct sqlval *c, int n)
{
	struct stored_set *set = ctx;
	struct stored *v;

	(void)n;
	if (set->n == set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 256;
		struct stored *p = realloc(set->v, cap * sizeof *p);

		if (!p) {
			set->oom = true;
			return 1;
		}
		set->v = p;
		set->cap = cap;
	}
	v = &set->v[set->n++];
	memset(v, 0, sizeof *v);
	v->kpi_id = c[0].i;
	snprintf(v->period, sizeof v->period, "%s", c[1].s);
	v->id = c[2].i;
	if (set->credits) {
		v->owed = strcmp(c[3].s, "owed") == 0;
	} else {
		v->value = kpi_col_number(&c[3]);
		if (!(v->note = strdup(c[4].s ? c[4].s : "")))
			set->oom = true;
	}
	return 0;
}

static void stored_free(struct stored_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		free(set->v[i].note);
	free(set->v);
}

/* Reads the engagement's stored rows of the periods from..to, sorted for stored_find. */
static int stored_read(struct store *s, enum stmt id, long long engagement_id, const char *from, const char *to,
		       struct stored_set *set, struct error *err)
{
	struct sqlval a[3] = {SQL_I(engagement_id), SQL_T(from), SQL_T(to)};

	if (store_exec(s, id, a, 3, stored_cb, set, err) < 0)
		return -1;
	if (set->oom) {
		error_set(err, 500, "internal", NULL, "out of memory");
		return -1;
	}
	if (set->n > 1)
		qsort(set->v, set->n, sizeof set->v[0], stored_order);
	return 0;
}

static struct stored *stored_find(const struct stored_set *set, long long kpi_id, const char *period)
{
	struct stored key;

	memset(&key, 0, sizeof key);
	key.kpi_id = kpi_id;
	snprintf(key.period, sizeof key.period, "%s", period);
	return set->n ? bsearch(&key, set->v, set->n, sizeof set->v[0], stored_order) : NULL;
}

/* ---- the values ---- */

/* Inserts rows[idx[0..n)]: 64 to a statement, the rest one by one. */
static int insert_new(struct store *s, const struct caller *c, const struct measurement_in *rows, const size_t *idx,
		      size_t n, const char *source, const char *now, struct error *err)
{
	struct sqlval a[MEASUREMENT_CHUNK * 9];
	char v[MEASUREMENT_CHUNK][32];
	size_t done = 0;

	while (done < n) {
		size_t m = n - done >= MEASUREMENT_CHUNK ? MEASUREMENT_CHUNK : 1;

		for (size_t j = 0; j < m; j++) {
			const struct measurement_in *r = &rows[idx[done + j]];
			struct sqlval *p = &a[j * 9];

			kpi_number_text(r->value, v[j]);
			p[0] = SQL_I(r->k->buyer_org_id);
			p[1] = SQL_I(r->k->engagement_id);
			p[2] = SQL_I(r->k->id);
			p[3] = SQL_T(r->period);
			p[4] = SQL_T(v[j]);
			p[5] = SQL_T(r->note);
			p[6] = SQL_T(source);
			p[7] = SQL_I(c->user_id);
			p[8] = SQL_T(now);
		}
		if (m == 1) {
			long long id;

			if (store_int(s, STMT_MEASUREMENT_INSERT, a, 9, &id, err) != 0) {
				if (!err->status)
					error_set(err, 409, "conflict", "period", "a value for this period was recorded at the same time");
				return -1;
			}
		} else if (store_exec(s, STMT_MEASUREMENT_INSERT_64, a, (int)m * 9, NULL, NULL, err) < 0) {
			if (!err->status)
				error_set(err, 409, "conflict", "period", "a value for this period was recorded at the same time");
			return -1;
		}
		done += m;
	}
	return 0;
}

/*
 * Replaces the stored values of rows[idx[0..n)] (ids[]): each old value into the history, then
 * the new one, 64 to a statement; a last short chunk is padded with its last row.
 */
static int replace_changed(struct store *s, const struct caller *c, const struct measurement_in *rows,
			   const size_t *idx, const long long *ids, size_t n, const char *source, const char *now,
			   struct error *err)
{
	struct sqlval keep[2 + MEASUREMENT_CHUNK], put[3 + MEASUREMENT_CHUNK * 3];
	char v[MEASUREMENT_CHUNK][32];

	for (size_t done = 0; done < n; done += MEASUREMENT_CHUNK) {
		keep[0] = SQL_I(c->user_id);
		keep[1] = SQL_T(now);
		put[0] = SQL_T(source);
		put[1] = SQL_I(c->user_id);
		put[2] = SQL_T(now);
		for (size_t j = 0; j < MEASUREMENT_CHUNK; j++) {
			size_t i = done + j < n ? done + j : n - 1;
			const struct measurement_in *r = &rows[idx[i]];

			kpi_number_text(r->value, v[j]);
			keep[2 + j] = SQL_I(ids[i]);
			put[3 + j * 3] = SQL_I(ids[i]);
			put[4 + j * 3] = SQL_T(v[j]);
			put[5 + j * 3] = SQL_T(r->note);
		}
		if (store_exec(s, STMT_MEASUREMENT_KEEP_64, keep, 2 + MEASUREMENT_CHUNK, NULL, NULL, err) < 0 ||
		    store_exec(s, STMT_MEASUREMENT_REPLACE_64, put, 3 + MEASUREMENT_CHUNK * 3, NULL, NULL, err) < 0)
			return -1;
	}
	return 0;
}

/* ---- credits (credits_sync's rule) and action plans (measurement_write's) ---- */

struct charge {
	int found;
	bool has_charge;
	long long cents;
	char currency[8];
};

static int charge_cb(void *ctx, const struct sqlval *c, int n)
{
	struct charge *ch = ctx;

	(void)n;
	ch->found = 1;
	ch->has_charge = c[0].type != SQL_NULL;
	ch->cents = ch->has_charge ? c[0].i : 0;
	snprintf(ch->currency, sizeof ch->currency, "%s", c[1].s ? c[1].s : "USD");
	return 1;
}

/* The credit of each value written: owed when missed (KPI with a credit, engagement with a charge), else no owed one. */
static int credits_all(struct store *s, long long engagement_id, const struct measurement_in *rows, const size_t *idx,
		       size_t n, const char *from, const char *to, const char *now, struct error *err)
{
	struct stored_set credits = {.credits = true};
	struct charge ch = {0};
	struct sqlval a[7];
	int rc = 0;

	a[0] = SQL_I(engagement_id);
	if (store_exec(s, STMT_CREDIT_CHARGE_ENG, a, 1, charge_cb, &ch, err) < 0 ||
	    stored_read(s, STMT_CREDIT_EXISTING_ENG, engagement_id, from, to, &credits, err)) {
		stored_free(&credits);
		return -1;
	}
	for (size_t i = 0; i < n && rc == 0; i++) {
		const struct measurement_in *r = &rows[idx[i]];
		const struct stored *cr = stored_find(&credits, r->k->id, r->period);
		long long cents = 0;

		if (r->k->has_credit && ch.has_charge && kpi_status_of(&r->k->rule, r->value) == KPI_MISSED)
			cents = kpi_credit_cents(ch.cents, r->k->credit_percent, r->k->frequency);
		a[0] = SQL_I(r->k->id);
		a[1] = SQL_T(r->period);
		if (cents <= 0) {
			if (cr && cr->owed)
				rc = store_exec(s, STMT_CREDIT_DROP_OWED, a, 2, NULL, NULL, err) < 0 ? -1 : 0;
		} else if (cr) {
			a[0] = SQL_I(cents);
			a[1] = SQL_T(ch.currency);
			a[2] = SQL_I(cr->id);
			if (cr->owed) /* applied or waived: as decided */
				rc = store_exec(s, STMT_CREDIT_SET_OWED, a, 3, NULL, NULL, err) < 0 ? -1 : 0;
		} else {
			a[0] = SQL_I(r->k->buyer_org_id);
			a[1] = SQL_I(r->k->engagement_id);
			a[2] = SQL_I(r->k->id);
			a[3] = SQL_T(r->period);
			a[4] = SQL_I(cents);
			a[5] = SQL_T(ch.currency);
			a[6] = SQL_T(now);
			rc = store_exec(s, STMT_CREDIT_INSERT, a, 7, NULL, NULL, err) < 0 ? -1 : 0;
		}
	}
	stored_free(&credits);
	return rc;
}

/*
 * The action plan of each missed value written (measurement_write's rule, action_plan_add): on
 * the next planned review, owned by the provider's first leadership user. The review and the
 * owner are read once: the import adds no review.
 */
static int actions_all(struct store *s, const struct caller *c, const struct measurement_in *rows, const size_t *idx,
		       size_t n, const char *now, struct error *err)
{
	struct action_plan_place place = {0};
	bool placed = false;

	for (size_t i = 0; i < n; i++) {
		const struct measurement_in *r = &rows[idx[i]];

		if (kpi_status_of(&r->k->rule, r->value) != KPI_MISSED)
			continue;
		if (!placed) {
			if (action_plan_place(s, r->k, &place, err) < 0)
				return -1;
			placed = true;
		}
		if (!place.review_id || !place.owner_id)
			return 0;
		if (action_plan_add(s, c, r->k, &place, r->period, now, err) < 0)
			return -1;
	}
	return 0;
}

int measurements_write_all(struct store *s, const struct caller *c, long long engagement_id,
			   const struct measurement_in *rows, size_t n, const char *source, size_t counts[3],
			   struct error *err)
{
	struct stored_set stored = {0};
	size_t *fresh = malloc((n ? n : 1) * sizeof *fresh), *changed = malloc((n ? n : 1) * sizeof *changed);
	size_t *written = malloc((n ? n : 1) * sizeof *written);
	long long *ids = malloc((n ? n : 1) * sizeof *ids);
	size_t nfresh = 0, nchanged = 0, nwritten = 0;
	const char *from = n ? rows[0].period : "", *to = from;
	char now[24];
	int rc = -1;

	if (!fresh || !changed || !written || !ids) {
		error_set(err, 500, "internal", NULL, "out of memory");
		goto done;
	}
	for (size_t i = 1; i < n; i++) {
		if (strcmp(rows[i].period, from) < 0)
			from = rows[i].period;
		if (strcmp(rows[i].period, to) > 0)
			to = rows[i].period;
	}
	if (stored_read(s, STMT_MEASUREMENT_EXISTING_ENG, engagement_id, from, to, &stored, err))
		goto done;
	store_trust_hold(s, true); /* released at done, on every path */
	for (size_t i = 0; i < n; i++) {
		const struct stored *f = stored_find(&stored, rows[i].k->id, rows[i].period);

		if (f && kpi_same_value(f->value, rows[i].value) && strcmp(f->note, rows[i].note) == 0) {
			counts[MEASURE_UNCHANGED]++;
			continue;
		}
		if (f && kpi_same_value(f->value, rows[i].value)) {
			long long id;

			/* Only the note is new: written alone, as measurement_write keeps a standing dispute then (rare). */
			if (measurement_write(s, c, rows[i].k, rows[i].period, rows[i].value, rows[i].note, source, &id, err) < 0)
				goto done;
			counts[MEASURE_REPLACED]++;
			continue;
		}
		if (f) {
			ids[nchanged] = f->id;
			changed[nchanged++] = i;
			counts[MEASURE_REPLACED]++;
		} else {
			fresh[nfresh++] = i;
			counts[MEASURE_CREATED]++;
		}
		written[nwritten++] = i; /* in the file's order, as row by row */
	}
	now_iso(now);
	if (insert_new(s, c, rows, fresh, nfresh, source, now, err) ||
	    replace_changed(s, c, rows, changed, ids, nchanged, source, now, err) ||
	    credits_all(s, engagement_id, rows, written, nwritten, from, to, now, err) ||
	    actions_all(s, c, rows, written, nwritten, now, err))
		goto done;
	if (counts[MEASURE_CREATED] + counts[MEASURE_REPLACED]) {
		struct sqlval a[1] = {SQL_I(engagement_id)};

		if (store_exec(s, STMT_TRUST_BUMP_ENG, a, 1, NULL, NULL, err) < 0)
			goto done;
	}
	rc = 0;
done:
	store_trust_hold(s, false);
	stored_free(&stored);
	free(fresh);
	free(changed);
	free(written);
	free(ids);
	return rc;
}
