/* search (domain): the rules of the global search — what a query is, its LIKE pattern, the paging cursor and the snippet. */
#ifndef ACCORD_DOMAIN_SEARCH_H
#define ACCORD_DOMAIN_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

/* A query is 2 to 200 characters once trimmed. */
#define SEARCH_Q_MIN 2
#define SEARCH_Q_MAX 200
/* Results on a page: the default and the most. */
#define SEARCH_LIMIT_DEFAULT 20
#define SEARCH_LIMIT_MAX 50
/* A cursor: "kind.position", at most this long with its NUL. */
#define SEARCH_CURSOR_MAX 40
/* Bytes of text a snippet shows (before its marks and ellipses). */
#define SEARCH_SNIPPET_WIDTH 160

/* The kinds a search finds, in the order results come: a page walks them in turn. */
enum search_kind {
	SEARCH_ENGAGEMENT,
	SEARCH_REVIEW,
	SEARCH_ACTION,
	SEARCH_ISSUE,
	SEARCH_PROBLEM,
	SEARCH_PRACTICE,
	SEARCH_KINDS
};

const char *search_kind_name(enum search_kind k);
/* The kind named s, or -1. */
int search_kind_parse(const char *s);

/*
 * Copies q into out (size at least SEARCH_Q_MAX * 4 + 1) with control characters as spaces
 * and the spaces around it trimmed. Returns 0, or -1 with a 422 naming "q" when it is
 * missing, not UTF-8, shorter than SEARCH_Q_MIN or longer than SEARCH_Q_MAX characters.
 */
int search_query_clean(const char *q, char *out, size_t size, struct error *err);

/* "%q%" with \, % and _ escaped by \ (the statements say ESCAPE '\'); size at least 2 * strlen(q) + 3. */
void search_like_pattern(const char *q, char *out, size_t size);

/* "kind.position": for practices the number already shown, for the others the last id shown (0: from the start). */
void search_cursor_format(enum search_kind kind, long long pos, char out[SEARCH_CURSOR_MAX]);
bool search_cursor_parse(const char *s, enum search_kind *kind, long long *pos);

/* Whether text, its control characters and runs of spaces read as one space, holds q, ignoring ASCII case. */
bool search_contains(const char *text, const char *q);

/*
 * A window of about width bytes of text (control characters and runs of spaces read as one
 * space), opening a third of the width before the first match of q at the next word, with every
 * match of q in it between \x01 and \x02 (the marks html_highlight turns into <mark>) and "…"
 * where text was cut. No match: the start of text. Malloc'd; the caller frees it.
 */
char *search_snippet(const char *text, const char *q, size_t width);

#endif
