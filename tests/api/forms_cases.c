/* forms_cases: forms that talk back over HTTP — the saved message shown once, errors in words at the top of the refused form, a GET on a form URL, and confirmations before binding steps (practice retire and decline). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

static const struct world *W;

/* The practice waiting for Northwind's approval, found from the contract manager's inbox. */
static long long pending_practice(void)
{
	json_t *j = NULL, *x;
	long long id = 0;
	size_t i;

	if (call_json(W->S, "GET", "/api/v1/inbox", W->tok[NW_CM], NULL, &j) == 200)
		json_array_foreach(json_object_get(j, "items"), i, x)
		{
			const char *url = json_string_value(json_object_get(x, "url"));

			if (!strcmp(json_string_value(json_object_get(x, "kind")), "approval") && url)
				sscanf(url, "/practices/%lld", &id);
		}
	json_decref(j);
	return id;
}

static const char *practice_status(long long id, int who)
{
	static char status[32];
	json_t *j = NULL;

	status[0] = '\0';
	if (call_json(W->S, "GET", fmt("/api/v1/practices/%lld", id), W->tok[who], NULL, &j) == 200)
		snprintf(status, sizeof status, "%s", json_string_value(json_object_get(j, "status")) ?: "");
	json_decref(j);
	return status;
}

static void saved_message_once(void)
{
	struct resp r, page;
	char cookie[400];

	/* The status form, as Northwind's contract manager. */
	CHECK_INT(page_post(W->S, "/issues/1", "/issues/1", W->tok[NW_CM], "status=addressed", &r), 303);
	CHECK_STR(r.location, "/issues/1#saved");
	CHECK(!strncmp(r.set_cookie, "accord_flash=", 13));
	snprintf(cookie, sizeof cookie, "%.*s", (int)strcspn(r.set_cookie, ";"), r.set_cookie);
	resp_free(&r);
	http(W->S, "GET", "/issues/1", W->tok[NW_CM], NULL, NULL, cookie, &page);
	CHECK_INT(page.status, 200);
	CHECK(page.body && strstr(page.body, "<p class=\"banner ok\" role=\"status\" id=\"saved\">Status updated.</p>") != NULL);
	/* Cleared by the same answer: shown once. */
	CHECK(strstr(page.set_cookie, "accord_flash=;") != NULL && strstr(page.set_cookie, "Max-Age=0") != NULL);
	resp_free(&page);
	/* A forged cookie (set by another site) is not shown at all: the message is bound to the session that saved. */
	http(W->S, "GET", "/issues/1", W->tok[NW_CM], NULL, NULL, "accord_flash=PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg", &page);
	CHECK(page.body && strstr(page.body, "alert(1)") == NULL && strstr(page.body, "id=\"saved\"") == NULL);
	resp_free(&page);
	/* Nor is one session's message shown to another session's page. */
	http(W->S, "GET", "/issues/1", W->tok[NW_CXO], NULL, NULL, cookie, &page);
	CHECK(page.body && strstr(page.body, "Status updated.") == NULL);
	resp_free(&page);
}

static void refused_form_talks_back(void)
{
	struct resp r;

	/* A review without a due date: the summary at the top of that form, in words, linked to the field. */
	CHECK_INT(page_post(W->S, "/engagements/1", "/engagements/1/reviews", W->tok[NW_CM], "due_on=&agenda=x", &r), 422);
	CHECK(r.body && strstr(r.body, "id=\"form-errors\"") != NULL);
	CHECK(r.body && strstr(r.body, "<a href=\"#f-due_on\">Due date</a>") != NULL);
	CHECK(r.body && strstr(r.body, "action=\"/engagements/1/reviews#form-errors\"") != NULL);
	/* The internal name is not what the person reads. */
	CHECK(r.body && strstr(r.body, ">due_on") == NULL);
	resp_free(&r);
	/* Enter in the address bar then: the page, not a download. */
	http(W->S, "GET", "/engagements/1/reviews", W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 303);
	CHECK_STR(r.location, "/engagements/1");
	resp_free(&r);
	/* An API write's URL keeps its JSON 405. */
	http(W->S, "GET", "/api/v1/strategic-issues/1/responses", W->tok[NW_CM], NULL, NULL, NULL, &r);
	CHECK_INT(r.status, 405);
	resp_free(&r);
}

