/* test_leak: the leak check finds a customer's names through the obvious evasions and never inside unrelated longer words — table-driven, one row per case. */
#include <stdbool.h>

#include "../harness.h"
#include "domain/leak.h"
#include "service/markdown.h"

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
	{"  Northwind   Bank\n\nplan ", 0, 0, " northwind bank pian ", "runs of spaces and line breaks are one separator; l reads as i (the I/l/1 family is one letter)"},
	{"Société GÉNÉRALE's **roadmap**", 0, 0, " societe generaie s roadrnap ", "case, accents and Markdown go; the possessive s is a word of its own; m's skeleton is rn"},
	{"", 0, 0, " ", "an empty text is a lone space"},
	{NULL, 0, 0, " ", "a NULL text is a lone space, like an empty one"},
	{"--- ** // ...", 0, 0, " ", "punctuation only: no words at all"},
	{"it's Jones' Northwind\u2019s NORTHWIND'S", 0, 0, " it s jones northwind s northwind s ", "an apostrophe (straight, curly) is a separator: the matcher lets a term end before a possessive s"},
	{"Straße ΟΔΥΣΣΕΑΣ", 0, 0, " strasse oẟuooꞓao ", "full case folding (ß is ss, capital and final sigma are σ), then UTS #39 skeletons (σ and ο look like o)"},
	{"Ｎｏｒｔｈｗｉｎｄ ﬁnance ４２", 0, 0, " northwind finance 42 ", "compatibility forms: fullwidth letters and digits, ligatures"},
	{"Kızılay Łódź Øresund Đakovo Ħamrun", 0, 0, " kiziiay iodz oresund dakovo harnrun ", "letters whose stroke or missing dot NFKD does not decompose still fold to the base letter"},
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

/* How a row's term is looked for: P as a person's name (either order, initials); R in the text as markdown_text renders it (what a reader sees). */
enum { P = 1, R = 2 };

struct row {
	const char *text;
	const char *term;
	bool want;
	const char *why;
	int how;
};

