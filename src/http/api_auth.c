/* api_auth: health, log-in, log-out, "me" and the password change. */
#include <stdio.h>

#include "../service/auth.h"
#include "../service/orgs.h"
#include "api.h"

const char *body_str(struct request *rq, const char *name)
{
	return json_string_value(json_object_get(rq->json, name));
}

long long body_id(struct request *rq, const char *name)
{
	return json_integer_value(json_object_get(rq->json, name));
}

/* Healthy means the database answers too, so a load balancer stops sending to a server that cannot serve. */
void api_healthz(struct request *rq, struct response *rs)
{
	long long v = 0;
	struct error err = {0};

	if (store_int(rq->store, STMT_SCHEMA_VERSION, NULL, 0, &v, &err) < 0)
		reply_json(rs, 503, json_pack("{s:b, s:s}", "ok", 0, "database", "unavailable"));
	else
		reply_json(rs, 200, json_pack("{s:b}", "ok", 1));
}

void api_login(struct request *rq, struct response *rs)
{
	char token[AUTH_TOKEN_LEN];
	struct caller c;
	struct error err = {0};
	long wait = 0;

	if (auth_login(rq->store, body_str(rq, "email"), body_str(rq, "password"), rq->client,
		       "api", token, &c, &wait, &err) != 0) {
		if (wait) {
			char secs[24];

			snprintf(secs, sizeof secs, "%ld", wait);
			reply_header(rs, "Retry-After", secs);
		}
		reply_err(rs, &err);
		return;
	}
	reply_json(rs, 200, json_pack("{s:s, s:o}", "token", token, "user", me_json(&c)));
}

void api_logout(struct request *rq, struct response *rs)
{
	auth_logout_caller(rq->store, rq->token, &rq->caller);
	reply_json(rs, 200, json_pack("{s:b}", "ok", 1));
}

void api_me(struct request *rq, struct response *rs)
{
	json_t *me = me_json(&rq->caller);
	char base[256], url[384];

	/* Calendar apps need the whole address to subscribe. */
	public_base_url(rq, base, sizeof base);
	snprintf(url, sizeof url, "%s/calendar/%s.ics", base, rq->caller.feed_token);
	json_object_set_new(me, "calendar_url", json_string(url));
	reply_json(rs, 200, me);
}

/* The caller's session ends with every other of theirs; the answer carries the one new token. */
void api_password_change(struct request *rq, struct response *rs)
{
	char token[AUTH_TOKEN_LEN];
	struct error err = {0};
	long wait = 0;

	if (auth_password_change(rq->store, &rq->caller, body_str(rq, "current_password"),
				 body_str(rq, "new_password"), rq->client, "api", token, &wait,
				 &err) != 0) {
		if (wait) {
			char secs[24];

			snprintf(secs, sizeof secs, "%ld", wait);
			reply_header(rs, "Retry-After", secs);
		}
		reply_err(rs, &err);
		return;
	}
	reply_json(rs, 200, json_pack("{s:s, s:o}", "token", token, "user", me_json(&rq->caller)));
}
