/* practices: practices and their revisions, the leak check on publishing, approvals by the origin buyer, search, and confidential terms. */
#include "practices.h"
#include "engagements.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/leak.h"
#include "../util/grow.h"
#include "access.h"
#include "markdown.h"
#include "practice_leak.h"

/* ---- confidential terms ---- */

static int term_row(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_string(c[0].s));
	return 0;
}

json_t *terms_json(struct store *s, long long org_id)
{
	json_t *terms = json_array();
	struct sqlval a[1] = {SQL_I(org_id)};

	store_exec(s, STMT_TERMS_LIST, a, 1, term_row, terms, NULL);
	return json_pack("{s:I, s:o}", "org_id", org_id, "terms", terms);
}

int terms_put(struct store *s, long long org_id, const char *const *terms, size_t n, struct error *err)
{
	struct sqlval a[2] = {SQL_I(org_id), SQL_NUL};
	int kind = org_kind_of(s, org_id, err);

	if (kind == -2)
		return -1;
	if (kind != ORG_BUYER) {
		error_set(err, 422, "invalid", "terms", "confidential terms are kept by buyers");
		return -1;
	}
	if (n > TERMS_MAX) {
		error_set(err, 422, "too_many", "terms", "at most %d terms", TERMS_MAX);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		if (!text_is_name(terms[i], TERM_MAX)) {
			static __thread char field[32];

			snprintf(field, sizeof field, "terms[%zu]", i);
			error_set(err, 422, "invalid", field, text_has_break(terms[i]) ? "a term is one line: put each term on a line of its own"
										   : "a term is 1 to %d characters, without control characters",
				  TERM_MAX);
			return -1;
		}
		/* A phrase of ordinary words counts (the buyer chose it); one ordinary word alone would flag every text. */
		if (leak_too_common(terms[i])) {
			error_set(err, 422, "too_common", "terms", "\"%s\" is too common a word to protect on its own: use a phrase",
				  terms[i]);
			return -1;
		}
	}
	if (store_begin(s, err))
		return -1;
	if (store_exec(s, STMT_TERMS_CLEAR, a, 1, NULL, NULL, err) < 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		a[1] = SQL_T(terms[i]);
		if (store_exec(s, STMT_TERM_ADD, a, 2, NULL, NULL, err) < 0)
			goto fail;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

/* ---- reading a practice and a revision ---- */

struct practice_row {
	int found;
	long long id, provider, origin, buyer;
	char provider_name[ORG_NAME_MAX * 4 + 1], buyer_name[ORG_NAME_MAX * 4 + 1];
	char origin_title[800], industry[ORG_INDUSTRY_MAX * 4 + 1], service_line[8], status[16];
	long long current, published; /* published: 0 when never */
	bool industry_public;	      /* PRACTICE_INDUSTRY_PUBLIC: enough customers in the industry to name it */
	char created_at[24], updated_at[24], published_at[24];
};

static int practice_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct practice_row *p = ctx;

	(void)n;
	p->found = 1;
	p->id = c[0].i;
	p->provider = c[1].i;
	snprintf(p->provider_name, sizeof p->provider_name, "%s", c[2].s);
	p->origin = c[3].i;
	snprintf(p->origin_title, sizeof p->origin_title, "%s", c[4].s);
	p->buyer = c[5].i;
	snprintf(p->buyer_name, sizeof p->buyer_name, "%s", c[6].s);
	snprintf(p->industry, sizeof p->industry, "%s", c[7].s);
	snprintf(p->service_line, sizeof p->service_line, "%s", c[8].s);
	snprintf(p->status, sizeof p->status, "%s", c[9].s);
	p->current = c[10].i;
	p->published = c[11].type == SQL_NULL ? 0 : c[11].i;
	snprintf(p->created_at, sizeof p->created_at, "%s", c[12].s);
	snprintf(p->updated_at, sizeof p->updated_at, "%s", c[13].s);
	snprintf(p->published_at, sizeof p->published_at, "%s", c[14].s ? c[14].s : "");
	p->industry_public = c[15].i != 0;
	return 1;
}

static int practice_load(struct store *s, long long id, struct practice_row *p, struct error *err)
{
	struct sqlval a[1] = {SQL_I(id)};

	memset(p, 0, sizeof *p);
	if (store_exec(s, STMT_PRACTICE_GET, a, 1, practice_row_cb, p, err) < 0)
		return -1;
	if (!p->found) {
		error_set(err, 404, "not_found", NULL, "no such practice");
		return -1;
	}
	return 0;
}

struct revision {
	int found;
	long long number, author;
	char *title, *body, *tags;
	char author_name[USER_NAME_MAX * 4 + 1], created_at[24];
};

static int revision_cb(void *ctx, const struct sqlval *c, int n)
{
	struct revision *r = ctx;

	(void)n;
	r->found = 1;
	r->number = c[0].i;
	r->title = strdup(c[1].s);
	r->body = strdup(c[2].s);
	r->tags = strdup(c[3].s);
	r->author = c[4].i;
	snprintf(r->author_name, sizeof r->author_name, "%s", c[5].s);
	snprintf(r->created_at, sizeof r->created_at, "%s", c[6].s);
	return 1;
}

static void revision_free(struct revision *r)
{
	free(r->title);
	free(r->body);
	free(r->tags);
	memset(r, 0, sizeof *r);
}

static int revision_load(struct store *s, long long id, long long number, struct revision *r)
{
	struct sqlval a[2] = {SQL_I(id), SQL_I(number)};

	memset(r, 0, sizeof *r);
	if (store_exec(s, STMT_REVISION_GET, a, 2, revision_cb, r, NULL) < 0 || !r->found ||
	    !r->title || !r->body || !r->tags) {
		revision_free(r);
		return -1;
	}
	return 0;
}

/* "a,b" as a JSON array of tags. */
static json_t *tags_json(const char *tags)
{
	json_t *a = json_array();
	const char *p = tags;

	while (p && *p) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);

		json_array_append_new(a, json_stringn(p, len));
		p = comma ? comma + 1 : NULL;
	}
	return a;
}

