/* test_forms: forms that talk back — errors in people's words linked to their field, the saved message round trip, the confirmation step, GET on a form URL, a file upload's multipart body — hand-worked. */
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "http/pages.h"

/* What writer wrote into a fresh buffer, as a malloc'd string. */
static char *written(struct buf *b)
{
	return buf_detach(b, NULL);
}

static void names_read_as_words(void)
{
	struct buf b;
	char *s;

	buf_init(&b, 0);
	human_words(&b, "held_on must be a date");
	s = written(&b);
	CHECK_STR(s, "Date held must be a date");
	free(s);

	buf_init(&b, 0);
	human_words(&b, "name at least one role that must attend, e.g. buyer_cxo");
	s = written(&b);
	CHECK(strstr(s, "buyer_cxo") == NULL);
	CHECK(strstr(s, "e.g. ") != NULL);
	free(s);

	/* Inside a sentence a label reads in lower case; an unknown name reads with spaces. */
	buf_init(&b, 0);
	human_words(&b, "must be after starts_on; see some_new_field");
	s = written(&b);
	CHECK_STR(s, "must be after start date; see some new field");
	free(s);

	/* Escaped by construction, and prose with no underscore is untouched. */
	buf_init(&b, 0);
	human_words(&b, "<b>title</b> & due_on");
	s = written(&b);
	CHECK_STR(s, "&lt;b&gt;title&lt;/b&gt; &amp; due date");
	free(s);

	/* Paths and file names keep their underscores. */
	buf_init(&b, 0);
	human_words(&b, "see /api/v1/x_y and a.b_c");
	s = written(&b);
	CHECK_STR(s, "see /api/v1/x_y and a.b_c");
	free(s);
}

static void the_summary_links_to_its_field(void)
{
	static const char *const fields[] = {"held_on", "minutes", NULL};
	struct error err = {0};
	struct buf b;
	char *s;

	error_set(&err, 422, "invalid", "held_on", "held_on must be a date");
	buf_init(&b, 0);
	form_error_banner(&b, &err, fields);
	s = written(&b);
	CHECK(strstr(s, "id=\"form-errors\"") != NULL);
	CHECK(strstr(s, "role=\"alert\"") != NULL);
	CHECK(strstr(s, "<a href=\"#f-held_on\">Date held</a>: must be a date") != NULL);
	free(s);

	/* A field the form does not show is not linked; the message still shows. */
	error_set(&err, 409, "conflict", "revision", "the practice changed since you opened it");
	buf_init(&b, 0);
	form_error_banner(&b, &err, fields);
	s = written(&b);
	CHECK(strstr(s, "href=") == NULL);
	CHECK(strstr(s, "the practice changed since you opened it") != NULL);
	free(s);

	/* No error, no summary. */
	buf_init(&b, 0);
	form_error_banner(&b, NULL, fields);
	CHECK_INT(b.len, 0);
	buf_release(&b);

	/* Beside the field too, in words. */
	error_set(&err, 422, "invalid", "due_on", "due_on must be a date");
	buf_init(&b, 0);
	form_input(&b, "Due date", "due_on", "date", "2026-13-01", &err);
	s = written(&b);
	CHECK(strstr(s, "aria-invalid=\"true\"") != NULL);
	CHECK(strstr(s, "<em class=\"error\">Must be a date</em>") != NULL);
	free(s);
}

/* A header the response carries, or NULL. */
static const char *header(struct response *rs, const char *name, int nth)
{
	for (int i = 0; i < rs->nheaders; i++)
		if (!strcmp(rs->headers[i].name, name) && nth-- == 0)
			return rs->headers[i].value;
	return NULL;
}

static void headers_free(struct response *rs)
{
	for (int i = 0; i < rs->nheaders; i++)
		free(rs->headers[i].value);
	rs->nheaders = 0;
}

