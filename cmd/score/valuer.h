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

/* A valuer over a (borrowed) for the stage: min is --min, reasons the
 * most reasons a record shows (0: none, and no contributions computed),
 * deal the tenant's assumptions (copied), now a day number. */
struct valuer *valuer_new(struct avm *a, int min, int reasons,
			  const struct deal_assumptions *deal, long now);
void valuer_free(struct valuer *v);

/* Sets st's callbacks, batch size and context to v. */
void valuer_attach(struct valuer *v, struct stage *st);

#endif
