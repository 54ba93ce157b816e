/* pages_practice: the practice library with search, one practice (text, leak findings beside the fields, revisions, approval, buy-in and adoptions), the provider's knowledge dashboard, and the forms they post. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/adoptions.h"
#include "../service/engagements.h"
#include "../service/practices.h"
#include "pages.h"

static const char *const lines[] = {"IT", "ITES", "BPO"};
static const char *const any_lines[] = {"", "IT", "ITES", "BPO"};
static const char *const any_line_labels[] = {"any service line", "IT", "ITES", "BPO"};
static const char *const statuses[] = {"", "draft", "published", "retired"};
static const char *const status_labels[] = {"any state", "drafts", "published", "retired"};

static bool practice_keeper(const struct request *rq)
{
	return rq->caller.org_kind == ORG_PROVIDER && (rq->caller.roles & ROLES_PROVIDER_GOV);
}

static void tags_line(struct buf *b, json_t *tags)
{
	size_t i;
	json_t *t;

	json_array_foreach(tags, i, t) html_fmt(b, "<a class=\"pill tag\" href=\"/practices?tag=%s\">%s</a> ", json_string_value(t), json_string_value(t));
}

/* Where a practice comes from, as far as the caller may know. */
static void provenance_line(struct buf *b, json_t *prov)
{
	if (json_object_get(prov, "buyer_name"))
		html_fmt(b, "found with %s · <a href=\"/engagements/%lld\">%s</a>", json_text(prov, "buyer_name"),
			 json_num(prov, "engagement_id"), json_text(prov, "engagement_title"));
	else
		html_fmt(b, "found with %s", json_text(prov, "label"));
}

/* Reads the query's filters, keeping only values the list accepts. */
static void filters_read(struct request *rq, struct practice_filter *f)
{
	const char *l = request_query(rq, "service_line"), *st = request_query(rq, "status");

	memset(f, 0, sizeof *f);
	f->q = request_query(rq, "q");
	f->tag = request_query(rq, "tag");
	f->industry = request_query(rq, "industry");
	for (size_t i = 1; i < 4; i++) {
		if (l && !strcmp(l, any_lines[i]))
			f->service_line = any_lines[i];
		if (st && !strcmp(st, statuses[i]))
			f->status = statuses[i];
	}
	if (f->q && (!*f->q || strlen(f->q) > 400))
		f->q = NULL;
	if (f->tag && (!*f->tag || strlen(f->tag) > 80))
		f->tag = NULL;
	if (f->industry && (!*f->industry || strlen(f->industry) > 200))
		f->industry = NULL;
}

/* The provider's engagements as a select (value: id, label: customer · title). */
static void engagement_select(struct buf *b, struct request *rq, const char *label, const char *name,
			      long long provider, long long skip, const struct error *err)
{
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = engagement_list_json(rq->store, &rq->caller, pg), *e;
	const char *msg = err && err->field && !strcmp(err->field, name) ? err->message : NULL;
	size_t i;

	html_fmt(b, "<label class=\"field%s\"><span>%s</span><select name=\"%s\" id=\"f-%s\">", msg ? " invalid" : "", label, name, name);
	json_array_foreach(json_object_get(list, "items"), i, e)
	{
		/* Only an accepted engagement can be a practice's origin or take an adoption (409 not_accepted otherwise): offer no other. */
		if ((provider && json_num(e, "provider_org_id") != provider) || json_num(e, "id") == skip ||
		    strcmp(json_text(e, "acceptance"), "accepted") != 0)
			continue;
		html_fmt(b, "<option value=\"%lld\">%s · %s</option>", json_num(e, "id"),
			 json_text(json_object_get(e, rq->caller.org_kind == ORG_BUYER ? "provider" : "buyer"), "name"),
			 json_text(e, "title"));
	}
	html_fmt(b, "</select>");
	if (msg)
		html_fmt(b, "<em class=\"error\">%s</em>", msg);
	html_fmt(b, "</label>");
	json_decref(list);
}

