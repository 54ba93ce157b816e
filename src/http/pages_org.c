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

/* The new-unit form: a name and a unit CIO chosen from the organisation's active unit CIOs. */
static void unit_form(struct buf *b, struct request *rq, long long org_id, const struct error *err)
{
	json_t *cios = user_choices_json(rq->store, org_id, ROLE_BIT(ROLE_UNIT_CIO));

	form_input(b, "New unit", "name", "text", err ? request_form(rq, "name") : "", err);
	form_pick(b, "Unit CIO", "cio_user_id", cios, err ? request_form(rq, "cio_user_id") : "", true, err);
	json_decref(cios);
}

/* A buyer's confidential terms: what the practice exchange's leak check looks for besides its names. */
static void terms_section(struct buf *b, struct request *rq, long long org_id, const struct error *err)
{
	json_t *t = terms_json(rq->store, org_id), *x;
	struct buf text;
	size_t i;

	buf_init(&text, 0);
	json_array_foreach(json_object_get(t, "terms"), i, x) buf_printf(&text, "%s\n", json_string_value(x));
	html_fmt(b, "<section class=\"card\" id=\"terms\"><h2>Confidential terms</h2><p class=\"muted\">Project names, products, places — anything that would identify you. No provider you work with, or ever worked with, can publish a practice whose text names any of them, your organisation, units, people, e-mail domains or engagements — unless the practice was found with you and your contract manager approves it.</p>");
	if (rq->caller.roles & (ROLES_CONTRACT | ROLE_BIT(ROLE_BUYER_CXO))) {
		html_fmt(b, "<form method=\"post\" action=\"/orgs/%lld/confidential-terms" FORM_ANCHOR "\" class=\"grid\">", org_id);
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

/*
 * One person's role change form: a checkbox for each role the caller may grant, a role the
 * person holds that the caller may not touch shown fixed (and kept by a hidden field).
 * Posting it asks for confirmation first (page_user_roles).
 */
static void roles_form(struct buf *b, struct request *rq, json_t *user, enum org_kind kind,
		       const struct error *err)
{
	role_mask grantable = role_grantable(rq->caller.roles, kind), held = 0;
	const char *msg = err && err->field && !strcmp(err->field, "roles") ? err->message : NULL;
	long long uid = json_num(user, "id");
	size_t j;
	json_t *r;

	json_array_foreach(json_object_get(user, "roles"), j, r)
	{
		int k = role_parse(json_string_value(r));

		if (k >= 0)
			held |= ROLE_BIT(k);
	}
	html_fmt(b, "<form method=\"post\" action=\"/users/%lld/roles" FORM_ANCHOR "\" class=\"roles\" id=\"roles-%lld\">", uid, uid);
	form_csrf(b, rq);
	html_fmt(b, "<fieldset class=\"field%s\"><legend>Roles of %s</legend>", msg ? " invalid" : "",
		 json_text(user, "name"));
	for (int k = 0; k < ROLE__MAX; k++) {
		if (!role_allowed_for_kind(k, kind) && !(held & ROLE_BIT(k)))
			continue;
		if (grantable & ROLE_BIT(k))
			html_fmt(b, "<label class=\"check\"><input type=\"checkbox\" name=\"roles\" value=\"%s\"%s> %s</label>",
				 role_name(k), (held & ROLE_BIT(k)) ? " checked" : "", role_label(k));
		else if (held & ROLE_BIT(k))
			html_fmt(b, "<input type=\"hidden\" name=\"roles\" value=\"%s\"><span class=\"pill\" title=\"you may not grant or remove this role\">%s</span>",
				 role_name(k), role_label(k));
	}
	if (msg)
		html_fmt(b, "<em class=\"error\">%s</em>", msg);
	html_fmt(b, "</fieldset><div class=\"actions\"><button type=\"submit\">Change roles…</button></div></form>");
}

/* The deactivate button of an active person, for a manager who may take every role the person holds (role_grant_allowed). */
static void deactivate_form(struct buf *b, struct request *rq, json_t *user, enum org_kind kind, const struct error *err)
{
	role_mask held = 0;
	size_t j;
	json_t *r;

	json_array_foreach(json_object_get(user, "roles"), j, r)
	{
		int k = role_parse(json_string_value(r));

		if (k >= 0)
			held |= ROLE_BIT(k);
	}
	if (role_grant_allowed(rq->caller.roles, kind, held, 0, false) != GRANT_OK)
		return;
	html_fmt(b, "<form method=\"post\" action=\"/users/%lld/deactivate" FORM_ANCHOR "\" class=\"inline\">", json_num(user, "id"));
	static const char *const no_fields[] = {NULL}; /* the refusal is about the person, not a field to link */

	form_csrf(b, rq);
	form_error_banner(b, err, no_fields);
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">Deactivate…</button></div></form>");
}

static void render(struct request *rq, struct response *rs, long long org_id, const char *which,
		   long long err_user, const struct error *err)
{
	static const char *const unit_fields[] = {"name", "cio_user_id", NULL};
	static const char *const user_fields[] = {"email", "name", "roles", "password", NULL};
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *org = org_get_json(rq->store, org_id), *units = NULL, *users = NULL, *x, *r;
	bool buyer = strcmp(json_text(org, "kind"), "buyer") == 0;
	enum org_kind kind = (enum org_kind)org_kind_parse(json_text(org, "kind"));
	struct buf *b = &rs->body;
	size_t i, j;

	page_begin(rq, rs, json_text(org, "name"));
	html_fmt(b, "<h1>%s</h1><p class=\"muted\">%s%s%s</p>", json_text(org, "name"), json_text(org, "kind"),
		 *json_text(org, "industry") ? " · " : "", json_text(org, "industry"));
	if (!(rq->rel & (REL_ADMIN | REL_OWN | REL_PARTNER))) {
		html_fmt(b, "<section class=\"card\"><p class=\"muted\">You have no engagement with this organisation yet.</p></section>");
		goto out;
	}
	units = unit_list_json(rq->store, org_id, pg);
	users = user_list_json(rq->store, org_id, pg);
	if (buyer) {
		html_fmt(b, "<section class=\"card\" id=\"units\"><h2>Business units</h2><table class=\"list\"><thead><tr><th>Unit</th><th>Unit CIO</th></tr></thead><tbody>");
		json_array_foreach(json_object_get(units, "items"), i, x)
			html_fmt(b, "<tr><td>%s</td><td>%s</td></tr>", json_text(x, "name"),
				 *json_text(x, "cio_name") ? json_text(x, "cio_name") : "—");
		html_fmt(b, "</tbody></table>");
		if (may_manage(rq)) {
			html_fmt(b, "<form method=\"post\" action=\"/orgs/%lld/units" FORM_ANCHOR "\" class=\"grid\">", org_id);
			form_csrf(b, rq);
			if (which && strcmp(which, "unit") == 0)
				form_error_banner(b, err, unit_fields);
			unit_form(b, rq, org_id, which && strcmp(which, "unit") == 0 ? err : NULL);
			html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Add unit</button></div></form>");
		}
		html_fmt(b, "</section>");
	}
	html_fmt(b, "<section class=\"card\" id=\"people\"><h2>People</h2><table class=\"list\"><thead><tr><th>Name</th><th>E-mail</th><th>Roles</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(users, "items"), i, x)
	{
		bool active = !json_is_string(json_object_get(x, "deactivated_at"));
		const struct error *mine = json_num(x, "id") == err_user ? err : NULL;

		html_fmt(b, "<tr id=\"user-%lld\"><td>%s", json_num(x, "id"), json_text(x, "name"));
		if (!active)
			html_fmt(b, " <span class=\"pill deactivated\">Deactivated %.10s</span>", json_text(x, "deactivated_at"));
		html_fmt(b, "</td><td>%s</td><td>", json_text(x, "email"));
		/* One's own roles are changed by another manager (docs/security.md, "Role grants"). */
		if (active && may_manage(rq) && json_num(x, "id") != rq->caller.user_id) {
			roles_form(b, rq, x, kind, which && !strcmp(which, "roles") ? mine : NULL);
			deactivate_form(b, rq, x, kind, which && !strcmp(which, "deactivate") ? mine : NULL);
		} else {
			json_array_foreach(json_object_get(x, "roles"), j, r)
				html_fmt(b, "<span class=\"pill\">%s</span> ", role_label(role_parse(json_string_value(r))));
		}
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table>");
	if (may_manage(rq)) {
		bool mine = which && strcmp(which, "user") == 0;
		const char *role = mine ? request_form(rq, "roles") : NULL;
		const char *roles[ROLE__MAX], *labels[ROLE__MAX];
		size_t n = 0;

		/* Only the roles the caller may grant (the router refuses any other). */
		for (int k = 0; k < ROLE__MAX; k++)
			if (role_allowed_for_kind(k, kind) && (role_grantable(rq->caller.roles, kind) & ROLE_BIT(k)))
				labels[n] = role_label(k), roles[n++] = role_name(k);
		html_fmt(b, "<form method=\"post\" action=\"/orgs/%lld/users" FORM_ANCHOR "\" class=\"grid\">", org_id);
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
		terms_section(b, rq, org_id, which && !strcmp(which, "terms") ? err : NULL);
out:
	page_end(rs);
	json_decref(org);
	json_decref(units);
	json_decref(users);
}

void page_org(struct request *rq, struct response *rs)
{
	render(rq, rs, rq->id, NULL, 0, NULL);
}

static void done(struct request *rq, struct response *rs, const char *anchor, const char *message)
{
	char loc[64];

	snprintf(loc, sizeof loc, "/orgs/%lld#%s", rq->id, anchor);
	page_saved(rq, rs, loc, message);
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
	/* Whether the caller may grant the role the router decided (R_GRANTS). */
	if (err.status || user_create(rq->store, &in, &err) < 0) {
		rs->status = err.status;
		render(rq, rs, rq->id, "user", 0, &err);
		return;
	}
	done(rq, rs, "people", "Person added.");
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
		render(rq, rs, rq->id, "unit", 0, &err);
		return;
	}
	done(rq, rs, "units", "Business unit added.");
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
		render(rq, rs, rq->id, "terms", 0, &err);
		return;
	}
	free(copy);
	done(rq, rs, "terms", "Confidential terms saved.");
}

/* The confirmation of a role change: what the person holds now, what they will hold, and one button that binds it. */
static void roles_confirm(struct request *rq, struct response *rs, json_t *user, role_mask roles)
{
	struct buf *b = &rs->body;
	json_t *after = roles_json(roles);

	page_begin(rq, rs, "Change roles");
	html_fmt(b, "<h1>Change the roles of %s?</h1><section class=\"card\"><p>Now: ", json_text(user, "name"));
	role_list(b, json_object_get(user, "roles"));
	html_fmt(b, "</p><p>After the change: ");
	role_list(b, after);
	html_fmt(b, "</p><form method=\"post\" action=\"/users/%lld/roles" FORM_ANCHOR "\">", rq->id);
	form_csrf(b, rq);
	for (int k = 0; k < ROLE__MAX; k++)
		if (roles & ROLE_BIT(k))
			html_fmt(b, "<input type=\"hidden\" name=\"roles\" value=\"%s\">", role_name(k));
	html_fmt(b, "<input type=\"hidden\" name=\"confirm\" value=\"1\"><div class=\"actions\"><button type=\"submit\">Confirm the change</button> <a href=\"/orgs/%lld#people\">Cancel</a></div></form></section>",
		 json_num(user, "org_id"));
	page_end(rs);
	json_decref(after);
}

void page_user_roles(struct request *rq, struct response *rs)
{
	json_t *user = user_get_json(rq->store, rq->id);
	role_mask roles = request_roles(rq);
	const char *confirm = request_form(rq, "confirm");
	struct error err = {0};
	char loc[64];

	if (!user) {
		page_error(rq, rs, 404, "not found");
		return;
	}
	if (!confirm || strcmp(confirm, "1") != 0) {
		roles_confirm(rq, rs, user, roles);
	} else if (user_roles_set(rq->store, rq->id, roles, &err) != 0) {
		rs->status = err.status;
		render(rq, rs, json_num(user, "org_id"), "roles", rq->id, &err);
	} else {
		snprintf(loc, sizeof loc, "/orgs/%lld#people", json_num(user, "org_id"));
		page_saved(rq, rs, loc, "Roles changed.");
	}
	json_decref(user);
}

/* Deactivating a person: a confirmation that says what stops, then user_deactivate; a refusal shows beside the person's button. */
void page_user_deactivate(struct request *rq, struct response *rs)
{
	json_t *user = user_get_json(rq->store, rq->id);
	struct error err = {0};
	char loc[64], title[200], saved[200];

	if (!user) {
		page_error(rq, rs, 404, "not found");
		return;
	}
	snprintf(loc, sizeof loc, "/orgs/%lld#user-%lld", json_num(user, "org_id"), rq->id);
	snprintf(title, sizeof title, "Deactivate %s?", json_text(user, "name"));
	if (!form_confirm(rq, rs, title,
			  "They are signed out everywhere at once, can no longer sign in, their calendar feed stops, and nobody can choose them any more. What they did keeps their name.",
			  "Deactivate", loc)) {
		json_decref(user);
		return;
	}
	if (user_deactivate(rq->store, &rq->caller, rq->id, &err) != 0) {
		rs->status = err.status;
		render(rq, rs, json_num(user, "org_id"), "deactivate", rq->id, &err);
	} else {
		snprintf(saved, sizeof saved, "%s is deactivated.", json_text(user, "name"));
		page_saved(rq, rs, loc, saved);
	}
	json_decref(user);
}
