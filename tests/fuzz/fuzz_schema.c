/* fuzz_schema: validates arbitrary JSON bodies against every route's body schema (src/http/schema.c, table in src/http/routes.c) the way the router does: the first byte picks the route, the rest is the body. */
#include "fuzz.h"

#include "domain/org.h"
#include "http/http.h"
#include "http/schema.h"

static const struct route *json_routes[256];
static size_t njson;

int LLVMFuzzerInitialize(int *argc, char ***argv);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (size_t i = 0; i < routes_count && njson < 256; i++)
		if (routes[i].flags & R_JSON)
			json_routes[njson++] = &routes[i];
	FUZZ_ASSERT(njson > 0 && njson < 256, "%zu JSON routes", njson);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct route *r;
	const char *body;
	size_t len;
	json_t *json;
	json_error_t jerr;
	struct error err = {0};
	bool ok;

	if (size < 1)
		return 0;
	r = json_routes[data[0] % njson];
	body = (const char *)data + 1;
	len = size - 1;
	/* As server.c and router_handle: the route's size limit, UTF-8, then JSON with duplicates refused; an empty body is {} when nothing is required. */
	if (r->max_body && len > r->max_body)
		return 0;
	if (!text_is_utf8(body, len))
		return 0;
	if (len == 0 && !schema_requires(r->body))
		json = json_object();
	else
		json = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json)
		return 0;
	ok = schema_check(r->body, json, NULL, &err);
	if (!ok) {
		FUZZ_ASSERT(err.status == 400 || err.status == 422, "%s %s: status %d", r->pattern,
			    err.message, err.status);
		FUZZ_ASSERT(err.message[0] != '\0', "%s: a refusal without a message", r->pattern);
		/* The field is read after schema_check has returned, as reply_err reads it: it must still be there. */
		if (err.field)
			FUZZ_ASSERT(strncmp(err.message, err.field, strlen(err.field)) == 0,
				    "%s: field '%s' is not the one the message names: %s", r->pattern,
				    err.field, err.message);
		/* The refusal must reach the client as itself, not as a 500 (reply_error refuses text that is not UTF-8). */
		{
			struct response rs;

			memset(&rs, 0, sizeof rs);
			buf_init(&rs.body, 0);
			reply_err(&rs, &err);
			FUZZ_ASSERT(rs.status == err.status, "%s: %d %s answered %d", r->pattern,
				    err.status, err.message, rs.status);
			buf_release(&rs.body);
		}
	} else {
		FUZZ_ASSERT(json_is_object(json), "%s: a non-object passed", r->pattern);
		/* What passed holds every required field, non-null. */
		for (const struct field *f = r->body; f && f->name; f++) {
			json_t *v = json_object_get(json, f->name);

			FUZZ_ASSERT(!f->required || (v && !json_is_null(v)), "%s: %s missing", r->pattern,
				    f->name);
			if (v && (f->type == F_STRING || f->type == F_TEXT) && json_is_string(v)) {
				FUZZ_ASSERT(!f->max || json_string_length(v) <= (size_t)f->max,
					    "%s: %s too long", r->pattern, f->name);
				FUZZ_ASSERT(strlen(json_string_value(v)) == json_string_length(v),
					    "%s: %s holds a NUL", r->pattern, f->name);
				FUZZ_ASSERT(f->type != F_STRING || !strpbrk(json_string_value(v), "\r\n"),
					    "%s: one-line %s holds a line break", r->pattern, f->name);
			}
		}
	}
	json_decref(json);
	return 0;
}
