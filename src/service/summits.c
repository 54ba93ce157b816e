/* summits: use cases for buyers' planning summits and providers' customer summits — invitations, agenda, ratings, prospects — and problem statements. */
#include "summits.h"
#include "engagements.h"

#include <stdio.h>
#include <string.h>

#include "../domain/date.h"
#include "practices.h"
#include "replies.h"

static int int_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].i;
	return 1;
}

long long summit_create(struct store *s, const struct caller *c, const struct summit_input *in,
			struct error *err)
{
	bool planning = in->kind && !strcmp(in->kind, "buyer-planning");
	struct sqlval a[7];
	char now[24];
	long long id;

	if (!in->kind || (!planning && strcmp(in->kind, "provider-customer"))) {
		error_set(err, 422, in->kind ? "invalid" : "required", "kind", "kind must be buyer-planning or provider-customer");
		return -1;
	}
	if (planning != (c->org_kind == ORG_BUYER)) {
		error_set(err, 422, "invalid", "kind",
			  planning ? "a buyer-planning summit is hosted by a buyer" : "a provider-customer summit is hosted by a provider");
		return -1;
	}
	if (!text_line_check(in->title, SUMMIT_TITLE_MAX, "title", "a title", err))
		return -1;
	if (!in->starts_on || !date_parse(in->starts_on, NULL)) {
		error_set(err, 422, in->starts_on ? "invalid" : "required", "starts_on", "starts_on must be a date YYYY-MM-DD");
		return -1;
	}
	if (in->venue && text_has_break(in->venue)) {
		error_set(err, 422, "invalid", "venue", "the venue must be one line, without line breaks");
		return -1;
	}
	if (in->venue && strlen(in->venue) > 400) {
		error_set(err, 422, "too_long", "venue", "the venue is too long");
		return -1;
	}
	now_iso(now);
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_T(in->kind);
	a[2] = SQL_T(in->title);
	a[3] = SQL_T(in->starts_on);
	a[4] = SQL_T(in->venue ? in->venue : "");
	a[5] = SQL_I(c->user_id);
	a[6] = SQL_T(now);
	if (store_int(s, STMT_SUMMIT_INSERT, a, 7, &id, err) != 0)
		return -1;
	return id;
}

struct summit_row {
	int found;
	long long host;
	bool planning;
};

static int summit_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct summit_row *r = ctx;

	(void)n;
	r->found = 1;
	r->host = c[1].i;
	r->planning = !strcmp(c[3].s, "buyer-planning");
	return 1;
}

struct ids {
	long long v[4096];
	size_t n;
};

static int ids_cb(void *ctx, const struct sqlval *c, int n)
{
	struct ids *l = ctx;

	(void)n;
	if (l->n < sizeof l->v / sizeof l->v[0])
		l->v[l->n++] = c[0].i;
	return 0;
}

int summit_invite(struct store *s, long long summit_id, const long long *org_ids, size_t n,
		  const char *group, struct error *err)
{
	static __thread struct ids list;
	struct summit_row r = {0};
	struct sqlval a[4];
	char now[24];
	long long count = 0;

	a[0] = SQL_I(summit_id);
	if (store_exec(s, STMT_SUMMIT_GET, a, 1, summit_row_cb, &r, err) < 0)
		return -1;
	list.n = 0;
	if (group) {
		bool ok = r.planning ? !strcmp(group, "providers")
				     : (!strcmp(group, "customers") || !strcmp(group, "customers-and-prospects"));

		if (!ok) {
			error_set(err, 422, "invalid", "all",
				  r.planning ? "a planning summit invites all: providers" : "a customer summit invites all: customers or customers-and-prospects");
			return -1;
		}
		a[0] = SQL_I(r.host);
		if (store_exec(s, r.planning ? STMT_GROUP_PROVIDERS : STMT_GROUP_CUSTOMERS, a, 1, ids_cb, &list, err) < 0)
			return -1;
		if (!strcmp(group, "customers-and-prospects") &&
		    store_exec(s, STMT_GROUP_PROSPECTS, a, 1, ids_cb, &list, err) < 0)
			return -1;
	} else {
		if (!n) {
			error_set(err, 422, "required", "org_ids", "name the organisations to invite, or all");
			return -1;
		}
		for (size_t i = 0; i < n && list.n < sizeof list.v / sizeof list.v[0]; i++) {
			static __thread char field[32];
			const char *want = r.planning ? "provider" : "buyer";
			int kind = org_kind_of(s, org_ids[i], err);

			if (kind == -2)
				return -1;
			if (kind != (r.planning ? ORG_PROVIDER : ORG_BUYER) || org_ids[i] == r.host) {
				snprintf(field, sizeof field, "org_ids[%zu]", i);
				error_set(err, 422, "invalid", field, "organisation %lld is not a %s that can be invited",
					  org_ids[i], want);
				return -1;
			}
			list.v[list.n++] = org_ids[i];
		}
	}
	if (store_begin(s, err))
		return -1;
	now_iso(now);
	for (size_t i = 0; i < list.n; i++) {
		a[0] = SQL_I(r.host);
		a[1] = SQL_I(summit_id);
		a[2] = SQL_I(list.v[i]);
		a[3] = SQL_T(now);
		if (store_exec(s, STMT_INVITE, a, 4, NULL, NULL, err) < 0) {
			store_rollback(s);
			return -1;
		}
	}
	if (store_commit(s, err))
		return -1;
	return (int)count;
}

