/* SPDX-License-Identifier: MIT */
/* A growable byte buffer, always NUL-terminated. */
#ifndef BIRDDOG_BUF_H
#define BIRDDOG_BUF_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

/* The buffer owns data; buf_release() frees it. Allocation failure exits
 * the program with EX_OSERR (see xalloc.h), so adds never fail. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_init(struct buf *b);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
void buf_grow(struct buf *b, size_t extra);
void buf_adds(struct buf *b, const char *s);

/* Inline: these two are on every record's output path. */
static inline void buf_add(struct buf *b, const void *data, size_t len)
{
	if (b->len + len + 1 > b->cap)
		buf_grow(b, len);
	if (len)
		memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

static inline void buf_addc(struct buf *b, char c)
{
	if (b->len + 2 > b->cap)
		buf_grow(b, 1);
	b->data[b->len++] = c;
	b->data[b->len] = '\0';
}
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Returns the contents as a C string ("" for an empty buffer); borrowed. */
const char *buf_cstr(const struct buf *b);
/* Hands the contents to the caller (free() it) and empties the buffer. */
char *buf_detach(struct buf *b);

#endif
