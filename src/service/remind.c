/* remind: works out which reminders are due today and e-mails each to its people exactly once. */
#include "remind.h"

#include <stdlib.h>
#include <string.h>

#include "../domain/delivery.h"
#include "../domain/review.h"
#include "../util/buf.h"
#include "../util/grow.h"
#include "access.h"
#include "clock.h"
#include "digest.h"
#include "events.h"
#include "mail.h"
#include "orgs.h"

/* One reminder to one person, gathered before any is sent. */
struct reminder {
	enum reminder_kind kind;
	long long subject_id; /* the review or the action */
	long long user_id, buyer_org_id, review_id;
	char *email, *name, *subject, *body;
	char key[40]; /* the ledger's kind when it is not the kind's name ('renewal_30:<notice date>') */
};

struct batch {
	struct reminder *v;
	size_t n, cap;
	struct date today;
	const char *base;
};

static struct reminder *batch_add(struct batch *b)
{
	if (grow((void **)&b->v, &b->cap, b->n, sizeof *b->v))
		return NULL;
	memset(&b->v[b->n], 0, sizeof b->v[0]);
	return &b->v[b->n++];
}

static void batch_free(struct batch *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].email);
		free(b->v[i].name);
		free(b->v[i].subject);
		free(b->v[i].body);
	}
	free(b->v);
}

