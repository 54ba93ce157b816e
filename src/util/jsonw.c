/* jsonw: writes JSON straight into a buf — commas, nesting, escaping and numbers. */
#include "jsonw.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void jsonw_init(struct jsonw *w, struct buf *b)
{
	memset(w, 0, sizeof *w);
	w->b = b;
}

/* The comma before a value or a key, unless it follows its key or opens a container. */
static void separate(struct jsonw *w)
{
	if (w->after_key) {
		w->after_key = false;
		return;
	}
	if (w->depth > 0) {
		if (w->has_items[w->depth - 1])
			buf_putc(w->b, ',');
		w->has_items[w->depth - 1] = true;
	}
}

static void begin(struct jsonw *w, char c)
{
	separate(w);
	if (w->depth >= JSONW_DEPTH) {
		w->b->overflow = 1;
		return;
	}
	buf_putc(w->b, c);
	w->has_items[w->depth++] = false;
}

static void close_(struct jsonw *w, char c)
{
	if (w->depth > 0)
		w->depth--;
	buf_putc(w->b, c);
}

void jsonw_object(struct jsonw *w) { begin(w, '{'); }
void jsonw_array(struct jsonw *w) { begin(w, '['); }
void jsonw_end_object(struct jsonw *w) { close_(w, '}'); }
void jsonw_end_array(struct jsonw *w) { close_(w, ']'); }

/* The length of the valid UTF-8 sequence at s, or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s)
{
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		return (s[1] & 0xc0) == 0x80 ? 2 : 0;
	if (s[0] >= 0xe0 && s[0] <= 0xef) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return 0;
		if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0))
			return 0; /* overlong, or a surrogate */
		return 3;
	}
	if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80)
			return 0;
		if ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/* 1 for the bytes a JSON string holds as they are: printable ASCII but the quote and the backslash. */
static const unsigned char plain[256] = {
	[0x20] = 1, [0x21] = 1, [0x23 ... 0x5b] = 1, [0x5d ... 0x7f] = 1,
};

void jsonw_escape(struct buf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;

	while (*p) {
		size_t n;

		if (plain[*p]) {
			p++;
			continue;
		}
		n = *p >= 0x80 ? utf8_len(p) : 0;
		if (n) {
			p += n;
			continue;
		}
		buf_add(b, run, (size_t)(p - run));
		switch (*p) {
		case '"': buf_add(b, "\\\"", 2); break;
		case '\\': buf_add(b, "\\\\", 2); break;
		case '\n': buf_add(b, "\\n", 2); break;
		case '\r': buf_add(b, "\\r", 2); break;
		case '\t': buf_add(b, "\\t", 2); break;
		case '\b': buf_add(b, "\\b", 2); break;
		case '\f': buf_add(b, "\\f", 2); break;
		default:
			if (*p < 0x20) /* upper-case hex, as jansson writes it (\u001F) */
				buf_printf(b, "\\u%04X", *p);
			else
				buf_add(b, "\\ufffd", 6); /* a byte that begins no valid UTF-8 sequence */
		}
		run = ++p;
	}
	buf_add(b, run, (size_t)(p - run));
}

void jsonw_key(struct jsonw *w, const char *key)
{
	separate(w);
	buf_putc(w->b, '"');
	jsonw_escape(w->b, key);
	buf_add(w->b, "\":", 2);
	w->after_key = true;
}

void jsonw_key_lit(struct jsonw *w, const char *quoted, size_t n)
{
	separate(w);
	buf_add(w->b, quoted, n);
	w->after_key = true;
}

void jsonw_string(struct jsonw *w, const char *s)
{
	separate(w);
	if (!s) {
		buf_add(w->b, "null", 4);
		return;
	}
	buf_putc(w->b, '"');
	jsonw_escape(w->b, s);
	buf_putc(w->b, '"');
}

void jsonw_int(struct jsonw *w, long long v)
{
	separate(w);
	buf_int(w->b, v);
}

void jsonw_real(struct jsonw *w, double v)
{
	char d[32];

	separate(w);
	if (!isfinite(v)) {
		buf_add(w->b, "null", 4);
		return;
	}
	/*
	 * Scores and weights are kept to one decimal: when v is exactly the double nearest some
	 * n/10, "n/10" with one decimal is its shortest form, written without printf (a trust
	 * history is hundreds of thousands of them in accord trust recompute).
	 */
	if (fabs(v) < 1e15) {
		long long n = llround(v * 10);

		if ((double)n / 10 == v) {
			unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

			if (n < 0)
				buf_putc(w->b, '-');
			buf_int(w->b, (long long)(u / 10));
			buf_putc(w->b, '.');
			buf_putc(w->b, (char)('0' + u % 10));
			return;
		}
	}
	snprintf(d, sizeof d, "%.15g", v);
	if (strtod(d, NULL) != v)
		snprintf(d, sizeof d, "%.17g", v);
	buf_puts(w->b, d);
	/* A real stays a real when read back: 70 is written 70.0. */
	if (!strpbrk(d, ".eEn"))
		buf_add(w->b, ".0", 2);
}

/*
 * The 17 significant digits of v, correctly rounded (ties to even, as glibc's printf), into
 * digits[0..17), and the decimal exponent of the first; false when v is outside
 * [1e-4, 1e15) or not positive, where the caller uses snprintf. Why by hand: "%.17g" costs
 * about 2,000 instructions a number in glibc (multi-precision division), a scorecard writes
 * 120 or more of them. v = m × 2^-s exactly (m < 2^53, 3 <= s <= 67 in this range), so
 * v × 10^k (k <= 20) is m × 10^k / 2^s: m × 10^k < 2^120 fits in 128 bits, and the
 * quotient and remainder of the shift give the rounding exactly.
 */
