/* reviews_cases: API cases for mandated reviews — schedule, bad input, attendance, status, compliance, portfolio, actions, strategic issues, isolation. */
#define _GNU_SOURCE /* strcasestr */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;

/* Engagements and reviews made by these cases, shared by the cases that follow. */
static long long X;    /* Northwind buys from Kestrel; mandated by test_mandate_schedule */
static long long HELD; /* X's review recorded as held early, before the mandate changed */

/* ---- helpers ---- */

static const char *str(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static json_t *items(json_t *list)
{
	return json_object_get(list, "items");
}

/*
 * Sends one request as caller `who` (-1: no token) and checks the status and, when
 * given, the error's field; says what was sent when it fails. Returns the answer's JSON
 * (the caller frees it) for EXPECT_J, or frees it for EXPECT.
 */
static json_t *expect_at(int line, int who, const char *method, const char *path, const char *body,
			 long status, const char *field)
{
	json_t *j = NULL;
	long got = call_json(W->S, method, path, who < 0 ? NULL : W->tok[who], body, &j);
	const char *f = error_field(j);

	if (got != status || (field && (!f || strcmp(f, field) != 0))) {
		harness_case_failed = 1;
		fprintf(stderr, "FAIL %s (reviews_cases.c:%d): %s %s as %s with %.200s: got %ld (field %s), want %ld (field %s)\n",
			harness_case, line, method, path, who < 0 ? "nobody" : W->names[who], body ? body : "no body",
			got, f ? f : "-", status, field ? field : "-");
	}
	return j;
}
#define EXPECT_J(who, m, p, b, st, field) expect_at(__LINE__, who, m, p, b, st, field)
#define EXPECT(who, m, p, b, st, field) json_decref(expect_at(__LINE__, who, m, p, b, st, field))

/* The raw answers to GETs of the given paths (NULL-terminated), joined: what "nothing changed" compares. */
static char *snapshot(int who, const char *first, ...) __attribute__((sentinel));
static char *snapshot(int who, const char *first, ...)
{
	size_t len = 0;
	char *all = strdup("");
	va_list ap;

	va_start(ap, first);
	for (const char *p = first; p; p = va_arg(ap, const char *)) {
		struct resp r;
		char *more;

		http(W->S, "GET", p, W->tok[who], NULL, NULL, NULL, &r);
		more = realloc(all, len + strlen(r.body) + 16);
		if (more) {
			all = more;
			len += (size_t)sprintf(all + len, "%ld ", r.status);
			strcpy(all + len, r.body);
			len += strlen(r.body);
		}
		resp_free(&r);
	}
	va_end(ap);
	return all;
}

/* Checks that a snapshot taken again is the same, then frees the first. */
#define CHECK_UNCHANGED(before, after)                                                     \
	do {                                                                               \
		char *b_ = (before), *a_ = (after);                                        \
		if (strcmp(b_, a_) != 0)                                                   \
			fprintf(stderr, "  changed:\n  before %.300s\n  after  %.300s\n", b_, a_); \
		CHECK(strcmp(b_, a_) == 0);                                                \
		free(a_);                                                                  \
	} while (0)

static json_t *get(int who, const char *path)
{
	return EXPECT_J(who, "GET", path, NULL, 200, NULL);
}

/* A new engagement of Northwind's contract manager with `provider`, accepted by the provider's leadership; its id or 0. */
static long long new_engagement(const char *title, long long provider, const char *starts, const char *ends)
{
	json_t *j = EXPECT_J(NW_CM, "POST", "/api/v1/engagements",
			     fmt("{\"provider_org_id\":%lld,\"title\":\"%s\",\"service_line\":\"IT\",\"starts_on\":\"%s\",\"ends_on\":\"%s\"}",
				 provider, title, starts, ends), 201, NULL);
	long long id = num(j, "id");
	int lead = provider == W->KE ? KE_LEAD : provider == W->HB ? HB_LEAD : LU_LEAD;

	json_decref(j);
	json_decref(EXPECT_J(lead, "POST", fmt("/api/v1/engagements/%lld/acceptance", id), "{\"accepted\":true}", 200, NULL));
	return id;
}

/* Checks a list's due dates (in order) against want, a NULL-terminated list. */
static void check_dues(json_t *list, const char *const *want)
{
	size_t n = 0;

	while (want[n])
		n++;
	CHECK_INT(json_array_size(list), n);
	for (size_t i = 0; i < n && i < json_array_size(list); i++)
		CHECK_STR(str(json_array_get(list, i), "due_on"), want[i]);
}

/* The item of a list with this id, or NULL. */
static json_t *find(json_t *list, long long id)
{
	size_t i;
	json_t *x;

	json_array_foreach(list, i, x) if (num(x, "id") == id) return x;
	return NULL;
}

/* Whether a JSON array of strings holds exactly these (in this order), NULL-terminated. */
static bool strings_are(json_t *arr, const char *const *want)
{
	size_t n = 0;

	while (want[n])
		n++;
	if (json_array_size(arr) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!json_is_string(json_array_get(arr, i)) || strcmp(json_string_value(json_array_get(arr, i)), want[i]) != 0)
			return false;
	return true;
}

static const char *const NO_ROLES[] = {NULL};

/* ---- mandate and schedule ---- */

static void test_mandate_schedule(void)
{
	static const char *const half_yearly[] = {"2027-02-28", "2027-08-31", "2028-02-29", "2028-08-31", NULL};
	static const char *const quarterly[] = {"2026-11-30", "2027-02-28", "2027-05-31", "2027-08-31",
						"2027-11-30", "2028-02-29", "2028-05-31", "2028-08-31", NULL};
	static const char *const annual_later[] = {"2026-11-30", "2027-02-28", "2027-05-31", "2027-08-31", "2028-08-31", NULL};
	static const char *const both[] = {"buyer_cxo", "provider_leadership", NULL};
	static const char *const cxo[] = {"buyer_cxo", NULL};
	const char *reviews, *mandate;
	json_t *j, *list, *x;
	char *held_before;
	struct server later;
	size_t i;

	/* Anchored on 31 August, from today (2026-11-26): month ends and a leap day, nothing in the past. */
	X = new_engagement("Mandated review schedule", W->KE, "2025-08-31", "2028-08-31");
	reviews = fmt("/api/v1/engagements/%lld/reviews?limit=200", X);
	mandate = fmt("/api/v1/engagements/%lld/mandate", X);
	EXPECT(NW_CM, "GET", mandate, NULL, 404, NULL);
	j = get(NW_CM, reviews);
	CHECK_INT(json_array_size(items(j)), 0);
	json_decref(j);

	j = EXPECT_J(NW_CM, "PUT", mandate, "{\"cadence\":\"half-yearly\",\"required_roles\":[\"buyer_cxo\",\"provider_leadership\"],\"grace_days\":10}", 200, NULL);
	CHECK_STR(str(json_object_get(j, "mandate"), "cadence"), "half-yearly");
	CHECK_INT(num(json_object_get(j, "mandate"), "grace_days"), 10);
	CHECK_INT(num(json_object_get(j, "mandate"), "set_by"), W->user_id[NW_CM]);
	CHECK(strings_are(json_object_get(json_object_get(j, "mandate"), "required_roles"), both));
	/* The PUT answers the schedule. */
	list = items(json_object_get(j, "reviews"));
	check_dues(list, half_yearly);
	json_array_foreach(list, i, x)
	{
		CHECK_STR(str(x, "status"), "planned");
		CHECK(json_is_false(json_object_get(x, "adhoc")));
		CHECK(json_is_null(json_object_get(x, "held_on")));
		CHECK_INT(num(x, "grace_days"), 10);
		CHECK(strings_are(json_object_get(x, "required_roles"), both));
		CHECK(json_is_false(json_object_get(x, "quorum_met")));
	}
	HELD = num(json_array_get(list, 0), "id");
	json_decref(j);
	j = get(KE_LEAD, reviews);
	check_dues(items(j), half_yearly);
	json_decref(j);
	j = get(KE_MEMBER, mandate);
	CHECK_STR(str(j, "cadence"), "half-yearly");
	json_decref(j);

	/* The provider records the first review as held early; a later mandate change leaves it exactly as it is. */
	j = EXPECT_J(KE_LEAD, "PATCH", fmt("/api/v1/reviews/%lld", HELD), "{\"held_on\":\"2026-11-20\",\"minutes\":\"Held early to agree the plan.\"}", 200, NULL);
	CHECK_STR(str(j, "status"), "held");
	CHECK_STR(str(j, "held_on"), "2026-11-20");
	json_decref(j);
	held_before = snapshot(NW_CM, fmt("/api/v1/reviews/%lld", HELD), NULL);

	j = EXPECT_J(NW_SM, "PUT", mandate, "{\"cadence\":\"quarterly\",\"required_roles\":[\"buyer_cxo\"],\"grace_days\":5}", 200, NULL);
	CHECK_INT(num(json_object_get(j, "mandate"), "set_by"), W->user_id[NW_SM]);
	list = items(json_object_get(j, "reviews"));
	check_dues(list, quarterly);
	json_array_foreach(list, i, x)
	{
		if (num(x, "id") == HELD) {
			CHECK_INT(i, 1);
			CHECK_STR(str(x, "status"), "held");
			CHECK_INT(num(x, "grace_days"), 10);
			CHECK(strings_are(json_object_get(x, "required_roles"), both));
			continue;
		}
		CHECK_STR(str(x, "status"), "planned");
		CHECK_INT(num(x, "grace_days"), 5);
		CHECK(strings_are(json_object_get(x, "required_roles"), cxo));
	}
	json_decref(j);
	CHECK_UNCHANGED(held_before, snapshot(NW_CM, fmt("/api/v1/reviews/%lld", HELD), NULL));

	/*
	 * Half a year later the mandate becomes annual: the reviews now in the past stay as
	 * they are (planned ones show as missed), only the future planned ones are re-planned.
	 */
	CHECK_INT(server_start(&later, W->bin, W->db, "ACCORD_TODAY=2027-06-15"), 0);
	j = NULL;
	CHECK_INT(call_json(&later, "PUT", mandate, W->tok[NW_CM], "{\"cadence\":\"annual\",\"required_roles\":[\"buyer_cxo\",\"provider_leadership\"],\"grace_days\":14}", &j), 200);
	list = items(json_object_get(j, "reviews"));
	check_dues(list, annual_later);
	if (json_array_size(list) == 5) {
		static const char *const status[] = {"missed", "held", "missed", "planned", "planned"};

		for (i = 0; i < 5; i++)
			CHECK_STR(str(json_array_get(list, i), "status"), status[i]);
		CHECK_INT(num(json_array_get(list, 0), "grace_days"), 5);
		CHECK(strings_are(json_object_get(json_array_get(list, 0), "required_roles"), cxo));
		CHECK_INT(num(json_array_get(list, 1), "id"), HELD);
		CHECK_INT(num(json_array_get(list, 3), "grace_days"), 14);
		CHECK(strings_are(json_object_get(json_array_get(list, 4), "required_roles"), both));
	}
	json_decref(j);
	CHECK_INT(server_stop(&later), 0);
	CHECK_UNCHANGED(held_before, snapshot(NW_CM, fmt("/api/v1/reviews/%lld", HELD), NULL));
	free(held_before);
}

static void test_mandate_short_term_and_term_changes(void)
{
	long long e = new_engagement("Short advisory", W->LU, "2026-12-01", "2027-03-31");
	const char *reviews = fmt("/api/v1/engagements/%lld/reviews", e), *eng = fmt("/api/v1/engagements/%lld", e);
	static const char *const one[] = {"2027-03-31", NULL};
	static const char *const two[] = {"2027-06-01", "2027-12-01", NULL};
	json_t *j;
	long long first;
	char *before;

	/* A term shorter than one period is reviewed once, on its last day. */
	j = EXPECT_J(NW_CM, "PUT", fmt("/api/v1/engagements/%lld/mandate", e), "{\"cadence\":\"half-yearly\",\"required_roles\":[\"unit_cio\",\"provider_leadership\"]}", 200, NULL);
	check_dues(items(json_object_get(j, "reviews")), one);
	first = num(json_array_get(items(json_object_get(j, "reviews")), 0), "id");
	/* grace_days defaults to 14. */
	CHECK_INT(num(json_object_get(j, "mandate"), "grace_days"), 14);
	json_decref(j);

	/* Ending before it starts is refused and changes nothing. */
	before = snapshot(NW_CM, eng, reviews, NULL);
	EXPECT(NW_CM, "PATCH", eng, "{\"ends_on\":\"2026-11-30\"}", 422, "ends_on");
	EXPECT(NW_SM, "PATCH", eng, "{\"starts_on\":\"2027-04-01\"}", 422, NULL);
	EXPECT(NW_CM, "PATCH", eng, "{\"starts_on\":\"2027-06-01\",\"ends_on\":\"2027-05-31\"}", 422, "ends_on");
	CHECK_UNCHANGED(before, snapshot(NW_CM, eng, reviews, NULL));
	free(before);

	/* A longer term re-plans: the planned review moves to the new first date and another follows. */
	j = EXPECT_J(NW_CM, "PATCH", eng, "{\"ends_on\":\"2027-12-31\"}", 200, NULL);
	json_decref(j);
	j = get(NW_CM, reviews);
	check_dues(items(j), two);
	CHECK_INT(num(json_array_get(items(j), 0), "id"), first);
	json_decref(j);
}

static void test_mandate_only_buyer_contract_managers(void)
{
	const char *m = fmt("/api/v1/engagements/%lld/mandate", X), *r = fmt("/api/v1/engagements/%lld/reviews?limit=200", X);
	const char *body = "{\"cadence\":\"quarterly\",\"required_roles\":[\"buyer_cxo\"],\"grace_days\":3}";
	char *before = snapshot(NW_CM, m, r, NULL);
	static const int refused[] = {NW_CXO, NW_CIO, NW_MEMBER, KE_LEAD, KE_CONS, KE_MEMBER};

	for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++)
		EXPECT(refused[i], "PUT", m, body, 403, NULL);
	EXPECT(MD_CM, "PUT", m, body, 404, NULL);
	EXPECT(LU_LEAD, "PUT", m, body, 404, NULL);
	EXPECT(ADMIN, "PUT", m, body, 404, NULL);
	EXPECT(-1, "PUT", m, body, 401, NULL);
	CHECK_UNCHANGED(before, snapshot(NW_CM, m, r, NULL));
	free(before);
}

