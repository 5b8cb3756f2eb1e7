/* SPDX-License-Identifier: MIT */
/* The tenant's SQLite state: WAL, busy timeout, migrations on open. */
#include "store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "paths.h"
#include "schema.h"
#include "xalloc.h"

#define BATCH_SIZE 500
#define BUSY_TIMEOUT_MS 30000

struct store {
	sqlite3 *db;
	int in_batch;
	int batch_count;
	int (*before_commit)(void *ctx);
	void *before_commit_ctx;
};

static int exec(struct store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

/* Like exec, but waits out a lock: switching a new database to WAL takes
 * an exclusive lock that the busy handler does not wait for, and the stages
 * of a first pipeline run all open the new file at once. Bounded: 10 s. */
static int exec_patient(struct store *s, const char *sql)
{
	for (int i = 0; i < 400; i++) {
		int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED)
			return rc == SQLITE_OK ? 0 : -1;
		usleep(25000);
	}
	return -1;
}

static int user_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* Brings the schema to schema_version, one transaction per step. */
static int migrate(struct store *s, struct buf *err)
{
	if (exec_patient(s, "BEGIN IMMEDIATE") < 0)
		goto fail;
	int v = user_version(s);
	if (v < 0)
		goto fail_rollback;
	if (v > schema_version) {
		buf_printf(err, "schema version %d is newer than this birddog (%d)", v, schema_version);
		exec(s, "ROLLBACK");
		return -1;
	}
	for (; v < schema_version; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (exec(s, schema_migrations[v]) < 0 || exec(s, pragma) < 0)
			goto fail_rollback;
	}
	if (exec(s, "COMMIT") < 0)
		goto fail;
	return 0;
fail_rollback:
	buf_printf(err, "migrating the schema: %s", sqlite3_errmsg(s->db));
	exec(s, "ROLLBACK");
	return -1;
fail:
	buf_printf(err, "migrating the schema: %s", sqlite3_errmsg(s->db));
	return -1;
}

struct store *store_open(const char *path, struct buf *err)
{
	if (paths_mkdirs_for(path, 0777) < 0) {
		buf_printf(err, "%s: cannot create its directory", path);
		return NULL;
	}
	struct store *s = xcalloc(1, sizeof *s);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		buf_printf(err, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
	if (exec_patient(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON") < 0) {
		buf_printf(err, "%s: %s", path, sqlite3_errmsg(s->db));
		goto fail;
	}
	if (migrate(s, err) < 0) {
		struct buf tmp = BUF_INIT;
		buf_printf(&tmp, "%s: %s", path, buf_cstr(err));
		buf_reset(err);
		buf_adds(err, buf_cstr(&tmp));
		buf_release(&tmp);
		goto fail;
	}
	return s;
fail:
	sqlite3_close(s->db);
	free(s);
	return NULL;
}

void store_before_commit(struct store *s, int (*fn)(void *ctx), void *ctx)
{
	s->before_commit = fn;
	s->before_commit_ctx = ctx;
}

/* Commits the open batch after the before-commit hook agrees. */
static int batch_commit(struct store *s)
{
	if (s->before_commit && s->before_commit(s->before_commit_ctx) < 0) {
		store_rollback(s);
		return -1;
	}
	return store_commit(s);
}

int store_close(struct store *s)
{
	if (!s)
		return 0;
	int rc = 0;
	if (s->in_batch)
		rc = batch_commit(s);
	sqlite3_close(s->db);
	free(s);
	return rc;
}

struct sqlite3 *store_sqlite(struct store *s)
{
	return s->db;
}

int store_prepare_all(struct store *s, const char *const *sql, sqlite3_stmt **st,
		      size_t n, const char *what, struct buf *err)
{
	for (size_t i = 0; i < n; i++) {
		if (sqlite3_prepare_v3(s->db, sql[i], -1, SQLITE_PREPARE_PERSISTENT, &st[i], NULL)
		    != SQLITE_OK) {
			buf_printf(err, "preparing %s: %s", what, sqlite3_errmsg(s->db));
			store_finalize_all(st, n);
			return -1;
		}
	}
	return 0;
}

void store_finalize_all(sqlite3_stmt **st, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		sqlite3_finalize(st[i]);
		st[i] = NULL;
	}
}

int store_begin(struct store *s)
{
	return exec(s, "BEGIN IMMEDIATE");
}

int store_commit(struct store *s)
{
	s->in_batch = 0;
	s->batch_count = 0;
	return exec(s, "COMMIT");
}

int store_rollback(struct store *s)
{
	s->in_batch = 0;
	s->batch_count = 0;
	return exec(s, "ROLLBACK");
}

static int batch_tick(struct store *s, const char *begin)
{
	if (s->in_batch && ++s->batch_count < BATCH_SIZE)
		return 0;
	if (s->in_batch && batch_commit(s) < 0)
		return -1;
	if (exec(s, begin) < 0)
		return -1;
	s->in_batch = 1;
	return 0;
}

int store_batch_tick(struct store *s)
{
	return batch_tick(s, "BEGIN IMMEDIATE");
}

int store_read_tick(struct store *s)
{
	return batch_tick(s, "BEGIN DEFERRED");
}

int store_batch_flush(struct store *s)
{
	return s && s->in_batch ? batch_commit(s) : 0;
}

const char *store_errmsg(struct store *s)
{
	return sqlite3_errmsg(s->db);
}