static bool digits17(double v, char digits[17], int *exp10)
{
	static const unsigned long long p10[] = {1ULL, 10ULL, 100ULL, 1000ULL, 10000ULL, 100000ULL, 1000000ULL, 10000000ULL,
						 100000000ULL, 1000000000ULL, 10000000000ULL, 100000000000ULL, 1000000000000ULL,
						 10000000000000ULL, 100000000000000ULL, 1000000000000000ULL, 10000000000000000ULL,
						 100000000000000000ULL, 1000000000000000000ULL, 10000000000000000000ULL};
	const unsigned long long lo = 10000000000000000ULL, hi = 100000000000000000ULL; /* 10^16, 10^17 */
	unsigned long long d = 0;
	int ex, x, s;
	unsigned long long m;

	if (!(v >= 1e-4 && v < 1e15))
		return false;
	m = (unsigned long long)ldexp(frexp(v, &ex), 53); /* v = m × 2^(ex - 53) */
	s = 53 - ex;
	x = (int)floor(log10(v)); /* may be off by one near a power of ten: corrected below */
	for (int tries = 0; tries < 3; tries++) {
		int k = 16 - x;
		unsigned __int128 n, q, r, half;

		if (k < 0 || k > 20)
			return false;
		n = (unsigned __int128)m * (k == 20 ? (unsigned __int128)p10[19] * 10 : p10[k]);
		q = n >> s;
		r = n & ((((unsigned __int128)1) << s) - 1);
		half = ((unsigned __int128)1) << (s - 1);
		if (r > half || (r == half && (q & 1)))
			q++;
		if (q >= hi && q != hi) {
			x++;
			continue;
		}
		if (q == hi) { /* rounded up to the next power of ten: one digit fewer, exactly 10^16 */
			q = lo;
			x++;
		}
		if (q < lo) {
			x--;
			continue;
		}
		d = (unsigned long long)q;
		for (int i = 16; i >= 0; i--, d /= 10)
			digits[i] = (char)('0' + d % 10);
		*exp10 = x;
		return true;
	}
	return false;
}

void jsonw_real17(struct jsonw *w, double v)
{
	char d[40], digits[17];
	int x, n = 17;
	char *p = d;

	separate(w);
	if (!isfinite(v)) {
		buf_add(w->b, "null", 4);
		return;
	}
	if (v < 0 ? digits17(-v, digits, &x) : digits17(v, digits, &x)) {
		/* "%.17g" with -4 <= x < 17: fixed notation, trailing zeros (and a bare point) dropped. */
		while (n > 1 && digits[n - 1] == '0')
			n--;
		if (v < 0)
			*p++ = '-';
		if (x < 0) {
			*p++ = '0';
			*p++ = '.';
			for (int i = -1; i > x; i--)
				*p++ = '0';
			memcpy(p, digits, (size_t)n);
			p += n;
		} else {
			for (int i = 0; i <= x; i++)
				*p++ = i < n ? digits[i] : '0';
			if (n > x + 1) {
				*p++ = '.';
				memcpy(p, digits + x + 1, (size_t)(n - x - 1));
				p += n - x - 1;
			} else {
				*p++ = '.'; /* jansson: a real stays a real, 70 is 70.0 */
				*p++ = '0';
			}
		}
		buf_add(w->b, d, (size_t)(p - d));
		return;
	}
	snprintf(d, sizeof d, "%.17g", v);
	if (!strchr(d, '.') && !strchr(d, 'e')) {
		size_t len = strlen(d);

		snprintf(d + len, sizeof d - len, ".0");
	}
	if ((p = strchr(d, 'e'))) { /* jansson writes 1e20 and 1e-5, not 1e+20 and 1e-05 */
		char *start = p + 1, *end = p + 2;

		if (*start == '-')
			start++;
		while (*end == '0')
			end++;
		if (end != start)
			memmove(start, end, strlen(end) + 1);
	}
	buf_puts(w->b, d);
}

void jsonw_bool(struct jsonw *w, bool v)
{
	separate(w);
	buf_puts(w->b, v ? "true" : "false");
}

void jsonw_null(struct jsonw *w)
{
	separate(w);
	buf_add(w->b, "null", 4);
}

void jsonw_raw(struct jsonw *w, const char *json)
{
	separate(w);
	buf_puts(w->b, json ? json : "null");
}

void jsonw_kstring(struct jsonw *w, const char *key, const char *s) { jsonw_key(w, key); jsonw_string(w, s); }
void jsonw_kint(struct jsonw *w, const char *key, long long v) { jsonw_key(w, key); jsonw_int(w, v); }
void jsonw_kreal(struct jsonw *w, const char *key, double v) { jsonw_key(w, key); jsonw_real(w, v); }
void jsonw_kbool(struct jsonw *w, const char *key, bool v) { jsonw_key(w, key); jsonw_bool(w, v); }
void jsonw_knull(struct jsonw *w, const char *key) { jsonw_key(w, key); jsonw_null(w); }
void jsonw_kobject(struct jsonw *w, const char *key) { jsonw_key(w, key); jsonw_object(w); }
void jsonw_karray(struct jsonw *w, const char *key) { jsonw_key(w, key); jsonw_array(w); }
