/* SPDX-License-Identifier: MIT */
/* A source's URLs fetched politely and once (see fetch.h). fetch_robots.c
 * keeps each host's robots.txt; this file queues, asks the cache, and
 * turns the client's answers into results. */
#include "fetch.h"
#include "fetch_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "interrupt.h"
#include "source.h"
#include "url.h"
#include "web_state.h"
#include "xalloc.h"


static double acquire(void *ctx, const char *host, const struct http_policy *p, double now)
{
	struct fetch *f = ctx;
	return web_budget_take(f->ws, host, p, now);
}

/* A redirect's target: the source's hosts only, and what robots.txt allows. */
static int may_fetch(void *ctx, const char *url, struct buf *why)
{
	struct fetch *f = ctx;
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		buf_adds(why, "a redirect goes only to http and https URLs");
		return 0;
	}
	if (!source_host_allowed(f->s, url)) {
		buf_adds(why, "its host is not one of the source's \"hosts\"");
		return 0;
	}
	return fetch_robots_allows(f, url, why);
}

struct fetch *fetch_new(const struct source *s, struct web_state *ws, const struct fetch_opts *o,
			struct buf *err)
{
	struct fetch *f = xcalloc(1, sizeof *f);
	f->s = s;
	f->ws = ws;
	f->o = *o;
	f->seen = strset_new();
	f->deadline = clock_mono() + (double)s->max_seconds;
	if (!o->offline) {
		struct http_opts h = s->http;
		h.may_fetch = may_fetch;
		h.acquire = acquire;
		h.ctx = f;
		f->http = http_new(&h);
		if (!f->http) {
			buf_adds(err, "cannot set up libcurl");
			fetch_free(f);
			return NULL;
		}
	}
	f->authorization = o->authorization ? xstrdup(o->authorization) : NULL;
	return f;
}

static void free_jobs(struct fetch_job *j)
{
	while (j) {
		struct fetch_job *next = j->next;
		free(j->url);
		free(j->lastmod);
		free(j);
		j = next;
	}
}

void fetch_free(struct fetch *f)
{
	if (!f)
		return;
	http_free(f->http);
	for (int k = 0; k < FETCH_KINDS; k++)
		free_jobs(f->q[k].head);
	free_jobs(f->done);
	free_jobs(f->last);
	fetch_robots_free(f);
	strset_free(f->seen);
	free(f->authorization);
	free(f);
}

void fetch_set_authorization(struct fetch *f, const char *value)
{
	free(f->authorization);
	f->authorization = value ? xstrdup(value) : NULL;
}

void fetch_push(struct fetch *f, struct fetch_job *j)
{
	struct fetch_queue *q = &f->q[j->kind];
	j->next = NULL;
	if (q->tail)
		q->tail->next = j;
	else
		q->head = j;
	q->tail = j;
	f->queued++;
}

void fetch_add(struct fetch *f, const char *url, enum fetch_kind kind, int depth,
	       const char *lastmod)
{
	char *norm = url_normalize(url);
	if (!norm)
		return;
	if (!source_host_allowed(f->s, norm)) {
		f->counts.outside++;
		free(norm);
		return;
	}
	if (!strset_add(f->seen, norm)) {
		free(norm);
		return;
	}
	int limited = (kind == FETCH_DETAIL || kind == FETCH_LIST) &&
		      (depth > f->s->max_depth || f->pages >= (unsigned long)f->s->max_pages);
	if (limited) {
		f->counts.limited++;
		free(norm);
		return;
	}
	if (kind == FETCH_DETAIL || kind == FETCH_LIST)
		f->pages++;
	struct fetch_job *j = xcalloc(1, sizeof *j);
	j->kind = kind;
	j->depth = depth;
	j->url = norm;
	j->lastmod = lastmod ? xstrdup(lastmod) : NULL;
	fetch_robots_route(f, j);
}

void fetch_add_again(struct fetch *f, const char *url, enum fetch_kind kind)
{
	char *norm = url_normalize(url);
	if (!norm)
		return;
	if (!source_host_allowed(f->s, norm)) {
		f->counts.outside++;
		f->incomplete = 1;
		free(norm);
		return;
	}
	strset_add(f->seen, norm);
	struct fetch_job *j = xcalloc(1, sizeof *j);
	j->kind = kind;
	j->url = norm;
	fetch_robots_route(f, j);
}

void fetch_result_init(struct fetch_result *r)
{
	memset(r, 0, sizeof *r);
}

void fetch_result_release(struct fetch_result *r)
{
	buf_release(&r->body);
	free(r->own_url);
	free(r->own_error);
	free(r->own_type);
	fetch_result_init(r);
}

