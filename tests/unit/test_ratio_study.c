/* SPDX-License-Identifier: MIT */
/* Ratio studies (ratio_study.h): small cases worked by hand, the uniform,
 * regressive and progressive shapes, the edges of n, Student's t against
 * mpmath, and 200 pseudo-random observations against numpy and scipy. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "ratio_study.h"
#include "tap.h"

/* got within rel (relative) of want; NAN wants NAN. */
#define near(got, want, rel, what) near_at((got), (want), (rel), (what), __LINE__)

static void near_at(double got, double want, double rel, const char *what, int line)
{
	int ok = isnan(want) ? isnan(got) : got == want || fabs(got - want) <= rel * fabs(want);
	if (!tap_ok(ok, __FILE__, line, what))
		printf("#   got  %.17g\n#   want %.17g\n", got, want);
}

#define EXACT 1e-12   /* hand values: only the rounding of a few operations */

static struct ratio_study study(const double *a, const double *s, size_t n)
{
	struct ratio_study st;
	check_int(ratio_study(a, s, n, &st), 0, "ratio_study returns 0");
	check_int(st.n, n, "n");
	return st;
}

/* R = 0.9, 1.15, 1.0, 1.1, 0.75: 0.9 and 1.1 are exactly 10% off. */
static void five(void)
{
	static const double a[] = { 90, 230, 300, 440, 375 }, s[] = { 100, 200, 300, 400, 500 };
	struct ratio_study st = study(a, s, 5);
	near(st.median_ratio, 1.0, EXACT, "5: median of 0.75 0.9 1.0 1.1 1.15");
	near(st.mean_ratio, 0.98, EXACT, "5: mean 4.9 / 5");
	near(st.weighted_mean, 1435.0 / 1500, EXACT, "5: weighted mean 1435 / 1500");
	near(st.prd, 42.0 / 41, EXACT, "5: PRD 0.98 * 1500 / 1435 = 42/41");
	near(st.cod, 12, EXACT, "5: COD 100 * (0.1 + 0.15 + 0 + 0.1 + 0.25) / 5");
	near(st.mdape, 0.1, EXACT, "5: MdAPE of 0 0.1 0.1 0.15 0.25");
	near(st.mape, 0.12, EXACT, "5: MAPE 0.6 / 5");
	near(st.within10, 0.6, 0, "5: within 10%, both 10% ones in");
	near(st.within20, 0.8, 0, "5: within 20%");
}

/* R = 0.8 ... 1.3: an even count, median (1.0 + 1.05) / 2. */
static void six(void)
{
	static const double a[] = { 80, 190, 300, 420, 600, 780 };
	static const double s[] = { 100, 200, 300, 400, 500, 600 };
	struct ratio_study st = study(a, s, 6);
	near(st.median_ratio, 1.025, EXACT, "6: median of the middle two");
	near(st.mean_ratio, 1.05, EXACT, "6: mean 6.3 / 6");
	near(st.weighted_mean, 2370.0 / 2100, EXACT, "6: weighted mean 2370 / 2100");
	near(st.prd, 147.0 / 158, EXACT, "6: PRD 1.05 * 2100 / 2370 = 147/158");
	near(st.cod, 1600.0 / 123, EXACT, "6: COD 100 * (0.8 / 6) / 1.025");
	near(st.mdape, 0.125, EXACT, "6: MdAPE (0.05 + 0.2) / 2");
	near(st.mape, 0.8 / 6, EXACT, "6: MAPE 0.8 / 6");
	near(st.within10, 0.5, 0, "6: within 10%");
	near(st.within20, 5.0 / 6, 0, "6: within 20%, both 20% ones in");
}

/* Bounds as the decimals were written: 3.3 and 2.7 on 3 and 4.4 on 4 are
 * 10% off, 2.4 and 3.6 on 3 are 20% off, whatever the doubles of those
 * decimals (3.6 and 4.4 are a little above, 3.3 below); 3.30001 on 3 and
 * 3.61 on 3 are not within. */
static void decimals(void)
{
	static const double a[] = { 3.3, 2.7, 4.4, 2.4, 3.6, 3.30001, 3.61 };
	static const double s[] = { 3, 3, 4, 3, 3, 3, 3 };
	struct ratio_study st = study(a, s, 7);
	near(st.within10, 3.0 / 7, 0, "decimals: 3.3, 2.7 on 3 and 4.4 on 4 within 10%");
	near(st.within20, 6.0 / 7, 0, "decimals: and 2.4, 3.6, 3.30001 on 3 within 20%");
}

