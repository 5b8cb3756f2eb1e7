/* SPDX-License-Identifier: MIT */
/* Comparable sales (see comps.h): a search over the book's grid cells or a
 * ZIP's sales, the k best kept in order as candidates stream by, and the
 * similarity-weighted estimate. The arithmetic is written in the order
 * scripts/bench-peer-comps.py writes it, so both pick the same sales. */
#include "comps.h"

#include <math.h>
#include <string.h>

#include "geo.h"

/* The search steps: a radius in miles (0: the ZIP) and a window in days. */
static const struct step {
	double miles;
	long days;
} radius_steps[] = { { 0.5, 365 }, { 1, 365 }, { 2, 365 }, { 5, 365 }, { 5, 1095 } },
  zip_steps[] = { { 0, 365 }, { 0, 1095 } };

void comps_subject_logs(struct comps_subject *s)
{
	s->ln_sqft = s->sqft > 0 ? log(s->sqft) : NAN;
	s->ln_lot = s->lot_sqft > 0 ? log(s->lot_sqft) : NAN;
	s->cos_lat = geo_cos(s->lat);
}

double comps_dissimilarity(const struct comps_subject *s, const struct sale_entry *e,
			   double miles, double months)
{
	double d = 0;
	if (!isnan(miles))
		d += miles / 0.5;
	if (!isnan(e->ln_sqft) && !isnan(s->ln_sqft))
		d += fabs(e->ln_sqft - s->ln_sqft) / 0.2;
	if (!isnan(e->beds) && !isnan(s->beds))
		d += fabs(e->beds - s->beds);
	if (!isnan(e->baths) && !isnan(s->baths))
		d += fabs(e->baths - s->baths);
	if (!isnan(e->ln_lot) && !isnan(s->ln_lot))
		d += fabs(e->ln_lot - s->ln_lot) / 0.5;
	if (!isnan(e->year_built) && !isnan(s->year_built))
		d += fabs(e->year_built - s->year_built) / 15;
	return d + months / 12;
}

struct search {
	const struct sale_book *b;
	const struct comps_subject *s;
	const struct step *step;
	double lat0, lat1, lon0, lon1;  /* the box around the circle */
	int k;
	long count;                     /* candidates of this step */
	struct comps *out;
};

/* 1 when a ranks before b: more similar, nearer, lower id, later sale. */
static int better(const struct sale_book *b, const struct comp *x, const struct comp *y)
{
	if (x->d != y->d)
		return x->d < y->d;
	if (!isnan(x->miles) && x->miles != y->miles)
		return x->miles < y->miles;
	int c = strcmp(sale_book_id(b, x->e), sale_book_id(b, y->e));
	return c ? c < 0 : x->e->day > y->e->day;
}

/* Keeps the k best in order: an insertion, k being small. */
static void offer(struct search *q, const struct comp *c)
{
	struct comps *o = q->out;
	q->count++;
	if (o->n == q->k && !better(q->b, c, &o->c[o->n - 1]))
		return;
	int i = o->n < q->k ? o->n++ : o->n - 1;
	while (i > 0 && better(q->b, c, &o->c[i - 1])) {
		o->c[i] = o->c[i - 1];
		i--;
	}
	o->c[i] = *c;
}

/* 1 for a sale in the step's window that is not the subject's own. */
static int eligible(const struct search *q, const struct sale_entry *e)
{
	return e->day < q->s->as_of && e->day >= q->s->as_of - q->step->days
		&& !sale_book_same_property(q->b, e, &q->s->who);
}

static void consider(struct search *q, const struct sale_entry *e, double miles)
{
	struct comp c = { .e = e, .miles = miles };
	c.months = (double)(q->s->as_of - e->day) / COMPS_DAYS_PER_MONTH;
	c.d = comps_dissimilarity(q->s, e, miles, c.months);
	offer(q, &c);
}

/* A sale in the cells around the circle: the box test first (most of the
 * cells' sales fail it), then the distance. */
