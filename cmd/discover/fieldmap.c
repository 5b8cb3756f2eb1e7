/* SPDX-License-Identifier: MIT */
/* JSON objects as listings (see fieldmap.h). */
#include "fieldmap.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listing.h"
#include "url.h"
#include "xalloc.h"

int fieldmap_load(struct fieldmap *m, json_t *fields, const char *where, struct buf *err)
{
	const char *key;
	json_t *v;
	memset(m, 0, sizeof *m);
	if (!json_is_object(fields) || !json_object_size(fields)) {
		buf_printf(err, "'%s' must be an object naming each field's path", where);
		return -1;
	}
	m->e = xcalloc(json_object_size(fields), sizeof *m->e);
	json_object_foreach(fields, key, v) {
		struct fieldmap_entry *e = &m->e[m->n++];
		e->field = strcmp(key, "photos") == 0 ? -1 : listing_field_lookup(key);
		if (e->field < 0 && strcmp(key, "photos") != 0) {
			buf_printf(err, "'%s': unknown field '%s' (the fields are listed in "
				   "birddog-source(5))", where, key);
			return -1;
		}
		size_t n = json_is_array(v) ? json_array_size(v) : 1;
		if (n < 1 || n > FIELDMAP_ALTERNATIVES)
			goto bad;
		for (size_t i = 0; i < n; i++) {
			json_t *p = json_is_array(v) ? json_array_get(v, i) : v;
			if (!json_is_string(p))
				goto bad;
			e->paths[e->npaths++] = xstrdup(json_string_value(p));
		}
		continue;
bad:
		buf_printf(err, "'%s.%s' must be a dotted path, or a list of 1 to %d", where, key,
			   FIELDMAP_ALTERNATIVES);
		return -1;
	}
	return 0;
}

void fieldmap_release(struct fieldmap *m)
{
	for (size_t i = 0; i < m->n; i++)
		for (size_t j = 0; j < m->e[i].npaths; j++)
			free(m->e[i].paths[j]);
	free(m->e);
	memset(m, 0, sizeof *m);
}

/* A string that holds a JSON object or array, decoded (a framework's
 * payload with the listing JSON-encoded inside it). */
static json_t *decode(json_t *v, json_t *holder)
{
	const char *s = json_string_value(v);
	while (s && (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r'))
		s++;
	if (!holder || !s || (*s != '{' && *s != '['))
		return v;
	json_t *d = json_loadb(json_string_value(v), json_string_length(v), 0, NULL);
	if (!d)
		return v;
	json_array_append_new(holder, d);
	return d;
}

json_t *json_path(json_t *root, const char *path, json_t *holder)
{
	json_t *v = decode(root, holder);
	const char *p = path;
	char part[256];
	while (v && *p) {
		size_t n = strcspn(p, ".");
		if (n >= sizeof part)
			return NULL;
		memcpy(part, p, n);
		part[n] = '\0';
		p += n + (p[n] == '.');
		if (json_is_array(v)) {
			char *end;
			long i = strtol(part, &end, 10);
			v = *end || end == part || i < 0 ? NULL : json_array_get(v, (size_t)i);
		} else {
			v = json_object_get(v, part);
		}
		v = v ? decode(v, holder) : NULL;
	}
	return v;
}

/* A scalar as text: strings as they are, numbers as JSON writes them. */
static void put_scalar(struct extracted *x, int f, json_t *v, const char *how)
{
	char num[64];
	if (json_is_string(v))
		extracted_put(x, f, json_string_value(v), json_string_length(v), how);
	else if (json_is_integer(v))
		extracted_put(x, f, num, (size_t)snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT,
							  json_integer_value(v)), how);
	else if (json_is_real(v))
		extracted_put(x, f, num, (size_t)snprintf(num, sizeof num, "%.15g",
							  json_real_value(v)), how);
	else if (json_is_boolean(v))
		extracted_put(x, f, json_is_true(v) ? "true" : "false", json_is_true(v) ? 4 : 5, how);
}

/* A photo's URL: a string, or the URL member of an object. */
static const char *photo_url(json_t *p)
{
	static const char *const keys[] = { "MediaURL", "url", "contentUrl", "href", "src", "uri" };
	if (json_is_string(p))
		return json_string_value(p);
	for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
		if (json_is_string(json_object_get(p, keys[i])))
			return json_string_value(json_object_get(p, keys[i]));
	return NULL;
}

static long order_of(json_t *p)
{
	json_t *o = json_object_get(p, "Order");
	return json_is_integer(o) ? (long)json_integer_value(o) : 0;
}

static void put_photo(struct extracted *x, json_t *p, const char *base, const char *how)
{
	const char *u = photo_url(p);
	char *abs = u && base ? url_resolve(base, u) : NULL;
	extracted_photo(x, abs ? abs : base ? NULL : u, how);
	free(abs);
}

static void put_photos(struct extracted *x, json_t *v, const char *base, const char *how)
{
	if (!json_is_array(v)) {
		put_photo(x, v, base, how);
		return;
	}
	/* In their Order (RESO Media), else as listed: a stable selection sort,
	 * the lists being short. */
	size_t n = json_array_size(v);
	unsigned char *done = xcalloc(n ? n : 1, 1);
	for (size_t k = 0; k < n; k++) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (!done[i] && (best == n || order_of(json_array_get(v, i)) <
					 order_of(json_array_get(v, best))))
				best = i;
		done[best] = 1;
		put_photo(x, json_array_get(v, best), base, how);
	}
	free(done);
}

void fieldmap_extract(const struct fieldmap *m, json_t *item, const char *base,
		      struct extracted *x, const char *how)
{
	json_t *holder = json_array();
	for (size_t i = 0; i < m->n; i++) {
		const struct fieldmap_entry *e = &m->e[i];
		for (size_t j = 0; j < e->npaths; j++) {
			json_t *v = json_path(item, e->paths[j], holder);
			if (!v || json_is_null(v))
				continue;
			if (e->field < 0)
				put_photos(x, v, base, how);
			else
				put_scalar(x, e->field, v, how);
			if (e->field < 0 ? x->nphotos > 0 : extracted_has(x, e->field))
				break;
		}
	}
	json_decref(holder);
}
