/* SPDX-License-Identifier: MIT */
/* enrich's state file, enrich.db: the county parcel rows, sold records and
 * rents it has loaded.
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
	/* 2: sold records (the comparable sales) and rents by ZIP and beds.
	 * enrich reads the sales into memory once a run and searches them
	 * there (sale_book.c): an R*Tree here was ten times slower. */
	"CREATE TABLE sales ("
	"  id TEXT NOT NULL,"         /* the sold record's id */
	"  sale_date TEXT NOT NULL,"  /* YYYY-MM-DD */
	"  sale_day INTEGER NOT NULL," /* the same as days since 1970-01-01 */
	"  price INTEGER NOT NULL,"   /* whole dollars, > 0 */
	"  address_key TEXT, zip TEXT," /* address.h key; 5-digit ZIP */
	"  lat REAL, lon REAL,"       /* WGS 84 degrees; NULL when unknown */
	"  beds INTEGER, baths REAL, sqft INTEGER, lot_sqft INTEGER, year_built INTEGER,"
	"  source_file TEXT,"
	"  loaded_at TEXT NOT NULL,"
	"  PRIMARY KEY (id, sale_date)"
	");"
	"CREATE INDEX sales_zip_day ON sales(zip, sale_day);"
	"CREATE INDEX sales_address_key ON sales(address_key);"
	"CREATE TABLE rents ("         /* monthly rent by ZIP and bedrooms */
	"  zip TEXT NOT NULL,"
	"  beds INTEGER NOT NULL,"     /* -1: any number of bedrooms */
	"  rent INTEGER NOT NULL,"     /* whole dollars a month */
	"  source_file TEXT,"
	"  loaded_at TEXT NOT NULL,"
	"  PRIMARY KEY (zip, beds)"
	");",
};

static const char *const legacy[] = { "parcels", NULL };

const struct store_schema parcel_state_schema = {
	.file = "enrich.db",
	.migrations = migrations,
	.version = (int)(sizeof migrations / sizeof migrations[0]),
	.legacy_tables = legacy,
};
