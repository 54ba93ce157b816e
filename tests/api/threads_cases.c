/* threads_cases: the conversations both sides finish (issue 18) — replies under a strategic issue, a problem response's private thread, the inbox's turns, and the mode change from the trust page. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;
/* A Northwind CxO and a Kestrel leader made here with a known password, for the browser's forms. */
#define PAGE_PASSWORD "Quarry-Lantern-Fable-42"
static char cxo_cookie[160], cxo_csrf[64], ke_cookie[160], ke_csrf[64];

static long long num(json_t *o, const char *key)
{
	return json_integer_value(json_object_get(o, key));
}

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? s : "";
}

/* One API request as caller `who`; checks the status (printing the answer when it is not the one wanted) and returns the parsed body. */
static json_t *req(int who, const char *method, const char *path, const char *body, long want)
{
	struct resp r;
	json_t *j;

	http(W->S, method, path, W->tok[who], body, NULL, NULL, &r);
	if (r.status != want)
		fprintf(stderr, "  %s %s as %s: got %ld, want %ld: %.400s\n", method, path, W->names[who], r.status, want,
			r.body ? r.body : "");
	CHECK_INT(r.status, want);
	j = r.json;
	r.json = NULL;
	resp_free(&r);
	return j;
}

/* A refused request: its status, error code and the field it names. */
static void refused(int who, const char *method, const char *path, const char *body, long want, const char *code, const char *field)
{
	json_t *j = req(who, method, path, body, want);

	if (code)
		CHECK_STR(error_code(j) ? error_code(j) : "", code);
	if (field)
		CHECK_STR(error_field(j) ? error_field(j) : "", field);
	json_decref(j);
}

/* A page or form post as a browser session; checks the status and returns the body (malloc'd), Location in loc when given. */
static char *page(const char *cookie, const char *method, const char *path, const char *form, long want, char *loc, size_t locn)
{
	struct resp r;
	char *body;

	http(W->S, method, path, NULL, form, form ? "application/x-www-form-urlencoded" : NULL, cookie, &r);
	if (r.status != want)
		fprintf(stderr, "  %s %s: got %ld, want %ld\n", method, path, r.status, want);
	CHECK_INT(r.status, want);
	if (loc)
		snprintf(loc, locn, "%s", r.location);
	body = r.body ? r.body : strdup("");
	r.body = NULL;
	resp_free(&r);
	return body;
}

/* How many of `who`'s inbox items are of this kind and link to url. */
static int inbox_has(int who, const char *kind, const char *url)
{
	json_t *j = req(who, "GET", "/api/v1/inbox", NULL, 200), *x;
	int n = 0;
	size_t i;

	json_array_foreach(json_object_get(j, "items"), i, x) if (!strcmp(str(x, "kind"), kind) && !strcmp(str(x, "url"), url)) n++;
	json_decref(j);
	return n;
}

/* Whether the inbox of each caller in `who` (ending with -1) holds the item, as `want` says. */
static void inbox_only(const char *kind, const char *url, const int *yes)
{
	for (int c = 1; c < CALLERS; c++) {
		bool want = false;

		for (const int *y = yes; *y >= 0; y++)
			want = want || *y == c;
		if (inbox_has(c, kind, url) != (want ? 1 : 0)) {
			fprintf(stderr, "  inbox of %s: %s %s %s\n", W->names[c], kind, url, want ? "missing" : "there, unwanted");
			CHECK(false);
		}
	}
}

static long long new_issue(const char *title)
{
	json_t *j = req(NW_CM, "POST", fmt("/api/v1/engagements/%lld/strategic-issues", W->E1),
			fmt("{\"title\":\"%s\",\"body\":\"What would you do?\"}", title), 201);
	long long id = num(j, "id");

	json_decref(j);
	return id;
}

