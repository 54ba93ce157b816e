/* api: the JSON API handlers named by the route table. */
#ifndef ACCORD_API_H
#define ACCORD_API_H

#include "http.h"

void api_healthz(struct request *rq, struct response *rs);
void api_login(struct request *rq, struct response *rs);
void api_logout(struct request *rq, struct response *rs);
void api_me(struct request *rq, struct response *rs);

void api_orgs_list(struct request *rq, struct response *rs);
void api_orgs_create(struct request *rq, struct response *rs);
void api_org_get(struct request *rq, struct response *rs);
void api_org_users_list(struct request *rq, struct response *rs);
void api_org_users_create(struct request *rq, struct response *rs);
void api_org_units_list(struct request *rq, struct response *rs);
void api_org_units_create(struct request *rq, struct response *rs);

void api_engagements_list(struct request *rq, struct response *rs);
void api_engagements_create(struct request *rq, struct response *rs);
void api_engagement_get(struct request *rq, struct response *rs);
void api_engagement_update(struct request *rq, struct response *rs);
void api_engagement_mode(struct request *rq, struct response *rs);

/* Helpers for handlers: a string or integer member of the validated body, or NULL / 0. */
const char *body_str(struct request *rq, const char *name);
long long body_id(struct request *rq, const char *name);

#endif
