/* SPDX-License-Identifier: MIT */
/* The inside of struct fetch, for its files: fetch.c (queues, results),
 * fetch_answer.c (an HTTP answer made a result, the cache kept) and
 * fetch_robots.c (robots.txt per host). Nothing else includes it. */
#ifndef BIRDDOG_FETCH_IMPL_H
#define BIRDDOG_FETCH_IMPL_H

#include "fetch.h"
#include "http.h"
#include "strset.h"

struct robots_host;

struct fetch_queue {
	struct fetch_job *head, *tail;
};

struct fetch {
	const struct source *s;
	struct web_state *ws;
	struct fetch_opts o;
	struct http *http;              /* NULL offline */
	struct strset *seen;            /* every URL queued */
	struct fetch_queue q[FETCH_KINDS];
	size_t queued;                  /* jobs in q */
	struct fetch_job *done;         /* a job the cache answers, next out */
	struct fetch_job *last;         /* the job of the result handed out last */
	struct robots_host *hosts;
	char *authorization;
	unsigned long pages;            /* pages queued, for limits.pages */
	double deadline;                /* monotonic s, limits.seconds */
	int incomplete;
	struct fetch_counts counts;
};

/* fetch.c: queues j for the client (or the cache). */
void fetch_push(struct fetch *f, struct fetch_job *j);

/* fetch_answer.c: res (to j) made r; the cache updated. */
void fetch_answer(struct fetch *f, struct fetch_job *j, struct http_response *res,
		  struct fetch_result *r);

/* fetch_robots.c */
/* Queues j once its host's robots.txt is known and allows it (asking for
 * robots.txt first when needed); drops it, counted, when disallowed. */
void fetch_robots_route(struct fetch *f, struct fetch_job *j);
/* The answer to a robots.txt request: kept, and the host's waiting jobs
 * routed. */
void fetch_robots_answer(struct fetch *f, struct fetch_job *j, struct http_response *res);
/* Whether url's host's robots.txt (when known) allows it; 0 with the reason
 * in why when not, or when it is not known yet. */
int fetch_robots_allows(struct fetch *f, const char *url, struct buf *why);
void fetch_robots_free(struct fetch *f);

#endif
