/* SPDX-License-Identifier: MIT */
/* Dollar reasons from log contributions (see reasons.h). */
#include "reasons.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

#define NEARBY_LABEL "Recent sales nearby"
#define SQFT_LABEL "Living area"

struct group {
	const char *label, *feature;
	json_t *value;                 /* borrowed from the record */
	int reads;                     /* a feature reads a record value: say when it has none */
	double d, effect;
	long long dollars;
};

static double ln_median_sqft(const struct avm *a)
{
	return a->spec->log_ppsf && a->spec->median_sqft > 0 ? log(a->spec->median_sqft) : 0;
}

double reasons_baseline(const struct avm *a, const struct reason_terms *t)
{
	double z = t->contrib[a->spec->n] + ln_median_sqft(a);
	return exp(a->cal_center + a->cal_slope * (z - a->cal_center));
}

static struct group *group_of(struct group *g, size_t *n, const char *label, const char *feature)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp(g[i].label, label) == 0)
			return &g[i];
	g[*n] = (struct group){ .label = label, .feature = feature };
	return &g[(*n)++];
}

static int is_sqft(const struct feature *f)
{
	return !f->extra && strcmp(f->path, "sqft") == 0;
}

/* The terms grouped by label, in the spec's order. */
static size_t gather(const struct avm *a, struct record *rec, const struct reason_terms *t,
		     struct group *g)
{
	const struct spec *s = a->spec;
	size_t n = 0;
	int sqft_done = 0;
	for (size_t i = 0; i < s->n; i++) {
		const struct feature *f = &s->f[i];
		struct group *gr = group_of(g, &n, f->label ? f->label : f->name, f->name);
		gr->d += t->contrib[i];
		json_t *v = spec_value(f, rec);
		gr->reads |= f->extra || strcmp(f->path, "@as_of") != 0;
		if (!gr->value && v && !json_is_null(v))
			gr->value = v;
		if (is_sqft(f) && s->log_ppsf && !sqft_done) {
			gr->d += t->offset - ln_median_sqft(a);
			sqft_done = 1;
		}
	}
	if (s->log_ppsf && !sqft_done) {
		struct group *gr = group_of(g, &n, SQFT_LABEL, "sqft");
		gr->d += t->offset - ln_median_sqft(a);
		gr->value = record_get(rec, "sqft");
	}
	if (t->nearby != 0)
		group_of(g, &n, NEARBY_LABEL, "nearby_sales")->d += t->nearby;
	return n;
}

static int by_size(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	double ax = fabs((double)x->dollars), ay = fabs((double)y->dollars);
	if (ax != ay)
		return (ax < ay) - (ax > ay);
	return strcmp(x->label, y->label);
}

/* A value as the reason's text shows it: 2,310 sq ft is "2310"; numbers of
 * five digits and more get separators (years do not). */
static void value_text(struct buf *b, json_t *v)
{
	if (json_is_string(v)) {
		buf_adds(b, json_string_value(v));
		return;
	}
	double x = json_number_value(v);
	if (!json_is_number(v) || !isfinite(x))
		return;
	if (x != floor(x) || fabs(x) >= 1e15) {
		buf_printf(b, "%.4g", x);
		return;
	}
	char digits[32];
	int len = snprintf(digits, sizeof digits, "%lld", llabs((long long)x));
	if (x < 0)
		buf_addc(b, '-');
	for (int i = 0; i < len; i++) {
		buf_addc(b, digits[i]);
		if (len >= 5 && i < len - 1 && (len - 1 - i) % 3 == 0)
			buf_addc(b, ',');
	}
}

static json_t *reason(const struct group *g, struct buf *tmp)
{
	json_t *o = json_object();
	json_object_set_new(o, "feature", json_string(g->feature));
	json_object_set_new(o, "label", json_string(g->label));
	if (g->value)
		json_object_set(o, "value", g->value);
	json_object_set_new(o, "effect", json_integer((json_int_t)g->dollars));
	buf_reset(tmp);
	buf_adds(tmp, g->label);
	if (g->value && (json_is_string(g->value) || json_is_number(g->value))) {
		buf_adds(tmp, ": ");
		value_text(tmp, g->value);
	} else if (g->reads && !g->value) {
		/* the trees value a missing input too: say it is why */
		buf_adds(tmp, ": not known");
	}
	json_object_set_new(o, "why", json_string(buf_cstr(tmp)));
	return o;
}

json_t *reasons_json(const struct avm *a, struct record *rec, const struct reason_terms *t,
		     double estimate, int max)
{
	struct group *g = xcalloc(a->spec->n + 2, sizeof *g);
	struct buf tmp = BUF_INIT;
	size_t n = gather(a, rec, t, g);
	double base = reasons_baseline(a, t);
	double gap = log(estimate) - log(base);
	double lmean = fabs(gap) < 1e-12 ? estimate : (estimate - base) / gap;
	long long total = llround(estimate) - llround(base), sum = 0;
	for (size_t i = 0; i < n; i++) {
		g[i].effect = lmean * a->cal_slope * g[i].d;
		g[i].dollars = llround(g[i].effect);
		sum += g[i].dollars;
	}
	qsort(g, n, sizeof *g, by_size);
	if (n)
		g[0].dollars += total - sum;   /* the rounding, on the largest */
	json_t *arr = json_array();
	size_t shown = n > (size_t)max ? (size_t)max : n;
	for (size_t i = 0; i < shown; i++)
		if (g[i].dollars != 0 || i == 0)
			json_array_append_new(arr, reason(&g[i], &tmp));
	if (shown < n) {
		struct group other = { .label = "Other features", .feature = "other" };
		for (size_t i = shown; i < n; i++)
			other.dollars += g[i].dollars;
		json_array_append_new(arr, reason(&other, &tmp));
	}
	buf_release(&tmp);
	free(g);
	return arr;
}
