/* SPDX-License-Identifier: MIT */
/* The few XGBoost C API calls score makes, each turning XGBoost's error
 * into a message: dense float matrices in, one regression booster out. */
#ifndef BIRDDOG_BOOSTER_H
#define BIRDDOG_BOOSTER_H

#include <stddef.h>

#include "buf.h"

/* A dense row-major matrix of floats, NAN for a missing value. */
struct matrix {
	float *x;
	size_t rows, cols;
};

struct booster;

/* Tree parameters; the rest are fixed in booster.c (hist trees, squared
 * error, subsample and column sample 0.8, min_child_weight 3). */
struct booster_params {
	int depth;
	double eta;
	double base;          /* the starting prediction: the target's median */
	unsigned seed;
	int threads;          /* 0: all */
};

/* A new booster learning from m with labels y (borrowed; they must outlive
 * it), and optionally evaluating on v with labels vy (NULL for none). NULL
 * with a message in err. */
struct booster *booster_train_new(const struct matrix *m, const float *y,
				  const struct matrix *v, const float *vy,
				  const struct booster_params *p, struct buf *err);
/* Adds one round (tree). 0, or -1 with a message in err. */
int booster_round(struct booster *b, int iter, struct buf *err);
/* The evaluation set's RMSE after the rounds so far. 0, or -1. */
int booster_eval_rmse(struct booster *b, int iter, double *rmse, struct buf *err);
/* Keeps the first rounds only. 0, or -1. */
int booster_truncate(struct booster *b, int rounds, struct buf *err);

/* Loads an XGBoost JSON model. NULL with a message in err. */
struct booster *booster_load(const char *json, size_t len, int threads, struct buf *err);
/* Appends the model as XGBoost JSON to out. 0, or -1. */
int booster_save(struct booster *b, struct buf *out, struct buf *err);
void booster_free(struct booster *b);
/* The number of inputs the model was trained on. */
size_t booster_features(struct booster *b);

/* The prediction for each row of m into out[m->rows]. 0, or -1. */
int booster_predict(struct booster *b, const struct matrix *m, double *out, struct buf *err);
/* Per-feature contributions (TreeSHAP) into out[m->rows * (m->cols + 1)]:
 * row i's cols contributions, then its bias; they sum to its prediction.
 * 0, or -1. */
int booster_contribs(struct booster *b, const struct matrix *m, double *out, struct buf *err);
/* Threads for contributions only (0: all), which cost a thousand times a
 * prediction and are worth every CPU; the default is the load's. */
void booster_contrib_threads(struct booster *b, int threads);

#endif