static const struct row rows[] = {
	/* case */
	{"We did this for NORTHWIND BANK last year.", "Northwind Bank", true, "upper-case text, mixed-case term", 0},
	{"we did this for northwind bank", "NORTHWIND BANK", true, "lower-case text, upper-case term", 0},
	{"NoRtHwInD", "northwind", true, "alternating case", 0},
	/* Turkish, Greek and German folding */
	{"İSTANBUL office", "Istanbul", true, "Turkish capital dotted İ folds to i plus a dot above, and the dot is dropped", 0},
	{"KIZILAY partnership", "Kızılay", true, "term with Turkish dotless ı, text in ASCII capitals", 0},
	{"Kızılay partnership", "KIZILAY", true, "text with Turkish dotless ı, term in ASCII capitals", 0},
	{"for kizilay", "Kızılay", true, "text written without the Turkish letters", 0},
	{"ΟΔΥΣΣΕΑΣ Bank", "Οδυσσέας", true, "Greek: capital Σ and final ς both fold to σ, the tonos is dropped", 0},
	{"Οδυσσεας Bank", "ΟΔΥΣΣΈΑΣ", true, "Greek: final sigma in text, capital sigma and accent in term", 0},
	{"met Σοφία's team", "ΣΟΦΙΑ", true, "Greek name with tonos and a possessive, term in capitals", 0},
	{"die Straße", "STRASSE", true, "full case folding: ß is ss", 0},
	{"DIE STRASSE", "Straße", true, "term with ß, text with SS", 0},
	{"Großbank AG", "GROSSBANK", true, "ß inside a word", 0},
	{"GROẞBANK AG", "Großbank", true, "capital sharp s ẞ folds to ss as well", 0},
	{"the Traﬃcon team", "Trafficon", true, "the ligature ﬃ is ffi under NFKD", 0},
	/* diacritics, both ways, precomposed and combining */
	{"at Société Générale", "Societe Generale", true, "term without accents, text with", 0},
	{"at SOCIETE GENERALE", "Société Générale", true, "term with accents, text without", 0},
	{"at Socie\u0301te\u0301 Ge\u0301ne\u0301rale", "Société Générale", true, "combining accents in text, precomposed in term", 0},
	{"at Société Générale", "Socie\u0301te\u0301 Ge\u0301ne\u0301rale", true, "precomposed in text, combining accents in term", 0},
	{"Herr Müller", "Muller", true, "umlaut in text", 0},
	{"Herr Muller", "Müller", true, "umlaut in term", 0},
	{"Ångström Labs", "angstrom labs", true, "ring and diaeresis dropped", 0},
	{"Łódź branch", "Lodz", true, "Polish ł does not decompose but still folds to l", 0},
	{"the Lodz branch", "ŁÓDŹ", true, "Polish capital Ł in the term, plain l in the text", 0},
	{"Øresund Bank", "Oresund Bank", true, "Danish ø does not decompose but still folds to o", 0},
	{"Đakovo", "Dakovo", true, "Croatian đ folds to d", 0},
	{"Northwind\u0308\u0323", "Northwind", true, "stacked combining marks on the last letter", 0},
	{"North\u034fwind", "Northwind", true, "a combining grapheme joiner inside the word is dropped", 0},
	{"Northwind\ufe0f", "Northwind", true, "a variation selector is dropped", 0},
	/* invisible format characters inside a word */
	{"North\u00adwind", "Northwind", true, "a soft hyphen is invisible: the word still reads Northwind", 0},
	{"North\u200bwind", "Northwind", true, "a zero width space is invisible: the word still reads Northwind", 0},
	{"North\u200dwind", "Northwind", true, "a zero width joiner is invisible", 0},
	{"North\u2060wind", "Northwind", true, "a word joiner is invisible", 0},
	{"\ufeffNorthwind", "Northwind", true, "a byte order mark before the text", 0},
	/* fullwidth and other compatibility forms */
	{"Project Ｂｌｕｅｂｉｒｄ", "Bluebird", true, "fullwidth letters", 0},
	{"ＮＯＲＴＨＷＩＮＤ\u3000ＢＡＮＫ", "Northwind Bank", true, "fullwidth capitals and an ideographic space", 0},
	{"\U0001d40d\U0001d428\U0001d42b\U0001d42d\U0001d421\U0001d430\U0001d422\U0001d427\U0001d41d", "Northwind", true, "mathematical bold letters", 0},
	{"Ⓝⓞⓡⓣⓗⓦⓘⓝⓓ", "Northwind", true, "circled letters", 0},
	{"Unit ４２", "Unit 42", true, "fullwidth digits", 0},
	{"Unit ⁴²", "Unit 42", true, "superscript digits", 0},
	{"Phase Ⅻ", "Phase XII", true, "a Roman numeral character is its letters", 0},
	{"ﾄﾖﾀ", "トヨタ", true, "halfwidth katakana is its fullwidth form", 0},
	/* possessives */
	{"Northwind's payments team", "Northwind", true, "possessive with a straight apostrophe", 0},
	{"Northwind\u2019s payments team", "Northwind", true, "possessive with a curly apostrophe", 0},
	{"Northwind\u02bcs payments team", "Northwind", true, "possessive with a modifier letter apostrophe", 0},
	{"Northwind＇s payments team", "Northwind", true, "possessive with a fullwidth apostrophe", 0},
	{"NORTHWIND'S payments", "Northwind", true, "possessive in capitals", 0},
	{"the plan was Northwind's", "Northwind", true, "possessive at the very end of the text", 0},
	{"Northwind\u2019s.", "Northwind", true, "possessive before a full stop", 0},
	{"Northwind Bank's board", "Northwind Bank", true, "possessive on the last word of a multi-word term", 0},
	{"Jones' team", "Jones", true, "a bare apostrophe after a name ending in s is a separator", 0},
	{"Jones's team", "Jones", true, "'s after a name ending in s", 0},
	{"Northwind plan", "Northwind's", true, "a possessive in the term is dropped the same way", 0},
	{"Dr O\u2019Brien", "O'Brien", true, "apostrophe inside a name, straight in the term, curly in the text", 0},
	{"the O'Sullivan account", "O'Sullivan", true, "'s followed by a letter is not a possessive", 0},
	/* punctuation between words */
	{"Helen-Park led it", "Helen Park", true, "hyphen", 0},
	{"Helen\u2013Park led it", "Helen Park", true, "en dash", 0},
	{"Helen.Park led it", "Helen Park", true, "dot", 0},
	{"Helen/Park led it", "Helen Park", true, "slash", 0},
	{"Helen,Park led it", "Helen Park", true, "comma", 0},
	{"Helen_Park led it", "Helen Park", true, "underscore", 0},
	{"Bluebird Banking,unit", "Bluebird Banking", true, "comma right after the term", 0},
	{"Helen Park led it", "Helen-Park", true, "hyphen in the term, space in the text", 0},
	{"Northwind\u3002Bank", "Northwind Bank", true, "ideographic full stop", 0},
	/* whitespace inside a multi-word name */
	{"the Northwind\n   Bank programme", "Northwind Bank", true, "line break and spaces", 0},
	{"Northwind\r\nBank", "Northwind Bank", true, "CRLF", 0},
	{"Northwind\tBank", "Northwind Bank", true, "tab", 0},
	{"Northwind      Bank", "Northwind Bank", true, "many spaces", 0},
	{"Northwind\u00a0Bank", "Northwind Bank", true, "non-breaking space", 0},
	{"Northwind\u202fBank", "Northwind Bank", true, "narrow non-breaking space", 0},
	{"Northwind\u2028Bank", "Northwind Bank", true, "Unicode line separator", 0},
	{"Northwind \n\t \u00a0 Bank", "Northwind Bank", true, "a mixed run of whitespace", 0},
	/* Markdown */
	{"with **Northwind** Bank", "Northwind Bank", true, "bold around one word of the name", 0},
	{"**Northwind Bank**", "Northwind Bank", true, "bold around the whole name", 0},
	{"an _Northwind_ rollout", "Northwind", true, "underscore emphasis", 0},
	{"an *Northwind* rollout", "Northwind", true, "star emphasis", 0},
	{"***Northwind***", "Northwind", true, "bold italic", 0},
	{"the `Northwind Bank` job", "Northwind Bank", true, "inline code", 0},
	{"```\nNorthwind Bank\n```", "Northwind Bank", true, "fenced code block", 0},
	{"# Northwind", "Northwind", true, "level 1 heading", 0},
	{"## Northwind Bank roadmap", "Northwind Bank", true, "level 2 heading", 0},
	{"Northwind Bank\n==============", "Northwind Bank", true, "setext heading", 0},
	{"- Contoso\n- Northwind\n- Fabrikam", "Northwind", true, "bullet list item", 0},
	{"1. Northwind Bank\n2. Contoso", "Northwind Bank", true, "numbered list item", 0},
	{"- [x] Northwind Bank", "Northwind Bank", true, "task list item", 0},
	{"> Northwind Bank said", "Northwind Bank", true, "block quote", 0},
	{"| Client | Sector |\n|---|---|\n| Northwind Bank | retail |", "Northwind Bank", true, "table cell", 0},
	{"~~Northwind~~", "Northwind", true, "strikethrough", 0},
	{"Northwind[^1]", "Northwind", true, "footnote reference right after the term", 0},
	{"\\*\\*Northwind\\*\\*", "Northwind", true, "backslash escapes", 0},
	{"Northwind\\_Bank", "Northwind Bank", true, "an escaped underscore between the words", 0},
	/* links, URLs, e-mail addresses */
	{"see [the client](https://northwind.example/plan)", "northwind", true, "inside a link target", 0},
	{"see [Northwind Bank](https://example.com)", "Northwind Bank", true, "as link text", 0},
	{"see [x](https://example.com \"Northwind\")", "Northwind", true, "in a link title", 0},
	{"see [the client][1]\n\n[1]: https://northwind.example", "Northwind", true, "in a reference link definition", 0},
	{"![Northwind logo](logo.png)", "Northwind", true, "as image alt text", 0},
	{"![logo](https://cdn.example/northwind.png)", "Northwind", true, "in an image URL", 0},
	{"<https://www.northwind.example>", "Northwind", true, "in an autolink", 0},
	{"https://northwind-bank.example/x", "Northwind Bank", true, "in a bare URL, the words split by a hyphen", 0},
	{"https://example.com/clients/northwind?ref=1#top", "Northwind", true, "in a URL path", 0},
	{"www.northwind.example", "Northwind", true, "in a bare domain", 0},
	{"written by helen.park@northwind.example", "helen.park@northwind.example", true, "an e-mail address as the term", 0},
	{"mail HELEN.PARK@NORTHWIND.EXAMPLE", "helen.park@northwind.example", true, "an e-mail address in capitals", 0},
	{"mail helen.park@northwind.example", "Helen Park", true, "a person's name in an e-mail address", 0},
	{"<mailto:helen@northwind.example>", "Northwind", true, "an e-mail autolink", 0},
	/* HTML */
	{"<b>Northwind</b>", "Northwind", true, "a tag around the term", 0},
	{"<strong>Northwind Bank</strong>", "Northwind Bank", true, "a tag around a multi-word term", 0},
	{"<b>Northwind</b> Bank", "Northwind Bank", true, "tags around one word of the name: tag names are not words", 0},
	{"Northwind <span class=\"client\">Bank</span>", "Northwind Bank", true, "a tag with attributes between the words", 0},
	{"Northwind<br>Bank", "Northwind Bank", true, "a line break tag between the words", 0},
	{"Northwind<br />Bank", "Northwind Bank", true, "a self-closing tag between the words", 0},
	{"<p>Northwind</p><p>Bank</p>", "Northwind Bank", true, "the name split across two elements", 0},
	{"Northwind <!-- internal --> Bank", "Northwind Bank", true, "an HTML comment between the words", 0},
	{"<!-- Northwind -->", "Northwind", true, "inside an HTML comment", 0},
	{"<a href=\"https://northwind.example\">our client</a>", "Northwind", true, "in an attribute value", 0},
	{"<img alt=\"Northwind Bank logo\" src=\"x.png\">", "Northwind Bank", true, "in an alt attribute", 0},
	{"a note for <Northwind> only", "Northwind", true, "a name in angle brackets is still a word", 0},
	{"<a title=\"x>y\">Northwind Bank</a>", "Northwind Bank", true, "a '>' inside an attribute value does not hide the text", 0},
	{"Northwind <em>Savings</em> Bank", "Northwind Bank", false, "tags are dropped, the words inside them are not", 0},
	{"Northwind < Savings > Bank", "Northwind Bank", false, "'<' before a space starts no tag: nothing between is dropped", 0},
	{"Northwind <3 Savings> Bank", "Northwind Bank", false, "'<' before a digit starts no tag: nothing between is dropped", 0},
	{"Northwind <https://savings.example> Bank", "Northwind Bank", false, "an autolink is not a tag: its words stay", 0},
	/* at the very start and end of the text */
	{"Northwind", "Northwind", true, "the whole text", 0},
	{"Northwind rollout", "Northwind", true, "at the very start", 0},
	{"rollout for Northwind", "Northwind", true, "at the very end", 0},
	{"(Northwind)", "Northwind", true, "in parentheses", 0},
	{"\"Northwind\"", "Northwind", true, "in straight quotes", 0},
	{"\u201cNorthwind\u201d", "Northwind", true, "in curly quotes", 0},
	{"«Northwind»", "Northwind", true, "in guillemets", 0},
	{"¿Northwind?", "Northwind", true, "in Spanish question marks", 0},
	{"Northwind Bank.", "Northwind Bank", true, "a multi-word term right before the final full stop", 0},
	/* numbers */
	{"room 42, level 3", "42", true, "a number as a whole word", 0},
	{"Unit-42 report", "Unit 42", true, "a unit number after a hyphen", 0},
	{"call +1 555 0100", "555 0100", true, "digit groups as words", 0},
	/* confusables: look-alike letters from other scripts fold to their UTS #39 skeleton */
	{"N\u043erthwind Bank", "Northwind Bank", true, "a Cyrillic о for the o", 0},
	{"\u041aestrel", "Kestrel", true, "a Cyrillic capital К for the K", 0},
	{"\u041dorthwind", "Northwind", false, "a Cyrillic capital Н looks like an H, not an N", 0},
	{"\u039dorthwind", "Northwind", true, "a Greek capital Ν for the N", 0},
	{"Northw\u0456nd", "Northwind", true, "a Cyrillic і for the i", 0},
	{"N\u03bfrthwind", "Northwind", true, "a Greek ο for the o", 0},
	{"\u0410\u0441me Bank", "Acme Bank", true, "Cyrillic А and с", 0},
	{"A\u0441\u0441\u0435nture", "Accenture", true, "Cyrillic с and е", 0},
	{"Northwind Ban\u043a", "Northwind Bank", true, "a Cyrillic small к for the k (its skeleton is kra)", 0},
	{"\u03baestrel", "Kestrel", true, "a Greek small κ for the k", 0},
	{"N0rthwind", "Northwind", true, "a zero for the o", 0},
	{"Acrne Bank", "Acme Bank", true, "rn for m", 0},
	{"KESTREL", "Kestrel", true, "ASCII capitals still fold to lower case before skeletons (I is i, not l)", 0},
	{"BLUEBIRD", "Bluebird", true, "a capital I reads as i", 0},
	{"\u13f4luebird", "Bluebird", true, "a Cherokee letter that looks like B", 0},
	{"\U0001d5d5luebird", "Bluebird", true, "a mathematical sans-serif bold B", 0},
	{"Bluebird", "Bluebìrd", true, "a grave accent in the term", 0},
	{"Merldian", "Meridian", true, "I, l and 1 are one letter: an l for an i is a look-alike too", 0},
	/* default-ignorable code points: bidi controls, tag characters, joiners */
	{"North\u202ewind", "Northwind", true, "a right-to-left override inside the word", 0},
	{"\u2066Northwind\u2069", "Northwind", true, "bidi isolates around the word", 0},
	{"North\u200ewind", "Northwind", true, "a left-to-right mark inside the word", 0},
	{"North\U000e0041wind", "Northwind", true, "a tag character inside the word", 0},
	{"N\U000e0020orth\U000e007fwind", "Northwind", true, "tag space and cancel tag inside the word", 0},
	{"North\u200cwind", "Northwind", true, "a zero width non-joiner", 0},
	{"North\u180ewind", "Northwind", true, "a Mongolian vowel separator", 0},
	{"N\u00adorth\u00adwind B\u00adank", "Northwind Bank", true, "soft hyphens everywhere", 0},
	{"North\u2063wind", "Northwind", true, "an invisible separator", 0},
	/* spacing, hyphens and concatenation */
	{"the A c m e deal", "Acme", true, "letters spaced apart", 0},
	{"the N o r t h w i n d deal", "Northwind", true, "every letter apart", 0},
	{"Ac-me Bank", "Acme Bank", true, "a hyphen inside a word", 0},
	{"AcmeBank", "Acme Bank", true, "two words run together", 0},
	{"acmebank", "Acme Bank", true, "run together in lower case", 0},
	{"Acme-Bank", "Acme Bank", true, "joined by a hyphen", 0},
	{"North_wind", "Northwind", true, "an underscore inside the word", 0},
	{"North.wind", "Northwind", true, "a dot inside the word", 0},
	{"North wind Bank", "Northwind Bank", true, "one word of the name split by a space", 0},
	{"the NorthwindBank app", "Northwind Bank", true, "camel case", 0},
	{"the northwindbank.example site", "Northwind Bank", true, "a domain without a separator", 0},
	{"Acmebanking", "Acme Bank", false, "run together into a longer word", 0},
	{"AcmeBanker", "Acme Bank", false, "camel case into a longer word", 0},
	{"anorthwind", "Northwind", false, "letters before the name in the same word", 0},
	{"northwindbanking", "Northwind Bank", false, "a longer word at the end", 0},
	/* plurals and possessives */
	{"two Acmes", "Acme", true, "a plural s", 0},
	{"the Bluebirds", "Bluebird", true, "a plural s on a project", 0},
	{"the Bankhouses", "Bankhouse", true, "a plural es", 0},
	{"Acme Banks' results", "Acme Bank", true, "a plural possessive", 0},
	{"Acme\u2019s team", "Acme", true, "a curly possessive", 0},
	{"Acmess", "Acme", false, "two letters s are a longer word", 0},
	/* a person's name in either order and with initials */
	{"Carla Mendes led it", "Carla Mendes", true, "the name as stored", P},
	{"Mendes, Carla led it", "Carla Mendes", true, "surname first with a comma", P},
	{"MENDES Carla led it", "Carla Mendes", true, "surname first in capitals", P},
	{"C. Mendes led it", "Carla Mendes", true, "an initial with a dot", P},
	{"C Mendes led it", "Carla Mendes", true, "an initial without a dot", P},
	{"c.mendes@example.com", "Carla Mendes", true, "an initial in an e-mail address", P},
	{"A. M. Lopez signed", "Ana Maria Lopez", true, "two initials", P},
	{"Lopez, Ana Maria signed", "Ana Maria Lopez", true, "three names, surname first", P},
	{"A. Lopez signed", "Ana Maria Lopez", true, "the first initial and the surname", P},
	{"Mendes C. led it", "Carla Mendes", true, "surname then initial", P},
	{"Cmendes led it", "Carla Mendes", false, "an initial must end a word", P},
	{"Eric Mendes led it", "Carla Mendes", false, "another first name", P},
	{"Carla Mendez led it", "Carla Mendes", false, "another surname", P},
	{"D. Mendes led it", "Carla Mendes", false, "another initial", P},
	{"Mendes, Carla", "Carla Mendes", false, "the other order is for people only", 0},
	{"Sofia Marin-Lopez", "Sofia Marin", true, "a hyphen is a boundary: a double-barrelled surname holds the name", P},
	{"Sofia Marinelli", "Sofia Marin", false, "a longer surname", P},
	{"McDonald, Ewan", "Ewan McDonald", true, "camel case inside a surname is one name", P},
	/* the text as a reader sees it (markdown_text): emphasis inside words, entities, links, titles, alt text */
	{"Done for **North**wind Bank.", "Northwind Bank", true, "bold inside a word", R},
	{"Done for *North*_wind_ Bank.", "Northwind Bank", true, "two kinds of emphasis inside a word", R},
	{"Done for &#78;orthwind Bank.", "Northwind Bank", true, "a decimal entity", R},
	{"Done for &#x4E;orthwind Bank.", "Northwind Bank", true, "a hexadecimal entity", R},
	{"Done for North&shy;wind Bank.", "Northwind Bank", true, "a named soft hyphen entity", R},
	{"Done for North&#8203;wind Bank.", "Northwind Bank", true, "a zero width space as an entity", R},
	{"Done for N&omicron;rthwind.", "Northwind", true, "a Greek look-alike as a named entity", R},
	{"Done for North<!-- x -->wind.", "Northwind", true, "an HTML comment inside a word shows nothing", R},
	{"Done for North<span>wind</span>.", "Northwind", true, "inline HTML inside a word shows nothing", R},
	{"see [the bank](https://www.northwind.example/x)", "Northwind", true, "a link address's host name", R},
	{"see [the bank](https://x.example \"Northwind Bank\")", "Northwind Bank", true, "a link title", R},
	{"![Northwind Bank logo](x.png)", "Northwind Bank", true, "image alt text", R},
	{"![x](y.png \"Northwind\")", "Northwind", true, "an image title", R},
	{"[x][r]\n\n[r]: https://northwind.example \"t\"", "Northwind", true, "a reference definition's address", R},
	{"<https://northwind.example/x>", "Northwind", true, "an autolink's address", R},
	{"`North`wind", "Northwind", true, "inline code next to text", R},
	{"    Northwind Bank\n", "Northwind Bank", true, "an indented code block", R},
	{"Nor\\thwind", "Northwind", true, "a stray backslash inside a word is punctuation, which is ignored", R},
	{"North\\\nwind", "Northwind", true, "a hard break inside a word is spacing, which is ignored", R},
	{"Northwind <em>Savings</em> Bank", "Northwind Bank", false, "the words inside tags are still shown", R},
	{"Acme\n\nBank", "Acme Bank", true, "two paragraphs: spacing between words is ignored", R},
	/* attack review (issue 16): a capital I or a 1 or a | for a lower-case l, in mixed case and in capitals */
	{"At Meridian RetaiI we ran it.", "Meridian Retail", true, "a capital I for the l, mixed case", 0},
	{"At MERIDIAN RETAlL we ran it.", "Meridian Retail", true, "a lower-case l for the I, in capitals", 0},
	{"At MER1DIAN RETAIL we ran it.", "Meridian Retail", true, "a 1 for the I, in capitals", 0},
	{"At Meridian Retai1 we ran it.", "Meridian Retail", true, "a 1 for the l", 0},
	{"At Meridian Retai| we ran it.", "Meridian Retail", true, "a | for the l", 0},
	{"At |Meridian| we ran it.", "Meridian", true, "pipes around the name are still separators", 0},
	{"| Meridian | Retail |", "Meridian Retail", true, "a table row: pipes between words", 0},
	{"At KESTREI we ran it.", "Kestrel", true, "an I for the l in capitals", 0},
	{"LUMEN CONSULTlNG", "Lumen Consulting", true, "an l for the I in capitals", 0},
	{"\u039dORTHW\u0399ND", "Northwind", true, "Greek capitals Ν and Ι still read as the Latin N and I they look like", 0},
	{"\u03b1\u03b8\u03b7\u03bd\u03b1", "\u0391\u0398\u0397\u039d\u0391", true, "a Greek name in capitals still equals it in lower case", 0},
	{"At Meridian Retain we ran it.", "Meridian Retail", false, "another letter is still another name", 0},
	{"Blue fin tuna sandwiches", "Bluefin", true, "F9, kept: spaced words are joined (the rule that catches \"Mer idian\"), a known false alarm", 0},
	/* attack review: a middle name or initial, surname then initial, first name then initial */
	{"David J. Ross led it.", "David Ross", true, "a middle initial with a dot", P},
	{"David J Ross led it.", "David Ross", true, "a middle initial without a dot", P},
	{"David James Ross led it.", "David Ross", true, "a middle name", P},
	{"DAVID JAMES ROSS led it.", "David Ross", true, "a middle name, in capitals", P},
	{"Ross D. led it.", "David Ross", true, "surname then initial", P},
	{"Ross, D. led it.", "David Ross", true, "surname, comma, initial", P},
	{"Diallo A. reviewed.", "Amara Diallo", true, "surname then initial, another person", P},
	{"Priya N. reviewed.", "Priya Nair", true, "first name then the surname's initial", P},
	{"Priya Nair-Kumar reviewed.", "Priya Nair", true, "a double-barrelled surname still holds the name", P},
	{"David and Amara met Ross.", "David Ross", false, "two words between are not one middle name", P},
	{"David James Rossi led it.", "David Ross", false, "a middle name then a longer surname", P},
	{"Ross Davidson led it.", "David Ross", false, "surname then a longer word, not an initial", P},
	{"Ross E. led it.", "David Ross", false, "surname then another initial", P},
	{"Priya Ng reviewed.", "Priya Nair", false, "the surname's initial must be a word of its own", P},
	{"David J. Ross led it.", "David Ross", false, "a middle word is tried for people only", 0},
	/* attack review: percent-encoded link addresses, decoded as the browser shows them */
	{"See [x](https://meri%64ian.example/).", "Meridian", true, "a percent-encoded letter in a host name", R},
	{"See [x](https://example.org/?c=Meridian%20Retail).", "Meridian Retail", true, "a percent-encoded space in a query", R},
	{"See [x](https://example.org/%4D%45%52%49%44%49%41%4E).", "Meridian", true, "every letter percent-encoded, upper-case hex", R},
	{"See ![x](https://example.org/meri%64ian.png).", "Meridian", true, "an image's address", R},
	{"See <https://meri%64ian.example/>.", "Meridian", true, "an autolink's address", R},
	{"[x][r]\n\n[r]: https://meri%64ian.example", "Meridian", true, "a reference definition's address", R},
	{"See [x](https://example.org/meri%ff%64ian).", "Meridian", false, "not UTF-8 once decoded: checked as typed, where %ff splits the word", R},
	{"See [x](https://example.org/meri%00dian).", "Meridian", false, "a %00 stays as typed", R},
	{"See [x](https://example.org/meri%6).", "Meridian", false, "a truncated escape stays as typed", R},
	/* near misses: a term inside a longer word */
	{"Northwindow glazing", "Northwind", false, "the term as a prefix of a longer word", 0},
	{"Southnorthwind", "Northwind", false, "the term as a suffix of a longer word", 0},
	{"rewinding the tape", "wind", false, "the term in the middle of a longer word", 0},
	{"a windmill", "wind", false, "the term as a prefix", 0},
	{"the banking sector", "bank", false, "bank is not banking", 0},
	{"Northwinds rollout", "Northwind", true, "a plural without an apostrophe still names it", 0},
	{"https://northwindow.example", "Northwind", false, "a longer word in a domain", 0},
	{"helen.parker@example.com", "Helen Park", false, "a longer word in an e-mail address", 0},
	{"Strassenbahn", "Straße", false, "folded term as a prefix of a longer word", 0},
	{"Kızılayci", "Kizilay", false, "folded text: the term is still only a prefix", 0},
	{"Sociétés Générales", "Societe Generale", false, "plural forms are longer words", 0},
	{"its parts", "it", false, "its is not a possessive of it here: no apostrophe", 0},
	{"<bold>text</bold>", "b", false, "a tag name is not split into shorter words", 0},
	/* near misses: partial, reordered or interrupted multi-word names */
	{"Northwind", "Northwind Bank", false, "only the first word of the name", 0},
	{"a Bank", "Northwind Bank", false, "only the last word of the name", 0},
	{"Northwind Banking", "Northwind Bank", false, "the last word continues", 0},
	{"Bank Northwind", "Northwind Bank", false, "the words in the other order", 0},
	{"Park, Helen", "Helen Park", false, "a surname-first name is another order", 0},
	{"Northwind Savings Bank", "Northwind Bank", false, "another word between the words", 0},
	{"Northwind and Bank", "Northwind Bank", false, "a conjunction between the words", 0},
	{"Northwind's", "Northwind Bank", false, "a possessive is not the second word", 0},
	/* near misses: numbers that merely contain the digits */
	{"Unit 421", "Unit 42", false, "a longer number", 0},
	{"ticket 14203", "42", false, "digits inside a longer number", 0},
	{"the year 2042", "42", false, "digits at the end of a longer number", 0},
	{"4.2 percent", "42", true, "punctuation inside a term is ignored, as in \"Ac-me\": 4.2 reads 42 (a known false alarm for numbers)", 0},
	{"the 42nd floor", "42", false, "an ordinal is a longer word", 0},
	{"code x42", "42", false, "digits after letters", 0},
	/* terms and texts with no words */
	{"anything at all", "", false, "an empty term never matches", 0},
	{"anything at all", NULL, false, "a NULL term never matches", 0},
	{"anything at all", "   ", false, "a whitespace-only term never matches", 0},
	{"anything at all", "\t\n\u00a0", false, "a term of tabs, newlines and no-break spaces never matches", 0},
	{"anything at all", "  --  ", false, "a punctuation-only term never matches", 0},
	{"** -- **", "**", false, "a Markdown-only term never matches, even in Markdown", 0},
	{"anything at all", "\u200b\u00ad", false, "a term of invisible characters never matches", 0},
	{"", "Northwind", false, "an empty text", 0},
	{NULL, "Northwind", false, "a NULL text", 0},
	{"   \n\t", "Northwind", false, "a whitespace-only text", 0},
	/* invalid UTF-8: never a crash; leak_normalize refuses it, so nothing is found (callers check text_is_utf8 first) */
	{"Northwind \xff", "Northwind", false, "invalid byte 0xff in the text", 0},
	{"\x80Northwind", "Northwind", false, "a lone continuation byte", 0},
	{"Northwind \xc0\xae", "Northwind", false, "an overlong encoding", 0},
	{"Northwind \xed\xa0\x80", "Northwind", false, "an encoded surrogate", 0},
	{"Northwind \xf4\x90\x80\x80", "Northwind", false, "a code point past U+10FFFF", 0},
	{"Northwind \xe2\x80", "Northwind", false, "a truncated sequence at the end", 0},
	{"Northwind", "North\xffwind", false, "an invalid term", 0},
};

