/* SPDX-License-Identifier: MIT */
/* A page of an html crawl: a sitemap's pages and sitemaps queued; a list
 * page's next pages and detail pages queued; a detail page's listing read
 * (the source's field rules, then its embedded JSON, then JSON-LD) and
 * made a record. What each page gave is kept, so that when it has not
 * changed it is not parsed again. */
#include "crawl.h"
#include "crawl_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "discover.h"
#include "fetch.h"
#include "page.h"
#include "render.h"
#include "url.h"
#include "sitemap.h"
#include "source.h"
#include "structured.h"
#include "web_state.h"
#include "xml_arena.h"

struct link_ctx {
	struct crawl *c;
	char kind;
	int depth;
};

static void sitemap_entry(void *ctx, const char *loc, const char *lastmod, int index)
{
	struct link_ctx *l = ctx;
	const struct source *s = l->c->s;
	if (index) {
		crawl_link(l->c, 's', loc, NULL, l->depth);
		return;
	}
	/* A page listed in a sitemap is a listing when the pattern says so. */
	if (pcre2_match(s->detail_pattern, (PCRE2_SPTR)loc, strlen(loc), 0, 0, l->c->md, NULL) >= 0)
		crawl_link(l->c, 'd', loc, lastmod, 0);
}

/* A sitemap in XML, or in text (a URL a line). */
static void sitemap(struct crawl *c, struct fetch_result *r)
{
	struct buf err = BUF_INIT;
	int index = 0;
	struct link_ctx l = { c, 's', r->job->depth };
	if (r->content_type && strncasecmp(r->content_type, "text/plain", 10) == 0) {
		char *text = r->body.data;
		for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
			nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			line[strcspn(line, "\r")] = '\0';
			if (*line)
				sitemap_entry(&l, line, NULL, 0);
		}
		return;
	}
	if (sitemap_parse(r->body.data, r->body.len, &index, sitemap_entry, &l, &err) < 0)
		crawl_reject(c, r->job->url, r->status, err.data);
	buf_release(&err);
}

static void list_link(void *ctx, const char *url)
{
	struct link_ctx *l = ctx;
	const struct source *s = l->c->s;
	if (l->kind == 'd' && s->detail_pattern &&
	    pcre2_match(s->detail_pattern, (PCRE2_SPTR)url, strlen(url), 0, 0, l->c->md, NULL) < 0)
		return;
	crawl_link(l->c, l->kind, url, NULL, l->depth);
}

/* A list page: its next pages and detail pages. Without "follow", the
 * rel="next" links and the links matching "detail_pattern". */
static void list_page(struct crawl *c, struct page *p, int depth)
{
	const struct source *s = c->s;
	struct link_ctx next = { c, 'n', depth }, detail = { c, 'd', depth };
	page_links(p, s->follow_detail, 0, list_link, &detail);
	page_links(p, s->follow_next, 1, list_link, &next);
}

/* A detail page: its listing. */
static void detail_page(struct crawl *c, struct page *p, struct fetch_result *r)
{
	const struct source *s = c->s;
	struct extracted *x = &c->x;
	extracted_reset(x);
	buf_reset(&c->warn);
	page_fields(p, s, x);
	structured_embedded(p, s, x, &c->warn);
	if (s->structured)
		structured_jsonld(p, x, &c->warn);
	if (c->warn.len)
		crawl_reject(c, r->job->url, r->status, c->warn.data);
	unsigned found = x->has & ~((1u << LF_SOURCE_ID) | (1u << LF_URL));
	if (!found) {
		crawl_reject(c, r->job->url, r->status, "no listing on the page: no JSON-LD residence, "
			     "no embedded payload, and no field rule found anything");
		return;
	}
	if (crawl_listing(c, x, r->job->url, r, &c->id) > 0) {
		buf_add(&c->ids, c->id.data, c->id.len);
		buf_addc(&c->ids, '\n');
	}
}

/* The page as a browser shows it, its scripts run: the browser fetches it
 * again, so that takes a request from the host's budget too. */
static int rendered(struct crawl *c, struct fetch_result *r, struct buf *err)
{
	char *host = url_host(r->url);
	double wait;
	while (host && *host && (wait = web_budget_take(c->d->web, host, &c->s->http.policy,
							clock_wall())) > 0)
		clock_sleep(wait);
	free(host);
	struct buf dom = BUF_INIT;
	if (render_page(c->browser, c->s, r->url, &dom, err) < 0) {
		buf_release(&dom);
		return -1;
	}
	buf_release(&r->body);
	r->body = dom;
	return 0;
}

void crawl_page(struct crawl *c, struct fetch_result *r)
{
	struct page p;
	struct buf err = BUF_INIT;
	buf_reset(&c->links);
	buf_reset(&c->ids);
	if (!c->md)
		c->md = pcre2_match_data_create(32, NULL);
	if (r->job->kind == FETCH_SITEMAP) {
		sitemap(c, r);
	} else if (c->browser && rendered(c, r, &err) < 0) {
		crawl_reject(c, r->job->url, r->status, err.data);
		c->failed = 1;
		buf_release(&err);
		return;
	} else {
		structured_prepare();
		xml_arena_begin();
		if (page_parse(&p, r->url, r->content_type, r->body.data, r->body.len, &err) < 0) {
			xml_arena_end();
			crawl_reject(c, r->job->url, r->status, err.data);
			buf_release(&err);
			return;
		}
		if (r->job->kind == FETCH_DETAIL)
			detail_page(c, &p, r);
		else
			list_page(c, &p, r->job->depth);
		page_release(&p);
		xml_arena_end();
	}
	web_page_put(c->d->web, c->s->name, r->job->url, r->sha256, c->links.data, c->ids.data);
	buf_release(&err);
}
