/* SPDX-License-Identifier: MIT */
/* Structured data in a page, read without any XPath from the source:
 * schema.org JSON-LD (a residence, a RealEstateListing, a Product with an
 * Offer; single objects, arrays and @graph, @id references followed) and
 * the JSON payloads a source names (a framework's __NEXT_DATA__, with JSON
 * encoded inside a string decoded on the way). */
#ifndef BIRDDOG_STRUCTURED_H
#define BIRDDOG_STRUCTURED_H

#include "buf.h"

struct page;
struct source;
struct extracted;

/* Compiles (and frees) what the extractors use on every page; prepare
 * before the first page. */
void structured_prepare(void);
void structured_release(void);

/* The listing the page's JSON-LD describes, into x as "jsonld". Each
 * block that is not JSON adds its reason to warn ("; "-separated).
 * Returns 1 when a listing was found. */
int structured_jsonld(struct page *p, struct extracted *x, struct buf *warn);

/* The source's embedded JSON rules, into x as "embedded"; the first rule
 * that finds an object wins. Returns 1 when one did. */
int structured_embedded(struct page *p, const struct source *s, struct extracted *x,
			struct buf *warn);

#endif
