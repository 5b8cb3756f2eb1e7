/* SPDX-License-Identifier: MIT */
/* One listing's extracted values (see extract.h). */
#include "extract.h"

#include <string.h>

void extracted_init(struct extracted *x)
{
	memset(x, 0, sizeof *x);
}

void extracted_release(struct extracted *x)
{
	buf_release(&x->text);
	extracted_init(x);
}

void extracted_reset(struct extracted *x)
{
	buf_reset(&x->text);
	x->has = 0;
	x->nphotos = 0;
	x->photos_how = NULL;
}

static int space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Appends s with its white space runs (and no-break spaces) made one
 * space, trimmed; returns the length appended. */
static size_t add_collapsed(struct buf *b, const char *s, size_t len)
{
	size_t start = b->len;
	int pending = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int nbsp = c == 0xc2 && i + 1 < len && (unsigned char)s[i + 1] == 0xa0;
		if (space(c) || nbsp) {
			pending = b->len > start;
			i += nbsp;
			continue;
		}
		if (pending)
			buf_addc(b, ' ');
		pending = 0;
		buf_addc(b, (char)c);
	}
	return b->len - start;
}

void extracted_put(struct extracted *x, int f, const char *s, size_t len, const char *how)
{
	if (f < 0 || f >= LF_COUNT || extracted_has(x, f) || !s)
		return;
	size_t mark = x->text.len;
	if (!add_collapsed(&x->text, s, len)) {
		x->text.len = mark;
		if (x->text.data)
			x->text.data[mark] = '\0';
		return;
	}
	buf_addc(&x->text, '\0');
	x->off[f] = mark;
	x->has |= 1u << f;
	x->how[f] = how;
}

void extracted_photo(struct extracted *x, const char *url, const char *how)
{
	if (!url || !*url || x->nphotos >= EXTRACT_PHOTOS_MAX ||
	    (x->photos_how && strcmp(x->photos_how, how) != 0))
		return;
	for (size_t i = 0; i < x->nphotos; i++)
		if (strcmp(x->text.data + x->photo[i], url) == 0)
			return;
	x->photo[x->nphotos++] = x->text.len;
	buf_adds(&x->text, url);
	buf_addc(&x->text, '\0');
	x->photos_how = how;
}

int extracted_has(const struct extracted *x, int f)
{
	return (x->has >> f) & 1;
}

const char *extracted_text(const struct extracted *x, int f)
{
	return extracted_has(x, f) ? x->text.data + x->off[f] : NULL;
}

static int is_missing(json_t *missing, const char *s)
{
	size_t i;
	json_t *m;
	json_array_foreach(missing, i, m)
		if (json_is_string(m) && strcmp(json_string_value(m), s) == 0)
			return 1;
	return 0;
}

int extracted_to_listing(const struct extracted *x, struct listing *l, json_t *types,
			 json_t *missing, struct buf *why)
{
	listing_reset(l);
	for (int f = 0; f < LF_COUNT; f++) {
		const char *s = extracted_text(x, f);
		if (!s || is_missing(missing, s))
			continue;
		json_t *t = f == LF_TYPE ? json_object_get(types, s) : NULL;
		if (json_is_string(t))
			listing_set_text(l, LF_TYPE, json_string_value(t));
		else if (listing_set(l, f, s, strlen(s), why) < 0)
			return -1;
		listing_set_how(l, listing_field_name(f), x->how[f]);
	}
	listing_split_address(l);
	for (size_t i = 0; i < x->nphotos; i++) {
		const char *u = x->text.data + x->photo[i];
		if (listing_add_photo(l, u, strlen(u), why) < 0)
			return -1;
	}
	if (x->nphotos)
		listing_set_how(l, "photos", x->photos_how);
	return 0;
}
