/* harness: the tiny test harness every C test uses — cases, checks and a summary line tests/run adds up. */
#ifndef ACCORD_HARNESS_H
#define ACCORD_HARNESS_H

#include <stdio.h>
#include <string.h>

static int harness_passed, harness_failed, harness_case_failed;
static const char *harness_case;

#define CHECK(cond)                                                                        \
	do {                                                                               \
		if (!(cond)) {                                                             \
			harness_case_failed = 1;                                           \
			fprintf(stderr, "FAIL %s (%s:%d): %s\n", harness_case, __FILE__,   \
				__LINE__, #cond);                                          \
		}                                                                          \
	} while (0)

#define CHECK_INT(got, want)                                                               \
	do {                                                                               \
		long long g_ = (long long)(got), w_ = (long long)(want);                   \
		if (g_ != w_) {                                                            \
			harness_case_failed = 1;                                           \
			fprintf(stderr, "FAIL %s (%s:%d): %s is %lld, want %lld\n",        \
				harness_case, __FILE__, __LINE__, #got, g_, w_);           \
		}                                                                          \
	} while (0)

#define CHECK_STR(got, want)                                                               \
	do {                                                                               \
		const char *g_ = (got), *w_ = (want);                                      \
		if (!g_ || !w_ || strcmp(g_, w_) != 0) {                                   \
			harness_case_failed = 1;                                           \
			fprintf(stderr, "FAIL %s (%s:%d): %s is \"%s\", want \"%s\"\n",    \
				harness_case, __FILE__, __LINE__, #got, g_ ? g_ : "(null)",  \
				w_ ? w_ : "(null)");                                       \
		}                                                                          \
	} while (0)

/* Fills out with n copies of c (at most cap - 1) and returns it. */
static inline const char *repeat(char *out, size_t cap, char c, size_t n)
{
	if (n >= cap)
		n = cap - 1;
	memset(out, c, n);
	out[n] = '\0';
	return out;
}

/* Runs one test case: a function of no arguments. */
#define RUN(fn)                                                                            \
	do {                                                                               \
		harness_case = #fn;                                                        \
		harness_case_failed = 0;                                                   \
		fn();                                                                      \
		if (harness_case_failed)                                                   \
			harness_failed++;                                                  \
		else                                                                       \
			harness_passed++;                                                  \
	} while (0)

/* The last line of every test program; tests/run adds these up. */
#define HARNESS_DONE(suite)                                                                \
	(printf("%s: %d passed, %d failed\n", (suite), harness_passed, harness_failed),    \
	 harness_failed ? 1 : 0)

#endif
