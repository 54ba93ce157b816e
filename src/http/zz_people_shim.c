/* zz_people_shim: TEMPORARY stand-ins for the lead's forms infrastructure, removed when it lands. */
#include <stdio.h>
#include <string.h>
#include "pages.h"

void form_pick(struct buf *b, const char *label, const char *name, json_t *options, const char *selected, bool optional,
	       const struct error *err)
{
	json_t *o;
	size_t i;

	html_fmt(b, "<label class=\"field\"><span>%s</span><select name=\"%s\" id=\"f-%s\">", label, name, name);
	if (optional)
		html_fmt(b, "<option value=\"\">— none —</option>");
	json_array_foreach(options, i, o)
	{
		json_t *v = json_object_get(o, "value");
		char val[64];

		if (json_is_integer(v))
			snprintf(val, sizeof val, "%lld", (long long)json_integer_value(v));
		else
			snprintf(val, sizeof val, "%s", json_string_value(v) ? json_string_value(v) : "");
		html_fmt(b, "<option value=\"%s\"%s>%s</option>", val, selected && !strcmp(selected, val) ? " selected" : "",
			 json_text(o, "label"));
	}
	html_fmt(b, "</select>");
	if (err && err->field && !strcmp(err->field, name))
		html_fmt(b, "<em class=\"error\">%s</em>", err->message);
	html_fmt(b, "</label>");
}

bool form_confirm(struct request *rq, struct response *rs, const char *title, const char *what, const char *button,
		  const char *cancel_href)
{
	const char *c = request_form(rq, "confirmed");

	if (c && !strcmp(c, "yes"))
		return true;
	page_begin(rq, rs, title);
	html_fmt(&rs->body, "<h1>%s</h1><p>%s</p><form method=\"post\">", title, what);
	form_csrf(&rs->body, rq);
	for (size_t i = 0; i < rq->form_len; i++)
		if (strcmp(rq->form[i].name, "csrf") != 0)
			html_fmt(&rs->body, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", rq->form[i].name, rq->form[i].value);
	html_fmt(&rs->body, "<input type=\"hidden\" name=\"confirmed\" value=\"yes\"><button class=\"danger\" type=\"submit\">%s</button> <a href=\"%s\">Cancel</a></form>", button, cancel_href);
	page_end(rs);
	return false;
}

void page_saved(struct request *rq, struct response *rs, const char *location, const char *message)
{
	(void)rq;
	(void)message;
	reply_redirect(rs, location);
}