static json_t *markdown_json(const char *md)
{
	struct buf b;
	json_t *j;

	buf_init(&b, 0);
	markdown_html(&b, md);
	j = json_stringn(b.data ? b.data : "", b.len);
	buf_release(&b);
	return j;
}

static json_t *revision_json(const struct revision *r, bool with_author)
{
	json_t *o = json_pack("{s:I, s:s, s:s, s:o, s:o, s:s}", "number", r->number, "title", r->title,
			      "body", r->body, "body_html", markdown_json(r->body), "tags", tags_json(r->tags),
			      "created_at", r->created_at);

	if (with_author) {
		json_object_set_new(o, "author_id", json_integer(r->author));
		json_object_set_new(o, "author_name", json_string(r->author_name));
	}
	return o;
}

/*
 * The industry a reader may learn of a practice, or NULL: its provider and origin customer
 * always; anyone else only when the provider has enough customers in that industry
 * (industry_public, from PRACTICE_INDUSTRY_PUBLIC) that naming it singles none out.
 */
static const char *industry_shown(long long caller_org, long long provider, long long buyer, const char *industry,
				  bool industry_public)
{
	if (caller_org == provider || caller_org == buyer || (industry_public && *industry))
		return industry;
	return NULL;
}

static json_t *industry_json(const char *shown)
{
	return shown ? json_string(shown) : json_null();
}

/* What the caller may know of where a practice comes from: everything for its provider and its origin customer, at most the industry for anyone else. */
static json_t *provenance_json(long long caller_org, long long provider, long long buyer, long long origin,
			       const char *origin_title, const char *buyer_name, const char *industry, bool industry_public)
{
	const char *shown = industry_shown(caller_org, provider, buyer, industry, industry_public);
	char label[ORG_INDUSTRY_MAX * 4 + 32];

	if (caller_org == provider || caller_org == buyer)
		return json_pack("{s:I, s:s, s:I, s:s, s:s}", "engagement_id", origin, "engagement_title",
				 origin_title, "buyer_org_id", buyer, "buyer_name", buyer_name, "industry", industry);
	snprintf(label, sizeof label, shown && *shown ? "a customer in %s" : "a customer", shown ? shown : "");
	return json_pack("{s:o, s:s}", "industry", industry_json(shown), "label", label);
}

