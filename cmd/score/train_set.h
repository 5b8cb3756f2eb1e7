/* SPDX-License-Identifier: MIT */
/* The training records of score train, read in two passes (the spec is
 * frozen on the first, the rows are made on the second) into a matrix and
 * the columns the model and its tuning need. */
#ifndef BIRDDOG_TRAIN_SET_H
#define BIRDDOG_TRAIN_SET_H

#include "booster.h"
#include "buf.h"
#include "cli.h"
#include "digest.h"
#include "spec.h"

struct train_set {
	struct spec *spec;        /* borrowed; frozen by train_set_read */
	struct matrix x;
	float *t;                 /* the target: ln price - offset */
	double *offset;           /* ln sqft (or of the median) for a log_ppsf target, else 0 */
	double *log_price;
	double *lat, *lon;        /* NAN without coordinates */
	long *day;                /* the sale's day number */
	char **zip;               /* the ZIP code, or NULL */
	size_t n;
	unsigned long rejected;
	char sha256[DIGEST_HEX_LEN];  /* of the records' lines, in order */
};

/* Reads the files (stdin when nfiles is 0 or a file is "-": it is spooled
 * to a temporary file for the second pass) into ts. A line that is not a
 * sold record (sale_price above 0, a sale_date) or whose strict feature is
 * not a number goes to the reject file with "FILE:LINE: why" on stderr.
 * Returns 0, or a sysexits status with the
 * message printed: 66 when a file cannot be opened, 65 when no record is
 * left to train on, 78 when the spec reads a path no record has, 74 on I/O. */
int train_set_read(struct train_set *ts, struct spec *spec, const struct cli_common *c,
		   char *const *files, int nfiles, long now);
void train_set_release(struct train_set *ts);

#endif
