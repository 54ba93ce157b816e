/* surveys: the bilateral relationship survey after each held review, and the rule that neither side sees the other's answers first. */
#include "surveys.h"

#include <stdio.h>
#include <string.h>

#include "../domain/review.h"
#include "clock.h"
#include "orgs.h"

const char *const survey_dimension_names[SD__MAX] = {"trust", "communication", "value",
						     "innovation", "responsiveness"};

bool survey_revealed(bool buyer_answered, bool provider_answered, struct date held_on,
		     struct date today)
{
	return (buyer_answered && provider_answered) ||
	       date_compare(today, date_add_days(held_on, SURVEY_PERIOD_DAYS)) > 0;
}

struct period_row {
	int found;
	long long engagement_id, buyer;
	char state[16], held_on[11];
};

static int period_cb(void *ctx, const struct sqlval *c, int n)
{
	struct period_row *p = ctx;

	(void)n;
	p->found = 1;
	p->engagement_id = c[1].i;
	snprintf(p->held_on, sizeof p->held_on, "%s", c[3].s ? c[3].s : "");
	snprintf(p->state, sizeof p->state, "%s", c[4].s);
	return 1;
}

static int buyer_cb(void *ctx, const struct sqlval *c, int n)
{
	(void)n;
	*(long long *)ctx = c[0].i;
	return 1;
}

int survey_submit(struct store *s, const struct caller *c, long long eng, bool buyer_side,
		  const struct survey_input *in, struct error *err)
{
	static const char *const fields[SD__MAX] = {"answers.trust", "answers.communication",
						    "answers.value", "answers.innovation",
						    "answers.responsiveness"};
	struct period_row p = {0};
	struct date held, closes;
	struct sqlval a[1];
	char now[24], d[11];

	for (int i = 0; i < SD__MAX; i++) {
		if (in->answers[i] < 1 || in->answers[i] > 5) {
			error_set(err, 422, in->answers[i] ? "invalid" : "required", fields[i],
				  "%s must be a whole number from 1 to 5", fields[i]);
			return -1;
		}
	}
	if (in->comment && strlen(in->comment) > SURVEY_COMMENT_MAX) {
		error_set(err, 422, "too_long", "comment", "the comment is too long");
		return -1;
	}
	a[0] = SQL_I(in->period);
	if (in->period <= 0 || store_exec(s, STMT_REVIEW_GET, a, 1, period_cb, &p, err) < 0 ||
	    !p.found || p.engagement_id != eng) {
		error_set(err, 422, "invalid", "period",
			  "period must be the id of a held review of this engagement");
		return -1;
	}
	if (strcmp(p.state, "held") != 0 || !date_parse(p.held_on, &held)) {
		error_set(err, 422, "invalid", "period",
			  "the survey opens once the review has been held");
		return -1;
	}
	closes = date_add_days(held, SURVEY_PERIOD_DAYS);
	if (date_compare(clock_today(), closes) > 0) {
		date_format(closes, d);
		error_set(err, 409, "closed", "period", "this survey period closed on %s", d);
		return -1;
	}
	now_iso(now);
	return survey_record(s, c, eng, buyer_side, in, now, err);
}

int survey_record(struct store *s, const struct caller *c, long long eng, bool buyer_side,
		  const struct survey_input *in, const char *submitted_at, struct error *err)
{
	struct sqlval a[12];
	long long buyer = 0, frozen_check = 0;

	a[0] = SQL_I(eng);
	if (store_exec(s, STMT_ENG_PARTIES, a, 1, buyer_cb, &buyer, err) < 0)
		return -1;
	a[0] = SQL_I(buyer);
	a[1] = SQL_I(eng);
	a[2] = SQL_I(in->period);
	a[3] = SQL_T(buyer_side ? "buyer" : "provider");
	for (int i = 0; i < SD__MAX; i++)
		a[4 + i] = SQL_I(in->answers[i]);
	a[9] = SQL_T(in->comment ? in->comment : "");
	a[10] = SQL_I(c->user_id);
	a[11] = SQL_T(submitted_at);
	/*
	 * Frozen once revealed. The reveal is deterministic (survey_revealed: both sides have
	 * answered, or the period has closed, when submitting is refused anyway), so it is derived,
	 * not recorded: from the moment the second side's answers are stored both sides can read
	 * the other's — the second side in the very answer to its submission — and which reader
	 * looked when cannot be told apart from who could have. So neither side changes its answers
	 * after that. The condition is part of the one upsert (SURVEY_PUT): check and write are one
	 * statement, with no window between them in which the other side's answer could land.
	 */
	switch (store_int(s, STMT_SURVEY_PUT, a, 12, &frozen_check, err)) {
	case 0:
		return 0;
	case 1:
		error_set(err, 409, "survey_frozen", "period",
			  "both sides have answered and the answers have been revealed: yours for this period are final");
		return -1;
	default:
		return -1;
	}
}

