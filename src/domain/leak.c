/* leak: finding what identifies a customer in a text — names, people, units, domains, confidential terms — past case, accents, look-alike letters, invisible characters, spacing and formatting, with no I/O. */
#include "leak.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unicode/uspoof.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "leak_words.h"

/* ---- folding one code point ---- */

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

/* Code points that vanish: default-ignorables (zero widths, joiners, soft hyphen, bidi controls, tag characters, variation selectors) and other format characters. */
static bool invisible(ucs4_t c)
{
	return uc_is_property_default_ignorable_code_point(c) || uc_is_general_category(c, UC_CATEGORY_Cf);
}

/* Case folding with compatibility decomposition, marks and invisibles dropped: at most out_max code points written, their count returned. */
static size_t fold_plain(ucs4_t c, ucs4_t *out, size_t out_max)
{
	ucs4_t tmp[32];
	size_t len = sizeof tmp / sizeof tmp[0], n = 0;
	ucs4_t *r = u32_casefold(&c, 1, NULL, UNINORM_NFKD, tmp, &len);

	if (!r)
		return 0;
	for (size_t i = 0; i < len && n < out_max; i++) {
		ucs4_t d = base_letter(r[i]);

		if (uc_is_general_category(d, UC_CATEGORY_M) || invisible(d))
			continue;
		out[n++] = d;
	}
	if (r != tmp)
		free(r);
	return n;
}

/*
 * ICU's spoof checker holds the UTS #39 confusables data; opened once, then only read
 * (uspoof_getSkeleton is safe from many threads on a checker nobody changes). ASCII,
 * nearly all of what is typed, is folded once into a table.
 */
#define FOLD_MAX 18
static USpoofChecker *checker;
static struct {
	ucs4_t c[FOLD_MAX];
	size_t n;
} ascii[128];
static pthread_once_t fold_once = PTHREAD_ONCE_INIT;

/* ICU's UTS #39 skeleton of one code point, as code points; the code point itself when there is no data. */
static size_t skeleton_raw(ucs4_t c, ucs4_t *out, size_t out_max)
{
	uint8_t in[8];
	char sk[64];
	int k = u8_uctomb(in, c, sizeof in);
	int32_t len;
	UErrorCode st = U_ZERO_ERROR;
	size_t n = 0;

	if (k <= 0)
		return 0;
	len = checker ? uspoof_getSkeletonUTF8(checker, 0, (const char *)in, k, sk, (int32_t)sizeof sk - 1, &st) : 0;
	if (!checker || U_FAILURE(st) || len <= 0 || len >= (int32_t)sizeof sk) {
		memcpy(sk, in, (size_t)k);
		len = k;
	}
	for (const uint8_t *p = (const uint8_t *)sk, *end = p + len; p < end && n < out_max;) {
		int m = u8_mbtouc(&out[n], p, (size_t)(end - p));

		if (m <= 0)
			break;
		n++;
		p += m;
	}
	return n;
}

/* The skeleton of one (already folded) code point, case folded again, marks dropped. */
static size_t fold_skeleton(ucs4_t c, ucs4_t *out, size_t out_max)
{
	ucs4_t sk[FOLD_MAX];
	size_t nsk = skeleton_raw(c, sk, FOLD_MAX), n = 0;

	for (size_t i = 0; i < nsk && n < out_max; i++)
		n += fold_plain(sk[i], out + n, out_max - n);
	return n;
}

/*
 * Case folded, then its skeleton, then case folded again; then the l family read as one
 * letter, "i", and kra (UTS #39's skeleton of Cyrillic к and Greek κ) as the "k" it looks like. Case folding first makes a capital I an "i" while UTS #39 makes l, 1 and |
 * an "l": without the last step "RetaiI" and "RETAlL" would not read as "Retail".
 */
static size_t fold_lower(ucs4_t c, ucs4_t *out, size_t out_max)
{
	ucs4_t plain[FOLD_MAX];
	size_t np = fold_plain(c, plain, FOLD_MAX), n = 0;

	for (size_t i = 0; i < np && n < out_max; i++)
		n += fold_skeleton(plain[i], out + n, out_max - n);
	for (size_t i = 0; i < n; i++) {
		if (out[i] == 'l')
			out[i] = 'i';
		else if (out[i] == 0x0138) /* kra, the skeleton of Cyrillic к and κ: a small k to a reader */
			out[i] = 'k';
	}
	return n;
}

