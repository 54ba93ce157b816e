/* practice: the rules of the best-practice exchange that need no store — tags, and who may move an adoption from one stage to the next. */
#ifndef ACCORD_PRACTICE_H
#define ACCORD_PRACTICE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

#define PRACTICE_TITLE_MAX 200
#define PRACTICE_BODY_MAX (64 * 1024)
#define PRACTICE_TAGS_MAX 12
#define PRACTICE_TAG_MAX 40
#define TERM_MAX 120
#define TERMS_MAX 500
#define BENEFIT_TEXT_MAX 2000
#define BENEFIT_UNIT_MAX 40

/*
 * Normalises a list of tags into "a,b,c": each trimmed, ASCII letters lower-cased, inner
 * runs of spaces made one, duplicates dropped (first kept). A tag is 1..PRACTICE_TAG_MAX
 * bytes of letters, digits, spaces, '-', '+', '/' or '.', or any non-ASCII UTF-8
 * letter; at most PRACTICE_TAGS_MAX. On failure sets err naming field "tags" and
 * returns -1. out must hold PRACTICE_TAGS_MAX * (PRACTICE_TAG_MAX + 1) bytes.
 */
#define PRACTICE_TAGS_BUF (PRACTICE_TAGS_MAX * (PRACTICE_TAG_MAX + 1) + 1)
int practice_tags_normalize(const char *const *tags, size_t n, char *out, struct error *err);

enum adoption_status {
	ADOPT_PROPOSED,
	ADOPT_BUYIN,
	ADOPT_IMPLEMENTING,
	ADOPT_IMPLEMENTED,
	ADOPT_REJECTED,
	ADOPT__MAX
};

const char *adoption_status_name(enum adoption_status s);
/* -1 if not a status name. */
int adoption_status_parse(const char *s);

/* Which side of the engagement asks for a step. */
enum adoption_side { SIDE_CUSTOMER, SIDE_PROVIDER };

/*
 * Whether `side` may move an adoption from `from` to `to` (see docs/practices.md): the
 * customer gives or withdraws buy-in and rejects; either side records implementation.
 * On refusal sets err (403 for the wrong side, 409 for an impossible step), field "status".
 */
bool adoption_step_allowed(enum adoption_status from, enum adoption_status to,
			   enum adoption_side side, struct error *err);

#endif
