/* SPDX-License-Identifier: MIT */
/* Writing JSON text by hand into a buf, for programs that build their output
 * lines themselves instead of through jansson (RFC 8259 string escaping). */
#ifndef BIRDDOG_JSONOUT_H
#define BIRDDOG_JSONOUT_H

#include <stddef.h>

#include "buf.h"

/* Appends s (len bytes) as a quoted JSON string: '"' and '\\' escaped,
 * control characters as \n, \t, ... or \u00XX, everything else as is.
 * Returns 0, or -1 (with nothing appended) when s is not valid UTF-8. */
int jsonout_string(struct buf *out, const char *s, size_t len);
/* The same for text already known to be valid UTF-8 (from jansson or jscan). */
void jsonout_string_trusted(struct buf *out, const char *s, size_t len);

/* Appends an integer, or a real in its shortest form that reads back the
 * same ("2.5", "36.1589", "-115.1652"); v must be finite. */
void jsonout_int(struct buf *out, long long v);
void jsonout_real(struct buf *out, double v);

#endif
