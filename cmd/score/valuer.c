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

/* One batch's buffers; there are two, so that one batch is valued while
 * the next is gathered (stage.h's batch_async). */
struct batch_set {
	struct matrix x, picked;         /* the batch; the rows to explain */
	double *offset, *log_est, *nearby, *trees, *contrib;
	double *lat, *lon;               /* NAN when unknown */
	long *day;                       /* valued as of */
	struct deal_facts *facts;
	struct deal_score *score;
	long *explained;                 /* row in contrib, or -1 */
};

struct valuer {
	struct avm *a;
	struct valuer_opts o;
	size_t cols;
	struct batch_set set[2];
	json_t *assumptions;             /* every deal's, made once */
};

static void set_init(struct batch_set *b, size_t cols)
{
	size_t n = VALUER_BATCH;
	b->x = (struct matrix){ xcalloc(n * cols, sizeof(float)), 0, cols };
	b->picked = (struct matrix){ xcalloc(n * cols, sizeof(float)), 0, cols };
	b->offset = xcalloc(n, sizeof *b->offset);
	b->log_est = xcalloc(n, sizeof *b->log_est);
	b->nearby = xcalloc(n, sizeof *b->nearby);
	b->lat = xcalloc(n, sizeof *b->lat);
	b->lon = xcalloc(n, sizeof *b->lon);
	b->day = xcalloc(n, sizeof *b->day);
	b->trees = xcalloc(n, sizeof *b->trees);
	b->contrib = xcalloc(n * (cols + 1), sizeof *b->contrib);
	b->facts = xcalloc(n, sizeof *b->facts);
	b->score = xcalloc(n, sizeof *b->score);
	b->explained = xcalloc(n, sizeof *b->explained);
}

static void set_release(struct batch_set *b)
{
	free(b->x.x);
	free(b->picked.x);
	free(b->offset);
	free(b->log_est);
	free(b->nearby);
	free(b->lat);
	free(b->lon);
	free(b->day);
	free(b->trees);
	free(b->contrib);
	free(b->facts);
	free(b->score);
	free(b->explained);
}

struct valuer *valuer_new(struct avm *a, const struct valuer_opts *o)
{
	struct valuer *v = xcalloc(1, sizeof *v);
	v->a = a, v->o = *o;
	v->cols = a->spec->n;
	set_init(&v->set[0], v->cols);
	set_init(&v->set[1], v->cols);
	v->assumptions = deal_assumptions_json(&o->deal);
	return v;
}

void valuer_free(struct valuer *v)
{
	if (!v)
		return;
	set_release(&v->set[0]);
	set_release(&v->set[1]);
	json_decref(v->assumptions);
	free(v);
}

static enum stage_verdict gather(struct stage *st, struct record *rec, struct buf *why)
{
	struct valuer *v = st->ctx;
	struct batch_set *b = &v->set[st->buffer];
	size_t i = st->slot;
	const char *bad = record_rules_check(rec);
	if (bad) {
		buf_adds(why, bad);
		return STAGE_REJECT;
	}
	if (spec_row(v->a->spec, rec, v->o.now, b->x.x + i * v->cols, &b->offset[i], why) < 0)
		return STAGE_REJECT;
	long day = spec_as_of(rec, v->o.now);
	b->lat[i] = record_path_number(rec, "lat"), b->lon[i] = record_path_number(rec, "lon");
	b->day[i] = day;
	if (i % 3 != 0)          /* two thirds of the corrections here: see batch() */
		b->nearby[i] = avm_nearby(v->a, b->lat[i], b->lon[i], day);
	deal_facts_read(rec, day, &b->facts[i]);
	return STAGE_PASS;
}

/* The rows whose score makes --min, into picked; their contributions. */
static int explain(struct valuer *v, struct batch_set *b, size_t n, struct buf *why)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		b->explained[i] = -1;
		if (b->score[i].value < v->o.min)
			continue;
		memcpy(b->picked.x + k * v->cols, b->x.x + i * v->cols, v->cols * sizeof(float));
		b->explained[i] = (long)k++;
	}
	b->picked.rows = k;
	return k ? booster_contribs(v->a->b, &b->picked, b->contrib, why) : 0;
}

