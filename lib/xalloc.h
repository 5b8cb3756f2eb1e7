/* SPDX-License-Identifier: MIT */
/* Allocation that exits with EX_OSERR instead of returning NULL. */
#ifndef BIRDDOG_XALLOC_H
#define BIRDDOG_XALLOC_H

#include <stddef.h>
#include <stdlib.h>

/* Each returns memory the caller owns and frees with free(). */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
