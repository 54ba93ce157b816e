/* search_cache: practice-search answers kept per organisation while the search version stands (a small LRU shared by the server's threads). */
#include "search_cache.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define ENTRIES 64
#define TEXT_MAX (256 * 1024) /* at most 16 MiB in all */

struct entry {
	long long org, version;
	char *key, *text;
	unsigned long long used;
};

static struct entry entries[ENTRIES];
static unsigned long long clock_tick;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

/* ACCORD_SEARCH_CACHE=0 keeps nothing (to measure a first search). */
static bool cache_off(void)
{
	static int off = -1;

	if (off < 0) {
		const char *v = getenv("ACCORD_SEARCH_CACHE");

		off = v && !strcmp(v, "0");
	}
	return off;
}

long long search_version(struct store *s)
{
	long long v = -1;

	if (cache_off())
		return -1;
	return store_int(s, STMT_SEARCH_VERSION, NULL, 0, &v, NULL) == 0 ? v : -1;
}

char *search_cache_get(long long org, const char *key, long long version)
{
	char *text = NULL;

	pthread_mutex_lock(&lock);
	for (int i = 0; i < ENTRIES; i++) {
		struct entry *e = &entries[i];

		if (e->text && e->org == org && e->version == version && !strcmp(e->key, key)) {
			e->used = ++clock_tick;
			text = strdup(e->text);
			break;
		}
	}
	pthread_mutex_unlock(&lock);
	return text;
}

size_t search_cache_bytes(void)
{
	size_t n = 0;

	pthread_mutex_lock(&lock);
	for (int i = 0; i < ENTRIES; i++)
		if (entries[i].text)
			n += strlen(entries[i].key) + strlen(entries[i].text) + 2;
	pthread_mutex_unlock(&lock);
	return n;
}

void search_cache_put(long long org, const char *key, long long version, const char *text)
{
	struct entry *victim = NULL;
	char *k, *t;

	if (version < 0 || strlen(text) > TEXT_MAX || !(k = strdup(key)))
		return;
	if (!(t = strdup(text))) {
		free(k);
		return;
	}
	pthread_mutex_lock(&lock);
	for (int i = 0; i < ENTRIES; i++) {
		struct entry *e = &entries[i];

		/* The same question at an older version, an empty slot, or else the least recently used. */
		if (e->text && e->org == org && !strcmp(e->key, key)) {
			victim = e;
			break;
		}
		if (!victim || !e->text || (victim->text && e->used < victim->used))
			victim = e;
	}
	free(victim->key);
	free(victim->text);
	victim->org = org;
	victim->version = version;
	victim->key = k;
	victim->text = t;
	victim->used = ++clock_tick;
	pthread_mutex_unlock(&lock);
}
