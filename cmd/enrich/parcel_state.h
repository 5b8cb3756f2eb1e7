/* SPDX-License-Identifier: MIT */
/* The parcels table: county assessor rows keyed by APN and by the address.h
 * key of their situs address, and the ZIP median price per square foot. */
#ifndef BIRDDOG_PARCEL_STATE_H
#define BIRDDOG_PARCEL_STATE_H

#include <limits.h>

#include "buf.h"

struct store;
struct store_schema;

/* The tables of enrich.db (for cli_open_store). */
extern const struct store_schema parcel_state_schema;
struct parcel_state;

#define PARCEL_NONE LLONG_MIN   /* a number the county file did not give */

/* One parcel. Addresses are normalised (address.h); a string is NULL and a
 * number PARCEL_NONE when unknown. Who owns the strings is said by the
 * function that fills or takes the struct. */
struct parcel {
	const char *apn;
	const char *address_key;
	const char *line, *unit, *city, *state, *zip;
	const char *owner_name;
	const char *mail_line, *mail_unit, *mail_city, *mail_state, *mail_zip;
	const char *mail_key;
	const char *last_sale_date;             /* YYYY-MM-DD */
	long long assessed_value, market_value, land_value, tax_annual;
	long long last_sale_price, sqft, year_built;
};

/* Prepares the statements on the store's database (borrowed: it must outlive
 * the result). NULL with a message in err. Free with parcel_state_free. */
struct parcel_state *parcel_state_new(struct store *s, struct buf *err);
void parcel_state_free(struct parcel_state *ps);

/* Inserts p, or replaces the row with its APN (p and the strings are
 * borrowed). *existed is set to 1 when the APN was already there, else 0.
 * Returns 0, or -1 (message in parcel_state_errmsg). */
int parcel_state_put(struct parcel_state *ps, const struct parcel *p, const char *source_file,
		     const char *loaded_at, int *existed);

/* Finds a parcel by APN when apn is not NULL, else (or when that finds none)
 * by address key when key is not NULL; of several with one key, the lowest
 * APN. Returns 1 with out filled (its strings belong to ps and stay valid
 * until the next find), 0 when none matches, -1 on a database error. */
int parcel_state_find(struct parcel_state *ps, const char *apn, const char *key,
		      struct parcel *out);

/* The median of market_value / sqft over the parcels of a 5-digit ZIP with
 * both above 0, computed on first use and kept (one entry per ZIP). Returns
 * 1 with *out set, 0 when the ZIP has no such parcel, -1 on a database error. */
int parcel_state_zip_median(struct parcel_state *ps, const char *zip, double *out);

/* The number of parcels in the store's table, or -1 on a database error. */
long parcel_state_count(struct store *s);

const char *parcel_state_errmsg(struct parcel_state *ps);

#endif
