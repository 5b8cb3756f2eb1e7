/* SPDX-License-Identifier: MIT */
/* A program's own SQLite state file: opened in WAL mode with a bounded busy
 * wait, its schema migrated on open (PRAGMA user_version), statements
 * always bound. Each program owns one file per tenant and writes no other. */
#ifndef BIRDDOG_STORE_H
#define BIRDDOG_STORE_H

#include "buf.h"

struct store;
struct sqlite3;
struct sqlite3_stmt;

/* What a program keeps in its file; static data of the owning module. */
struct store_schema {
	const char *file;                   /* the default file name: "discover.db" */
	const char *const *migrations;      /* [i] brings user_version i to i + 1 */
	int version;                        /* the number of migrations */
	/* Tables a new file copies from the one shared birddog.db of birddog
	 * 0.1 (same columns), NULL-terminated; NULL for none. */
	const char *const *legacy_tables;
};

/* How long a statement waits for another process's lock before failing
 * with a message naming the file and the process: $BIRDDOG_BUSY_TIMEOUT
 * seconds (0 to 3600), default 10. */
int store_busy_timeout_ms(void);

/* Opens (creating the file and its directory) and migrates path. When the
 * file is new and legacy names an existing birddog.db, the schema's legacy
 * tables are copied from it (store_imported tells what). NULL with a message
 * in err on failure. Free with store_close. */
struct store *store_open(const char *path, const struct store_schema *schema,
			 const char *legacy, struct buf *err);
/* For a preview: a private copy in memory of the file at path (or of an
 * empty one when there is none), migrated like store_open; the file itself
 * is only read, and whatever is written goes with the copy at close. */
struct store *store_open_copy(const char *path, const struct store_schema *schema,
			      struct buf *err);
/* Commits any open batch (running the before-commit hooks) and closes; 0,
 * or -1 when the commit failed. */
int store_close(struct store *s);

/* "N rows of T, ... from PATH" when store_open imported a legacy file, else
 * NULL. Borrowed from the store. */
const char *store_imported(const struct store *s);

/* For the modules that own a table (listing_state.c, outbox.c, ...): the
 * handle stays owned by the store. Programs do not use it directly. */
struct sqlite3 *store_sqlite(struct store *s);

/* For those modules: prepares sql[0..n) into st[0..n), each kept for
 * reuse. 0, or -1 with "preparing WHAT: reason" in err and every statement
 * finalised. store_finalize_all finalises st[0..n) (NULLs are fine). */
int store_prepare_all(struct store *s, const char *const *sql, struct sqlite3_stmt **st,
		      size_t n, const char *what, struct buf *err);
void store_finalize_all(struct sqlite3_stmt **st, size_t n);

/* For those modules' statements: binds s (NULL binds NULL; copied) to
 * parameter i; steps a write statement once and resets it, bindings
 * cleared (0, or -1: store_errmsg); resets a read statement and clears its
 * bindings. */
void store_bind_text(struct sqlite3_stmt *st, int i, const char *s);
int store_run(struct sqlite3_stmt *st);
void store_done(struct sqlite3_stmt *st);

/* Transactions: begin/commit/rollback return 0 or -1 (see store_errmsg). */
int store_begin(struct store *s);
int store_commit(struct store *s);
int store_rollback(struct store *s);
/* Batches writes: call once per record before its writes; every 500 calls
 * (and at store_batch_flush and close) the open transaction commits, after
 * the before-commit hooks, and a new one begins. Returns 0 or -1. */
int store_batch_tick(struct store *s);
/* The same for a stage that only reads: a deferred transaction, so that the
 * reads of 500 records share one snapshot (and one lock round trip) without
 * blocking writers (WAL). */
int store_read_tick(struct store *s);
/* Registers fn to run before each batch commit, after the hooks registered
 * before it; when one returns -1 the batch is rolled back and the call fails.
 * This is how a stage emits before it commits (a crash then repeats
 * records, never loses them) and how docgen makes its memos durable before
 * the rows naming them. ctx is borrowed; up to 4 hooks. */
void store_before_commit(struct store *s, int (*fn)(void *ctx), void *ctx);
/* Removes a hook registered with the same fn and ctx. */
void store_before_commit_remove(struct store *s, int (*fn)(void *ctx), void *ctx);
/* Commits the open batch, if any (before blocking on input). Returns 0 or -1. */
int store_batch_flush(struct store *s);

/* The last error, with the file's path; when it was a lock held too long,
 * also which process holds it and how long was waited. Borrowed, valid
 * until the next call on s. */
const char *store_errmsg(struct store *s);

#endif
