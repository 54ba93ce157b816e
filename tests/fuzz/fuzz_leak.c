/* fuzz_leak: runs the leak check (src/domain/leak.c) on arbitrary texts and confidential terms and checks that a term is always found in a text that holds it as words. */
#include "fuzz.h"

#include "domain/leak.h"

#define TERMS_MAX 8

/* Input: the text, then terms, separated by NUL bytes. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *parts[1 + TERMS_MAX], *copy;
	const char *names[2] = {"title", "body"};
	struct leak_finding found[2 * TERMS_MAX];
	size_t n, nfound;

	if (size > 32 * 1024)
		return 0;
	n = fuzz_split(data, size, '\0', parts, 1 + TERMS_MAX, &copy);
	{
		const char *fields[2] = {parts[0], parts[0]};

		nfound = leak_check(fields, names, 2, (const char *const *)parts + 1, n - 1, found,
				    sizeof found / sizeof found[0]);
		FUZZ_ASSERT(nfound <= 2 * (n - 1), "%zu findings for %zu terms", nfound, n - 1);
		for (size_t i = 0; i < nfound && i < sizeof found / sizeof found[0]; i++)
			FUZZ_ASSERT(found[i].field == names[i < nfound / 2 ? 0 : 1], "finding %zu names the wrong field", i);
	}
	for (size_t k = 1; k < n; k++) {
		struct buf w;
		bool has_words;

		buf_init(&w, 0);
		has_words = leak_normalize(parts[k], &w) == 0 && w.len > 1;
		buf_release(&w);
		/* Every term is found in itself, and between other words, when it has words. */
		if (has_words) {
			size_t len = strlen(parts[k]);
			char *padded = malloc(len + 16);

			if (!padded)
				abort();
			FUZZ_ASSERT(leak_contains(parts[k], parts[k]), "term %zu not found in itself", k);
			snprintf(padded, len + 16, "Acme %s, Ltd", parts[k]);
			FUZZ_ASSERT(leak_contains(padded, parts[k]), "term %zu not found between words", k);
			free(padded);
		}
	}
	{
		struct buf t;

		buf_init(&t, 0);
		if (leak_normalize(parts[0], &t) == 0) {
			FUZZ_ASSERT(t.len >= 1 && t.data[0] == ' ' && t.data[t.len - 1] == ' ', "normalized text not framed by spaces");
			FUZZ_ASSERT(!strstr(t.data, "  ") || t.len == 1, "two spaces in a row");
		}
		buf_release(&t);
	}
	free(copy);
	return 0;
}
