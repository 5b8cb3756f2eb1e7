/* SPDX-License-Identifier: MIT */
/* A column mapping bound to a file's header and applied to its rows: the
 * fields, their alternatives, the id from id_from, and "extra". */
#include "csvmap.h"
#include "csvmap_impl.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "csv_reader.h"
#include "digest.h"
#include "xalloc.h"

/* The column named want, or -1. */
static long find_column(char *const *header, const size_t *lens, size_t n, const char *want)
{
	size_t wlen = strlen(want);
	for (size_t i = 0; i < n; i++)
		if (lens[i] == wlen && memcmp(header[i], want, wlen) == 0)
			return (long)i;
	return -1;
}

/* Keeps the header's names for "extra", and which columns a field reads. */
static void keep_header(struct csvmap *m, char *const *header, const size_t *lens, size_t n)
{
	buf_reset(&m->header_text);
	m->header_lens = xrealloc(m->header_lens, (n ? n : 1) * sizeof *m->header_lens);
	m->mapped = xrealloc(m->mapped, n ? n : 1);
	memset(m->mapped, 0, n ? n : 1);
	size_t *off = xcalloc(n ? n : 1, sizeof *off);
	for (size_t i = 0; i < n; i++) {
		off[i] = m->header_text.len;
		buf_add(&m->header_text, header[i], lens[i]);
		m->header_lens[i] = lens[i];
	}
	char **names = xrealloc((void *)m->header, (n ? n : 1) * sizeof *names);
	for (size_t i = 0; i < n; i++)
		names[i] = m->header_text.data + off[i];
	m->header = names;
	free(off);
}

int csvmap_bind(struct csvmap *m, char *const *header, const size_t *lens, size_t n,
		struct buf *err)
{
	if (csv_header_unique(header, lens, n, err) < 0)
		return -1;
	keep_header(m, header, lens, n);
	for (int f = 0; f < LF_COUNT; f++) {
		int found = 0;
		for (int a = 0; a < ALTERNATIVES; a++) {
			m->index[f][a] = m->column[f][a] ? find_column(header, lens, n, m->column[f][a]) : -1;
			if (m->index[f][a] >= 0)
				found = 1, m->mapped[m->index[f][a]] = 1;
		}
		if (m->column[f][0] && !found && !m->optional[f]) {
			buf_printf(err, "column '%s' (for '%s' in %s) is not in the header",
				   m->column[f][0], listing_field_name(f), m->name);
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

/* The first alternative cell of f that is not missing; 0, or -1 for none. */
static int field_cell(const struct csvmap *m, int f, char *const *row, const size_t *lens,
		      const char **s, size_t *len)
{
	for (int a = 0; a < ALTERNATIVES; a++) {
		long i = m->index[f][a];
		if (i < 0)
			continue;
		*s = row[i];
		*len = lens[i];
		trim(s, len);
		if (!is_missing(m, *s, *len))
			return 0;
	}
	return -1;
}

/* The cells of the columns no field reads, under "extra", as they are;
 * empty and missing ones ("missing") are left out. */
static int keep_extra(const struct csvmap *m, char *const *row, const size_t *lens,
		      struct listing *l, struct buf *why)
{
	for (size_t i = 0; i < m->width; i++) {
		const char *s = row[i];
		size_t len = lens[i];
		trim(&s, &len);
		if (!m->mapped[i] && m->header_lens[i] && !is_missing(m, s, len) &&
		    listing_add_extra(l, m->header[i], m->header_lens[i], row[i], lens[i], why) < 0)
			return -1;
	}
	return 0;
}

int csvmap_apply(struct csvmap *m, char *const *row, const size_t *lens,
		 struct listing *l, struct buf *why)
{
	listing_reset(l);
	for (int f = 0; f < LF_COUNT; f++) {
		const char *s;
		size_t len;
		if (field_cell(m, f, row, lens, &s, &len) < 0)
			continue;
		json_t *t = f == LF_TYPE && m->types ? json_object_getn(m->types, s, len) : NULL;
		if (t)
			listing_set_text(l, LF_TYPE, json_string_value(t));
		else if (listing_set(l, f, s, len, why) < 0)
			return -1;
	}
	listing_split_address(l);
	if (m->keep_extra && keep_extra(m, row, lens, l, why) < 0)
		return -1;
	if (m->nid_from)
		make_id(m, l);
	return 0;
}
