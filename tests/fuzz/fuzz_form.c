/* fuzz_form: feeds arbitrary urlencoded form bodies to form_parse (src/http/form.c) and reads the fields back as the router and pages do. */
#include "fuzz.h"

#include "domain/org.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct request rq;
	char *body = malloc(size ? size : 1);
	bool ok;

	/* The body is exactly the bytes received: no terminating NUL for the parser to lean on. */
	if (!body)
		abort();
	memcpy(body, data, size);
	memset(&rq, 0, sizeof rq);
	rq.body_raw = body;
	rq.body_len = size;
	ok = form_parse(&rq);
	FUZZ_ASSERT(rq.form_len <= 64, "%zu fields", rq.form_len);
	if (ok) {
		for (size_t i = 0; i < rq.form_len; i++) {
			const char *name = rq.form[i].name, *value = rq.form[i].value;

			FUZZ_ASSERT(name && value, "field %zu is NULL", i);
			FUZZ_ASSERT(text_is_utf8(name, strlen(name)), "field %zu: name not UTF-8", i);
			FUZZ_ASSERT(text_is_utf8(value, strlen(value)), "field %zu: value not UTF-8", i);
			FUZZ_ASSERT(!strchr(value, '\r'), "field %zu: CR kept", i);
			/* The first field of a name is the one request_form answers. */
			FUZZ_ASSERT(request_form(&rq, name) != NULL, "field %zu not found by name", i);
		}
		FUZZ_ASSERT(rq.form[rq.form_len].name == NULL, "the field list is not NULL-terminated");
	}
	(void)request_form(&rq, "csrf");
	form_free(&rq);
	FUZZ_ASSERT(rq.form == NULL && rq.form_len == 0, "form_free left fields");
	free(body);
	return 0;
}
