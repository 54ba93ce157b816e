/* error: the one shape every layer uses to say why a request or command failed. */
#ifndef ACCORD_ERROR_H
#define ACCORD_ERROR_H

/*
 * status is the HTTP status the failure maps to (400, 401, 403, 404, 409, 413, 422,
 * 429, 500); code is a short machine word ("required", "invalid", "conflict", ...);
 * field names the offending input field or is NULL; message is for a person.
 */
struct error {
	int status;
	const char *code;
	const char *field;
	char message[240];
};

void error_set(struct error *e, int status, const char *code, const char *field,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif
