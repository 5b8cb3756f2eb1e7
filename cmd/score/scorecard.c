/* SPDX-License-Identifier: MIT */
/* A transparent scorecard (see scorecard.h). A numeric rule scales its points
 * linearly as the value goes from "from" to "to" (clamped); booleans count as
 * 0 and 1; an "equals" rule gives its points when a string value matches. */
#include "scorecard.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "xalloc.h"

struct rule {
	const char *feature, *why, *equals;   /* borrowed from the scorecard's json */
	double from, to, points;
};

/* One rule's reason while a record is scored. */
struct reason {
	double points;
	json_t *obj;
};

struct scorecard {
	json_t *json;
	const char *model;
	double base;
	struct rule *rules;
	size_t n;
	struct reason *reasons;   /* n slots, reused for every record */
};

static int load_rule(json_t *j, struct rule *r, size_t i, const char *path, struct buf *err)
{
	json_t *from = json_object_get(j, "from"), *to = json_object_get(j, "to");
	r->feature = json_string_value(json_object_get(j, "feature"));
	r->why = json_string_value(json_object_get(j, "why"));
	r->equals = json_string_value(json_object_get(j, "equals"));
	r->points = json_number_value(json_object_get(j, "points"));
	if (!r->feature || !json_is_number(json_object_get(j, "points"))) {
		buf_printf(err, "%s: rule %zu needs 'feature' (string) and 'points' (number)", path, i + 1);
		return -1;
	}
	if (!r->equals && (!json_is_number(from) || !json_is_number(to) ||
			   json_number_value(from) == json_number_value(to))) {
		buf_printf(err, "%s: rule %zu ('%s') needs numbers 'from' and 'to' that differ, or 'equals'",
			   path, i + 1, r->feature);
		return -1;
	}
	r->from = json_number_value(from);
	r->to = json_number_value(to);
	return 0;
}

struct scorecard *scorecard_load(const char *path, struct buf *err)
{
	json_t *j = config_load(path, err);
	if (!j)
		return NULL;
	struct scorecard *sc = xcalloc(1, sizeof *sc);
	sc->json = j;
	sc->model = json_string_value(json_object_get(j, "model"));
	sc->base = json_number_value(json_object_get(j, "base"));
	json_t *rules = json_object_get(j, "rules");
	if (!sc->model || !json_is_array(rules)) {
		buf_printf(err, "%s: needs 'model' (string) and 'rules' (array)", path);
		goto fail;
	}
	sc->n = json_array_size(rules);
	sc->rules = xcalloc(sc->n, sizeof *sc->rules);
	sc->reasons = xcalloc(sc->n, sizeof *sc->reasons);
	for (size_t i = 0; i < sc->n; i++)
		if (load_rule(json_array_get(rules, i), &sc->rules[i], i, path, err) < 0)
			goto fail;
	return sc;
fail:
	scorecard_free(sc);
	return NULL;
}

void scorecard_free(struct scorecard *sc)
{
	if (!sc)
		return;
	json_decref(sc->json);
	free(sc->rules);
	free(sc->reasons);
	free(sc);
}

/* The rule's points for value v; 0 and *present = 0 when v cannot be used. */
static double rule_points(const struct rule *r, json_t *v, int *present)
{
	*present = 1;
	if (r->equals) {
		if (!json_is_string(v)) {
			*present = json_is_null(v) || !v ? 0 : 1;
			return 0;
		}
		return strcmp(json_string_value(v), r->equals) == 0 ? r->points : 0;
	}
	double x;
	if (json_is_number(v))
		x = json_number_value(v);
	else if (json_is_boolean(v))
		x = json_is_true(v);
	else
		return *present = 0, 0;
	double f = (x - r->from) / (r->to - r->from);
	f = f < 0 ? 0 : f > 1 ? 1 : f;
	return r->points * f;
}

static int by_effect(const void *a, const void *b)
{
	double pa = fabs(((const struct reason *)a)->points);
	double pb = fabs(((const struct reason *)b)->points);
	return (pa < pb) - (pa > pb);
}

static json_t *sorted_reasons(struct reason *r, size_t n)
{
	qsort(r, n, sizeof *r, by_effect);
	json_t *arr = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(arr, r[i].obj);
	return arr;
}

json_t *scorecard_apply(struct scorecard *sc, struct record *rec, int *value)
{
	/* Points are summed in whole tenths, so that the total does not depend
	 * on floating-point summation order (85.5 rounds to 86, always). */
	long tenths = lround(sc->base * 10);
	size_t n = 0;
	for (size_t i = 0; i < sc->n; i++) {
		const struct rule *r = &sc->rules[i];
		json_t *v = record_get_path(rec, r->feature);
		int present;
		double pts = rule_points(r, v, &present);
		if (!present)
			continue;
		long t = lround(pts * 10);
		tenths += t;
		/* A rule's "why" is true of the record only when it gave points
		 * ("price was just cut" is false of a new listing). */
		if (t == 0)
			continue;
		pts = (double)t / 10;
		sc->reasons[n].points = pts;
		sc->reasons[n++].obj = json_pack("{s:s, s:O, s:f, s:s?}", "feature", r->feature,
						 "value", v, "points", pts, "why", r->why);
	}
	*value = (int)lround(tenths < 0 ? 0 : tenths > 1000 ? 100 : (double)tenths / 10);
	json_t *score = json_pack("{s:i, s:s, s:o}", "value", *value, "model", sc->model,
				  "reasons", sorted_reasons(sc->reasons, n));
	return score;
}
