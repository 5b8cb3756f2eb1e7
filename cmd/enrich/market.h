/* SPDX-License-Identifier: MIT */
/* A record's market object: the assessor's ZIP median as before, and from
 * the loaded sales and rents its as-of date, comparable sales and their
 * estimate, the ZIP's median and trend, the property's prior sale and a
 * rent; every figure from sales strictly before the as-of date. */
#ifndef BIRDDOG_MARKET_H
#define BIRDDOG_MARKET_H

#include "buf.h"
#include "record.h"

struct store;
struct parcel_state;
struct market;

/* What the market figures of one record are made from; unknown numbers
 * are NAN, unknown strings NULL. All borrowed for the call. */
struct market_subject {
	const char *id;
	const char *key;            /* the normalised address key */
	const char *zip;            /* 5 digits: the sales' and rents' ZIP */
	const char *assessor_zip;   /* the ZIP of the assessor median */
	double lat, lon;            /* both known and valid, or both NAN */
	double beds, baths, sqft, lot_sqft, year_built;
	long as_of;                 /* a day number */
};

/* store and parcels are borrowed and must outlive the result; comps is
 * --comps, the number of comparable sales to give (0: none). The sales
 * and rents are read from the store on first use. */
struct market *market_new(struct store *store, struct parcel_state *parcels, int comps);
void market_free(struct market *m);

/*
 * Sets rec's market members for s, keeping the members of an existing
 * market object that are not computed here, and *zip_median to the ZIP
 * median price per square foot it gives (NAN when none) for the features.
 * Returns 0, or -1 with a message in err on a database error.
 */
int market_add(struct market *m, struct record *rec, const struct market_subject *s,
	       double *zip_median, struct buf *err);

#endif