static void fold_open(void)
{
	UErrorCode st = U_ZERO_ERROR;

	checker = uspoof_open(&st);
	if (U_FAILURE(st))
		checker = NULL;
	for (ucs4_t c = 0; c < 128; c++)
		ascii[c].n = fold_lower(c, ascii[c].c, FOLD_MAX);
}

/*
 * One code point as folded letters (see leak.h); out holds FOLD_MAX. Case folding comes
 * first so that "I" is "i", not the "l" it looks like. But a Greek capital Ν looks like
 * an N while its lower case ν looks like a v: so a text is also read with capitals
 * outside ASCII going to their skeleton first (capitals set), where Ν is an "n" and a
 * capital that looks like "l" (Greek Ι, Cyrillic І) is the "I" it looks like, an "i".
 * The first reading keeps a Greek name in capitals equal to the same name in lower case.
 */
static size_t fold_one(ucs4_t c, ucs4_t *out, bool capitals)
{
	ucs4_t sk[FOLD_MAX];
	size_t nsk, n = 0;

	if (c < 128) {
		memcpy(out, ascii[c].c, ascii[c].n * sizeof *out);
		return ascii[c].n;
	}
	if (!capitals || (!uc_is_upper(c) && !uc_is_general_category(c, UC_CATEGORY_Lt)))
		return fold_lower(c, out, FOLD_MAX);
	nsk = skeleton_raw(c, sk, FOLD_MAX);
	for (size_t i = 0; i < nsk && n < FOLD_MAX; i++)
		n += fold_lower(sk[i] == 'l' ? 'i' : sk[i], out + n, FOLD_MAX - n);
	return n;
}

/* Whether c reads as a letter or digit: itself, or once folded (superscript and circled digits). */
static bool word_char(ucs4_t c)
{
	ucs4_t plain[FOLD_MAX];
	size_t np;

	if (uc_is_alnum(c))
		return true;
	if (c < 128)
		return false;
	np = fold_plain(c, plain, FOLD_MAX);
	for (size_t i = 0; i < np; i++)
		if (uc_is_alnum(plain[i]))
			return true;
	return false;
}

/* ---- folding a text, with where each letter came from ---- */

struct folded {
	ucs4_t *ch;
	size_t *from, *to; /* the bytes of the source each letter comes from */
	uint8_t *cut;      /* what comes before this letter: CUT_NONE, CUT_SOFT or CUT_HARD */
	size_t n, cap;
	size_t *starts; /* the letters a word begins at (cut is not CUT_NONE): where a match may start */
	size_t nstarts, scap;
	bool capitals; /* the text has a capital letter outside ASCII: worth reading again with READ_CAPITALS */
	bool pipes;    /* the text has a '|': worth reading again with READ_PIPES */
};

static void folded_free(struct folded *f)
{
	free(f->ch);
	free(f->from);
	free(f->to);
	free(f->cut);
	free(f->starts);
	memset(f, 0, sizeof *f);
}

/* No boundary; one where lower case turns upper ("AcmeBank"); one made by a separator or the start. */
enum { CUT_NONE, CUT_SOFT, CUT_HARD };

