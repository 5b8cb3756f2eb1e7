/* SPDX-License-Identifier: MIT */
/* The built-in mapping from RESO Data Dictionary 2.0 field names
 * (ListingKey, ListPrice, ...) to listing fields, as mapping JSON. */
#ifndef BIRDDOG_RESO_H
#define BIRDDOG_RESO_H

/* A mapping document in the format of csvmap_load; static. */
extern const char reso_mapping_json[];

#endif
