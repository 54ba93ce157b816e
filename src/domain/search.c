/* search (domain): the global search's query rules, LIKE escaping, cursors and snippets — pure functions, no I/O. */
#include "search.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

static const char *const kind_names[SEARCH_KINDS] = {"engagement", "review", "action", "issue", "problem", "practice"};

const char *search_kind_name(enum search_kind k)
{
	return k >= 0 && k < SEARCH_KINDS ? kind_names[k] : "";
}

int search_kind_parse(const char *s)
{
	for (int k = 0; s && k < SEARCH_KINDS; k++)
		if (strcmp(s, kind_names[k]) == 0)
			return k;
	return -1;
}

static bool is_space(unsigned char c)
{
	return c <= ' ' || c == 0x7f;
}

/* text with control characters as spaces, runs of spaces as one, trimmed; malloc'd. */
static char *normalized(const char *text)
{
	size_t len = strlen(text), n = 0;
	char *out = malloc(len + 1);
	bool space = true; /* drops leading spaces */

	if (!out)
		return NULL;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		if (is_space(*p)) {
			if (!space)
				out[n++] = ' ';
			space = true;
		} else {
			out[n++] = (char)*p;
			space = false;
		}
	}
	if (n > 0 && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
	return out;
}

int search_query_clean(const char *q, char *out, size_t size, struct error *err)
{
	char *clean;
	size_t chars;

	if (!q || !*q) {
		error_set(err, 422, "required", "q", "Type at least %d characters to search.", SEARCH_Q_MIN);
		return -1;
	}
	if (u8_check((const uint8_t *)q, strlen(q))) {
		error_set(err, 422, "invalid", "q", "the search is not valid UTF-8");
		return -1;
	}
	clean = normalized(q);
	if (!clean) {
		error_set(err, 500, "internal", NULL, "out of memory");
		return -1;
	}
	chars = u8_mbsnlen((const uint8_t *)clean, strlen(clean));
	if (chars < SEARCH_Q_MIN || chars > SEARCH_Q_MAX || strlen(clean) >= size) {
		error_set(err, 422, "invalid", "q", "A search is %d to %d characters long.", SEARCH_Q_MIN, SEARCH_Q_MAX);
		free(clean);
		return -1;
	}
	memcpy(out, clean, strlen(clean) + 1);
	free(clean);
	return 0;
}

void search_like_pattern(const char *q, char *out, size_t size)
{
	size_t n = 0;

	if (size < 3) {
		if (size)
			out[0] = '\0';
		return;
	}
	out[n++] = '%';
	for (const char *p = q; *p && n + 4 <= size; p++) {
		if (*p == '\\' || *p == '%' || *p == '_')
			out[n++] = '\\';
		out[n++] = *p;
	}
	out[n++] = '%';
	out[n] = '\0';
}

void search_cursor_format(enum search_kind kind, long long pos, char out[SEARCH_CURSOR_MAX])
{
	snprintf(out, SEARCH_CURSOR_MAX, "%s.%lld", search_kind_name(kind), pos);
}

bool search_cursor_parse(const char *s, enum search_kind *kind, long long *pos)
{
	const char *dot = s ? strchr(s, '.') : NULL;
	char name[16], *end;
	long long v;
	int k;

	if (!dot || (size_t)(dot - s) >= sizeof name || dot[1] < '0' || dot[1] > '9')
		return false;
	memcpy(name, s, (size_t)(dot - s));
	name[dot - s] = '\0';
	if ((k = search_kind_parse(name)) < 0)
		return false;
	errno = 0;
	v = strtoll(dot + 1, &end, 10);
	if (errno || *end)
		return false;
	*kind = (enum search_kind)k;
	*pos = v;
	return true;
}

/* The first place q occurs in text at or after from, ignoring ASCII case, or NULL. */
static const char *find_folded(const char *text, const char *q)
{
	size_t qlen = strlen(q);

	if (!qlen)
		return NULL;
	for (const char *p = text; *p; p++) {
		size_t i = 0;

		while (i < qlen && p[i] && (p[i] | (p[i] >= 'A' && p[i] <= 'Z' ? 0x20 : 0)) == (q[i] | (q[i] >= 'A' && q[i] <= 'Z' ? 0x20 : 0)))
			i++;
		if (i == qlen)
			return p;
	}
	return NULL;
}

bool search_contains(const char *text, const char *q)
{
	char *t;
	bool found;

	if (!text || !q)
		return false;
	if (!(t = normalized(text)))
		return false;
	found = find_folded(t, q) != NULL;
	free(t);
	return found;
}

static bool continuation(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

char *search_snippet(const char *text, const char *q, size_t width)
{
	char *t = normalized(text ? text : ""), *out;
	const char *hit, *p;
	size_t len, start = 0, end, qlen = strlen(q), n = 0;

	if (!t)
		return NULL;
	len = strlen(t);
	hit = find_folded(t, q);
	if (hit) {
		size_t m = (size_t)(hit - t);

		if (m > width / 3) {
			start = m - width / 3;
			/* A window that would end short of width opens earlier instead. */
			if (len - start < width)
				start = len > width ? len - width : 0;
			/* Open at the next word (never past the match). */
			if (start > 0 && t[start - 1] != ' ') {
				const char *sp = memchr(t + start, ' ', m - start);

				start = sp ? (size_t)(sp - t) + 1 : m;
			}
		}
		end = start + width < m + qlen ? m + qlen : start + width;
	} else
		end = width;
	if (end > len)
		end = len;
	while (end < len && end > start && continuation((unsigned char)t[end]))
		end--;
	/* Room for the text, two marks a match (at most one a byte of q) and two ellipses. */
	out = malloc((end - start) * 3 + 8);
	if (!out) {
		free(t);
		return NULL;
	}
	if (start > 0) {
		memcpy(out, "…", 3);
		n = 3;
	}
	p = t + start;
	while (p < t + end) {
		const char *next = hit ? find_folded(p, q) : NULL;

		if (next && next + qlen <= t + end) {
			memcpy(out + n, p, (size_t)(next - p));
			n += (size_t)(next - p);
			out[n++] = '\x01';
			memcpy(out + n, next, qlen);
			n += qlen;
			out[n++] = '\x02';
			p = next + qlen;
		} else {
			memcpy(out + n, p, (size_t)(t + end - p));
			n += (size_t)(t + end - p);
			p = t + end;
		}
	}
	if (end < len) {
		memcpy(out + n, "…", 3);
		n += 3;
	}
	out[n] = '\0';
	free(t);
	return out;
}
