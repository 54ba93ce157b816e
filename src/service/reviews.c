/* reviews: use cases for mandated business reviews — mandate and schedule, reviews, attendance and compliance. */
#include "reviews.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/csv.h"
#include "../util/grow.h"
#include "attention.h"
#include "clock.h"
#include "markdown.h"

#define ALL_ROWS 1000000 /* "no limit" in portable SQL */

struct eng_term {
	int found;
	long long buyer, provider;
	struct date starts, ends;
};

static int term_cb(void *ctx, const struct sqlval *c, int n)
{
	struct eng_term *t = ctx;

	(void)n;
	t->found = 1;
	t->buyer = c[1].i;
	t->provider = c[3].i;
	date_parse(c[7].s, &t->starts);
	date_parse(c[8].s, &t->ends);
	return 1;
}

static int load_term(struct store *s, long long id, struct eng_term *t, struct error *err)
{
	struct sqlval a[1] = {SQL_I(id)};

	memset(t, 0, sizeof *t);
	if (store_exec(s, STMT_ENG_GET, a, 1, term_cb, t, err) < 0)
		return -1;
	if (!t->found) {
		error_set(err, 404, "not_found", NULL, "no such engagement");
		return -1;
	}
	return 0;
}

struct mandate_row {
	int found;
	int cadence;
	role_mask roles;
	int grace;
};

static int mandate_cb(void *ctx, const struct sqlval *c, int n)
{
	struct mandate_row *m = ctx;

	(void)n;
	m->found = 1;
	m->cadence = cadence_parse(c[1].s);
	m->roles = (role_mask)c[2].i;
	m->grace = (int)c[3].i;
	return 1;
}

struct ids {
	long long v[SCHEDULE_MAX];
	int n;
};

static int ids_cb(void *ctx, const struct sqlval *c, int n)
{
	struct ids *l = ctx;

	(void)n;
	if (l->n < SCHEDULE_MAX)
		l->v[l->n++] = c[0].i;
	return 0;
}

struct dates {
	struct date v[SCHEDULE_MAX];
	int n;
};

static int dates_cb(void *ctx, const struct sqlval *c, int n)
{
	struct dates *l = ctx;

	(void)n;
	if (l->n < SCHEDULE_MAX && date_parse(c[0].s, &l->v[l->n]))
		l->n++;
	return 0;
}

static bool already_done(const struct dates *done, struct date d)
{
	for (int i = 0; i < done->n; i++)
		if (date_compare(done->v[i], d) == 0)
			return true;
	return false;
}

/* Moves the future planned reviews onto the schedule's dates; see mandate_set. */
static int replan(struct store *s, long long eng, const struct eng_term *t,
		  const struct mandate_row *m, struct date today, struct error *err)
{
	static __thread struct dates want, done;
	static __thread struct ids have;
	char today_s[11], due[11], now[24];
	struct sqlval a[9];
	int n, k = 0;

	date_format(today, today_s);
	now_iso(now);
	n = review_schedule(t->starts, t->ends, m->cadence, today, want.v, SCHEDULE_MAX);
	done.n = 0;
	have.n = 0;
	a[0] = SQL_I(eng);
	a[1] = SQL_T(today_s);
	if (store_exec(s, STMT_REVIEW_FUTURE_DONE, a, 2, dates_cb, &done, err) < 0 ||
	    store_exec(s, STMT_REVIEW_FUTURE_PLANNED, a, 2, ids_cb, &have, err) < 0)
		return -1;
	for (int i = 0; i < n; i++) {
		long long id;

		/* A review already held (or cancelled) for this date keeps standing for it. */
		if (already_done(&done, want.v[i]))
			continue;
		date_format(want.v[i], due);
		if (k < have.n) {
			a[0] = SQL_T(due);
			a[1] = SQL_I(m->roles);
			a[2] = SQL_I(m->grace);
			a[3] = SQL_T(now);
			a[4] = SQL_I(have.v[k++]);
			if (store_exec(s, STMT_REVIEW_REPLAN, a, 5, NULL, NULL, err) < 0)
				return -1;
			continue;
		}
		a[0] = SQL_I(t->buyer);
		a[1] = SQL_I(eng);
		a[2] = SQL_T(due);
		a[3] = SQL_I(0);
		a[4] = SQL_I(m->roles);
		a[5] = SQL_I(m->grace);
		a[6] = SQL_T("");
		a[7] = SQL_T(now);
		a[8] = SQL_T(now);
		if (store_int(s, STMT_REVIEW_INSERT, a, 9, &id, err) != 0)
			return -1;
	}
	/* Planned reviews the new schedule does not need: removed, or cancelled if something was recorded. */
	for (; k < have.n; k++) {
		long long content = 0;

		for (int j = 0; j < 4; j++)
			a[j] = SQL_I(have.v[k]);
		if (store_int(s, STMT_REVIEW_HAS_CONTENT, a, 4, &content, err) < 0)
			return -1;
		if (content) {
			a[0] = SQL_T("no longer in the schedule after the mandate changed");
			a[1] = SQL_T(now);
			a[2] = SQL_I(have.v[k]);
			if (store_exec(s, STMT_REVIEW_CANCEL, a, 3, NULL, NULL, err) < 0)
				return -1;
		} else if (store_exec(s, STMT_REVIEW_DELETE, a, 1, NULL, NULL, err) < 0) {
			return -1;
		}
	}
	return 0;
}

