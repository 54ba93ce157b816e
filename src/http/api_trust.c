/* api_trust: relationship surveys, the explained trust score and the portfolio of trust and compliance over JSON (and CSV). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/attention.h"
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

static json_t *date_or_null(const char *d)
{
	return *d ? json_string(d) : json_null();
}

/* Each engagement of the caller's organisation with its compliance and trust, from the stored summaries. */
json_t *portfolio_full_json(struct store *s, const struct caller *c, bool with_history)
{
	static const char *const keys[] = {"due", "held_on_time", "late", "missed", "in_grace",
					   "without_quorum", "upcoming", "cancelled"};
	long long sums[8] = {0}, attention = 0;
	struct trust_summary *t = NULL;
	struct attention *att = NULL;
	json_t *items, *totals;
	size_t n = 0, na = 0;

	if (trust_summaries_org(s, c, with_history, &t, &n))
		return NULL;
	if (attention_org(s, c, &att, &na)) {
		trust_summaries_free(t, n);
		return NULL;
	}
	items = json_array();
	for (size_t i = 0; i < n; i++) {
		const struct compliance *k = &t[i].compliance;
		int v[8] = {k->due, k->held_on_time, k->late, k->missed, k->in_grace, k->without_quorum, k->upcoming, k->cancelled};
		json_t *x = json_pack("{s:I, s:s, s:s, s:s, s:I}", "engagement_id", t[i].engagement_id, "title", t[i].title,
				      "buyer", t[i].buyer, "provider", t[i].provider, "contract_manager_id",
				      t[i].contract_manager_id);

		for (int j = 0; j < 8; j++) {
			json_object_set_new(x, keys[j], json_integer(v[j]));
			sums[j] += v[j];
		}
		json_object_set_new(x, "next_due_on", date_or_null(t[i].next_due_on));
		json_object_set_new(x, "last_held_on", date_or_null(t[i].last_held_on));
		{
			/* Needs attention is attention.c's: the last 12 months, with its reasons by severity. */
			const struct attention *a = attention_find(att, na, t[i].engagement_id);

			json_object_set_new(x, "needs_attention", json_boolean(attention_needed(a)));
			json_object_set_new(x, "attention", attention_json(a));
			json_object_set_new(x, "notice_on", a && a->next_notice_on[0] ? json_string(a->next_notice_on) : json_null());
			json_object_set_new(x, "renewal", json_string(a ? a->renewal : "none"));
			attention += attention_needed(a);
		}
		json_object_set_new(x, "mode", json_string(t[i].mode));
		json_object_set_new(x, "trust", t[i].known ? json_real(t[i].score) : json_null());
		json_object_set_new(x, "advice", json_string(t[i].advice));
		json_object_set_new(x, "recommended_mode", json_string(t[i].recommended_mode));
		if (with_history)
			json_object_set_new(x, "trust_history", t[i].history ? json_loads(t[i].history, 0, NULL) : json_array());
		json_array_append_new(items, x);
	}
	totals = json_object();
	for (int j = 0; j < 8; j++)
		json_object_set_new(totals, keys[j], json_integer(sums[j]));
	json_object_set_new(totals, "engagements", json_integer((json_int_t)n));
	json_object_set_new(totals, "needs_attention", json_integer(attention));
	trust_summaries_free(t, n);
	free(att);
	return json_pack("{s:o, s:o, s:o}", "items", items, "totals", totals, "next", json_null());
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
