/* SPDX-License-Identifier: MIT */
/* The rules every stage holds a record to, so that a record one stage
 * passes is never one the next stage rejects (birddog-record(5)). */
#ifndef BIRDDOG_RECORD_RULES_H
#define BIRDDOG_RECORD_RULES_H

#include "record.h"

#define RECORD_ID_MAX 512

/* NULL when rec's common keys hold to the rules, else the reason (static):
 * 'id' a non-empty string of at most RECORD_ID_MAX bytes without control
 * characters; 'price' and 'sale_price' absent, null or a number from 0
 * up; 'address' absent, null or an object. */
const char *record_rules_check(struct record *rec);

#endif
