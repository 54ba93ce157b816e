/* pages_org: an organisation's page — its card, business units and people, and the forms its managers add them with. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/orgs.h"
#include "../service/practices.h"
#include "pages.h"


static bool may_manage(struct request *rq)
{
	return (rq->rel & REL_ADMIN) ||
	       ((rq->rel & REL_OWN) && (rq->caller.roles & ROLES_ORG_MANAGER));
}

/* The new-unit form: a name and a unit CIO chosen from the organisation's unit CIOs. */
static void unit_form(struct buf *b, struct request *rq, json_t *users, const struct error *err)
{
	const char *ids[PAGE_LIMIT_MAX + 1], *names[PAGE_LIMIT_MAX + 1];
	char idbuf[PAGE_LIMIT_MAX][24];
	size_t i, j, n = 0;
	json_t *u, *r;

	ids[n] = "";
	names[n++] = "— none yet —";
	json_array_foreach(json_object_get(users, "items"), i, u)
	{
		json_array_foreach(json_object_get(u, "roles"), j, r)
		{
			if (strcmp(json_string_value(r), "unit_cio") != 0 || n > PAGE_LIMIT_MAX)
				continue;
			snprintf(idbuf[n - 1], sizeof idbuf[0], "%lld",
				 (long long)json_integer_value(json_object_get(u, "id")));
			ids[n] = idbuf[n - 1];
			names[n++] = json_text(u, "name");
		}
	}
	form_input(b, "New unit", "name", "text", err ? request_form(rq, "name") : "", err);
	form_select(b, "Unit CIO", "cio_user_id", ids, names, n,
		    err ? request_form(rq, "cio_user_id") : "", err);
}

