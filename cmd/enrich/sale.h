/* SPDX-License-Identifier: MIT */
/* A sold record as enrich keeps it for comparable sales: the row of the
 * sales table, checked and taken from a birddog record (birddog-record(5)). */
#ifndef BIRDDOG_SALE_H
#define BIRDDOG_SALE_H

#include "address.h"
#include "buf.h"
#include "daynum.h"
#include "record.h"

/* One sale. A number is NAN and a string NULL (zip "") when unknown. Who
 * owns the strings is said by the function that fills the struct. */
struct sale {
	const char *id;
	char date[DAYNUM_TEXT_LEN];     /* sale_date, YYYY-MM-DD */
	long day;                       /* the same as a day number */
	long long price;                /* sale_price, whole dollars, > 0 */
	const char *key;                /* address.h key of the address */
	char zip[6];                    /* 5 digits, or "" */
	double lat, lon;                /* both known or both NAN */
	double beds, baths, sqft, lot_sqft, year_built;
};

/*
 * Takes a sale from rec: 'id', 'sale_price' > 0 and 'sale_date'
 * (YYYY-MM-DD) are required; 'address' (normalised into a, which the
 * caller releases with address_release even on failure), 'lat' and 'lon'
 * (in range; 0,0 means none), 'beds', 'baths', 'sqft', 'lot_sqft' and
 * 'year_built' (numbers from 0 up; 0 is unknown for the last three) are
 * optional. 0 with s filled (its strings borrowed from rec and a), or -1
 * with the reason in why.
 */
int sale_from_record(struct record *rec, struct sale *s, struct address *a, struct buf *why);

/* The 5-digit ZIP of an address member ("98178", 98178, "98178-2001") into
 * zip; 0, or -1 (zip "") when it is none. sale_zip_text: of a text. */
int sale_zip(json_t *value, char zip[6]);
int sale_zip_text(const char *s, char zip[6]);

/* A record's as-of day: its 'sale_date' when it has one, else today (the
 * day of now). 0, or -1 with the reason in why when 'sale_date' is there
 * but not a date. */
int sale_as_of(struct record *rec, long today, long *day, struct buf *why);

#endif
