/* buf: a growable byte buffer with a hard maximum, in the spirit of git's strbuf. */
#ifndef ACCORD_BUF_H
#define ACCORD_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/*
 * A buf's data is never NULL once initialised (it points at "" when empty) and is
 * always NUL-terminated. Growing past max fails, leaves the buf unchanged and sets
 * overflow, so a caller can check once at the end. The buf owns its memory:
 * buf_release() frees it, buf_detach() hands it to the caller.
 */
struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
	int overflow;
};

#define BUF_DEFAULT_MAX ((size_t)64 << 20)

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
char *buf_detach(struct buf *b, size_t *len);
int buf_add_grow(struct buf *b, const void *p, size_t n); /* buf_add when it must grow */
int buf_puts(struct buf *b, const char *s);
int buf_int(struct buf *b, long long v); /* decimal, without printf */

/* Appends n bytes; inline because every JSON and HTML answer is written a few bytes at a time. */
static inline int buf_add(struct buf *b, const void *p, size_t n)
{
	if (n < b->cap - b->len && b->len + n <= b->max) {
		memcpy(b->data + b->len, p, n);
		b->len += n;
		b->data[b->len] = '\0';
		return 0;
	}
	return buf_add_grow(b, p, n);
}

static inline int buf_putc(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);

#endif
