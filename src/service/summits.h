/* summits: use cases for buyers' planning summits and providers' customer summits — invitations, agenda, ratings, prospects — and problem statements. */
#ifndef ACCORD_SUMMITS_H
#define ACCORD_SUMMITS_H

#include <jansson.h>

#include "../store/store.h"
#include "caller.h"
#include "orgs.h"

#define SUMMIT_TITLE_MAX 200

struct summit_input {
	const char *kind, *title, *starts_on, *venue;
};

/* buyer-planning summits are hosted by buyers, provider-customer summits by providers. */
long long summit_create(struct store *s, const struct caller *c, const struct summit_input *in,
			struct error *err);
/*
 * Invites organisations by id (each of the kind the summit is for), or a whole group:
 * "providers" (every provider with an engagement with the host buyer), "customers"
 * (every buyer with an engagement with the host provider), "customers-and-prospects"
 * (those and the host's prospects). Inviting again changes nothing. Returns how many
 * organisations the summit now invites, or -1.
 */
int summit_invite(struct store *s, long long summit_id, const long long *org_ids, size_t n,
		  const char *group, struct error *err);
/* The invitee accepts or declines (409 attended once the host recorded attendance); the host records attendance. */
int invitation_set(struct store *s, long long id, const char *status, bool host, struct error *err);
/* The summit an invitation belongs to, or 0. */
long long invitation_summit_of(struct store *s, long long invitation_id);
/* The summit a session belongs to, or 0. */
long long session_summit_of(struct store *s, long long session_id);
/* Sets each session's "my_rating" ({rating, comment, rated_at} or null): what this person gave it. */
void summit_attach_my_ratings(struct store *s, json_t *summit, long long user_id);
/*
 * Adds a session to the agenda. A practice_id is accepted only from its author presenting
 * the session (403 not_author otherwise): a host that names another organisation as
 * presenter leaves the practice for that presenter to link (session_link_practice).
 */
long long summit_session_add(struct store *s, const struct caller *c, long long summit_id, const char *kind,
			     const char *title, long long presenter_org_id, long long roadmap_id, long long practice_id,
			     struct error *err);
/* The presenter links one of its own published practices to its best-practice session; *summit is set once the session is found. */
int session_link_practice(struct store *s, const struct caller *c, long long session_id, long long practice_id,
			  long long *summit, struct error *err);
int session_rate(struct store *s, const struct caller *c, long long session_id, long long rating,
		 const char *comment, struct error *err);
/*
 * The summit with invitations and agenda. The host gets every invitation and each session's
 * ratings summary and comments; anyone else (viewer_org) only its own invitation.
 */
json_t *summit_get_json(struct store *s, long long id, long long viewer_org, bool host);
json_t *summit_list_json(struct store *s, const struct caller *c, struct page pg);

int prospect_add(struct store *s, const struct caller *c, long long org_id, struct error *err);
json_t *prospect_list_json(struct store *s, const struct caller *c);

struct problem_input {
	const char *title, *body;
	long long engagement_id, summit_id;
};
long long problem_create(struct store *s, const struct caller *c, const struct problem_input *in,
			 struct error *err);
long long problem_respond(struct store *s, const struct caller *c, long long problem_id,
			  const char *body, long long practice_id, struct error *err);
int problem_response_set(struct store *s, long long id, const char *status, struct error *err);
/* The problem with the responses the caller may see: all for the buyer, its own for a provider. */
json_t *problem_get_json(struct store *s, const struct caller *c, long long id, bool buyer);
json_t *problem_list_json(struct store *s, const struct caller *c, struct page pg);

#endif
