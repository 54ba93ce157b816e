/* test_html: hand-worked cases for the escaping HTML formatter and the bounded byte buffer beneath it. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "http/html.h"
#include "util/buf.h"

static void fmt_plain_markup(void)
{
	struct buf b;

	buf_init(&b, 0);
	html_fmt(&b, "<p class=\"x\">Hello</p>");
	CHECK_STR(b.data, "<p class=\"x\">Hello</p>"); /* the format itself is not escaped */
	CHECK_INT(b.len, strlen("<p class=\"x\">Hello</p>"));
	html_fmt(&b, "");
	CHECK_INT(b.len, 22);
	buf_release(&b);
}

static void fmt_escapes_strings(void)
{
	struct buf b;

	buf_init(&b, 0);
	html_fmt(&b, "<td>%s</td>", "Tom & Jerry <Ltd> \"quoted\" 'single'");
	CHECK_STR(b.data,
		  "<td>Tom &amp; Jerry &lt;Ltd&gt; &quot;quoted&quot; &#39;single&#39;</td>");
	buf_reset(&b);
	html_fmt(&b, "<a href=\"/orgs/%s\" title='%s'>", "\"><script>alert(1)</script>",
		 "x' onmouseover='y");
	CHECK_STR(b.data, "<a href=\"/orgs/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\" "
			  "title='x&#39; onmouseover=&#39;y'>");
	buf_reset(&b);
	/* Already-escaped text is escaped again: arguments are text, never markup. */
	html_fmt(&b, "%s", "&amp;");
	CHECK_STR(b.data, "&amp;amp;");
	buf_reset(&b);
	html_fmt(&b, "%s%s%s", "<", ">", "&");
	CHECK_STR(b.data, "&lt;&gt;&amp;");
	buf_reset(&b);
	/* Multi-byte UTF-8 passes through untouched. */
	html_fmt(&b, "[%s]", "Soci\xC3\xA9t\xC3\xA9 \xE2\x82\xAC");
	CHECK_STR(b.data, "[Soci\xC3\xA9t\xC3\xA9 \xE2\x82\xAC]");
	buf_release(&b);
}

static void fmt_null_and_empty_strings(void)
{
	struct buf b;

	buf_init(&b, 0);
	html_fmt(&b, "<b>%s</b>", (const char *)NULL);
	CHECK_STR(b.data, "<b></b>");
	buf_reset(&b);
	html_fmt(&b, "a%sb%sc", "", (const char *)NULL);
	CHECK_STR(b.data, "abc");
	buf_reset(&b);
	/* A NULL argument still consumes its slot: the next argument is the next one. */
	html_fmt(&b, "%s|%d|%s", (const char *)NULL, 7, "z");
	CHECK_STR(b.data, "|7|z");
	buf_release(&b);
}

static void fmt_numbers_and_percent(void)
{
	struct buf b;

	buf_init(&b, 0);
	html_fmt(&b, "%d items", 42);
	CHECK_STR(b.data, "42 items");
	buf_reset(&b);
	html_fmt(&b, "%d %d %d", 0, -1, INT_MIN);
	CHECK_STR(b.data, "0 -1 -2147483648");
	buf_reset(&b);
	html_fmt(&b, "%d", INT_MAX);
	CHECK_STR(b.data, "2147483647");
	buf_reset(&b);
	html_fmt(&b, "id=%lld", 9007199254740993LL);
	CHECK_STR(b.data, "id=9007199254740993");
	buf_reset(&b);
	html_fmt(&b, "%lld/%lld", LLONG_MIN, LLONG_MAX);
	CHECK_STR(b.data, "-9223372036854775808/9223372036854775807");
	buf_reset(&b);
	html_fmt(&b, "100%% sure");
	CHECK_STR(b.data, "100% sure");
	buf_reset(&b);
	html_fmt(&b, "%%s is literal, %s is not", "<x>");
	CHECK_STR(b.data, "%s is literal, &lt;x&gt; is not");
	buf_reset(&b);
	html_fmt(&b, "%%%d%%", 5);
	CHECK_STR(b.data, "%5%");
	buf_reset(&b);
	html_fmt(&b, "<a href=\"/e/%lld\">%s</a> (%d)", 12LL, "A&B", 3);
	CHECK_STR(b.data, "<a href=\"/e/12\">A&amp;B</a> (3)");
	buf_reset(&b);
	/* A lone % at the very end writes nothing and reads past nothing. */
	html_fmt(&b, "50%");
	CHECK_STR(b.data, "50");
	buf_release(&b);
}