static int folded_push(struct folded *f, ucs4_t c, size_t from, size_t to, uint8_t cut)
{
	if (f->n == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 64;
		ucs4_t *ch = realloc(f->ch, cap * sizeof *ch);
		size_t *fr, *t;
		uint8_t *cu;

		if (!ch)
			return -1;
		f->ch = ch;
		if (!(fr = realloc(f->from, cap * sizeof *fr)))
			return -1;
		f->from = fr;
		if (!(t = realloc(f->to, cap * sizeof *t)))
			return -1;
		f->to = t;
		if (!(cu = realloc(f->cut, cap * sizeof *cu)))
			return -1;
		f->cut = cu;
		f->cap = cap;
	}
	if (cut != CUT_NONE) {
		if (f->nstarts == f->scap) {
			size_t scap = f->scap ? f->scap * 2 : 16;
			size_t *st = realloc(f->starts, scap * sizeof *st);

			if (!st)
				return -1;
			f->starts = st;
			f->scap = scap;
		}
		f->starts[f->nstarts++] = f->n;
	}
	f->ch[f->n] = c;
	f->from[f->n] = from;
	f->to[f->n] = to;
	f->cut[f->n] = cut;
	f->n++;
	return 0;
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

enum cls { CLS_NONE, CLS_LOWER, CLS_UPPER, CLS_DIGIT };

/*
 * The ways a text is read, combined: READ_TAGS each raw HTML tag or comment one separator
 * (else their names and attributes are words); READ_CAPITALS capitals outside ASCII as
 * the letters they look like (fold_one); READ_PIPES a '|' as the "l" it looks like (else a
 * separator, as in "a|b" or a table's cells).
 */
enum { READ_TAGS = 1, READ_CAPITALS = 2, READ_PIPES = 4, READINGS = 8 };

/* What one code point is to the reader: nothing (a mark or an invisible), a separator, or letters of a word. */
enum { SEEN_NOTHING, SEEN_SEPARATOR, SEEN_LETTERS };

struct folding {
	ucs4_t c; /* the code point folded; 0 for an empty cache slot (a text has no NUL) */
	uint8_t seen;
	enum cls cls;
	bool capital; /* a capital outside ASCII */
	size_t n;
	ucs4_t out[FOLD_MAX];
};

static void fold_classify(ucs4_t c, unsigned reading, struct folding *r)
{
	r->c = c;
	r->n = 0;
	r->capital = false;
	if (c == '|' && (reading & READ_PIPES)) {
		r->seen = SEEN_LETTERS;
		r->cls = CLS_LOWER;
		r->out[r->n++] = 'i';
		return;
	}
	if (invisible(c) || uc_is_general_category(c, UC_CATEGORY_M)) {
		r->seen = SEEN_NOTHING; /* marks belong to the letter before; invisibles are not there */
		return;
	}
	if (!word_char(c)) {
		r->seen = SEEN_SEPARATOR;
		return;
	}
	r->seen = SEEN_LETTERS;
	r->capital = c >= 128 && (uc_is_upper(c) || uc_is_general_category(c, UC_CATEGORY_Lt));
	r->cls = uc_is_digit(c) || uc_is_general_category(c, UC_CATEGORY_N) ? CLS_DIGIT
		 : uc_is_upper(c) || uc_is_general_category(c, UC_CATEGORY_Lt) ? CLS_UPPER
										: CLS_LOWER;
	r->n = fold_one(c, r->out, (reading & READ_CAPITALS) != 0);
}

/* A text repeats its letters: each fold keeps the last folding of 256 code points (by their low bits). */
#define FOLD_CACHE 256

/* Folds text into f (see leak.h) in one reading (READ_ flags). -1 on bad UTF-8 or no memory; f is then empty. */
static int fold(const char *text, struct folded *f, unsigned reading)
{
	struct folding *cache;
	struct tag_ends ends = {NULL, NULL};
	const uint8_t *s = (const uint8_t *)text, *p;
	size_t n = text ? strlen(text) : 0;
	enum cls prev = CLS_NONE;
	uint8_t pending = CUT_NONE;

	memset(f, 0, sizeof *f);
	pthread_once(&fold_once, fold_open);
	if (!n)
		return 0;
	if (u8_check(s, n) || !(cache = calloc(FOLD_CACHE, sizeof *cache)))
		return -1;
	for (p = s; p < s + n;) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, (size_t)(s + n - p));
		const struct folding *r;
		uint8_t cut;

		if (k <= 0)
			break;
		if (c == '|')
			f->pipes = true;
		if ((reading & READ_TAGS) && c == '<') {
			size_t tag = html_tag(p, s + n, &ends);

			if (tag) {
				prev = CLS_NONE;
				p += tag;
				continue;
			}
		}
		r = &cache[c % FOLD_CACHE];
		if (r->c != c)
			fold_classify(c, reading, &cache[c % FOLD_CACHE]);
		if (r->seen != SEEN_LETTERS) {
			if (r->seen == SEEN_SEPARATOR)
				prev = CLS_NONE;
			p += k;
			continue;
		}
		f->capitals |= r->capital;
		/* A boundary after a separator and where lower case turns upper ("AcmeBank"). */
		cut = prev == CLS_NONE ? CUT_HARD : prev == CLS_LOWER && r->cls == CLS_UPPER ? CUT_SOFT : CUT_NONE;
		if (pending > cut)
			cut = pending; /* a letter before that folded to nothing (a click "ǃ" is a "!") leaves its boundary */
		prev = r->cls;
		for (size_t i = 0; i < r->n; i++) {
			if (!uc_is_alnum(r->out[i]))
				continue;
			if (folded_push(f, r->out[i], (size_t)(p - s), (size_t)(p - s) + (size_t)k, cut)) {
				free(cache);
				folded_free(f);
				return -1;
			}
			cut = CUT_NONE;
		}
		pending = cut;
		p += k;
	}
	free(cache);
	return 0;
}

