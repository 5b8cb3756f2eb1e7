/* SPDX-License-Identifier: MIT */
/* The state schema of every program, so that any program opening a tenant's
 * database brings it to the same version. Times are RFC 3339 UTC text. */
#include "schema.h"

const char *const schema_migrations[] = {
	/* 1: the foundation. */
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
	"CREATE INDEX price_history_listing ON price_history(listing_id, seen_at);"
	"CREATE TABLE parcels ("       /* county assessor rows, loaded by enrich */
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
	"CREATE INDEX parcels_zip ON parcels(zip);"
	"CREATE TABLE packets ("
	"  id TEXT PRIMARY KEY,"      /* the record id */
	"  sha256 TEXT NOT NULL,"
	"  html_path TEXT NOT NULL,"
	"  text_path TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL"
	");"
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY,"
	"  record_id TEXT NOT NULL,"
	"  packet_sha256 TEXT NOT NULL,"
	"  recipient TEXT NOT NULL,"
	"  message_id TEXT NOT NULL,"
	"  status TEXT NOT NULL,"     /* queued, sending, sent, written, failed */
	"  attempts INTEGER NOT NULL DEFAULT 0,"  /* transfers started */
	"  error TEXT,"               /* the last failure, for the operator */
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  UNIQUE (packet_sha256, recipient)"
	");"
	"CREATE TABLE suppression ("
	"  email TEXT PRIMARY KEY,"   /* lower case */
	"  reason TEXT NOT NULL,"     /* e.g. unsubscribe */
	"  added_at TEXT NOT NULL"
	");",
};

const int schema_version = (int)(sizeof schema_migrations / sizeof schema_migrations[0]);
