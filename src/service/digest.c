/* digest: each person's new inbox items, e-mailed at most once a day, each item once, claimed before sending like the reminders. */
#include "digest.h"

#include <stdlib.h>
#include <string.h>

#include "../domain/due.h"
#include "../util/buf.h"
#include "../util/grow.h"
#include "clock.h"
#include "inbox.h"
#include "mail.h"
#include "orgs.h"

/* A person the digest may go to, and who they are to the inbox. */
struct person {
	struct caller c;
	char *email, *name;
};

struct people {
	struct person *v;
	size_t n, cap;
};

static int person_row(void *ctx, const struct sqlval *c, int n)
{
	struct people *l = ctx;
	struct person *p;
	int kind = org_kind_parse(c[2].s);

	(void)n;
	if (kind < 0 || grow((void **)&l->v, &l->cap, l->n, sizeof *l->v))
		return 0;
	p = &l->v[l->n++];
	memset(p, 0, sizeof *p);
	p->c.user_id = c[0].i;
	p->c.org_id = c[1].i;
	p->c.org_kind = (enum org_kind)kind;
	p->c.roles = (role_mask)c[3].i;
	p->email = strdup(c[4].s);
	p->name = strdup(c[5].s);
	return 0;
}

static void people_free(struct people *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].email);
		free(l->v[i].name);
	}
	free(l->v);
}

/* The person's inbox items no earlier digest listed (a new array), or NULL on a store error. */
static json_t *new_items(struct store *s, const struct person *p, struct error *err)
{
	json_t *inbox = inbox_json(s, &p->c, err), *fresh, *x;
	size_t i;

	if (!inbox)
		return NULL;
	fresh = json_array();
	json_array_foreach(json_object_get(inbox, "items"), i, x)
	{
		struct sqlval a[3] = {SQL_I(p->c.user_id), SQL_T(json_string_value(json_object_get(x, "kind"))),
				      SQL_T(json_string_value(json_object_get(x, "url")))};
		long long listed = 0;

		if (store_int(s, STMT_DIGEST_ITEM_LISTED, a, 3, &listed, err) < 0) {
			json_decref(fresh);
			json_decref(inbox);
			return NULL;
		}
		if (!listed)
			json_array_append(fresh, x);
	}
	json_decref(inbox);
	return fresh;
}

/* The mail: one line per item under its kind's heading, its due date in words and its link. */
static void compose(struct buf *subject, struct buf *body, const struct person *p, json_t *items, const char *base,
		    struct date today)
{
	const char *last = "";
	json_t *x;
	size_t i, n = json_array_size(items);

	buf_printf(subject, "Your accord inbox: %zu new item%s", n, n == 1 ? "" : "s");
	buf_printf(body, "Hello %s,\n\nNew in your inbox since the last digest:\n", p->name);
	json_array_foreach(items, i, x)
	{
		const char *kind = json_string_value(json_object_get(x, "kind"));
		const char *on = json_string_value(json_object_get(x, "due_on"));
		struct date due;
		char words[48];

		if (strcmp(kind, last))
			buf_printf(body, "\n%s\n", inbox_kind_label(kind));
		last = kind;
		buf_printf(body, "- %s", json_string_value(json_object_get(x, "title")));
		if (on && date_parse(on, &due)) {
			due_words(due, today, words, sizeof words);
			buf_printf(body, " (%s)", words);
		}
		buf_printf(body, "\n  %s%s\n", base, json_string_value(json_object_get(x, "url")));
	}
	buf_printf(body, "\nEverything that waits for you: %s/inbox\nAn item leaves your inbox when it is done.\n\n-- accord\n", base);
}

