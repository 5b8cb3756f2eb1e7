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

#endif
