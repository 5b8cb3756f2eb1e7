/* SPDX-License-Identifier: MIT */
/* Whole-file reads and whole-buffer writes, retried on EINTR and short writes. */
#ifndef BIRDDOG_FILEIO_H
#define BIRDDOG_FILEIO_H

#include <stddef.h>

#include "buf.h"

/* Appends the contents of path to out. 0, or -1 with errno set. */
int fileio_read(const char *path, struct buf *out);
/* Writes all len bytes of data to fd. 0, or -1 with errno set. */
int fileio_write_all(int fd, const void *data, size_t len);

#endif