static void decline_and_retire_are_confirmed(void)
{
	long long id = pending_practice();
	struct resp r;
	json_t *j = NULL;
	long long revision = 0;

	CHECK(id > 0);
	if (call_json(W->S, "GET", fmt("/api/v1/practices/%lld", id), W->tok[NW_CM], NULL, &j) == 200)
		revision = (long long)json_integer_value(json_object_get(json_object_get(j, "pending_approval"), "revision"));
	json_decref(j);
	if (!revision)
		revision = 1;
	/* Declining first shows what it means, and changes nothing. */
	CHECK_INT(page_post(W->S, fmt("/practices/%lld", id), fmt("/practices/%lld/approval", id), W->tok[NW_CM],
			    fmt("revision=%lld&decision=decline&note=Names+our+site", revision), &r), 200);
	CHECK(r.body && strstr(r.body, "Decline this practice") != NULL);
	CHECK(r.body && strstr(r.body, "name=\"confirmed\" value=\"yes\"") != NULL);
	CHECK(r.body && strstr(r.body, "name=\"note\" value=\"Names our site\"") != NULL);
	resp_free(&r);
	j = NULL;
	CHECK_INT(call_json(W->S, "GET", "/api/v1/inbox", W->tok[NW_CM], NULL, &j), 200);
	{
		char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;

		/* Still waiting in the inbox: nothing was declined. */
		CHECK(text && strstr(text, fmt("/practices/%lld", id)) != NULL);
		free(text);
	}
	json_decref(j);

	/* Retiring a published practice: a confirmation, then only the confirmed post retires it. */
	{
		long long pub = 0;
		json_t *list = NULL, *x;
		size_t i;

		if (call_json(W->S, "GET", "/api/v1/practices", W->tok[KE_LEAD], NULL, &list) == 200)
			json_array_foreach(json_object_get(list, "items"), i, x)
			{
				if (!strcmp(json_string_value(json_object_get(x, "status")) ?: "", "published") && !pub)
					pub = (long long)json_integer_value(json_object_get(x, "id"));
			}
		json_decref(list);
		CHECK(pub > 0);
		CHECK_INT(page_post(W->S, fmt("/practices/%lld", pub), fmt("/practices/%lld/retire", pub), W->tok[KE_LEAD], "x=1", &r), 200);
		CHECK(r.body && strstr(r.body, "Retire this practice?") != NULL);
		resp_free(&r);
		CHECK_STR(practice_status(pub, KE_LEAD), "published");
		/* Another provider's confirmed post is refused like the first. */
		CHECK(page_post(W->S, "/practices", fmt("/practices/%lld/retire", pub), W->tok[HB_LEAD], "confirmed=yes", &r) >= 403);
		resp_free(&r);
		CHECK_STR(practice_status(pub, KE_LEAD), "published");
		CHECK_INT(page_post(W->S, fmt("/practices/%lld", pub), fmt("/practices/%lld/retire", pub), W->tok[KE_LEAD], "confirmed=yes", &r), 303);
		resp_free(&r);
		CHECK_STR(practice_status(pub, KE_LEAD), "retired");
	}
}

/* The navigation's count is the inbox's length, for every person of every tenant (one count statement, the same fragments as the lists). */
static void the_count_is_the_inbox(void)
{
	for (int who = 0; who < CALLERS; who++) {
		json_t *j = NULL;
		struct resp r;
		long long listed = -1, shown = 0;
		const char *at;

		if (!W->tok[who])
			continue;
		if (call_json(W->S, "GET", "/api/v1/inbox", W->tok[who], NULL, &j) == 200)
			listed = (long long)json_array_size(json_object_get(j, "items"));
		json_decref(j);
		http(W->S, "GET", "/actions", W->tok[who], NULL, NULL, NULL, &r);
		at = r.body ? strstr(r.body, "<a href=\"/inbox\">Inbox <span class=\"count\">(") : NULL;
		if (at)
			shown = strtoll(at + strlen("<a href=\"/inbox\">Inbox <span class=\"count\">("), NULL, 10);
		if (shown != listed) {
			fprintf(stderr, "  %s: the navigation says %lld, the inbox lists %lld\n", W->names[who], shown, listed);
			harness_case_failed = 1;
		}
		resp_free(&r);
	}
}

void forms_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(saved_message_once);
	RUN(refused_form_talks_back);
	RUN(decline_and_retire_are_confirmed);
	RUN(the_count_is_the_inbox);
	*passed += harness_passed;
	*failed += harness_failed;
}