static int put_letter(struct buf *out, ucs4_t c)
{
	uint8_t enc[6];
	int m = u8_uctomb(enc, c, sizeof enc);

	return m > 0 ? buf_add(out, enc, (size_t)m) : 0;
}

/* Writes f's letters to out, each word framed by spaces when words is set. */
static int folded_write(const struct folded *f, struct buf *out, bool words)
{
	if (words)
		buf_putc(out, ' ');
	for (size_t i = 0; i < f->n; i++) {
		if (words && i && f->cut[i])
			buf_putc(out, ' ');
		put_letter(out, f->ch[i]);
	}
	if (words && f->n)
		buf_putc(out, ' ');
	return out->overflow ? -1 : 0;
}

static int write_folded(const char *text, struct buf *out, bool words, unsigned reading)
{
	struct folded f;
	int rc;

	if (fold(text, &f, reading))
		return -1;
	rc = folded_write(&f, out, words);
	folded_free(&f);
	return rc;
}

int leak_normalize(const char *text, struct buf *out)
{
	return write_folded(text, out, true, 0);
}

int leak_skeleton(const char *text, struct buf *out)
{
	return write_folded(text, out, false, 0);
}

bool leak_same_name(const char *a, const char *b)
{
	bool same = false;

	/* Read with capitals outside ASCII both ways, and with '|' as a separator and as an "l". */
	for (unsigned reading = 0; reading < READINGS && !same; reading += READ_CAPITALS) {
		struct buf x, y;

		if ((reading & READ_PIPES) && !(a && strchr(a, '|')) && !(b && strchr(b, '|')))
			continue; /* no pipe: the same as the reading without */
		buf_init(&x, 0);
		buf_init(&y, 0);
		same = write_folded(a, &x, false, reading) == 0 && write_folded(b, &y, false, reading) == 0 && x.len &&
		       !strcmp(x.data, y.data);
		buf_release(&x);
		buf_release(&y);
	}
	return same;
}

int leak_tidy_name(const char *text, struct buf *out)
{
	size_t n = text ? strlen(text) : 0, len = 0;
	const uint8_t *s = (const uint8_t *)text;
	uint8_t *nfkc;

	if (n && u8_check(s, n))
		return -1;
	if (!n)
		return out->overflow ? -1 : 0;
	nfkc = u8_normalize(UNINORM_NFKC, s, n, NULL, &len);
	if (!nfkc)
		return -1;
	/* Trimmed after NFKC, which makes no-break and ideographic spaces plain ones; control characters stay, for the caller to refuse. */
	s = nfkc;
	while (len && *s == ' ') {
		s++;
		len--;
	}
	while (len && s[len - 1] == ' ')
		len--;
	buf_add(out, s, len);
	free(nfkc);
	return out->overflow ? -1 : 0;
}

/* Folds a term: as a text, and a possessive "'s" ending it dropped, as the match lets the text's go. */
static int fold_term(const char *term, struct folded *f)
{
	size_t at;

	if (fold(term, f, 0))
		return -1;
	at = f->n ? f->from[f->n - 1] : 0;
	if (f->n > 2 && f->ch[f->n - 1] == 's' && f->cut[f->n - 1] == CUT_HARD &&
	    ((at >= 1 && term[at - 1] == '\'') || (at >= 3 && !strncmp(term + at - 3, "\u2019", 3))))
		f->n--;
	return 0;
}

/* ---- ordinary words ---- */

static char **ordinary; /* the ordinary words folded, sorted */
static size_t nordinary;
static pthread_once_t ordinary_once = PTHREAD_ONCE_INIT;

