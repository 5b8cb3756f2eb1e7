/* SPDX-License-Identifier: MIT */
/* A fast compact JSON writer for jansson values (RFC 8259): the record
 * output path, where jansson's dump with a callback per token is too slow. */
#ifndef BIRDDOG_JOUT_H
#define BIRDDOG_JOUT_H

#include <jansson.h>

#include "buf.h"

/* Appends value compactly to out: object members in insertion order, reals
 * with up to 15 significant digits (always with a '.' or exponent), strings
 * escaped (", \, control characters; other UTF-8 passes through). */
void jout_value(struct buf *out, json_t *value);

#endif
