/* SPDX-License-Identifier: MIT */
/* A tiny TAP harness for the C unit tests: checks print file:line and both
 * values on failure; tap_done() prints the plan and returns the exit status. */
#ifndef BIRDDOG_TAP_H
#define BIRDDOG_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_count, tap_failed;

static inline int tap_ok(int ok, const char *file, int line, const char *what)
{
	tap_count++;
	if (!ok)
		tap_failed++;
	printf("%sok %d - %s\n", ok ? "" : "not ", tap_count, what);
	if (!ok)
		printf("#   failed at %s:%d\n", file, line);
	/* ASan's leak check exits without flushing stdio: keep what was said. */
	fflush(stdout);
	return ok;
}

#define check(cond, what) tap_ok(!!(cond), __FILE__, __LINE__, what)

#define check_int(got, want, what) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (!tap_ok(g_ == w_, __FILE__, __LINE__, what)) \
		printf("#   got %lld, want %lld\n", g_, w_); \
} while (0)

#define check_str(got, want, what) do { \
	const char *g_ = (got), *w_ = (want); \
	int ok_ = (g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0); \
	if (!tap_ok(ok_, __FILE__, __LINE__, what)) \
		printf("#   got  \"%s\"\n#   want \"%s\"\n", g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif
