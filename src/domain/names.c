/* names: lookup of an enumeration's value by its name, shared by every domain table of names. */
#include "names.h"

#include <string.h>

int names_lookup(const char *const *names, int n, const char *s)
{
	for (int i = 0; s && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

const char *names_get(const char *const *names, int n, int i)
{
	return i >= 0 && i < n ? names[i] : "?";
}
