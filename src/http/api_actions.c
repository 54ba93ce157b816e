/* api_actions: action items of reviews, their updates, and each person's own list over JSON. */
#include "../service/actions.h"
#include "api.h"

static const char *const action_statuses[] = {"open", "done", "dropped", NULL};

static void read_input(struct request *rq, struct action_input *in)
{
	in->title = body_str(rq, "title");
	in->owner_id = body_id(rq, "owner_id");
	in->due_on = body_str(rq, "due_on");
	in->status = body_str(rq, "status");
}

void api_actions_create(struct request *rq, struct response *rs)
{
	struct action_input in = {0};
	struct error err = {0};
	long long id;

	read_input(rq, &in);
	id = action_create(rq->store, &rq->caller, rq->id, &in, &err);
	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, action_get_json(rq->store, id));
}

void api_action_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, action_get_json(rq->store, rq->id));
}

void api_action_update(struct request *rq, struct response *rs)
{
	struct action_input in = {0};
	struct error err = {0};

	read_input(rq, &in);
	/* The owner who does not run reviews may only report progress on their own action. */
	if (!access_runs_reviews(rq->rel, rq->caller.roles) && (in.title || in.owner_id || in.due_on)) {
		reply_error(rs, 403, "forbidden", in.title ? "title" : in.owner_id ? "owner_id" : "due_on",
			    "as the action's owner you may change its status only");
		return;
	}
	if (action_update(rq->store, rq->id, &in, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, action_get_json(rq->store, rq->id));
}

/* Lists take ?status= and ?limit=&after=. */
static bool list_args(struct request *rq, struct response *rs, struct page *pg, const char **status)
{
	return request_choice(rq, rs, "status", action_statuses, status) &&
	       request_page(rq, rs, pg);
}

void api_review_actions(struct request *rq, struct response *rs)
{
	struct page pg;
	const char *status;

	if (list_args(rq, rs, &pg, &status))
		reply_json(rs, 200, action_list_review_json(rq->store, rq->id, status, pg));
}

void api_engagement_actions(struct request *rq, struct response *rs)
{
	struct page pg;
	const char *status;

	if (list_args(rq, rs, &pg, &status))
		reply_json(rs, 200, action_list_engagement_json(rq->store, rq->id, status, pg));
}

void api_my_actions(struct request *rq, struct response *rs)
{
	struct page pg;
	const char *status;

	if (list_args(rq, rs, &pg, &status))
		reply_json(rs, 200, action_list_owner_json(rq->store, rq->caller.user_id, status, pg));
}
