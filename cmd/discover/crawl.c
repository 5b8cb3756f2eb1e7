/* SPDX-License-Identifier: MIT */
/* A source fetched (see crawl.h); this file runs an html crawl and holds
 * what every kind shares: a listing made a record, a page rejected, the
 * crawl's bookkeeping. crawl_api.c pages through APIs, crawl_csv.c reads
 * a CSV at a URL. */
#include "crawl.h"
#include "crawl_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "address.h"
#include "cli.h"
#include "diag.h"
#include "discover.h"
#include "extract.h"
#include "fetch.h"
#include "jsonout.h"
#include "listing_sources.h"
#include "listing_state.h"
#include "page.h"
#include "reject.h"
#include "render.h"
#include "sitemap.h"
#include "source.h"
#include "stage.h"
#include "store.h"
#include "structured.h"
#include "url.h"
#include "web_state.h"
#include "xalloc.h"

/* The types JSON-LD names, when the source translates none. */
static json_t *schema_types(void)
{
	static json_t *t;
	if (!t)
		t = json_pack("{ssssssssss}", "SingleFamilyResidence", "single_family", "House",
			      "single_family", "Apartment", "condo", "Suite", "condo",
			      "ApartmentComplex", "multi_family");
	return t;
}

void crawl_reject(struct crawl *c, const char *url, long status, const char *reason)
{
	struct buf line = BUF_INIT;
	diag_error("%s: %s: %s", c->s->name, url, reason);
	buf_adds(&line, "{\"source\":");
	jsonout_string(&line, c->s->name, strlen(c->s->name));
	buf_adds(&line, ",\"url\":");
	jsonout_string(&line, url, strlen(url));
	if (status)
		buf_printf(&line, ",\"status\":%ld", status);
	buf_adds(&line, ",\"reason\":");
	jsonout_string(&line, reason, strlen(reason));
	buf_addc(&line, '}');
	c->d->rejected++;
	if (reject_write(c->rej, line.data, line.len) < 0 && c->d->status != EX_IOERR) {
		diag_error("cannot write reject file '%s'", reject_path(c->rej));
		c->d->status = EX_IOERR;
	}
	buf_release(&line);
}

/* A source_id from the page's URL when nothing else gave one: its last
 * path segment without the extension ("/homes/101.html" is "101"). */
static void id_from_url(struct extracted *x, const char *url)
{
	char *path = url_path_query(url);
	if (!path)
		return;
	path[strcspn(path, "?")] = '\0';
	while (*path && path[strlen(path) - 1] == '/')
		path[strlen(path) - 1] = '\0';
	const char *seg = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	size_t n = strcspn(seg, ".");
	extracted_put(x, LF_SOURCE_ID, seg, n ? n : strlen(seg), "url");
	free(path);
}

/* The listing's address key (LINE|UNIT|ZIP), for recognising it in
 * another source; NULL without a line and a ZIP. */
static char *address_key(const struct listing *l)
{
	struct address a;
	const char *zip = listing_text(l, LF_ZIP);
	char *key = NULL;
	if (!zip)
		return NULL;
	if (address_normalize(listing_text(l, LF_LINE), listing_text(l, LF_UNIT),
			      listing_text(l, LF_CITY), listing_text(l, LF_STATE), zip, &a) == 0 &&
	    a.key && a.zip)
		key = xstrdup(a.key);
	address_release(&a);
	return key;
}

/* A listing another source found first: its events are this source's
 * own (listing_sources_observe); the listing's row stays the first's. */
