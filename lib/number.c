/* SPDX-License-Identifier: MIT */
/* Numbers as exports write them (see number.h), shared by discover's
 * listings and enrich's parcels. */
#include "number.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>

#define DIGITS_MAX 40   /* more significant text than a double can use */

/* The digits of an exponent at s[*i..len) after 'e', with its sign, into
 * tmp; 0, or -1 when there are none. */
static int exponent(const char *s, size_t len, size_t *i, char *tmp, size_t *n, size_t cap)
{
	size_t d = 0;
	tmp[(*n)++] = 'e';
	if (*i < len && (s[*i] == '+' || s[*i] == '-'))
		tmp[(*n)++] = s[(*i)++];
	for (; *i < len && isdigit((unsigned char)s[*i]); (*i)++, d++)
		if (*n + 1 < cap)
			tmp[(*n)++] = s[*i];
	return d && d < 6 ? 0 : -1;   /* more than 5 exponent digits: no export writes that */
}

/* Up to 15 digits the value is digits / 10^decimals, one correctly rounded
 * division: the same double strtod(3) gives, without its cost. */
int number_parse(const char *s, size_t len, int sign, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
					1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	char tmp[DIGITS_MAX + 16];
	size_t n = 0, digits = 0, decimals = 0, i = 0;
	int point = 0, negative = 0, exp = 0;
	long long mantissa = 0;
	if (i < len && s[i] == '-' && sign)
		tmp[n++] = s[i++], negative = 1;
	if (i < len && s[i] == '$')
		i++;
	for (; i < len && !exp; i++) {
		if (isdigit((unsigned char)s[i])) {
			if (n >= DIGITS_MAX)
				return NUMBER_BAD;
			tmp[n++] = s[i], digits++, decimals += point;
			if (digits <= 15)
				mantissa = mantissa * 10 + (s[i] - '0');
		} else if (s[i] == ',' && digits && !point) {
			continue;
		} else if (s[i] == '.' && !point) {
			tmp[n++] = '.', point = 1;
		} else if ((s[i] == 'e' || s[i] == 'E') && digits) {
			i++;
			if (exponent(s, len, &i, tmp, &n, sizeof tmp) < 0)
				return NUMBER_BAD;
			exp = 1;
			break;
		} else {
			return NUMBER_BAD;
		}
	}
	if (i < len || !digits)
		return NUMBER_BAD;
	if (digits <= 15 && !exp) {
		double v = (double)mantissa / pow10[decimals];
		*out = negative ? -v : v;
		return 0;
	}
	tmp[n] = '\0';
	*out = strtod(tmp, NULL);
	return isfinite(*out) ? 0 : NUMBER_RANGE;
}
