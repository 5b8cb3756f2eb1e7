/* SPDX-License-Identifier: MIT */
/* Loading a model bundle and estimating with it (see avm.h). */
#include "avm.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fileio.h"
#include "xalloc.h"

static double number(json_t *obj, const char *key, int *ok)
{
	json_t *v = json_object_get(obj, key);
	if (!json_is_number(v))
		*ok = 0;
	return json_number_value(v);
}

/* The correction's parameters and points; 0, or -1. */
static int load_correction(struct avm *a, json_t *c)
{
	int ok = json_is_object(c);
	json_t *pts = json_object_get(c, "points");
	a->corrected = json_is_true(json_object_get(c, "used"));
	a->rp.k = (int)number(c, "k", &ok);
	a->rp.radius_mi = number(c, "radius_mi", &ok);
	a->rp.bandwidth_mi = number(c, "bandwidth_mi", &ok);
	a->rp.tau_days = number(c, "tau_days", &ok);
	a->rp.shrink = number(c, "shrink", &ok);
	if (!ok || !json_is_array(pts) || (a->corrected && (a->rp.k < 1 || a->rp.k > 64 ||
							    !(a->rp.bandwidth_mi > 0))))
		return -1;
	size_t n = json_array_size(pts), i;
	struct residual_point *p = xcalloc(n ? n : 1, sizeof *p);
	json_t *v;
	json_array_foreach(pts, i, v) {
		if (json_array_size(v) != 4) {
			free(p);
			return -1;
		}
		p[i] = (struct residual_point){ json_number_value(json_array_get(v, 0)),
						json_number_value(json_array_get(v, 1)),
						(long)json_integer_value(json_array_get(v, 2)),
						json_number_value(json_array_get(v, 3)) };
	}
	a->ri = residual_index_new(p, n);
	free(p);
	return 0;
}

static int load_desc(struct avm *a, json_t *d, const char *path, struct buf *err)
{
	int ok = 1;
	json_t *cal = json_object_get(d, "calibration"), *range = json_object_get(d, "range");
	const char *format = json_string_value(json_object_get(d, "format"));
	const char *version = json_string_value(json_object_get(d, "version"));
	if (!format || strcmp(format, AVM_FORMAT) != 0 || !version) {
		buf_printf(err, "%s: not a birddog model bundle (no \"format\": \"%s\" and "
			   "\"version\" on its first line)", path, AVM_FORMAT);
		return -1;
	}
	a->version = xstrdup(version);
	a->spec = spec_from_json(json_object_get(d, "spec"), path, err);
	if (!a->spec)
		return -1;
	if (!a->spec->frozen) {
		buf_printf(err, "%s: the bundle's spec is not frozen (was the bundle edited?)", path);
		return -1;
	}
	a->cal_center = number(cal, "center", &ok);
	a->cal_slope = number(cal, "slope", &ok);
	a->q_lo = number(range, "q10", &ok);
	a->q_hi = number(range, "q90", &ok);
	if (!ok || load_correction(a, json_object_get(d, "correction")) < 0) {
		buf_printf(err, "%s: the bundle's calibration, range or correction is missing or "
			   "malformed", path);
		return -1;
	}
	return 0;
}

struct avm *avm_load(const char *path, int threads, struct buf *err)
{
	struct buf text = BUF_INIT;
	json_error_t je;
	struct avm *a = xcalloc(1, sizeof *a);
	if (fileio_read(path, &text) < 0) {
		buf_printf(err, "cannot read model '%s': %s", path, strerror(errno));
		goto fail;
	}
	char *nl = text.len ? memchr(text.data, '\n', text.len) : NULL;
	if (!nl) {
		buf_printf(err, "%s: not a birddog model bundle (two JSON lines: the description, "
			   "then the XGBoost model)", path);
		goto fail;
	}
	a->desc = json_loadb(text.data, (size_t)(nl - text.data), 0, &je);
	if (!a->desc) {
		buf_printf(err, "%s:1: %s", path, je.text);
		goto fail;
	}
	if (load_desc(a, a->desc, path, err) < 0)
		goto fail;
	size_t rest = text.len - (size_t)(nl + 1 - text.data);
	a->b = booster_load(nl + 1, rest, threads, err);
	if (!a->b) {
		buf_printf(err, " (in '%s', line 2)", path);
		goto fail;
	}
	if (booster_features(a->b) != a->spec->n) {
		buf_printf(err, "%s: the model has %zu inputs, its spec %zu", path,
			   booster_features(a->b), a->spec->n);
		goto fail;
	}
	buf_release(&text);
	return a;
fail:
	buf_release(&text);
	avm_free(a);
	return NULL;
}

void avm_free(struct avm *a)
{
	if (!a)
		return;
	free(a->version);
	json_decref(a->desc);
	spec_free(a->spec);
	booster_free(a->b);
	residual_index_free(a->ri);
	free(a);
}

double avm_nearby(const struct avm *a, double lat, double lon, long day)
{
	if (!a->corrected || isnan(lat) || isnan(lon))
		return 0;
	return residual_correct(a->ri, &a->rp, lat, lon, day, NULL);
}

int avm_estimate(struct avm *a, const struct matrix *x, const double *offset,
		 const double *nearby, double *log_est, double *trees, struct buf *err)
{
	if (booster_predict(a->b, x, log_est, err) < 0)
		return -1;
	for (size_t i = 0; i < x->rows; i++) {
		if (trees)
			trees[i] = log_est[i];
		double l = offset[i] + log_est[i] + nearby[i];
		log_est[i] = a->cal_center + a->cal_slope * (l - a->cal_center);
	}
	return 0;
}