/* Claims today's digest for the person with its items: 0 claimed, 1 already has one today, -1 on a store error. */
static int claim(struct store *s, const struct person *p, json_t *items, const char *today, struct error *err)
{
	char now[24];
	struct sqlval a[4];
	long long got = 0;
	json_t *x;
	size_t i;
	int rc;

	now_iso(now);
	if (store_begin(s, err))
		return -1;
	a[0] = SQL_I(p->c.user_id);
	a[1] = SQL_T(today);
	a[2] = SQL_I((long long)json_array_size(items));
	a[3] = SQL_T(now);
	rc = store_int(s, STMT_DIGEST_CLAIM, a, 4, &got, err);
	if (rc != 0) {
		store_rollback(s);
		return rc;
	}
	json_array_foreach(items, i, x)
	{
		a[1] = SQL_T(json_string_value(json_object_get(x, "kind")));
		a[2] = SQL_T(json_string_value(json_object_get(x, "url")));
		a[3] = SQL_T(today);
		if (store_exec(s, STMT_DIGEST_ITEM_CLAIM, a, 4, NULL, NULL, err) < 0) {
			store_rollback(s);
			return -1;
		}
	}
	return store_commit(s, err) ? -1 : 0;
}

static void release(struct store *s, const struct person *p, const char *today)
{
	struct sqlval a[2] = {SQL_I(p->c.user_id), SQL_T(today)};

	if (store_begin(s, NULL))
		return;
	store_exec(s, STMT_DIGEST_RELEASE_ITEMS, a, 2, NULL, NULL, NULL);
	store_exec(s, STMT_DIGEST_RELEASE, a, 2, NULL, NULL, NULL);
	store_commit(s, NULL);
}

static void report(FILE *out, const char *what, const struct person *p, size_t n, const char *why)
{
	if (out)
		fprintf(out, "%s digest user %lld to %s: %zu new item%s%s%s\n", what, p->c.user_id, p->email, n,
			n == 1 ? "" : "s", why ? " -- " : "", why ? why : "");
}

int digest_run(struct store *s, const struct remind_options *o, struct remind_result *r, struct error *err)
{
	struct people l = {0};
	struct date day = clock_today();
	char today[11], now[24];
	const char *base = o->base_url ? o->base_url : "";
	struct error unreachable = {0};
	int rc = -1;

	date_format(day, today);
	if (store_exec(s, STMT_DIGEST_PEOPLE, NULL, 0, person_row, &l, err) < 0)
		goto out;
	for (size_t i = 0; i < l.n; i++) {
		const struct person *p = &l.v[i];
		struct sqlval a[3] = {SQL_I(p->c.user_id), SQL_T(today)};
		long long sent_today = 0;
		struct error send_err = {0};
		struct buf subject, body;
		json_t *items;
		size_t n;

		if (store_int(s, STMT_DIGEST_TODAY, a, 2, &sent_today, err) < 0)
			goto out;
		if (sent_today)
			continue;
		if (!(items = new_items(s, p, err)))
			goto out;
		n = json_array_size(items);
		if (!n) {
			json_decref(items);
			continue;
		}
		r->due++;
		if (o->dry_run || unreachable.status) {
			if (unreachable.status)
				r->failed++;
			report(o->out, o->dry_run ? "due" : "failed", p, n, unreachable.status ? unreachable.message : NULL);
			json_decref(items);
			continue;
		}
		switch (claim(s, p, items, today, err)) {
		case 0:
			break;
		case 1: /* another run claimed it just now */
			r->due--;
			json_decref(items);
			continue;
		default:
			json_decref(items);
			goto out;
		}
		buf_init(&subject, 0);
		buf_init(&body, 0);
		compose(&subject, &body, p, items, base, day);
		json_decref(items);
		if (mail_send(o->smtp_url, o->from, p->email, subject.data, body.data, &send_err) != 0) {
			release(s, p, today);
			r->failed++;
			report(o->out, "failed", p, n, send_err.message);
			if (!r->why[0])
				snprintf(r->why, sizeof r->why, "%s", send_err.message);
			if (send_err.status == 503)
				unreachable = send_err;
		} else {
			now_iso(now);
			a[0] = SQL_T(now);
			a[1] = SQL_I(p->c.user_id);
			a[2] = SQL_T(today);
			if (store_exec(s, STMT_DIGEST_SENT, a, 3, NULL, NULL, err) < 0) {
				buf_release(&subject);
				buf_release(&body);
				goto out;
			}
			r->sent++;
			report(o->out, "sent", p, n, NULL);
		}
		buf_release(&subject);
		buf_release(&body);
	}
	rc = 0;
out:
	people_free(&l);
	return rc;
}
