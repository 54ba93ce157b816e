/* search_cache: practice-search answers kept per organisation while the search version stands. */
#ifndef ACCORD_SEARCH_CACHE_H
#define ACCORD_SEARCH_CACHE_H

#include <stddef.h>

#include "../store/store.h"

/*
 * A search ranks and counts every match (BM25, visibility per match), tens of milliseconds
 * on a large library; the same search again (the next page, the way back, a colleague of
 * the same organisation) need not. An answer is kept under (organisation, what was asked,
 * the search version) — migration 010's triggers raise that version, in the same transaction,
 * on any change to what a search shows — and is used only while the version stands. What a
 * search shows depends on the caller's organisation alone, never on the person, so nothing
 * is shared across organisations. Each server keeps its own; all read the one version.
 */

/* The current search version, or -1 when it cannot be read or ACCORD_SEARCH_CACHE=0 (then nothing is kept). */
long long search_version(struct store *s);
/* A copy (malloc'd) of the answer kept for org, key and version, or NULL. */
char *search_cache_get(long long org, const char *key, long long version);
/* Keeps a copy of text; a full cache forgets what was used longest ago. */
void search_cache_put(long long org, const char *key, long long version, const char *text);
/* The bytes the kept answers hold now (at most 16 MiB and their keys). */
size_t search_cache_bytes(void);

#endif
