/* password: the strength rule for a new password — length, the list of the commonest passwords, and the words of the account itself. */
#include "password.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "org.h"

/* Generated from src/domain/common_passwords.txt by scripts/embed-lines: lower-case, sorted bytewise. */
extern const char *const common_passwords[];
extern const size_t common_passwords_count;

static void lower_ascii(char *dst, size_t n, const char *src, size_t len)
{
	size_t i = 0;

	for (; i + 1 < n && i < len; i++)
		dst[i] = (src[i] >= 'A' && src[i] <= 'Z') ? (char)(src[i] - 'A' + 'a') : src[i];
	dst[i] = '\0';
}

bool password_is_common(const char *password)
{
	char lower[PASSWORD_MAX + 1];
	size_t lo = 0, hi = common_passwords_count;

	if (!password || strlen(password) > PASSWORD_MAX)
		return false;
	lower_ascii(lower, sizeof lower, password, strlen(password));
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(lower, common_passwords[mid]);

		if (c == 0)
			return true;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

/* Code points in valid UTF-8: every byte that does not continue a character starts one. */
static size_t characters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Whether the lower-cased password is, or holds, the word (len bytes of word, lower-cased). */
static bool too_close(const char *lower_password, const char *word, size_t len)
{
	char w[PASSWORD_MAX + 1];

	if (len == 0 || len > PASSWORD_MAX)
		return false;
	lower_ascii(w, sizeof w, word, len);
	if (strcmp(lower_password, w) == 0)
		return true;
	return characters(w) >= PASSWORD_CONTEXT_MIN && strstr(lower_password, w) != NULL;
}

/* Whether the password holds the whole text or one of its words (split at any of seps). */
static bool holds_words(const char *lower_password, const char *text, size_t len, const char *seps)
{
	if (too_close(lower_password, text, len))
		return true;
	for (size_t i = 0; i < len;) {
		size_t n = 0;

		while (i + n < len && !strchr(seps, text[i + n]))
			n++;
		if (n && n < len && too_close(lower_password, text + i, n))
			return true;
		i += n + 1;
	}
	return false;
}

bool password_acceptable(const char *password, const char *email, const char *name,
			 struct error *err)
{
	char lower[PASSWORD_MAX + 1];
	size_t len;

	if (!password) {
		error_set(err, 422, "required", "password", "is required");
		return false;
	}
	len = strlen(password);
	if (!text_is_utf8(password, len)) {
		error_set(err, 422, "invalid", "password", "is not valid UTF-8");
		return false;
	}
	if (characters(password) < PASSWORD_MIN) {
		error_set(err, 422, "too_short", "password", "must be at least %d characters long",
			  PASSWORD_MIN);
		return false;
	}
	if (len > PASSWORD_MAX) {
		error_set(err, 422, "too_long", "password", "must be at most %d bytes long",
			  PASSWORD_MAX);
		return false;
	}
	if (password_is_common(password)) {
		error_set(err, 422, "common", "password", "is one of the most common passwords");
		return false;
	}
	lower_ascii(lower, sizeof lower, password, len);
	if (too_close(lower, "accord", 6) ||
	    (email && holds_words(lower, email, strcspn(email, "@"), "._-+")) ||
	    (email && too_close(lower, email, strlen(email))) ||
	    (name && holds_words(lower, name, strlen(name), " .-'"))) {
		error_set(err, 422, "personal", "password",
			  "must not contain your e-mail address, your name or the word accord");
		return false;
	}
	return true;
}