static void test_mandate_bad_input(void)
{
	long long fresh = new_engagement("Not yet mandated", W->KE, "2026-01-01", "2027-12-31");
	const char *m = fmt("/api/v1/engagements/%lld/mandate", X), *r = fmt("/api/v1/engagements/%lld/reviews?limit=200", X);
	const char *fm = fmt("/api/v1/engagements/%lld/mandate", fresh), *fr = fmt("/api/v1/engagements/%lld/reviews", fresh);
	static const struct {
		const char *body, *field;
		long status;
	} bad[] = {
		{"{\"cadence\":\"quarterly\",\"required_roles\":[\"overlord\"]}", "required_roles", 422},
		{"{\"cadence\":\"quarterly\",\"required_roles\":[\"buyer_cxo\",\"admin\"]}", "required_roles", 422},
		{"{\"cadence\":\"quarterly\",\"required_roles\":[]}", "required_roles", 422},
		{"{\"cadence\":\"quarterly\",\"required_roles\":\"buyer_cxo\"}", "required_roles", 422},
		{"{\"cadence\":\"quarterly\",\"required_roles\":[5]}", NULL, 422},
		{"{\"cadence\":\"quarterly\"}", "required_roles", 422},
		{"{\"cadence\":\"quarterly\",\"required_roles\":[\"buyer_cxo\"],\"grace_days\":-1}", "grace_days", 422},
		{"{\"cadence\":\"quarterly\",\"required_roles\":[\"buyer_cxo\"],\"grace_days\":91}", "grace_days", 422},
		{"{\"cadence\":\"quarterly\",\"required_roles\":[\"buyer_cxo\"],\"grace_days\":4294967297}", "grace_days", 422},
		{"{\"cadence\":\"quarterly\",\"required_roles\":[\"buyer_cxo\"],\"grace_days\":2.5}", "grace_days", 422},
		{"{\"cadence\":\"quarterly\",\"required_roles\":[\"buyer_cxo\"],\"grace_days\":\"7\"}", "grace_days", 422},
		{"{\"cadence\":\"monthly\",\"required_roles\":[\"buyer_cxo\"]}", "cadence", 422},
		{"{\"cadence\":\"Quarterly\",\"required_roles\":[\"buyer_cxo\"]}", "cadence", 422},
		{"{\"required_roles\":[\"buyer_cxo\"]}", "cadence", 422},
		{"{\"cadence\":\"quarterly\",\"required_roles\":[\"buyer_cxo\"],\"colour\":\"red\"}", "colour", 422},
		{"{\"cadence\":\"quarterly\",\"cadence\":\"annual\",\"required_roles\":[\"buyer_cxo\"]}", NULL, 400},
		{"[\"quarterly\"]", NULL, 400},
	};
	char *before = snapshot(NW_CM, m, r, NULL), *fresh_before = snapshot(NW_CM, fm, fr, NULL);
	json_t *j;

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		EXPECT(NW_CM, "PUT", m, bad[i].body, bad[i].status, bad[i].field);
		EXPECT(NW_SM, "PUT", fm, bad[i].body, bad[i].status, bad[i].field);
	}
	CHECK_UNCHANGED(before, snapshot(NW_CM, m, r, NULL));
	CHECK_UNCHANGED(fresh_before, snapshot(NW_CM, fm, fr, NULL));
	EXPECT(NW_CM, "GET", fm, NULL, 404, NULL);
	free(before);
	free(fresh_before);

	/* The bounds themselves are fine: 0 and 90 days of grace; roles from either side. */
	j = EXPECT_J(NW_CM, "PUT", fm, "{\"cadence\":\"annual\",\"required_roles\":[\"member\",\"provider_consulting\"],\"grace_days\":90}", 200, NULL);
	CHECK_INT(num(json_object_get(j, "mandate"), "grace_days"), 90);
	json_decref(j);
	j = EXPECT_J(NW_CM, "PUT", fm, "{\"cadence\":\"annual\",\"required_roles\":[\"contract_manager\"],\"grace_days\":0}", 200, NULL);
	CHECK_INT(num(json_object_get(j, "mandate"), "grace_days"), 0);
	/* From 2026-01-01, annual: 2027-01-01 only (2026-01-01 + 24 months is past the end). */
	CHECK_INT(json_array_size(items(json_object_get(j, "reviews"))), 1);
	CHECK_STR(str(json_array_get(items(json_object_get(j, "reviews")), 0), "due_on"), "2027-01-01");
	json_decref(j);
}

