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

/* Letters NFKD leaves whole although readers write them without the mark: Turkish dotless ı, ł ø đ ħ ŧ. */
static ucs4_t base_letter(ucs4_t c)
{
	switch (c) {
	case 0x0131: return 'i';
	case 0x0142: return 'l';
	case 0x00F8: return 'o';
	case 0x0111: return 'd';
	case 0x0127: return 'h';
	case 0x0167: return 't';
	default: return c;
	}
}

static bool ascii_alpha(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Where the next '>' and the next "-->" are, found once and kept while the text is read front to back: end when there is none. */
struct tag_ends {
	const uint8_t *gt, *comment;
};

/*
 * The length of the raw HTML tag or comment p starts with, 0 if none: "<!-- ... -->",
 * "</name>" or "<name ...>" up to the first '>'. Autolinks ("<https:...>", "<a@b.example>")
 * are not tags: the name must end in a space, '/' or '>'. Linear in the text overall.
 */
static size_t html_tag(const uint8_t *p, const uint8_t *end, struct tag_ends *e)
{
	const uint8_t *q = p + 1;

	if (end - p >= 4 && !memcmp(p, "<!--", 4)) {
		q = p + 4;
		if (!e->comment || (e->comment != end && e->comment < q)) {
			while (end - q >= 3 && memcmp(q, "-->", 3))
				q++;
			e->comment = end - q >= 3 ? q : end;
		}
		return e->comment == end ? 0 : (size_t)(e->comment + 3 - p);
	}
	if (q < end && *q == '/')
		q++;
	if (q >= end || !ascii_alpha(*q))
		return 0;
	while (q < end && (ascii_alpha(*q) || (*q >= '0' && *q <= '9') || *q == '-'))
		q++;
	if (q >= end || !(*q == '>' || *q == '/' || *q == ' ' || *q == '\t' || *q == '\n' || *q == '\r'))
		return 0;
	if (!e->gt || (e->gt != end && e->gt < q)) {
		const uint8_t *gt = memchr(q, '>', (size_t)(end - q));

		e->gt = gt ? gt : end;
	}
	return e->gt == end ? 0 : (size_t)(e->gt + 1 - p);
}

/* leak_normalize, and with drop_tags raw HTML tags and comments count as one separator. */
static int normalize(const char *text, struct buf *out, bool drop_tags)
{
	size_t n = text ? strlen(text) : 0, len = 0;
	uint8_t *folded;
	const uint8_t *p, *end;
	bool in_word = false;
	struct tag_ends ends = {NULL, NULL};

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
		if (drop_tags && c == '<') {
			size_t tag = html_tag(p, end, &ends);

			if (tag) {
				if (in_word)
					buf_putc(out, ' ');
				in_word = false;
				p += tag;
				continue;
			}
		}
		if (uc_is_general_category(c, UC_CATEGORY_M) || uc_is_general_category(c, UC_CATEGORY_Cf)) {
			p += k;
			continue; /* accents and other combining marks; invisible soft hyphens, zero widths */
		}
		c = base_letter(c);
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

int leak_normalize(const char *text, struct buf *out)
{
	return normalize(text, out, false);
}

bool leak_contains(const char *text, const char *term)
{
	struct leak_finding f;
	const char *name = "";

	return leak_check(&text, &name, 1, &term, 1, &f, 1) > 0;
}

size_t leak_check(const char *const *fields, const char *const *field_names, size_t nfields,
		  const char *const *terms, size_t nterms, struct leak_finding *out, size_t max)
{
	size_t found = 0;

	for (size_t f = 0; f < nfields; f++) {
		struct buf t, h; /* the field read with tags as words, and with tags dropped */
		bool ok_t, ok_h;

		buf_init(&t, 0);
		buf_init(&h, 0);
		ok_t = normalize(fields[f], &t, false) == 0;
		ok_h = normalize(fields[f], &h, true) == 0;
		for (size_t k = 0; (ok_t || ok_h) && k < nterms; k++) {
			struct buf w;

			buf_init(&w, 0);
			if (normalize(terms[k], &w, false) == 0 && w.len > 1 &&
			    ((ok_t && strstr(t.data, w.data)) || (ok_h && strstr(h.data, w.data)))) {
				if (found < max)
					out[found] = (struct leak_finding){terms[k], field_names[f]};
				found++;
			}
			buf_release(&w);
		}
		buf_release(&t);
		buf_release(&h);
	}
	return found;
}