struct invitation_row {
	long long summit;
	char status[16];
};

static int invitation_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct invitation_row *r = ctx;

	(void)n;
	r->summit = c[1].i;
	snprintf(r->status, sizeof r->status, "%s", c[3].s);
	return 1;
}

long long invitation_summit_of(struct store *s, long long id)
{
	struct invitation_row r = {0};
	struct sqlval a[1] = {SQL_I(id)};

	store_exec(s, STMT_INVITATION_GET, a, 1, invitation_row_cb, &r, NULL);
	return r.summit;
}

int invitation_set(struct store *s, long long id, const char *status, bool host, struct error *err)
{
	struct invitation_row r = {0};
	struct sqlval a[3];
	char now[24];

	if (!status || (strcmp(status, "accepted") && strcmp(status, "declined") && strcmp(status, "attended"))) {
		error_set(err, 422, status ? "invalid" : "required", "status", "status must be accepted, declined or attended");
		return -1;
	}
	if (host != !strcmp(status, "attended")) {
		error_set(err, 403, "forbidden", "status",
			  host ? "the host records attendance; the invitee accepts or declines" : "only the host records attendance");
		return -1;
	}
	/* Once the host has recorded that an organisation came, its answer no longer changes the record. */
	if (!host) {
		a[0] = SQL_I(id);
		if (store_exec(s, STMT_INVITATION_GET, a, 1, invitation_row_cb, &r, err) < 0)
			return -1;
		if (!strcmp(r.status, "attended")) {
			error_set(err, 409, "attended", "status", "the host has recorded that your organisation attended this summit");
			return -1;
		}
	}
	now_iso(now);
	a[0] = SQL_T(status);
	a[1] = SQL_T(now);
	a[2] = SQL_I(id);
	return store_exec(s, STMT_INVITATION_SET, a, 3, NULL, NULL, err) < 0 ? -1 : 0;
}

struct practice_owner {
	long long provider;
	bool published;
};

static int practice_owner_cb(void *ctx, const struct sqlval *c, int n)
{
	struct practice_owner *o = ctx;

	(void)n;
	o->provider = c[0].i;
	o->published = !strcmp(c[1].s, "published");
	return 1;
}

/*
 * A practice reaches a summit only through its author: the caller's organisation must both
 * have written it and present the session (403 not_author, the same for an unknown practice
 * as for another's, so the answer tells nothing about other practices); then it must be
 * published and the session a best-practice one (422).
 */
