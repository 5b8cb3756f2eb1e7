/* SPDX-License-Identifier: MIT */
/* The XGBoost C API behind booster.h. */
#include "booster.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xgboost/c_api.h>

#include "xalloc.h"

struct booster {
	BoosterHandle h;
	DMatrixHandle train, eval;   /* NULL once loaded from a file */
	int threads;
	int contrib_threads;         /* for contributions, when not threads */
};

/* Adds XGBoost's last error to err, its first line without the time and
 * source position ("[05:03:03] ./include/xgboost/json.h:81: Invalid cast"
 * then a stack trace); returns -1. */
static int fail(struct buf *err, const char *what)
{
	const char *msg = XGBGetLastError(), *at;
	if (msg[0] == '[' && (at = strchr(msg, ']')) && at[1] == ' ') {
		const char *colon = strstr(at, ": ");
		const char *nl = strchr(at, '\n');
		if (colon && (!nl || colon < nl))
			msg = colon + 2;
	}
	buf_printf(err, "XGBoost, %s: %.*s", what, (int)strcspn(msg, "\n"), msg);
	return -1;
}

static int set(struct booster *b, const char *name, const char *value, struct buf *err)
{
	return XGBoosterSetParam(b->h, name, value) == 0 ? 0 : fail(err, "setting a parameter");
}

static int matrix_handle(const struct matrix *m, const float *labels, int threads,
			 DMatrixHandle *out, struct buf *err)
{
	if (XGDMatrixCreateFromMat_omp(m->x, m->rows, m->cols, NAN, out, threads) != 0)
		return fail(err, "making a matrix");
	if (labels && XGDMatrixSetFloatInfo(*out, "label", labels, m->rows) != 0)
		return fail(err, "setting the labels");
	return 0;
}

/* XGBoost's threads from now on; 0, or -1. */
static int use_threads(struct booster *b, int threads, struct buf *err)
{
	char num[32];
	snprintf(num, sizeof num, "%d", threads);
	return set(b, "nthread", num, err);
}

static int set_params(struct booster *b, const struct booster_params *p, struct buf *err)
{
	char num[64];
	static const char *const fixed[][2] = {
		{ "objective", "reg:squarederror" }, { "tree_method", "hist" },
		{ "subsample", "0.8" }, { "colsample_bytree", "0.8" },
		{ "min_child_weight", "3" }, { "eval_metric", "rmse" }, { "verbosity", "0" },
	};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		if (set(b, fixed[i][0], fixed[i][1], err) < 0)
			return -1;
	snprintf(num, sizeof num, "%d", p->depth);
	if (set(b, "max_depth", num, err) < 0)
		return -1;
	snprintf(num, sizeof num, "%.17g", p->eta);
	if (set(b, "eta", num, err) < 0)
		return -1;
	snprintf(num, sizeof num, "%.9g", p->base);
	if (set(b, "base_score", num, err) < 0)
		return -1;
	snprintf(num, sizeof num, "%u", p->seed);
	if (set(b, "seed", num, err) < 0)
		return -1;
	snprintf(num, sizeof num, "%d", p->threads);
	return set(b, "nthread", num, err);
}

struct booster *booster_train_new(const struct matrix *m, const float *y,
				  const struct matrix *v, const float *vy,
				  const struct booster_params *p, struct buf *err)
{
	struct booster *b = xcalloc(1, sizeof *b);
	DMatrixHandle both[2];
	b->threads = p->threads;
	if (matrix_handle(m, y, p->threads, &b->train, err) < 0 ||
	    (v && matrix_handle(v, vy, p->threads, &b->eval, err) < 0))
		goto fail;
	both[0] = b->train, both[1] = b->eval;
	if (XGBoosterCreate(both, v ? 2 : 1, &b->h) != 0) {
		fail(err, "making a booster");
		goto fail;
	}
	if (set_params(b, p, err) < 0)
		goto fail;
	return b;
fail:
	booster_free(b);
	return NULL;
}

int booster_round(struct booster *b, int iter, struct buf *err)
{
	return XGBoosterUpdateOneIter(b->h, iter, b->train) == 0 ? 0 : fail(err, "training");
}

int booster_eval_rmse(struct booster *b, int iter, double *rmse, struct buf *err)
{
	const char *names[] = { "v" }, *text;
	DMatrixHandle m[] = { b->eval };
	if (XGBoosterEvalOneIter(b->h, iter, m, names, 1, &text) != 0)
		return fail(err, "evaluating");
	const char *at = strstr(text, "v-rmse:");
	if (!at) {
		buf_printf(err, "XGBoost, evaluating: unexpected answer '%s'", text);
		return -1;
	}
	*rmse = strtod(at + 7, NULL);
	return 0;
}