static int compare_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void ordinary_open(void)
{
	ordinary = calloc(LEAK_ORDINARY_COUNT, sizeof *ordinary);
	if (!ordinary)
		return;
	for (size_t i = 0; i < LEAK_ORDINARY_COUNT; i++) {
		struct buf b;

		buf_init(&b, 0);
		if (leak_skeleton(leak_ordinary_words[i], &b) == 0 && b.len)
			ordinary[nordinary++] = buf_detach(&b, NULL);
		else
			buf_release(&b);
	}
	qsort(ordinary, nordinary, sizeof *ordinary, compare_str);
}

static bool ordinary_word(const char *w)
{
	return bsearch(&w, ordinary, nordinary, sizeof *ordinary, compare_str) != NULL;
}

/* Whether the folded letters [from, to) are one ordinary word, or one with a plural "s" or "es". */
static bool ordinary_letters(const struct folded *f, size_t from, size_t to)
{
	struct buf b;
	bool yes;

	buf_init(&b, 0);
	for (size_t i = from; i < to; i++)
		put_letter(&b, f->ch[i]);
	yes = ordinary_word(b.data);
	if (!yes && b.len > 1 && b.data[b.len - 1] == 's') {
		b.data[b.len - 1] = '\0';
		yes = ordinary_word(b.data);
		if (!yes && b.len > 2 && b.data[b.len - 2] == 'e') {
			b.data[b.len - 2] = '\0';
			yes = ordinary_word(b.data);
		}
	}
	buf_release(&b);
	return yes;
}

/* Whether every word of a folded term is ordinary. */
static bool folded_ordinary(const struct folded *f)
{
	pthread_once(&ordinary_once, ordinary_open);
	for (size_t i = 0; i < f->n;) {
		size_t j = i + 1;

		while (j < f->n && !f->cut[j])
			j++;
		if (j - i > 1 && !ordinary_letters(f, i, j))
			return false; /* a single letter ("E-commerce") is ordinary too */
		i = j;
	}
	return true;
}

bool leak_ordinary(const char *term)
{
	struct folded f;
	bool yes;

	if (fold_term(term, &f))
		return false;
	yes = f.n > 0 && folded_ordinary(&f);
	folded_free(&f);
	return yes;
}

bool leak_public_mail_domain(const char *domain)
{
	for (size_t i = 0; i < LEAK_PUBLIC_MAIL_COUNT; i++)
		if (domain && !strcmp(domain, leak_public_mail_domains[i]))
			return true;
	return false;
}

/* ---- matching ---- */

/* One way of writing a term: its folded letters in a row, or in two parts with any one word of the text between. */
struct pattern {
	ucs4_t *ch;
	size_t n;
	size_t must_cut[8]; /* offsets where a word must begin: after each initial ("C. Mendes", not "Cmendes") */
	size_t nmust;
	size_t gap; /* 0, or the offset where one whole word of the text comes between ("David J. Ross") */
};

/* Where a term's letters occur in f at word boundaries; f->n when they do not. *end is one past the last letter matched. */
static size_t pattern_find(const struct folded *f, const struct pattern *t, size_t *end)
{
	size_t head = t->gap ? t->gap : t->n; /* the letters before the word between, if any */

	if (!t->n || t->n > f->n)
		return f->n;
	for (size_t w = 0; w < f->nstarts && f->starts[w] + t->n <= f->n; w++) {
		size_t i = f->starts[w], j = i + head;
		bool initials_ok = true;

		if (f->ch[i] != t->ch[0] || memcmp(f->ch + i, t->ch, head * sizeof *t->ch))
			continue;
		for (size_t k = 0; k < t->nmust && initials_ok; k++)
			initials_ok = f->cut[i + t->must_cut[k]] != CUT_NONE;
		if (!initials_ok)
			continue;
		if (t->gap) {
			/* A word of the text begins where the head ends; the rest of the term begins where it ends. */
			if (j >= f->n || !f->cut[j])
				continue;
			do
				j++;
			while (j < f->n && !f->cut[j]);
			if (j + (t->n - head) > f->n || memcmp(f->ch + j, t->ch + head, (t->n - head) * sizeof *t->ch))
				continue;
			j += t->n - head;
		}
		/* Ends at a boundary, or before a plural or possessive "s" or "es" that does. */
		if (j == f->n || f->cut[j] || (f->ch[j] == 's' && (j + 1 == f->n || f->cut[j + 1])) ||
		    (f->ch[j] == 'e' && j + 1 < f->n && f->ch[j + 1] == 's' && (j + 2 == f->n || f->cut[j + 2]))) {
			*end = j;
			return i;
		}
	}
	return f->n;
}