static int session_practice_check(struct store *s, const struct caller *c, const char *kind, long long presenter,
				  long long practice_id, struct error *err)
{
	struct practice_owner o = {0};
	struct sqlval a[1] = {SQL_I(practice_id)};

	if (practice_id <= 0) {
		error_set(err, 422, practice_id ? "invalid" : "required", "practice_id", "choose one of your published practices");
		return -1;
	}
	if (store_exec(s, STMT_PRACTICE_OWNER, a, 1, practice_owner_cb, &o, err) < 0)
		return -1;
	if (o.provider != c->org_id || presenter != c->org_id) {
		error_set(err, 403, "not_author", "practice_id",
			  "only the presenting organisation links a practice, and only one it wrote");
		return -1;
	}
	if (strcmp(kind, "best-practice") || !o.published) {
		error_set(err, 422, "invalid", "practice_id", "a best-practice session links one of the presenter's published practices");
		return -1;
	}
	return 0;
}

long long summit_session_add(struct store *s, const struct caller *c, long long summit_id, const char *kind,
			     const char *title, long long presenter, long long roadmap_id, long long practice_id,
			     struct error *err)
{
	struct summit_row r = {0};
	struct sqlval a[8];
	long long invited = 0, owner = 0, id;
	char now[24];

	if (!kind || (strcmp(kind, "roadmap") && strcmp(kind, "showcase") && strcmp(kind, "best-practice"))) {
		error_set(err, 422, kind ? "invalid" : "required", "kind", "kind must be roadmap, showcase or best-practice");
		return -1;
	}
	if (!text_line_check(title, SUMMIT_TITLE_MAX, "title", "a title", err))
		return -1;
	a[0] = SQL_I(summit_id);
	if (store_exec(s, STMT_SUMMIT_GET, a, 1, summit_row_cb, &r, err) < 0)
		return -1;
	a[1] = SQL_I(presenter);
	if (store_int(s, STMT_INVITED_COUNT, a, 2, &invited, err) < 0)
		return -1;
	if (presenter != r.host && !invited) {
		error_set(err, 422, "invalid", "presenter_org_id", "the presenter must be the host or an invited organisation");
		return -1;
	}
	if (!strcmp(kind, "roadmap")) {
		a[0] = SQL_I(roadmap_id);
		if (store_exec(s, STMT_ROADMAP_OWNER, a, 1, int_cb, &owner, err) < 0)
			return -1;
		if (!roadmap_id || owner != r.host || !r.planning) {
			error_set(err, 422, "invalid", "roadmap_id", "a roadmap session presents one of the host buyer's roadmaps");
			return -1;
		}
	} else if (roadmap_id) {
		error_set(err, 422, "invalid", "roadmap_id", "only a roadmap session presents a roadmap");
		return -1;
	}
	if (practice_id && session_practice_check(s, c, kind, presenter, practice_id, err))
		return -1;
	now_iso(now);
	a[0] = SQL_I(r.host);
	a[1] = SQL_I(summit_id);
	a[2] = SQL_T(kind);
	a[3] = SQL_T(title);
	a[4] = SQL_I(presenter);
	a[5] = roadmap_id ? SQL_I(roadmap_id) : SQL_NUL;
	a[6] = practice_id ? SQL_I(practice_id) : SQL_NUL;
	a[7] = SQL_T(now);
	if (store_int(s, STMT_SUMMIT_SESSION_INSERT, a, 8, &id, err) != 0)
		return -1;
	return id;
}

struct session_row {
	int found;
	long long summit, presenter;
	char kind[16];
};

static int session_row_cb(void *ctx, const struct sqlval *c, int n)
{
	struct session_row *x = ctx;

	(void)n;
	x->found = 1;
	x->summit = c[0].i;
	x->presenter = c[1].i;
	snprintf(x->kind, sizeof x->kind, "%s", c[2].s);
	return 1;
}

long long session_summit_of(struct store *s, long long session_id)
{
	struct session_row x = {0};
	struct sqlval a[1] = {SQL_I(session_id)};

	store_exec(s, STMT_SUMMIT_SESSION_GET, a, 1, session_row_cb, &x, NULL);
	return x.summit;
}

int session_link_practice(struct store *s, const struct caller *c, long long session_id, long long practice_id,
			  long long *summit, struct error *err)
{
	struct session_row x = {0};
	struct sqlval a[2] = {SQL_I(session_id)};

	if (store_exec(s, STMT_SUMMIT_SESSION_GET, a, 1, session_row_cb, &x, err) < 0)
		return -1;
	if (!x.found) {
		error_set(err, 404, "not_found", NULL, "there is no such session");
		return -1;
	}
	*summit = x.summit;
	if (session_practice_check(s, c, x.kind, x.presenter, practice_id, err))
		return -1;
	a[0] = SQL_I(practice_id);
	a[1] = SQL_I(session_id);
	return store_exec(s, STMT_SUMMIT_SESSION_LINK, a, 2, NULL, NULL, err) < 0 ? -1 : 0;
}

