/* SPDX-License-Identifier: MIT */
/* Source configs: the common keys (name, kind, user_agent, hosts, rate,
 * limits) and the kinds' own; source_rules.c compiles the html kind's
 * XPath and patterns. Every problem names the key. */
#include "source.h"
#include "source_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "csvmap.h"
#include "reso.h"
#include "url.h"
#include "xalloc.h"

int source_fail(struct buf *err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(err, fmt, ap);
	va_end(ap);
	return -1;
}

int source_string(json_t *o, const char *key, char **out, struct buf *err)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v) || !json_string_length(v))
		return source_fail(err, "'%s' must be a non-empty string", key);
	*out = xstrdup(json_string_value(v));
	return 0;
}

int source_number(json_t *o, const char *key, double min, double max, double *out,
		  struct buf *err)
{
	json_t *v = json_object_get(o, key);
	if (!v)
		return 0;
	if (!json_is_number(v) || json_number_value(v) < min || json_number_value(v) > max)
		return source_fail(err, "'%s' must be a number from %g to %g", key, min, max);
	*out = json_number_value(v);
	return 0;
}

int source_known_keys(json_t *o, const char *where, const char *const *known, struct buf *err)
{
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		size_t i = 0;
		while (known[i] && strcmp(known[i], key) != 0)
			i++;
		if (!known[i])
			return source_fail(err, "unknown key '%s%s%s' (see birddog-source(5))",
					   where ? where : "", where ? "." : "", key);
	}
	return 0;
}

/* A list of URLs (a single string is a list of one). */
int source_urls(json_t *o, const char *key, char ***out, size_t *n, struct buf *err)
{
	json_t *v = json_object_get(o, key), *u;
	size_t i, count = json_is_array(v) ? json_array_size(v) : 1;
	if (!v)
		return 0;
	if (!json_is_string(v) && (!json_is_array(v) || !count))
		return source_fail(err, "'%s' must be a URL or a list of URLs", key);
	*out = xcalloc(count, sizeof **out);
	for (i = 0; i < count; i++) {
		u = json_is_array(v) ? json_array_get(v, i) : v;
		const char *s = json_string_value(u);
		if (!s || !url_is_fetchable(s))
			return source_fail(err, "'%s': '%s' is not an http, https or file URL", key,
					   s ? s : "(not a string)");
		(*out)[(*n)++] = url_normalize(s);
	}
	return 0;
}

/* The User-Agent: says who crawls and how to reach them (a contact URL);
 * never a browser's (birddog does not pretend). */
static int check_agent(struct source *s, json_t *root, struct buf *err)
{
	if (source_string(root, "user_agent", &s->user_agent, err) < 0)
		return -1;
	if (!s->user_agent)
		return source_fail(err, "'user_agent' is required: name your crawler and give a "
				   "contact URL, e.g. \"birddog/0.2 (+https://example.com/bot)\"");
	if (!strstr(s->user_agent, "http://") && !strstr(s->user_agent, "https://"))
		return source_fail(err, "'user_agent' must carry a contact URL, e.g. "
				   "\"birddog/0.2 (+https://example.com/bot)\"");
	if (strstr(s->user_agent, "Mozilla/") || strpbrk(s->user_agent, "\r\n"))
		return source_fail(err, "'user_agent' must name birddog's crawler, not a browser");
	s->http.user_agent = s->user_agent;
	return 0;
}

/* The hosts that may be fetched: "hosts", else those of the URLs given. */
static int check_hosts(struct source *s, json_t *root, struct buf *err)
{
	json_t *v = json_object_get(root, "hosts"), *h;
	size_t i;
	if (v) {
		if (!json_is_array(v))
			return source_fail(err, "'hosts' must be a list of host names");
		s->hosts = xcalloc(json_array_size(v) + 1, sizeof *s->hosts);
		json_array_foreach(v, i, h) {
			if (!json_is_string(h) || !json_string_length(h) ||
			    strpbrk(json_string_value(h), "/ @"))
				return source_fail(err, "'hosts': each must be a host or host:port");
			char *lower = xstrdup(json_string_value(h));
			for (char *c = lower; *c; c++)
				*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
			s->hosts[s->nhosts++] = lower;
		}
		if (!s->nhosts)
			return source_fail(err, "'hosts' must name at least one host");
	}
	const char *urls[64];
	size_t n = 0;
	for (size_t j = 0; j < s->nstart && n < 60; j++)
		urls[n++] = s->start[j];
	urls[n++] = s->sitemap;
	urls[n++] = s->url;
	urls[n++] = s->token_url;
	for (size_t j = 0; j < n; j++)
		s->files |= urls[j] && strncmp(urls[j], "file:", 5) == 0;
	if (s->hosts) {
		/* The source's own URLs must be fetchable: a start page outside
		 * "hosts" would leave a crawl that found nothing, and complete. */
		for (size_t j = 0; j < n; j++)
			if (urls[j] && !source_host_allowed(s, urls[j]))
				return source_fail(err, "'hosts' does not name the host of '%s'", urls[j]);
		return 0;
	}
	s->hosts = xcalloc(n + 1, sizeof *s->hosts);
	for (size_t j = 0; j < n; j++) {
		char *host = urls[j] ? url_host(urls[j]) : NULL;
		if (!host || !*host || source_host_allowed(s, urls[j])) {
			free(host);
			continue;
		}
		s->hosts[s->nhosts++] = host;
	}
	return 0;
}