/* A buyer's confidential terms: what the practice exchange's leak check looks for besides its names. */
static void terms_section(struct buf *b, struct request *rq, const struct error *err)
{
	json_t *t = terms_json(rq->store, rq->id), *x;
	struct buf text;
	size_t i;

	buf_init(&text, 0);
	json_array_foreach(json_object_get(t, "terms"), i, x) buf_printf(&text, "%s\n", json_string_value(x));
	html_fmt(b, "<section class=\"card\" id=\"terms\"><h2>Confidential terms</h2><p class=\"muted\">Project names, products, places — anything that would identify you. A provider cannot publish a practice found with you while its text names any of them, your organisation, units, people or engagements, unless your contract manager approves.</p>");
	if (rq->caller.roles & (ROLES_CONTRACT | ROLE_BIT(ROLE_BUYER_CXO))) {
		html_fmt(b, "<form method=\"post\" action=\"/orgs/%lld/confidential-terms\" class=\"grid\">", rq->id);
		form_csrf(b, rq);
		form_error_banner(b, err, NULL);
		form_textarea(b, "One term per line", "terms", err ? request_form(rq, "terms") : (text.data ? text.data : ""), 6, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Save terms</button></div></form>");
	} else {
		html_fmt(b, "<p>%s</p>", text.data ? text.data : "None yet.");
	}
	html_fmt(b, "</section>");
	buf_release(&text);
	json_decref(t);
}

static void render(struct request *rq, struct response *rs, const char *which,
		   const struct error *err)
{
	static const char *const unit_fields[] = {"name", "cio_user_id", NULL};
	static const char *const user_fields[] = {"email", "name", "roles", "password", NULL};
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *org = org_get_json(rq->store, rq->id), *units = NULL, *users = NULL, *x, *r;
	bool buyer = strcmp(json_text(org, "kind"), "buyer") == 0;
	struct buf *b = &rs->body;
	size_t i, j;

	page_begin(rq, rs, json_text(org, "name"));
	html_fmt(b, "<h1>%s</h1><p class=\"muted\">%s%s%s</p>", json_text(org, "name"), json_text(org, "kind"),
		 *json_text(org, "industry") ? " · " : "", json_text(org, "industry"));
	if (!(rq->rel & (REL_ADMIN | REL_OWN | REL_PARTNER))) {
		html_fmt(b, "<section class=\"card\"><p class=\"muted\">You have no engagement with this organisation yet.</p></section>");
		goto out;
	}
	units = unit_list_json(rq->store, rq->id, pg);
	users = user_list_json(rq->store, rq->id, pg);
	if (buyer) {
		html_fmt(b, "<section class=\"card\"><h2>Business units</h2><table class=\"list\"><thead><tr><th>Unit</th><th>Unit CIO</th></tr></thead><tbody>");
		json_array_foreach(json_object_get(units, "items"), i, x)
			html_fmt(b, "<tr><td>%s</td><td>%s</td></tr>", json_text(x, "name"),
				 *json_text(x, "cio_name") ? json_text(x, "cio_name") : "—");
		html_fmt(b, "</tbody></table>");
		if (may_manage(rq)) {
			html_fmt(b, "<form method=\"post\" action=\"/orgs/%lld/units\" class=\"grid\">", rq->id);
			form_csrf(b, rq);
			if (which && strcmp(which, "unit") == 0)
				form_error_banner(b, err, unit_fields);
			unit_form(b, rq, users, which && strcmp(which, "unit") == 0 ? err : NULL);
			html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Add unit</button></div></form>");
		}
		html_fmt(b, "</section>");
	}
	html_fmt(b, "<section class=\"card\"><h2>People</h2><table class=\"list\"><thead><tr><th>Name</th><th>E-mail</th><th>Roles</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(users, "items"), i, x)
	{
		html_fmt(b, "<tr><td>%s</td><td>%s</td><td>", json_text(x, "name"), json_text(x, "email"));
		json_array_foreach(json_object_get(x, "roles"), j, r)
			html_fmt(b, "<span class=\"pill\">%s</span> ", role_label(role_parse(json_string_value(r))));
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table>");
	if (may_manage(rq)) {
		bool mine = which && strcmp(which, "user") == 0;
		const char *role = mine ? request_form(rq, "roles") : NULL;
		const char *roles[ROLE__MAX], *labels[ROLE__MAX];
		size_t n = 0;

		for (int k = 0; k < ROLE__MAX; k++)
			if (role_allowed_for_kind(k, org_kind_parse(json_text(org, "kind"))) &&
			    (k != ROLE_ADMIN || (rq->caller.roles & ROLE_BIT(ROLE_ADMIN))))
				labels[n] = role_label(k), roles[n++] = role_name(k);
		html_fmt(b, "<form method=\"post\" action=\"/orgs/%lld/users\" class=\"grid\">", rq->id);
		form_csrf(b, rq);
		if (mine)
			form_error_banner(b, err, user_fields);
		form_input(b, "Name", "name", "text", mine ? request_form(rq, "name") : "", mine ? err : NULL);
		form_input(b, "E-mail", "email", "email", mine ? request_form(rq, "email") : "", mine ? err : NULL);
		form_select(b, "Role", "roles", roles, labels, n, role, mine ? err : NULL);
		form_input(b, "Initial password", "password", "password", "", mine ? err : NULL);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Add person</button></div></form>");
	}
	html_fmt(b, "</section>");
	if (buyer && (rq->rel & REL_OWN) && (rq->caller.roles & ROLES_BUYER_GOV))
		terms_section(b, rq, which && !strcmp(which, "terms") ? err : NULL);
out:
	page_end(rs);
	json_decref(org);
	json_decref(units);
	json_decref(users);
}

void page_org(struct request *rq, struct response *rs)
{
	render(rq, rs, NULL, NULL);
}

static void done(struct request *rq, struct response *rs)
{
	char loc[48];

	snprintf(loc, sizeof loc, "/orgs/%lld", rq->id);
	reply_redirect(rs, loc);
}

void page_org_user_create(struct request *rq, struct response *rs)
{
	struct user_input in = {rq->id, request_form(rq, "email"), request_form(rq, "name"), 0,
				request_form(rq, "password")};
	struct error err = {0};
	int role = role_parse(request_form(rq, "roles"));

	if (role < 0)
		error_set(&err, 422, "invalid", "roles", "choose a role");
	else
		in.roles = ROLE_BIT(role);
	if (err.status || !role_grant_check(rq->caller.roles, in.roles, &err) ||
	    user_create(rq->store, &in, &err) < 0) {
		rs->status = err.status;
		render(rq, rs, "user", &err);
		return;
	}
	done(rq, rs);
}

void page_org_unit_create(struct request *rq, struct response *rs)
{
	struct unit_input in = {rq->id, request_form(rq, "name"), 0};
	const char *cio = request_form(rq, "cio_user_id");
	struct error err = {0};

	if (cio && *cio && !parse_id(cio, &in.cio_user_id))
		error_set(&err, 422, "invalid", "cio_user_id", "choose a unit CIO from the list");
	if (err.status || unit_create(rq->store, &in, &err) < 0) {
		rs->status = err.status;
		render(rq, rs, "unit", &err);
		return;
	}
	done(rq, rs);
}

void page_org_terms(struct request *rq, struct response *rs)
{
	const char *terms[TERMS_MAX + 1];
	const char *posted = request_form(rq, "terms");
	char *copy = strdup(posted ? posted : "");
	struct error err = {0};
	size_t n = 0;

	for (char *save = NULL, *t = copy ? strtok_r(copy, "\r\n", &save) : NULL; t && n <= TERMS_MAX; t = strtok_r(NULL, "\r\n", &save)) {
		while (*t == ' ' || *t == '\t')
			t++;
		if (*t)
			terms[n++] = t;
	}
	if (terms_put(rq->store, rq->id, terms, n, &err)) {
		free(copy);
		/* The field is the one text area, whichever line was wrong. */
		err.field = "terms";
		rs->status = err.status;
		render(rq, rs, "terms", &err);
		return;
	}
	free(copy);
	{
		char loc[64];

		snprintf(loc, sizeof loc, "/orgs/%lld#terms", rq->id);
		reply_redirect(rs, loc);
	}
}
