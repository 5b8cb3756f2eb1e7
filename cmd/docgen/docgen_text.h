/* SPDX-License-Identifier: MIT */
/* Text shaping for docgen: dollar amounts with thousands separators, the
 * phrases the memo states figures in (discount, percent, date, unit), plain
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

/* A number with at most two decimals and no trailing zeros: "22", "1,540",
 * "22.5", "0.33". */
void docgen_fmt_number(struct buf *out, double d);
/* A key as a label: "years_owned" is "Years owned". */
void docgen_fmt_label(struct buf *out, const char *key);

/* Appends a discount to the ZIP median (percent, positive below it) as an
 * investor reads it, rounded to a whole percent (halves away from zero):
 * "9% below the ZIP median", "9% above the ZIP median", or "at the ZIP
 * median" when it rounds to 0. Returns -1 and appends nothing when pct is
 * not finite or beyond +-1e6. */
int docgen_fmt_discount(struct buf *out, double pct);
/* A whole percent, halves away from zero: "79%". -1 as above. */
int docgen_fmt_percent(struct buf *out, double pct);

/* Appends "Nov 23, 2026" for "2026-11-23" or "2026-11-23T04:00:00Z" (RFC
 * 3339 UTC: the UTC date). Returns -1 and appends nothing for anything
 * else, including a day not in its month. */
int docgen_fmt_date(struct buf *out, const char *s);

/* Appends a secondary unit as the memo writes it, trimmed: the USPS "# 12"
 * and a bare range ("12", "4B") become "#12" and "#4B"; a unit with its
 * designator stays as written ("APT 4", "Unit 2"). */
void docgen_fmt_unit(struct buf *out, const char *s, size_t len);

/* Appends text with every line longer than width columns (UTF-8 characters)
 * broken at spaces; continuation lines keep the line's indentation, plus two
 * columns under a "- " or "* " bullet. A word longer than width stays whole.
 * A run of empty lines becomes one. */
void docgen_wrap(struct buf *out, const char *text, size_t len, size_t width);

/* Appends s as one line: control characters and runs of white space become
 * one space, ends trimmed, at most max bytes (cut at a UTF-8 boundary). */
void docgen_one_line(struct buf *out, const char *s, size_t len, size_t max);

#endif