/* SUMMIT_SESSION_ACCESS's host and presenter (columns 0 and 2). */
static int host_presenter_cb(void *ctx, const struct sqlval *c, int n)
{
	long long *out = ctx;

	(void)n;
	out[0] = c[0].i;
	out[1] = c[2].type == SQL_NULL ? 0 : c[2].i;
	return 1;
}

int session_rate(struct store *s, const struct caller *c, long long session_id, long long rating,
		 const char *comment, struct error *err)
{
	struct sqlval a[6];
	long long host = 0, presenter = 0;
	char now[24];

	if (rating < 1 || rating > 5) {
		error_set(err, 422, "invalid", "rating", "rating must be a whole number from 1 to 5");
		return -1;
	}
	if (comment && strlen(comment) > 4000) {
		error_set(err, 422, "too_long", "comment", "the comment is too long");
		return -1;
	}
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_I(session_id);
	{
		long long access[2] = {0, 0}; /* the host, the presenter */

		if (store_exec(s, STMT_SUMMIT_SESSION_ACCESS, a, 2, host_presenter_cb, access, err) < 0)
			return -1;
		host = access[0];
		presenter = access[1];
	}
	/* Feedback comes from those who came or will come: an organisation that declined gives none. */
	{
		long long declined = 0;
		struct sqlval d[2] = {SQL_I(session_id), SQL_I(c->org_id)};

		if (store_int(s, STMT_SESSION_INVITATION_DECLINED, d, 2, &declined, err))
			return -1;
		if (declined) {
			error_set(err, 409, "declined", "rating", "your organisation declined this summit: accept the invitation to rate its sessions");
			return -1;
		}
	}
	/* Feedback is the audience's: the presenting organisation does not mark its own session. */
	if (presenter == c->org_id) {
		error_set(err, 409, "own_session", "rating", "your organisation presents this session: the audience rates it");
		return -1;
	}
	now_iso(now);
	a[0] = SQL_I(session_id);
	a[1] = SQL_I(c->user_id);
	a[2] = SQL_I(host);
	a[3] = SQL_I(rating);
	a[4] = SQL_T(comment ? comment : "");
	a[5] = SQL_T(now);
	return store_exec(s, STMT_RATING_PUT, a, 6, NULL, NULL, err) < 0 ? -1 : 0;
}

static int summit_json_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s}", "id", c[0].i, "host_org_id", c[1].i,
					     "host_name", c[2].s, "kind", c[3].s, "title", c[4].s, "starts_on", c[5].s,
					     "venue", c[6].s, "created_at", c[7].s));
	return 0;
}

static int invitation_json_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s}", "id", c[0].i, "org_id", c[1].i, "org_name",
					     c[2].s, "org_kind", c[3].s, "status", c[4].s, "updated_at", c[5].s));
	return 0;
}

struct sessions_ctx {
	json_t *items;
	bool host;
};

static int session_json_cb(void *ctx, const struct sqlval *c, int n)
{
	struct sessions_ctx *x = ctx;
	json_t *o = json_pack("{s:I, s:s, s:s, s:I, s:s, s:o, s:o}", "id", c[0].i, "kind", c[1].s, "title", c[2].s,
			      "presenter_org_id", c[3].i, "presenter_name", c[4].s, "roadmap_id",
			      c[5].type == SQL_NULL ? json_null() : json_integer(c[5].i), "practice_id",
			      c[6].type == SQL_NULL ? json_null() : json_integer(c[6].i));

	(void)n;
	/* Only the host sees how sessions were rated. */
	if (x->host) {
		json_object_set_new(o, "ratings", json_integer(c[7].i));
		/* The store gives the mean in hundredths, in integer arithmetic every backend shares. */
		json_object_set_new(o, "mean_rating", c[8].type == SQL_INT ? json_real(c[8].i / 100.0) : json_null());
		json_object_set_new(o, "comments", json_array());
	}
	json_array_append_new(x->items, o);
	return 0;
}