/* The buyer replies to the provider's answer, the provider replies back: one conversation, in order, both sides, Markdown rendered safely. */
static void replies_go_both_ways_on_an_issue(void)
{
	long long issue = new_issue("Zq thread: release freeze"), other = new_issue("Zq thread: another"), response;
	json_t *j, *items;

	j = req(KE_LEAD, "POST", fmt("/api/v1/strategic-issues/%lld/responses", issue), "{\"body\":\"We freeze for two weeks.\"}", 201);
	response = num(json_array_get(json_object_get(j, "responses"), 0), "id");
	json_decref(j);
	j = req(NW_CM, "POST", fmt("/api/v1/strategic-issues/%lld/replies", issue),
		fmt("{\"body\":\"**Two** weeks is long <script>alert(1)</script>\",\"response_id\":%lld}", response), 201);
	CHECK(num(j, "id") > 0);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 1);
	json_decref(j);
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/strategic-issues/%lld/replies", issue), "{\"body\":\"One week, then.\"}", 201));

	/* Both sides read the same thread, oldest first, in the list and in the issue. */
	for (int who = NW_CXO; who <= KE_MEMBER; who++) {
		j = req(who, "GET", fmt("/api/v1/strategic-issues/%lld/replies", issue), NULL, 200);
		items = json_object_get(j, "items");
		CHECK_INT(json_array_size(items), 2);
		CHECK_STR(str(json_array_get(items, 0), "side"), "buyer");
		CHECK_INT(num(json_array_get(items, 0), "response_id"), response);
		CHECK_STR(str(json_array_get(items, 1), "side"), "provider");
		CHECK_STR(str(json_array_get(items, 1), "body"), "One week, then.");
		CHECK(json_is_null(json_object_get(json_array_get(items, 1), "response_id")));
		json_decref(j);
	}
	j = req(KE_LEAD, "GET", fmt("/api/v1/strategic-issues/%lld", issue), NULL, 200);
	items = json_object_get(j, "replies");
	CHECK_INT(json_array_size(items), 2);
	CHECK(strstr(str(json_array_get(items, 0), "body_html"), "<strong>Two</strong>") != NULL);
	CHECK(strstr(str(json_array_get(items, 0), "body_html"), "<script") == NULL);
	CHECK_INT(num(json_array_get(items, 0), "org_id"), W->NW);
	CHECK_INT(num(json_array_get(items, 1), "org_id"), W->KE);
	json_decref(j);

	/* Bad input names its field; nothing is written. */
	refused(NW_CM, "POST", fmt("/api/v1/strategic-issues/%lld/replies", issue), "{\"body\":\"\"}", 422, "required", "body");
	refused(NW_CM, "POST", fmt("/api/v1/strategic-issues/%lld/replies", issue), "{\"body\":\"   \"}", 422, NULL, "body");
	refused(NW_CM, "POST", fmt("/api/v1/strategic-issues/%lld/replies", issue), "{}", 422, "required", "body");
	refused(NW_CM, "POST", fmt("/api/v1/strategic-issues/%lld/replies", other), fmt("{\"body\":\"x\",\"response_id\":%lld}", response), 422,
		"invalid", "response_id");
	/* Neither side's members, nor anyone of another tenant. */
	refused(NW_MEMBER, "POST", fmt("/api/v1/strategic-issues/%lld/replies", issue), "{\"body\":\"x\"}", 403, "forbidden", NULL);
	refused(KE_MEMBER, "POST", fmt("/api/v1/strategic-issues/%lld/replies", issue), "{\"body\":\"x\"}", 403, "forbidden", NULL);
	for (int who = MD_CM; who <= LU_LEAD; who++) {
		json_decref(req(who, "GET", fmt("/api/v1/strategic-issues/%lld/replies", issue), NULL, 404));
		json_decref(req(who, "POST", fmt("/api/v1/strategic-issues/%lld/replies", issue), "{\"body\":\"x\"}", 404));
	}
	j = req(NW_CM, "GET", fmt("/api/v1/strategic-issues/%lld/replies", issue), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);
}

