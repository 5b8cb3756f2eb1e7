/* SPDX-License-Identifier: MIT */
/* Loads a county parcel/assessor CSV (RFC 4180) into the parcels table,
 * through a JSON map from the file's column names to parcel fields. */
#ifndef BIRDDOG_PARCEL_LOAD_H
#define BIRDDOG_PARCEL_LOAD_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"

struct store;
struct parcel_state;
struct parcel_map;

/*
 * Reads {"columns": {"apn": "APN", "address.line": "SITUS_ADDR", ...}}: each
 * member names the CSV column of one field. Fields: apn (required),
 * address.{line,unit,city,state,zip}, owner.name,
 * owner.mailing.{line,unit,city,state,zip}, assessed_value, market_value,
 * land_value, tax_annual, last_sale_date, last_sale_price, sqft, year_built.
 * map is borrowed for the call only. NULL with a message in err when a field
 * is unknown or a column name is not a non-empty string.
 */
struct parcel_map *parcel_map_new(json_t *map, struct buf *err);
void parcel_map_free(struct parcel_map *m);

struct parcel_load_counts {
	unsigned long loaded;    /* rows written, new or replacing */
	unsigned long updated;   /* of those, rows whose APN was already there */
	unsigned long rejected;
};

struct csv_row;
/* Told about each problem: the line it starts on, the reason, and the
 * rejected row: its fields when it parsed (nfields > 0), else only its raw
 * bytes without the line ending. row is NULL for a problem that stops the
 * load, such as a column missing from the header. Also told the header row
 * (why NULL) before any rejected row. All arguments are borrowed. */
typedef void (*parcel_load_report_fn)(void *ctx, long line, const char *why,
				      const struct csv_row *row);

struct parcel_load {
	struct store *store;             /* borrowed; writes are batched with store_batch_tick */
	struct parcel_state *state;      /* borrowed */
	const struct parcel_map *map;    /* borrowed */
	const char *loaded_at;           /* RFC 3339, stored with each row */
	size_t max_row;                  /* longest row read (0: 16 MiB); longer ones are rejected whole */
	parcel_load_report_fn report;
	void *ctx;
};

/*
 * Loads path (a byte-order mark is skipped; CR, LF and CRLF all end lines).
 * Bad rows (no APN, a number or date that does not parse, a field count
 * unlike the header's, malformed quoting, longer than max_row) are reported
 * and skipped; the others
 * are loaded. Returns 0 (even with rejects: see counts), EX_NOINPUT when path
 * cannot be opened, EX_CONFIG when the header lacks a mapped column (the
 * map does not fit the file), EX_IOERR on a read or database error (message
 * in err). An empty file loads nothing and is no error.
 */
int parcel_load_file(const struct parcel_load *pl, const char *path,
		     struct parcel_load_counts *counts, struct buf *err);

/* Reads only path's header and checks that every mapped column is there:
 * 0, EX_NOINPUT when path cannot be opened, EX_CONFIG when the map does not
 * fit (message in err, with the header's names). */
int parcel_load_check(const struct parcel_map *map, const char *path, size_t max_row,
		      struct buf *err);

#endif
