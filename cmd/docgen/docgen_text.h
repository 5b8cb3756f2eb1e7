/* SPDX-License-Identifier: MIT */
/* Text shaping for docgen: dollar amounts with thousands separators, plain
 * text wrapped at a column, and a one-line subject safe for a header. */
#ifndef BIRDDOG_DOCGEN_TEXT_H
#define BIRDDOG_DOCGEN_TEXT_H

#include <stddef.h>

#include "buf.h"

/* Appends v rounded to whole dollars (halves to even, as printf does): "$315,000", "-$1,250". Returns -1 and
 * appends nothing when v is not finite or beyond +-1e15. */
int docgen_fmt_dollars(struct buf *out, double v);
/* The same without the dollar sign: "1,540". */
int docgen_fmt_count(struct buf *out, double v);

/* Appends text with every line longer than width columns (UTF-8 characters)
 * broken at spaces; continuation lines keep the line's indentation, plus two
 * columns under a "- " or "* " bullet. A word longer than width stays whole.
 * A run of empty lines becomes one. */
void docgen_wrap(struct buf *out, const char *text, size_t len, size_t width);

/* Appends s as one line: control characters and runs of white space become
 * one space, ends trimmed, at most max bytes (cut at a UTF-8 boundary). */
void docgen_one_line(struct buf *out, const char *s, size_t len, size_t max);

#endif
