/* practice: tag normalisation and the adoption stage rules, with no I/O. */
#include "practice.h"

#include <stdio.h>
#include <string.h>

static const char *const status_names[ADOPT__MAX] = {"proposed", "buy-in", "implementing", "implemented", "rejected"};

const char *adoption_status_name(enum adoption_status s)
{
	return s < ADOPT__MAX ? status_names[s] : "";
}

int adoption_status_parse(const char *s)
{
	for (int i = 0; s && i < ADOPT__MAX; i++)
		if (!strcmp(s, status_names[i]))
			return i;
	return -1;
}

static bool tag_char_ok(unsigned char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == ' ' || ch == '-' ||
	       ch == '+' || ch == '/' || ch == '.' || ch >= 0x80;
}

/* Writes one normalised tag to t (PRACTICE_TAG_MAX + 1 bytes); false if it is not a valid tag. */
static bool tag_normalize(const char *in, char *t)
{
	size_t n = 0;
	bool space = false;

	for (const unsigned char *p = (const unsigned char *)in; *p; p++) {
		unsigned char ch = *p >= 'A' && *p <= 'Z' ? (unsigned char)(*p + 32) : *p;

		if (ch == ' ' || ch == '\t') {
			space = n > 0;
			continue;
		}
		if (!tag_char_ok(ch))
			return false;
		if (space) {
			if (n >= PRACTICE_TAG_MAX)
				return false;
			t[n++] = ' ';
			space = false;
		}
		if (n >= PRACTICE_TAG_MAX)
			return false;
		t[n++] = (char)ch;
	}
	t[n] = '\0';
	return n > 0;
}

int practice_tags_normalize(const char *const *tags, size_t n, char *out, struct error *err)
{
	size_t len = 0;
	size_t kept = 0;

	out[0] = '\0';
	if (n > PRACTICE_TAGS_MAX) {
		error_set(err, 422, "too_many", "tags", "at most %d tags", PRACTICE_TAGS_MAX);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char t[PRACTICE_TAG_MAX + 1], probe[PRACTICE_TAG_MAX + 3];

		if (!tags[i] || !tag_normalize(tags[i], t)) {
			error_set(err, 422, "invalid", "tags",
				  "tag %zu: 1 to %d letters, digits, spaces or - + / .", i + 1, PRACTICE_TAG_MAX);
			return -1;
		}
		snprintf(probe, sizeof probe, ",%s,", t);
		{
			char wrapped[PRACTICE_TAGS_BUF + 2];

			snprintf(wrapped, sizeof wrapped, ",%s,", out);
			if (strstr(wrapped, probe))
				continue;
		}
		len += (size_t)snprintf(out + len, PRACTICE_TAGS_BUF - len, "%s%s", kept ? "," : "", t);
		kept++;
	}
	return 0;
}

bool adoption_step_allowed(enum adoption_status from, enum adoption_status to,
			   enum adoption_side side, struct error *err)
{
	bool customer_only = false, ok = false;

	switch (to) {
	case ADOPT_BUYIN:
		ok = from == ADOPT_PROPOSED || from == ADOPT_REJECTED;
		customer_only = true;
		break;
	case ADOPT_REJECTED:
		ok = from == ADOPT_PROPOSED || from == ADOPT_BUYIN || from == ADOPT_IMPLEMENTING;
		customer_only = true;
		break;
	case ADOPT_IMPLEMENTING:
		ok = from == ADOPT_BUYIN;
		break;
	case ADOPT_IMPLEMENTED:
		ok = from == ADOPT_IMPLEMENTING || from == ADOPT_IMPLEMENTED;
		break;
	default:
		ok = false;
		break;
	}
	if (!ok) {
		error_set(err, 409, "conflict", "status", "an adoption cannot move from %s to %s",
			  adoption_status_name(from), adoption_status_name(to));
		return false;
	}
	if (customer_only && side != SIDE_CUSTOMER) {
		error_set(err, 403, "forbidden", "status", "only the customer gives buy-in or rejects");
		return false;
	}
	return true;
}