static char *text(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static char *text(const char *fmt, ...)
{
	struct buf b;
	va_list ap;

	buf_init(&b, 0);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	return buf_detach(&b, NULL);
}

/* A review's candidates, with what the mails will say. */
struct review_due {
	long long id, engagement_id, buyer, provider, cm;
	role_mask required;
	unsigned kinds;
	char title[700], due_on[11], held_on[11];
};

struct review_dues {
	struct review_due *v;
	size_t n, cap;
	struct date today;
};

static int review_cb(void *ctx, const struct sqlval *c, int n)
{
	struct review_dues *l = ctx;
	struct review_due *r;
	struct date due, held;
	bool is_held = c[4].s && date_parse(c[4].s, &held);
	unsigned kinds;

	(void)n;
	date_parse(c[3].s, &due);
	kinds = reminders_for_review(review_state_parse(c[5].s), due, is_held ? &held : NULL,
				     c[6].s && c[6].s[0], l->today);
	if (!kinds)
		return 0;
	if (grow((void **)&l->v, &l->cap, l->n, sizeof *l->v))
		return 1;
	r = &l->v[l->n++];
	r->id = c[0].i;
	r->engagement_id = c[1].i;
	snprintf(r->title, sizeof r->title, "%s", c[2].s);
	snprintf(r->due_on, sizeof r->due_on, "%s", c[3].s);
	snprintf(r->held_on, sizeof r->held_on, "%s", is_held ? c[4].s : "");
	r->buyer = c[7].i;
	r->provider = c[8].i;
	r->cm = c[9].i;
	r->required = (role_mask)c[10].i;
	r->kinds = kinds;
	return 0;
}

struct person_ctx {
	struct batch *b;
	const struct review_due *r;
	enum reminder_kind kind;
};

static void review_mail(struct reminder *m, const struct review_due *r, struct date today,
			const char *base)
{
	struct date due;
	long days;

	date_parse(r->due_on, &due);
	days = date_to_days(due) - date_to_days(today);
	switch (m->kind) {
	case REMIND_REVIEW_30:
	case REMIND_REVIEW_7:
		m->subject = text("Business review due in %ld day%s: %s", days, days == 1 ? "" : "s",
				  r->title);
		m->body = text("Hello %s,\n\nThe business review of %s is due on %s, in %ld day%s.\n"
			       "Please make sure it is scheduled and that the mandated roles can attend.\n\n"
			       "%s/reviews/%lld\n\n-- accord\n",
			       m->name, r->title, r->due_on, days, days == 1 ? "" : "s", base, r->id);
		break;
	case REMIND_REVIEW_OVERDUE:
		m->subject = text("Business review overdue: %s", r->title);
		m->body = text("Hello %s,\n\nThe business review of %s was due on %s and has not been "
			       "recorded as held.\nHold it, record it, or cancel it with a reason.\n\n"
			       "%s/reviews/%lld\n\n-- accord\n",
			       m->name, r->title, r->due_on, base, r->id);
		break;
	default:
		m->subject = text("Minutes missing: business review of %s", r->title);
		m->body = text("Hello %s,\n\nThe business review of %s was held on %s, but no minutes "
			       "have been recorded yet.\n\n%s/reviews/%lld\n\n-- accord\n",
			       m->name, r->title, r->held_on, base, r->id);
	}
}

static int person_cb(void *ctx, const struct sqlval *c, int n)
{
	struct person_ctx *p = ctx;
	struct reminder *m;

	(void)n;
	for (size_t i = 0; i < p->b->n; i++)
		if (p->b->v[i].kind == p->kind && p->b->v[i].subject_id == p->r->id &&
		    p->b->v[i].user_id == c[0].i)
			return 0; /* the contract manager may also hold a mandated role */
	m = batch_add(p->b);
	if (!m)
		return 1;
	m->kind = p->kind;
	m->subject_id = p->r->id;
	m->review_id = p->r->id;
	m->user_id = c[0].i;
	m->buyer_org_id = p->r->buyer;
	m->email = strdup(c[1].s);
	m->name = strdup(c[2].s);
	review_mail(m, p->r, p->b->today, p->b->base);
	return 0;
}

static int action_cb(void *ctx, const struct sqlval *c, int n)
{
	struct batch *b = ctx;
	struct reminder *m;
	struct date due;
	unsigned kinds;

	(void)n;
	date_parse(c[4].s, &due);
	kinds = reminders_for_action(ACTION_OPEN, due, b->today);
	if (!kinds || !(m = batch_add(b)))
		return 0;
	m->kind = (kinds & REMIND_BIT(REMIND_ACTION_OVERDUE)) ? REMIND_ACTION_OVERDUE : REMIND_ACTION_DUE;
	m->subject_id = c[0].i;
	m->user_id = c[5].i;
	m->buyer_org_id = c[8].i;
	m->email = strdup(c[6].s);
	m->name = strdup(c[7].s);
	if (m->kind == REMIND_ACTION_OVERDUE)
		m->subject = text("Action overdue: %s", c[3].s);
	else
		m->subject = text("Action due on %s: %s", c[4].s, c[3].s);
	m->body = text("Hello %s,\n\nYour action \"%s\" from a business review of %s %s on %s.\n"
		       "Mark it done or dropped in accord when it is.\n\n%s/actions\n\n-- accord\n",
		       m->name, c[3].s, c[2].s, m->kind == REMIND_ACTION_OVERDUE ? "was due" : "is due",
		       c[4].s, b->base);
	return 0;
}

/* An outbox event (a bid deadline moved) to one of the bidder's leadership or consultants, not yet mailed to them. */
static int bid_deadline_cb(void *ctx, const struct sqlval *c, int n)
{
	struct batch *b = ctx;
	json_t *p = json_loads(c[2].s ? c[2].s : "", 0, NULL);
	const char *title = json_string_value(json_object_get(p, "title"));
	const char *from = json_string_value(json_object_get(p, "from"));
	const char *to = json_string_value(json_object_get(p, "to"));
	struct reminder *m;

	(void)n;
	if (!title || !from || !to || !(m = batch_add(b))) {
		json_decref(p);
		return 0;
	}
	m->kind = REMIND_BID_DEADLINE;
	m->subject_id = c[0].i;
	m->buyer_org_id = c[1].i;
	m->user_id = c[3].i;
	m->email = strdup(c[4].s);
	m->name = strdup(c[5].s);
	m->subject = text("Bid deadline %s: %s", strcmp(from, to) < 0 ? "extended" : "moved", title);
	m->body = text("Hello %s,\n\nThe bid deadline of \"%s\", on which your organisation has bid, "
		       "has moved from %s to %s.\nYour bid stays sealed until then; you may revise or withdraw it "
		       "until the end of %s.\n\n%s/roadmap-items/%lld\n\n-- accord\n",
		       m->name, title, from, to, to, b->base, (long long)json_integer_value(json_object_get(p, "item_id")));
	json_decref(p);
	return 0;
}

/*
 * Renewals (docs/delivery.md): an accepted engagement's notice date (ends_on − notice_days, when
 * notice days are recorded) is mailed to its contract manager and the provider's leadership once 30 days
 * before (any run from then until the day before, so a missed day catches up) and once on the
 * day. The ledger key carries the notice date: a changed date is a new reminder.
 */
struct renewal_ctx {
	struct batch *b;
	long long engagement_id, buyer;
	const char *key, *title, *notice_on, *ends_on, *renewal;
	bool on_the_day;
};

static int renewal_person_cb(void *ctx, const struct sqlval *c, int n)
{
	struct renewal_ctx *r = ctx;
	struct reminder *m;

	(void)n;
	if (!(m = batch_add(r->b)))
		return 1;
	m->kind = REMIND_RENEWAL;
	snprintf(m->key, sizeof m->key, "%s", r->key);
	m->subject_id = r->engagement_id;
	m->user_id = c[0].i;
	m->buyer_org_id = r->buyer;
	m->email = strdup(c[1].s);
	m->name = strdup(c[2].s);
	m->subject = r->on_the_day ? text("Notice date today: %s", r->title) : text("Notice date in 30 days or less: %s", r->title);
	m->body = text("Hello %s,\n\n%s ends on %s; notice must be given by %s%s.\nRenewal: %s.\n"
		       "Decide whether to renew, renegotiate or exit, and tell the other side in time.\n\n"
		       "%s/engagements/%lld#contract\n\n-- accord\n",
		       m->name, r->title, r->ends_on, r->notice_on, r->on_the_day ? ", which is today" : "", r->renewal,
		       r->b->base, r->engagement_id);
	return 0;
}

static int renewal_cb(void *ctx, const struct sqlval *c, int n)
{
	struct store *s = ((void **)ctx)[0];
	struct batch *b = ((void **)ctx)[1];
	struct date ends, notice;
	char on[11], key[40];
	long days;
	struct sqlval a[3];
	struct renewal_ctx r;

	(void)n;
	if (!date_parse(c[2].s, &ends))
		return 0;
	notice = contract_notice_date(ends, (int)c[3].i);
	days = date_to_days(notice) - date_to_days(b->today);
	if (days < 0 || days > 30)
		return 0;
	date_format(notice, on);
	snprintf(key, sizeof key, "%s:%s", days == 0 ? "renewal_notice" : "renewal_30", on);
	r = (struct renewal_ctx){b, c[0].i, c[5].i, key, c[1].s, on, c[2].s, c[4].s, days == 0};
	a[0] = SQL_I(c[7].i);
	if (store_exec(s, STMT_USER_CONTACT, a, 1, renewal_person_cb, &r, NULL) < 0)
		return 1;
	a[0] = SQL_I(0);
	a[1] = SQL_I(c[6].i);
	a[2] = SQL_I(ROLE_BIT(ROLE_PROVIDER_LEADERSHIP));
	return store_exec(s, STMT_USERS_WITH_ROLES, a, 3, renewal_person_cb, &r, NULL) < 0 ? 1 : 0;
}

/* Gathers every reminder due today, person by person. */
static int gather(struct store *s, struct batch *b, struct error *err)
{
	struct review_dues l = {NULL, 0, 0, b->today};
	char horizon[11], today[11];
	struct sqlval a[3];
	int rc = -1;

	date_format(date_add_days(b->today, 30), horizon);
	date_format(date_add_days(b->today, -7), today);
	a[0] = SQL_T(horizon);
	a[1] = SQL_T(today);
	if (store_exec(s, STMT_REMIND_REVIEWS, a, 2, review_cb, &l, err) < 0)
		goto out;
	for (size_t i = 0; i < l.n; i++) {
		const struct review_due *r = &l.v[i];

		for (int k = 0; k < REMIND__MAX; k++) {
			struct person_ctx p = {b, r, (enum reminder_kind)k};

			if (!(r->kinds & REMIND_BIT(k)))
				continue;
			/* The contract manager always; for upcoming and overdue reviews, the mandated roles too. */
			a[0] = SQL_I(r->cm);
			if (store_exec(s, STMT_USER_CONTACT, a, 1, person_cb, &p, err) < 0)
				goto out;
			if (k == REMIND_MINUTES_MISSING || !r->required)
				continue;
			a[0] = SQL_I(r->buyer);
			a[1] = SQL_I(r->provider);
			a[2] = SQL_I(r->required);
			if (store_exec(s, STMT_USERS_WITH_ROLES, a, 3, person_cb, &p, err) < 0)
				goto out;
		}
	}
	date_format(date_add_days(b->today, 3), horizon);
	a[0] = SQL_T(horizon);
	if (store_exec(s, STMT_REMIND_ACTIONS, a, 1, action_cb, b, err) < 0)
		goto out;
	a[0] = SQL_I(ROLES_PROVIDER_GOV);
	if (store_exec(s, STMT_EVENT_MAIL_BID_DEADLINES, a, 1, bid_deadline_cb, b, err) < 0)
		goto out;
	{
		void *ctx[2] = {s, b};

		date_format(b->today, today);
		a[0] = SQL_T(today);
		if (store_exec(s, STMT_REMIND_RENEWALS, a, 1, renewal_cb, ctx, err) < 0)
			goto out;
	}
	rc = 0;
out:
	free(l.v);
	return rc;
}

/* The reminder's kind as the ledger keys it. */
static const char *ledger_kind(const struct reminder *m)
{
	return m->key[0] ? m->key : reminder_kind_name(m->kind);
}

static void key_args(struct sqlval *a, const struct reminder *m)
{
	a[0] = SQL_T(ledger_kind(m));
	a[1] = SQL_I(m->subject_id);
	a[2] = SQL_I(m->user_id);
}

static void report(FILE *out, const char *what, const struct reminder *m, const char *why)
{
	if (!out)
		return;
	fprintf(out, "%s %s %s %lld to %s: %s%s%s\n", what, ledger_kind(m),
		m->kind == REMIND_RENEWAL ? "engagement" : m->kind == REMIND_BID_DEADLINE ? "event" : m->kind >= REMIND_ACTION_DUE ? "action" : "review", m->subject_id, m->email,
		m->subject, why ? " -- " : "", why ? why : "");
}

int remind_run(struct store *s, const struct remind_options *o, struct remind_result *r,
	       struct error *err)
{
	struct batch b = {NULL, 0, 0, clock_today(), o->base_url ? o->base_url : ""};
	char now[24];
	int rc = -1;
	/* Why the SMTP server cannot be reached (mail_send's 503), once one message found out: the rest are not tried. */
	struct error unreachable = {0};

	memset(r, 0, sizeof *r);
	if (gather(s, &b, err))
		goto out;
	for (size_t i = 0; i < b.n; i++) {
		const struct reminder *m = &b.v[i];
		struct sqlval a[5];
		long long claimed = 0;
		struct error send_err = {0};

		key_args(a, m);
		if (o->dry_run) {
			if (store_int(s, STMT_REMINDER_EXISTS, a, 3, &claimed, err) < 0)
				goto out;
			if (!claimed) {
				r->due++;
				report(o->out, "due", m, NULL);
			}
			continue;
		}
		/*
		 * Each message waits up to 30 s for a server that does not answer: with a hundred due,
		 * one unreachable server would hold the run for most of an hour. Once one message found
		 * it unreachable, the rest count as failed untried, unclaimed, for the next run.
		 */
		if (unreachable.status) {
			if (store_int(s, STMT_REMINDER_EXISTS, a, 3, &claimed, err) < 0)
				goto out;
			if (!claimed) {
				r->due++;
				r->failed++;
				report(o->out, "failed", m, unreachable.message);
			}
			continue;
		}
		now_iso(now);
		a[3] = SQL_I(m->buyer_org_id);
		a[4] = SQL_T(now);
		switch (store_int(s, STMT_REMINDER_CLAIM, a, 5, &claimed, err)) {
		case 0:
			break;
		case 1:
			continue; /* sent before, or being sent by another run right now */
		default:
			goto out;
		}
		r->due++;
		if (mail_send(o->smtp_url, o->from, m->email, m->subject, m->body, &send_err) != 0) {
			key_args(a, m);
			store_exec(s, STMT_REMINDER_RELEASE, a, 3, NULL, NULL, NULL);
			r->failed++;
			report(o->out, "failed", m, send_err.message);
			if (!r->why[0])
				snprintf(r->why, sizeof r->why, "%s", send_err.message);
			if (send_err.status == 503)
				unreachable = send_err;
			continue;
		}
		a[0] = SQL_T(now);
		a[1] = SQL_T(ledger_kind(m));
		a[2] = SQL_I(m->subject_id);
		a[3] = SQL_I(m->user_id);
		if (store_exec(s, STMT_REMINDER_SENT, a, 4, NULL, NULL, err) < 0)
			goto out;
		r->sent++;
		report(o->out, "sent", m, NULL);
	}
	/* Then each person's digest of new inbox items, through the same claim-before-send rule. */
	if (!o->no_digest && digest_run(s, o, r, err))
		goto out;
	rc = 0;
out:
	batch_free(&b);
	return rc;
}
