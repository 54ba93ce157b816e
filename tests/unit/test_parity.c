/* test_parity: every API write route has a page form in the browser or is marked API-only with a reason, generated from the route table. */
#include <stdio.h>
#include <string.h>

#include "../harness.h"
#include "http/http.h"

static const char *const method_names[M__MAX] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

/*
 * API write routes whose page form is being built (issue 18); each leaves this list when its
 * form lands. An entry that has a form, or is not an API write route, fails the test, so the
 * list cannot go stale.
 */
static const char *const pending[] = {
	"POST /api/v1/roadmaps",
	"POST /api/v1/roadmaps/{id}/share",
	"PATCH /api/v1/bids/{id}",
	NULL,
};

static bool is_api_write(const struct route *r)
{
	return r->method != M_GET && strncmp(r->pattern, "/api/", 5) == 0;
}

static bool is_pending(const struct route *r)
{
	char name[160];

	snprintf(name, sizeof name, "%s %s", method_names[r->method], r->pattern);
	for (size_t i = 0; pending[i]; i++)
		if (!strcmp(pending[i], name))
			return true;
	return false;
}

/* The R_PAGE | R_FORM route named "METHOD /pattern", or NULL. */
static const struct route *page_form(const char *name)
{
	char want[160];

	for (size_t i = 0; i < routes_count; i++) {
		snprintf(want, sizeof want, "%s %s", method_names[routes[i].method], routes[i].pattern);
		if (!strcmp(want, name))
			return (routes[i].flags & (R_PAGE | R_FORM)) == (R_PAGE | R_FORM) ? &routes[i] : NULL;
	}
	return NULL;
}

static void every_api_write_has_a_form_or_a_reason(void)
{
	int writes = 0, forms = 0, api_only = 0;

	for (size_t i = 0; i < routes_count; i++) {
		const struct route *r = &routes[i];

		if (!is_api_write(r))
			continue;
		writes++;
		if (is_pending(r)) {
			if (r->form) {
				fprintf(stderr, "FAIL %s %s has a form: take it off pending[]\n", method_names[r->method], r->pattern);
				harness_case_failed = 1;
			}
			continue;
		}
		if (!r->form) {
			fprintf(stderr, "FAIL %s %s: no page form and no API_ONLY reason\n", method_names[r->method], r->pattern);
			harness_case_failed = 1;
		} else if (!strncmp(r->form, "api-only: ", 10)) {
			api_only++;
			/* A reason a reader can weigh, not a bare mark. */
			CHECK(strlen(r->form + 10) >= 12);
		} else if (!page_form(r->form)) {
			fprintf(stderr, "FAIL %s %s: its form \"%s\" is not a page form route\n", method_names[r->method], r->pattern, r->form);
			harness_case_failed = 1;
		} else
			forms++;
	}
	printf("parity: %d API write routes, %d with a page form, %d API-only\n", writes, forms, api_only);
	CHECK(writes > 40);
}

static void only_api_writes_name_a_form(void)
{
	for (size_t i = 0; i < routes_count; i++)
		if (!is_api_write(&routes[i]) && routes[i].form) {
			fprintf(stderr, "FAIL %s %s is not an API write but names a form\n", method_names[routes[i].method], routes[i].pattern);
			harness_case_failed = 1;
		}
}

static void pending_names_real_routes(void)
{
	for (size_t i = 0; pending[i]; i++) {
		bool found = false;

		for (size_t j = 0; j < routes_count && !found; j++) {
			char name[160];

			snprintf(name, sizeof name, "%s %s", method_names[routes[j].method], routes[j].pattern);
			found = is_api_write(&routes[j]) && !strcmp(name, pending[i]);
		}
		if (!found) {
			fprintf(stderr, "FAIL pending[] names %s, which is no API write route\n", pending[i]);
			harness_case_failed = 1;
		}
	}
}

/* The checker itself: a form name that is not a page form route is caught. */
static void the_check_catches_a_wrong_form(void)
{
	CHECK(page_form("POST /issues/{id}/responses") != NULL);
	CHECK(page_form("GET /issues/{id}") == NULL);		  /* a page, not a form */
	CHECK(page_form("POST /api/v1/strategic-issues/{id}/responses") == NULL); /* an API route */
	CHECK(page_form("POST /no/such/form") == NULL);
}

int main(void)
{
	RUN(every_api_write_has_a_form_or_a_reason);
	RUN(only_api_writes_name_a_form);
	RUN(pending_names_real_routes);
	RUN(the_check_catches_a_wrong_form);
	return HARNESS_DONE("parity");
}
