/* SPDX-License-Identifier: MIT */
/* Loads sold records into the sales table: NDJSON birddog records, or a
 * CSV file read through discover's column map (csvmap.h) into the same
 * records; a line or row that is not a sale goes to the reject file. */
#ifndef BIRDDOG_SALE_LOAD_H
#define BIRDDOG_SALE_LOAD_H

#include <stddef.h>

#include "buf.h"

struct store;
struct sale_state;
struct csvmap;
struct reject;

struct sale_load {
	struct store *store;            /* borrowed; writes batched (store_batch_tick) */
	struct sale_state *state;       /* borrowed */
	struct csvmap *map;             /* borrowed: a CSV through it; NULL: NDJSON */
	const char *source;             /* with map: the ids' SOURCE, as discover's */
	struct reject *rej;             /* borrowed */
	const char *loaded_at;          /* RFC 3339, stored with each sale */
	size_t max_line;                /* longest line or row (0: 16 MiB) */
	/* Told of each rejected line or row: where and why (borrowed). */
	void (*report)(void *ctx, const char *path, long line, const char *why);
	void *ctx;
};

struct sale_load_counts {
	unsigned long loaded;           /* sales written, new or replacing */
	unsigned long updated;          /* of those, replacing the same id and sale_date */
	unsigned long rejected;
};

/* Loads path ("-" is stdin). Returns 0 (even with rejects: see counts),
 * EX_NOINPUT, EX_CONFIG when the map does not fit the CSV's header, or
 * EX_IOERR (message in err; what was loaded before stays loaded). */
int sale_load_file(const struct sale_load *sl, const char *path, struct sale_load_counts *n,
		   struct buf *err);

/* The ids' SOURCE for a CSV as discover names it: the map's "source", else
 * the file's base name without its extension, [a-z0-9_] only ("stdin" for
 * "-"). Written into out (size bytes). */
void sale_load_source(const struct csvmap *map, const char *path, char *out, size_t size);

#endif
