/* SPDX-License-Identifier: MIT */
/* A per-record arena for jansson's allocations (json_set_alloc_funcs): parsing
 * and building a record's values costs a pointer bump instead of a malloc. */
#include "arena.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>

#include "xalloc.h"

#define BLOCK_SIZE (256u << 10)
#define ALIGN 16u

struct block {
	struct block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

static struct block *blocks;     /* the current block first */
static int active;

static int in_arena(const void *p)
{
	for (const struct block *b = blocks; b; b = b->next)
		if ((const unsigned char *)p >= b->data && (const unsigned char *)p < b->data + b->size)
			return 1;
	return 0;
}

static struct block *new_block(size_t need)
{
	size_t size = need > BLOCK_SIZE ? need : BLOCK_SIZE;
	struct block *b = xmalloc(sizeof *b + size);
	b->size = size;
	b->used = 0;
	b->next = blocks;
	blocks = b;
	return b;
}

static void *arena_malloc(size_t n)
{
	if (!active)
		return malloc(n);
	n = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	struct block *b = blocks;
	if (!b || b->size - b->used < n)
		b = new_block(n);
	void *p = b->data + b->used;
	b->used += n;
	return p;
}

static void arena_free(void *p)
{
	if (p && !in_arena(p))
		free(p);
}

void json_arena_install(void)
{
	json_set_alloc_funcs(arena_malloc, arena_free);
}

void json_arena_begin(void)
{
	active = 1;
}

/* Keeps the largest block only, so a huge record does not pin memory. */
void json_arena_end(void)
{
	active = 0;
	if (!blocks)
		return;
	struct block *keep = blocks;
	for (struct block *b = blocks; b; b = b->next)
		if (b->size > keep->size || (b->size == keep->size && b == blocks))
			keep = b;
	struct block *b = blocks;
	while (b) {
		struct block *next = b->next;
		if (b != keep)
			free(b);
		b = next;
	}
	keep->next = NULL;
	keep->used = 0;
	if (keep->size > BLOCK_SIZE * 4) {
		free(keep);
		keep = NULL;
	}
	blocks = keep;
}

void json_arena_release(void)
{
	active = 0;
	while (blocks) {
		struct block *next = blocks->next;
		free(blocks);
		blocks = next;
	}
}
