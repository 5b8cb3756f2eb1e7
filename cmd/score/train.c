/* SPDX-License-Identifier: MIT */
/* score train (see train.h): read, cross-validate, fit the final trees,
 * tune, write the bundle, register it. */
#include "train.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "avm.h"
#include "clock.h"
#include "config.h"
#include "daynum.h"
#include "diag.h"
#include "file_replace.h"
#include "paths.h"
#include "registry.h"
#include "store.h"
#include "study_json.h"
#include "train_cv.h"
#include "train_set.h"
#include "train_tune.h"
#include "xalloc.h"

#define MIN_RECORDS 20

static const int depths[] = { 4, 6, 8, 0 };

/* The spec: --spec, else the tenant's, else the installed default. */
static struct spec *load_spec(const struct train_opts *o)
{
	struct buf err = BUF_INIT;
	char *path = o->spec ? xstrdup(o->spec) : cli_config_path(o->common, "avm-spec.json", NULL);
	json_t *j = config_load(path, &err);
	struct spec *s = j ? spec_from_json(j, path, &err) : NULL;
	if (!s && !o->spec)
		cli_config_hint(o->common, path, "--spec FILE", &err);
	if (!s)
		diag_error("%s", buf_cstr(&err));
	json_decref(j);
	free(path);
	buf_release(&err);
	return s;
}

static json_t *round_to(double v, double scale)
{
	return json_real(round(v * scale) / scale);
}

static json_t *correction_json(const struct tune_result *t)
{
	json_t *pts = json_array();
	for (size_t i = 0; i < t->npoints; i++) {
		const struct residual_point *p = &t->points[i];
		json_array_append_new(pts, json_pack("[o, o, I, o]", round_to(p->lat, 1e6),
						     round_to(p->lon, 1e6), (json_int_t)p->day,
						     round_to(p->r, 1e6)));
	}
	return json_pack("{s:b, s:i, s:f, s:f, s:f, s:f, s:o}", "used", t->corrected,
			 "k", t->rp.k, "radius_mi", t->rp.radius_mi,
			 "bandwidth_mi", t->rp.bandwidth_mi, "tau_days", t->rp.tau_days,
			 "shrink", t->rp.shrink, "points", pts);
}

static json_t *metrics_json(const struct tune_result *t)
{
	return json_pack("{s:o, s:o, s:o}", "cv", study_json(&t->final),
			 "trees_only", study_json(&t->raw), "with_correction", study_json(&t->nearby));
}

/* The bundle's first line; its version is the hash of the rest. */
static char *describe(const struct train_opts *o, const struct train_set *ts,
		      const struct cv_result *cv, const struct tune_result *t,
		      const struct buf *model, char version[32])
{
	json_t *d = json_pack("{s:s, s:s, s:s, s:I, s:I, s:i, s:i}", "format", AVM_FORMAT,
			      "version", "", "data_sha256", ts->sha256, "records", (json_int_t)ts->n,
			      "rejected", (json_int_t)ts->rejected, "seed", (int)o->seed,
			      "folds", o->folds);
	json_object_set_new(d, "trees", json_pack("{s:i, s:f, s:i}", "depth", cv->params.depth,
						  "eta", cv->params.eta, "rounds", cv->rounds));
	json_object_set_new(d, "spec", spec_to_json(ts->spec));
	json_object_set_new(d, "metrics", metrics_json(t));
	json_object_set_new(d, "calibration", json_pack("{s:o, s:o}", "center",
			    round_to(t->cal_center, 1e9), "slope", round_to(t->cal_slope, 1e9)));
	json_object_set_new(d, "range", json_pack("{s:o, s:o, s:f}", "q10", round_to(t->q_lo, 1e9),
						  "q90", round_to(t->q_hi, 1e9), "coverage", 0.8));
	json_object_set_new(d, "correction", correction_json(t));
	size_t flags = JSON_COMPACT | JSON_REAL_PRECISION(12);
	char *text = json_dumps(d, flags), hex[DIGEST_HEX_LEN];
	struct digest *dg = digest_new();
	digest_update(dg, text, strlen(text));
	digest_update(dg, model->data, model->len);
	digest_hex(dg, hex);
	digest_free(dg);
	free(text);
	snprintf(version, 32, "avm-%.12s", hex);
	json_object_set_new(d, "version", json_string(version));
	text = json_dumps(d, flags);
	json_decref(d);
	return text;
}