static int secondary(struct crawl *c, struct listing *l, const char *sources, int news)
{
	struct discover *d = c->d;
	long long price = l->num[LF_PRICE], previous = 0;
	char hash[17];
	int event;
	snprintf(hash, sizeof hash, "%016llx", (unsigned long long)l->hash);
	if (store_batch_tick(d->store) < 0 ||
	    listing_sources_observe(d->sources, c->s->name, listing_text(l, LF_SOURCE_ID),
				    listing_has(l, LF_PRICE) ? &price : NULL,
				    listing_text(l, LF_STATUS), hash, &event, &previous) < 0) {
		diag_error("updating state: %s", store_errmsg(d->store));
		d->status = EX_IOERR;
		return -1;
	}
	/* First seen here: the listing is not new, its list of sources is. */
	if (event == LISTING_NEW)
		event = (news & LISTING_JOINED_NEWS) ? LISTING_UPDATED : LISTING_UNCHANGED;
	if (event == LISTING_UNCHANGED && (news & LISTING_RELISTED_NEWS))
		event = LISTING_RELISTED;
	discover_write(d, l, event, previous, sources);
	return 1;
}

int crawl_listing(struct crawl *c, struct extracted *x, const char *where,
		  const struct fetch_result *page, struct buf *id)
{
	struct discover *d = c->d;
	struct listing *l = &d->rec;
	int news = 0;
	d->in++;
	/* A page is its listing's: its URL and, failing all else, its id. */
	if (page && c->s->kind == SOURCE_HTML && !extracted_has(x, LF_SOURCE_ID))
		id_from_url(x, page->url);
	if (page && c->s->kind == SOURCE_HTML && !extracted_has(x, LF_URL))
		extracted_put(x, LF_URL, page->url, strlen(page->url), "page");
	buf_reset(&d->why);
	if (extracted_to_listing(x, l, c->s->types ? c->s->types : schema_types(), c->s->missing,
				 &d->why) < 0 || !listing_text(l, LF_SOURCE_ID)) {
		if (!d->why.len)
			buf_adds(&d->why, "no source_id: give the source a \"source_id\" rule");
		crawl_reject(c, where, page ? page->status : 0, d->why.data);
		return 0;
	}
	if (page) {
		snprintf(l->fetched_at, sizeof l->fetched_at, "%s", page->fetched_at);
		snprintf(l->sha256, sizeof l->sha256, "%s", page->sha256);
	}
	char *key = address_key(l);
	int rc = listing_sources_identify(d->sources, c->s->name, listing_text(l, LF_SOURCE_ID),
					  listing_text(l, LF_URL), key, c->n, id, &c->sources,
					  &news);
	free(key);
	if (rc < 0) {
		diag_error("updating state: %s", store_errmsg(d->store));
		d->status = EX_IOERR;
		return -1;
	}
	if (listing_encode(l, c->s->name, id->data, &d->why) < 0) {
		crawl_reject(c, where, page ? page->status : 0, d->why.data);
		return 0;
	}
	const char *sources = c->sources.len ? c->sources.data : NULL;
	if (strncmp(id->data, c->s->name, strlen(c->s->name)) != 0 || id->data[strlen(c->s->name)] != ':')
		return secondary(c, l, sources, news);
	rc = discover_emit(d, l, c->s->name, sources, news);
	if (rc == 1)
		crawl_reject(c, where, page ? page->status : 0, d->why.data);
	return rc < 0 ? -1 : rc == 0;
}

/* Commits what is done at least 5 times a second, so that another
 * discover of the tenant waits for the state no longer than that. */
void crawl_flush(struct crawl *c, int now)
{
	double t = stage_now();
	if (!now && t - c->last_flush < 0.2)
		return;
	c->last_flush = t;
	if (store_batch_flush(c->d->store) < 0 && !c->d->status) {
		diag_error("committing state: %s", store_errmsg(c->d->store));
		c->d->status = EX_IOERR;
	}
}

/* A listing's last record ("HEAD\nBODY") written again with event. */
static void write_kept(struct crawl *c, const char *record, const char *event)
{
	const char *nl = strchr(record, '\n');
	buf_reset(&c->d->out);
	buf_addc(&c->d->out, '{');
	buf_add(&c->d->out, record, (size_t)(nl - record));
	buf_printf(&c->d->out, ",\"seen_at\":\"%s\",\"event\":\"%s\",%s}\n", c->d->seen_at, event,
		   nl + 1);
	fwrite(c->d->out.data, 1, c->d->out.len, stdout);
	c->d->written++;
}