static void render_library(struct request *rq, struct response *rs, const struct error *err)
{
	static const char *const fields[] = {"title", "body", "tags", "origin_engagement_id", "service_line", NULL};
	struct practice_filter f;
	struct page pg = {0, 100};
	struct error lerr = {0};
	struct buf *b = &rs->body;
	json_t *list, *p;
	size_t i;
	bool keeper = practice_keeper(rq);

	filters_read(rq, &f);
	list = practice_list_json(rq->store, &rq->caller, &f, pg, &lerr);
	page_begin(rq, rs, "Practice library");
	html_fmt(b, "<h1>Practice library</h1><p class=\"muted\">%s</p>",
		 rq->caller.org_kind == ORG_PROVIDER
			 ? "Your practices, drafts included, and what other providers present at summits you attend. Others see only what you publish, and never which customer it came from."
			 : "Practices your providers have published, and those presented at summits you attend.");
	html_fmt(b, "<form method=\"get\" action=\"/practices\" class=\"filters\" role=\"search\">"
		    "<input type=\"search\" name=\"q\" value=\"%s\" placeholder=\"Search practices\" aria-label=\"Search practices\">"
		    "<input type=\"text\" name=\"tag\" value=\"%s\" placeholder=\"tag\" aria-label=\"Tag\">"
		    "<input type=\"text\" name=\"industry\" value=\"%s\" placeholder=\"industry\" aria-label=\"Industry\">",
		 f.q ? f.q : "", f.tag ? f.tag : "", f.industry ? f.industry : "");
	form_select(b, "Service line", "service_line", any_lines, any_line_labels, 4, f.service_line ? f.service_line : "", NULL);
	if (rq->caller.org_kind == ORG_PROVIDER)
		form_select(b, "State", "status", statuses, status_labels, 4, f.status ? f.status : "", NULL);
	html_fmt(b, "<button type=\"submit\">Search</button></form>");
	html_fmt(b, "<section class=\"card\" id=\"results\">");
	if (f.q && json_object_get(list, "total"))
		html_fmt(b, "<p class=\"muted\">%lld found for “%s”</p>", json_num(list, "total"), f.q);
	if (!json_array_size(json_object_get(list, "items")))
		html_fmt(b, "<p class=\"muted\">No practices%s.</p>", f.q || f.tag || f.industry || f.service_line || f.status ? " match" : " yet");
	json_array_foreach(json_object_get(list, "items"), i, p)
	{
		html_fmt(b, "<article class=\"result\"><h3><a href=\"/practices/%lld\">%s</a>", json_num(p, "id"), json_text(p, "title"));
		if (json_num(p, "provider_org_id") == rq->caller.org_id)
			html_fmt(b, " <span class=\"pill ps-%s\">%s</span>", json_text(p, "status"), json_text(p, "status"));
		html_fmt(b, "</h3><p class=\"muted\">%s · %s · ", json_text(p, "provider_name"), json_text(p, "service_line"));
		provenance_line(b, json_object_get(p, "provenance"));
		html_fmt(b, "</p>");
		if (json_object_get(p, "snippet")) {
			html_fmt(b, "<p class=\"snippet\">");
			html_highlight(b, json_text(p, "snippet"));
			html_fmt(b, "</p>");
		} else {
			html_fmt(b, "<p class=\"snippet\">%s</p>", json_text(p, "excerpt"));
		}
		html_fmt(b, "<p>");
		tags_line(b, json_object_get(p, "tags"));
		html_fmt(b, "</p></article>");
	}
	html_fmt(b, "</section>");
	if (keeper) {
		html_fmt(b, "<section class=\"card\" id=\"new\"><h2>Write down a practice</h2><p class=\"muted\">Name the engagement where you found it: only you and that customer will ever see it. accord checks the text for anything that identifies the customer before it can be published.</p>"
			    "<form method=\"post\" action=\"/practices" FORM_ANCHOR "\" class=\"grid\">");
		form_csrf(b, rq);
		form_error_banner(b, err, fields);
		form_input(b, "Title", "title", "text", request_form(rq, "title"), err);
		engagement_select(b, rq, "Found on", "origin_engagement_id", 0, 0, err);
		form_input(b, "Tags (comma-separated)", "tags", "text", request_form(rq, "tags"), err);
		form_textarea(b, "The practice (Markdown)", "body", request_form(rq, "body"), 8, err);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Save draft</button></div></form></section>");
	}
	page_end(rs);
	json_decref(list);
}

void page_practices(struct request *rq, struct response *rs)
{
	render_library(rq, rs, NULL);
}

/* Splits "a, b ,c" into tags (at most PRACTICE_TAGS_MAX + 1, so too many is still caught); returns how many. */
static size_t tags_split(char *text, const char **tags)
{
	size_t n = 0;

	for (char *save = NULL, *t = strtok_r(text, ",", &save); t && n <= PRACTICE_TAGS_MAX; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		if (*t)
			tags[n++] = t;
	}
	return n;
}

