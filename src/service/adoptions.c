/* adoptions: buy-in, implementation and benefit of a practice on an engagement, every step recorded, and the provider's knowledge dashboard. */
#include "adoptions.h"
#include "engagements.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../domain/date.h"
#include "clock.h"
#include "orgs.h"
#include "practices.h"

static int parties_cb(void *ctx, const struct sqlval *c, int n)
{
	long long *p = ctx;

	(void)n;
	p[0] = c[0].i;
	p[1] = c[1].i;
	return 1;
}

static int step_insert(struct store *s, long long buyer, long long adoption, const char *status,
		       const struct caller *c, const char *now, const char *note, struct error *err)
{
	struct sqlval a[6] = {SQL_I(buyer), SQL_I(adoption), SQL_T(status), SQL_I(c->user_id), SQL_T(now),
			      SQL_T(note ? note : "")};

	return store_exec(s, STMT_ADOPTION_STEP_INSERT, a, 6, NULL, NULL, err) < 0 ? -1 : 0;
}

static bool note_ok(const char *note, struct error *err)
{
	if (note && strlen(note) > BENEFIT_TEXT_MAX) {
		error_set(err, 422, "too_long", "note", "the note is too long");
		return false;
	}
	return true;
}

long long adoption_create(struct store *s, const struct caller *c, long long practice_id,
			  long long engagement_id, const char *note, struct error *err)
{
	long long parties[2] = {0, 0}, id, provider = 0, origin = 0;
	char status[16];
	bool customer = c->org_kind == ORG_BUYER;
	struct sqlval a[10];
	char now[24], today[11];

	if (!note_ok(note, err))
		return -1;
	if (practice_brief(s, practice_id, &provider, &origin, status, err))
		return -1;
	if (strcmp(status, "published") != 0) {
		error_set(err, 409, "conflict", NULL, "only a published practice can be adopted");
		return -1;
	}
	a[0] = SQL_I(engagement_id);
	if (!engagement_id || store_exec(s, STMT_ENG_PARTIES, a, 1, parties_cb, parties, err) < 0 ||
	    parties[1] != provider || (customer ? parties[0] != c->org_id : parties[1] != c->org_id)) {
		error_set(err, 422, engagement_id ? "invalid" : "required", "engagement_id",
			  customer ? "name one of your engagements with the practice's provider"
				   : "name one of your engagements");
		return -1;
	}
	if (engagement_require_accepted(s, engagement_id, "engagement_id", err))
		return -1;
	if (engagement_id == origin) {
		error_set(err, 422, "invalid", "engagement_id", "the practice was found on this engagement");
		return -1;
	}
	now_iso(now);
	date_format(clock_today(), today);
	if (store_begin(s, err))
		return -1;
	a[0] = SQL_I(parties[0]);
	a[1] = SQL_I(provider);
	a[2] = SQL_I(practice_id);
	a[3] = SQL_I(engagement_id);
	a[4] = SQL_T(customer ? "buy-in" : "proposed");
	a[5] = SQL_T(today);
	a[6] = customer ? SQL_T(today) : SQL_NUL;
	a[7] = SQL_I(c->user_id);
	a[8] = SQL_T(now);
	a[9] = SQL_T(now);
	switch (store_int(s, STMT_ADOPTION_INSERT, a, 10, &id, err)) {
	case 0:
		break;
	case 1:
		error_set(err, 409, "conflict", "engagement_id", "this engagement already has an adoption of the practice");
		/* fall through */
	default:
		store_rollback(s);
		return -1;
	}
	if (step_insert(s, parties[0], id, customer ? "buy-in" : "proposed", c, now, note, err) ||
	    store_commit(s, err)) {
		store_rollback(s);
		return -1;
	}
	return id;
}

struct adoption_row {
	int found;
	long long buyer, provider;
	char status[16], benefit_text[BENEFIT_TEXT_MAX * 4 + 1], benefit_unit[BENEFIT_UNIT_MAX * 4 + 1];
	char benefit_value[32];
	bool has_value;
};

static int adoption_cb(void *ctx, const struct sqlval *c, int n)
{
	struct adoption_row *r = ctx;

	(void)n;
	r->found = 1;
	r->buyer = c[4].i;
	r->provider = c[6].i;
	snprintf(r->status, sizeof r->status, "%s", c[8].s);
	snprintf(r->benefit_text, sizeof r->benefit_text, "%s", c[14].s);
	r->has_value = c[15].s != NULL;
	snprintf(r->benefit_value, sizeof r->benefit_value, "%s", c[15].s ? c[15].s : "");
	snprintf(r->benefit_unit, sizeof r->benefit_unit, "%s", c[16].s);
	return 1;
}

