/* heap: what the process's allocator has from the system and what it uses, and handing back what it does not. */
#ifndef ACCORD_HEAP_H
#define ACCORD_HEAP_H

#include <stdbool.h>

struct heap_account {
	long long in_use; /* bytes handed out and not freed */
	long long held;   /* bytes the allocator has from the system for them, in use or not */
};

/* jemalloc when the binary is linked with it (build/accord), glibc's malloc otherwise (the sanitizer builds). */
bool heap_is_jemalloc(void);
void heap_account(struct heap_account *a);
/* Gives memory that no block uses back to the system. */
void heap_release(void);

/*
 * From now on, memory the allocator maps in blocks of 2 MiB or more is advised for
 * transparent huge pages (jemalloc only; nothing otherwise). For a process that fills
 * hundreds of MiB at once and exits (accord trust recompute): one fault per 2 MiB rather
 * than per 4 KiB. Not for the server, whose resident memory it would raise.
 */
void heap_huge_pages(void);

#endif
