/* SPDX-License-Identifier: MIT */
/* Calendar dates as day numbers: whole days since 1970-01-01 in the
 * proleptic Gregorian calendar, so that date arithmetic is subtraction. */
#ifndef BIRDDOG_DAYNUM_H
#define BIRDDOG_DAYNUM_H

#include <time.h>

#define DAYNUM_TEXT_LEN 11      /* "YYYY-MM-DD" and its NUL */

/* The day number of year-month-day (month 1..12, day 1..31, unchecked). */
long daynum_from_ymd(int year, int month, int day);
/* The year, month and day of day number n. */
void daynum_to_ymd(long n, int *year, int *month, int *day);
/* Parses exactly "YYYY-MM-DD" (a real date, years 1000..9999); 0 with
 * the day number in *out, or -1. */
int daynum_parse(const char *s, long *out);
/* Writes n as "YYYY-MM-DD". */
void daynum_format(long n, char out[DAYNUM_TEXT_LEN]);
/* The UTC day of an instant. */
long daynum_from_time(time_t t);
/* The first day of n's month. */
long daynum_month_start(long n);

#endif
