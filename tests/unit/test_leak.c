/* test_leak: the leak check finds a customer's names through the obvious evasions and never inside unrelated longer words — table-driven, one row per case. */
#include <stdbool.h>

#include "../harness.h"
#include "domain/leak.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---- leak_normalize: the words a text is reduced to ---- */

struct norm_row {
	const char *text;
	size_t max;       /* the buf's maximum; 0 for the default */
	int rc;           /* what leak_normalize returns */
	const char *want; /* the words written, checked when rc is 0 */
	const char *why;
};

static const struct norm_row norm_rows[] = {
	{"  Northwind   Bank\n\nplan ", 0, 0, " northwind bank plan ", "runs of spaces and line breaks are one separator"},
	{"Société GÉNÉRALE's **roadmap**", 0, 0, " societe generale roadmap ", "case, accents, possessive and Markdown all go"},
	{"", 0, 0, " ", "an empty text is a lone space"},
	{NULL, 0, 0, " ", "a NULL text is a lone space, like an empty one"},
	{"--- ** // ...", 0, 0, " ", "punctuation only: no words at all"},
	{"it's Jones' Northwind\u2019s NORTHWIND'S", 0, 0, " it jones northwind northwind ", "possessive 's (straight, curly, upper case) dropped; a bare trailing apostrophe is a separator"},
	{"Straße ΟΔΥΣΣΕΑΣ", 0, 0, " strasse οδυσσεασ ", "full case folding: ß is ss, capital and final sigma are σ"},
	{"Ｎｏｒｔｈｗｉｎｄ ﬁnance ４２", 0, 0, " northwind finance 42 ", "compatibility forms: fullwidth letters and digits, ligatures"},
	{"Kızılay Łódź Øresund Đakovo Ħamrun", 0, 0, " kizilay lodz oresund dakovo hamrun ", "letters whose stroke or missing dot NFKD does not decompose still fold to the base letter"},
	{"North\u00adwind Nort\u200bhwind", 0, 0, " northwind northwind ", "invisible format characters (soft hyphen, zero width space) are dropped, not separators"},
	{"<b>Northwind</b>", 0, 0, " b northwind b ", "leak_normalize keeps tag names as words (the tag-dropping reading is internal)"},
	{"\xff\xfe", 0, -1, NULL, "not UTF-8"},
	{"Northwind \xc0\xae", 0, -1, NULL, "an overlong encoding is not UTF-8"},
	{"Northwind \xed\xa0\x80", 0, -1, NULL, "an encoded surrogate is not UTF-8"},
	{"Northwind \xe2\x80", 0, -1, NULL, "a truncated sequence is not UTF-8"},
	{"Northwind Bank and more words", 8, -1, NULL, "output past the buf's maximum is an error, not a silent truncation"},
};

static void normalize_table(void)
{
	for (size_t i = 0; i < COUNT(norm_rows); i++) {
		const struct norm_row *r = &norm_rows[i];
		struct buf b;
		int rc;

		buf_init(&b, r->max);
		rc = leak_normalize(r->text, &b);
		if (rc != r->rc || (r->rc == 0 && strcmp(b.data, r->want) != 0))
			fprintf(stderr, "  normalize row %zu: \"%s\" gave %d \"%s\", want %d \"%s\": %s\n", i,
				r->text ? r->text : "(null)", rc, b.data, r->rc, r->want ? r->want : "", r->why);
		CHECK_INT(rc, r->rc);
		if (r->rc == 0)
			CHECK_STR(b.data, r->want);
		buf_release(&b);
	}
}

/* ---- leak_contains: one text, one term ---- */

struct row {
	const char *text;
	const char *term;
	bool want;
	const char *why;
};

