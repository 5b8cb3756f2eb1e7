/* SPDX-License-Identifier: MIT */
/* The polite client (see http.h): a queue per host served in turn, each
 * host's transfers capped and spaced by its budget, retries waiting in a
 * list of their own until their time. */
#include "http.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <curl/curl.h>

#include "clock.h"
#include "diag.h"
#include "http_xfer.h"
#include "interrupt.h"
#include "url.h"
#include "xalloc.h"

/* A host: its queue, its transfers in flight, its own bucket (when there
 * is no shared budget) and when it may be asked again. */
struct http_host {
	char *name;
	struct http_xfer *head, *tail;
	int inflight;
	double tokens, updated;     /* the local bucket, CLOCK_REALTIME s */
	double next_try;            /* monotonic s */
	struct http_host *next;
};

struct http {
	struct http_opts o;
	CURLM *multi;
	struct http_host *hosts, *turn;
	struct http_xfer *waiting;  /* retries and redirects not yet due */
	struct http_xfer *active;   /* in flight */
	CURL **idle;                /* easy handles to reuse (their connections) */
	size_t nidle;
	size_t queued, inflight;
	struct http_response *ready;/* answers found by a step, handed out one by one */
};



double http_bucket_take(double *tokens, double *updated, const struct http_policy *p, double now)
{
	double burst = p->burst >= 1 ? p->burst : 1;
	if (*updated <= 0) {
		*tokens = burst;
		*updated = now;
	}
	if (now < *updated)         /* another process's clock read a moment later */
		now = *updated;
	*tokens += (now - *updated) * p->per_second;
	if (*tokens > burst)
		*tokens = burst;
	*updated = now;
	if (*tokens >= 1) {
		*tokens -= 1;
		return 0;
	}
	return (1 - *tokens) / p->per_second;
}

struct http *http_new(const struct http_opts *o)
{
	static int global;
	if (!global && curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		diag_error("cannot set up libcurl");
		return NULL;
	}
	global = 1;
	struct http *h = xcalloc(1, sizeof *h);
	h->o = *o;
	struct http_opts *d = &h->o;
	if (!d->user_agent)
		d->user_agent = "birddog";
	if (d->timeout_ms <= 0)
		d->timeout_ms = 30000;
	if (d->connect_timeout_ms <= 0)
		d->connect_timeout_ms = 10000;
	if (d->tries <= 0)
		d->tries = 4;
	if (d->redirects < 0)
		d->redirects = 5;
	if (!d->max_bytes)
		d->max_bytes = 5u << 20;
	if (d->concurrency <= 0)
		d->concurrency = 8;
	if (d->max_wait <= 0)
		d->max_wait = 120;
	if (d->policy.per_second <= 0)
		d->policy.per_second = 1;
	if (d->policy.connections <= 0)
		d->policy.connections = 2;
	h->multi = curl_multi_init();
	if (!h->multi) {
		free(h);
		diag_error("cannot set up libcurl's multi interface");
		return NULL;
	}
	curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)d->policy.connections);
	curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS, (long)d->concurrency);
	h->idle = xcalloc((size_t)d->concurrency, sizeof *h->idle);
	return h;
}

static void free_list(struct http_xfer *x)
{
	while (x) {
		struct http_xfer *next = x->next;
		http_xfer_free(x);
		x = next;
	}
}

void http_free(struct http *h)
{
	if (!h)
		return;
	for (struct http_xfer *x = h->active, *next; x; x = next) {
		next = x->next;
		curl_multi_remove_handle(h->multi, x->easy);
		curl_easy_cleanup(x->easy);
		http_xfer_free(x);
	}
	for (struct http_host *s = h->hosts, *next; s; s = next) {
		next = s->next;
		free_list(s->head);
		free(s->name);
		free(s);
	}
	free_list(h->waiting);
	for (size_t i = 0; i < h->nidle; i++)
		curl_easy_cleanup(h->idle[i]);
	free(h->idle);
	while (h->ready) {
		struct http_response *r = h->ready;
		h->ready = r->next;
		http_response_free(r);
	}
	curl_multi_cleanup(h->multi);
	free(h);
}

struct http_request *http_request_new(const char *url)
{
	struct http_request *r = xcalloc(1, sizeof *r);
	r->url = xstrdup(url);
	return r;
}

