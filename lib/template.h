/* SPDX-License-Identifier: MIT */
/* Mustache templates rendered against jansson data, following the Mustache
 * spec v1.3 (interpolation, sections, inverted, comments, partials, set
 * delimiters; no lambdas, no optional modules). */
#ifndef BIRDDOG_TEMPLATE_H
#define BIRDDOG_TEMPLATE_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

/* A parsed template; immutable once parsed, so one may be rendered many
 * times (and from several threads at once). */
struct template;

/*
 * Loads partial `name` into out; returns 0, or -1 when there is no such
 * partial (it then renders as empty, per spec).  The engine passes the name
 * exactly as written in the template ("{{> ../../etc/passwd }}" arrives as
 * "../../etc/passwd"): the callback must validate it before touching files.
 * out is owned by the engine; the callback only appends to it.
 */
typedef int (*template_partial_fn)(void *ctx, const char *name, struct buf *out);

/* Parses src (len bytes, copied); on a syntax error returns NULL and appends
 * "line N: message" to err (if not NULL).  The caller owns the result and
 * frees it with template_free(). */
struct template *template_parse(const char *src, size_t len, struct buf *err);

/* Renders t with data (borrowed) as the root context, appending to out.
 * partial may be NULL (every partial is then empty).  Returns 0, or -1 with
 * a message appended to err (if not NULL): a partial that fails to parse, or
 * partials nested deeper than TEMPLATE_MAX_DEPTH.  On error out holds
 * partial output. */
int template_render(const struct template *t, json_t *data,
		    template_partial_fn partial, void *partial_ctx,
		    struct buf *out, struct buf *err);

#define TEMPLATE_MAX_DEPTH 32

/* Frees t and everything it owns; NULL is fine. */
void template_free(struct template *t);

/* Reads and parses the file at path; NULL with "path: line N: message" or
 * "path: <strerror>" appended to err on failure.  The caller owns the result. */
struct template *template_load_file(const char *path, struct buf *err);

/* Appends s (len bytes) to out with & < > " ' replaced by HTML entities. */
void template_escape_html(struct buf *out, const char *s, size_t len);

#endif
