/* api_search: GET /api/v1/search, the global search (src/service/search.c decides what each caller finds). */
#include <string.h>

#include "../service/search.h"
#include "api.h"

bool search_request_read(struct request *rq, struct search_request *in, struct error *err)
{
	const char *kind = request_query(rq, "kind"), *limit = request_query(rq, "limit");
	long long v;

	in->q = request_query(rq, "q");
	in->after = request_query(rq, "after");
	in->kind = -1;
	in->limit = SEARCH_LIMIT_DEFAULT;
	if (kind && *kind && (in->kind = search_kind_parse(kind)) < 0) {
		error_set(err, 400, "invalid", "kind", "kind must be engagement, review, action, issue, problem or practice");
		return false;
	}
	if (limit && *limit) {
		if (!parse_id(limit, &v) || v > SEARCH_LIMIT_MAX) {
			error_set(err, 400, "invalid", "limit", "limit must be 1 to %d", SEARCH_LIMIT_MAX);
			return false;
		}
		in->limit = (int)v;
	}
	return true;
}

void api_search(struct request *rq, struct response *rs)
{
	struct search_request in;
	struct error err = {0};
	json_t *found;

	if (!search_request_read(rq, &in, &err) || !(found = search_json(rq->store, &rq->caller, &in, &err))) {
		reply_err(rs, &err);
		return;
	}
	api_snippets_html(json_object_get(found, "results"));
	reply_json(rs, 200, found);
}