int mandate_set(struct store *s, const struct caller *c, long long eng,
		const struct mandate_input *in, struct error *err)
{
	return mandate_set_from(s, c, eng, in, clock_today(), err);
}

int mandate_set_from(struct store *s, const struct caller *c, long long eng,
		     const struct mandate_input *in, struct date from, struct error *err)
{
	struct mandate_row m = {1, cadence_parse(in->cadence), in->required_roles,
				(int)in->grace_days};
	struct eng_term t;
	struct sqlval a[7];
	char now[24];

	if (m.cadence < 0) {
		error_set(err, 422, in->cadence ? "invalid" : "required", "cadence",
			  "cadence must be quarterly, half-yearly or annual");
		return -1;
	}
	if (!in->required_roles) {
		error_set(err, 422, "required", "required_roles",
			  "name at least one role that must attend, e.g. buyer_cxo");
		return -1;
	}
	if (in->required_roles & ROLE_BIT(ROLE_ADMIN)) {
		error_set(err, 422, "invalid", "required_roles",
			  "admin is a platform role, not a role of either side");
		return -1;
	}
	if (in->grace_days < 0 || in->grace_days > GRACE_DAYS_MAX) {
		error_set(err, 422, "invalid", "grace_days", "grace_days must be from 0 to %d",
			  GRACE_DAYS_MAX);
		return -1;
	}
	if (store_begin(s, err))
		return -1;
	if (load_term(s, eng, &t, err))
		goto fail;
	now_iso(now);
	a[0] = SQL_I(eng);
	a[1] = SQL_I(t.buyer);
	a[2] = SQL_T(cadence_name(m.cadence));
	a[3] = SQL_I(m.roles);
	a[4] = SQL_I(m.grace);
	a[5] = SQL_I(c->user_id);
	a[6] = SQL_T(now);
	if (store_exec(s, STMT_MANDATE_PUT, a, 7, NULL, NULL, err) < 0)
		goto fail;
	if (replan(s, eng, &t, &m, from, err))
		goto fail;
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int mandate_replan(struct store *s, long long eng, struct error *err)
{
	struct mandate_row m = {0};
	struct sqlval a[1] = {SQL_I(eng)};
	struct eng_term t;

	if (store_exec(s, STMT_MANDATE_GET, a, 1, mandate_cb, &m, err) < 0)
		return -1;
	if (!m.found)
		return 0;
	if (load_term(s, eng, &t, err))
		return -1;
	return replan(s, eng, &t, &m, clock_today(), err);
}

static int mandate_json_cb(void *ctx, const struct sqlval *c, int n)
{
	json_t **out = ctx;

	(void)n;
	*out = json_pack("{s:I, s:s, s:o, s:I, s:I, s:s}", "engagement_id", c[0].i, "cadence",
			 c[1].s, "required_roles", roles_json((role_mask)c[2].i), "grace_days",
			 c[3].i, "set_by", c[4].i, "set_at", c[5].s);
	return 1;
}

json_t *mandate_get_json(struct store *s, long long eng)
{
	struct sqlval a[1] = {SQL_I(eng)};
	json_t *m = NULL;

	store_exec(s, STMT_MANDATE_GET, a, 1, mandate_json_cb, &m, NULL);
	return m;
}

long long review_create_adhoc(struct store *s, long long eng, const char *due_on,
			      const char *agenda, struct error *err)
{
	struct mandate_row m = {0};
	struct sqlval a[9];
	struct eng_term t;
	struct date due;
	char now[24];
	long long id;

	if (!due_on || !date_parse(due_on, &due)) {
		error_set(err, 422, due_on ? "invalid" : "required", "due_on",
			  "due_on must be a date YYYY-MM-DD");
		return -1;
	}
	if (agenda && strlen(agenda) > REVIEW_TEXT_MAX) {
		error_set(err, 422, "too_long", "agenda", "the agenda is too long");
		return -1;
	}
	if (load_term(s, eng, &t, err))
		return -1;
	if (date_compare(due, t.starts) < 0 || date_compare(due, t.ends) > 0) {
		error_set(err, 422, "invalid", "due_on",
			  "due_on must fall within the engagement's term");
		return -1;
	}
	a[0] = SQL_I(eng);
	if (store_exec(s, STMT_MANDATE_GET, a, 1, mandate_cb, &m, err) < 0)
		return -1;
	now_iso(now);
	a[0] = SQL_I(t.buyer);
	a[1] = SQL_I(eng);
	a[2] = SQL_T(due_on);
	a[3] = SQL_I(1);
	a[4] = SQL_I(m.found ? m.roles : 0);
	a[5] = SQL_I(m.found ? m.grace : 0);
	a[6] = SQL_T(agenda ? agenda : "");
	a[7] = SQL_T(now);
	a[8] = SQL_T(now);
	if (store_int(s, STMT_REVIEW_INSERT, a, 9, &id, err) != 0)
		return -1;
	return id;
}

/* A review as stored, for an update. */
struct review_row {
	int found;
	long long engagement_id;
	int state, adhoc;
	char due_on[11], held_on[11];
	char *cancel_reason, *agenda, *minutes, *decisions;
};

static char *dup(const char *s)
{
	return strdup(s ? s : "");
}

static int review_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct review_row *r = ctx;

	(void)n;
	r->found = 1;
	r->engagement_id = c[1].i;
	snprintf(r->due_on, sizeof r->due_on, "%s", c[2].s ? c[2].s : "");
	snprintf(r->held_on, sizeof r->held_on, "%s", c[3].s ? c[3].s : "");
	r->state = review_state_parse(c[4].s);
	r->cancel_reason = dup(c[5].s);
	r->adhoc = (int)c[6].i;
	r->agenda = dup(c[10].s);
	r->minutes = dup(c[11].s);
	r->decisions = dup(c[12].s);
	return 1;
}

