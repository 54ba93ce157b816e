/* inbox_cases: GET /api/v1/inbox and /inbox per role and tenant — each kind reaches exactly the people who may act on it, never another role, buyer or provider, and leaves once done; the navigation's count, the landing page and the per-role home. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;
/* Northwind people made here with a known password, to sign in through the browser as well. */
enum { ZQ_CXO = CALLERS, ZQ_CM, WHO_MAX };
static char *zq_tok[2];
#define ZQ_PASSWORD "Ridgeline-Copper-58!"

static const char *tok_of(int who)
{
	return who >= CALLERS ? zq_tok[who - CALLERS] : W->tok[who];
}

static const char *name_of(int who)
{
	return who == ZQ_CXO ? "zq_cxo" : who == ZQ_CM ? "zq_cm" : W->names[who];
}

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

/* One request; checks the status (printing the answer when it is not the one wanted) and returns the parsed body. */
static json_t *req(int who, const char *method, const char *path, const char *body, long want)
{
	struct resp r;
	json_t *j;

	http(W->S, method, path, tok_of(who), body, NULL, NULL, &r);
	if (r.status != want)
		fprintf(stderr, "  %s %s as %s: got %ld, want %ld: %.400s\n", method, path, name_of(who), r.status, want,
			r.body ? r.body : "");
	CHECK_INT(r.status, want);
	j = r.json;
	r.json = NULL;
	resp_free(&r);
	return j;
}

/* The caller's inbox item of this kind pointing at url (a new reference), or NULL. */
static json_t *item(int who, const char *kind, const char *url)
{
	json_t *j = req(who, "GET", "/api/v1/inbox", NULL, 200), *x, *found = NULL;
	size_t i;

	CHECK(json_is_null(json_object_get(j, "next")));
	json_array_foreach(json_object_get(j, "items"), i, x)
	{
		if (!strcmp(json_string_value(json_object_get(x, "kind")), kind) && !strcmp(json_string_value(json_object_get(x, "url")), url))
			found = json_incref(x);
	}
	json_decref(j);
	return found;
}

static bool has(int who, const char *kind, const char *url)
{
	json_t *x = item(who, kind, url);

	json_decref(x);
	return x != NULL;
}

/* Exactly the callers in `told` (ended by -1) have the item, and every other caller of the matrix lacks it. */
static void reaches_exactly(const char *kind, const char *url, const int *told)
{
	for (int who = 0; who < WHO_MAX; who++) {
		bool want = false;

		for (const int *t = told; *t >= 0; t++)
			want |= *t == who;
		if (has(who, kind, url) != want) {
			fprintf(stderr, "  %s %s: %s %s it\n", kind, url, name_of(who), want ? "lacks" : "has");
			CHECK(0);
		}
	}
}

static void nobody_has(const char *kind, const char *url)
{
	static const int none[] = {-1};

	reaches_exactly(kind, url, none);
}

/* ---- summit invitations: the invited organisation's governance roles, until one of them answers ---- */
static void invitation_until_answered(void)
{
	static const int kestrel_gov[] = {KE_LEAD, KE_CONS, -1};
	json_t *j, *x;
	long long summit, invitation;
	const char *url;

	j = req(MD_CM, "POST", "/api/v1/summits", "{\"kind\":\"buyer-planning\",\"title\":\"Zq inbox summit\",\"starts_on\":\"2027-02-01\"}", 201);
	summit = num(j, "id");
	json_decref(j);
	j = req(MD_CM, "POST", fmt("/api/v1/summits/%lld/invitations", summit), fmt("{\"org_ids\":[%lld]}", W->KE), 200);
	invitation = num(json_array_get(json_object_get(j, "invitations"), 0), "id");
	json_decref(j);
	url = fmt("/summits/%lld#invitations", summit);
	/* Kestrel's leadership and consultants, not its member, not the host, not Northwind, Harbor or Lumen. */
	reaches_exactly("invitation", url, kestrel_gov);
	x = item(KE_LEAD, "invitation", url);
	CHECK(x && !strcmp(json_string_value(json_object_get(x, "due_on")), "2027-02-01"));
	CHECK(x && strstr(json_string_value(json_object_get(x, "title")), "Zq inbox summit") != NULL);
	json_decref(x);
	/* The consultant accepts: gone for both. */
	json_decref(req(KE_CONS, "PATCH", fmt("/api/v1/invitations/%lld", invitation), "{\"status\":\"accepted\"}", 200));
	nobody_has("invitation", url);
}

