/* SPDX-License-Identifier: MIT */
/* A trained valuation model (an AVM) as score uses it: the frozen spec,
 * the trees, the neighbourhood correction, the calibration and the range.
 * It lives in a bundle file of two JSON lines: the description (format,
 * version, spec, parameters, metrics, residual points), then the XGBoost
 * model exactly as XGBoost wrote it. */
#ifndef BIRDDOG_AVM_H
#define BIRDDOG_AVM_H

#include <jansson.h>

#include "booster.h"
#include "buf.h"
#include "residual.h"
#include "spec.h"

#define AVM_FORMAT "birddog-avm-1"

struct avm {
	char *version;
	json_t *desc;                  /* the first line, for metrics and listing */
	struct spec *spec;
	struct booster *b;
	int corrected;
	struct residual_params rp;
	struct residual_index *ri;
	double cal_center, cal_slope;
	double q_lo, q_hi;             /* of ln(price / estimate): the range */
};

/* Loads a bundle. NULL with "path: what is wrong" in err. */
struct avm *avm_load(const char *path, int threads, struct buf *err);
void avm_free(struct avm *a);

/* The neighbourhood correction of a record at lat, lon (NAN when unknown:
 * none), valued as of day, in log dollars. */
double avm_nearby(const struct avm *a, double lat, double lon, long day);

/* Final log estimates for the rows of x: the trees' output (also into
 * trees[i] when not NULL) + offset + nearby (avm_nearby's), calibrated.
 * 0, or -1. */
int avm_estimate(struct avm *a, const struct matrix *x, const double *offset,
		 const double *nearby, double *log_est, double *trees, struct buf *err);

#endif
