/* SPDX-License-Identifier: MIT */
/* A set of strings kept as 64-bit fingerprints (FNV-1a, mixed): the URLs a
 * crawl has queued, so that none is fetched twice, in 16 bytes a URL or
 * less. Two different strings share a fingerprint with odds of about n^2 /
 * 2^65 for n strings: one in 10^10 for a million URLs. */
#ifndef BIRDDOG_STRSET_H
#define BIRDDOG_STRSET_H

#include <stddef.h>

struct strset;

struct strset *strset_new(void);
void strset_free(struct strset *s);
/* Adds key: 1 when it was new, 0 when it was there. */
int strset_add(struct strset *s, const char *key);
int strset_has(const struct strset *s, const char *key);
size_t strset_count(const struct strset *s);

#endif
