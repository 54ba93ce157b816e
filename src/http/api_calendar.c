/* api_calendar: the secret iCalendar feed URL of each person, and its revocation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/auth.h"
#include "../service/calendar.h"
#include "api.h"

void public_base_url(struct request *rq, char *out, size_t n)
{
	const char *env = getenv("ACCORD_PUBLIC_URL");
	const char *host = request_header(rq, MHD_HTTP_HEADER_HOST);
	size_t len;

	if (env && *env)
		snprintf(out, n, "%s", env);
	else if (host && *host && strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") == strlen(host))
		snprintf(out, n, "http://%s", host);
	else
		snprintf(out, n, "http://localhost");
	len = strlen(out);
	if (len && out[len - 1] == '/')
		out[len - 1] = '\0';
}

void api_calendar_feed(struct request *rq, struct response *rs)
{
	const char *prefix = "/calendar/";
	char base[256], token[72];
	size_t n = strlen(rq->path) - strlen(prefix) - strlen(".ics");
	char *ics;

	/* The route's pattern "/calendar/{token}.ics" matched, so the token sits between. */
	snprintf(token, sizeof token, "%.*s", (int)(n < sizeof token ? n : 0), rq->path + strlen(prefix));
	public_base_url(rq, base, sizeof base);
	ics = calendar_feed(rq->store, token, base);
	if (!ics) {
		reply_error(rs, 404, "not_found", NULL, "no such calendar");
		return;
	}
	rs->status = 200;
	rs->content_type = "text/calendar; charset=utf-8";
	buf_reset(&rs->body);
	buf_puts(&rs->body, ics);
	free(ics);
}

void api_calendar_rotate(struct request *rq, struct response *rs)
{
	char token[AUTH_TOKEN_LEN], base[256], url[384];
	struct error err = {0};

	if (calendar_rotate(rq->store, rq->caller.user_id, token, sizeof token, &err) != 0) {
		reply_err(rs, &err);
		return;
	}
	public_base_url(rq, base, sizeof base);
	snprintf(url, sizeof url, "%s/calendar/%s.ics", base, token);
	reply_json(rs, 200, json_pack("{s:s}", "calendar_url", url));
}
