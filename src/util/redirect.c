/* redirect: decides whether a redirect target is a path on this site, strictly, in one place. */
#include "redirect.h"

#include <string.h>

#include "text.h"

/* The byte at s[*i] with %XX escapes decoded, again while they decode to '%' ("%252F" is "/"); advances *i. */
static int next_byte(const char *s, size_t *i)
{
	int c = (unsigned char)s[(*i)++];

	while (c == '%' && text_hex_digit(s[*i]) >= 0 && text_hex_digit(s[*i + 1]) >= 0) {
		c = text_hex_digit(s[*i]) * 16 + text_hex_digit(s[*i + 1]);
		*i += 2;
	}
	return c;
}

bool redirect_is_local(const char *s)
{
	size_t len, i = 0;

	if (!s || s[0] != '/')
		return false;
	len = strlen(s);
	if (len > REDIRECT_MAX)
		return false;
	for (int n = 0; i < len; n++) {
		int c = next_byte(s, &i);

		if (c < 0x20 || c == 0x7f || c == '\\')
			return false;
		/* The second character may not be a slash, raw or escaped: "//host" is another site. */
		if (n == 1 && c == '/')
			return false;
	}
	return true;
}

const char *redirect_target(const char *s, const char *fallback)
{
	return redirect_is_local(s) ? s : fallback;
}
