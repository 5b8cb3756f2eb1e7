/* SPDX-License-Identifier: MIT */
/* JSON objects as listings: for each field, the dotted path of its value
 * in an API's item or a page's embedded JSON ("list_price",
 * "address.street", "media.0.url"), or a list of paths whose first value
 * wins; "photos" names an array of URLs or of objects holding one. */
#ifndef BIRDDOG_FIELDMAP_H
#define BIRDDOG_FIELDMAP_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"
#include "extract.h"

#define FIELDMAP_ALTERNATIVES 4

struct fieldmap_entry {
	int field;                  /* enum listing_field, or -1 for photos */
	char *paths[FIELDMAP_ALTERNATIVES];
	size_t npaths;
};

struct fieldmap {
	struct fieldmap_entry *e;
	size_t n;
};

/* From {"field": "path" or ["path", ...], ...}; where names it in
 * messages. 0, or -1 with the reason in err. */
int fieldmap_load(struct fieldmap *m, json_t *fields, const char *where, struct buf *err);
void fieldmap_release(struct fieldmap *m);

/* Puts item's values into x, as how. Strings are taken as they are, numbers
 * as JSON writes them, booleans as true and false; photos in their "Order"
 * when the objects have one, resolved against base (the page or response
 * URL; NULL: taken as they are). */
void fieldmap_extract(const struct fieldmap *m, json_t *item, const char *base,
		      struct extracted *x, const char *how);

/* The value at a dotted path ("a.b.0.c"; "" is root), borrowed. A string
 * holding JSON on the way ({...} or [...]) is decoded when holder (a JSON
 * array that keeps decoded values alive) is given. NULL when absent. */
json_t *json_path(json_t *root, const char *path, json_t *holder);

#endif
