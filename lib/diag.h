/* SPDX-License-Identifier: MIT */
/* Diagnostics on stderr in the form "prog: file:line: message". */
#ifndef BIRDDOG_DIAG_H
#define BIRDDOG_DIAG_H

#include <stdarg.h>

/* Takes the program name from argv[0] (borrowed: argv lives as long as the
 * program) and shortens argv[0] to it, so getopt's own messages say
 * "score: ..." rather than "./build/bin/score: ...". */
void diag_init(char **argv);
const char *diag_prog(void);

/* "prog: message" */
void diag_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "prog: file:line: message"; line <= 0 prints just "prog: file: message". */
void diag_error_at(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_verror_at(const char *file, long line, const char *fmt, va_list ap);
/* Prints "prog: message" and exits with status. */
_Noreturn void diag_die(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Prints the message and "try 'prog --help'", exits EX_USAGE (64). */
_Noreturn void diag_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
