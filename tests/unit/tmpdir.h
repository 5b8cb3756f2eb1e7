/* SPDX-License-Identifier: MIT */
/* A scratch directory for unit tests that need real files: made by
 * tmpdir_open, files written by tmpdir_write, all removed by tmpdir_close. */
#ifndef BIRDDOG_TMPDIR_H
#define BIRDDOG_TMPDIR_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "paths.h"

static char tmpdir_path[] = "/tmp/birddog-unit-XXXXXX";

static inline int tmpdir_open(void)
{
	return mkdtemp(tmpdir_path) ? 0 : -1;
}

/* Writes data to a file named name in the directory; the caller frees the path. */
static inline char *tmpdir_write(const char *name, const char *data, size_t len)
{
	char *path = paths_join(tmpdir_path, name);
	FILE *fp = fopen(path, "wb");
	if (fp) {
		fwrite(data, 1, len, fp);
		fclose(fp);
	}
	return path;
}

static inline int tmpdir_remove_one(const char *path, const struct stat *sb, int flag,
				    struct FTW *ftw)
{
	(void)sb, (void)flag, (void)ftw;
	return remove(path);
}

static inline void tmpdir_close(void)
{
	nftw(tmpdir_path, tmpdir_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
