/* org: names of kinds and roles, which roles fit which organisation, and text validity. */
#include "org.h"

#include "names.h"

#include <string.h>

static const char *const kind_names[ORG_KIND__MAX] = {
	[ORG_BUYER] = "buyer", [ORG_PROVIDER] = "provider", [ORG_PLATFORM] = "platform"};

static const char *const role_names[ROLE__MAX] = {
	[ROLE_ADMIN] = "admin",
	[ROLE_BUYER_CXO] = "buyer_cxo",
	[ROLE_UNIT_CIO] = "unit_cio",
	[ROLE_CONTRACT_MANAGER] = "contract_manager",
	[ROLE_SOURCING_MANAGER] = "sourcing_manager",
	[ROLE_PROVIDER_LEADERSHIP] = "provider_leadership",
	[ROLE_PROVIDER_CONSULTING] = "provider_consulting",
	[ROLE_MEMBER] = "member",
};

static const char *const role_labels[ROLE__MAX] = {
	[ROLE_ADMIN] = "Platform admin",
	[ROLE_BUYER_CXO] = "Buyer CxO",
	[ROLE_UNIT_CIO] = "Unit CIO",
	[ROLE_CONTRACT_MANAGER] = "Contract manager",
	[ROLE_SOURCING_MANAGER] = "Sourcing manager",
	[ROLE_PROVIDER_LEADERSHIP] = "Provider leadership",
	[ROLE_PROVIDER_CONSULTING] = "Provider consulting",
	[ROLE_MEMBER] = "Member",
};

const char *role_label(enum role r)
{
	return (unsigned)r < ROLE__MAX ? role_labels[r] : "?";
}

const char *org_kind_name(enum org_kind k)
{
	return (unsigned)k < ORG_KIND__MAX ? kind_names[k] : "?";
}

int org_kind_parse(const char *s)
{
	return names_lookup(kind_names, ORG_KIND__MAX, s);
}

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE__MAX ? role_names[r] : "?";
}

int role_parse(const char *s)
{
	return names_lookup(role_names, ROLE__MAX, s);
}

bool role_allowed_for_kind(enum role r, enum org_kind k)
{
	switch (r) {
	case ROLE_ADMIN:
		return k == ORG_PLATFORM; /* the platform's own people only: an admin reads every tenant */
	case ROLE_MEMBER:
		return true;
	case ROLE_BUYER_CXO:
	case ROLE_UNIT_CIO:
	case ROLE_CONTRACT_MANAGER:
	case ROLE_SOURCING_MANAGER:
		return k == ORG_BUYER;
	case ROLE_PROVIDER_LEADERSHIP:
	case ROLE_PROVIDER_CONSULTING:
		return k == ORG_PROVIDER;
	default:
		return false;
	}
}

bool role_mask_check(role_mask m, enum org_kind k, struct error *err)
{
	if (m == 0) {
		error_set(err, 422, "required", "roles", "at least one role is required");
		return false;
	}
	for (int r = 0; r < ROLE__MAX; r++) {
		if ((m & ROLE_BIT(r)) && !role_allowed_for_kind(r, k)) {
			error_set(err, 422, "invalid", "roles",
				  "role '%s' is not available in a %s organisation", role_name(r),
				  org_kind_name(k));
			return false;
		}
	}
	if (m & ~ROLES_ALL) {
		error_set(err, 422, "invalid", "roles", "unknown role");
		return false;
	}
	return true;
}

role_mask role_grantable(role_mask caller, enum org_kind kind)
{
	role_mask side = 0;

	if (caller & ROLE_BIT(ROLE_ADMIN))
		return ROLES_ALL;
	for (int r = 0; r < ROLE__MAX; r++)
		if (r != ROLE_ADMIN && role_allowed_for_kind(r, kind))
			side |= ROLE_BIT(r);
	if ((kind == ORG_BUYER && (caller & ROLE_BIT(ROLE_BUYER_CXO))) ||
	    (kind == ORG_PROVIDER && (caller & ROLE_BIT(ROLE_PROVIDER_LEADERSHIP))))
		return side;
	return side & (caller | ROLE_BIT(ROLE_MEMBER));
}

enum grant_verdict role_grant_allowed(role_mask caller, enum org_kind kind, role_mask old_roles,
				      role_mask new_roles, bool self)
{
	role_mask changed = old_roles ^ new_roles, fits = 0;

	if (self && changed)
		return GRANT_OWN_ROLES;
	/* A role the organisation cannot hold is role_mask_check's to refuse (422), whoever asks. */
	for (int r = 0; r < ROLE__MAX; r++)
		if (role_allowed_for_kind(r, kind))
			fits |= ROLE_BIT(r);
	changed &= fits;
	return (changed & ~role_grantable(caller, kind)) ? GRANT_NOT_HELD : GRANT_OK;
}

