/* SPDX-License-Identifier: MIT */
/* Investor features derived from a listing and its assessor row: price per
 * square foot, age, years owned, estimated equity, discount to the ZIP. */
#ifndef BIRDDOG_FEATURES_H
#define BIRDDOG_FEATURES_H

#include <jansson.h>
#include <time.h>

/*
 * The equity assumption (also in enrich(1)): nothing is known about loans,
 * so the owner is taken to have bought at last_sale_price with an 80% loan,
 * 30-year fixed at 6.5%, paid as scheduled, one payment per whole month
 * from last_sale_date to now. equity_est = value - remaining balance,
 * clamped at 0, where value is the assessor's market_value, else the list
 * price; no other liens are known. After 360 months the loan is paid off.
 * A last sale price of 0 (a transfer, not a sale) gives no estimate.
 */
#define FEATURES_LOAN_TO_VALUE 0.80
#define FEATURES_LOAN_RATE 0.065
#define FEATURES_LOAN_MONTHS 360

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