/* ---- the leak check ---- */

/* The findings of a revision's text against every customer of the practice's provider (practice_leak.c). */
static json_t *findings_of(struct store *s, const struct practice_row *p, const struct revision *r)
{
	return practice_leak_findings(s, p->provider, r->title, r->body, r->tags);
}

json_t *practice_findings_json(struct store *s, long long id)
{
	struct practice_row p;
	struct revision r;
	json_t *f;

	if (practice_load(s, id, &p, NULL) || revision_load(s, id, p.current, &r))
		return json_array();
	f = findings_of(s, &p, &r);
	revision_free(&r);
	return f;
}

/* ---- writing ---- */

static int text_check(const struct practice_input *in, bool creating, char tags[PRACTICE_TAGS_BUF],
		      struct error *err)
{
	if ((creating || in->title) && !text_line_check(in->title, PRACTICE_TITLE_MAX, "title", "a title", err))
		return -1;
	if ((creating || in->body) && (!in->body || !*in->body)) {
		error_set(err, 422, "required", "body", "describe the practice");
		return -1;
	}
	if (in->body && strlen(in->body) > PRACTICE_BODY_MAX) {
		error_set(err, 422, "too_long", "body", "the text is too long");
		return -1;
	}
	if (in->body && !text_is_utf8(in->body, strlen(in->body))) {
		error_set(err, 422, "invalid", "body", "the text is not UTF-8");
		return -1;
	}
	if (in->service_line && strcmp(in->service_line, "IT") && strcmp(in->service_line, "ITES") &&
	    strcmp(in->service_line, "BPO")) {
		error_set(err, 422, "invalid", "service_line", "service_line must be IT, ITES or BPO");
		return -1;
	}
	return practice_tags_normalize(in->tags, in->ntags, tags, err);
}

/* Adds a revision's text to the search index. */
static int search_add(struct store *s, long long revision_id, const char *title, const char *tags,
		      const char *body, struct error *err)
{
	struct sqlval a[4] = {SQL_I(revision_id), SQL_T(title), SQL_T(tags), SQL_T(body)};

	return store_exec(s, STMT_SEARCH_ADD, a, 4, NULL, NULL, err) < 0 ? -1 : 0;
}

static int search_remove(struct store *s, long long practice_id, long long number, struct error *err)
{
	struct sqlval a[2] = {SQL_I(practice_id), SQL_I(number)};
	long long rid;

	if (store_int(s, STMT_REVISION_ID, a, 2, &rid, err) != 0)
		return -1;
	a[0] = SQL_I(rid);
	return store_exec(s, STMT_SEARCH_REMOVE, a, 1, NULL, NULL, err) < 0 ? -1 : 0;
}

struct origin_row {
	int found;
	long long provider, buyer;
	char service_line[8], industry[ORG_INDUSTRY_MAX * 4 + 1];
};

static int origin_cb(void *ctx, const struct sqlval *c, int n)
{
	struct origin_row *o = ctx;

	(void)n;
	o->found = 1;
	o->provider = c[0].i;
	o->buyer = c[1].i;
	snprintf(o->service_line, sizeof o->service_line, "%s", c[2].s);
	snprintf(o->industry, sizeof o->industry, "%s", c[3].s ? c[3].s : "");
	return 1;
}

static long long revision_insert(struct store *s, const struct caller *c, long long id, long long number,
				 const char *title, const char *body, const char *tags, const char *now,
				 struct error *err)
{
	struct sqlval a[8] = {SQL_I(c->org_id), SQL_I(id),	   SQL_I(number),     SQL_T(title),
			      SQL_T(body),	  SQL_T(tags),	   SQL_I(c->user_id), SQL_T(now)};
	long long rid;

