/* SPDX-License-Identifier: MIT */
/* K-fold cross-validation of score's gradient-boosted trees: each fold's
 * model stops early on its held-out fold; the tree depth is chosen from a
 * small grid by the out-of-fold median absolute percentage error. */
#ifndef BIRDDOG_TRAIN_CV_H
#define BIRDDOG_TRAIN_CV_H

#include "booster.h"
#include "train_set.h"

struct cv_options {
	int folds;
	unsigned seed;
	int threads;
	int quiet;
	int progress;             /* say which fold is running (stderr is a terminal) */
	const int *depths;        /* the grid, ended by 0 */
	double eta;
	int max_rounds, patience;
};

struct cv_result {
	struct booster_params params;
	int *fold;                /* each record's fold */
	double *oof;              /* each record's out-of-fold prediction of the target */
	int rounds;               /* for the final model: the folds' mean best, times 1 + 1/k */
	double mdape;             /* of the out-of-fold estimates */
};

/* The best of the grid into best (release with cv_result_release). 0, or
 * -1 with a message in err. */
int train_cv(const struct train_set *ts, const struct cv_options *o, struct cv_result *best,
	     struct buf *err);
void cv_result_release(struct cv_result *r);

/* The final model, on every record, with params and rounds. NULL with err. */
struct booster *train_final(const struct train_set *ts, const struct cv_result *r,
			    struct buf *err);

/* The median absolute percentage error of estimates exp(log_est) against
 * exp(log_price), as a fraction. */
double train_mdape(const double *log_est, const double *log_price, size_t n);

#endif
