/* markdown: CommonMark to HTML for text people type (minutes, issues), with no raw HTML and only web and mail links; and the same text as a reader sees it, for the leak check. */
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

/*
 * Appends what a reader of md's rendering sees, as plain text, to out: the text of every
 * text and code node (entities and escapes decoded, emphasis markers gone, so
 * "**North**wind" is "Northwind"), a line break after each block and for each soft or
 * hard break, then, after the text, each link's and image's address and title, one a
 * line (image alt text is the image's text); addresses are percent-decoded (a browser
 * shows "meri%64ian.example" as "meridian.example"). Raw HTML shows nothing. Found by walking
 * cmark's node tree, never by reading HTML. Returns 0, or -1 if out overflowed.
 */
int markdown_text(struct buf *out, const char *md);

#endif
