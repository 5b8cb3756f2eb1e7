/* SPDX-License-Identifier: MIT */
/* The feature spec (see spec.h): reading and writing it, and turning a
 * record into one row of model inputs. Learning and freezing it on the
 * training data is in spec_learn.c. */
#include "spec.h"
#include "spec_impl.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "daynum.h"
#include "jbuild.h"
#include "jscan.h"
#include "number.h"
#include "xalloc.h"

static const char *const transform_names[] = {
	[FT_NUMERIC] = "numeric", [FT_LOG] = "log", [FT_AGE] = "age", [FT_DATE] = "date",
	[FT_YEAR] = "year", [FT_MONTH] = "month", [FT_CATEGORY] = "category",
	[FT_MISSING] = "missing", [FT_ROTATE] = "rotate",
};
#define NTRANSFORMS (sizeof transform_names / sizeof transform_names[0])

static int transform_lookup(const char *name)
{
	for (size_t i = 0; i < NTRANSFORMS; i++)
		if (strcmp(transform_names[i], name) == 0)
			return (int)i;
	return -1;
}

static char *dup_or_null(json_t *v)
{
	return json_is_string(v) ? xstrdup(json_string_value(v)) : NULL;
}

void spec_feature_release(struct feature *f)
{
	free(f->name);
	free(f->label);
	free(f->path);
	free(f->path2);
	for (size_t i = 0; i < f->nlevels; i++)
		free(f->levels[i]);
	free(f->levels);
	free(f->sorted);
}

void spec_free(struct spec *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		spec_feature_release(&s->f[i]);
	free(s->f);
	free(s->where);
	free(s);
}

struct feature *spec_add(struct spec *s)
{
	s->f = xrealloc(s->f, (s->n + 1) * sizeof *s->f);
	struct feature *f = &s->f[s->n++];
	memset(f, 0, sizeof *f);
	return f;
}

static int by_level(const void *a, const void *b, void *levels)
{
	char **l = levels;
	return strcmp(l[*(const size_t *)a], l[*(const size_t *)b]);
}

void spec_index_levels(struct feature *f)
{
	free(f->sorted);
	f->sorted = xcalloc(f->nlevels ? f->nlevels : 1, sizeof *f->sorted);
	for (size_t i = 0; i < f->nlevels; i++)
		f->sorted[i] = i;
	qsort_r(f->sorted, f->nlevels, sizeof *f->sorted, by_level, f->levels);
}

static int load_levels(struct feature *f, json_t *levels, const char *where, struct buf *err)
{
	size_t i;
	json_t *v;
	f->nlevels = json_array_size(levels);
	f->levels = xcalloc(f->nlevels ? f->nlevels : 1, sizeof *f->levels);
	json_array_foreach(levels, i, v) {
		if (!json_is_string(v)) {
			buf_printf(err, "%s: feature '%s': 'levels' must be strings", where, f->name);
			return -1;
		}
		f->levels[i] = xstrdup(json_string_value(v));
	}
	spec_index_levels(f);
	return 0;
}

/* One feature of the spec's "features" array. */
static int load_feature(struct spec *s, json_t *j, size_t i, const char *where, struct buf *err)
{
	json_t *t = json_object_get(j, "transform");
	const char *path = json_string_value(json_object_get(j, "path"));
	if (!json_is_object(j) || !json_is_string(json_object_get(j, "name")) || !path || !*path) {
		buf_printf(err, "%s: feature %zu needs 'name' and 'path' (strings), e.g. "
			   "{\"name\": \"beds\", \"path\": \"beds\"}", where, i + 1);
		return -1;
	}
	struct feature *f = spec_add(s);
	f->name = dup_or_null(json_object_get(j, "name"));
	f->label = dup_or_null(json_object_get(j, "label"));
	f->path = xstrdup(path);
	f->path2 = dup_or_null(json_object_get(j, "path2"));
	f->extra = json_is_true(json_object_get(j, "extra"));
	int tr = t ? (json_is_string(t) ? transform_lookup(json_string_value(t)) : -1) : FT_NUMERIC;
	if (tr < 0) {
		buf_printf(err, "%s: feature '%s': 'transform' must be one of numeric, log, age, "
			   "date, year, month, category, missing, rotate", where, f->name);
		return -1;
	}
	f->transform = (enum feature_transform)tr;
	json_t *strict = json_object_get(j, "strict");
	f->strict = strict ? json_is_true(strict)
		: !f->extra && (tr == FT_NUMERIC || tr == FT_LOG || tr == FT_AGE);
	f->degrees = json_number_value(json_object_get(j, "degrees"));
	f->lat0 = json_number_value(json_object_get(j, "lat0"));
	f->lon0 = json_number_value(json_object_get(j, "lon0"));
	spec_rotation_ready(f);
	if (tr == FT_ROTATE && !f->path2) {
		buf_printf(err, "%s: feature '%s': a rotation needs 'path' (latitude) and 'path2' "
			   "(longitude)", where, f->name);
		return -1;
	}
	if (f->extra && !f->path2) {
		buf_printf(err, "%s: feature '%s': an extra column needs its name in 'path2'",
			   where, f->name);
		return -1;
	}
	json_t *levels = json_object_get(j, "levels");
	if (levels && !json_is_array(levels)) {
		buf_printf(err, "%s: feature '%s': 'levels' must be an array", where, f->name);
		return -1;
	}
	return levels ? load_levels(f, levels, where, err) : 0;
}

