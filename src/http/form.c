/* form: parses urlencoded form bodies that the router has already buffered and size-checked. */
#include <stdlib.h>
#include <string.h>

#include "../util/text.h"

#include "../domain/org.h"
#include "http.h"

/*
 * Written here rather than with MHD's post processor because accord buffers every body
 * first (to enforce the route's size limit and to check the CSRF token before anything
 * else); decoding a buffered urlencoded body is a dozen lines.
 */
#define FORM_FIELDS_MAX 64

/* Decodes s[0..n) into a new string; NULL on a bad escape or invalid UTF-8. */
static char *decode(const char *s, size_t n)
{
	char *out = malloc(n + 1);
	size_t o = 0;

	if (!out)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%') {
			int hi, lo;

			if (i + 2 >= n) {
				free(out);
				return NULL;
			}
			hi = text_hex_digit(s[i + 1]);
			lo = text_hex_digit(s[i + 2]);
			if (hi < 0 || lo < 0) {
				free(out);
				return NULL;
			}
			out[o++] = (char)(hi * 16 + lo);
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	if (strlen(out) != o || !text_is_utf8(out, o)) {
		free(out);
		return NULL;
	}
	/* Browsers send CR LF in text areas; keep LF only. */
	for (char *r = out, *w = out;; r++) {
		if (*r != '\r')
			*w++ = *r;
		if (!*r)
			break;
	}
	return out;
}

/* Fills rq->form; false (and no fields) on a bad escape, invalid UTF-8, too many fields or no memory. */
bool form_parse(struct request *rq)
{
	const char *p = rq->body_raw, *end = rq->body_raw + rq->body_len;

	rq->form = calloc(FORM_FIELDS_MAX + 1, sizeof *rq->form);
	if (!rq->form)
		return false;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));

		if (stop > p) {
			if (rq->form_len >= FORM_FIELDS_MAX)
				goto fail;
			rq->form[rq->form_len].name = decode(p, (size_t)((eq ? eq : stop) - p));
			rq->form[rq->form_len].value =
				eq ? decode(eq + 1, (size_t)(stop - eq - 1)) : strdup("");
			if (!rq->form[rq->form_len].name || !rq->form[rq->form_len].value) {
				rq->form_len++;
				goto fail;
			}
			rq->form_len++;
		}
		p = stop + 1;
	}
	return true;
fail:
	/* No half-read form: a field with a NULL name would crash request_form. */
	form_free(rq);
	return false;
}

void form_free(struct request *rq)
{
	for (size_t i = 0; rq->form && i < rq->form_len; i++) {
		free(rq->form[i].name);
		free(rq->form[i].value);
	}
	free(rq->form);
	rq->form = NULL;
	rq->form_len = 0;
}