#define PATTERNS_MAX 8

/* A term ready to look for: its ways of writing; none when it has no letters or only ordinary words. */
struct prepared {
	struct pattern p[PATTERNS_MAX];
	size_t n;
};

static void prepared_free(struct prepared *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->p[i].ch);
	t->n = 0;
}

/*
 * Adds the letters of words [w0, w1) of f (word k runs from starts[k] to starts[k+1]) to
 * a pattern; with initial, only each word's first character (all the letters it folds
 * to: "M" is "rn"), and a word must begin after it.
 */
static void pattern_add_words(struct pattern *pt, const struct folded *f, const size_t *starts, size_t w0, size_t w1,
			      bool initial)
{
	for (size_t w = w0; w < w1; w++) {
		for (size_t i = starts[w]; i < starts[w + 1] && (!initial || f->from[i] == f->from[starts[w]]); i++)
			pt->ch[pt->n++] = f->ch[i];
		if (initial && pt->nmust < sizeof pt->must_cut / sizeof pt->must_cut[0])
			pt->must_cut[pt->nmust++] = pt->n;
	}
}

/* The ways a person's name is written besides in full: see person_patterns. */
enum {
	SURNAME_FIRST,	/* "Last First Middle" ("Mendes, Carla") */
	INITIAL_LAST,	/* "F Last" ("C. Mendes") */
	INITIALS_LAST,	/* "F M Last", for three names or more */
	MIDDLE_BETWEEN, /* "First X Last": any one middle name or initial ("David J. Ross") */
	LAST_INITIAL,	/* "Last F" ("Ross D.") */
	FIRST_INITIAL,	/* "First L" ("Priya N.") */
	PERSON_WAYS
};

/*
 * A person's name "First [Middle...] Last" is also written "Last First [Middle...]",
 * "F Last", "F M Last" (initials with or without dots: the dots are boundaries),
 * "First X Last" with any one word between, "Last F" and "First L".
 */
static void person_patterns(struct prepared *t, const struct folded *f)
{
	size_t starts[16], nw = 0;

	for (size_t i = 0; i < f->n && nw < 15; i++)
		if (i == 0 || f->cut[i] == CUT_HARD)
			starts[nw++] = i; /* "McDonald" is one name */
	starts[nw] = f->n;
	if (nw < 2 || nw > 8)
		return;
	for (int v = 0; v < PERSON_WAYS && t->n < PATTERNS_MAX; v++) {
		struct pattern *pt = &t->p[t->n];

		if (v == INITIALS_LAST && nw < 3)
			continue; /* "F M Last" is "F Last" for two names */
		memset(pt, 0, sizeof *pt);
		pt->ch = malloc(f->n * sizeof *pt->ch);
		if (!pt->ch)
			return;
		switch (v) {
		case SURNAME_FIRST:
			pattern_add_words(pt, f, starts, nw - 1, nw, false);
			pattern_add_words(pt, f, starts, 0, nw - 1, false);
			break;
		case INITIAL_LAST:
			pattern_add_words(pt, f, starts, 0, 1, true);
			pattern_add_words(pt, f, starts, nw - 1, nw, false);
			break;
		case INITIALS_LAST:
			pattern_add_words(pt, f, starts, 0, nw - 1, true);
			pattern_add_words(pt, f, starts, nw - 1, nw, false);
			break;
		case MIDDLE_BETWEEN:
			pattern_add_words(pt, f, starts, 0, nw - 1, false);
			pt->gap = pt->n;
			pattern_add_words(pt, f, starts, nw - 1, nw, false);
			break;
		case LAST_INITIAL:
			pattern_add_words(pt, f, starts, nw - 1, nw, false);
			pt->must_cut[pt->nmust++] = pt->n;
			pattern_add_words(pt, f, starts, 0, 1, true);
			break;
		default: /* FIRST_INITIAL */
			pattern_add_words(pt, f, starts, 0, nw - 1, false);
			pt->must_cut[pt->nmust++] = pt->n;
			pattern_add_words(pt, f, starts, nw - 1, nw, true);
			break;
		}
		if (pt->nmust && pt->must_cut[pt->nmust - 1] == pt->n)
			pt->nmust--; /* a term ending in an initial: the end is checked as for any term */
		t->n++;
	}
}