/* Fills a practice input from the posted form; *copy holds the tags' text (caller frees). */
static void practice_form_read(struct request *rq, struct practice_input *in, const char **tags, char **copy)
{
	const char *t = request_form(rq, "tags"), *o = request_form(rq, "origin_engagement_id");

	memset(in, 0, sizeof *in);
	in->title = request_form(rq, "title");
	in->body = request_form(rq, "body");
	in->service_line = request_form(rq, "service_line");
	if (in->service_line && !*in->service_line)
		in->service_line = NULL;
	if (o)
		parse_id(o, &in->origin_engagement_id);
	*copy = t ? strdup(t) : NULL;
	if (*copy) {
		in->ntags = tags_split(*copy, tags);
		in->tags = tags;
		in->tags_given = true;
	}
}

void page_practice_create(struct request *rq, struct response *rs)
{
	const char *tags[PRACTICE_TAGS_MAX + 1];
	struct practice_input in;
	struct error err = {0};
	char *copy, loc[48];
	long long id;

	practice_form_read(rq, &in, tags, &copy);
	id = practice_create(rq->store, &rq->caller, &in, &err);
	free(copy);
	if (id < 0) {
		rs->status = err.status;
		render_library(rq, rs, &err);
		return;
	}
	snprintf(loc, sizeof loc, "/practices/%lld", id);
	page_saved(rq, rs, loc, "Practice saved as a draft.");
}

/* The findings about one field, shown beside it: the span of the text that matched (escaped by html_fmt), what it names and whose. */
static void findings_beside(struct buf *b, json_t *findings, const char *field, long long origin_buyer)
{
	static const char *const kinds[][2] = {{"organisation", "a customer's name"}, {"unit", "a business unit of a customer"},
					      {"person", "a person at a customer"}, {"email", "an e-mail address at a customer"},
					      {"domain", "a customer's domain"}, {"engagement", "an engagement's title"},
					      {"confidential", "a term a customer keeps confidential"}};
	size_t i;
	json_t *f;
	bool any = false;

	json_array_foreach(findings, i, f)
	{
		const char *kind = json_text(f, "kind"), *what = kind;

		if (strcmp(json_text(f, "field"), field) != 0)
			continue;
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
			if (!strcmp(kinds[k][0], kind))
				what = kinds[k][1];
		if (!any)
			html_fmt(b, "<ul class=\"findings\" data-field=\"%s\">", field);
		any = true;
		html_fmt(b, "<li>Names “<strong>%s</strong>” — %s (%s)</li>", json_text(f, "term"), what,
			 json_num(f, "customer_org_id") == origin_buyer ? "the customer it was found with" : "another of your customers: approval cannot waive it");
	}
	if (any)
		html_fmt(b, "</ul>");
}

/* How many findings are about a customer other than the origin: those block publishing outright. */
static size_t findings_elsewhere(json_t *findings, long long origin_buyer)
{
	size_t i, n = 0;
	json_t *f;

	json_array_foreach(findings, i, f) n += json_num(f, "customer_org_id") != origin_buyer;
	return n;
}

static void tags_text(char *out, size_t n, json_t *tags)
{
	size_t i, len = 0;
	json_t *t;

	out[0] = '\0';
	json_array_foreach(tags, i, t) if (len < n) len += (size_t)snprintf(out + len, n - len, "%s%s", i ? ", " : "", json_string_value(t));
}