static const struct row rows[] = {
	/* case */
	{"We did this for NORTHWIND BANK last year.", "Northwind Bank", true, "upper-case text, mixed-case term"},
	{"we did this for northwind bank", "NORTHWIND BANK", true, "lower-case text, upper-case term"},
	{"NoRtHwInD", "northwind", true, "alternating case"},
	/* Turkish, Greek and German folding */
	{"İSTANBUL office", "Istanbul", true, "Turkish capital dotted İ folds to i plus a dot above, and the dot is dropped"},
	{"KIZILAY partnership", "Kızılay", true, "term with Turkish dotless ı, text in ASCII capitals"},
	{"Kızılay partnership", "KIZILAY", true, "text with Turkish dotless ı, term in ASCII capitals"},
	{"for kizilay", "Kızılay", true, "text written without the Turkish letters"},
	{"ΟΔΥΣΣΕΑΣ Bank", "Οδυσσέας", true, "Greek: capital Σ and final ς both fold to σ, the tonos is dropped"},
	{"Οδυσσεας Bank", "ΟΔΥΣΣΈΑΣ", true, "Greek: final sigma in text, capital sigma and accent in term"},
	{"met Σοφία's team", "ΣΟΦΙΑ", true, "Greek name with tonos and a possessive, term in capitals"},
	{"die Straße", "STRASSE", true, "full case folding: ß is ss"},
	{"DIE STRASSE", "Straße", true, "term with ß, text with SS"},
	{"Großbank AG", "GROSSBANK", true, "ß inside a word"},
	{"GROẞBANK AG", "Großbank", true, "capital sharp s ẞ folds to ss as well"},
	{"the Oﬃce team", "Office", true, "the ligature ﬃ is ffi under NFKD"},
	/* diacritics, both ways, precomposed and combining */
	{"at Société Générale", "Societe Generale", true, "term without accents, text with"},
	{"at SOCIETE GENERALE", "Société Générale", true, "term with accents, text without"},
	{"at Socie\u0301te\u0301 Ge\u0301ne\u0301rale", "Société Générale", true, "combining accents in text, precomposed in term"},
	{"at Société Générale", "Socie\u0301te\u0301 Ge\u0301ne\u0301rale", true, "precomposed in text, combining accents in term"},
	{"Herr Müller", "Muller", true, "umlaut in text"},
	{"Herr Muller", "Müller", true, "umlaut in term"},
	{"Ångström Labs", "angstrom labs", true, "ring and diaeresis dropped"},
	{"Łódź branch", "Lodz", true, "Polish ł does not decompose but still folds to l"},
	{"the Lodz branch", "ŁÓDŹ", true, "Polish capital Ł in the term, plain l in the text"},
	{"Øresund Bank", "Oresund Bank", true, "Danish ø does not decompose but still folds to o"},
	{"Đakovo", "Dakovo", true, "Croatian đ folds to d"},
	{"Northwind\u0308\u0323", "Northwind", true, "stacked combining marks on the last letter"},
	{"North\u034fwind", "Northwind", true, "a combining grapheme joiner inside the word is dropped"},
	{"Northwind\ufe0f", "Northwind", true, "a variation selector is dropped"},
	/* invisible format characters inside a word */
	{"North\u00adwind", "Northwind", true, "a soft hyphen is invisible: the word still reads Northwind"},
	{"North\u200bwind", "Northwind", true, "a zero width space is invisible: the word still reads Northwind"},
	{"North\u200dwind", "Northwind", true, "a zero width joiner is invisible"},
	{"North\u2060wind", "Northwind", true, "a word joiner is invisible"},
	{"\ufeffNorthwind", "Northwind", true, "a byte order mark before the text"},
	/* fullwidth and other compatibility forms */
	{"Project Ｂｌｕｅｂｉｒｄ", "Bluebird", true, "fullwidth letters"},
	{"ＮＯＲＴＨＷＩＮＤ\u3000ＢＡＮＫ", "Northwind Bank", true, "fullwidth capitals and an ideographic space"},
	{"\U0001d40d\U0001d428\U0001d42b\U0001d42d\U0001d421\U0001d430\U0001d422\U0001d427\U0001d41d", "Northwind", true, "mathematical bold letters"},
	{"Ⓝⓞⓡⓣⓗⓦⓘⓝⓓ", "Northwind", true, "circled letters"},
	{"Unit ４２", "Unit 42", true, "fullwidth digits"},
	{"Unit ⁴²", "Unit 42", true, "superscript digits"},
	{"Phase Ⅻ", "Phase XII", true, "a Roman numeral character is its letters"},
	{"ﾄﾖﾀ", "トヨタ", true, "halfwidth katakana is its fullwidth form"},
	/* possessives */
	{"Northwind's payments team", "Northwind", true, "possessive with a straight apostrophe"},
	{"Northwind\u2019s payments team", "Northwind", true, "possessive with a curly apostrophe"},
	{"Northwind\u02bcs payments team", "Northwind", true, "possessive with a modifier letter apostrophe"},
	{"Northwind＇s payments team", "Northwind", true, "possessive with a fullwidth apostrophe"},
	{"NORTHWIND'S payments", "Northwind", true, "possessive in capitals"},
	{"the plan was Northwind's", "Northwind", true, "possessive at the very end of the text"},
	{"Northwind\u2019s.", "Northwind", true, "possessive before a full stop"},
	{"Northwind Bank's board", "Northwind Bank", true, "possessive on the last word of a multi-word term"},
	{"Jones' team", "Jones", true, "a bare apostrophe after a name ending in s is a separator"},
	{"Jones's team", "Jones", true, "'s after a name ending in s"},
	{"Northwind plan", "Northwind's", true, "a possessive in the term is dropped the same way"},
	{"Dr O\u2019Brien", "O'Brien", true, "apostrophe inside a name, straight in the term, curly in the text"},
	{"the O'Sullivan account", "O'Sullivan", true, "'s followed by a letter is not a possessive"},
	/* punctuation between words */
	{"Helen-Park led it", "Helen Park", true, "hyphen"},
	{"Helen\u2013Park led it", "Helen Park", true, "en dash"},
	{"Helen.Park led it", "Helen Park", true, "dot"},
	{"Helen/Park led it", "Helen Park", true, "slash"},
	{"Helen,Park led it", "Helen Park", true, "comma"},
	{"Helen_Park led it", "Helen Park", true, "underscore"},
	{"Retail Banking,unit", "Retail Banking", true, "comma right after the term"},
	{"Helen Park led it", "Helen-Park", true, "hyphen in the term, space in the text"},
	{"Northwind\u3002Bank", "Northwind Bank", true, "ideographic full stop"},
	/* whitespace inside a multi-word name */
	{"the Northwind\n   Bank programme", "Northwind Bank", true, "line break and spaces"},
	{"Northwind\r\nBank", "Northwind Bank", true, "CRLF"},
	{"Northwind\tBank", "Northwind Bank", true, "tab"},
	{"Northwind      Bank", "Northwind Bank", true, "many spaces"},
	{"Northwind\u00a0Bank", "Northwind Bank", true, "non-breaking space"},
	{"Northwind\u202fBank", "Northwind Bank", true, "narrow non-breaking space"},
	{"Northwind\u2028Bank", "Northwind Bank", true, "Unicode line separator"},
	{"Northwind \n\t \u00a0 Bank", "Northwind Bank", true, "a mixed run of whitespace"},
	/* Markdown */
	{"with **Northwind** Bank", "Northwind Bank", true, "bold around one word of the name"},
	{"**Northwind Bank**", "Northwind Bank", true, "bold around the whole name"},
	{"an _Northwind_ rollout", "Northwind", true, "underscore emphasis"},
	{"an *Northwind* rollout", "Northwind", true, "star emphasis"},
	{"***Northwind***", "Northwind", true, "bold italic"},
	{"the `Northwind Bank` job", "Northwind Bank", true, "inline code"},
	{"```\nNorthwind Bank\n```", "Northwind Bank", true, "fenced code block"},
	{"# Northwind", "Northwind", true, "level 1 heading"},
	{"## Northwind Bank roadmap", "Northwind Bank", true, "level 2 heading"},
	{"Northwind Bank\n==============", "Northwind Bank", true, "setext heading"},
	{"- Contoso\n- Northwind\n- Fabrikam", "Northwind", true, "bullet list item"},
	{"1. Northwind Bank\n2. Contoso", "Northwind Bank", true, "numbered list item"},
	{"- [x] Northwind Bank", "Northwind Bank", true, "task list item"},
	{"> Northwind Bank said", "Northwind Bank", true, "block quote"},
	{"| Client | Sector |\n|---|---|\n| Northwind Bank | retail |", "Northwind Bank", true, "table cell"},
	{"~~Northwind~~", "Northwind", true, "strikethrough"},
	{"Northwind[^1]", "Northwind", true, "footnote reference right after the term"},
	{"\\*\\*Northwind\\*\\*", "Northwind", true, "backslash escapes"},
	{"Northwind\\_Bank", "Northwind Bank", true, "an escaped underscore between the words"},
	/* links, URLs, e-mail addresses */
	{"see [the client](https://northwind.example/plan)", "northwind", true, "inside a link target"},
	{"see [Northwind Bank](https://example.com)", "Northwind Bank", true, "as link text"},
	{"see [x](https://example.com \"Northwind\")", "Northwind", true, "in a link title"},
	{"see [the client][1]\n\n[1]: https://northwind.example", "Northwind", true, "in a reference link definition"},
	{"![Northwind logo](logo.png)", "Northwind", true, "as image alt text"},
	{"![logo](https://cdn.example/northwind.png)", "Northwind", true, "in an image URL"},
	{"<https://www.northwind.example>", "Northwind", true, "in an autolink"},
	{"https://northwind-bank.example/x", "Northwind Bank", true, "in a bare URL, the words split by a hyphen"},
	{"https://example.com/clients/northwind?ref=1#top", "Northwind", true, "in a URL path"},
	{"www.northwind.example", "Northwind", true, "in a bare domain"},
	{"written by helen.park@northwind.example", "helen.park@northwind.example", true, "an e-mail address as the term"},
	{"mail HELEN.PARK@NORTHWIND.EXAMPLE", "helen.park@northwind.example", true, "an e-mail address in capitals"},
	{"mail helen.park@northwind.example", "Helen Park", true, "a person's name in an e-mail address"},
	{"<mailto:helen@northwind.example>", "Northwind", true, "an e-mail autolink"},
	/* HTML */
	{"<b>Northwind</b>", "Northwind", true, "a tag around the term"},
	{"<strong>Northwind Bank</strong>", "Northwind Bank", true, "a tag around a multi-word term"},
	{"<b>Northwind</b> Bank", "Northwind Bank", true, "tags around one word of the name: tag names are not words"},
	{"Northwind <span class=\"client\">Bank</span>", "Northwind Bank", true, "a tag with attributes between the words"},
	{"Northwind<br>Bank", "Northwind Bank", true, "a line break tag between the words"},
	{"Northwind<br />Bank", "Northwind Bank", true, "a self-closing tag between the words"},
	{"<p>Northwind</p><p>Bank</p>", "Northwind Bank", true, "the name split across two elements"},
	{"Northwind <!-- internal --> Bank", "Northwind Bank", true, "an HTML comment between the words"},
	{"<!-- Northwind -->", "Northwind", true, "inside an HTML comment"},
	{"<a href=\"https://northwind.example\">our client</a>", "Northwind", true, "in an attribute value"},
	{"<img alt=\"Northwind Bank logo\" src=\"x.png\">", "Northwind Bank", true, "in an alt attribute"},
	{"a note for <Northwind> only", "Northwind", true, "a name in angle brackets is still a word"},
	{"<a title=\"x>y\">Northwind Bank</a>", "Northwind Bank", true, "a '>' inside an attribute value does not hide the text"},
	{"Northwind <em>Savings</em> Bank", "Northwind Bank", false, "tags are dropped, the words inside them are not"},
	{"Northwind < Savings > Bank", "Northwind Bank", false, "'<' before a space starts no tag: nothing between is dropped"},
	{"Northwind <3 Savings> Bank", "Northwind Bank", false, "'<' before a digit starts no tag: nothing between is dropped"},
	{"Northwind <https://savings.example> Bank", "Northwind Bank", false, "an autolink is not a tag: its words stay"},
	/* at the very start and end of the text */
	{"Northwind", "Northwind", true, "the whole text"},
	{"Northwind rollout", "Northwind", true, "at the very start"},
	{"rollout for Northwind", "Northwind", true, "at the very end"},
	{"(Northwind)", "Northwind", true, "in parentheses"},
	{"\"Northwind\"", "Northwind", true, "in straight quotes"},
	{"\u201cNorthwind\u201d", "Northwind", true, "in curly quotes"},
	{"«Northwind»", "Northwind", true, "in guillemets"},
	{"¿Northwind?", "Northwind", true, "in Spanish question marks"},
	{"Northwind Bank.", "Northwind Bank", true, "a multi-word term right before the final full stop"},
	/* numbers */
	{"room 42, level 3", "42", true, "a number as a whole word"},
	{"Unit-42 report", "Unit 42", true, "a unit number after a hyphen"},
	{"call +1 555 0100", "555 0100", true, "digit groups as words"},
	/* near misses: a term inside a longer word */
	{"Northwindow glazing", "Northwind", false, "the term as a prefix of a longer word"},
	{"Southnorthwind", "Northwind", false, "the term as a suffix of a longer word"},
	{"rewinding the tape", "wind", false, "the term in the middle of a longer word"},
	{"a windmill", "wind", false, "the term as a prefix"},
	{"the banking sector", "bank", false, "bank is not banking"},
	{"Northwinds rollout", "Northwind", false, "a plural without an apostrophe is a longer word"},
	{"https://northwindow.example", "Northwind", false, "a longer word in a domain"},
	{"helen.parker@example.com", "Helen Park", false, "a longer word in an e-mail address"},
	{"Strassenbahn", "Straße", false, "folded term as a prefix of a longer word"},
	{"Kızılayci", "Kizilay", false, "folded text: the term is still only a prefix"},
	{"Sociétés Générales", "Societe Generale", false, "plural forms are longer words"},
	{"its parts", "it", false, "its is not a possessive of it here: no apostrophe"},
	{"<bold>text</bold>", "b", false, "a tag name is not split into shorter words"},
	/* near misses: partial, reordered or interrupted multi-word names */
	{"Northwind", "Northwind Bank", false, "only the first word of the name"},
	{"a Bank", "Northwind Bank", false, "only the last word of the name"},
	{"Northwind Banking", "Northwind Bank", false, "the last word continues"},
	{"Bank Northwind", "Northwind Bank", false, "the words in the other order"},
	{"Park, Helen", "Helen Park", false, "a surname-first name is another order"},
	{"Northwind Savings Bank", "Northwind Bank", false, "another word between the words"},
	{"Northwind and Bank", "Northwind Bank", false, "a conjunction between the words"},
	{"Northwind's", "Northwind Bank", false, "a possessive is not the second word"},
	/* near misses: numbers that merely contain the digits */
	{"Unit 421", "Unit 42", false, "a longer number"},
	{"ticket 14203", "42", false, "digits inside a longer number"},
	{"the year 2042", "42", false, "digits at the end of a longer number"},
	{"4.2 percent", "42", false, "a decimal point splits the digits"},
	{"the 42nd floor", "42", false, "an ordinal is a longer word"},
	{"code x42", "42", false, "digits after letters"},
	/* terms and texts with no words */
	{"anything at all", "", false, "an empty term never matches"},
	{"anything at all", NULL, false, "a NULL term never matches"},
	{"anything at all", "   ", false, "a whitespace-only term never matches"},
	{"anything at all", "\t\n\u00a0", false, "a term of tabs, newlines and no-break spaces never matches"},
	{"anything at all", "  --  ", false, "a punctuation-only term never matches"},
	{"** -- **", "**", false, "a Markdown-only term never matches, even in Markdown"},
	{"anything at all", "\u200b\u00ad", false, "a term of invisible characters never matches"},
	{"", "Northwind", false, "an empty text"},
	{NULL, "Northwind", false, "a NULL text"},
	{"   \n\t", "Northwind", false, "a whitespace-only text"},
	/* invalid UTF-8: never a crash; leak_normalize refuses it, so nothing is found (callers check text_is_utf8 first) */
	{"Northwind \xff", "Northwind", false, "invalid byte 0xff in the text"},
	{"\x80Northwind", "Northwind", false, "a lone continuation byte"},
	{"Northwind \xc0\xae", "Northwind", false, "an overlong encoding"},
	{"Northwind \xed\xa0\x80", "Northwind", false, "an encoded surrogate"},
	{"Northwind \xf4\x90\x80\x80", "Northwind", false, "a code point past U+10FFFF"},
	{"Northwind \xe2\x80", "Northwind", false, "a truncated sequence at the end"},
	{"Northwind", "North\xffwind", false, "an invalid term"},
};