static void review_row_free(struct review_row *r)
{
	free(r->cancel_reason);
	free(r->agenda);
	free(r->minutes);
	free(r->decisions);
}

static void replace(char **dst, const char *src)
{
	if (src) {
		free(*dst);
		*dst = dup(src);
	}
}

static bool text_ok(const char *v, const char *field, size_t max, struct error *err)
{
	if (v && strlen(v) > max) {
		error_set(err, 422, "too_long", field, "%s is too long (at most %zu bytes)", field, max);
		return false;
	}
	return true;
}

/* Applies a patch to the stored review and checks the result; see review_update. */
static int review_merge(struct review_row *r, const struct review_input *in,
			const struct eng_term *t, bool may_cancel, struct error *err)
{
	int to = in->status ? review_state_parse(in->status) : r->state;
	struct date d;

	if (to < 0) {
		error_set(err, 422, "invalid", "status", "status must be planned, held or cancelled");
		return -1;
	}
	if (!text_ok(in->agenda, "agenda", REVIEW_TEXT_MAX, err) ||
	    !text_ok(in->minutes, "minutes", REVIEW_TEXT_MAX, err) ||
	    !text_ok(in->decisions, "decisions", REVIEW_TEXT_MAX, err) ||
	    !text_ok(in->cancel_reason, "cancel_reason", CANCEL_REASON_MAX, err))
		return -1;
	if (in->due_on) {
		if (!r->adhoc) {
			error_set(err, 422, "invalid", "due_on",
				  "a mandated review's due date comes from the mandate; change the mandate or add an ad-hoc review");
			return -1;
		}
		if (!date_parse(in->due_on, &d) || date_compare(d, t->starts) < 0 ||
		    date_compare(d, t->ends) > 0) {
			error_set(err, 422, "invalid", "due_on",
				  "due_on must be a date within the engagement's term");
			return -1;
		}
		snprintf(r->due_on, sizeof r->due_on, "%s", in->due_on);
	}
	/* Giving held_on records the review as held, unless another status is named. */
	if (in->held_on && !in->status)
		to = RSTATE_HELD;
	/* Cancelling, changing why, and taking a cancellation back are the same power. */
	if (!may_cancel && (to == RSTATE_CANCELLED || r->state == RSTATE_CANCELLED) &&
	    (to != r->state || (in->cancel_reason && strcmp(in->cancel_reason, r->cancel_reason) != 0))) {
		error_set(err, 403, "forbidden", "status",
			  "only the buyer's contract or sourcing manager may cancel a review or undo a cancellation");
		return -1;
	}
	replace(&r->agenda, in->agenda);
	replace(&r->minutes, in->minutes);
	replace(&r->decisions, in->decisions);
	replace(&r->cancel_reason, in->cancel_reason);
	if (to == RSTATE_HELD) {
		if (in->held_on)
			snprintf(r->held_on, sizeof r->held_on, "%s", in->held_on);
		if (!r->held_on[0]) {
			error_set(err, 422, "required", "held_on",
				  "held_on is required to record a review as held");
			return -1;
		}
		if (!date_parse(r->held_on, &d)) {
			error_set(err, 422, "invalid", "held_on", "held_on must be a date YYYY-MM-DD");
			return -1;
		}
		if (!review_held_on_check(d, t->starts, clock_today(), err))
			return -1;
	} else if (in->held_on) {
		error_set(err, 422, "invalid", "held_on",
			  "held_on can only be given for a review that was held");
		return -1;
	} else {
		r->held_on[0] = '\0';
	}
	if (to == RSTATE_CANCELLED && !text_is_multiline(r->cancel_reason, CANCEL_REASON_MAX)) {
		error_set(err, 422, "required", "cancel_reason",
			  "say why the review is cancelled (cancel_reason)");
		return -1;
	}
	if (to != RSTATE_CANCELLED)
		r->cancel_reason[0] = '\0';
	r->state = to;
	return 0;
}

