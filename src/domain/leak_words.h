/* leak_words: the ordinary words that never count as a leak finding on their own, and the public mail services whose domains say nothing about a customer. */
#ifndef ACCORD_LEAK_WORDS_H
#define ACCORD_LEAK_WORDS_H

#include <stddef.h>

extern const char *const leak_ordinary_words[];
extern const size_t LEAK_ORDINARY_COUNT;
extern const char *const leak_public_mail_domains[];
extern const size_t LEAK_PUBLIC_MAIL_COUNT;

#endif
