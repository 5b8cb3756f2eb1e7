/* SPDX-License-Identifier: MIT */
/* ZIP market figures from the loaded sales, as of the first day of a month
 * (the 365 days before it): the median price per square foot and the
 * yearly price trend, of the ZIP or else of all the sales. Computed once
 * per ZIP and month and kept, so their number bounds the memory. */
#ifndef BIRDDOG_ZIP_STATS_H
#define BIRDDOG_ZIP_STATS_H

#include <stdint.h>

#include "sale_book.h"

#define ZIP_STATS_MEDIAN_MIN 5   /* sales for a ZIP median */
#define ZIP_STATS_TREND_MIN 20   /* sales for a trend */
#define ZIP_STATS_TREND_CAP 0.30 /* the trend is clamped to +-30% a year */

struct zip_figures {
	long sales;                /* the ZIP's sales with a sqft in the window */
	double median_ppsf;        /* NAN below ZIP_STATS_MEDIAN_MIN sales */
	double trend;              /* yearly change as a fraction, NAN for none */
	int trend_zip;             /* 1: the ZIP's own trend, 0: all the sales' */
};

struct zip_stats;

/* book is borrowed and must outlive the result. */
struct zip_stats *zip_stats_new(const struct sale_book *book);
void zip_stats_free(struct zip_stats *z);

/* The figures of zip (a sale_book_zip_number; SALE_NO_ZIP gives only the
 * county trend) as of month_start, a day number. Borrowed from z, valid
 * until the next call. */
const struct zip_figures *zip_stats_get(struct zip_stats *z, uint32_t zip, long month_start);

/* The least-squares slope of y on x over n points, or NAN when x does not
 * vary; exposed for the unit tests. */
double zip_stats_slope(const double *x, const double *y, long n);

#endif
