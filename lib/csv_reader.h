/* SPDX-License-Identifier: MIT */
/* Reads CSV rows (RFC 4180) one at a time from a file through libcsv, under
 * a row length cap, with the physical line where each row starts; and writes
 * a row back as one CSV record. The first good row is taken as the header:
 * messages about later rows name a field by its column too. */
#ifndef BIRDDOG_CSV_READER_H
#define BIRDDOG_CSV_READER_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"

struct csv_reader;

enum csv_reader_status {
	CSV_READER_ROW,      /* a row: fields, lens, nfields, line */
	CSV_READER_BAD,      /* malformed quoting or a NUL byte: raw bytes, reason */
	CSV_READER_TOO_LONG, /* the first max_row raw bytes; see copy_rest */
	CSV_READER_EOF,
	CSV_READER_IOERR,    /* errno is set */
	CSV_READER_STOP      /* SIGINT or SIGTERM asked to stop (interrupt.h) */
};

/* A row, borrowed from the reader until the next call. */
struct csv_row {
	size_t nfields;
	char **fields;       /* unquoted, each NUL-terminated and holding no NUL */
	size_t *lens;
	long line;           /* physical line (1-based) where the row starts */
	const char *raw;     /* the row's bytes as read, without its line break */
	size_t raw_len;
	const char *reason;  /* with CSV_READER_BAD: "field 2 ('Address') contains
	                      * a NUL byte" (the column name from the header) */
};

/* Opens path ("-" is stdin) and skips a UTF-8 byte-order mark. Line breaks
 * may be CR LF, LF or CR; blank lines are skipped. NULL with errno set. */
struct csv_reader *csv_reader_open(const char *path, size_t max_row);
/* Closes the file (not stdin) and frees the reader. */
void csv_reader_close(struct csv_reader *r);

/* Calls fn(ctx) before a read that would block (pipes and terminals), so that
 * the caller flushes its output and commits its state while it waits. */
void csv_reader_on_wait(struct csv_reader *r, void (*fn)(void *ctx), void *ctx);

enum csv_reader_status csv_reader_next(struct csv_reader *r, struct csv_row *row);

/* After CSV_READER_TOO_LONG: copies the rest of that row and a newline to
 * to (NULL skips it). Returns 0, or -1 on a read or write error. */
int csv_reader_copy_rest(struct csv_reader *r, FILE *to);

/* Appends the fields as one CSV record, without a line break; a field is
 * quoted (with '"' doubled) when it holds ',', '"', CR, LF or edge spaces. */
void csv_format_row(struct buf *out, char *const *fields, const size_t *lens, size_t n);

/* Appends a column name for a message: in single quotes, control bytes as
 * '?', cut after 40 bytes with "...". */
void csv_format_name(struct buf *out, const char *name, size_t len);

/* Checks that no two columns of a header have the same non-empty name (byte
 * for byte), so that a name always means one column; empty names may
 * repeat. 0, or -1 with "columns 3 and 7 are both named 'Price'" in err,
 * naming the first column whose name an earlier one has. */
int csv_header_unique(char *const *header, const size_t *lens, size_t n, struct buf *err);

#endif
