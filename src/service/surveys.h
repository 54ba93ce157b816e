/* surveys: the bilateral relationship survey after each held review, and the rule that neither side sees the other's answers first. */
#ifndef ACCORD_SURVEYS_H
#define ACCORD_SURVEYS_H

#include <jansson.h>

#include "../domain/date.h"
#include "../store/store.h"
#include "caller.h"

#define SURVEY_PERIOD_DAYS 30 /* a period stays open this long after its review was held */
#define SURVEY_COMMENT_MAX 4000

enum survey_dimension { SD_TRUST, SD_COMMUNICATION, SD_VALUE, SD_INNOVATION, SD_RESPONSIVENESS, SD__MAX };
extern const char *const survey_dimension_names[SD__MAX];

struct survey_input {
	long long period; /* the held review the survey follows */
	long long answers[SD__MAX]; /* 1..5 each */
	const char *comment;
};

/*
 * Records the caller's side's answers for the period (replacing its earlier ones) while
 * the period is open and the other side has not answered; once both have answered, the
 * answers are revealed and final (409 survey_frozen, field period, nothing written).
 * buyer_side: the caller answers for the buyer (else the provider).
 */
int survey_submit(struct store *s, const struct caller *c, long long engagement_id,
		  bool buyer_side, const struct survey_input *in, struct error *err);

/* Records answers as given, with no period checks (the demo's history); survey_submit checks first. */
int survey_record(struct store *s, const struct caller *c, long long engagement_id, bool buyer_side,
		  const struct survey_input *in, const char *submitted_at, struct error *err);

/*
 * The periods of an engagement, newest first: {period, held_on, closes_on, closed,
 * mine, theirs, theirs_answered, revealed, final}; final: both answered, so neither changes. The other side's answers are shown only once
 * both sides have answered or the period has closed.
 */
json_t *survey_list_json(struct store *s, long long engagement_id, bool buyer_side);

/* Whether a period's answers are open to both sides: both answered, or closed by today. */
bool survey_revealed(bool buyer_answered, bool provider_answered, struct date held_on,
		     struct date today);

#endif