static void in_box(void *ctx, const struct sale_entry *e)
{
	struct search *q = ctx;
	if (e->lat < q->lat0 || e->lat > q->lat1 ||
	    (q->lon0 <= q->lon1 ? e->lon < q->lon0 || e->lon > q->lon1
	     : e->lon < q->lon0 && e->lon > q->lon1) || !eligible(q, e))
		return;
	double miles = geo_miles_cos(q->s->lat, q->s->lon, q->s->cos_lat, e->lat, e->lon, e->cos_lat);
	if (miles <= q->step->miles)
		consider(q, e, miles);
}

/* The cells around a circle of the step's radius: every point within r
 * of the subject differs by at most r/R in latitude and asin(sin(r/R) /
 * cos(lat)) in longitude (a hair more, for rounding). */
static void circle(struct search *q)
{
	double a = q->step->miles / GEO_EARTH_RADIUS_MI;
	double dlat = a * (180 / M_PI) * 1.000001, lat = q->s->lat, lon = q->s->lon;
	double x = sin(a) / cos(lat * (M_PI / 180));
	q->lat0 = lat - dlat, q->lat1 = lat + dlat;
	if (fabs(lat) + dlat >= 90 || x >= 1) {
		q->lon0 = -180, q->lon1 = 180;
	} else {
		double dlon = asin(x) * (180 / M_PI) * 1.000001;
		q->lon0 = lon - dlon < -180 ? lon - dlon + 360 : lon - dlon;
		q->lon1 = lon + dlon > 180 ? lon + dlon - 360 : lon + dlon;
	}
	sale_book_box(q->b, q->lat0, q->lat1, q->lon0, q->lon1, in_box, q);
}

static void same_zip(struct search *q)
{
	const struct sale_entry *const *v;
	size_t n = sale_book_zip(q->b, q->s->zip, q->s->as_of - q->step->days, q->s->as_of, &v);
	for (size_t i = 0; i < n; i++)
		if (!sale_book_same_property(q->b, v[i], &q->s->who))
			consider(q, v[i], NAN);
}

void comps_find(const struct sale_book *b, const struct comps_subject *s, int k,
		struct comps *out)
{
	int radius = !isnan(s->lat);
	const struct step *steps = radius ? radius_steps : zip_steps;
	size_t nsteps = radius ? sizeof radius_steps / sizeof *radius_steps
		: sizeof zip_steps / sizeof *zip_steps;
	struct search q = { .b = b, .s = s, .k = k > COMPS_MAX ? COMPS_MAX : k, .out = out };
	memset(out, 0, sizeof *out);
	if (q.k < 1 || (!radius && s->zip == SALE_NO_ZIP))
		return;
	out->basis = radius ? COMPS_RADIUS : COMPS_ZIP;
	for (size_t i = 0; i < nsteps && (i == 0 || q.count < q.k); i++) {
		q.step = &steps[i];
		q.count = 0;
		out->n = 0;
		out->radius = q.step->miles;
		if (radius)
			circle(&q);
		else
			same_zip(&q);
	}
}

void comps_estimate(const struct comps *c, const struct comps_subject *s, double trend,
		    struct comps_estimate *out)
{
	double wp = 0, wpsum = 0, wv = 0, wvsum = 0;
	out->ppsf = out->value = NAN;
	if (c->n == 0)
		return;
	/* Weights relative to the best comp: the ratios are exp(-D)'s, without
	 * its underflow to 0 for very unlike sales. */
	for (int i = 0; i < c->n; i++) {
		const struct comp *x = &c->c[i];
		double w = exp(-(x->d - c->c[0].d));
		double time = isnan(trend) ? 1 : pow(1 + trend, x->months / 12);
		wv += w * (double)x->e->price * time;
		wvsum += w;
		if (isnan(x->e->ln_sqft))
			continue;
		double size = isnan(s->ln_sqft) ? 1 : pow(x->e->sqft / s->sqft, 0.25);
		wp += w * ((double)x->e->price / x->e->sqft) * size * time;
		wpsum += w;
	}
	if (wpsum > 0)
		out->ppsf = wp / wpsum;
	out->value = wpsum > 0 && !isnan(s->ln_sqft) ? out->ppsf * s->sqft : wv / wvsum;
}
