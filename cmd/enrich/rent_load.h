/* SPDX-License-Identifier: MIT */
/* Loads a rents CSV (RFC 4180) into the rents table: a header naming the
 * columns zip, beds and rent (in any case, among any others), then one
 * row per ZIP and number of bedrooms; beds empty or "*" is any. */
#ifndef BIRDDOG_RENT_LOAD_H
#define BIRDDOG_RENT_LOAD_H

#include <stddef.h>

#include "buf.h"
#include "sale_load.h"

struct csv_row;

/* Finds the zip, beds and rent columns of a header into col: 0, or -1
 * with the missing one named in why. */
int rent_load_header(const struct csv_row *header, int col[3], struct buf *why);

/* Loads path through sl (its map and source unused); counts as for sales.
 * Returns 0, EX_NOINPUT, EX_CONFIG (a column missing) or EX_IOERR. */
int rent_load_file(const struct sale_load *sl, const char *path, struct sale_load_counts *n,
		   struct buf *err);

#endif
