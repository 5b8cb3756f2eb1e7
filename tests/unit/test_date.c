/* SPDX-License-Identifier: MIT */
/* Dates as exports write them: each accepted form with its RFC 3339 date
 * and timestamp, each refused one with its reason. Every text is parsed
 * from a heap copy without a NUL, so ASan sees any read past len. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "tap.h"

/* Parses text from an exact-size heap copy; 0 or -1, as date_parse. */
static int parse(const char *text, struct date_value *d, const char **why)
{
	size_t len = strlen(text);
	char *copy = malloc(len ? len : 1);
	if (!copy)
		abort();
	memcpy(copy, text, len);
	int rc = date_parse(copy, len, d, why);
	free(copy);
	return rc;
}

/* text for a TAP line, into buf[SHOWN]: control bytes as '~', so that one
 * test stays one line; the texts here are all shorter than SHOWN. */
enum { SHOWN = 80 };
static const char *shown(const char *text, char buf[SHOWN])
{
	size_t i = 0;
	for (; text[i] && i + 1 < SHOWN; i++)
		buf[i] = (unsigned char)text[i] < ' ' ? '~' : text[i];
	buf[i] = '\0';
	return buf;
}

/* text is accepted as date, and as stamp when a timestamp is asked for. */
static void accepts(const char *text, const char *date, const char *stamp)
{
	struct date_value d;
	const char *why = NULL;
	char out[DATE_MAX], what[160], name[SHOWN];
	int rc = parse(text, &d, &why);
	text = shown(text, name);
	snprintf(what, sizeof what, "'%s' is accepted", text);
	check_int(rc, 0, what);
	if (rc != 0) {
		printf("#   why: %s\n", why);
		return;
	}
	date_format(&d, out, 0);
	snprintf(what, sizeof what, "'%s' is the date %s", text, date);
	check_str(out, date, what);
	date_format(&d, out, 1);
	snprintf(what, sizeof what, "'%s' as a timestamp is %s", text, stamp);
	check_str(out, stamp, what);
}

/* text is refused, with reason. */
static void refuses(const char *text, const char *reason)
{
	struct date_value d;
	const char *why = NULL;
	char what[160], name[SHOWN];
	int rc = parse(text, &d, &why);
	text = shown(text, name);
	snprintf(what, sizeof what, "'%s' is refused", text);
	check_int(rc, -1, what);
	snprintf(what, sizeof what, "'%s': %s", text, reason);
	check_str(why, reason, what);
}

static void iso_forms(void)
{
	accepts("2014-10-13", "2014-10-13", "2014-10-13");
	accepts("2014-10-13T00:00:00", "2014-10-13", "2014-10-13");
	accepts("2014-10-13 07:30:00", "2014-10-13", "2014-10-13");
	accepts("2014-10-13t07:30", "2014-10-13", "2014-10-13");
	accepts("2014-10-13T07:30:00Z", "2014-10-13", "2014-10-13T07:30:00Z");
	accepts("2014-10-13T07:30:00z", "2014-10-13", "2014-10-13T07:30:00Z");
	accepts("2014-10-13T07:30:00.123Z", "2014-10-13", "2014-10-13T07:30:00Z");
	accepts("2014-10-13T07:30:00,5Z", "2014-10-13", "2014-10-13T07:30:00Z");
	accepts("2014-10-13T07:30:00-07:00", "2014-10-13", "2014-10-13T14:30:00Z");
	accepts("2014-10-13T07:30:00+0530", "2014-10-13", "2014-10-13T02:00:00Z");
	accepts("2014-10-13T01:30:00+05", "2014-10-13", "2014-10-12T20:30:00Z");
	accepts("2014-10-13T23:30:00-02:00", "2014-10-13", "2014-10-14T01:30:00Z");
	accepts("2014-12-31T23:00:00-01:00", "2014-12-31", "2015-01-01T00:00:00Z");
	accepts("2014-10-13T07:30:00-00:00", "2014-10-13", "2014-10-13T07:30:00Z");
	accepts("2014-10-13 07:30:00 UTC", "2014-10-13", "2014-10-13T07:30:00Z");
	accepts("  2014-10-13\t", "2014-10-13", "2014-10-13");
	accepts("\r\n 2014-10-13T07:30:00Z \r\n", "2014-10-13", "2014-10-13T07:30:00Z");
	accepts("2014/10/13", "2014-10-13", "2014-10-13");
	accepts("2014/1/5", "2014-01-05", "2014-01-05");
	accepts("2014/10/13 7:30 PM", "2014-10-13", "2014-10-13");
}

