/* issues: use cases for the plans, strategic issues and imperatives a buyer shares, and the provider's answers from experience. */
#include "issues.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "practices.h"
#include "replies.h"

struct issue_row {
	int found;
	long long engagement_id;
	char title[ISSUE_TITLE_MAX * 4 + 1], status[16];
	char *body;
};

static int issue_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct issue_row *r = ctx;

	(void)n;
	r->found = 1;
	r->engagement_id = c[1].i;
	snprintf(r->title, sizeof r->title, "%s", c[4].s);
	r->body = strdup(c[5].s ? c[5].s : "");
	snprintf(r->status, sizeof r->status, "%s", c[6].s);
	return 1;
}

static int issue_text_check(const char *title, const char *body, struct error *err)
{
	if (!text_line_check(title, ISSUE_TITLE_MAX, "title", "a title", err))
		return -1;
	if (body && strlen(body) > ISSUE_BODY_MAX) {
		error_set(err, 422, "too_long", "body", "the text is too long");
		return -1;
	}
	return 0;
}

static int buyer_cb(void *ctx, const struct sqlval *c, int n)
{
	long long *p = ctx;

	p[0] = c[0].i;
	p[1] = n > 2 ? c[2].i : 0;
	return 1;
}

long long issue_create(struct store *s, const struct caller *c, long long eng,
		       const struct issue_input *in, struct error *err)
{
	int kind = in->kind ? issue_kind_parse(in->kind) : ISSUE_KIND_ISSUE;
	long long parties[2] = {0, 0}, review[2] = {0, 0}, id;
	struct sqlval a[9];
	char now[24];

	if (kind < 0) {
		error_set(err, 422, "invalid", "kind", "kind must be issue, plan or imperative");
		return -1;
	}
	if (issue_text_check(in->title, in->body, err))
		return -1;
	a[0] = SQL_I(eng);
	if (store_exec(s, STMT_ENG_PARTIES, a, 1, buyer_cb, parties, err) < 0)
		return -1;
	if (in->review_id) {
		a[0] = SQL_I(in->review_id);
		if (store_exec(s, STMT_REVIEW_PARTIES, a, 1, buyer_cb, review, err) < 0)
			return -1;
		if (review[1] != eng) {
			error_set(err, 422, "invalid", "review_id",
				  "review %lld is not a review of this engagement", in->review_id);
			return -1;
		}
	}
	now_iso(now);
	a[0] = SQL_I(parties[0]);
	a[1] = SQL_I(eng);
	a[2] = in->review_id ? SQL_I(in->review_id) : SQL_NUL;
	a[3] = SQL_T(issue_kind_name(kind));
	a[4] = SQL_T(in->title);
	a[5] = SQL_T(in->body ? in->body : "");
	a[6] = SQL_I(c->user_id);
	a[7] = SQL_T(now);
	a[8] = SQL_T(now);
	if (store_int(s, STMT_ISSUE_INSERT, a, 9, &id, err) != 0)
		return -1;
	return id;
}

int issue_update(struct store *s, long long id, const struct issue_input *in, struct error *err)
{
	struct issue_row r = {0};
	struct sqlval a[5];
	char now[24];
	int rc = -1;

	if (in->status && issue_status_parse(in->status) < 0) {
		error_set(err, 422, "invalid", "status", "status must be open, addressed or closed");
		return -1;
	}
	if (in->kind) {
		error_set(err, 422, "invalid", "kind", "the kind of an issue cannot change");
		return -1;
	}
	a[0] = SQL_I(id);
	if (store_exec(s, STMT_ISSUE_GET, a, 1, issue_row_cb, &r, err) < 0)
		goto out;
	if (!r.found) {
		error_set(err, 404, "not_found", NULL, "no such strategic issue");
		goto out;
	}
	if (issue_text_check(in->title ? in->title : r.title, in->body, err))
		goto out;
	now_iso(now);
	a[0] = SQL_T(in->title ? in->title : r.title);
	a[1] = SQL_T(in->body ? in->body : r.body);
	a[2] = SQL_T(in->status ? in->status : r.status);
	a[3] = SQL_T(now);
	a[4] = SQL_I(id);
	rc = store_exec(s, STMT_ISSUE_UPDATE, a, 5, NULL, NULL, err) < 0 ? -1 : 0;
out:
	free(r.body);
	return rc;
}