static void contains_table(void)
{
	for (size_t i = 0; i < COUNT(rows); i++) {
		const struct row *r = &rows[i];
		bool got = leak_contains(r->text, r->term);

		if (got != r->want)
			fprintf(stderr, "  row %zu: term \"%s\" in \"%s\" is %s, want %s: %s\n", i,
				r->term ? r->term : "(null)", r->text ? r->text : "(null)", got ? "found" : "not found",
				r->want ? "found" : "not found", r->why);
		CHECK(got == r->want);
	}
}

/* A term far into a long text, and a long text without it. */
static void long_text(void)
{
	static char text[64 * 1024];
	size_t n = 0;

	while (n + 16 < sizeof text - 32) {
		memcpy(text + n, "lorem ipsum ", 12);
		n += 12;
	}
	text[n] = '\0';
	CHECK(!leak_contains(text, "Northwind"));
	memcpy(text + n, "NORTHWIND's", 12);
	CHECK(leak_contains(text, "Northwind"));

	/* Unclosed tags and comments by the thousand: read in linear time, the words still found. */
	n = 0;
	while (n + 16 < sizeof text - 32) {
		memcpy(text + n, "<a <!-- <b/ ", 12);
		n += 12;
	}
	memcpy(text + n, "Northwind Bank", 15);
	CHECK(leak_contains(text, "Northwind Bank"));
	CHECK(!leak_contains(text, "a Northwind"));
}

