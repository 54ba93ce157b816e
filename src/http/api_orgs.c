/* api_orgs: organisations, their users and their business units over JSON. */
#include "../service/orgs.h"
#include "api.h"

void api_orgs_list(struct request *rq, struct response *rs)
{
	struct page pg;

	if (request_page(rq, rs, &pg))
		reply_json(rs, 200, org_list_json(rq->store, &rq->caller, pg));
}

void api_orgs_create(struct request *rq, struct response *rs)
{
	struct org_input in = {body_str(rq, "name"), body_str(rq, "kind"), body_str(rq, "industry")};
	struct error err = {0};
	long long id = org_create(rq->store, &in, &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, org_get_json(rq->store, id));
}

void api_org_get(struct request *rq, struct response *rs)
{
	json_t *o = org_get_json(rq->store, rq->id);

	if (!o)
		reply_error(rs, 404, "not_found", NULL, "not found");
	else
		reply_json(rs, 200, o);
}

void api_org_users_list(struct request *rq, struct response *rs)
{
	struct page pg;

	if (request_page(rq, rs, &pg))
		reply_json(rs, 200, user_list_json(rq->store, rq->id, pg));
}

void api_org_users_create(struct request *rq, struct response *rs)
{
	struct user_input in = {rq->id, body_str(rq, "email"), body_str(rq, "name"), 0,
				body_str(rq, "password")};
	json_t *roles = json_object_get(rq->json, "roles"), *r;
	struct error err = {0};
	long long id;
	size_t i;

	/* Whether the caller may grant these roles the router decided (R_GRANTS). */
	json_array_foreach(roles, i, r) in.roles |= ROLE_BIT(role_parse(json_string_value(r)));
	id = user_create(rq->store, &in, &err);
	if (id < 0) {
		reply_err(rs, &err);
		return;
	}
	reply_json(rs, 201, json_pack("{s:I, s:I, s:s, s:s, s:o}", "id", id, "org_id", rq->id,
				      "email", in.email, "name", in.name, "roles",
				      roles_json(in.roles)));
}

void api_user_patch(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (user_roles_set(rq->store, rq->id, request_roles(rq), &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, user_get_json(rq->store, rq->id));
}

void api_user_deactivate(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (user_deactivate(rq->store, &rq->caller, rq->id, &err) != 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, user_get_json(rq->store, rq->id));
}

void api_org_units_list(struct request *rq, struct response *rs)
{
	struct page pg;

	if (request_page(rq, rs, &pg))
		reply_json(rs, 200, unit_list_json(rq->store, rq->id, pg));
}

void api_org_units_create(struct request *rq, struct response *rs)
{
	struct unit_input in = {rq->id, body_str(rq, "name"), body_id(rq, "cio_user_id")};
	struct error err = {0};
	long long id = unit_create(rq->store, &in, &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, json_pack("{s:I, s:I, s:s, s:o}", "id", id, "org_id", rq->id,
					      "name", in.name, "cio_user_id",
					      in.cio_user_id ? json_integer(in.cio_user_id) : json_null()));
}
