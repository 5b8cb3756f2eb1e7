/* SPDX-License-Identifier: MIT */
/* A ratio study (ratio_study.h) as score writes it: JSON for bundles, the
 * registry and score eval --json, and one line of a table. */
#ifndef BIRDDOG_STUDY_JSON_H
#define BIRDDOG_STUDY_JSON_H

#include <jansson.h>

#include "buf.h"
#include "ratio_study.h"

/* {"n","mdape_pct","within10_pct","within20_pct","median_ratio","cod","prd",
 *  "prb","prb_low","prb_high"}, rounded for reading; NANs left out. */
json_t *study_json(const struct ratio_study *rs);
/* The table's heading and one row, with a first column of width w. */
void study_heading(struct buf *out, const char *first, int w);
void study_row(struct buf *out, const char *first, int w, const struct ratio_study *rs);

#endif
