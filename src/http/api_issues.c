/* api_issues: strategic issues, plans and imperatives the buyer shares, and the provider's responses over JSON. */
#include "../service/issues.h"
#include "api.h"

static const char *const issue_statuses[] = {"open", "addressed", "closed", NULL};

static void read_input(struct request *rq, struct issue_input *in)
{
	in->kind = body_str(rq, "kind");
	in->title = body_str(rq, "title");
	in->body = body_str(rq, "body");
	in->review_id = body_id(rq, "review_id");
	in->status = body_str(rq, "status");
}

void api_issues_list(struct request *rq, struct response *rs)
{
	struct page pg;
	const char *status;

	if (request_choice(rq, rs, "status", issue_statuses, &status) && request_page(rq, rs, &pg))
		reply_json(rs, 200, issue_list_json(rq->store, rq->id, status, pg));
}

void api_issues_create(struct request *rq, struct response *rs)
{
	struct issue_input in;
	struct error err = {0};
	long long id;

	read_input(rq, &in);
	id = issue_create(rq->store, &rq->caller, rq->id, &in, &err);
	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, issue_get_json(rq->store, id));
}

void api_issue_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, issue_get_json(rq->store, rq->id));
}

void api_issue_update(struct request *rq, struct response *rs)
{
	struct issue_input in;
	struct error err = {0};

	read_input(rq, &in);
	if (issue_update(rq->store, rq->id, &in, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, issue_get_json(rq->store, rq->id));
}

void api_issue_respond(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long id = issue_respond(rq->store, &rq->caller, rq->id, body_str(rq, "body"),
				     body_id(rq, "practice_id"), &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, issue_get_json(rq->store, rq->id));
}
