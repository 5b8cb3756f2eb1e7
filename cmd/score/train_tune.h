/* SPDX-License-Identifier: MIT */
/* What score train fits on the out-of-fold predictions, after the trees:
 * the neighbourhood correction's parameters, a calibration of the spread
 * of the estimates against regressivity, and the residual quantiles that
 * give each estimate its range. All chosen by cross-validation, never on
 * the data a model is later evaluated on. */
#ifndef BIRDDOG_TRAIN_TUNE_H
#define BIRDDOG_TRAIN_TUNE_H

#include "ratio_study.h"
#include "residual.h"
#include "train_set.h"

struct tune_result {
	int corrected;                 /* the correction helped and is used */
	struct residual_params rp;
	double cal_center, cal_slope;  /* log estimate -> center + slope * (it - center) */
	double q_lo, q_hi;             /* the 10th and 90th percentile of ln(price / estimate) */
	struct ratio_study raw, nearby, final;
	struct residual_point *points; /* the training sales with coordinates and residuals */
	size_t npoints;
	double *final_log;             /* each record's final out-of-fold log estimate */
};

/* Fits on oof (each record's out-of-fold prediction of the target). */
void train_tune(const struct train_set *ts, const double *oof, int quiet, struct tune_result *out);
void tune_result_release(struct tune_result *t);

#endif
