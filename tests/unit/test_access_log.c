/* test_access_log: the access log's line — the calendar feed's token cut out, control characters escaped so a request cannot forge a line. */
#include <stdio.h>
#include <stdlib.h>

#include "../harness.h"
#include "http/http.h"

static char line[1024];

/* The line access_log_line writes for these values. */
static const char *logged(const char *client, const char *method, const char *url, int status)
{
	FILE *f = tmpfile();
	size_t n;

	line[0] = '\0';
	if (!f)
		return line;
	access_log_line(f, 1795771029LL, client, method, url, status, 123);
	rewind(f);
	n = fread(line, 1, sizeof line - 1, f);
	line[n] = '\0';
	fclose(f);
	return line;
}

static void a_plain_line(void)
{
	CHECK_STR(logged("127.0.0.1", "GET", "/api/v1/engagements/7", 200),
		  "2026-11-27T09:17:09Z 127.0.0.1 \"GET /api/v1/engagements/7\" 200 123\n");
	CHECK_STR(logged(NULL, NULL, NULL, 404), "2026-11-27T09:17:09Z - \"- -\" 404 123\n");
}

static void feed_token_cut_out(void)
{
	char out[128];

	access_log_path("/calendar/ZWsvYlpijNChFNxSr-dzdgwIxBvBLDhr.ics", out, sizeof out);
	CHECK_STR(out, "/calendar/[token].ics");
	/* Any path under /calendar/, well formed or not, is cut: a token with a typo is still a secret. */
	access_log_path("/calendar/ZWsvYlpijNChFNxSr-dzdgwIxBvBLDh", out, sizeof out);
	CHECK_STR(out, "/calendar/[token].ics");
	CHECK(strstr(logged("10.0.0.9", "GET", "/calendar/SECRETtoken123.ics", 200), "SECRET") == NULL);
	access_log_path("/calendars", out, sizeof out);
	CHECK_STR(out, "/calendars");
}

static void control_characters_escaped(void)
{
	char out[128];

	/* A decoded %0a in the path cannot start a forged line. */
	CHECK_STR(logged("127.0.0.1", "GET", "/x\n2026-01-01T00:00:00Z 1.2.3.4 \"GET /admin\" 200 1", 404),
		  "2026-11-27T09:17:09Z 127.0.0.1 \"GET /x\\x0a2026-01-01T00:00:00Z 1.2.3.4 \\x22GET /admin\\x22 200 1\" 404 123\n");
	access_log_path("/a\rb\tc\\d\x7f\xc3\xa9", out, sizeof out);
	CHECK_STR(out, "/a\\x0db\\x09c\\x5cd\\x7f\\xc3\\xa9");
	/* A path longer than the field is cut, never overflowing it. */
	{
		char path[600];

		memset(path, 'a', sizeof path - 1);
		path[0] = '/';
		path[sizeof path - 1] = '\0';
		access_log_path(path, out, sizeof out);
		CHECK(strlen(out) < sizeof out);
		memset(path, '\n', sizeof path - 1);
		access_log_path(path, out, sizeof out);
		CHECK(strlen(out) < sizeof out && strchr(out, '\n') == NULL);
	}
}

int main(void)
{
	RUN(a_plain_line);
	RUN(feed_token_cut_out);
	RUN(control_characters_escaped);
	return HARNESS_DONE("access_log");
}