static void the_saved_message_shows_once(void)
{
	struct request rq = {0};
	struct response rs = {0};
	const char *cookies[3] = {"accord_flash", NULL, NULL};
	char value[512];
	const char *set;
	char *s;

	/* Signed out, nothing is carried: the message is bound to a session. */
	buf_init(&rs.body, 0);
	page_saved(&rq, &rs, "/issues/5#responses", "Response sent.");
	CHECK(header(&rs, "Set-Cookie", 0) == NULL);
	headers_free(&rs);
	buf_release(&rs.body);

	rq.signed_in = true;
	snprintf(rq.caller.csrf, sizeof rq.caller.csrf, "session-one-csrf");
	buf_init(&rs.body, 0);
	page_saved(&rq, &rs, "/issues/5#responses", "Response sent to <Globex>.");
	CHECK_INT(rs.status, 303);
	CHECK_STR(header(&rs, "Location", 0), "/issues/5#responses");
	set = header(&rs, "Set-Cookie", 0);
	CHECK(set && !strncmp(set, "accord_flash=", 13));
	CHECK(set && strstr(set, "HttpOnly") && strstr(set, "Max-Age=60"));
	/* The cookie value carries no character a cookie may not hold. */
	snprintf(value, sizeof value, "%s", set ? set + 13 : "");
	value[strcspn(value, ";")] = '\0';
	CHECK(value[0] && strspn(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") == strlen(value));
	headers_free(&rs);
	buf_release(&rs.body);

	/* The next page shows it escaped and clears it in the same answer. */
	cookies[1] = value;
	rq.cookies = cookies;
	buf_init(&rs.body, 0);
	page_saved_message(&rq, &rs, &rs.body);
	s = written(&rs.body);
	CHECK(strstr(s, "role=\"status\"") != NULL);
	CHECK(strstr(s, "Response sent to &lt;Globex&gt;.") != NULL);
	free(s);
	CHECK(header(&rs, "Set-Cookie", 0) && strstr(header(&rs, "Set-Cookie", 0), "Max-Age=0"));
	headers_free(&rs);

	/* Another session's browser holding the same cookie (set across sites) shows nothing. */
	snprintf(rq.caller.csrf, sizeof rq.caller.csrf, "session-two-csrf");
	buf_init(&rs.body, 0);
	page_saved_message(&rq, &rs, &rs.body);
	CHECK_INT(rs.body.len, 0);
	headers_free(&rs);
	buf_release(&rs.body);
	snprintf(rq.caller.csrf, sizeof rq.caller.csrf, "session-one-csrf");

	/* A forged or broken cookie shows nothing (and is cleared). */
	cookies[1] = "%%%not-base64%%%";
	buf_init(&rs.body, 0);
	page_saved_message(&rq, &rs, &rs.body);
	CHECK_INT(rs.body.len, 0);
	CHECK(header(&rs, "Set-Cookie", 0) != NULL);
	headers_free(&rs);
	buf_release(&rs.body);

	/* Without a section the page opens at its message, not at the form's anchor. */
	buf_init(&rs.body, 0);
	page_saved(&rq, &rs, "/actions", "Action updated.");
	CHECK_STR(header(&rs, "Location", 0), "/actions#saved");
	headers_free(&rs);
	buf_release(&rs.body);

	/* An off-site location is refused by the one redirect parser. */
	buf_init(&rs.body, 0);
	page_saved(&rq, &rs, "//evil.example/", "x");
	CHECK_STR(header(&rs, "Location", 0), "/");
	headers_free(&rs);
	buf_release(&rs.body);
}

static void a_binding_action_posts_twice(void)
{
	struct request rq = {0};
	struct response rs = {0};
	struct form_pair pairs[3] = {{(char *)"csrf", (char *)"tok"}, {(char *)"rationale", (char *)"Best \"value\""}, {NULL, NULL}};
	char *s;

	rq.path = "/roadmap-items/7/award";
	rq.form = pairs;
	rq.form_len = 2;
	snprintf(rq.caller.csrf, sizeof rq.caller.csrf, "tok");
	buf_init(&rs.body, 0);
	CHECK(!form_confirm(&rq, &rs, "Award it?", "Globex wins.", "Award", "/roadmap-items/7"));
	s = written(&rs.body);
	CHECK(strstr(s, "action=\"/roadmap-items/7/award#form-errors\"") != NULL);
	CHECK(strstr(s, "name=\"rationale\" value=\"Best &quot;value&quot;\"") != NULL);
	CHECK(strstr(s, "name=\"confirmed\" value=\"yes\"") != NULL);
	CHECK(strstr(s, "class=\"danger\"") != NULL);
	CHECK(strstr(s, "href=\"/roadmap-items/7\"") != NULL);
	/* The CSRF field is the session's, once. */
	CHECK(strstr(s, "name=\"csrf\"") && !strstr(strstr(s, "name=\"csrf\"") + 1, "name=\"csrf\""));
	free(s);
	headers_free(&rs);

	pairs[1] = (struct form_pair){(char *)"confirmed", (char *)"yes"};
	buf_init(&rs.body, 0);
	CHECK(form_confirm(&rq, &rs, "Award it?", "Globex wins.", "Award", "/roadmap-items/7"));
	CHECK_INT(rs.body.len, 0);
	buf_release(&rs.body);
}

static void get_on_a_form_url_finds_its_page(void)
{
	char page[256];

	CHECK(router_form_page("/issues/5/responses", page, sizeof page));
	CHECK_STR(page, "/issues/5");
	CHECK(router_form_page("/engagements/3/mode", page, sizeof page));
	CHECK_STR(page, "/engagements/3");
	CHECK(router_form_page("/suggestions/9", page, sizeof page));
	CHECK_STR(page, "/");
	/* Not a form URL: no redirect. */
	CHECK(!router_form_page("/api/v1/engagements/3/mode", page, sizeof page));
	CHECK(!router_form_page("/nothing/here", page, sizeof page));
}

/* A multipart body (as a browser sends a file upload) parsed as form_parse sees it: headers named in rq.headers. */
static bool parse_multipart(struct request *rq, const char *type, const char *body)
{
	static const char *headers[3];

	memset(rq, 0, sizeof *rq);
	headers[0] = "Content-Type";
	headers[1] = type;
	headers[2] = NULL;
	rq->headers = headers;
	rq->body_raw = body;
	rq->body_len = strlen(body);
	return form_parse(rq);
}

static void a_file_upload_reads_as_fields(void)
{
	struct request rq;
	const char *type = "multipart/form-data; boundary=----WebKitFormBoundaryX7";
	const char *body = "------WebKitFormBoundaryX7\r\n"
			   "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
			   "tok123\r\n"
			   "------WebKitFormBoundaryX7\r\n"
			   "Content-Disposition: form-data; filename=\"name=x.csv\"; name=\"file\"\r\n"
			   "Content-Type: text/csv\r\n\r\n"
			   "kpi,period,value\r\nAvailability,2026-10,99.9\r\n\r\n"
			   "------WebKitFormBoundaryX7\r\n"
			   "Content-Disposition: form-data; name=\"csv\"\r\n\r\n"
			   "\r\n"
			   "------WebKitFormBoundaryX7--\r\n";

	CHECK(parse_multipart(&rq, type, body));
	CHECK_INT((int)rq.form_len, 4);
	/* The file's name comes as its own field; "name=" inside it is not the field's name. */
	CHECK_STR(request_form(&rq, "file.filename"), "name=x.csv");
	CHECK(request_form(&rq, "file.not_text") == NULL);
	CHECK_STR(request_form(&rq, "csrf"), "tok123");
	/* The file's bytes, CR LF read as LF, its trailing line break kept; the filename's own "name=" is not the field's name. */
	CHECK_STR(request_form(&rq, "file"), "kpi,period,value\nAvailability,2026-10,99.9\n");
	CHECK_STR(request_form(&rq, "csv"), "");
	form_free(&rq);

	/* The boundary parameter, not another one ending in "boundary=". */
	CHECK(parse_multipart(&rq, "multipart/form-data; xboundary=zzz; boundary=B",
			      "--B\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n2\r\n--B--"));
	CHECK_STR(request_form(&rq, "x"), "2");
	form_free(&rq);
	/* A quoted boundary, and the first delimiter after a preamble. */
	CHECK(parse_multipart(&rq, "multipart/form-data; boundary=\"a b\"",
			      "preamble\r\n--a b\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--a b--"));
	CHECK_STR(request_form(&rq, "x"), "1");
	form_free(&rq);
}

static void a_broken_upload_is_refused_whole(void)
{
	struct request rq;
	const char *type = "multipart/form-data; boundary=B";

	/* No closing delimiter for the last part; a part without a name; bytes that are not UTF-8; a NUL. */
	CHECK(!parse_multipart(&rq, type, "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1"));
	CHECK(rq.form == NULL && rq.form_len == 0);
	CHECK(!parse_multipart(&rq, type, "--B\r\nContent-Disposition: form-data\r\n\r\n1\r\n--B--"));
	CHECK(!parse_multipart(&rq, type, "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xff\xfe\r\n--B--"));
	rq.body_len = 0;
	{
		static const char nul[] = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\0y\r\n--B--";
		static const char *headers[] = {"Content-Type", "multipart/form-data; boundary=B", NULL};

		memset(&rq, 0, sizeof rq);
		rq.headers = headers;
		rq.body_raw = nul;
		rq.body_len = sizeof nul - 1;
		CHECK(!form_parse(&rq));
	}
	/* A chosen file that is not text is no broken form: its field is empty and says so; a text field that is not text is. */
	CHECK(parse_multipart(&rq, type, "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n\r\nPK\x03\x04\xff\r\n--B--"));
	CHECK_STR(request_form(&rq, "file"), "");
	CHECK_STR(request_form(&rq, "file.not_text"), "1");
	CHECK_STR(request_form(&rq, "file.filename"), "a.xlsx");
	form_free(&rq);
	CHECK(!parse_multipart(&rq, type, "--B\r\nContent-Disposition: form-data; name=\"csv\"\r\n\r\nPK\x03\x04\xff\r\n--B--"));
	/* No file chosen: the browser sends an empty part with an empty file name. */
	CHECK(parse_multipart(&rq, type, "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--B--"));
	CHECK_STR(request_form(&rq, "file"), "");
	CHECK_STR(request_form(&rq, "file.filename"), "");
	form_free(&rq);
	/* No boundary at all, or one too long: read as urlencoded, where "--B..." is a single odd field name, not a file. */
	CHECK(parse_multipart(&rq, "multipart/form-data", "a=1&b=2"));
	CHECK_STR(request_form(&rq, "b"), "2");
	form_free(&rq);
}

int main(void)
{
	RUN(names_read_as_words);
	RUN(the_summary_links_to_its_field);
	RUN(the_saved_message_shows_once);
	RUN(a_binding_action_posts_twice);
	RUN(get_on_a_form_url_finds_its_page);
	RUN(a_file_upload_reads_as_fields);
	RUN(a_broken_upload_is_refused_whole);
	return HARNESS_DONE("forms");
}
