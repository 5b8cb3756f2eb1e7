/* SPDX-License-Identifier: MIT */
/* The json kind's keys (an HTTP API: items, fields, paging, auth, the RESO
 * preset) and the csv kind's (a file at a URL and its column map). */
#include "source.h"
#include "source_impl.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>

#include "csvmap.h"
#include "reso.h"
#include "url.h"
#include "xalloc.h"

/* The paging of a json source: a next link, page=N, or offset and limit. */
static int paging(struct source *s, json_t *root, struct buf *err)
{
	json_t *page = json_object_get(root, "page"), *offset = json_object_get(root, "offset");
	double start = 1, limit = 100;
	if (source_string(root, "next", &s->next, err) < 0)
		return -1;
	if (!!s->next + !!page + !!offset > 1)
		return source_fail(err, "give one of \"next\", \"page\" and \"offset\"");
	static const char *const page_keys[] = { "param", "start", NULL };
	static const char *const offset_keys[] = { "param", "limit_param", "limit", NULL };
	if ((page && json_is_object(page) && source_known_keys(page, "page", page_keys, err) < 0) ||
	    (offset && json_is_object(offset) &&
	     source_known_keys(offset, "offset", offset_keys, err) < 0))
		return -1;
	if (page && (!json_is_object(page) || source_string(page, "param", &s->page_param, err) < 0 ||
		     source_number(page, "start", 0, 1e9, &start, err) < 0 || !s->page_param))
		return source_fail(err, " ('page' is {\"param\": \"page\", \"start\": 1})");
	if (offset && (!json_is_object(offset) ||
		       source_string(offset, "param", &s->offset_param, err) < 0 ||
		       source_string(offset, "limit_param", &s->limit_param, err) < 0 ||
		       source_number(offset, "limit", 1, 1e6, &limit, err) < 0 || !s->offset_param))
		return source_fail(err, " ('offset' is {\"param\": \"offset\", \"limit_param\": "
				   "\"limit\", \"limit\": 100})");
	s->page_start = (long)start;
	s->limit = (long)limit;
	return 0;
}

/* "auth": a bearer token from the environment, or OAuth2 client
 * credentials (RFC 6749 4.4) whose id and secret are in the environment. */
static int auth(struct source *s, json_t *root, struct buf *err)
{
	static const char *const keys[] = { "bearer_env", "token_url", "client_id_env",
					    "client_secret_env", "scope", NULL };
	json_t *a = json_object_get(root, "auth");
	if (!a)
		return 0;
	if (!json_is_object(a) || source_known_keys(a, "auth", keys, err) < 0)
		return json_is_object(a) ? -1 : source_fail(err, "'auth' must be an object");
	if (source_string(a, "bearer_env", &s->bearer_env, err) < 0 ||
	    source_string(a, "client_id_env", &s->client_id_env, err) < 0 ||
	    source_string(a, "client_secret_env", &s->client_secret_env, err) < 0 ||
	    source_string(a, "scope", &s->scope, err) < 0)
		return source_fail(err, " (in 'auth')");
	char **one = NULL;
	size_t n = 0;
	if (source_urls(a, "token_url", &one, &n, err) < 0)
		return source_fail(err, " (in 'auth')");
	s->token_url = n ? one[0] : NULL;
	free(one);
	if (!!s->bearer_env == !!s->token_url)
		return source_fail(err, "'auth' needs \"bearer_env\" (the environment variable holding "
				   "a token) or \"token_url\" with \"client_id_env\" and "
				   "\"client_secret_env\"");
	if (s->token_url && (!s->client_id_env || !s->client_secret_env))
		return source_fail(err, "'auth': \"token_url\" needs \"client_id_env\" and "
				   "\"client_secret_env\" (the variables holding the id and secret)");
	return 0;
}

/* The RESO Web API preset: the built-in RESO mapping, OData paging. */
static int reso(struct source *s, json_t *root, struct buf *err)
{
	double top = 200;
	if (json_object_get(root, "items") || json_object_get(root, "fields") || s->next ||
	    s->page_param || s->offset_param)
		return source_fail(err, "\"preset\": \"reso\" takes its items, fields and paging from "
				   "the RESO Web API: leave out \"items\", \"fields\", \"next\", "
				   "\"page\" and \"offset\"");
	json_t *select = json_object_get(root, "select");
	if (source_string(root, "filter", &s->filter, err) < 0 ||
	    source_number(root, "top", 1, 1000, &top, err) < 0)
		return -1;
	if (select && !json_is_boolean(select))
		return source_fail(err, "'select' must be true or false");
	s->select = !select || json_is_true(select);
	s->reso = 1;
	s->top = (long)top;
	s->items = xstrdup("value");
	json_t *doc = json_loads(reso_mapping_json, 0, NULL);
	json_t *cols = json_object_get(doc, "columns");
	json_object_set_new(cols, "photos", json_string("Media"));
	json_object_set_new(cols, "url", json_string("ListingURL"));
	int rc = fieldmap_load(&s->items_map, cols, "preset", err);
	if (!s->types)
		s->types = json_incref(json_object_get(doc, "types"));
	json_decref(doc);
	return rc;
}

