/* SPDX-License-Identifier: MIT */
/* Column mappings: a JSON document naming, for each listing field, the CSV
 * column it comes from (see discover(1) for the format), bound per header. */
#include "csvmap.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "digest.h"
#include "csv_reader.h"
#include "reso.h"
#include "xalloc.h"

struct csvmap {
	char *name;
	json_t *root;                 /* owns the strings below */
	const char *source;
	const char *column[LF_COUNT];
	int optional[LF_COUNT];
	int id_from[LF_COUNT];
	size_t nid_from;
	json_t *types, *missing;      /* borrowed from root */
	long index[LF_COUNT];
	size_t width;
	struct buf key;               /* scratch for the id_from key */
};

int csvmap_source_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64)
		return 0;
	return strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

static int check_columns(struct csvmap *m, json_t *cols, struct buf *err)
{
	const char *key;
	json_t *v;
	if (!json_is_object(cols) || json_object_size(cols) == 0) {
		buf_adds(err, "'columns' must be an object naming at least one column");
		return -1;
	}
	json_object_foreach(cols, key, v) {
		int f = listing_field_lookup(key);
		if (f < 0) {
			buf_printf(err, "'columns': unknown field '%s'", key);
			return -1;
		}
		if (!json_is_string(v) || json_string_length(v) == 0) {
			buf_printf(err, "'columns': '%s' must name a column", key);
			return -1;
		}
		m->column[f] = json_string_value(v);
	}
	return 0;
}

/* A list of mapped field names: "optional" or "id_from". */
static int check_fields(struct csvmap *m, json_t *list, const char *what, int *out,
			size_t *n, struct buf *err)
{
	size_t i;
	json_t *v;
	if (!list)
		return 0;
	if (!json_is_array(list)) {
		buf_printf(err, "'%s' must be a list of field names", what);
		return -1;
	}
	json_array_foreach(list, i, v) {
		int f = json_is_string(v) ? listing_field_lookup(json_string_value(v)) : -1;
		if (f < 0 || !m->column[f]) {
			buf_printf(err, "'%s': '%s' is not a field in 'columns'", what,
				   json_is_string(v) ? json_string_value(v) : "(not a string)");
			return -1;
		}
		if (n && *n == LF_COUNT) {
			buf_printf(err, "'%s' names too many fields", what);
			return -1;
		}
		if (n)
			out[(*n)++] = f;
		else
			out[f] = 1;
	}
	return 0;
}

static int check_strings(json_t *v, const char *what, int object, struct buf *err)
{
	size_t i;
	const char *k;
	json_t *s;
	if (!v)
		return 0;
	if (object ? !json_is_object(v) : !json_is_array(v))
		goto bad;
	if (object) {
		json_object_foreach(v, k, s)
			if (!json_is_string(s))
				goto bad;
	} else {
		json_array_foreach(v, i, s)
			if (!json_is_string(s))
				goto bad;
	}
	return 0;
bad:
	buf_printf(err, "'%s' must be %s of strings", what, object ? "an object" : "a list");
	return -1;
}

static int check_keys(json_t *root, struct buf *err)
{
	static const char *const known[] = { "source", "columns", "optional", "id_from",
					     "types", "missing" };
	const char *key;
	json_t *v;
	json_object_foreach(root, key, v) {
		size_t i = 0;
		while (i < sizeof known / sizeof *known && strcmp(key, known[i]) != 0)
			i++;
		if (i == sizeof known / sizeof *known) {
			buf_printf(err, "unknown key '%s'", key);
			return -1;
		}
	}
	return 0;
}

static int check_source(struct csvmap *m, json_t *v, struct buf *err)
{
	if (!v)
		return 0;
	m->source = json_string_value(v);
	if (m->source && csvmap_source_valid(m->source))
		return 0;
	buf_adds(err, "'source' must be 1 to 64 of [a-z0-9_]");
	return -1;
}

static int check_ids(struct csvmap *m, json_t *root, struct buf *err)
{
	json_t *id_from = json_object_get(root, "id_from");
	if (check_fields(m, id_from, "id_from", m->id_from, &m->nid_from, err) < 0)
		return -1;
	if (m->column[LF_SOURCE_ID] && m->nid_from) {
		buf_adds(err, "'id_from' and a 'source_id' column exclude each other");
		return -1;
	}
	if (!m->column[LF_SOURCE_ID] && !m->nid_from) {
		buf_adds(err, "no 'source_id' column and no 'id_from' fields");
		return -1;
	}
	for (size_t i = 0; i < m->nid_from; i++) {
		enum listing_field f = m->id_from[i];
		if (f != LF_URL && f != LF_TYPE && f != LF_STATUS && (f < LF_LINE || f > LF_ZIP)) {
			buf_printf(err, "'id_from': '%s' is not a text field", listing_field_name(f));
			return -1;
		}
	}
	return 0;
}

static struct csvmap *from_json(json_t *root, const char *name, struct buf *err)
{
	struct csvmap *m = xcalloc(1, sizeof *m);
	m->name = xstrdup(name);
	m->root = root;
	m->types = json_object_get(root, "types");
	m->missing = json_object_get(root, "missing");
	if (check_keys(root, err) < 0 || check_source(m, json_object_get(root, "source"), err) < 0
	    || check_columns(m, json_object_get(root, "columns"), err) < 0
	    || check_fields(m, json_object_get(root, "optional"), "optional", m->optional, NULL, err) < 0
	    || check_ids(m, root, err) < 0
	    || check_strings(m->types, "types", 1, err) < 0
	    || check_strings(m->missing, "missing", 0, err) < 0) {
		struct buf msg = BUF_INIT;
		buf_printf(&msg, "%s: %s", name, buf_cstr(err));
		buf_reset(err);
		buf_adds(err, buf_cstr(&msg));
		buf_release(&msg);
		csvmap_free(m);
		return NULL;
	}
	return m;
}

