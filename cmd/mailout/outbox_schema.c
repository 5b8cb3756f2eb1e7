/* SPDX-License-Identifier: MIT */
/* mailout's state file, mailout.db: the outbox and the suppression list.
 * Migration i+1 upgrades a file at user_version i; append new versions,
 * never edit released ones. */
#include "outbox.h"

#include "store.h"

static const char *const migrations[] = {
	/* 1: as in birddog 0.1's shared birddog.db. */
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
	/* 2: 'failed' becomes final (a permanent 5xx refusal); a transient
	 * failure leaves the row 'queued' with its error, as 0.1's 'failed'
	 * rows were: they are retried. */
	"UPDATE outbox SET status = 'queued' WHERE status = 'failed';"
	"CREATE INDEX outbox_status ON outbox(status);",
};

static const char *const legacy[] = { "outbox", "suppression", NULL };

const struct store_schema outbox_schema = {
	.file = "mailout.db",
	.migrations = migrations,
	.version = (int)(sizeof migrations / sizeof migrations[0]),
	.legacy_tables = legacy,
};