int review_update(struct store *s, long long id, const struct review_input *in, bool may_cancel,
		  struct error *err)
{
	struct review_row r = {0};
	struct sqlval a[9];
	struct eng_term t;
	char now[24];
	int rc = -1, was_state;
	char was_held_on[11];
	bool dates_move;
	long long answers = 0;

	a[0] = SQL_I(id);
	if (store_exec(s, STMT_REVIEW_GET, a, 1, review_row_cb, &r, err) < 0)
		goto out;
	if (!r.found) {
		error_set(err, 404, "not_found", NULL, "no such review");
		goto out;
	}
	snprintf(was_held_on, sizeof was_held_on, "%s", r.held_on);
	was_state = r.state;
	if (load_term(s, r.engagement_id, &t, err) || review_merge(&r, in, &t, may_cancel, err))
		goto out;
	/* A held review's day fixes its survey period: once anyone has answered, moving it (or un-holding the review) could close the period to read the other side's answers and open it again. */
	dates_move = was_state == RSTATE_HELD && (r.state != RSTATE_HELD || strcmp(was_held_on, r.held_on) != 0);
	now_iso(now);
	a[0] = r.held_on[0] ? SQL_T(r.held_on) : SQL_NUL;
	a[1] = SQL_T(review_state_name(r.state));
	a[2] = SQL_T(r.cancel_reason);
	a[3] = SQL_T(r.agenda);
	a[4] = SQL_T(r.minutes);
	a[5] = SQL_T(r.decisions);
	a[6] = SQL_T(now);
	a[7] = SQL_I(id);
	/* The record and a new due date are written together or not at all. */
	if (store_begin(s, err))
		goto out;
	if (dates_move) {
		struct sqlval q[1] = {SQL_I(id)};

		if (store_int(s, STMT_SURVEY_ANSWERS_OF_REVIEW, q, 1, &answers, err))
			goto fail;
		if (answers > 0) {
			error_set(err, 409, "survey_started", "held_on",
				  "the survey of this review has answers: the day it was held no longer moves");
			goto fail;
		}
	}
	if (store_exec(s, STMT_REVIEW_UPDATE, a, 8, NULL, NULL, err) < 0)
		goto fail;
	if (in->due_on) {
		/* Only ad-hoc reviews move; review_merge checked. */
		a[0] = SQL_T(r.due_on);
		a[1] = SQL_I(id);
		if (store_exec(s, STMT_REVIEW_MOVE, a, 2, NULL, NULL, err) < 0)
			goto fail;
	}
	rc = store_commit(s, err);
	goto out;
fail:
	store_rollback(s);
out:
	review_row_free(&r);
	return rc;
}

