/* csv: writing RFC 4180 CSV fields that spreadsheets open safely. */
#include "csv.h"

#include <string.h>

void csv_field(struct buf *out, const char *s, bool last)
{
	bool formula, quote;

	if (!s)
		s = "";
	formula = s[0] && strchr("=+-@\t\r", s[0]);
	quote = formula || strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	if (quote)
		buf_putc(out, '"');
	buf_puts(out, last ? "\r\n" : ",");
}