/* ---- a review: to hold, then minutes to write and surveys to fill in, each gone once done ---- */
static const char *answers(int mark)
{
	return fmt("{\"trust\":%d,\"communication\":%d,\"value\":%d,\"innovation\":%d,\"responsiveness\":%d}", mark, mark, mark, mark, mark);
}

/* The review review_lifecycle held; action_until_done hangs its actions on it. */
static long long HELD_REVIEW;

static void review_lifecycle(void)
{
	/* Those who run Core banking's reviews: Northwind's CxO, CIO and contract and sourcing managers, Kestrel's leadership and consultants. */
	static const int runs_e1[] = {NW_CXO, NW_CIO, NW_CM, NW_SM, KE_LEAD, KE_CONS, ZQ_CXO, ZQ_CM, -1};
	static const int ke_runs[] = {KE_LEAD, KE_CONS, -1};
	json_t *j, *x;
	long long review, later;
	const char *url, *survey;

	j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/reviews", W->E1), "{\"due_on\":\"2026-12-01\"}", 201);
	review = num(j, "id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/reviews", W->E1), "{\"due_on\":\"2027-06-01\"}", 201);
	later = num(j, "id");
	json_decref(j);
	url = fmt("/reviews/%lld#record", review);
	reaches_exactly("review_to_hold", url, runs_e1);
	x = item(KE_CONS, "review_to_hold", url);
	CHECK(x && !strcmp(json_string_value(json_object_get(x, "due_on")), "2026-12-01"));
	CHECK(x && num(x, "engagement_id") == W->E1);
	json_decref(x);
	/* A review months away is not waiting yet. */
	nobody_has("review_to_hold", fmt("/reviews/%lld#record", later));
	nobody_has("minutes", url);

	/* Held today without minutes: no longer to hold; minutes to write and a survey for each side. */
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/reviews/%lld", review), "{\"held_on\":\"" TEST_TODAY "\"}", 200));
	nobody_has("review_to_hold", url);
	reaches_exactly("minutes", url, runs_e1);
	survey = fmt("/engagements/%lld/trust#survey-%lld", W->E1, review);
	reaches_exactly("survey", survey, runs_e1);
	x = item(NW_CM, "survey", survey);
	CHECK(x && !strcmp(json_string_value(json_object_get(x, "due_on")), "2026-12-26")); /* the period closes 30 days after */
	json_decref(x);

	/* The minutes written: gone for everyone. */
	json_decref(req(KE_LEAD, "PATCH", fmt("/api/v1/reviews/%lld", review), "{\"minutes\":\"Agreed the release plan.\"}", 200));
	nobody_has("minutes", url);
	/* Northwind answers its survey: gone for Northwind's side only; then Kestrel's. */
	json_decref(req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E1), fmt("{\"period\":%lld,\"answers\":%s}", review, answers(4)), 200));
	reaches_exactly("survey", survey, ke_runs);
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/engagements/%lld/surveys", W->E1), fmt("{\"period\":%lld,\"answers\":%s}", review, answers(4)), 200));
	nobody_has("survey", survey);
	HELD_REVIEW = review;
}

/* ---- actions: their owner's alone, while open and due within a week or overdue ---- */
static void action_until_done(void)
{
	long long review = HELD_REVIEW;
	static const int member[] = {NW_MEMBER, -1};
	json_t *j;
	long long soon, far;
	const char *url;

	j = req(NW_CM, "POST", fmt("/api/v1/reviews/%lld/actions", review),
		fmt("{\"title\":\"Zq send the inbox plan\",\"owner_id\":%lld,\"due_on\":\"2026-11-30\"}", W->user_id[NW_MEMBER]), 201);
	soon = num(j, "id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/reviews/%lld/actions", review),
		fmt("{\"title\":\"Zq a plan for spring\",\"owner_id\":%lld,\"due_on\":\"2027-03-01\"}", W->user_id[NW_MEMBER]), 201);
	far = num(j, "id");
	json_decref(j);
	url = fmt("/actions#action-%lld", soon);
	/* The owner only: not the contract manager who wrote it, nor anyone of Kestrel or another tenant. */
	reaches_exactly("action", url, member);
	nobody_has("action", fmt("/actions#action-%lld", far));
	json_decref(req(NW_MEMBER, "PATCH", fmt("/api/v1/actions/%lld", soon), "{\"status\":\"done\"}", 200));
	nobody_has("action", url);
}

