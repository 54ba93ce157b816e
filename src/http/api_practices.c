/* api_practices: the best-practice exchange over JSON — confidential terms, practices, revisions, publishing and approval, search, adoptions, the knowledge dashboard. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/adoptions.h"
#include "../service/practices.h"
#include "../service/search_cache.h"
#include "api.h"
#include "html.h"

void api_terms_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, terms_json(rq->store, rq->id));
}

/* Reads a validated array of strings; caller frees the array (not the strings). */
static const char **strings(json_t *arr, size_t *n)
{
	const char **v = calloc(json_array_size(arr) + 1, sizeof *v);
	json_t *x;
	size_t i;

	*n = 0;
	if (!v)
		return NULL;
	json_array_foreach(arr, i, x) v[(*n)++] = json_string_value(x);
	return v;
}

void api_terms_put(struct request *rq, struct response *rs)
{
	size_t n;
	const char **terms = strings(json_object_get(rq->json, "terms"), &n);
	struct error err = {0};

	if (!terms)
		reply_error(rs, 500, "internal", NULL, "out of memory");
	else if (terms_put(rq->store, rq->id, terms, n, &err))
		reply_err(rs, &err);
	else
		reply_json(rs, 200, terms_json(rq->store, rq->id));
	free(terms);
}

void api_snippets_html(json_t *items)
{
	json_t *item;
	size_t i;

	json_array_foreach(items, i, item)
	{
		const char *raw = json_string_value(json_object_get(item, "snippet"));
		struct buf html, plain;

		if (!raw)
			continue;
		buf_init(&html, 0);
		buf_init(&plain, 0);
		html_highlight(&html, raw);
		for (const char *p = raw; *p; p++)
			if (*p != '\x01' && *p != '\x02')
				buf_putc(&plain, *p);
		json_object_set_new(item, "snippet_html", json_stringn(html.data ? html.data : "", html.len));
		json_object_set_new(item, "snippet", json_stringn(plain.data ? plain.data : "", plain.len));
		buf_release(&html);
		buf_release(&plain);
	}
}

static const char *const practice_statuses[] = {"draft", "published", "retired", NULL};
static const char *const lines[] = {"IT", "ITES", "BPO", NULL};

void api_practices_list(struct request *rq, struct response *rs)
{
	struct practice_filter f = {request_query(rq, "q"), request_query(rq, "tag"), request_query(rq, "industry"), NULL, NULL};
	struct error err = {0};
	struct page pg;
	json_t *list;
	char *key = NULL, *text;
	long long version = -1;

	if (!request_page(rq, rs, &pg) || !request_choice(rq, rs, "status", practice_statuses, &f.status) ||
	    !request_choice(rq, rs, "service_line", lines, &f.service_line))
		return;
	if ((f.q && strlen(f.q) > 400) || (f.tag && strlen(f.tag) > 80) || (f.industry && strlen(f.industry) > 200)) {
		reply_error(rs, 400, "too_long", f.q && strlen(f.q) > 400 ? "q" : f.tag && strlen(f.tag) > 80 ? "tag" : "industry",
			    "the search is too long");
		return;
	}
	/* A search is kept while nothing it shows changes (search_cache.h); the version is read before the search runs. */
	if (f.q && *f.q) {
		struct buf k;

		buf_init(&k, 0);
		buf_printf(&k, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%lld\x1f%d", f.q, f.tag ? f.tag : "", f.industry ? f.industry : "",
			   f.status ? f.status : "", f.service_line ? f.service_line : "", pg.after, pg.limit);
		key = buf_detach(&k, NULL);
		version = search_version(rq->store);
		if (version >= 0 && (text = search_cache_get(rq->caller.org_id, key, version))) {
			free(key);
			reply_json_text(rs, 200, text);
			return;
		}
	}
	list = practice_list_json(rq->store, &rq->caller, &f, pg, &err);
	if (!list) {
		free(key);
		reply_err(rs, &err);
		return;
	}
	api_snippets_html(json_object_get(list, "items"));
	text = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	if (key && text && version >= 0)
		search_cache_put(rq->caller.org_id, key, version, text);
	free(key);
	reply_json_text(rs, 200, text);
}

/* The practice fields of a create or patch body. */
static void practice_input_read(struct request *rq, struct practice_input *in, const char ***tags)
{
	json_t *t = json_object_get(rq->json, "tags");

	memset(in, 0, sizeof *in);
	in->title = body_str(rq, "title");
	in->body = body_str(rq, "body");
	in->service_line = body_str(rq, "service_line");
	in->origin_engagement_id = body_id(rq, "origin_engagement_id");
	*tags = NULL;
	if (t) {
		*tags = strings(t, &in->ntags);
		in->tags = *tags;
		in->tags_given = true;
	}
}