	if (store_int(s, STMT_REVISION_INSERT, a, 8, &rid, err) != 0 ||
	    search_add(s, rid, title, tags, body, err))
		return -1;
	return rid;
}

long long practice_create(struct store *s, const struct caller *c, const struct practice_input *in,
			  struct error *err)
{
	char tags[PRACTICE_TAGS_BUF], now[24];
	struct origin_row o = {0};
	struct sqlval a[7];
	long long id;

	if (c->org_kind != ORG_PROVIDER) {
		error_set(err, 403, "forbidden", NULL, "practices are written by providers");
		return -1;
	}
	if (text_check(in, true, tags, err))
		return -1;
	a[0] = SQL_I(in->origin_engagement_id);
	if (!in->origin_engagement_id ||
	    store_exec(s, STMT_ENG_ORIGIN, a, 1, origin_cb, &o, err) < 0 || !o.found || o.provider != c->org_id) {
		error_set(err, 422, in->origin_engagement_id ? "invalid" : "required", "origin_engagement_id",
			  "name the engagement of yours where the practice was found");
		return -1;
	}
	/* A practice found on an engagement the provider has not accepted would reach its customer's rivals first. */
	if (engagement_require_accepted(s, in->origin_engagement_id, "origin_engagement_id", err))
		return -1;
	now_iso(now);
	if (store_begin(s, err))
		return -1;
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_I(in->origin_engagement_id);
	a[2] = SQL_T(o.industry);
	a[3] = SQL_T(in->service_line ? in->service_line : o.service_line);
	a[4] = SQL_I(c->user_id);
	a[5] = SQL_T(now);
	a[6] = SQL_T(now);
	if (store_int(s, STMT_PRACTICE_INSERT, a, 7, &id, err) != 0 ||
	    revision_insert(s, c, id, 1, in->title, in->body, tags, now, err) < 0 || store_commit(s, err)) {
		store_rollback(s);
		return -1;
	}
	return id;
}

int practice_revise(struct store *s, const struct caller *c, long long id,
		    const struct practice_input *in, struct error *err)
{
	char tags[PRACTICE_TAGS_BUF], now[24];
	struct practice_row p;
	struct revision r;
	struct sqlval a[5];
	long long done;
	int rc = -1;

	if (!in->title && !in->body && !in->tags_given && !in->service_line) {
		error_set(err, 422, "required", "title", "change the title, body, tags or service line");
		return -1;
	}
	if (practice_load(s, id, &p, err))
		return -1;
	if (text_check(in, false, tags, err))
		return -1;
	if (revision_load(s, id, p.current, &r)) {
		error_set(err, 500, "internal", NULL, "cannot read the practice's text");
		return -1;
	}
	now_iso(now);
	if (store_begin(s, err))
		goto out;
	a[0] = SQL_I(p.current + 1);
	a[1] = SQL_T(in->service_line ? in->service_line : p.service_line);
	a[2] = SQL_T(now);
	a[3] = SQL_I(id);
	a[4] = SQL_I(p.current);
	if (store_int(s, STMT_PRACTICE_NEW_REVISION, a, 5, &done, err) != 0) {
		error_set(err, 409, "conflict", NULL, "the practice changed meanwhile; reload and try again");
		goto fail;
	}
	if (revision_insert(s, c, id, p.current + 1, in->title ? in->title : r.title, in->body ? in->body : r.body,
			    in->tags_given ? tags : r.tags, now, err) < 0)
		goto fail;
	/* The index keeps the current and the published revision only. */
	if (p.current != p.published && search_remove(s, id, p.current, err))
		goto fail;
	a[0] = SQL_I(id);
	if (store_exec(s, STMT_APPROVAL_SUPERSEDE, a, 1, NULL, NULL, err) < 0 || store_commit(s, err))
		goto fail;
	rc = (int)(p.current + 1);
	goto out;
fail:
	store_rollback(s);
out:
	revision_free(&r);
	return rc;
}

static int status_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	snprintf(ctx, 16, "%s", c[0].s);
	return 1;
}

