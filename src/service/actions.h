/* actions: use cases for the action items that review decisions produce, and each person's own list. */
#ifndef ACCORD_ACTIONS_H
#define ACCORD_ACTIONS_H

#include <jansson.h>

#include "../domain/review.h"
#include "../store/store.h"
#include "caller.h"
#include "orgs.h"

#define ACTION_TITLE_MAX 200

/* NULL / 0 fields are left as they are on update; on create title, owner_id and due_on are required. */
struct action_input {
	const char *title;
	long long owner_id;
	const char *due_on;
	const char *status;
	const char *closed_on; /* the day it was closed (demo history); NULL: today when closed */
};

/* The owner must belong to one of the engagement's two organisations. Returns the new id or -1. */
long long action_create(struct store *s, const struct caller *c, long long review_id,
			const struct action_input *in, struct error *err);
int action_update(struct store *s, long long id, const struct action_input *in, struct error *err);

/* {id, engagement_id, engagement_title, review_id, review_due_on, title, owner_id, owner_name, due_on, status, overdue}. */
json_t *action_get_json(struct store *s, long long id);
/* Lists in due order; status NULL or "" for any. */
json_t *action_list_review_json(struct store *s, long long review_id, const char *status, struct page pg);
json_t *action_list_engagement_json(struct store *s, long long eng, const char *status, struct page pg);
json_t *action_list_owner_json(struct store *s, long long user_id, const char *status, struct page pg);

#endif