/* A benefit value: a plain decimal number, at most 15 digits before the point and 4 after. */
static bool number_ok(const char *v)
{
	const char *p = v;
	int before = 0, after = 0;

	if (*p == '-')
		p++;
	while (*p >= '0' && *p <= '9' && before <= 15)
		p++, before++;
	if (*p == '.')
		for (p++; *p >= '0' && *p <= '9' && after <= 4; p++)
			after++;
	return !*p && before >= 1 && before <= 15 && after <= 4 && !(p[-1] == '.');
}

int adoption_step(struct store *s, const struct caller *c, long long id, const char *status,
		  const struct benefit *b, const char *note, struct error *err)
{
	struct adoption_row r = {0};
	int to = adoption_status_parse(status), from;
	struct sqlval a[11];
	char now[24], today[11];
	const char *text, *value, *unit;
	long long done;

	if (to < 0) {
		error_set(err, 422, status ? "invalid" : "required", "status",
			  "status must be proposed, buy-in, implementing, implemented or rejected");
		return -1;
	}
	if (!note_ok(note, err))
		return -1;
	a[0] = SQL_I(id);
	if (store_exec(s, STMT_ADOPTION_GET, a, 1, adoption_cb, &r, err) < 0 || !r.found) {
		error_set(err, 404, "not_found", NULL, "no such adoption");
		return -1;
	}
	from = adoption_status_parse(r.status);
	if (!adoption_step_allowed((enum adoption_status)from, (enum adoption_status)to,
				   c->org_id == r.buyer ? SIDE_CUSTOMER : SIDE_PROVIDER, err))
		return -1;
	text = b && b->text ? b->text : r.benefit_text;
	value = b && b->value ? b->value : (r.has_value ? r.benefit_value : NULL);
	unit = b && b->unit ? b->unit : r.benefit_unit;
	if (b && b->text && strlen(b->text) > BENEFIT_TEXT_MAX) {
		error_set(err, 422, "too_long", "benefit.text", "the benefit text is too long");
		return -1;
	}
	if (b && b->unit && strlen(b->unit) > BENEFIT_UNIT_MAX) {
		error_set(err, 422, "too_long", "benefit.unit", "the unit is at most %d characters", BENEFIT_UNIT_MAX);
		return -1;
	}
	if (b && b->value && !number_ok(b->value)) {
		error_set(err, 422, "invalid", "benefit.value", "the value is a number such as 12 or 12.5");
		return -1;
	}
	if (to == ADOPT_IMPLEMENTED && !*text) {
		error_set(err, 422, "required", "benefit.text", "say what the practice brought once implemented");
		return -1;
	}
	if (value && !*unit) {
		error_set(err, 422, "required", "benefit.unit", "a measured value needs its unit");
		return -1;
	}
	now_iso(now);
	date_format(clock_today(), today);
	a[0] = SQL_T(status);
	a[1] = to == ADOPT_BUYIN ? SQL_T(today) : SQL_NUL;
	a[2] = to == ADOPT_IMPLEMENTING ? SQL_T(today) : SQL_NUL;
	a[3] = to == ADOPT_IMPLEMENTED && from != ADOPT_IMPLEMENTED ? SQL_T(today) : SQL_NUL;
	a[4] = to == ADOPT_REJECTED ? SQL_T(today) : SQL_NUL;
	a[5] = SQL_T(text);
	a[6] = value ? SQL_T(value) : SQL_NUL;
	a[7] = SQL_T(unit);
	a[8] = SQL_T(now);
	a[9] = SQL_I(id);
	a[10] = SQL_T(r.status);
	if (store_begin(s, err))
		return -1;
	if (store_int(s, STMT_ADOPTION_SET, a, 11, &done, err) != 0) {
		error_set(err, 409, "conflict", "status", "the adoption changed meanwhile; reload and try again");
		goto fail;
	}
	if (step_insert(s, r.buyer, id, status, c, now, note, err) || store_commit(s, err))
		goto fail;
	return 0;
fail:
	store_rollback(s);
	return -1;
}

