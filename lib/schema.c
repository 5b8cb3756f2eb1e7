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
	"  content_hash TEXT NOT NULL"
	");"
	"CREATE TABLE price_history ("
	"  listing_id TEXT NOT NULL REFERENCES listings(id),"
	"  seen_at TEXT NOT NULL,"
	"  price INTEGER,"
	"  status TEXT,"
	"  event TEXT"
	");"
	"CREATE INDEX price_history_listing ON price_history(listing_id, seen_at);"
	"CREATE TABLE parcels ("
	"  apn TEXT PRIMARY KEY,"
	"  address_key TEXT,"
	"  assessor TEXT NOT NULL,"   /* JSON object */
	"  owner TEXT NOT NULL,"      /* JSON object */
	"  source_file TEXT,"
	"  loaded_at TEXT NOT NULL"
	");"
	"CREATE INDEX parcels_address_key ON parcels(address_key);"
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
	"  error TEXT,"
	"  created_at TEXT NOT NULL,"
	"  updated_at TEXT NOT NULL,"
	"  UNIQUE (packet_sha256, recipient)"
	");"
	"CREATE TABLE suppression ("
	"  email TEXT PRIMARY KEY,"
	"  reason TEXT NOT NULL,"
	"  added_at TEXT NOT NULL"
	");",
};

const int schema_version = (int)(sizeof schema_migrations / sizeof schema_migrations[0]);
