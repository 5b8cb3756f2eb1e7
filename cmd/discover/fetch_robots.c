/* SPDX-License-Identifier: MIT */
/* robots.txt per host for a fetch (RFC 9309): asked before any other page
 * of the host, kept in discover.db for 24 hours, obeyed for every URL and
 * redirect; 4xx means everything is allowed, 5xx or no answer that nothing
 * is (and the crawl is then incomplete, so nothing is taken as delisted). */
#include "fetch.h"
#include "fetch_impl.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "clock.h"
#include "robots.h"
#include "source.h"
#include "url.h"
#include "web_state.h"
#include "xalloc.h"

#define ROBOTS_MAX_AGE (24 * 3600.0)

struct robots_host {
	char *host;
	int state;                      /* 0 not asked, 1 asked, 2 known */
	struct robots *robots;
	struct fetch_job *wait_head, *wait_tail;
	struct robots_host *next;
};


static struct robots_host *host_of(struct fetch *f, const char *url)
{
	char *name = url_host(url);
	if (!name)
		return NULL;
	for (struct robots_host *h = f->hosts; h; h = h->next)
		if (strcmp(h->host, name) == 0) {
			free(name);
			return h;
		}
	struct robots_host *h = xcalloc(1, sizeof *h);
	h->host = name;
	h->next = f->hosts;
	f->hosts = h;
	return h;
}

/* The robots of a fetch that answered status (0: none) with body. */
static struct robots *robots_for(struct fetch *f, long status, const char *body, size_t len)
{
	if (status >= 200 && status < 300)
		return robots_parse(body, len);
	if (status >= 400 && status < 500)
		return robots_allow_all();
	f->incomplete = 1;
	return robots_disallow_all();
}

static void known(struct fetch *f, struct robots_host *h, struct robots *r)
{
	h->robots = r;
	h->state = 2;
	if (!f->s->sitemap_robots)
		return;
	for (size_t i = 0; i < robots_sitemap_count(r); i++)
		fetch_add(f, robots_sitemap(r, i), FETCH_SITEMAP, 0, NULL);
}

/* Asks the cache, then the network, for h's robots.txt. */
static void ask(struct fetch *f, struct robots_host *h, const char *url)
{
	struct buf body = BUF_INIT;
	long status = 0;
	double max_age = f->o.offline ? 1e12 : ROBOTS_MAX_AGE;
	int cached = web_robots_get(f->ws, h->host, clock_wall(), max_age, &status, &body) == 1;
	if (cached || f->o.offline) {
		known(f, h, cached ? robots_for(f, status, body.data, body.len) : robots_allow_all());
		buf_release(&body);
		return;
	}
	buf_release(&body);
	char *origin = url_origin(url);
	struct fetch_job *j = xcalloc(1, sizeof *j);
	j->kind = FETCH_ROBOTS;
	j->url = xmalloc(strlen(origin) + sizeof "/robots.txt");
	strcpy(j->url, origin);
	strcat(j->url, "/robots.txt");
	free(origin);
	h->state = 1;
	fetch_push(f, j);
}

void fetch_robots_route(struct fetch *f, struct fetch_job *j)
{
	struct robots_host *h = f->o.obey_robots && j->kind != FETCH_ROBOTS ? host_of(f, j->url) : NULL;
	if (!h || !*h->host) {          /* not obeyed, or file:// */
		fetch_push(f, j);
		return;
	}
	if (h->state == 0)
		ask(f, h, j->url);
	if (h->state == 1) {
		j->next = NULL;
		if (h->wait_tail)
			h->wait_tail->next = j;
		else
			h->wait_head = j;
		h->wait_tail = j;
		return;
	}
	char *path = url_path_query(j->url);
	int ok = path && robots_allowed(h->robots, f->s->user_agent, path, NULL);
	free(path);
	if (ok) {
		fetch_push(f, j);
		return;
	}
	f->counts.robots++;
	free(j->url);
	free(j->lastmod);
	free(j);
}

void fetch_robots_answer(struct fetch *f, struct fetch_job *j, struct http_response *res)
{
	struct robots_host *h = host_of(f, j->url);
	if (!h)
		return;
	long status = res->failed ? 0 : res->status;
	/* A server error or no answer is this run's: the next one asks again. */
	if (status >= 200 && status < 500)
		web_robots_put(f->ws, h->host, status, res->body.data, res->body.len, clock_wall());
	known(f, h, robots_for(f, status, res->body.data, res->body.len));
	struct fetch_job *w = h->wait_head;
	h->wait_head = h->wait_tail = NULL;
	while (w) {
		struct fetch_job *next = w->next;
		fetch_robots_route(f, w);
		w = next;
	}
}

int fetch_robots_allows(struct fetch *f, const char *url, struct buf *why)
{
	if (!f->o.obey_robots)
		return 1;
	struct robots_host *h = host_of(f, url);
	char *path = url_path_query(url);
	/* robots.txt itself may be fetched, also when it redirects. */
	if (!h || !*h->host || (path && strcmp(path, "/robots.txt") == 0)) {
		free(path);
		return 1;
	}
	if (h->state != 2) {
		buf_printf(why, "the robots.txt of %s has not been read", h->host);
		free(path);
		return 0;
	}
	int line = 0;
	int ok = path && robots_allowed(h->robots, f->s->user_agent, path, &line);
	free(path);
	if (!ok)
		buf_printf(why, "robots.txt of %s disallows it (line %d)", h->host, line);
	return ok;
}

void fetch_robots_free(struct fetch *f)
{
	for (struct robots_host *h = f->hosts, *next; h; h = next) {
		next = h->next;
		for (struct fetch_job *w = h->wait_head, *wn; w; w = wn) {
			wn = w->next;
			free(w->url);
			free(w->lastmod);
			free(w);
		}
		robots_free(h->robots);
		free(h->host);
		free(h);
	}
	f->hosts = NULL;
}
