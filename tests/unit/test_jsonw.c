/* test_jsonw: hand-worked cases for the streaming JSON writer — nesting, commas, escaping, numbers — each read back by jansson. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "util/jsonw.h"

/* The writer's output parses, and dumps back (sorted) as want. */
static void check_parses_as(const char *got, const char *want)
{
	json_error_t e;
	json_t *j = json_loads(got, JSON_DECODE_ANY, &e);
	char *s;

	CHECK(j != NULL);
	if (!j)
		return;
	s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	CHECK_STR(s, want);
	free(s);
	json_decref(j);
}

static void nesting_and_commas(void)
{
	struct buf b;
	struct jsonw w;

	buf_init(&b, 0);
	jsonw_init(&w, &b);
	jsonw_object(&w);
	jsonw_kint(&w, "id", 7);
	jsonw_kstring(&w, "title", "Core banking");
	jsonw_karray(&w, "ids");
	jsonw_int(&w, 1);
	jsonw_int(&w, 2);
	jsonw_object(&w);
	jsonw_end_object(&w);
	jsonw_array(&w);
	jsonw_end_array(&w);
	jsonw_end_array(&w);
	jsonw_kobject(&w, "trust");
	jsonw_knull(&w, "score");
	jsonw_kbool(&w, "gap", false);
	jsonw_end_object(&w);
	jsonw_key(&w, "raw");
	jsonw_raw(&w, "{\"a\":[1]}");
	jsonw_end_object(&w);
	CHECK_STR(b.data, "{\"id\":7,\"title\":\"Core banking\",\"ids\":[1,2,{},[]],\"trust\":{\"score\":null,\"gap\":false},\"raw\":{\"a\":[1]}}");
	CHECK(!b.overflow);
	check_parses_as(b.data, "{\"id\":7,\"ids\":[1,2,{},[]],\"raw\":{\"a\":[1]},\"title\":\"Core banking\",\"trust\":{\"gap\":false,\"score\":null}}");
	buf_release(&b);
}

static void empty_containers_and_top_level_values(void)
{
	struct buf b;
	struct jsonw w;

	buf_init(&b, 0);
	jsonw_init(&w, &b);
	jsonw_array(&w);
	jsonw_end_array(&w);
	CHECK_STR(b.data, "[]");
	buf_reset(&b);
	jsonw_init(&w, &b);
	jsonw_string(&w, NULL);
	CHECK_STR(b.data, "null");
	buf_reset(&b);
	jsonw_init(&w, &b);
	jsonw_raw(&w, NULL);
	CHECK_STR(b.data, "null");
	buf_release(&b);
}

static void escaping(void)
{
	struct buf b;
	struct jsonw w;

	buf_init(&b, 0);
	jsonw_init(&w, &b);
	jsonw_object(&w);
	jsonw_kstring(&w, "q\"k", "say \"hi\"\\ \n\r\t\b\f \x01 </script> é €");
	jsonw_end_object(&w);
	CHECK_STR(b.data, "{\"q\\\"k\":\"say \\\"hi\\\"\\\\ \\n\\r\\t\\b\\f \\u0001 </script> é €\"}");
	check_parses_as(b.data, "{\"q\\\"k\":\"say \\\"hi\\\"\\\\ \\n\\r\\t\\b\\f \\u0001 </script> é €\"}");
	buf_release(&b);
}

/* Bytes that are not UTF-8 become U+FFFD, so the answer still parses. */
static void invalid_utf8_is_replaced(void)
{
	struct buf b;
	struct jsonw w;

	buf_init(&b, 0);
	jsonw_init(&w, &b);
	jsonw_string(&w, "a\xff" "b\xc3" "c\xed\xa0\x80" "d\xe2\x82" "");
	CHECK_STR(b.data, "\"a\\ufffdb\\ufffdc\\ufffd\\ufffd\\ufffdd\\ufffd\\ufffd\"");
	check_parses_as(b.data, "\"a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd" "d\xef\xbf\xbd\xef\xbf\xbd\"");
	buf_release(&b);
}

