/* SPDX-License-Identifier: MIT */
/* The neighbourhood correction of score's valuation model: what the model
 * got wrong on the nearest earlier sales (their out-of-fold residuals, in
 * log dollars), averaged with weights falling off with distance and time,
 * and shrunk towards 0 when there are few or far ones. This is the hybrid
 * of a model and comparable sales that assessors' AVMs use: comps applied
 * to the model's errors rather than to prices. */
#ifndef BIRDDOG_RESIDUAL_H
#define BIRDDOG_RESIDUAL_H

#include <stddef.h>

/* A training sale: where, when (a day number) and the model's residual. */
struct residual_point {
	double lat, lon;
	long day;
	double r;
};

/* How the correction is made; chosen by cross-validation in training. */
struct residual_params {
	int k;                  /* neighbours at most */
	double radius_mi;       /* none farther */
	double bandwidth_mi;    /* weight exp(-d / bandwidth) */
	double tau_days;        /* and exp(-age / tau); 0: no decay */
	double shrink;          /* correction = sum w r / (sum w + shrink) */
};

struct residual_index;

/* Indexes points (copied). n may be 0: every correction is then 0. */
struct residual_index *residual_index_new(const struct residual_point *p, size_t n);
void residual_index_free(struct residual_index *ri);

/* A neighbour found: which point and how far, in miles. */
struct residual_hit {
	size_t i;
	double d;
};

/* The k nearest points sold strictly before day within radius_mi of
 * (lat, lon), nearest first, into hits[k]; returns how many. */
size_t residual_nearest(const struct residual_index *ri, double lat, double lon, long day,
			int k, double radius_mi, struct residual_hit *hits);

/* The correction (log dollars) for a sale at (lat, lon) as of day, and
 * through *count how many neighbours it used. 0 without coordinates. */
double residual_correct(const struct residual_index *ri, const struct residual_params *p,
			double lat, double lon, long day, int *count);

/* The correction from hits already found (nearest first), as above. */
double residual_weigh(const struct residual_index *ri, const struct residual_params *p,
		      const struct residual_hit *hits, size_t n, long day, int *count);

const struct residual_point *residual_points(const struct residual_index *ri, size_t *n);

#endif