int source_host_allowed(const struct source *s, const char *url)
{
	char *host = url_host(url);
	int ok = host && !*host && s->files;    /* file:// */
	for (size_t i = 0; host && !ok && i < s->nhosts; i++)
		ok = strcmp(s->hosts[i], host) == 0;
	free(host);
	return ok;
}

static int check_rate(struct source *s, json_t *root, struct buf *err)
{
	static const char *const keys[] = { "per_second", "burst", "connections", NULL };
	json_t *r = json_object_get(root, "rate");
	double per = 1, burst = 1, conns = 2, conc = 8;
	if (r && (!json_is_object(r) || source_known_keys(r, "rate", keys, err) < 0))
		return json_is_object(r) ? -1 : source_fail(err, "'rate' must be an object");
	if (r && (source_number(r, "per_second", 0.001, 1e6, &per, err) < 0 ||
		  source_number(r, "burst", 1, 1e6, &burst, err) < 0 ||
		  source_number(r, "connections", 1, 256, &conns, err) < 0))
		return source_fail(err, " (in 'rate')");
	if (source_number(root, "concurrency", 1, 1024, &conc, err) < 0)
		return -1;
	s->http.policy = (struct http_policy){ per, burst, (int)conns };
	s->http.concurrency = (int)conc;
	return 0;
}

static int check_limits(struct source *s, json_t *root, struct buf *err)
{
	static const char *const keys[] = { "pages", "depth", "bytes", "seconds", "timeout",
					    "tries", "redirects", NULL };
	json_t *l = json_object_get(root, "limits");
	double pages = 10000, depth = 10, bytes = 5 << 20, seconds = 3600, timeout = 30,
	       tries = 4, redirects = 5;
	if (l && (!json_is_object(l) || source_known_keys(l, "limits", keys, err) < 0))
		return json_is_object(l) ? -1 : source_fail(err, "'limits' must be an object");
	if (l && (source_number(l, "pages", 1, 1e9, &pages, err) < 0 ||
		  source_number(l, "depth", 0, 1000, &depth, err) < 0 ||
		  source_number(l, "bytes", 1024, 1e10, &bytes, err) < 0 ||
		  source_number(l, "seconds", 1, 1e7, &seconds, err) < 0 ||
		  source_number(l, "timeout", 0.1, 3600, &timeout, err) < 0 ||
		  source_number(l, "tries", 1, 20, &tries, err) < 0 ||
		  source_number(l, "redirects", 0, 50, &redirects, err) < 0))
		return source_fail(err, " (in 'limits')");
	if (!json_object_get(l, "bytes") && json_is_string(json_object_get(root, "kind")) &&
	    strcmp(json_string_value(json_object_get(root, "kind")), "csv") == 0)
		bytes = 256.0 * 1024 * 1024;    /* a whole export, not a page */
	s->max_pages = (long)pages;
	s->max_depth = (long)depth;
	s->max_seconds = (long)seconds;
	s->http.max_bytes = (size_t)bytes;
	s->http.timeout_ms = (long)(timeout * 1000);
	s->http.tries = (int)tries;
	s->http.redirects = (int)redirects;
	return 0;
}

/* The name: "name", else the file name without ".json". */
static int check_name(struct source *s, json_t *root, const char *path, struct buf *err)
{
	if (source_string(root, "name", &s->name, err) < 0)
		return -1;
	if (!s->name) {
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		size_t n = strlen(base);
		if (n > 5 && strcmp(base + n - 5, ".json") == 0)
			n -= 5;
		s->name = xstrndup(base, n);
	}
	if (!csvmap_source_valid(s->name))
		return source_fail(err, "the source name '%s' must be 1 to 64 of [a-z0-9_] "
				   "(give one with \"name\")", s->name);
	return 0;
}

