/* csv: writing RFC 4180 CSV fields that spreadsheets open safely. */
#include "csv.h"

#include <stdio.h>
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

void csv_items(struct buf *out, json_t *items, const char *const *cols, size_t ncols)
{
	size_t i;
	json_t *e;

	for (size_t k = 0; k < ncols; k++)
		csv_field(out, cols[k], k + 1 == ncols);
	json_array_foreach(items, i, e)
	{
		for (size_t k = 0; k < ncols; k++) {
			json_t *v = json_object_get(e, cols[k]);
			char num[320]; /* "%.1f" of the largest double is 312 characters */
			const char *text = num;

			if (json_is_integer(v))
				snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
			else if (json_is_real(v))
				snprintf(num, sizeof num, "%.1f", json_real_value(v));
			else if (json_is_boolean(v))
				text = json_is_true(v) ? "yes" : "no";
			else
				text = json_is_string(v) ? json_string_value(v) : "";
			csv_field(out, text, k + 1 == ncols);
		}
	}
}
