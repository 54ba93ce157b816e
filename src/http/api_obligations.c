/* api_obligations: each side's obligations under an engagement over JSON — the register, recording one and deciding it. */
#include "../service/obligations.h"
#include "api.h"

void api_obligations_list(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, obligations_json(rq->store, rq->id));
}

void api_obligations_create(struct request *rq, struct response *rs)
{
	struct obligation_input in = {body_str(rq, "title"), body_str(rq, "owed_by"), body_str(rq, "due_on"),
				      body_str(rq, "recurrence")};
	struct error err = {0};
	long long id = obligation_create(rq->store, &rq->caller, rq->id, &in, &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, obligation_json(rq->store, id));
}

void api_obligation_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, obligation_json(rq->store, rq->id));
}

void api_obligation_update(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (obligation_decide(rq->store, &rq->caller, rq->id, body_str(rq, "status"), body_str(rq, "evidence"),
			      body_str(rq, "reason"), &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, obligation_json(rq->store, rq->id));
}
