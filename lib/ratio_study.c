/* SPDX-License-Identifier: MIT */
/* Ratio-study statistics (see ratio_study.h), after the IAAO Standard on
 * Ratio Studies (2013): level, uniformity (COD) and vertical equity (PRD,
 * PRB and its interval, section 9.2.7); Student's t for that interval. */
#include "ratio_study.h"

#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "xalloc.h"

#define LOG_SQRT_PI 0.57236494292470008707    /* lgamma(1/2) */
#define SQRT_HALF 0.70710678118654752440
#define INV_SQRT_2PI 0.39894228040143267794
#define CF_MAX 10000   /* terms of the continued fraction; df < 1e4 takes O(sqrt(df)) */
#define WITHIN_SLACK (1 + 1e-12)

/* ln B(a, 1/2). From a = 20 on, lgamma(a + 1/2) - lgamma(a) by Stirling's
 * series written as a difference: the two lgammas are near a ln a and
 * subtracting them would lose the digits that matter for a large df. */
static double log_beta_half(double a)
{
	if (a < 20)
		return lgamma(a) + LOG_SQRT_PI - lgamma(a + 0.5);
	double b = a + 0.5, a2 = a * a, b2 = b * b;
	double ca = (1 / 12.0 - (1 / 360.0 - (1 / 1260.0 - 1 / (1680.0 * a2)) / a2) / a2) / a;
	double cb = (1 / 12.0 - (1 / 360.0 - (1 / 1260.0 - 1 / (1680.0 * b2)) / b2) / b2) / b;
	double diff = (a * log1p(0.5 / a) - 0.5) + 0.5 * log(a) + (cb - ca);
	return LOG_SQRT_PI - diff;
}

/* The continued fraction of I_x(a, b), by the modified Lentz method, in
 * long double: for x near 1 it depends on 1 - x, which a double x carries
 * to 1e-16 only (3e-13 of the t tail at df 1e4). */
static double beta_fraction(double a, double b, long double x)
{
	const long double tiny = 1e-300L;
	long double c = 1, d = 1 - (a + b) * x / (a + 1);
	if (fabsl(d) < tiny)
		d = tiny;
	d = 1 / d;
	long double h = d;
	for (int m = 1; m <= CF_MAX; m++) {
		long double m2 = 2.0L * m;
		for (int odd = 0; odd < 2; odd++) {
			long double num = odd ? -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1))
					      : m * (b - m) * x / ((a + m2 - 1) * (a + m2));
			d = 1 + num * d;
			c = 1 + num / c;
			if (fabsl(d) < tiny)
				d = tiny;
			if (fabsl(c) < tiny)
				c = tiny;
			d = 1 / d;
			h *= d * c;
		}
		if (fabsl(d * c - 1) < LDBL_EPSILON)
			break;
	}
	return (double)h;
}

/* For t >= 0 and T Student's t with df degrees of freedom, P(T > t) or,
 * when central, P(0 < T < t): I_x(df/2, 1/2) / 2 and I_y(1/2, df/2) / 2
 * with x = df / (df + t^2) and y = 1 - x. The continued fraction gives the
 * smaller of the two; the other is 1 - it, where that loses nothing. x and
 * y are computed apart, and without t^2, which overflows where the
 * quantiles of tiny p lie. */
static double t_part(double t, double df, int central)
{
	double a = df / 2, r = t > 1 ? df / t : df, u = t > 1 ? t : t * t;
	long double xl = r / ((long double)r + u), yl = u / ((long double)r + u);
	double x = (double)xl, y = (double)yl;
	double lx = y < 0.5 ? log1p(-y) : x > 1e-300 ? log(x) : log(r) - log(r + u);
	double ly = x < 0.5 ? log1p(-x) : log(y);
	double front = exp(a * lx + 0.5 * ly - log_beta_half(a));
	if (x < (a + 1) / (a + 2.5)) {
		double upper = front * beta_fraction(a, 0.5, xl) / a;
		return 0.5 * (central ? 1 - upper : upper);
	}
	double inner = front * beta_fraction(0.5, a, yl) / 0.5;
	return 0.5 * (central ? inner : 1 - inner);
}

