/* SPDX-License-Identifier: MIT */
/* Export numbers (number.h): the forms real files write, exponent form
 * included ("1.225e+006"), against strtod's value; and what is refused. */
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
	return tap_done();
}