static int load_extra(struct spec *s, json_t *extra, const char *where, struct buf *err)
{
	if (!extra || json_is_false(extra))
		return 0;
	if (json_is_true(extra)) {
		s->extra_numeric = s->extra_categories = 1;
		s->extra_min_share = 0.5;
		return 0;
	}
	if (!json_is_object(extra)) {
		buf_printf(err, "%s: 'extra' must be false, true or {\"numeric\": true, "
			   "\"categories\": true, \"min_share\": 0.5}", where);
		return -1;
	}
	json_t *share = json_object_get(extra, "min_share");
	s->extra_numeric = json_is_true(json_object_get(extra, "numeric"));
	s->extra_categories = json_is_true(json_object_get(extra, "categories"));
	s->extra_min_share = share ? json_number_value(share) : 0.5;
	if (share && (!json_is_number(share) || s->extra_min_share <= 0 || s->extra_min_share > 1)) {
		buf_printf(err, "%s: 'extra.min_share' must be a number above 0, up to 1", where);
		return -1;
	}
	return 0;
}

struct spec *spec_from_json(json_t *j, const char *where, struct buf *err)
{
	struct spec *s = xcalloc(1, sizeof *s);
	s->where = xstrdup(where);
	json_t *features = json_object_get(j, "features");
	const char *target = json_string_value(json_object_get(j, "target"));
	size_t i;
	json_t *v;
	if (!json_is_object(j) || !json_is_array(features) || !json_array_size(features)) {
		buf_printf(err, "%s: a spec needs 'features', a non-empty array", where);
		goto fail;
	}
	if (target && strcmp(target, "log_ppsf") && strcmp(target, "log_price")) {
		buf_printf(err, "%s: 'target' must be \"log_ppsf\" or \"log_price\"", where);
		goto fail;
	}
	s->log_ppsf = !target || strcmp(target, "log_ppsf") == 0;
	json_array_foreach(features, i, v)
		if (load_feature(s, v, i, where, err) < 0)
			goto fail;
	for (size_t a = 0; a < s->n; a++)
		for (size_t b = a + 1; b < s->n; b++)
			if (strcmp(s->f[a].name, s->f[b].name) == 0) {
				buf_printf(err, "%s: two features are named '%s'", where, s->f[a].name);
				goto fail;
			}
	if (load_extra(s, json_object_get(j, "extra"), where, err) < 0)
		goto fail;
	s->frozen = json_is_true(json_object_get(j, "frozen"));
	s->skip_empty = json_is_true(json_object_get(j, "skip_empty"));
	s->median_sqft = json_number_value(json_object_get(j, "median_sqft"));
	return s;
fail:
	spec_free(s);
	return NULL;
}

static json_t *feature_json(const struct feature *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "name", json_string(f->name));
	if (f->label)
		json_object_set_new(o, "label", json_string(f->label));
	json_object_set_new(o, "path", json_string(f->path));
	if (f->path2)
		json_object_set_new(o, "path2", json_string(f->path2));
	if (f->extra)
		json_object_set_new(o, "extra", json_true());
	json_object_set_new(o, "transform", json_string(transform_names[f->transform]));
	json_object_set_new(o, "strict", json_boolean(f->strict));
	if (f->transform == FT_ROTATE) {
		json_object_set_new(o, "degrees", json_real(f->degrees));
		json_object_set_new(o, "lat0", json_real(f->lat0));
		json_object_set_new(o, "lon0", json_real(f->lon0));
	}
	if (f->transform == FT_CATEGORY) {
		json_t *l = json_array();
		for (size_t i = 0; i < f->nlevels; i++)
			json_array_append_new(l, json_string(f->levels[i]));
		json_object_set_new(o, "levels", l);
	}
	return o;
}