/* Publishes revision `number` (the current one); inside the caller's transaction. */
static int publish_current(struct store *s, const struct practice_row *p, const char *now, struct error *err)
{
	struct sqlval a[5] = {SQL_I(p->current), SQL_T(now), SQL_T(now), SQL_I(p->id), SQL_I(p->current)};
	long long done;

	if (store_int(s, STMT_PRACTICE_PUBLISH, a, 5, &done, err) != 0) {
		error_set(err, 409, "conflict", NULL, "the practice changed meanwhile; reload and try again");
		return -1;
	}
	if (p->published && p->published != p->current && search_remove(s, p->id, p->published, err))
		return -1;
	return 0;
}

enum publish_result practice_publish(struct store *s, const struct caller *c, long long id,
				     bool request_approval, json_t **findings_out, struct error *err)
{
	struct practice_row p;
	struct revision r;
	json_t *findings;
	char now[24], approval[16] = "", *text = NULL;
	struct sqlval a[7];
	enum publish_result rc = PUBLISH_FAILED;

	if (findings_out)
		*findings_out = NULL;
	if (practice_load(s, id, &p, err))
		return PUBLISH_FAILED;
	if (!strcmp(p.status, "published") && p.published == p.current) {
		error_set(err, 409, "conflict", NULL, "revision %lld is already published", p.current);
		return PUBLISH_FAILED;
	}
	if (revision_load(s, id, p.current, &r)) {
		error_set(err, 500, "internal", NULL, "cannot read the practice's text");
		return PUBLISH_FAILED;
	}
	findings = findings_of(s, &p, &r);
	revision_free(&r);
	a[0] = SQL_I(id);
	a[1] = SQL_I(p.current);
	store_exec(s, STMT_APPROVAL_STATUS, a, 2, status_cb, approval, NULL);
	now_iso(now);
	/* The origin's approval waives findings about the origin only: another customer's name is never published, nor shown to the origin. */
	if (practice_leak_others(findings, p.buyer)) {
		error_set(err, 422, "leak", "body",
			  "the text names what identifies another of your customers; edit it (no approval can publish that)");
		goto out;
	}
	if (json_array_size(findings) && strcmp(approval, "approved") != 0) {
		if (!request_approval) {
			error_set(err, 422, "leak", "body",
				  "the text names what identifies the customer it was found with; edit it, or ask that customer's contract manager to approve");
			goto out;
		}
		text = json_dumps(findings, JSON_COMPACT);
		a[0] = SQL_I(c->org_id);
		a[1] = SQL_I(p.buyer);
		a[2] = SQL_I(id);
		a[3] = SQL_I(p.current);
		a[4] = SQL_T(text ? text : "[]");
		a[5] = SQL_I(c->user_id);
		a[6] = SQL_T(now);
		if (store_exec(s, STMT_APPROVAL_REQUEST, a, 7, NULL, NULL, err) < 0)
			goto out;
		rc = AWAITING_APPROVAL;
		goto out;
	}
	if (store_begin(s, err))
		goto out;
	if (publish_current(s, &p, now, err) || store_commit(s, err)) {
		store_rollback(s);
		goto out;
	}
	rc = PUBLISHED;
out:
	free(text);
	if (findings_out)
		*findings_out = findings;
	else
		json_decref(findings);
	return rc;
}

