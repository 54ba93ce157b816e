/* practices: use cases of the best-practice exchange — practices and their revisions, the leak check on publishing, approvals, search, and buyers' confidential terms (rules in docs/practices.md). */
#ifndef ACCORD_PRACTICES_H
#define ACCORD_PRACTICES_H

#include <jansson.h>

#include "../domain/practice.h"
#include "../store/store.h"
#include "caller.h"
#include "orgs.h"

/* A buyer's own confidential terms. */
json_t *terms_json(struct store *s, long long org_id);
/* Replaces the list; org_id must be a buyer. Each term 1..TERM_MAX characters, at most TERMS_MAX. */
int terms_put(struct store *s, long long org_id, const char *const *terms, size_t n, struct error *err);

/* A practice's text: NULL fields are kept from the current revision on a new revision. */
struct practice_input {
	const char *title, *body, *service_line;
	const char *const *tags; /* NULL with ntags 0 and tags_given false: keep */
	size_t ntags;
	bool tags_given;
	long long origin_engagement_id; /* creation only */
};

long long practice_create(struct store *s, const struct caller *c, const struct practice_input *in,
			  struct error *err);
/* Writes revision n+1; returns its number. */
int practice_revise(struct store *s, const struct caller *c, long long id,
		    const struct practice_input *in, struct error *err);

enum publish_result { PUBLISH_FAILED = -1, PUBLISHED = 0, AWAITING_APPROVAL = 1 };
/*
 * Runs the leak check on the current revision and publishes it when there is nothing to
 * find or the origin buyer approved this revision. With findings and no approval: with
 * request_approval records the request (AWAITING_APPROVAL), else fails 422 "leak" and
 * writes nothing. *findings (may be NULL) gets the findings array either way (caller
 * frees).
 */
enum publish_result practice_publish(struct store *s, const struct caller *c, long long id,
				     bool request_approval, json_t **findings, struct error *err);
/* The origin buyer's contract manager approves (and so publishes) or declines a requested revision. */
int practice_decide(struct store *s, const struct caller *c, long long id, long long revision,
		    const char *decision, const char *note, struct error *err);
int practice_retire(struct store *s, long long id, struct error *err);
/* The findings the current revision would have, without publishing (the practice page shows them). */
json_t *practice_findings_json(struct store *s, long long id);

/* The practice as the caller may see it, given its relations (REL_AUTHOR / REL_ORIGIN / REL_VIEWER). */
json_t *practice_get_json(struct store *s, const struct caller *c, long long id, unsigned rel);
json_t *practice_revisions_json(struct store *s, long long id);

struct practice_filter {
	const char *q, *tag, *industry, *service_line, *status;
};
/*
 * The practices the caller may see, newest first and keyset-paginated, or with q ranked
 * by relevance with "snippet" (the matched words between \x01 and \x02; the HTTP layer
 * escapes and highlights it) and a "total" of matches. Provenance only where the caller
 * may see it.
 */
json_t *practice_list_json(struct store *s, const struct caller *c, const struct practice_filter *f,
			   struct page pg, struct error *err);
/* A practice's provider, origin engagement and status ("draft", "published", "retired"); -1 with a 404 when there is none. */
int practice_brief(struct store *s, long long id, long long *provider, long long *origin, char status[16],
		   struct error *err);
/* Whether practice_id is a published practice of org (a response or a session may cite it). */
bool practice_citable(struct store *s, long long practice_id, long long org_id);

#endif