/* Whose turn it is shows in the inbox: the provider's governance roles answer, the buyer's read; an item leaves when done, not when seen. */
static void the_inbox_follows_the_turns_of_an_issue(void)
{
	long long issue = new_issue("Zq thread: inbox turns");
	const char *answer = fmt("/issues/%lld#reply", issue), *read = fmt("/issues/%lld#thread", issue);
	static const int provider_gov[] = {KE_LEAD, KE_CONS, -1}, buyer_gov[] = {NW_CXO, NW_CIO, NW_CM, NW_SM, -1}, nobody[] = {-1};

	inbox_only("issue_to_answer", answer, provider_gov);
	inbox_only("response_to_read", read, nobody);
	/* Seeing it changes nothing. */
	json_decref(req(KE_LEAD, "GET", fmt("/api/v1/strategic-issues/%lld", issue), NULL, 200));
	CHECK_INT(inbox_has(KE_LEAD, "issue_to_answer", answer), 1);
	/* The provider answers: now the buyer has an answer to read. */
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/strategic-issues/%lld/responses", issue), "{\"body\":\"Like this.\"}", 201));
	inbox_only("issue_to_answer", answer, nobody);
	inbox_only("response_to_read", read, buyer_gov);
	/* The buyer replies: the provider's turn again. */
	json_decref(req(NW_CIO, "POST", fmt("/api/v1/strategic-issues/%lld/replies", issue), "{\"body\":\"And the cost?\"}", 201));
	inbox_only("issue_to_answer", answer, provider_gov);
	inbox_only("response_to_read", read, nobody);
	/* The provider replies back; the buyer marks the issue addressed: nothing waits for anyone. */
	json_decref(req(KE_LEAD, "POST", fmt("/api/v1/strategic-issues/%lld/replies", issue), "{\"body\":\"Lower.\"}", 201));
	inbox_only("response_to_read", read, buyer_gov);
	json_decref(req(NW_CXO, "PATCH", fmt("/api/v1/strategic-issues/%lld", issue), "{\"status\":\"addressed\"}", 200));
	inbox_only("issue_to_answer", answer, nobody);
	inbox_only("response_to_read", read, nobody);
}

