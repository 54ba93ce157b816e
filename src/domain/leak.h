/* leak: finding what identifies a customer in a text — names, people, units, domains, confidential terms — past case, accents, look-alike letters, invisible characters, spacing and formatting, with no I/O. */
#ifndef ACCORD_LEAK_H
#define ACCORD_LEAK_H

#include <stdbool.h>
#include <stddef.h>

#include "../util/buf.h"

/*
 * A text is folded to a sequence of letters before it is compared. Each code point is
 * case folded with compatibility decomposition (libunistring: NFKC's folding, so
 * fullwidth letters and ligatures are plain letters), its accents and other combining
 * marks dropped (diacritics folded), the letters NFKD keeps whole (ı ł ø đ ħ ŧ) read as
 * i l o d h t, then mapped to its confusable skeleton (Unicode UTS #39, ICU's data: a
 * Cyrillic "о" or Greek "ο" is an "o", "0" is an "o", "1" is an "l", "m" is "rn") and
 * case folded again; then every "l" is read as an "i", so I, l, 1 (and '|', read once as
 * a separator and once as a letter) are one letter in any case ("RetaiI", "RETAlL"). Default-ignorable code points (zero width characters,
 * word joiners, soft hyphens, bidi controls, tag characters) and format characters
 * vanish without a trace. Everything that is not a letter or a digit (spaces, line
 * breaks, punctuation, hyphens, Markdown and link syntax) is dropped too, but leaves a
 * word boundary; so does a change from a lower-case to an upper-case letter
 * ("AcmeBank"). A field is read twice: with raw HTML tags' names and attributes as
 * words, and with each tag or comment one separator, as a reader sees it rendered, so
 * "<b>Northwind</b> Bank" holds "Northwind Bank".
 *
 * A term is found where its letters occur in a row starting at a word boundary and
 * ending at one, or before a plural or possessive "s" / "es" that ends at one: so
 * "Acme Bank" is found in "A c m e Bank", "Ac-me Bank", "AcmeBank", "ACME BANK's" and
 * "Acme Banks", and "Northwind" in "https://northwind.example" but not in
 * "northwindow". A person's name ("Carla Mendes") is also found the other way round
 * ("Mendes, Carla"), with initials ("C. Mendes", "C Mendes", "C. M. Lopez"), with any
 * one middle name or initial between ("David J. Ross", "David James Ross"), and as the
 * surname and the first initial or the first name and the surname's initial ("Ross D.",
 * "Priya N.").
 */

/* Writes text's folded letters to out as words: " w1 w2 ... " (a space before and after each). -1 on bad UTF-8 or past out's maximum. */
int leak_normalize(const char *text, struct buf *out);
/*
 * Writes text's confusable skeleton as used for comparing organisation names: the
 * folded letters with no boundaries ("Nоrthwind  BANK" and "NorthwindBank" both give
 * "northwindbank", with "m" as "rn"). -1 on bad UTF-8 or past out's maximum.
 */
int leak_skeleton(const char *text, struct buf *out);
/* Whether two organisation names read the same: equal skeletons ("KestreI" is "Kestrel"), in either reading of capitals outside ASCII (a Greek capital Ν as the N it looks like, or as its lower case ν) and of '|'. Names with no letters are never the same. */
bool leak_same_name(const char *a, const char *b);
/* Writes text trimmed of white space at both ends and in Unicode NFKC to out: how an organisation's name is stored. -1 on bad UTF-8. */
int leak_tidy_name(const char *text, struct buf *out);

/* Whether term is made only of ordinary words ("Operations", "Retail Group") that never count as a finding on their own. */
bool leak_ordinary(const char *term);
/* Whether term is a single ordinary word ("Store", "IT"): too common for a buyer to protect as a confidential term on its own. */
bool leak_too_common(const char *term);
/*
 * Writes the distinctive words of an organisation's name to out, each as typed and ended
 * by a line break: every word of 3 letters or more that is not an ordinary word (nor a
 * company suffix such as Ltd, Group, Bank, Services): "Meridian Retail" gives "Meridian",
 * "Kestrel IT Services" gives "Kestrel". -1 on bad UTF-8 or past out's maximum.
 */
int leak_name_words(const char *name, struct buf *out);
/* Whether domain (lower case, "gmail.com") is a public mail service whose name says nothing about a customer. */
bool leak_public_mail_domain(const char *domain);

/* Whether term occurs in text as defined above; a term with no letters, or only ordinary words, never matches. */
bool leak_contains(const char *text, const char *term);
/* The same for a person's name, also found in either order and with initials. */
bool leak_contains_person(const char *text, const char *name);

/* How a term is looked for, or-ed: as a person's name (also in either order and with initials); as chosen by the buyer (a confidential term: it counts even when made of ordinary words, unless it is a single one). */
enum { LEAK_PERSON = 1, LEAK_CHOSEN = 2 };

struct leak_term {
	const char *text;
	unsigned how; /* 0, or LEAK_PERSON and LEAK_CHOSEN or-ed */
};

struct leak_finding {
	size_t term;       /* the index of the term found */
	size_t field;      /* the index of the field it was found in */
	size_t start, end; /* the bytes of the field that matched: the author's own text */
};

/*
 * Looks for every term in every field; the first place a term occurs in a field is one
 * finding, in the order of fields then terms. A field or term that is NULL, not UTF-8,
 * or has no letters has nothing in it; a term made only of ordinary words is skipped
 * (when chosen, only a single ordinary word is).
 * Writes at most max findings and returns how many there were in all. Each term is
 * folded once, each field two to eight times (tags as words and as separators; capitals
 * outside ASCII, and '|', read both ways when there are any); a term is compared only where a word
 * begins, stopping at the first letter that differs.
 */
size_t leak_check(const char *const *fields, size_t nfields, const struct leak_term *terms, size_t nterms,
		  struct leak_finding *out, size_t max);

#endif
