/* SPDX-License-Identifier: MIT */
/* score's state file, score.db: the tenant's model registry. Each trained
 * model's bundle is kept under DATADIR/models/VERSION.avm; a row names it
 * with its metrics, and at most one row is the active model. */
#ifndef BIRDDOG_REGISTRY_H
#define BIRDDOG_REGISTRY_H

#include <jansson.h>

#include "buf.h"

struct store;
struct store_schema;

extern const struct store_schema registry_schema;

struct registry_entry {
	const char *version, *file, *trained_at, *data_sha256;
	long records;
	const char *metrics;          /* JSON text */
	int active;
};

/* Adds (or, for a version already there, refreshes) a model; when no
 * model is active it becomes the active one and *activated is set. 0, or
 * -1 with a message in err. */
int registry_add(struct store *s, const struct registry_entry *e, int *activated,
		 struct buf *err);
/* Makes version the active model: 0; 1 when there is no such version
 * (err says which are); -1 on a database error. */
int registry_activate(struct store *s, const char *version, struct buf *err);
/* The bundle file of version (NULL: the active model) into *file (the
 * caller frees): 1; 0 when none; -1 on a database error. */
int registry_file(struct store *s, const char *version, char **file, struct buf *err);
/* Calls fn for each model, newest first. 0, or -1. */
int registry_each(struct store *s, void (*fn)(void *ctx, const struct registry_entry *e),
		  void *ctx, struct buf *err);

#endif
