/* SPDX-License-Identifier: MIT */
/* SIGINT and SIGTERM as a request to stop at the next safe point: the
 * programs finish or abandon the record in hand, emit and commit what is
 * done, and exit 130 or 143. A second signal ends the program at once. */
#ifndef BIRDDOG_INTERRUPT_H
#define BIRDDOG_INTERRUPT_H

/* Installs the handlers (SA_RESTART: writes in progress are not broken),
 * except for a signal that was ignored when the program started. */
void interrupt_install(void);

/* The signal that asked to stop, or 0. */
int interrupt_signal(void);
/* 128 + that signal (130, 143), or 0. */
int interrupt_status(void);
/* "SIGINT", "SIGTERM" or "a signal"; static. */
const char *interrupt_name(void);

/* Waits until fd has input (or end of file) or a stop is asked for:
 * 1 ready, 0 asked to stop, -1 with errno on error. Without
 * interrupt_install it returns 1 at once. */
int interrupt_wait_readable(int fd);

#endif
