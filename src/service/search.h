/* search: the global search — engagements, reviews, actions, strategic issues, problem statements and practices the caller may see, found by one query. */
#ifndef ACCORD_SEARCH_H
#define ACCORD_SEARCH_H

#include <jansson.h>

#include "../domain/search.h"
#include "../store/store.h"
#include "caller.h"

struct search_request {
	const char *q;	   /* as typed; checked by search_query_clean */
	int kind;	   /* one enum search_kind, or -1 for all in turn */
	const char *after; /* a cursor from "next", or NULL */
	int limit;	   /* 1..SEARCH_LIMIT_MAX */
};

/*
 * {results: [{kind, id, title, snippet, url, engagement_id?}], next: cursor or null}: at most
 * limit results, the kinds in enum order, each kind newest first (practices by relevance),
 * each found with the visibility of its own list, in SQL. snippet holds the matches between
 * \x01 and \x02 (the HTTP layer escapes and highlights it). NULL with err set: 422 "q", 400
 * "after" (not a cursor of this search) or a store error.
 */
json_t *search_json(struct store *s, const struct caller *c, const struct search_request *in, struct error *err);

#endif
