/* SPDX-License-Identifier: MIT */
/* An assessor's ratio study of value estimates against sale prices, as the
 * IAAO Standard on Ratio Studies (2013) computes it, with the coefficient
 * of price-related bias (PRB) of its section 9.2.7 (Gloudemans, Fair &
 * Equitable, 2011). */
#ifndef BIRDDOG_RATIO_STUDY_H
#define BIRDDOG_RATIO_STUDY_H

#include <stddef.h>

/* The statistics of n observations (A_i an estimate, S_i its sale price,
 * R_i = A_i / S_i). Medians of an even count are the mean of the two middle
 * values. Shares and errors are fractions (0.075 is 7.5%); the COD is in
 * percent, as the standard writes it. The within shares take the bound as
 * the decimals were written: 110 on 100 and 3.6 on 3 are within 10% and
 * 20% (a slack of 1e-12 of the bound absorbs their rounding). */
struct ratio_study {
	size_t n;
	double median_ratio;          /* median of R */
	double mean_ratio;            /* mean of R */
	double weighted_mean;         /* sum A / sum S */
	double cod;                   /* 100 * mean |R - median| / median */
	double prd;                   /* mean_ratio / weighted_mean */
	double prb, prb_low, prb_high; /* PRB and its 95% confidence interval */
	double mdape;                 /* median |R - 1| */
	double mape;                  /* mean |R - 1| */
	double within10, within20;    /* share with |A - S| <= 0.10 S, <= 0.20 S */
};

/* Fills the caller's *out with the study of a[0..n) against s[0..n), all
 * finite and > 0 (the caller leaves out the others). 0; or -1 when n < 2,
 * with *out holding n and NAN elsewhere. The PRB and its interval are NAN
 * when n < 3 or when every value proxy is the same (no slope). The PRB is the
 * OLS slope of (R - M) / M on log2(0.5 S + 0.5 A / M), M the median ratio;
 * its interval is the slope +/- t(0.975, n - 2) * its standard error, with
 * Student's t for every n. A PRB of -0.03 says ratios fall 3% as values
 * double: negative is regressive (a PRD above 1), positive progressive;
 * section 9.2.7 asks for a PRD within 0.98..1.03 and a PRB within
 * +/-0.05. Takes O(n log n) time and one scratch array of n doubles, freed
 * before it returns; exits as xmalloc does when out of memory. */
int ratio_study(const double *a, const double *s, size_t n, struct ratio_study *out);

/* The p quantile of Student's t with df degrees of freedom (0 < p < 1,
 * df >= 1, not only whole): the root of its distribution function (the
 * regularized incomplete beta function) by Newton's method, and from
 * df = 1e4 on the Cornish-Fisher expansion about the normal quantile.
 * Within 1e-14 relative of the exact quantile (1e-12 where long double is
 * double); NAN for arguments outside those ranges. */
double ratio_study_t_quantile(double p, double df);

#endif
