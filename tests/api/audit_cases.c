/* audit_cases: the audit trail over HTTP — a write names its caller, an admin reads every row, an organisation's governing roles their own rows only, no one another tenant's (sealed bids least of all), others 403, pagination. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static json_t *req(int who, const char *path, long want)
{
	json_t *j = NULL;
	long got = call_json(W->S, "GET", path, W->tok[who], NULL, &j);

	if (got != want)
		fprintf(stderr, "  GET %s as %s: got %ld, want %ld\n", path, W->names[who], got, want);
	CHECK_INT(got, want);
	return j;
}

/* Every page of a list, its raw bodies joined (for searching what must not be there); *rows counts the items. */
static char *every_page(int who, const char *query, int *rows, bool (*each)(json_t *item, void *ctx), void *ctx)
{
	size_t len = 0;
	char *all = calloc(1, 1);
	long long after = 0;

	*rows = 0;
	for (int pages = 0; pages < 400; pages++) {
		struct resp r;
		json_t *items, *item;
		size_t i;

		http(W->S, "GET", fmt("/api/v1/audit?limit=200%s%s", after ? fmt("&after=%lld", after) : "", query), W->tok[who], NULL, NULL,
		     NULL, &r);
		CHECK_INT(r.status, 200);
		if (r.status != 200 || !r.json) {
			resp_free(&r);
			break;
		}
		all = realloc(all, len + strlen(r.body) + 1);
		memcpy(all + len, r.body, strlen(r.body) + 1);
		len += strlen(r.body);
		items = json_object_get(r.json, "items");
		json_array_foreach(items, i, item) {
			(*rows)++;
			if (each && !each(item, ctx))
				fprintf(stderr, "  row %lld as %s breaks the rule\n", num(item, "id"), W->names[who]);
		}
		after = json_is_integer(json_object_get(r.json, "next")) ? num(r.json, "next") : 0;
		resp_free(&r);
		if (!after)
			break;
	}
	return all;
}

static bool of_org(json_t *item, void *ctx)
{
	bool ok = json_is_integer(json_object_get(item, "org_id")) && num(item, "org_id") == *(long long *)ctx &&
		  num(item, "actor_org_id") == *(long long *)ctx;

	CHECK(ok);
	return ok;
}

/* A write through the API is one row naming its caller, their organisation and what changed; the other side of the engagement does not see it. */
static void write_names_its_caller(void)
{
	json_t *j = req(NW_CM, fmt("/api/v1/engagements/%lld/actions?limit=1", W->E1), 200), *row, *title;
	long long action = num(json_array_get(json_object_get(j, "items"), 0), "id");

	json_decref(j);
	CHECK(action > 0);
	CHECK_INT(call(W->S, "PATCH", fmt("/api/v1/actions/%lld", action), W->tok[NW_CM], "{\"title\":\"Audited title\"}"), 200);
	j = req(NW_CM, fmt("/api/v1/audit?entity=actions&entity_id=%lld&limit=1", action), 200);
	row = json_array_get(json_object_get(j, "items"), 0);
	CHECK_INT(num(row, "actor_user_id"), W->user_id[NW_CM]);
	CHECK_INT(num(row, "actor_org_id"), W->NW);
	CHECK_INT(num(row, "org_id"), W->NW);
	CHECK_INT(num(row, "entity_id"), action);
	CHECK_STR(json_string_value(json_object_get(row, "entity")), "actions");
	CHECK_STR(json_string_value(json_object_get(row, "action")), "update");
	CHECK(strlen(json_string_value(json_object_get(row, "at")) ? json_string_value(json_object_get(row, "at")) : "") == 20);
	title = json_object_get(json_object_get(row, "changes"), "title");
	CHECK_STR(json_string_value(json_array_get(title, 1)), "Audited title");
	json_decref(j);
	/* The admin sees it; Kestrel, the engagement's provider, does not: it is Northwind's row. */
	j = req(ADMIN, fmt("/api/v1/audit?entity=actions&entity_id=%lld&limit=1", action), 200);
	CHECK_INT(num(json_array_get(json_object_get(j, "items"), 0), "actor_user_id"), W->user_id[NW_CM]);
	json_decref(j);
	j = req(KE_LEAD, fmt("/api/v1/audit?entity=actions&entity_id=%lld", action), 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 0);
	json_decref(j);
	/* So does the page, for Northwind, and not for Kestrel. */
	{
		struct resp r;

		http(W->S, "GET", "/audit", W->tok[NW_CM], NULL, NULL, NULL, &r);
		CHECK_INT(r.status, 200);
		CHECK(r.body && strstr(r.body, "Audited title"));
		CHECK(r.body && strstr(r.body, "href=\"/audit\""));
		resp_free(&r);
		http(W->S, "GET", "/audit", W->tok[KE_LEAD], NULL, NULL, NULL, &r);
		CHECK_INT(r.status, 200);
		CHECK(r.body && !strstr(r.body, "Audited title"));
		resp_free(&r);
		http(W->S, "GET", "/", W->tok[NW_MEMBER], NULL, NULL, NULL, &r);
		CHECK(r.body && !strstr(r.body, "href=\"/audit\""));
		resp_free(&r);
	}
}

