/* api_engagements: engagements, their governance split and their mode over JSON. */
#include "../service/engagements.h"
#include "api.h"

#include <stdlib.h>

static void read_input(struct request *rq, struct engagement_input *in)
{
	json_t *gov = json_object_get(rq->json, "governance");

	in->provider_org_id = body_id(rq, "provider_org_id");
	in->title = body_str(rq, "title");
	in->service_line = body_str(rq, "service_line");
	in->starts_on = body_str(rq, "starts_on");
	in->ends_on = body_str(rq, "ends_on");
	in->contract_manager_id = body_id(rq, "contract_manager_id");
	for (int i = 0; i < GOV__MAX; i++)
		in->gov[i] = json_string_value(json_object_get(gov, gov_layer_name(i)));
	in->contract_value = json_object_get(rq->json, "contract_value");
	in->monthly_charge = json_object_get(rq->json, "monthly_charge");
	in->notice_days = json_object_get(rq->json, "notice_days");
	in->currency = body_str(rq, "currency");
	in->renewal = body_str(rq, "renewal");
}

/* Answers the engagement with its trust, written straight into the response. */
static void reply_engagement(struct request *rq, struct response *rs, int status, long long id)
{
	struct jsonw w;

	reply_json_begin(rs, status, &w);
	reply_json_end(rs, engagement_write(rq->store, id, true, &w) == 0);
}

void api_engagements_list(struct request *rq, struct response *rs)
{
	struct page pg;
	struct jsonw w;
	const char *within = request_query(rq, "expiring_within");

	if (within) {
		char *end = NULL;
		long days = strtol(within, &end, 10);

		if (!*within || *end || !(*within >= '0' && *within <= '9') || days < 0 || days > NOTICE_DAYS_MAX) {
			reply_error(rs, 422, "invalid", "expiring_within", "expiring_within must be a number of days from 0 to 3650");
			return;
		}
		reply_json_begin(rs, 200, &w);
		reply_json_end(rs, engagement_expiring_write(rq->store, &rq->caller, (int)days, &w) == 0);
		return;
	}
	if (!request_page(rq, rs, &pg))
		return;
	reply_json_begin(rs, 200, &w);
	reply_json_end(rs, engagement_list_write(rq->store, &rq->caller, pg, &w) == 0);
}

void api_engagements_create(struct request *rq, struct response *rs)
{
	struct engagement_input in = {0};
	struct error err = {0};
	long long id;

	read_input(rq, &in);
	id = engagement_create(rq->store, &rq->caller, &in, &err);
	if (id < 0)
		reply_err(rs, &err);
	else
		reply_engagement(rq, rs, 201, id);
}

void api_engagement_get(struct request *rq, struct response *rs)
{
	reply_engagement(rq, rs, 200, rq->id);
}

void api_engagement_update(struct request *rq, struct response *rs)
{
	struct engagement_input in = {0};
	struct error err = {0};

	read_input(rq, &in);
	if (engagement_update(rq->store, &rq->caller, rq->id, &in, &err) != 0)
		reply_err(rs, &err);
	else
		reply_engagement(rq, rs, 200, rq->id);
}

void api_engagement_acceptance(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (engagement_decide(rq->store, &rq->caller, rq->id, json_is_true(json_object_get(rq->json, "accepted")),
			      body_str(rq, "reason"), &err) != 0)
		reply_err(rs, &err);
	else
		reply_engagement(rq, rs, 200, rq->id);
}

void api_engagement_mode(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (engagement_set_mode(rq->store, &rq->caller, rq->id, body_str(rq, "mode"),
				body_str(rq, "reason"), &err) != 0)
		reply_err(rs, &err);
	else
		reply_engagement(rq, rs, 200, rq->id);
}
