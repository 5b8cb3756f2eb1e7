/* SPDX-License-Identifier: MIT */
/* score eval (see eval.h): the records are valued in batches like score's,
 * each estimate kept with its sale price and ZIP, then studied. */
#include "eval.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "diag.h"
#include "ratio_study.h"
#include "record_rules.h"
#include "stage.h"
#include "study_json.h"
#include "xalloc.h"

#define BATCH 4096

struct sale {
	double estimate, price;
	char zip[6];
};

struct eval {
	struct avm *a;
	long now;
	struct matrix x;
	double *offset, *log_est;
	double *nearby;
	struct sale *batch;
	struct sale *all;
	size_t n, cap;
};

static enum stage_verdict gather(struct stage *st, struct record *rec, struct buf *why)
{
	struct eval *e = st->ctx;
	size_t i = st->slot;
	double price;
	const char *bad = record_rules_check(rec);
	if (bad)
		return buf_adds(why, bad), STAGE_REJECT;
	if (!record_get_number(rec, "sale_price", &price) || !(price > 0) ||
	    !record_get_string(rec, "sale_date"))
		return buf_adds(why, "not a sold record (no 'sale_price' above 0 and 'sale_date'): "
				"score eval compares estimates with sale prices"), STAGE_REJECT;
	size_t cols = e->a->spec->n;
	if (spec_row(e->a->spec, rec, e->now, e->x.x + i * cols, &e->offset[i], why) < 0)
		return STAGE_REJECT;
	e->nearby[i] = avm_nearby(e->a, record_path_number(rec, "lat"),
				  record_path_number(rec, "lon"), spec_as_of(rec, e->now));
	const char *zip = json_string_value(record_get_path(rec, "address.zip"));
	e->batch[i].price = price;
	snprintf(e->batch[i].zip, sizeof e->batch[i].zip, "%s",
		 zip && strlen(zip) == 5 ? zip : "");
	return STAGE_PASS;
}

static int batch(struct stage *st, size_t buffer, size_t n, struct buf *why)
{
	(void)buffer;             /* one set: eval runs its batches in turn */
	struct eval *e = st->ctx;
	e->x.rows = n;
	if (avm_estimate(e->a, &e->x, e->offset, e->nearby, e->log_est, NULL, why) < 0)
		return -1;
	if (e->n + n > e->cap) {
		e->cap = (e->n + n) * 2;
		e->all = xrealloc(e->all, e->cap * sizeof *e->all);
	}
	for (size_t i = 0; i < n; i++) {
		e->batch[i].estimate = exp(e->log_est[i]);
		e->all[e->n++] = e->batch[i];
	}
	return 0;
}

static enum stage_verdict finish(struct stage *st, struct record *rec, struct buf *why)
{
	(void)st, (void)rec, (void)why;
	return STAGE_DROP;
}

static int by_zip(const void *a, const void *b)
{
	return strcmp(((const struct sale *)a)->zip, ((const struct sale *)b)->zip);
}

static void study_of(const struct sale *s, size_t n, struct ratio_study *rs)
{
	double *a = xcalloc(n ? n : 1, sizeof *a), *p = xcalloc(n ? n : 1, sizeof *p);
	for (size_t i = 0; i < n; i++)
		a[i] = s[i].estimate, p[i] = s[i].price;
	ratio_study(a, p, n, rs);
	free(a);
	free(p);
}

static void emit(struct buf *out, int json, const char *model, const char *zip,
		 const struct ratio_study *rs)
{
	if (!json) {
		char first[16];
		snprintf(first, sizeof first, "%s%s", zip ? "ZIP " : "all", zip ? zip : "");
		study_row(out, first, 10, rs);
		return;
	}
	json_t *o = json_pack("{s:s, s:s}", "model", model, "group", zip ? "zip" : "all");
	if (zip)
		json_object_set_new(o, "zip", json_string(zip));
	json_object_update_new(o, study_json(rs));
	char *text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(10));
	buf_printf(out, "%s\n", text);
	free(text);
	json_decref(o);
}

/* The whole study, then each ZIP with EVAL_ZIP_MIN sales or more. */
static void report(struct eval *e, int json, struct buf *out)
{
	struct ratio_study rs;
	if (!json)
		study_heading(out, "group", 10);
	study_of(e->all, e->n, &rs);
	emit(out, json, e->a->version, NULL, &rs);
	qsort(e->all, e->n, sizeof *e->all, by_zip);
	for (size_t i = 0, j; i < e->n; i = j) {
		for (j = i; j < e->n && strcmp(e->all[j].zip, e->all[i].zip) == 0; j++)
			;
		if (!*e->all[i].zip || j - i < EVAL_ZIP_MIN)
			continue;
		study_of(e->all + i, j - i, &rs);
		emit(out, json, e->a->version, e->all[i].zip, &rs);
	}
}

int eval_run(const struct cli_common *c, struct avm *a, char *const *files, int nfiles,
	     int json, long now)
{
	struct eval e = { .a = a, .now = now };
	size_t cols = a->spec->n;
	e.x = (struct matrix){ xcalloc(BATCH * cols, sizeof(float)), 0, cols };
	e.offset = xcalloc(BATCH, sizeof *e.offset);
	e.log_est = xcalloc(BATCH, sizeof *e.log_est);
	e.nearby = xcalloc(BATCH, sizeof *e.nearby);
	e.batch = xcalloc(BATCH, sizeof *e.batch);
	struct cli_common quiet = *c;
	quiet.quiet = 1;
	struct stage st = { .common = &quiet, .record = gather, .batch = batch, .finish = finish,
			    .batch_size = BATCH, .ctx = &e };
	int status = stage_run(&st, files, nfiles);
	struct buf out = BUF_INIT;
	if (e.n >= 2 && status != EX_IOERR && status != EX_SOFTWARE) {
		report(&e, json, &out);
		fwrite(out.data, 1, out.len, stdout);
	} else if (e.n < 2 && (status == 0 || status == EX_DATAERR)) {
		diag_error("%zu sold record%s valued: a ratio study needs 2 or more", e.n,
			   e.n == 1 ? "" : "s");
		status = EX_DATAERR;
	}
	if (!c->quiet)
		fprintf(stderr, "%s: evaluated model %s on %zu sales, %lu rejected\n", diag_prog(),
			a->version, e.n, st.rejected);
	int out_status = stage_close_stdout();
	buf_release(&out);
	free(e.x.x);
	free(e.offset);
	free(e.log_est);
	free(e.nearby);
	free(e.batch);
	free(e.all);
	return status ? status : out_status;
}
