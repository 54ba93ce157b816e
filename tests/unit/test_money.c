/* test_money: the one parser and formatter of amounts of money (cents), hand-worked: what is an amount, what is not, and how it reads back. */
#include <string.h>

#include "../harness.h"
#include "util/money.h"

static long long parsed(const char *s)
{
	long long c = -7;

	return money_parse(s, &c) ? c : -1;
}

static void amounts_parse_to_cents(void)
{
	CHECK_INT(parsed("0"), 0);
	CHECK_INT(parsed("1234"), 123400);
	CHECK_INT(parsed("1234.5"), 123450);
	CHECK_INT(parsed("1234.56"), 123456);
	CHECK_INT(parsed("0.01"), 1);
	CHECK_INT(parsed("007.10"), 710);
	CHECK_INT(parsed("9999999999999.99"), MONEY_MAX_CENTS);
}

static void other_text_is_not_an_amount(void)
{
	static const char *const bad[] = {"", "-1", "+1", "1.234", "1.", ".5", "1,000", " 1", "1 ", "1e3", "abc",
					  "12.3.4", "10000000000000", "0x10", NULL};

	for (int i = 0; bad[i]; i++) {
		if (parsed(bad[i]) != -1)
			fprintf(stderr, "  \"%s\" parsed\n", bad[i]);
		CHECK_INT(parsed(bad[i]), -1);
	}
	CHECK(!money_parse(NULL, &(long long){0}));
}

static void json_numbers(void)
{
	long long c = 0;

	CHECK(money_from_number(1200000.5, &c) && c == 120000050);
	CHECK(money_from_number(0.1, &c) && c == 10); /* 0.1 × 100 is 10.000000000000002 */
	CHECK(money_from_number(19.99, &c) && c == 1999);
	CHECK(money_from_number(0, &c) && c == 0);
	CHECK(!money_from_number(1.234, &c));
	CHECK(!money_from_number(0.001, &c));
	CHECK(!money_from_number(-0.5, &c));
	CHECK(!money_from_number(1e20, &c));
}

static void amounts_read_back(void)
{
	char t[MONEY_TEXT_MAX], h[MONEY_HUMAN_MAX];

	money_format(120000050, t);
	CHECK_STR(t, "1200000.50");
	money_format(5, t);
	CHECK_STR(t, "0.05");
	money_format_human(120000050, "USD", h);
	CHECK_STR(h, "USD 1,200,000.50");
	money_format_human(99900, "EUR", h);
	CHECK_STR(h, "EUR 999.00");
	money_format_human(100000, "", h);
	CHECK_STR(h, "USD 1,000.00");
	money_format_human(MONEY_MAX_CENTS, "JPY", h);
	CHECK_STR(h, "JPY 9,999,999,999,999.99");
}

static void currencies(void)
{
	CHECK(currency_valid("USD") && currency_valid("EUR") && currency_valid("INR"));
	CHECK(!currency_valid("usd") && !currency_valid("US") && !currency_valid("USDX") && !currency_valid("U$D") &&
	      !currency_valid("") && !currency_valid(NULL));
}

int main(void)
{
	RUN(amounts_parse_to_cents);
	RUN(other_text_is_not_an_amount);
	RUN(json_numbers);
	RUN(amounts_read_back);
	RUN(currencies);
	return HARNESS_DONE("money");
}
