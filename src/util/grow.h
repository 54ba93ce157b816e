/* grow: making room for one more element in a heap array that doubles as it fills. */
#ifndef ACCORD_GROW_H
#define ACCORD_GROW_H

#include <stddef.h>

/*
 * Makes *v hold at least n + 1 elements of size elem, doubling *cap (from 64) when full.
 * Returns 0, or -1 with *v and *cap unchanged when memory runs out.
 */
int grow(void **v, size_t *cap, size_t n, size_t elem);

#endif
