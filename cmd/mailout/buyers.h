/* SPDX-License-Identifier: MIT */
/* The buyers list: who wants which deals (their "buy box"), read from CSV
 * (RFC 4180, with a header) or NDJSON, and matched against listings. */
#ifndef BIRDDOG_BUYERS_H
#define BIRDDOG_BUYERS_H

#include <stddef.h>

#include "buf.h"

/* One buyer. Empty lists and absent limits match anything. The strings are
 * owned by the list (buyers_free). */
struct buyer {
	char *email;            /* as written in the file; email_valid() */
	char *key;              /* email in lower case: the outbox and suppression key */
	char *name;             /* display name, UTF-8, may be ""; untrusted for headers */
	char **zips;            /* 5-digit ZIP codes */
	size_t nzips;
	char **types;           /* property types, e.g. "single_family" */
	size_t ntypes;
	int has_max_price, has_min_score;
	double max_price;       /* whole dollars */
	double min_score;       /* 0-100 */
	long line;              /* where it was defined */
};

struct buyers;

/* What a listing offers to the match; NULL / has_* = 0 when the record lacks it. */
struct buyers_listing {
	const char *zip;
	const char *type;
	int has_price, has_score;
	double price;
	double score;
};

/* Loads path: ".csv" is CSV with the header email,name,zips,types,max_price,
 * min_score (any order; only email is required; lists separated by ';');
 * ".ndjson", ".jsonl" and ".json" hold one JSON object a line. Returns the
 * list (the caller frees it), or NULL with "path:line: message" in err. */
struct buyers *buyers_load(const char *path, struct buf *err);
void buyers_free(struct buyers *b);
size_t buyers_count(const struct buyers *b);
/* The i-th buyer (borrowed). */
const struct buyer *buyers_get(const struct buyers *b, size_t i);

/* 1 when the listing is in the buyer's box: zip in zips, type in types,
 * price <= max_price, score >= min_score. */
int buyer_matches(const struct buyer *b, const struct buyers_listing *l);

#endif
