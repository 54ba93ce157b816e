/* orgs: create and list organisations, users and business units with their validation rules. */
#include "orgs.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../domain/leak.h"
#include "auth.h"

void now_iso(char out[24])
{
	time_t t = time(NULL);
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

json_t *page_wrap(json_t *items, int limit)
{
	json_t *next = json_null();
	size_t n = json_array_size(items);

	/* Lists fetch limit + 1 rows: the extra one proves there is a next page. */
	if ((int)n > limit) {
		json_array_remove(items, n - 1);
		next = json_integer(json_integer_value(
			json_object_get(json_array_get(items, n - 2), "id")));
	}
	return json_pack("{s:o, s:o}", "items", items, "next", next);
}

/* Whether name reads the same as an existing organisation's (leak_same_name): one query over all names, a few hundred on a large platform. */
struct same_name {
	const char *name;
	char existing[ORG_NAME_MAX * 4 + 1];
	bool found;
};

static int same_name_row(void *ctx, const struct sqlval *c, int n)
{
	struct same_name *m = ctx;

	(void)n;
	if (leak_same_name(c[0].s, m->name)) {
		m->found = true;
		snprintf(m->existing, sizeof m->existing, "%s", c[0].s);
	}
	return m->found;
}

/* The organisation's checks and insert, its name already tidied (trimmed, NFKC). */
static long long org_insert(struct store *s, const char *name, int kind, const char *industry, struct error *err)
{
	char now[24];
	long long id = 0, taken = 0;
	struct sqlval a[4];
	struct same_name m = {name, "", false};

	a[0] = SQL_T(name);
	if (store_int(s, STMT_ORG_NAME_TAKEN, a, 1, &taken, err) < 0)
		return -1;
	if (taken) {
		error_set(err, 409, "conflict", "name", "an organisation named '%s' exists already", name);
		return -1;
	}
	if (store_exec(s, STMT_ORG_NAMES, NULL, 0, same_name_row, &m, err) < 0)
		return -1;
	if (m.found) {
		error_set(err, 422, "duplicate", "name", "the name reads the same as '%s', which exists already", m.existing);
		return -1;
	}
	now_iso(now);
	a[1] = SQL_T(org_kind_name(kind));
	a[2] = SQL_T(industry ? industry : "");
	a[3] = SQL_T(now);
	if (store_int(s, STMT_ORG_INSERT, a, 4, &id, err) != 0) {
		if (err && err->status == 409)
			err->field = "name";
		return -1;
	}
	return id;
}

long long org_create(struct store *s, const struct org_input *in, struct error *err)
{
	struct buf tidy;
	long long id = -1;
	int kind = org_kind_parse(in->kind);

	/* Stored trimmed and in NFKC, so "Ｎｏｒｔｈｗｉｎｄ" is kept as "Northwind". */
	buf_init(&tidy, ORG_NAME_MAX * 4 + 64);
	if (!in->name || leak_tidy_name(in->name, &tidy) || !text_is_name(tidy.data, ORG_NAME_MAX)) {
		error_set(err, 422, in->name ? "invalid" : "required", "name",
			  "a name of 1 to %d characters is required", ORG_NAME_MAX);
		goto out;
	}
	if (kind < 0) {
		error_set(err, 422, in->kind ? "invalid" : "required", "kind",
			  "kind must be buyer, provider or platform");
		goto out;
	}
	if (in->industry && *in->industry && !text_is_name(in->industry, ORG_INDUSTRY_MAX)) {
		error_set(err, 422, "invalid", "industry", "industry must be at most %d characters",
			  ORG_INDUSTRY_MAX);
		goto out;
	}
	id = org_insert(s, tidy.data, kind, in->industry, err);
out:
	buf_release(&tidy);
	return id;
}

struct org_kind_row {
	int found, kind;
};

static int org_kind_cb(void *ctx, const struct sqlval *cols, int n)
{
	struct org_kind_row *r = ctx;

	(void)n;
	r->found = 1;
	r->kind = org_kind_parse(cols[2].s);
	return 1;
}

int org_kind_of(struct store *s, long long id, struct error *err)
{
	struct org_kind_row r = {0, -1};
	struct sqlval a[1] = {SQL_I(id)};

	if (store_exec(s, STMT_ORG_GET, a, 1, org_kind_cb, &r, err) < 0)
		return -2;
	return r.found ? r.kind : -1;
}

long long user_create(struct store *s, const struct user_input *in, struct error *err)
{
	char lower[USER_EMAIL_MAX + 1], hash[128], feed[48], now[24];
	int kind = org_kind_of(s, in->org_id, err);
	long long id = 0, taken = 0;
	struct sqlval a[7];

	if (kind == -2)
		return -1;
	if (kind < 0) {
		error_set(err, 404, "not_found", "org", "no such organisation");
		return -1;
	}
	if (!in->email || !text_is_email(in->email)) {
		error_set(err, 422, in->email ? "invalid" : "required", "email",
			  "a valid e-mail address is required");
		return -1;
	}
	if (!text_line_check(in->name, USER_NAME_MAX, "name", "a name", err))
		return -1;
	if (!role_mask_check(in->roles, (enum org_kind)kind, err))
		return -1;
	if (!password_acceptable(in->password, in->email, in->name, err))
		return -1;
	/*
	 * Unique within the organisation only (migration 015): whether another tenant has the
	 * address is never told, so the answer is the same as for a fresh one.
	 */
	text_lower_ascii(lower, sizeof lower, in->email);
	a[0] = SQL_I(in->org_id);
	a[1] = SQL_T(lower);
	if (store_int(s, STMT_USER_EMAIL_TAKEN, a, 2, &taken, err) < 0)
		return -1;
	if (taken) {
		error_set(err, 409, "conflict", "email", "a user of this organisation has this e-mail already");
		return -1;
	}
	if (auth_password_hash(in->password, hash) != 0) {
		error_set(err, 500, "internal", NULL, "cannot hash the password");
		return -1;
	}
	auth_random_token(feed, sizeof feed, 24);
	now_iso(now);
	a[0] = SQL_I(in->org_id);
	a[1] = SQL_T(lower);
	a[2] = SQL_T(in->name);
	a[3] = SQL_I(in->roles);
	a[4] = SQL_T(hash);
	a[5] = SQL_T(feed);
	a[6] = SQL_T(now);
	if (store_int(s, STMT_USER_INSERT, a, 7, &id, err) != 0) {
		if (err && err->status == 409)
			err->field = "email";
		return -1;
	}
	return id;
}

static int user_row(void *ctx, const struct sqlval *c, int n);

static int user_org_row(void *ctx, const struct sqlval *c, int n)
{
	struct user_org *u = ctx;

	(void)n;
	u->org_id = c[1].i;
	u->roles = (role_mask)c[4].i;
	u->kind = org_kind_parse(c[7].s);
	u->deactivated = c[8].type != SQL_NULL;
	return 1;
}

int user_org_of(struct store *s, long long user_id, struct user_org *out, struct error *err)
{
	struct sqlval a[1] = {SQL_I(user_id)};
	int n;

	*out = (struct user_org){0, 0, -1, false};
	n = store_exec(s, STMT_USER_GET, a, 1, user_org_row, out, err);
	return n < 0 ? -1 : n > 0 && out->kind >= 0;
}

int user_roles_set(struct store *s, long long user_id, role_mask roles, struct error *err)
{
	struct user_org u;
	struct sqlval a[3];
	role_mask keepers;
	long long others = 0;
	int n = user_org_of(s, user_id, &u, err);

	if (n < 0)
		return -1;
	if (n == 0) {
		error_set(err, 404, "not_found", NULL, "no such user");
		return -1;
	}
	if (!role_mask_check(roles, (enum org_kind)u.kind, err))
		return -1;
	/* A deactivated person holds no roles that matter: changing them would only widen what is sent to a closed account. */
	if (u.deactivated) {
		error_set(err, 409, "deactivated", "roles", "this person is deactivated; their roles no longer change");
		return -1;
	}
	keepers = role_keepers((enum org_kind)u.kind);
	if ((u.roles & keepers) && !(roles & keepers)) {
		a[0] = SQL_I(u.org_id);
		a[1] = SQL_I(user_id);
		a[2] = SQL_I(keepers);
		if (store_int(s, STMT_USER_OTHERS_WITH_ROLES, a, 3, &others, err) < 0)
			return -1;
		if (others == 0) {
			error_set(err, 409, "last_manager", "roles",
				  "this is the organisation's last %s; grant the role to someone else first",
				  role_label(u.kind == ORG_BUYER ? ROLE_BUYER_CXO : u.kind == ORG_PROVIDER ? ROLE_PROVIDER_LEADERSHIP : ROLE_ADMIN));
			return -1;
		}
	}
	a[0] = SQL_I(roles);
	a[1] = SQL_I(user_id);
	return store_exec(s, STMT_USER_ROLES_SET, a, 2, NULL, NULL, err) < 0 ? -1 : 0;
}

int user_deactivate(struct store *s, const struct caller *c, long long user_id, struct error *err)
{
	struct user_org u;
	struct sqlval a[3];
	role_mask keepers;
	long long others = 0;
	char now[24];
	int n = user_org_of(s, user_id, &u, err);

	if (n < 0)
		return -1;
	if (n == 0) {
		error_set(err, 404, "not_found", NULL, "no such user");
		return -1;
	}
	if (user_id == c->user_id) {
		error_set(err, 422, "invalid", "user", "you cannot deactivate yourself; ask another manager of your organisation");
		return -1;
	}
	if (u.deactivated) {
		error_set(err, 409, "already_deactivated", "user", "this user is deactivated already");
		return -1;
	}
	/* Deactivating takes every role away: the caller must be one who may remove them all. */
	if (!role_grant_error(role_grant_allowed(c->roles, (enum org_kind)u.kind, u.roles, 0, false), err))
		return -1;
	keepers = role_keepers((enum org_kind)u.kind);
	if (u.roles & keepers) {
		a[0] = SQL_I(u.org_id);
		a[1] = SQL_I(user_id);
		a[2] = SQL_I(keepers);
		if (store_int(s, STMT_USER_OTHERS_WITH_ROLES, a, 3, &others, err) < 0)
			return -1;
		if (others == 0) {
			error_set(err, 409, "last_manager", "user",
				  "this is the organisation's last %s; grant the role to someone else first",
				  role_label(u.kind == ORG_BUYER ? ROLE_BUYER_CXO : u.kind == ORG_PROVIDER ? ROLE_PROVIDER_LEADERSHIP : ROLE_ADMIN));
			return -1;
		}
	}
	now_iso(now);
	a[0] = SQL_T(now);
	a[1] = SQL_I(user_id);
	if (store_begin(s, err))
		return -1;
	if (store_exec(s, STMT_USER_DEACTIVATE, a, 2, NULL, NULL, err) < 0 ||
	    store_exec(s, STMT_SESSION_DELETE_USER, &a[1], 1, NULL, NULL, err) < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s, err);
}

json_t *user_get_json(struct store *s, long long user_id)
{
	json_t *items = json_array(), *o = NULL;
	struct sqlval a[1] = {SQL_I(user_id)};

	if (store_exec(s, STMT_USER_GET, a, 1, user_row, items, NULL) > 0)
		o = json_incref(json_array_get(items, 0));
	json_decref(items);
	return o;
}

long long unit_create(struct store *s, const struct unit_input *in, struct error *err)
{
	int kind = org_kind_of(s, in->org_id, err);
	long long id = 0, taken = 0, roles = 0;
	struct sqlval a[4];
	char now[24];

	if (kind == -2)
		return -1;
	if (kind < 0) {
		error_set(err, 404, "not_found", "org", "no such organisation");
		return -1;
	}
	if (kind != ORG_BUYER) {
		error_set(err, 422, "invalid", "org", "only a buyer organisation has business units");
		return -1;
	}
	if (!text_is_name(in->name, ORG_NAME_MAX)) {
		error_set(err, 422, in->name ? "invalid" : "required", "name",
			  "a name of 1 to %d characters is required", ORG_NAME_MAX);
		return -1;
	}
	if (in->cio_user_id) {
		a[0] = SQL_I(in->cio_user_id);
		a[1] = SQL_I(in->org_id);
		if (store_int(s, STMT_USER_ROLES_IN_ORG, a, 2, &roles, err) < 0)
			return -1;
		if (!(roles & ROLE_BIT(ROLE_UNIT_CIO))) {
			error_set(err, 422, "invalid", "cio_user_id",
				  "the unit CIO must be a user of this organisation with the unit_cio role");
			return -1;
		}
	}
	a[0] = SQL_I(in->org_id);
	a[1] = SQL_T(in->name);
	if (store_int(s, STMT_UNIT_NAME_TAKEN, a, 2, &taken, err) < 0)
		return -1;
	if (taken) {
		error_set(err, 409, "conflict", "name", "a unit named '%s' exists already", in->name);
		return -1;
	}
	now_iso(now);
	a[2] = in->cio_user_id ? SQL_I(in->cio_user_id) : SQL_NUL;
	a[3] = SQL_T(now);
	if (store_int(s, STMT_UNIT_INSERT, a, 4, &id, err) != 0) {
		if (err && err->status == 409)
			err->field = "name";
		return -1;
	}
	return id;
}

json_t *roles_json(role_mask m)
{
	json_t *a = json_array();

	for (int r = 0; r < ROLE__MAX; r++)
		if (m & ROLE_BIT(r))
			json_array_append_new(a, json_string(role_name(r)));
	return a;
}

static int org_row(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", c[0].i, "name",
					     c[1].s, "kind", c[2].s, "industry", c[3].s,
					     "created_at", c[4].s));
	return 0;
}

