/* SPDX-License-Identifier: MIT */
/* enrich's state file, enrich.db: the county parcel rows it has loaded.
 * Migration i+1 upgrades a file at user_version i; append new versions,
 * never edit released ones. */
#include "parcel_state.h"

#include "store.h"

static const char *const migrations[] = {
	/* 1: as in birddog 0.1's shared birddog.db. */
	"CREATE TABLE parcels ("       /* county assessor rows */
	"  apn TEXT PRIMARY KEY,"
	"  address_key TEXT,"         /* address.h key of the situs address */
	"  line TEXT, unit TEXT, city TEXT, state TEXT, zip TEXT," /* normalised situs */
	"  owner_name TEXT,"
	"  mail_line TEXT, mail_unit TEXT, mail_city TEXT, mail_state TEXT, mail_zip TEXT,"
	"  mail_key TEXT,"
	"  assessed_value INTEGER, market_value INTEGER, land_value INTEGER,"
	"  tax_annual INTEGER,"
	"  last_sale_date TEXT,"      /* YYYY-MM-DD */
	"  last_sale_price INTEGER,"
	"  sqft INTEGER, year_built INTEGER,"
	"  source_file TEXT,"
	"  loaded_at TEXT NOT NULL"
	");"
	"CREATE INDEX parcels_address_key ON parcels(address_key, apn);" /* ORDER BY apn from the index */
	"CREATE INDEX parcels_zip ON parcels(zip);",
};

static const char *const legacy[] = { "parcels", NULL };

const struct store_schema parcel_state_schema = {
	.file = "enrich.db",
	.migrations = migrations,
	.version = (int)(sizeof migrations / sizeof migrations[0]),
	.legacy_tables = legacy,
};