/* The PRB regression built backwards: at median ratio M = 0.8, deviations
 * y = 0.1, 0.02, -0.02, -0.2 at log2 proxies 16..19, so S = 2V / (2 + y)
 * and A = M (1 + y) S. By hand: slope Sxy / Sxx = -0.47 / 5, residual sum
 * of squares 0.00412, standard error sqrt(0.00412 / 2 / 5), and
 * t(0.975, 2) = (2p - 1) / sqrt(2p(1 - p)). Were the proxy 0.5 S + 0.5 A
 * (no division by M), the slope would be another. */
static void prb_by_hand(void)
{
	static const double y[] = { 0.1, 0.02, -0.02, -0.2 };
	double a[4], s[4];
	for (int i = 0; i < 4; i++) {
		s[i] = 2 * ldexp(1, 16 + i) / (2 + y[i]);
		a[i] = 0.8 * (1 + y[i]) * s[i];
	}
	struct ratio_study st = study(a, s, 4);
	double half = 0.95 / sqrt(2 * 0.975 * 0.025) * sqrt(0.000412);
	near(st.median_ratio, 0.8, EXACT, "PRB by hand: median");
	near(st.prb, -0.094, EXACT, "PRB by hand: slope");
	near(st.prb_low, -0.094 - half, EXACT, "PRB by hand: low end");
	near(st.prb_high, -0.094 + half, EXACT, "PRB by hand: high end");
}

static void uniform(void)
{
	static const double s[] = { 85000, 120000, 250000, 310500, 999999, 2400000, 47000 };
	struct ratio_study st = study(s, s, 7);
	check(st.median_ratio == 1 && st.mean_ratio == 1 && st.weighted_mean == 1, "uniform: level 1");
	check(st.cod == 0, "uniform: COD 0");
	check(st.prd == 1, "uniform: PRD 1");
	check(st.prb == 0 && st.prb_low == 0 && st.prb_high == 0, "uniform: PRB 0, interval [0, 0]");
	check(st.mdape == 0 && st.mape == 0, "uniform: no error");
	check(st.within10 == 1 && st.within20 == 1, "uniform: all within");
}

/* 20 sales from 50,000 to 1,000,000, the ratio drifting by 0.015 a step
 * with some noise: down (regressive) when dir is -1, up when +1. */
static struct ratio_study drift(int dir)
{
	double a[20], s[20];
	for (int k = 1; k <= 20; k++) {
		s[k - 1] = 50000.0 * k;
		a[k - 1] = s[k - 1] * (1 + dir * 0.015 * (k - 10.5) + 0.01 * ((k * 7) % 5 - 2));
	}
	return study(a, s, 20);
}

static void vertical(void)
{
	struct ratio_study st = drift(-1);
	check(st.prd > 1.03, "regressive: PRD above 1.03");
	check(st.prb < -0.05, "regressive: PRB below -0.05");
	check(st.prb_low < st.prb && st.prb_high < 0, "regressive: interval below 0");
	st = drift(1);
	check(st.prd < 0.98, "progressive: PRD below 0.98");
	check(st.prb > 0.05, "progressive: PRB above 0.05");
	check(st.prb_high > st.prb && st.prb_low > 0, "progressive: interval above 0");
}

static void small_n(void)
{
	struct ratio_study st;
	st.n = 9;
	check_int(ratio_study(NULL, NULL, 0, &st), -1, "n = 0: -1");
	check(st.n == 0 && isnan(st.median_ratio) && isnan(st.prb), "n = 0: n and NAN");
	static const double a[] = { 90, 110, 100 }, s[] = { 100, 100, 100 };
	check_int(ratio_study(a, s, 1, &st), -1, "n = 1: -1");
	check(st.n == 1 && isnan(st.cod) && isnan(st.within10), "n = 1: n and NAN");
	st = study(a, s, 2);
	near(st.median_ratio, 1.0, EXACT, "n = 2: median (0.9 + 1.1) / 2");
	near(st.cod, 10, EXACT, "n = 2: COD");
	near(st.within10, 1, 0, "n = 2: 90 and 110 on 100 both within 10%");
	check(isnan(st.prb) && isnan(st.prb_low) && isnan(st.prb_high), "n = 2: PRB NAN");
	st = study(a, s, 3);
	check(isfinite(st.prb) && isfinite(st.prb_low) && isfinite(st.prb_high), "n = 3: PRB");
	/* the mean of three log2(11) is not log2(11): no slope all the same */
	static const double same[] = { 11, 11, 11 };
	st = study(same, same, 3);
	check(isnan(st.prb) && isnan(st.prb_low) && st.cod == 0, "one value proxy: PRB NAN");
}

