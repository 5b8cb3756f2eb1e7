/* SPDX-License-Identifier: MIT */
/* enrich's comparable sales on a real state file: the dissimilarity and the
 * estimate against sums done by hand (the working is in the comments), a
 * search across the 180th meridian and near a pole, the ZIP index and the
 * prior sale, the trend's least squares, rents by beds with the fallback. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "comps.h"
#include "daynum.h"
#include "parcel_state.h"
#include "rent_table.h"
#include "sale_book.h"
#include "sale_state.h"
#include "store.h"
#include "tap.h"
#include "tmpdir.h"
#include "zip_stats.h"

static struct store *store;
static struct sale_state *state;

static void put(const char *id, const char *date, long long price, const char *key,
		const char *zip, double lat, double lon, double sqft)
{
	struct sale s = { .id = id, .price = price, .key = key, .lat = lat, .lon = lon,
			  .beds = 3, .baths = 2, .sqft = sqft, .lot_sqft = NAN, .year_built = NAN };
	int existed;
	snprintf(s.date, sizeof s.date, "%s", date);
	daynum_parse(date, &s.day);
	snprintf(s.zip, sizeof s.zip, "%s", zip ? zip : "");
	if (sale_state_put(state, &s, "test", "2026-01-01T00:00:00Z", &existed) < 0)
		printf("# put %s: %s\n", id, store_errmsg(store));
}

static struct comps_subject subject(double lat, double lon, const char *zip, const char *as_of)
{
	struct comps_subject s = { .lat = lat, .lon = lon, .zip = sale_book_zip_number(zip),
				   .beds = 3, .baths = 2, .sqft = 2000, .lot_sqft = NAN,
				   .year_built = NAN };
	sale_property_init(&s.who, "subject", NULL);
	daynum_parse(as_of, &s.as_of);
	comps_subject_logs(&s);
	return s;
}

static void ids(const struct sale_book *b, const struct comps *c, char *out, size_t size)
{
	out[0] = '\0';
	for (int i = 0; i < c->n; i++)
		snprintf(out + strlen(out), size - strlen(out), "%s%s", i ? " " : "",
			 sale_book_id(b, c->c[i].e));
}

static void test_dissimilarity(void)
{
	struct comps_subject s = { .beds = 3, .baths = 2, .sqft = 2000, .lot_sqft = 5000,
				   .year_built = 1990 };
	struct sale_entry e = { .beds = 4, .baths = 2.5, .sqft = 2200, .lot_sqft = 10000,
				.year_built = 1960 };
	comps_subject_logs(&s);
	e.ln_sqft = log(e.sqft), e.ln_lot = log(e.lot_sqft);
	/* 0.3/0.5 + ln(1.1)/0.2 + 1 + 0.5 + ln(2)/0.5 + 30/15 + 6/12
	 * = 0.6 + 0.476551 + 1 + 0.5 + 1.386294 + 2 + 0.5 = 6.462845 */
	check(fabs(comps_dissimilarity(&s, &e, 0.3, 6) - 6.4628453) < 1e-6, "every term counts");
	e.beds = e.baths = e.ln_lot = NAN;
	s.year_built = NAN;
	/* an unknown on either side drops the term: 0.476551 + 6/12 */
	check(fabs(comps_dissimilarity(&s, &e, NAN, 6) - 0.9765509) < 1e-6,
	      "unknowns and no distance add nothing");
}

static void test_estimate(void)
{
	struct comps_subject s = { .sqft = 2000, .lot_sqft = NAN };
	struct sale_entry a = { .price = 400000, .sqft = 2000 }, b = { .price = 330000, .sqft = 1500 },
		c = { .price = 500000, .sqft = NAN };
	struct comps k = { .basis = COMPS_RADIUS, .n = 3 };
	struct comps_estimate est;
	comps_subject_logs(&s);
	a.ln_sqft = log(a.sqft), b.ln_sqft = log(b.sqft), c.ln_sqft = NAN;
	k.c[0] = (struct comp){ .e = &a, .d = 1, .months = 12 };
	k.c[1] = (struct comp){ .e = &b, .d = 1 + log(2), .months = 0 };  /* half a's weight */
	k.c[2] = (struct comp){ .e = &c, .d = 1, .months = 0 };
	/* no trend: (200 + 0.5 * 220 * (1500/2000)^0.25) / 1.5 = (200 + 102.366534) / 1.5;
	 * c has no sqft: not in the ppsf */
	comps_estimate(&k, &s, NAN, &est);
	check(fabs(est.ppsf - 201.577690) < 1e-5, "similarity-weighted, size-adjusted ppsf");
	check(fabs(est.value - 403155.38) < 0.01, "times the subject's sqft");
	/* a 10% trend brings a's year-old price up: (220 + 102.366534) / 1.5 */
	comps_estimate(&k, &s, 0.10, &est);
	check(fabs(est.ppsf - 214.911023) < 1e-5, "brought to the as-of date by the trend");
	/* no subject sqft: weighted prices, 10% on a: (440000 + 165000 + 500000) / 2.5 */
	s.sqft = NAN;
	comps_subject_logs(&s);
	comps_estimate(&k, &s, 0.10, &est);
	check(fabs(est.value - 442000) < 0.01, "without sqft, the weighted prices");
	k.n = 0;
	comps_estimate(&k, &s, 0.10, &est);
	check(isnan(est.ppsf) && isnan(est.value), "no comps, no estimate");
}

