/* SPDX-License-Identifier: MIT */
/* SHA-256 as specified in FIPS 180-4: an incremental digest over bytes and
 * its lowercase hex form. */
#ifndef BIRDDOG_SHA256_H
#define BIRDDOG_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define SHA256_DIGEST_LEN 32
#define SHA256_HEX_LEN 65      /* 64 hex digits and a NUL */

/* The running state; the caller owns it (no heap memory inside). */
struct sha256 {
	uint32_t h[8];
	uint64_t bytes;            /* message length so far */
	unsigned char block[64];   /* a partial block */
	size_t fill;
};

void sha256_init(struct sha256 *s);
void sha256_update(struct sha256 *s, const void *data, size_t len);
/* Writes the digest to out; s must be initialised again before reuse. */
void sha256_final(struct sha256 *s, unsigned char out[SHA256_DIGEST_LEN]);

/* The CPU's SHA instructions are used when it has them; on = 1 forces the
 * portable code (for tests), 0 goes back to the choice by CPU. */
void sha256_use_portable(int on);

/* Writes digest as 64 lowercase hex digits and a NUL. */
void sha256_hex(const unsigned char digest[SHA256_DIGEST_LEN], char out[SHA256_HEX_LEN]);

#endif
