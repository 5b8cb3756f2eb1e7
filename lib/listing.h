/* SPDX-License-Identifier: MIT */
/* One listing record as discover(1) builds it from a row of text values:
 * fields cleaned and typed, then written as one NDJSON line in the fixed
 * key order of birddog-record(5), with a hash of its content. */
#ifndef BIRDDOG_LISTING_H
#define BIRDDOG_LISTING_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

enum listing_field {
	LF_SOURCE_ID, LF_URL,
	LF_LINE, LF_UNIT, LF_CITY, LF_STATE, LF_ZIP,
	LF_LAT, LF_LON, LF_PRICE, LF_BEDS, LF_BATHS, LF_SQFT, LF_LOT_SQFT,
	LF_YEAR_BUILT, LF_TYPE, LF_STATUS,
	LF_LIST_DATE, LF_STATUS_DATE, LF_SALE_DATE, LF_SALE_PRICE,
	LF_DESCRIPTION,
	LF_COUNT
};

/* The record key of a field ("price", "address.zip"); static. */
const char *listing_field_name(enum listing_field f);
/* The field named name, or -1. */
int listing_field_lookup(const char *name);

/* The values of one record; owns its memory (listing_release). */
struct listing {
	struct buf text;                 /* text values, each NUL-terminated */
	size_t off[LF_COUNT];
	unsigned present;                /* bit f: field f has a value */
	long long num[LF_COUNT];         /* integer fields */
	double real[LF_COUNT];           /* baths, lat, lon */
	struct buf id;                   /* "SOURCE:SOURCE_ID" */
	struct buf head, body;           /* the encoded content (listing_encode) */
	struct buf extra;                /* "name":"text" pairs of unmapped columns */
	struct buf photos;               /* "url","url" (content) */
	struct buf how;                  /* "field":"extractor" pairs (not content) */
	char fetched_at[32];             /* of the page it came from, or "" */
	char sha256[65];                 /* of that page's body, or "" */
	uint64_t hash;                   /* of head and body: extra is not content */
};

void listing_init(struct listing *l);
void listing_release(struct listing *l);
/* Forgets every value (keeps the memory for the next record). */
void listing_reset(struct listing *l);

/* Sets field f from the raw text value s (len bytes): trimmed (and white
 * space runs collapsed in address parts), parsed as a number ("$315,000",
 * "315000.00", "1.225e+006"; integers rounded), or as a date (date.h; the
 * dates as YYYY-MM-DD, status_date as an RFC 3339 UTC time when it has a
 * time and zone). Returns 0, or -1 with the reason in why ("'price' is not
 * a number ('call')"). An empty value leaves f absent. */
int listing_set(struct listing *l, enum listing_field f, const char *s, size_t len, struct buf *why);
/* Sets f to s as it is (no cleaning); for values mapped by the caller. */
void listing_set_text(struct listing *l, enum listing_field f, const char *s);
/* Keeps an unmapped column's cell under "extra": name and value as they
 * are (name[0..nlen), value[0..vlen)). 0, or -1 with the reason in why when
 * either is not valid UTF-8. */
int listing_add_extra(struct listing *l, const char *name, size_t nlen, const char *value,
		      size_t vlen, struct buf *why);

/* Adds a photo's URL (s[0..len), trimmed); 0, or -1 with the reason in why
 * when it is not valid UTF-8. Empty ones and repeats are skipped. */
int listing_add_photo(struct listing *l, const char *s, size_t len, struct buf *why);
/* Records which extractor gave field name ("price", "photos"): "jsonld",
 * "embedded", "xpath", "pattern", "url", "value", "api". The first one
 * given for a field stands. how is static. */
void listing_set_how(struct listing *l, const char *name, const char *how);
/* Whether name's provenance is set. */
int listing_has_how(const struct listing *l, const char *name);

/* A whole address in the line field ("1234 S Martin Luther King Dr,
 * Chicago, IL 60637") taken apart, when there is no city, state or ZIP. */
void listing_split_address(struct listing *l);

int listing_has(const struct listing *l, enum listing_field f);
/* The text value of f, or NULL when absent; borrowed until the next reset. */
const char *listing_text(const struct listing *l, enum listing_field f);

/* Encodes the content (every key but seen_at, event and previous_price) for
 * source and computes its hash. The id is "SOURCE:SOURCE_ID", or id when
 * given (the listing is known by another source's id). Returns 0, or -1
 * with the reason in why when a text value is not valid UTF-8 or there is
 * no source_id. */
int listing_encode(struct listing *l, const char *source, const char *id, struct buf *why);
/* Appends the whole record and a newline; previous_price may be NULL;
 * sources (a JSON array's text, or NULL) lists every source of a listing
 * known from more than one. */
void listing_write(const struct listing *l, struct buf *out, const char *seen_at,
		   const char *event, const long long *previous_price, const char *sources);

#endif
