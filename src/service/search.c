/* search: the global search — one bounded, visibility-filtered query per kind, walked in turn to fill a page. */
#include "search.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../util/buf.h"
#include "practices.h"
#include "search_cache.h"

/* A kind's rows as its statement returns them (statements.def, "Global search"). */
struct kind_rows {
	enum search_kind kind;
	const char *q;
	json_t *results;
	int want;	   /* rows to keep; one more only proves there is more */
	int got;
	long long last_id; /* the id of the last row kept */
};

/* The page each kind's link opens, with the row's link id (an action's is its review). */
static const char *const kind_urls[SEARCH_KINDS] = {"/engagements/%lld", "/reviews/%lld", "/reviews/%lld#actions",
						    "/issues/%lld", "/problems/%lld", "/practices/%lld"};

static json_t *result_json(enum search_kind kind, long long id, const char *title, const char *snippet,
			   long long link_id, long long engagement_id)
{
	char url[64];
	json_t *o;

	snprintf(url, sizeof url, kind_urls[kind], link_id);
	o = json_pack("{s:s, s:I, s:s, s:s, s:s}", "kind", search_kind_name(kind), "id", id, "title", title ? title : "",
		      "snippet", snippet ? snippet : "", "url", url);
	if (o && engagement_id > 0)
		json_object_set_new(o, "engagement_id", json_integer(engagement_id));
	return o;
}

/* A row: id, engagement id, link id, title, then three texts the snippet comes from. */
static int kind_row(void *ctx, const struct sqlval *c, int n)
{
	struct kind_rows *k = ctx;
	const char *source = NULL;
	char *snippet, *joined = NULL;

	(void)n;
	if (k->got++ >= k->want)
		return 0;
	k->last_id = c[0].i;
	/* The snippet is cut from the first text that holds the match; a match in the title alone shows the title with the first text. */
	for (int i = 4; i < 7 && !source; i++)
		if (c[i].s && search_contains(c[i].s, k->q))
			source = c[i].s;
	if (!source) {
		size_t len = strlen(c[3].s ? c[3].s : "") + strlen(c[4].s ? c[4].s : "") + 4;

		if ((joined = malloc(len)))
			snprintf(joined, len, "%s%s%s", c[3].s ? c[3].s : "", c[4].s && *c[4].s ? " — " : "", c[4].s ? c[4].s : "");
		source = joined;
	}
	snippet = search_snippet(source ? source : "", k->q, SEARCH_SNIPPET_WIDTH);
	json_array_append_new(k->results, result_json(k->kind, c[0].i, c[3].s, snippet, c[2].i, c[1].type == SQL_INT ? c[1].i : 0));
	free(snippet);
	free(joined);
	return 0;
}

/* The statement a kind's search runs for this caller, or -1 when the caller's organisation has no such list. */
static int kind_statement(enum search_kind kind, const struct caller *c)
{
	switch (kind) {
	case SEARCH_ENGAGEMENT:
		return STMT_SEARCH_ENGAGEMENTS;
	case SEARCH_REVIEW:
		return STMT_SEARCH_REVIEWS;
	case SEARCH_ACTION:
		return STMT_SEARCH_ACTIONS;
	case SEARCH_ISSUE:
		return STMT_SEARCH_ISSUES;
	case SEARCH_PROBLEM:
		/* As the problems list: a buyer its own, a provider those addressed to it, nobody else any. */
		return c->org_kind == ORG_BUYER ? STMT_SEARCH_PROBLEMS_BUYER
		       : c->org_kind == ORG_PROVIDER ? STMT_SEARCH_PROBLEMS_PROVIDER
						      : -1;
	default:
		return -1;
	}
}

/* Up to want rows of one SQL kind after the cursor pos into results; *more when there are others. */
static int search_kind_rows(struct store *s, const struct caller *c, enum search_kind kind, const char *q,
			    long long pos, int want, json_t *results, bool *more, long long *last, struct error *err)
{
	char pattern[SEARCH_Q_MAX * 4 * 2 + 3];
	struct kind_rows k = {kind, q, results, want, 0, 0};
	struct sqlval a[6];
	int stmt = kind_statement(kind, c);

	*more = false;
	if (stmt < 0)
		return 0;
	search_like_pattern(q, pattern, sizeof pattern);
	a[0] = SQL_T(pattern);
	a[1] = SQL_I(c->org_id);
	a[2] = SQL_I(c->org_id);
	a[3] = SQL_I(pos);
	a[4] = SQL_I(pos);
	a[5] = SQL_I(want + 1);
	if (store_exec(s, (enum stmt)stmt, a, 6, kind_row, &k, err) < 0)
		return -1;
	*more = k.got > want;
	*last = k.last_id;
	return 0;
}

