/* fuzz_leak: runs the leak check (src/domain/leak.c) on arbitrary texts and terms and checks that a term is always found in a text that holds it, that every finding's span lies inside its field, and that organisation-name comparison is symmetric. */
#include "fuzz.h"

#include "domain/leak.h"

#define TERMS_MAX 8

/* Input: the text, then terms, separated by NUL bytes; a term starting with '@' is a person's name. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *parts[1 + TERMS_MAX], *copy;
	struct leak_term terms[TERMS_MAX];
	struct leak_finding found[2 * TERMS_MAX];
	size_t n, nfound;

	if (size > 32 * 1024)
		return 0;
	n = fuzz_split(data, size, '\0', parts, 1 + TERMS_MAX, &copy);
	for (size_t k = 1; k < n; k++)
		terms[k - 1] = (struct leak_term){parts[k][0] == '@' ? parts[k] + 1 : parts[k], parts[k][0] == '@'};
	{
		const char *fields[2] = {parts[0], parts[0]};
		size_t len = strlen(parts[0]);

		nfound = leak_check(fields, 2, terms, n - 1, found, sizeof found / sizeof found[0]);
		FUZZ_ASSERT(nfound <= 2 * (n - 1), "%zu findings for %zu terms", nfound, n - 1);
		for (size_t i = 0; i < nfound && i < sizeof found / sizeof found[0]; i++) {
			FUZZ_ASSERT(found[i].field == (i < nfound / 2 ? 0u : 1u), "finding %zu names the wrong field", i);
			FUZZ_ASSERT(found[i].term < n - 1, "finding %zu names no term", i);
			FUZZ_ASSERT(found[i].start < found[i].end && found[i].end <= len, "finding %zu's span is outside its field", i);
		}
	}
	for (size_t k = 1; k < n; k++) {
		const char *term = terms[k - 1].text;
		struct buf w;
		bool has_words;

		size_t letters = 0;

		buf_init(&w, 0);
		has_words = leak_normalize(term, &w) == 0 && !leak_ordinary(term);
		for (size_t i = 0; i < w.len; i++)
			letters += w.data[i] != ' ' && ((unsigned char)w.data[i] & 0xC0) != 0x80;
		has_words = has_words && letters >= 2;
		buf_release(&w);
		/* Every term is found in itself, and between other words, when it has two letters or more and is not ordinary. */
		if (has_words) {
			size_t len = strlen(term);
			char *padded = malloc(len + 16);

			if (!padded)
				abort();
			FUZZ_ASSERT(leak_contains(term, term), "term %zu not found in itself", k);
			snprintf(padded, len + 16, "Acme %s, Ltd", term);
			FUZZ_ASSERT(leak_contains(padded, term), "term %zu not found between words", k);
			free(padded);
		}
		FUZZ_ASSERT(leak_same_name(parts[0], term) == leak_same_name(term, parts[0]), "name comparison is not symmetric");
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