static int comment_cb(void *ctx, const struct sqlval *c, int n)
{
	size_t i;
	json_t *x;

	(void)n;
	json_array_foreach((json_t *)ctx, i, x)
	{
		if (json_integer_value(json_object_get(x, "id")) == c[0].i)
			json_array_append_new(json_object_get(x, "comments"),
					      json_pack("{s:I, s:s}", "rating", c[1].i, "comment", c[2].s));
	}
	return 0;
}

json_t *summit_get_json(struct store *s, long long id, long long viewer_org, bool host)
{
	struct sqlval a[2] = {SQL_I(id), SQL_I(viewer_org)};
	json_t *list = json_array(), *o, *inv = json_array();
	struct sessions_ctx x = {json_array(), host};

	store_exec(s, STMT_SUMMIT_GET, a, 1, summit_json_cb, list, NULL);
	o = json_incref(json_array_get(list, 0));
	json_decref(list);
	if (!o) {
		json_decref(inv);
		json_decref(x.items);
		return NULL;
	}
	/* The host sees every invitation; an invitee its own only (the agenda still names presenters). */
	store_exec(s, host ? STMT_INVITATION_LIST : STMT_INVITATION_OWN, a, host ? 1 : 2, invitation_json_cb, inv, NULL);
	store_exec(s, STMT_SUMMIT_SESSION_LIST, a, 1, session_json_cb, &x, NULL);
	if (host)
		store_exec(s, STMT_RATING_COMMENTS, a, 1, comment_cb, x.items, NULL);
	json_object_set_new(o, "invitations", inv);
	json_object_set_new(o, "sessions", x.items);
	return o;
}

static int my_rating_cb(void *ctx, const struct sqlval *c, int n)
{
	size_t i;
	json_t *x;

	(void)n;
	json_array_foreach((json_t *)ctx, i, x)
	{
		if (json_integer_value(json_object_get(x, "id")) == c[0].i)
			json_object_set_new(x, "my_rating", json_pack("{s:I, s:s, s:s}", "rating", c[1].i, "comment", c[2].s, "rated_at", c[3].s));
	}
	return 0;
}

void summit_attach_my_ratings(struct store *s, json_t *summit, long long user_id)
{
	json_t *sessions = json_object_get(summit, "sessions"), *x;
	struct sqlval a[2] = {SQL_I(json_integer_value(json_object_get(summit, "id"))), SQL_I(user_id)};
	size_t i;

	json_array_foreach(sessions, i, x) json_object_set_new(x, "my_rating", json_null());
	store_exec(s, STMT_RATING_MINE, a, 2, my_rating_cb, sessions, NULL);
}

json_t *summit_list_json(struct store *s, const struct caller *c, struct page pg)
{
	struct sqlval a[4] = {SQL_I(c->org_id), SQL_I(c->org_id), SQL_I(pg.after), SQL_I(pg.limit + 1)};
	json_t *items = json_array();

	if (store_exec(s, STMT_SUMMIT_LIST, a, 4, summit_json_cb, items, NULL) < 0) {
		json_decref(items);
		return NULL;
	}
	return page_wrap(items, pg.limit);
}

int prospect_add(struct store *s, const struct caller *c, long long org_id, struct error *err)
{
	struct sqlval a[3];
	char now[24];
	int kind = org_kind_of(s, org_id, err);

	if (kind == -2)
		return -1;
	if (kind != ORG_BUYER) {
		error_set(err, 422, "invalid", "org_id", "a prospect is a buyer organisation");
		return -1;
	}
	now_iso(now);
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_I(org_id);
	a[2] = SQL_T(now);
	return store_exec(s, STMT_PROSPECT_ADD, a, 3, NULL, NULL, err) < 0 ? -1 : 0;
}

static int prospect_json_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s}", "org_id", c[0].i, "name", c[1].s, "industry", c[2].s,
					     "added_at", c[3].s));
	return 0;
}

