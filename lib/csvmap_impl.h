/* SPDX-License-Identifier: MIT */
/* The inside of struct csvmap, for its two files: csvmap.c (the mapping)
 * and csvmap_row.c (a header and its rows). Nothing else includes it. */
#ifndef BIRDDOG_CSVMAP_IMPL_H
#define BIRDDOG_CSVMAP_IMPL_H

#include <jansson.h>

#include "buf.h"
#include "listing.h"

#define ALTERNATIVES 4            /* columns one field may name, first non-empty wins */

struct csvmap {
	char *name;
	json_t *root;                 /* owns the strings below */
	const char *source;
	const char *column[LF_COUNT][ALTERNATIVES];
	int optional[LF_COUNT];
	int id_from[LF_COUNT];
	size_t nid_from;
	json_t *types, *missing;      /* borrowed from root */
	int keep_extra;               /* unmapped columns go under "extra" */
	long index[LF_COUNT][ALTERNATIVES];
	size_t width;
	char *const *header;          /* the bound header's names (a copy) */
	size_t *header_lens;
	struct buf header_text;
	unsigned char *mapped;        /* per column: read by a field */
	struct buf key;               /* scratch for the id_from key */
};

#endif
