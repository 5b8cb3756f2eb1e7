/* SPDX-License-Identifier: MIT */
/* An HTML page as discover reads it: parsed by libxml2's HTML parser in
 * its own encoding (the HTTP header's charset, else the page's <meta>,
 * else UTF-8) into UTF-8, entities decoded; XPath over it; the links it
 * has, resolved against its <base href> or its URL; and the fields a
 * source's rules read from it. */
#ifndef BIRDDOG_PAGE_H
#define BIRDDOG_PAGE_H

#include <stddef.h>

#include <libxml/HTMLparser.h>
#include <libxml/xpath.h>

#include "buf.h"

struct source;
struct extracted;

struct page {
	htmlDocPtr doc;
	xmlXPathContextPtr xpath;
	const char *url;            /* borrowed: the URL that answered */
	char *base;                 /* <base href> resolved, else a copy of url */
};

/* Parses body; content_type (may be NULL) gives the charset when it names
 * one. 0, or -1 with the reason in err (not HTML at all). */
int page_parse(struct page *p, const char *url, const char *content_type, const char *body,
	       size_t len, struct buf *err);
void page_release(struct page *p);

/* Calls fn with the text of each result of comp (an attribute's value, an
 * element's text content, or a string, number or boolean result), up to
 * max of them; returns how many. */
size_t page_each(struct page *p, xmlXPathCompExprPtr comp, size_t max,
		 void (*fn)(void *ctx, const char *text, size_t len), void *ctx);

/* The links comp finds, resolved (fragments dropped): fn(ctx, url) each.
 * With comp NULL: every <a href>, or with next set the rel="next" ones. */
void page_links(struct page *p, xmlXPathCompExprPtr comp, int next,
		void (*fn)(void *ctx, const char *url), void *ctx);

/* The source's field rules (XPath, a pattern, the URL, a value) into x;
 * photos resolved. */
void page_fields(struct page *p, const struct source *s, struct extracted *x);

/* The charset a Content-Type names ("text/html; charset=ISO-8859-1"), in
 * out (size n), or "" when none. */
void page_charset(const char *content_type, char *out, size_t n);

#endif
