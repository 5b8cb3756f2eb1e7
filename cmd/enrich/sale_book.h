/* SPDX-License-Identifier: MIT */
/* The loaded sales in memory for one run of enrich, indexed four ways: by
 * place (a grid of 1/128-degree cells), by ZIP and day, by day, and by
 * property (id and address key). Built once from the sales table, read-only
 * after: its size follows the sales loaded, never the records enriched. */
#ifndef BIRDDOG_SALE_BOOK_H
#define BIRDDOG_SALE_BOOK_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct store;
struct sale_book;

#define SALE_NO_ZIP UINT32_MAX

/* One sale. Unknown numbers are NAN; ln_sqft and ln_lot are the natural
 * logarithms of sqft and lot_sqft, kept for the similarity. */
struct sale_entry {
	double lat, lon, cos_lat;        /* cos_lat: geo_cos(lat) */
	double beds, baths, sqft, lot_sqft, year_built;
	double ln_sqft, ln_lot;
	long long price;
	int32_t day;                    /* daynum.h */
	uint32_t zip;                   /* the 5 digits as a number, or SALE_NO_ZIP */
	uint64_t id_hash, key_hash;     /* key_hash 0: no address key */
	uint32_t id_at, key_at;         /* the strings, in the book's pool */
};

/* Who a record is, to leave its own sales out: its id and address key
 * (NULL when none), with their hashes. */
struct sale_property {
	const char *id, *key;
	uint64_t id_hash, key_hash;
};

/* Reads every sale of the store's sales table. NULL with a message in err.
 * Free with sale_book_free. */
struct sale_book *sale_book_load(struct store *s, struct buf *err);
void sale_book_free(struct sale_book *b);
size_t sale_book_count(const struct sale_book *b);

/* The sale's id and address key (NULL when none); borrowed from the book. */
const char *sale_book_id(const struct sale_book *b, const struct sale_entry *e);
const char *sale_book_key(const struct sale_book *b, const struct sale_entry *e);

/* Fills p for the strings id and key (borrowed; either may be NULL). */
void sale_property_init(struct sale_property *p, const char *id, const char *key);
/* 1 when e is a sale of the property p: the same id, or the same address
 * key when both have one. */
int sale_book_same_property(const struct sale_book *b, const struct sale_entry *e,
			    const struct sale_property *p);

/* Calls fn for each sale with coordinates in a cell that meets the box
 * lat0..lat1, lon0..lon1 (degrees; lon0 > lon1 is a box across the 180th
 * meridian): a superset of the box, for fn to test exactly. */
typedef void (*sale_book_fn)(void *ctx, const struct sale_entry *e);
void sale_book_box(const struct sale_book *b, double lat0, double lat1, double lon0,
		   double lon1, sale_book_fn fn, void *ctx);

/* The sales of one ZIP (zip a number, as in sale_entry) whose day is in
 * from..to-1, in day order: *out points at n pointers owned by the book. */
size_t sale_book_zip(const struct sale_book *b, uint32_t zip, long from, long to,
		     const struct sale_entry *const **out);
/* The same for every sale, whatever its ZIP. */
size_t sale_book_days(const struct sale_book *b, long from, long to,
		      const struct sale_entry *const **out);

/* The latest sale of the property p strictly before day, or NULL. */
const struct sale_entry *sale_book_prior(const struct sale_book *b,
					 const struct sale_property *p, long day);

/* The number a 5-digit ZIP is kept as, or SALE_NO_ZIP. */
uint32_t sale_book_zip_number(const char *zip);

#endif
