/* redirect: the one strict parser of a redirect target (a form's "back"), which must be a path on this site. */
#ifndef ACCORD_REDIRECT_H
#define ACCORD_REDIRECT_H

#include <stdbool.h>

/* Longest target kept, in bytes; a longer one falls back. */
#define REDIRECT_MAX 512

/*
 * Whether s is a same-origin path: it starts with exactly one '/', and neither it nor its
 * percent-decoded form holds a control character (below 0x20, or 0x7F), a backslash, a
 * second '/' right after the first (so no "//host") or anything longer than REDIRECT_MAX.
 * A path can carry no scheme ("https:", "javascript:") because it starts with '/'.
 */
bool redirect_is_local(const char *s);
/* s when redirect_is_local(s), else fallback. */
const char *redirect_target(const char *s, const char *fallback);

#endif
