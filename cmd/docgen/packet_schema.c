/* SPDX-License-Identifier: MIT */
/* docgen's state file, docgen.db: the memo it last wrote for each record.
 * Migration i+1 upgrades a file at user_version i; append new versions,
 * never edit released ones. */
#include "packet_state.h"

#include "store.h"

static const char *const migrations[] = {
	/* 1: as in birddog 0.1's shared birddog.db. */
	"CREATE TABLE packets ("
	"  id TEXT PRIMARY KEY,"      /* the record id */
	"  sha256 TEXT NOT NULL,"
	"  html_path TEXT NOT NULL,"
	"  text_path TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL"
	");",
};

static const char *const legacy[] = { "packets", NULL };

const struct store_schema packet_state_schema = {
	.file = "docgen.db",
	.migrations = migrations,
	.version = (int)(sizeof migrations / sizeof migrations[0]),
	.legacy_tables = legacy,
};