static void fmt_precision_cuts_strings(void)
{
	struct buf b;

	buf_init(&b, 0);
	html_fmt(&b, "<td>%.10s</td><td>%s</td>", "2026-11-27T00:10:40Z", "after");
	CHECK_STR(b.data, "<td>2026-11-27</td><td>after</td>");
	buf_reset(&b);
	/* The cut counts bytes of the source; what is kept is still escaped. */
	html_fmt(&b, "%.3s|%.20s|%.0s|%d", "<&>zz", "short", "gone", 7);
	CHECK_STR(b.data, "&lt;&amp;&gt;|short||7");
	buf_reset(&b);
	html_fmt(&b, "%.10s", NULL);
	CHECK_STR(b.data, "");
	buf_release(&b);
}

static void text_escapes(void)
{
	struct buf b;

	buf_init(&b, 0);
	html_text(&b, "a&b<c>d\"e'f");
	CHECK_STR(b.data, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	html_text(&b, NULL);
	CHECK_INT(b.len, strlen("a&amp;b&lt;c&gt;d&quot;e&#39;f"));
	html_text(&b, "");
	CHECK_INT(b.len, strlen("a&amp;b&lt;c&gt;d&quot;e&#39;f"));
	buf_release(&b);
}

static void buf_starts_empty(void)
{
	struct buf b;

	buf_init(&b, 0);
	CHECK(b.data != NULL);
	CHECK_STR(b.data, "");
	CHECK_INT(b.len, 0);
	CHECK_INT(b.max, BUF_DEFAULT_MAX);
	CHECK_INT(b.overflow, 0);
	buf_release(&b); /* releasing a buf that never grew is safe */
	CHECK_STR(b.data, "");
	buf_init(&b, 16);
	CHECK_INT(b.max, 16);
	buf_reset(&b); /* and so is resetting one */
	CHECK_STR(b.data, "");
	buf_release(&b);
}

static void buf_appends(void)
{
	struct buf b;

	buf_init(&b, 0);
	CHECK_INT(buf_puts(&b, "abc"), 0);
	CHECK_INT(buf_putc(&b, 'd'), 0);
	CHECK_INT(buf_add(&b, "efgh", 2), 0);
	CHECK_STR(b.data, "abcdef");
	CHECK_INT(b.len, 6);
	CHECK_INT(buf_add(&b, "", 0), 0);
	CHECK_INT(b.len, 6);
	/* Embedded NULs are bytes like any other; the data stays NUL-terminated after them. */
	CHECK_INT(buf_add(&b, "x\0y", 3), 0);
	CHECK_INT(b.len, 9);
	CHECK(memcmp(b.data, "abcdefx\0y", 10) == 0);
	buf_reset(&b);
	CHECK_INT(b.len, 0);
	CHECK_STR(b.data, "");
	buf_release(&b);
}

static void buf_grows_past_first_block(void)
{
	struct buf b;
	char chunk[100];
	int ok = 1;

	memset(chunk, 'q', sizeof chunk);
	buf_init(&b, 0);
	for (int i = 0; i < 100; i++)
		ok &= buf_add(&b, chunk, sizeof chunk) == 0;
	CHECK(ok);
	CHECK_INT(b.len, 10000);
	CHECK(b.cap > 10000);
	CHECK_INT(b.data[10000], '\0');
	CHECK_INT(b.data[0], 'q');
	CHECK_INT(b.data[9999], 'q');
	buf_release(&b);
}

static void buf_printf_appends(void)
{
	struct buf b;

	buf_init(&b, 0);
	CHECK_INT(buf_printf(&b, "%d-%s", 7, "x"), 0);
	CHECK_INT(buf_printf(&b, "[%05.1f]", 3.14159), 0);
	CHECK_STR(b.data, "7-x[003.1]");
	CHECK_INT(b.len, 10);
	CHECK_INT(buf_printf(&b, "%s", ""), 0);
	CHECK_INT(b.len, 10);
	buf_release(&b);

	/* Formatting into an empty buf allocates; a long result is not cut. */
	buf_init(&b, 0);
	CHECK_INT(buf_printf(&b, "%0300d", 1), 0);
	CHECK_INT(b.len, 300);
	CHECK_INT(b.data[299], '1');
	CHECK_INT(b.data[300], '\0');
	buf_release(&b);
}

static void buf_max_is_exact(void)
{
	struct buf b;

	buf_init(&b, 8);
	CHECK_INT(buf_puts(&b, "12345678"), 0); /* exactly max bytes fit */
	CHECK_INT(b.len, 8);
	CHECK_INT(b.overflow, 0);
	CHECK_STR(b.data, "12345678");
	CHECK_INT(buf_add(&b, "", 0), 0); /* adding nothing at the limit is fine */
	CHECK_INT(b.overflow, 0);
	buf_release(&b);
}

static void buf_overflow_leaves_contents(void)
{
	struct buf b;

	buf_init(&b, 8);
	CHECK_INT(buf_puts(&b, "12345"), 0);
	CHECK_INT(buf_puts(&b, "6789"), -1); /* 9 > 8: refused whole, not cut */
	CHECK_INT(b.overflow, 1);
	CHECK_INT(b.len, 5);
	CHECK_STR(b.data, "12345");
	/* Later appends that fit still work; overflow stays set for a check at the end. */
	CHECK_INT(buf_puts(&b, "678"), 0);
	CHECK_STR(b.data, "12345678");
	CHECK_INT(b.overflow, 1);
	CHECK_INT(buf_putc(&b, '9'), -1);
	CHECK_STR(b.data, "12345678");
	CHECK_INT(buf_printf(&b, "%d", 9), -1);
	CHECK_STR(b.data, "12345678");
	CHECK_INT(b.len, 8);
	/* A huge add cannot wrap the size arithmetic. */
	CHECK_INT(buf_add(&b, "x", (size_t)-1), -1);
	CHECK_INT(buf_add(&b, "x", (size_t)-1 - 4), -1);
	CHECK_STR(b.data, "12345678");
	/* reset clears the flag. */
	buf_reset(&b);
	CHECK_INT(b.overflow, 0);
	CHECK_INT(b.len, 0);
	CHECK_INT(buf_puts(&b, "abcdefgh"), 0);
	buf_release(&b);
	CHECK_INT(b.max, 8); /* release keeps the limit */
}

static void buf_printf_overflow(void)
{
	struct buf b;

	buf_init(&b, 10);
	CHECK_INT(buf_printf(&b, "%s", "0123456789A"), -1);
	CHECK_INT(b.overflow, 1);
	CHECK_INT(b.len, 0);
	CHECK_STR(b.data, "");
	CHECK_INT(buf_printf(&b, "%s", "0123456789"), 0);
	CHECK_STR(b.data, "0123456789");
	buf_release(&b);
}

static void html_fmt_respects_max(void)
{
	struct buf b;

	buf_init(&b, 12);
	html_fmt(&b, "<b>%s</b>", "&&&");
	/*
	 * "<b>" + "&amp;" is 8 bytes; a second "&amp;" would make 13 > 12 and is refused
	 * whole (never a cut entity), as is the third; "</b>" then fits exactly: 12.
	 */
	CHECK_INT(b.overflow, 1);
	CHECK_INT(b.len, 12);
	CHECK_INT(strlen(b.data), b.len);
	CHECK_STR(b.data, "<b>&amp;</b>");
	buf_release(&b);
}

static void buf_detach_takes_ownership(void)
{
	struct buf b;
	size_t len = 99;
	char *p;

	buf_init(&b, 64);
	buf_puts(&b, "owned text");
	p = buf_detach(&b, &len);
	CHECK_STR(p, "owned text");
	CHECK_INT(len, 10);
	/* The buf is empty again, keeps its limit, and no longer points at p. */
	CHECK(b.data != p);
	CHECK_STR(b.data, "");
	CHECK_INT(b.len, 0);
	CHECK_INT(b.cap, 0);
	CHECK_INT(b.max, 64);
	buf_puts(&b, "new");
	CHECK_STR(p, "owned text"); /* reusing the buf does not touch p */
	free(p);
	buf_release(&b);
}

static void buf_detach_empty(void)
{
	struct buf b;
	size_t len = 99;
	char *p;

	buf_init(&b, 0);
	p = buf_detach(&b, &len);
	CHECK(p != NULL);
	CHECK_STR(p, "");
	CHECK_INT(len, 0);
	free(p); /* even an empty detach is the caller's to free */

	buf_init(&b, 0);
	buf_puts(&b, "x");
	p = buf_detach(&b, NULL); /* len is optional */
	CHECK_STR(p, "x");
	free(p);
	buf_release(&b);
}

int main(void)
{
	RUN(fmt_plain_markup);
	RUN(fmt_escapes_strings);
	RUN(fmt_null_and_empty_strings);
	RUN(fmt_numbers_and_percent);
	RUN(fmt_precision_cuts_strings);
	RUN(text_escapes);
	RUN(buf_starts_empty);
	RUN(buf_appends);
	RUN(buf_grows_past_first_block);
	RUN(buf_printf_appends);
	RUN(buf_max_is_exact);
	RUN(buf_overflow_leaves_contents);
	RUN(buf_printf_overflow);
	RUN(html_fmt_respects_max);
	RUN(buf_detach_takes_ownership);
	RUN(buf_detach_empty);
	return HARNESS_DONE("html");
}
