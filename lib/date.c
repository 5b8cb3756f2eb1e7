/* SPDX-License-Identifier: MIT */
/* Dates as exports write them (see date.h) into RFC 3339 text: ISO 8601,
 * US month-first, date(1) and RFC 5322 forms. ASCII only, so no locale. */
#include "date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clock.h"

_Static_assert(DATE_MAX >= CLOCK_RFC3339_LEN, "a timestamp fits in DATE_MAX");

#define NOT_A_DATE "not a date"
#define TIME_RANGE "time out of range"

/* The text left to read, and what the form read so far allows next. */
struct scan {
	const char *p, *end;
	int wday;      /* the weekday written, 0 = Sunday, or -1 */
	int iso;       /* an ISO 8601 date: a 'T' may join the time */
	int basic;     /* ISO 8601 basic (20141013): the time may be 073000 */
};

static const char *const month_names[] = { "January", "February", "March", "April",
	"May", "June", "July", "August", "September", "October", "November", "December" };
static const char *const day_names[] = { "Sunday", "Monday", "Tuesday", "Wednesday",
	"Thursday", "Friday", "Saturday" };
static const char *const zone_names[] = { "Z", "UTC", "GMT", "EST", "EDT", "CST", "CDT",
	"MST", "MDT", "PST", "PDT", "AKST", "AKDT", "HST" };
static const int zone_hours[] = { 0, 0, 0, -5, -4, -6, -5, -7, -6, -8, -7, -9, -8, -10 };
static const char *const meridiems[] = { "AM", "PM" };

static int is_digit(int ch) { return ch >= '0' && ch <= '9'; }
static int lower(int ch) { return ch >= 'A' && ch <= 'Z' ? ch + 32 : ch; }
static int is_alpha(int ch) { return lower(ch) >= 'a' && lower(ch) <= 'z'; }
static int is_space(int ch) { return ch == ' ' || (ch >= '\t' && ch <= '\r'); }

/* The next byte, or -1 at the end. */
static int peek(const struct scan *s) { return s->p < s->end ? (unsigned char)*s->p : -1; }
static int eat(struct scan *s, int ch) { return peek(s) == ch ? (s->p++, 1) : 0; }

/* How many bytes from s->p on are of the kind is() tells. */
static size_t run(const struct scan *s, int (*is)(int))
{
	size_t n = 0;
	while (s->p + n < s->end && is((unsigned char)s->p[n]))
		n++;
	return n;
}

/* Reads past such a run; its length. */
static size_t skip(struct scan *s, int (*is)(int))
{
	size_t n = run(s, is);
	s->p += n;
	return n;
}

/* A whole run of min..max digits, so "12345" is not a four-digit year. */
static int number(struct scan *s, size_t min, size_t max, int *out)
{
	size_t n = run(s, is_digit);
	if (n < min || n > max)
		return 0;
	for (*out = 0; n; n--)
		*out = *out * 10 + (*s->p++ - '0');
	return 1;
}

/* The index of the word at s in names, written in full or (when at least
 * min letters) cut short like "Sep", "Sept", "Thurs"; reads past it, or
 * returns -1 and reads nothing. */
static int name(struct scan *s, const char *const names[], int count, size_t min)
{
	size_t n = run(s, is_alpha);
	for (int i = 0; i < count; i++) {
		size_t full = strlen(names[i]), k = 0;
		while (k < n && k < full && lower((unsigned char)s->p[k]) == lower(names[i][k]))
			k++;
		if (n && k == n && (n == full || n >= min)) {
			s->p += n;
			return i;
		}
	}
	return -1;
}

/* A comma, white space, or both: what comes between the words of a date. */
static int separator(struct scan *s)
{
	int comma = eat(s, ',');
	return skip(s, is_space) || comma;
}

static const char *year(struct scan *s, struct date_value *d)
{
	if (run(s, is_digit) == 2)
		return "two-digit year is ambiguous";
	return number(s, 4, 4, &d->year) ? NULL : NOT_A_DATE;
}

/* +HH, +HHMM or +HH:MM, and the same with '-' (RFC 3339, RFC 5322). */
static const char *offset(struct scan *s, struct date_value *d)
{
	int sign = *s->p++ == '-' ? -1 : 1, h, m = 0;
	if (number(s, 4, 4, &h))
		m = h % 100, h /= 100;
	else if (!number(s, 2, 2, &h) || (eat(s, ':') && !number(s, 2, 2, &m)))
		return NOT_A_DATE;
	if (h > 23 || m > 59)
		return "time zone offset out of range";
	d->has_zone = 1;
	d->utc_offset = sign * (h * 3600 + m * 60);
	return NULL;
}

