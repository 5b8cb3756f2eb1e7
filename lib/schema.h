/* SPDX-License-Identifier: MIT */
/* The state schema, one SQL script per version; migration i+1 upgrades a
 * database at user_version i. Append new versions; never edit old ones once
 * released. */
#ifndef BIRDDOG_SCHEMA_H
#define BIRDDOG_SCHEMA_H

extern const char *const schema_migrations[];
extern const int schema_version;

#endif
