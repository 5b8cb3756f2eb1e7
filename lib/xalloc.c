/* SPDX-License-Identifier: MIT */
/* Allocation that exits with EX_OSERR instead of returning NULL. */
#include "xalloc.h"

#include <string.h>
#include <sysexits.h>

#include "diag.h"

static void *checked(void *p)
{
	if (!p)
		diag_die(EX_OSERR, "out of memory");
	return p;
}

void *xmalloc(size_t n) { return checked(malloc(n ? n : 1)); }
void *xcalloc(size_t n, size_t size) { return checked(calloc(n ? n : 1, size ? size : 1)); }
void *xrealloc(void *p, size_t n) { return checked(realloc(p, n ? n : 1)); }
char *xstrdup(const char *s) { return checked(strdup(s)); }
char *xstrndup(const char *s, size_t n) { return checked(strndup(s, n)); }
