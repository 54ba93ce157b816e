/* api_calendar: the secret iCalendar feed URL of each person, and its revocation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../service/auth.h"
#include "../service/calendar.h"
#include "api.h"

/* http://HOST:PORT of `accord serve --listen`, set once as the server starts. */
static char listen_base[96] = "http://127.0.0.1:8080";

void public_base_set_listen(const char *host, unsigned port)
{
	snprintf(listen_base, sizeof listen_base, "http://%s:%u", host, port);
}

void public_base_url(struct request *rq, char *out, size_t n)
{
	const char *env = getenv("ACCORD_PUBLIC_URL");
	size_t len;

	/* Never the request's Host header: a forged one would put another site into links (docs/security.md). */
	(void)rq;
	snprintf(out, n, "%s", env && *env ? env : listen_base);
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
