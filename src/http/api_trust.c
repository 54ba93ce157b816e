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
	reply_json_text(rs, 200, trust_explanation(rq->store, rq->id));
}

/* Joins each engagement's trust to its compliance, by engagement id (both come in id order). */
json_t *portfolio_full_json(struct store *s, const struct caller *c, bool with_history)
{
	json_t *p = portfolio_json(s, c), *x;
	struct trust_summary *t = NULL;
	size_t i, j = 0, n = 0;

	if (!p || trust_summaries_org(s, c, &t, &n)) {
		json_decref(p);
		return NULL;
	}
	json_array_foreach(json_object_get(p, "items"), i, x)
	{
		long long id = json_integer_value(json_object_get(x, "engagement_id"));

		while (j < n && t[j].engagement_id < id)
			j++;
		if (j == n || t[j].engagement_id != id)
			continue;
		json_object_set_new(x, "mode", json_string(t[j].mode));
		json_object_set_new(x, "trust", t[j].known ? json_real(t[j].score) : json_null());
		json_object_set_new(x, "advice", json_string(t[j].advice));
		json_object_set_new(x, "recommended_mode", json_string(t[j].recommended_mode));
		if (with_history)
			json_object_set_new(x, "trust_history", t[j].history ? json_loads(t[j].history, 0, NULL) : json_array());
		else
			json_object_set_new(x, "trust_scores", json_string(t[j].scores ? t[j].scores : ""));
	}
	trust_summaries_free(t, n);
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
	p = portfolio_full_json(rq->store, &rq->caller, !f || strcmp(f, "csv") != 0);
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
