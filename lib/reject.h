/* SPDX-License-Identifier: MIT */
/* The reject file: input a stage could not process, appended whole, so that
 * nothing is lost and it can be fixed and fed again. A line or row already
 * in the file is not appended again, so a re-run over the same bad input
 * does not grow it. CSV reject files carry the input's header and a reason
 * column. */
#ifndef BIRDDOG_REJECT_H
#define BIRDDOG_REJECT_H

#include <stddef.h>
#include <stdio.h>

struct reject;

/* path is copied; the file (and its directory) is created on first write.
 * NULL path: a reject that keeps nothing (a preview). */
struct reject *reject_new(const char *path);
/* Makes r a CSV reject file for rows of this header (copied): a new file
 * starts with the header and a "reason" column. */
void reject_set_header(struct reject *r, char *const *fields, const size_t *lens, size_t n);

/* Appends data (an NDJSON line, or a CSV row as read) and a newline, unless
 * the file has that line already. Returns 0, or -1 with errno set. */
int reject_write(struct reject *r, const char *data, size_t len);
/* Appends a CSV row's fields and the reason as one RFC 4180 record (a row
 * shorter than the header filled out with empty fields, so that the reason
 * is in the reason column), unless the file has that row already. Returns
 * 0, or -1 with errno set. */
int reject_write_row(struct reject *r, char *const *fields, const size_t *lens, size_t n,
		     const char *reason);
/* The open stream (opening it if needed), for copying long lines, which
 * are not checked for repeats; NULL on error. */
FILE *reject_stream(struct reject *r);
const char *reject_path(const struct reject *r);
/* Closes and frees; returns 0, or -1 when the file could not be written. */
int reject_free(struct reject *r);

#endif
