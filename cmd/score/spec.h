/* SPDX-License-Identifier: MIT */
/* The feature spec of score's valuation model: which record values become
 * which model inputs, and how (numeric, log, age, date parts, category
 * codes, missing, rotated coordinates). A spec is written by a user (or
 * the shipped default), then frozen on the training data: category codes,
 * the county's extra columns, centres and medians are fixed into it, so
 * the bundle predicts from exactly the inputs it was trained on. */
#ifndef BIRDDOG_SPEC_H
#define BIRDDOG_SPEC_H

#include <jansson.h>
#include <stddef.h>

#include "buf.h"
#include "record.h"

enum feature_transform {
	FT_NUMERIC, FT_LOG, FT_AGE, FT_DATE, FT_YEAR, FT_MONTH, FT_CATEGORY, FT_MISSING,
	FT_ROTATE,
};

struct feature {
	char *name, *label;
	char *path, *path2;       /* path2: the longitude of a rotation, or the
				   * column of an extra one */
	int extra;                /* the value is the extra object's path2 member */
	enum feature_transform transform;
	int strict;               /* a value that is not a number rejects the record */
	double degrees;           /* rotation */
	double lat0, lon0;        /* rotation: the centre, frozen */
	double kx, ct, st;        /* rotation: cos(lat0), cos and sin of degrees */
	char **levels;            /* category codes: level i is code i, frozen */
	size_t nlevels;
	size_t *sorted;           /* the codes in the levels' byte order, for look-ups */
};

struct spec {
	int log_ppsf;             /* target ln(price / sqft), else ln(price) */
	struct feature *f;
	size_t n;
	int extra_numeric, extra_categories;
	double extra_min_share;
	double median_sqft;       /* frozen: the offset when a record has no sqft */
	int frozen;
	int skip_empty;           /* leave out features no training record has */
	char *where;              /* the file it came from, for messages */
};

/* Reads a spec (a user's, or a frozen one from a bundle). NULL with
 * "where: ..." in err. Free with spec_free. */
struct spec *spec_from_json(json_t *j, const char *where, struct buf *err);
void spec_free(struct spec *s);
/* The spec as JSON (a frozen one with its levels and centres). */
json_t *spec_to_json(const struct spec *s);

/* What a record is valued as of: its sale_date, else market.as_of, else
 * now; a day number (daynum.h). */
long spec_as_of(struct record *rec, long now);

/* The model inputs of rec into row[s->n] (NAN for missing), and the offset
 * (ln sqft, or ln of the median when unknown, for a log_ppsf target; 0
 * otherwise). 0, or -1 with why ("'beds' is not a number ('three')") when
 * a strict feature's value is not a number. */
int spec_row(const struct spec *s, struct record *rec, long now, float *row, double *offset,
	     struct buf *why);

/* A feature's input value as shown in a reason: the record's own value
 * (borrowed), or NULL. */
json_t *spec_value(const struct feature *f, struct record *rec);

/* Freezing, on the training records, in two steps: spec_learn once per
 * training record (with its log target), then spec_freeze. */
struct spec_learner;
struct spec_learner *spec_learner_new(struct spec *s);
void spec_learn(struct spec_learner *l, struct record *rec, double log_price);
/* Fixes levels, extra columns, centres and the median sqft into s; says
 * on stderr (unless quiet) which extra columns it took. A feature no
 * training record has a value for is left out with a note when the spec
 * says "skip_empty" (the shipped default does: not every county has
 * every value), else it is an error: -1 with "feature 'x' reads 'path',
 * which no training record has" in err. Frees l. */
int spec_freeze(struct spec_learner *l, int quiet, struct buf *err);

#endif