/* Values from mpmath (40 digits) for the p given as a double:
 *   q = p if p < 0.5 else 1 - p; solve betainc(df/2, 1/2, 0, df/(df+t^2),
 *   regularized=True) / 2 = q for t by findroot(solver='anderson').
 * scipy 1.10's t.ppf is off by up to 1e-9 here (4.302652729911275 at df 2). */
static void t_quantile(void)
{
	static const struct { double p, df, t; } cases[] = {
		{ 0.975, 1.0, 12.706204736174694 },
		{ 0.975, 2.0, 4.302652729749462 },
		{ 0.975, 3.0, 3.1824463052837086 },
		{ 0.975, 10.0, 2.2281388519862744 },
		{ 0.975, 198.0, 1.9720174778363144 },
		{ 0.975, 9999.0, 1.9602012636213573 },
		{ 0.975, 10000.0, 1.960201239890626 },
		{ 0.975, 999998.0, 1.9599663568188512 },
		{ 0.975, 10000000.0, 1.959964221767205 },
		{ 0.995, 30.0, 2.749995653567225 },
		{ 0.6, 5.0, 0.26718086570414507 },
		{ 0.5000001, 30.0, 2.5276002247929695e-07 },
		{ 0.025, 1000.0, -1.9623390808264085 },
		{ 1e-12, 3.0, -10331.108244292485 },
		{ 1e-12, 10000.0, -7.0433716020557755 },
		{ 0.9999, 123456.0, 3.7191281821869486 },
	};
	/* 1e-14 where long double is wider than double; 1e-12 where it is
	 * not, valgrind's emulation of x87 included */
	volatile long double one = 1, half_ulp = DBL_EPSILON / 2;
	double tol = one + half_ulp > one ? 1e-14 : 1e-12;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char what[64];
		snprintf(what, sizeof what, "t(%g, %g)", cases[i].p, cases[i].df);
		near(ratio_study_t_quantile(cases[i].p, cases[i].df), cases[i].t, tol, what);
	}
	near(ratio_study_t_quantile(0.9, 1), tan(M_PI * 0.4), 1e-13, "t(0.9, 1) = tan(0.4 pi)");
	check(ratio_study_t_quantile(0.5, 7) == 0, "t(0.5) = 0");
	check(ratio_study_t_quantile(0.375, 12) == -ratio_study_t_quantile(0.625, 12) &&
	      ratio_study_t_quantile(0.0625, 12) == -ratio_study_t_quantile(0.9375, 12) &&
	      ratio_study_t_quantile(0.0625, 2e4) == -ratio_study_t_quantile(0.9375, 2e4),
	      "t(1 - p) = -t(p)");
	check(isnan(ratio_study_t_quantile(1, 5)) && isnan(ratio_study_t_quantile(0, 5)) &&
	      isnan(ratio_study_t_quantile(0.9, 0.5)) && isnan(ratio_study_t_quantile(NAN, 5)),
	      "t: p outside (0, 1) or df < 1 is NAN");
}

