/* SPDX-License-Identifier: MIT */
/* Cross-validation (see train_cv.h). The folds come from a seeded shuffle,
 * so the same data and seed give the same folds, models and bundle. */
#include "train_cv.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "xalloc.h"

/* splitmix64: a small, well-mixed generator for the shuffle. */
static uint64_t next(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static int *make_folds(size_t n, int k, unsigned seed)
{
	size_t *perm = xcalloc(n ? n : 1, sizeof *perm);
	int *fold = xcalloc(n ? n : 1, sizeof *fold);
	uint64_t s = seed;
	for (size_t i = 0; i < n; i++)
		perm[i] = i;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(next(&s) % i), t = perm[i - 1];
		perm[i - 1] = perm[j], perm[j] = t;
	}
	for (size_t i = 0; i < n; i++)
		fold[perm[i]] = (int)(i % (size_t)k);
	free(perm);
	return fold;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

double train_mdape(const double *log_est, const double *log_price, size_t n)
{
	double *e = xcalloc(n ? n : 1, sizeof *e);
	for (size_t i = 0; i < n; i++)
		e[i] = fabs(exp(log_est[i] - log_price[i]) - 1);
	qsort(e, n, sizeof *e, by_double);
	double m = !n ? NAN : n % 2 ? e[n / 2] : (e[n / 2 - 1] + e[n / 2]) / 2;
	free(e);
	return m;
}

static double median_of(const float *t, const size_t *rows, size_t n)
{
	double *v = xcalloc(n ? n : 1, sizeof *v);
	for (size_t i = 0; i < n; i++)
		v[i] = t[rows[i]];
	qsort(v, n, sizeof *v, by_double);
	double m = !n ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	free(v);
	return m;
}

/* The rows of one side of a fold, as their own matrix and labels. */
struct part {
	struct matrix m;
	float *y;
	size_t *rows;
};

static void take(const struct train_set *ts, const int *fold, int f, int in, struct part *p)
{
	size_t n = 0, cols = ts->x.cols;
	for (size_t i = 0; i < ts->n; i++)
		n += (fold[i] == f) == in;
	p->rows = xcalloc(n ? n : 1, sizeof *p->rows);
	p->y = xcalloc(n ? n : 1, sizeof *p->y);
	p->m = (struct matrix){ xcalloc((n ? n : 1) * cols, sizeof(float)), n, cols };
	n = 0;
	for (size_t i = 0; i < ts->n; i++) {
		if ((fold[i] == f) != in)
			continue;
		memcpy(p->m.x + n * cols, ts->x.x + i * cols, cols * sizeof(float));
		p->y[n] = ts->t[i];
		p->rows[n++] = i;
	}
}

static void part_release(struct part *p)
{
	free(p->m.x);
	free(p->y);
	free(p->rows);
}

/* Trains on all folds but f, stopping early on f; its held-out predictions
 * go to oof. The best number of rounds in *rounds. */
static int one_fold(const struct train_set *ts, const struct cv_options *o,
		    const struct booster_params *bp, const int *fold, int f, double *oof,
		    int *rounds, struct buf *err)
{
	struct part tr, va;
	take(ts, fold, f, 0, &tr);
	take(ts, fold, f, 1, &va);
	struct booster_params p = *bp;
	p.base = median_of(ts->t, tr.rows, tr.m.rows);
	struct booster *b = booster_train_new(&tr.m, tr.y, &va.m, va.y, &p, err);
	double best = INFINITY, rmse;
	int best_iter = 0, rc = b ? 0 : -1;
	for (int it = 0; rc == 0 && it < o->max_rounds && it - best_iter < o->patience; it++) {
		rc = booster_round(b, it, err);
		if (rc == 0)
			rc = booster_eval_rmse(b, it, &rmse, err);
		if (rc == 0 && rmse < best)
			best = rmse, best_iter = it;
	}
	double *pred = xcalloc(va.m.rows ? va.m.rows : 1, sizeof *pred);
	if (rc == 0)
		rc = booster_truncate(b, best_iter + 1, err);
	if (rc == 0)
		rc = booster_predict(b, &va.m, pred, err);
	for (size_t i = 0; rc == 0 && i < va.m.rows; i++)
		oof[va.rows[i]] = pred[i];
	*rounds = best_iter + 1;
	free(pred);
	booster_free(b);
	part_release(&tr);
	part_release(&va);
	return rc;
}

/* Every fold at one depth; 0 or -1. */
static int one_depth(const struct train_set *ts, const struct cv_options *o, int depth,
		     const int *fold, struct cv_result *r, struct buf *err)
{
	double sum = 0;
	r->params = (struct booster_params){ .depth = depth, .eta = o->eta, .seed = o->seed,
					     .threads = o->threads };
	r->oof = xcalloc(ts->n ? ts->n : 1, sizeof *r->oof);
	for (int f = 0; f < o->folds; f++) {
		int rounds;
		if (o->progress)
			fprintf(stderr, "\r%s: cross-validating trees of depth %d: fold %d of %d...",
				diag_prog(), depth, f + 1, o->folds);
		if (one_fold(ts, o, &r->params, fold, f, r->oof, &rounds, err) < 0)
			return -1;
		sum += rounds;
	}
	double *est = xcalloc(ts->n ? ts->n : 1, sizeof *est);
	for (size_t i = 0; i < ts->n; i++)
		est[i] = r->oof[i] + ts->offset[i];
	r->mdape = train_mdape(est, ts->log_price, ts->n);
	r->rounds = (int)lround(sum / o->folds * (1 + 1.0 / o->folds));
	free(est);
	if (o->progress)
		fputs("\r\033[K", stderr);
	if (!o->quiet)
		fprintf(stderr, "%s: trees of depth %d: %d rounds, out-of-fold MdAPE %.2f%%\n",
			diag_prog(), depth, r->rounds, 100 * r->mdape);
	return 0;
}

int train_cv(const struct train_set *ts, const struct cv_options *o, struct cv_result *best,
	     struct buf *err)
{
	int *fold = make_folds(ts->n, o->folds, o->seed);
	memset(best, 0, sizeof *best);
	best->mdape = INFINITY;
	for (const int *d = o->depths; *d; d++) {
		struct cv_result r = { 0 };
		if (one_depth(ts, o, *d, fold, &r, err) < 0) {
			cv_result_release(&r);
			cv_result_release(best);
			free(fold);
			return -1;
		}
		if (r.mdape < best->mdape) {
			cv_result_release(best);
			*best = r;
		} else {
			cv_result_release(&r);
		}
	}
	best->fold = fold;
	return 0;
}

void cv_result_release(struct cv_result *r)
{
	free(r->oof);
	free(r->fold);
	r->oof = NULL;
	r->fold = NULL;
}

struct booster *train_final(const struct train_set *ts, const struct cv_result *r,
			    struct buf *err)
{
	size_t *all = xcalloc(ts->n ? ts->n : 1, sizeof *all);
	for (size_t i = 0; i < ts->n; i++)
		all[i] = i;
	struct booster_params p = r->params;
	p.base = median_of(ts->t, all, ts->n);
	free(all);
	struct booster *b = booster_train_new(&ts->x, ts->t, NULL, NULL, &p, err);
	for (int it = 0; b && it < r->rounds; it++)
		if (booster_round(b, it, err) < 0) {
			booster_free(b);
			return NULL;
		}
	return b;
}
