/* fuzz_router: matches arbitrary request paths against the route table with router_match (src/http/router.c) and checks that a match is the route's pattern with its {id} filled in. */
#include "fuzz.h"

#include "http/http.h"

/* Writes pattern with {id} replaced by id into out; false when it holds a {token} (any base64url text). */
static bool fill(const char *pattern, long long id, char *out, size_t n)
{
	const char *at = strstr(pattern, "{id}");

	if (strstr(pattern, "{token}"))
		return false;
	if (!at)
		snprintf(out, n, "%s", pattern);
	else
		snprintf(out, n, "%.*s%lld%s", (int)(at - pattern), pattern, id, at + 4);
	return true;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Once: each route answers a path made from its own pattern, so no earlier route shadows it. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < routes_count; i++) {
		char path[512], *tok;
		long long id = 0;
		bool known;

		fill(routes[i].pattern, 7, path, sizeof path);
		if ((tok = strstr(routes[i].pattern, "{token}")) != NULL)
			snprintf(path, sizeof path, "%.*sAbc_-9%s", (int)(tok - routes[i].pattern),
				 routes[i].pattern, tok + 7);
		if ((tok = strstr(path, "{period}")) != NULL) {
			char rest[512];

			snprintf(rest, sizeof rest, "%s", tok + 8);
			snprintf(tok, sizeof path - (size_t)(tok - path), "2026-07%s", rest);
		}
		FUZZ_ASSERT(router_match(routes[i].method, path, &id, &known) == &routes[i],
			    "route %zu (%s) is shadowed for %s", i, routes[i].pattern, path);
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum method m;
	char *path, expect[512];
	const struct route *r;
	long long id = -1;
	bool known = false;

	if (size < 1)
		return 0;
	m = (enum method)(data[0] % M__MAX);
	path = fuzz_strndup(data + 1, size - 1);
	r = router_match(m, path, &id, &known);
	if (r) {
		FUZZ_ASSERT(known, "a match for %s but the path is not known", path);
		FUZZ_ASSERT(r->method == m, "route %s has another method", r->pattern);
		FUZZ_ASSERT(strstr(r->pattern, "{id}") ? id > 0 : id == 0, "route %s: id %lld", r->pattern, id);
		if (fill(r->pattern, id, expect, sizeof expect))
			FUZZ_ASSERT(strcmp(expect, path) == 0, "route %s matched %s", r->pattern, path);
	}
	free(path);
	return 0;
}
