/* test_practice: tag normalisation and every adoption step, allowed and refused, by side. */
#include "../harness.h"
#include "domain/practice.h"

static void tags(void)
{
	char out[PRACTICE_TAGS_BUF];
	struct error e = {0};
	const char *ok[] = {"  Cards ", "PAYMENTS", "cards", "dispute   triage", "Straße"};
	const char *bad_char[] = {"cards", "a,b"};
	const char *empty[] = {"   "};
	const char *many[PRACTICE_TAGS_MAX + 1];
	char long_tag[PRACTICE_TAG_MAX + 2];

	CHECK_INT(practice_tags_normalize(ok, 5, out, &e), 0);
	CHECK_STR(out, "cards,payments,dispute triage,straße");
	CHECK_INT(practice_tags_normalize(NULL, 0, out, &e), 0);
	CHECK_STR(out, "");
	CHECK_INT(practice_tags_normalize(bad_char, 2, out, &e), -1); /* a comma would split the stored list */
	CHECK_STR(e.field, "tags");
	CHECK_INT(practice_tags_normalize(empty, 1, out, &e), -1);
	for (size_t i = 0; i < PRACTICE_TAGS_MAX + 1; i++)
		many[i] = "x";
	CHECK_INT(practice_tags_normalize(many, PRACTICE_TAGS_MAX + 1, out, &e), -1);
	CHECK_STR(e.code, "too_many");
	memset(long_tag, 'a', sizeof long_tag - 1);
	long_tag[sizeof long_tag - 1] = '\0';
	many[0] = long_tag;
	CHECK_INT(practice_tags_normalize(many, 1, out, &e), -1);
	long_tag[PRACTICE_TAG_MAX] = '\0'; /* exactly the maximum */
	CHECK_INT(practice_tags_normalize(many, 1, out, &e), 0);
}

struct step {
	enum adoption_status from, to;
	enum adoption_side side;
	int want; /* 0 allowed, else the HTTP status of the refusal */
};

static void steps(void)
{
	static const struct step table[] = {
		{ADOPT_PROPOSED, ADOPT_BUYIN, SIDE_CUSTOMER, 0},
		{ADOPT_PROPOSED, ADOPT_BUYIN, SIDE_PROVIDER, 403},
		{ADOPT_PROPOSED, ADOPT_REJECTED, SIDE_CUSTOMER, 0},
		{ADOPT_PROPOSED, ADOPT_REJECTED, SIDE_PROVIDER, 403},
		{ADOPT_PROPOSED, ADOPT_IMPLEMENTING, SIDE_PROVIDER, 409}, /* no buy-in yet */
		{ADOPT_PROPOSED, ADOPT_IMPLEMENTED, SIDE_CUSTOMER, 409},
		{ADOPT_BUYIN, ADOPT_IMPLEMENTING, SIDE_CUSTOMER, 0},
		{ADOPT_BUYIN, ADOPT_IMPLEMENTING, SIDE_PROVIDER, 0},
		{ADOPT_BUYIN, ADOPT_IMPLEMENTED, SIDE_PROVIDER, 409}, /* implementing comes first */
		{ADOPT_BUYIN, ADOPT_REJECTED, SIDE_CUSTOMER, 0},
		{ADOPT_BUYIN, ADOPT_BUYIN, SIDE_CUSTOMER, 409},
		{ADOPT_BUYIN, ADOPT_PROPOSED, SIDE_PROVIDER, 409},
		{ADOPT_IMPLEMENTING, ADOPT_IMPLEMENTED, SIDE_PROVIDER, 0},
		{ADOPT_IMPLEMENTING, ADOPT_IMPLEMENTED, SIDE_CUSTOMER, 0},
		{ADOPT_IMPLEMENTING, ADOPT_REJECTED, SIDE_CUSTOMER, 0},
		{ADOPT_IMPLEMENTING, ADOPT_REJECTED, SIDE_PROVIDER, 403},
		{ADOPT_IMPLEMENTING, ADOPT_BUYIN, SIDE_CUSTOMER, 409},
		{ADOPT_IMPLEMENTED, ADOPT_IMPLEMENTED, SIDE_CUSTOMER, 0}, /* the benefit restated */
		{ADOPT_IMPLEMENTED, ADOPT_REJECTED, SIDE_CUSTOMER, 409},
		{ADOPT_IMPLEMENTED, ADOPT_IMPLEMENTING, SIDE_PROVIDER, 409},
		{ADOPT_REJECTED, ADOPT_BUYIN, SIDE_CUSTOMER, 0},
		{ADOPT_REJECTED, ADOPT_BUYIN, SIDE_PROVIDER, 403},
		{ADOPT_REJECTED, ADOPT_IMPLEMENTING, SIDE_CUSTOMER, 409},
		{ADOPT_REJECTED, ADOPT_PROPOSED, SIDE_PROVIDER, 409},
	};

	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		struct error e = {0};
		bool ok = adoption_step_allowed(table[i].from, table[i].to, table[i].side, &e);

		if (ok != (table[i].want == 0) || (!ok && e.status != table[i].want))
			fprintf(stderr, "  step %zu: %s -> %s by %s: got %s %d\n", i,
				adoption_status_name(table[i].from), adoption_status_name(table[i].to),
				table[i].side == SIDE_CUSTOMER ? "customer" : "provider", ok ? "allowed" : "refused", e.status);
		CHECK(ok == (table[i].want == 0));
		if (!ok)
			CHECK_INT(e.status, table[i].want);
	}
	CHECK_INT(adoption_status_parse("buy-in"), ADOPT_BUYIN);
	CHECK_INT(adoption_status_parse("adopted"), -1);
	CHECK_INT(adoption_status_parse(NULL), -1);
}

int main(void)
{
	RUN(tags);
	RUN(steps);
	return HARNESS_DONE("practice");
}
