/* SPDX-License-Identifier: MIT */
/* The tenant's SQLite state: opened in WAL mode with a busy timeout, the
 * schema migrated on open (PRAGMA user_version), statements always bound. */
#ifndef BIRDDOG_STORE_H
#define BIRDDOG_STORE_H

#include "buf.h"

struct store;
struct sqlite3;
struct sqlite3_stmt;

/* Opens (creating the file and its directory) and migrates path.
 * NULL with a message in err on failure. Free with store_close. */
struct store *store_open(const char *path, struct buf *err);
/* Commits any open batch and closes; 0, or -1 when the commit failed. */
int store_close(struct store *s);

/* For the lib/ modules that own a table (listing_state.c, outbox.c, ...):
 * the handle stays owned by the store. Programs do not use it directly. */
struct sqlite3 *store_sqlite(struct store *s);

/* For those modules: prepares sql[0..n) into st[0..n), each kept for
 * reuse. 0, or -1 with "preparing WHAT: reason" in err and every statement
 * finalised. store_finalize_all finalises st[0..n) (NULLs are fine). */
int store_prepare_all(struct store *s, const char *const *sql, struct sqlite3_stmt **st,
		      size_t n, const char *what, struct buf *err);
void store_finalize_all(struct sqlite3_stmt **st, size_t n);

/* Transactions: begin/commit/rollback return 0 or -1 (message in store_errmsg). */
int store_begin(struct store *s);
int store_commit(struct store *s);
int store_rollback(struct store *s);
/* Batches writes: call once per record; every 500 calls (and at close) the
 * open transaction commits and a new one begins. Returns 0 or -1. */
int store_batch_tick(struct store *s);
/* The same for a stage that only reads: a deferred transaction, so that the
 * reads of 500 records share one snapshot (and one lock round trip) without
 * blocking writers (WAL). */
int store_read_tick(struct store *s);
/* Registers fn to run before each batch commit (from store_batch_tick,
 * store_batch_flush and store_close); when it returns -1 the batch is not
 * committed and the call fails. For state that must not run ahead of files:
 * docgen syncs its packets before their rows commit. ctx is borrowed. */
void store_before_commit(struct store *s, int (*fn)(void *ctx), void *ctx);
/* Commits the open batch, if any (before blocking on input). Returns 0 or -1. */
int store_batch_flush(struct store *s);
const char *store_errmsg(struct store *s);

#endif
