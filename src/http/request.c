/* request: reading query parameters, headers, cookies, form fields and paging from a request. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "../util/text.h"
#include <strings.h>

#include "../service/orgs.h"
#include "http.h"

/* A value of name, value, ..., NULL pairs: what a request without a connection carries. */
static const char *pair_value(const char *const *pairs, const char *name, bool any_case)
{
	for (; pairs && pairs[0] && pairs[1]; pairs += 2)
		if (any_case ? strcasecmp(pairs[0], name) == 0 : strcmp(pairs[0], name) == 0)
			return pairs[1];
	return NULL;
}

const char *request_query(struct request *rq, const char *name)
{
	if (!rq->conn)
		return NULL;
	return MHD_lookup_connection_value(rq->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *request_header(struct request *rq, const char *name)
{
	if (!rq->conn)
		return pair_value(rq->headers, name, true);
	return MHD_lookup_connection_value(rq->conn, MHD_HEADER_KIND, name);
}

const char *request_cookie(struct request *rq, const char *name)
{
	if (!rq->conn)
		return pair_value(rq->cookies, name, false);
	return MHD_lookup_connection_value(rq->conn, MHD_COOKIE_KIND, name);
}

const char *request_form(struct request *rq, const char *name)
{
	for (size_t i = 0; i < rq->form_len; i++)
		if (strcmp(rq->form[i].name, name) == 0)
			return rq->form[i].value;
	return NULL;
}

role_mask request_roles(struct request *rq)
{
	role_mask m = 0;
	json_t *r;
	size_t i;
	int k;

	if (rq->json) {
		json_array_foreach(json_object_get(rq->json, "roles"), i, r)
			if ((k = role_parse(json_string_value(r))) >= 0)
				m |= ROLE_BIT(k);
		return m;
	}
	for (i = 0; i < rq->form_len; i++)
		if (strcmp(rq->form[i].name, "roles") == 0 && (k = role_parse(rq->form[i].value)) >= 0)
			m |= ROLE_BIT(k);
	return m;
}

bool parse_id(const char *s, long long *out)
{
	char *end;
	long long v;

	if (!s || *s < '1' || *s > '9' || strlen(s) > 18)
		return false;
	errno = 0;
	v = strtoll(s, &end, 10);
	if (*end || errno || v <= 0)
		return false;
	*out = v;
	return true;
}

bool request_page(struct request *rq, struct response *rs, struct page *pg)
{
	const char *limit = request_query(rq, "limit"), *after = request_query(rq, "after");
	long long v;

	pg->limit = PAGE_LIMIT_DEFAULT;
	pg->after = 0;
	if (limit) {
		if (!parse_id(limit, &v) || v > PAGE_LIMIT_MAX) {
			reply_error(rs, 400, "invalid", "limit", "limit must be 1 to 200");
			return false;
		}
		pg->limit = (int)v;
	}
	if (after && *after) {
		if (!parse_id(after, &v)) {
			reply_error(rs, 400, "invalid", "after", "after must be a cursor from 'next'");
			return false;
		}
		pg->after = v;
	}
	return true;
}

bool request_choice(struct request *rq, struct response *rs, const char *name,
		    const char *const *values, const char **out)
{
	const char *v = request_query(rq, name);

	*out = NULL;
	if (!v || !*v)
		return true;
	for (; *values; values++) {
		if (strcmp(*values, v) == 0) {
			*out = *values;
			return true;
		}
	}
	reply_error(rs, 400, "invalid", name, "this filter has no such value");
	return false;
}

size_t request_unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	char *w = s;
	const char *r = s;

	(void)cls;
	(void)conn;
	while (*r) {
		int hi = r[0] == '%' ? text_hex_digit(r[1]) : -1;
		int lo = hi >= 0 ? text_hex_digit(r[2]) : -1;

		if (lo >= 0 && (hi || lo)) {
			*w++ = (char)(hi * 16 + lo);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}