static void contains_table(void)
{
	for (size_t i = 0; i < COUNT(rows); i++) {
		const struct row *r = &rows[i];
		struct buf shown;
		const char *text = r->text;
		bool got;

		buf_init(&shown, 0);
		if (r->how & R) {
			CHECK_INT(markdown_text(&shown, r->text), 0);
			text = shown.data;
		}
		got = r->how & P ? leak_contains_person(text, r->term) : leak_contains(text, r->term);
		buf_release(&shown);

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

/* ---- leak_check: every term in every field, with the span of the text that matched ---- */

struct check_row {
	size_t nfields;
	const char *fields[4];
	size_t nterms;
	struct leak_term terms[5];
	size_t max;
	size_t want_n; /* the count returned */
	struct {
		size_t term, field;
		const char *span; /* the bytes of the field the finding points at */
	} want[6];             /* the first min(want_n, max) findings */
	const char *why;
};

static const struct check_row check_rows[] = {
	{3, {"Payments modernisation for a bank", "Lessons from Northwind's rollout\nwith Helen Park", "cards, payments"},
	 4, {{"Northwind Bank", false}, {"Northwind", false}, {"Helen Park", false}, {"Retail Banking", false}},
	 8, 2, {{1, 1, "Northwind"}, {2, 1, "Helen Park"}},
	 "only terms present are found, each with its field and the span of the text"},
	{3, {"Payments modernisation for a bank", "Lessons from Northwind's rollout\nwith Helen Park", "cards, payments"},
	 4, {{"Northwind Bank", false}, {"Northwind", false}, {"Helen Park", false}, {"Retail Banking", false}},
	 1, 2, {{1, 1, "Northwind"}},
	 "max bounds what is written, not what is counted"},
	{1, {"Northwind", false}, 1, {{"Northwind", false}}, 0, 1, {{0}}, "max 0 writes nothing and still counts"},
	{3, {"Helen Park and Northwind", "Northwind", "helen park"},
	 2, {{"Northwind", false}, {"Helen Park", false}},
	 8, 4, {{0, 0, "Northwind"}, {1, 0, "Helen Park"}, {0, 1, "Northwind"}, {1, 2, "helen park"}},
	 "order is fields, then terms in the order given (not their order in the text)"},
	{1, {"Northwind, Northwind, NORTHWIND's northwind", false}, 1, {{"Northwind", false}}, 8, 1, {{0, 0, "Northwind"}},
	 "a term found many times in one field is one finding, at its first place"},
	{2, {"Northwind Bank", "Northwind Bank"}, 2, {{"Northwind", false}, {"Northwind Bank", false}}, 8, 4,
	 {{0, 0, "Northwind"}, {1, 0, "Northwind Bank"}, {0, 1, "Northwind"}, {1, 1, "Northwind Bank"}},
	 "overlapping terms are each found, once per field"},
	{1, {"Northwind", false}, 2, {{"Northwind", false}, {"NORTHWIND", false}}, 8, 2, {{0, 0, "Northwind"}, {1, 0, "Northwind"}},
	 "each term given is its own finding, even when two fold alike"},
	{1, {"Northwind", false}, 5, {{"", false}, {NULL, false}, {"  ", false}, {"--", false}, {"Northwind", false}}, 8, 1, {{4, 0, "Northwind"}},
	 "empty, NULL and wordless terms are skipped"},
	{3, {NULL, "", "Northwind"}, 1, {{"Northwind", false}}, 8, 1, {{0, 2, "Northwind"}}, "NULL and empty fields have nothing in them"},
	{2, {"Northwind \xff", "Northwind"}, 1, {{"Northwind", false}}, 8, 1, {{0, 1, "Northwind"}},
	 "a field that is not UTF-8 is skipped, the others are still checked"},
	{2, {"Northwind", "Bank"}, 1, {{"Northwind Bank", false}}, 8, 0, {{0}}, "a term never spans two fields"},
	{1, {"Northwind", false}, 0, {{NULL, false}}, 8, 0, {{0}}, "no terms, no findings"},
	{0, {NULL, false}, 1, {{"Northwind", false}}, 8, 0, {{0}}, "no fields, no findings"},
	{4, {"Northwind Bank", "Helen Park of Northwind", "northwind", "Project Bluebird"},
	 3, {{"Northwind", false}, {"Helen Park", false}, {"Bluebird", false}},
	 3, 5, {{0, 0, "Northwind"}, {0, 1, "Northwind"}, {1, 1, "Helen Park"}},
	 "more findings than max: the count is all of them, the first max are written in order"},
	{2, {"<b>Northwind</b> Bank", "Ｎｏｒｔｈｗｉｎｄ Ba\u00adnk"}, 1, {{"Northwind Bank", false}}, 8, 2,
	 {{0, 0, "Northwind</b> Bank"}, {0, 1, "Ｎｏｒｔｈｗｉｎｄ Ba\u00adnk"}},
	 "the span is the author's own text, tags, fullwidth letters and soft hyphen included"},
	{1, {"Kızılay and Łódź", false}, 2, {{"KIZILAY", false}, {"Lodz", false}}, 8, 2, {{0, 0, "Kızılay"}, {1, 0, "Łódź"}},
	 "folded letters in a field; the span keeps them as written"},
	{1, {"We met N\u043erthw\u0456nd's board.", false}, 1, {{"Northwind", false}}, 8, 1, {{0, 0, "N\u043erthw\u0456nd"}},
	 "confusables: the span is the look-alike spelling, never the stored term"},
	{1, {"Thanks to Mendes, Carla and C. Mendes", false}, 1, {{"Carla Mendes", true}}, 8, 1, {{0, 0, "Mendes, Carla"}},
	 "a person's name in the other order: the span is what was written"},
	{1, {"Thanks to C. Mendes", false}, 1, {{"Carla Mendes", true}}, 8, 1, {{0, 0, "C. Mendes"}},
	 "a person's initial: the span runs from the initial to the surname"},
	{1, {"Thanks to Mendes, Carla", false}, 1, {{"Carla Mendes", false}}, 8, 0, {{0}},
	 "the other order is tried for people only"},
	{1, {"the A c m e deal", false}, 1, {{"Acme", false}}, 8, 1, {{0, 0, "A c m e"}}, "letters spaced apart: the span covers them all"},
	{1, {"Operations and Retail Banking", false}, 2, {{"Operations", false}, {"Retail Banking", false}}, 8, 0, {{0}},
	 "terms made only of ordinary words are never findings"},
	{1, {"Bluebird Operations", false}, 2, {{"Operations", false}, {"Bluebird Operations", false}}, 8, 1, {{1, 0, "Bluebird Operations"}},
	 "a name with an ordinary word in it still counts whole"},
	{1, {"Our Digital Commerce Platform work.", NULL}, 3,
	 {{"Digital Commerce Platform", LEAK_CHOSEN}, {"Retail Store Operations", LEAK_CHOSEN}, {"Store", LEAK_CHOSEN}}, 8, 1,
	 {{0, 0, "Digital Commerce Platform"}},
	 "a buyer's chosen phrase of ordinary words counts (attack review F3)"},
	{1, {"the retail store operations team and the store", NULL}, 2, {{"Retail Store Operations", LEAK_CHOSEN}, {"Store", LEAK_CHOSEN}},
	 8, 1, {{0, 0, "retail store operations"}},
	 "a chosen phrase counts in any case; a single ordinary word, chosen or not, never does"},
	{1, {"Our Digital Commerce Platform work.", NULL}, 1, {{"Digital Commerce Platform", 0}}, 8, 0, {{0}},
	 "the same phrase derived from the directory (a unit, a title) is ordinary and does not count"},
	{1, {"Our Digital Commerce work.", NULL}, 1, {{"Digital Commerce Platform", LEAK_CHOSEN}}, 8, 0, {{0}},
	 "a chosen phrase is found whole, not in part"},
};

static void check_table(void)
{
	for (size_t i = 0; i < COUNT(check_rows); i++) {
		const struct check_row *r = &check_rows[i];
		struct leak_finding out[9];
		size_t n, written, bad = 0;

		for (size_t k = 0; k < COUNT(out); k++)
			out[k] = (struct leak_finding){999, 999, 0, 0};
		n = leak_check(r->fields, r->nfields, r->terms, r->nterms, out, r->max);
		written = r->want_n < r->max ? r->want_n : r->max;
		if (n != r->want_n)
			bad = 1;
		for (size_t k = 0; k < written; k++) {
			const char *f = out[k].field < r->nfields ? r->fields[out[k].field] : NULL;

			if (out[k].term != r->want[k].term || out[k].field != r->want[k].field || !f ||
			    out[k].end - out[k].start != strlen(r->want[k].span) ||
			    memcmp(f + out[k].start, r->want[k].span, out[k].end - out[k].start))
				bad = 1;
		}
		for (size_t k = written; k < COUNT(out); k++)
			if (out[k].term != 999 || out[k].field != 999)
				bad = 1; /* nothing written past max or past the findings */
		if (bad) {
			fprintf(stderr, "  check row %zu: %zu findings, want %zu: %s\n", i, n, r->want_n, r->why);
			for (size_t k = 0; k < n && k < r->max; k++)
				fprintf(stderr, "    got term %zu in field %zu, bytes %zu..%zu\n", out[k].term, out[k].field,
					out[k].start, out[k].end);
		}
		CHECK(!bad);
	}
}

/* ---- organisation names: tidied, and compared by their skeleton ---- */

struct name_row {
	const char *a, *b;
	bool same; /* the skeletons are equal */
	const char *why;
};

static const struct name_row name_rows[] = {
	{"Northwind Bank", "Northwind Bank", true, "the same name"},
	{"Northwind Bank", "N\u043erthwind Bank", true, "a Cyrillic о"},
	{"Northwind Bank", "\u039dorthwind Bank", true, "a Greek capital Ν"},
	{"Northwind Bank", "northwind BANK", true, "another case"},
	{"Northwind Bank", "NorthwindBank", true, "another spacing"},
	{"Northwind Bank", "North-wind  Bank", true, "a hyphen and two spaces"},
	{"Northwind Bank", "Ｎｏｒｔｈｗｉｎｄ Bank", true, "fullwidth letters"},
	{"Northwind Bank", "North\u200bwind Bank", true, "a zero width space"},
	{"Northwind Bank", "N0rthwind Bank", true, "a zero for an o"},
	{"Northwind Bank", "Nörthwind Bank", true, "a diaeresis"},
	{"Meridian", "Merldian", true, "an l for an i: I, l and 1 are one letter"},
	{"Northwind Bank", "Northwind Bank Group", false, "a longer name"},
	{"Kestrel IT Services", "KestreI IT Services", true, "attack review: a capital I for the l"},
	{"Kestrel IT Services", "Kestrel lT Services", true, "attack review: an l for the capital I"},
	{"Meridian Retail", "Meridian RetaiI", true, "attack review: a capital I for the final l"},
	{"Lumen Consulting", "LUMEN CONSULTlNG", true, "attack review: an l for the I in capitals"},
	{"Meridian Retail", "MER1DIAN RETAIL", true, "a 1 for the I in capitals"},
	{"Kestrel IT Services", "Kestrel |T Services", true, "a | for the I"},
	{"Meridian Retail", "Meridian Retain", false, "another letter is another name"},
	{"Kestrel", "Kestral", false, "another letter"},
};

static void names_table(void)
{
	for (size_t i = 0; i < COUNT(name_rows); i++) {
		struct buf a, b;

		buf_init(&a, 0);
		buf_init(&b, 0);
		CHECK_INT(leak_skeleton(name_rows[i].a, &a), 0);
		CHECK_INT(leak_skeleton(name_rows[i].b, &b), 0);
		if (leak_same_name(name_rows[i].a, name_rows[i].b) != name_rows[i].same)
			fprintf(stderr, "  name row %zu: \"%s\" / \"%s\" gave \"%s\" / \"%s\": %s\n", i, name_rows[i].a, name_rows[i].b,
				a.data, b.data, name_rows[i].why);
		CHECK(leak_same_name(name_rows[i].a, name_rows[i].b) == name_rows[i].same);
		CHECK(leak_same_name(name_rows[i].b, name_rows[i].a) == name_rows[i].same);
		buf_release(&a);
		buf_release(&b);
	}
}

static void tidy_names(void)
{
	static const char *const tidy[][2] = {
		{"  Northwind Bank  ", "Northwind Bank"},
		{"Ｎｏｒｔｈｗｉｎｄ\u3000Bank", "Northwind Bank"},
		{"\u00a0Northwind ﬁnance\u00a0", "Northwind finance"},
		{"Socie\u0301te\u0301", "Soci\u00e9t\u00e9"},
		{"   ", ""},
	};

	for (size_t i = 0; i < COUNT(tidy); i++) {
		struct buf b;

		buf_init(&b, 0);
		CHECK_INT(leak_tidy_name(tidy[i][0], &b), 0);
		CHECK_STR(b.data, tidy[i][1]);
		buf_release(&b);
	}
	{
		struct buf b;

		buf_init(&b, 0);
		CHECK_INT(leak_tidy_name("North\xffwind", &b), -1);
		buf_release(&b);
	}
}

/* An organisation's distinctive words: every word of 3 letters or more that is not ordinary nor a company suffix, as typed. */
static void name_words(void)
{
	static const struct {
		const char *name, *want;
	} cases[] = {
		{"Northwind Bank", "Northwind\n"},
		{"Meridian Retail", "Meridian\n"},
		{"Kestrel IT Services", "Kestrel\n"},
		{"Lumen Consulting Group", "Lumen\n"},
		{"Acme Holdings Ltd.", "Acme\n"},
		{"Oakridge & Co", "Oakridge\n"},
		{"Pinecrest Technologies Inc", "Pinecrest\n"},
		{"Blue Ocean Foods plc", "Blue\nOcean\n"},
		{"Société Générale", "Société\nGénérale\n"},
		{"McDonald Retail", "McDonald\n"},
		{"Retail Services Group", ""},
		{"Ox Bank", ""},
		{"", ""},
	};

	for (size_t i = 0; i < COUNT(cases); i++) {
		struct buf b;

		buf_init(&b, 0);
		CHECK_INT(leak_name_words(cases[i].name, &b), 0);
		if (strcmp(b.data ? b.data : "", cases[i].want))
			fprintf(stderr, "  name words of \"%s\": \"%s\", want \"%s\"\n", cases[i].name, b.data ? b.data : "", cases[i].want);
		CHECK_STR(b.data ? b.data : "", cases[i].want);
		buf_release(&b);
	}
	CHECK_INT(leak_name_words("Northwind \xff", &(struct buf){0}), -1);
}

/* A single ordinary word is too common to protect; a phrase of them, or any other word, is not. */
static void too_common(void)
{
	static const char *const common[] = {"Store", "store", "STORES", "IT", "Retail", "x"};
	static const char *const fine[] = {"Digital Commerce Platform", "Retail Store Operations", "Bluefin", "Project Store", "Meridian"};

	for (size_t i = 0; i < COUNT(common); i++)
		CHECK(leak_too_common(common[i]));
	for (size_t i = 0; i < COUNT(fine); i++)
		CHECK(!leak_too_common(fine[i]));
}

/* Ordinary words alone are never findings; public mail domains say nothing. */
static void ordinary_words(void)
{
	static const char *const ordinary[] = {"Operations", "operations", "Finance", "Retail", "Group", "Services", "IT", "HR",
					       "Retail Banking", "Shared Services", "the", "Digital Channels"};
	static const char *const named[] = {"Northwind", "Bluebird Operations", "Kestrel Group", "Carla Mendes", "Falconridge"};

	for (size_t i = 0; i < COUNT(ordinary); i++)
		CHECK(leak_ordinary(ordinary[i]));
	for (size_t i = 0; i < COUNT(named); i++)
		CHECK(!leak_ordinary(named[i]));
	CHECK(leak_public_mail_domain("gmail.com"));
	CHECK(leak_public_mail_domain("outlook.com"));
	CHECK(!leak_public_mail_domain("northwind.example"));
	CHECK(!leak_public_mail_domain(NULL));
}

/* Ordinary texts about delivery name no customer: they publish. */
static void ordinary_texts(void)
{
	static const char *const texts[] = {
		"Bundle changes into a fixed monthly release train with a published calendar. The operations team and finance review one bundle.",
		"Our retail banking group asked the service desk for better handovers; the shared services centre agreed.",
		"Keep two device images live and switch sites between them in waves of five; the north wind blew all week.",
		"A bank's finance team asked for a nightly reconciliation of ledger and payments.",
		"Northwindows and northwindow frames were replaced; Acmes of the trade; the cmendes tool.",
	};
	static const struct leak_term terms[] = {{"Northwind Bank", false}, {"Operations", false}, {"Retail Banking", false},
						 {"Group", false}, {"Carla Mendes", true}};
	struct leak_finding f[8];

	for (size_t i = 0; i < COUNT(texts); i++) {
		size_t n = leak_check(&texts[i], 1, terms, COUNT(terms), f, COUNT(f));

		if (n)
			fprintf(stderr, "  ordinary text %zu flagged: term %zu\n", i, f[0].term);
		CHECK_INT(n, 0);
	}
}

int main(void)
{
	RUN(normalize_table);
	RUN(contains_table);
	RUN(long_text);
	RUN(check_table);
	RUN(names_table);
	RUN(tidy_names);
	RUN(name_words);
	RUN(too_common);
	RUN(ordinary_words);
	RUN(ordinary_texts);
	return HARNESS_DONE("leak");
}