json_t *org_get_json(struct store *s, long long id)
{
	json_t *items = json_array(), *o = NULL;
	struct sqlval a[1] = {SQL_I(id)};

	if (store_exec(s, STMT_ORG_GET, a, 1, org_row, items, NULL) > 0)
		o = json_incref(json_array_get(items, 0));
	json_decref(items);
	return o;
}

json_t *org_list_json(struct store *s, const struct caller *c, struct page pg)
{
	json_t *items = json_array();
	struct sqlval a[4];
	int n;

	if (c->roles & ROLE_BIT(ROLE_ADMIN)) {
		a[0] = SQL_I(pg.after);
		a[1] = SQL_I(pg.limit + 1);
		n = store_exec(s, STMT_ORG_LIST_ALL, a, 2, org_row, items, NULL);
	} else {
		a[0] = SQL_I(pg.after);
		a[1] = SQL_I(c->org_id);
		a[2] = SQL_T(c->org_kind == ORG_BUYER	   ? "provider"
			     : c->org_kind == ORG_PROVIDER ? "buyer"
							   : "-");
		a[3] = SQL_I(pg.limit + 1);
		n = store_exec(s, STMT_ORG_LIST_DIRECTORY, a, 4, org_row, items, NULL);
	}
	if (n < 0) {
		json_decref(items);
		return NULL;
	}
	return page_wrap(items, pg.limit);
}

