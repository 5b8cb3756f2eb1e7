/* SPDX-License-Identifier: MIT */
/* Day numbers (see daynum.h): Howard Hinnant's days_from_civil and
 * civil_from_days, exact for every Gregorian date, no libc time zone. */
#include "daynum.h"

#include <string.h>

long daynum_from_ymd(int year, int month, int day)
{
	long y = year - (month <= 2);
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;                                 /* 0..399 */
	long doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;        /* 0..146096 */
	return era * 146097 + doe - 719468;
}

void daynum_to_ymd(long n, int *year, int *month, int *day)
{
	n += 719468;
	long era = (n >= 0 ? n : n - 146096) / 146097;
	long doe = n - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*day = (int)(doy - (153 * mp + 2) / 5 + 1);
	*month = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = (int)(yoe + era * 400 + (*month <= 2));
}

static int digits(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int daynum_parse(const char *s, long *out)
{
	if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
	if (y < 1000 || m < 1 || m > 12 || d < 1)
		return -1;
	long n = daynum_from_ymd(y, m, d);
	int yy, mm, dd;
	daynum_to_ymd(n, &yy, &mm, &dd);
	if (mm != m)            /* a day past the month's end: "2014-02-30" */
		return -1;
	*out = n;
	return 0;
}

/* Years outside 0..9999 have no YYYY: they are written as 0000 or 9999. */
void daynum_format(long n, char out[DAYNUM_TEXT_LEN])
{
	int y, m, d;
	daynum_to_ymd(n, &y, &m, &d);
	unsigned yy = y < 0 ? 0 : y > 9999 ? 9999 : (unsigned)y;
	out[0] = (char)('0' + yy / 1000), out[1] = (char)('0' + yy / 100 % 10);
	out[2] = (char)('0' + yy / 10 % 10), out[3] = (char)('0' + yy % 10);
	out[4] = '-', out[5] = (char)('0' + m / 10), out[6] = (char)('0' + m % 10);
	out[7] = '-', out[8] = (char)('0' + d / 10), out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

long daynum_from_time(time_t t)
{
	long long s = (long long)t;
	return (long)(s >= 0 ? s / 86400 : -((-s + 86399) / 86400));
}

long daynum_month_start(long n)
{
	int y, m, d;
	daynum_to_ymd(n, &y, &m, &d);
	return n - (d - 1);
}
