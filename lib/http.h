/* SPDX-License-Identifier: MIT */
/* A polite HTTP client on curl multi: many transfers at once, at most a few
 * per host, each host's requests spaced by a token bucket (kept by the
 * caller, e.g. in SQLite so that concurrent runs share it), 429 and 5xx
 * retried with backoff and jitter or after Retry-After, redirects followed
 * only where the caller allows, bodies capped, conditional GETs.
 *
 *   http_add(h, req) ... ; while ((res = http_next(h))) { use it; http_add more }
 */
#ifndef BIRDDOG_HTTP_H
#define BIRDDOG_HTTP_H

#include <stddef.h>

#include "buf.h"

/* What one host gets. */
struct http_policy {
	double per_second;      /* requests started per second, on average */
	double burst;           /* how many may start at once after a pause */
	int connections;        /* transfers in flight to the host */
};

struct http_opts {
	const char *user_agent;
	long timeout_ms;        /* a whole transfer (default 30 s) */
	long connect_timeout_ms;/* default 10 s */
	int tries;              /* attempts per request, the first included (default 4) */
	int redirects;          /* redirects followed per request (default 5) */
	size_t max_bytes;       /* longest body (default 5 MiB); longer is an error */
	int concurrency;        /* transfers in flight in all (default 8) */
	double max_wait;        /* the longest Retry-After honoured, s (default 120) */
	struct http_policy policy;
	/* Whether url may be fetched (its host is allowed, robots.txt allows
	 * it): 1, or 0 with the reason in why. Asked for every redirect target
	 * (the first URL is the caller's to check). NULL: everything. */
	int (*may_fetch)(void *ctx, const char *url, struct buf *why);
	/* The shared budget: the seconds until a request to host may start; 0
	 * means start now, and the call took one token. NULL: a bucket of this
	 * client's own. now is CLOCK_REALTIME seconds. */
	double (*acquire)(void *ctx, const char *host, const struct http_policy *p, double now);
	void *ctx;
};

/* One request. The strings are owned by the request (malloc'd, freed with
 * it); user is the caller's. */
struct http_request {
	char *url;
	char *etag;             /* If-None-Match, or NULL */
	char *last_modified;    /* If-Modified-Since, or NULL */
	char *post;             /* a form body to POST, or NULL for GET */
	char *authorization;    /* the Authorization header's value, or NULL */
	const char *accept;     /* Accept (static), or NULL */
	void *user;
};

struct http_response {
	struct http_request *req;   /* owned: freed with the response */
	char *url;              /* the URL answered, after redirects */
	long status;            /* the HTTP status; 0 when there was no answer */
	int failed;             /* no usable answer: error says why */
	char error[256];
	struct buf body;
	char *content_type, *etag, *last_modified;   /* NULL when absent */
	int tries;              /* attempts made */
	struct http_response *next;   /* the client's own list */
};

struct http;

/* NULL when curl cannot be set up (the reason on stderr). */
struct http *http_new(const struct http_opts *o);
/* Stops every transfer and frees the queued requests. */
void http_free(struct http *h);

/* A new request for url (copied). */
struct http_request *http_request_new(const char *url);
void http_request_free(struct http_request *r);

/* Queues req (the client owns it from now on). */
void http_add(struct http *h, struct http_request *req);
/* Runs transfers until one has its final answer (after its retries and
 * redirects) and returns it; NULL when nothing is queued or in flight, or
 * when a signal interrupted the wait (check interrupt_signal()). */
struct http_response *http_next(struct http *h);
void http_response_free(struct http_response *r);

/* Requests queued, in flight, or answered and not yet handed out (0 when
 * http_next has nothing more to give). */
size_t http_pending(const struct http *h);

/* The seconds to wait before host may start another request under p, for
 * a bucket holding *tokens at *updated (CLOCK_REALTIME s); 0 when it may
 * start now, and then one token is taken. The arithmetic of every budget,
 * shared or not. */
double http_bucket_take(double *tokens, double *updated, const struct http_policy *p, double now);

#endif
