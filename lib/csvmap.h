/* SPDX-License-Identifier: MIT */
/* Column mappings for discover(1) and enrich --load-sales: which CSV column feeds which listing
 * field, value translations and missing-value markers, loaded from a JSON
 * file or built in (the RESO Data Dictionary), bound to each file's header. */
#ifndef BIRDDOG_CSVMAP_H
#define BIRDDOG_CSVMAP_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"
#include "listing.h"

struct csvmap;

/* Loads and checks a mapping file. NULL with "path: message" in err.
 * Free with csvmap_free. */
struct csvmap *csvmap_load(const char *path, struct buf *err);
/* A mapping from a JSON document in the same format (the mapping takes
 * root); name names it in messages. NULL with "name: message" in err. */
struct csvmap *csvmap_from_json(json_t *root, const char *name, struct buf *err);
/* Every column name the mapping reads, once each, for the header of a
 * table made from JSON items. The caller frees the array (not the names,
 * which the mapping owns). */
size_t csvmap_column_names(const struct csvmap *m, const char ***out);
/* The built-in RESO Data Dictionary mapping (see reso.h). */
struct csvmap *csvmap_reso(void);
void csvmap_free(struct csvmap *m);

/* The mapping's "source", or NULL; borrowed. */
const char *csvmap_source(const struct csvmap *m);

/* Finds the mapped columns in a header row, matching names byte for byte.
 * Returns 0, or -1 with a message in err naming two columns with the same
 * non-empty name (mapped or not), or else the first column that is required
 * and not there. */
int csvmap_bind(struct csvmap *m, char *const *header, const size_t *lens, size_t n,
		struct buf *err);
/* The number of columns in the bound header. */
size_t csvmap_width(const struct csvmap *m);

/* Fills l (reset first) from a row of the bound header's width: missing
 * markers dropped, types translated, source_id made from id_from when the
 * mapping says so. Returns 0, or -1 with the reason in why. */
int csvmap_apply(struct csvmap *m, char *const *row, const size_t *lens,
		 struct listing *l, struct buf *why);

/* 1 when name is a valid source name: [a-z0-9_], 1 to 64 bytes. */
int csvmap_source_valid(const char *name);

/* The source name of records read from path into out: given when not NULL
 * (-S, a map's "source"), "stdin" for "-", else the file's base name
 * without its extension, lower-cased, every other byte outside [a-z0-9_]
 * made '_' ("csv" when nothing is left). */
void csvmap_source_name(const char *given, const char *path, char *out, size_t size);

#endif
