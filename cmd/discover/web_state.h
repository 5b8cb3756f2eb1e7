/* SPDX-License-Identifier: MIT */
/* What discover keeps in discover.db about the web (tables of migration 3):
 * the HTTP cache and bodies, what each page gave, robots.txt per host, the
 * hosts' request budget (shared by every discover of the tenant, so that
 * concurrent cron runs spend one budget), API cursors and crawls. */
#ifndef BIRDDOG_WEB_STATE_H
#define BIRDDOG_WEB_STATE_H

#include "buf.h"
#include "http.h"

struct store;
struct web_state;

struct web_state *web_state_new(struct store *s, struct buf *err);
void web_state_free(struct web_state *w);
/* The last database error, with the file. */
const char *web_state_errmsg(struct web_state *w);

/* A URL's cache row; strings owned (cache_entry_release). */
struct cache_entry {
	long status;
	char *etag, *last_modified, *content_type, *sha256, *fetched_at, *lastmod;
};
void cache_entry_release(struct cache_entry *e);
/* 1 and e filled when url has a row, 0 when not, -1 on error. */
int web_cache_get(struct web_state *w, const char *url, struct cache_entry *e);
/* Stores a fetched body (once per SHA-256) and url's row; the body url
 * had before (old_sha256, NULL when none) goes when no URL names it. e->sha256
 * and e->fetched_at must be set. 0 or -1. */
int web_cache_put(struct web_state *w, const char *url, const struct cache_entry *e,
		  const char *old_sha256, const char *body, size_t len);
/* A 304: url was asked again at checked_at and had not changed. */
int web_cache_checked(struct web_state *w, const char *url, const char *checked_at);
/* The sitemap's <lastmod> for url when it was last fetched. */
int web_cache_set_lastmod(struct web_state *w, const char *url, const char *lastmod);
/* The body with this SHA-256 into out (appended): 1, 0 when not kept, -1. */
int web_cache_body(struct web_state *w, const char *sha256, struct buf *out);

/* What a page gave source, when it came from the body sha256: its links
 * ('n URL' and 'd URL' lines) and listing ids (a line each). 1 found, 0
 * not, -1. */
int web_page_get(struct web_state *w, const char *source, const char *url, const char *sha256,
		 struct buf *links, struct buf *listings);
int web_page_put(struct web_state *w, const char *source, const char *url, const char *sha256,
		 const char *links, const char *listings);

/* robots.txt of host fetched less than max_age seconds before now: 1 with
 * its status (0: unreachable) and body, 0 when there is none that fresh. */
int web_robots_get(struct web_state *w, const char *host, double now, double max_age,
		   long *status, struct buf *body);
int web_robots_put(struct web_state *w, const char *host, long status, const char *body,
		   size_t len, double now);

/* The shared token bucket of host (http_opts.acquire): seconds to wait,
 * 0 when a request may start now (a token taken). A database error lets
 * the request go (politeness then rests on this process's own spacing). */
double web_budget_take(struct web_state *w, const char *host, const struct http_policy *p,
		       double now);

/* An API source's cursor: 1 with the last ModificationTimestamp and key,
 * 0 when there is none yet. */
int web_cursor_get(struct web_state *w, const char *source, struct buf *modified,
		   struct buf *key);
int web_cursor_put(struct web_state *w, const char *source, const char *modified,
		   const char *key);

/* A new crawl of source: its number (1, 2, ...), or -1. */
long web_crawl_begin(struct web_state *w, const char *source, const char *started);
int web_crawl_end(struct web_state *w, const char *source, long n, const char *finished,
		  int complete);

#endif
