/* SPDX-License-Identifier: MIT */
/* Whole-file reads and whole-buffer writes, retried on EINTR and short writes. */
#include "fileio.h"

#include <errno.h>
#include <stdio.h>
#include <unistd.h>

int fileio_read(const char *path, struct buf *out)
{
	FILE *f = fopen(path, "rbe");
	if (!f)
		return -1;
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(out, chunk, n);
	int bad = ferror(f), saved = errno;
	fclose(f);
	errno = bad ? (saved ? saved : EIO) : 0;
	return bad ? -1 : 0;
}

int fileio_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}