/* A benefit's value as people write it: 27, 12.5. */
static const char *benefit_value(json_t *benefit, char out[32])
{
	json_t *v = json_object_get(benefit, "value");

	out[0] = '\0';
	if (json_is_integer(v))
		snprintf(out, 32, "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(out, 32, "%.15g", json_real_value(v));
	return out;
}

static void adoption_step_form(struct buf *b, struct request *rq, json_t *a, bool customer)
{
	const char *st = json_text(a, "status");
	bool can_implementing = !strcmp(st, "buy-in"), can_implemented = !strcmp(st, "implementing") || !strcmp(st, "implemented");
	bool can_buyin = customer && (!strcmp(st, "proposed") || !strcmp(st, "rejected"));
	bool can_reject = customer && (!strcmp(st, "proposed") || !strcmp(st, "buy-in") || !strcmp(st, "implementing"));
	json_t *benefit = json_object_get(a, "benefit");

	if (!can_implementing && !can_implemented && !can_buyin && !can_reject)
		return;
	html_fmt(b, "<form method=\"post\" action=\"/adoptions/%lld" FORM_ANCHOR "\" class=\"grid step\">", json_num(a, "id"));
	form_csrf(b, rq);
	html_fmt(b, "<input type=\"hidden\" name=\"back\" value=\"/practices/%lld\">", rq->id);
	if (can_implemented) {
		form_input(b, "Benefit measured", "benefit_text", "text", json_text(benefit, "text"), NULL);
		char value[32];

		form_input(b, "Value", "benefit_value", "text", benefit_value(benefit, value), NULL);
		form_input(b, "Unit", "benefit_unit", "text", json_text(benefit, "unit"), NULL);
	}
	html_fmt(b, "<div class=\"actions\">");
	if (can_buyin)
		html_fmt(b, "<button type=\"submit\" name=\"status\" value=\"buy-in\">Give buy-in</button>");
	if (can_implementing)
		html_fmt(b, "<button type=\"submit\" name=\"status\" value=\"implementing\">Implementation started</button>");
	if (can_implemented)
		html_fmt(b, "<button type=\"submit\" name=\"status\" value=\"implemented\">%s</button>", !strcmp(st, "implemented") ? "Update the benefit" : "Implemented");
	if (can_reject)
		html_fmt(b, "<button type=\"submit\" name=\"status\" value=\"rejected\" class=\"secondary\">Reject</button>");
	html_fmt(b, "</div></form>");
}

static void adoptions_table(struct buf *b, struct request *rq, json_t *items, bool provider)
{
	size_t i;
	json_t *a;

	if (!json_array_size(items)) {
		html_fmt(b, "<p class=\"muted\">%s</p>", provider ? "Not adopted anywhere yet." : "You have not adopted it yet.");
		return;
	}
	html_fmt(b, "<table class=\"list\"><thead><tr><th>Engagement</th><th>Stage</th><th>Since</th><th>Benefit</th></tr></thead><tbody>");
	json_array_foreach(items, i, a)
	{
		json_t *benefit = json_object_get(a, "benefit");

		html_fmt(b, "<tr><td><a href=\"/engagements/%lld\">%s</a> <span class=\"muted\">%s</span></td><td><span class=\"pill ad-%s\">%s</span></td><td>%.10s</td><td>%s",
			 json_num(a, "engagement_id"), json_text(a, "engagement_title"), json_text(a, provider ? "buyer_name" : "provider_name"),
			 json_text(a, "status"), json_text(a, "status"), json_text(a, "updated_at"), json_text(benefit, "text"));
		char value[32];

		if (*benefit_value(benefit, value))
			html_fmt(b, " <strong>%s %s</strong>", value, json_text(benefit, "unit"));
		html_fmt(b, "</td></tr><tr><td colspan=\"4\">");
		adoption_step_form(b, rq, a, !provider);
		html_fmt(b, "</td></tr>");
	}
	html_fmt(b, "</tbody></table>");
}

static void render_practice(struct request *rq, struct response *rs, const struct error *err, const char *form)
{
	static const char *const edit_fields[] = {"title", "body", "tags", "service_line", NULL};
	bool author = rq->rel & REL_AUTHOR, origin = rq->rel & REL_ORIGIN, customer = rq->caller.org_kind == ORG_BUYER;
	bool keeper = author && (rq->caller.roles & ROLES_PROVIDER_GOV);
	json_t *p = practice_get_json(rq->store, &rq->caller, rq->id, rq->rel), *x, *findings = NULL, *adoptions;
	struct buf *b = &rs->body;
	const char *title;
	size_t i;

	if (!json_is_object(p)) {
		json_decref(p);
		page_error(rq, rs, 404, "There is no such practice.");
		return;
	}
	title = json_object_get(p, "title") ? json_text(p, "title") : "A practice awaiting your approval";
	page_begin(rq, rs, title);
	html_fmt(b, "<p class=\"crumbs\"><a href=\"/practices\">Practice library</a></p><h1>%s", title);
	if (author)
		html_fmt(b, " <span class=\"pill ps-%s\">%s</span>", json_text(p, "status"), json_text(p, "status"));
	/* The industry is absent (null) where naming it could single out the customer (docs/practices.md). */
	html_fmt(b, "</h1><p class=\"muted\">By %s · %s · ", json_text(p, "provider_name"), json_text(p, "service_line"));
	if (*json_text(p, "industry"))
		html_fmt(b, "%s · ", json_text(p, "industry"));
	provenance_line(b, json_object_get(p, "provenance"));
	if (json_object_get(p, "revision"))
		html_fmt(b, " · revision %lld", json_num(p, "revision"));
	html_fmt(b, "</p>");
	if (author && json_is_integer(json_object_get(p, "published_revision")) && json_num(p, "published_revision") != json_num(p, "current_revision"))
		html_fmt(b, "<p class=\"banner\">Others see revision %lld until you publish revision %lld.</p>", json_num(p, "published_revision"), json_num(p, "current_revision"));
	if (form && !strcmp(form, "awaiting"))
		html_fmt(b, "<p class=\"banner\">Sent to the customer's contract manager for approval. It is published as soon as they approve this revision.</p>");
	if (err && err->status && (!form || strcmp(form, "edit")))
		html_fmt(b, "<p class=\"banner error\" role=\"alert\">%s</p>", err->message);

	if (json_object_get(p, "body_html")) {
		html_fmt(b, "<section class=\"card\"><p>");
		tags_line(b, json_object_get(p, "tags"));
		html_fmt(b, "</p><div class=\"md\">");
		/* body_html is Markdown the service rendered safely (no raw HTML, web links only). */
		buf_puts(b, json_text(p, "body_html"));
		html_fmt(b, "</div></section>");
	}

	/* The origin customer's contract manager decides on a publication with findings. */
	if (origin) {
		json_array_foreach(json_object_get(p, "approvals"), i, x)
		{
			json_t *text = json_object_get(x, "text");

			if (strcmp(json_text(x, "status"), "requested") || !text)
				continue;
			html_fmt(b, "<section class=\"card\" id=\"approval\"><h2>Awaiting your approval: revision %lld</h2><p class=\"muted\">%s asks to publish this text to its other customers. It names:</p><ul class=\"findings\">",
				 json_num(x, "revision"), json_text(p, "provider_name"));
			{
				json_t *f;
				size_t k;

				json_array_foreach(json_object_get(x, "findings"), k, f) html_fmt(b, "<li>“<strong>%s</strong>” in the %s</li>", json_text(f, "term"), json_text(f, "field"));
			}
			html_fmt(b, "</ul><h3>%s</h3><div class=\"md\">", json_text(text, "title"));
			buf_puts(b, json_text(text, "body_html"));
			html_fmt(b, "</div>");
			if (rq->caller.roles & ROLE_BIT(ROLE_CONTRACT_MANAGER)) {
				html_fmt(b, "<form method=\"post\" action=\"/practices/%lld/approval" FORM_ANCHOR "\" class=\"grid\">", rq->id);
				form_csrf(b, rq);
				html_fmt(b, "<input type=\"hidden\" name=\"revision\" value=\"%lld\">", json_num(x, "revision"));
				form_input(b, "Note to the provider", "note", "text", NULL, NULL);
				html_fmt(b, "<div class=\"actions\"><button type=\"submit\" name=\"decision\" value=\"approve\">Approve and publish…</button>"
					    "<button type=\"submit\" name=\"decision\" value=\"decline\" class=\"danger\">Decline…</button></div></form>");
			} else {
				html_fmt(b, "<p class=\"muted\">Your contract manager decides.</p>");
			}
			html_fmt(b, "</section>");
		}
	}

	if (keeper) {
		char tags[PRACTICE_TAGS_BUF + 64];
		const char *status = json_text(p, "status");
		bool published_now = !strcmp(status, "published") && json_num(p, "published_revision") == json_num(p, "current_revision");

		long long origin_buyer = json_num(json_object_get(p, "provenance"), "buyer_org_id");
		size_t elsewhere;

		findings = practice_findings_json(rq->store, rq->id);
		elsewhere = findings_elsewhere(findings, origin_buyer);
		tags_text(tags, sizeof tags, json_object_get(p, "tags"));
		html_fmt(b, "<section class=\"card\" id=\"edit\"><h2>Edit</h2><p class=\"muted\">Saving makes a new revision; the history is kept below.</p>");
		if (elsewhere)
			html_fmt(b, "<p class=\"banner error\" role=\"alert\">This text identifies another of your customers. Edit what is marked below: no approval can publish it.</p>");
		else if (json_array_size(findings))
			html_fmt(b, "<p class=\"banner error\" role=\"alert\">This text identifies the customer it was found with. Edit what is marked below, or ask that customer to approve it.</p>");
		html_fmt(b, "<form method=\"post\" action=\"/practices/%lld" FORM_ANCHOR "\" class=\"grid\">", rq->id);
		form_csrf(b, rq);
		if (form && !strcmp(form, "edit"))
			form_error_banner(b, err, edit_fields);
		form_input(b, "Title", "title", "text", form && !strcmp(form, "edit") ? request_form(rq, "title") : json_text(p, "title"), form && !strcmp(form, "edit") ? err : NULL);
		findings_beside(b, findings, "title", origin_buyer);
		form_input(b, "Tags (comma-separated)", "tags", "text", form && !strcmp(form, "edit") ? request_form(rq, "tags") : tags, form && !strcmp(form, "edit") ? err : NULL);
		findings_beside(b, findings, "tags", origin_buyer);
		form_select(b, "Service line", "service_line", lines, NULL, 3, json_text(p, "service_line"), NULL);
		form_textarea(b, "The practice (Markdown)", "body", form && !strcmp(form, "edit") ? request_form(rq, "body") : json_text(p, "body"), 12, form && !strcmp(form, "edit") ? err : NULL);
		findings_beside(b, findings, "body", origin_buyer);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Save a new revision</button></div></form>");
		if (!published_now) {
			html_fmt(b, "<form method=\"post\" action=\"/practices/%lld/publish" FORM_ANCHOR "\" class=\"inline\" id=\"publish\">", rq->id);
			form_csrf(b, rq);
			if (elsewhere)
				html_fmt(b, "<button type=\"submit\" disabled>Publish revision %lld</button> <span class=\"muted\">Edit out what names another customer first.</span>", json_num(p, "current_revision"));
			else if (json_array_size(findings))
				html_fmt(b, "<button type=\"submit\" name=\"request_approval\" value=\"true\">Ask the customer to approve publishing revision %lld</button>", json_num(p, "current_revision"));
			else
				html_fmt(b, "<button type=\"submit\">Publish revision %lld</button>", json_num(p, "current_revision"));
			html_fmt(b, "</form>");
		}
		if (!strcmp(status, "published")) {
			html_fmt(b, "<form method=\"post\" action=\"/practices/%lld/retire" FORM_ANCHOR "\" class=\"inline\">", rq->id);
			form_csrf(b, rq);
			html_fmt(b, "<button type=\"submit\" class=\"secondary\">Retire</button></form>");
		}
		html_fmt(b, "</section>");
	}

	if (customer && json_is_string(json_object_get(p, "published_at")) && !strcmp(json_text(p, "status"), "published")) {
		html_fmt(b, "<section class=\"card\" id=\"buy-in\"><h2>Bring it to one of your engagements</h2><p class=\"muted\">Buy-in tells %s you want this practice implemented; you then follow it to the benefit measured.</p>",
			 json_text(p, "provider_name"));
		html_fmt(b, "<form method=\"post\" action=\"/practices/%lld/adoptions" FORM_ANCHOR "\" class=\"grid\">", rq->id);
		form_csrf(b, rq);
		engagement_select(b, rq, "Engagement", "engagement_id", json_num(p, "provider_org_id"),
				  json_num(json_object_get(p, "provenance"), "engagement_id"), form && !strcmp(form, "adopt") ? err : NULL);
		form_input(b, "Note", "note", "text", NULL, NULL);
		html_fmt(b, "<div class=\"actions\"><button type=\"submit\">Express buy-in</button></div></form></section>");
	}

	if (author || customer) {
		adoptions = adoption_list_practice_json(rq->store, &rq->caller, rq->id, author);
		html_fmt(b, "<section class=\"card\" id=\"adoptions\"><h2>%s</h2>", author ? "Where it has been adopted" : "Your adoptions");
		if (form && !strcmp(form, "step") && err)
			html_fmt(b, "<p class=\"banner error\" role=\"alert\">%s</p>", err->message);
		adoptions_table(b, rq, json_object_get(adoptions, "items"), author);
		html_fmt(b, "</section>");
		json_decref(adoptions);
	}

	if (author) {
		json_t *revs = practice_revisions_json(rq->store, rq->id);

		html_fmt(b, "<section class=\"card\" id=\"revisions\"><h2>Revisions</h2>");
		json_array_foreach(json_object_get(revs, "items"), i, x)
		{
			html_fmt(b, "<details><summary>Revision %lld · %s · %s · %.10s</summary><div class=\"md\">", json_num(x, "number"),
				 json_text(x, "title"), json_text(x, "author_name"), json_text(x, "created_at"));
			buf_puts(b, json_text(x, "body_html"));
			html_fmt(b, "</div></details>");
		}
		html_fmt(b, "</section>");
		json_decref(revs);
		html_fmt(b, "<section class=\"card\" id=\"approvals\"><h2>Approvals</h2>");
		if (!json_array_size(json_object_get(p, "approvals")))
			html_fmt(b, "<p class=\"muted\">None asked.</p>");
		json_array_foreach(json_object_get(p, "approvals"), i, x)
		{
			html_fmt(b, "<p>Revision %lld: <span class=\"pill ap-%s\">%s</span> <span class=\"muted\">asked by %s %.10s", json_num(x, "revision"),
				 json_text(x, "status"), json_text(x, "status"), json_text(x, "requested_by_name"), json_text(x, "requested_at"));
			if (json_is_string(json_object_get(x, "decided_by_name")))
				html_fmt(b, "; %s by %s %.10s", json_text(x, "status"), json_text(x, "decided_by_name"), json_text(x, "decided_at"));
			html_fmt(b, "</span> %s</p>", json_text(x, "note"));
		}
		html_fmt(b, "</section>");
	}
	page_end(rs);
	json_decref(findings);
	json_decref(p);
}

void page_practice(struct request *rq, struct response *rs)
{
	render_practice(rq, rs, NULL, NULL);
}

void page_practice_update(struct request *rq, struct response *rs)
{
	const char *tags[PRACTICE_TAGS_MAX + 1];
	struct practice_input in;
	struct error err = {0};
	char *copy;
	int rc;

	practice_form_read(rq, &in, tags, &copy);
	rc = practice_revise(rq->store, &rq->caller, rq->id, &in, &err);
	free(copy);
	form_result(rq, rs, rc < 0 ? -1 : 0, &err, render_practice, "edit", "/practices", "edit");
}

void page_practice_publish(struct request *rq, struct response *rs)
{
	const char *ask = request_form(rq, "request_approval");
	struct error err = {0};
	enum publish_result r = practice_publish(rq->store, &rq->caller, rq->id, ask && !strcmp(ask, "true"), NULL, &err);

	if (r == AWAITING_APPROVAL) {
		render_practice(rq, rs, NULL, "awaiting");
		return;
	}
	form_result(rq, rs, r == PUBLISHED ? 0 : -1, &err, render_practice, "publish", "/practices", "edit");
}

void page_practice_approval(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long revision = 0;
	const char *rv = request_form(rq, "revision");
	const char *decision = request_form(rq, "decision");
	bool approve = decision && !strcmp(decision, "approve");
	char loc[48];

	if (rv)
		parse_id(rv, &revision);
	/*
	 * Both decisions bind: approving publishes the text, with what it names of your organisation,
	 * to the provider's other customers; declining sends it back until it is edited.
	 */
	if (approve && !form_confirm(rq, rs, "Approve and publish this practice?",
				     "The text is published as it stands, names of your organisation included, and the provider's other customers can read it.",
				     "Approve and publish", "/inbox"))
		return;
	if (decision && !strcmp(decision, "decline") &&
	    !form_confirm(rq, rs, "Decline this practice's publication?",
			  "The provider is told you declined, with your note; the text stays unpublished until it is edited and approved.",
			  "Decline", "/inbox"))
		return;
	if (practice_decide(rq->store, &rq->caller, rq->id, revision, decision, request_form(rq, "note"), &err) != 0) {
		rs->status = err.status;
		render_practice(rq, rs, &err, "approval");
		return;
	}
	snprintf(loc, sizeof loc, "/practices/%lld", rq->id);
	page_saved(rq, rs, loc, approve ? "Approved: the practice is published." : "Declined: the provider is told, with your note.");
}

void page_practice_retire(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (!form_confirm(rq, rs, "Retire this practice?",
			  "It leaves the exchange: customers no longer find it, and adoptions already under way keep their record.",
			  "Retire", "/practices"))
		return;
	form_result(rq, rs, practice_retire(rq->store, rq->id, &err), &err, render_practice, "retire", "/practices", "top");
}

void page_practice_adopt(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long eng = 0;
	const char *e = request_form(rq, "engagement_id");

	if (e)
		parse_id(e, &eng);
	form_result(rq, rs, adoption_create(rq->store, &rq->caller, rq->id, eng, request_form(rq, "note"), &err) < 0 ? -1 : 0, &err,
		    render_practice, "adopt", "/practices", "adoptions");
}

void page_adoption_step(struct request *rq, struct response *rs)
{
	const char *text = request_form(rq, "benefit_text"), *value = request_form(rq, "benefit_value"), *unit = request_form(rq, "benefit_unit");
	struct benefit benefit = {text, unit, value && *value ? value : NULL};
	struct error err = {0};

	if (adoption_step(rq->store, &rq->caller, rq->id, request_form(rq, "status"), text || unit || value ? &benefit : NULL, NULL, &err)) {
		page_error(rq, rs, err.status, err.message);
		return;
	}
	page_saved(rq, rs, form_back(rq, "/practices"), "Adoption updated.");
}

void page_knowledge(struct request *rq, struct response *rs)
{
	static const char *const stages[] = {"proposed", "buy-in", "implementing", "implemented", "rejected"};
	json_t *k = knowledge_json(rq->store, rq->caller.org_id), *x, *st = json_object_get(k, "adoptions_by_stage");
	struct buf *b = &rs->body;
	size_t i;

	page_begin(rq, rs, "Knowledge");
	html_fmt(b, "<h1>Knowledge</h1><p class=\"muted\">The practices %s has written down, where customers have taken them up, and what they brought.</p>", rq->caller.org_name);
	html_fmt(b, "<section class=\"card\"><h2>Adoptions by stage</h2><div class=\"stats\">");
	for (size_t s = 0; s < sizeof stages / sizeof stages[0]; s++)
		html_fmt(b, "<div><strong>%lld</strong><span>%s</span></div>", json_num(st, stages[s]), stages[s]);
	html_fmt(b, "</div></section><section class=\"card\"><h2>Practices</h2>");
	if (!json_array_size(json_object_get(k, "practices")))
		html_fmt(b, "<p class=\"muted\">None yet. <a href=\"/practices#new\">Write one down</a>.</p>");
	else
		html_fmt(b, "<table class=\"list\"><thead><tr><th>Practice</th><th>State</th><th>Revision</th><th>Adopting</th><th>Implemented</th></tr></thead><tbody>");
	json_array_foreach(json_object_get(k, "practices"), i, x)
	{
		html_fmt(b, "<tr><td><a href=\"/practices/%lld\">%s</a></td><td><span class=\"pill ps-%s\">%s</span></td><td>%lld</td><td>%lld</td><td>%lld</td></tr>",
			 json_num(x, "id"), json_text(x, "title"), json_text(x, "status"), json_text(x, "status"), json_num(x, "current_revision"),
			 json_num(x, "adopting"), json_num(x, "implemented"));
	}
	if (json_array_size(json_object_get(k, "practices")))
		html_fmt(b, "</tbody></table>");
	html_fmt(b, "</section><section class=\"card\"><h2>Benefits reported</h2>");
	if (!json_array_size(json_object_get(k, "benefits")))
		html_fmt(b, "<p class=\"muted\">No adoption is implemented yet.</p>");
	json_array_foreach(json_object_get(k, "benefits"), i, x)
	{
		json_t *benefit = json_object_get(x, "benefit");

		html_fmt(b, "<p><a href=\"/practices/%lld\"><strong>%s</strong></a> at %s (<a href=\"/engagements/%lld\">%s</a>): %s", json_num(x, "practice_id"),
			 json_text(x, "practice_title"), json_text(x, "buyer_name"), json_num(x, "engagement_id"), json_text(x, "engagement_title"),
			 json_text(benefit, "text"));
		char value[32];

		if (*benefit_value(benefit, value))
			html_fmt(b, " — <strong>%s %s</strong>", value, json_text(benefit, "unit"));
		html_fmt(b, " <span class=\"muted\">%.10s</span></p>", json_text(x, "implemented_on"));
	}
	html_fmt(b, "</section>");
	page_end(rs);
	json_decref(k);
}

void practice_cite_select(struct buf *b, struct request *rq, const struct error *err)
{
	struct practice_filter f = {NULL, NULL, NULL, NULL, "published"};
	struct page pg = {0, PAGE_LIMIT_MAX};
	json_t *list = practice_list_json(rq->store, &rq->caller, &f, pg, NULL), *p;
	const char *msg = err && err->field && !strcmp(err->field, "practice_id") ? err->message : NULL;
	const char *chosen = request_form(rq, "practice_id");
	size_t i;

	html_fmt(b, "<label class=\"field%s\"><span>Cite one of your practices</span><select name=\"practice_id\" id=\"f-practice_id\"><option value=\"\">none</option>",
		 msg ? " invalid" : "");
	json_array_foreach(json_object_get(list, "items"), i, p)
	{
		char id[24];

		if (json_num(p, "provider_org_id") != rq->caller.org_id)
			continue;
		snprintf(id, sizeof id, "%lld", json_num(p, "id"));
		html_fmt(b, "<option value=\"%s\"%s>%s</option>", id, chosen && !strcmp(chosen, id) ? " selected" : "", json_text(p, "title"));
	}
	html_fmt(b, "</select>");
	if (msg)
		html_fmt(b, "<em class=\"error\">%s</em>", msg);
	html_fmt(b, "</label>");
	json_decref(list);
}

void practice_cite_link(struct buf *b, json_t *o)
{
	if (json_is_integer(json_object_get(o, "practice_id")))
		html_fmt(b, "<p class=\"cites\">Cites a practice: <a href=\"/practices/%lld\">read it in the library</a></p>", json_num(o, "practice_id"));
}

long long practice_cited(struct request *rq)
{
	const char *v = request_form(rq, "practice_id");
	long long id = 0;

	if (v && *v && !parse_id(v, &id))
		id = -1;
	return id;
}