struct person {
	long long id;
	long long org_id;
	role_mask roles;
};

struct people {
	struct person *v;
	size_t n, cap;
};

static int people_cb(void *ctx, const struct sqlval *c, int n)
{
	struct people *p = ctx;

	(void)n;
	if (grow((void **)&p->v, &p->cap, p->n, sizeof *p->v))
		return 1;
	p->v[p->n].id = c[0].i;
	p->v[p->n].roles = (role_mask)c[3].i;
	p->v[p->n].org_id = c[4].i;
	p->n++;
	return 0;
}

static const struct person *find_person(const struct people *p, long long id)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->v[i].id == id)
			return &p->v[i];
	return NULL;
}

int attendance_set(struct store *s, long long review_id, const struct attendee *at, size_t n,
		   struct error *err)
{
	struct review_row r = {0};
	struct people people = {0};
	struct sqlval a[5];
	long long buyer = 0;
	role_mask present = 0;
	char now[24];
	int rc = -1;

	a[0] = SQL_I(review_id);
	if (store_exec(s, STMT_REVIEW_GET, a, 1, review_row_cb, &r, err) < 0)
		goto out;
	if (!r.found) {
		error_set(err, 404, "not_found", NULL, "no such review");
		goto out;
	}
	a[0] = SQL_I(r.engagement_id);
	a[1] = SQL_I(0);
	if (store_exec(s, STMT_ENG_PEOPLE, a, 2, people_cb, &people, err) < 0)
		goto out;
	for (size_t i = 0; i < n; i++) {
		const struct person *p = find_person(&people, at[i].user_id);
		/* err keeps a pointer to the field's name, so it must outlive this call. */
		static __thread char field[48];

		snprintf(field, sizeof field, "attendees[%zu].user_id", i);
		if (!p) {
			error_set(err, 422, "invalid", field,
				  "user %lld is not a member of either organisation of this engagement",
				  at[i].user_id);
			goto out;
		}
		for (size_t j = 0; j < i; j++) {
			if (at[j].user_id == at[i].user_id) {
				error_set(err, 422, "duplicate", field, "user %lld is listed twice",
					  at[i].user_id);
				goto out;
			}
		}
		if (at[i].present)
			present |= p->roles;
	}
	/* The row's tenant is the engagement's buyer, whichever side the attendee is on. */
	a[0] = SQL_I(r.engagement_id);
	if (store_int(s, STMT_ENG_BUYER_OF, a, 1, &buyer, err) != 0)
		goto out;
	if (store_begin(s, err))
		goto out;
	a[0] = SQL_I(review_id);
	if (store_exec(s, STMT_ATTENDANCE_CLEAR, a, 1, NULL, NULL, err) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		a[0] = SQL_I(review_id);
		a[1] = SQL_I(at[i].user_id);
		a[2] = SQL_I(buyer);
		a[3] = SQL_I(at[i].present ? 1 : 0);
		a[4] = SQL_I(find_person(&people, at[i].user_id)->roles);
		if (store_exec(s, STMT_ATTENDANCE_INSERT, a, 5, NULL, NULL, err) < 0)
			goto fail;
	}
	now_iso(now);
	a[0] = SQL_I(present);
	a[1] = SQL_T(now);
	a[2] = SQL_I(review_id);
	if (store_exec(s, STMT_REVIEW_SET_PRESENT, a, 3, NULL, NULL, err) < 0)
		goto fail;
	rc = store_commit(s, err);
	goto out;
fail:
	store_rollback(s);
out:
	free(people.v);
	review_row_free(&r);
	return rc;
}

