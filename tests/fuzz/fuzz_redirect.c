/* fuzz_redirect: any text as a form's back field; whatever redirect_is_local (src/util/redirect.c) accepts stays on this site however a browser reads it — raw, with tabs and line breaks dropped, or percent-decoded. */
#include "fuzz.h"

#include "util/redirect.h"

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Whether t, as a browser resolves a relative reference against this site, names another host. */
static bool leaves_site(const char *t)
{
	return t[0] != '/' || t[1] == '/' || t[1] == '\\';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_strndup(data, size), *stripped, *decoded;
	size_t n = strlen(s), j = 0, k = 0;

	if (!redirect_is_local(s)) {
		FUZZ_ASSERT(!strcmp(redirect_target(s, "/home"), "/home"), "a refused target was kept");
		free(s);
		return 0;
	}
	FUZZ_ASSERT(redirect_target(s, "/home") == s, "an accepted target was replaced");
	FUZZ_ASSERT(n <= REDIRECT_MAX, "a target of %zu bytes", n);
	stripped = malloc(n + 1);
	decoded = malloc(n + 1);
	if (!stripped || !decoded)
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		FUZZ_ASSERT(c >= 0x20 && c != 0x7f && c != '\\', "byte 0x%02x at %zu", c, i);
		/* WHATWG URL parsing drops tabs and line breaks before anything else. */
		if (c != '\t' && c != '\r' && c != '\n')
			stripped[j++] = (char)c;
		if (c == '%' && i + 2 < n && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
			decoded[k++] = (char)(hex(s[i + 1]) * 16 + hex(s[i + 2]));
			i += 2;
		} else {
			decoded[k++] = (char)c;
		}
	}
	stripped[j] = decoded[k] = '\0';
	FUZZ_ASSERT(!leaves_site(s) && !leaves_site(stripped), "'%s' leaves the site", s);
	FUZZ_ASSERT(k == 0 || !leaves_site(decoded), "'%s' decodes to another site", s);
	for (size_t i = 0; i < k; i++)
		FUZZ_ASSERT((unsigned char)decoded[i] >= 0x20 && decoded[i] != 0x7f && decoded[i] != '\\',
			    "'%s' decodes to a control character or backslash", s);
	free(stripped);
	free(decoded);
	free(s);
	return 0;
}
