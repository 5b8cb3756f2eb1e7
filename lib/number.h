/* SPDX-License-Identifier: MIT */
/* Numbers as exports write them: "315000", "$315,000", "224500.00", "-2.5",
 * and in exponent form, "1.225e+006" (how some tools write every value of a
 * million or more). */
#ifndef BIRDDOG_NUMBER_H
#define BIRDDOG_NUMBER_H

#include <stddef.h>

enum { NUMBER_BAD = -1, NUMBER_RANGE = -2 };

/* Parses s[0..len): an optional '-' (only when allow_sign), an optional
 * '$', digits with ',' separators before the point, an optional fraction,
 * an optional exponent ('e' or 'E', a sign, digits). 0 with the value in
 * *out; NUMBER_BAD when it is not such a number ("NaN", "inf", "call");
 * NUMBER_RANGE when it is one too large for a double ("1e400"). */
int number_parse(const char *s, size_t len, int allow_sign, double *out);

/* The unit written after a number on a listing page. */
enum number_unit {
	NUMBER_UNIT_NONE, NUMBER_UNIT_SQFT, NUMBER_UNIT_SQM, NUMBER_UNIT_ACRE,
	NUMBER_UNIT_BEDS, NUMBER_UNIT_BATHS, NUMBER_UNIT_THOUSAND, NUMBER_UNIT_MILLION
};

/* A number as listing pages write it: number_parse's forms followed by
 * optional white space and a unit, "2,100 sq ft", "850 m\u00b2", "1.5 ac",
 * "3 bd", "2.5 baths", "$1.25M", "$350K" (units in any case; see
 * number.c for the words). The number is returned as written, the unit in
 * *unit for the caller to convert. NUMBER_BAD when what follows the number
 * is not a unit known here. */
int number_parse_measure(const char *s, size_t len, int allow_sign, double *out,
			 enum number_unit *unit);

#endif
