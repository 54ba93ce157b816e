/* api_roadmaps: roadmaps, their items, sharing, suggestions, sealed bids and awards over JSON. */
#include <stdlib.h>

#include "../service/roadmaps.h"
#include "api.h"

static bool is_buyer(struct request *rq)
{
	return (rq->rel & REL_BUYER) != 0;
}

void api_roadmaps_list(struct request *rq, struct response *rs)
{
	struct page pg;

	if (request_page(rq, rs, &pg))
		reply_json(rs, 200, roadmap_list_json(rq->store, &rq->caller, pg));
}

void api_roadmaps_create(struct request *rq, struct response *rs)
{
	struct roadmap_input in = {body_id(rq, "unit_id"), body_id(rq, "fiscal_year"), body_id(rq, "budget"),
				   body_str(rq, "title"), json_is_integer(json_object_get(rq->json, "budget"))};
	struct error err = {0};
	long long id = roadmap_create(rq->store, &rq->caller, &in, &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, roadmap_get_json(rq->store, &rq->caller, id, true));
}

void api_roadmap_update(struct request *rq, struct response *rs)
{
	struct roadmap_patch p = {body_id(rq, "unit_id"), body_id(rq, "fiscal_year"), body_id(rq, "budget"),
				  json_object_get(rq->json, "unit_id") != NULL, json_object_get(rq->json, "fiscal_year") != NULL,
				  json_object_get(rq->json, "budget") != NULL, body_str(rq, "title")};
	struct error err = {0};

	if (roadmap_update(rq->store, &rq->caller, rq->id, &p, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, roadmap_get_json(rq->store, &rq->caller, rq->id, true));
}

void api_roadmap_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, roadmap_get_json(rq->store, &rq->caller, rq->id, is_buyer(rq)));
}

void api_roadmap_items_create(struct request *rq, struct response *rs)
{
	struct item_input in = {body_str(rq, "title"), body_id(rq, "budget"),
				json_is_integer(json_object_get(rq->json, "budget")), body_str(rq, "starts_on"),
				body_str(rq, "ends_on"), json_is_true(json_object_get(rq->json, "open_for_bids")),
				body_str(rq, "bid_deadline"), body_str(rq, "description")};
	struct error err = {0};
	long long id = roadmap_item_create(rq->store, rq->id, &in, &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, roadmap_item_json(rq->store, &rq->caller, id, true));
}

void api_roadmap_share(struct request *rq, struct response *rs)
{
	json_t *ids = json_object_get(rq->json, "org_ids"), *x;
	size_t n = json_array_size(ids), i;
	long long *v = calloc(n ? n : 1, sizeof *v);
	struct error err = {0};

	if (!v) {
		reply_error(rs, 500, "internal", NULL, "out of memory");
		return;
	}
	json_array_foreach(ids, i, x) v[i] = json_integer_value(x);
	if (roadmap_share(rq->store, rq->id, v, n, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, roadmap_get_json(rq->store, &rq->caller, rq->id, true));
	free(v);
}

void api_roadmap_item_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, roadmap_item_json(rq->store, &rq->caller, rq->id, is_buyer(rq)));
}

void api_bids_list(struct request *rq, struct response *rs)
{
	struct error err = {0};
	json_t *list = bid_list_json(rq->store, &rq->caller, rq->id, is_buyer(rq), &err);

	if (!list)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, list);
}

void api_bids_submit(struct request *rq, struct response *rs)
{
	struct error err = {0};
	bool above = false;
	long long id = bid_submit(rq->store, &rq->caller, rq->id, body_id(rq, "amount"),
				  body_str(rq, "proposal"), &above, &err);
	json_t *out;

	if (id < 0) {
		reply_err(rs, &err);
		return;
	}
	/* Accepted either way; a bid above the item's budget carries a warning to its bidder. */
	out = bid_list_json(rq->store, &rq->caller, rq->id, false, &err);
	if (out)
		json_object_set_new(out, "warnings", above ? json_pack("[{s:s}]", "code", "above_budget") : json_array());
	reply_json(rs, 201, out);
}

void api_bid_update(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (bid_set_status(rq->store, rq->id, body_str(rq, "status"), is_buyer(rq), &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, json_pack("{s:I, s:s}", "id", rq->id, "status", body_str(rq, "status")));
}

void api_roadmap_item_update(struct request *rq, struct response *rs)
{
	struct error err = {0};

	struct item_patch p = {body_str(rq, "title"), body_str(rq, "description"), body_str(rq, "status"),
			       body_str(rq, "bid_deadline"), json_is_true(json_object_get(rq->json, "close_bidding"))};

	if (roadmap_item_update(rq->store, rq->id, &p, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, roadmap_item_json(rq->store, &rq->caller, rq->id, true));
}

void api_award(struct request *rq, struct response *rs)
{
	struct error err = {0};
	int rc = json_is_true(json_object_get(rq->json, "create_engagement"))
			 ? bid_award_engaging(rq->store, &rq->caller, rq->id, body_id(rq, "bid_id"), body_str(rq, "service_line"),
					      body_str(rq, "rationale"), &err)
			 : bid_award(rq->store, rq->id, body_id(rq, "bid_id"), body_str(rq, "rationale"), &err);

	if (rc != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, roadmap_item_json(rq->store, &rq->caller, rq->id, true));
}

void api_suggestions_list(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, suggestion_list_json(rq->store, &rq->caller, rq->id, is_buyer(rq)));
}

void api_suggestions_create(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long id = suggestion_create(rq->store, &rq->caller, rq->id, body_str(rq, "body"), &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, suggestion_get_json(rq->store, id));
}

void api_suggestion_decide(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (suggestion_decide(rq->store, rq->id, body_str(rq, "status"), body_str(rq, "note"), &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, suggestion_get_json(rq->store, rq->id));
}
