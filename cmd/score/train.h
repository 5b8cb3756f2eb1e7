/* SPDX-License-Identifier: MIT */
/* score train: a valuation model from enriched sold records, written as a
 * bundle and registered in the tenant's model registry. */
#ifndef BIRDDOG_TRAIN_H
#define BIRDDOG_TRAIN_H

#include "cli.h"

struct train_opts {
	const struct cli_common *common;
	const char *spec;          /* NULL: CONFIGDIR/avm-spec.json, else the installed one */
	int folds;
	unsigned seed;
	int threads;               /* 0: every CPU */
	const char *out;           /* -o: a copy of the bundle, or NULL */
	char *const *files;
	int nfiles;
};

/* Runs it; the exit status. */
int train_run(const struct train_opts *o);

#endif
