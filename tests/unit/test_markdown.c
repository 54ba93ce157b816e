/* test_markdown: hand-worked cases for rendering CommonMark safely: formatting kept, raw HTML and script links never. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "service/markdown.h"

/* Renders md into a fresh buf and checks the whole output, reporting md on a mismatch. */
#define CHECK_MD(md, want)                                                                 \
	do {                                                                               \
		struct buf b_;                                                             \
		buf_init(&b_, 0);                                                          \
		CHECK_INT(markdown_html(&b_, (md)), 0);                                    \
		if (strcmp(b_.data, (want)) != 0) {                                        \
			harness_case_failed = 1;                                           \
			fprintf(stderr, "FAIL %s (%s:%d): markdown \"%s\"\n    gave \"%s\"\n    want \"%s\"\n", \
				harness_case, __FILE__, __LINE__, (md), b_.data, (want));  \
		}                                                                          \
		buf_release(&b_);                                                          \
	} while (0)

/* True when needle occurs in hay, ignoring ASCII case. */
static int contains_nocase(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t i = 0;

		while (i < n && hay[i] && tolower((unsigned char)hay[i]) == tolower((unsigned char)needle[i]))
			i++;
		if (i == n)
			return 1;
	}
	return 0;
}

static void formatting(void)
{
	CHECK_MD("*em* and **strong**", "<p><em>em</em> and <strong>strong</strong></p>\n");
	CHECK_MD("# Review\n\n## Actions", "<h1>Review</h1>\n<h2>Actions</h2>\n");
	CHECK_MD("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
	CHECK_MD("1. first\n2. second", "<ol>\n<li>first</li>\n<li>second</li>\n</ol>\n");
	CHECK_MD("use `make check`", "<p>use <code>make check</code></p>\n");
	CHECK_MD("", "");
}

static void text_is_escaped(void)
{
	CHECK_MD("a < b & c > d", "<p>a &lt; b &amp; c &gt; d</p>\n");
	/* Quotes stay literal: no smart punctuation. */
	CHECK_MD("\"q\" 'x' -- y", "<p>&quot;q&quot; 'x' -- y</p>\n");
}

static void line_breaks_kept(void)
{
	CHECK_MD("line one\nline two\nline three",
		 "<p>line one<br />\nline two<br />\nline three</p>\n");
	CHECK_MD("para one\n\npara two", "<p>para one</p>\n<p>para two</p>\n");
}

static void raw_html_dropped(void)
{
	static const char *const hostile[] = {
		"<script>alert(1)</script>",
		"<SCRIPT>alert(1)</SCRIPT>",
		"<img src=x onerror=alert(1)>",
		"text <img src=x onerror=alert(1)> more",
		"text <script>alert(1)</script> more",
		"<a href=\"javascript:alert(1)\">x</a>",
		"<iframe src=\"https://evil.example\"></iframe>",
		"<div onclick=\"alert(1)\">\n\n*md*\n\n</div>",
	};

	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
		struct buf b;

		buf_init(&b, 0);
		CHECK_INT(markdown_html(&b, hostile[i]), 0);
		if (contains_nocase(b.data, "<script") || contains_nocase(b.data, "<img") ||
		    contains_nocase(b.data, "onerror") || contains_nocase(b.data, "<iframe") ||
		    contains_nocase(b.data, "onclick") || contains_nocase(b.data, "javascript") ||
		    contains_nocase(b.data, "<a ") || contains_nocase(b.data, "<div")) {
			harness_case_failed = 1;
			fprintf(stderr, "FAIL %s: \"%s\" rendered as \"%s\"\n", harness_case,
				hostile[i], b.data);
		}
		buf_release(&b);
	}
	CHECK_MD("<script>alert(1)</script>", "<!-- raw HTML omitted -->\n");
	CHECK_MD("x <img src=x onerror=alert(1)> y", "<p>x <!-- raw HTML omitted --> y</p>\n");
}

