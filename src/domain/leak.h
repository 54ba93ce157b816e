/* leak: finding what identifies a customer in a text — names, people, units, confidential terms — past case, accents, punctuation and formatting, with no I/O. */
#ifndef ACCORD_LEAK_H
#define ACCORD_LEAK_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/buf.h"

/*
 * Text is compared as a sequence of words: Unicode case folding and compatibility
 * decomposition (libunistring), accents and other combining marks dropped, invisible
 * format characters (soft hyphen, zero width space and joiners) dropped, the letters NFKD
 * keeps whole (Turkish dotless ı, ł ø đ ħ ŧ) read as i l o d h t, every run of
 * characters that are not letters or digits (spaces, line breaks, punctuation, Markdown
 * and link syntax) one separator, and a possessive 's (straight or curly apostrophe)
 * dropped. A term is found when its words occur in the text as whole consecutive words,
 * so "Northwind" is found in "**NORTHWIND's** plan" and in "https://northwind.example"
 * but not in "northwindow". The text is read twice: with raw HTML tags' names and
 * attributes as words, and with each tag or comment one separator, as a reader sees it
 * rendered, so "<b>Northwind</b> Bank" holds "Northwind Bank".
 */

/* Writes the words of text (tags read as words) to out as " w1 w2 ... " (a space before and after each). -1 on bad UTF-8 or past out's maximum. */
int leak_normalize(const char *text, struct buf *out);
/* Whether term's words occur in text as consecutive whole words. A term with no words never matches. */
bool leak_contains(const char *text, const char *term);

struct leak_finding {
	const char *term;  /* as given */
	const char *field; /* as given */
};

/*
 * Looks for every term in every field; each (term, field) pair found is one finding, in
 * the order of fields then terms. Writes at most max findings and returns how many there
 * were in all.
 */
size_t leak_check(const char *const *fields, const char *const *field_names, size_t nfields,
		  const char *const *terms, size_t nterms, struct leak_finding *out, size_t max);

#endif