/* ---- a practice awaiting the origin customer's approval: its contract managers, until they decide ---- */
static void approval_until_decided(void)
{
	static const int nw_cms[] = {NW_CM, ZQ_CM, -1};
	json_t *j = req(NW_CM, "GET", fmt("/api/v1/orgs/%lld", W->NW), NULL, 200), *x;
	char *title = NULL;
	long long p;
	const char *url;

	title = strdup(fmt("{\"title\":\"Zq inbox pilot at %s\",\"body\":\"The ledger pilot went well.\",\"tags\":[],\"origin_engagement_id\":%lld}",
			   json_string_value(json_object_get(j, "name")), W->E1));
	json_decref(j);
	j = req(KE_LEAD, "POST", "/api/v1/practices", title, 201);
	p = num(j, "id");
	json_decref(j);
	free(title);
	url = fmt("/practices/%lld#approval", p);
	nobody_has("approval", url); /* a draft asks nothing yet */
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/practices/%lld/publish", p), "{\"request_approval\":true}", 202));
	/* Northwind's contract managers only: not its CxO or sourcing manager, not Kestrel, not Meridian. */
	reaches_exactly("approval", url, nw_cms);
	x = item(NW_CM, "approval", url);
	CHECK(x && strstr(json_string_value(json_object_get(x, "title")), "Zq inbox pilot") != NULL);
	json_decref(x);
	json_decref(req(NW_CM, "POST", fmt("/api/v1/practices/%lld/approval", p), "{\"revision\":1,\"decision\":\"approve\"}", 200));
	nobody_has("approval", url);
}

/* ---- the pages: landing on /inbox, the navigation's count, labels, the per-role home, the empty state ---- */
static char *page(const char *cookie, const char *path)
{
	struct resp r;
	char *body;

	http(W->S, "GET", path, NULL, NULL, NULL, cookie, &r);
	CHECK_INT(r.status, 200);
	body = r.body ? r.body : strdup("");
	r.body = NULL;
	resp_free(&r);
	return body;
}

static size_t item_count(int who)
{
	json_t *j = req(who, "GET", "/api/v1/inbox", NULL, 200);
	size_t n = json_array_size(json_object_get(j, "items"));

	json_decref(j);
	return n;
}

