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

struct maildir *maildir_open(const char *dir, struct buf *err)
{
	static const char *const subdirs[] = { "tmp", "new", "cur" };
	for (int i = 0; i < 3; i++) {
		char *d = paths_join(dir, subdirs[i]);
		int rc = paths_mkdirs(d, 0700);
		free(d);
		if (rc < 0) {
			buf_printf(err, "cannot create the Maildir '%s': %s", dir, strerror(errno));
			return NULL;
		}
	}
	struct maildir *m = xcalloc(1, sizeof *m);
	m->dir = xstrdup(dir);
	m->host = host_name();
	return m;
}

void maildir_close(struct maildir *m)
{
	if (!m)
		return;
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
		int fd = open(tmp->data, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
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
	if (!bad && rename(tmp.data, dst.data) < 0)
		bad = 1, saved = errno;
	if (bad) {
		buf_printf(err, "cannot write '%s': %s", tmp.data, strerror(saved));
		unlink(tmp.data);
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