int source_load_json(struct source *s, json_t *root, const char *path, struct buf *err)
{
	(void)path;
	char **one = NULL;
	size_t n = 0;
	const char *preset = json_string_value(json_object_get(root, "preset"));
	if (source_urls(root, "url", &one, &n, err) < 0)
		return -1;
	if (!n)
		return source_fail(err, "a json source needs its first page's \"url\"");
	s->url = one[0];
	free(one);
	if (paging(s, root, err) < 0 || auth(s, root, err) < 0)
		return -1;
	if (json_object_get(root, "preset") && (!preset || strcmp(preset, "reso") != 0))
		return source_fail(err, "'preset' must be \"reso\" (the RESO Web API)");
	if (preset)
		return reso(s, root, err);
	json_t *items = json_object_get(root, "items");
	if (items && !json_is_string(items))
		return source_fail(err, "'items' must be the dotted path of the items array (\"\" "
				   "when the answer is the array)");
	s->items = xstrdup(items ? json_string_value(items) : "");
	json_t *fields = json_object_get(root, "fields");
	if (!json_is_object(fields))
		return source_fail(err, "a json source needs \"fields\": {\"source_id\": \"id\", "
				   "\"price\": \"list_price\", ...} (dotted paths in each item)");
	return fieldmap_load(&s->items_map, fields, "fields", err);
}

/* A csv source: "url", and "map" (a file, relative to the config) or the
 * map's own keys inline. */
/* A path relative to the config file's directory (made absolute). */
static char *beside(const char *config, const char *path)
{
	struct buf full = BUF_INIT;
	const char *slash = strrchr(config, '/');
	if (path[0] != '/') {
		if (slash)
			buf_add(&full, config, (size_t)(slash - config + 1));
		if (config[0] != '/') {
			char *cwd = getcwd(NULL, 0);
			struct buf abs = BUF_INIT;
			buf_printf(&abs, "%s/%s", cwd ? cwd : ".", buf_cstr(&full));
			free(cwd);
			buf_release(&full);
			full = abs;
		}
	}
	buf_adds(&full, path);
	return buf_detach(&full);
}

int source_load_csv(struct source *s, json_t *root, const char *path, struct buf *err)
{
	char **one = NULL;
	size_t n = 0;
	char *map = NULL;
	const char *u = json_string_value(json_object_get(root, "url"));
	if (u && !strstr(u, "://")) {
		/* A file named by its path, beside the config: a file:// URL. */
		char *file = beside(path, u);
		char *esc = curl_easy_escape(NULL, file, 0);
		struct buf url = BUF_INIT;
		buf_adds(&url, "file://");
		for (const char *c = esc; *c; c++)   /* the slashes stay slashes */
			if (strncmp(c, "%2F", 3) == 0)
				buf_addc(&url, '/'), c += 2;
			else
				buf_addc(&url, *c);
		curl_free(esc);
		free(file);
		s->url = buf_detach(&url);
	} else if (source_urls(root, "url", &one, &n, err) < 0) {
		return -1;
	}
	if (source_string(root, "map", &map, err) < 0)
		return -1;
	if (!s->url && !n)
		return source_fail(err, "a csv source needs the file's \"url\" (http, https or file, "
				   "or a path relative to the source file)");
	if (!s->url)
		s->url = one[0];
	free(one);
	struct buf why = BUF_INIT;
	static const char *const inline_keys[] = { "columns", "optional", "id_from", "extra",
						    "types", "missing" };
	for (size_t i = 0; map && i < sizeof inline_keys / sizeof *inline_keys; i++)
		if (json_object_get(root, inline_keys[i])) {
			free(map);
			return source_fail(err, "'%s' goes in the column map \"map\" names, or "
					   "inline without \"map\"", inline_keys[i]);
		}
	if (map) {
		char *full = beside(path, map);
		s->csv_map = csvmap_load(full, &why);
		free(full);
		free(map);
	} else if (json_object_get(root, "columns")) {
		json_t *doc = json_object();
		static const char *const keys[] = { "columns", "optional", "id_from", "missing",
						    "extra", "types" };
		for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
			if (json_object_get(root, keys[i]))
				json_object_set(doc, keys[i], json_object_get(root, keys[i]));
		s->csv_map = csvmap_from_json(doc, "the source's columns", &why);
	} else {
		s->csv_map = csvmap_reso();
	}
	if (!s->csv_map) {
		source_fail(err, "%s", buf_cstr(&why));
		buf_release(&why);
		return -1;
	}
	buf_release(&why);
	return 0;
}
