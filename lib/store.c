/* SPDX-License-Identifier: MIT */
/* A program's own SQLite state: WAL, a bounded busy wait, migrations on
 * open, batches that commit only after the before-commit hooks agree. */
#include "store.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "paths.h"
#include "store_lock.h"
#include "xalloc.h"

#define BATCH_SIZE 500
#define DEFAULT_BUSY_S 10
#define MAX_HOOKS 4

struct hook {
	int (*fn)(void *ctx);
	void *ctx;
};

struct store {
	sqlite3 *db;
	char *path;
	int in_batch;
	int batch_count;
	struct hook hooks[MAX_HOOKS];
	int nhooks;
	struct buf msg;           /* store_errmsg's text */
	struct buf imported;      /* store_imported's text */
};

int store_busy_timeout_ms(void)
{
	const char *s = getenv("BIRDDOG_BUSY_TIMEOUT");
	char *end;
	if (!s || !*s)
		return DEFAULT_BUSY_S * 1000;
	long v = strtol(s, &end, 10);
	if (*end || v < 0 || v > 3600)
		return DEFAULT_BUSY_S * 1000;
	return (int)v * 1000;
}

static int exec(struct store *s, const char *sql)
{
	return sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Like exec, but waits out a lock the busy handler does not wait for
 * (switching a new file to WAL takes one), for at most the busy timeout. */
static int exec_patient(struct store *s, const char *sql)
{
	double give_up = now_ms() + store_busy_timeout_ms();
	for (;;) {
		int rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
		if ((rc != SQLITE_BUSY && rc != SQLITE_LOCKED) || now_ms() >= give_up)
			return rc == SQLITE_OK ? 0 : -1;
		usleep(20000);
	}
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

/* Steps sql with text parameter ?1 bound to arg; 0 or -1. */
static int exec_bound(struct store *s, const char *sql, const char *arg)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? 0 : -1;
}

/* Copies the legacy tables (inside the migration's transaction). */
static int copy_legacy(struct store *s, const struct store_schema *schema, const char *legacy)
{
	struct buf sql = BUF_INIT;
	int rc = 0;
	for (const char *const *t = schema->legacy_tables; *t && rc == 0; t++) {
		buf_reset(&sql);
		buf_printf(&sql, "INSERT INTO main.%s SELECT * FROM legacy.%s", *t, *t);
		rc = exec(s, sql.data);
		buf_printf(&s->imported, "%s%d row%s of %s", t == schema->legacy_tables ? "" : ", ",
			   sqlite3_changes(s->db), sqlite3_changes(s->db) == 1 ? "" : "s", *t);
	}
	if (rc == 0)
		buf_printf(&s->imported, " from '%s'", legacy);
	else
		buf_reset(&s->imported);
	buf_release(&sql);
	return rc;
}

/* Brings the schema to its version in one transaction; a new file also
 * takes the legacy tables. The common case, a current file, takes no lock. */
static int migrate(struct store *s, const struct store_schema *schema, const char *legacy,
		   struct buf *err)
{
	int v = user_version(s);
	if (v == schema->version)
		return 0;
	int import = v == 0 && legacy && schema->legacy_tables && access(legacy, R_OK) == 0;
	if (import && exec_bound(s, "ATTACH ?1 AS legacy", legacy) < 0)
		return buf_printf(err, "attaching '%s': %s", legacy, store_errmsg(s)), -1;
	if (exec_patient(s, "BEGIN IMMEDIATE") < 0)
		goto fail;
	v = user_version(s);
	if (v > schema->version) {
		buf_printf(err, "%s: schema version %d is newer than this birddog's (%d)",
			   s->path, v, schema->version);
		exec(s, "ROLLBACK");
		goto detach;
	}
	for (int from = v; v < schema->version; v++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (exec(s, schema->migrations[v]) < 0 || exec(s, pragma) < 0 ||
		    (from == 0 && v == 0 && import && copy_legacy(s, schema, legacy) < 0))
			goto fail_rollback;
	}
	if (exec(s, "COMMIT") < 0)
		goto fail;
	if (import)
		exec(s, "DETACH legacy");
	return 0;
fail_rollback:
	buf_printf(err, "migrating the schema: %s", store_errmsg(s));
	exec(s, "ROLLBACK");
	goto detach;
fail:
	buf_printf(err, "migrating the schema: %s", store_errmsg(s));
detach:
	if (import)
		exec(s, "DETACH legacy");
	return -1;
}

struct store *store_open(const char *path, const struct store_schema *schema,
			 const char *legacy, struct buf *err)
{
	if (paths_mkdirs_for(path, 0777) < 0) {
		buf_printf(err, "%s: cannot create its directory: %s", path, strerror(errno));
		return NULL;
	}
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	buf_init(&s->msg);
	buf_init(&s->imported);
	if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
		buf_printf(err, "%s: %s", path, s->db ? sqlite3_errmsg(s->db) : "cannot open");
		goto fail;
	}
	sqlite3_busy_timeout(s->db, store_busy_timeout_ms());
	if (exec_patient(s, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON") < 0) {
		buf_adds(err, store_errmsg(s));
		goto fail;
	}
	if (migrate(s, schema, legacy, err) == 0)
		return s;
fail:
	sqlite3_close(s->db);
	s->db = NULL;
	store_close(s);
	return NULL;
}

/* Copies the database at path, when there is one, into s's (in memory). */
static int copy_in(struct store *s, const char *path, struct buf *err)
{
	sqlite3 *src = NULL;
	if (access(path, F_OK) < 0)
		return 0;
	int rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(s->db, "main", src, "main") : NULL;
	if (b) {
		sqlite3_busy_timeout(src, store_busy_timeout_ms());
		rc = sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
	}
	if (!b || rc != SQLITE_DONE)
		buf_printf(err, "%s: cannot read it for a preview: %s", path,
			   src ? sqlite3_errmsg(src) : "cannot open");
	sqlite3_close(src);
	return err->len ? -1 : 0;
}

struct store *store_open_copy(const char *path, const struct store_schema *schema,
			      struct buf *err)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	buf_init(&s->msg);
	buf_init(&s->imported);
	if (sqlite3_open_v2(":memory:", &s->db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
	    copy_in(s, path, err) < 0 || migrate(s, schema, NULL, err) < 0) {
		if (!err->len)
			buf_printf(err, "%s: cannot make a copy in memory", path);
		store_close(s);
		return NULL;
	}
	return s;
}

const char *store_imported(const struct store *s)
{
	return s->imported.len ? s->imported.data : NULL;
}

void store_before_commit(struct store *s, int (*fn)(void *ctx), void *ctx)
{
	if (s->nhooks < MAX_HOOKS)
		s->hooks[s->nhooks++] = (struct hook){ fn, ctx };
}

void store_before_commit_remove(struct store *s, int (*fn)(void *ctx), void *ctx)
{
	for (int i = 0; i < s->nhooks; i++)
		if (s->hooks[i].fn == fn && s->hooks[i].ctx == ctx) {
			for (int j = i + 1; j < s->nhooks; j++)
				s->hooks[j - 1] = s->hooks[j];
			s->nhooks--;
			return;
		}
}

/* Commits the open batch after every before-commit hook agrees. */
static int batch_commit(struct store *s)
{
	for (int i = 0; i < s->nhooks; i++)
		if (s->hooks[i].fn(s->hooks[i].ctx) < 0) {
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
	if (s->db && s->in_batch)
		rc = batch_commit(s);
	if (s->db)
		sqlite3_close(s->db);
	free(s->path);
	buf_release(&s->msg);
	buf_release(&s->imported);
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
			buf_printf(err, "preparing %s: %s", what, store_errmsg(s));
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
	buf_reset(&s->msg);
	if (!s->db) {
		buf_printf(&s->msg, "%s: not open", s->path);
		return s->msg.data;
	}
	int code = sqlite3_errcode(s->db);
	if (code != SQLITE_BUSY && code != SQLITE_LOCKED) {
		buf_printf(&s->msg, "%s: %s", s->path, sqlite3_errmsg(s->db));
		return s->msg.data;
	}
	buf_printf(&s->msg, "%s: database is locked: ", s->path);
	store_lock_describe(s->path, &s->msg);
	buf_printf(&s->msg, "; gave up after %g s ($BIRDDOG_BUSY_TIMEOUT sets the wait)",
		   store_busy_timeout_ms() / 1000.0);
	return s->msg.data;
}

void store_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	if (s)
		sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

int store_run(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	store_done(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

void store_done(sqlite3_stmt *st)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
}