static void compact_forms(void)
{
	accepts("20141013T000000", "2014-10-13", "2014-10-13");
	accepts("20141013", "2014-10-13", "2014-10-13");
	accepts("20141013T073000Z", "2014-10-13", "2014-10-13T07:30:00Z");
	accepts("20141013T073000-0700", "2014-10-13", "2014-10-13T14:30:00Z");
	accepts(" 20141013T000000 ", "2014-10-13", "2014-10-13");
}

static void us_forms(void)
{
	accepts("10/13/2014", "2014-10-13", "2014-10-13");
	accepts("1/5/2014", "2014-01-05", "2014-01-05");
	accepts("01/05/2014", "2014-01-05", "2014-01-05");
	accepts("10/13/2014 7:30", "2014-10-13", "2014-10-13");
	accepts("10/13/2014 07:30:00 PM", "2014-10-13", "2014-10-13");
	accepts("10/13/2014 07:30:00 AM", "2014-10-13", "2014-10-13");
	accepts("10/13/2014 7:30pm EDT", "2014-10-13", "2014-10-13T23:30:00Z");
	accepts("10/13/2014 12:00:00 AM PST", "2014-10-13", "2014-10-13T08:00:00Z");
	accepts("10/13/2014 12:15 PM GMT", "2014-10-13", "2014-10-13T12:15:00Z");
	accepts(" 10/13/2014 ", "2014-10-13", "2014-10-13");
}

static void unix_forms(void)
{
	accepts("Wed May 21 00:00:00 EDT 2008", "2008-05-21", "2008-05-21T04:00:00Z");
	accepts("Wed May 21 00:00:00 2008", "2008-05-21", "2008-05-21");
	accepts("Thu May  1 12:00:00 2008", "2008-05-01", "2008-05-01");
	accepts("wed may 21 00:00:00 pdt 2008", "2008-05-21", "2008-05-21T07:00:00Z");
	accepts("May 21 00:00:00 HST 2008", "2008-05-21", "2008-05-21T10:00:00Z");
	accepts("Wed, 21 May 2008 00:00:00 -0400", "2008-05-21", "2008-05-21T04:00:00Z");
	accepts("Wed, 21 May 2008 00:00:00 GMT", "2008-05-21", "2008-05-21T00:00:00Z");
	accepts("Wed,21 May 2008 23:59:59 +0000", "2008-05-21", "2008-05-21T23:59:59Z");
	accepts(" Wed May 21 00:00:00 AKST 2008 ", "2008-05-21", "2008-05-21T09:00:00Z");
	accepts("Wednesday, May 21, 2008", "2008-05-21", "2008-05-21");
	accepts("Fri Dec 31 22:00:00 CST 2010", "2010-12-31", "2011-01-01T04:00:00Z");
}

static void named_forms(void)
{
	accepts("May 21, 2008", "2008-05-21", "2008-05-21");
	accepts("21 May 2008", "2008-05-21", "2008-05-21");
	accepts("May 21 2008", "2008-05-21", "2008-05-21");
	accepts("September 5, 2008", "2008-09-05", "2008-09-05");
	accepts("Sept 5, 2008", "2008-09-05", "2008-09-05");
	accepts("sep 5 2008", "2008-09-05", "2008-09-05");
	accepts("5 SEPTEMBER 2008", "2008-09-05", "2008-09-05");
	accepts("Jun 5 2008", "2008-06-05", "2008-06-05");
	accepts("june 5,2008", "2008-06-05", "2008-06-05");
	accepts("Tues, 3 June 2008", "2008-06-03", "2008-06-03");
	accepts("Thurs Jun  5 08:00:00 2008", "2008-06-05", "2008-06-05");
	accepts("Jun 5 2008 7:30 pm", "2008-06-05", "2008-06-05");
	accepts("FEB 29, 2016", "2016-02-29", "2016-02-29");
	accepts("  May 21, 2008 7:30 PM  ", "2008-05-21", "2008-05-21");
	accepts("May 21, 2008 7:30 PM MST", "2008-05-21", "2008-05-22T02:30:00Z");
}

