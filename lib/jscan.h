/* SPDX-License-Identifier: MIT */
/* Validates one JSON text (RFC 8259, UTF-8 per RFC 3629) in a single pass and
 * indexes the members of a top-level object without building any values.
 * Beyond RFC 8259's "should", duplicate keys (compared decoded) at any level
 * and numbers that overflow a double are refused. */
#ifndef BIRDDOG_JSCAN_H
#define BIRDDOG_JSCAN_H

#include <stddef.h>
#include <stdint.h>

/* A top-level member: spans point into the scanned text (borrowed). */
struct jscan_member {
	const char *key;    /* between the quotes, still escaped */
	size_t key_len;
	const char *val;    /* the raw value text */
	size_t val_len;
	uint32_t hash;      /* jscan_hash of the decoded key */
	int key_escaped;    /* the key holds a backslash escape */
};

struct jscan_error {
	size_t column;      /* 1-based byte column */
	char msg[80];
};

#define JSCAN_MAX_DEPTH 512

enum jscan_result { JSCAN_OK, JSCAN_INVALID, JSCAN_NOT_OBJECT, JSCAN_DUPLICATE };

/* Scans text[0..len). On JSCAN_OK, *members is a malloc'ed array the caller
 * keeps and reuses between calls (it grows as needed), *count its fill, and
 * *close the offset of the object's closing brace, *open that of its opening.
 * JSCAN_DUPLICATE is returned only for an otherwise valid text. Scratch memory
 * is kept per thread between calls (given back when a huge record grew it). */
enum jscan_result jscan_object(const char *text, size_t len,
			       struct jscan_member **members, size_t *cap, size_t *count,
			       size_t *open, size_t *close, struct jscan_error *err);

uint32_t jscan_hash(const char *s, size_t n);

/* 1 when the member's key, decoded, is key[0..n). */
int jscan_key_is(const struct jscan_member *m, const char *key, size_t n);

#endif