int practice_decide(struct store *s, const struct caller *c, long long id, long long revision,
		    const char *decision, const char *note, struct error *err)
{
	bool approve = decision && !strcmp(decision, "approve");
	struct practice_row p;
	struct sqlval a[6];
	char now[24];
	long long done;

	if (!decision || (!approve && strcmp(decision, "decline"))) {
		error_set(err, 422, decision ? "invalid" : "required", "decision", "decision must be approve or decline");
		return -1;
	}
	if (practice_load(s, id, &p, err))
		return -1;
	if (c->org_id != p.buyer || !(c->roles & ROLE_BIT(ROLE_CONTRACT_MANAGER))) {
		error_set(err, 403, "forbidden", NULL, "only the origin customer's contract manager decides");
		return -1;
	}
	/* What another customer's terms name (added since the request) the origin cannot waive. */
	if (approve && revision == p.current) {
		struct revision r;
		json_t *findings;
		size_t others;

		if (revision_load(s, id, p.current, &r)) {
			error_set(err, 500, "internal", NULL, "cannot read the practice's text");
			return -1;
		}
		findings = findings_of(s, &p, &r);
		revision_free(&r);
		others = practice_leak_others(findings, p.buyer);
		json_decref(findings);
		if (others) {
			error_set(err, 422, "leak", "revision", "the text now names what identifies another customer of the provider; it cannot be published");
			return -1;
		}
	}
	now_iso(now);
	if (store_begin(s, err))
		return -1;
	a[0] = SQL_T(approve ? "approved" : "declined");
	a[1] = SQL_I(c->user_id);
	a[2] = SQL_T(now);
	a[3] = SQL_T(note ? note : "");
	a[4] = SQL_I(id);
	a[5] = SQL_I(revision);
	if (store_int(s, STMT_APPROVAL_DECIDE, a, 6, &done, err) != 0) {
		error_set(err, 409, "conflict", "revision", "revision %lld is not awaiting approval", revision);
		goto fail;
	}
	if (approve && (revision != p.current || publish_current(s, &p, now, err))) {
		if (revision != p.current)
			error_set(err, 409, "conflict", "revision", "the practice has changed since revision %lld", revision);
		goto fail;
	}
	return store_commit(s, err);
fail:
	store_rollback(s);
	return -1;
}

int practice_retire(struct store *s, long long id, struct error *err)
{
	struct sqlval a[2];
	char now[24];
	long long done;

	now_iso(now);
	a[0] = SQL_T(now);
	a[1] = SQL_I(id);
	if (store_int(s, STMT_PRACTICE_RETIRE, a, 2, &done, err) != 0) {
		error_set(err, 409, "conflict", NULL, "only a published practice can be retired");
		return -1;
	}
	return 0;
}

int practice_brief(struct store *s, long long id, long long *provider, long long *origin, char status[16],
		   struct error *err)
{
	struct practice_row p;

	if (practice_load(s, id, &p, err))
		return -1;
	*provider = p.provider;
	*origin = p.origin;
	snprintf(status, 16, "%s", p.status);
	return 0;
}

bool practice_citable(struct store *s, long long practice_id, long long org_id)
{
	struct sqlval a[2] = {SQL_I(practice_id), SQL_I(org_id)};
	long long n = 0;

	return store_int(s, STMT_PRACTICE_CITABLE, a, 2, &n, NULL) == 0 && n > 0;
}

/* ---- reading for the caller ---- */

static int revision_row(void *ctx, const struct sqlval *c, int n)
{
	struct revision r = {0};

	(void)n;
	r.number = c[0].i;
	r.title = (char *)c[1].s;
	r.body = (char *)c[2].s;
	r.tags = (char *)c[3].s;
	r.author = c[4].i;
	snprintf(r.author_name, sizeof r.author_name, "%s", c[5].s);
	snprintf(r.created_at, sizeof r.created_at, "%s", c[6].s);
	json_array_append_new(ctx, revision_json(&r, true));
	return 0;
}

json_t *practice_revisions_json(struct store *s, long long id)
{
	json_t *items = json_array();
	struct sqlval a[1] = {SQL_I(id)};

	store_exec(s, STMT_REVISION_LIST, a, 1, revision_row, items, NULL);
	return json_pack("{s:I, s:o}", "practice_id", id, "items", items);
}

struct approvals {
	json_t *items;
	long long buyer; /* the origin customer: stored findings are shown about it only */
};