/* An optional AM or PM, then an optional zone; a word that is neither is
 * refused by name. */
static const char *meridiem_and_zone(struct scan *s, struct date_value *d)
{
	struct scan at = *s;
	skip(s, is_space);
	int pm = name(s, meridiems, 2, 2);
	if (pm >= 0) {
		if (d->hour < 1 || d->hour > 12)
			return TIME_RANGE;
		d->hour = d->hour % 12 + 12 * pm;
		at = *s;
		skip(s, is_space);
	}
	if (peek(s) == '+' || peek(s) == '-')
		return offset(s, d);
	size_t n = run(s, is_alpha);
	int i = name(s, zone_names, sizeof zone_hours / sizeof zone_hours[0], 9);
	if (i >= 0) {
		d->has_zone = 1;
		d->utc_offset = zone_hours[i] * 3600;
	} else if (n == 0) {
		*s = at;   /* no zone: ctime's year may follow */
	} else {
		int shown = n > 10 ? 10 : (int)n;
		snprintf(d->reason, sizeof d->reason, "unknown time zone '%.*s%s'", shown, s->p,
			 n > 10 ? "..." : "");
		return d->reason;
	}
	return NULL;
}

/* H:MM, H:MM:SS[.fff], or HHMMSS after a basic date; then AM/PM and zone. */
static const char *time_of_day(struct scan *s, struct date_value *d)
{
	int hms, seconds = 1;
	d->has_time = 1;
	if (s->basic && number(s, 6, 6, &hms)) {
		d->hour = hms / 10000, d->minute = hms / 100 % 100, d->second = hms % 100;
	} else {
		if (!number(s, 1, 2, &d->hour) || !eat(s, ':') || !number(s, 2, 2, &d->minute))
			return NOT_A_DATE;
		seconds = eat(s, ':');
		if (seconds && !number(s, 2, 2, &d->second))
			return NOT_A_DATE;
	}
	if (seconds && (eat(s, '.') || eat(s, ',')) && !skip(s, is_digit))
		return NOT_A_DATE;   /* a point without the fraction of a second (dropped) */
	return meridiem_and_zone(s, d);
}

/* 21 May 2008, as RFC 5322 and people write it. */
static const char *day_month_year(struct scan *s, struct date_value *d)
{
	if (!number(s, 1, 2, &d->day) || !skip(s, is_space) ||
	    (d->month = name(s, month_names, 12, 3) + 1) == 0 || !skip(s, is_space))
		return NOT_A_DATE;
	return year(s, d);
}

/* 1/5/2014: month first, as in the US; 31/12/2014 is then month 31. */
static const char *us_date(struct scan *s, struct date_value *d)
{
	if (!number(s, 1, 2, &d->month) || !eat(s, '/') || !number(s, 1, 2, &d->day))
		return NOT_A_DATE;
	if (!eat(s, '/'))
		return peek(s) == -1 || is_space(peek(s)) ? "date has no year" : NOT_A_DATE;
	return year(s, d);
}

/* 2014-10-13, 2014/10/13, 20141013, or the above: told apart by the first digits. */
static const char *numeric_date(struct scan *s, struct date_value *d)
{
	size_t n = run(s, is_digit);
	int sep = s->p + n < s->end ? (unsigned char)s->p[n] : -1, ymd;
	if (n == 8) {
		number(s, 8, 8, &ymd);
		d->year = ymd / 10000, d->month = ymd / 100 % 100, d->day = ymd % 100;
		s->iso = s->basic = 1;
		return NULL;
	}
	if (n == 4 && (sep == '-' || sep == '/')) {
		size_t w = sep == '-' ? 2 : 1;   /* ISO 8601 writes two-digit months */
		s->iso = sep == '-';
		return number(s, 4, 4, &d->year) && eat(s, sep) && number(s, w, 2, &d->month) &&
		       eat(s, sep) && number(s, w, 2, &d->day) ? NULL : NOT_A_DATE;
	}
	if (n > 2)
		return NOT_A_DATE;
	return sep == '/' ? us_date(s, d) : day_month_year(s, d);
}

/* [Weekday[,]] May 21[,] 2008, date(1)'s [Wed] May 21 00:00:00 [EDT] 2008,
 * or RFC 5322's Wed, 21 May 2008. */
