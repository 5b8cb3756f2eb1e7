/* SPDX-License-Identifier: MIT */
/* birddog-init's files (see init_file.h). */
#include "init_file.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "paths.h"
#include "xalloc.h"

/* A new temporary file beside path, mode 0644, holding data and synced. */
static char *write_temp(const char *path, const void *data, size_t len, struct buf *err)
{
	struct buf tmp = BUF_INIT;
	buf_printf(&tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp.data);
	if (fd < 0) {
		buf_printf(err, "cannot create a file beside '%s': %s", path, strerror(errno));
		buf_release(&tmp);
		return NULL;
	}
	if (fchmod(fd, 0644) < 0 || fileio_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		buf_printf(err, "cannot write '%s': %s", tmp.data, strerror(errno));
		close(fd);
		unlink(tmp.data);
		buf_release(&tmp);
		return NULL;
	}
	if (close(fd) < 0) {
		buf_printf(err, "cannot write '%s': %s", tmp.data, strerror(errno));
		unlink(tmp.data);
		buf_release(&tmp);
		return NULL;
	}
	return buf_detach(&tmp);
}

int init_file_write(const char *path, const void *data, size_t len, int replace, struct buf *err)
{
	char *tmp = write_temp(path, data, len, err);
	if (!tmp)
		return -1;
	/* link() never replaces: a file made meanwhile is kept, not lost. */
	int rc = replace ? rename(tmp, path) : link(tmp, path);
	int saved = errno;
	if (!replace || rc < 0)
		unlink(tmp);
	free(tmp);
	if (rc < 0 && !replace && saved == EEXIST)
		return 1;
	if (rc < 0) {
		buf_printf(err, "cannot write '%s': %s", path, strerror(saved));
		return -1;
	}
	return 0;
}

/* Copies src to dst unless dst exists: 1 copied, 0 kept, -1 on error. */
static int copy_file(const char *src, const char *dst, struct buf *err)
{
	struct stat sb;
	if (lstat(dst, &sb) == 0)
		return 0;
	struct buf data = BUF_INIT;
	if (fileio_read(src, &data) < 0) {
		buf_printf(err, "cannot read '%s': %s", src, strerror(errno));
		buf_release(&data);
		return -1;
	}
	int rc = init_file_write(dst, data.data ? data.data : "", data.len, 0, err);
	buf_release(&data);
	return rc < 0 ? -1 : rc == 0;
}

/* Copies the regular files of src/ into dst/ (made when missing). */
static int copy_dir(const char *src, const char *dst, struct init_copied *done, struct buf *err)
{
	DIR *d = opendir(src);
	if (!d)
		return buf_printf(err, "cannot read '%s': %s", src, strerror(errno)), -1;
	if (paths_mkdirs(dst, 0777) < 0) {
		buf_printf(err, "cannot create '%s': %s", dst, strerror(errno));
		closedir(d);
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while (rc >= 0 && (e = readdir(d))) {
		char *from = paths_join(src, e->d_name), *to = paths_join(dst, e->d_name);
		struct stat sb;
		if (e->d_name[0] != '.' && stat(from, &sb) == 0 && S_ISREG(sb.st_mode)) {
			rc = copy_file(from, to, err);
			if (rc > 0)
				done->templates++;
			else if (rc == 0)
				done->templates_kept++;
		}
		free(from);
		free(to);
	}
	closedir(d);
	return rc < 0 ? -1 : 0;
}

int init_file_copy_defaults(const char *share, const char *dir, struct init_copied *done,
			    struct buf *err)
{
	memset(done, 0, sizeof *done);
	char *src = paths_join(share, "scorecard.json"), *dst = paths_join(dir, "scorecard.json");
	int rc = copy_file(src, dst, err);
	done->scorecard = rc > 0;
	free(src);
	free(dst);
	if (rc < 0)
		return -1;
	src = paths_join(share, "templates");
	dst = paths_join(dir, "templates");
	rc = copy_dir(src, dst, done, err);
	free(src);
	free(dst);
	return rc;
}
