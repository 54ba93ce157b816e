/* api_trust: relationship surveys, the explained trust score and the portfolio of trust and compliance over JSON (and CSV). */
#include <stdio.h>
#include <string.h>

#include "../service/reviews.h"
#include "../service/surveys.h"
#include "../service/trust.h"
#include "api.h"

void api_surveys_list(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, survey_list_json(rq->store, rq->id, (rq->rel & REL_BUYER) != 0));
}

void api_surveys_submit(struct request *rq, struct response *rs)
{
	json_t *answers = json_object_get(rq->json, "answers");
	struct survey_input in = {body_id(rq, "period"), {0}, body_str(rq, "comment")};
	struct error err = {0};
	bool buyer = (rq->rel & REL_BUYER) != 0;

	for (int i = 0; i < SD__MAX; i++)
		in.answers[i] = json_integer_value(json_object_get(answers, survey_dimension_names[i]));
	if (survey_submit(rq->store, &rq->caller, rq->id, buyer, &in, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, survey_list_json(rq->store, rq->id, buyer));
}

void api_trust(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, trust_json(rq->store, rq->id));
}

/* Joins each engagement's trust to its compliance, by engagement id. */
json_t *portfolio_full_json(struct store *s, const struct caller *c)
{
	json_t *p = portfolio_json(s, c), *t = trust_portfolio_json(s, c), *x, *y;
	size_t i, j;

	if (!p || !t) {
		json_decref(p);
		json_decref(t);
		return NULL;
	}
	json_array_foreach(json_object_get(p, "items"), i, x)
	{
		json_array_foreach(t, j, y)
		{
			if (json_integer_value(json_object_get(y, "engagement_id")) !=
			    json_integer_value(json_object_get(x, "engagement_id")))
				continue;
			json_object_set(x, "mode", json_object_get(y, "mode"));
			json_object_set(x, "trust", json_object_get(y, "score"));
			json_object_set(x, "advice", json_object_get(y, "advice"));
			json_object_set(x, "recommended_mode", json_object_get(y, "recommended_mode"));
			json_object_set(x, "trust_history", json_object_get(y, "history"));
		}
	}
	json_decref(t);
	return p;
}

void api_portfolio_full(struct request *rq, struct response *rs)
{
	const char *f = request_query(rq, "format");
	json_t *p;

	if (f && strcmp(f, "json") != 0 && strcmp(f, "csv") != 0) {
		reply_error(rs, 400, "invalid", "format", "format must be json or csv");
		return;
	}
	p = portfolio_full_json(rq->store, &rq->caller);
	if (!f || strcmp(f, "csv") != 0) {
		reply_json(rs, 200, p);
		return;
	}
	rs->status = 200;
	rs->content_type = "text/csv; charset=utf-8";
	buf_reset(&rs->body);
	portfolio_csv(&rs->body, json_object_get(p, "items"));
	reply_header(rs, "Content-Disposition", "attachment; filename=\"portfolio.csv\"");
	json_decref(p);
}
