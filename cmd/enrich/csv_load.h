/* SPDX-License-Identifier: MIT */
/* The loop of a CSV load (RFC 4180): a header, then rows, each loaded or
 * rejected whole into a CSV reject file (its header and a reason column)
 * with a message; what a row means is the caller's. */
#ifndef BIRDDOG_CSV_LOAD_H
#define BIRDDOG_CSV_LOAD_H

#include <stddef.h>

#include "buf.h"

struct csv_row;
struct reject;

struct csv_load {
	const char *path;               /* "-" is stdin */
	size_t max_row;                 /* 0: 16 MiB */
	struct reject *rej;             /* borrowed: where rejected rows go */
	/* The header: 0, or -1 with why set (the file does not fit; the load
	 * stops with EX_CONFIG). */
	int (*header)(void *ctx, const struct csv_row *row, struct buf *why);
	/* A data row of the header's width: 0 loaded, 1 rejected (why set),
	 * -1 fatal (why set: the load stops with EX_IOERR). */
	int (*row)(void *ctx, const struct csv_row *row, struct buf *why);
	/* Told of each rejected row: the line it starts on and why. */
	void (*report)(void *ctx, const char *path, long line, const char *why);
	void *ctx;
	unsigned long rejected;         /* counted by csv_load_file */
};

/* Reads the file through the callbacks. Returns 0 (even with rejected
 * rows), EX_NOINPUT, EX_CONFIG or EX_IOERR with the message in err. An
 * empty file loads nothing and is no error. */
int csv_load_file(struct csv_load *l, struct buf *err);

/* The column of a header named name, compared without case, or -1. */
int csv_load_column(const struct csv_row *header, const char *name);

#endif
