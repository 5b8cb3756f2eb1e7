/* SPDX-License-Identifier: MIT */
/* SIGINT and SIGTERM set a flag and wake a self-pipe (so a wait for input
 * sees them without a race); poll(2) is never restarted after a handler,
 * read(2) and write(2) are (SA_RESTART). */
#include "interrupt.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t asked;
static int wake[2] = { -1, -1 };

static void on_signal(int sig)
{
	int saved = errno;
	if (asked) {
		signal(sig, SIG_DFL);
		raise(sig);
	}
	asked = sig;
	if (wake[1] >= 0 && write(wake[1], "", 1) < 0) {
		/* the pipe is full: it is awake already */
	}
	errno = saved;
}

void interrupt_install(void)
{
	if (wake[0] < 0 && pipe2(wake, O_CLOEXEC | O_NONBLOCK) < 0)
		wake[0] = wake[1] = -1;
	struct sigaction sa = { .sa_handler = on_signal, .sa_flags = SA_RESTART }, old;
	sigemptyset(&sa.sa_mask);
	/* A signal ignored by whoever started us (nohup, "cmd &" in a script)
	 * stays ignored, as the shell's convention is. */
	int sigs[] = { SIGINT, SIGTERM };
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
}

int interrupt_signal(void)
{
	return asked;
}

int interrupt_status(void)
{
	return asked ? 128 + asked : 0;
}

const char *interrupt_name(void)
{
	return asked == SIGINT ? "SIGINT" : asked == SIGTERM ? "SIGTERM" : "a signal";
}

int interrupt_wait_readable(int fd)
{
	if (wake[0] < 0)
		return 1;
	struct pollfd p[2] = { { .fd = fd, .events = POLLIN }, { .fd = wake[0], .events = POLLIN } };
	for (;;) {
		if (asked)
			return 0;
		int n = poll(p, 2, -1);
		if (n < 0 && errno != EINTR)
			return -1;
		if (asked)
			return 0;
		if (n > 0 && p[0].revents)
			return 1;
	}
}
