/* SPDX-License-Identifier: MIT */
/* Investor features derived from a listing and its assessor row: price per
 * square foot, age, years owned, estimated equity, discount to the ZIP. */
#ifndef BIRDDOG_FEATURES_H
#define BIRDDOG_FEATURES_H

#include <jansson.h>
#include <time.h>

#include "equity.h"


/* What the features are made from; a number is NAN when unknown. */
struct features_input {
	double price;               /* list price */
	double sqft;                /* living area */
	double year_built;
	double market_value;        /* assessor */
	double last_sale_price;
	const char *last_sale_date; /* YYYY-MM-DD or NULL */
	double zip_median_ppsf;
	time_t now;
};

/*
 * Returns a new object (the caller owns the reference) with those of
 * price_per_sqft, age, years_owned, equity_est, equity_pct and discount_pct
 * whose inputs are known, or NULL when none is. Decimals are rounded to one
 * place, equity_est to whole dollars; discount_pct is negative above the
 * median.
 */
json_t *features_build(const struct features_input *in);

/* The balance left on the assumed loan for a purchase at price after
 * months payments; 0 once all are made. */
double features_loan_balance(double price, long months);

/* Whole months from one date to a later time (negative when before). */
long features_months_between(time_t from, time_t to);

#endif