void http_request_free(struct http_request *r)
{
	if (!r)
		return;
	free(r->url);
	free(r->etag);
	free(r->last_modified);
	free(r->post);
	free(r->authorization);
	free(r);
}

void http_response_free(struct http_response *r)
{
	if (!r)
		return;
	http_request_free(r->req);
	free(r->url);
	buf_release(&r->body);
	free(r->content_type);
	free(r->etag);
	free(r->last_modified);
	free(r);
}

size_t http_pending(const struct http *h)
{
	return h->queued + h->inflight + (h->ready != NULL);
}

static struct http_host *host_of(struct http *h, const char *url)
{
	char *name = url_host(url);
	if (!name)
		name = xstrdup("");
	for (struct http_host *s = h->hosts; s; s = s->next)
		if (strcmp(s->name, name) == 0) {
			free(name);
			return s;
		}
	struct http_host *s = xcalloc(1, sizeof *s);
	s->name = name;
	s->next = h->hosts;
	h->hosts = s;
	return s;
}

/* Queues x on its host: at the back, or at the front (a redirect, which
 * continues a request already let through). */
static void enqueue(struct http *h, struct http_xfer *x, int front)
{
	struct http_host *s = x->host;
	if (front) {
		x->next = s->head;
		s->head = x;
		if (!s->tail)
			s->tail = x;
	} else {
		x->next = NULL;
		if (s->tail)
			s->tail->next = x;
		else
			s->head = x;
		s->tail = x;
	}
	h->queued++;
}

void http_add(struct http *h, struct http_request *req)
{
	struct http_xfer *x = xcalloc(1, sizeof *x);
	x->req = req;
	x->url = xstrdup(req->url);
	x->host = host_of(h, x->url);
	enqueue(h, x, 0);
}

/* Hands an answer to the caller (through the ready list, in order). */
static void deliver(struct http *h, struct http_response *r)
{
	struct http_response **p = &h->ready;
	while (*p)
		p = &(*p)->next;
	*p = r;
}

/* An easy handle: one that served before (it keeps its connection's
 * state, DNS cache and TLS session), else a new one. */
static CURL *take_easy(struct http *h)
{
	return h->nidle ? h->idle[--h->nidle] : curl_easy_init();
}

static void give_easy(struct http *h, CURL *e)
{
	if (h->nidle < (size_t)h->o.concurrency)
		h->idle[h->nidle++] = e;
	else
		curl_easy_cleanup(e);
}

/* Starts x; on failure it is answered at once with the reason. */
static void start(struct http *h, struct http_xfer *x)
{
	CURL *e = take_easy(h);
	x->tries++;
	if (!e || http_xfer_setup(x, e, &h->o) < 0 || curl_multi_add_handle(h->multi, e) != CURLM_OK) {
		if (e)
			give_easy(h, e);
		x->easy = NULL;
		deliver(h, http_xfer_response(x, CURLE_FAILED_INIT, &h->o, "libcurl refused the request"));
		http_xfer_free(x);
		return;
	}
	x->host->inflight++;
	h->inflight++;
	x->next = h->active;
	h->active = x;
}

static void unlink_active(struct http *h, struct http_xfer *x)
{
	struct http_xfer **p = &h->active;
	while (*p && *p != x)
		p = &(*p)->next;
	if (*p)
		*p = x->next;
	x->next = NULL;
}

/* Whether host s may start a transfer now (taking a token if so); else
 * sets when to ask again. */
static int may_start(struct http *h, struct http_host *s, double now)
{
	if (s->inflight >= h->o.policy.connections || now < s->next_try)
		return 0;
	if (!*s->name)
		return 1;   /* file:// has no host to be polite to */
	double wait = h->o.acquire ? h->o.acquire(h->o.ctx, s->name, &h->o.policy, clock_wall())
				   : http_bucket_take(&s->tokens, &s->updated, &h->o.policy, clock_wall());
	if (wait > 0) {
		s->next_try = now + wait;
		return 0;
	}
	return 1;
}

/* Moves the retries and redirects that are due to the front of their
 * host's queue. */
static void wake_waiting(struct http *h, double now)
{
	struct http_xfer **p = &h->waiting;
	while (*p) {
		struct http_xfer *x = *p;
		if (x->not_before <= now) {
			*p = x->next;
			h->queued--;    /* enqueue counts it again */
			enqueue(h, x, 1);
		} else {
			p = &x->next;
		}
	}
}

