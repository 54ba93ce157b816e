/* html: a minimal formatter whose only string conversion escapes. */
#include "html.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

void html_text(struct buf *b, const char *s)
{
	html_textn(b, s, (size_t)-1);
}

void html_textn(struct buf *b, const char *s, size_t max)
{
	const char *run = s;

	if (!s)
		return;
	/* Plain bytes are copied a run at a time; only the five that matter are replaced. */
	for (; *s && max; s++, max--) {
		const char *with;

		switch (*s) {
		case '&': with = "&amp;"; break;
		case '<': with = "&lt;"; break;
		case '>': with = "&gt;"; break;
		case '"': with = "&quot;"; break;
		case '\'': with = "&#39;"; break;
		default: continue;
		}
		buf_add(b, run, (size_t)(s - run));
		buf_puts(b, with);
		run = s + 1;
	}
	buf_add(b, run, (size_t)(s - run));
}

void html_highlight(struct buf *b, const char *s)
{
	bool open = false;

	for (const char *p = s; p && *p; p++) {
		const char *mark = strpbrk(p, "\x01\x02");
		size_t len = mark ? (size_t)(mark - p) : strlen(p);

		html_textn(b, p, len);
		p += len;
		if (!*p)
			break;
		/* Marks are only ever balanced and never nested in what we write. */
		if (*p == '\x01' && !open)
			buf_puts(b, "<mark>");
		else if (*p == '\x02' && open)
			buf_puts(b, "</mark>");
		else
			continue;
		open = !open;
	}
	if (open)
		buf_puts(b, "</mark>");
}

void html_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	const char *p = fmt;

	va_start(ap, fmt);
	while (*p) {
		const char *pct = strchr(p, '%');

		if (!pct) {
			buf_puts(b, p);
			break;
		}
		buf_add(b, p, (size_t)(pct - p));
		if (pct[1] == 's') {
			html_text(b, va_arg(ap, const char *));
			p = pct + 2;
		} else if (pct[1] == '.' && pct[2] >= '0' && pct[2] <= '9') {
			/* "%.Ns": at most N bytes of the string (for dates cut from timestamps). */
			char *end;
			unsigned long n = strtoul(pct + 2, &end, 10);

			if (*end != 's') {
				p = pct + 1;
				continue;
			}
			html_textn(b, va_arg(ap, const char *), n);
			p = end + 1;
		} else if (pct[1] == 'd') {
			buf_int(b, va_arg(ap, int));
			p = pct + 2;
		} else if (strncmp(pct + 1, "lld", 3) == 0) {
			buf_int(b, va_arg(ap, long long));
			p = pct + 4;
		} else if (pct[1] == '%') {
			buf_putc(b, '%');
			p = pct + 2;
		} else {
			/* An unknown conversion is a programming error: write nothing for it. */
			p = pct + 1;
		}
	}
	va_end(ap);
}
