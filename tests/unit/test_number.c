/* SPDX-License-Identifier: MIT */
/* Export numbers (number.h): the forms real files write, exponent form
 * included ("1.225e+006"), against strtod's value; and what is refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "number.h"
#include "tap.h"

static void good(const char *s, int sign, double want)
{
	double v = -1;
	int rc = number_parse(s, strlen(s), sign, &v);
	check_int(rc, 0, s);
	check(v == want, s);
}

static void bad(const char *s, int sign, int want)
{
	double v;
	check_int(number_parse(s, strlen(s), sign, &v), want, s);
}

int main(void)
{
	good("315000", 0, 315000);
	good("$315,000", 0, 315000);
	good("224500.00", 0, 224500);
	good("1.225e+006", 0, 1225000);
	good("1.225E6", 0, 1225000);
	good("7.8e+005", 0, 780000);
	good("2.5e-1", 0, 0.25);
	good("1,225e3", 0, 1225000);
	good("-2.5", 1, -2.5);
	good("-1.5e2", 1, -150);
	good("0.1", 0, strtod("0.1", NULL));
	good("123456789012345678", 0, strtod("123456789012345678", NULL));
	good("1.7976931348623157e308", 0, strtod("1.7976931348623157e308", NULL));
	good("1e-400", 0, 0);
	bad("1e400", 0, NUMBER_RANGE);
	bad("-1E+400", 1, NUMBER_RANGE);
	bad("1.8e308", 0, NUMBER_RANGE);
	static const char *const not_numbers[] = {
		"NaN", "nan", "inf", "Infinity", "-inf", "call", "", "1e", "e5", "1e+", "1e-",
		"1e123456", "1.2.3", "12a", "$", "-", ".", "1e5.5", "0x1p3", " 1",
	};
	for (size_t i = 0; i < sizeof not_numbers / sizeof not_numbers[0]; i++)
		bad(not_numbers[i], 1, NUMBER_BAD);
	bad("-5", 0, NUMBER_BAD);   /* no sign where none is allowed */
	/* len bounds the text: the bytes after it are not read */
	double v;
	check_int(number_parse("1.5e3junk", 5, 0, &v), 0, "only len bytes");
	check(v == 1500, "1.5e3");

	/* measures as listing pages write them */
	static const struct { const char *s; double v; enum number_unit u; } measures[] = {
		{ "2,100 sq ft", 2100, NUMBER_UNIT_SQFT }, { "2100 sq. ft.", 2100, NUMBER_UNIT_SQFT },
		{ "2100sqft", 2100, NUMBER_UNIT_SQFT }, { "2,100 SF", 2100, NUMBER_UNIT_SQFT },
		{ "2100 square feet", 2100, NUMBER_UNIT_SQFT }, { "2100 ft\xc2\xb2", 2100, NUMBER_UNIT_SQFT },
		{ "85 m\xc2\xb2", 85, NUMBER_UNIT_SQM }, { "85 sqm", 85, NUMBER_UNIT_SQM },
		{ "1.5 ac", 1.5, NUMBER_UNIT_ACRE }, { "0.25 acres", 0.25, NUMBER_UNIT_ACRE },
		{ "3 bd", 3, NUMBER_UNIT_BEDS }, { "3 Beds", 3, NUMBER_UNIT_BEDS },
		{ "4 bedrooms", 4, NUMBER_UNIT_BEDS }, { "3 bd.", 3, NUMBER_UNIT_BEDS },
		{ "2.5 ba", 2.5, NUMBER_UNIT_BATHS }, { "2 Baths", 2, NUMBER_UNIT_BATHS },
		{ "$1.25M", 1.25, NUMBER_UNIT_MILLION }, { "$350K", 350, NUMBER_UNIT_THOUSAND },
		{ "$1,250,000", 1250000, NUMBER_UNIT_NONE }, { "3\xc2\xa0" "bd", 3, NUMBER_UNIT_BEDS },
		{ "1.225e+006", 1225000, NUMBER_UNIT_NONE }, { "1540", 1540, NUMBER_UNIT_NONE },
	};
	for (size_t i = 0; i < sizeof measures / sizeof measures[0]; i++) {
		enum number_unit u = NUMBER_UNIT_NONE;
		int rc = number_parse_measure(measures[i].s, strlen(measures[i].s), 0, &v, &u);
		check(rc == 0 && v == measures[i].v && u == measures[i].u, measures[i].s);
	}
	static const char *const not_measures[] = { "12x", "3 bd 2 ba", "call", "2100 sq yards",
						    "about 3", "" };
	for (size_t i = 0; i < sizeof not_measures / sizeof not_measures[0]; i++) {
		enum number_unit u;
		char what[64];
		snprintf(what, sizeof what, "not a measure: '%s'", not_measures[i]);
		check(number_parse_measure(not_measures[i], strlen(not_measures[i]), 0, &v, &u) ==
		      NUMBER_BAD, what);
	}
	return tap_done();
}
