/* html: writing HTML so that every dynamic string is escaped by construction. */
#ifndef ACCORD_HTML_H
#define ACCORD_HTML_H

#include "../util/buf.h"

/*
 * html_fmt is the one way pages write markup: the format string is constant markup,
 * and every %s argument is escaped for both text and quoted-attribute context.
 * Supported conversions: %s (escaped text), %.Ns (at most N bytes of it, escaped), %d,
 * %lld, %%. There is no raw-string
 * conversion: constant markup goes in the format, never in an argument.
 */
void html_fmt(struct buf *b, const char *fmt, ...);
/* Appends s escaped (& < > " '). */
void html_text(struct buf *b, const char *s);
/* Appends at most max bytes of s, escaped. */
void html_textn(struct buf *b, const char *s, size_t max);
/*
 * Appends s escaped, turning the search index's match markers into <mark>: \x01 opens,
 * \x02 closes. Markup comes only from the markers, never from s, and is always balanced.
 */
void html_highlight(struct buf *b, const char *s);

#endif
