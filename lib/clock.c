/* SPDX-License-Identifier: MIT */
/* Wall-clock time as RFC 3339 UTC text; $BIRDDOG_NOW pins it for tests. */
#include "clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int clock_parse(const char *s, time_t *out)
{
	struct tm tm = { 0 };
	char tail[8] = "";
	int n = sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d%7s", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		       &tm.tm_hour, &tm.tm_min, &tm.tm_sec, tail);
	size_t len = strlen(s);
	if (!(n == 3 && len == 10) && !(n == 7 && strcmp(tail, "Z") == 0))
		return -1;
	if (tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
	    tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*out = timegm(&tm);
	return 0;
}

time_t clock_now(void)
{
	const char *pinned = getenv("BIRDDOG_NOW");
	time_t t;
	if (pinned && *pinned && clock_parse(pinned, &t) == 0)
		return t;
	return time(NULL);
}

void clock_format(time_t t, char out[CLOCK_RFC3339_LEN])
{
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, CLOCK_RFC3339_LEN, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

double clock_wall(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

double clock_mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

void clock_sleep(double seconds)
{
	if (seconds <= 0)
		return;
	struct timespec ts = { (time_t)seconds, (long)((seconds - (double)(time_t)seconds) * 1e9) };
	nanosleep(&ts, NULL);
}