/* Every held review of the engagement (a survey period), and the answers given. */
struct periods {
	json_t *items; /* newest first */
	json_t *answers; /* {"<review id>": {"buyer": {...}, "provider": {...}}} */
};

static int held_cb(void *ctx, const struct sqlval *c, int n)
{
	struct periods *p = ctx;
	struct date held;
	char closes[11];

	(void)n;
	if (strcmp(c[4].s, "held") != 0 || !c[3].s || !date_parse(c[3].s, &held))
		return 0;
	date_format(date_add_days(held, SURVEY_PERIOD_DAYS), closes);
	json_array_insert_new(p->items, 0,
			      json_pack("{s:I, s:s, s:s}", "period", c[0].i, "held_on", c[3].s,
					"closes_on", closes));
	return 0;
}

static int answer_cb(void *ctx, const struct sqlval *c, int n)
{
	struct periods *p = ctx;
	char key[24];
	json_t *slot, *a;
	double sum = 0;

	(void)n;
	snprintf(key, sizeof key, "%lld", c[0].i);
	slot = json_object_get(p->answers, key);
	if (!slot) {
		slot = json_object();
		json_object_set_new(p->answers, key, slot);
	}
	for (int i = 0; i < SD__MAX; i++)
		sum += (double)c[2 + i].i;
	a = json_pack("{s:I, s:I, s:I, s:I, s:I, s:s, s:I, s:s, s:s, s:f}", "trust", c[2].i,
		      "communication", c[3].i, "value", c[4].i, "innovation", c[5].i,
		      "responsiveness", c[6].i, "comment", c[7].s, "submitted_by", c[8].i,
		      "submitted_by_name", c[9].s, "submitted_at", c[10].s, "mean", sum / SD__MAX);
	json_object_set_new(slot, c[1].s, a);
	return 0;
}

json_t *survey_list_json(struct store *s, long long eng, bool buyer_side)
{
	struct periods p = {json_array(), json_object()};
	struct sqlval a[5] = {SQL_I(eng), SQL_I(0), SQL_I(0), SQL_I(0), SQL_I(1000000)};
	struct date today = clock_today();
	size_t i;
	json_t *x;

	if (store_exec(s, STMT_REVIEW_LIST_ENG, a, 5, held_cb, &p, NULL) < 0 ||
	    store_exec(s, STMT_SURVEY_LIST_ENG, a, 1, answer_cb, &p, NULL) < 0) {
		json_decref(p.items);
		json_decref(p.answers);
		return NULL;
	}
	json_array_foreach(p.items, i, x)
	{
		char key[24];
		json_t *slot, *mine, *theirs;
		struct date held;
		bool revealed;

		snprintf(key, sizeof key, "%lld", (long long)json_integer_value(json_object_get(x, "period")));
		slot = json_object_get(p.answers, key);
		mine = json_object_get(slot, buyer_side ? "buyer" : "provider");
		theirs = json_object_get(slot, buyer_side ? "provider" : "buyer");
		date_parse(json_string_value(json_object_get(x, "held_on")), &held);
		revealed = survey_revealed(mine != NULL, theirs != NULL, held, today);
		json_object_set_new(x, "side", json_string(buyer_side ? "buyer" : "provider"));
		json_object_set_new(x, "closed", json_boolean(date_compare(today, date_add_days(held, SURVEY_PERIOD_DAYS)) > 0));
		json_object_set(x, "mine", mine ? mine : json_null());
		json_object_set_new(x, "theirs_answered", json_boolean(theirs != NULL));
		json_object_set_new(x, "revealed", json_boolean(revealed));
		json_object_set(x, "theirs", revealed && theirs ? theirs : json_null());
		/* Once both have answered the answers are revealed, and final (survey_record). */
		json_object_set_new(x, "final", json_boolean(mine && theirs));
	}
	json_decref(p.answers);
	return json_pack("{s:o, s:n}", "items", p.items, "next");
}
