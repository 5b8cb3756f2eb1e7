/* SPDX-License-Identifier: MIT */
/* Wall-clock time as RFC 3339 UTC text; $BIRDDOG_NOW pins it for tests. */
#ifndef BIRDDOG_CLOCK_H
#define BIRDDOG_CLOCK_H

#include <time.h>

#define CLOCK_RFC3339_LEN 21   /* "2026-11-23T04:00:00Z" and its NUL */

/* Seconds since the epoch: $BIRDDOG_NOW (RFC 3339 UTC) when set and valid, else now. */
time_t clock_now(void);
/* Writes t as "YYYY-MM-DDTHH:MM:SSZ" into out. */
void clock_format(time_t t, char out[CLOCK_RFC3339_LEN]);
/* Parses "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (UTC); 0, or -1 when invalid. */
int clock_parse(const char *s, time_t *out);

/* For timing and pacing, never pinned by $BIRDDOG_NOW: the real time in
 * seconds since the epoch, the monotonic clock's seconds, and a sleep
 * (resumed after a signal handler that asks to continue). */
double clock_wall(void);
double clock_mono(void);
void clock_sleep(double seconds);

#endif
