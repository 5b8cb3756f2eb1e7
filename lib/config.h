/* SPDX-License-Identifier: MIT */
/* JSON config files (jansson), with errors that name the file, line and column. */
#ifndef BIRDDOG_CONFIG_H
#define BIRDDOG_CONFIG_H

#include <jansson.h>

#include "buf.h"

/* Loads a JSON object from path. NULL with "path:line:column: message" (or
 * "path: strerror") in err. The caller owns the result (json_decref). */
json_t *config_load(const char *path, struct buf *err);

/* Reads an optional string member at a dotted path ("sender.email"); NULL when
 * absent. Borrowed from obj. Sets *bad (when non-NULL) if present but not a string. */
const char *config_string(json_t *obj, const char *dotted, int *bad);

#endif
