/* TEMPORARY stand-in for the lead's forms infrastructure, until it lands on main (not to be merged). */
#include <stdio.h>
#include <string.h>

#include "forms_shim_tmp.h"
#include "pages.h"

void page_saved(struct request *rq, struct response *rs, const char *url, const char *message)
{
	(void)rq;
	(void)message;
	reply_redirect(rs, url);
}

void form_pick(struct buf *b, const char *label, const char *name, json_t *options, const char *selected, bool optional,
	       const struct error *err)
{
	json_t *o;
	size_t i;

	html_fmt(b, "<label class=\"field%s\"><span>%s</span><select name=\"%s\" id=\"f-%s\">", err && err->field && !strcmp(err->field, name) ? " invalid" : "", label, name, name);
	if (optional)
		html_fmt(b, "<option value=\"\">— none —</option>");
	json_array_foreach(options, i, o)
	{
		char v[64];
		json_t *val = json_object_get(o, "value");

		if (json_is_integer(val))
			snprintf(v, sizeof v, "%lld", (long long)json_integer_value(val));
		else
			snprintf(v, sizeof v, "%s", json_string_value(val) ? json_string_value(val) : "");
		html_fmt(b, "<option value=\"%s\"%s>%s</option>", v, selected && !strcmp(selected, v) ? " selected" : "", json_text(o, "label"));
	}
	html_fmt(b, "</select>");
	if (err && err->field && !strcmp(err->field, name))
		html_fmt(b, "<em class=\"error\">%s</em>", err->message);
	html_fmt(b, "</label>");
}

bool form_confirmed(struct request *rq)
{
	const char *c = request_form(rq, "confirmed");

	return c && !strcmp(c, "yes");
}

void confirm_begin(struct request *rq, struct response *rs, const char *title)
{
	page_begin(rq, rs, title);
	html_fmt(&rs->body, "<section class=\"card\"><h1>%s</h1>", title);
}

void confirm_end(struct request *rq, struct response *rs, const char *button, const char *cancel)
{
	struct buf *b = &rs->body;

	html_fmt(b, "<form method=\"post\" action=\"%s\">", rq->path ? rq->path : "");
	for (size_t i = 0; i < rq->form_len; i++)
		if (strcmp(rq->form[i].name, "confirmed"))
			html_fmt(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", rq->form[i].name, rq->form[i].value);
	html_fmt(b, "<input type=\"hidden\" name=\"confirmed\" value=\"yes\"><div class=\"actions\"><button type=\"submit\" class=\"danger\">%s</button> <a href=\"%s\">Cancel</a></div></form></section>", button, cancel);
	page_end(rs);
}

bool form_confirm(struct request *rq, struct response *rs, const char *title, const char *what, const char *button,
		  const char *cancel)
{
	if (form_confirmed(rq))
		return true;
	confirm_begin(rq, rs, title);
	html_fmt(&rs->body, "<p>%s</p>", what);
	confirm_end(rq, rs, button, cancel);
	return false;
}