static int approval_row(void *ctx, const struct sqlval *c, int n)
{
	struct approvals *ap = ctx;
	json_t *stored = json_loads(c[3].s, 0, NULL), *f = practice_leak_about(stored, ap->buyer);

	(void)n;
	json_decref(stored);
	json_array_append_new(ap->items, json_pack("{s:I, s:I, s:s, s:o, s:I, s:s, s:s, s:o, s:o, s:o, s:s}", "id", c[0].i,
					     "revision", c[1].i, "status", c[2].s, "findings", f,
					     "requested_by", c[4].i, "requested_by_name", c[5].s, "requested_at", c[6].s,
					     "decided_by", c[7].type == SQL_NULL ? json_null() : json_integer(c[7].i),
					     "decided_by_name", c[8].s ? json_string(c[8].s) : json_null(),
					     "decided_at", c[9].s ? json_string(c[9].s) : json_null(), "note", c[10].s));
	return 0;
}

json_t *practice_get_json(struct store *s, const struct caller *c, long long id, unsigned rel)
{
	bool author = rel & REL_AUTHOR, origin = rel & REL_ORIGIN;
	struct practice_row p;
	struct revision r;
	struct sqlval a[1] = {SQL_I(id)};
	json_t *o, *approvals;
	long long shown;

	if (practice_load(s, id, &p, NULL))
		return json_null();
	shown = author ? p.current : p.published;
	o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o}", "id", p.id, "provider_org_id", p.provider, "provider_name",
		      p.provider_name, "status", p.status, "service_line", p.service_line, "industry",
		      industry_json(industry_shown(c->org_id, p.provider, p.buyer, p.industry, p.industry_public)),
		      "provenance", provenance_json(c->org_id, p.provider, p.buyer, p.origin, p.origin_title,
						    p.buyer_name, p.industry, p.industry_public));
	json_object_set_new(o, "published_revision", p.published ? json_integer(p.published) : json_null());
	json_object_set_new(o, "published_at", *p.published_at ? json_string(p.published_at) : json_null());
	if (author) {
		json_object_set_new(o, "current_revision", json_integer(p.current));
		json_object_set_new(o, "created_at", json_string(p.created_at));
		json_object_set_new(o, "updated_at", json_string(p.updated_at));
	}
	if (shown && revision_load(s, id, shown, &r) == 0) {
		json_object_set_new(o, "revision", json_integer(r.number));
		json_object_set_new(o, "title", json_string(r.title));
		json_object_set_new(o, "body", json_string(r.body));
		json_object_set_new(o, "body_html", markdown_json(r.body));
		json_object_set_new(o, "tags", tags_json(r.tags));
		revision_free(&r);
	}
	if (author || origin) {
		struct approvals ap = {json_array(), p.buyer};

		approvals = ap.items;
		store_exec(s, STMT_APPROVAL_LIST, a, 1, approval_row, &ap, NULL);
		json_object_set_new(o, "approvals", approvals);
		/* The origin customer reads the revision awaiting its approval, and the findings about itself only. */
		if (origin) {
			json_t *x;
			size_t i;

			json_array_foreach(approvals, i, x) if (!strcmp(json_string_value(json_object_get(x, "status")), "requested") &&
								json_integer_value(json_object_get(x, "revision")) == p.current &&
								revision_load(s, id, p.current, &r) == 0)
			{
				/* Not while the text names another customer of the provider (a term added since the request): the origin never reads that. */
				json_t *now = findings_of(s, &p, &r);

				if (!practice_leak_others(now, p.buyer))
					json_object_set_new(x, "text", revision_json(&r, false));
				json_decref(now);
				revision_free(&r);
			}
		}
	}
	return o;
}

/* ---- lists and search ---- */

struct found {
	const struct caller *c;
	json_t *items;
	bool search;
};

