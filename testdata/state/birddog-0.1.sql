-- SPDX-License-Identifier: MIT
-- A tenant's single state file as birddog 0.1 wrote it (schema version 1),
-- with a few rows, to test that each program copies its tables from it.
CREATE TABLE listings (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  source_id TEXT NOT NULL,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  price INTEGER,
  status TEXT,
  content_hash TEXT NOT NULL,
  last_run INTEGER
);
CREATE TABLE price_history (
  listing_id TEXT NOT NULL REFERENCES listings(id),
  seen_at TEXT NOT NULL,
  price INTEGER,
  status TEXT,
  event TEXT
);
CREATE INDEX price_history_listing ON price_history(listing_id, seen_at);
CREATE TABLE parcels (
  apn TEXT PRIMARY KEY,
  address_key TEXT,
  line TEXT, unit TEXT, city TEXT, state TEXT, zip TEXT,
  owner_name TEXT,
  mail_line TEXT, mail_unit TEXT, mail_city TEXT, mail_state TEXT, mail_zip TEXT,
  mail_key TEXT,
  assessed_value INTEGER, market_value INTEGER, land_value INTEGER,
  tax_annual INTEGER,
  last_sale_date TEXT,
  last_sale_price INTEGER,
  sqft INTEGER, year_built INTEGER,
  source_file TEXT,
  loaded_at TEXT NOT NULL
);
CREATE INDEX parcels_address_key ON parcels(address_key, apn);
CREATE INDEX parcels_zip ON parcels(zip);
CREATE TABLE packets (
  id TEXT PRIMARY KEY,
  sha256 TEXT NOT NULL,
  html_path TEXT NOT NULL,
  text_path TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  record_id TEXT NOT NULL,
  packet_sha256 TEXT NOT NULL,
  recipient TEXT NOT NULL,
  message_id TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (packet_sha256, recipient)
);
CREATE TABLE suppression (
  email TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  added_at TEXT NOT NULL
);
INSERT INTO listings VALUES ('old:1', 'old', '1', '2026-01-02T03:04:05Z', '2026-01-02T03:04:05Z', 250000, 'Active', '0123456789abcdef', 1);
INSERT INTO listings VALUES ('old:2', 'old', '2', '2026-01-02T03:04:05Z', '2026-02-02T03:04:05Z', 199000, 'Active', 'fedcba9876543210', 2);
INSERT INTO price_history VALUES ('old:1', '2026-01-02T03:04:05Z', 250000, 'Active', 'new');
INSERT INTO price_history VALUES ('old:2', '2026-01-02T03:04:05Z', 210000, 'Active', 'new');
INSERT INTO price_history VALUES ('old:2', '2026-02-02T03:04:05Z', 199000, 'Active', 'price_drop');
INSERT INTO parcels (apn, address_key, line, city, state, zip, owner_name, market_value, loaded_at) VALUES ('999-00-000-001', 'OLDKEY', '1 OLD RD', 'LAS VEGAS', 'NV', '89101', 'OLD OWNER', 300000, '2026-01-01T00:00:00Z');
INSERT INTO packets VALUES ('old:1', 'aa', '/old/packets/old-1.html', '/old/packets/old-1.txt', '2026-01-03T00:00:00Z');
INSERT INTO outbox (record_id, packet_sha256, recipient, message_id, status, attempts, error, created_at, updated_at) VALUES ('old:1', 'aa', 'ana@buyers.example', '<1@old.example>', 'sent', 1, NULL, '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z');
INSERT INTO outbox (record_id, packet_sha256, recipient, message_id, status, attempts, error, created_at, updated_at) VALUES ('old:1', 'aa', 'bob@buyers.example', '<2@old.example>', 'failed', 1, 'connection reset', '2026-01-03T00:00:00Z', '2026-01-03T00:00:00Z');
INSERT INTO suppression VALUES ('eve@buyers.example', 'unsubscribe', '2026-01-04T00:00:00Z');
PRAGMA user_version = 1;