/* A problem to the invitees of Northwind's summit (Kestrel and Harbor): each provider's thread stays its own and the buyer's. */
static void a_problem_thread_is_private_to_one_provider(void)
{
	long long summit, problem, ke_response, hb_response;
	static const int both[] = {KE_LEAD, KE_CONS, HB_LEAD, -1}, kestrel_lead[] = {KE_LEAD, KE_CONS, -1};
	static const int buyer_gov[] = {NW_CXO, NW_CIO, NW_CM, NW_SM, -1}, nobody[] = {-1};
	const char *answer, *ke_read, *hb_read;
	json_t *j, *x;
	size_t i;

	j = req(NW_CM, "POST", "/api/v1/summits", "{\"kind\":\"buyer-planning\",\"title\":\"Zq thread summit\",\"starts_on\":\"2027-05-03\"}", 201);
	summit = num(j, "id");
	json_decref(j);
	json_decref(req(NW_CM, "POST", fmt("/api/v1/summits/%lld/invitations", summit), fmt("{\"org_ids\":[%lld,%lld]}", W->KE, W->HB), 200));
	j = req(NW_CM, "POST", "/api/v1/problems", fmt("{\"title\":\"Zq thread: night batch\",\"body\":\"It overruns.\",\"summit_id\":%lld}", summit), 201);
	problem = num(j, "id");
	json_decref(j);
	answer = fmt("/problems/%lld#responses", problem);
	/* Both invitees have it to answer; not their members, not Lumen, not the buyer. */
	inbox_only("problem", answer, both);

	j = req(KE_LEAD, "POST", fmt("/api/v1/problems/%lld/responses", problem), "{\"body\":\"Split the batch.\"}", 201);
	ke_response = num(json_array_get(json_object_get(j, "responses"), 0), "id");
	json_decref(j);
	j = req(HB_LEAD, "POST", fmt("/api/v1/problems/%lld/responses", problem), "{\"body\":\"Move it to noon.\"}", 201);
	hb_response = num(json_array_get(json_object_get(j, "responses"), 0), "id");
	json_decref(j);
	inbox_only("problem", answer, nobody);
	ke_read = fmt("/problems/%lld#response-%lld", problem, ke_response);
	hb_read = fmt("/problems/%lld#response-%lld", problem, hb_response);
	inbox_only("response_to_read", ke_read, buyer_gov);
	inbox_only("response_to_read", hb_read, buyer_gov);

	/* The buyer asks Kestrel more: Kestrel's turn, and Harbor sees nothing of it. */
	json_decref(req(NW_CM, "POST", fmt("/api/v1/problem-responses/%lld/replies", ke_response), "{\"body\":\"Zqsecretsplit into how many?\"}", 201));
	inbox_only("problem", answer, kestrel_lead);
	json_decref(req(HB_LEAD, "GET", fmt("/api/v1/problem-responses/%lld/replies", ke_response), NULL, 404));
	json_decref(req(HB_LEAD, "POST", fmt("/api/v1/problem-responses/%lld/replies", ke_response), "{\"body\":\"me too\"}", 404));
	j = req(HB_LEAD, "GET", fmt("/api/v1/problems/%lld", problem), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "responses")), 1);
	json_array_foreach(json_object_get(j, "responses"), i, x) CHECK_INT(num(x, "org_id"), W->HB);
	{
		char *text = json_dumps(j, 0);

		CHECK(text && strstr(text, "Zqsecretsplit") == NULL);
		free(text);
	}
	json_decref(j);
	/* Kestrel sees its thread in the problem and answers; the buyer sees each response with its own thread. */
	j = req(KE_CONS, "GET", fmt("/api/v1/problems/%lld", problem), NULL, 200);
	x = json_array_get(json_object_get(j, "responses"), 0);
	CHECK_INT(json_array_size(json_object_get(x, "replies")), 1);
	CHECK_STR(str(json_array_get(json_object_get(x, "replies"), 0), "side"), "buyer");
	json_decref(j);
	json_decref(req(KE_CONS, "POST", fmt("/api/v1/problem-responses/%lld/replies", ke_response), "{\"body\":\"Four.\"}", 201));
	inbox_only("problem", answer, nobody);
	j = req(NW_SM, "GET", fmt("/api/v1/problems/%lld", problem), NULL, 200);
	json_array_foreach(json_object_get(j, "responses"), i, x)
		CHECK_INT(json_array_size(json_object_get(x, "replies")), num(x, "id") == ke_response ? 2 : 0);
	json_decref(j);
	/* Judged, Harbor's response leaves the buyer's inbox; Kestrel's stays while Kestrel spoke last, until the buyer replies. */
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/problem-responses/%lld", hb_response), "{\"status\":\"useful\"}", 200));
	json_decref(req(NW_CM, "PATCH", fmt("/api/v1/problem-responses/%lld", ke_response), "{\"status\":\"useful\"}", 200));
	inbox_only("response_to_read", hb_read, nobody);
	inbox_only("response_to_read", ke_read, buyer_gov);
	json_decref(req(NW_CXO, "POST", fmt("/api/v1/problem-responses/%lld/replies", ke_response), "{\"body\":\"Thanks.\"}", 201));
	inbox_only("response_to_read", ke_read, nobody);
	inbox_only("problem", answer, kestrel_lead);

	/* Bad input, members and other tenants. */
	refused(NW_CM, "POST", fmt("/api/v1/problem-responses/%lld/replies", ke_response), "{\"body\":\"\"}", 422, "required", "body");
	refused(NW_MEMBER, "POST", fmt("/api/v1/problem-responses/%lld/replies", ke_response), "{\"body\":\"x\"}", 403, "forbidden", NULL);
	refused(KE_MEMBER, "POST", fmt("/api/v1/problem-responses/%lld/replies", ke_response), "{\"body\":\"x\"}", 403, "forbidden", NULL);
	for (int who = MD_CM; who <= LU_LEAD; who++)
		if (who != HB_LEAD) {
			json_decref(req(who, "GET", fmt("/api/v1/problem-responses/%lld/replies", ke_response), NULL, 404));
			json_decref(req(who, "POST", fmt("/api/v1/problem-responses/%lld/replies", ke_response), "{\"body\":\"x\"}", 404));
		}
	j = req(NW_CM, "GET", fmt("/api/v1/problem-responses/%lld/replies", ke_response), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 3);
	json_decref(j);
}