/* The review's JSON from a REVIEW_COLUMNS row; full adds the rendered Markdown. */
static json_t *review_json(const struct sqlval *c, struct date today, bool full)
{
	struct date due, held;
	bool is_held = c[3].s && date_parse(c[3].s, &held);
	enum review_state st = review_state_parse(c[4].s);
	role_mask required = (role_mask)c[7].i, present = (role_mask)c[9].i;
	json_t *o;

	date_parse(c[2].s, &due);
	o = json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:s, s:b, s:o, s:I, s:b, s:o, s:o, s:s, s:s, s:s, s:s, s:s}",
		      "id", c[0].i, "engagement_id", c[1].i, "due_on", c[2].s, "held_on",
		      is_held ? json_string(c[3].s) : json_null(), "status",
		      review_status_name(review_status_derive(st, due, is_held ? &held : NULL,
							      (int)c[8].i, today)),
		      "state", c[4].s, "cancel_reason", c[5].s, "adhoc", c[6].i != 0,
		      "required_roles", roles_json(required), "grace_days", c[8].i, "quorum_met",
		      review_quorum_met(required, present), "missing_roles",
		      roles_json(required & ~present), "present_roles", roles_json(present),
		      "agenda", c[10].s, "minutes", c[11].s, "decisions", c[12].s, "created_at",
		      c[13].s, "updated_at", c[14].s);
	if (full && o) {
		static const char *const md[3] = {"agenda", "minutes", "decisions"};

		for (int i = 0; i < 3; i++) {
			struct buf b;
			char key[24];

			buf_init(&b, 4 * REVIEW_TEXT_MAX);
			markdown_html(&b, c[10 + i].s);
			snprintf(key, sizeof key, "%s_html", md[i]);
			json_object_set_new(o, key, json_string(b.data));
			buf_release(&b);
		}
	}
	return o;
}

struct review_list {
	json_t *items;
	struct date today;
	bool full;
};

static int review_list_cb(void *ctx, const struct sqlval *c, int n)
{
	struct review_list *l = ctx;

	(void)n;
	json_array_append_new(l->items, review_json(c, l->today, l->full));
	return 0;
}

static int attendance_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, s:s, s:b, s:o}", "user_id",
					     c[0].i, "name", c[1].s, "email", c[2].s, "org_id",
					     c[3].i, "org_name", c[4].s, "present", c[5].i != 0,
					     "roles", roles_json((role_mask)c[6].i)));
	return 0;
}

json_t *review_get_json(struct store *s, long long id)
{
	struct review_list l = {json_array(), clock_today(), true};
	struct sqlval a[1] = {SQL_I(id)};
	json_t *r = NULL, *att;

	if (store_exec(s, STMT_REVIEW_GET, a, 1, review_list_cb, &l, NULL) > 0)
		r = json_incref(json_array_get(l.items, 0));
	json_decref(l.items);
	if (!r)
		return NULL;
	att = json_array();
	store_exec(s, STMT_ATTENDANCE_LIST, a, 1, attendance_cb, att, NULL);
	json_object_set_new(r, "attendance", att);
	return r;
}