/* Each organisation's governing roles read their own organisation's rows and nothing else; the admin reads all. */
static void each_reads_its_own(void)
{
	int rows = 0, admin_rows = 0;
	long long orgs[] = {W->NW, W->NW, W->KE, W->MD, W->HB, W->LU};
	int who[] = {NW_CM, NW_CXO, KE_LEAD, MD_CM, HB_LEAD, LU_LEAD};
	char *body;

	for (size_t k = 0; k < sizeof who / sizeof who[0]; k++) {
		body = every_page(who[k], "", &rows, of_org, &orgs[k]);
		CHECK(rows > 0);
		free(body);
	}
	body = every_page(ADMIN, "", &admin_rows, NULL, NULL);
	/* The admin's include the command line's (the demo's system rows, org_id null) and every organisation's. */
	CHECK(admin_rows > rows);
	CHECK(strstr(body, "\"org_id\":null") != NULL);
	CHECK(strstr(body, fmt("\"org_id\":%lld", W->HB)) != NULL);
	free(body);
}

/* Sealed bids: a provider's bid rows are its own; the buyer and the competing provider never read them. */
static void bids_stay_sealed(void)
{
	int rows = 0;
	char *body;

	/*
	 * Harbor reads its own bid's rows (the roadmap cases made it: "Harbor approach", revised),
	 * but until the deadline its amount and proposal are sealed there too, as to everyone.
	 */
	body = every_page(HB_LEAD, "&entity=bids", &rows, of_org, (void *)&W->HB);
	CHECK(rows > 0);
	CHECK(strstr(body, "[sealed]") != NULL && !strstr(body, "Harbor approach"));
	free(body);
	/* Kestrel reads its own and nothing of Harbor's: not the proposal, not the amounts. */
	body = every_page(KE_LEAD, "&entity=bids", &rows, of_org, (void *)&W->KE);
	CHECK(rows > 0);
	CHECK(strstr(body, "[sealed]") != NULL && !strstr(body, "Kestrel plan"));
	CHECK(!strstr(body, "Harbor approach") && !strstr(body, "398765") && !strstr(body, "397777"));
	free(body);
	/* Northwind, the buyer, reads only what it did to the bids (its award), never what they said. */
	for (int k = 0; k < 2; k++) {
		body = every_page(k ? NW_CM : NW_CXO, "", &rows, of_org, (void *)&W->NW);
		CHECK(!strstr(body, "Harbor approach") && !strstr(body, "Kestrel plan") && !strstr(body, "431234") &&
		      !strstr(body, "398765") && !strstr(body, "397777"));
		free(body);
	}
}

