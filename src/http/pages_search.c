/* pages_search: the search box in every signed-in page's navigation and the /search page of results grouped by kind. */
#include <string.h>

#include "../service/search.h"
#include "api.h"
#include "pages.h"

/* Results each kind shows on the page of all kinds; its "more" link pages through that kind alone. */
#define SEARCH_PER_KIND 5

static const char *const kind_headings[SEARCH_KINDS] = {"Engagements", "Reviews", "Actions", "Strategic issues",
							"Problem statements", "Practices"};
static const char *const kind_more[SEARCH_KINDS] = {"More engagements", "More reviews", "More actions", "More strategic issues",
						    "More problem statements", "More practices"};

/* s percent-encoded for a query string: everything but unreserved characters. */
static void url_encode(struct buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-._~", *p))
			buf_putc(out, (char)*p);
		else {
			buf_putc(out, '%');
			buf_putc(out, hex[*p >> 4]);
			buf_putc(out, hex[*p & 15]);
		}
	}
}

void nav_search_box(struct buf *b, struct request *rq)
{
	const char *q = rq->path && strcmp(rq->path, "/search") == 0 ? request_query(rq, "q") : NULL;

	html_fmt(b, "<form class=\"nav-search\" role=\"search\" method=\"get\" action=\"/search\">"
		    "<label class=\"sr-only\" for=\"nav-q\">Search engagements, reviews, actions, issues, problems and practices</label>"
		    "<input type=\"search\" id=\"nav-q\" name=\"q\" value=\"%s\" placeholder=\"Search\" maxlength=\"%d\" required>"
		    "<button type=\"submit\">Search</button></form>",
		 q ? q : "", SEARCH_Q_MAX);
}

/* One result: its title as a link, the snippet with the matches marked (escaped by html_highlight). */
static void result_item(struct buf *b, json_t *r)
{
	html_fmt(b, "<li><a href=\"%s\">%s</a><p class=\"snippet\">", json_text(r, "url"), json_text(r, "title"));
	html_highlight(b, json_text(r, "snippet"));
	html_fmt(b, "</p></li>");
}

/* A group of one kind's results; more_href (may be NULL) goes on to the rest. */
static void result_group(struct buf *b, enum search_kind k, json_t *results, const char *more_href, const char *more)
{
	size_t i;
	json_t *r;

	html_fmt(b, "<section class=\"card search-group\" id=\"%s\"><h2>%s</h2><ol class=\"results\">", search_kind_name(k),
		 kind_headings[k]);
	json_array_foreach(results, i, r) result_item(b, r);
	html_fmt(b, "</ol>");
	if (more_href)
		html_fmt(b, "<p><a href=\"%s\">%s</a></p>", more_href, more);
	html_fmt(b, "</section>");
}

/* The search's address with q, kind and (may be NULL) after, into out. */
static void search_href(struct buf *out, const char *q, enum search_kind k, const char *after)
{
	buf_reset(out);
	buf_puts(out, "/search?q=");
	url_encode(out, q);
	buf_puts(out, "&kind=");
	buf_puts(out, search_kind_name(k));
	if (after) {
		buf_puts(out, "&after=");
		url_encode(out, after);
	}
}

static void search_intro(struct buf *b, const char *q, const struct error *err)
{
	html_fmt(b, "<h1>Search</h1><form class=\"search-page\" role=\"search\" method=\"get\" action=\"/search\">");
	form_input(b, "Search for", "q", "search", q, err);
	html_fmt(b, "<button type=\"submit\">Search</button></form>"
		    "<p class=\"muted\">Finds engagements, reviews, actions, strategic issues, problem statements and practices "
		    "you can see, by their titles and texts.</p>");
}

/* Every kind, SEARCH_PER_KIND each, with a link to the rest of a kind; false when the store failed. */
static bool all_kinds(struct request *rq, struct buf *b, struct search_request *in, struct buf *href, int *found)
{
	for (int k = 0; k < SEARCH_KINDS; k++) {
		struct error err = {0};
		json_t *page, *results;

		in->kind = k;
		if (!(page = search_json(rq->store, &rq->caller, in, &err)))
			return false;
		results = json_object_get(page, "results");
		if (json_array_size(results)) {
			bool more = json_is_string(json_object_get(page, "next"));

			if (more)
				search_href(href, in->q, (enum search_kind)k, NULL);
			result_group(b, (enum search_kind)k, results, more ? href->data : NULL, kind_more[k]);
			*found += (int)json_array_size(results);
		}
		json_decref(page);
	}
	return true;
}

void page_search(struct request *rq, struct response *rs)
{
	struct search_request in;
	struct error err = {0};
	struct buf *b = &rs->body, href;
	char clean[SEARCH_Q_MAX * 4 + 1];
	json_t *page = NULL;
	int found = 0;
	bool ok = true;

	if (!search_request_read(rq, &in, &err)) {
		page_error(rq, rs, err.status, err.message);
		return;
	}
	buf_init(&href, 0);
	page_begin(rq, rs, "Search");
	if (!in.q || !*in.q) {
		search_intro(b, "", NULL);
		html_fmt(b, "<section class=\"card\"><p class=\"muted\">Type at least %d characters above, or in the search box at the top of every page.</p></section>",
			 SEARCH_Q_MIN);
		found = -1;
	} else if (search_query_clean(in.q, clean, sizeof clean, &err) < 0) {
		/* The person's to fix: the form shows why beside the box. */
		rs->status = err.status;
		search_intro(b, in.q, &err);
		found = -1;
	} else if (in.kind < 0) {
		in.limit = SEARCH_PER_KIND;
		in.after = NULL;
		search_intro(b, in.q, NULL);
		ok = all_kinds(rq, b, &in, &href, &found);
	} else if ((page = search_json(rq->store, &rq->caller, &in, &err))) {
		json_t *results = json_object_get(page, "results"), *next = json_object_get(page, "next");

		search_intro(b, in.q, NULL);
		buf_puts(&href, "/search?q=");
		url_encode(&href, in.q);
		html_fmt(b, "<p class=\"crumbs\"><a href=\"%s\">← All kinds</a></p>", href.data);
		found = (int)json_array_size(results);
		if (json_is_string(next))
			search_href(&href, in.q, (enum search_kind)in.kind, json_string_value(next));
		if (found)
			result_group(b, (enum search_kind)in.kind, results, json_is_string(next) ? href.data : NULL, "Next page");
	} else if (err.status == 400) {
		/* A cursor from another search: the page the person can use is the search's first. */
		rs->status = 400;
		search_intro(b, in.q, &err);
		found = -1;
	} else
		ok = false;
	if (!ok) {
		buf_release(&href);
		json_decref(page);
		page_error(rq, rs, 503, "The search cannot run just now; try again shortly.");
		return;
	}
	if (found == 0)
		html_fmt(b, "<section class=\"card empty\"><p>Nothing you can see matches “%s”.</p>"
			    "<p class=\"muted\">Search looks in titles and texts; practices match whole words.</p></section>",
			 clean);
	page_end(rs);
	buf_release(&href);
	json_decref(page);
}
