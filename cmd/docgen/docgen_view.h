/* SPDX-License-Identifier: MIT */
/* The data docgen's templates see: the record's top-level values the
 * templates name (borrowed, not copied; owner without its name unless the
 * tenant shares it), the tenant, and values made in C (dollar amounts,
 * score reasons, feature list, discount, price cut, equity estimate and its
 * note, the owner's situation, safe listing URL). */
#ifndef BIRDDOG_DOCGEN_VIEW_H
#define BIRDDOG_DOCGEN_VIEW_H

#include <jansson.h>
#include <stddef.h>

#include "clock.h"
#include "record.h"
#include "tenant.h"

/* The marker mailout replaces with each recipient's unsubscribe URL. */
#define DOCGEN_UNSUBSCRIBE_MARKER "%%UNSUBSCRIBE_URL%%"

/* What stays the same for every record of a run. names is borrowed. */
struct docgen_view {
	json_t *tenant;                    /* owned */
	char generated_at[CLOCK_RFC3339_LEN];
	int share_owner_name;              /* tenant.json's: else no owner.name */
	const char *const *names;
	size_t nnames;
};

/* Builds the tenant value from t (tenant.json with company and branding
 * colours filled in) and reads the clock. Call before the record loop. */
void docgen_view_init(struct docgen_view *v, const struct tenant *t,
		      const char *const *names, size_t nnames);
void docgen_view_release(struct docgen_view *v);

/* A new view object for rec (the caller owns it: json_decref before the
 * record is cleared). */
json_t *docgen_view_build(const struct docgen_view *v, struct record *rec);

#endif