/* Who may not: other roles 403, no one signed in 401; malformed filters 400 naming the field. */
static void others_refused(void)
{
	json_t *j;

	for (int who = 0; who < CALLERS; who++) {
		long want = who == ADMIN || who == NW_CXO || who == NW_CM || who == KE_LEAD || who == MD_CM || who == HB_LEAD ||
				    who == LU_LEAD
				    ? 200
				    : 403;

		CHECK_INT(call(W->S, "GET", "/api/v1/audit?limit=1", W->tok[who], NULL), want);
		CHECK_INT(call(W->S, "GET", "/audit", W->tok[who], NULL), want);
	}
	CHECK_INT(call(W->S, "GET", "/api/v1/audit", NULL, NULL), 401);
	j = req(NW_CM, "/api/v1/audit?entity=Actions", 400);
	CHECK_STR(error_field(j), "entity");
	json_decref(j);
	j = req(NW_CM, "/api/v1/audit?entity_id=3", 400);
	CHECK_STR(error_field(j), "entity");
	json_decref(j);
	j = req(NW_CM, "/api/v1/audit?entity=actions&entity_id=x", 400);
	CHECK_STR(error_field(j), "entity_id");
	json_decref(j);
	j = req(NW_CM, "/api/v1/audit?limit=0", 400);
	CHECK_STR(error_field(j), "limit");
	json_decref(j);
	/* No route writes the trail: it has no POST, PUT, PATCH or DELETE. */
	CHECK_INT(call(W->S, "DELETE", "/api/v1/audit", W->tok[ADMIN], NULL), 405);
}

struct batch_tally {
	int kept, refused, other_actor;
	long long actor;
};

static bool batch_row(json_t *item, void *ctx)
{
	struct batch_tally *t = ctx;
	const char *title = json_string_value(json_object_get(json_object_get(item, "changes"), "title"));
	int thread, i;

	if (!title || strcmp(json_string_value(json_object_get(item, "action")), "insert") != 0 ||
	    sscanf(title, "Batch %d-%d", &thread, &i) != 2)
		return true;
	if (i % 2)
		t->refused++;
	else
		t->kept++;
	if (num(item, "actor_user_id") != t->actor)
		t->other_actor++;
	return true;
}

/*
 * The group commit (batch_cases ran it first): of the concurrent writes the even ones were
 * kept and the odd ones refused inside the same batches. Each kept one has its audit row,
 * by its caller; a refused one has none.
 */
static void group_commit_rows(void)
{
	struct batch_tally t = {0, 0, 0, W->user_id[NW_CM]};
	int rows = 0;

	free(every_page(ADMIN, "&entity=actions", &rows, batch_row, &t));
	CHECK(t.kept > 0);
	CHECK_INT(t.refused, 0);
	CHECK_INT(t.other_actor, 0);
	CHECK_INT(t.kept, 8 * 6 / 2); /* THREADS x EACH in batch_cases.c, half of them valid */
}

/* Newest first; next is the cursor to the older rows, pages neither overlap nor skip. */
static void pagination(void)
{
	long long last = 0, after = 0;
	int seen = 0;

	for (int page = 0; page < 3; page++) {
		json_t *j = req(ADMIN, fmt("/api/v1/audit?limit=5%s", after ? fmt("&after=%lld", after) : ""), 200), *item;
		size_t i;

		CHECK_INT(json_array_size(json_object_get(j, "items")), 5);
		json_array_foreach(json_object_get(j, "items"), i, item) {
			if (last)
				CHECK(num(item, "id") < last);
			last = num(item, "id");
			seen++;
		}
		CHECK_INT(num(j, "next"), last);
		after = num(j, "next");
		json_decref(j);
	}
	CHECK_INT(seen, 15);
}

void audit_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(write_names_its_caller);
	RUN(each_reads_its_own);
	RUN(bids_stay_sealed);
	RUN(others_refused);
	RUN(pagination);
	RUN(group_commit_rows);
	*passed += harness_passed;
	*failed += harness_failed;
}
