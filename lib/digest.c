/* SPDX-License-Identifier: MIT */
/* SHA-256 through libcrypto's EVP interface (see digest.h); its only
 * failure is running out of memory, handled as xalloc.c does. */
#include "digest.h"

#include <openssl/evp.h>
#include <sysexits.h>

#include "diag.h"

struct digest {
	EVP_MD_CTX *ctx;
};

static void check(int ok)
{
	if (!ok)
		diag_die(EX_OSERR, "libcrypto: cannot compute a SHA-256 digest");
}

static void to_hex(const unsigned char *md, unsigned n, char out[DIGEST_HEX_LEN])
{
	static const char hex[] = "0123456789abcdef";
	for (unsigned i = 0; i < n && i < 32; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[64] = '\0';
}

struct digest *digest_new(void)
{
	struct digest *d = OPENSSL_zalloc(sizeof *d);
	check(d != NULL);
	d->ctx = EVP_MD_CTX_new();
	check(d->ctx && EVP_DigestInit_ex(d->ctx, EVP_sha256(), NULL));
	return d;
}

void digest_free(struct digest *d)
{
	if (!d)
		return;
	EVP_MD_CTX_free(d->ctx);
	OPENSSL_free(d);
}

void digest_update(struct digest *d, const void *data, size_t len)
{
	check(EVP_DigestUpdate(d->ctx, data, len));
}

void digest_hex(struct digest *d, char out[DIGEST_HEX_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	check(EVP_DigestFinal_ex(d->ctx, md, &n) && EVP_DigestInit_ex(d->ctx, EVP_sha256(), NULL));
	to_hex(md, n, out);
}

void digest_sha256_hex(const void *data, size_t len, char out[DIGEST_HEX_LEN])
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned n = 0;
	check(EVP_Digest(data, len, md, &n, EVP_sha256(), NULL));
	to_hex(md, n, out);
}
