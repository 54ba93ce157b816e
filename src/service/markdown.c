/* markdown: renders CommonMark with cmark in safe mode, then blanks any link or image target that is not web, mail or relative; and reads the text a reader sees from cmark's node tree, link addresses percent-decoded. */
#include "markdown.h"

#include <cmark.h>
#include <stdbool.h>
#include <string.h>
#include <unistr.h>

#include "../util/text.h"

/*
 * cmark 0.30 never emits raw HTML unless given CMARK_OPT_UNSAFE, which we never pass;
 * CMARK_OPT_SAFE is a no-op there but makes older cmark safe too. Hard breaks keep
 * minutes typed line by line on their lines; quotes stay literal (no CMARK_OPT_SMART);
 * invalid UTF-8 becomes U+FFFD.
 */
#define MARKDOWN_OPTIONS (CMARK_OPT_SAFE | CMARK_OPT_HARDBREAKS | CMARK_OPT_VALIDATE_UTF8)

static int scheme_allowed(const char *s, size_t n)
{
	return (n == 4 && memcmp(s, "http", 4) == 0) || (n == 5 && memcmp(s, "https", 5) == 0) ||
	       (n == 6 && memcmp(s, "mailto", 6) == 0);
}

/*
 * True when url has no scheme (a colon comes after the first / ? or #, or there is
 * none) or its scheme is http, https or mailto. The URL is read the way a browser
 * reads it: leading spaces and control characters skipped, tabs and newlines anywhere
 * ignored, letters compared without case. cmark has already decoded entities and
 * backslash escapes in url. Anything odd before a colon counts as a scheme, so it is
 * refused; write "./a:b" to link a relative path with a colon in it.
 */
static int url_allowed(const char *url)
{
	char scheme[8];
	size_t n = 0; /* scheme letters kept; a longer scheme fills it and is refused */

	if (!url)
		return 1;
	while (*url && (unsigned char)*url <= 0x20)
		url++;
	for (; *url; url++) {
		char c = *url;

		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == '/' || c == '?' || c == '#')
			return 1;
		if (c == ':')
			return scheme_allowed(scheme, n);
		if (n < sizeof scheme)
			scheme[n++] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
	}
	return 1;
}

/*
 * Defence in depth over cmark's own safe mode: blanks disallowed link and image
 * targets and empties raw HTML nodes. Links and images are changed on EXIT and raw
 * HTML (a leaf) on ENTER, as cmark's iterator allows.
 */
static void sanitise(cmark_node *doc)
{
	cmark_iter *it = cmark_iter_new(doc);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);

		if (ev == CMARK_EVENT_EXIT && (type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE)) {
			if (!url_allowed(cmark_node_get_url(node)))
				cmark_node_set_url(node, "");
		} else if (ev == CMARK_EVENT_ENTER &&
			   (type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_HTML_INLINE)) {
			cmark_node_set_literal(node, "");
		}
	}
	cmark_iter_free(it);
}

int markdown_html(struct buf *out, const char *md)
{
	cmark_node *doc;
	char *html;
	int r;

	if (!md)
		return 0;
	doc = cmark_parse_document(md, strlen(md), MARKDOWN_OPTIONS);
	if (!doc)
		return -1;
	sanitise(doc);
	html = cmark_render_html(doc, MARKDOWN_OPTIONS);
	cmark_node_free(doc);
	if (!html)
		return -1;
	r = buf_puts(out, html);
	cmark_get_default_mem_allocator()->free(html);
	return r;
}

static bool is_block(cmark_node_type t)
{
	return t >= CMARK_NODE_FIRST_BLOCK && t <= CMARK_NODE_LAST_BLOCK;
}

/*
 * Writes a link's or image's address as a browser shows it: percent-encoded bytes decoded
 * ("meri%64ian.example" is "meridian.example"), then a line break. An address whose
 * decoded bytes are not UTF-8 is written as typed; "%00" stays as typed, as no text holds
 * a NUL.
 */
static void put_address(struct buf *out, const char *url)
{
	struct buf decoded;
	bool changed = false;

	buf_init(&decoded, out->max);
	for (const char *p = url; *p; p++) {
		int hi = *p == '%' ? text_hex_digit(p[1]) : -1, lo = hi >= 0 ? text_hex_digit(p[2]) : -1;

		if (lo >= 0 && (hi || lo)) {
			buf_putc(&decoded, (char)(hi * 16 + lo));
			changed = true;
			p += 2;
		} else {
			buf_putc(&decoded, *p);
		}
	}
	if (changed && !decoded.overflow && !u8_check((const uint8_t *)decoded.data, decoded.len))
		buf_printf(out, "%s\n", decoded.data);
	else
		buf_printf(out, "%s\n", url);
	buf_release(&decoded);
}

int markdown_text(struct buf *out, const char *md)
{
	cmark_node *doc;
	cmark_iter *it;
	cmark_event_type ev;
	struct buf targets; /* link and image addresses and titles, after the text */

	if (!md)
		return 0;
	doc = cmark_parse_document(md, strlen(md), MARKDOWN_OPTIONS);
	if (!doc)
		return -1;
	sanitise(doc);
	buf_init(&targets, out->max);
	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *node = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(node);
		const char *s;

		if (ev == CMARK_EVENT_EXIT) {
			if (is_block(type))
				buf_putc(out, '\n');
			continue;
		}
		switch (type) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
		case CMARK_NODE_CODE_BLOCK:
			if ((s = cmark_node_get_literal(node)))
				buf_puts(out, s);
			if (type == CMARK_NODE_CODE_BLOCK)
				buf_putc(out, '\n');
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(out, '\n');
			break;
		case CMARK_NODE_LINK:
		case CMARK_NODE_IMAGE:
			if ((s = cmark_node_get_url(node)) && *s)
				put_address(&targets, s);
			if ((s = cmark_node_get_title(node)) && *s)
				buf_printf(&targets, "%s\n", s);
			break;
		default:
			break; /* raw HTML shows nothing; containers hold the rest */
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	buf_add(out, targets.data, targets.len);
	buf_release(&targets);
	return out->overflow || targets.overflow ? -1 : 0;
}
