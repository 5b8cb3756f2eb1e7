/* SPDX-License-Identifier: MIT */
/* Day numbers checked against timegm for every day of 1800 to 2200, their
 * text form, and haversine distances against known figures. */
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "daynum.h"
#include "geo.h"
#include "tap.h"

/* Every day of 1800..2200: timegm's count, and back to the same date. */
static void test_every_day(void)
{
	long bad = 0, n = 0;
	for (int y = 1800; y <= 2200; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 31; d++) {
				struct tm tm = { .tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d };
				time_t t = timegm(&tm);
				if (tm.tm_mday != d)    /* not a day of that month */
					continue;
				int yy, mm, dd;
				long day = daynum_from_ymd(y, m, d);
				daynum_to_ymd(day, &yy, &mm, &dd);
				n++;
				bad += day != (long)(t / 86400) - (t % 86400 < 0) || yy != y || mm != m ||
					dd != d || daynum_from_time(t) != day || daynum_from_time(t + 86399) != day;
			}
	check_int(n, 146462, "every day of 1800..2200 counted");
	check_int(bad, 0, "each day's number is timegm's, and back");
}

static void test_known(void)
{
	check_int(daynum_from_ymd(1970, 1, 1), 0, "the epoch is day 0");
	check_int(daynum_from_ymd(1969, 12, 31), -1, "the day before is -1");
	check_int(daynum_from_ymd(2015, 6, 15), 16601, "2015-06-15");
	check_int(daynum_from_ymd(2000, 3, 1) - daynum_from_ymd(2000, 2, 28), 2, "2000 is a leap year");
	check_int(daynum_from_ymd(1900, 3, 1) - daynum_from_ymd(1900, 2, 28), 1, "1900 is not");
	check_int(daynum_from_time(-1), -1, "a second before the epoch is day -1");
	check_int(daynum_month_start(16601), daynum_from_ymd(2015, 6, 1), "the month's first day");
	check_int(daynum_month_start(daynum_from_ymd(2016, 2, 29)), daynum_from_ymd(2016, 2, 1),
		  "the month's first day, in a leap February");
}

static void test_text(void)
{
	long d = -99;
	char out[DAYNUM_TEXT_LEN];
	check_int(daynum_parse("2015-06-15", &d), 0, "YYYY-MM-DD parses");
	check_int(d, 16601, "to its day");
	daynum_format(d, out);
	check_str(out, "2015-06-15", "and is written back");
	daynum_format(daynum_from_ymd(1802, 1, 9), out);
	check_str(out, "1802-01-09", "zeros kept");
	check_int(daynum_parse("2016-02-29", &d), 0, "a leap day");
	static const char *const bad[] = { "2015-02-29", "2014-02-30", "2014-04-31", "2014-13-01",
		"2014-00-10", "2014-01-00", "2014-2-03", "2014-02-03x", "20140203", "0999-01-01",
		"2014/02/03", "", " 2014-02-03" };
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char what[64];
		snprintf(what, sizeof what, "'%s' is refused", bad[i]);
		check_int(daynum_parse(bad[i], &d), -1, what);
	}
	check_int(daynum_parse(NULL, &d), -1, "NULL is refused");
}

static void test_geo(void)
{
	/* Nashville (BNA) to Los Angeles (LAX), the textbook haversine example */
	check(fabs(geo_miles(36.12, -86.67, 33.94, -118.40) - 1793.5734202334) < 1e-6,
	      "BNA to LAX is 1793.57 mi");
	check(geo_miles(47.6, -122.3, 47.6, -122.3) == 0, "a point is 0 from itself");
	check(geo_miles(47.6, -122.3, 47.7, -122.2) == geo_miles(47.7, -122.2, 47.6, -122.3),
	      "distance is symmetric");
	check(fabs(geo_miles(52, 179.995, 52, -179.995) - 0.42538572) < 1e-6,
	      "across the 180th meridian it is short");
	check(fabs(geo_miles(0, 0, 0, 180) - M_PI * GEO_EARTH_RADIUS_MI) < 1e-6,
	      "half the world round");
	check(geo_valid(47.6, -122.3) && geo_valid(-90, 180), "valid coordinates");
	check(!geo_valid(0, 0) && !geo_valid(91, 0) && !geo_valid(0, -181) && !geo_valid(NAN, 1),
	      "0,0, out of range and NAN are not");
}

int main(void)
{
	test_every_day();
	test_known();
	test_text();
	test_geo();
	return tap_done();
}