static const char *const common_keys[] = { "name", "kind", "user_agent", "hosts", "rate",
					   "concurrency", "limits", "types", "missing" };

/* The keys of kind, with the common ones. */
static int check_keys(json_t *root, const char *const *own, struct buf *err)
{
	const char *all[40];
	size_t n = 0;
	for (size_t i = 0; i < sizeof common_keys / sizeof *common_keys; i++)
		all[n++] = common_keys[i];
	for (size_t i = 0; own[i]; i++)
		all[n++] = own[i];
	all[n] = NULL;
	return source_known_keys(root, NULL, all, err);
}

static int load(struct source *s, json_t *root, const char *path, struct buf *err)
{
	static const char *const html_keys[] = { "start", "sitemap", "follow", "detail_pattern",
						 "fields", "structured", "embedded", "render", NULL };
	static const char *const json_keys[] = { "url", "items", "fields", "next", "page", "offset",
						 "preset", "filter", "top", "select", "auth", NULL };
	static const char *const csv_keys[] = { "url", "map", "columns", "optional", "id_from",
						"extra", NULL };
	const char *kind = json_string_value(json_object_get(root, "kind"));
	if (!kind)
		return source_fail(err, "'kind' must be \"html\", \"json\" or \"csv\"");
	s->kind = strcmp(kind, "html") == 0 ? SOURCE_HTML : strcmp(kind, "json") == 0 ? SOURCE_JSON
		: strcmp(kind, "csv") == 0 ? SOURCE_CSV : (enum source_kind)-1;
	if ((int)s->kind < 0)
		return source_fail(err, "'kind' must be \"html\", \"json\" or \"csv\", not '%s'", kind);
	json_t *types = json_object_get(root, "types"), *missing = json_object_get(root, "missing");
	if (types && !json_is_object(types))
		return source_fail(err, "'types' must be an object of strings");
	if (missing && !json_is_array(missing))
		return source_fail(err, "'missing' must be a list of the values that mean none");
	s->types = json_incref(types);
	s->missing = json_incref(missing);
	if (check_name(s, root, path, err) < 0 ||
	    check_keys(root, s->kind == SOURCE_HTML ? html_keys : s->kind == SOURCE_JSON ? json_keys
		       : csv_keys, err) < 0 ||
	    check_rate(s, root, err) < 0 || check_limits(s, root, err) < 0)
		return -1;
	int rc = s->kind == SOURCE_HTML ? source_load_html(s, root, err)
		: s->kind == SOURCE_JSON ? source_load_json(s, root, path, err)
		: source_load_csv(s, root, path, err);
	if (rc < 0 || check_hosts(s, root, err) < 0)
		return -1;
	int network = s->nhosts > 0;
	if (network && check_agent(s, root, err) < 0)
		return -1;
	if (!network)
		s->http.user_agent = "birddog";
	return 0;
}

struct source *source_load(const char *path, struct buf *err)
{
	json_t *root = config_load(path, err);
	if (!root)
		return NULL;
	struct source *s = xcalloc(1, sizeof *s);
	s->file = xstrdup(path);
	s->structured = 1;
	struct buf why = BUF_INIT;
	int rc = load(s, root, path, &why);
	json_decref(root);
	if (rc < 0) {
		buf_printf(err, "%s: %s", path, buf_cstr(&why));
		buf_release(&why);
		source_free(s);
		return NULL;
	}
	buf_release(&why);
	return s;
}

static void free_strings(char **v, size_t n)
{
	for (size_t i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

void source_free(struct source *s)
{
	if (!s)
		return;
	free(s->file);
	free(s->name);
	free(s->user_agent);
	free_strings(s->hosts, s->nhosts);
	free_strings(s->start, s->nstart);
	free(s->sitemap);
	source_free_rules(s);
	json_decref(s->types);
	free(s->url);
	free(s->items);
	fieldmap_release(&s->items_map);
	json_decref(s->missing);
	free(s->next);
	free(s->page_param);
	free(s->offset_param);
	free(s->limit_param);
	free(s->filter);
	free(s->bearer_env);
	free(s->token_url);
	free(s->client_id_env);
	free(s->client_secret_env);
	free(s->scope);
	csvmap_free(s->csv_map);
	free(s);
}
