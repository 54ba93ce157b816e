/* heap: what the process's allocator has from the system and what it uses, and handing back what it does not. */
#include "heap.h"

#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>

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

/*
 * jemalloc's extent hooks (jemalloc.h's struct extent_hooks_s, unchanged since 5.0): how an
 * arena gets memory from the system. Declared here so that the sanitizer builds, which have
 * no jemalloc, need none of its headers; only alloc is ours, the rest stay jemalloc's own.
 */
struct extent_hooks {
	void *(*alloc)(struct extent_hooks *, void *, size_t, size_t, bool *, bool *, unsigned);
	void *others[8];
};

static struct extent_hooks *hooks_jemalloc, hooks_huge;

/* jemalloc's own mapping, then advised for transparent huge pages (2 MiB) when big enough to hold one. */
static void *huge_alloc(struct extent_hooks *h, void *addr, size_t size, size_t alignment, bool *zero, bool *commit,
			unsigned arena)
{
	void *p = hooks_jemalloc->alloc(hooks_jemalloc, addr, size, alignment, zero, commit, arena);

	(void)h;
	if (p && size >= (size_t)2 << 20)
		madvise(p, size, MADV_HUGEPAGE);
	return p;
}

void heap_huge_pages(void)
{
	struct extent_hooks *mine = &hooks_huge;
	unsigned n = 0;
	size_t len = sizeof n;

	if (!mallctl || hooks_jemalloc || mallctl("arenas.narenas", &n, &len, NULL, 0))
		return;
	/* Every automatic arena, those not used yet included (setting the hooks makes them): threads pick any. */
	for (unsigned i = 0; i < n; i++) {
		struct extent_hooks *old = NULL;
		char name[48];

		len = sizeof old;
		snprintf(name, sizeof name, "arena.%u.extent_hooks", i);
		if (mallctl(name, &old, &len, NULL, 0) || !old)
			continue;
		if (!hooks_jemalloc) {
			hooks_jemalloc = old;
			hooks_huge = *old;
			hooks_huge.alloc = huge_alloc;
		}
		if (old == hooks_jemalloc)
			mallctl(name, NULL, NULL, &mine, sizeof mine);
	}
}
