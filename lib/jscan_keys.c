/* SPDX-License-Identifier: MIT */
/* The keys of the objects jscan has open, and the search for a duplicate
 * among an object's keys when it closes (see jscan_keys.h). */
#include "jscan_keys.h"

#include <stdlib.h>
#include <string.h>

#include "jscan.h"
#include "jstring.h"
#include "xalloc.h"

/* Objects of up to PAIRWISE keys compare them pairwise (by hash past
 * SMALL_OBJECT keys), bigger ones sort them. Scratch above SCRATCH_KEEP
 * bytes is given back after the call. */
#define SMALL_OBJECT 16
#define PAIRWISE 48
#define SCRATCH_KEEP (1u << 20)

/* Reused between calls so that the common case allocates nothing: the keys
 * of the open objects (a stack) and the decoded escaped keys of one object. */
static _Thread_local struct {
	struct jscan_key *keys;
	size_t n, cap;
	char *bytes;
	size_t bytes_cap;
} scratch;

/* FNV-1a */
static uint32_t hash_more(uint32_t h, const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 16777619u;
	return h;
}

uint32_t jscan_hash(const char *s, size_t n)
{
	return hash_more(2166136261u, (const unsigned char *)s, n);
}

void jscan_keys_reset(void)
{
	scratch.n = 0;
}

size_t jscan_keys_count(void)
{
	return scratch.n;
}

struct jscan_key *jscan_keys_at(size_t i)
{
	return &scratch.keys[i];
}

int jscan_key_has_nul(const char *raw, size_t len)
{
	const unsigned char *p = (const unsigned char *)raw, *end = p + len;
	unsigned char u[4];
	while (p < end)
		if (jstring_char(&p, u) == 1 && u[0] == 0)
			return 1;
	return 0;
}

uint32_t jscan_key_hash(const char *raw, size_t len, int escaped)
{
	if (!escaped)
		return jscan_hash(raw, len);
	const unsigned char *p = (const unsigned char *)raw, *end = p + len;
	uint32_t h = 2166136261u;
	unsigned char u[4];
	while (p < end) {
		size_t n = jstring_char(&p, u);
		h = hash_more(h, u, n);
	}
	return h;
}

int jscan_key_is(const struct jscan_member *m, const char *key, size_t n)
{
	if (!m->key_escaped)
		return m->key_len == n && memcmp(m->key, key, n) == 0;
	const unsigned char *p = (const unsigned char *)m->key, *end = p + m->key_len;
	size_t at = 0;
	unsigned char u[4];
	while (p < end) {
		size_t k = jstring_char(&p, u);
		if (k > n - at || memcmp(key + at, u, k) != 0)
			return 0;
		at += k;
	}
	return at == n;
}

void jscan_key_quote(char *out, size_t max, const char *raw, size_t len)
{
	const unsigned char *p = (const unsigned char *)raw, *end = p + len;
	size_t n = 0;
	unsigned char u[4];
	while (p < end) {
		size_t k = jstring_char(&p, u);
		if (k > max - n)
			break;
		for (size_t i = 0; i < k; i++)
			out[n++] = u[i] < 0x20 ? '?' : (char)u[i];
	}
	out[n] = '\0';
}

struct jscan_key *jscan_keys_push(const char *raw, size_t len, int escaped)
{
	if (scratch.n == scratch.cap) {
		scratch.cap = scratch.cap ? scratch.cap * 2 : 64;
		scratch.keys = xrealloc(scratch.keys, scratch.cap * sizeof *scratch.keys);
	}
	struct jscan_key *k = &scratch.keys[scratch.n++];
	k->raw = k->text = raw;
	k->raw_len = k->len = len;
	k->escaped = (unsigned char)escaped;
	k->hashed = 0;
	return k;
}

/* Escaped keys (rare) are compared decoded. Only the object being checked
 * points into scratch.bytes, so it can be reused (and moved) for each. */
