/* names: lookup of an enumeration's value by its name, shared by every domain table of names. */
#ifndef ACCORD_NAMES_H
#define ACCORD_NAMES_H

/* The index of s in names[0..n), or -1 when absent or NULL. */
int names_lookup(const char *const *names, int n, const char *s);
/* names[i], or "?" when i is out of range. */
const char *names_get(const char *const *names, int n, int i);

#endif