/* Writes the bundle to the models directory (and -o); its path. */
static char *save(const struct train_opts *o, const char *desc, const struct buf *model,
		  const char *version, struct buf *err)
{
	struct buf b = BUF_INIT, name = BUF_INIT;
	buf_printf(&b, "%s\n", desc);
	buf_add(&b, model->data, model->len);
	buf_addc(&b, '\n');
	char *data = cli_data_dir(o->common), *dir = paths_join(data, "models");
	buf_printf(&name, "%s.avm", version);
	char *path = paths_join(dir, name.data);
	int rc = paths_mkdirs(dir, 0777);
	if (rc < 0)
		buf_printf(err, "cannot make '%s'", dir);
	if (rc == 0)
		rc = file_replace(path, b.data, b.len, err);
	if (rc == 0 && o->out)
		rc = file_replace(o->out, b.data, b.len, err);
	if (rc == 0)
		rc = file_sync_dir(dir, err);
	free(data);
	free(dir);
	buf_release(&b);
	buf_release(&name);
	if (rc < 0) {
		free(path);
		return NULL;
	}
	return path;
}

static int record(const struct train_opts *o, const struct train_set *ts,
		  const struct tune_result *t, const char *version, const char *file)
{
	struct buf err = BUF_INIT;
	char now[CLOCK_RFC3339_LEN];
	clock_format(clock_now(), now);
	json_t *study = study_json(&t->final);
	char *metrics = json_dumps(study, JSON_COMPACT | JSON_REAL_PRECISION(12));
	json_decref(study);
	struct registry_entry e = { version, file, now, ts->sha256, (long)ts->n, metrics, 0 };
	struct store *s = cli_open_store(o->common, &registry_schema);
	int activated, rc = registry_add(s, &e, &activated, &err);
	if (rc < 0)
		diag_error("%s", buf_cstr(&err));
	if (store_close(s) < 0)
		rc = -1;
	if (rc == 0 && !o->common->quiet)
		fprintf(stderr, "%s: model %s: %zu sales; cross-validated MdAPE %.2f%%, COD %.2f, "
			"PRD %.3f, PRB %.3f; in %s%s\n", diag_prog(), version, ts->n,
			100 * t->final.mdape, t->final.cod, t->final.prd, t->final.prb, file,
			activated ? "; active (the first model)" : "; make it the active one with "
			"'score activate VERSION'");
	free(metrics);
	buf_release(&err);
	return rc;
}

static int fit(const struct train_opts *o, struct train_set *ts)
{
	struct cv_options cvo = { .folds = o->folds, .seed = o->seed, .threads = o->threads,
				  .quiet = o->common->quiet,
				  .progress = !o->common->quiet && isatty(STDERR_FILENO), .depths = depths, .eta = 0.05,
				  .max_rounds = 5000, .patience = 100 };
	struct cv_result cv;
	struct tune_result t;
	struct buf err = BUF_INIT, model = BUF_INIT;
	char version[32], *desc = NULL, *file = NULL;
	int status = EX_SOFTWARE;
	if (train_cv(ts, &cvo, &cv, &err) < 0) {
		diag_error("%s", buf_cstr(&err));
		goto out_cv;
	}
	struct booster *b = train_final(ts, &cv, &err);
	if (!b || booster_save(b, &model, &err) < 0) {
		diag_error("%s", buf_cstr(&err));
		booster_free(b);
		goto out_cv;
	}
	booster_free(b);
	train_tune(ts, cv.oof, o->common->quiet, &t);
	desc = describe(o, ts, &cv, &t, &model, version);
	file = save(o, desc, &model, version, &err);
	if (!file) {
		diag_error("%s", buf_cstr(&err));
		status = EX_CANTCREAT;
	} else {
		status = record(o, ts, &t, version, file) < 0 ? EX_IOERR : 0;
	}
	tune_result_release(&t);
	free(desc);
	free(file);
out_cv:
	cv_result_release(&cv);
	buf_release(&model);
	buf_release(&err);
	return status;
}

int train_run(const struct train_opts *o)
{
	struct spec *spec = load_spec(o);
	if (!spec)
		return EX_CONFIG;
	struct train_set ts;
	long now = daynum_from_time(clock_now());
	int status = train_set_read(&ts, spec, o->common, o->files, o->nfiles, now);
	size_t need = (size_t)(2 * o->folds) > MIN_RECORDS ? (size_t)(2 * o->folds) : MIN_RECORDS;
	if (!status && ts.n < need) {
		diag_error("%zu sold records are too few to train on: %d-fold cross-validation "
			   "needs %zu or more", ts.n, o->folds, need);
		status = EX_DATAERR;
	}
	if (!status)
		status = fit(o, &ts);
	if (!status && ts.rejected)
		status = EX_DATAERR;
	train_set_release(&ts);
	spec_free(spec);
	return status;
}