void api_practices_create(struct request *rq, struct response *rs)
{
	struct practice_input in;
	const char **tags;
	struct error err = {0};
	long long id;

	practice_input_read(rq, &in, &tags);
	id = practice_create(rq->store, &rq->caller, &in, &err);
	free(tags);
	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, practice_get_json(rq->store, &rq->caller, id, REL_AUTHOR));
}

void api_practice_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, practice_get_json(rq->store, &rq->caller, rq->id, rq->rel));
}

void api_practice_update(struct request *rq, struct response *rs)
{
	struct practice_input in;
	const char **tags;
	struct error err = {0};
	int rc;

	practice_input_read(rq, &in, &tags);
	rc = practice_revise(rq->store, &rq->caller, rq->id, &in, &err);
	free(tags);
	if (rc < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 200, practice_get_json(rq->store, &rq->caller, rq->id, rq->rel));
}

void api_practice_revisions(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, practice_revisions_json(rq->store, rq->id));
}

void api_practice_publish(struct request *rq, struct response *rs)
{
	json_t *findings = NULL, *o;
	struct error err = {0};
	enum publish_result r = practice_publish(rq->store, &rq->caller, rq->id,
						 json_is_true(json_object_get(rq->json, "request_approval")),
						 &findings, &err);

	if (r == PUBLISH_FAILED && err.status == 422 && !strcmp(err.code, "leak")) {
		reply_json(rs, 422, json_pack("{s:{s:s, s:s, s:s, s:o}}", "error", "code", "leak", "field", err.field,
					      "message", err.message, "findings", findings));
		return;
	}
	if (r == PUBLISH_FAILED) {
		json_decref(findings);
		reply_err(rs, &err);
		return;
	}
	o = practice_get_json(rq->store, &rq->caller, rq->id, rq->rel);
	if (r == AWAITING_APPROVAL) {
		json_object_set_new(o, "publication", json_string("awaiting-approval"));
		json_object_set_new(o, "findings", findings);
		reply_json(rs, 202, o);
		return;
	}
	json_decref(findings);
	reply_json(rs, 200, o);
}

void api_practice_approval(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (practice_decide(rq->store, &rq->caller, rq->id, body_id(rq, "revision"), body_str(rq, "decision"),
			    body_str(rq, "note"), &err))
		reply_err(rs, &err);
	else
		reply_json(rs, 200, practice_get_json(rq->store, &rq->caller, rq->id, rq->rel));
}

void api_practice_retire(struct request *rq, struct response *rs)
{
	struct error err = {0};

	if (practice_retire(rq->store, rq->id, &err))
		reply_err(rs, &err);
	else
		reply_json(rs, 200, practice_get_json(rq->store, &rq->caller, rq->id, rq->rel));
}

void api_practice_adoptions(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, adoption_list_practice_json(rq->store, &rq->caller, rq->id, (rq->rel & REL_AUTHOR) != 0));
}

void api_practice_adopt(struct request *rq, struct response *rs)
{
	struct error err = {0};
	long long id = adoption_create(rq->store, &rq->caller, rq->id, body_id(rq, "engagement_id"), body_str(rq, "note"), &err);

	if (id < 0)
		reply_err(rs, &err);
	else
		reply_json(rs, 201, adoption_get_json(rq->store, id));
}

void api_adoption_get(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, adoption_get_json(rq->store, rq->id));
}

void api_adoption_update(struct request *rq, struct response *rs)
{
	json_t *b = json_object_get(rq->json, "benefit"), *v = json_object_get(b, "value");
	struct benefit benefit = {json_string_value(json_object_get(b, "text")), json_string_value(json_object_get(b, "unit")), NULL};
	struct error err = {0};
	char value[48];

	if (json_is_integer(v)) {
		snprintf(value, sizeof value, "%lld", (long long)json_integer_value(v));
		benefit.value = value;
	} else if (json_is_real(v)) {
		size_t len;

		snprintf(value, sizeof value, "%.4f", json_real_value(v));
		len = strlen(value);
		while (len > 0 && value[len - 1] == '0')
			value[--len] = '\0';
		if (len > 0 && value[len - 1] == '.')
			value[--len] = '\0';
		benefit.value = value;
	}
	if (adoption_step(rq->store, &rq->caller, rq->id, body_str(rq, "status"), b ? &benefit : NULL,
			  body_str(rq, "note"), &err))
		reply_err(rs, &err);
	else
		reply_json(rs, 200, adoption_get_json(rq->store, rq->id));
}

void api_engagement_adoptions(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, adoption_list_engagement_json(rq->store, rq->id));
}

void api_knowledge(struct request *rq, struct response *rs)
{
	reply_json(rs, 200, knowledge_json(rq->store, rq->caller.org_id));
}
