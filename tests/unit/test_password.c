/* test_password: the strength rule for new passwords — length in characters, the list of the commonest passwords, and the account's own e-mail and name. */
#include <stdbool.h>

#include "../harness.h"
#include "domain/password.h"

extern const char *const common_passwords[];
extern const size_t common_passwords_count;

static struct error err;

/* The rule's verdict; on a refusal, the error names the field and says why in code. */
static bool ok(const char *password, const char *email, const char *name)
{
	memset(&err, 0, sizeof err);
	return password_acceptable(password, email, name, &err);
}

static void refused_as(const char *password, const char *email, const char *name,
		       const char *code)
{
	CHECK(!ok(password, email, name));
	CHECK_INT(err.status, 422);
	CHECK_STR(err.field, "password");
	CHECK_STR(err.code, code);
	CHECK(err.message[0] != '\0');
}

static void constants(void)
{
	CHECK(PASSWORD_MIN >= 12);
	CHECK(PASSWORD_MAX >= 4 * 64); /* 64 characters of any script */
}

/* The list is sorted bytewise, lower-case and without duplicates, as the binary search needs. */
static void list_is_sorted_lower_case_and_large(void)
{
	CHECK(common_passwords_count >= 10000);
	for (size_t i = 1; i < common_passwords_count; i++)
		CHECK(strcmp(common_passwords[i - 1], common_passwords[i]) < 0);
	for (size_t i = 0; i < common_passwords_count; i++)
		for (const char *p = common_passwords[i]; *p; p++)
			CHECK(!(*p >= 'A' && *p <= 'Z'));
}

static void common_found_in_any_case(void)
{
	CHECK(password_is_common("password"));
	CHECK(password_is_common("123456"));
	CHECK(password_is_common("qwerty123456"));
	CHECK(password_is_common("QWERTY123456"));
	CHECK(password_is_common("1qaz2wsx3edc"));
	CHECK(password_is_common("LeaveMeAlone"));
	/* Every entry is found, the first and the last included. */
	for (size_t i = 0; i < common_passwords_count; i++)
		CHECK(password_is_common(common_passwords[i]));
	CHECK(!password_is_common("correct horse battery staple"));
	CHECK(!password_is_common(""));
	CHECK(!password_is_common(NULL));
	CHECK(!password_is_common("qwerty1234567")); /* one more character: not the same password */
}

static void length_in_characters(void)
{
	char long_one[PASSWORD_MAX + 8];

	refused_as(NULL, "a@b.example", "A", "required");
	refused_as("", "a@b.example", "A", "too_short");
	refused_as("xk7#pq2!mz9", "a@b.example", "A", "too_short");	 /* 11 */
	CHECK(ok("xk7#pq2!mz9$", "a@b.example", "A"));			 /* 12 */
	/* Characters, not bytes: 11 two-byte letters are too short, 12 are enough. */
	refused_as("ééééééééééé", "a@b.example", "A", "too_short");
	CHECK(ok("éééééééééééé", "a@b.example", "A"));
	/* 64 four-byte characters (256 bytes) are accepted; one byte more is not. */
	{
		char emoji[4 * 64 + 1] = "";

		for (int i = 0; i < 64; i++)
			strcat(emoji, "\xF0\x9F\x94\x91");
		CHECK(ok(emoji, "a@b.example", "A"));
	}
	repeat(long_one, sizeof long_one, 'k', PASSWORD_MAX);
	long_one[0] = 'Q';
	CHECK(ok(long_one, "a@b.example", "A"));
	repeat(long_one, sizeof long_one, 'k', PASSWORD_MAX + 1);
	refused_as(long_one, "a@b.example", "A", "too_long");
	refused_as("abc\xC3(defghijklmn", "a@b.example", "A", "invalid");
}

static void common_refused(void)
{
	refused_as("qwerty123456", "a@b.example", "A", "common");
	refused_as("QwErTy123456", "a@b.example", "A", "common");
	refused_as("administrator", "a@b.example", "A", "common");
	CHECK(strcmp(err.message, "is one of the most common passwords") == 0);
}

static void personal_refused(void)
{
	/* The e-mail, its local part, the name and the service's name, whole or inside. */
	refused_as("ana.silva@northwind.example", "ana.silva@northwind.example", "Ana Silva", "personal");
	refused_as("Ana.Silva-2026!", "ana.silva@northwind.example", "Ana Silva", "personal");
	refused_as("my-name-is-silva", "ana.silva@northwind.example", "Bea Costa", "personal");
	refused_as("CostaCosta1234", "x@northwind.example", "Bea Costa", "personal");
	refused_as("Bea Costa 2026!", "x@northwind.example", "Bea Costa", "personal");
	refused_as("my-accord-login", "x@northwind.example", "Bea Costa", "personal");
	refused_as("carol.manager.1", "carol.manager@bolt.example", "C M", "personal");
	/* Short parts (under PASSWORD_CONTEXT_MIN characters) may appear inside... */
	CHECK(ok("cm-orchard-pass-1", "cm@orchard.example", "Bo Li"));
	CHECK(ok("ana-likes-blue-tea", "ana.silva@northwind.example", "Ana Li"));
	/* ...but are not the whole password. */
	refused_as("bo", "cm@orchard.example", "Bo Li", "too_short");
	/* The domain of the e-mail is not a personal word. */
	CHECK(ok("northwind-blue-tea", "ana.silva@northwind.example", "Ana Silva"));
	/* Without an e-mail or a name only the rest applies. */
	CHECK(ok("silva-blue-tea-42", NULL, NULL));
}

static void random_passwords_pass(void)
{
	/* As the demo and `accord user add` make them: base64url of 12 random bytes. */
	CHECK(ok("q3ZR8vKx_0pLwYtB", "cm@northwind.example", "Carla Mendes"));
	CHECK(ok("correct horse battery staple", "cm@northwind.example", "Carla Mendes"));
}

int main(void)
{
	RUN(constants);
	RUN(list_is_sorted_lower_case_and_large);
	RUN(common_found_in_any_case);
	RUN(length_in_characters);
	RUN(common_refused);
	RUN(personal_refused);
	RUN(random_passwords_pass);
	return HARNESS_DONE("password");
}