/* In the browser: both sides reply on the issue page, the buyer on a provider's problem response; an empty reply is refused beside its form. */
static void the_pages_carry_the_conversations(void)
{
	long long issue = new_issue("Zq thread: pages"), problem, response;
	char loc[256], *body;
	json_t *j;

	body = page(ke_cookie, "GET", fmt("/issues/%lld", issue), NULL, 200, NULL, 0);
	CHECK(strstr(body, fmt("action=\"/issues/%lld/replies", issue)) != NULL);
	free(body);
	free(page(ke_cookie, "POST", fmt("/issues/%lld/replies", issue), fmt("csrf=%s&body=Zqpagereply+from+Kestrel", ke_csrf), 303, loc, sizeof loc));
	CHECK(strncmp(loc, fmt("/issues/%lld", issue), strlen(fmt("/issues/%lld", issue))) == 0);
	free(page(cxo_cookie, "POST", fmt("/issues/%lld/replies", issue), fmt("csrf=%s&body=Zqpagereply+from+Northwind", cxo_csrf), 303, NULL, 0));
	body = page(cxo_cookie, "GET", fmt("/issues/%lld", issue), NULL, 200, NULL, 0);
	CHECK(strstr(body, "Zqpagereply from Kestrel") != NULL);
	CHECK(strstr(body, "Zqpagereply from Northwind") != NULL);
	CHECK(strstr(body, "Zqpagereply from Kestrel") < strstr(body, "Zqpagereply from Northwind"));
	free(body);
	body = page(cxo_cookie, "POST", fmt("/issues/%lld/replies", issue), fmt("csrf=%s&body=", cxo_csrf), 422, NULL, 0);
	CHECK(strstr(body, "id=\"form-errors\"") != NULL);
	CHECK(strstr(body, "write the reply") != NULL);
	free(body);
	/* Without the CSRF token nothing is written. */
	free(page(cxo_cookie, "POST", fmt("/issues/%lld/replies", issue), "body=forged", 403, NULL, 0));
	j = req(NW_CM, "GET", fmt("/api/v1/strategic-issues/%lld/replies", issue), NULL, 200);
	CHECK_INT(json_array_size(json_object_get(j, "items")), 2);
	json_decref(j);

	/* A problem to Kestrel's engagement; the buyer replies under Kestrel's response from the problem's page. */
	j = req(NW_CM, "POST", "/api/v1/problems", fmt("{\"title\":\"Zq thread: page problem\",\"engagement_id\":%lld}", W->E1), 201);
	problem = num(j, "id");
	json_decref(j);
	j = req(KE_LEAD, "POST", fmt("/api/v1/problems/%lld/responses", problem), "{\"body\":\"Try this.\"}", 201);
	response = num(json_array_get(json_object_get(j, "responses"), 0), "id");
	json_decref(j);
	body = page(cxo_cookie, "GET", fmt("/problems/%lld", problem), NULL, 200, NULL, 0);
	CHECK(strstr(body, fmt("action=\"/problem-responses/%lld/replies", response)) != NULL);
	free(body);
	free(page(cxo_cookie, "POST", fmt("/problem-responses/%lld/replies", response), fmt("csrf=%s&body=Zqproblemreply", cxo_csrf), 303, loc, sizeof loc));
	CHECK(strncmp(loc, fmt("/problems/%lld", problem), strlen(fmt("/problems/%lld", problem))) == 0);
	body = page(ke_cookie, "GET", fmt("/problems/%lld", problem), NULL, 200, NULL, 0);
	CHECK(strstr(body, "Zqproblemreply") != NULL);
	CHECK(strstr(body, fmt("action=\"/problem-responses/%lld/replies", response)) != NULL);
	free(body);
	body = page(ke_cookie, "POST", fmt("/problem-responses/%lld/replies", response), fmt("csrf=%s&body=", ke_csrf), 422, NULL, 0);
	CHECK(strstr(body, "Zq thread: page problem") != NULL);
	free(body);
}

static const char *mode_of(long long engagement)
{
	static char mode[16];
	json_t *j = req(NW_CM, "GET", fmt("/api/v1/engagements/%lld", engagement), NULL, 200);

	snprintf(mode, sizeof mode, "%s", str(j, "mode"));
	json_decref(j);
	return mode;
}

