/* SPDX-License-Identifier: MIT */
/* The run of one fetched source, for crawl.c (the run, listings, rejects),
 * crawl_page.c (a page of an html crawl), crawl_api.c (an API) and
 * crawl_csv.c (a CSV at a URL). Nothing else includes it. */
#ifndef BIRDDOG_CRAWL_IMPL_H
#define BIRDDOG_CRAWL_IMPL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"
#include "extract.h"

struct discover;
struct source;
struct fetch;
struct fetch_result;
struct reject;

struct crawl {
	struct discover *d;
	const struct source *s;
	struct fetch *f;
	struct reject *rej;
	long n;                 /* the crawl's number */
	int delist;             /* a complete run tells what is gone (html) */
	int failed;             /* something the fetch does not count went wrong */
	struct extracted x;
	struct buf links, ids;  /* what the page in hand gave */
	struct buf id, sources, warn;
	double last_flush;
	pcre2_match_data *md;   /* for the detail pattern */
	char *browser;          /* "render": true: the headless Chromium to run */
};

void crawl_html(struct crawl *c);
void crawl_api(struct crawl *c);
void crawl_csv(struct crawl *c);
/* A fetched page of an html crawl: a sitemap, a list or a detail page. */
void crawl_page(struct crawl *c, struct fetch_result *r);
/* A link the page in hand has: 's' sitemap, 'n' list page, 'd' detail. */
void crawl_link(struct crawl *c, char kind, const char *url, const char *lastmod, int depth);
/* Queues the links of a page's kept outputs ('K URL[\tLASTMOD]' lines). */
void crawl_queue_links(struct crawl *c, char *lines, int depth);
/* Commits the state every 0.2 s (now: at once). */
void crawl_flush(struct crawl *c, int now);
void crawl_finish(struct crawl *c, int complete);
/* Frees what c holds (its fetch, buffers, reject file); -1 when the reject
 * file could not be written. */
int crawl_release(struct crawl *c);

#endif
