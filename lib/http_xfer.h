/* SPDX-License-Identifier: MIT */
/* One transfer of lib/http.c: its curl easy handle set up for a request,
 * and what its end means (an answer, a retry, a redirect). Internal to
 * http.c and http_xfer.c. */
#ifndef BIRDDOG_HTTP_XFER_H
#define BIRDDOG_HTTP_XFER_H

#include <curl/curl.h>

#include "buf.h"
#include "http.h"

struct http_host;

struct http_xfer {
	struct http_request *req;
	char *url;              /* the URL this attempt fetches (after redirects) */
	struct http_host *host; /* whose queue and budget */
	CURL *easy;             /* while in flight */
	struct curl_slist *headers;
	struct buf body;
	size_t max_bytes;
	int too_big;
	int tries, redirects;
	double not_before;      /* monotonic s: a retry waits until then */
	char errbuf[CURL_ERROR_SIZE];
	struct http_xfer *next;
};

/* What a finished attempt calls for. */
enum http_outcome { HTTP_DONE, HTTP_RETRY, HTTP_REDIRECT };

/* Sets up easy (reset) for x's next attempt. 0, or -1 when curl refused. */
int http_xfer_setup(struct http_xfer *x, CURL *easy, const struct http_opts *o);
/* Classifies the end of an attempt (result is curl's). For HTTP_RETRY,
 * *delay is the seconds to wait (Retry-After, else backoff with jitter);
 * for HTTP_REDIRECT, *location is the target (caller frees). */
enum http_outcome http_xfer_outcome(struct http_xfer *x, CURLcode result,
				    const struct http_opts *o, double *delay, char **location);
/* The response of a finished transfer (x's request moves into it). */
struct http_response *http_xfer_response(struct http_xfer *x, CURLcode result,
					 const struct http_opts *o, const char *error);
void http_xfer_free(struct http_xfer *x);

#endif
