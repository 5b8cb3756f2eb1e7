/* SPDX-License-Identifier: MIT */
/* Numbers as exports write them: "315000", "$315,000", "224500.00", "-2.5". */
#ifndef BIRDDOG_NUMBER_H
#define BIRDDOG_NUMBER_H

#include <stddef.h>

/* Parses s[0..len): an optional '-' (only when allow_sign), an optional
 * '$', digits with ',' separators before the point, an optional fraction.
 * 0 with the value in *out, or -1 when it is not such a number. */
int number_parse(const char *s, size_t len, int allow_sign, double *out);

#endif
