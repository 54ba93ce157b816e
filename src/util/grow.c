/* grow: making room for one more element in a heap array that doubles as it fills. */
#include "grow.h"

#include <stdint.h>
#include <stdlib.h>

int grow(void **v, size_t *cap, size_t n, size_t elem)
{
	size_t want;
	void *p;

	if (n < *cap)
		return 0;
	want = *cap ? *cap * 2 : 16; /* small first: trust recompute holds 100,000 such arrays, most of them short */
	if (want > SIZE_MAX / elem)
		return -1;
	p = realloc(*v, want * elem);
	if (!p)
		return -1;
	*v = p;
	*cap = want;
	return 0;
}
