/* SPDX-License-Identifier: MIT */
/* Delivery into a Maildir (the qmail maildir(5) layout): each message is
 * written and fsync'd under tmp/, then renamed into new/ under a unique name. */
#ifndef BIRDDOG_MAILDIR_H
#define BIRDDOG_MAILDIR_H

#include <stddef.h>

#include "buf.h"

struct maildir;

/* Creates dir with tmp/, new/ and cur/ when missing. dir is copied. NULL
 * with a message in err when it cannot be made. */
struct maildir *maildir_open(const char *dir, struct buf *err);
void maildir_close(struct maildir *m);

/* Delivers len bytes. Appends the file's path under new/ to path (when not
 * NULL). 0, or -1 with a message in err (the temporary file is removed). */
int maildir_deliver(struct maildir *m, const char *data, size_t len, struct buf *path,
		    struct buf *err);

#endif
