/* SPDX-License-Identifier: MIT */
/* Headless Chromium as a child process (see render.h): --dump-dom writes
 * the rendered document on its standard output. */
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "paths.h"
#include "source.h"
#include "xalloc.h"

extern char **environ;

static int executable(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISREG(sb.st_mode) && access(path, X_OK) == 0;
}

/* name found on PATH, or NULL. */
static char *on_path(const char *name)
{
	const char *path = getenv("PATH");
	for (const char *p = path; p && *p;) {
		size_t n = strcspn(p, ":");
		char *dir = xstrndup(p, n);
		char *full = paths_join(*dir ? dir : ".", name);
		free(dir);
		if (executable(full))
			return full;
		free(full);
		p += n + (p[n] == ':');
	}
	return NULL;
}

char *render_browser(struct buf *err)
{
	static const char *const names[] = { "chromium", "chromium-browser", "google-chrome" };
	const char *own = getenv("BIRDDOG_CHROMIUM");
	if (own && *own) {
		if (executable(own))
			return xstrdup(own);
		buf_printf(err, "$BIRDDOG_CHROMIUM names '%s', which is not an executable file", own);
		return NULL;
	}
	for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
		char *found = on_path(names[i]);
		if (found)
			return found;
	}
	buf_adds(err, "this source has \"render\": true, which needs headless Chromium, and none "
		      "is installed: install Debian's chromium (apt-get install chromium) or set "
		      "$BIRDDOG_CHROMIUM to a Chromium or Chrome executable");
	return NULL;
}

/* --host-resolver-rules: the source's hosts resolve, every other fails, so
 * the page's scripts fetch nothing from elsewhere. */
static char *resolver_rules(const struct source *s)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, "--host-resolver-rules=MAP * ~NOTFOUND");
	for (size_t i = 0; i < s->nhosts; i++) {
		size_t n = strcspn(s->hosts[i], ":");
		if (s->hosts[i][0] == '[')
			n = strcspn(s->hosts[i], "]") + 1;
		buf_printf(&b, ", EXCLUDE %.*s", (int)n, s->hosts[i]);
	}
	return buf_detach(&b);
}


/* Reads the child's output until it ends or the time is up; 0 or -1. */
static int collect(int fd, pid_t pid, double deadline, struct buf *out, size_t max)
{
	char chunk[65536];
	for (;;) {
		int ms = (int)((deadline - clock_mono()) * 1000);
		if (ms <= 0)
			return -1;
		struct pollfd p = { fd, POLLIN, 0 };
		int rc = poll(&p, 1, ms);
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0)
			return -1;
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return 0;
		if (out->len + (size_t)n > max) {
			kill(-pid, SIGKILL);
			return -1;
		}
		buf_add(out, chunk, (size_t)n);
	}
}

int render_page(const char *browser, const struct source *s, const char *url, struct buf *out,
		struct buf *err)
{
	char profile[] = "/tmp/birddog-chromium.XXXXXX";
	if (!mkdtemp(profile)) {
		buf_printf(err, "cannot make a browser profile directory: %s", strerror(errno));
		return -1;
	}
	struct buf ua = BUF_INIT, dir = BUF_INIT, budget = BUF_INIT;
	buf_printf(&ua, "--user-agent=%s", s->user_agent);
	buf_printf(&dir, "--user-data-dir=%s", profile);
	buf_printf(&budget, "--virtual-time-budget=%ld", s->http.timeout_ms / 2);
	char *rules = resolver_rules(s);
	const char *argv[20] = { browser, "--headless", "--disable-gpu", "--no-first-run",
				 "--no-default-browser-check", "--disable-extensions", "--mute-audio",
				 "--disable-dev-shm-usage", ua.data, dir.data, rules, budget.data,
				 "--dump-dom" };
	size_t argc = 13;
	if (getuid() == 0)
		argv[argc++] = "--no-sandbox";   /* Chromium will not sandbox as root */
	argv[argc++] = url;
	argv[argc] = NULL;
	int pipefd[2] = { -1, -1 }, rc = -1;
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	pid_t pid = 0;
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setpgroup(&attr, 0);    /* its helpers die with it */
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	if (pipe(pipefd) < 0) {
		buf_printf(err, "cannot run the browser: %s", strerror(errno));
		goto done;
	}
	fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addclose(&fa, pipefd[1]);
	int e = posix_spawn(&pid, browser, &fa, &attr, (char *const *)argv, environ);
	close(pipefd[1]);
	if (e) {
		buf_printf(err, "cannot run %s: %s", browser, strerror(e));
		goto done;
	}
	double deadline = clock_mono() + (double)s->http.timeout_ms / 1000 + 5;
	rc = collect(pipefd[0], pid, deadline, out, s->http.max_bytes);
	int status = 0;
	if (rc < 0) {
		kill(-pid, SIGKILL);
		buf_printf(err, "the browser did not render the page within %ld s (limits.timeout)",
			   s->http.timeout_ms / 1000 + 5);
	}
	waitpid(pid, &status, 0);
	if (rc == 0 && (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || !out->len)) {
		buf_printf(err, "the browser failed to render the page (status %d)",
			   WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		rc = -1;
	}
done:
	if (pipefd[0] >= 0)
		close(pipefd[0]);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	paths_remove_tree(profile);   /* Chromium fills its profile with caches */
	buf_release(&ua);
	buf_release(&dir);
	buf_release(&budget);
	free(rules);
	return rc;
}
