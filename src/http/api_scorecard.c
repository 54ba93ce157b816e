/* api_scorecard: the delivery scorecards (an engagement's, the organisation's portfolio) and the service credits over JSON, and the buyer's decision on a credit. */
#include "../service/clock.h"
#include "../service/credit_decisions.h"
#include "../service/scorecard.h"
#include "api.h"

bool scorecard_window_query(struct request *rq, struct score_window *w, struct error *err)
{
	return score_window_read(request_query(rq, "from"), request_query(rq, "to"), clock_today(), w, err);
}

void api_scorecard(struct request *rq, struct response *rs)
{
	struct error err = {0};
	struct score_window w;
	struct scorecard sc;
	struct jsonw jw;

	if (!scorecard_window_query(rq, &w, &err)) {
		reply_err(rs, &err);
		return;
	}
	/* Written with jsonw from the plain scorecard: building and dumping a jansson tree was most of the request. */
	if (scorecard_read(rq->store, rq->id, w, &sc, &err) != 0) {
		reply_err(rs, &err);
	} else {
		reply_json_begin(rs, 200, &jw);
		scorecard_write(&sc, &jw);
		reply_json_end(rs, true);
	}
	scorecard_free(&sc);
}

void api_portfolio_scorecard(struct request *rq, struct response *rs)
{
	struct error err = {0};
	struct score_window w;
	json_t *j;

	if (!scorecard_window_query(rq, &w, &err) || !(j = scorecard_portfolio_json(rq->store, &rq->caller, w, &err))) {
		reply_err(rs, &err);
		return;
	}
	reply_json(rs, 200, j);
}

void api_credits_list(struct request *rq, struct response *rs)
{
	struct error err = {0};
	json_t *j = credits_json(rq->store, rq->id, &err);

	if (!j)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, j);
}

void api_credit_decide(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (credit_decide(rq->store, &rq->caller, rq->id, body_str(rq, "status"), body_str(rq, "reason"), &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, credit_get_json(rq->store, rq->id));
}