/* On the stage's second thread: touches only set[buffer]. */
static int batch(struct stage *st, size_t buffer, size_t n, struct buf *why)
{
	struct valuer *v = st->ctx;
	struct batch_set *b = &v->set[buffer];
	b->x.rows = n;
	/* Every third row's correction: the others' were made as they were
	 * read, so that the two threads, the trees here and the JSON there,
	 * take about as long (measured: the trees alone are the longer; a
	 * half-and-half split was 3% slower on 100,000 listings). */
	for (size_t i = 0; i < n; i += 3)
		b->nearby[i] = avm_nearby(v->a, b->lat[i], b->lon[i], b->day[i]);
	if (avm_estimate(v->a, &b->x, b->offset, b->nearby, b->log_est, b->trees, why) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		double e = exp(b->log_est[i]);
		deal_score_compute(&b->facts[i], e, e * exp(v->a->q_lo), e * exp(v->a->q_hi),
				   &b->score[i]);
	}
	if (!v->o.reasons && !v->o.explain) {
		for (size_t i = 0; i < n; i++)
			b->explained[i] = -1;
		return 0;
	}
	return explain(v, b, n, why);
}

static json_t *dollars(double x)
{
	return json_integer((json_int_t)llround(x));
}

/* What the model saw and how its terms add up, for checking it by hand or
 * against another XGBoost: the inputs by name, the offset, the trees'
 * output and its per-feature contributions and bias (log dollars), the
 * neighbourhood correction. */
static json_t *explain_json(const struct valuer *v, const struct batch_set *b, size_t i,
			    const double *contrib)
{
	const struct spec *s = v->a->spec;
	json_t *in = json_object(), *c = json_object();
	const float *row = b->x.x + i * v->cols;
	for (size_t f = 0; f < s->n; f++) {
		json_object_set_new(in, s->f[f].name, isnan(row[f]) ? json_null() : json_real(row[f]));
		json_object_set_new(c, s->f[f].name, json_real(contrib[f]));
	}
	return json_pack("{s:o, s:f, s:f, s:o, s:f, s:f}", "inputs", in, "offset", b->offset[i],
			 "trees", b->trees[i], "contributions", c, "bias", contrib[s->n],
			 "nearby", b->nearby[i]);
}

static json_t *valuation_json(const struct valuer *v, double e, double base)
{
	json_t *o = json_object();
	json_object_set_new(o, "estimate", dollars(e));
	json_object_set_new(o, "low", dollars(e * exp(v->a->q_lo)));
	json_object_set_new(o, "high", dollars(e * exp(v->a->q_hi)));
	if (isfinite(base))
		json_object_set_new(o, "baseline", dollars(base));
	json_object_set_new(o, "model", json_string(v->a->version));
	return o;
}

static enum stage_verdict finish(struct stage *st, struct record *rec, struct buf *why)
{
	struct valuer *v = st->ctx;
	const struct batch_set *b = &v->set[st->buffer];
	size_t i = st->slot;
	(void)why;
	if (b->score[i].value < v->o.min)
		return STAGE_DROP;
	double e = exp(b->log_est[i]), base = NAN;
	json_t *reasons = NULL, *val;
	const double *contrib = NULL;
	if (b->explained[i] >= 0) {
		contrib = b->contrib + (size_t)b->explained[i] * (v->cols + 1);
		struct reason_terms t = { contrib, b->offset[i], b->nearby[i] };
		base = reasons_baseline(v->a, &t);
		if (v->o.reasons)
			reasons = reasons_json(v->a, rec, &t, e, v->o.reasons);
	}
	val = valuation_json(v, e, base);
	if (v->o.explain && contrib)
		json_object_set_new(val, "explain", explain_json(v, b, i, contrib));
	record_set(rec, "valuation", val);
	record_set(rec, "score", deal_score_json(&b->score[i], v->a->version, reasons));
	struct deal_input in = { b->facts[i].price, record_path_number(rec, "market.rent_est"),
				 record_path_number(rec, "assessor.tax_annual"), record_path_number(rec, "sqft"), e };
	json_t *deal = deal_build(&v->o.deal, v->assumptions, &in);
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
	st->batch_async = 1;
	st->ctx = v;
}
