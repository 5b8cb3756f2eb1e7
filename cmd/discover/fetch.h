/* SPDX-License-Identifier: MIT */
/* Fetching a source's URLs politely and once: robots.txt asked first for
 * every host (and obeyed), only the source's hosts, each URL once, within
 * its limits (pages, depth, time), conditional GETs from the HTTP cache, a
 * body not fetched again when a sitemap says it has not changed, and with
 * --offline the cache alone. Listing pages wait until the pages already
 * found are fetched, so memory stays flat however large the site. */
#ifndef BIRDDOG_FETCH_H
#define BIRDDOG_FETCH_H

#include "buf.h"
#include "digest.h"

struct source;
struct web_state;
struct fetch;

/* In the order they are fetched when several wait. */
enum fetch_kind { FETCH_ROBOTS, FETCH_SITEMAP, FETCH_API, FETCH_FILE, FETCH_DETAIL, FETCH_LIST,
		  FETCH_KINDS };

struct fetch_job {
	enum fetch_kind kind;
	int depth;
	char *url;
	char *lastmod;          /* the sitemap's, or NULL */
	struct fetch_job *next;
};

struct fetch_result {
	struct fetch_job *job;  /* valid until the next fetch_next */
	const char *url;        /* the URL that answered (after redirects) */
	long status;            /* HTTP status; 0 when none */
	int failed;             /* no answer: error says why */
	const char *error;
	int unchanged;          /* the body is the one already handled: a 304, the same
				 * SHA-256, or a sitemap <lastmod> not newer */
	struct buf body;        /* when changed; fetch_body loads it when unchanged */
	const char *content_type;
	char sha256[DIGEST_HEX_LEN];   /* of the body ("" when none) */
	char fetched_at[32];    /* when that body was fetched (RFC 3339) */
	char *own_url, *own_error, *own_type;   /* what url, error, content_type point to */
};

/* What happened, for the summary and the crawl's completeness. */
struct fetch_counts {
	unsigned long fetched, not_modified, unchanged, failed, robots, outside, limited;
};

struct fetch_opts {
	int obey_robots;        /* an html source: robots.txt per host */
	int offline;            /* --offline: the cache, no network */
	const char *authorization;     /* an API's Authorization header, or NULL */
	const char *accept;     /* Accept, or NULL */
};

/* NULL (the reason in err) when curl cannot be set up. ws may be a copy in
 * memory (a preview). */
struct fetch *fetch_new(const struct source *s, struct web_state *ws, const struct fetch_opts *o,
			struct buf *err);
void fetch_free(struct fetch *f);
/* Sets the Authorization header of the requests queued from now on. */
void fetch_set_authorization(struct fetch *f, const char *value);

/* Queues url (absolute) unless it was queued before, its host is not the
 * source's, it is deeper than limits.depth or past limits.pages, or
 * robots.txt disallows it; lastmod is a sitemap's date or NULL. */
void fetch_add(struct fetch *f, const char *url, enum fetch_kind kind, int depth,
	       const char *lastmod);
/* Queues url even when it was queued before (an API's page asked again). */
void fetch_add_again(struct fetch *f, const char *url, enum fetch_kind kind);
/* The next answer: 1 with r filled (r is reset first; fetch_result_release
 * at the end), 0 when nothing is left, the time limit passed or a signal
 * came. */
int fetch_next(struct fetch *f, struct fetch_result *r);
void fetch_result_init(struct fetch_result *r);
void fetch_result_release(struct fetch_result *r);
/* Loads an unchanged result's body from the cache: 1, 0 when not kept. */
int fetch_body(struct fetch *f, struct fetch_result *r);

/* Marks the crawl incomplete (a page the caller could not use). */
void fetch_incomplete(struct fetch *f);
/* Every page found was fetched and nothing was cut by a limit or failed. */
int fetch_complete(const struct fetch *f);
const struct fetch_counts *fetch_counts(const struct fetch *f);

#endif
