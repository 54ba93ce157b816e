/* schema: validates a JSON request body against its route's field list before any handler runs. */
#include <stdio.h>
#include <string.h>

#include "../domain/date.h"
#include "../domain/org.h"
#include "schema.h"

static bool one_of(const char *const *values, const char *s)
{
	for (; values && *values; values++)
		if (strcmp(*values, s) == 0)
			return true;
	return false;
}

static bool fail(struct error *e, int status, const char *code, const char *field, const char *msg)
{
	error_set(e, status, code, field, "%s: %s", field, msg);
	return false;
}

/*
 * The nesting level being checked and, per level, the name of the array item being
 * checked ("attendees[2]"). An error's field points into these (or schema_check's
 * paths), never into a stack frame, because it is read after the check has returned.
 */
static __thread int depth;
static __thread char items[4][160];

static bool check_value(const struct field *f, json_t *v, const char *path, struct error *e)
{
	const char *s;
	size_t len;

	switch (f->type) {
	case F_STRING:
	case F_TEXT:
		if (!json_is_string(v))
			return fail(e, 422, "invalid", path, "must be a string");
		s = json_string_value(v);
		len = json_string_length(v);
		if (strlen(s) != len)
			return fail(e, 422, "invalid", path, "must not contain NUL characters");
		if (f->max && len > (size_t)f->max)
			return fail(e, 422, "too_long", path, "is too long");
		/* A one-line field (a title, a name) says so when it holds a line break. */
		if (f->type == F_STRING && text_has_break(s))
			return fail(e, 422, "invalid", path, "must be one line, without line breaks");
		if (f->type == F_STRING && !text_is_name(s, len + 1)) {
			bool blank = true;

			for (size_t i = 0; i < len && blank; i++)
				blank = s[i] == ' ';
			if (!blank)
				return fail(e, 422, "invalid", path, "must not contain tabs or other control characters");
			if (f->required)
				return fail(e, 422, "required", path, "must not be empty");
		}
		return true;
	case F_INT:
		if (!json_is_integer(v))
			return fail(e, 422, "invalid", path, "must be an integer");
		return true;
	case F_NUMBER:
		if (!json_is_number(v))
			return fail(e, 422, "invalid", path, "must be a number");
		return true;
	case F_ID:
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return fail(e, 422, "invalid", path, "must be a positive integer id");
		return true;
	case F_DATE:
		if (!json_is_string(v) || !date_parse(json_string_value(v), NULL))
			return fail(e, 422, "invalid", path, "must be a date YYYY-MM-DD");
		return true;
	case F_ENUM:
		if (!json_is_string(v) || !one_of(f->values, json_string_value(v)))
			return fail(e, 422, "invalid", path, "is not one of the allowed values");
		return true;
	case F_BOOL:
		if (!json_is_boolean(v))
			return fail(e, 422, "invalid", path, "must be true or false");
		return true;
	case F_STRINGS: {
		size_t i;
		json_t *x;

		if (!json_is_array(v))
			return fail(e, 422, "invalid", path, "must be an array of strings");
		if (f->max && json_array_size(v) > (size_t)f->max)
			return fail(e, 422, "too_long", path, "has too many entries");
		json_array_foreach(v, i, x)
		{
			if (!json_is_string(x) || (f->values && !one_of(f->values, json_string_value(x))))
				return fail(e, 422, "invalid", path, "has an entry that is not allowed");
		}
		return true;
	}
	case F_OBJECT:
		if (!json_is_object(v))
			return fail(e, 422, "invalid", path, "must be an object");
		return schema_check(f->fields, v, path, e);
	case F_IDS: {
		size_t i;
		json_t *x;

		if (!json_is_array(v))
			return fail(e, 422, "invalid", path, "must be an array of ids");
		if (f->max && json_array_size(v) > (size_t)f->max)
			return fail(e, 422, "too_long", path, "has too many entries");
		json_array_foreach(v, i, x)
		{
			if (!json_is_integer(x) || json_integer_value(x) <= 0)
				return fail(e, 422, "invalid", path, "has an entry that is not a positive integer id");
		}
		return true;
	}
	case F_OBJECTS: {
		char *item = items[depth - 1];
		size_t i;
		json_t *x;

		if (!json_is_array(v))
			return fail(e, 422, "invalid", path, "must be an array of objects");
		if (f->max && json_array_size(v) > (size_t)f->max)
			return fail(e, 422, "too_long", path, "has too many entries");
		json_array_foreach(v, i, x)
		{
			snprintf(item, sizeof items[0], "%s[%zu]", path, i);
			if (!json_is_object(x))
				return fail(e, 422, "invalid", item, "must be an object");
			if (!schema_check(f->fields, x, item, e))
				return false;
		}
		return true;
	}
	}
	return fail(e, 500, "internal", path, "unknown field type");
}

/* Writes "prefix.name" (or "name") to out; a path cut short ends on a whole UTF-8 character, as the JSON error that names it must. */
static void path_set(char *out, size_t size, const char *prefix, const char *name)
{
	size_t len, start;

	if ((size_t)snprintf(out, size, "%s%s%s", prefix ? prefix : "", prefix ? "." : "", name) < size)
		return;
	len = strlen(out);
	start = len;
	while (start > 0 && ((unsigned char)out[start - 1] & 0xC0) == 0x80)
		start--;
	if (start > 0 && (unsigned char)out[start - 1] >= 0xC0) {
		unsigned char lead = (unsigned char)out[start - 1];
		size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;

		if (len - (start - 1) < need)
			out[start - 1] = '\0';
	}
}

bool schema_check(const struct field *fields, json_t *obj, const char *prefix, struct error *e)
{
	static __thread char paths[4][128];
	const char *key;
	json_t *v;
	bool ok = true;

	if (!json_is_object(obj)) {
		error_set(e, 400, "bad_request", NULL, "the body must be a JSON object");
		return false;
	}
	if (depth >= 4) {
		error_set(e, 422, "invalid", prefix, "nested too deeply");
		return false;
	}
	depth++;
	/* Unknown fields are refused, so a misspelt field is never silently ignored. */
	json_object_foreach(obj, key, v)
	{
		const struct field *f = fields;
		char *path = paths[depth - 1];

		while (f && f->name && strcmp(f->name, key) != 0)
			f++;
		path_set(path, sizeof paths[0], prefix, key);
		if (!f || !f->name) {
			error_set(e, 422, "unknown_field", path, "%s: no such field", path);
			ok = false;
			break;
		}
		if (json_is_null(v) && !f->required)
			continue;
		if (!check_value(f, v, path, e)) {
			ok = false;
			break;
		}
	}
	for (const struct field *f = fields; ok && f && f->name; f++) {
		json_t *x = json_object_get(obj, f->name);
		char *path = paths[depth - 1];

		if (f->required && (!x || json_is_null(x))) {
			path_set(path, sizeof paths[0], prefix, f->name);
			error_set(e, 422, "required", path, "%s: is required", path);
			ok = false;
		}
	}
	depth--;
	return ok;
}

bool schema_requires(const struct field *fields)
{
	for (const struct field *f = fields; f && f->name; f++)
		if (f->required)
			return true;
	return false;
}
