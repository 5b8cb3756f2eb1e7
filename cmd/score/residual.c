/* SPDX-License-Identifier: MIT */
/* The neighbourhood correction (see residual.h) over a uniform grid of
 * quarter-mile cells: a nearest-neighbour search looks at rings of cells
 * around the query until no nearer point can be left. */
#include "residual.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "geo.h"
#include "xalloc.h"

#define CELL_MI 0.25
#define MAX_CELLS (4u << 20)
#define MI_PER_DEG_LAT 69.05
#define MI_PER_DEGREE_ARC (GEO_EARTH_RADIUS_MI * M_PI / 180)   /* on geo.h's sphere */

struct residual_index {
	struct residual_point *p;
	double *coslat;                  /* each point's geo_cos */
	size_t n;
	double lat0, lon0, dlat, dlon;   /* grid origin and cell size in degrees */
	double cell_mi;                  /* the smaller side of a cell, in miles */
	long nx, ny;
	size_t *start;                   /* nx * ny + 1: cell c holds idx[start[c]..start[c+1]) */
	size_t *idx;
};

static void bounds(const struct residual_point *p, size_t n, double b[4])
{
	b[0] = b[2] = INFINITY, b[1] = b[3] = -INFINITY;
	for (size_t i = 0; i < n; i++) {
		b[0] = fmin(b[0], p[i].lat), b[1] = fmax(b[1], p[i].lat);
		b[2] = fmin(b[2], p[i].lon), b[3] = fmax(b[3], p[i].lon);
	}
}

static long cell_x(const struct residual_index *ri, double lon)
{
	return (long)floor((lon - ri->lon0) / ri->dlon);
}

static long cell_y(const struct residual_index *ri, double lat)
{
	return (long)floor((lat - ri->lat0) / ri->dlat);
}

/* Sizes the grid to the points' box, growing cells past MAX_CELLS. */
static void grid(struct residual_index *ri)
{
	double b[4];
	bounds(ri->p, ri->n, b);
	double mid = (b[0] + b[1]) / 2, coslat = fmax(cos(mid * M_PI / 180), 0.01);
	double mi = CELL_MI;
	for (;;) {
		ri->dlat = mi / MI_PER_DEG_LAT;
		ri->dlon = mi / (MI_PER_DEG_LAT * coslat);
		ri->nx = (long)((b[3] - b[2]) / ri->dlon) + 1;
		ri->ny = (long)((b[1] - b[0]) / ri->dlat) + 1;
		if ((double)ri->nx * (double)ri->ny <= MAX_CELLS)
			break;
		mi *= 2;
	}
	/* The equator-side edge of a cell is the longest; the pole side sets
	 * the smallest width, which bounds how near a ring can be. */
	double far = fmax(fabs(b[0]), fabs(b[1]));
	ri->cell_mi = fmin(mi, mi * cos(fmin(far, 89.0) * M_PI / 180) / coslat);
	ri->lat0 = b[0], ri->lon0 = b[2];
}

struct residual_index *residual_index_new(const struct residual_point *p, size_t n)
{
	struct residual_index *ri = xcalloc(1, sizeof *ri);
	ri->n = n;
	ri->p = xcalloc(n ? n : 1, sizeof *ri->p);
	memcpy(ri->p, p, n * sizeof *p);
	if (!n)
		return ri;
	ri->coslat = xcalloc(n, sizeof *ri->coslat);
	for (size_t i = 0; i < n; i++)
		ri->coslat[i] = geo_cos(p[i].lat);
	grid(ri);
	size_t cells = (size_t)(ri->nx * ri->ny);
	ri->start = xcalloc(cells + 1, sizeof *ri->start);
	ri->idx = xcalloc(n, sizeof *ri->idx);
	size_t *cell = xcalloc(n, sizeof *cell);
	for (size_t i = 0; i < n; i++) {
		cell[i] = (size_t)(cell_y(ri, p[i].lat) * ri->nx + cell_x(ri, p[i].lon));
		ri->start[cell[i] + 1]++;
	}
	for (size_t c = 0; c < cells; c++)
		ri->start[c + 1] += ri->start[c];
	size_t *fill = xcalloc(cells, sizeof *fill);
	for (size_t i = 0; i < n; i++)
		ri->idx[ri->start[cell[i]] + fill[cell[i]]++] = i;
	free(fill);
	free(cell);
	return ri;
}

void residual_index_free(struct residual_index *ri)
{
	if (!ri)
		return;
	free(ri->p);
	free(ri->coslat);
	free(ri->start);
	free(ri->idx);
	free(ri);
}