struct csvmap *csvmap_load(const char *path, struct buf *err)
{
	json_t *root = config_load(path, err);
	return root ? from_json(root, path, err) : NULL;
}

struct csvmap *csvmap_reso(void)
{
	struct buf err = BUF_INIT;
	json_t *root = json_loads(reso_mapping_json, JSON_REJECT_DUPLICATES, NULL);
	struct csvmap *m = root ? from_json(root, "the built-in RESO mapping", &err) : NULL;
	if (!m)
		abort();
	buf_release(&err);
	return m;
}

void csvmap_free(struct csvmap *m)
{
	if (!m)
		return;
	json_decref(m->root);
	buf_release(&m->key);
	free(m->name);
	free(m);
}

const char *csvmap_source(const struct csvmap *m)
{
	return m->source;
}

size_t csvmap_width(const struct csvmap *m)
{
	return m->width;
}

/* A header name and its column number (from 1), sorted by name, then column. */
struct column_name {
	const char *s;
	size_t len, col;
};

static int same_name(const struct column_name *x, const struct column_name *y)
{
	return x->len == y->len && memcmp(x->s, y->s, x->len) == 0;
}

static int column_name_cmp(const void *a, const void *b)
{
	const struct column_name *x = a, *y = b;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	int c = memcmp(x->s, y->s, x->len);
	return c ? c : x->col < y->col ? -1 : x->col > y->col;
}

/* A name given twice is an error even when no field reads it, so that a
 * name always means one column; empty names may repeat. Names compare as
 * bind matches them, byte for byte; sorting keeps a very wide header quick.
 * Reports the first column whose name an earlier one has. */
static int check_unique(char *const *header, const size_t *lens, size_t n, struct buf *err)
{
	struct column_name *v = xcalloc(n ? n : 1, sizeof *v);
	size_t k = 0, first = 0, second = 0, group = 0;
	for (size_t i = 0; i < n; i++)
		if (lens[i])
			v[k++] = (struct column_name){ header[i], lens[i], i + 1 };
	qsort(v, k, sizeof *v, column_name_cmp);
	for (size_t i = 1; i < k; i++) {
		if (!same_name(&v[group], &v[i]))
			group = i;
		else if (i == group + 1 && (!second || v[i].col < second))
			first = v[group].col, second = v[i].col;
	}
	if (second) {
		buf_printf(err, "columns %zu and %zu are both named ", first, second);
		csv_format_name(err, header[first - 1], lens[first - 1]);
	}
	free(v);
	return second ? -1 : 0;
}

int csvmap_bind(struct csvmap *m, char *const *header, const size_t *lens, size_t n,
		struct buf *err)
{
	if (check_unique(header, lens, n, err) < 0)
		return -1;
	for (int f = 0; f < LF_COUNT; f++) {
		m->index[f] = -1;
		if (!m->column[f])
			continue;
		size_t want = strlen(m->column[f]);
		for (size_t i = 0; i < n && m->index[f] < 0; i++)
			if (lens[i] == want && memcmp(header[i], m->column[f], want) == 0)
				m->index[f] = (long)i;
		if (m->index[f] < 0 && !m->optional[f]) {
			buf_printf(err, "column '%s' (for '%s' in %s) is not in the header",
				   m->column[f], listing_field_name(f), m->name);
			return -1;
		}
	}
	m->width = n;
	return 0;
}

static int is_missing(const struct csvmap *m, const char *s, size_t len)
{
	size_t i;
	json_t *v;
	if (len == 0)
		return 1;
	json_array_foreach(m->missing, i, v)
		if (json_string_length(v) == len && memcmp(json_string_value(v), s, len) == 0)
			return 1;
	return 0;
}

static void trim(const char **s, size_t *len)
{
	while (*len && isspace((unsigned char)**s))
		(*s)++, (*len)--;
	while (*len && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* source_id from id_from: the first 16 hex digits of the SHA-256 of the
 * fields, lowercased, white space collapsed, joined with '|'. */
static void make_id(struct csvmap *m, struct listing *l)
{
	struct buf *key = &m->key;
	int any = 0;
	buf_reset(key);
	for (size_t i = 0; i < m->nid_from; i++) {
		const char *s = listing_text(l, m->id_from[i]);
		size_t start = key->len;
		int sp = 0;
		if (i)
			buf_addc(key, '|'), start++;
		for (; s && *s; s++) {
			if (isspace((unsigned char)*s)) {
				sp = key->len > start;
				continue;
			}
			if (sp)
				buf_addc(key, ' ');
			sp = 0;
			buf_addc(key, (char)tolower((unsigned char)*s));
			any = 1;
		}
	}
	if (!any)
		return;
	char hex[DIGEST_HEX_LEN];
	digest_sha256_hex(key->data, key->len, hex);
	hex[16] = '\0';
	listing_set_text(l, LF_SOURCE_ID, hex);
}

int csvmap_apply(struct csvmap *m, char *const *row, const size_t *lens,
		 struct listing *l, struct buf *why)
{
	listing_reset(l);
	for (int f = 0; f < LF_COUNT; f++) {
		if (m->index[f] < 0)
			continue;
		const char *s = row[m->index[f]];
		size_t len = lens[m->index[f]];
		trim(&s, &len);
		if (is_missing(m, s, len))
			continue;
		json_t *t = f == LF_TYPE && m->types ? json_object_getn(m->types, s, len) : NULL;
		if (t)
			listing_set_text(l, LF_TYPE, json_string_value(t));
		else if (listing_set(l, f, s, len, why) < 0)
			return -1;
	}
	if (m->nid_from)
		make_id(m, l);
	return 0;
}