long long issue_respond(struct store *s, const struct caller *c, long long issue_id,
			const char *body, long long practice_id, struct error *err)
{
	long long parties[2] = {0, 0}, id;
	struct sqlval a[6];
	char now[24];

	if (!text_is_multiline(body, ISSUE_BODY_MAX)) {
		error_set(err, 422, body && *body ? "invalid" : "required", "body",
			  "the response needs a text of at most %d bytes", ISSUE_BODY_MAX);
		return -1;
	}
	if (practice_id && !practice_citable(s, practice_id, c->org_id)) {
		error_set(err, 422, "invalid", "practice_id", "cite one of your published practices");
		return -1;
	}
	a[0] = SQL_I(issue_id);
	if (store_exec(s, STMT_ISSUE_PARTIES, a, 1, buyer_cb, parties, err) < 0)
		return -1;
	now_iso(now);
	a[0] = SQL_I(parties[0]);
	a[1] = SQL_I(issue_id);
	a[2] = SQL_T(body);
	a[3] = practice_id ? SQL_I(practice_id) : SQL_NUL;
	a[4] = SQL_I(c->user_id);
	a[5] = SQL_T(now);
	if (store_int(s, STMT_RESPONSE_INSERT, a, 6, &id, err) != 0)
		return -1;
	/* The provider posted last: the buyer has an answer to read (the inbox, migration 020). */
	a[0] = SQL_T("provider");
	a[1] = SQL_I(issue_id);
	if (store_exec(s, STMT_ISSUE_LAST_POST_SET, a, 2, NULL, NULL, err) < 0)
		return -1;
	return id;
}

static json_t *rendered(const char *md)
{
	struct buf b;
	json_t *s;

	buf_init(&b, 4 * ISSUE_BODY_MAX);
	markdown_html(&b, md);
	s = json_string(b.data);
	buf_release(&b);
	return s;
}

static int issue_json_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(
		ctx, json_pack("{s:I, s:I, s:o, s:s, s:s, s:s, s:o, s:s, s:I, s:s, s:s, s:s, s:I}",
			       "id", c[0].i, "engagement_id", c[1].i, "review_id",
			       c[2].type == SQL_NULL ? json_null() : json_integer(c[2].i), "kind",
			       c[3].s, "title", c[4].s, "body", c[5].s, "body_html", rendered(c[5].s),
			       "status", c[6].s, "created_by", c[7].i, "created_by_name", c[8].s,
			       "created_at", c[9].s, "updated_at", c[10].s, "responses_count",
			       c[11].i));
	return 0;
}

static int response_json_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(
		ctx, json_pack("{s:I, s:I, s:s, s:o, s:o, s:I, s:s, s:s, s:s}", "id", c[0].i,
			       "issue_id", c[1].i, "body", c[2].s, "body_html", rendered(c[2].s),
			       "practice_id", c[3].type == SQL_NULL ? json_null() : json_integer(c[3].i),
			       "author_id", c[4].i, "author_name", c[5].s, "author_org", c[6].s,
			       "created_at", c[7].s));
	return 0;
}

json_t *issue_get_json(struct store *s, long long id)
{
	struct sqlval a[1] = {SQL_I(id)};
	json_t *items = json_array(), *o = NULL, *responses;

	if (store_exec(s, STMT_ISSUE_GET, a, 1, issue_json_cb, items, NULL) > 0)
		o = json_incref(json_array_get(items, 0));
	json_decref(items);
	if (!o)
		return NULL;
	responses = json_array();
	store_exec(s, STMT_RESPONSE_LIST, a, 1, response_json_cb, responses, NULL);
	json_object_set_new(o, "responses", responses);
	json_object_set_new(o, "replies", issue_replies_json(s, id));
	return o;
}

json_t *issue_list_json(struct store *s, long long eng, const char *status, struct page pg)
{
	const char *want = status ? status : "";
	struct sqlval a[5] = {SQL_I(eng), SQL_T(want), SQL_T(want), SQL_I(pg.after),
			      SQL_I(pg.limit + 1)};
	json_t *items = json_array();

	if (store_exec(s, STMT_ISSUE_LIST_ENG, a, 5, issue_json_cb, items, NULL) < 0) {
		json_decref(items);
		return NULL;
	}
	return page_wrap(items, pg.limit);
}
