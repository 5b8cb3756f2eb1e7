/* SPDX-License-Identifier: MIT */
/* The parts of loading a source config, for its three files: source.c
 * (common keys), source_rules.c (html) and source_api.c (json, csv).
 * Each returns 0, or -1 with the problem, naming the key, in err. */
#ifndef BIRDDOG_SOURCE_IMPL_H
#define BIRDDOG_SOURCE_IMPL_H

#include <stdarg.h>

#include "source.h"

int source_fail(struct buf *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* An optional non-empty string member, copied into *out. */
int source_string(json_t *o, const char *key, char **out, struct buf *err);
/* An optional number member within [min, max]. */
int source_number(json_t *o, const char *key, double min, double max, double *out,
		  struct buf *err);
/* Every key of o is one of known (NULL-terminated); where prefixes messages. */
int source_known_keys(json_t *o, const char *where, const char *const *known, struct buf *err);
/* A URL or a list of them, normalised, into *out (*n of them). */
int source_urls(json_t *o, const char *key, char ***out, size_t *n, struct buf *err);

int source_load_html(struct source *s, json_t *root, struct buf *err);
void source_free_rules(struct source *s);
int source_load_json(struct source *s, json_t *root, const char *path, struct buf *err);
int source_load_csv(struct source *s, json_t *root, const char *path, struct buf *err);

#endif