/* A user of USER_GET or USER_LIST_ORG, whose last column is deactivated_at (NULL: active). */
static int user_row(void *ctx, const struct sqlval *c, int n)
{
	const struct sqlval *off = &c[n - 1];

	json_array_append_new(ctx, json_pack("{s:I, s:I, s:s, s:s, s:o, s:o}", "id", c[0].i, "org_id",
					     c[1].i, "email", c[2].s, "name", c[3].s, "roles",
					     roles_json((role_mask)c[4].i), "deactivated_at",
					     off->s ? json_string(off->s) : json_null()));
	return 0;
}

static int choice_row(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:s}", "value", c[0].i, "label", c[1].s));
	return 0;
}

json_t *org_choices_json(struct store *s, enum org_kind kind)
{
	json_t *items = json_array();
	struct sqlval a[1] = {SQL_T(org_kind_name(kind))};

	if (store_exec(s, STMT_ORG_CHOICES, a, 1, choice_row, items, NULL) < 0) {
		json_decref(items);
		return NULL;
	}
	return items;
}

json_t *user_choices_json(struct store *s, long long org_id, role_mask roles)
{
	json_t *items = json_array();
	struct sqlval a[2] = {SQL_I(org_id), SQL_I(roles)};

	if (store_exec(s, STMT_USER_CHOICES, a, 2, choice_row, items, NULL) < 0) {
		json_decref(items);
		return NULL;
	}
	return items;
}

