/* SPDX-License-Identifier: MIT */
/* A record's address normalised (USPS Pub 28) and the county parcel it
 * joins by APN or address key, written as its assessor and owner keys. */
#ifndef BIRDDOG_PARCEL_JOIN_H
#define BIRDDOG_PARCEL_JOIN_H

#include "address.h"
#include "parcel_state.h"
#include "record.h"

/*
 * Replaces rec's address by its normalised form into a (which the caller
 * releases) and joins the parcel (a top-level apn or assessor.apn first,
 * else the address key) into p, setting rec's assessor and owner and
 * *joined to 1. Returns 1 when the address normalised, 0 when the record
 * has none (nothing is joined), -1 on a database error
 * (parcel_state_errmsg). p's strings belong to ps until its next find.
 */
int parcel_join(struct parcel_state *ps, struct record *rec, struct address *a,
		struct parcel *p, int *joined);

#endif
