/* api_inbox: GET /api/v1/inbox, what waits for the caller (src/service/inbox.c decides what and for whom). */
#include "../service/inbox.h"
#include "api.h"

void api_inbox(struct request *rq, struct response *rs)
{
	struct error err = {0};
	json_t *inbox = inbox_json(rq->store, &rq->caller, &err);

	if (!inbox && err.status)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, inbox);
}
