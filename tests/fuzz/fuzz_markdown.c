/* fuzz_markdown: renders arbitrary text with markdown_html (src/service/markdown.c, cmark in safe mode) and checks the HTML holds no script: no <script tag and no href or src a browser would run or load as anything but a web, mail or relative link. */
#include "fuzz.h"

#include <ctype.h>

#include "service/markdown.h"

static bool starts_with_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (tolower((unsigned char)*s) != *prefix)
			return false;
	return true;
}

/* Decodes the character references cmark writes in attributes (&amp; &quot; &lt; &gt; &#N; &#xN;) into out. */
static void decode_attr(const char *s, size_t n, char *out)
{
	size_t o = 0;

	for (size_t i = 0; i < n;) {
		if (s[i] == '&') {
			static const struct {
				const char *ref;
				char c;
			} named[] = {{"&amp;", '&'}, {"&quot;", '"'}, {"&lt;", '<'}, {"&gt;", '>'}};
			size_t k;
			bool done = false;

			for (k = 0; k < sizeof named / sizeof named[0]; k++) {
				size_t len = strlen(named[k].ref);

				if (n - i >= len && memcmp(s + i, named[k].ref, len) == 0) {
					out[o++] = named[k].c;
					i += len;
					done = true;
					break;
				}
			}
			if (!done && n - i > 2 && s[i + 1] == '#') {
				char *end;
				bool hex = s[i + 2] == 'x' || s[i + 2] == 'X';
				unsigned long v = strtoul(s + i + (hex ? 3 : 2), &end, hex ? 16 : 10);

				if (end < s + n && *end == ';') {
					out[o++] = v < 0x80 && v > 0 ? (char)v : '?';
					i = (size_t)(end + 1 - s);
					done = true;
				}
			}
			if (done)
				continue;
		}
		out[o++] = s[i++];
	}
	out[o] = '\0';
}

/*
 * Whether a browser would follow url as http:, https:, mailto: or a relative link: it
 * skips leading spaces and controls, ignores tabs and newlines anywhere, and reads a
 * scheme as a letter then letters, digits, + - . up to a colon.
 */
static bool url_safe(const char *url)
{
	char clean[4096];
	size_t n = 0, i = 0;

	while (*url && (unsigned char)*url <= 0x20)
		url++;
	for (; *url && n + 1 < sizeof clean; url++)
		if (*url != '\t' && *url != '\n' && *url != '\r')
			clean[n++] = *url;
	clean[n] = '\0';
	if (!isalpha((unsigned char)clean[0]))
		return true;
	while (isalnum((unsigned char)clean[i]) || clean[i] == '+' || clean[i] == '-' || clean[i] == '.')
		i++;
	if (clean[i] != ':')
		return true;
	return starts_with_ci(clean, "http:") || starts_with_ci(clean, "https:") ||
	       starts_with_ci(clean, "mailto:");
}

static void check_url(const char *v, const char *end)
{
	char *url = malloc((size_t)(end - v) + 1);

	if (!url)
		abort();
	decode_attr(v, (size_t)(end - v), url);
	FUZZ_ASSERT(url_safe(url), "a link a browser would run: %s", url);
	FUZZ_ASSERT(!strstr(url, "<script") && !strstr(url, "\""), "markup in a link: %s", url);
	free(url);
}

/*
 * Walks the HTML tag by tag. Outside tags cmark escapes every < and ", so only a tag's
 * attributes can hold a link; inside a tag each attribute is read whole, so an alt or
 * title whose text reads ` href="` is not taken for a link.
 */
static void check_html(const char *html)
{
	const char *p = html;

	while ((p = strchr(p, '<')) != NULL) {
		FUZZ_ASSERT(!starts_with_ci(p, "<script"), "a script tag at %.40s", p);
		p++;
		if (strncmp(p, "!--", 3) == 0) {
			const char *close = strstr(p, "-->");

			FUZZ_ASSERT(close != NULL, "an unterminated comment at %.40s", p);
			p = close + 3;
			continue;
		}
		while (*p && *p != '>' && !isspace((unsigned char)*p))
			p++;
		for (;;) {
			const char *name, *v, *end;
			size_t len;

			while (isspace((unsigned char)*p) || *p == '/')
				p++;
			if (*p == '>' || *p == '\0')
				break;
			name = p;
			while (*p && *p != '=' && *p != '>' && *p != '/' && !isspace((unsigned char)*p))
				p++;
			len = (size_t)(p - name);
			if (*p != '=')
				continue;
			FUZZ_ASSERT(p[1] == '"', "an unquoted attribute at %.40s", name);
			v = p + 2;
			end = strchr(v, '"');
			FUZZ_ASSERT(end != NULL, "an unterminated attribute at %.40s", name);
			if ((len == 4 && starts_with_ci(name, "href")) || (len == 3 && starts_with_ci(name, "src")))
				check_url(v, end);
			p = end + 1;
		}
		FUZZ_ASSERT(*p == '>', "an unterminated tag at %.40s", p);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *md;
	struct buf out;

	if (size > 64 * 1024)
		return 0;
	md = fuzz_strndup(data, size);
	buf_init(&out, 0);
	FUZZ_ASSERT(markdown_html(&out, md) == 0, "markdown_html failed");
	FUZZ_ASSERT(strlen(out.data) == out.len, "a NUL in the HTML");
	check_html(out.data);
	buf_release(&out);
	free(md);
	return 0;
}