/* A result made without asking the network: the cache's answer. */
static void from_cache(struct fetch *f, struct fetch_job *j, struct fetch_result *r, int unchanged)
{
	struct cache_entry e;
	r->job = j;
	r->url = j->url;
	if (web_cache_get(f->ws, j->url, &e) != 1 || !e.sha256) {
		r->failed = 1;
		r->error = "not in the cache (--offline)";
		f->counts.failed++;
		f->incomplete = 1;
		return;
	}
	r->status = e.status;
	r->unchanged = unchanged;
	snprintf(r->sha256, sizeof r->sha256, "%s", e.sha256);
	snprintf(r->fetched_at, sizeof r->fetched_at, "%s", e.fetched_at ? e.fetched_at : "");
	r->own_type = e.content_type ? xstrdup(e.content_type) : NULL;
	r->content_type = r->own_type;
	if (!unchanged && web_cache_body(f->ws, e.sha256, &r->body) != 1) {
		r->failed = 1;
		r->error = "its body is not in the cache (--offline)";
	}
	f->counts.unchanged += unchanged;
	cache_entry_release(&e);
}

/* A sitemap's <lastmod> that is not newer than the one of the body we have
 * means the page has not changed: not asked again. */
static int lastmod_unchanged(struct fetch *f, struct fetch_job *j)
{
	struct cache_entry e;
	int same = j->lastmod && web_cache_get(f->ws, j->url, &e) == 1 && e.lastmod && e.sha256 &&
		   strcmp(j->lastmod, e.lastmod) <= 0;
	if (j->lastmod && same >= 0)
		cache_entry_release(&e);
	return same;
}

static void submit(struct fetch *f, struct fetch_job *j)
{
	struct http_request *req = http_request_new(j->url);
	struct cache_entry e;
	if (j->kind != FETCH_ROBOTS && web_cache_get(f->ws, j->url, &e) == 1) {
		/* Conditional only when the body is still kept to stand in. */
		struct buf probe = BUF_INIT;
		if (e.sha256 && web_cache_body(f->ws, e.sha256, &probe) == 1) {
			req->etag = e.etag ? xstrdup(e.etag) : NULL;
			req->last_modified = e.last_modified ? xstrdup(e.last_modified) : NULL;
		}
		buf_release(&probe);
		cache_entry_release(&e);
	}
	if (f->authorization && j->kind == FETCH_API)
		req->authorization = xstrdup(f->authorization);
	req->accept = f->o.accept;
	req->user = j;
	http_add(f->http, req);
}

/* Moves waiting jobs to the client, a few ahead of what it can run, the
 * kinds in their order: detail pages before the list pages that find
 * more, so that the queue stays short. Jobs the cache answers go to done. */
static void pump(struct fetch *f)
{
	size_t ahead = 2 * (size_t)f->s->http.concurrency + 2;
	for (int k = 0; k < FETCH_KINDS; k++) {
		struct fetch_queue *q = &f->q[k];
		while (q->head && (!f->http || http_pending(f->http) < ahead) && !f->done) {
			struct fetch_job *j = q->head;
			q->head = j->next;
			if (!q->head)
				q->tail = NULL;
			j->next = NULL;
			f->queued--;
			if (f->o.offline || lastmod_unchanged(f, j) == 1)
				f->done = j;
			else
				submit(f, j);
		}
	}
}

int fetch_body(struct fetch *f, struct fetch_result *r)
{
	if (r->body.len || !r->sha256[0])
		return r->body.len > 0;
	return web_cache_body(f->ws, r->sha256, &r->body) == 1;
}

int fetch_next(struct fetch *f, struct fetch_result *r)
{
	fetch_result_release(r);
	for (;;) {
		if (interrupt_signal())
			return 0;
		if (clock_mono() > f->deadline) {
			f->counts.limited += f->queued + (f->http ? http_pending(f->http) : 0);
			f->incomplete = f->incomplete || f->queued || (f->http && http_pending(f->http));
			return 0;
		}
		pump(f);
		if (f->done) {
			struct fetch_job *j = f->done;
			f->done = NULL;
			free_jobs(f->last);
			f->last = j;
			from_cache(f, j, r, !f->o.offline);
			return 1;
		}
		if (!f->http || !http_pending(f->http))
			return 0;
		struct http_response *res = http_next(f->http);
		if (!res)
			continue;
		struct fetch_job *j = res->req->user;
		if (j->kind == FETCH_ROBOTS) {
			fetch_robots_answer(f, j, res);
			http_response_free(res);
			free_jobs(j);
			continue;
		}
		free_jobs(f->last);
		f->last = j;
		fetch_answer(f, j, res, r);
		http_response_free(res);
		return 1;
	}
}

void fetch_incomplete(struct fetch *f)
{
	f->incomplete = 1;
}

int fetch_complete(const struct fetch *f)
{
	/* A crawl that got no page at all saw nothing go: never complete. */
	const struct fetch_counts *k = &f->counts;
	return !f->incomplete && !k->failed && !k->limited && !interrupt_signal() &&
	       k->fetched + k->not_modified + k->unchanged > 0;
}

const struct fetch_counts *fetch_counts(const struct fetch *f)
{
	return &f->counts;
}
