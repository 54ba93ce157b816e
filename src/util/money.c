/* money: the one parser and formatter of amounts of money (cents), for the API, the forms and the pages. */
#include "money.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

bool money_parse(const char *s, long long *cents)
{
	long long whole = 0;
	int frac = 0, decimals = 0, digits = 0;

	if (!s || !*s)
		return false;
	for (; *s >= '0' && *s <= '9'; s++, digits++) {
		if (whole > MONEY_MAX_CENTS / 100)
			return false;
		whole = whole * 10 + (*s - '0');
	}
	if (!digits)
		return false;
	if (*s == '.') {
		for (s++; *s >= '0' && *s <= '9'; s++) {
			if (++decimals > 2)
				return false;
			frac = frac * 10 + (*s - '0');
		}
		if (!decimals)
			return false;
		if (decimals == 1)
			frac *= 10;
	}
	if (*s || whole > MONEY_MAX_CENTS / 100)
		return false;
	*cents = whole * 100 + frac;
	return *cents <= MONEY_MAX_CENTS;
}

bool money_from_number(double v, long long *cents)
{
	double c = v * 100.0, r;

	if (!isfinite(v) || v < 0 || c > (double)MONEY_MAX_CENTS)
		return false;
	r = round(c);
	/* 0.1 × 100 is 10.000000000000002: a tolerance far below a cent tells 2 decimals from 3. */
	if (fabs(c - r) > 1e-6 * (r > 1 ? r : 1))
		return false;
	*cents = (long long)r;
	return true;
}

void money_format(long long cents, char out[MONEY_TEXT_MAX])
{
	snprintf(out, MONEY_TEXT_MAX, "%lld.%02lld", cents / 100, cents % 100);
}

void money_format_human(long long cents, const char *currency, char out[MONEY_HUMAN_MAX])
{
	char whole[MONEY_TEXT_MAX], grouped[MONEY_TEXT_MAX + 8];
	size_t n, j = 0;

	snprintf(whole, sizeof whole, "%lld", cents / 100);
	n = strlen(whole);
	for (size_t i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			grouped[j++] = ',';
		grouped[j++] = whole[i];
	}
	grouped[j] = '\0';
	snprintf(out, MONEY_HUMAN_MAX, "%s %s.%02lld", currency && *currency ? currency : "USD", grouped, cents % 100);
}

bool currency_valid(const char *s)
{
	return s && strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' &&
	       s[2] <= 'Z';
}