static void calendar(void)
{
	accepts("2016-02-29", "2016-02-29", "2016-02-29");
	accepts("2000-02-29", "2000-02-29", "2000-02-29");
	accepts("1800-01-01", "1800-01-01", "1800-01-01");
	accepts("1800-01-01T00:00:00+01:00", "1800-01-01", "1799-12-31T23:00:00Z");
	accepts("2200-12-31", "2200-12-31", "2200-12-31");
	accepts("2014-04-30", "2014-04-30", "2014-04-30");
	accepts("2014-10-13T23:59:59Z", "2014-10-13", "2014-10-13T23:59:59Z");
	accepts("2014-10-13T00:00:00Z", "2014-10-13", "2014-10-13T00:00:00Z");
}

static void refused_dates(void)
{
	refuses("", "empty");
	refuses(" \t ", "empty");
	refuses("2014-13-01", "month 13 out of range");
	refuses("2014-00-10", "month 0 out of range");
	refuses("2014-10-00", "day 0 out of range");
	refuses("2014-10-32", "day 32 out of range");
	refuses("2014-02-30", "day 30 is not in February 2014");
	refuses("2015-02-29", "day 29 is not in February 2015");
	refuses("1900-02-29", "day 29 is not in February 1900");
	refuses("2014-04-31", "day 31 is not in April");
	refuses("31/12/2014", "month 31 out of range");
	refuses("12/31", "date has no year");
	refuses("May 21", "date has no year");
	refuses("Wed, 21 May", "not a date");
	refuses("10/13/14", "two-digit year is ambiguous");
	refuses("May 21, 08", "two-digit year is ambiguous");
	refuses("21 May 08", "two-digit year is ambiguous");
	refuses("10/13/014", "not a date");
	refuses("2014-10-13x", "trailing text after the date");
	refuses("2014-10-13 x", "trailing text after the date");
	refuses("2014-10-13T", "trailing text after the date");
	refuses("1066-10-14", "year 1066 out of range");
	refuses("1799-12-31", "year 1799 out of range");
	refuses("2201-01-01", "year 2201 out of range");
	refuses("20141013T0730", "not a date");
	refuses("2014-1-5", "not a date");
	refuses("2014/10-13", "not a date");
	refuses("12014-10-13", "not a date");
	refuses("141013", "not a date");
	refuses("hello", "not a date");
	refuses("Mayday 21, 2008", "not a date");
	refuses("Ju 5 2008", "not a date");
	refuses("Junes 5 2008", "not a date");
	refuses("Jun5 2008", "not a date");
	refuses("5-Jun-2008", "not a date");
	refuses("May 21 ,2008", "not a date");
	refuses("Wed 2008-05-21", "not a date");
	refuses("2014.10.13", "not a date");
	refuses("-2014-10-13", "not a date");
	refuses("2014-10-13\xc2\xa0", "trailing text after the date");
}

