/* SPDX-License-Identifier: MIT */
/* jscan's own: the keys of the objects it has open, so that a duplicate key
 * is found at any depth, comparing decoded keys; O(n log n) for a big
 * object, and no allocation per call in the common case. */
#ifndef BIRDDOG_JSCAN_KEYS_H
#define BIRDDOG_JSCAN_KEYS_H

#include <stddef.h>
#include <stdint.h>

struct jscan_key {
	const char *raw;    /* between the quotes, still escaped (borrowed) */
	size_t raw_len;
	const char *text;   /* compared: raw, or its decoding in scratch */
	size_t len;
	uint32_t hash;      /* of text, once hashed */
	unsigned char escaped, hashed;
};

/* Starts a scan with no key open. */
void jscan_keys_reset(void);
/* Keeps the scratch for the next scan unless a huge record grew it. */
void jscan_keys_release(void);

/* How many keys are open: an object's keys start there. */
size_t jscan_keys_count(void);
/* The i-th open key; valid until the next push. */
struct jscan_key *jscan_keys_at(size_t i);
/* Opens a key of the innermost object. */
struct jscan_key *jscan_keys_push(const char *raw, size_t len, int escaped);

/* The object whose keys start at base closed: when check is set, returns
 * its first key (in text order) that repeats an earlier one, else NULL;
 * decodes escaped keys first when any may be escaped. Its keys are then
 * dropped; the result stays valid until the next push. */
const struct jscan_key *jscan_keys_close(size_t base, int any_escaped, int check);

/* The FNV-1a hash of a key as decoded. */
uint32_t jscan_key_hash(const char *raw, size_t len, int escaped);
/* 1 when the escaped key decodes to text with a NUL character. */
int jscan_key_has_nul(const char *raw, size_t len);
/* At most max bytes of the decoded key into out (max + 1 bytes), for a
 * message: whole characters only, control characters as '?'. */
void jscan_key_quote(char *out, size_t max, const char *raw, size_t len);

#endif
