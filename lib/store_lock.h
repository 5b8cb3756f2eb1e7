/* SPDX-License-Identifier: MIT */
/* Which process holds a SQLite database's lock, for an error message an
 * operator can act on (SQLite's unix VFS locks with fcntl(2) byte ranges). */
#ifndef BIRDDOG_STORE_LOCK_H
#define BIRDDOG_STORE_LOCK_H

#include <sys/types.h>

#include "buf.h"

/* The pid of a process holding the write lock of the database at path (in
 * WAL mode, a byte of its -shm file; otherwise its reserved or pending
 * lock), or 0 when none is seen. */
pid_t store_lock_holder(const char *path);

/* Appends "process PID (NAME) holds its write lock", or "another
 * connection holds its lock" when no holder is seen, to out. */
void store_lock_describe(const char *path, struct buf *out);

#endif
