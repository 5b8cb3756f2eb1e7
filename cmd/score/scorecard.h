/* SPDX-License-Identifier: MIT */
/* A transparent scorecard: each rule maps one record value to points, the
 * sum over a base is clamped to 0-100, and every rule's points are shown. */
#ifndef BIRDDOG_SCORECARD_H
#define BIRDDOG_SCORECARD_H

#include <jansson.h>

#include "buf.h"
#include "record.h"

struct scorecard;

/* Loads and checks a scorecard file; NULL with "path: ..." in err. Free with scorecard_free. */
struct scorecard *scorecard_load(const char *path, struct buf *err);
void scorecard_free(struct scorecard *sc);

/* Scores rec. Returns a new "score" object (the caller owns it):
 * {"value":N,"model":"...","reasons":[{"feature","value","points","why"}]},
 * reasons for every rule that gave points (so its "why" holds for rec),
 * largest effect first.
 * Not reentrant: sc keeps the reasons of the record being scored. */
json_t *scorecard_apply(struct scorecard *sc, struct record *rec, int *value);

#endif