int booster_truncate(struct booster *b, int rounds, struct buf *err)
{
	BoosterHandle cut;
	int rc = XGBoosterSlice(b->h, 0, rounds, 1, &cut);
	if (rc != 0)
		return rc == -2 ? (buf_printf(err, "XGBoost: no round %d to cut at", rounds), -1)
			: fail(err, "cutting the model");
	XGBoosterFree(b->h);
	b->h = cut;
	return 0;
}

struct booster *booster_load(const char *json, size_t len, int threads, struct buf *err)
{
	struct booster *b = xcalloc(1, sizeof *b);
	b->threads = b->contrib_threads = threads;
	if (XGBoosterCreate(NULL, 0, &b->h) != 0) {
		fail(err, "making a booster");
		goto fail;
	}
	if (XGBoosterLoadModelFromBuffer(b->h, json, len) != 0) {
		fail(err, "loading the model");
		goto fail;
	}
	if (use_threads(b, threads, err) < 0)
		goto fail;
	return b;
fail:
	booster_free(b);
	return NULL;
}

int booster_save(struct booster *b, struct buf *out, struct buf *err)
{
	bst_ulong len;
	const char *data;
	if (XGBoosterSaveModelToBuffer(b->h, "{\"format\": \"json\"}", &len, &data) != 0)
		return fail(err, "saving the model");
	buf_add(out, data, len);
	return 0;
}

void booster_free(struct booster *b)
{
	if (!b)
		return;
	if (b->h)
		XGBoosterFree(b->h);
	if (b->train)
		XGDMatrixFree(b->train);
	if (b->eval)
		XGDMatrixFree(b->eval);
	free(b);
}

size_t booster_features(struct booster *b)
{
	bst_ulong n = 0;
	return XGBoosterGetNumFeature(b->h, &n) == 0 ? (size_t)n : 0;
}

/* Copies XGBoost's answer of want numbers to out; 0, or -1. */
static int take(const bst_ulong *shape, bst_ulong dim, const float *res, double *out, size_t want,
		struct buf *err)
{
	size_t n = 1;
	for (bst_ulong i = 0; i < dim; i++)
		n *= shape[i];
	if (n != want) {
		buf_printf(err, "XGBoost gave %zu numbers for %zu", n, want);
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		out[i] = res[i];
	return 0;
}

/* Each row's contributions and bias on m (want numbers) through a DMatrix:
 * XGBoost's inplace prediction gives values only. */
static int contributions(struct booster *b, const struct matrix *m, double *out, size_t want,
			 struct buf *err)
{
	DMatrixHandle dm;
	const bst_ulong *shape;
	bst_ulong dim;
	const float *res;
	static const char config[] = "{\"type\": 2, \"training\": false, \"iteration_begin\": 0,"
		" \"iteration_end\": 0, \"strict_shape\": false}";
	if (matrix_handle(m, NULL, b->threads, &dm, err) < 0)
		return -1;
	int rc = XGBoosterPredictFromDMatrix(b->h, dm, config, &shape, &dim, &res) != 0
		? fail(err, "predicting") : take(shape, dim, res, out, want, err);
	XGDMatrixFree(dm);
	return rc;
}

/* Values straight from the rows, as Python's inplace_predict does: no
 * DMatrix to build, which the thread that waits on XGBoost would pay for. */
int booster_predict(struct booster *b, const struct matrix *m, double *out, struct buf *err)
{
	char values[160];
	const bst_ulong *shape;
	bst_ulong dim;
	const float *res;
	static const char config[] = "{\"type\": 0, \"training\": false, \"iteration_begin\": 0,"
		" \"iteration_end\": 0, \"strict_shape\": false, \"missing\": NaN, \"cache_id\": 0}";
	snprintf(values, sizeof values, "{\"data\": [%ju, true], \"shape\": [%zu, %zu],"
		 " \"typestr\": \"<f4\", \"version\": 3}", (uintmax_t)(uintptr_t)m->x, m->rows, m->cols);
	if (XGBoosterPredictFromDense(b->h, values, config, NULL, &shape, &dim, &res) != 0)
		return fail(err, "predicting");
	return take(shape, dim, res, out, m->rows, err);
}

void booster_contrib_threads(struct booster *b, int threads)
{
	b->contrib_threads = threads;
}

int booster_contribs(struct booster *b, const struct matrix *m, double *out, struct buf *err)
{
	int other = b->contrib_threads != b->threads;
	if (other && use_threads(b, b->contrib_threads, err) < 0)
		return -1;
	int rc = contributions(b, m, out, m->rows * (m->cols + 1), err);
	if (other && use_threads(b, b->threads, err) < 0)
		return -1;
	return rc;
}