/* ---- leak_check: every term in every field ---- */

static const char *const field_names[] = {"title", "body", "tags", "notes"};

struct check_row {
	size_t nfields;
	const char *fields[4];
	size_t nterms;
	const char *terms[5];
	size_t max;
	size_t want_n;        /* the count returned */
	int want[6][2];       /* the first min(want_n, max) findings: term index, field index */
	const char *why;
};

static const struct check_row check_rows[] = {
	{3, {"Payments modernisation for a bank", "Lessons from Northwind's rollout\nwith Helen Park", "cards, payments"},
	 4, {"Northwind Bank", "Northwind", "Helen Park", "Retail Banking"},
	 8, 2, {{1, 1}, {2, 1}},
	 "only terms present are found, each with its field"},
	{3, {"Payments modernisation for a bank", "Lessons from Northwind's rollout\nwith Helen Park", "cards, payments"},
	 4, {"Northwind Bank", "Northwind", "Helen Park", "Retail Banking"},
	 1, 2, {{1, 1}},
	 "max bounds what is written, not what is counted"},
	{1, {"Northwind"}, 1, {"Northwind"}, 0, 1, {{0}}, "max 0 writes nothing and still counts"},
	{3, {"Helen Park and Northwind", "Northwind", "helen park"},
	 2, {"Northwind", "Helen Park"},
	 8, 4, {{0, 0}, {1, 0}, {0, 1}, {1, 2}},
	 "order is fields, then terms in the order given (not their order in the text)"},
	{1, {"Northwind, Northwind, NORTHWIND's northwind"}, 1, {"Northwind"}, 8, 1, {{0, 0}},
	 "a term found many times in one field is one finding"},
	{2, {"Northwind Bank", "Northwind Bank"}, 2, {"Northwind", "Northwind Bank"}, 8, 4,
	 {{0, 0}, {1, 0}, {0, 1}, {1, 1}},
	 "overlapping terms are each found, once per field"},
	{1, {"Northwind"}, 2, {"Northwind", "NORTHWIND"}, 8, 2, {{0, 0}, {1, 0}},
	 "each term given is its own finding, even when two normalise alike"},
	{1, {"Northwind"}, 5, {"", NULL, "  ", "--", "Northwind"}, 8, 1, {{4, 0}},
	 "empty, NULL and wordless terms are skipped"},
	{3, {NULL, "", "Northwind"}, 1, {"Northwind"}, 8, 1, {{0, 2}}, "NULL and empty fields have nothing in them"},
	{2, {"Northwind \xff", "Northwind"}, 1, {"Northwind"}, 8, 1, {{0, 1}},
	 "a field that is not UTF-8 is skipped, the others are still checked"},
	{2, {"Northwind", "Bank"}, 1, {"Northwind Bank"}, 8, 0, {{0}}, "a term never spans two fields"},
	{1, {"Northwind"}, 0, {NULL}, 8, 0, {{0}}, "no terms, no findings"},
	{0, {NULL}, 1, {"Northwind"}, 8, 0, {{0}}, "no fields, no findings"},
	{4, {"Northwind Bank", "Helen Park of Northwind", "northwind", "Project Bluebird"},
	 3, {"Northwind", "Helen Park", "Bluebird"},
	 3, 5, {{0, 0}, {0, 1}, {1, 1}},
	 "more findings than max: the count is all of them, the first max are written in order"},
	{2, {"<b>Northwind</b> Bank", "Ｎｏｒｔｈｗｉｎｄ Ba\u00adnk"}, 1, {"Northwind Bank"}, 8, 2, {{0, 0}, {0, 1}},
	 "leak_check reads fields the way leak_contains does"},
	{1, {"Kızılay and Łódź"}, 2, {"KIZILAY", "Lodz"}, 8, 2, {{0, 0}, {1, 0}},
	 "folded letters in a field"},
};