json_t *spec_to_json(const struct spec *s)
{
	json_t *o = json_object(), *fs = json_array();
	json_object_set_new(o, "target", json_string(s->log_ppsf ? "log_ppsf" : "log_price"));
	for (size_t i = 0; i < s->n; i++)
		json_array_append_new(fs, feature_json(&s->f[i]));
	json_object_set_new(o, "features", fs);
	if (s->frozen) {
		json_object_set_new(o, "frozen", json_true());
		json_object_set_new(o, "median_sqft", json_real(s->median_sqft));
	} else if (s->extra_numeric || s->extra_categories) {
		json_object_set_new(o, "extra", json_pack("{s:b, s:b, s:f}", "numeric",
				    s->extra_numeric, "categories", s->extra_categories,
				    "min_share", s->extra_min_share));
	}
	return o;
}

static long date_value(json_t *v)
{
	long day;
	const char *s = json_string_value(v);
	char ymd[DAYNUM_TEXT_LEN];
	if (!s || strlen(s) < 10)
		return LONG_MIN;
	memcpy(ymd, s, 10);
	ymd[10] = '\0';
	return daynum_parse(ymd, &day) == 0 ? day : LONG_MIN;
}

long spec_as_of(struct record *rec, long now)
{
	long day = date_value(record_get(rec, "sale_date"));
	if (day == LONG_MIN)
		day = date_value(record_get_path(rec, "market.as_of"));
	return day == LONG_MIN ? now : day;
}

json_t *spec_value(const struct feature *f, struct record *rec)
{
	if (f->extra)
		return json_object_get(record_get(rec, "extra"), f->path2);
	if (strcmp(f->path, "@as_of") == 0)
		return NULL;
	return record_get_path(rec, f->path);
}

/* A value as a number: numbers, booleans, and strings that are numbers
 * ("3", "$1,200"). 1 with *out set; 0 when absent or null; -1 when it is
 * something else. */
int spec_number(json_t *v, double *out)
{
	if (!v || json_is_null(v))
		return 0;
	if (json_is_number(v))
		return *out = json_number_value(v), 1;
	if (json_is_boolean(v))
		return *out = json_is_true(v), 1;
	const char *s = json_string_value(v);
	size_t len = s ? json_string_length(v) : 0;
	if (s && len == 0)
		return 0;
	if (s && number_parse(s, len, 1, out) == 0)
		return 1;
	return -1;
}

/* A value as category text: a string, or a number written as an integer
 * or %g. NULL when absent. */
const char *spec_category_text(json_t *v, char num[32])
{
	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(num, 32, "%lld", (long long)json_integer_value(v));
		return num;
	}
	if (json_is_real(v)) {
		snprintf(num, 32, "%g", json_real_value(v));
		return num;
	}
	if (json_is_boolean(v))
		return json_is_true(v) ? "true" : "false";
	return NULL;
}

