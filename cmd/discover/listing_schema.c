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
	/* 3: fetching sources (birddog-source(5)): the HTTP cache, bodies kept
	 * once by their SHA-256, what each page gave (so an unchanged page is
	 * not parsed again), robots.txt per host, the hosts' shared request
	 * budget, API cursors, crawls, and which sources list which listing. */
	"CREATE TABLE http_cache ("
	"  url TEXT PRIMARY KEY,"
	"  status INTEGER NOT NULL,"
	"  etag TEXT,"
	"  last_modified TEXT,"
	"  content_type TEXT,"
	"  sha256 TEXT,"                 /* of the body last fetched */
	"  fetched_at TEXT,"             /* when that body was fetched */
	"  checked_at TEXT,"             /* when last asked (200 or 304) */
	"  lastmod TEXT"                 /* the sitemap's <lastmod> when last fetched */
	");"
	"CREATE TABLE bodies ("
	"  sha256 TEXT PRIMARY KEY,"
	"  body BLOB NOT NULL"
	");"
	"CREATE TABLE page_out ("        /* per source: two read a page by their own rules */
	"  source TEXT NOT NULL,"
	"  url TEXT NOT NULL,"
	"  sha256 TEXT NOT NULL,"        /* of the body these came from */
	"  links TEXT NOT NULL,"         /* 'n URL' and 'd URL' lines: next and detail pages */
	"  listings TEXT NOT NULL,"      /* the ids the page gave, a line each */
	"  PRIMARY KEY (source, url)"
	");"
	"CREATE TABLE robots ("
	"  host TEXT PRIMARY KEY,"
	"  status INTEGER NOT NULL,"     /* of the robots.txt fetch; 0 when unreachable */
	"  body BLOB,"
	"  fetched_at REAL NOT NULL"     /* Unix time */
	");"
	"CREATE TABLE host_budget ("
	"  host TEXT PRIMARY KEY,"
	"  tokens REAL NOT NULL,"
	"  updated REAL NOT NULL"        /* Unix time */
	");"
	"CREATE TABLE cursors ("
	"  source TEXT PRIMARY KEY,"
	"  modified TEXT NOT NULL,"      /* the last ModificationTimestamp read */
	"  listing_key TEXT NOT NULL"    /* and the last ListingKey at that time */
	");"
	"CREATE TABLE crawls ("
	"  source TEXT NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  started TEXT NOT NULL,"
	"  finished TEXT,"
	"  complete INTEGER,"            /* 1: every page fetched, within the limits */
	"  PRIMARY KEY (source, n)"
	");"
	"CREATE TABLE listing_sources ("
	"  source TEXT NOT NULL,"
	"  source_id TEXT NOT NULL,"
	"  id TEXT NOT NULL,"            /* the listing: the first source's id */
	"  url TEXT,"
	"  last_crawl INTEGER,"          /* the crawl of source that last listed it */
	"  delisted INTEGER NOT NULL DEFAULT 0,"
	"  price INTEGER,"               /* this source's last price, status and */
	"  status TEXT,"                 /* content (a listing of several sources */
	"  content_hash TEXT,"           /* changes only by its own source's view) */
	"  PRIMARY KEY (source, source_id)"
	");"
	"CREATE INDEX listing_sources_id ON listing_sources(id);"
	"CREATE TABLE listing_keys ("
	"  address_key TEXT PRIMARY KEY," /* address_normalize's LINE|UNIT|ZIP */
	"  id TEXT NOT NULL"
	");"
	"ALTER TABLE listings ADD COLUMN record TEXT;"       /* the last record, for 'delisted' */
	"ALTER TABLE listings ADD COLUMN last_source TEXT;", /* the source seen last */
};

static const char *const legacy[] = { "listings", "price_history", NULL };

const struct store_schema listing_state_schema = {
	.file = "discover.db",
	.migrations = migrations,
	.version = (int)(sizeof migrations / sizeof migrations[0]),
	.legacy_tables = legacy,
};
