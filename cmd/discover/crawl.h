/* SPDX-License-Identifier: MIT */
/* discover's fetched sources (birddog-source(5)): a site crawled (html),
 * an API paged through (json, the RESO Web API), a CSV file at a URL. Each
 * record goes through discover_emit like an imported row; bad pages and
 * items go to rejects/discover/SOURCE.ndjson. */
#ifndef BIRDDOG_CRAWL_H
#define BIRDDOG_CRAWL_H

#include "buf.h"

struct discover;
struct source;
struct extracted;
struct fetch_result;

/* Fetches s and writes its new and changed listings; a complete crawl of
 * an html source also writes those it no longer lists ("delisted").
 * Problems set d->status. */
void crawl_source(struct discover *d, const struct source *s);

/* crawl.c, for crawl_api.c and crawl_csv.c: the run of one source. */
struct crawl;
/* One listing from x, found at page (the fetch result it came from, or
 * NULL): stored and written when news, or rejected naming where. Returns
 * 1 written or unchanged, 0 rejected, -1 on a state error. */
int crawl_listing(struct crawl *c, struct extracted *x, const char *where,
		  const struct fetch_result *page, struct buf *id);
/* A rejected page or item: its URL and the reason, on stderr and in the
 * reject file. */
void crawl_reject(struct crawl *c, const char *url, long status, const char *reason);

#endif
