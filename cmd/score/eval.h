/* SPDX-License-Identifier: MIT */
/* score eval: an assessor's ratio study of a model on sold records,
 * overall and per ZIP code with enough sales. */
#ifndef BIRDDOG_EVAL_H
#define BIRDDOG_EVAL_H

#include "avm.h"
#include "cli.h"

#define EVAL_ZIP_MIN 30

/* Values the sold records of files with a, then writes the study to
 * stdout: a table, or NDJSON with json. The exit status. */
int eval_run(const struct cli_common *c, struct avm *a, char *const *files, int nfiles,
	     int json, long now);

#endif
