/* fuzz.h: what the libFuzzer drivers share — the entry point's prototype, a checked assertion that aborts, and splitting an input into strings. */
#ifndef ACCORD_FUZZ_H
#define ACCORD_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const char *__asan_default_options(void);

/* As tests/run: a pointer into a stack frame that has returned (an error's field name) is a report, not luck. */
const char *__asan_default_options(void)
{
	return "detect_stack_use_after_return=1";
}

/* An invariant of the code under test: when it does not hold, say which and abort, so libFuzzer keeps the input. */
#define FUZZ_ASSERT(cond, ...)                                                              \
	do {                                                                                \
		if (!(cond)) {                                                              \
			fprintf(stderr, "%s:%d: invariant broken: %s: ", __FILE__, __LINE__, #cond); \
			fprintf(stderr, __VA_ARGS__);                                       \
			fputc('\n', stderr);                                                \
			abort();                                                            \
		}                                                                           \
	} while (0)

/* A malloc'd NUL-terminated copy of data[0..size) (it ends at the first NUL, as a C string would). */
static inline char *fuzz_strndup(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/*
 * Splits data[0..size) at each byte sep into at most max strings, written to out as
 * pointers into one malloc'd copy (*copy, which the caller frees). Returns how many.
 */
static inline size_t fuzz_split(const uint8_t *data, size_t size, char sep, char **out, size_t max,
				char **copy)
{
	char *s = fuzz_strndup(data, size), *p = s;
	size_t n = 0;

	*copy = s;
	if (!max)
		return 0;
	for (;;) {
		char *q = memchr(p, sep, (size_t)(s + size - p));

		if (n + 1 == max || !q) {
			out[n++] = p;
			break;
		}
		*q = '\0';
		out[n++] = p;
		p = q + 1;
	}
	return n;
}

#endif
