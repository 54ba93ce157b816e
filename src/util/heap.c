/* heap: what the process's allocator has from the system and what it uses, and handing back what it does not. */
#include "heap.h"

#include <malloc.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

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

/*
 * jemalloc's settings for build/accord (jemalloc reads this variable when it starts; the
 * MALLOC_CONF environment variable still overrides it; glibc's malloc in the sanitizer builds
 * ignores it): one arena for every thread instead of 4 a core, so that what one thread frees
 * another reuses, rather than each of 8 arenas keeping its own free pages and half-empty slabs
 * (issue 17, the server's peak resident set; heap_return_at_once does the rest, for `serve` only).
 */
const char *malloc_conf = "narenas:1";

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

/*
 * Measured with the bench's whole run on the large dataset (bench/RESULTS.md, issue 17): with
 * jemalloc's default, freed pages stay resident for 10 s; the CSV import's 20-odd MiB of rows and
 * the answers of a few hundred KiB then add up at the peak (86 → 79 MiB with this and one arena,
 * page pool unchanged; a 1-second decay left the imports' peak 3 MiB higher than none). It costs
 * page faults (the portfolio page: ~200 a request instead of ~50, against ~5,000 page reads).
 * Not for the command line: `accord trust recompute` spent 1 s more in the kernel with it.
 */
void heap_return_at_once(void)
{
	ssize_t zero = 0;
	unsigned narenas = 0;
	size_t len = sizeof narenas;
	char name[64];

	if (!mallctl)
		return;
	/* The default of arenas made from now on (jemalloc's own for huge blocks is made lazily) ... */
	mallctl("arenas.dirty_decay_ms", NULL, NULL, &zero, sizeof zero);
	mallctl("arenas.muzzy_decay_ms", NULL, NULL, &zero, sizeof zero);
	/* ... and every arena there is. */
	if (mallctl("arenas.narenas", &narenas, &len, NULL, 0) != 0)
		return;
	for (unsigned i = 0; i < narenas; i++) {
		snprintf(name, sizeof name, "arena.%u.dirty_decay_ms", i);
		mallctl(name, NULL, NULL, &zero, sizeof zero);
		snprintf(name, sizeof name, "arena.%u.muzzy_decay_ms", i);
		mallctl(name, NULL, NULL, &zero, sizeof zero);
	}
}

void heap_release(void)
{
	if (mallctl)
		mallctl("arena.4096.purge", NULL, NULL, NULL, 0); /* 4096: MALLCTL_ARENAS_ALL */
	else
		malloc_trim(0);
}
