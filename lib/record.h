/* SPDX-License-Identifier: MIT */
/* One NDJSON record: the line is validated and its top-level keys indexed;
 * values are parsed only when asked for, and output splices the keys a stage
 * sets into the original bytes instead of re-serialising the record. */
#ifndef BIRDDOG_RECORD_H
#define BIRDDOG_RECORD_H

#include <jansson.h>
#include <stdio.h>

#include "buf.h"

struct record;

struct record *record_new(void);
void record_free(struct record *r);

/* Indexes line (borrowed: it must stay unchanged until the next parse).
 * Returns 0, or -1 with a reason ("invalid JSON at column 7: ...") in why. */
int record_parse(struct record *r, const char *line, size_t len, struct buf *why);

/* For a batched stage that comes back to a record it parsed: the parse's
 * index appended to out (about 50 bytes a top-level key), and the same
 * record parsed again from line and that index, without scanning it. The
 * line must be the same bytes; it may have moved. */
void record_index_save(const struct record *r, struct buf *out);
void record_reparse(struct record *r, const char *line, size_t len, const char *index);

/* Drops the values parsed and set since the last parse; the stage driver
 * calls it before the per-record arena is reset. */
void record_clear(struct record *r);

/* The value of a top-level key, parsed on first use; NULL when absent.
 * Borrowed: the record owns it until the next parse. Keys are matched by
 * their decoded text ("\u0070rice" is "price"). */
json_t *record_get(struct record *r, const char *key);
/* Helpers over record_get: NULL / 0 when absent or of another type. */
const char *record_get_string(struct record *r, const char *key);
int record_get_number(struct record *r, const char *key, double *out);

/* A value by dotted path ("features.price_per_sqft"): the top-level key, then
 * object members. Borrowed, like record_get; NULL when any step is absent. */
json_t *record_get_path(struct record *r, const char *path);
/* The number at path (record_get_path), or NAN when absent or not a number. */
double record_path_number(struct record *r, const char *path);

/* The raw text of a top-level value (borrowed), or NULL when absent. */
const char *record_get_raw(struct record *r, const char *key, size_t *len);

/* Sets a top-level key (a plain ASCII name) for output; steals value. */
void record_set(struct record *r, const char *key, json_t *value);

/* Appends the record to out as one line with its newline: the input's bytes,
 * with each set key replaced in place or appended before the final brace. */
void record_write(struct record *r, struct buf *out);

#endif