json_t *review_list_json(struct store *s, long long eng, struct page pg)
{
	struct review_list l = {json_array(), clock_today(), false};
	struct sqlval a[5] = {SQL_I(eng), SQL_I(pg.after), SQL_I(pg.after), SQL_I(pg.after),
			      SQL_I(pg.limit + 1)};

	if (store_exec(s, STMT_REVIEW_LIST_ENG, a, 5, review_list_cb, &l, NULL) < 0) {
		json_decref(l.items);
		return NULL;
	}
	return page_wrap(l.items, pg.limit);
}

static int people_json_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:o, s:I, s:s, s:s}", "id", c[0].i,
					     "name", c[1].s, "email", c[2].s, "roles",
					     roles_json((role_mask)c[3].i), "org_id", c[4].i,
					     "org_name", c[5].s, "side", c[6].s));
	return 0;
}

json_t *engagement_people_json(struct store *s, long long eng, long long viewer_org)
{
	struct sqlval a[2] = {SQL_I(eng), SQL_I(viewer_org)};
	json_t *items = json_array();

	store_exec(s, STMT_ENG_PEOPLE, a, 2, people_json_cb, items, NULL);
	return items;
}

/* Compliance of one engagement, gathered from PORTFOLIO rows (one per review, or one with no review). */
struct tally {
	long long engagement_id;
	char title[ENGAGEMENT_TITLE_MAX * 4 + 1], buyer[ORG_NAME_MAX * 4 + 1],
		provider[ORG_NAME_MAX * 4 + 1];
	long long contract_manager_id;
	struct compliance c;
	char next_due[11], last_held[11];
};

static void tally_add(struct tally *t, const struct sqlval *c, struct date today)
{
	struct date due, held;
	bool is_held;
	enum review_state st;

	if (c[5].type == SQL_NULL || !date_parse(c[5].s, &due))
		return; /* an engagement with no reviews */
	is_held = c[6].s && date_parse(c[6].s, &held);
	st = review_state_parse(c[7].s);
	compliance_count(&t->c, st, due, is_held ? &held : NULL, (int)c[9].i, (role_mask)c[8].i,
			 (role_mask)c[10].i, today);
	if (st == RSTATE_PLANNED && !t->next_due[0] && date_compare(due, today) >= 0)
		snprintf(t->next_due, sizeof t->next_due, "%s", c[5].s);
	if (is_held && strcmp(c[6].s, t->last_held) > 0)
		snprintf(t->last_held, sizeof t->last_held, "%s", c[6].s);
}

static json_t *tally_json(const struct tally *t)
{
	const struct compliance *c = &t->c;

	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:i, s:o, s:o, s:b}",
			 "engagement_id", t->engagement_id, "title", t->title, "buyer", t->buyer,
			 "provider", t->provider, "contract_manager_id", t->contract_manager_id,
			 "due", c->due, "held_on_time", c->held_on_time, "late", c->late, "missed",
			 c->missed, "in_grace", c->in_grace, "without_quorum", c->without_quorum,
			 "upcoming", c->upcoming, "cancelled", c->cancelled, "next_due_on",
			 t->next_due[0] ? json_string(t->next_due) : json_null(), "last_held_on",
			 t->last_held[0] ? json_string(t->last_held) : json_null(),
			 "needs_attention", compliance_needs_attention(c));
}

struct portfolio {
	json_t *items;
	struct tally cur;
	struct date today;
	long long only; /* one engagement, or 0 for all */
};

static void portfolio_flush(struct portfolio *p)
{
	if (p->cur.engagement_id)
		json_array_append_new(p->items, tally_json(&p->cur));
	memset(&p->cur, 0, sizeof p->cur);
}

static int portfolio_cb(void *ctx, const struct sqlval *c, int n)
{
	struct portfolio *p = ctx;

	(void)n;
	if (p->only && c[0].i != p->only)
		return 0;
	if (c[0].i != p->cur.engagement_id) {
		portfolio_flush(p);
		p->cur.engagement_id = c[0].i;
		snprintf(p->cur.title, sizeof p->cur.title, "%s", c[1].s);
		snprintf(p->cur.buyer, sizeof p->cur.buyer, "%s", c[2].s);
		snprintf(p->cur.provider, sizeof p->cur.provider, "%s", c[3].s);
		p->cur.contract_manager_id = c[4].i;
	}
	tally_add(&p->cur, c, p->today);
	return 0;
}

