/* SPDX-License-Identifier: MIT */
/* The holder of a SQLite lock, by asking the kernel (F_GETLK) about the
 * byte ranges SQLite's unix VFS locks (see sqlite3's os_unix.c and wal.c). */
#include "store_lock.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* WAL_WRITE_LOCK: the first lock byte of the -shm file, at 120. */
#define SHM_WRITE_LOCK 120
/* The main file's PENDING_BYTE, then RESERVED_BYTE. */
#define PENDING_BYTE 0x40000000L

/* The pid holding a lock that conflicts with a write lock on
 * [start, start + len) of path, or 0. */
static pid_t holder(const char *path, off_t start, off_t len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return 0;
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = start, .l_len = len };
	pid_t pid = 0;
	if (fcntl(fd, F_GETLK, &fl) == 0 && fl.l_type != F_UNLCK && fl.l_pid > 0)
		pid = fl.l_pid;
	close(fd);
	return pid;
}

pid_t store_lock_holder(const char *path)
{
	char shm[4096];
	if (snprintf(shm, sizeof shm, "%s-shm", path) >= (int)sizeof shm)
		return 0;
	pid_t pid = holder(shm, SHM_WRITE_LOCK, 1);
	return pid ? pid : holder(path, PENDING_BYTE, 2);
}

void store_lock_describe(const char *path, struct buf *out)
{
	pid_t pid = store_lock_holder(path);
	if (!pid) {
		buf_adds(out, "another connection holds its lock");
		return;
	}
	char comm_path[64], name[64] = "";
	snprintf(comm_path, sizeof comm_path, "/proc/%ld/comm", (long)pid);
	FILE *f = fopen(comm_path, "re");
	if (f) {
		if (!fgets(name, sizeof name, f))
			name[0] = '\0';
		fclose(f);
		name[strcspn(name, "\n")] = '\0';
	}
	for (char *c = name; *c; c++)   /* a process names itself: keep it printable */
		if ((unsigned char)*c < 0x20 || *c == 0x7f)
			*c = '?';
	buf_printf(out, "process %ld%s%s%s holds its write lock", (long)pid,
		   name[0] ? " (" : "", name, name[0] ? ")" : "");
}
