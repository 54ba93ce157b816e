/* markdown: CommonMark to HTML for text people type (minutes, issues), with no raw HTML and only web and mail links. */
#ifndef ACCORD_MARKDOWN_H
#define ACCORD_MARKDOWN_H

#include "../util/buf.h"

/*
 * Appends md rendered as HTML to out. Raw HTML in md is never passed through (cmark
 * writes "<!-- raw HTML omitted -->" in its place); a link or image whose target is not
 * http:, https:, mailto: or scheme-less (a relative path, ?query or #fragment) keeps
 * its text but gets an empty href/src. Each line break in a paragraph stays a <br />.
 * NULL md appends nothing. Returns 0, or -1 if out overflowed.
 */
int markdown_html(struct buf *out, const char *md);

#endif