static const char *named_date(struct scan *s, struct date_value *d)
{
	s->wday = name(s, day_names, 7, 3);
	if (s->wday >= 0) {
		if (!separator(s))
			return NOT_A_DATE;
		if (is_digit(peek(s)))
			return day_month_year(s, d);
	}
	if ((d->month = name(s, month_names, 12, 3) + 1) == 0 || !skip(s, is_space) ||
	    !number(s, 1, 2, &d->day))
		return NOT_A_DATE;
	if (peek(s) == -1)
		return "date has no year";
	int comma = peek(s) == ',';
	if (!separator(s))
		return NOT_A_DATE;
	size_t n = run(s, is_digit);
	if (!comma && n && n <= 2 && s->p + n < s->end && s->p[n] == ':') {
		const char *why = time_of_day(s, d);
		if (why)
			return why;
		if (!skip(s, is_space))
			return NOT_A_DATE;
	}
	return year(s, d);
}

/* The time after a date that has none yet: "T07:30:00Z" or " 7:30 PM". */
static const char *time_after(struct scan *s, struct date_value *d)
{
	struct scan at = *s;
	if (((s->iso && (eat(s, 'T') || eat(s, 't'))) || skip(s, is_space)) && is_digit(peek(s)))
		return time_of_day(s, d);
	*s = at;
	return NULL;
}

/* The ranges, with the value in the reason: "day 31 is not in April". */
static const char *check_ranges(struct date_value *d)
{
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y = d->year, leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	char *r = d->reason;
	size_t n = sizeof d->reason;
	if (y < 1800 || y > 2200)
		snprintf(r, n, "year %d out of range", y);
	else if (d->month < 1 || d->month > 12)
		snprintf(r, n, "month %d out of range", d->month);
	else if (d->day < 1 || d->day > 31)
		snprintf(r, n, "day %d out of range", d->day);
	else if (d->month == 2 && d->day > 28 + leap)
		snprintf(r, n, "day %d is not in February %d", d->day, y);
	else if (d->day > days[d->month - 1])   /* February was checked above */
		snprintf(r, n, "day %d is not in %s", d->day, month_names[d->month - 1]);
	else
		return d->hour > 23 || d->minute > 59 || d->second > 59 ? TIME_RANGE : NULL;
	return r;
}

/* A weekday written must be the date's: a wrong one means a wrong date. */
static const char *check_weekday(const struct scan *s, struct date_value *d)
{
	struct tm tm = { .tm_year = d->year - 1900, .tm_mon = d->month - 1, .tm_mday = d->day };
	if (s->wday < 0)
		return NULL;
	timegm(&tm);
	if (tm.tm_wday == s->wday)
		return NULL;
	snprintf(d->reason, sizeof d->reason, "%04d-%02d-%02d is a %s, not %s", d->year,
		 d->month, d->day, day_names[tm.tm_wday], day_names[s->wday]);
	return d->reason;
}

int date_parse(const char *s, size_t len, struct date_value *out, const char **why)
{
	struct scan sc = { .p = s ? s : "", .wday = -1 };   /* NULL reads as empty */
	sc.end = sc.p + (s ? len : 0);
	memset(out, 0, sizeof *out);
	skip(&sc, is_space);
	while (sc.end > sc.p && is_space((unsigned char)sc.end[-1]))
		sc.end--;
	const char *err = "empty";
	if (sc.p < sc.end)
		err = is_digit(peek(&sc)) ? numeric_date(&sc, out) : named_date(&sc, out);
	if (!err && !out->has_time)
		err = time_after(&sc, out);
	if (!err && sc.p != sc.end)
		err = "trailing text after the date";
	if (!err)
		err = check_ranges(out);
	if (!err)
		err = check_weekday(&sc, out);
	*why = err;
	return err ? -1 : 0;
}

void date_format(const struct date_value *d, char out[DATE_MAX], int as_timestamp)
{
	if (!as_timestamp || !d->has_time || !d->has_zone) {
		/* The remainders change nothing for d from date_parse: they show
		 * the compiler that each field fits its width. */
		snprintf(out, DATE_MAX, "%04d-%02d-%02d", d->year % 10000, d->month % 100,
			 d->day % 100);
		return;
	}
	/* timegm carries the seconds past the offset into minutes, days, years. */
	struct tm tm = { .tm_year = d->year - 1900, .tm_mon = d->month - 1, .tm_mday = d->day,
			 .tm_hour = d->hour, .tm_min = d->minute,
			 .tm_sec = d->second - d->utc_offset };
	clock_format(timegm(&tm), out);
}
