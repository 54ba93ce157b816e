/* replies: the conversations under a strategic issue and under one provider's response to a problem statement — validation, storage and their JSON. */
#include "replies.h"

#include <string.h>

#include "../domain/org.h"
#include "../util/buf.h"
#include "markdown.h"
#include "orgs.h"

static bool body_check(const char *body, struct error *err)
{
	if (text_is_multiline(body, REPLY_BODY_MAX))
		return true;
	if (body && strlen(body) > REPLY_BODY_MAX)
		error_set(err, 422, "too_long", "body", "a reply is at most %d bytes", REPLY_BODY_MAX);
	else
		error_set(err, 422, body && *body ? "invalid" : "required", "body", "write the reply");
	return false;
}

static int pair_cb(void *ctx, const struct sqlval *c, int n)
{
	long long *p = ctx;

	(void)n;
	p[0] = c[0].i;
	p[1] = c[1].i;
	return 1;
}

static int one_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].i;
	return 1;
}

long long issue_reply(struct store *s, const struct caller *c, long long issue_id, const char *body,
		      long long response_id, struct error *err)
{
	long long parties[2] = {0, 0}, of_issue = 0, id;
	struct sqlval a[7];
	bool buyer;
	char now[24];

	if (!body_check(body, err))
		return -1;
	if (response_id) {
		a[0] = SQL_I(response_id);
		if (store_exec(s, STMT_ISSUE_RESPONSE_ISSUE, a, 1, one_cb, &of_issue, err) < 0)
			return -1;
		if (of_issue != issue_id) {
			error_set(err, 422, "invalid", "response_id", "response %lld is not a response to this issue", response_id);
			return -1;
		}
	}
	a[0] = SQL_I(issue_id);
	if (store_exec(s, STMT_ISSUE_PARTIES, a, 1, pair_cb, parties, err) < 0)
		return -1;
	buyer = parties[0] == c->org_id;
	now_iso(now);
	a[0] = SQL_I(parties[0]);
	a[1] = SQL_I(issue_id);
	a[2] = response_id ? SQL_I(response_id) : SQL_NUL;
	a[3] = SQL_I(c->org_id);
	a[4] = SQL_I(c->user_id);
	a[5] = SQL_T(body);
	a[6] = SQL_T(now);
	if (store_int(s, STMT_ISSUE_REPLY_INSERT, a, 7, &id, err) != 0)
		return -1;
	a[0] = SQL_T(buyer ? "buyer" : "provider");
	a[1] = SQL_I(issue_id);
	if (store_exec(s, STMT_ISSUE_LAST_POST_SET, a, 2, NULL, NULL, err) < 0)
		return -1;
	return id;
}

long long problem_reply(struct store *s, const struct caller *c, long long response_id, const char *body, struct error *err)
{
	long long parties[2] = {0, 0}, id;
	struct sqlval a[6];
	char now[24];

	if (!body_check(body, err))
		return -1;
	a[0] = SQL_I(response_id);
	if (store_exec(s, STMT_PROBLEM_RESPONSE_ACCESS, a, 1, pair_cb, parties, err) < 0)
		return -1;
	now_iso(now);
	a[0] = SQL_I(parties[0]);
	a[1] = SQL_I(response_id);
	a[2] = SQL_I(c->org_id);
	a[3] = SQL_I(c->user_id);
	a[4] = SQL_T(body);
	a[5] = SQL_T(now);
	if (store_int(s, STMT_PROBLEM_REPLY_INSERT, a, 6, &id, err) != 0)
		return -1;
	return id;
}

/* Rows of REPLY_COLUMNS (statements.def) then the thread's ids: the issue's (issue_id, response_id) or the response's. */
struct thread {
	json_t *items;
	bool issue;
};

static int reply_json_cb(void *ctx, const struct sqlval *c, int n)
{
	struct thread *t = ctx;
	struct buf html;
	json_t *o;

	(void)n;
	buf_init(&html, 4 * REPLY_BODY_MAX);
	markdown_html(&html, c[6].s);
	o = json_pack("{s:I, s:s, s:I, s:s, s:I, s:s, s:s, s:s, s:s}", "id", c[0].i, "side", c[3].s, "org_id", c[1].i,
		      "org_name", c[2].s, "author_id", c[4].i, "author_name", c[5].s, "body", c[6].s, "body_html",
		      html.data ? html.data : "", "created_at", c[7].s);
	buf_release(&html);
	if (!o)
		return 1;
	if (t->issue) {
		json_object_set_new(o, "issue_id", json_integer(c[8].i));
		json_object_set_new(o, "response_id", c[9].type == SQL_NULL ? json_null() : json_integer(c[9].i));
	} else {
		json_object_set_new(o, "response_id", json_integer(c[8].i));
	}
	json_array_append_new(t->items, o);
	return 0;
}

static json_t *thread_json(struct store *s, enum stmt id, long long key, bool issue)
{
	struct sqlval a[1] = {SQL_I(key)};
	struct thread t = {json_array(), issue};

	if (store_exec(s, id, a, 1, reply_json_cb, &t, NULL) < 0) {
		json_decref(t.items);
		return NULL;
	}
	return t.items;
}

json_t *issue_replies_json(struct store *s, long long issue_id)
{
	return thread_json(s, STMT_ISSUE_REPLY_LIST, issue_id, true);
}

json_t *problem_replies_json(struct store *s, long long response_id)
{
	return thread_json(s, STMT_PROBLEM_REPLY_LIST, response_id, false);
}

long long problem_of_response(struct store *s, long long response_id)
{
	struct sqlval a[1] = {SQL_I(response_id)};
	long long id = 0;

	return store_int(s, STMT_PROBLEM_RESPONSE_PROBLEM, a, 1, &id, NULL) == 0 ? id : 0;
}
