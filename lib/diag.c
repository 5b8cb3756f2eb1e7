/* SPDX-License-Identifier: MIT */
/* Diagnostics on stderr in the form "prog: file:line: message". */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

static const char *prog_name = "birddog";

void diag_init(char **argv)
{
	char *slash = strrchr(argv[0], '/');
	if (slash)
		argv[0] = slash + 1;
	prog_name = argv[0];
}

const char *diag_prog(void)
{
	return prog_name;
}

void diag_verror_at(const char *file, long line, const char *fmt, va_list ap)
{
	/* Built in one buffer so that concurrent stages do not interleave. */
	char msg[4096];
	int n = 0;
	if (file && line > 0)
		n = snprintf(msg, sizeof msg, "%s: %s:%ld: ", prog_name, file, line);
	else if (file)
		n = snprintf(msg, sizeof msg, "%s: %s: ", prog_name, file);
	else
		n = snprintf(msg, sizeof msg, "%s: ", prog_name);
	if (n < 0 || (size_t)n >= sizeof msg)
		n = 0;
	vsnprintf(msg + n, sizeof msg - (size_t)n, fmt, ap);
	fprintf(stderr, "%s\n", msg);
}

void diag_error_at(const char *file, long line, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_verror_at(file, line, fmt, ap);
	va_end(ap);
}

void diag_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_verror_at(NULL, 0, fmt, ap);
	va_end(ap);
}

void diag_die(int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_verror_at(NULL, 0, fmt, ap);
	va_end(ap);
	exit(status);
}

void diag_usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_verror_at(NULL, 0, fmt, ap);
	va_end(ap);
	fprintf(stderr, "try '%s --help'\n", prog_name);
	exit(EX_USAGE);
}
