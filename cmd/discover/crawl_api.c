/* SPDX-License-Identifier: MIT */
/* A json source: an HTTP API paged through (a next link, page=N, or
 * offset and limit), or the RESO Web API (OData: the cursor of the last
 * ModificationTimestamp and ListingKey kept in discover.db, so that each
 * run asks only for what changed). Each item is a listing. */
#include "crawl.h"
#include "crawl_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include <curl/curl.h>
#include <jansson.h>

#include "diag.h"
#include "discover.h"
#include "fetch.h"
#include "fieldmap.h"
#include "oauth.h"
#include "source.h"
#include "store.h"
#include "url.h"
#include "web_state.h"
#include "xalloc.h"

/* A query parameter's value, percent-encoded. */
static void add_param(struct buf *url, const char *name, const char *value)
{
	char *v = curl_easy_escape(NULL, value, 0);
	buf_printf(url, "%c%s=%s", strchr(url->data, '?') ? '&' : '?', name, v);
	curl_free(v);
}

/* The RESO query: what changed since the cursor (ties on the timestamp
 * broken by ListingKey), oldest first, with the photos. */
static char *reso_url(struct crawl *c)
{
	const struct source *s = c->s;
	struct buf url = BUF_INIT, filter = BUF_INIT, ts = BUF_INIT, key = BUF_INIT;
	buf_adds(&url, s->url);
	if (web_cursor_get(c->d->web, s->name, &ts, &key) == 1) {
		buf_printf(&filter, "(ModificationTimestamp gt %s or (ModificationTimestamp eq %s and "
			   "ListingKey gt '", ts.data, ts.data);
		for (const char *k = key.data; *k; k++)   /* OData doubles a quote */
			buf_adds(&filter, *k == '\'' ? "''" : (char[]){ *k, 0 });
		buf_adds(&filter, "'))");
	}
	if (s->filter)
		buf_printf(&filter, "%s(%s)", filter.len ? " and " : "", s->filter);
	if (filter.len)
		add_param(&url, "$filter", filter.data);
	add_param(&url, "$orderby", "ModificationTimestamp,ListingKey");
	char top[24];
	snprintf(top, sizeof top, "%ld", s->top);
	add_param(&url, "$top", top);
	add_param(&url, "$expand", "Media");
	if (s->select) {
		/* Only what the mapping reads, and the cursor's two. */
		struct buf sel = BUF_INIT;
		buf_adds(&sel, "ListingKey,ModificationTimestamp");
		for (size_t i = 0; i < s->items_map.n; i++)
			for (size_t j = 0; j < s->items_map.e[i].npaths; j++) {
				const char *f = s->items_map.e[i].paths[j];
				if (strcmp(f, "Media") != 0 && strcmp(f, "ListingKey") != 0 &&
				    strcmp(f, "ModificationTimestamp") != 0)
					buf_printf(&sel, ",%s", f);
			}
		add_param(&url, "$select", sel.data);
		buf_release(&sel);
	}
	buf_release(&filter);
	buf_release(&ts);
	buf_release(&key);
	return buf_detach(&url);
}

/* The first page's URL; page and offset paging start at their first. */
static char *first_url(struct crawl *c, long *page, long *offset)
{
	const struct source *s = c->s;
	struct buf url = BUF_INIT;
	char n[24];
	if (s->reso)
		return reso_url(c);
	buf_adds(&url, s->url);
	*page = s->page_start;
	*offset = 0;
	if (s->page_param) {
		snprintf(n, sizeof n, "%ld", *page);
		add_param(&url, s->page_param, n);
	} else if (s->offset_param) {
		add_param(&url, s->offset_param, "0");
		snprintf(n, sizeof n, "%ld", s->limit);
		if (s->limit_param)
			add_param(&url, s->limit_param, n);
	}
	return buf_detach(&url);
}

/* The next page after one with count items: the response's next link, or
 * the following page or offset; NULL when there is none. */
static char *next_url(struct crawl *c, json_t *root, const char *at, size_t count, long *page,
		      long *offset)
{
	const struct source *s = c->s;
	struct buf url = BUF_INIT;
	char n[24];
	const char *link = s->reso ? json_string_value(json_object_get(root, "@odata.nextLink"))
		: s->next ? json_string_value(json_path(root, s->next, NULL)) : NULL;
	if (link)
		return url_resolve(at, link);
	if (!count || (!s->page_param && !s->offset_param))
		return NULL;
	buf_adds(&url, s->url);
	if (s->page_param) {
		snprintf(n, sizeof n, "%ld", ++*page);
		add_param(&url, s->page_param, n);
	} else {
		*offset += (long)count;
		snprintf(n, sizeof n, "%ld", *offset);
		add_param(&url, s->offset_param, n);
		snprintf(n, sizeof n, "%ld", s->limit);
		if (s->limit_param)
			add_param(&url, s->limit_param, n);
	}
	return buf_detach(&url);
}

