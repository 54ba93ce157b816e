/* buf: growable byte buffer with a hard maximum; every growth is checked. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char buf_empty[1];

void buf_init(struct buf *b, size_t max)
{
	b->data = buf_empty;
	b->len = 0;
	b->cap = 0;
	b->max = max ? max : BUF_DEFAULT_MAX;
	b->overflow = 0;
}

void buf_release(struct buf *b)
{
	if (b->cap)
		free(b->data);
	buf_init(b, b->max);
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
	b->overflow = 0;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *p = b->cap ? b->data : strdup("");
	if (len)
		*len = b->len;
	buf_init(b, b->max);
	return p;
}

static int buf_grow(struct buf *b, size_t extra)
{
	size_t need, cap;
	char *p;

	if (extra > b->max || b->len > b->max - extra) {
		b->overflow = 1;
		return -1;
	}
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap *= 2;
	p = b->cap ? realloc(b->data, cap) : malloc(cap);
	if (!p) {
		b->overflow = 1;
		return -1;
	}
	if (!b->cap)
		p[0] = '\0';
	b->data = p;
	b->cap = cap;
	return 0;
}

int buf_add_grow(struct buf *b, const void *p, size_t n)
{
	if (buf_grow(b, n))
		return -1;
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_int(struct buf *b, long long v)
{
	char d[24], *p = d + sizeof d;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	return buf_add(b, p, (size_t)(d + sizeof d - p));
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	/* Formatted once into the room there is; only when it does not fit, grown and formatted again. */
	va_copy(cp, ap);
	n = b->cap ? vsnprintf(b->data + b->len, b->cap - b->len, fmt, cp) : vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return -1;
	if (b->cap && (size_t)n < b->cap - b->len && b->len + (size_t)n <= b->max) {
		b->len += (size_t)n;
		return 0;
	}
	if (b->cap)
		b->data[b->len] = '\0'; /* what did not fit is not kept */
	if (buf_grow(b, (size_t)n))
		return -1;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return r;
}
