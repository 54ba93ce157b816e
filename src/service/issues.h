/* issues: use cases for the plans, strategic issues and imperatives a buyer shares, and the provider's answers from experience. */
#ifndef ACCORD_ISSUES_H
#define ACCORD_ISSUES_H

#include <jansson.h>

#include "../domain/review.h"
#include "../store/store.h"
#include "caller.h"
#include "orgs.h"

#define ISSUE_TITLE_MAX 200
#define ISSUE_BODY_MAX (32 * 1024)

struct issue_input {
	const char *kind;   /* issue (default) | plan | imperative */
	const char *title;
	const char *body;
	long long review_id; /* 0: not tied to a review */
	const char *status;  /* updates only */
};

/* Returns the new id or -1; a review_id must be a review of the same engagement. */
long long issue_create(struct store *s, const struct caller *c, long long engagement_id,
		       const struct issue_input *in, struct error *err);
int issue_update(struct store *s, long long id, const struct issue_input *in, struct error *err);
/* The provider's answer; practice_id must name a practice in the library (0: none). */
long long issue_respond(struct store *s, const struct caller *c, long long issue_id,
			const char *body, long long practice_id, struct error *err);

/* The issue with its rendered body and its responses; NULL if absent. */
json_t *issue_get_json(struct store *s, long long id);
/* An engagement's issues, oldest first; status NULL or "" for any. */
json_t *issue_list_json(struct store *s, long long engagement_id, const char *status,
			struct page pg);

#endif
