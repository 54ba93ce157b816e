/* reply: building JSON answers, JSON errors, headers and redirects. */
#include <stdlib.h>
#include <string.h>

#include "../util/redirect.h"
#include "http.h"

void reply_header(struct response *rs, const char *name, const char *value)
{
	if (rs->nheaders >= (int)(sizeof rs->headers / sizeof rs->headers[0]))
		return;
	rs->headers[rs->nheaders].name = name;
	rs->headers[rs->nheaders].value = strdup(value);
	rs->nheaders++;
}

/* The one answer for a body that could not be made. */
static void internal_error(struct response *rs)
{
	rs->status = 500;
	rs->content_type = "application/json";
	buf_reset(&rs->body);
	rs->body.overflow = 0;
	buf_puts(&rs->body, "{\"error\":{\"code\":\"internal\",\"message\":\"internal error\"}}");
}

void reply_json(struct response *rs, int status, json_t *steal)
{
	char *text;

	rs->status = status;
	rs->content_type = "application/json";
	buf_reset(&rs->body);
	if (!steal) {
		internal_error(rs);
		return;
	}
	text = json_dumps(steal, JSON_COMPACT);
	json_decref(steal);
	reply_json_text(rs, status, text);
}

void reply_json_text(struct response *rs, int status, char *steal)
{
	rs->status = status;
	rs->content_type = "application/json";
	buf_reset(&rs->body);
	if (!steal) {
		internal_error(rs);
		return;
	}
	buf_puts(&rs->body, steal);
	free(steal);
	if (rs->body.overflow) {
		internal_error(rs);
		return;
	}
	buf_putc(&rs->body, '\n');
}

void reply_json_begin(struct response *rs, int status, struct jsonw *w)
{
	rs->status = status;
	rs->content_type = "application/json";
	buf_reset(&rs->body);
	jsonw_init(w, &rs->body);
}

void reply_json_end(struct response *rs, bool ok)
{
	if (!ok || rs->body.overflow)
		internal_error(rs);
	buf_putc(&rs->body, '\n');
}

void reply_error(struct response *rs, int status, const char *code, const char *field,
		 const char *message)
{
	json_t *e = json_pack("{s:s, s:s}", "code", code ? code : "error", "message",
			      message ? message : "");

	if (field)
		json_object_set_new(e, "field", json_string(field));
	reply_json(rs, status, json_pack("{s:o}", "error", e));
}

void reply_err(struct response *rs, const struct error *e)
{
	reply_error(rs, e->status ? e->status : 500, e->code, e->field, e->message);
}

void reply_redirect(struct response *rs, const char *location)
{
	rs->status = 303;
	rs->content_type = "text/plain; charset=utf-8";
	buf_reset(&rs->body);
	/* Every redirect accord answers is a path on this site (util/redirect.c), whoever built it. */
	reply_header(rs, "Location", redirect_target(location, "/"));
}
