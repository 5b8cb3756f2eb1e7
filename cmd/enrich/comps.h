/* SPDX-License-Identifier: MIT */
/* Comparable sales: the k loaded sales most like a record, before its
 * as-of date and never its own, found by distance on widening circles
 * (or by ZIP without coordinates), and the value they point to. */
#ifndef BIRDDOG_COMPS_H
#define BIRDDOG_COMPS_H

#include <stdint.h>

#include "sale_book.h"

#define COMPS_MAX 50            /* the most --comps may ask for */
#define COMPS_DAYS_PER_MONTH 30.44

/* The record the comps are for. Unknown numbers are NAN. */
struct comps_subject {
	struct sale_property who;       /* its own sales are never comps */
	double lat, lon;                /* both known or both NAN */
	double cos_lat;                 /* geo_cos(lat), set by comps_subject_logs */
	uint32_t zip;                   /* sale_book_zip_number, or SALE_NO_ZIP */
	double beds, baths, sqft, lot_sqft, year_built;
	double ln_sqft, ln_lot;         /* logarithms of sqft and lot_sqft */
	long as_of;                     /* day number: only sales before it count */
};

/* Sets ln_sqft and ln_lot from sqft and lot_sqft, and cos_lat from lat. */
void comps_subject_logs(struct comps_subject *s);

enum comps_basis { COMPS_NONE, COMPS_RADIUS, COMPS_ZIP };

struct comp {
	const struct sale_entry *e;     /* borrowed from the book */
	double miles;                   /* NAN with the ZIP basis */
	double d;                       /* dissimilarity: the similarity is exp(-d) */
	double months;                  /* from its sale to the as-of date */
};

struct comps {
	enum comps_basis basis;         /* NONE: no coordinates and no ZIP */
	double radius;                  /* miles, with the radius basis */
	int n;                          /* found, at most k */
	struct comp c[COMPS_MAX];       /* most similar first */
};

/*
 * Finds the k (1..COMPS_MAX) most similar sales of b for s. With
 * coordinates: sales within 0.5, 1, 2, 5 miles sold in the 365 days before
 * the as-of day, then 5 miles and 1,095 days, the first step with k or more
 * candidates; without, the sales of s's ZIP in 365, then 1,095 days. Never
 * a sale of s's property. Ties in similarity go to the nearer, then the
 * lower id, then the later sale.
 */
void comps_find(const struct sale_book *b, const struct comps_subject *s, int k,
		struct comps *out);

/* The dissimilarity D of a sale e at miles (NAN: no distance term) sold
 * months before the as-of date; see enrich(1). */
double comps_dissimilarity(const struct comps_subject *s, const struct sale_entry *e,
			   double miles, double months);

/* The comps' price per square foot brought to s (size and time: trend is
 * the yearly price change as a fraction, NAN for none) and the value it
 * gives s; NAN when there is none. */
struct comps_estimate {
	double ppsf, value;
};
void comps_estimate(const struct comps *c, const struct comps_subject *s, double trend,
		    struct comps_estimate *out);

#endif
