/* api_reviews: the governance mandate, business reviews, attendance and compliance over JSON (and CSV). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/reviews.h"
#include "api.h"

void api_mandate_get(struct request *rq, struct response *rs)
{
	json_t *m = mandate_get_json(rq->store, rq->id);

	if (!m)
		reply_error(rs, 404, "not_found", NULL, "this engagement has no mandate yet");
	else
		reply_json(rs, 200, m);
}

void api_mandate_put(struct request *rq, struct response *rs)
{
	json_t *roles = json_object_get(rq->json, "required_roles"), *r, *grace;
	struct mandate_input in = {body_str(rq, "cadence"), 0, GRACE_DAYS_DEFAULT};
	struct error err = {0};
	struct page all = {0, SCHEDULE_MAX};
	size_t i;

	json_array_foreach(roles, i, r) in.required_roles |= ROLE_BIT(role_parse(json_string_value(r)));
	grace = json_object_get(rq->json, "grace_days");
	if (json_is_integer(grace))
		in.grace_days = json_integer_value(grace);
	if (mandate_set(rq->store, &rq->caller, rq->id, &in, &err) != 0) {
		reply_err(rs, &err);
		return;
	}
	reply_json(rs, 200, json_pack("{s:o, s:o}", "mandate", mandate_get_json(rq->store, rq->id),
				      "reviews", review_list_json(rq->store, rq->id, all)));
}

void api_reviews_list(struct request *rq, struct response *rs)
{
	struct page pg;

	if (request_page(rq, rs, &pg))
		reply_json(rs, 200, review_list_json(rq->store, rq->id, pg));
}

void api_reviews_create(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long id = review_create_adhoc(rq->store, rq->id, body_str(rq, "due_on"),
					   body_str(rq, "agenda"), &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, review_get_json(rq->store, id));
}

void api_review_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, review_get_json(rq->store, rq->id));
}

void api_review_update(struct request *rq, struct response *rs)
{
	struct review_input in = {body_str(rq, "status"),    body_str(rq, "held_on"),
				  body_str(rq, "cancel_reason"), body_str(rq, "agenda"),
				  body_str(rq, "minutes"),   body_str(rq, "decisions"),
				  body_str(rq, "due_on")};
	struct error err = {0};
	bool may_cancel = (rq->rel & REL_BUYER) && (rq->caller.roles & ROLES_CONTRACT);

	if (review_update(rq->store, rq->id, &in, may_cancel, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, review_get_json(rq->store, rq->id));
}

void api_review_attendance(struct request *rq, struct response *rs)
{
	json_t *list = json_object_get(rq->json, "attendees"), *x;
	size_t n = json_array_size(list), i;
	struct attendee *at = calloc(n ? n : 1, sizeof *at);
	struct error err = {0};

	if (!at) {
		reply_error(rs, 500, "internal", NULL, "out of memory");
		return;
	}
	json_array_foreach(list, i, x)
	{
		json_t *present = json_object_get(x, "present");

		at[i].user_id = json_integer_value(json_object_get(x, "user_id"));
		at[i].present = !present || json_is_null(present) || json_is_true(present);
	}
	if (attendance_set(rq->store, rq->id, at, n, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, review_get_json(rq->store, rq->id));
	free(at);
}

void api_engagement_people(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, json_pack("{s:o, s:n}", "items",
				      engagement_people_json(rq->store, rq->id, rq->caller.org_id), "next"));
}

/* ?format=csv answers CSV; anything else but json is a 400. */
static int wants_csv(struct request *rq, struct response *rs)
{
	const char *f = request_query(rq, "format");

	if (!f || strcmp(f, "json") == 0)
		return 0;
	if (strcmp(f, "csv") == 0)
		return 1;
	reply_error(rs, 400, "invalid", "format", "format must be json or csv");
	return -1;
}

static void reply_csv(struct response *rs, json_t *items, const char *filename)
{
	char disposition[96];

	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	buf_reset(&rs->body);
	compliance_csv(&rs->body, items);
	snprintf(disposition, sizeof disposition, "attachment; filename=\"%s\"", filename);
	reply_header(rs, "Content-Disposition", disposition);
}

void api_engagement_compliance(struct request *rq, struct response *rs)
{
	int csv = wants_csv(rq, rs);
	json_t *c, *items;

	if (csv < 0)
		return;
	c = compliance_json(rq->store, rq->id);
	if (csv != 1) {
		reply_json(rs, 200, c);
		return;
	}
	items = json_array();
	json_array_append_new(items, c);
	reply_csv(rs, items, "compliance.csv");
	json_decref(items);
}

void api_portfolio(struct request *rq, struct response *rs)
{
	int csv = wants_csv(rq, rs);
	json_t *p;

	if (csv < 0)
		return;
	p = portfolio_json(rq->store, &rq->caller);
	if (csv != 1) {
		reply_json(rs, 200, p);
		return;
	}
	reply_csv(rs, json_object_get(p, "items"), "portfolio-compliance.csv");
	json_decref(p);
}
