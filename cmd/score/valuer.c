/* SPDX-License-Identifier: MIT */
/* The batched valuation stage (see valuer.h): gather fills one matrix row
 * and the deal facts per record; batch predicts, scores, and computes the
 * contributions of the records that will be written; finish writes the
 * keys. */
#include "valuer.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "deal_score.h"
#include "reasons.h"
#include "record_rules.h"
#include "xalloc.h"

struct valuer {
	struct avm *a;
	struct valuer_opts o;
	size_t cols;
	struct matrix x, picked;         /* the batch; the rows to explain */
	double *offset, *log_est, *nearby, *trees, *contrib;
	struct avm_where *where;
	struct deal_facts *facts;
	struct deal_score *score;
	long *explained;                 /* row in contrib, or -1 */
};

struct valuer *valuer_new(struct avm *a, const struct valuer_opts *o)
{
	struct valuer *v = xcalloc(1, sizeof *v);
	size_t n = VALUER_BATCH;
	v->a = a, v->o = *o;
	v->cols = a->spec->n;
	v->x = (struct matrix){ xcalloc(n * v->cols, sizeof(float)), 0, v->cols };
	v->picked = (struct matrix){ xcalloc(n * v->cols, sizeof(float)), 0, v->cols };
	v->offset = xcalloc(n, sizeof *v->offset);
	v->log_est = xcalloc(n, sizeof *v->log_est);
	v->nearby = xcalloc(n, sizeof *v->nearby);
	v->trees = xcalloc(n, sizeof *v->trees);
	v->contrib = xcalloc(n * (v->cols + 1), sizeof *v->contrib);
	v->where = xcalloc(n, sizeof *v->where);
	v->facts = xcalloc(n, sizeof *v->facts);
	v->score = xcalloc(n, sizeof *v->score);
	v->explained = xcalloc(n, sizeof *v->explained);
	return v;
}

void valuer_free(struct valuer *v)
{
	if (!v)
		return;
	free(v->x.x);
	free(v->picked.x);
	free(v->offset);
	free(v->log_est);
	free(v->nearby);
	free(v->trees);
	free(v->contrib);
	free(v->where);
	free(v->facts);
	free(v->score);
	free(v->explained);
	free(v);
}

static double coordinate(struct record *rec, const char *key)
{
	double x;
	return record_get_number(rec, key, &x) ? x : NAN;
}

static enum stage_verdict gather(struct stage *st, struct record *rec, struct buf *why)
{
	struct valuer *v = st->ctx;
	size_t i = st->slot;
	const char *bad = record_rules_check(rec);
	if (bad) {
		buf_adds(why, bad);
		return STAGE_REJECT;
	}
	if (spec_row(v->a->spec, rec, v->o.now, v->x.x + i * v->cols, &v->offset[i], why) < 0)
		return STAGE_REJECT;
	long day = spec_as_of(rec, v->o.now);
	double lat = coordinate(rec, "lat"), lon = coordinate(rec, "lon");
	v->where[i] = (struct avm_where){ lat, lon, day };
	if (isnan(lat) || isnan(lon))
		v->where[i].lat = v->where[i].lon = NAN;
	deal_facts_read(rec, day, &v->facts[i]);
	return STAGE_PASS;
}

/* The rows whose score makes --min, into picked; their contributions. */
static int explain(struct valuer *v, size_t n, struct buf *why)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		v->explained[i] = -1;
		if (v->score[i].value < v->o.min)
			continue;
		memcpy(v->picked.x + k * v->cols, v->x.x + i * v->cols, v->cols * sizeof(float));
		v->explained[i] = (long)k++;
	}
	v->picked.rows = k;
	return k ? booster_contribs(v->a->b, &v->picked, v->contrib, why) : 0;
}

