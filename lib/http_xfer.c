/* SPDX-License-Identifier: MIT */
/* One attempt of a request: the easy handle's options, and what its end
 * means (see http_xfer.h). */
#include "http_xfer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

/* The body, up to the cap: checked as data arrives too, since a chunked
 * or compressed body has no length to check first. */
static size_t on_body(char *data, size_t size, size_t n, void *ctx)
{
	struct http_xfer *x = ctx;
	size_t len = size * n;
	if (x->body.len + len > x->max_bytes) {
		x->too_big = 1;
		return 0;
	}
	buf_add(&x->body, data, len);
	return len;
}

int http_xfer_setup(struct http_xfer *x, CURL *e, const struct http_opts *o)
{
	struct http_request *r = x->req;
	struct buf h = BUF_INIT;
	curl_easy_reset(e);
	curl_slist_free_all(x->headers);
	x->headers = NULL;
	buf_reset(&x->body);
	x->too_big = 0;
	x->max_bytes = o->max_bytes;
	x->errbuf[0] = '\0';
	if (r->etag) {
		buf_printf(&h, "If-None-Match: %s", r->etag);
		x->headers = curl_slist_append(x->headers, h.data);
	}
	if (r->last_modified) {
		buf_reset(&h);
		buf_printf(&h, "If-Modified-Since: %s", r->last_modified);
		x->headers = curl_slist_append(x->headers, h.data);
	}
	if (r->authorization) {
		buf_reset(&h);
		buf_printf(&h, "Authorization: %s", r->authorization);
		x->headers = curl_slist_append(x->headers, h.data);
	}
	if (r->accept) {
		buf_reset(&h);
		buf_printf(&h, "Accept: %s", r->accept);
		x->headers = curl_slist_append(x->headers, h.data);
	}
	buf_release(&h);
	int bad = 0;
	bad |= curl_easy_setopt(e, CURLOPT_URL, x->url) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https,file") != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_USERAGENT, o->user_agent) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "") != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_HTTPHEADER, x->headers) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, o->timeout_ms) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, o->connect_timeout_ms) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)o->max_bytes) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_WRITEDATA, x) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_ERRORBUFFER, x->errbuf) != CURLE_OK;
	bad |= curl_easy_setopt(e, CURLOPT_PRIVATE, x) != CURLE_OK;
	/* Redirects are followed by http.c, which asks may_fetch first. */
	bad |= curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L) != CURLE_OK;
	if (r->post)
		bad |= curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->post) != CURLE_OK;
	x->easy = e;
	return bad ? -1 : 0;
}

/* Whether an attempt that ended so is worth another. */
static int transient(CURLcode rc, long status)
{
	switch (rc) {
	case CURLE_OK:
		return status == 408 || status == 429 || status == 500 || status == 502 ||
		       status == 503 || status == 504;
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_COULDNT_CONNECT:
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_GOT_NOTHING:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
		return 1;
	default:
		return 0;
	}
}

/* Backoff: 0.5 s, 1 s, 2 s, ... capped at 30 s, times 0.5 to 1.5 (jitter,
 * so that many clients stopped together do not come back together). */
static double backoff(int tries)
{
	double d = 0.5;
	for (int i = 1; i < tries && d < 30; i++)
		d *= 2;
	if (d > 30)
		d = 30;
	return d * (0.5 + (double)rand() / RAND_MAX);
}

enum http_outcome http_xfer_outcome(struct http_xfer *x, CURLcode rc, const struct http_opts *o,
				    double *delay, char **location)
{
	long status = 0;
	curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &status);
	if (rc == CURLE_OK && status >= 300 && status < 400 && status != 304) {
		char *target = NULL;
		curl_easy_getinfo(x->easy, CURLINFO_REDIRECT_URL, &target);
		if (target && x->redirects < o->redirects) {
			*location = xstrdup(target);
			return HTTP_REDIRECT;
		}
		return HTTP_DONE;
	}
	if (x->too_big || !transient(rc, status) || x->tries >= o->tries)
		return HTTP_DONE;
	curl_off_t wait = 0;
	struct curl_header *h;
	int said = rc == CURLE_OK &&
		   curl_easy_header(x->easy, "Retry-After", 0, CURLH_HEADER, -1, &h) == CURLHE_OK;
	if (said)
		curl_easy_getinfo(x->easy, CURLINFO_RETRY_AFTER, &wait);
	/* No Retry-After: backoff; "0" or a date gone by: a moment's pause. */
	*delay = !said ? backoff(x->tries) : wait > 0 ? (double)wait : 0.1;
	if (*delay > o->max_wait)
		return HTTP_DONE;
	return HTTP_RETRY;
}

/* A header's value as our own string, or NULL. */
static char *header(CURL *e, const char *name)
{
	struct curl_header *h;
	if (curl_easy_header(e, name, 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return NULL;
	return xstrdup(h->value);
}

static void describe(struct http_response *r, struct http_xfer *x, CURLcode rc,
		     const struct http_opts *o, const char *error)
{
	long status = r->status;
	if (error) {
		snprintf(r->error, sizeof r->error, "%s", error);
	} else if (x->too_big || rc == CURLE_FILESIZE_EXCEEDED) {
		snprintf(r->error, sizeof r->error, "the body is over %zu bytes (limits.bytes)",
			 o->max_bytes);
	} else if (rc != CURLE_OK) {
		snprintf(r->error, sizeof r->error, "%s",
			 x->errbuf[0] ? x->errbuf : curl_easy_strerror(rc));
	} else if (status >= 300 && status < 400 && status != 304) {
		snprintf(r->error, sizeof r->error, "HTTP %ld: more than %d redirects", status,
			 o->redirects);
	} else {
		return;
	}
	r->failed = 1;
	if (x->tries > 1 && rc != CURLE_OK && !x->too_big) {
		size_t n = strlen(r->error);
		snprintf(r->error + n, sizeof r->error - n, " (after %d tries)", x->tries);
	}
}

struct http_response *http_xfer_response(struct http_xfer *x, CURLcode rc,
					 const struct http_opts *o, const char *error)
{
	struct http_response *r = xcalloc(1, sizeof *r);
	r->req = x->req;
	x->req = NULL;
	r->url = xstrdup(x->url);
	r->tries = x->tries;
	if (x->easy) {
		curl_easy_getinfo(x->easy, CURLINFO_RESPONSE_CODE, &r->status);
		char *ct = NULL;
		curl_easy_getinfo(x->easy, CURLINFO_CONTENT_TYPE, &ct);
		r->content_type = ct ? xstrdup(ct) : NULL;
		if (rc == CURLE_OK) {
			r->etag = header(x->easy, "ETag");
			r->last_modified = header(x->easy, "Last-Modified");
		}
	}
	describe(r, x, rc, o, error);
	r->body = x->body;
	buf_init(&x->body);
	return r;
}

void http_xfer_free(struct http_xfer *x)
{
	if (!x)
		return;
	http_request_free(x->req);
	curl_slist_free_all(x->headers);
	buf_release(&x->body);
	free(x->url);
	free(x);
}