static int found_row(void *ctx, const struct sqlval *c, int n)
{
	struct found *f = ctx;
	json_t *o;

	(void)n;
	o = json_pack("{s:I, s:I, s:s, s:o, s:s, s:s, s:I, s:s, s:o, s:s, s:o, s:o}", "id", c[0].i, "provider_org_id",
		      c[1].i, "provider_name", c[2].s, "industry",
		      industry_json(industry_shown(f->c->org_id, c[1].i, c[5].i, c[7].s, c[16].i != 0)), "service_line", c[8].s,
		      "status", c[9].s, "revision", c[10].i, "title", c[11].s, "tags", tags_json(c[12].s), "updated_at", c[13].s,
		      "published_at", c[14].s ? json_string(c[14].s) : json_null(), "provenance",
		      provenance_json(f->c->org_id, c[1].i, c[5].i, c[3].i, c[4].s, c[6].s, c[7].s, c[16].i != 0));
	if (f->search)
		json_object_set_new(o, "snippet", json_string(c[17].s ? c[17].s : ""));
	else {
		/* The first words of the body stand in for a snippet in a plain list. */
		const char *body = c[15].s ? c[15].s : "";
		size_t len = strlen(body) > 200 ? 200 : strlen(body);

		while (len > 0 && len < strlen(body) && ((unsigned char)body[len] & 0xC0) == 0x80)
			len--;
		json_object_set_new(o, "excerpt", json_stringn(body, len));
	}
	json_array_append_new(f->items, o);
	return 0;
}

/*
 * Turns what a person typed into an FTS5 query of quoted words that must all occur: any
 * FTS5 syntax in q (quotes, operators, column filters) is dropped, so q never fails to parse.
 */
static void match_expr(const char *q, char *out, size_t size)
{
	size_t len = 0;
	int words = 0;
	bool in_word = false;

	out[0] = '\0';
	for (const unsigned char *p = (const unsigned char *)q; *p && len + 8 < size; p++) {
		bool wordch = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p >= 0x80;

		if (wordch && !in_word) {
			if (words == 16)
				break;
			len += (size_t)snprintf(out + len, size - len, "%s\"", words ? " " : "");
			in_word = true;
			words++;
		} else if (!wordch && in_word) {
			out[len++] = '"';
			out[len] = '\0';
			in_word = false;
		}
		if (wordch) {
			out[len++] = (char)*p;
			out[len] = '\0';
		}
	}
	if (in_word) {
		/* A word cut by the size limit may end inside a UTF-8 sequence: drop the partial bytes. */
		while (len > 0 && ((unsigned char)out[len - 1] & 0xC0) == 0x80)
			len--;
		if (len > 0 && (unsigned char)out[len - 1] >= 0xC0)
			len--;
		out[len++] = '"';
		out[len] = '\0';
	}
}

json_t *practice_list_json(struct store *s, const struct caller *c, const struct practice_filter *f,
			   struct page pg, struct error *err)
{
	struct found found = {c, json_array(), false};
	struct sqlval a[20];
	char match[1024];
	int n = 0;
	long long total = 0;

	match_expr(f->q ? f->q : "", match, sizeof match);
	found.search = match[0] != '\0';
	if (found.search)
		a[n++] = SQL_T(match);
	for (int i = 0; i < 5; i++)
		a[n++] = SQL_I(c->org_id);
	a[n++] = SQL_T(f->status);
	a[n++] = SQL_T(f->status);
	a[n++] = SQL_T(f->service_line);
	a[n++] = SQL_T(f->service_line);
	a[n++] = SQL_T(f->industry);
	a[n++] = SQL_T(f->industry);
	a[n++] = SQL_I(c->org_id); /* the industry filter matches only an industry shown to the caller */
	a[n++] = SQL_I(c->org_id);
	a[n++] = SQL_T(f->tag);
	a[n++] = SQL_T(f->tag);
	if (found.search) {
		if (store_int(s, STMT_PRACTICE_SEARCH_COUNT, a, n, &total, err) < 0)
			goto fail;
		a[n++] = SQL_I(pg.limit);
		if (store_exec(s, STMT_PRACTICE_SEARCH, a, n, found_row, &found, err) < 0)
			goto fail;
		return json_pack("{s:o, s:o, s:I}", "items", found.items, "next", json_null(), "total", total);
	}
	a[n++] = SQL_I(pg.after);
	a[n++] = SQL_I(pg.after);
	a[n++] = SQL_I(pg.limit + 1);
	if (store_exec(s, STMT_PRACTICE_LIST, a, n, found_row, &found, err) < 0)
		goto fail;
	return page_wrap(found.items, pg.limit);
fail:
	json_decref(found.items);
	return NULL;
}
