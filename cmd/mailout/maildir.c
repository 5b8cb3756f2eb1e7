/* SPDX-License-Identifier: MIT */
/* Maildir delivery (maildir(5), cr.yp.to/proto/maildir.html): write to
 * tmp/ under a name no other process can pick, fsync, rename into new/. */
#include "maildir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fileio.h"
#include "paths.h"
#include "xalloc.h"

struct maildir {
	char *dir;
	int tmp, new;          /* the tmp/ and new/ directories, opened */
	char *host;            /* gethostname with '/' and ':' escaped, as the spec asks */
	unsigned long count;   /* deliveries by this process: the Q part of names */
};

static char *host_name(void)
{
	char h[256] = "localhost";
	struct buf b = BUF_INIT;
	if (gethostname(h, sizeof h - 1) < 0 || !h[0])
		strcpy(h, "localhost");
	h[sizeof h - 1] = '\0';
	for (const char *p = h; *p; p++) {
		if (*p == '/')
			buf_adds(&b, "\\057");
		else if (*p == ':')
			buf_adds(&b, "\\072");
		else
			buf_addc(&b, *p);
	}
	return buf_detach(&b);
}

/* Opens dir/sub, creating it when missing; a symbolic link is refused, so
 * that messages never land where a link points. fd or -1 with err set. */
static int open_sub(int dirfd, const char *dir, const char *sub, struct buf *err)
{
	if (mkdirat(dirfd, sub, 0700) < 0 && errno != EEXIST) {
		buf_printf(err, "cannot create '%s/%s': %s", dir, sub, strerror(errno));
		return -1;
	}
	int fd = openat(dirfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		buf_printf(err, "cannot open the Maildir directory '%s/%s': %s", dir, sub,
			   errno == ELOOP || errno == ENOTDIR ? "not a directory (a symbolic "
			   "link is not followed)" : strerror(errno));
	return fd;
}

struct maildir *maildir_open(const char *dir, struct buf *err)
{
	if (paths_mkdirs(dir, 0700) < 0) {
		buf_printf(err, "cannot create the Maildir '%s': %s", dir, strerror(errno));
		return NULL;
	}
	int root = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (root < 0) {
		buf_printf(err, "cannot open the Maildir '%s': %s", dir, errno == ELOOP ||
			   errno == ENOTDIR ? "not a directory (a symbolic link is not followed)"
			   : strerror(errno));
		return NULL;
	}
	int tmp = open_sub(root, dir, "tmp", err);
	int new = tmp < 0 ? -1 : open_sub(root, dir, "new", err);
	int cur = new < 0 ? -1 : open_sub(root, dir, "cur", err);
	close(root);
	if (cur < 0) {
		if (tmp >= 0)
			close(tmp);
		if (new >= 0)
			close(new);
		return NULL;
	}
	close(cur);
	struct maildir *m = xcalloc(1, sizeof *m);
	m->dir = xstrdup(dir);
	m->tmp = tmp;
	m->new = new;
	m->host = host_name();
	return m;
}

void maildir_close(struct maildir *m)
{
	if (!m)
		return;
	close(m->tmp);
	close(m->new);
	free(m->dir);
	free(m->host);
	free(m);
}

/* Creates tmp/NAME exclusively; the name goes into name. fd or -1. */
static int create_tmp(struct maildir *m, struct buf *name, struct buf *tmp)
{
	for (int tries = 0; tries < 10; tries++) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		buf_reset(name);
		buf_printf(name, "%lld.M%ldP%ldQ%lu.%s", (long long)ts.tv_sec, ts.tv_nsec / 1000,
			   (long)getpid(), ++m->count, m->host);
		buf_reset(tmp);
		buf_printf(tmp, "%s/tmp/%s", m->dir, name->data);
		int fd = openat(m->tmp, name->data, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
				0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

int maildir_deliver(struct maildir *m, const char *data, size_t len, struct buf *path,
		    struct buf *err)
{
	struct buf name = BUF_INIT, tmp = BUF_INIT, dst = BUF_INIT;
	int rc = -1;
	int fd = create_tmp(m, &name, &tmp);
	if (fd < 0) {
		buf_printf(err, "cannot create a file in '%s/tmp': %s", m->dir, strerror(errno));
		goto out;
	}
	int bad = fileio_write_all(fd, data, len) < 0 || fsync(fd) < 0;
	int saved = errno;
	if (close(fd) < 0 && !bad)
		bad = 1, saved = errno;
	buf_printf(&dst, "%s/new/%s", m->dir, name.data);
	if (!bad && renameat(m->tmp, name.data, m->new, name.data) < 0)
		bad = 1, saved = errno;
	if (bad) {
		buf_printf(err, "cannot write '%s': %s", tmp.data, strerror(saved));
		unlinkat(m->tmp, name.data, 0);
		goto out;
	}
	if (path)
		buf_add(path, dst.data, dst.len);
	rc = 0;
out:
	buf_release(&name);
	buf_release(&tmp);
	buf_release(&dst);
	return rc;
}