/* ---- reviews: recording them held or cancelled, ad-hoc reviews ---- */

static void test_review_rules(void)
{
	json_t *j, *list;
	long long p = 0, adhoc;
	const char *path, *reviews = fmt("/api/v1/engagements/%lld/reviews?limit=200", X);
	char *before;
	static const struct {
		int who;
		const char *body, *field;
		long status;
	} bad[] = {
		{NW_CM, "{\"held_on\":\"2026-11-27\"}", "held_on", 422},  /* tomorrow */
		{KE_LEAD, "{\"held_on\":\"2031-01-01\"}", "held_on", 422},
		{NW_CM, "{\"held_on\":\"2025-08-30\"}", "held_on", 422},  /* the day before the engagement starts */
		{NW_CM, "{\"held_on\":\"2026-02-30\"}", "held_on", 422},
		{NW_CM, "{\"status\":\"held\"}", "held_on", 422},
		{NW_CM, "{\"status\":\"planned\",\"held_on\":\"2026-11-20\"}", "held_on", 422},
		{NW_CM, "{\"status\":\"cancelled\"}", "cancel_reason", 422},
		{NW_SM, "{\"status\":\"cancelled\",\"cancel_reason\":\"   \"}", "cancel_reason", 422},
		{KE_LEAD, "{\"status\":\"cancelled\",\"cancel_reason\":\"We are busy\"}", NULL, 403},
		{KE_CONS, "{\"status\":\"cancelled\",\"cancel_reason\":\"We are busy\"}", NULL, 403},
		{NW_CXO, "{\"status\":\"cancelled\",\"cancel_reason\":\"Not needed\"}", NULL, 403},
		{NW_CM, "{\"due_on\":\"2027-01-05\"}", "due_on", 422},	/* a mandated review's date comes from the mandate */
		{NW_CM, "{\"status\":\"late\"}", "status", 422},
		{NW_CM, "{\"minutes\":5}", "minutes", 422},
		{NW_CM, "{\"held_on\":\"2026-11-20\",\"attendees\":[]}", "attendees", 422},
		{NW_MEMBER, "{\"minutes\":\"members do not write minutes\"}", NULL, 403},
		{MD_CM, "{\"minutes\":\"nor do strangers\"}", NULL, 404},
	};

	/* The first planned review of X: 2026-11-30. */
	list = get(NW_CM, reviews);
	p = num(json_array_get(items(list), 0), "id");
	CHECK_STR(str(json_array_get(items(list), 0), "status"), "planned");
	json_decref(list);
	path = fmt("/api/v1/reviews/%lld", p);
	before = snapshot(NW_CM, path, reviews, NULL);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		EXPECT(bad[i].who, "PATCH", path, bad[i].body, bad[i].status, bad[i].field);
	CHECK_UNCHANGED(before, snapshot(NW_CM, path, reviews, NULL));
	free(before);

	/* The bounds are fine: the day the engagement starts, and today. */
	j = EXPECT_J(NW_CIO, "PATCH", path, "{\"held_on\":\"2025-08-31\"}", 200, NULL);
	CHECK_STR(str(j, "status"), "held");
	json_decref(j);
	j = EXPECT_J(KE_CONS, "PATCH", path, "{\"held_on\":\"" TEST_TODAY "\",\"minutes\":\"# Minutes\\n\\n<script>alert(1)</script> [x](javascript:alert(1))\"}", 200, NULL);
	CHECK_STR(str(j, "held_on"), TEST_TODAY);
	CHECK_STR(str(j, "status"), "held");
	CHECK(strstr(str(j, "minutes_html") ?: "", "<h1>Minutes</h1>") != NULL);
	CHECK(strstr(str(j, "minutes_html") ?: "<script", "<script") == NULL);
	CHECK(strstr(str(j, "minutes_html") ?: "javascript:", "javascript:") == NULL);
	json_decref(j);
	/* The buyer's contract or sourcing manager cancels, with a reason; held_on goes. */
	j = EXPECT_J(NW_SM, "PATCH", path, "{\"status\":\"cancelled\",\"cancel_reason\":\"Replaced by the steering committee\"}", 200, NULL);
	CHECK_STR(str(j, "status"), "cancelled");
	CHECK_STR(str(j, "cancel_reason"), "Replaced by the steering committee");
	CHECK(json_is_null(json_object_get(j, "held_on")));
	json_decref(j);
	/* Nor may anyone else take the cancellation back or rewrite its reason. */
	before = snapshot(NW_CM, path, NULL);
	EXPECT(KE_LEAD, "PATCH", path, "{\"status\":\"planned\"}", 403, NULL);
	EXPECT(KE_CONS, "PATCH", path, "{\"held_on\":\"2026-11-20\"}", 403, NULL);
	EXPECT(KE_LEAD, "PATCH", path, "{\"cancel_reason\":\"The buyer did not turn up\"}", 403, NULL);
	EXPECT(NW_CXO, "PATCH", path, "{\"status\":\"planned\"}", 403, NULL);
	CHECK_UNCHANGED(before, snapshot(NW_CM, path, NULL));
	free(before);
	/* The rest of a cancelled review stays open to those who run reviews; the manager may reinstate it. */
	j = EXPECT_J(KE_LEAD, "PATCH", path, "{\"agenda\":\"Kept for the record\",\"cancel_reason\":\"Replaced by the steering committee\"}", 200, NULL);
	CHECK_STR(str(j, "status"), "cancelled");
	json_decref(j);
	j = EXPECT_J(NW_CM, "PATCH", path, "{\"status\":\"planned\"}", 200, NULL);
	CHECK_STR(str(j, "status"), "planned");
	CHECK_STR(str(j, "cancel_reason"), "");
	json_decref(j);
	j = EXPECT_J(NW_CM, "PATCH", path, "{\"status\":\"cancelled\",\"cancel_reason\":\"Replaced by the steering committee\"}", 200, NULL);
	json_decref(j);

	/* Ad-hoc reviews: anyone who runs reviews adds one, on or after the start; its date may move. */
	before = snapshot(NW_CM, reviews, NULL);
	EXPECT(KE_CONS, "POST", fmt("/api/v1/engagements/%lld/reviews", X), "{\"due_on\":\"2025-08-30\"}", 422, "due_on");
	EXPECT(KE_CONS, "POST", fmt("/api/v1/engagements/%lld/reviews", X), "{\"agenda\":\"no date\"}", 422, "due_on");
	EXPECT(KE_CONS, "POST", fmt("/api/v1/engagements/%lld/reviews", X), "{\"due_on\":\"2031-01-01\"}", 422, "due_on");
	EXPECT(KE_MEMBER, "POST", fmt("/api/v1/engagements/%lld/reviews", X), "{\"due_on\":\"2026-12-15\"}", 403, NULL);
	CHECK_UNCHANGED(before, snapshot(NW_CM, reviews, NULL));
	free(before);
	j = EXPECT_J(KE_CONS, "POST", fmt("/api/v1/engagements/%lld/reviews", X), "{\"due_on\":\"2026-12-15\",\"agenda\":\"Escalation\"}", 201, NULL);
	adhoc = num(j, "id");
	CHECK(json_is_true(json_object_get(j, "adhoc")));
	CHECK_STR(str(j, "status"), "planned");
	CHECK_STR(str(j, "agenda"), "Escalation");
	json_decref(j);
	j = EXPECT_J(NW_CM, "PATCH", fmt("/api/v1/reviews/%lld", adhoc), "{\"due_on\":\"2026-12-17\"}", 200, NULL);
	CHECK_STR(str(j, "due_on"), "2026-12-17");
	json_decref(j);
	EXPECT(NW_CM, "PATCH", fmt("/api/v1/reviews/%lld", adhoc), "{\"due_on\":\"2025-01-01\"}", 422, "due_on");
	EXPECT(NW_CM, "PATCH", fmt("/api/v1/reviews/%lld", adhoc), "{\"due_on\":\"2031-01-01\"}", 422, "due_on");
	EXPECT(NW_CM, "GET", "/api/v1/reviews/999999", NULL, 404, NULL);
	EXPECT(NW_CM, "PATCH", "/api/v1/reviews/999999", "{\"minutes\":\"x\"}", 404, NULL);
}

