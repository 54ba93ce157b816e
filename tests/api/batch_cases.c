/* batch_cases: writes from many connections at once (group commit) — each acknowledged write is kept once, each refused one leaves nothing, and the answers match. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "world.h"

#define THREADS 8
#define EACH 6

static const struct world *W;
static long long review_id;

struct shot {
	int thread;
	long status[EACH];
	long long id[EACH];
};

/* Even requests are valid; odd ones name an owner from another organisation, which is refused. */
static void *fire(void *arg)
{
	struct shot *s = arg;

	for (int i = 0; i < EACH; i++) {
		char path[96], body[256];
		struct resp r;

		snprintf(path, sizeof path, "/api/v1/reviews/%lld/actions", review_id);
		snprintf(body, sizeof body, "{\"title\":\"Batch %d-%d\",\"owner_id\":%lld,\"due_on\":\"2027-02-01\"}", s->thread, i,
			 W->user_id[i % 2 ? MD_CM : NW_CM]);
		if (http(W->S, "POST", path, W->tok[NW_CM], body, NULL, NULL, &r) != 0) {
			s->status[i] = -1;
			continue;
		}
		s->status[i] = r.status;
		s->id[i] = r.json ? json_integer_value(json_object_get(r.json, "id")) : 0;
		resp_free(&r);
	}
	return NULL;
}

static void concurrent_writes_kept_once(void)
{
	pthread_t t[THREADS];
	struct shot shots[THREADS];
	json_t *list = NULL, *reviews = NULL, *a;
	size_t k;
	char path[128];

	snprintf(path, sizeof path, "/api/v1/engagements/%lld/reviews", W->E1);
	CHECK_INT(call_json(W->S, "GET", path, W->tok[NW_CM], NULL, &reviews), 200);
	review_id = json_integer_value(json_object_get(json_array_get(json_object_get(reviews, "items"), 0), "id"));
	json_decref(reviews);
	CHECK(review_id > 0);
	if (review_id <= 0)
		return;
	memset(shots, 0, sizeof shots);
	for (int i = 0; i < THREADS; i++) {
		shots[i].thread = i;
		CHECK(pthread_create(&t[i], NULL, fire, &shots[i]) == 0);
	}
	for (int i = 0; i < THREADS; i++)
		pthread_join(t[i], NULL);
	snprintf(path, sizeof path, "/api/v1/reviews/%lld/actions?limit=200", review_id);
	CHECK_INT(call_json(W->S, "GET", path, W->tok[NW_CM], NULL, &list), 200);
	for (int i = 0; i < THREADS; i++) {
		for (int j = 0; j < EACH; j++) {
			char title[32];
			int found = 0;

			snprintf(title, sizeof title, "Batch %d-%d", i, j);
			json_array_foreach(json_object_get(list, "items"), k, a)
			{
				if (strcmp(json_string_value(json_object_get(a, "title")), title))
					continue;
				found++;
				CHECK_INT(json_integer_value(json_object_get(a, "id")), shots[i].id[j]);
			}
			if (j % 2 == 0) {
				CHECK_INT(shots[i].status[j], 201); /* acknowledged, and there exactly once */
				CHECK(shots[i].id[j] > 0);
				CHECK_INT(found, 1);
			} else {
				CHECK_INT(shots[i].status[j], 422); /* refused, and nothing of it kept */
				CHECK_INT(found, 0);
			}
		}
	}
	/* Distinct ids for distinct writes. */
	for (int i = 0; i < THREADS * EACH; i += 2)
		for (int j = i + 2; j < THREADS * EACH; j += 2)
			CHECK(shots[i / EACH].id[i % EACH] != shots[j / EACH].id[j % EACH]);
	json_decref(list);
}

void batch_cases_run(const struct world *w, int *passed, int *failed)
{
	W = w;
	RUN(concurrent_writes_kept_once);
	*passed += harness_passed;
	*failed += harness_failed;
}
