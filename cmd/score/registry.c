/* SPDX-License-Identifier: MIT */
/* The model registry (see registry.h). Migration i+1 upgrades a file at
 * user_version i; append new versions, never edit released ones. */
#include "registry.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "store.h"
#include "xalloc.h"

static const char *const migrations[] = {
	"CREATE TABLE models ("
	"  version TEXT PRIMARY KEY,"      /* avm-HASH: the bundle's content */
	"  file TEXT NOT NULL,"            /* its bundle */
	"  trained_at TEXT NOT NULL,"      /* RFC 3339 */
	"  records INTEGER NOT NULL,"      /* trained on */
	"  data_sha256 TEXT NOT NULL,"     /* of those records */
	"  metrics TEXT NOT NULL,"         /* cross-validated ratio study, JSON */
	"  active INTEGER NOT NULL DEFAULT 0"
	");"
	"CREATE UNIQUE INDEX models_one_active ON models(active) WHERE active = 1;",
};

const struct store_schema registry_schema = {
	.file = "score.db",
	.migrations = migrations,
	.version = (int)(sizeof migrations / sizeof migrations[0]),
};

enum { ST_PUT, ST_ANY_ACTIVE, ST_ACTIVATE_NONE, ST_ACTIVATE, ST_FILE, ST_ACTIVE_FILE, ST_LIST,
       ST_COUNT };

static const char *const sql[ST_COUNT] = {
	[ST_PUT] = "INSERT INTO models (version, file, trained_at, records, data_sha256, metrics)"
		   " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (version) DO UPDATE SET"
		   " file = excluded.file, trained_at = excluded.trained_at",
	[ST_ANY_ACTIVE] = "SELECT count(*) FROM models WHERE active = 1",
	[ST_ACTIVATE_NONE] = "UPDATE models SET active = 0 WHERE active = 1",
	[ST_ACTIVATE] = "UPDATE models SET active = 1 WHERE version = ?1",
	[ST_FILE] = "SELECT file FROM models WHERE version = ?1",
	[ST_ACTIVE_FILE] = "SELECT file FROM models WHERE active = 1",
	[ST_LIST] = "SELECT version, file, trained_at, records, data_sha256, metrics, active"
		    " FROM models ORDER BY trained_at DESC, version",
};

static int prepare(struct store *s, sqlite3_stmt **st, struct buf *err)
{
	return store_prepare_all(s, sql, st, ST_COUNT, "the model registry", err);
}

static int db_error(struct store *s, struct buf *err)
{
	buf_printf(err, "the model registry: %s", store_errmsg(s));
	return -1;
}

static int any_active(sqlite3_stmt *st)
{
	int n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	store_done(st);
	return n;
}

int registry_add(struct store *s, const struct registry_entry *e, int *activated,
		 struct buf *err)
{
	sqlite3_stmt *st[ST_COUNT] = { 0 };
	int rc = -1;
	*activated = 0;
	if (prepare(s, st, err) < 0)
		return -1;
	if (store_begin(s) < 0)
		goto db;
	store_bind_text(st[ST_PUT], 1, e->version);
	store_bind_text(st[ST_PUT], 2, e->file);
	store_bind_text(st[ST_PUT], 3, e->trained_at);
	sqlite3_bind_int64(st[ST_PUT], 4, e->records);
	store_bind_text(st[ST_PUT], 5, e->data_sha256);
	store_bind_text(st[ST_PUT], 6, e->metrics);
	if (store_run(st[ST_PUT]) < 0)
		goto db;
	int n = any_active(st[ST_ANY_ACTIVE]);
	if (n < 0)
		goto db;
	if (n == 0) {
		store_bind_text(st[ST_ACTIVATE], 1, e->version);
		if (store_run(st[ST_ACTIVATE]) < 0)
			goto db;
		*activated = 1;
	}
	if (store_commit(s) < 0)
		goto db;
	rc = 0;
	goto out;
db:
	db_error(s, err);
	store_rollback(s);
out:
	store_finalize_all(st, ST_COUNT);
	return rc;
}

static void list_versions(void *ctx, const struct registry_entry *e)
{
	struct buf *b = ctx;
	buf_printf(b, "%s%s", b->len ? ", " : "", e->version);
}

int registry_activate(struct store *s, const char *version, struct buf *err)
{
	sqlite3_stmt *st[ST_COUNT] = { 0 };
	char *file = NULL;
	int found = registry_file(s, version, &file, err);
	free(file);
	if (found < 0)
		return -1;
	if (found == 0) {
		struct buf known = BUF_INIT;
		if (registry_each(s, list_versions, &known, err) < 0)
			return -1;
		buf_printf(err, "no model '%s' in the registry; %s%s", version,
			   known.len ? "the models are: " : "none is trained yet (score train FILE)",
			   buf_cstr(&known));
		buf_release(&known);
		return 1;
	}
	if (prepare(s, st, err) < 0)
		return -1;
	int rc = -1;
	store_bind_text(st[ST_ACTIVATE], 1, version);
	if (store_begin(s) == 0 && store_run(st[ST_ACTIVATE_NONE]) == 0 &&
	    store_run(st[ST_ACTIVATE]) == 0 && store_commit(s) == 0)
		rc = 0;
	else {
		db_error(s, err);
		store_rollback(s);
	}
	store_finalize_all(st, ST_COUNT);
	return rc;
}

int registry_file(struct store *s, const char *version, char **file, struct buf *err)
{
	sqlite3_stmt *st[ST_COUNT] = { 0 };
	if (prepare(s, st, err) < 0)
		return -1;
	sqlite3_stmt *q = version ? st[ST_FILE] : st[ST_ACTIVE_FILE];
	if (version)
		store_bind_text(q, 1, version);
	int rc = sqlite3_step(q);
	*file = rc == SQLITE_ROW ? xstrdup((const char *)sqlite3_column_text(q, 0)) : NULL;
	store_done(q);
	store_finalize_all(st, ST_COUNT);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return db_error(s, err);
	return rc == SQLITE_ROW;
}

static const char *text(sqlite3_stmt *q, int col)
{
	return (const char *)sqlite3_column_text(q, col);
}

int registry_each(struct store *s, void (*fn)(void *ctx, const struct registry_entry *e),
		  void *ctx, struct buf *err)
{
	sqlite3_stmt *st[ST_COUNT] = { 0 };
	if (prepare(s, st, err) < 0)
		return -1;
	sqlite3_stmt *q = st[ST_LIST];
	int rc;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		struct registry_entry e = { text(q, 0), text(q, 1), text(q, 2), text(q, 4),
					    (long)sqlite3_column_int64(q, 3), text(q, 5),
					    sqlite3_column_int(q, 6) };
		fn(ctx, &e);
	}
	store_done(q);
	store_finalize_all(st, ST_COUNT);
	return rc == SQLITE_DONE ? 0 : db_error(s, err);
}
