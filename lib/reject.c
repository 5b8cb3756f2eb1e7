/* SPDX-License-Identifier: MIT */
/* The reject file: input a stage could not process, appended whole. */
#include "reject.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "paths.h"
#include "xalloc.h"

struct reject {
	char *path;
	FILE *fp;
};

struct reject *reject_new(const char *path)
{
	struct reject *r = xcalloc(1, sizeof *r);
	r->path = xstrdup(path);
	return r;
}

FILE *reject_stream(struct reject *r)
{
	if (!r->fp) {
		if (paths_mkdirs_for(r->path, 0777) < 0)
			return NULL;
		/* O_NOFOLLOW: rejected input never lands where a planted link points. */
		int fd = open(r->path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0666);
		r->fp = fd < 0 ? NULL : fdopen(fd, "a");
		if (fd >= 0 && !r->fp)
			close(fd);
	}
	return r->fp;
}

int reject_write(struct reject *r, const char *data, size_t len)
{
	FILE *fp = reject_stream(r);
	if (!fp)
		return -1;
	if (fwrite(data, 1, len, fp) != len || putc('\n', fp) == EOF || fflush(fp) == EOF)
		return -1;
	return 0;
}

const char *reject_path(const struct reject *r)
{
	return r->path;
}

int reject_free(struct reject *r)
{
	if (!r)
		return 0;
	int rc = 0;
	if (r->fp && fclose(r->fp) == EOF)
		rc = -1;
	free(r->path);
	free(r);
	return rc;
}
