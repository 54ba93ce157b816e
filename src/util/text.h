/* text: copying text into the fixed-size fields of the row structs the services read, and reading hex digits. */
#ifndef ACCORD_TEXT_H
#define ACCORD_TEXT_H

#include <stddef.h>

/* Copies src (NULL as "") into dst of n bytes, cut if it must be; always NUL-terminated. */
void text_copy(char *dst, size_t n, const char *src);
/* The value of a hexadecimal digit (either case), or -1 when c is none. */
int text_hex_digit(char c);

#endif