/* Sales on both sides of the 180th meridian (the Aleutians) and by a pole. */
static void test_search(void)
{
	char got[256];
	struct buf err = BUF_INIT;
	put("w1", "2015-01-10", 300000, NULL, "99546", 52.0, 179.996, 2000);   /* 0.17 mi W */
	put("e1", "2015-01-10", 310000, NULL, "99546", 52.0, -179.996, 2000);  /* 0.25 mi E */
	put("e2", "2015-01-11", 320000, NULL, "99546", 52.0, -179.9, 2000);    /* 4.25 mi E */
	put("p1", "2015-01-10", 330000, NULL, "99723", 89.99, 10, 2000);
	put("p2", "2015-01-10", 340000, NULL, "99723", 89.99, -170, 2000);    /* over the pole */
	put("z1", "2015-01-10", 350000, "1 A ST||99501", "99501", NAN, NAN, 2000);
	put("z2", "2014-01-10", 360000, "1 A ST||99501", "99501", NAN, NAN, NAN);
	put("z3", "2015-02-10", 370000, "2 A ST||99501", "99501", NAN, NAN, 2000);
	store_batch_flush(store);
	struct sale_book *b = sale_book_load(store, &err);
	check_int(sale_book_count(b), 8, "the book holds every sale");
	struct comps c;
	struct comps_subject s = subject(52.0, 179.9995, NULL, "2015-06-01");
	comps_find(b, &s, 3, &c);
	ids(b, &c, got, sizeof got);
	check_str(got, "w1 e1 e2", "across the 180th meridian, by similarity");
	check(c.basis == COMPS_RADIUS && c.radius == 5, "found at 5 miles");
	s = subject(89.995, 100, NULL, "2015-06-01");
	comps_find(b, &s, 2, &c);
	ids(b, &c, got, sizeof got);
	check_str(got, "p1 p2", "near the pole, every longitude");
	/* no coordinates: the ZIP's, not the subject's own (key 1 A ST) */
	s = subject(NAN, NAN, "99501", "2015-06-01");
	sale_property_init(&s.who, "other", "1 A ST||99501");
	comps_find(b, &s, 6, &c);
	ids(b, &c, got, sizeof got);
	check_str(got, "z3", "by ZIP, the same address left out");
	check(c.basis == COMPS_ZIP && isnan(c.c[0].miles), "the ZIP basis has no distance");
	const struct sale_entry *prior = sale_book_prior(b, &s.who, s.as_of);
	check_str(prior ? sale_book_id(b, prior) : NULL, "z1", "the prior sale by address");
	prior = sale_book_prior(b, &s.who, daynum_from_ymd(2015, 1, 10));
	check_str(prior ? sale_book_id(b, prior) : NULL, "z2", "strictly before the day");
	s = subject(NAN, NAN, NULL, "2015-06-01");
	comps_find(b, &s, 6, &c);
	check(c.basis == COMPS_NONE && c.n == 0, "no coordinates and no ZIP: no comps");
	struct zip_stats *z = zip_stats_new(b);
	const struct zip_figures *f = zip_stats_get(z, 99501, daynum_from_ymd(2015, 6, 1));
	check_int(f->sales, 2, "the ZIP's sales with a sqft in the year before");
	check(isnan(f->median_ppsf), "fewer than 5: no median");
	zip_stats_free(z);
	sale_book_free(b);
	buf_release(&err);
}

static void test_slope(void)
{
	double x[] = { 1, 2, 3, 4 }, y[] = { 3, 5, 7, 9 }, same[] = { 2, 2, 2, 2 };
	check(fabs(zip_stats_slope(x, y, 4) - 2) < 1e-12, "the slope of y = 2x + 1");
	check(isnan(zip_stats_slope(same, y, 4)), "no slope when x does not vary");
	check(isnan(zip_stats_slope(x, y, 1)), "nor from one point");
}

static void test_rents(void)
{
	struct buf err = BUF_INIT;
	int existed;
	sale_state_put_rent(state, "98101", 3, 2400, "t", "now", &existed);
	sale_state_put_rent(state, "98101", -1, 2000, "t", "now", &existed);
	sale_state_put_rent(state, "98103", 2, 1700, "t", "now", &existed);
	sale_state_put_rent(state, "98101", 3, 2450, "t", "now", &existed);
	check_int(existed, 1, "a rent for the same ZIP and beds replaces");
	store_batch_flush(store);
	struct rent_table *t = rent_table_load(store, &err);
	check_int(rent_table_count(t), 3, "three rents");
	check_int(rent_table_find(t, 98101, 3), 2450, "by ZIP and beds");
	check_int(rent_table_find(t, 98101, 5), 2000, "else the ZIP's any beds");
	check_int(rent_table_find(t, 98101, NAN), 2000, "unknown beds: any beds");
	check_int(rent_table_find(t, 98103, 3), -1, "none without an any-beds row");
	check_int(rent_table_find(t, SALE_NO_ZIP, 3), -1, "none without a ZIP");
	rent_table_free(t);
	buf_release(&err);
}

int main(void)
{
	struct buf err = BUF_INIT;
	if (tmpdir_open() < 0)
		return printf("Bail out! no temporary directory\n"), 1;
	char *path = paths_join(tmpdir_path, "enrich.db");
	store = store_open(path, &parcel_state_schema, NULL, &err);
	state = store ? sale_state_new(store, &err) : NULL;
	if (!state)
		return printf("Bail out! %s\n", buf_cstr(&err)), 1;
	store_begin(store);
	test_dissimilarity();
	test_estimate();
	test_search();
	test_slope();
	test_rents();
	sale_state_free(state);
	store_close(store);
	tmpdir_close();
	free(path);
	buf_release(&err);
	return tap_done();
}
