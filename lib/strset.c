/* SPDX-License-Identifier: MIT */
/* A set of string fingerprints (see strset.h): linear probing, at most
 * half full; 0 marks an empty slot, so no fingerprint is 0. */
#include "strset.h"

#include <stdint.h>
#include <stdlib.h>

#include "xalloc.h"

struct strset {
	uint64_t *slot;
	size_t cap, count;      /* cap a power of two */
};

static uint64_t fingerprint(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	h ^= h >> 33;           /* spread FNV's weak low bits (murmur's finaliser) */
	h *= 0xff51afd7ed558ccdull;
	h ^= h >> 33;
	return h ? h : 1;
}

struct strset *strset_new(void)
{
	struct strset *s = xcalloc(1, sizeof *s);
	s->cap = 64;
	s->slot = xcalloc(s->cap, sizeof *s->slot);
	return s;
}

void strset_free(struct strset *s)
{
	if (!s)
		return;
	free(s->slot);
	free(s);
}

static size_t find(const struct strset *s, uint64_t h)
{
	size_t i = (size_t)h & (s->cap - 1);
	while (s->slot[i] && s->slot[i] != h)
		i = (i + 1) & (s->cap - 1);
	return i;
}

static void grow(struct strset *s)
{
	uint64_t *old = s->slot;
	size_t n = s->cap;
	s->cap *= 2;
	s->slot = xcalloc(s->cap, sizeof *s->slot);
	for (size_t i = 0; i < n; i++)
		if (old[i])
			s->slot[find(s, old[i])] = old[i];
	free(old);
}

int strset_add(struct strset *s, const char *key)
{
	if (2 * (s->count + 1) > s->cap)
		grow(s);
	uint64_t h = fingerprint(key);
	size_t i = find(s, h);
	if (s->slot[i])
		return 0;
	s->slot[i] = h;
	s->count++;
	return 1;
}

int strset_has(const struct strset *s, const char *key)
{
	return s->slot[find(s, fingerprint(key))] != 0;
}

size_t strset_count(const struct strset *s)
{
	return s->count;
}
