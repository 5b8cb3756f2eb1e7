/* SPDX-License-Identifier: MIT */
/* Freezing a feature spec on the training records (see spec.h): category
 * codes ordered by the level's mean target, so that a tree splits them by
 * price level; the county's extra columns that most records carry; the
 * rotation centre; the median living area. */
#include "spec.h"
#include "spec_impl.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "strset.h"
#include "xalloc.h"

#define MIN_LEVEL 5           /* records a category level needs to get a code */
#define MAX_LEVELS 100        /* more distinct texts than this is not a category */
#define ID_CHECK 20000        /* values looked at to tell an id column */

struct level {
	char *text;
	double sum;
	size_t n;
};

/* The levels seen of one category, by text. */
struct levels {
	json_t *index;            /* text -> position in l */
	struct level *l;
	size_t n;
	int overflow;             /* more than MAX_LEVELS */
};

struct extra_column {
	char *key;
	size_t present, numbers, same_as_price;
	struct strset *seen;      /* the first ID_CHECK values */
	size_t distinct;
	struct levels levels;
};

struct values {
	double *v;
	size_t n, cap;
};

struct spec_learner {
	struct spec *s;
	struct levels *cats;      /* one per spec feature (FT_CATEGORY only) */
	size_t ncats;             /* the spec's features before extra columns joined */
	size_t *values;           /* per spec feature: records with a value */
	json_t *extra_index;      /* key -> position in extra */
	struct extra_column *extra;
	size_t nextra;
	struct values sqft, lat, lon;
	size_t records;
};

static void push(struct values *v, double x)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 1024;
		v->v = xrealloc(v->v, v->cap * sizeof *v->v);
	}
	v->v[v->n++] = x;
}

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* The median, or NAN of none; sorts v. */
static double median(struct values *v)
{
	if (!v->n)
		return NAN;
	qsort(v->v, v->n, sizeof *v->v, by_double);
	return v->n % 2 ? v->v[v->n / 2] : (v->v[v->n / 2 - 1] + v->v[v->n / 2]) / 2;
}

struct spec_learner *spec_learner_new(struct spec *s)
{
	struct spec_learner *l = xcalloc(1, sizeof *l);
	l->s = s;
	l->ncats = s->n;
	l->cats = xcalloc(s->n ? s->n : 1, sizeof *l->cats);
	l->values = xcalloc(s->n ? s->n : 1, sizeof *l->values);
	for (size_t i = 0; i < s->n; i++)
		l->cats[i].index = json_object();
	l->extra_index = json_object();
	return l;
}

static void levels_add(struct levels *ls, const char *text, double target)
{
	json_t *at = json_object_get(ls->index, text);
	if (!at && ls->n >= MAX_LEVELS) {
		ls->overflow = 1;
		return;
	}
	if (!at) {
		ls->l = xrealloc(ls->l, (ls->n + 1) * sizeof *ls->l);
		ls->l[ls->n] = (struct level){ .text = xstrdup(text) };
		json_object_set_new(ls->index, text, json_integer((json_int_t)ls->n));
		at = json_object_get(ls->index, text);
		ls->n++;
	}
	struct level *lv = &ls->l[json_integer_value(at)];
	if (isfinite(target))
		lv->sum += target, lv->n++;
}

static void levels_release(struct levels *ls)
{
	for (size_t i = 0; i < ls->n; i++)
		free(ls->l[i].text);
	free(ls->l);
	json_decref(ls->index);
}

static struct extra_column *extra_column(struct spec_learner *l, const char *key)
{
	json_t *at = json_object_get(l->extra_index, key);
	if (at)
		return &l->extra[json_integer_value(at)];
	l->extra = xrealloc(l->extra, (l->nextra + 1) * sizeof *l->extra);
	struct extra_column *c = &l->extra[l->nextra];
	*c = (struct extra_column){ .key = xstrdup(key), .seen = strset_new() };
	c->levels.index = json_object();
	json_object_set_new(l->extra_index, key, json_integer((json_int_t)l->nextra++));
	return c;
}

