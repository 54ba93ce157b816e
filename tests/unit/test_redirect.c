/* test_redirect: the one redirect-target parser refuses every way out of this site, hand-worked. */
#include <string.h>

#include "../harness.h"
#include "util/redirect.h"

static void local_paths_pass(void)
{
	CHECK(redirect_is_local("/"));
	CHECK(redirect_is_local("/actions"));
	CHECK(redirect_is_local("/reviews/12#actions"));
	CHECK(redirect_is_local("/practices/3?tab=adoptions"));
	CHECK(redirect_is_local("/a/b//c")); /* a double slash later in the path stays on this site */
	CHECK(redirect_is_local("/50%25-done")); /* an escaped percent sign */
	CHECK(redirect_is_local("/caf%C3%A9"));
	CHECK_STR(redirect_target("/actions", "/"), "/actions");
}

static void other_sites_fall_back(void)
{
	static const char *const hostile[] = {
		"//evil.example",	  /* protocol-relative */
		"///evil.example",
		"/\\evil.example",	  /* browsers read "\" as "/" */
		"/\\\\evil.example",
		"\\\\evil.example",
		"https://evil.example", /* a scheme */
		"javascript:alert(1)",
		"http:/evil.example",
		"evil.example",		  /* relative, not a path */
		"",
		"%2F%2Fevil.example",	  /* escaped slashes at the start */
		"/%2Fevil.example",
		"/%2fevil.example",
		"/%252Fevil.example",	  /* escaped twice */
		"/%5Cevil.example",	  /* an escaped backslash */
		"/\t/evil.example",	  /* a tab: browsers drop it, leaving "//evil.example" */
		"/%09/evil.example",
		"/\r\nLocation: http://evil.example",
		"/%0d%0aSet-Cookie: x=1",
		"/\n/evil.example",
		"/%00",
		"/\x7f",
		"/%7F",
		"/\x01x",
		"/ok/but\\back",
	};

	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		if (redirect_is_local(hostile[i])) {
			fprintf(stderr, "accepted: '%s'\n", hostile[i]);
			harness_case_failed = 1;
		}
		CHECK_STR(redirect_target(hostile[i], "/fallback"), "/fallback");
	}
	CHECK_STR(redirect_target(NULL, "/fallback"), "/fallback");
}

static void long_targets_fall_back(void)
{
	char s[REDIRECT_MAX + 2];

	memset(s, 'a', sizeof s - 1);
	s[0] = '/';
	s[REDIRECT_MAX] = '\0';
	CHECK(redirect_is_local(s));
	s[REDIRECT_MAX] = 'a';
	s[REDIRECT_MAX + 1] = '\0';
	CHECK(!redirect_is_local(s));
}

int main(void)
{
	RUN(local_paths_pass);
	RUN(other_sites_fall_back);
	RUN(long_targets_fall_back);
	return HARNESS_DONE("redirect");
}