/* 200 observations from a 64-bit LCG, regressive on purpose, against
 * numpy 1.24 and scipy 1.10 (/usr/bin/python3), which print the values
 * below with this script (its t.ppf(0.975, 198) is 1.2e-12 off the exact
 * quantile, well inside the 1e-9 asked here):
 *
 *   import numpy as np
 *   from scipy import stats
 *
 *   state = 20240601
 *   def uniform():
 *       global state
 *       state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
 *       return (state >> 11) * 2.0**-53
 *
 *   a, s = [], []
 *   for i in range(200):
 *       u1, u2 = uniform(), uniform()
 *       price = 50000 + 950000 * u1
 *       s.append(price)
 *       a.append(price * (0.8 + 0.4 * u2) * (1.1 - 0.2 * (price / 1000000)))
 *   a, s = np.array(a), np.array(s)
 *   r = a / s
 *   within = lambda bound: np.mean(np.abs(a - s) <= bound * (1 + 1e-12) * s)
 *   m = np.median(r)
 *   fit = stats.linregress(np.log2(0.5 * s + 0.5 * (a / m)), (r - m) / m)
 *   half = stats.t.ppf(0.975, 198) * fit.stderr
 *   for name, v in [("a[0]", a[0]), ("s[199]", s[199]),
 *                   ("median_ratio", m), ("mean_ratio", r.mean()),
 *                   ("weighted_mean", a.sum() / s.sum()),
 *                   ("cod", 100 * np.abs(r - m).mean() / m),
 *                   ("prd", r.mean() / (a.sum() / s.sum())),
 *                   ("prb", fit.slope), ("prb_low", fit.slope - half),
 *                   ("prb_high", fit.slope + half),
 *                   ("mdape", np.median(np.abs(r - 1))), ("mape", np.abs(r - 1).mean()),
 *                   ("within10", within(0.10)), ("within20", within(0.20))]:
 *       print("%s %r" % (name, float(v)))
 */
static uint64_t lcg_state = 20240601;

static double lcg_uniform(void)
{
	lcg_state = lcg_state * 6364136223846793005u + 1442695040888963407u;
	return (double)(lcg_state >> 11) * 0x1p-53;
}

static void against_scipy(void)
{
	double a[200], s[200];
	for (int i = 0; i < 200; i++) {
		double u1 = lcg_uniform(), u2 = lcg_uniform();
		double price = 50000 + 950000 * u1;
		s[i] = price;
		a[i] = price * (0.8 + 0.4 * u2) * (1.1 - 0.2 * (price / 1000000));
	}
	check(a[0] == 928257.9821297441 && s[199] == 63169.57410048648, "scipy: the same sample");
	struct ratio_study st = study(a, s, 200);
	const double tol = 1e-9;
	near(st.median_ratio, 0.981504400886323, tol, "scipy: median ratio");
	near(st.mean_ratio, 0.9879522533243522, tol, "scipy: mean ratio");
	near(st.weighted_mean, 0.9663443412266941, tol, "scipy: weighted mean");
	near(st.cod, 10.258374913366026, tol, "scipy: COD");
	near(st.prd, 1.0223604683918661, tol, "scipy: PRD");
	near(st.prb, -0.029324440548906133, tol, "scipy: PRB");
	near(st.prb_low, -0.046329919533927205, tol, "scipy: PRB low end");
	near(st.prb_high, -0.01231896156388506, tol, "scipy: PRB high end");
	near(st.mdape, 0.09253068678118032, tol, "scipy: MdAPE");
	near(st.mape, 0.1018771850461067, tol, "scipy: MAPE");
	near(st.within10, 0.53, 0, "scipy: within 10%");
	near(st.within20, 0.86, 0, "scipy: within 20%");
}

/* A million sales in groups of four at one price: ratios 0.85, 1, 1, 1.1. */
static void million(void)
{
	size_t n = 1000000;
	double *a = malloc(n * sizeof *a), *s = malloc(n * sizeof *s);
	if (!a || !s)
		abort();
	for (size_t i = 0; i < n; i++) {
		s[i] = 1000.0 * (1 + (double)((i / 4) % 500));
		a[i] = i % 4 == 0 ? s[i] / 20 * 17 : i % 4 == 3 ? s[i] / 10 * 11 : s[i];
	}
	struct ratio_study st = study(a, s, n);
	near(st.median_ratio, 1, 0, "1e6: median 1");
	near(st.mdape, 0.05, EXACT, "1e6: MdAPE (0 + 0.1) / 2");
	near(st.cod, 6.25, EXACT, "1e6: COD 100 * (0.15 + 0.1) / 4");
	near(st.weighted_mean, 0.9875, EXACT, "1e6: weighted mean 3.95 / 4");
	near(st.prd, 1, EXACT, "1e6: PRD 1");
	near(st.within10, 0.75, 0, "1e6: within 10%");
	check(st.prb_low < st.prb && st.prb < st.prb_high, "1e6: PRB inside its interval");
	free(a);
	free(s);
}

int main(void)
{
	five();
	six();
	decimals();
	prb_by_hand();
	uniform();
	vertical();
	small_n();
	t_quantile();
	against_scipy();
	million();
	return tap_done();
}
