/* jsonw: writes JSON straight into a buf, for answers on hot paths that need no tree. */
#ifndef ACCORD_JSONW_H
#define ACCORD_JSONW_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/*
 * jansson builds a tree of allocations and then serialises it; a 50-row list cost about
 * 100k instructions a row that way. jsonw appends to the response buffer as it goes:
 * commas and nesting are tracked here, strings are escaped here, and the caller writes
 * keys and values in order. Invalid UTF-8 is written as U+FFFD, so the output is always
 * valid JSON. Nesting deeper than JSONW_DEPTH sets the buf's overflow flag.
 */
#define JSONW_DEPTH 32

struct jsonw {
	struct buf *b;
	int depth;
	bool after_key;
	bool has_items[JSONW_DEPTH];
};

void jsonw_init(struct jsonw *w, struct buf *b);
void jsonw_object(struct jsonw *w);
void jsonw_array(struct jsonw *w);
void jsonw_end_object(struct jsonw *w);
void jsonw_end_array(struct jsonw *w);
void jsonw_key(struct jsonw *w, const char *key);
/* A key given already quoted with its colon, written as it is: JSONW_KEY(w, "id") for a literal key that needs no escaping. */
void jsonw_key_lit(struct jsonw *w, const char *quoted, size_t n);
#define JSONW_KEY(w, k) jsonw_key_lit((w), "\"" k "\":", sizeof(k) + 2)
void jsonw_string(struct jsonw *w, const char *s); /* NULL writes null */
void jsonw_int(struct jsonw *w, long long v);
void jsonw_real(struct jsonw *w, double v);        /* the shortest form that reads back the same; not finite: null */
/* v as jansson writes a real ("%.17g", ".0" when there is no '.' or 'e', the exponent without '+' or leading
 * zeros): for answers that must keep the bytes jansson gave them (0.9 is 0.90000000000000002). Not finite: null. */
void jsonw_real17(struct jsonw *w, double v);
void jsonw_bool(struct jsonw *w, bool v);
void jsonw_null(struct jsonw *w);
void jsonw_raw(struct jsonw *w, const char *json); /* a value that is already JSON; NULL writes null */

/* key-value shorthands */
void jsonw_kstring(struct jsonw *w, const char *key, const char *s);
void jsonw_kint(struct jsonw *w, const char *key, long long v);
void jsonw_kreal(struct jsonw *w, const char *key, double v);
void jsonw_kbool(struct jsonw *w, const char *key, bool v);
void jsonw_knull(struct jsonw *w, const char *key);
void jsonw_kobject(struct jsonw *w, const char *key);
void jsonw_karray(struct jsonw *w, const char *key);

/* Escapes s as the body of a JSON string (no quotes) onto b. */
void jsonw_escape(struct buf *b, const char *s);

#endif
