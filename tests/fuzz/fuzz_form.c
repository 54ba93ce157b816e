/* fuzz_form: feeds arbitrary form bodies, urlencoded or multipart (a file upload), to form_parse (src/http/form.c) and reads the fields back as the router and pages do. */
#include "fuzz.h"

#include "domain/org.h"
#include "http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The first byte, when odd, makes the body a multipart upload with the boundary "B" (a dictionary-friendly short one). */
	static const char *const multipart[] = {"Content-Type", "multipart/form-data; boundary=B", NULL};
	struct request rq;
	char *body;
	bool ok, upload = size > 0 && (data[0] & 1);

	if (upload) {
		data++;
		size--;
	}
	body = malloc(size ? size : 1);

	/* The body is exactly the bytes received: no terminating NUL for the parser to lean on. */
	if (!body)
		abort();
	memcpy(body, data, size);
	memset(&rq, 0, sizeof rq);
	rq.headers = upload ? multipart : NULL;
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
