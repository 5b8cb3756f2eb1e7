/* SPDX-License-Identifier: MIT */
/* SHA-256 (FIPS 180-4) through OpenSSL's libcrypto, as lowercase hex: memo
 * digests, stable ids and Message-IDs. */
#ifndef BIRDDOG_DIGEST_H
#define BIRDDOG_DIGEST_H

#include <stddef.h>

#define DIGEST_HEX_LEN 65      /* 64 hex digits and a NUL */

struct digest;

/* A running SHA-256, reusable after each digest_hex. Like xmalloc, exits
 * with EX_OSERR when libcrypto cannot make one. Free with digest_free. */
struct digest *digest_new(void);
void digest_free(struct digest *d);
void digest_update(struct digest *d, const void *data, size_t len);
/* Writes the digest of what was added since digest_new or the last
 * digest_hex, and starts again. */
void digest_hex(struct digest *d, char out[DIGEST_HEX_LEN]);

/* The SHA-256 of data[0..len), in one call. */
void digest_sha256_hex(const void *data, size_t len, char out[DIGEST_HEX_LEN]);

#endif
