/* SPDX-License-Identifier: MIT */
/* A bump arena as libxml2's allocator for one page (see xml_arena.h). */
#include "xml_arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/globals.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "xalloc.h"

#define CHUNK_MIN (1u << 20)
#define ALIGN 16

/* Each block starts with its size, for realloc. */
struct header {
	size_t size;
	size_t pad;             /* keeps the block ALIGN-aligned */
};

struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(ALIGN) unsigned char data[];
};

static struct chunk *first, *current;
static void *last;              /* the latest block: realloc grows it in place */

static size_t round_up(size_t n)
{
	return (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
}

static struct chunk *new_chunk(size_t need)
{
	size_t size = need > CHUNK_MIN ? need : CHUNK_MIN;
	struct chunk *c = xmalloc(sizeof *c + size);
	c->next = NULL;
	c->size = size;
	c->used = 0;
	return c;
}

static void *arena_malloc(size_t n)
{
	size_t need = sizeof(struct header) + round_up(n ? n : 1);
	while (current && current->used + need > current->size) {
		if (!current->next)
			current->next = new_chunk(need);
		else if (current->next->size < need) {
			struct chunk *big = new_chunk(need);
			big->next = current->next;
			current->next = big;
		}
		current = current->next;
		current->used = 0;
	}
	if (!current)
		first = current = new_chunk(need);
	struct header *h = (struct header *)(current->data + current->used);
	current->used += need;
	h->size = n;
	last = h + 1;
	return last;
}

static void arena_free(void *p)
{
	(void)p;    /* all of it goes at xml_arena_end */
}

static void *arena_realloc(void *p, size_t n)
{
	if (!p)
		return arena_malloc(n);
	struct header *h = (struct header *)p - 1;
	if (p == last) {
		size_t have = round_up(h->size ? h->size : 1), want = round_up(n ? n : 1);
		if (want <= have || current->used + (want - have) <= current->size) {
			if (want > have)
				current->used += want - have;
			h->size = n;
			return p;
		}
	}
	void *q = arena_malloc(n);
	memcpy(q, p, h->size < n ? h->size : n);
	return q;
}

static char *arena_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(arena_malloc(n), s, n);
}

void xml_arena_begin(void)
{
	static int init;
	if (!init) {
		xmlInitParser();
		init = 1;
	}
	current = first;
	if (current)
		current->used = 0;
	last = NULL;
	xmlMemSetup(arena_free, arena_malloc, arena_realloc, arena_strdup);
}

void xml_arena_end(void)
{
	xmlResetLastError();    /* its strings were made in the arena */
	xmlMemSetup(free, malloc, realloc, strdup);
	current = first;
	if (current)
		current->used = 0;
	last = NULL;
}

void xml_arena_release(void)
{
	while (first) {
		struct chunk *next = first->next;
		free(first);
		first = next;
	}
	current = NULL;
}
