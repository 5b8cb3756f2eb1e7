/* SPDX-License-Identifier: MIT */
/* ZIP figures (see zip_stats.h): a median and a least-squares line through
 * ln(price per sq ft) against the day, over the sales of the 365 days
 * before the month; an open-addressing table of (ZIP, month) keeps them. */
#include "zip_stats.h"

#include <math.h>
#include <stdlib.h>

#include "xalloc.h"

#define COUNTY (SALE_NO_ZIP - 1)   /* the key of all the sales' trend */

struct slot {
	uint32_t zip;
	long month;
	int used;                       /* 0: an empty slot */
	struct zip_figures f;
};

struct zip_stats {
	const struct sale_book *book;
	struct slot *slot;
	size_t cap, n;
	double *x, *y;                  /* scratch for one window */
	size_t scratch;
};

struct zip_stats *zip_stats_new(const struct sale_book *book)
{
	struct zip_stats *z = xcalloc(1, sizeof *z);
	z->book = book;
	z->cap = 256;
	z->slot = xcalloc(z->cap, sizeof *z->slot);
	return z;
}

void zip_stats_free(struct zip_stats *z)
{
	if (!z)
		return;
	free(z->slot);
	free(z->x);
	free(z->y);
	free(z);
}

double zip_stats_slope(const double *x, const double *y, long n)
{
	double mx = 0, my = 0, sxx = 0, sxy = 0;
	if (n < 2)
		return NAN;
	for (long i = 0; i < n; i++)
		mx += x[i], my += y[i];
	mx /= (double)n, my /= (double)n;
	for (long i = 0; i < n; i++) {
		sxx += (x[i] - mx) * (x[i] - mx);
		sxy += (x[i] - mx) * (y[i] - my);
	}
	return sxx > 0 ? sxy / sxx : NAN;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The days and ln(price per sq ft) of the sales with a sqft among v[0..n)
 * into z->x and z->y; returns how many. */
static long points(struct zip_stats *z, const struct sale_entry *const *v, size_t n)
{
	long m = 0;
	if (n > z->scratch) {
		z->scratch = n;
		z->x = xrealloc(z->x, n * sizeof *z->x);
		z->y = xrealloc(z->y, n * sizeof *z->y);
	}
	for (size_t i = 0; i < n; i++) {
		if (isnan(v[i]->ln_sqft))
			continue;
		z->x[m] = v[i]->day;
		z->y[m++] = log((double)v[i]->price) - v[i]->ln_sqft;
	}
	return m;
}

/* exp(365 b) - 1 for a slope b of ln(ppsf) a day, clamped; NAN below the
 * minimum of sales. */
static double trend(const double *x, const double *y, long n)
{
	double b = n >= ZIP_STATS_TREND_MIN ? zip_stats_slope(x, y, n) : NAN;
	if (isnan(b))
		return NAN;
	double t = exp(365 * b) - 1;
	return t > ZIP_STATS_TREND_CAP ? ZIP_STATS_TREND_CAP
		: t < -ZIP_STATS_TREND_CAP ? -ZIP_STATS_TREND_CAP : t;
}

static void compute(struct zip_stats *z, uint32_t zip, long month, struct zip_figures *f)
{
	const struct sale_entry *const *v;
	size_t n = zip == COUNTY ? sale_book_days(z->book, month - 365, month, &v)
		: sale_book_zip(z->book, zip, month - 365, month, &v);
	long m = points(z, v, n);
	f->sales = m;
	f->trend = trend(z->x, z->y, m);
	f->trend_zip = zip != COUNTY;
	f->median_ppsf = NAN;
	if (zip == COUNTY || m < ZIP_STATS_MEDIAN_MIN)
		return;
	m = 0;          /* the ratios themselves, not their logarithms */
	for (size_t i = 0; i < n; i++)
		if (!isnan(v[i]->ln_sqft))
			z->y[m++] = (double)v[i]->price / v[i]->sqft;
	qsort(z->y, (size_t)m, sizeof *z->y, by_value);
	f->median_ppsf = m % 2 ? z->y[m / 2] : (z->y[m / 2 - 1] + z->y[m / 2]) / 2;
}

static size_t slot_of(const struct zip_stats *z, uint32_t zip, long month)
{
	uint64_t h = ((uint64_t)zip * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)month * 0xc2b2ae3d27d4eb4full);
	size_t i = (size_t)(h ^ (h >> 29)) & (z->cap - 1);
	while (z->slot[i].used && (z->slot[i].zip != zip || z->slot[i].month != month))
		i = (i + 1) & (z->cap - 1);
	return i;
}

static void grow(struct zip_stats *z)
{
	struct slot *old = z->slot;
	size_t cap = z->cap;
	z->cap *= 2;
	z->slot = xcalloc(z->cap, sizeof *z->slot);
	for (size_t i = 0; i < cap; i++)
		if (old[i].used)
			z->slot[slot_of(z, old[i].zip, old[i].month)] = old[i];
	free(old);
}

static const struct zip_figures *lookup(struct zip_stats *z, uint32_t zip, long month)
{
	size_t i = slot_of(z, zip, month);
	if (z->slot[i].used)
		return &z->slot[i].f;
	if (2 * (z->n + 1) > z->cap) {
		grow(z);
		i = slot_of(z, zip, month);
	}
	struct slot *s = &z->slot[i];
	s->used = 1, s->zip = zip, s->month = month;
	z->n++;
	compute(z, zip, month, &s->f);
	return &s->f;
}

const struct zip_figures *zip_stats_get(struct zip_stats *z, uint32_t zip, long month_start)
{
	const struct zip_figures *own = zip == SALE_NO_ZIP ? NULL : lookup(z, zip, month_start);
	if (own && !isnan(own->trend))
		return own;
	/* The ZIP's figures with the county's trend, in the ZIP's own slot. */
	const struct zip_figures *county = lookup(z, COUNTY, month_start);
	if (!own)
		return county;
	size_t i = slot_of(z, zip, month_start);
	z->slot[i].f.trend = county->trend;
	z->slot[i].f.trend_zip = 0;
	return &z->slot[i].f;
}
