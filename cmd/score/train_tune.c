/* SPDX-License-Identifier: MIT */
/* Tuning on out-of-fold predictions (see train_tune.h). */
#include "train_tune.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "train_cv.h"
#include "xalloc.h"

#define KMAX 40
#define RADIUS_MI 3.0

/* Each sale's nearest earlier neighbours, found once for the whole grid. */
struct neighbours {
	struct residual_hit *hit;      /* KMAX per record */
	size_t *n;
};

static void find_neighbours(const struct train_set *ts, const struct residual_index *ri,
			    struct neighbours *nb)
{
	nb->hit = xcalloc((ts->n ? ts->n : 1) * KMAX, sizeof *nb->hit);
	nb->n = xcalloc(ts->n ? ts->n : 1, sizeof *nb->n);
	for (size_t i = 0; i < ts->n; i++)
		nb->n[i] = residual_nearest(ri, ts->lat[i], ts->lon[i], ts->day[i], KMAX, RADIUS_MI,
					    nb->hit + i * KMAX);
}

/* The log estimates with the correction p (NULL: none) into est. */
static void corrected(const struct train_set *ts, const double *oof,
		      const struct residual_index *ri, const struct neighbours *nb,
		      const struct residual_params *p, double *est)
{
	for (size_t i = 0; i < ts->n; i++) {
		est[i] = ts->offset[i] + oof[i];
		if (p && nb->n[i])
			est[i] += residual_weigh(ri, p, nb->hit + i * KMAX, nb->n[i], ts->day[i], NULL);
	}
}

static void choose_correction(const struct train_set *ts, const double *oof,
			      const struct residual_index *ri, const struct neighbours *nb,
			      struct tune_result *out, double *est)
{
	static const int ks[] = { 5, 10, 20, 40 };
	static const double bws[] = { 0.1, 0.25, 0.5, 1.0 }, taus[] = { 0, 180, 365 };
	static const double shrinks[] = { 0.1, 0.25, 0.5, 1, 2 };
	corrected(ts, oof, ri, nb, NULL, est);
	double best = train_mdape(est, ts->log_price, ts->n);
	for (size_t a = 0; a < 4; a++)
		for (size_t b = 0; b < 4; b++)
			for (size_t c = 0; c < 3; c++)
				for (size_t d = 0; d < 5; d++) {
					struct residual_params p = { ks[a], RADIUS_MI, bws[b],
								     taus[c], shrinks[d] };
					corrected(ts, oof, ri, nb, &p, est);
					double m = train_mdape(est, ts->log_price, ts->n);
					if (m < best - 1e-9)
						best = m, out->rp = p, out->corrected = 1;
				}
}

static void study(const double *log_est, const double *log_price, size_t n,
		  struct ratio_study *out)
{
	double *a = xcalloc(n ? n : 1, sizeof *a), *s = xcalloc(n ? n : 1, sizeof *s);
	for (size_t i = 0; i < n; i++)
		a[i] = exp(log_est[i]), s[i] = exp(log_price[i]);
	ratio_study(a, s, n, out);
	free(a);
	free(s);
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double quantile(double *v, size_t n, double q)
{
	qsort(v, n, sizeof *v, by_double);
	if (!n)
		return 0;
	double at = q * (double)(n - 1);
	size_t lo = (size_t)floor(at);
	size_t hi = lo + 1 < n ? lo + 1 : lo;
	return v[lo] + (at - (double)lo) * (v[hi] - v[lo]);
}

/* Spreads est about its median by slope into out. */
static void spread(const double *est, size_t n, double center, double slope, double *out)
{
	for (size_t i = 0; i < n; i++)
		out[i] = center + slope * (est[i] - center);
}

/* The slope nearest 1 whose estimates are neither regressive nor
 * progressive (|PRB| <= 0.015, PRD 0.99..1.015); failing that, the one with
 * the smallest |PRB|. Estimates shrink towards the middle when the trees
 * cannot tell high from low values apart (noise in the facts), which makes
 * them regressive; a slope above 1 undoes that. */
static void choose_calibration(const struct train_set *ts, const double *est,
			       struct tune_result *out, double *work)
{
	double *tmp = xcalloc(ts->n ? ts->n : 1, sizeof *tmp);
	memcpy(tmp, est, ts->n * sizeof *tmp);
	out->cal_center = quantile(tmp, ts->n, 0.5);
	out->cal_slope = 1;
	double best_gap = INFINITY, least_prb = INFINITY, least_slope = 1;
	for (int step = -20; step <= 40; step++) {
		double slope = 1 + 0.005 * step;
		struct ratio_study rs;
		spread(est, ts->n, out->cal_center, slope, work);
		study(work, ts->log_price, ts->n, &rs);
		if (!isfinite(rs.prb))
			continue;
		if (fabs(rs.prb) < least_prb)
			least_prb = fabs(rs.prb), least_slope = slope;
		if (fabs(rs.prb) <= 0.015 && rs.prd >= 0.99 && rs.prd <= 1.015 &&
		    fabs(slope - 1) < best_gap)
			best_gap = fabs(slope - 1), out->cal_slope = slope;
	}
	if (!isfinite(best_gap))
		out->cal_slope = least_slope;
	free(tmp);
}

void train_tune(const struct train_set *ts, const double *oof, int quiet, struct tune_result *out)
{
	size_t n = ts->n;
	double *est = xcalloc(n ? n : 1, sizeof *est), *work = xcalloc(n ? n : 1, sizeof *work);
	memset(out, 0, sizeof *out);
	out->points = xcalloc(n ? n : 1, sizeof *out->points);
	for (size_t i = 0; i < n; i++)
		if (!isnan(ts->lat[i]))
			out->points[out->npoints++] = (struct residual_point){
				ts->lat[i], ts->lon[i], ts->day[i], ts->t[i] - oof[i] };
	/* The index numbers points among those with coordinates; the search
	 * below looks records up by their own coordinates, so that is fine. */
	struct residual_index *ri = residual_index_new(out->points, out->npoints);
	struct neighbours nb;
	find_neighbours(ts, ri, &nb);
	corrected(ts, oof, ri, &nb, NULL, est);
	study(est, ts->log_price, n, &out->raw);
	choose_correction(ts, oof, ri, &nb, out, est);
	corrected(ts, oof, ri, &nb, out->corrected ? &out->rp : NULL, est);
	study(est, ts->log_price, n, &out->nearby);
	choose_calibration(ts, est, out, work);
	out->final_log = xcalloc(n ? n : 1, sizeof *out->final_log);
	spread(est, n, out->cal_center, out->cal_slope, out->final_log);
	study(out->final_log, ts->log_price, n, &out->final);
	for (size_t i = 0; i < n; i++)
		work[i] = ts->log_price[i] - out->final_log[i];
	out->q_lo = quantile(work, n, 0.10);
	out->q_hi = quantile(work, n, 0.90);
	if (!quiet)
		fprintf(stderr, "%s: out-of-fold MdAPE %.2f%%; with the neighbourhood correction "
			"%.2f%%; calibrated (slope %.3f) %.2f%%, COD %.2f, PRD %.3f, PRB %.3f\n",
			diag_prog(), 100 * out->raw.mdape, 100 * out->nearby.mdape, out->cal_slope,
			100 * out->final.mdape, out->final.cod, out->final.prd, out->final.prb);
	residual_index_free(ri);
	free(nb.hit);
	free(nb.n);
	free(est);
	free(work);
}

void tune_result_release(struct tune_result *t)
{
	free(t->points);
	free(t->final_log);
	t->points = NULL;
	t->final_log = NULL;
}
