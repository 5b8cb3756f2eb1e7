/* SPDX-License-Identifier: MIT */
/* score with a model: the batched stage that values each record (the
 * trees predict a whole batch at once), scores the deal, explains the
 * records it writes, and adds the deal maths. */
#ifndef BIRDDOG_VALUER_H
#define BIRDDOG_VALUER_H

#include "avm.h"
#include "deal.h"
#include "stage.h"

#define VALUER_BATCH 4096

struct valuer;

struct valuer_opts {
	int min;                  /* --min */
	int reasons;              /* the most reasons a record shows; 0: none */
	int explain;              /* add valuation.explain: the model's inputs and terms */
	struct deal_assumptions deal;
	long now;                 /* a day number */
};

/* A valuer over a (borrowed) for the stage. Contributions are computed
 * only for records that will be written and need them. */
struct valuer *valuer_new(struct avm *a, const struct valuer_opts *o);
void valuer_free(struct valuer *v);

/* Sets st's callbacks, batch size and context to v. */
void valuer_attach(struct valuer *v, struct stage *st);

#endif
