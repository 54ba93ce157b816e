/* money: amounts of money as whole cents — parsing a decimal amount (at most 2 decimals, never negative) and writing it back with its currency. */
#ifndef ACCORD_MONEY_H
#define ACCORD_MONEY_H

#include <stdbool.h>

/* The largest amount accepted: 10^13 − 0.01 of a currency (cents fit a double exactly). */
#define MONEY_MAX_CENTS 999999999999999LL

/* "1234", "1234.5", "1234.56" → cents; false for anything else (signs, more than 2 decimals, spaces, too large). */
bool money_parse(const char *s, long long *cents);
/* A JSON number: the same rules (an integer, or a real with at most 2 decimals). */
bool money_from_number(double v, long long *cents);
/* "1234.50" (what the API answers, as a JSON number); out holds at least MONEY_TEXT_MAX bytes. */
#define MONEY_TEXT_MAX 32
#define MONEY_HUMAN_MAX 64
void money_format(long long cents, char out[MONEY_TEXT_MAX]);
/* "USD 1,234.50": how a page shows an amount, always with its currency. */
void money_format_human(long long cents, const char *currency, char out[MONEY_HUMAN_MAX]);
/* ISO 4217's shape: exactly three capital letters. */
bool currency_valid(const char *s);

#endif