static double t_density(double t, double df)
{
	double r = t > 1 ? df / t : df, u = t > 1 ? t : t * t;
	return exp(-log_beta_half(df / 2) - 0.5 * log(df) - (df + 1) / 2 * log1p(u / r));
}

static double normal_part(double z, double df, int central)
{
	(void)df;
	return 0.5 * (central ? erf(z * SQRT_HALF) : erfc(z * SQRT_HALF));
}

static double normal_density(double z, double df)
{
	(void)df;
	return INV_SQRT_2PI * exp(-0.5 * z * z);
}

/* The t > 0 with part(t) = prob: the upper tail for prob < 1/4, else the
 * central part, so that a p near 1/2 keeps its digits. Newton's method
 * inside a bracket that bisection keeps when a step would leave it. */
static double solve(double prob, int central, double df,
		    double (*part)(double, double, int), double (*density)(double, double))
{
	double sign = central ? 1 : -1, lo = 0, hi = 1;   /* sign * part rises with t */
	while (hi < 1e300 && sign * (part(hi, df, central) - prob) < 0)
		lo = hi, hi *= 2;
	double t = 0.5 * (lo + hi);
	for (int i = 0; i < 200; i++) {
		double f = sign * (part(t, df, central) - prob);
		if (f < 0)
			lo = t;
		else
			hi = t;
		double next = t - f / density(t, df);
		if (!(next > lo && next < hi))
			next = 0.5 * (lo + hi);
		int done = fabs(next - t) <= 1e-15 * next;
		t = next;
		if (done)
			break;
	}
	return t;
}

/* From df = 1e4 on, the continued fraction takes O(sqrt(df)) terms and
 * loses digits (4e-14 at 1e6), while the Cornish-Fisher expansion about
 * the normal quantile z (Abramowitz and Stegun 26.7.5) to 1/df^4 is
 * within 1e-15 for |z| < 8. */
double ratio_study_t_quantile(double p, double df)
{
	if (!(p > 0 && p < 1 && df >= 1 && isfinite(df)))
		return NAN;
	if (p == 0.5)
		return 0;
	double q = p < 0.5 ? p : 1 - p, t;   /* the upper tail beyond |t| */
	int central = q > 0.25;
	double prob = central ? fabs(p - 0.5) : q;
	if (df < 1e4) {
		t = solve(prob, central, df, t_part, t_density);
	} else {
		double z = solve(prob, central, df, normal_part, normal_density), z2 = z * z;
		double g1 = (z2 + 1) * z / 4;
		double g2 = ((5 * z2 + 16) * z2 + 3) * z / 96;
		double g3 = (((3 * z2 + 19) * z2 + 17) * z2 - 15) * z / 384;
		double g4 = ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) * z / 92160;
		t = z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
	}
	return p < 0.5 ? -t : t;
}

static int compare(const void *x, const void *y)
{
	double u = *(const double *)x, v = *(const double *)y;
	return (u > v) - (u < v);
}