/* A listing gone from every source. */
static void write_delisted(void *ctx, const char *id, const char *record)
{
	(void)id;
	write_kept(ctx, record, "delisted");
}

void crawl_finish(struct crawl *c, int complete)
{
	struct discover *d = c->d;
	const struct fetch_counts *k = c->f ? fetch_counts(c->f) : NULL;
	long gone = 0;
	if (complete && d->status != EX_IOERR && c->delist) {
		gone = listing_sources_sweep(d->sources, c->s->name, c->n, d->seen_at, write_delisted, c);
		if (gone < 0) {
			diag_error("updating state: %s", store_errmsg(d->store));
			d->status = EX_IOERR;
		}
	}
	web_crawl_end(d->web, c->s->name, c->n, d->seen_at, complete);
	crawl_flush(c, 1);
	if (!d->o->common.quiet && k)
		diag_error("%s: %lu fetched, %lu not modified, %lu unchanged, %lu failed, %lu left out "
			   "by robots.txt, %lu past the limits; %s%s", c->s->name, k->fetched,
			   k->not_modified, k->unchanged, k->failed, k->robots, k->limited,
			   complete ? "complete" : "incomplete (nothing taken as delisted)",
			   gone > 0 ? ", some delisted" : "");
}

/* Replays what an unchanged page gave: its links queued again, its
 * listings seen. 1 when the page's outputs were kept. */
static int replay(struct crawl *c, const struct fetch_result *r)
{
	struct buf links = BUF_INIT, ids = BUF_INIT;
	int rc = web_page_get(c->d->web, c->s->name, r->job->url, r->sha256, &links, &ids);
	if (rc == 1) {
		crawl_queue_links(c, links.data, r->job->depth);
		struct buf record = BUF_INIT;
		for (char *id = ids.data, *nl; id && (nl = strchr(id, '\n')); id = nl + 1) {
			*nl = '\0';
			/* Back on an unchanged page after it was gone: relisted. */
			if (listing_sources_seen(c->d->sources, c->s->name, id, c->n, c->d->seen_at,
						 &record) == 1)
				write_kept(c, record.data, "relisted");
		}
		buf_release(&record);
	}
	buf_release(&links);
	buf_release(&ids);
	return rc == 1;
}

/* A link found on a page: queued, and kept among the page's outputs. */
void crawl_link(struct crawl *c, char kind, const char *url, const char *lastmod, int depth)
{
	buf_printf(&c->links, "%c %s%s%s\n", kind, url, lastmod ? "\t" : "", lastmod ? lastmod : "");
	fetch_add(c->f, url, kind == 's' ? FETCH_SITEMAP : kind == 'd' ? FETCH_DETAIL : FETCH_LIST,
		  depth + 1, lastmod);
}

void crawl_queue_links(struct crawl *c, char *lines, int depth)
{
	for (char *line = lines, *nl; line && (nl = strchr(line, '\n')); line = nl + 1) {
		*nl = '\0';
		char *tab = strchr(line, '\t');
		if (tab)
			*tab = '\0';
		if (line[0] && line[1] == ' ')
			fetch_add(c->f, line + 2, line[0] == 's' ? FETCH_SITEMAP : line[0] == 'd'
				  ? FETCH_DETAIL : FETCH_LIST, depth + 1, tab ? tab + 1 : NULL);
	}
}

static int is_html(const char *type)
{
	return !type || strncasecmp(type, "text/html", 9) == 0 ||
	       strncasecmp(type, "application/xhtml+xml", 21) == 0;
}