bool role_grant_error(enum grant_verdict v, struct error *err)
{
	if (v == GRANT_OWN_ROLES)
		error_set(err, 403, "own_roles", "roles",
			  "you cannot change your own roles; ask another manager of your organisation");
	else if (v != GRANT_OK)
		error_set(err, 403, "role_not_grantable", "roles",
			  "you may only grant or remove roles you hold yourself");
	return v == GRANT_OK;
}

role_mask role_keepers(enum org_kind kind)
{
	return kind == ORG_BUYER      ? ROLE_BIT(ROLE_BUYER_CXO)
	       : kind == ORG_PROVIDER ? ROLE_BIT(ROLE_PROVIDER_LEADERSHIP)
				      : ROLE_BIT(ROLE_ADMIN); /* the platform keeps one admin at least */
}

/* Strict UTF-8: no overlongs, no surrogates, nothing above U+10FFFF. */
bool text_is_blank(const char *s)
{
	return !s || s[strspn(s, " \t\r\n")] == '\0';
}

bool text_is_utf8(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i];
		size_t n;
		unsigned cp;

		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			n = 1;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			n = 2;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			n = 3;
			cp = c & 0x07;
		} else {
			return false;
		}
		if (len - i <= n)
			return false;
		for (size_t j = 1; j <= n; j++) {
			if ((s[i + j] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + j] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n + 1;
	}
	return true;
}

bool text_is_name(const char *s, size_t max)
{
	size_t len, start = 0, end;

	if (!s)
		return false;
	len = strlen(s);
	if (!text_is_utf8(s, len))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			return false;
		/* C1 controls U+0080..U+009F are encoded C2 80..C2 9F. */
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9F)
			return false;
	}
	while (start < len && s[start] == ' ')
		start++;
	end = len;
	while (end > start && s[end - 1] == ' ')
		end--;
	return end > start && len <= max;
}

bool text_has_break(const char *s)
{
	/* CR, LF, vertical tab and form feed; NEL (U+0085), LINE and PARAGRAPH SEPARATOR (U+2028, U+2029). */
	return s && (strpbrk(s, "\r\n\v\f") != NULL || strstr(s, "\xC2\x85") != NULL || strstr(s, "\xE2\x80\xA8") != NULL ||
		     strstr(s, "\xE2\x80\xA9") != NULL);
}

bool text_is_multiline(const char *s, size_t max)
{
	size_t len;
	bool blank = true;

	if (!s)
		return false;
	len = strlen(s);
	if (len > max || !text_is_utf8(s, len))
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\r' && s[i + 1] != '\n')
			return false;
		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f)
			return false;
		if (c == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] <= 0x9F)
			return false;
		if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
			blank = false;
	}
	return !blank;
}

bool text_line_check(const char *s, size_t max, const char *field, const char *what, struct error *err)
{
	size_t start = 0;

	while (s && s[start] == ' ')
		start++;
	if (!s || !s[start]) {
		error_set(err, 422, s && *s ? "invalid" : "required", field, "%s is required", what);
		return false;
	}
	if (text_has_break(s)) {
		error_set(err, 422, "invalid", field, "%s must be one line, without line breaks", what);
		return false;
	}
	if (!text_is_name(s, max)) {
		error_set(err, 422, "invalid", field,
			  "%s must be at most %zu characters, without control characters", what, max);
		return false;
	}
	return true;
}

bool text_is_email(const char *s)
{
	const char *at, *dot;
	size_t len;

	if (!s)
		return false;
	len = strlen(s);
	if (len < 3 || len > USER_EMAIL_MAX)
		return false;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '<' || c == '>' || c == '"' || c == ',')
			return false;
	}
	at = strchr(s, '@');
	if (!at || at == s || strchr(at + 1, '@'))
		return false;
	dot = strrchr(at, '.');
	return dot && dot > at + 1 && dot[1] != '\0';
}

void text_lower_ascii(char *dst, size_t n, const char *src)
{
	size_t i;

	if (n == 0)
		return;
	for (i = 0; src && src[i] && i + 1 < n; i++)
		dst[i] = (char)((src[i] >= 'A' && src[i] <= 'Z') ? src[i] + 32 : src[i]);
	dst[i] = '\0';
}