static void learn_extra(struct spec_learner *l, json_t *extra, double price, double target)
{
	const char *key;
	json_t *v;
	char num[32];
	json_object_foreach(extra, key, v) {
		double x;
		int rc = spec_number(v, &x);
		if (rc == 0)
			continue;
		struct extra_column *c = extra_column(l, key);
		const char *text = spec_category_text(v, num);
		c->present++;
		c->numbers += rc == 1;
		c->same_as_price += rc == 1 && x == price;
		if (text && c->present <= ID_CHECK)
			c->distinct += strset_add(c->seen, text);
		if (rc < 0 && text && !c->levels.overflow)
			levels_add(&c->levels, text, target);
	}
}

void spec_learn(struct spec_learner *l, struct record *rec, double log_price)
{
	const struct spec *s = l->s;
	double sqft, lat, lon, target = log_price;
	char num[32];
	int has_sqft = spec_number(record_get(rec, "sqft"), &sqft) == 1 && sqft > 0;
	if (has_sqft)
		push(&l->sqft, sqft);
	if (s->log_ppsf)
		target = has_sqft ? log_price - log(sqft) : NAN;
	l->records++;
	for (size_t i = 0; i < s->n; i++) {
		const struct feature *f = &s->f[i];
		if (f->transform == FT_ROTATE && spec_number(record_get_path(rec, f->path), &lat) == 1 &&
		    spec_number(record_get_path(rec, f->path2), &lon) == 1 && isfinite(lat) &&
		    isfinite(lon) && (lat != 0 || lon != 0)) {
			push(&l->lat, lat);
			push(&l->lon, lon);
			l->values[i]++;
		}
		json_t *v = spec_value(f, rec);
		if (f->transform != FT_ROTATE)
			l->values[i] += strcmp(f->path, "@as_of") == 0 || (v && !json_is_null(v));
		const char *text = f->transform == FT_CATEGORY ? spec_category_text(v, num) : NULL;
		if (text)
			levels_add(&l->cats[i], text, target);
	}
	if (s->extra_numeric || s->extra_categories)
		learn_extra(l, record_get(rec, "extra"), exp(log_price), target);
}

static int by_mean(const void *a, const void *b)
{
	const struct level *x = a, *y = b;
	double mx = x->sum / (double)x->n, my = y->sum / (double)y->n;
	if (mx != my)
		return (mx > my) - (mx < my);
	return strcmp(x->text, y->text);
}

/* The levels with enough records, cheapest first, as f's codes. */
static void freeze_levels(struct feature *f, struct levels *ls)
{
	struct level *keep = xcalloc(ls->n ? ls->n : 1, sizeof *keep);
	size_t n = 0;
	for (size_t i = 0; i < ls->n; i++)
		if (ls->l[i].n >= MIN_LEVEL)
			keep[n++] = ls->l[i];
	qsort(keep, n, sizeof *keep, by_mean);
	for (size_t i = 0; i < f->nlevels; i++)
		free(f->levels[i]);
	free(f->levels);
	f->levels = xcalloc(n ? n : 1, sizeof *f->levels);
	for (size_t i = 0; i < n; i++)
		f->levels[i] = xstrdup(keep[i].text);
	f->nlevels = n;
	spec_index_levels(f);
	free(keep);
}

static int has_name(const struct spec *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++)
		if (strcmp(s->f[i].name, name) == 0)
			return 1;
	return 0;
}

static int by_key(const void *a, const void *b)
{
	return strcmp(((const struct extra_column *)a)->key, ((const struct extra_column *)b)->key);
}

/* Why column c is left out, or NULL when it is taken (*category set). */
static const char *leave_out(const struct spec_learner *l, const struct extra_column *c,
			     int *category)
{
	const struct spec *s = l->s;
	*category = 0;
	if ((double)c->present < s->extra_min_share * (double)l->records)
		return "on too few records";
	if (c->same_as_price * 2 > c->present)
		return "the sale price itself";
	size_t looked = c->present < ID_CHECK ? c->present : ID_CHECK;
	if (c->distinct == looked && looked >= 50)
		return "an id: every value differs";
	if ((double)c->numbers >= 0.95 * (double)c->present)
		return s->extra_numeric ? NULL : "numeric columns are off";
	if (!s->extra_categories)
		return "category columns are off";
	if (c->levels.overflow)
		return "text with too many values";
	*category = 1;
	return NULL;
}