/* Whether the page answered what a page of its kind should be. */
static int page_ok(struct crawl *c, const struct fetch_result *r)
{
	char why[200];
	if (r->failed) {
		crawl_reject(c, r->job->url, r->status, r->error);
		return 0;
	}
	if (r->status < 200 || r->status >= 300) {
		snprintf(why, sizeof why, "HTTP %ld", r->status);
		crawl_reject(c, r->job->url, r->status, why);
		/* A listing page gone is a listing gone; a list page or a sitemap
		 * gone hides listings that may still be there. */
		if (r->job->kind != FETCH_DETAIL)
			c->failed = 1;
		return 0;
	}
	if (r->job->kind != FETCH_SITEMAP && !is_html(r->content_type)) {
		snprintf(why, sizeof why, "not an HTML page: its type is '%.100s'", r->content_type);
		crawl_reject(c, r->job->url, r->status, why);
		return 0;
	}
	return 1;
}

void crawl_html(struct crawl *c)
{
	struct fetch_result r;
	const struct source *s = c->s;
	fetch_result_init(&r);
	c->delist = 1;
	for (size_t i = 0; i < s->nstart; i++)
		fetch_add(c->f, s->start[i], FETCH_LIST, 0, NULL);
	if (s->sitemap)
		fetch_add(c->f, s->sitemap, FETCH_SITEMAP, 0, NULL);
	while (c->d->status != EX_IOERR && fetch_next(c->f, &r)) {
		if (page_ok(c, &r) && !(r.unchanged && replay(c, &r))) {
			if (!fetch_body(c->f, &r))
				crawl_reject(c, r.job->url, r.status, "the page's body is no longer kept");
			else
				crawl_page(c, &r);
		}
		crawl_flush(c, 0);
	}
	fetch_result_release(&r);
}

void crawl_source(struct discover *d, const struct source *s)
{
	struct crawl c = { .d = d, .s = s };
	struct buf err = BUF_INIT;
	struct fetch_opts fo = { .obey_robots = s->kind == SOURCE_HTML, .offline = d->o->offline };
	char *rej = NULL;
	if (!d->o->preview && !d->o->try_url) {
		buf_printf(&err, "discover/%s.ndjson", s->name);
		rej = cli_reject_path_named(&d->o->common, err.data);
		buf_reset(&err);
	}
	c.rej = reject_new(rej);
	free(rej);
	extracted_init(&c.x);
	if (s->render && !d->o->offline && !(c.browser = render_browser(&err))) {
		diag_error("%s: %s", s->file, buf_cstr(&err));
		d->status = EX_UNAVAILABLE;
		reject_free(c.rej);
		buf_release(&err);
		return;
	}
	c.n = web_crawl_begin(d->web, s->name, d->seen_at);
	c.f = c.n < 0 ? NULL : fetch_new(s, d->web, &fo, &err);
	if (c.n < 0)
		diag_error("updating state: %s", store_errmsg(d->store));
	else if (!c.f)
		diag_error("%s: %s", s->file, buf_cstr(&err));
	if (!c.f) {
		d->status = c.n < 0 ? EX_IOERR : EX_UNAVAILABLE;
	} else {
		if (s->kind == SOURCE_HTML)
			crawl_html(&c);
		else if (s->kind == SOURCE_JSON)
			crawl_api(&c);
		else
			crawl_csv(&c);
		crawl_finish(&c, fetch_complete(c.f) && !c.failed);
	}
	if (crawl_release(&c) < 0 && !d->status)
		d->status = EX_IOERR;
	buf_release(&err);
}

int crawl_release(struct crawl *c)
{
	fetch_free(c->f);
	int rc = reject_free(c->rej);
	extracted_release(&c->x);
	buf_release(&c->links);
	buf_release(&c->ids);
	buf_release(&c->id);
	buf_release(&c->sources);
	buf_release(&c->warn);
	pcre2_match_data_free(c->md);
	free(c->browser);
	return rc;
}
