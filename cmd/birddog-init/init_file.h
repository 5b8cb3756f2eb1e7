/* SPDX-License-Identifier: MIT */
/* birddog-init's files: written whole or not at all (a temporary file beside
 * the target, synced, then renamed or linked into place), and the installed
 * defaults copied into a tenant's directory without overwriting anything. */
#ifndef BIRDDOG_INIT_FILE_H
#define BIRDDOG_INIT_FILE_H

#include <stddef.h>

#include "buf.h"

/* Writes data to path, mode 0644: replace 1 renames over an existing file,
 * replace 0 leaves one in place and returns 1. 0 when written; -1 with the
 * reason, naming the file, in err. */
int init_file_write(const char *path, const void *data, size_t len, int replace, struct buf *err);

/* What init_file_copy_defaults did. */
struct init_copied {
	int scorecard;          /* 1 copied, 0 kept (it existed) */
	int templates;          /* template files copied */
	int templates_kept;     /* template files that existed */
};

/* Copies share/scorecard.json and every file of share/templates/ into dir,
 * except those dir already has. 0, or -1 with the reason in err. */
int init_file_copy_defaults(const char *share, const char *dir, struct init_copied *done,
			    struct buf *err);

#endif
