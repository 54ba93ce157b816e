/* heap: what the process's allocator has from the system and what it uses, and handing back what it does not. */
#include "heap.h"

#include <malloc.h>
#include <stddef.h>
#include <stdint.h>

/*
 * The server links jemalloc (Makefile). Measured under a 30-minute mixed load
 * (docs/reliability.md, "Load and soak"): with glibc's malloc the memory in use stayed at
 * 8 MiB while what its arenas held rose in steps from 6 to 37 MiB, malloc_trim every 10 s
 * notwithstanding; with jemalloc resident memory stayed flat. The sanitizer builds keep
 * their own allocator, so jemalloc's control interface is looked for, not required: a weak
 * reference is NULL when the library is not linked.
 */
extern int mallctl(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen)
	__attribute__((weak));

bool heap_is_jemalloc(void)
{
	return mallctl != NULL;
}

static long long jemalloc_stat(const char *name)
{
	size_t v = 0, len = sizeof v;

	return mallctl(name, &v, &len, NULL, 0) == 0 ? (long long)v : 0;
}

void heap_account(struct heap_account *a)
{
	if (mallctl) {
		uint64_t epoch = 1;
		size_t len = sizeof epoch;

		mallctl("epoch", &epoch, &len, &epoch, len); /* the statistics are as of the last epoch */
		a->in_use = jemalloc_stat("stats.allocated");
		a->held = jemalloc_stat("stats.resident");
	} else {
		struct mallinfo2 mi = mallinfo2();

		a->in_use = (long long)(mi.uordblks + mi.hblkhd);
		a->held = (long long)(mi.arena + mi.hblkhd);
	}
}

void heap_release(void)
{
	if (mallctl)
		mallctl("arena.4096.purge", NULL, NULL, NULL, 0); /* 4096: MALLCTL_ARENAS_ALL */
	else
		malloc_trim(0);
}