json_t *prospect_list_json(struct store *s, const struct caller *c)
{
	struct sqlval a[1] = {SQL_I(c->org_id)};
	json_t *items = json_array();

	store_exec(s, STMT_PROSPECT_LIST, a, 1, prospect_json_cb, items, NULL);
	return json_pack("{s:o, s:n}", "items", items, "next");
}

/* ---- problem statements ---- */

long long problem_create(struct store *s, const struct caller *c, const struct problem_input *in,
			 struct error *err)
{
	struct sqlval a[7];
	long long owner = 0, id;
	char now[24];

	if (!text_line_check(in->title, SUMMIT_TITLE_MAX, "title", "a title", err))
		return -1;
	if (in->body && strlen(in->body) > 32 * 1024) {
		error_set(err, 422, "too_long", "body", "the text is too long");
		return -1;
	}
	if (!in->engagement_id == !in->summit_id) {
		error_set(err, 422, "required", "engagement_id", "address the problem to one engagement's provider (engagement_id) or to a summit's invitees (summit_id)");
		return -1;
	}
	a[0] = SQL_I(in->engagement_id ? in->engagement_id : in->summit_id);
	if (store_exec(s, in->engagement_id ? STMT_ENG_BUYER_OF : STMT_SUMMIT_HOST_OF, a, 1, int_cb, &owner, err) < 0)
		return -1;
	if (owner != c->org_id) {
		error_set(err, 422, "invalid", in->engagement_id ? "engagement_id" : "summit_id",
			  in->engagement_id ? "engagement_id must be one of your engagements" : "summit_id must be a summit you host");
		return -1;
	}
	if (in->engagement_id && engagement_require_accepted(s, in->engagement_id, "engagement_id", err))
		return -1;
	now_iso(now);
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_T(in->title);
	a[2] = SQL_T(in->body ? in->body : "");
	a[3] = in->engagement_id ? SQL_I(in->engagement_id) : SQL_NUL;
	a[4] = in->summit_id ? SQL_I(in->summit_id) : SQL_NUL;
	a[5] = SQL_I(c->user_id);
	a[6] = SQL_T(now);
	if (store_int(s, STMT_PROBLEM_INSERT, a, 7, &id, err) != 0)
		return -1;
	return id;
}

long long problem_respond(struct store *s, const struct caller *c, long long problem_id,
			  const char *body, long long practice_id, struct error *err)
{
	struct sqlval a[7];
	long long buyer = 0, id;
	char now[24];

	if (!text_is_multiline(body, 32 * 1024)) {
		error_set(err, 422, body ? "invalid" : "required", "body", "the response needs a text");
		return -1;
	}
	if (practice_id && !practice_citable(s, practice_id, c->org_id)) {
		error_set(err, 422, "invalid", "practice_id", "cite one of your published practices");
		return -1;
	}
	a[0] = SQL_I(c->org_id);
	a[1] = SQL_I(c->org_id);
	a[2] = SQL_I(problem_id);
	if (store_exec(s, STMT_PROBLEM_ACCESS, a, 3, int_cb, &buyer, err) < 0)
		return -1;
	now_iso(now);
	a[0] = SQL_I(buyer);
	a[1] = SQL_I(problem_id);
	a[2] = SQL_I(c->org_id);
	a[3] = SQL_T(body);
	a[4] = practice_id ? SQL_I(practice_id) : SQL_NUL;
	a[5] = SQL_I(c->user_id);
	a[6] = SQL_T(now);
	if (store_int(s, STMT_PROBLEM_RESPOND, a, 7, &id, err) != 0)
		return -1;
	return id;
}

int problem_response_set(struct store *s, long long id, const char *status, struct error *err)
{
	struct sqlval a[2];

	if (!status || (strcmp(status, "useful") && strcmp(status, "selected") && strcmp(status, "submitted"))) {
		error_set(err, 422, status ? "invalid" : "required", "status", "status must be useful, selected or submitted");
		return -1;
	}
	a[0] = SQL_T(status);
	a[1] = SQL_I(id);
	return store_exec(s, STMT_PROBLEM_RESPONSE_SET, a, 2, NULL, NULL, err) < 0 ? -1 : 0;
}