static double median_sorted(const double *v, size_t n)
{
	return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* A compensated (Neumaier) sum, so that a million terms keep the digits
 * a plain sum loses (1e-11 of the PRD at n = 1e6). */
struct sum {
	double s, c;
};

static void add(struct sum *k, double x)
{
	double t = k->s + x;
	k->c += fabs(k->s) >= fabs(x) ? (k->s - t) + x : (x - t) + k->s;
	k->s = t;
}

static double total(struct sum k)
{
	return k.s + k.c;
}

/* The PRB's variables: the value proxy's log2, and the ratio's relative
 * distance from the median m. */
static double proxy_log2(double a, double s, double m)
{
	return log2(0.5 * s + 0.5 * (a / m));
}

static double deviation(double a, double s, double m)
{
	return (a / s - m) / m;
}

/* OLS of the deviation on the proxy in three passes (means, then the
 * centred sums, then the residuals), which keeps the digits one pass of
 * raw sums would lose. */
static void price_related_bias(const double *a, const double *s, size_t n, double m,
			       struct ratio_study *out)
{
	struct sum sx = { 0, 0 }, sy = { 0, 0 }, sxx = { 0, 0 }, sxy = { 0, 0 }, sse = { 0, 0 };
	double xmin = INFINITY, xmax = -INFINITY, dn = (double)n;
	for (size_t i = 0; i < n; i++) {
		double x = proxy_log2(a[i], s[i], m);
		add(&sx, x), add(&sy, deviation(a[i], s[i], m));
		xmin = fmin(xmin, x), xmax = fmax(xmax, x);
	}
	if (n < 3 || xmin == xmax)
		return;
	double mx = total(sx) / dn, my = total(sy) / dn;
	for (size_t i = 0; i < n; i++) {
		double dx = proxy_log2(a[i], s[i], m) - mx, dy = deviation(a[i], s[i], m) - my;
		add(&sxx, dx * dx), add(&sxy, dx * dy);
	}
	double b = total(sxy) / total(sxx);
	for (size_t i = 0; i < n; i++) {
		double dx = proxy_log2(a[i], s[i], m) - mx, dy = deviation(a[i], s[i], m) - my;
		add(&sse, (dy - b * dx) * (dy - b * dx));
	}
	double half = ratio_study_t_quantile(0.975, dn - 2) * sqrt(total(sse) / (dn - 2) / total(sxx));
	out->prb = b, out->prb_low = b - half, out->prb_high = b + half;
}

int ratio_study(const double *a, const double *s, size_t n, struct ratio_study *out)
{
	*out = (struct ratio_study){ .n = n, .median_ratio = NAN, .mean_ratio = NAN,
		.weighted_mean = NAN, .cod = NAN, .prd = NAN, .prb = NAN, .prb_low = NAN,
		.prb_high = NAN, .mdape = NAN, .mape = NAN, .within10 = NAN, .within20 = NAN };
	if (n < 2)
		return -1;
	double *v = xmalloc(n * sizeof *v);
	struct sum sum_r = { 0, 0 }, sum_a = { 0, 0 }, sum_s = { 0, 0 }, sum_err = { 0, 0 };
	size_t in10 = 0, in20 = 0;
	for (size_t i = 0; i < n; i++) {
		v[i] = a[i] / s[i];
		add(&sum_r, v[i]), add(&sum_a, a[i]), add(&sum_s, s[i]);
		add(&sum_err, fabs(v[i] - 1));
		/* 10% off as the decimals were written is within 10%, but in
		 * doubles |A/S - 1| is 0.10000000000000009 for 110 on 100 and
		 * the double of 3.6 is above 3.6: the bound gets a slack of
		 * 1e-12 of itself. */
		double d = fabs(a[i] - s[i]);
		in10 += d <= 0.10 * WITHIN_SLACK * s[i];
		in20 += d <= 0.20 * WITHIN_SLACK * s[i];
	}
	qsort(v, n, sizeof *v, compare);
	double m = median_sorted(v, n);
	struct sum sum_dev = { 0, 0 };
	for (size_t i = 0; i < n; i++) {
		double r = a[i] / s[i];
		add(&sum_dev, fabs(r - m));
		v[i] = fabs(r - 1);
	}
	qsort(v, n, sizeof *v, compare);
	out->mdape = median_sorted(v, n);
	free(v);

	double dn = (double)n;
	out->median_ratio = m;
	out->mean_ratio = total(sum_r) / dn;
	out->weighted_mean = total(sum_a) / total(sum_s);
	out->cod = 100 * (total(sum_dev) / dn) / m;
	out->prd = out->mean_ratio / out->weighted_mean;
	out->mape = total(sum_err) / dn;
	out->within10 = (double)in10 / dn;
	out->within20 = (double)in20 / dn;
	price_related_bias(a, s, n, m, out);
	return 0;
}
