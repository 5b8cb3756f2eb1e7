/* SPDX-License-Identifier: MIT */
/* Reads newline-delimited JSON lines from files or stdin, under a length cap,
 * keeping file names and line numbers for diagnostics (RFC 8259 + NDJSON). */
#ifndef BIRDDOG_NDJSON_H
#define BIRDDOG_NDJSON_H

#include <stddef.h>
#include <stdio.h>

struct ndjson_reader;

enum ndjson_status {
	NDJSON_LINE,     /* a line, without its LF or CR LF, NUL-terminated */
	NDJSON_TOO_LONG, /* the first max_line bytes of a longer line; see copy_rest */
	NDJSON_EOF,      /* every input is read */
	NDJSON_NOFILE,   /* a file could not be opened; errno is set, reading goes on */
	NDJSON_IOERR,    /* a read failed; errno is set */
	NDJSON_STOP      /* SIGINT or SIGTERM asked to stop (interrupt.h) */
};

/* Reads the named files in turn ("-" is stdin), or stdin when nfiles is 0.
 * files is borrowed and must outlive the reader. */
struct ndjson_reader *ndjson_reader_new(char *const *files, int nfiles, size_t max_line);
void ndjson_reader_free(struct ndjson_reader *r);

/* Calls fn(ctx) before each read that would block (no input is ready), so
 * that a stage flushes its output and commits its state while it waits,
 * not once a line, nor while input keeps coming. */
void ndjson_reader_on_wait(struct ndjson_reader *r, void (*fn)(void *ctx), void *ctx);

/* Next non-blank line. *line is borrowed until the next call. */
enum ndjson_status ndjson_reader_next(struct ndjson_reader *r, const char **line, size_t *len);

/* After NDJSON_TOO_LONG: copies the rest of that line and its newline to to
 * (NULL skips it). Returns 0, or -1 on a read or write error. */
int ndjson_reader_copy_rest(struct ndjson_reader *r, FILE *to);

/* Name ("-" shown as "<stdin>") and line number of the last line returned. */
const char *ndjson_reader_file(const struct ndjson_reader *r);
long ndjson_reader_lineno(const struct ndjson_reader *r);

#define NDJSON_DEFAULT_MAX_LINE (16u << 20)

#endif
