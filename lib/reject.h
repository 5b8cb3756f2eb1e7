/* SPDX-License-Identifier: MIT */
/* The reject file: input a stage could not process, appended whole, so that
 * nothing is lost and it can be fixed and fed again. */
#ifndef BIRDDOG_REJECT_H
#define BIRDDOG_REJECT_H

#include <stddef.h>
#include <stdio.h>

struct reject;

/* path is copied; the file (and its directory) is created on first write. */
struct reject *reject_new(const char *path);
/* Appends data and a newline. Returns 0, or -1 with errno set. */
int reject_write(struct reject *r, const char *data, size_t len);
/* The open stream (opening it if needed), for copying long lines; NULL on error. */
FILE *reject_stream(struct reject *r);
const char *reject_path(const struct reject *r);
/* Closes and frees; returns 0, or -1 when the file could not be written. */
int reject_free(struct reject *r);

#endif
