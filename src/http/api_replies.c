/* api_replies: the conversations under a strategic issue and under a provider's response to a problem statement over JSON. */
#include "../service/replies.h"
#include "api.h"

/* {items: the thread, oldest first} and, after a post, the new reply's id. */
static void reply_thread(struct response *rs, int status, json_t *items, long long id)
{
	json_t *o = json_pack("{s:o}", "items", items ? items : json_array());

	if (id)
		json_object_set_new(o, "id", json_integer(id));
	reply_json(rs, status, o);
}

void api_issue_replies_list(struct request *rq, struct response *rs)
{
	reply_thread(rs, 200, issue_replies_json(rq->store, rq->id), 0);
}

void api_issue_reply(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long id = issue_reply(rq->store, &rq->caller, rq->id, body_str(rq, "body"), body_id(rq, "response_id"), &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_thread(rs, 201, issue_replies_json(rq->store, rq->id), id);
}

void api_problem_replies_list(struct request *rq, struct response *rs)
{
	reply_thread(rs, 200, problem_replies_json(rq->store, rq->id), 0);
}

void api_problem_reply(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long id = problem_reply(rq->store, &rq->caller, rq->id, body_str(rq, "body"), &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_thread(rs, 201, problem_replies_json(rq->store, rq->id), id);
}