static void check_table(void)
{
	for (size_t i = 0; i < COUNT(check_rows); i++) {
		const struct check_row *r = &check_rows[i];
		struct leak_finding out[9];
		size_t n, written, bad = 0;
		const char canary[] = "canary";

		for (size_t k = 0; k < COUNT(out); k++)
			out[k] = (struct leak_finding){canary, canary};
		n = leak_check(r->fields, field_names, r->nfields, r->terms, r->nterms, out, r->max);
		written = r->want_n < r->max ? r->want_n : r->max;
		if (n != r->want_n)
			bad = 1;
		for (size_t k = 0; k < written; k++)
			if (out[k].term != r->terms[r->want[k][0]] || out[k].field != field_names[r->want[k][1]])
				bad = 1; /* the term and field pointers are the ones given */
		for (size_t k = written; k < COUNT(out); k++)
			if (out[k].term != canary || out[k].field != canary)
				bad = 1; /* nothing written past max or past the findings */
		if (bad) {
			fprintf(stderr, "  check row %zu: %zu findings, want %zu: %s\n", i, n, r->want_n, r->why);
			for (size_t k = 0; k < n && k < r->max; k++)
				fprintf(stderr, "    got %s in %s\n", out[k].term, out[k].field);
		}
		CHECK(!bad);
	}
}

int main(void)
{
	RUN(normalize_table);
	RUN(contains_table);
	RUN(long_text);
	RUN(check_table);
	return HARNESS_DONE("leak");
}