/* Whether q has a word the practice search can match (letters, digits or any non-ASCII character, as its query builder reads them). */
static bool has_word(const char *q)
{
	for (const unsigned char *p = (const unsigned char *)q; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p >= 0x80)
			return true;
	return false;
}

/*
 * The practice search's answer for q and limit: kept (search_cache.h) under the caller's
 * organisation while the search version stands, as the practice list keeps its own — a first
 * practice search on a large library costs tens of millions of instructions. The key ("global
 * search", q, limit) has two separators where the practice list's have six, and q is cleaned
 * of control characters, so the two never share a key.
 */
static json_t *practice_answer(struct store *s, const struct caller *c, const char *q, int limit, struct error *err)
{
	struct practice_filter f = {q, NULL, NULL, NULL, NULL};
	struct page pg = {0, limit};
	long long version = search_version(s);
	struct buf k;
	char *key, *text;
	json_t *list;

	buf_init(&k, 0);
	buf_printf(&k, "global search\x1f%s\x1f%d", q, limit);
	key = buf_detach(&k, NULL);
	if (key && version >= 0 && (text = search_cache_get(c->org_id, key, version))) {
		list = json_loads(text, 0, NULL);
		free(text);
		if (list) {
			free(key);
			return list;
		}
	}
	list = practice_list_json(s, c, &f, pg, err);
	if (list && key && version >= 0 && (text = json_dumps(list, JSON_COMPACT))) {
		search_cache_put(c->org_id, key, version, text);
		free(text);
	}
	free(key);
	return list;
}

/*
 * Practices come from the practice search itself (practice_list_json: its visibility rules and
 * ranking, docs/practices.md); ranked, they page by position: the top pos + want + 1, the first
 * pos skipped. The practice search answers at most PAGE_LIMIT_MAX.
 */
static int search_practice_rows(struct store *s, const struct caller *c, const char *q, long long pos, int want,
				json_t *results, bool *more, long long *last, struct error *err)
{
	json_t *list, *items, *p;
	size_t i;

	*more = false;
	if (!has_word(q) || pos >= PAGE_LIMIT_MAX)
		return 0;
	if (!(list = practice_answer(s, c, q, (int)(pos + want + 1 > PAGE_LIMIT_MAX ? PAGE_LIMIT_MAX : pos + want + 1), err)))
		return -1;
	items = json_object_get(list, "items");
	json_array_foreach(items, i, p)
	{
		if ((long long)i < pos)
			continue;
		if ((long long)i >= pos + want) {
			*more = true;
			break;
		}
		json_array_append_new(results, result_json(SEARCH_PRACTICE, json_integer_value(json_object_get(p, "id")),
							   json_string_value(json_object_get(p, "title")),
							   json_string_value(json_object_get(p, "snippet")),
							   json_integer_value(json_object_get(p, "id")), 0));
		*last = (long long)i + 1;
	}
	json_decref(list);
	return 0;
}

json_t *search_json(struct store *s, const struct caller *c, const struct search_request *in, struct error *err)
{
	char q[SEARCH_Q_MAX * 4 + 1], cursor[SEARCH_CURSOR_MAX];
	enum search_kind first = in->kind >= 0 ? (enum search_kind)in->kind : SEARCH_ENGAGEMENT;
	enum search_kind end = in->kind >= 0 ? (enum search_kind)(in->kind + 1) : SEARCH_KINDS;
	long long pos = 0;
	json_t *results, *next = json_null();

	if (search_query_clean(in->q, q, sizeof q, err) < 0)
		return NULL;
	if (in->after && *in->after) {
		enum search_kind at;

		if (!search_cursor_parse(in->after, &at, &pos) || at < first || at >= end) {
			error_set(err, 400, "invalid", "after", "after must be a cursor from 'next' of the same search");
			return NULL;
		}
		first = at;
	}
	results = json_array();
	/* Each kind asks for what the page still has room for, plus one to know whether there is more: one query a kind, at most. */
	for (enum search_kind k = first; k < end; k++) {
		int room = in->limit - (int)json_array_size(results);
		long long from = k == first ? pos : 0, last = 0;
		bool more;
		int rc = k == SEARCH_PRACTICE ? search_practice_rows(s, c, q, from, room, results, &more, &last, err)
					      : search_kind_rows(s, c, k, q, from, room, results, &more, &last, err);

		if (rc < 0) {
			json_decref(results);
			return NULL;
		}
		if (more) {
			/* Full: the next page starts after the last result kept, or at the start of this kind when none was. */
			search_cursor_format(k, last ? last : (k == SEARCH_PRACTICE ? from : 0), cursor);
			next = json_string(cursor);
			break;
		}
	}
	return json_pack("{s:o, s:o}", "results", results, "next", next);
}
