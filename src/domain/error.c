/* error: filling a struct error in one call. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

void error_set(struct error *e, int status, const char *code, const char *field,
	       const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return;
	e->status = status;
	e->code = code;
	e->field = field;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
}