static json_t *opt(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *adoption_row_json(const struct sqlval *c)
{
	json_t *value = json_null(), *benefit;

	/* The value is kept as the decimal text it was given (no float drift); it answers as a number. */
	if (c[15].s)
		value = strchr(c[15].s, '.') ? json_real(strtod(c[15].s, NULL)) : json_integer(strtoll(c[15].s, NULL, 10));
	benefit = json_pack("{s:s, s:o, s:s}", "text", c[14].s, "value", value, "unit", c[16].s);

	return json_pack("{s:I, s:I, s:s, s:I, s:s, s:I, s:s, s:I, s:s, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:s}",
			 "id", c[0].i, "practice_id", c[1].i, "practice_title", c[19].s, "engagement_id", c[2].i,
			 "engagement_title", c[3].s, "buyer_org_id", c[4].i, "buyer_name", c[5].s,
			 "provider_org_id", c[6].i, "provider_name", c[7].s, "status", c[8].s, "proposed_on", opt(c[9].s),
			 "buyin_on", opt(c[10].s), "implementing_on", opt(c[11].s), "implemented_on", opt(c[12].s),
			 "rejected_on", opt(c[13].s), "benefit", benefit, "created_at", c[17].s, "updated_at", c[18].s);
}

static int adoption_row(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, adoption_row_json(c));
	return 0;
}

static int one_adoption(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(json_t **)ctx = adoption_row_json(c);
	return 1;
}

static int step_row(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:s, s:I, s:s, s:s, s:s}", "status", c[0].s, "user_id", c[1].i,
					     "user_name", c[2].s, "at", c[3].s, "note", c[4].s));
	return 0;
}

json_t *adoption_get_json(struct store *s, long long id)
{
	struct sqlval a[1] = {SQL_I(id)};
	json_t *o = NULL, *steps = json_array();

	store_exec(s, STMT_ADOPTION_GET, a, 1, one_adoption, &o, NULL);
	if (!o) {
		json_decref(steps);
		return json_null();
	}
	store_exec(s, STMT_ADOPTION_STEPS, a, 1, step_row, steps, NULL);
	json_object_set_new(o, "steps", steps);
	return o;
}

json_t *adoption_list_practice_json(struct store *s, const struct caller *c, long long practice_id, bool provider)
{
	struct sqlval a[2] = {SQL_I(practice_id), SQL_I(c->org_id)};
	json_t *items = json_array();

	store_exec(s, provider ? STMT_ADOPTIONS_OF_PRACTICE : STMT_ADOPTIONS_OF_PRACTICE_BUYER, a, provider ? 1 : 2,
		   adoption_row, items, NULL);
	return json_pack("{s:o}", "items", items);
}

json_t *adoption_list_engagement_json(struct store *s, long long engagement_id)
{
	struct sqlval a[1] = {SQL_I(engagement_id)};
	json_t *items = json_array();

	store_exec(s, STMT_ADOPTIONS_OF_ENGAGEMENT, a, 1, adoption_row, items, NULL);
	return json_pack("{s:o}", "items", items);
}

static int knowledge_practice_row(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_array_append_new(ctx, json_pack("{s:I, s:s, s:s, s:I, s:o, s:I, s:I, s:s}", "id", c[0].i, "title", c[1].s,
					     "status", c[2].s, "current_revision", c[3].i, "published_revision",
					     c[4].type == SQL_NULL ? json_null() : json_integer(c[4].i), "adopting",
					     c[5].i, "implemented", c[6].i, "updated_at", c[7].s));
	return 0;
}

static int stage_row(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	json_object_set_new(ctx, c[0].s, json_integer(c[1].i));
	return 0;
}

static int benefit_row(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	if (!strcmp(c[8].s, "implemented"))
		json_array_append_new(ctx, adoption_row_json(c));
	return 0;
}

json_t *knowledge_json(struct store *s, long long provider_org_id)
{
	struct sqlval a[1] = {SQL_I(provider_org_id)};
	json_t *practices = json_array(), *stages = json_object(), *benefits = json_array();
	static const char *const names[] = {"proposed", "buy-in", "implementing", "implemented", "rejected"};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		json_object_set_new(stages, names[i], json_integer(0));
	store_exec(s, STMT_KNOWLEDGE_PRACTICES, a, 1, knowledge_practice_row, practices, NULL);
	store_exec(s, STMT_KNOWLEDGE_STAGES, a, 1, stage_row, stages, NULL);
	store_exec(s, STMT_ADOPTIONS_OF_PROVIDER, a, 1, benefit_row, benefits, NULL);
	return json_pack("{s:I, s:o, s:o, s:o}", "provider_org_id", provider_org_id, "practices", practices,
			 "adoptions_by_stage", stages, "benefits", benefits);
}
