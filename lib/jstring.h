/* SPDX-License-Identifier: MIT */
/* The content of JSON strings (RFC 8259 section 7) decoded into UTF-8: for
 * text jscan has validated, so the only error path is jstring_hex4's. */
#ifndef BIRDDOG_JSTRING_H
#define BIRDDOG_JSTRING_H

#include <stddef.h>

/* The value of the 4 hex digits at p, or -1 when one is not a hex digit. */
int jstring_hex4(const unsigned char *p);

/* Decodes the one character at *p of a validated string's content (an
 * escape, or a raw UTF-8 sequence) into u and moves *p past it; returns its
 * length in u, 1 to 4. */
size_t jstring_char(const unsigned char **p, unsigned char u[4]);

/* Decodes raw[0..len) into out, which has room for len bytes (decoding
 * never grows); returns the decoded length. */
size_t jstring_decode(char *out, const char *raw, size_t len);

#endif