static void numbers(void)
{
	struct buf b;
	struct jsonw w;

	buf_init(&b, 0);
	jsonw_init(&w, &b);
	jsonw_array(&w);
	jsonw_real(&w, 72.5);
	jsonw_real(&w, 70);
	jsonw_real(&w, 0.1);
	jsonw_real(&w, 66.7);
	jsonw_real(&w, -0.25);
	jsonw_real(&w, NAN);
	jsonw_real(&w, INFINITY);
	jsonw_real(&w, 1e300);
	jsonw_real(&w, -0.3);
	jsonw_real(&w, 0.05);
	jsonw_real(&w, 100.0);
	jsonw_int(&w, -9223372036854775807LL - 1);
	jsonw_int(&w, 0);
	jsonw_end_array(&w);
	CHECK_STR(b.data, "[72.5,70.0,0.1,66.7,-0.25,null,null,1e+300,-0.3,0.05,100.0,-9223372036854775808,0]");
	check_parses_as(b.data, "[72.5,70.0,0.10000000000000001,66.700000000000003,-0.25,null,null,1.0000000000000001e300,-0.29999999999999999,0.050000000000000003,100.0,-9223372036854775808,0]");
	buf_release(&b);
}

/* jsonw_real17 writes what jansson's json_dumps writes for a real, including the ties its "%.17g" rounds to even. */
static void real17_is_janssons(void)
{
	static const double fixed[] = {0.9, 99.9, 99.58, 70, 0.5, 1, 0.90909090909090906, 1.0 / 3, 2.0 / 3, 1e-4, 0.000123456789,
				       9.99999999999999999e-5, 0.00099999999999999999, 123 + 1.0 / 32768, 1 + 1.0 / 1024 / 1024 / 1024 / 1024 / 8,
				       999999999999999.9, 1e15, 1e16, 1e20, 1e-5, 1.5e-7, 12345678.901234567, 0.1 + 0.2, 4503599627370495.5,
				       99.999999999999999, 9.9999999999999982, 5e-324, 1.7976931348623157e308, -0.0, -99.58, -1e-6};
	struct buf b;
	struct jsonw w;
	unsigned seed = 17;
	int mismatches = 0;

	buf_init(&b, 0);
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0] + 200000; i++) {
		double v;
		json_t *j;
		char *want;

		if (i < sizeof fixed / sizeof fixed[0]) {
			v = fixed[i];
		} else { /* random magnitudes from 1e-6 to 1e17, random mantissas, both signs; and short decimals (99.58) */
			unsigned long long r = ((unsigned long long)rand_r(&seed) << 32) ^ (unsigned long long)rand_r(&seed);

			v = ldexp((double)(r >> 11), -53) * pow(10, (int)(r % 24) - 6);
			if (i % 3 == 0)
				v = (double)(long long)(r % 10000000) / pow(10, (int)(r % 5));
			if (i % 7 == 0)
				v = -v;
		}
		buf_reset(&b);
		jsonw_init(&w, &b);
		jsonw_real17(&w, v);
		j = json_real(v);
		want = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);
		if (strcmp(b.data, want) != 0 && mismatches++ < 5)
			fprintf(stderr, "real17 %.17g: got %s, jansson %s\n", v, b.data, want);
		free(want);
		json_decref(j);
	}
	CHECK(mismatches == 0);
	buf_reset(&b);
	jsonw_init(&w, &b);
	jsonw_array(&w);
	jsonw_real17(&w, 0.9);
	jsonw_real17(&w, 70);
	jsonw_real17(&w, 1e20);
	jsonw_real17(&w, NAN);
	jsonw_end_array(&w);
	CHECK_STR(b.data, "[0.90000000000000002,70.0,1e20,null]");
	buf_release(&b);
}

static void depth_limit_overflows(void)
{
	struct buf b;
	struct jsonw w;

	buf_init(&b, 0);
	jsonw_init(&w, &b);
	for (int i = 0; i < JSONW_DEPTH; i++)
		jsonw_array(&w);
	CHECK(!b.overflow);
	jsonw_array(&w);
	CHECK(b.overflow);
	buf_release(&b);
}

int main(void)
{
	RUN(nesting_and_commas);
	RUN(empty_containers_and_top_level_values);
	RUN(escaping);
	RUN(invalid_utf8_is_replaced);
	RUN(numbers);
	RUN(real17_is_janssons);
	RUN(depth_limit_overflows);
	return HARNESS_DONE("jsonw");
}