/* ---- attendance and quorum ---- */

static void test_attendance_and_quorum(void)
{
	const char *path = fmt("/api/v1/reviews/%lld/attendance", HELD), *review = fmt("/api/v1/reviews/%lld", HELD);
	const char *reviews = fmt("/api/v1/engagements/%lld/reviews?limit=200", X);
	const long long *u = W->user_id;
	static const char *const both[] = {"buyer_cxo", "provider_leadership", NULL};
	static const char *const cxo[] = {"buyer_cxo", NULL};
	char *before = snapshot(NW_CM, review, NULL);
	json_t *j, *list;

	/* Only people of the engagement's two organisations attend; each once. */
	EXPECT(KE_CONS, "PUT", path, fmt("{\"attendees\":[{\"user_id\":%lld,\"present\":true}]}", u[MD_CM]), 422, "attendees[0].user_id");
	EXPECT(KE_CONS, "PUT", path, fmt("{\"attendees\":[{\"user_id\":%lld},{\"user_id\":%lld}]}", u[NW_CXO], u[HB_LEAD]), 422, "attendees[1].user_id");
	EXPECT(KE_CONS, "PUT", path, fmt("{\"attendees\":[{\"user_id\":%lld},{\"user_id\":%lld}]}", u[NW_CXO], u[LU_LEAD]), 422, "attendees[1].user_id");
	EXPECT(NW_CM, "PUT", path, fmt("{\"attendees\":[{\"user_id\":%lld}]}", u[ADMIN]), 422, "attendees[0].user_id");
	EXPECT(NW_CM, "PUT", path, "{\"attendees\":[{\"user_id\":999999}]}", 422, "attendees[0].user_id");
	EXPECT(NW_CM, "PUT", path, fmt("{\"attendees\":[{\"user_id\":%lld},{\"user_id\":%lld},{\"user_id\":%lld,\"present\":false}]}", u[NW_CXO], u[KE_LEAD], u[NW_CXO]), 422, "attendees[2].user_id");
	EXPECT(NW_CM, "PUT", path, fmt("{\"attendees\":[{\"user_id\":%lld,\"role\":\"chair\"}]}", u[NW_CXO]), 422, "attendees[0].role");
	EXPECT(NW_CM, "PUT", path, fmt("{\"attendees\":[{\"user_id\":%lld,\"present\":\"yes\"}]}", u[NW_CXO]), 422, "attendees[0].present");
	EXPECT(NW_CM, "PUT", path, "{}", 422, "attendees");
	CHECK_UNCHANGED(before, snapshot(NW_CM, review, NULL));
	free(before);

	/* X's held review mandates the buyer's CxO and the provider's leadership. */
	j = EXPECT_J(KE_CONS, "PUT", path, fmt("{\"attendees\":[{\"user_id\":%lld,\"present\":true},{\"user_id\":%lld},{\"user_id\":%lld,\"present\":false}]}",
					    u[NW_CXO], u[KE_LEAD], u[NW_MEMBER]), 200, NULL);
	CHECK(strings_are(json_object_get(j, "required_roles"), both));
	CHECK(json_is_true(json_object_get(j, "quorum_met")));
	CHECK(strings_are(json_object_get(j, "missing_roles"), NO_ROLES));
	CHECK_INT(json_array_size(json_object_get(j, "attendance")), 3);
	json_decref(j);

	j = EXPECT_J(NW_CM, "PUT", path, fmt("{\"attendees\":[{\"user_id\":%lld,\"present\":false},{\"user_id\":%lld}]}", u[NW_CXO], u[KE_LEAD]), 200, NULL);
	CHECK(json_is_false(json_object_get(j, "quorum_met")));
	CHECK(strings_are(json_object_get(j, "missing_roles"), cxo));
	json_decref(j);
	/* Held without quorum shows in the list and in compliance. */
	list = get(NW_CM, reviews);
	CHECK(json_is_false(json_object_get(find(items(list), HELD), "quorum_met")));
	json_decref(list);
	j = get(KE_LEAD, fmt("/api/v1/engagements/%lld/compliance", X));
	CHECK_INT(num(j, "without_quorum"), 1);
	json_decref(j);

	j = EXPECT_J(NW_CM, "PUT", path, fmt("{\"attendees\":[{\"user_id\":%lld},{\"user_id\":%lld}]}", u[NW_CM], u[KE_CONS]), 200, NULL);
	CHECK(json_is_false(json_object_get(j, "quorum_met")));
	CHECK(strings_are(json_object_get(j, "missing_roles"), both));
	json_decref(j);
	j = EXPECT_J(NW_CM, "PUT", path, "{\"attendees\":[]}", 200, NULL);
	CHECK(json_is_false(json_object_get(j, "quorum_met")));
	CHECK_INT(json_array_size(json_object_get(j, "attendance")), 0);
	json_decref(j);

	j = EXPECT_J(NW_CXO, "PUT", path, fmt("{\"attendees\":[{\"user_id\":%lld},{\"user_id\":%lld}]}", u[NW_CXO], u[KE_LEAD]), 200, NULL);
	CHECK(json_is_true(json_object_get(j, "quorum_met")));
	json_decref(j);
	list = get(KE_MEMBER, reviews);
	CHECK(json_is_true(json_object_get(find(items(list), HELD), "quorum_met")));
	json_decref(list);
	j = get(NW_CM, fmt("/api/v1/engagements/%lld/compliance", X));
	CHECK_INT(num(j, "without_quorum"), 0);
	json_decref(j);
	/* Who may attend: the people of both sides, and nobody else. */
	j = get(KE_MEMBER, fmt("/api/v1/engagements/%lld/people", X));
	CHECK(find(items(j), u[NW_CXO]) != NULL);
	CHECK(find(items(j), u[KE_LEAD]) != NULL);
	CHECK(find(items(j), u[MD_CM]) == NULL);
	CHECK(find(items(j), u[HB_LEAD]) == NULL);
	CHECK(find(items(j), u[ADMIN]) == NULL);
	json_decref(j);
}

/* ---- the demo's history: derived status and compliance, worked out by hand from demo_reviews.c ---- */