/* Starts what may start: hosts served in turn, one transfer each per
 * round, so that one slow host does not hold up the others. */
static void start_ready(struct http *h, double now)
{
	wake_waiting(h, now);
	int progress = 1;
	while (progress && h->inflight < (size_t)h->o.concurrency) {
		progress = 0;
		for (struct http_host *s = h->hosts; s && h->inflight < (size_t)h->o.concurrency;
		     s = s->next) {
			if (!s->head || !may_start(h, s, now))
				continue;
			struct http_xfer *x = s->head;
			s->head = x->next;
			if (!s->head)
				s->tail = NULL;
			x->next = NULL;
			h->queued--;
			start(h, x);
			progress = 1;
		}
	}
}

/* The milliseconds until something queued may start (at most 1 s). */
static int next_wait_ms(struct http *h, double now)
{
	double soonest = now + 1;
	for (struct http_xfer *x = h->waiting; x; x = x->next)
		if (x->not_before < soonest)
			soonest = x->not_before;
	for (struct http_host *s = h->hosts; s; s = s->next)
		if (s->head && s->inflight < h->o.policy.connections && s->next_try < soonest)
			soonest = s->next_try;
	double ms = (soonest - now) * 1000;
	return ms < 1 ? 1 : ms > 1000 ? 1000 : (int)ms + 1;
}

/* Puts x back to wait delay seconds; a 429 or 503 holds its whole host. */
static void retry_later(struct http *h, struct http_xfer *x, double delay, double now, long status)
{
	x->not_before = now + delay;
	if ((status == 429 || status == 503) && x->host->next_try < x->not_before)
		x->host->next_try = x->not_before;
	x->next = h->waiting;
	h->waiting = x;
	h->queued++;
}

/* Follows a redirect when allowed: the same request, another URL, at the
 * front of the target host's queue. */
static void redirect(struct http *h, struct http_xfer *x, char *location)
{
	struct buf why = BUF_INIT;
	if (h->o.may_fetch && !h->o.may_fetch(h->o.ctx, location, &why)) {
		char msg[256];
		snprintf(msg, sizeof msg, "redirected to %.120s: %s", location, buf_cstr(&why));
		deliver(h, http_xfer_response(x, CURLE_OK, &h->o, msg));
		http_xfer_free(x);
	} else {
		free(x->url);
		x->url = location;
		location = NULL;
		x->redirects++;
		x->tries = 0;
		x->host = host_of(h, x->url);
		x->not_before = 0;
		x->next = h->waiting;
		h->waiting = x;
		h->queued++;
	}
	free(location);
	buf_release(&why);
}

/* Handles the transfers curl says are done. */
static void reap(struct http *h, double now)
{
	CURLMsg *m;
	int left;
	while ((m = curl_multi_info_read(h->multi, &left))) {
		if (m->msg != CURLMSG_DONE)
			continue;
		CURL *e = m->easy_handle;
		CURLcode rc = m->data.result;
		struct http_xfer *x = NULL;
		curl_easy_getinfo(e, CURLINFO_PRIVATE, (char **)&x);
		curl_multi_remove_handle(h->multi, e);
		unlink_active(h, x);
		x->host->inflight--;
		h->inflight--;
		double delay = 0;
		char *location = NULL;
		long status = 0;
		curl_easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);
		enum http_outcome out = http_xfer_outcome(x, rc, &h->o, &delay, &location);
		if (out == HTTP_DONE)
			deliver(h, http_xfer_response(x, rc, &h->o, NULL));
		x->easy = NULL;
		give_easy(h, e);
		if (out == HTTP_RETRY)
			retry_later(h, x, delay, now, status);
		else if (out == HTTP_REDIRECT)
			redirect(h, x, location);
		else
			http_xfer_free(x);
	}
}

struct http_response *http_next(struct http *h)
{
	while (!h->ready && h->queued + h->inflight) {
		double now = clock_mono();
		start_ready(h, now);
		int running = 0;
		if (curl_multi_perform(h->multi, &running) != CURLM_OK)
			break;
		reap(h, clock_mono());
		if (h->ready)
			break;
		if (curl_multi_poll(h->multi, NULL, 0, next_wait_ms(h, clock_mono()), NULL) != CURLM_OK ||
		    interrupt_signal())
			break;
	}
	struct http_response *r = h->ready;
	if (r) {
		h->ready = r->next;
		r->next = NULL;
	}
	return r;
}
