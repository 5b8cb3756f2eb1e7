/* SPDX-License-Identifier: MIT */
/* Column mappings: a JSON document naming, for each listing field, the CSV
 * column it comes from (see discover(1) for the format): loading and
 * checking it. csvmap_row.c binds it to a header and applies it to rows. */
#include "csvmap.h"
#include "csvmap_impl.h"

#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "digest.h"
#include "csv_reader.h"
#include "reso.h"
#include "xalloc.h"

int csvmap_source_valid(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64)
		return 0;
	return strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") == n;
}

void csvmap_source_name(const char *given, const char *path, char *out, size_t size)
{
	if (given || strcmp(path, "-") == 0) {
		snprintf(out, size, "%s", given ? given : "stdin");
		return;
	}
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base), i;
	for (i = 0; i < n && i + 1 < size; i++) {
		char c = base[i];
		out[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
			: (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_';
	}
	out[i] = '\0';
	if (i == 0)
		snprintf(out, size, "csv");
}

/* A column name, or a list of alternatives: the first non-empty cell wins. */
static int set_alternatives(struct csvmap *m, int f, json_t *v)
{
	size_t i, n = json_is_array(v) ? json_array_size(v) : 1;
	json_t *c;
	if (n == 0 || n > ALTERNATIVES)
		return -1;
	for (i = 0; i < n; i++) {
		c = json_is_array(v) ? json_array_get(v, i) : v;
		if (!json_is_string(c) || json_string_length(c) == 0)
			return -1;
		m->column[f][i] = json_string_value(c);
	}
	return 0;
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
			buf_printf(err, "'columns': unknown field '%s' (the fields are listed in "
				   "discover(1))", key);
			return -1;
		}
		if (set_alternatives(m, f, v) < 0) {
			buf_printf(err, "'columns': '%s' must name a column, or a list of 1 to %d "
				   "columns", key, ALTERNATIVES);
			return -1;
		}
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
		if (f < 0 || !m->column[f][0]) {
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
					     "types", "missing", "extra" };
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
	if (m->column[LF_SOURCE_ID][0] && m->nid_from) {
		buf_adds(err, "'id_from' and a 'source_id' column exclude each other");
		return -1;
	}
	if (!m->column[LF_SOURCE_ID][0] && !m->nid_from) {
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

static int check_extra(struct csvmap *m, json_t *v, struct buf *err)
{
	m->keep_extra = !v || json_is_true(v);
	if (!v || json_is_boolean(v))
		return 0;
	buf_adds(err, "'extra' must be true or false");
	return -1;
}

struct csvmap *csvmap_from_json(json_t *root, const char *name, struct buf *err)
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
	    || check_strings(m->missing, "missing", 0, err) < 0
	    || check_extra(m, json_object_get(root, "extra"), err) < 0) {
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
	return root ? csvmap_from_json(root, path, err) : NULL;
}

struct csvmap *csvmap_reso(void)
{
	struct buf err = BUF_INIT;
	json_t *root = json_loads(reso_mapping_json, JSON_REJECT_DUPLICATES, NULL);
	struct csvmap *m = root ? csvmap_from_json(root, "the built-in RESO mapping", &err) : NULL;
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
	buf_release(&m->header_text);
	free((void *)m->header);
	free(m->header_lens);
	free(m->mapped);
	free(m->name);
	free(m);
}

size_t csvmap_column_names(const struct csvmap *m, const char ***out)
{
	const char **names = xcalloc(LF_COUNT * ALTERNATIVES, sizeof *names);
	size_t n = 0;
	for (int f = 0; f < LF_COUNT; f++)
		for (int a = 0; a < ALTERNATIVES && m->column[f][a]; a++) {
			size_t i = 0;
			while (i < n && strcmp(names[i], m->column[f][a]) != 0)
				i++;
			if (i == n)
				names[n++] = m->column[f][a];
		}
	*out = names;
	return n;
}

const char *csvmap_source(const struct csvmap *m)
{
	return m->source;
}

size_t csvmap_width(const struct csvmap *m)
{
	return m->width;
}