static int batch(struct stage *st, size_t n, struct buf *why)
{
	struct valuer *v = st->ctx;
	v->x.rows = n;
	if (avm_estimate(v->a, &v->x, v->offset, v->where, v->log_est, v->nearby, v->trees,
			 why) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		double e = exp(v->log_est[i]);
		deal_score_compute(&v->facts[i], e, e * exp(v->a->q_lo), e * exp(v->a->q_hi),
				   &v->score[i]);
	}
	if (!v->o.reasons && !v->o.explain) {
		for (size_t i = 0; i < n; i++)
			v->explained[i] = -1;
		return 0;
	}
	return explain(v, n, why);
}

static json_t *dollars(double x)
{
	return json_integer((json_int_t)llround(x));
}

/* What the model saw and how its terms add up, for checking it by hand or
 * against another XGBoost: the inputs by name, the offset, the trees'
 * output and its per-feature contributions and bias (log dollars), the
 * neighbourhood correction. */
static json_t *explain_json(const struct valuer *v, size_t i, const double *contrib)
{
	const struct spec *s = v->a->spec;
	json_t *in = json_object(), *c = json_object();
	const float *row = v->x.x + i * v->cols;
	for (size_t f = 0; f < s->n; f++) {
		json_object_set_new(in, s->f[f].name, isnan(row[f]) ? json_null() : json_real(row[f]));
		json_object_set_new(c, s->f[f].name, json_real(contrib[f]));
	}
	return json_pack("{s:o, s:f, s:f, s:o, s:f, s:f}", "inputs", in, "offset", v->offset[i],
			 "trees", v->trees[i], "contributions", c, "bias", contrib[s->n],
			 "nearby", v->nearby[i]);
}

static json_t *valuation_json(const struct valuer *v, size_t i, double e, double base)
{
	json_t *o = json_object();
	json_object_set_new(o, "estimate", dollars(e));
	json_object_set_new(o, "low", dollars(e * exp(v->a->q_lo)));
	json_object_set_new(o, "high", dollars(e * exp(v->a->q_hi)));
	if (isfinite(base))
		json_object_set_new(o, "baseline", dollars(base));
	json_object_set_new(o, "model", json_string(v->a->version));
	(void)i;
	return o;
}

static double number_at(struct record *rec, const char *path)
{
	json_t *x = record_get_path(rec, path);
	return json_is_number(x) ? json_number_value(x) : NAN;
}

static enum stage_verdict finish(struct stage *st, struct record *rec, struct buf *why)
{
	struct valuer *v = st->ctx;
	size_t i = st->slot;
	(void)why;
	if (v->score[i].value < v->o.min)
		return STAGE_DROP;
	double e = exp(v->log_est[i]), base = NAN;
	json_t *reasons = NULL, *val;
	const double *contrib = NULL;
	if (v->explained[i] >= 0) {
		contrib = v->contrib + (size_t)v->explained[i] * (v->cols + 1);
		struct reason_terms t = { contrib, v->offset[i], v->nearby[i] };
		base = reasons_baseline(v->a, &t);
		if (v->o.reasons)
			reasons = reasons_json(v->a, rec, &t, e, v->o.reasons);
	}
	val = valuation_json(v, i, e, base);
	if (v->o.explain && contrib)
		json_object_set_new(val, "explain", explain_json(v, i, contrib));
	record_set(rec, "valuation", val);
	record_set(rec, "score", deal_score_json(&v->score[i], v->a->version, reasons));
	struct deal_input in = { v->facts[i].price, number_at(rec, "market.rent_est"),
				 number_at(rec, "assessor.tax_annual"), number_at(rec, "sqft"), e };
	json_t *deal = deal_build(&v->o.deal, &in);
	if (deal)
		record_set(rec, "deal", deal);
	return STAGE_PASS;
}

void valuer_attach(struct valuer *v, struct stage *st)
{
	st->record = gather;
	st->batch = batch;
	st->finish = finish;
	st->batch_size = VALUER_BATCH;
	st->ctx = v;
}