static void script_links_blanked(void)
{
	static const char *const hostile[] = {
		"[a](javascript:alert(1))",
		"[a](JaVaScRiPt:alert(1))",
		"[a](javascript&#58;alert(1))",
		"[a](javascript&colon;alert(1))",
		"[a](jav&#x61;script:alert(1))",
		"[a](<javascript:alert(1)>)",
		"[a]( javascript:alert(1))",
		"[a](\tjavascript:alert(1))",
		"[a](\njavascript:alert(1))",
		"[a](< javascript:alert(1)>)",
		"[a](<\tjavascript:alert(1)>)",
		/* Entities decode to a space, newline or control before the scheme... */
		"[a](&#32;javascript:alert(1))",
		"[a](&#x20;javascript:alert(1))",
		"[a](&#10;javascript:alert(1))",
		"[a](&#9;javascript:alert(1))",
		"[a](&#1;javascript:alert(1))",
		/* ...or a tab or newline inside it, which browsers drop. */
		"[a](java&#9;script:alert(1))",
		"[a](<java\tscript:alert(1)>)",
		"[a](java&#10;script:alert(1))",
		"[a](java%73cript:alert(1))",
		"[a](vbscript:msgbox(1))",
		"[a](VBScript:msgbox(1))",
		"[a](file:///etc/passwd)",
		"[a](data:text/html,<script>alert(1)</script>)",
		"[a](data:image/png;base64,AAAA)",
		"[a][r]\n\n[r]: javascript:alert(1)",
		"[a](ftp://example.com/x)",
		"[a](:alert(1))",
	};

	for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
		CHECK_MD(hostile[i], "<p><a href=\"\">a</a></p>\n");
	CHECK_MD("![i](javascript:alert(1))", "<p><img src=\"\" alt=\"i\" /></p>\n");
	CHECK_MD("![i](data:image/svg+xml,x)", "<p><img src=\"\" alt=\"i\" /></p>\n");
	CHECK_MD("<javascript:alert(1)>", "<p><a href=\"\">javascript:alert(1)</a></p>\n");
	/* A title cannot break out of its attribute. */
	CHECK_MD("[a](http://x \"t\\\" onmouseover=alert(1)\")",
		 "<p><a href=\"http://x\" title=\"t&quot; onmouseover=alert(1)\">a</a></p>\n");
}

static void web_and_mail_links_kept(void)
{
	CHECK_MD("[a](http://example.com/x?a=1&b=2)",
		 "<p><a href=\"http://example.com/x?a=1&amp;b=2\">a</a></p>\n");
	CHECK_MD("[a](https://example.com)", "<p><a href=\"https://example.com\">a</a></p>\n");
	CHECK_MD("[a](HTTPS://EXAMPLE.COM)", "<p><a href=\"HTTPS://EXAMPLE.COM\">a</a></p>\n");
	CHECK_MD("[a](mailto:cio@example.com)",
		 "<p><a href=\"mailto:cio@example.com\">a</a></p>\n");
	CHECK_MD("<cio@example.com>",
		 "<p><a href=\"mailto:cio@example.com\">cio@example.com</a></p>\n");
	CHECK_MD("<https://example.com/r>",
		 "<p><a href=\"https://example.com/r\">https://example.com/r</a></p>\n");
	CHECK_MD("![chart](https://example.com/c.png)",
		 "<p><img src=\"https://example.com/c.png\" alt=\"chart\" /></p>\n");
}

static void relative_links_kept(void)
{
	CHECK_MD("[a](/engagements/3)", "<p><a href=\"/engagements/3\">a</a></p>\n");
	CHECK_MD("[a](reviews/4)", "<p><a href=\"reviews/4\">a</a></p>\n");
	CHECK_MD("[a](#actions)", "<p><a href=\"#actions\">a</a></p>\n");
	CHECK_MD("[a](?page=2)", "<p><a href=\"?page=2\">a</a></p>\n");
	CHECK_MD("[a](./a:b)", "<p><a href=\"./a:b\">a</a></p>\n");
	CHECK_MD("[a](/x?t=12:30)", "<p><a href=\"/x?t=12:30\">a</a></p>\n");
	CHECK_MD("[a]()", "<p><a href=\"\">a</a></p>\n");
}

static void null_renders_nothing(void)
{
	struct buf b;

	buf_init(&b, 0);
	CHECK_INT(markdown_html(&b, NULL), 0);
	CHECK_STR(b.data, "");
	CHECK_INT(b.len, 0);
	/* It appends, like every writer into a buf. */
	buf_puts(&b, "<div>");
	CHECK_INT(markdown_html(&b, NULL), 0);
	CHECK_INT(markdown_html(&b, "*x*"), 0);
	CHECK_STR(b.data, "<div><p><em>x</em></p>\n");
	buf_release(&b);
}

static void overflow_reported(void)
{
	char text[200];
	struct buf b;

	buf_init(&b, 64);
	CHECK_INT(markdown_html(&b, repeat(text, sizeof text, 'x', 100)), -1);
	CHECK(b.overflow);
	CHECK_INT(b.len, 0);
	buf_release(&b);
}

int main(void)
{
	RUN(formatting);
	RUN(text_is_escaped);
	RUN(line_breaks_kept);
	RUN(raw_html_dropped);
	RUN(script_links_blanked);
	RUN(web_and_mail_links_kept);
	RUN(relative_links_kept);
	RUN(null_renders_nothing);
	RUN(overflow_reported);
	return HARNESS_DONE("markdown");
}