static void test_demo_status(void)
{
	/* Card dispute back-office: quarterly from 2025-01-01, grace 10, pattern OQLMOCN, today 2026-11-26. */
	static const struct {
		const char *due, *held, *status;
		int quorum; /* -1: not checked */
	} want[] = {
		{"2025-04-01", "2025-03-31", "held", 1},      /* O: a day early */
		{"2025-07-01", "2025-06-29", "held", 0},      /* Q: the CxO absent */
		{"2025-10-01", "2025-10-20", "late", 1},      /* L: 19 days after due, grace 10 */
		{"2026-01-01", NULL, "missed", -1},	      /* M */
		{"2026-04-01", "2026-03-30", "held", 1},      /* O */
		{"2026-07-01", NULL, "cancelled", -1},	      /* C */
		{"2026-10-01", "2026-09-30", "held", 1},      /* N: held, no minutes */
		{"2027-01-01", NULL, "planned", -1}, {"2027-04-01", NULL, "planned", -1},
		{"2027-07-01", NULL, "planned", -1}, {"2027-10-01", NULL, "planned", -1},
	};
	static const char *const cxo[] = {"buyer_cxo", NULL};
	json_t *j = get(HB_LEAD, fmt("/api/v1/engagements/%lld/reviews?limit=200", W->E2)), *x;

	CHECK_INT(json_array_size(items(j)), sizeof want / sizeof want[0]);
	for (size_t i = 0; i < sizeof want / sizeof want[0] && i < json_array_size(items(j)); i++) {
		x = json_array_get(items(j), i);
		CHECK_STR(str(x, "due_on"), want[i].due);
		CHECK_STR(str(x, "status"), want[i].status);
		if (want[i].held)
			CHECK_STR(str(x, "held_on"), want[i].held);
		else
			CHECK(json_is_null(json_object_get(x, "held_on")));
		if (want[i].quorum >= 0)
			CHECK_INT(json_is_true(json_object_get(x, "quorum_met")), want[i].quorum);
	}
	x = json_array_get(items(j), 1);
	CHECK(strings_are(json_object_get(x, "missing_roles"), cxo));
	x = json_array_get(items(j), 5);
	CHECK(strlen(str(x, "cancel_reason") ?: "") > 0);
	CHECK_STR(str(json_array_get(items(j), 6), "minutes"), "");
	/* The demo's minutes are text, not printf formats. */
	CHECK(strstr(str(json_array_get(items(j), 1), "minutes") ?: "", "Backlog down 18% since") != NULL);
	CHECK(strlen(str(json_array_get(items(j), 4), "minutes") ?: "") > 0);
	json_decref(j);

	/* Core banking: half-yearly from 2024-04-01, grace 14; its first review was held late (LOOOO). */
	j = get(KE_MEMBER, fmt("/api/v1/engagements/%lld/reviews?limit=1", W->E1));
	x = json_array_get(items(j), 0);
	CHECK_STR(str(x, "due_on"), "2024-10-01");
	CHECK_STR(str(x, "held_on"), "2024-10-24");
	CHECK_STR(str(x, "status"), "late");
	json_decref(j);
}

static void check_compliance(json_t *c, int due, int on_time, int late, int missed, int without_quorum, int upcoming, int cancelled)
{
	CHECK_INT(num(c, "due"), due);
	CHECK_INT(num(c, "held_on_time"), on_time);
	CHECK_INT(num(c, "late"), late);
	CHECK_INT(num(c, "missed"), missed);
	CHECK_INT(num(c, "in_grace"), 0);
	CHECK_INT(num(c, "without_quorum"), without_quorum);
	CHECK_INT(num(c, "upcoming"), upcoming);
	CHECK_INT(num(c, "cancelled"), cancelled);
}

