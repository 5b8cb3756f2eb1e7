/* SPDX-License-Identifier: MIT */
/* Builds jansson values from JSON text that jscan has already validated,
 * without re-checking it: several times faster than json_loadb. */
#ifndef BIRDDOG_JBUILD_H
#define BIRDDOG_JBUILD_H

#include <jansson.h>
#include <stddef.h>

/* text[0..len) must be one valid JSON value (jscan_object accepted the record
 * it came from). Returns a new reference the caller owns. Integers beyond
 * the range of json_int_t become reals, as in jansson. */
json_t *jbuild_value(const char *text, size_t len);

#endif
