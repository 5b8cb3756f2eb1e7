/* SPDX-License-Identifier: MIT */
/* Investor features (see features.h); the loan is a standard fixed-rate
 * amortisation: balance = L(1+r)^k - P((1+r)^k - 1)/r. */
#include "features.h"

#include <math.h>

#include "clock.h"

#define SECONDS_PER_YEAR (365.2425 * 86400)

/* One decimal place, without a "-0.0". */
static double round1(double x)
{
	double r = round(x * 10) / 10;
	return r == 0 ? 0 : r;
}

static int known(double x)
{
	return !isnan(x) && x > 0;
}

long features_months_between(time_t from, time_t to)
{
	struct tm a, b;
	gmtime_r(&from, &a);
	gmtime_r(&to, &b);
	long months = (long)(b.tm_year - a.tm_year) * 12 + (b.tm_mon - a.tm_mon);
	if (b.tm_mday < a.tm_mday)
		months--;
	return months;
}

double features_loan_balance(double price, long months)
{
	double loan = price * EQUITY_LOAN_TO_VALUE;
	double r = EQUITY_LOAN_RATE / 12;
	if (months >= EQUITY_LOAN_MONTHS)
		return 0;
	if (months <= 0)
		return loan;
	double payment = loan * r / (1 - pow(1 + r, -EQUITY_LOAN_MONTHS));
	double growth = pow(1 + r, (double)months);
	double balance = loan * growth - payment * (growth - 1) / r;
	return balance > 0 ? balance : 0;
}

static void add_real(json_t *obj, const char *key, double v)
{
	json_object_set_new(obj, key, json_real(round1(v)));
}

/* years_owned, equity_est and equity_pct, from the last sale. */
static void add_ownership(json_t *obj, const struct features_input *in)
{
	time_t sold;
	if (!in->last_sale_date || clock_parse(in->last_sale_date, &sold) < 0 || sold > in->now)
		return;
	add_real(obj, "years_owned", (double)(in->now - sold) / SECONDS_PER_YEAR);
	double value = known(in->market_value) ? in->market_value : in->price;
	if (!known(value) || !known(in->last_sale_price))
		return;
	long months = features_months_between(sold, in->now);
	double equity = value - features_loan_balance(in->last_sale_price, months);
	if (equity < 0)
		equity = 0;
	json_object_set_new(obj, "equity_est", json_integer((json_int_t)llround(equity)));
	add_real(obj, "equity_pct", equity / value * 100);
}

json_t *features_build(const struct features_input *in)
{
	json_t *obj = json_object();
	double ppsf = NAN;
	if (known(in->price) && known(in->sqft)) {
		ppsf = in->price / in->sqft;
		add_real(obj, "price_per_sqft", ppsf);
	}
	if (known(in->year_built)) {
		struct tm now;
		gmtime_r(&in->now, &now);
		long age = now.tm_year + 1900 - lround(in->year_built);
		if (age >= 0)
			json_object_set_new(obj, "age", json_integer(age));
	}
	add_ownership(obj, in);
	if (!isnan(ppsf) && known(in->zip_median_ppsf))
		add_real(obj, "discount_pct",
			 (in->zip_median_ppsf - ppsf) / in->zip_median_ppsf * 100);
	if (json_object_size(obj) == 0) {
		json_decref(obj);
		return NULL;
	}
	return obj;
}
