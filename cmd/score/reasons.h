/* SPDX-License-Identifier: MIT */
/* The valuation's reasons in dollars, from the trees' per-feature
 * contributions (TreeSHAP, in log dollars) and the model's other terms.
 *
 * The estimate E is exp(center + slope * (z + sum of d_i - center)), where
 * z is the value of a typical house (the trees' bias plus the log of the
 * median living area) and the d_i are: each feature's contribution, the
 * record's own living area against the median (added to the living area's
 * feature), and the neighbourhood correction. The baseline B is the same
 * with no d_i. Each term's effect in dollars is
 *     effect_i = L(E, B) * slope * d_i,   L(E, B) = (E - B) / (ln E - ln B)
 * (L is the logarithmic mean; L(E, E) = E), so the effects add up to E - B
 * exactly, whatever their signs: the log-mean Divisia decomposition of
 * index-number analysis. Features sharing a label are one reason. */
#ifndef BIRDDOG_REASONS_H
#define BIRDDOG_REASONS_H

#include <jansson.h>

#include "avm.h"
#include "record.h"

/* One record's terms: contributions[p + 1] (the last is the bias), its
 * offset and neighbourhood correction. */
struct reason_terms {
	const double *contrib;
	double offset, nearby;
};

/* The baseline B of a record (its contributions' bias). */
double reasons_baseline(const struct avm *a, const struct reason_terms *t);

/* The "reasons" array: up to max reasons, largest effect first, then one
 * "other" reason with the rest, so that baseline + effects = estimate
 * (whole dollars, the rounding put on the largest). estimate is the
 * record's E. */
json_t *reasons_json(const struct avm *a, struct record *rec, const struct reason_terms *t,
		     double estimate, int max);

#endif
