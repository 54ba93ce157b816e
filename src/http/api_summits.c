/* api_summits: summits, invitations, agenda sessions and their ratings, prospects, and problem statements over JSON. */
#include <stdlib.h>

#include "../service/summits.h"
#include "api.h"

void api_summits_list(struct request *rq, struct response *rs)
{
	struct page pg;

	if (request_page(rq, rs, &pg))
		reply_json(rs, 200, summit_list_json(rq->store, &rq->caller, pg));
}

void api_summits_create(struct request *rq, struct response *rs)
{
	struct summit_input in = {body_str(rq, "kind"), body_str(rq, "title"), body_str(rq, "starts_on"), body_str(rq, "venue")};
	struct error err = {0};
	long long id = summit_create(rq->store, &rq->caller, &in, &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, summit_get_json(rq->store, id, rq->caller.org_id, true));
}

void api_summit_get(struct request *rq, struct response *rs)
{
	json_t *summit = summit_get_json(rq->store, rq->id, rq->caller.org_id, (rq->rel & REL_HOST) != 0);

	summit_attach_my_ratings(rq->store, summit, rq->caller.user_id);
	reply_json(rs, 200, summit);
}

void api_summit_invite(struct request *rq, struct response *rs)
{
	json_t *ids = json_object_get(rq->json, "org_ids"), *x;
	size_t n = json_array_size(ids), i;
	long long *v = calloc(n ? n : 1, sizeof *v);
	const char *all = body_str(rq, "all");
	struct error err = {0};

	if (!v) {
		reply_error(rs, 500, "internal", NULL, "out of memory");
		return;
	}
	json_array_foreach(ids, i, x) v[i] = json_integer_value(x);
	if (all && n)
		reply_error(rs, 422, "invalid", "all", "give org_ids or all, not both");
	else if (summit_invite(rq->store, rq->id, v, n, all, &err) < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, summit_get_json(rq->store, rq->id, rq->caller.org_id, true));
	free(v);
}

void api_invitation_update(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (invitation_set(rq->store, rq->id, body_str(rq, "status"), (rq->rel & REL_HOST) != 0, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, json_pack("{s:I, s:s}", "id", rq->id, "status", body_str(rq, "status")));
}

void api_summit_sessions_create(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long id = summit_session_add(rq->store, &rq->caller, rq->id, body_str(rq, "kind"), body_str(rq, "title"),
					  body_id(rq, "presenter_org_id"), body_id(rq, "roadmap_id"),
					  body_id(rq, "practice_id"), &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, summit_get_json(rq->store, rq->id, rq->caller.org_id, true));
}

void api_session_update(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long summit = 0;

	if (session_link_practice(rq->store, &rq->caller, rq->id, body_id(rq, "practice_id"), &summit, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, summit_get_json(rq->store, summit, rq->caller.org_id, (rq->rel & REL_HOST) != 0));
}

void api_session_rate(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (session_rate(rq->store, &rq->caller, rq->id, body_id(rq, "rating"), body_str(rq, "comment"), &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, json_pack("{s:I, s:I}", "session_id", rq->id, "rating", body_id(rq, "rating")));
}

void api_prospects_list(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, prospect_list_json(rq->store, &rq->caller));
}

void api_prospects_add(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (prospect_add(rq->store, &rq->caller, body_id(rq, "org_id"), &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, prospect_list_json(rq->store, &rq->caller));
}

void api_problems_list(struct request *rq, struct response *rs)
{
	struct page pg;

	if (request_page(rq, rs, &pg))
		reply_json(rs, 200, problem_list_json(rq->store, &rq->caller, pg));
}

void api_problems_create(struct request *rq, struct response *rs)
{
	struct problem_input in = {body_str(rq, "title"), body_str(rq, "body"), body_id(rq, "engagement_id"),
				   body_id(rq, "summit_id")};
	struct error err = {0};
	long long id = problem_create(rq->store, &rq->caller, &in, &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, problem_get_json(rq->store, &rq->caller, id, true));
}

void api_problem_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, problem_get_json(rq->store, &rq->caller, rq->id, (rq->rel & REL_BUYER) != 0));
}

void api_problem_respond(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long id = problem_respond(rq->store, &rq->caller, rq->id, body_str(rq, "body"), body_id(rq, "practice_id"), &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, problem_get_json(rq->store, &rq->caller, rq->id, false));
}

void api_problem_response_update(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (problem_response_set(rq->store, rq->id, body_str(rq, "status"), &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, json_pack("{s:I, s:s}", "id", rq->id, "status", body_str(rq, "status")));
}
