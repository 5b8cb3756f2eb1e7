/* SPDX-License-Identifier: MIT */
/* Numbers as exports write them (see number.h), shared by discover's
 * listings and enrich's parcels. */
#include "number.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>

/* Up to 15 digits the value is digits / 10^decimals, one correctly rounded
 * division: the same double strtod(3) gives, without its cost. */
int number_parse(const char *s, size_t len, int sign, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8,
					1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	char tmp[48];
	size_t n = 0, digits = 0, decimals = 0, i = 0;
	int point = 0, negative = 0;
	long long mantissa = 0;
	if (i < len && s[i] == '-' && sign)
		tmp[n++] = s[i++], negative = 1;
	if (i < len && s[i] == '$')
		i++;
	for (; i < len && n + 1 < sizeof tmp; i++) {
		if (isdigit((unsigned char)s[i])) {
			tmp[n++] = s[i], digits++, decimals += point;
			if (digits <= 15)
				mantissa = mantissa * 10 + (s[i] - '0');
		} else if (s[i] == ',' && digits && !point) {
			continue;
		} else if (s[i] == '.' && !point) {
			tmp[n++] = '.', point = 1;
		} else {
			return -1;
		}
	}
	if (i < len || !digits)
		return -1;
	if (digits <= 15) {
		double v = (double)mantissa / pow10[decimals];
		*out = negative ? -v : v;
		return 0;
	}
	tmp[n] = '\0';
	*out = strtod(tmp, NULL);
	return isfinite(*out) ? 0 : -1;
}
