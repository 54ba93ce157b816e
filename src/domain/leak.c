/* leak: finding what identifies a customer in a text — names, people, units, confidential terms — past case, accents, punctuation and formatting, with no I/O. */
#include "leak.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

/* Apostrophes a possessive may be written with. */
static bool apostrophe(ucs4_t c)
{
	return c == '\'' || c == 0x2019 || c == 0x02BC;
}

int leak_normalize(const char *text, struct buf *out)
{
	size_t n = text ? strlen(text) : 0, len = 0;
	uint8_t *folded;
	const uint8_t *p, *end;
	bool in_word = false;

	buf_putc(out, ' ');
	if (!n)
		return 0;
	if (u8_check((const uint8_t *)text, n))
		return -1;
	/* Case folding with compatibility decomposition: "É" becomes "e" + a combining accent. */
	folded = u8_casefold((const uint8_t *)text, n, NULL, UNINORM_NFKD, NULL, &len);
	if (!folded)
		return -1;
	p = folded;
	end = folded + len;
	while (p < end) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(end - p));

		if (k <= 0)
			break;
		if (uc_is_general_category(c, UC_CATEGORY_M)) {
			p += k;
			continue; /* accents and other combining marks */
		}
		if (apostrophe(c) && in_word && p + k < end && p[k] == 's') {
			ucs4_t after = ' ';

			if (p + k + 1 < end)
				u8_mbtouc(&after, p + k + 1, (size_t)(end - p - k - 1));
			if (!uc_is_alnum(after)) {
				p += k + 1; /* a possessive 's belongs to the word before it */
				continue;
			}
		}
		if (uc_is_alnum(c)) {
			uint8_t enc[6];
			int m = u8_uctomb(enc, c, sizeof enc);

			if (m > 0)
				buf_add(out, enc, (size_t)m);
			in_word = true;
		} else if (in_word) {
			buf_putc(out, ' ');
			in_word = false;
		}
		p += k;
	}
	if (in_word)
		buf_putc(out, ' ');
	free(folded);
	return out->overflow ? -1 : 0;
}

bool leak_contains(const char *text, const char *term)
{
	struct buf t, w;
	bool found = false;

	buf_init(&t, 0);
	buf_init(&w, 0);
	if (leak_normalize(term, &w) == 0 && w.len > 1 && leak_normalize(text, &t) == 0)
		found = strstr(t.data, w.data) != NULL;
	buf_release(&t);
	buf_release(&w);
	return found;
}

size_t leak_check(const char *const *fields, const char *const *field_names, size_t nfields,
		  const char *const *terms, size_t nterms, struct leak_finding *out, size_t max)
{
	size_t found = 0;

	for (size_t f = 0; f < nfields; f++) {
		struct buf t;

		buf_init(&t, 0);
		if (leak_normalize(fields[f], &t) == 0) {
			for (size_t k = 0; k < nterms; k++) {
				struct buf w;

				buf_init(&w, 0);
				if (leak_normalize(terms[k], &w) == 0 && w.len > 1 && strstr(t.data, w.data)) {
					if (found < max)
						out[found] = (struct leak_finding){terms[k], field_names[f]};
					found++;
				}
				buf_release(&w);
			}
		}
		buf_release(&t);
	}
	return found;
}
