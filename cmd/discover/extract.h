/* SPDX-License-Identifier: MIT */
/* What discover's extractors found for one listing (a page's XPath rules,
 * its JSON-LD and embedded JSON, an API's item): each field's first text
 * and which extractor gave it, and the photos; then made a listing. */
#ifndef BIRDDOG_EXTRACT_H
#define BIRDDOG_EXTRACT_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"
#include "listing.h"

#define EXTRACT_PHOTOS_MAX 100

struct extracted {
	struct buf text;                /* the values, each NUL-terminated */
	size_t off[LF_COUNT];
	unsigned has;                   /* bit f: field f has a value */
	const char *how[LF_COUNT];      /* "jsonld", "embedded", "xpath", ... (static) */
	size_t photo[EXTRACT_PHOTOS_MAX];   /* offsets of the photos' URLs in text */
	size_t nphotos;
	const char *photos_how;
};

void extracted_init(struct extracted *x);
void extracted_release(struct extracted *x);
void extracted_reset(struct extracted *x);

/* Keeps s[0..len) (white space runs made one space, trimmed) as field f's
 * text unless f has one already; an empty text is no value. */
void extracted_put(struct extracted *x, int f, const char *s, size_t len, const char *how);
/* Adds a photo's (absolute) URL, unless it is there or there are
 * EXTRACT_PHOTOS_MAX; the photos of the first extractor that gives any
 * are the listing's. */
void extracted_photo(struct extracted *x, const char *url, const char *how);
int extracted_has(const struct extracted *x, int f);
const char *extracted_text(const struct extracted *x, int f);

/* Fills l (reset) from x: each value through listing_set (so "$1,250,000"
 * and "2,100 sq ft" are read), the type translated by types (a JSON object,
 * may be NULL), values equal to a missing marker (a JSON array of strings,
 * may be NULL) left out, a whole address in the line taken apart, and the
 * provenance. 0, or -1 with the reason in why. */
int extracted_to_listing(const struct extracted *x, struct listing *l, json_t *types,
			 json_t *missing, struct buf *why);

#endif
