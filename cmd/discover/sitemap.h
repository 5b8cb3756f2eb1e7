/* SPDX-License-Identifier: MIT */
/* Sitemaps (sitemaps.org 0.9): a <urlset> of pages with their <lastmod>,
 * or a <sitemapindex> of more sitemaps, read with libxml2 (no network, no
 * external entities). */
#ifndef BIRDDOG_SITEMAP_H
#define BIRDDOG_SITEMAP_H

#include <stddef.h>

#include "buf.h"

/* Calls fn(ctx, loc, lastmod, index) for each <url> of a urlset, or each
 * <sitemap> of an index (index then 1, also in *index); lastmod is NULL
 * when absent. 0, or -1 with the reason in err when body is not a
 * sitemap. */
int sitemap_parse(const char *body, size_t len, int *index,
		  void (*fn)(void *ctx, const char *loc, const char *lastmod, int index), void *ctx,
		  struct buf *err);

#endif