static void refused_times(void)
{
	refuses("2014-10-13T24:00:01", "time out of range");
	refuses("2014-10-13T24:00", "time out of range");
	refuses("2014-10-13 25:00", "time out of range");
	refuses("2014-10-13 12:60", "time out of range");
	refuses("2014-10-13 12:30:60", "time out of range");
	refuses("20141013T250000", "time out of range");
	refuses("10/13/2014 13:00 PM", "time out of range");
	refuses("10/13/2014 0:30 AM", "time out of range");
	refuses("2014-10-13 7", "not a date");
	refuses("2014-10-13 7:3", "not a date");
	refuses("2014-10-13 07:30.5", "trailing text after the date");
	refuses("2014-10-13T07:30:00.Z", "not a date");
	refuses("2014-10-13T07:30:00+5", "not a date");
	refuses("2014-10-13T07:30:00+24:00", "time zone offset out of range");
	refuses("2014-10-13T07:30:00+05:60", "time zone offset out of range");
	refuses("2014-10-13Z", "trailing text after the date");
	refuses("Wed May 21 00:00:00 XYZ 2008", "unknown time zone 'XYZ'");
	refuses("2014-10-13 07:30 CET", "unknown time zone 'CET'");
	refuses("2014-10-13 07:30 A", "unknown time zone 'A'");
	refuses("2014-10-13 07:30 ESTX", "unknown time zone 'ESTX'");
	refuses("2014-10-13 07:30 Eastern", "unknown time zone 'Eastern'");
	refuses("2014-10-13 07:30 Pacificstandard", "unknown time zone 'Pacificsta...'");
	refuses("Wed May 21 00:00:00 EDT", "not a date");
	refuses("Wed May 21 00:00:00 EDT 2008 07:00", "trailing text after the date");
}

static void weekdays(void)
{
	refuses("Tue May 21 00:00:00 EDT 2008", "2008-05-21 is a Wednesday, not Tuesday");
	refuses("Sun, 21 May 2008 00:00:00 -0400", "2008-05-21 is a Wednesday, not Sunday");
	refuses("Monday, May 21, 2008", "2008-05-21 is a Wednesday, not Monday");
	accepts("Wed Jan 1 00:00:00 1800", "1800-01-01", "1800-01-01");
	accepts("Sun Feb 29 00:00:00 2004", "2004-02-29", "2004-02-29");
	refuses("Wed May 21 00:00:00 EDT 2008x", "trailing text after the date");
	refuses("Wed", "not a date");
	refuses("Wed May", "not a date");
}

/* The bytes after len are digits and letters, never NUL: only s[0..len) counts. */
static void bounded(void)
{
	static const char text[] = "2014-10-139T07:30:00Z";
	struct date_value d;
	const char *why;
	char out[DATE_MAX];
	check_int(date_parse(text, 10, &d, &why), 0, "the first 10 bytes are a date");
	date_format(&d, out, 1);
	check_str(out, "2014-10-13", "nothing after len is read");
	check_int(date_parse("10/13/2014", 8, &d, &why), -1, "10/13/20 within len");
	check_str(why, "two-digit year is ambiguous", "the year stops at len");
	check_int(date_parse("Wed May 21 00:00:00 EDT 2008", 23, &d, &why), -1, "ctime cut at len");
	check_int(date_parse(NULL, 0, &d, &why), -1, "NULL is empty");
	check_str(why, "empty", "NULL: reason");
}

static void fields(void)
{
	struct date_value d;
	const char *why;
	check_int(date_parse("10/13/2014 07:30:15 PM EST", 26, &d, &why), 0, "fields: parsed");
	check_int(d.year * 10000 + d.month * 100 + d.day, 20141013, "fields: the date");
	check_int(d.has_time, 1, "fields: a time");
	check_int(d.hour * 10000 + d.minute * 100 + d.second, 193015, "fields: 12-hour to 24");
	check_int(d.has_zone, 1, "fields: a zone");
	check_int(d.utc_offset, -5 * 3600, "fields: EST is 5 hours west");
	check_int(date_parse("2014-10-13 07:30", 16, &d, &why), 0, "no zone: parsed");
	check(d.has_time && !d.has_zone && d.utc_offset == 0, "no zone: a time without a zone");
	check_int(date_parse("2014-10-13", 10, &d, &why), 0, "date alone: parsed");
	check(!d.has_time && !d.has_zone && d.hour == 0, "date alone: no time, no zone");
}

int main(void)
{
	iso_forms();
	compact_forms();
	us_forms();
	unix_forms();
	named_forms();
	calendar();
	refused_dates();
	refused_times();
	weekdays();
	bounded();
	fields();
	return tap_done();
}