/* The items of a page, each a listing; the RESO cursor follows them. */
static size_t items(struct crawl *c, json_t *list, const struct fetch_result *r)
{
	const struct source *s = c->s;
	size_t i, n = 0;
	json_t *item;
	char where[600];
	json_array_foreach(list, i, item) {
		snprintf(where, sizeof where, "%.500s (item %zu)", r->url, i + 1);
		if (!json_is_object(item)) {
			crawl_reject(c, where, r->status, "an item that is not a JSON object");
			continue;
		}
		extracted_reset(&c->x);
		fieldmap_extract(&s->items_map, item, r->url, &c->x, "api");
		if (crawl_listing(c, &c->x, where, r, &c->id) < 0)
			return n;
		n++;
		const char *ts = json_string_value(json_object_get(item, "ModificationTimestamp"));
		const char *key = json_string_value(json_object_get(item, "ListingKey"));
		if (s->reso && ts && key && !c->d->o->preview)
			web_cursor_put(c->d->web, s->name, ts, key);
	}
	return n;
}

/* One answer: its items handled, and the URL of the page after it. */
static char *page(struct crawl *c, struct fetch_result *r, long *pageno, long *offset)
{
	json_error_t e;
	char why[300];
	if (r->failed || r->status != 200) {
		if (r->failed)
			snprintf(why, sizeof why, "%.280s", r->error);
		else
			snprintf(why, sizeof why, "HTTP %ld", r->status);
		crawl_reject(c, r->job->url, r->status, why);
		c->failed = 1;
		return NULL;
	}
	if (r->content_type && !strstr(r->content_type, "json")) {
		snprintf(why, sizeof why, "not JSON: its type is '%.100s'", r->content_type);
		crawl_reject(c, r->job->url, r->status, why);
		c->failed = 1;
		return NULL;
	}
	json_t *root = json_loadb(r->body.data, r->body.len, 0, &e);
	json_t *list = root ? json_path(root, c->s->items, NULL) : NULL;
	if (!root || !json_is_array(list)) {
		if (root)
			snprintf(why, sizeof why, "no array of items at \"items\": \"%.100s\"",
				 c->s->items);
		else
			snprintf(why, sizeof why, "invalid JSON (line %d: %.200s)", e.line, e.text);
		crawl_reject(c, r->job->url, r->status, why);
		c->failed = 1;
		json_decref(root);
		return NULL;
	}
	size_t n = items(c, list, r);
	char *next = next_url(c, root, r->url, n, pageno, offset);
	json_decref(root);
	return next;
}

void crawl_api(struct crawl *c)
{
	const struct source *s = c->s;
	struct fetch_result r;
	long pageno = 0, offset = 0;
	char *auth = NULL;
	fetch_result_init(&r);
	char *url = first_url(c, &pageno, &offset);
	int renewed = 0;
	long pages = 0;
	for (; url && pages < s->max_pages && c->d->status != EX_IOERR; pages++) {
		if (!c->d->o->offline && oauth_authorization(c->d, s, &auth) < 0) {
			c->failed = 1;
			break;
		}
		fetch_set_authorization(c->f, auth);
		fetch_add_again(c->f, url, FETCH_API);
		if (!fetch_next(c->f, &r))
			break;
		/* A token the server no longer takes: a new one, once. */
		if (r.status == 401 && s->token_url && !renewed++) {
			oauth_forget(s);
			pages--;
			continue;
		}
		free(url);
		url = NULL;
		if (r.unchanged && !fetch_body(c->f, &r)) {
			crawl_reject(c, r.job->url, r.status, "the page's body is no longer kept");
			c->failed = 1;
			break;
		}
		url = page(c, &r, &pageno, &offset);
		crawl_flush(c, 0);
	}
	if (url && pages >= s->max_pages) {
		diag_error("%s: stopped after limits.pages (%ld) pages; %s", s->name, s->max_pages,
			   s->reso ? "the next run goes on from there"
				   : "the pages after them were not read");
		c->failed = 1;
	}
	free(url);
	free(auth);
	fetch_result_release(&r);
}