static double category_code(const struct feature *f, json_t *v)
{
	char num[32];
	const char *s = spec_category_text(v, num);
	if (!s || !f->nlevels)
		return NAN;
	size_t lo = 0, hi = f->nlevels;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(s, f->levels[f->sorted[mid]]);
		if (c == 0)
			return (double)f->sorted[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NAN;
}

static double date_part(enum feature_transform t, long day)
{
	int y, m, d;
	if (day == LONG_MIN)
		return NAN;
	daynum_to_ymd(day, &y, &m, &d);
	if (t == FT_YEAR)
		return y;
	if (t == FT_MONTH)
		return m;
	return 1970 + (double)day / 365.2425;
}

void spec_rotation_ready(struct feature *f)
{
	double th = f->degrees * M_PI / 180;
	f->kx = cos(f->lat0 * M_PI / 180), f->ct = cos(th), f->st = sin(th);
}

/* One record's values that several features read, looked up once: the
 * members of its extra object, found in the text without building it (the
 * county's columns are a third of the inputs), and the coordinates of the
 * rotations (ten, by default). */
struct row {
	struct record *rec;
	long as_of;
	struct jscan_member *extra;    /* malloc'ed by jscan; freed by spec_row */
	size_t n_extra, extra_cap;
	int have_extra;
	json_t *built;                 /* the last extra value built, owned */
	const struct feature *geo;     /* whose path and path2 lat and lon are */
	double lat, lon;               /* NAN when not numbers */
};

/* The raw text of an extra member, or NULL when the record has none. */
static const struct jscan_member *extra_member(struct row *r, const struct feature *f)
{
	if (!r->have_extra) {
		size_t len, open, close;
		struct jscan_error err;
		const char *text = record_get_raw(r->rec, "extra", &len);
		r->have_extra = 1;
		if (!text || jscan_object(text, len, &r->extra, &r->extra_cap, &r->n_extra, &open,
					  &close, &err) != JSCAN_OK)
			r->n_extra = 0;
	}
	size_t n = strlen(f->path2);
	uint32_t h = jscan_hash(f->path2, n);
	for (size_t i = 0; i < r->n_extra; i++)
		if (r->extra[i].hash == h && jscan_key_is(&r->extra[i], f->path2, n))
			return &r->extra[i];
	return NULL;
}

static json_t *row_value(struct row *r, const struct feature *f)
{
	if (!f->extra)
		return spec_value(f, r->rec);
	const struct jscan_member *m = extra_member(r, f);
	if (!m)
		return NULL;
	json_decref(r->built);
	return r->built = jbuild_value(m->val, m->val_len);
}

/* spec_number of a value's JSON text, read from the text when it is a
 * number, a literal or a string without escapes: most inputs are, and
 * building them as values cost more than the model's trees. */
static int raw_number(const char *v, size_t n, double *out)
{
	if (v[0] == '"' && !memchr(v, '\\', n))
		return n == 2 ? 0 : number_parse(v + 1, n - 2, 1, out) == 0 ? 1 : -1;
	if (v[0] == 'n')
		return 0;
	if (v[0] == 't' || v[0] == 'f')
		return *out = v[0] == 't', 1;
	if (v[0] == '-' || (v[0] >= '0' && v[0] <= '9'))
		return *out = strtod(v, NULL), 1;   /* jscan saw a valid number, ended by , or } */
	json_t *built = jbuild_value(v, n);
	int rc = spec_number(built, out);
	json_decref(built);
	return rc;
}

/* spec_number of a feature's value. */
static int row_number(struct row *r, const struct feature *f, double *out)
{
	const char *v;
	size_t n;
	if (f->extra) {
		const struct jscan_member *m = extra_member(r, f);
		return m ? raw_number(m->val, m->val_len, out) : 0;
	}
	if (strchr(f->path, '.') || f->path[0] == '@')
		return spec_number(spec_value(f, r->rec), out);
	v = record_get_raw(r->rec, f->path, &n);
	return v ? raw_number(v, n, out) : 0;
}

static double rotate(const struct feature *f, struct row *r)
{
	if (!r->geo || strcmp(r->geo->path, f->path) || strcmp(r->geo->path2, f->path2)) {
		r->geo = f;
		if (spec_number(record_get_path(r->rec, f->path), &r->lat) != 1 ||
		    spec_number(record_get_path(r->rec, f->path2), &r->lon) != 1)
			r->lat = r->lon = NAN;
	}
	if (isnan(r->lat))
		return NAN;
	double x = (r->lon - f->lon0) * f->kx, y = r->lat - f->lat0;
	return x * f->ct + y * f->st;
}

/* One feature's input; NAN when missing. -1 when a strict value is not a number. */
static int feature_input(const struct feature *f, struct row *r, double *out, struct buf *why)
{
	double x;
	long as_of = r->as_of;
	*out = NAN;
	if (f->transform == FT_ROTATE)
		return *out = rotate(f, r), 0;
	int as_of_path = !f->extra && strcmp(f->path, "@as_of") == 0;
	switch (f->transform) {
	case FT_DATE: case FT_YEAR: case FT_MONTH:
		*out = date_part(f->transform, as_of_path ? as_of : date_value(row_value(r, f)));
		return 0;
	case FT_CATEGORY:
		*out = category_code(f, row_value(r, f));
		return 0;
	case FT_MISSING: {
		json_t *v = row_value(r, f);
		*out = !v || json_is_null(v);
		return 0;
	}
	default:
		break;
	}
	int rc = row_number(r, f, &x);
	if (rc < 0 && f->strict) {
		buf_printf(why, "'%s' (feature '%s') is not a number", f->extra ? f->path2 : f->path,
			   f->name);
		return -1;
	}
	if (rc != 1 || !isfinite(x))
		return 0;
	if (f->transform == FT_LOG)
		*out = x > 0 ? log(x) : NAN;
	else if (f->transform == FT_AGE) {
		int y, m, d;
		daynum_to_ymd(as_of, &y, &m, &d);
		*out = x >= 1600 && x <= y + 5 ? y - x : NAN;
	} else {
		*out = x;
	}
	return 0;
}

int spec_row(const struct spec *s, struct record *rec, long now, float *row, double *offset,
	     struct buf *why)
{
	struct row r = { .rec = rec, .as_of = spec_as_of(rec, now) };
	double x, sqft;
	int rc = 0;
	for (size_t i = 0; i < s->n && rc == 0; i++) {
		rc = feature_input(&s->f[i], &r, &x, why);
		row[i] = (float)x;
	}
	json_decref(r.built);
	free(r.extra);
	if (rc < 0)
		return -1;
	*offset = 0;
	if (s->log_ppsf)
		*offset = spec_number(record_get(rec, "sqft"), &sqft) == 1 && sqft > 0
			? log(sqft) : log(s->median_sqft > 0 ? s->median_sqft : 1);
	return 0;
}
