/* SPDX-License-Identifier: MIT */
/* discover --try URL: one page fetched (robots.txt obeyed) and read as a
 * detail page, with the source's rules or the structured extractors alone,
 * into a copy of the state; the record on stdout, and on stderr each
 * field's text and what gave it, for someone writing a source config. */
#include "discover.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "crawl.h"
#include "crawl_impl.h"
#include "diag.h"
#include "extract.h"
#include "fetch.h"
#include "listing.h"
#include "reject.h"
#include "source.h"
#include "url.h"
#include "xalloc.h"

#ifndef BIRDDOG_VERSION
#define BIRDDOG_VERSION "0"
#endif

/* A source with no rules: JSON-LD alone, the URL's host, one page. */
static struct source *bare_source(const char *url)
{
	struct source *s = xcalloc(1, sizeof *s);
	s->file = xstrdup("--try");
	s->name = xstrdup("try");
	s->kind = SOURCE_HTML;
	s->user_agent = xstrdup("birddog/" BIRDDOG_VERSION " (discover --try)");
	s->http.user_agent = s->user_agent;
	s->http.policy = (struct http_policy){ 1, 2, 1 };   /* robots.txt, then the page */
	s->http.concurrency = 1;
	s->http.tries = 2;
	s->max_pages = 1;
	s->max_depth = 1;
	s->max_seconds = 120;
	s->structured = 1;
	char *host = url_host(url);
	if (host && *host) {
		s->hosts = xcalloc(1, sizeof *s->hosts);
		s->hosts[s->nhosts++] = host;
	} else {
		free(host);
	}
	return s;
}

/* What gave field name: the rule's own text when it was one of s's. */
static void describe(const struct source *s, const char *name, const char *how, struct buf *out)
{
	buf_adds(out, how);
	for (size_t i = 0; i < s->nrules && (!strcmp(how, "xpath") || !strcmp(how, "pattern") ||
					    !strcmp(how, "url") || !strcmp(how, "value")); i++)
		if (strcmp(s->rules[i].name, name) == 0) {
			buf_printf(out, " %s", s->rules[i].text);
			return;
		}
	for (size_t i = 0; i < s->nembedded && !strcmp(how, "embedded"); i++) {
		buf_printf(out, " %s %s", s->embedded[i].xpath_text, s->embedded[i].path);
		return;
	}
	if (!strcmp(how, "page"))
		buf_adds(out, " (the page's own URL)");
}

static void show_fields(const struct source *s, const struct extracted *x)
{
	struct buf how = BUF_INIT;
	fprintf(stderr, "%-14s %-44s %s\n", "field", "text on the page", "from");
	for (int f = 0; f < LF_COUNT; f++) {
		const char *t = extracted_text(x, f);
		if (!t)
			continue;
		buf_reset(&how);
		describe(s, listing_field_name(f), x->how[f], &how);
		fprintf(stderr, "%-14s %-44.44s %s\n", listing_field_name(f), t, how.data);
	}
	if (x->nphotos) {
		buf_reset(&how);
		describe(s, "photos", x->photos_how, &how);
		fprintf(stderr, "%-14s %-44zu %s\n", "photos", x->nphotos, how.data);
	}
	buf_release(&how);
}

void try_url(struct discover *d, const struct source *given, const char *url)
{
	struct source *bare = given ? NULL : bare_source(url);
	const struct source *s = given ? given : bare;
	struct crawl c = { .d = d, .s = s };
	struct fetch_opts fo = { .obey_robots = 1 };
	struct fetch_result r;
	struct buf err = BUF_INIT;
	fetch_result_init(&r);
	extracted_init(&c.x);
	c.rej = reject_new(NULL);
	if (s->kind != SOURCE_HTML) {
		diag_error("--try reads web pages: %s is a %s source", s->file,
			   s->kind == SOURCE_JSON ? "json" : "csv");
		d->status = EX_USAGE;
	} else if (!url_is_fetchable(url)) {
		diag_error("--try: '%s' is not an http, https or file URL", url);
		d->status = EX_USAGE;
	} else if (!(c.f = fetch_new(s, d->web, &fo, &err))) {
		diag_error("%s", buf_cstr(&err));
		d->status = EX_UNAVAILABLE;
	} else {
		fetch_add(c.f, url, FETCH_DETAIL, 0, NULL);
		if (!fetch_next(c.f, &r)) {
			diag_error("--try: %s was not fetched: %s", url,
				   fetch_counts(c.f)->outside ? "its host is not one of the source's"
				   : fetch_counts(c.f)->robots ? "robots.txt disallows it"
				   : "no answer");
			d->status = EX_UNAVAILABLE;
		} else if (r.failed || r.status < 200 || r.status >= 300) {
			diag_error("--try: %s: %s", url, r.failed ? r.error : "not a page");
			if (!r.failed)
				diag_error("--try: %s answered HTTP %ld", url, r.status);
			d->status = EX_UNAVAILABLE;
		} else if (r.unchanged && !fetch_body(c.f, &r)) {
			diag_error("--try: %s: the page's body is no longer kept", url);
			d->status = EX_UNAVAILABLE;
		} else {
			crawl_page(&c, &r);
			show_fields(s, &c.x);
		}
	}
	fetch_result_release(&r);
	crawl_release(&c);
	buf_release(&err);
	source_free(bare);
}
