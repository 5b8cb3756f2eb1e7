/* SPDX-License-Identifier: MIT */
/* discover's state file, discover.db: the listings it has seen, their
 * price history and their sales. Migration i+1 upgrades a file at user_version i; append
 * new versions, never edit released ones. Times are RFC 3339 UTC text. */
#include "listing_state.h"

#include "store.h"

static const char *const migrations[] = {
	/* 1: as in birddog 0.1's shared birddog.db. */
	"CREATE TABLE listings ("
	"  id TEXT PRIMARY KEY,"
	"  source TEXT NOT NULL,"
	"  source_id TEXT NOT NULL,"
	"  first_seen TEXT NOT NULL,"
	"  last_seen TEXT NOT NULL,"
	"  price INTEGER,"
	"  status TEXT,"
	"  content_hash TEXT NOT NULL,"  /* of the record but seen_at and event */
	"  last_run INTEGER"             /* the discover run that last saw it */
	");"
	"CREATE TABLE price_history ("
	"  listing_id TEXT NOT NULL REFERENCES listings(id),"
	"  seen_at TEXT NOT NULL,"
	"  price INTEGER,"
	"  status TEXT,"
	"  event TEXT"
	");"
	"CREATE INDEX price_history_listing ON price_history(listing_id, seen_at);",
	/* 2: sold records. Each sale of a property is its own event, kept by
	 * its date; the listing row remembers the latest. */
	"ALTER TABLE listings ADD COLUMN sale_date TEXT;"   /* YYYY-MM-DD */
	"CREATE TABLE sales ("
	"  listing_id TEXT NOT NULL REFERENCES listings(id),"
	"  sale_date TEXT NOT NULL,"
	"  price INTEGER,"               /* the sale price */
	"  content_hash TEXT NOT NULL,"
	"  first_seen TEXT NOT NULL,"
	"  last_seen TEXT NOT NULL,"
	"  last_run INTEGER,"
	"  PRIMARY KEY (listing_id, sale_date)"
	");",
};

static const char *const legacy[] = { "listings", "price_history", NULL };

const struct store_schema listing_state_schema = {
	.file = "discover.db",
	.migrations = migrations,
	.version = (int)(sizeof migrations / sizeof migrations[0]),
	.legacy_tables = legacy,
};
