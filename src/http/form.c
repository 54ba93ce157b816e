/* form: parses form bodies (urlencoded, or multipart for a file upload) that the router has already buffered and size-checked. */
#define _GNU_SOURCE /* memmem */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../util/text.h"

#include "../domain/org.h"
#include "http.h"

/*
 * Written here rather than with MHD's post processor because accord buffers every body
 * first (to enforce the route's size limit and to check the CSRF token before anything
 * else); decoding a buffered urlencoded body is a dozen lines. MHD's post processor is also
 * bound to a live connection, which the unit tests and fuzzers do not have; a buffered
 * multipart body (RFC 7578: only the file upload forms send one) is split below in the
 * same spirit: each part's name and its bytes, nothing else of MIME.
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

/* A copy of s[0..n) as a field's text, CR dropped; NULL on NUL bytes or invalid UTF-8. */
static char *field_text(const char *s, size_t n)
{
	char *out = malloc(n + 1), *w = out;

	if (!out)
		return NULL;
	if (memchr(s, '\0', n) || !text_is_utf8(s, n)) {
		free(out);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		if (s[i] != '\r')
			*w++ = s[i];
	*w = '\0';
	return out;
}

/* The boundary of a multipart/form-data Content-Type into out (1 to 70 characters, quoted or not); false when there is none. */
static bool multipart_boundary(const char *type, char *out, size_t size)
{
	const char *b = NULL;
	size_t n;

	if (!type || strncasecmp(type, "multipart/form-data", 19) != 0)
		return false;
	/* The boundary parameter itself, after a ';' and spaces: not the tail of another one ("xboundary="). */
	for (const char *p = strchr(type, ';'); p && !b; p = strchr(p + 1, ';')) {
		const char *q = p + 1 + strspn(p + 1, " \t");

		if (!strncasecmp(q, "boundary=", 9))
			b = q;
	}
	if (!b)
		return false;
	b += 9;
	if (*b == '"') {
		const char *q = strchr(++b, '"');

		n = q ? (size_t)(q - b) : 0;
	} else {
		n = strcspn(b, "; \t");
	}
	if (n == 0 || n > 70 || n + 1 > size)
		return false;
	memcpy(out, b, n);
	out[n] = '\0';
	return true;
}

/* A part's field name from its headers h[0..n) (Content-Disposition: form-data; name="..."), malloc'd; NULL if none. */
static char *part_param(const char *h, size_t n, const char *key)
{
	size_t kn = strlen(key);

	for (const char *p = h, *end = h + n; p + kn < end; p++) {
		const char *q;

		/* The parameter on its own, not the tail of a longer one ("name=" in "filename="). */
		if (strncasecmp(p, key, kn) != 0 || (p > h && p[-1] != ' ' && p[-1] != ';' && p[-1] != '\t'))
			continue;
		p += kn;
		q = memchr(p, '"', (size_t)(end - p));
		return q ? field_text(p, (size_t)(q - p)) : NULL;
	}
	return NULL;
}

/* A part's field name from its headers h[0..n) (Content-Disposition: form-data; name="..."), malloc'd; NULL if none. */
static char *part_name(const char *h, size_t n)
{
	return part_param(h, n, "name=\"");
}

/* Adds a field name + suffix = value (a file's name, or a file that is not text); false when full or out of memory. */
static bool add_derived(struct request *rq, const char *name, const char *suffix, const char *value)
{
	size_t n = strlen(name) + strlen(suffix) + 1;
	char *full;

	if (rq->form_len >= FORM_FIELDS_MAX || !(full = malloc(n)))
		return false;
	snprintf(full, n, "%s%s", name, suffix);
	rq->form[rq->form_len].name = full;
	rq->form[rq->form_len].value = strdup(value);
	return rq->form[rq->form_len++].value != NULL;
}

/* Splits a multipart/form-data body into rq->form: every part's name and bytes (a file's content as its value). */
static bool multipart_parse(struct request *rq, const char *boundary)
{
	char delim[80];
	size_t dn = (size_t)snprintf(delim, sizeof delim, "\r\n--%s", boundary);
	const char *p = rq->body_raw, *end = rq->body_raw + rq->body_len;

	/* The first delimiter may open the body without its CR LF. */
	if ((size_t)(end - p) >= dn - 2 && memcmp(p, delim + 2, dn - 2) == 0) {
		p += dn - 2;
	} else {
		p = memmem(p, (size_t)(end - p), delim, dn);
		if (!p)
			return false;
		p += dn;
	}
	for (;;) {
		const char *head, *body, *next, *name;
		char *filename;
		bool not_text = false;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return true; /* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return false;
		head = p + 2;
		body = memmem(head, (size_t)(end - head), "\r\n\r\n", 4);
		if (!body)
			return false;
		next = memmem(body + 4, (size_t)(end - body - 4), delim, dn);
		if (!next || rq->form_len >= FORM_FIELDS_MAX)
			return false;
		filename = part_param(head, (size_t)(body - head), "filename=\"");
		name = rq->form[rq->form_len].name = part_name(head, (size_t)(body - head));
		rq->form[rq->form_len].value = field_text(body + 4, (size_t)(next - body - 4));
		/*
		 * A chosen file that is not UTF-8 text (a spreadsheet, an image) is no broken form: its
		 * field is empty and NAME.not_text says so, for the page to answer in words. Its name
		 * comes as NAME.filename ("" when none was chosen).
		 */
		if (!rq->form[rq->form_len].value && filename && name)
			not_text = (rq->form[rq->form_len].value = strdup("")) != NULL;
		rq->form_len++;
		if (!name || !rq->form[rq->form_len - 1].value ||
		    (filename && !add_derived(rq, name, ".filename", filename)) ||
		    (not_text && !add_derived(rq, name, ".not_text", "1"))) {
			free(filename);
			return false;
		}
		free(filename);
		p = next + dn;
	}
}

/* Fills rq->form; false (and no fields) on a bad escape, invalid UTF-8, a malformed multipart body, too many fields or no memory. */
bool form_parse(struct request *rq)
{
	const char *p = rq->body_raw, *end = rq->body_raw + rq->body_len;
	char boundary[72];

	rq->form = calloc(FORM_FIELDS_MAX + 1, sizeof *rq->form);
	if (!rq->form)
		return false;
	if (multipart_boundary(request_header(rq, "Content-Type"), boundary, sizeof boundary)) {
		if (!multipart_parse(rq, boundary))
			goto fail;
		return true;
	}
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
