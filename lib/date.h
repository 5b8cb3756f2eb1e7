/* SPDX-License-Identifier: MIT */
/* One cell's date or timestamp, in the forms listing and sales exports
 * write, checked and turned into RFC 3339 text; no locale, no $TZ. */
#ifndef BIRDDOG_DATE_H
#define BIRDDOG_DATE_H

#include <stddef.h>

#define DATE_MAX 21          /* "2014-10-13T07:30:00Z" and its NUL */
#define DATE_REASON_MAX 48   /* room for the longest reason date_parse writes */

/* A calendar date as written (the writer's local date), and the time of
 * day and its zone when given. The caller owns it; it holds no pointers. */
struct date_value {
	int year, month, day;     /* 1800..2200, 1..12, 1..31 */
	int has_time;             /* a time of day was written */
	int hour, minute, second; /* 0..23, 0..59, 0..59; 0 without a time */
	int has_zone;             /* the time came with a known offset from UTC */
	int utc_offset;           /* seconds east of UTC; 0 without a zone */
	char reason[DATE_REASON_MAX]; /* date_parse's reason, when it quotes the text */
};

/* Parses s[0..len) (need not be NUL-terminated; nothing past len is read),
 * with white space around it allowed. The forms:
 *   2014-10-13   2014-10-13T07:30:00   2014-10-13 07:30   2014/10/13
 *   20141013   20141013T073000   (ISO 8601 basic, as kc_house_data writes)
 *   10/13/2014   1/5/2014 7:30   10/13/2014 07:30:00 PM   (US: month first)
 *   May 21, 2008   May 21 2008   21 May 2008   Wednesday, May 21, 2008
 *   Wed May 21 00:00:00 EDT 2008   Wed May 21 00:00:00 2008   (date(1), ctime)
 *   Wed, 21 May 2008 00:00:00 -0400   (RFC 5322)
 * Month and day names are English in any case, in full or cut to three
 * letters or more (Sep, Sept, Thurs). A time is H:MM or H:MM:SS, the
 * seconds with an optional fraction (dropped); then an optional AM or PM
 * (a 12-hour clock: hours 1..12); then an optional zone: Z, +HH, +HHMM or
 * +HH:MM (- likewise), or UTC GMT EST EDT CST CDT MST MDT PST PDT AKST AKDT
 * HST. A weekday, when written, must be the date's.
 * Refused: two-digit years ("10/13/14": 1914 or 2014?), day-first dates
 * ("31/12/2014" reads as month 31), a date without a year, years outside
 * 1800..2200, days not in the month, 24:00 and leap seconds (:60), other
 * zone names, a zone without a time, and any other text.
 * 0 with *out filled, or -1 with a short reason in *why ("month 13 out of
 * range", "day 31 is not in April", "unknown time zone 'XYZ'", "not a
 * date"): static text, or out->reason, so valid as long as *out is. */
int date_parse(const char *s, size_t len, struct date_value *out, const char **why);

/* Writes d, from date_parse, into out: "YYYY-MM-DD", the date as written
 * and not moved to UTC; or, when as_timestamp and d has a time and a zone,
 * the instant in UTC as "YYYY-MM-DDTHH:MM:SSZ". A time without a zone
 * names no instant, so that gives the date alone: test has_zone to know. */
void date_format(const struct date_value *d, char out[DATE_MAX], int as_timestamp);

#endif