const struct residual_point *residual_points(const struct residual_index *ri, size_t *n)
{
	*n = ri->n;
	return ri->p;
}

/* Keeps hits[0..*n) the nearest, sorted, at most k (ties: the lower index). */
static void offer(struct residual_hit *hits, size_t *n, int k, size_t i, double d)
{
	size_t at = *n;
	if (at == (size_t)k && (d > hits[at - 1].d || (d == hits[at - 1].d && i > hits[at - 1].i)))
		return;
	if (at == (size_t)k)
		at--;
	while (at > 0 && (hits[at - 1].d > d || (hits[at - 1].d == d && hits[at - 1].i > i))) {
		hits[at] = hits[at - 1];
		at--;
	}
	hits[at] = (struct residual_hit){ i, d };
	if (*n < (size_t)k)
		(*n)++;
}

/* The query point of residual_nearest. */
struct query {
	double lat, lon, coslat;
	long day;
};

static void scan_cell(const struct residual_index *ri, long x, long y, const struct query *q,
		      int k, double radius, struct residual_hit *hits, size_t *n)
{
	if (x < 0 || y < 0 || x >= ri->nx || y >= ri->ny)
		return;
	size_t c = (size_t)(y * ri->nx + x);
	for (size_t j = ri->start[c]; j < ri->start[c + 1]; j++) {
		const struct residual_point *p = &ri->p[ri->idx[j]];
		if (p->day >= q->day)
			continue;
		/* No great circle is shorter than its change of latitude: a point
		 * that far away cannot be kept, so skip the trigonometry. The
		 * margin covers rounding; the distance kept is geo_miles'. */
		double least = fabs(p->lat - q->lat) * MI_PER_DEGREE_ARC * (1 - 1e-9);
		if (least > radius || (*n == (size_t)k && least > hits[*n - 1].d))
			continue;
		double d = geo_miles_cos(q->lat, q->lon, q->coslat, p->lat, p->lon,
					 ri->coslat[ri->idx[j]]);
		if (d <= radius)
			offer(hits, n, k, ri->idx[j], d);
	}
}

size_t residual_nearest(const struct residual_index *ri, double lat, double lon, long day,
			int k, double radius_mi, struct residual_hit *hits)
{
	size_t n = 0;
	if (!ri->n || k <= 0 || !geo_valid(lat, lon))
		return 0;
	long cx = cell_x(ri, lon), cy = cell_y(ri, lat);
	struct query q = { lat, lon, geo_cos(lat), day };
	for (long r = 0;; r++) {
		/* Every cell of ring r is at least (r - 1) cells away. */
		double nearest = (double)(r - 1) * ri->cell_mi;
		if (nearest > radius_mi || (n == (size_t)k && nearest > hits[n - 1].d))
			break;
		for (long x = cx - r; x <= cx + r; x++) {
			scan_cell(ri, x, cy - r, &q, k, radius_mi, hits, &n);
			if (r)
				scan_cell(ri, x, cy + r, &q, k, radius_mi, hits, &n);
		}
		for (long y = cy - r + 1; y <= cy + r - 1; y++) {
			scan_cell(ri, cx - r, y, &q, k, radius_mi, hits, &n);
			scan_cell(ri, cx + r, y, &q, k, radius_mi, hits, &n);
		}
		if (cx - r <= 0 && cx + r >= ri->nx - 1 && cy - r <= 0 && cy + r >= ri->ny - 1)
			break;       /* the rings so far cover the whole grid */
	}
	return n;
}

double residual_weigh(const struct residual_index *ri, const struct residual_params *p,
		      const struct residual_hit *hits, size_t n, long day, int *count)
{
	double sw = 0, swr = 0;
	int used = 0;
	for (size_t j = 0; j < n && used < p->k; j++) {
		const struct residual_point *q = &ri->p[hits[j].i];
		if (hits[j].d > p->radius_mi)
			break;
		double w = exp(-hits[j].d / p->bandwidth_mi);
		if (p->tau_days > 0)
			w *= exp(-(double)(day - q->day) / p->tau_days);
		sw += w, swr += w * q->r;
		used++;
	}
	if (count)
		*count = used;
	return sw > 0 ? swr / (sw + p->shrink) : 0;
}

double residual_correct(const struct residual_index *ri, const struct residual_params *p,
			double lat, double lon, long day, int *count)
{
	struct residual_hit hits[64];
	int k = p->k < 64 ? p->k : 64;
	size_t n = residual_nearest(ri, lat, lon, day, k, p->radius_mi, hits);
	return residual_weigh(ri, p, hits, n, day, count);
}