static void test_demo_compliance(void)
{
	json_t *j;
	struct resp r;

	/* Card disputes: O Q L M O C N due; four planned ahead. */
	j = get(NW_MEMBER, fmt("/api/v1/engagements/%lld/compliance", W->E2));
	check_compliance(j, 6, 4, 1, 1, 1, 4, 1);
	CHECK_STR(str(j, "next_due_on"), "2027-01-01");
	CHECK_STR(str(j, "last_held_on"), "2026-09-30");
	CHECK(json_is_true(json_object_get(j, "needs_attention")));
	CHECK_STR(str(j, "provider"), "Harbor BPO");
	json_decref(j);
	/* Core banking: L O O O O due; four mandated and the ad-hoc steering committee (today + 12) ahead. */
	j = get(KE_CONS, fmt("/api/v1/engagements/%lld/compliance", W->E1));
	check_compliance(j, 5, 4, 1, 0, 0, 5, 0);
	CHECK_STR(str(j, "next_due_on"), "2026-12-08");
	CHECK_STR(str(j, "last_held_on"), "2026-09-29");
	json_decref(j);
	/* Store systems (Meridian): annual from 2023-07-01, OMQ. */
	j = get(MD_CM, fmt("/api/v1/engagements/%lld/compliance", W->E_MD));
	check_compliance(j, 3, 2, 0, 1, 1, 1, 0);
	json_decref(j);

	/* One engagement as CSV: a header and one line. */
	http(W->S, "GET", fmt("/api/v1/engagements/%lld/compliance?format=csv", W->E2), W->tok[NW_CIO], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(strncmp(r.content_type, "text/csv", 8) == 0);
	CHECK_STR(r.body, fmt("engagement_id,title,buyer,provider,due,held_on_time,late,missed,in_grace,without_quorum,upcoming,cancelled,next_due_on,last_held_on,needs_attention\r\n"
			      "%lld,Card dispute back-office,Northwind Bank,Harbor BPO,6,4,1,1,0,1,4,1,2027-01-01,2026-09-30,yes\r\n", W->E2));
	resp_free(&r);
	EXPECT(NW_CM, "GET", fmt("/api/v1/engagements/%lld/compliance?format=xml", W->E2), NULL, 400, "format");
}

/* ---- the portfolio: every engagement of the caller's organisation, JSON and CSV ---- */

/* Ids of the caller's organisation's engagements. */
/* The ids of who's accepted engagements (a pending or declined one is governed by nobody yet). */
static json_t *engagement_ids(int who)
{
	json_t *j = get(who, "/api/v1/engagements?limit=200"), *ids = json_array(), *x;
	size_t i;

	json_array_foreach(items(j), i, x) if (!strcmp(str(x, "acceptance"), "accepted"))
		json_array_append_new(ids, json_integer(num(x, "id")));
	json_decref(j);
	return ids;
}

static bool has_id(json_t *ids, long long id)
{
	size_t i;
	json_t *x;

	json_array_foreach(ids, i, x) if (json_integer_value(x) == id) return true;
	return false;
}

/* The portfolio of `who` covers exactly its organisation's accepted engagements, on the side named by key. */
static void check_portfolio(int who, const char *key, const char *org_name)
{
	json_t *p = get(who, "/api/v1/compliance"), *ids = engagement_ids(who), *x;
	long long missed = 0;
	size_t i;

	CHECK_INT(json_array_size(items(p)), json_array_size(ids));
	json_array_foreach(items(p), i, x)
	{
		CHECK(has_id(ids, num(x, "engagement_id")));
		CHECK_STR(str(x, key), org_name);
		missed += num(x, "missed");
	}
	CHECK_INT(num(json_object_get(p, "totals"), "engagements"), json_array_size(ids));
	CHECK_INT(num(json_object_get(p, "totals"), "missed"), missed);
	json_decref(p);
	json_decref(ids);
}

static void test_portfolio(void)
{
	long long formula = new_engagement("=HYPERLINK(\\\"http://evil.example\\\",\\\"x\\\")", W->LU, "2026-01-01", "2026-12-31");
	json_t *p, *x, *c;
	struct resp r;
	size_t i, lines = 0;
	bool found_e2 = false;

	check_portfolio(NW_CM, "buyer", "Northwind Bank");
	check_portfolio(NW_CXO, "buyer", "Northwind Bank");
	check_portfolio(MD_CM, "buyer", "Meridian Retail");
	check_portfolio(KE_LEAD, "provider", "Kestrel IT Services");
	check_portfolio(HB_LEAD, "provider", "Harbor BPO");
	check_portfolio(LU_LEAD, "provider", "Lumen Consulting");

	/* Each engagement's line is its compliance; the buyer's and the provider's views agree. */
	p = get(NW_SM, "/api/v1/compliance");
	c = get(NW_SM, fmt("/api/v1/engagements/%lld/compliance", W->E2));
	json_array_foreach(items(p), i, x) if (num(x, "engagement_id") == W->E2)
	{
		found_e2 = true;
		CHECK(json_equal(x, c));
	}
	CHECK(found_e2);
	/* Needs attention counts the last 12 months (issue 17): Card disputes' missed review of 2026-01-01 still does; Core banking's late one of 2024 no longer (obligation_cases.c). */
	CHECK(num(json_object_get(p, "totals"), "needs_attention") >= 1);
	CHECK(json_is_true(json_object_get(c, "needs_attention")));
	json_decref(p);
	p = get(HB_LEAD, "/api/v1/compliance");
	found_e2 = false;
	json_array_foreach(items(p), i, x)
	{
		CHECK(num(x, "engagement_id") != W->E1);
		if (num(x, "engagement_id") == W->E2) {
			found_e2 = true;
			CHECK(json_equal(x, c));
		}
	}
	CHECK(found_e2);
	json_decref(p);
	json_decref(c);

	/* CSV: a header, one line per engagement, and nothing a spreadsheet would run as a formula. */
	p = get(NW_CM, "/api/v1/compliance");
	http(W->S, "GET", "/api/v1/compliance?format=csv", W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 200);
	CHECK(strncmp(r.content_type, "text/csv", 8) == 0);
	CHECK(strncmp(r.body, "engagement_id,title,buyer,provider,due,held_on_time,late,missed,in_grace,without_quorum,upcoming,cancelled,next_due_on,last_held_on,needs_attention\r\n", 148) == 0);
	for (const char *s = r.body; (s = strstr(s, "\r\n")); s += 2)
		lines++;
	CHECK_INT(lines, json_array_size(items(p)) + 1);
	CHECK(strstr(r.body, fmt("\r\n%lld,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",Northwind Bank,Lumen Consulting,", formula)) != NULL);
	CHECK(strstr(r.body, ",=") == NULL);
	CHECK(strstr(r.body, fmt("\r\n%lld,Card dispute back-office,Northwind Bank,Harbor BPO,6,4,1,1,0,1,4,1,2027-01-01,2026-09-30,yes\r\n", W->E2)) != NULL);
	resp_free(&r);
	json_decref(p);
	EXPECT(NW_CM, "GET", "/api/v1/compliance?format=pdf", NULL, 400, "format");
	/* The platform admin has no portfolio; neither do members. */
	EXPECT(ADMIN, "GET", "/api/v1/compliance?format=csv", NULL, 403, NULL);
	EXPECT(KE_MEMBER, "GET", "/api/v1/compliance?format=csv", NULL, 403, NULL);
}

/* ---- action items ---- */

static void test_actions(void)
{
	const char *create = fmt("/api/v1/reviews/%lld/actions", HELD), *listp = fmt("/api/v1/reviews/%lld/actions?limit=200", HELD);
	const long long *u = W->user_id;
	long long mine, late;
	char *before;
	json_t *j;
	size_t i;
	json_t *x;

	/* The owner comes from either side of the engagement, never from elsewhere. */
	before = snapshot(NW_CM, listp, NULL);
	EXPECT(NW_CM, "POST", create, fmt("{\"title\":\"Send the plan\",\"owner_id\":%lld,\"due_on\":\"2026-12-10\"}", u[MD_CM]), 422, "owner_id");
	EXPECT(NW_CM, "POST", create, fmt("{\"title\":\"Send the plan\",\"owner_id\":%lld,\"due_on\":\"2026-12-10\"}", u[HB_LEAD]), 422, "owner_id");
	EXPECT(NW_CM, "POST", create, fmt("{\"title\":\"Send the plan\",\"owner_id\":%lld,\"due_on\":\"2026-12-10\"}", u[ADMIN]), 422, "owner_id");
	EXPECT(NW_CM, "POST", create, "{\"title\":\"Send the plan\",\"owner_id\":999999,\"due_on\":\"2026-12-10\"}", 422, "owner_id");
	EXPECT(NW_CM, "POST", create, fmt("{\"title\":\"   \",\"owner_id\":%lld,\"due_on\":\"2026-12-10\"}", u[KE_CONS]), 422, "title");
	EXPECT(NW_CM, "POST", create, fmt("{\"title\":\"Send the plan\",\"owner_id\":%lld,\"due_on\":\"2026-12-32\"}", u[KE_CONS]), 422, "due_on");
	EXPECT(NW_CM, "POST", create, fmt("{\"title\":\"Send the plan\",\"owner_id\":%lld,\"due_on\":\"2026-12-10\",\"status\":\"late\"}", u[KE_CONS]), 422, "status");
	EXPECT(NW_CM, "POST", create, fmt("{\"title\":\"Send the plan\",\"owner_id\":%lld}", u[KE_CONS]), 422, "due_on");
	EXPECT(NW_MEMBER, "POST", create, fmt("{\"title\":\"Send the plan\",\"owner_id\":%lld,\"due_on\":\"2026-12-10\"}", u[KE_CONS]), 403, NULL);
	CHECK_UNCHANGED(before, snapshot(NW_CM, listp, NULL));
	free(before);

	/* Northwind's manager gives Kestrel's consultant an action. */
	j = EXPECT_J(NW_CM, "POST", create, fmt("{\"title\":\"Send the plan\",\"owner_id\":%lld,\"due_on\":\"2026-12-10\"}", u[KE_CONS]), 201, NULL);
	mine = num(j, "id");
	CHECK_INT(num(j, "owner_id"), u[KE_CONS]);
	CHECK_INT(num(j, "review_id"), HELD);
	CHECK_INT(num(j, "engagement_id"), X);
	CHECK_STR(str(j, "status"), "open");
	CHECK(json_is_false(json_object_get(j, "overdue")));
	json_decref(j);
	/* Kestrel's leadership gives Northwind's member one that is already overdue. */
	j = EXPECT_J(KE_LEAD, "POST", create, fmt("{\"title\":\"Confirm the budget\",\"owner_id\":%lld,\"due_on\":\"2026-11-25\"}", u[NW_MEMBER]), 201, NULL);
	late = num(j, "id");
	CHECK(json_is_true(json_object_get(j, "overdue")));
	json_decref(j);
	/* Due today is not overdue yet. */
	j = EXPECT_J(KE_LEAD, "POST", create, fmt("{\"title\":\"Call the bank\",\"owner_id\":%lld,\"due_on\":\"" TEST_TODAY "\"}", u[KE_MEMBER]), 201, NULL);
	CHECK(json_is_false(json_object_get(j, "overdue")));
	json_decref(j);

	j = get(KE_MEMBER, listp);
	CHECK_INT(json_array_size(items(j)), 3);
	json_decref(j);
	j = get(NW_CM, fmt("/api/v1/engagements/%lld/actions?limit=200", X));
	CHECK(find(items(j), mine) && find(items(j), late));
	json_decref(j);

	/* "My actions": each owner's own, across engagements. */
	j = get(KE_CONS, "/api/v1/me/actions?limit=200");
	CHECK(find(items(j), mine) != NULL);
	CHECK(find(items(j), late) == NULL);
	json_array_foreach(items(j), i, x) CHECK_INT(num(x, "owner_id"), u[KE_CONS]);
	json_decref(j);
	j = get(NW_MEMBER, "/api/v1/me/actions?status=open");
	CHECK(find(items(j), late) != NULL);
	CHECK(json_is_true(json_object_get(find(items(j), late), "overdue")));
	json_array_foreach(items(j), i, x) CHECK_STR(str(x, "status"), "open");
	json_decref(j);
	EXPECT(NW_MEMBER, "GET", "/api/v1/me/actions?status=finished", NULL, 400, NULL);

	/* The owner marks it done, even as a plain member; the other side's member may not touch it. */
	EXPECT(KE_MEMBER, "PATCH", fmt("/api/v1/actions/%lld", late), "{\"status\":\"done\"}", 403, NULL);
	EXPECT(NW_MEMBER, "PATCH", fmt("/api/v1/actions/%lld", mine), "{\"status\":\"done\"}", 403, NULL);
	j = EXPECT_J(NW_MEMBER, "PATCH", fmt("/api/v1/actions/%lld", late), "{\"status\":\"done\"}", 200, NULL);
	CHECK_STR(str(j, "status"), "done");
	CHECK(json_is_false(json_object_get(j, "overdue")));
	json_decref(j);
	/* An owner who does not run reviews reports progress only: no new title, owner or date. */
	before = snapshot(NW_CM, fmt("/api/v1/actions/%lld", late), NULL);
	EXPECT(NW_MEMBER, "PATCH", fmt("/api/v1/actions/%lld", late), fmt("{\"owner_id\":%lld}", u[NW_CM]), 403, "owner_id");
	EXPECT(NW_MEMBER, "PATCH", fmt("/api/v1/actions/%lld", late), "{\"title\":\"Someone else's job\"}", 403, "title");
	EXPECT(NW_MEMBER, "PATCH", fmt("/api/v1/actions/%lld", late), "{\"due_on\":\"2027-06-30\",\"status\":\"open\"}", 403, "due_on");
	CHECK_UNCHANGED(before, snapshot(NW_CM, fmt("/api/v1/actions/%lld", late), NULL));
	free(before);
	j = get(NW_MEMBER, "/api/v1/me/actions?status=open");
	CHECK(find(items(j), late) == NULL);
	json_decref(j);
	j = get(NW_MEMBER, "/api/v1/me/actions?status=done");
	CHECK(find(items(j), late) != NULL);
	json_decref(j);
	/* Reopened, it is overdue again. */
	j = EXPECT_J(NW_CM, "PATCH", fmt("/api/v1/actions/%lld", late), "{\"status\":\"open\"}", 200, NULL);
	CHECK(json_is_true(json_object_get(j, "overdue")));
	json_decref(j);

	/* A refused change writes nothing. */
	before = snapshot(NW_CM, fmt("/api/v1/actions/%lld", mine), NULL);
	EXPECT(NW_CM, "PATCH", fmt("/api/v1/actions/%lld", mine), fmt("{\"owner_id\":%lld}", u[MD_CM]), 422, "owner_id");
	EXPECT(KE_CONS, "PATCH", fmt("/api/v1/actions/%lld", mine), "{\"title\":\"\"}", 422, "title");
	EXPECT(KE_CONS, "PATCH", fmt("/api/v1/actions/%lld", mine), "{\"due_on\":\"tomorrow\"}", 422, "due_on");
	EXPECT(KE_CONS, "PATCH", fmt("/api/v1/actions/%lld", mine), "{\"owner\":5}", 422, "owner");
	EXPECT(MD_CM, "PATCH", fmt("/api/v1/actions/%lld", mine), "{\"status\":\"done\"}", 404, NULL);
	CHECK_UNCHANGED(before, snapshot(NW_CM, fmt("/api/v1/actions/%lld", mine), NULL));
	free(before);
	/* Handed to Northwind's CIO, it moves to their list. */
	j = EXPECT_J(KE_CONS, "PATCH", fmt("/api/v1/actions/%lld", mine), fmt("{\"owner_id\":%lld,\"due_on\":\"2027-01-31\"}", u[NW_CIO]), 200, NULL);
	CHECK_INT(num(j, "owner_id"), u[NW_CIO]);
	CHECK_STR(str(j, "due_on"), "2027-01-31");
	json_decref(j);
	j = get(NW_CIO, "/api/v1/me/actions?limit=200");
	CHECK(find(items(j), mine) != NULL);
	json_decref(j);
	j = get(KE_CONS, "/api/v1/me/actions?limit=200");
	CHECK(find(items(j), mine) == NULL);
	json_decref(j);
	EXPECT(NW_CM, "GET", "/api/v1/actions/999999", NULL, 404, NULL);
}

/* ---- strategic issues and the provider's experience ---- */

static void test_strategic_issues(void)
{
	const char *create = fmt("/api/v1/engagements/%lld/strategic-issues", X), *listp = fmt("/api/v1/engagements/%lld/strategic-issues?limit=200", X);
	json_t *j, *e2_reviews = get(NW_CM, fmt("/api/v1/engagements/%lld/reviews?limit=1", W->E2));
	json_t *md_reviews = get(MD_CM, fmt("/api/v1/engagements/%lld/reviews?limit=1", W->E_MD));
	long long e2_review = num(json_array_get(items(e2_reviews), 0), "id"), md_review = num(json_array_get(items(md_reviews), 0), "id");
	long long issue;
	const char *path, *html;
	char *before;

	json_decref(e2_reviews);
	json_decref(md_reviews);
	/* An issue may name a review of its own engagement only. */
	before = snapshot(NW_CM, listp, NULL);
	EXPECT(NW_CIO, "POST", create, fmt("{\"title\":\"Cut costs\",\"review_id\":%lld}", e2_review), 422, "review_id");
	EXPECT(NW_CIO, "POST", create, fmt("{\"title\":\"Cut costs\",\"review_id\":%lld}", md_review), 422, "review_id");
	EXPECT(NW_CIO, "POST", create, "{\"title\":\"Cut costs\",\"review_id\":999999}", 422, "review_id");
	EXPECT(NW_CIO, "POST", create, "{\"title\":\"\"}", 422, "title");
	EXPECT(NW_CIO, "POST", create, "{\"body\":\"no title\"}", 422, "title");
	EXPECT(NW_CIO, "POST", create, "{\"title\":\"Cut costs\",\"status\":\"closed\"}", 422, "status");
	EXPECT(KE_LEAD, "POST", create, "{\"title\":\"Providers do not raise these\"}", 403, NULL);
	CHECK_UNCHANGED(before, snapshot(NW_CM, listp, NULL));
	free(before);

	/* Markdown is rendered safely: raw HTML and javascript: links never reach body_html. */
	j = EXPECT_J(NW_CXO, "POST", create,
		     fmt("{\"title\":\"Open banking by 2028\",\"kind\":\"plan\",\"review_id\":%lld,\"body\":\"We need **real-time APIs**.\\n\\n<script>alert(1)</script>\\n\\n[x](javascript:alert(1)) [y](JAVASCRIPT:alert(2)) <img src=x onerror=alert(3)> [ok](https://example.com/plan)\"}", HELD),
		     201, NULL);
	issue = num(j, "id");
	html = str(j, "body_html") ?: "<script";
	CHECK_STR(str(j, "kind"), "plan");
	CHECK_STR(str(j, "status"), "open");
	CHECK_INT(num(j, "review_id"), HELD);
	CHECK(strstr(html, "<strong>real-time APIs</strong>") != NULL);
	CHECK(strstr(html, "href=\"https://example.com/plan\"") != NULL);
	CHECK(strstr(html, "<script") == NULL);
	CHECK(strstr(html, "<img") == NULL);
	CHECK(strcasestr(html, "javascript:") == NULL);
	CHECK(strstr(str(j, "body") ?: "", "<script>alert(1)</script>") != NULL);
	json_decref(j);
	path = fmt("/api/v1/strategic-issues/%lld", issue);

	/* The provider answers from experience; a buyer may not, and no practice exists yet. */
	before = snapshot(NW_CM, path, NULL);
	EXPECT(KE_CONS, "POST", fmt("%s/responses", path), "{\"body\":\"We did this\",\"practice_id\":999999}", 422, "practice_id");
	EXPECT(KE_CONS, "POST", fmt("%s/responses", path), "{\"body\":\"\"}", 422, "body");
	EXPECT(KE_CONS, "POST", fmt("%s/responses", path), "{}", 422, "body");
	EXPECT(NW_CM, "POST", fmt("%s/responses", path), "{\"body\":\"buyers ask, providers answer\"}", 403, NULL);
	EXPECT(KE_MEMBER, "POST", fmt("%s/responses", path), "{\"body\":\"members do not answer\"}", 403, NULL);
	CHECK_UNCHANGED(before, snapshot(NW_CM, path, NULL));
	free(before);
	j = EXPECT_J(KE_CONS, "POST", fmt("%s/responses", path), "{\"body\":\"At another bank we put an *API gateway* in front of the core. <script>x()</script>\"}", 201, NULL);
	CHECK_INT(num(j, "responses_count"), 1);
	json_decref(j);
	j = get(NW_MEMBER, path);
	CHECK_INT(json_array_size(json_object_get(j, "responses")), 1);
	{
		json_t *resp = json_array_get(json_object_get(j, "responses"), 0);

		CHECK_STR(str(resp, "author_org"), "Kestrel IT Services");
		CHECK_INT(num(resp, "author_id"), W->user_id[KE_CONS]);
		CHECK(json_is_null(json_object_get(resp, "practice_id")));
		CHECK(strstr(str(resp, "body_html") ?: "", "<em>API gateway</em>") != NULL);
		CHECK(strstr(str(resp, "body_html") ?: "<script", "<script") == NULL);
	}
	json_decref(j);

	/* The buyer's governance roles move it on; the provider and members may not. */
	EXPECT(KE_LEAD, "PATCH", path, "{\"status\":\"addressed\"}", 403, NULL);
	EXPECT(NW_MEMBER, "PATCH", path, "{\"status\":\"addressed\"}", 403, NULL);
	EXPECT(NW_CIO, "PATCH", path, "{\"kind\":\"issue\"}", 422, "kind");
	EXPECT(NW_CIO, "PATCH", path, "{\"title\":\"\"}", 422, "title");
	j = EXPECT_J(NW_CIO, "PATCH", path, "{\"status\":\"addressed\"}", 200, NULL);
	CHECK_STR(str(j, "status"), "addressed");
	CHECK_STR(str(j, "title"), "Open banking by 2028");
	json_decref(j);
	j = get(KE_MEMBER, fmt("%s&status=open", listp));
	CHECK(find(items(j), issue) == NULL);
	json_decref(j);
	j = get(KE_MEMBER, fmt("%s&status=addressed", listp));
	CHECK(find(items(j), issue) != NULL);
	json_decref(j);
	EXPECT(NW_CM, "GET", fmt("%s&status=solved", listp), NULL, 400, NULL);
	EXPECT(NW_CM, "GET", "/api/v1/strategic-issues/999999", NULL, 404, NULL);
}

/* ---- tenant isolation: other organisations see nothing of an engagement ---- */

static void test_isolation(void)
{
	json_t *j, *x, *acts = get(NW_CM, fmt("/api/v1/engagements/%lld/actions?limit=1", X)), *iss = get(NW_CM, fmt("/api/v1/engagements/%lld/strategic-issues?limit=1", X));
	long long action = num(json_array_get(items(acts), 0), "id"), issue = num(json_array_get(items(iss), 0), "id");
	const char *paths[] = {
		fmt("/api/v1/engagements/%lld/mandate", X), fmt("/api/v1/engagements/%lld/reviews", X),
		fmt("/api/v1/engagements/%lld/people", X), fmt("/api/v1/engagements/%lld/compliance", X),
		fmt("/api/v1/engagements/%lld/compliance?format=csv", X), fmt("/api/v1/engagements/%lld/actions", X),
		fmt("/api/v1/engagements/%lld/strategic-issues", X), fmt("/api/v1/reviews/%lld", HELD),
		fmt("/api/v1/reviews/%lld/actions", HELD), fmt("/api/v1/actions/%lld", action),
		fmt("/api/v1/strategic-issues/%lld", issue),
	};
	static const int strangers[] = {ADMIN, MD_CM, HB_LEAD, LU_LEAD};
	json_t *ids;
	size_t i;

	json_decref(acts);
	json_decref(iss);
	CHECK(action > 0 && issue > 0);
	for (size_t p = 0; p < sizeof paths / sizeof paths[0]; p++) {
		for (size_t s = 0; s < sizeof strangers / sizeof strangers[0]; s++) {
			struct resp r;

			http(W->S, "GET", paths[p], W->tok[strangers[s]], NULL, NULL, NULL, &r);
			if (r.status != 404)
				fprintf(stderr, "  %s as %s: %ld\n", paths[p], W->names[strangers[s]], r.status);
			CHECK_INT(r.status, 404);
			CHECK(strstr(r.body, "Mandated review schedule") == NULL);
			CHECK(strstr(r.body, "Open banking") == NULL);
			resp_free(&r);
		}
		CHECK_INT(call(W->S, "GET", paths[p], W->tok[KE_MEMBER], NULL), 200);
	}

	/* Lists hold only the caller's organisation's rows. */
	ids = engagement_ids(MD_CM);
	j = get(MD_CM, "/api/v1/me/actions?limit=200");
	json_array_foreach(items(j), i, x) CHECK(has_id(ids, num(x, "engagement_id")));
	json_decref(j);
	json_decref(ids);
	ids = engagement_ids(KE_LEAD);
	j = get(KE_LEAD, "/api/v1/me/actions?limit=200");
	CHECK(json_array_size(items(j)) > 0);
	json_array_foreach(items(j), i, x) CHECK(has_id(ids, num(x, "engagement_id")));
	json_decref(j);
	CHECK(!has_id(ids, W->E2));
	json_decref(ids);
	/* Harbor is Northwind's provider for card disputes only: it sees those people, reviews and actions, nothing of Kestrel's. */
	j = get(HB_LEAD, fmt("/api/v1/engagements/%lld/people", W->E2));
	CHECK(json_array_size(items(j)) > 0);
	json_array_foreach(items(j), i, x) CHECK(num(x, "org_id") == W->NW || num(x, "org_id") == W->HB);
	json_decref(j);
	j = get(HB_LEAD, fmt("/api/v1/engagements/%lld/reviews?limit=200", W->E2));
	json_array_foreach(items(j), i, x) CHECK_INT(num(x, "engagement_id"), W->E2);
	json_decref(j);
	j = get(HB_LEAD, fmt("/api/v1/engagements/%lld/actions?limit=200", W->E2));
	CHECK(json_array_size(items(j)) > 0);
	json_array_foreach(items(j), i, x) CHECK_INT(num(x, "engagement_id"), W->E2);
	json_decref(j);
	j = get(NW_CM, fmt("/api/v1/engagements/%lld/strategic-issues?limit=200", W->E1));
	json_array_foreach(items(j), i, x) CHECK_INT(num(x, "engagement_id"), W->E1);
	json_decref(j);
	/* A list's cursor names one of its own items: another tenant's review or action id tells nothing about it. */
	{
		json_t *md_reviews = get(MD_CM, fmt("/api/v1/engagements/%lld/reviews?limit=200", W->E_MD));
		json_t *md_actions = get(MD_CM, fmt("/api/v1/engagements/%lld/actions?limit=200", W->E_MD));
		char reviews[96], eng_actions[96], *none; /* kept apart from fmt's rotating buffers, which the loops below go round */

		snprintf(reviews, sizeof reviews, "/api/v1/engagements/%lld/reviews?limit=200&after=", W->E1);
		snprintf(eng_actions, sizeof eng_actions, "/api/v1/engagements/%lld/actions?limit=200&after=", W->E1);
		none = snapshot(NW_CM, fmt("%s999999", reviews), "/api/v1/me/actions?limit=200&after=999999", fmt("%s999999", eng_actions), NULL);
		CHECK(json_array_size(items(md_reviews)) >= 3 && json_array_size(items(md_actions)) >= 2);
		json_array_foreach(items(md_reviews), i, x)
			CHECK_UNCHANGED(none, snapshot(NW_CM, fmt("%s%lld", reviews, num(x, "id")), "/api/v1/me/actions?limit=200&after=999999", fmt("%s999999", eng_actions), NULL));
		json_array_foreach(items(md_actions), i, x)
			CHECK_UNCHANGED(none, snapshot(NW_CM, fmt("%s999999", reviews), fmt("/api/v1/me/actions?limit=200&after=%lld", num(x, "id")), fmt("%s%lld", eng_actions, num(x, "id")), NULL));
		free(none);
		json_decref(md_reviews);
		json_decref(md_actions);
	}
	/* The ad-hoc routes of other engagements: 404 before any body is read. */
	EXPECT(MD_CM, "POST", fmt("/api/v1/engagements/%lld/reviews", X), "not even JSON", 404, NULL);
	EXPECT(HB_LEAD, "PUT", fmt("/api/v1/reviews/%lld/attendance", HELD), "{}", 404, NULL);
	EXPECT(LU_LEAD, "POST", fmt("/api/v1/strategic-issues/%lld/responses", issue), "{\"body\":\"x\"}", 404, NULL);
}

/* ---- pagination ---- */

static void test_review_pagination(void)
{
	json_t *all = get(NW_CM, fmt("/api/v1/engagements/%lld/reviews?limit=200", W->E1)), *seen = json_array(), *page, *x;
	char after[32] = "";
	size_t i;
	int pages = 0;

	CHECK(json_array_size(items(all)) >= 5);
	CHECK(json_is_null(json_object_get(all, "next")));
	for (; pages < 100; pages++) {
		page = get(KE_MEMBER, fmt("/api/v1/engagements/%lld/reviews?limit=2%s", W->E1, after));
		if (!page)
			break;
		CHECK(json_array_size(items(page)) <= 2);
		json_array_foreach(items(page), i, x) json_array_append(seen, x);
		if (json_is_null(json_object_get(page, "next"))) {
			json_decref(page);
			break;
		}
		CHECK_INT(json_integer_value(json_object_get(page, "next")), num(json_array_get(items(page), 1), "id"));
		snprintf(after, sizeof after, "&after=%lld", (long long)json_integer_value(json_object_get(page, "next")));
		json_decref(page);
	}
	/* Every review exactly once, in due order. */
	CHECK_INT(pages + 1, (json_array_size(items(all)) + 1) / 2);
	CHECK_INT(json_array_size(seen), json_array_size(items(all)));
	for (i = 0; i < json_array_size(seen) && i < json_array_size(items(all)); i++)
		CHECK_INT(num(json_array_get(seen, i), "id"), num(json_array_get(items(all), i), "id"));
	for (i = 1; i < json_array_size(seen); i++)
		CHECK(strcmp(str(json_array_get(seen, i - 1), "due_on"), str(json_array_get(seen, i), "due_on")) <= 0);
	json_decref(seen);
	json_decref(all);
	EXPECT(NW_CM, "GET", fmt("/api/v1/engagements/%lld/reviews?limit=0", W->E1), NULL, 400, NULL);
	EXPECT(NW_CM, "GET", fmt("/api/v1/engagements/%lld/reviews?after=x", W->E1), NULL, 400, NULL);
}

void reviews_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	/* The demo's history first, before anything else is written. */
	RUN(test_demo_status);
	RUN(test_demo_compliance);
	RUN(test_review_pagination);
	RUN(test_mandate_schedule);
	RUN(test_mandate_short_term_and_term_changes);
	RUN(test_mandate_only_buyer_contract_managers);
	RUN(test_mandate_bad_input);
	RUN(test_review_rules);
	RUN(test_attendance_and_quorum);
	RUN(test_actions);
	RUN(test_strategic_issues);
	RUN(test_portfolio);
	RUN(test_isolation);
	*passed += harness_passed;
	*failed += harness_failed;
}
