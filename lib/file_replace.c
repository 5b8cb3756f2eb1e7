/* SPDX-License-Identifier: MIT */
/* Atomic file replacement (see file_replace.h): mkstemp(3) beside the target,
 * write, fchmod 0644 less the umask, rename(2); made durable in groups by
 * one syncfs(2) for a batch (docgen: before the packets rows naming them
 * commit; score: before the registry row naming a model). */
#include "file_replace.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"

/* "dir/.name.XXXXXX" for path "dir/name". */
static char *temp_template(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
	struct buf b = BUF_INIT;
	buf_add(&b, path, dirlen);
	buf_printf(&b, ".%s.XXXXXX", path + dirlen);
	return buf_detach(&b);
}

static mode_t file_mode(void)
{
	static mode_t mode = (mode_t)-1;
	if (mode == (mode_t)-1) {
		mode_t mask = umask(0);
		umask(mask);
		mode = 0666 & ~mask;
	}
	return mode;
}

int file_replace(const char *path, const void *data, size_t len, struct buf *err)
{
	char *tmp = temp_template(path);
	int fd = mkstemp(tmp);
	if (fd < 0) {
		buf_printf(err, "cannot write '%s': %s", path, strerror(errno));
		free(tmp);
		return -1;
	}
	int rc = fileio_write_all(fd, data, len) < 0 || fchmod(fd, file_mode()) < 0 ? -1 : 0;
	int saved = errno;
	if (close(fd) < 0 && rc == 0)
		rc = -1, saved = errno;
	if (rc == 0 && rename(tmp, path) < 0)
		rc = -1, saved = errno;
	if (rc < 0) {
		unlink(tmp);
		buf_printf(err, "cannot write '%s': %s", path, strerror(saved));
	}
	free(tmp);
	return rc;
}

int file_sync_dir(const char *dir, struct buf *err)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || syncfs(fd) < 0) {
		buf_printf(err, "cannot sync directory '%s': %s", dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

int file_exists(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode);
}
