/* schema: checking JSON bodies against a route's declared fields. */
#ifndef ACCORD_SCHEMA_H
#define ACCORD_SCHEMA_H

#include "http.h"

/* True when obj has only known fields, every required one, each of the right type and size. */
bool schema_check(const struct field *fields, json_t *obj, const char *prefix, struct error *e);
/* Whether any top-level field is required. */
bool schema_requires(const struct field *fields);

#endif
