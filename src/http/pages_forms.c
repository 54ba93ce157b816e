/*
 * pages_forms: how every page form talks back — labelled fields and pickers, the error summary
 * with human labels, the saved message after POST-redirect-GET, and the confirmation step of
 * binding actions.
 *
 * - A save answers 303 to the page (page_saved) with a one-time message carried by a short-lived
 *   cookie (base64url text and a MAC keyed by the session's CSRF secret, so only this session's
 *   own saves can put words in it; shown escaped by page_begin and cleared in the same answer).
 * - A refused post renders the page again at the form's URL; every form's action ends with
 *   FORM_ANCHOR, so the browser scrolls to the error summary (id "form-errors") without
 *   JavaScript. A GET on that URL later redirects to the page (the router, for R_FORM routes).
 * - A binding action posts twice: the first answer is a confirmation page that re-posts every
 *   field with confirmed=yes; only that second post is carried out (form_confirm).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "../util/redirect.h"
#include "pages.h"

#define FLASH_COOKIE "accord_flash"
/* A saved message longer than this is cut: it is one sentence. */
#define FLASH_MAX 240

static const char *field_error(const struct error *err, const char *name)
{
	if (err && err->status && err->field && strcmp(err->field, name) == 0)
		return err->message;
	return NULL;
}

/* The message without its leading field name ("due_on must be a date" → "must be a date"): the label says it already. */
static const char *without_field(const struct error *err)
{
	size_t n = err->field ? strlen(err->field) : 0;

	if (n && !strncmp(err->message, err->field, n) && err->message[n] == ' ' && err->message[n + 1])
		return err->message + n + 1;
	return err->message;
}

/* The message beside the field err names, in people's words, starting with a capital. */
static void field_message(struct buf *b, const struct error *err)
{
	const char *msg = without_field(err);

	html_fmt(b, "<em class=\"error\">");
	if (msg != err->message && *msg >= 'a' && *msg <= 'z') {
		buf_putc(b, (char)(*msg - 'a' + 'A'));
		msg++;
	}
	human_words(b, msg);
	html_fmt(b, "</em>");
}

void form_input(struct buf *b, const char *label, const char *name, const char *type,
		const char *value, const struct error *err)
{
	const char *msg = field_error(err, name);

	html_fmt(b, "<label class=\"field%s\"><span>%s</span>", msg ? " invalid" : "", label);
	html_fmt(b, "<input type=\"%s\" name=\"%s\" id=\"f-%s\" value=\"%s\"", type, name, name,
		 value ? value : "");
	html_fmt(b, msg ? " aria-invalid=\"true\" aria-describedby=\"form-errors\">" : ">");
	if (msg)
		field_message(b, err);
	html_fmt(b, "</label>");
}

void form_file(struct buf *b, const char *label, const char *name, const char *accept, const struct error *err)
{
	const char *msg = field_error(err, name);

	html_fmt(b, "<label class=\"field%s\"><span>%s</span>", msg ? " invalid" : "", label);
	html_fmt(b, "<input type=\"file\" name=\"%s\" id=\"f-%s\" accept=\"%s\"", name, name, accept);
	html_fmt(b, msg ? " aria-invalid=\"true\" aria-describedby=\"form-errors\">" : ">");
	if (msg)
		field_message(b, err);
	html_fmt(b, "</label>");
}

void form_select(struct buf *b, const char *label, const char *name, const char *const *values,
		 const char *const *labels, size_t n, const char *selected, const struct error *err)
{
	const char *msg = field_error(err, name);

	html_fmt(b, "<label class=\"field%s\"><span>%s</span><select name=\"%s\" id=\"f-%s\"%s>",
		 msg ? " invalid" : "", label, name, name, msg ? " aria-invalid=\"true\"" : "");
	for (size_t i = 0; i < n; i++) {
		bool sel = selected && strcmp(selected, values[i]) == 0;

		html_fmt(b, "<option value=\"%s\"%s>%s</option>", values[i], sel ? " selected" : "",
			 labels ? labels[i] : values[i]);
	}
	html_fmt(b, "</select>");
	if (msg)
		field_message(b, err);
	html_fmt(b, "</label>");
}

/* An option's value as text: options carry integers (ids) or strings. */
static const char *option_value(json_t *v, char *num, size_t n)
{
	if (json_is_integer(v)) {
		snprintf(num, n, "%lld", (long long)json_integer_value(v));
		return num;
	}
	return json_is_string(v) ? json_string_value(v) : "";
}

