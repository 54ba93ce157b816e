/* test_search: hand-worked cases for the global search's rules — the query, the LIKE pattern, the cursor and the snippet. */
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "domain/search.h"

static int clean(const char *q, char *out, size_t size, struct error *err)
{
	memset(err, 0, sizeof *err);
	return search_query_clean(q, out, size, err);
}

static void query_is_trimmed_and_bounded(void)
{
	char out[SEARCH_Q_MAX * 4 + 1], long_q[SEARCH_Q_MAX + 2];
	struct error err;

	CHECK_INT(clean("  secure  ", out, sizeof out, &err), 0);
	CHECK_STR(out, "secure");
	CHECK_INT(clean("ab", out, sizeof out, &err), 0);
	CHECK_STR(out, "ab");
	/* two characters of two bytes each: counted as characters, not bytes */
	CHECK_INT(clean("\xc3\xa9\xc3\xa9", out, sizeof out, &err), 0);
	CHECK_INT(clean("\xc3\xa9", out, sizeof out, &err), -1);
	CHECK_INT(err.status, 422);
	CHECK_STR(err.field, "q");
	CHECK_INT(clean("", out, sizeof out, &err), -1);
	CHECK_STR(err.field, "q");
	CHECK_INT(clean(NULL, out, sizeof out, &err), -1);
	CHECK_STR(err.field, "q");
	CHECK_INT(clean(" a ", out, sizeof out, &err), -1);
	CHECK_STR(err.code, "invalid");
	CHECK_INT(clean(repeat(long_q, sizeof long_q, 'x', SEARCH_Q_MAX), out, sizeof out, &err), 0);
	CHECK_INT(clean(repeat(long_q, sizeof long_q, 'x', SEARCH_Q_MAX + 1), out, sizeof out, &err), -1);
	CHECK_STR(err.field, "q");
	CHECK_INT(clean("ab\xff", out, sizeof out, &err), -1);
	CHECK_STR(err.field, "q");
	/* control characters count as spaces: a tab and a newline are trimmed */
	CHECK_INT(clean("\tsla\n", out, sizeof out, &err), 0);
	CHECK_STR(out, "sla");
}

static void like_pattern_escapes_metacharacters(void)
{
	char out[64];

	search_like_pattern("sla", out, sizeof out);
	CHECK_STR(out, "%sla%");
	search_like_pattern("100%", out, sizeof out);
	CHECK_STR(out, "%100\\%%");
	search_like_pattern("a_b", out, sizeof out);
	CHECK_STR(out, "%a\\_b%");
	search_like_pattern("c:\\x", out, sizeof out);
	CHECK_STR(out, "%c:\\\\x%");
	search_like_pattern("%_\\", out, sizeof out);
	CHECK_STR(out, "%\\%\\_\\\\%");
}

static void kinds_have_names(void)
{
	CHECK_STR(search_kind_name(SEARCH_ENGAGEMENT), "engagement");
	CHECK_STR(search_kind_name(SEARCH_PRACTICE), "practice");
	CHECK_INT(search_kind_parse("issue"), SEARCH_ISSUE);
	CHECK_INT(search_kind_parse("problem"), SEARCH_PROBLEM);
	CHECK_INT(search_kind_parse("bid"), -1);
	CHECK_INT(search_kind_parse(""), -1);
	CHECK_INT(search_kind_parse(NULL), -1);
}

static void cursor_round_trips(void)
{
	char out[SEARCH_CURSOR_MAX];
	enum search_kind k;
	long long pos;

	search_cursor_format(SEARCH_REVIEW, 42, out);
	CHECK_STR(out, "review.42");
	CHECK(search_cursor_parse("review.42", &k, &pos));
	CHECK_INT(k, SEARCH_REVIEW);
	CHECK_INT(pos, 42);
	CHECK(search_cursor_parse("practice.0", &k, &pos));
	CHECK_INT(k, SEARCH_PRACTICE);
	CHECK_INT(pos, 0);
	CHECK(!search_cursor_parse("review", &k, &pos));
	CHECK(!search_cursor_parse("review.", &k, &pos));
	CHECK(!search_cursor_parse("review.-1", &k, &pos));
	CHECK(!search_cursor_parse("review.4x", &k, &pos));
	CHECK(!search_cursor_parse("bid.4", &k, &pos));
	CHECK(!search_cursor_parse("42", &k, &pos));
	CHECK(!search_cursor_parse("review.99999999999999999999", &k, &pos));
}

static void snippet_marks_every_match_in_its_window(void)
{
	char *s = search_snippet("Quarterly SLA review: the sla credits", "SLA", 160);

	CHECK_STR(s, "Quarterly \x01SLA\x02 review: the \x01sla\x02 credits");
	free(s);
	/* the window opens a third of the width before the match, at the next word, with an ellipsis */
	s = search_snippet("one two three four five six seven eight nine ten eleven twelve target end and on and on and on", "target", 30);
	CHECK_STR(s, "…twelve \x01target\x02 end and on and o…");
	free(s);
	/* near the end, the window opens earlier so as to show width bytes */
	s = search_snippet("one two three four five six seven eight nine ten eleven twelve target end", "target", 30);
	CHECK_STR(s, "…ten eleven twelve \x01target\x02 end");
	free(s);
	/* cut after the window, at a character boundary */
	s = search_snippet("target \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9", "target", 10);
	CHECK_STR(s, "\x01target\x02 \xc3\xa9…");
	free(s);
}

static void snippet_without_match_is_the_start(void)
{
	char *s = search_snippet("Line one\n\nline  two", "absent", 160);

	CHECK_STR(s, "Line one line two");
	free(s);
	s = search_snippet("abcdefghij", "zz", 4);
	CHECK_STR(s, "abcd…");
	free(s);
	s = search_snippet("", "zz", 4);
	CHECK_STR(s, "");
	free(s);
}

static void snippet_drops_markers_in_the_text(void)
{
	/* a marker already in the text never reaches the page as markup */
	char *s = search_snippet("a\x01x\x02 sla", "sla", 160);

	CHECK_STR(s, "a x \x01sla\x02");
	free(s);
}

static void snippet_contains_reports_a_match(void)
{
	CHECK(search_contains("Managed SOC", "soc"));
	CHECK(search_contains("100% uptime", "0%"));
	CHECK(!search_contains("100 uptime", "0%"));
	CHECK(!search_contains(NULL, "x"));
	CHECK(search_contains("a\nb", "a b"));
}

int main(void)
{
	RUN(query_is_trimmed_and_bounded);
	RUN(like_pattern_escapes_metacharacters);
	RUN(kinds_have_names);
	RUN(cursor_round_trips);
	RUN(snippet_marks_every_match_in_its_window);
	RUN(snippet_without_match_is_the_start);
	RUN(snippet_drops_markers_in_the_text);
	RUN(snippet_contains_reports_a_match);
	return HARNESS_DONE("search");
}
