/* SPDX-License-Identifier: MIT */
/* UTF-8 (RFC 3629): validation (no overlong forms, no surrogates, nothing
 * above U+10FFFF) and encoding. */
#ifndef BIRDDOG_UTF8_H
#define BIRDDOG_UTF8_H

#include <stddef.h>

/* The length (2-4) of the multi-byte sequence at p, whose lead byte is
 * >= 0x80, within avail bytes; 0 when it is not valid UTF-8. */
size_t utf8_sequence(const unsigned char *p, size_t avail);

/* Writes code point cp (at most U+10FFFF) as UTF-8 into u; its length. */
size_t utf8_encode(unsigned cp, unsigned char u[4]);

/* 1 when s[0..len) is valid UTF-8 without NUL bytes. */
int utf8_valid(const char *s, size_t len);

#endif
