/* replies: the conversations under a strategic issue (buyer and provider) and under one provider's response to a problem statement (the buyer and that provider). */
#ifndef ACCORD_REPLIES_H
#define ACCORD_REPLIES_H

#include <jansson.h>

#include "../store/store.h"
#include "caller.h"

/* A reply's Markdown text, at most this many bytes. */
#define REPLY_BODY_MAX (32 * 1024)

/*
 * The caller (the issue's buyer or provider; the route decides who) replies under strategic
 * issue `issue_id`, answering its response `response_id` when not 0 (422 response_id when that
 * is not one of this issue's responses). The issue's latest post becomes the caller's side's.
 * Returns the reply's id, or -1 (err says why: 422 body when it is empty or too long).
 */
long long issue_reply(struct store *s, const struct caller *c, long long issue_id, const char *body,
		      long long response_id, struct error *err);
/* The issue's replies, oldest first: [{id, issue_id, response_id, side, org_id, org_name, author_id, author_name, body, body_html, created_at}]. */
json_t *issue_replies_json(struct store *s, long long issue_id);

/* The caller (the problem's buyer or the response's author; the route decides) replies under problem response `response_id`. */
long long problem_reply(struct store *s, const struct caller *c, long long response_id, const char *body, struct error *err);
/* The response's replies, oldest first: [{id, response_id, side, org_id, org_name, author_id, author_name, body, body_html, created_at}]. */
json_t *problem_replies_json(struct store *s, long long response_id);
/* The problem statement a response answers; 0 when there is no such response. */
long long problem_of_response(struct store *s, long long response_id);

#endif
