/* password: the strength rule for a new password — its length, the commonest passwords, and the account's own e-mail and name. */
#ifndef ACCORD_PASSWORD_H
#define ACCORD_PASSWORD_H

#include <stdbool.h>

#include "error.h"

#define PASSWORD_MIN 12	 /* characters (Unicode code points), as ASVS 2.1.1 asks */
#define PASSWORD_MAX 256 /* bytes: 64 characters of any script at the least (ASVS 2.1.2) */
/* A part of the e-mail or name this long or longer may not appear anywhere in the password. */
#define PASSWORD_CONTEXT_MIN 4

/* True when the password, ASCII letters lower-cased, is one of the commonest passwords (src/domain/common_passwords.txt). */
bool password_is_common(const char *password);

/*
 * True when password may be a new password of the account with this e-mail and name (either
 * may be NULL); otherwise false with err set: status 422, field "password", a message saying
 * why. The rule, in order: present; valid UTF-8; PASSWORD_MIN characters to PASSWORD_MAX
 * bytes; not a common password; not the e-mail, its local part, the name or "accord", and
 * not containing any of them — nor a word of the name or of the local part — that is
 * PASSWORD_CONTEXT_MIN characters or longer. Letters compare without regard to case.
 */
bool password_acceptable(const char *password, const char *email, const char *name,
			 struct error *err);

#endif
