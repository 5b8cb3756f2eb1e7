/* SPDX-License-Identifier: MIT */
/* An HTTP answer made a fetch result, and the cache kept: a new body
 * stored (once by its SHA-256) with its validators, a 304 or the same body
 * again marked unchanged, so that the page is not parsed again. */
#include "fetch.h"
#include "fetch_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "web_state.h"
#include "xalloc.h"

/* A 304: the body we have stands; its hash and date are the cache's. */
static void not_modified(struct fetch *f, struct fetch_job *j, struct fetch_result *r,
			 const char *now)
{
	struct cache_entry e;
	if (web_cache_get(f->ws, j->url, &e) == 1 && e.sha256) {
		snprintf(r->sha256, sizeof r->sha256, "%s", e.sha256);
		snprintf(r->fetched_at, sizeof r->fetched_at, "%s", e.fetched_at ? e.fetched_at : now);
		free(r->own_type);
		r->own_type = e.content_type ? xstrdup(e.content_type) : NULL;
		r->content_type = r->own_type;
		r->status = e.status;
		web_cache_checked(f->ws, j->url, now);
		if (j->lastmod)
			web_cache_set_lastmod(f->ws, j->url, j->lastmod);
	}
	cache_entry_release(&e);
	r->unchanged = 1;
	f->counts.not_modified++;
}

static void stored(struct fetch *f, struct fetch_job *j, struct http_response *res,
		   struct fetch_result *r, const char *now)
{
	struct cache_entry old, e = { .status = res->status, .etag = res->etag,
				      .last_modified = res->last_modified,
				      .content_type = res->content_type, .lastmod = j->lastmod };
	digest_sha256_hex(res->body.data ? res->body.data : "", res->body.len, r->sha256);
	int had = web_cache_get(f->ws, j->url, &old) == 1;
	r->unchanged = had && old.sha256 && strcmp(old.sha256, r->sha256) == 0;
	snprintf(r->fetched_at, sizeof r->fetched_at, "%s",
		 r->unchanged && old.fetched_at ? old.fetched_at : now);
	e.sha256 = r->sha256;
	e.fetched_at = r->fetched_at;
	web_cache_put(f->ws, j->url, &e, had ? old.sha256 : NULL, res->body.data, res->body.len);
	cache_entry_release(&old);
	if (r->unchanged) {
		f->counts.unchanged++;
		return;
	}
	f->counts.fetched++;
	r->body = res->body;
	buf_init(&res->body);
}

void fetch_answer(struct fetch *f, struct fetch_job *j, struct http_response *res,
		  struct fetch_result *r)
{
	char now[CLOCK_RFC3339_LEN];
	clock_format(clock_now(), now);
	if (!res->failed && !res->status && strncmp(res->url, "file:", 5) == 0)
		res->status = 200;          /* a file read is a file found */
	r->job = j;
	r->own_url = xstrdup(res->url);
	r->url = r->own_url;
	r->status = res->status;
	r->own_type = res->content_type ? xstrdup(res->content_type) : NULL;
	r->content_type = r->own_type;
	if (res->failed) {
		r->failed = 1;
		r->own_error = xstrdup(res->error);
		r->error = r->own_error;
		f->counts.failed++;
		return;
	}
	if (res->status == 304) {
		not_modified(f, j, r, now);
	} else if (res->status >= 200 && res->status < 300) {
		stored(f, j, res, r, now);
	} else {
		/* A page that is gone (404, 410) is no failure of the crawl; a
		 * server that keeps failing is. */
		if (res->status >= 500 || res->status == 429)
			f->counts.failed++;
		snprintf(r->fetched_at, sizeof r->fetched_at, "%s", now);
	}
}