/* Whether a folded term is one word. */
static bool folded_one_word(const struct folded *f)
{
	for (size_t i = 1; i < f->n; i++)
		if (f->cut[i])
			return false;
	return true;
}

static void prepare(struct prepared *t, const struct leak_term *term)
{
	struct folded f;

	memset(t, 0, sizeof *t);
	if (!term->text || fold_term(term->text, &f))
		return;
	/*
	 * A single letter is never a finding on its own, nor a term made only of ordinary
	 * words — unless the buyer chose it, when only a single ordinary word is left out.
	 */
	if (f.n < 2 || (folded_ordinary(&f) && (!(term->how & LEAK_CHOSEN) || folded_one_word(&f)))) {
		folded_free(&f);
		return;
	}
	t->p[0].ch = f.ch;
	t->p[0].n = f.n;
	t->n = 1;
	if (term->how & LEAK_PERSON)
		person_patterns(t, &f);
	f.ch = NULL;
	folded_free(&f);
}

bool leak_too_common(const char *term)
{
	struct folded f;
	bool yes;

	if (fold_term(term, &f))
		return false;
	yes = f.n > 0 && folded_one_word(&f) && folded_ordinary(&f);
	folded_free(&f);
	return yes;
}

int leak_name_words(const char *name, struct buf *out)
{
	struct folded f;

	if (fold(name, &f, 0))
		return -1;
	pthread_once(&ordinary_once, ordinary_open);
	for (size_t i = 0; i < f.n;) {
		size_t j = i + 1;

		while (j < f.n && f.cut[j] != CUT_HARD)
			j++; /* "McDonald" is one word */
		if (j - i >= 3 && !ordinary_letters(&f, i, j)) {
			buf_add(out, name + f.from[i], f.to[j - 1] - f.from[i]);
			buf_putc(out, '\n');
		}
		i = j;
	}
	folded_free(&f);
	return out->overflow ? -1 : 0;
}

size_t leak_check(const char *const *fields, size_t nfields, const struct leak_term *terms, size_t nterms,
		  struct leak_finding *out, size_t max)
{
	struct prepared *prep = nterms ? calloc(nterms, sizeof *prep) : NULL;
	size_t found = 0;

	if (nterms && !prep)
		return 0;
	for (size_t k = 0; k < nterms; k++)
		prepare(&prep[k], &terms[k]);
	for (size_t fi = 0; fi < nfields; fi++) {
		/* Read with tags' names and attributes as words and with each tag one separator; again with capitals, and with pipes, when there are any. */
		struct folded f[READINGS] = {{0}};
		size_t nf = 0;

		for (unsigned r = 0; r < READINGS && fields[fi]; r++) {
			if (r && nf == 0)
				break; /* the first reading failed: bad UTF-8 */
			if (((r & READ_CAPITALS) && !f[0].capitals) || ((r & READ_PIPES) && !f[0].pipes))
				continue;
			if (fold(fields[fi], &f[nf], r))
				break;
			nf++;
		}
		for (size_t k = 0; nf && k < nterms; k++) {
			bool hit = false;

			for (size_t r = 0; r < nf && !hit; r++) {
				for (size_t v = 0; v < prep[k].n && !hit; v++) {
					size_t end = 0, at = pattern_find(&f[r], &prep[k].p[v], &end);

					if (at == f[r].n)
						continue;
					if (found < max)
						out[found] = (struct leak_finding){k, fi, f[r].from[at], f[r].to[end - 1]};
					found++;
					hit = true;
				}
			}
		}
		for (size_t r = 0; r < nf; r++)
			folded_free(&f[r]);
	}
	for (size_t k = 0; k < nterms; k++)
		prepared_free(&prep[k]);
	free(prep);
	return found;
}

static bool contains(const char *text, const char *term, bool person)
{
	struct leak_term t = {term, person ? LEAK_PERSON : 0};
	struct leak_finding f;

	return leak_check(&text, 1, &t, 1, &f, 1) > 0;
}

bool leak_contains(const char *text, const char *term)
{
	return contains(text, term, false);
}

bool leak_contains_person(const char *text, const char *name)
{
	return contains(text, name, true);
}