void form_pick(struct buf *b, const char *label, const char *name, json_t *options, const char *selected,
	       bool optional, const struct error *err)
{
	const char *msg = field_error(err, name);
	json_t *o;
	size_t i;

	html_fmt(b, "<label class=\"field%s\"><span>%s</span><select name=\"%s\" id=\"f-%s\"%s>",
		 msg ? " invalid" : "", label, name, name, msg ? " aria-invalid=\"true\"" : "");
	if (optional)
		html_fmt(b, "<option value=\"\">— none —</option>");
	json_array_foreach(options, i, o)
	{
		char num[24];
		const char *v = option_value(json_object_get(o, "value"), num, sizeof num);

		html_fmt(b, "<option value=\"%s\"%s>%s</option>", v, selected && !strcmp(selected, v) ? " selected" : "",
			 json_string_value(json_object_get(o, "label")) ? json_string_value(json_object_get(o, "label")) : v);
	}
	if (!optional && !json_array_size(options))
		html_fmt(b, "<option value=\"\">— nothing to choose from —</option>");
	html_fmt(b, "</select>");
	if (msg)
		field_message(b, err);
	html_fmt(b, "</label>");
}

void form_textarea(struct buf *b, const char *label, const char *name, const char *value, int rows,
		   const struct error *err)
{
	const char *msg = field_error(err, name);

	html_fmt(b, "<label class=\"field wide%s\"><span>%s</span>", msg ? " invalid" : "", label);
	html_fmt(b, "<textarea name=\"%s\" id=\"f-%s\" rows=\"%d\"", name, name, rows);
	html_fmt(b, msg ? " aria-invalid=\"true\" aria-describedby=\"form-errors\">" : ">");
	html_fmt(b, "%s</textarea>", value ? value : "");
	if (msg)
		field_message(b, err);
	html_fmt(b, "</label>");
}

/*
 * The error summary at the top of the form that was refused: what went wrong, in people's
 * words, linked to the field when it names one. `fields` is kept for the callers that list
 * their form's fields: a field the form does not show is not linked.
 */
void form_error_banner(struct buf *b, const struct error *err, const char *const *fields)
{
	const char *label;
	bool linked = false;

	if (!err || !err->status)
		return;
	html_fmt(b, "<div class=\"banner error\" role=\"alert\" id=\"form-errors\" tabindex=\"-1\">"
		    "<p><strong>This was not saved.</strong></p><ul><li>");
	if (err->field && *err->field) {
		linked = !fields;
		for (; fields && *fields && !linked; fields++)
			linked = strcmp(*fields, err->field) == 0;
	}
	if (linked) {
		label = field_label(err->field);
		html_fmt(b, "<a href=\"#f-%s\">", err->field);
		if (label)
			html_fmt(b, "%s", label);
		else
			human_words(b, err->field);
		html_fmt(b, "</a>: ");
	}
	human_words(b, linked ? without_field(err) : err->message);
	html_fmt(b, "</li></ul></div>");
}

const char *form_back(struct request *rq, const char *fallback)
{
	/* Only a path on this site, parsed strictly in one place (util/redirect.c). */
	return redirect_target(request_form(rq, "back"), fallback);
}

/* The message's MAC under a key derived from the session's CSRF secret: a cookie set by anyone else does not verify. */
static void flash_mac(const struct request *rq, const unsigned char *text, size_t n, unsigned char mac[crypto_auth_BYTES])
{
	unsigned char key[crypto_auth_KEYBYTES];

	crypto_generichash(key, sizeof key, (const unsigned char *)rq->caller.csrf, strlen(rq->caller.csrf),
			   (const unsigned char *)"accord flash", 12);
	crypto_auth(mac, text, n, key);
	sodium_memzero(key, sizeof key);
}

