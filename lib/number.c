/* SPDX-License-Identifier: MIT */
/* Numbers as exports write them (see number.h), shared by discover's
 * listings and enrich's parcels. */
#include "number.h"

#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* The unit words, compared without case, dots and spaces: "sq. ft." is
 * "sqft". */
static const struct {
	const char *word;
	enum number_unit unit;
} units[] = {
	{ "sqft", NUMBER_UNIT_SQFT }, { "sf", NUMBER_UNIT_SQFT }, { "squarefeet", NUMBER_UNIT_SQFT },
	{ "squarefoot", NUMBER_UNIT_SQFT }, { "sqfeet", NUMBER_UNIT_SQFT },
	{ "ft\xc2\xb2", NUMBER_UNIT_SQFT }, { "ft2", NUMBER_UNIT_SQFT },
	{ "m\xc2\xb2", NUMBER_UNIT_SQM }, { "m2", NUMBER_UNIT_SQM }, { "sqm", NUMBER_UNIT_SQM },
	{ "squaremeters", NUMBER_UNIT_SQM }, { "squaremetres", NUMBER_UNIT_SQM },
	{ "ac", NUMBER_UNIT_ACRE }, { "acre", NUMBER_UNIT_ACRE }, { "acres", NUMBER_UNIT_ACRE },
	{ "bd", NUMBER_UNIT_BEDS }, { "bds", NUMBER_UNIT_BEDS }, { "bed", NUMBER_UNIT_BEDS },
	{ "beds", NUMBER_UNIT_BEDS }, { "bedroom", NUMBER_UNIT_BEDS },
	{ "bedrooms", NUMBER_UNIT_BEDS }, { "br", NUMBER_UNIT_BEDS }, { "bdrm", NUMBER_UNIT_BEDS },
	{ "bdrms", NUMBER_UNIT_BEDS },
	{ "ba", NUMBER_UNIT_BATHS }, { "bath", NUMBER_UNIT_BATHS }, { "baths", NUMBER_UNIT_BATHS },
	{ "bathroom", NUMBER_UNIT_BATHS }, { "bathrooms", NUMBER_UNIT_BATHS },
	{ "k", NUMBER_UNIT_THOUSAND }, { "m", NUMBER_UNIT_MILLION }, { "mm", NUMBER_UNIT_MILLION },
	{ "million", NUMBER_UNIT_MILLION },
};

/* Where the number at the start of s ends: its characters, and an
 * exponent only when digits follow the 'e'. */
static size_t number_end(const char *s, size_t len)
{
	size_t i = 0;
	while (i < len && (isdigit((unsigned char)s[i]) || s[i] == ',' || s[i] == '.' ||
			   (i == 0 && (s[i] == '-' || s[i] == '$')) || (i == 1 && s[0] == '-' && s[i] == '$')))
		i++;
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		size_t j = i + 1;
		if (j < len && (s[j] == '+' || s[j] == '-'))
			j++;
		if (j < len && isdigit((unsigned char)s[j])) {
			while (j < len && isdigit((unsigned char)s[j]))
				j++;
			i = j;
		}
	}
	while (i > 0 && (s[i - 1] == ',' || s[i - 1] == '.'))   /* "3 bd." */
		i--;
	return i;
}

int number_parse_measure(const char *s, size_t len, int allow_sign, double *out,
			 enum number_unit *unit)
{
	size_t n = number_end(s, len);
	int rc = number_parse(s, n, allow_sign, out);
	*unit = NUMBER_UNIT_NONE;
	if (rc < 0)
		return rc;
	char word[24];
	size_t w = 0;
	for (size_t i = n; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '.' || c == '\t' || (c == 0xc2 && i + 1 < len &&
							  (unsigned char)s[i + 1] == 0xa0 && ++i))
			continue;   /* spaces, dots and no-break spaces */
		if (w + 1 >= sizeof word)
			return NUMBER_BAD;
		word[w++] = (char)tolower(c);
	}
	word[w] = '\0';
	if (!w)
		return 0;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
		if (strcmp(word, units[i].word) == 0) {
			*unit = units[i].unit;
			return 0;
		}
	return NUMBER_BAD;
}