json_t *user_list_json(struct store *s, long long org_id, struct page pg)
{
	json_t *items = json_array();
	struct sqlval a[3] = {SQL_I(org_id), SQL_I(pg.after), SQL_I(pg.limit + 1)};

	if (store_exec(s, STMT_USER_LIST_ORG, a, 3, user_row, items, NULL) < 0) {
		json_decref(items);
		return NULL;
	}
	return page_wrap(items, pg.limit);
}

static int unit_row(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:I, s:s, s:o, s:o}", "id", c[0].i, "org_id",
					     c[1].i, "name", c[2].s, "cio_user_id",
					     c[3].type == SQL_NULL ? json_null() : json_integer(c[3].i),
					     "cio_name",
					     c[4].s ? json_string(c[4].s) : json_null()));
	return 0;
}

json_t *unit_list_json(struct store *s, long long org_id, struct page pg)
{
	json_t *items = json_array();
	struct sqlval a[3] = {SQL_I(org_id), SQL_I(pg.after), SQL_I(pg.limit + 1)};

	if (store_exec(s, STMT_UNIT_LIST_ORG, a, 3, unit_row, items, NULL) < 0) {
		json_decref(items);
		return NULL;
	}
	return page_wrap(items, pg.limit);
}

json_t *me_json(const struct caller *c)
{
	char url[96];

	snprintf(url, sizeof url, "/calendar/%s.ics", c->feed_token);
	return json_pack("{s:I, s:s, s:s, s:o, s:{s:I, s:s, s:s}, s:s}", "id", c->user_id,
			 "email", c->email, "name", c->name, "roles", roles_json(c->roles), "org",
			 "id", c->org_id, "name", c->org_name, "kind", org_kind_name(c->org_kind),
			 "calendar_url", url);
}