static void freeze_extra(struct spec_learner *l, struct buf *taken, struct buf *left)
{
	struct spec *s = l->s;
	char name[256];
	qsort(l->extra, l->nextra, sizeof *l->extra, by_key);
	for (size_t i = 0; i < l->nextra; i++) {
		struct extra_column *c = &l->extra[i];
		int category;
		const char *why = leave_out(l, c, &category);
		snprintf(name, sizeof name, "extra.%s", c->key);
		if (!why && has_name(s, name))
			why = "a feature has its name";
		if (why) {
			buf_printf(left, "%s'%s' (%s)", left->len ? ", " : "", c->key, why);
			continue;
		}
		struct feature *f = spec_add(s);
		f->name = xstrdup(name);
		f->label = xstrdup(c->key);
		f->path = xstrdup("extra");
		f->path2 = xstrdup(c->key);
		f->extra = 1;
		f->transform = category ? FT_CATEGORY : FT_NUMERIC;
		if (category)
			freeze_levels(f, &c->levels);
		buf_printf(taken, "%s'%s'%s", taken->len ? ", " : "", c->key,
			   category ? " (categories)" : "");
	}
}

static void learner_free(struct spec_learner *l)
{
	for (size_t i = 0; i < l->ncats; i++)
		if (l->cats[i].index)
			levels_release(&l->cats[i]);
	for (size_t i = 0; i < l->nextra; i++) {
		free(l->extra[i].key);
		strset_free(l->extra[i].seen);
		levels_release(&l->extra[i].levels);
	}
	free(l->cats);
	free(l->values);
	free(l->extra);
	json_decref(l->extra_index);
	free(l->sqft.v);
	free(l->lat.v);
	free(l->lon.v);
	free(l);
}

/* Leaves out (lenient) or refuses the features no record has a value for. */
static int drop_empty(struct spec_learner *l, int quiet, struct buf *err)
{
	struct spec *s = l->s;
	struct buf gone = BUF_INIT;
	size_t keep = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (l->values[i]) {
			s->f[keep++] = s->f[i];
			continue;
		}
		if (!s->skip_empty) {
			buf_printf(err, "feature '%s' reads '%s', which no training record has: fix "
				   "the path or leave the feature out", s->f[i].name,
				   s->f[i].extra ? s->f[i].path2 : s->f[i].path);
			buf_release(&gone);
			return -1;
		}
		buf_printf(&gone, "%s'%s'", gone.len ? ", " : "", s->f[i].name);
		spec_feature_release(&s->f[i]);
	}
	s->n = keep;
	if (gone.len && !quiet)
		fprintf(stderr, "%s: no training record has a value for %s: left out of the model\n",
			diag_prog(), gone.data);
	buf_release(&gone);
	return 0;
}

int spec_freeze(struct spec_learner *l, int quiet, struct buf *err)
{
	struct spec *s = l->s;
	struct buf taken = BUF_INIT, left = BUF_INIT;
	size_t n = s->n;
	double lat0 = median(&l->lat), lon0 = median(&l->lon);
	s->median_sqft = median(&l->sqft);
	if (s->log_ppsf && !(s->median_sqft > 0)) {
		s->log_ppsf = 0;
		if (!quiet)
			diag_error("no training record has 'sqft': the model learns the price, "
				  "not the price per square foot");
	}
	for (size_t i = 0; i < n; i++) {
		struct feature *f = &s->f[i];
		if (f->transform == FT_CATEGORY)
			freeze_levels(f, &l->cats[i]);
		if (f->transform == FT_ROTATE) {
			f->lat0 = isfinite(lat0) ? lat0 : 0, f->lon0 = isfinite(lon0) ? lon0 : 0;
			spec_rotation_ready(f);
		}
	}
	int rc = drop_empty(l, quiet, err);
	if (rc == 0 && (s->extra_numeric || s->extra_categories))
		freeze_extra(l, &taken, &left);
	if (!quiet && (taken.len || left.len))
		fprintf(stderr, "%s: the county's extra columns taken: %s; left out: %s\n", diag_prog(),
			taken.len ? taken.data : "none", left.len ? left.data : "none");
	s->frozen = 1;
	buf_release(&taken);
	buf_release(&left);
	learner_free(l);
	return rc;
}
