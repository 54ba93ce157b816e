/* test_leak: the leak check finds a customer's names through the obvious evasions and never inside unrelated longer words. */
#include "../harness.h"
#include "domain/leak.h"

static void words(void)
{
	struct buf b;

	buf_init(&b, 0);
	CHECK_INT(leak_normalize("  Northwind   Bank\n\nplan ", &b), 0);
	CHECK_STR(b.data, " northwind bank plan ");
	buf_reset(&b);
	CHECK_INT(leak_normalize("Société GÉNÉRALE's **roadmap**", &b), 0);
	CHECK_STR(b.data, " societe generale roadmap ");
	buf_reset(&b);
	CHECK_INT(leak_normalize("\xff\xfe", &b), -1); /* not UTF-8 */
	buf_release(&b);
}

static void evasions_are_found(void)
{
	CHECK(leak_contains("We did this for NORTHWIND BANK last year.", "Northwind Bank"));
	CHECK(leak_contains("Northwind's payments team", "Northwind"));
	CHECK(leak_contains("Northwind\xe2\x80\x99s payments team", "Northwind")); /* a curly apostrophe */
	CHECK(leak_contains("the Northwind\n   Bank programme", "Northwind Bank"));
	CHECK(leak_contains("with **Northwind** Bank", "Northwind Bank"));
	CHECK(leak_contains("see [the client](https://northwind.example/plan)", "northwind"));
	CHECK(leak_contains("Helen-Park led it", "Helen Park"));
	CHECK(leak_contains("written by helen.park@northwind.example", "helen.park@northwind.example"));
	CHECK(leak_contains("at Société Générale", "Societe Generale"));
	CHECK(leak_contains("at SOCIETE GENERALE", "Société Générale"));
	CHECK(leak_contains("die Straße", "STRASSE")); /* full case folding: ß is ss */
	CHECK(leak_contains("Project Ｂｌｕｅｂｉｒｄ", "Bluebird")); /* fullwidth letters */
	CHECK(leak_contains("Retail Banking,unit", "Retail Banking"));
}

static void unrelated_words_are_not(void)
{
	CHECK(!leak_contains("Northwindow glazing", "Northwind"));
	CHECK(!leak_contains("a windmill", "wind"));
	CHECK(!leak_contains("the banking sector", "bank"));
	CHECK(!leak_contains("Northwind", "Northwind Bank"));
	CHECK(!leak_contains("anything at all", ""));
	CHECK(!leak_contains("anything at all", "  --  "));
	CHECK(!leak_contains(NULL, "Northwind"));
	CHECK(!leak_contains("its parts", "it")); /* "its" is not a possessive of "it" here: no apostrophe */
}

static void findings_name_term_and_field(void)
{
	const char *fields[] = {"Payments modernisation for a bank", "Lessons from Northwind's rollout\nwith Helen Park", "cards, payments"};
	const char *names[] = {"title", "body", "tags"};
	const char *terms[] = {"Northwind Bank", "Northwind", "Helen Park", "Retail Banking"};
	struct leak_finding out[8];
	size_t n = leak_check(fields, names, 3, terms, 4, out, 8);

	CHECK_INT(n, 2);
	CHECK_STR(out[0].term, "Northwind");
	CHECK_STR(out[0].field, "body");
	CHECK_STR(out[1].term, "Helen Park");
	CHECK_STR(out[1].field, "body");
	/* max bounds what is written, not what is counted */
	CHECK_INT(leak_check(fields, names, 3, terms, 4, out, 1), 2);
}

int main(void)
{
	RUN(words);
	RUN(evasions_are_found);
	RUN(unrelated_words_are_not);
	RUN(findings_name_term_and_field);
	return HARNESS_DONE("leak");
}