void page_saved(struct request *rq, struct response *rs, const char *location, const char *message)
{
	unsigned char signed_text[FLASH_MAX + crypto_auth_BYTES];
	char coded[sodium_base64_ENCODED_LEN(FLASH_MAX + crypto_auth_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
	char cookie[sizeof coded + 80];
	char loc[REDIRECT_MAX + 8];
	size_t n;

	/*
	 * A redirect without a fragment keeps the one the form's action had (FORM_ANCHOR): the
	 * saved page opens at its message instead.
	 */
	snprintf(loc, sizeof loc, "%s%s", location, strchr(location, '#') ? "" : "#saved");
	reply_redirect(rs, loc);
	if (!message || !*message)
		return;
	if (!rq || !rq->signed_in || !*rq->caller.csrf)
		return;
	n = strlen(message);
	if (n > FLASH_MAX)
		n = FLASH_MAX;
	/* The MAC first, then the text. */
	memcpy(signed_text + crypto_auth_BYTES, message, n);
	flash_mac(rq, signed_text + crypto_auth_BYTES, n, signed_text);
	sodium_bin2base64(coded, sizeof coded, signed_text, crypto_auth_BYTES + n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	snprintf(cookie, sizeof cookie, FLASH_COOKIE "=%s; Path=/; Max-Age=60; HttpOnly; SameSite=Lax", coded);
	reply_header(rs, "Set-Cookie", cookie);
}

void page_saved_message(struct request *rq, struct response *rs, struct buf *b)
{
	const char *coded = rq ? request_cookie(rq, FLASH_COOKIE) : NULL;
	unsigned char raw[crypto_auth_BYTES + FLASH_MAX + 1], mac[crypto_auth_BYTES];
	size_t n = 0;

	if (!coded || !*coded)
		return;
	/* Shown once: the same answer clears it. */
	reply_header(rs, "Set-Cookie", FLASH_COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
	if (!rq->signed_in || !*rq->caller.csrf ||
	    sodium_base642bin(raw, crypto_auth_BYTES + FLASH_MAX, coded, strlen(coded), NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n <= crypto_auth_BYTES)
		return;
	flash_mac(rq, raw + crypto_auth_BYTES, n - crypto_auth_BYTES, mac);
	if (sodium_memcmp(mac, raw, crypto_auth_BYTES) != 0)
		return;
	raw[n] = '\0';
	html_fmt(b, "<p class=\"banner ok\" role=\"status\" id=\"saved\">%s</p>", (const char *)raw + crypto_auth_BYTES);
}

void form_result(struct request *rq, struct response *rs, int rc, const struct error *err,
		 page_render_fn render, const char *form, const char *prefix, const char *anchor)
{
	char loc[96];

	if (rc != 0) {
		rs->status = err->status;
		render(rq, rs, err, form);
		return;
	}
	snprintf(loc, sizeof loc, "%s/%lld#%s", prefix, rq->id, anchor);
	page_saved(rq, rs, loc, "Saved.");
}

bool form_confirmed(struct request *rq)
{
	const char *c = request_form(rq, "confirmed");

	return c && !strcmp(c, "yes");
}

void confirm_begin(struct request *rq, struct response *rs, const char *title)
{
	struct buf *b = &rs->body;

	buf_reset(b);
	rs->status = 200;
	page_begin(rq, rs, title);
	html_fmt(b, "<section class=\"card confirm\"><h1>%s</h1>", title);
	html_fmt(b, "<form method=\"post\" action=\"%s" FORM_ANCHOR "\">", rq->path);
	form_csrf(b, rq);
	/* Everything the first post carried goes again, unchanged, with the confirmation. */
	for (size_t i = 0; i < rq->form_len; i++)
		if (strcmp(rq->form[i].name, "csrf") && strcmp(rq->form[i].name, "confirmed"))
			html_fmt(b, "<input type=\"hidden\" name=\"%s\" value=\"%s\">", rq->form[i].name, rq->form[i].value);
	html_fmt(b, "<input type=\"hidden\" name=\"confirmed\" value=\"yes\">");
}

void confirm_end(struct request *rq, struct response *rs, const char *button, const char *cancel_href)
{
	struct buf *b = &rs->body;

	(void)rq;
	html_fmt(b, "<div class=\"actions\"><button type=\"submit\" class=\"danger\">%s</button>"
		    "<a class=\"button secondary\" href=\"%s\">Cancel</a></div></form></section>",
		 button, redirect_target(cancel_href, "/"));
	page_end(rs);
}

bool form_confirm(struct request *rq, struct response *rs, const char *title, const char *what,
		  const char *button, const char *cancel_href)
{
	if (form_confirmed(rq))
		return true;
	confirm_begin(rq, rs, title);
	if (what && *what)
		html_fmt(&rs->body, "<p>%s</p>", what);
	confirm_end(rq, rs, button, cancel_href);
	return false;
}