static void decode_keys(struct jscan_key *k, size_t n)
{
	size_t need = 0;
	for (size_t i = 0; i < n; i++)
		need += k[i].escaped ? k[i].raw_len : 0;
	if (!need)
		return;
	if (need > scratch.bytes_cap) {
		scratch.bytes_cap = need;
		scratch.bytes = xrealloc(scratch.bytes, need);
	}
	char *out = scratch.bytes;
	for (size_t i = 0; i < n; i++)
		if (k[i].escaped) {
			k[i].text = out;
			k[i].len = jstring_decode(out, k[i].raw, k[i].raw_len);
			out += k[i].len;
		}
}

static int same_key(const struct jscan_key *a, const struct jscan_key *b)
{
	return a->len == b->len && (!a->len || (a->text[0] == b->text[0] &&
					       memcmp(a->text, b->text, a->len) == 0));
}

/* By hash, then bytes, then position, so the later of two equal keys follows. */
static int key_order(const void *va, const void *vb)
{
	const struct jscan_key *a = va, *b = vb;
	if (a->hash != b->hash)
		return a->hash < b->hash ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	int c = memcmp(a->text, b->text, a->len);
	if (c)
		return c;
	return a->raw < b->raw ? -1 : a->raw > b->raw;
}

static void hash_keys(struct jscan_key *k, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!k[i].hashed) {
			k[i].hash = jscan_hash(k[i].text, k[i].len);
			k[i].hashed = 1;
		}
}

/* Sets the hash's bit in a 256-bit filter; 1 when it was set already. */
static int filter_hit(uint64_t seen[4], uint32_t h)
{
	uint64_t bit = 1ull << (h & 63);
	int hit = (seen[h >> 6 & 3] & bit) != 0;
	seen[h >> 6 & 3] |= bit;
	return hit;
}

/* The first key (in text order) that repeats an earlier one, or NULL. Past a
 * few keys, a filter on their hashes skips most comparisons. */
static const struct jscan_key *dup_pairwise(struct jscan_key *k, size_t n)
{
	uint64_t seen[4] = { 0 };
	int hashed = n > SMALL_OBJECT;
	if (hashed)
		hash_keys(k, n);
	for (size_t i = 0; i < n; i++) {
		if (hashed && !filter_hit(seen, k[i].hash))
			continue;
		for (size_t j = 0; j < i; j++)
			if ((!hashed || k[i].hash == k[j].hash) && same_key(&k[i], &k[j]))
				return &k[i];
	}
	return NULL;
}

/* The same in O(n log n) for big objects, sorting k in place. */
static const struct jscan_key *dup_sorted(struct jscan_key *k, size_t n)
{
	const struct jscan_key *first = NULL;
	hash_keys(k, n);
	qsort(k, n, sizeof *k, key_order);
	for (size_t i = 1; i < n; i++)
		if (k[i].hash == k[i - 1].hash && same_key(&k[i], &k[i - 1]) &&
		    (!first || k[i].raw < first->raw))
			first = &k[i];
	return first;
}

void jscan_keys_release(void)
{
	scratch.n = 0;
	if (scratch.cap * sizeof *scratch.keys > SCRATCH_KEEP) {
		free(scratch.keys);
		scratch.keys = NULL;
		scratch.cap = 0;
	}
	if (scratch.bytes_cap > SCRATCH_KEEP) {
		free(scratch.bytes);
		scratch.bytes = NULL;
		scratch.bytes_cap = 0;
	}
}

const struct jscan_key *jscan_keys_close(size_t base, int any_escaped, int check)
{
	struct jscan_key *k = scratch.keys + base;
	size_t n = scratch.n - base;
	const struct jscan_key *dup = NULL;
	if (check && n > 1) {
		if (any_escaped)
			decode_keys(k, n);
		dup = n <= PAIRWISE ? dup_pairwise(k, n) : dup_sorted(k, n);
	}
	scratch.n = base;
	return dup;
}