static json_t *portfolio_run(struct store *s, enum stmt st, long long key, long long only)
{
	struct portfolio *p = calloc(1, sizeof *p);
	struct sqlval a[1] = {SQL_I(key)};
	json_t *items;

	if (!p)
		return NULL;
	p->items = json_array();
	p->today = clock_today();
	p->only = only;
	if (store_exec(s, st, a, 1, portfolio_cb, p, NULL) < 0) {
		json_decref(p->items);
		free(p);
		return NULL;
	}
	portfolio_flush(p);
	items = p->items;
	free(p);
	return items;
}

/* Needs attention is attention.c's (the last 12 months, with reasons), whatever the whole history's counts above say. */
static void attention_set(json_t *item, const struct attention *a)
{
	json_object_set_new(item, "needs_attention", json_boolean(attention_needed(a)));
	json_object_set_new(item, "attention", attention_json(a));
}

json_t *compliance_json(struct store *s, long long eng)
{
	struct eng_term t;
	json_t *items, *one;

	if (load_term(s, eng, &t, NULL))
		return NULL;
	items = portfolio_run(s, STMT_PORTFOLIO_ENG, eng, eng);
	one = json_incref(json_array_get(items, 0));
	json_decref(items);
	if (one) {
		struct attention a;

		if (attention_engagement(s, eng, &a)) {
			json_decref(one);
			return NULL;
		}
		attention_set(one, &a);
	}
	return one;
}

json_t *portfolio_json(struct store *s, const struct caller *c)
{
	enum stmt st = c->org_kind == ORG_PROVIDER ? STMT_PORTFOLIO_PROVIDER : STMT_PORTFOLIO_BUYER;
	json_t *items = c->org_kind == ORG_PLATFORM ? json_array()
						    : portfolio_run(s, st, c->org_id, 0);
	json_t *totals = json_object();
	static const char *const keys[] = {"due", "held_on_time", "late", "missed", "in_grace",
					   "without_quorum", "upcoming", "cancelled"};
	size_t i, attention = 0;
	json_t *e;

	struct attention *att = NULL;
	size_t na = 0;

	if (!items || attention_org(s, c, &att, &na)) {
		json_decref(items);
		json_decref(totals);
		return NULL;
	}
	json_array_foreach(items, i, e) attention_set(e, attention_find(att, na, json_integer_value(json_object_get(e, "engagement_id"))));
	free(att);
	for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
		long long sum = 0;

		json_array_foreach(items, i, e) sum += json_integer_value(json_object_get(e, keys[k]));
		json_object_set_new(totals, keys[k], json_integer(sum));
	}
	json_array_foreach(items, i, e) attention += json_is_true(json_object_get(e, "needs_attention"));
	json_object_set_new(totals, "engagements", json_integer((json_int_t)json_array_size(items)));
	json_object_set_new(totals, "needs_attention", json_integer((json_int_t)attention));
	return json_pack("{s:o, s:o, s:o}", "items", items, "totals", totals, "next", json_null());
}

void compliance_csv(struct buf *out, json_t *items)
{
	static const char *const cols[] = {"engagement_id", "title", "buyer", "provider", "due",
					   "held_on_time", "late", "missed", "in_grace",
					   "without_quorum", "upcoming", "cancelled", "next_due_on",
					   "last_held_on", "needs_attention"};

	csv_items(out, items, cols, sizeof cols / sizeof cols[0]);
}

void portfolio_csv(struct buf *out, json_t *items)
{
	static const char *const cols[] = {"engagement_id", "title", "buyer", "provider", "mode",
					   "trust", "advice", "recommended_mode", "due",
					   "held_on_time", "late", "missed", "in_grace",
					   "without_quorum", "upcoming", "cancelled", "next_due_on",
					   "last_held_on", "needs_attention"};

	csv_items(out, items, cols, sizeof cols / sizeof cols[0]);
}