/* The CxO changes the mode where the recommendation is shown: the select starts on the current mode, and a confirmation comes first. */
static void the_cxo_changes_the_mode_from_the_trust_page(void)
{
	const char *trust = fmt("/engagements/%lld/trust", W->E1), *action = fmt("action=\"/engagements/%lld/trust/mode", W->E1);
	char *body;

	CHECK_STR(mode_of(W->E1), "partnership");
	body = page(cxo_cookie, "GET", trust, NULL, 200, NULL, 0);
	CHECK(strstr(body, action) != NULL);
	CHECK(strstr(body, "<option value=\"partnership\" selected>") != NULL);
	CHECK(strstr(body, "<option value=\"vendor\" selected>") == NULL);
	free(body);
	/* The provider sees the recommendation but no form. */
	body = page(ke_cookie, "GET", trust, NULL, 200, NULL, 0);
	CHECK(strstr(body, action) == NULL);
	free(body);
	free(page(ke_cookie, "POST", fmt("/engagements/%lld/trust/mode", W->E1), fmt("csrf=%s&mode=vendor&reason=x&confirmed=yes", ke_csrf), 403, NULL, 0));
	/* A first post asks; nothing changes until it is confirmed. */
	body = page(cxo_cookie, "POST", fmt("/engagements/%lld/trust/mode", W->E1), fmt("csrf=%s&mode=vendor&reason=Zq+trust+fell", cxo_csrf), 200, NULL, 0);
	CHECK(strstr(body, "name=\"confirmed\" value=\"yes\"") != NULL);
	free(body);
	CHECK_STR(mode_of(W->E1), "partnership");
	/* The same mode again is refused on the trust page, beside the form. */
	body = page(cxo_cookie, "POST", fmt("/engagements/%lld/trust/mode", W->E1), fmt("csrf=%s&mode=partnership&reason=x&confirmed=yes", cxo_csrf), 409, NULL, 0);
	CHECK(strstr(body, action) != NULL);
	free(body);
	free(page(cxo_cookie, "POST", fmt("/engagements/%lld/trust/mode", W->E1), fmt("csrf=%s&mode=vendor&reason=Zq+trust+fell&confirmed=yes", cxo_csrf), 303, NULL, 0));
	CHECK_STR(mode_of(W->E1), "vendor");
	/* The API takes the CxO too; back to partnership for the suites after this one. */
	json_decref(req(NW_CXO, "POST", fmt("/api/v1/engagements/%lld/mode", W->E1), "{\"mode\":\"partnership\",\"reason\":\"Zq back\"}", 200));
	CHECK_STR(mode_of(W->E1), "partnership");
	/* The unit CIO may not. */
	refused(NW_CIO, "POST", fmt("/api/v1/engagements/%lld/mode", W->E1), "{\"mode\":\"vendor\",\"reason\":\"x\"}", 403, "forbidden", NULL);
}

/* A user of org `org` with one role and PAGE_PASSWORD, signed in through the web form. */
static bool page_user(long long org, const char *email, const char *role, char *cookie, size_t cn, char *csrf, size_t sn)
{
	json_decref(req(ADMIN, "POST", fmt("/api/v1/orgs/%lld/users", org),
			fmt("{\"email\":\"%s\",\"name\":\"Zq %s\",\"roles\":[\"%s\"],\"password\":\"" PAGE_PASSWORD "\"}", email, role, role), 201));
	return web_sign_in(W->S, email, PAGE_PASSWORD, cookie, cn, csrf, sn, NULL, 0) == 0;
}

void threads_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(replies_go_both_ways_on_an_issue);
	RUN(the_inbox_follows_the_turns_of_an_issue);
	RUN(a_problem_thread_is_private_to_one_provider);
	if (page_user(w->NW, "zq.cxo@northwind.example", "buyer_cxo", cxo_cookie, sizeof cxo_cookie, cxo_csrf, sizeof cxo_csrf) &&
	    page_user(w->KE, "zq.lead@kestrel.example", "provider_leadership", ke_cookie, sizeof ke_cookie, ke_csrf, sizeof ke_csrf)) {
		RUN(the_pages_carry_the_conversations);
		RUN(the_cxo_changes_the_mode_from_the_trust_page);
	} else {
		harness_failed++;
		fprintf(stderr, "FAIL threads_cases: the page users could not sign in\n");
	}
	*passed += harness_passed;
	*failed += harness_failed;
}
