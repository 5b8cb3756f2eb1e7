/* SPDX-License-Identifier: MIT */
/* Replacing a file atomically: a temporary file in the same directory,
 * written, then renamed over the target (POSIX rename(2)); durability comes
 * in groups from file_sync_dir. */
#ifndef BIRDDOG_FILE_REPLACE_H
#define BIRDDOG_FILE_REPLACE_H

#include <stddef.h>

#include "buf.h"

/* Writes len bytes of data to path, which readers see either whole or not
 * at all. 0, or -1 with "cannot write 'path': reason" in err; the temporary
 * ".NAME.XXXXXX" is removed on failure. */
int file_replace(const char *path, const void *data, size_t len, struct buf *err);

/* Makes every file written and renamed so far in dir's file system durable
 * (one syncfs(2) for a whole batch instead of fsyncs per file).
 * 0 or -1 with the reason in err. */
int file_sync_dir(const char *dir, struct buf *err);

/* 1 when path names an existing regular file. */
int file_exists(const char *path);

#endif
