/* SPDX-License-Identifier: MIT */
/* A source config (birddog-source(5)): one market, county or site that
 * discover fetches, of kind html (pages, by XPath, patterns and structured
 * data), json (an HTTP API, the RESO Web API as a preset) or csv (a file
 * at a URL). Loaded, checked and compiled once; borrowed by the fetchers. */
#ifndef BIRDDOG_SOURCE_H
#define BIRDDOG_SOURCE_H

#include <stddef.h>

#include <jansson.h>
#include <libxml/xpath.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "buf.h"
#include "fieldmap.h"
#include "http.h"

struct csvmap;

enum source_kind { SOURCE_HTML, SOURCE_JSON, SOURCE_CSV };

/* A field of a detail page: where its text comes from, then an optional
 * pattern that picks part of it (its group "v", else group 1, else all). */
enum rule_kind { RULE_XPATH, RULE_URL, RULE_VALUE };
struct field_rule {
	const char *name;           /* "price", "address.line", "photos" (static) */
	int field;                  /* enum listing_field, or -1 for photos */
	enum rule_kind kind;
	char *text;                 /* the XPath as written, or the value */
	xmlXPathCompExprPtr xpath;  /* RULE_XPATH */
	pcre2_code *pattern;        /* may be NULL (not for RULE_URL) */
};

/* JSON in a page (a <script> Next.js or another framework fills): the
 * listing object at path, its values mapped like an API's items. */
struct embedded_rule {
	char *xpath_text;
	xmlXPathCompExprPtr xpath;  /* the element whose text is the JSON */
	char *path;                 /* dotted path to the listing object ("" = the root) */
	struct fieldmap map;
};

struct source {
	char *file;                 /* the config file, for messages */
	char *name;
	enum source_kind kind;
	char *user_agent;
	char **hosts;               /* "host" or "host:port" that may be fetched */
	size_t nhosts;
	int files;                  /* its own URLs are file:// ones: it may read files */
	struct http_opts http;      /* user_agent, limits, policy, concurrency */
	long max_pages, max_depth, max_seconds;
	/* html */
	char **start;
	size_t nstart;
	char *sitemap;              /* a sitemap URL, or NULL */
	int sitemap_robots;         /* "sitemap": true: the Sitemap: lines of robots.txt */
	char *follow_next_text, *follow_detail_text;
	xmlXPathCompExprPtr follow_next, follow_detail;
	pcre2_code *detail_pattern;
	struct field_rule *rules;
	size_t nrules;
	json_t *types;              /* value translations for type (owned), or NULL */
	json_t *missing;            /* values that mean none (owned), or NULL */
	int structured;             /* read JSON-LD */
	struct embedded_rule *embedded;
	size_t nembedded;
	int render;                 /* fetch through headless Chromium */
	/* json */
	char *url;
	char *items;                /* dotted path of the items array ("" = top level) */
	struct fieldmap items_map;
	char *next;                 /* dotted path of the next page's URL */
	char *page_param;           /* page=N paging */
	long page_start;
	char *offset_param, *limit_param;
	long limit;
	int reso;                   /* the RESO Web API preset */
	char *filter;               /* ANDed with the cursor's */
	int select;                 /* $select the fields the mapping reads (default) */
	long top;
	char *bearer_env;           /* Authorization: Bearer $ENV */
	char *token_url, *client_id_env, *client_secret_env, *scope;
	/* csv */
	struct csvmap *csv_map;     /* also its columns for json */
};

/* Loads path. NULL with "path: message" in err. */
struct source *source_load(const char *path, struct buf *err);
void source_free(struct source *s);

/* Whether url's host is one s may fetch; a file:// URL only when the
 * source's own URLs are files (a page cannot make discover read one). */
int source_host_allowed(const struct source *s, const char *url);

#endif