static void pages_count_and_home(void)
{
	char cm_cookie[128], cm_csrf[64], cxo_cookie[128], cxo_csrf[64], pre[128];
	struct resp r;
	char *body;
	size_t n;

	/* Signing in lands on /inbox. */
	http(W->S, "GET", "/login", NULL, NULL, NULL, NULL, &r);
	CHECK_INT(html_csrf(r.body, pre, sizeof pre), 0);
	resp_free(&r);
	http(W->S, "POST", "/login", NULL, fmt("csrf=%s&email=zq.inbox.cm%%40northwind.example&password=%s", pre, ZQ_PASSWORD),
	     "application/x-www-form-urlencoded", fmt("accord_pre=%s", pre), &r);
	CHECK_INT(r.status, 303);
	CHECK_STR(r.location, "/inbox");
	resp_free(&r);

	CHECK_INT(web_sign_in(W->S, "zq.inbox.cm@northwind.example", ZQ_PASSWORD, cm_cookie, sizeof cm_cookie, cm_csrf, sizeof cm_csrf, NULL, 0), 0);
	CHECK_INT(web_sign_in(W->S, "zq.inbox.cxo@northwind.example", ZQ_PASSWORD, cxo_cookie, sizeof cxo_cookie, cxo_csrf, sizeof cxo_csrf, NULL, 0), 0);
	/* A planned review soon: something to count. The navigation of every page counts what the API lists. */
	json_decref(req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/reviews", W->E2), "{\"due_on\":\"2026-12-04\"}", 201));
	n = item_count(ZQ_CM);
	CHECK(n >= 1);
	body = page(cm_cookie, "/");
	CHECK(strstr(body, fmt("Inbox <span class=\"count\">(%zu)</span>", n)) != NULL);
	free(body);
	body = page(cm_cookie, "/inbox");
	CHECK(strstr(body, fmt("Inbox <span class=\"count\">(%zu)</span>", n)) != NULL);
	/* Kinds under human headings, due dates in words, the overdue marked; no internal kind names. */
	CHECK(strstr(body, "Reviews to prepare and hold") != NULL);
	CHECK(strstr(body, "<time datetime=\"2026-12-04\">due in 8 days</time>") != NULL);
	CHECK(strstr(body, "class=\"date overdue\"") != NULL); /* Card disputes' review of 2026-01-01 */
	CHECK(strstr(body, ">review_to_hold<") == NULL);
	/* A contract manager has no portfolio at a glance here; the CxO has, with every engagement of Northwind and its end. */
	CHECK(strstr(body, "id=\"glance\"") == NULL);
	free(body);
	body = page(cxo_cookie, "/inbox");
	CHECK(strstr(body, "Your portfolio at a glance") != NULL);
	CHECK(strstr(body, fmt("href=\"/engagements/%lld\"", W->E1)) != NULL);
	CHECK(strstr(body, fmt("href=\"/engagements/%lld\"", W->E_MD)) == NULL); /* Meridian's, not Northwind's */
	CHECK(strstr(body, "<tr class=\"attention\">") != NULL);
	CHECK(strstr(body, "reviews missed") != NULL); /* Card disputes: its review of 2026-01-01 */
	CHECK(strstr(body, "trust falling") != NULL);  /* and its trust regressing */
	free(body);
	/* GET / stays the engagements list. */
	body = page(cxo_cookie, "/");
	CHECK(strstr(body, "Your portfolio at a glance") == NULL);
	free(body);
}

/* Only actions they own (earlier cases give members some) wait for a member; nothing for the platform admin. */
static void members_get_only_their_actions(void)
{
	static const int members[] = {NW_MEMBER, KE_MEMBER};
	json_t *j, *x;
	size_t i;

	CHECK_INT((int)item_count(ADMIN), 0);
	for (size_t m = 0; m < 2; m++) {
		j = req(members[m], "GET", "/api/v1/inbox", NULL, 200);
		json_array_foreach(json_object_get(j, "items"), i, x) CHECK_STR(json_string_value(json_object_get(x, "kind")), "action");
		json_decref(j);
	}
}

void inbox_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	harness_passed = harness_failed = 0;
	json_decref(req(ADMIN, "POST", fmt("/api/v1/orgs/%lld/users", W->NW),
			"{\"email\":\"zq.inbox.cxo@northwind.example\",\"name\":\"Zq Inbox CxO\",\"roles\":[\"buyer_cxo\"],\"password\":\"" ZQ_PASSWORD "\"}", 201));
	json_decref(req(ADMIN, "POST", fmt("/api/v1/orgs/%lld/users", W->NW),
			"{\"email\":\"zq.inbox.cm@northwind.example\",\"name\":\"Zq Inbox CM\",\"roles\":[\"contract_manager\"],\"password\":\"" ZQ_PASSWORD "\"}", 201));
	zq_tok[0] = login(W->S, "zq.inbox.cxo@northwind.example", ZQ_PASSWORD);
	zq_tok[1] = login(W->S, "zq.inbox.cm@northwind.example", ZQ_PASSWORD);
	CHECK(zq_tok[0] && zq_tok[1]);
	if (zq_tok[0] && zq_tok[1]) {
		RUN(invitation_until_answered);
		RUN(review_lifecycle);
		RUN(action_until_done);
		RUN(approval_until_decided);
		RUN(members_get_only_their_actions);
		RUN(pages_count_and_home);
	}
	free(zq_tok[0]);
	free(zq_tok[1]);
	*passed += harness_passed;
	*failed += harness_failed;
}