static int problem_json_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:I, s:s, s:s, s:s, s:o, s:o, s:I, s:s, s:s}", "id", c[0].i,
					     "buyer_org_id", c[1].i, "buyer_name", c[2].s, "title", c[3].s, "body", c[4].s,
					     "engagement_id", c[5].type == SQL_NULL ? json_null() : json_integer(c[5].i),
					     "summit_id", c[6].type == SQL_NULL ? json_null() : json_integer(c[6].i),
					     "created_by", c[7].i, "created_by_name", c[8].s, "created_at", c[9].s));
	return 0;
}

static int response_json_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:I, s:I, s:s, s:s, s:o, s:s, s:I, s:s, s:s}", "id", c[0].i,
					     "problem_id", c[1].i, "org_id", c[2].i, "org_name", c[3].s, "body", c[4].s,
					     "practice_id", c[5].type == SQL_NULL ? json_null() : json_integer(c[5].i), "status", c[6].s, "author_id", c[7].i, "author_name", c[8].s,
					     "created_at", c[9].s));
	return 0;
}

json_t *problem_get_json(struct store *s, const struct caller *c, long long id, bool buyer)
{
	struct sqlval a[2] = {SQL_I(id), SQL_I(c->org_id)};
	json_t *list = json_array(), *o, *responses = json_array();

	store_exec(s, STMT_PROBLEM_GET, a, 1, problem_json_cb, list, NULL);
	o = json_incref(json_array_get(list, 0));
	json_decref(list);
	if (!o) {
		json_decref(responses);
		return NULL;
	}
	/* A response is seen by its author's organisation and the buyer only. */
	store_exec(s, buyer ? STMT_PROBLEM_RESPONSES_ALL : STMT_PROBLEM_RESPONSES_OWN, a, buyer ? 1 : 2,
		   response_json_cb, responses, NULL);
	/* Each response's conversation goes with it: the buyer and that response's author only. */
	for (size_t i = 0; i < json_array_size(responses); i++) {
		json_t *x = json_array_get(responses, i);

		json_object_set_new(x, "replies", problem_replies_json(s, json_integer_value(json_object_get(x, "id"))));
	}
	json_object_set_new(o, "responses", responses);
	return o;
}

json_t *problem_list_json(struct store *s, const struct caller *c, struct page pg)
{
	json_t *items = json_array();
	struct sqlval a[4];
	int rc = 0;

	if (c->org_kind == ORG_BUYER) {
		a[0] = SQL_I(c->org_id);
		a[1] = SQL_I(pg.after);
		a[2] = SQL_I(pg.limit + 1);
		rc = store_exec(s, STMT_PROBLEM_LIST_BUYER, a, 3, problem_json_cb, items, NULL);
	} else if (c->org_kind == ORG_PROVIDER) {
		a[0] = SQL_I(c->org_id);
		a[1] = SQL_I(c->org_id);
		a[2] = SQL_I(pg.after);
		a[3] = SQL_I(pg.limit + 1);
		rc = store_exec(s, STMT_PROBLEM_LIST_PROVIDER, a, 4, problem_json_cb, items, NULL);
	}
	if (rc < 0) {
		json_decref(items);
		return NULL;
	}
	return page_wrap(items, pg.limit);
}

/* One picker option {value: id, label: "first — second"} (an engagement and its provider, a summit and its date). */
static int choice_cb(void *ctx, const struct sqlval *c, int n)
{
	char label[1024];

	(void)n;
	snprintf(label, sizeof label, "%s — %s", c[1].s, c[2].s);
	json_array_append_new(ctx, json_pack("{s:I, s:s}", "value", c[0].i, "label", label));
	return 0;
}

static json_t *choices(struct store *s, enum stmt id, long long org)
{
	struct sqlval a[1] = {SQL_I(org)};
	json_t *options = json_array();

	if (store_exec(s, id, a, 1, choice_cb, options, NULL) < 0) {
		json_decref(options);
		return json_array();
	}
	return options;
}

json_t *problem_engagement_choices(struct store *s, const struct caller *c)
{
	return choices(s, STMT_PROBLEM_ENGAGEMENT_CHOICES, c->org_id);
}

json_t *problem_summit_choices(struct store *s, const struct caller *c)
{
	return choices(s, STMT_PROBLEM_SUMMIT_CHOICES, c->org_id);
}
