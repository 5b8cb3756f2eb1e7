/* SPDX-License-Identifier: MIT */
/* A growable byte buffer, always NUL-terminated. */
#ifndef BIRDDOG_BUF_H
#define BIRDDOG_BUF_H

#include <stdarg.h>
#include <stddef.h>

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
void buf_add(struct buf *b, const void *data, size_t len);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Returns the contents as a C string ("" for an empty buffer); borrowed. */
const char *buf_cstr(const struct buf *b);
/* Hands the contents to the caller (free() it) and empties the buffer. */
char *buf_detach(struct buf *b);

#endif
