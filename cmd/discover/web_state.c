/* SPDX-License-Identifier: MIT */
/* discover's web tables (see web_state.h), with bound statements. */
#include "web_state.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "store.h"
#include "xalloc.h"

enum {
	ST_CACHE_GET, ST_CACHE_PUT, ST_BODY_PUT, ST_BODY_GET, ST_BODY_GC, ST_CHECKED, ST_LASTMOD,
	ST_PAGE_GET, ST_PAGE_PUT, ST_ROBOTS_GET, ST_ROBOTS_PUT, ST_BUDGET_GET, ST_BUDGET_PUT,
	ST_CURSOR_GET, ST_CURSOR_PUT, ST_CRAWL_NEXT, ST_CRAWL_PUT, ST_CRAWL_END, ST_COUNT
};

static const char *const sql[ST_COUNT] = {
	[ST_CACHE_GET] = "SELECT status, etag, last_modified, content_type, sha256, fetched_at,"
			 " lastmod FROM http_cache WHERE url = ?1",
	[ST_CACHE_PUT] = "INSERT INTO http_cache (url, status, etag, last_modified, content_type,"
			 " sha256, fetched_at, checked_at, lastmod) VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
			 " ?7, ?7, ?8) ON CONFLICT (url) DO UPDATE SET status = ?2, etag = ?3,"
			 " last_modified = ?4, content_type = ?5, sha256 = ?6, fetched_at = ?7,"
			 " checked_at = ?7, lastmod = coalesce(?8, lastmod)",
	[ST_BODY_PUT] = "INSERT OR IGNORE INTO bodies (sha256, body) VALUES (?1, ?2)",
	[ST_BODY_GET] = "SELECT body FROM bodies WHERE sha256 = ?1",
	/* A body no URL names any more goes. */
	[ST_BODY_GC] = "DELETE FROM bodies WHERE sha256 = ?1 AND NOT EXISTS"
		       " (SELECT 1 FROM http_cache WHERE sha256 = ?1)",
	[ST_CHECKED] = "UPDATE http_cache SET checked_at = ?2 WHERE url = ?1",
	[ST_LASTMOD] = "UPDATE http_cache SET lastmod = ?2 WHERE url = ?1",
	[ST_PAGE_GET] = "SELECT links, listings FROM page_out WHERE source = ?3 AND url = ?1"
			" AND sha256 = ?2",
	[ST_PAGE_PUT] = "INSERT OR REPLACE INTO page_out (url, sha256, links, listings, source)"
			" VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_ROBOTS_GET] = "SELECT status, body FROM robots WHERE host = ?1 AND fetched_at > ?2"
			  " AND fetched_at <= ?3",
	[ST_ROBOTS_PUT] = "INSERT OR REPLACE INTO robots (host, status, body, fetched_at)"
			  " VALUES (?1, ?2, ?3, ?4)",
	[ST_BUDGET_GET] = "SELECT tokens, updated FROM host_budget WHERE host = ?1",
	[ST_BUDGET_PUT] = "INSERT OR REPLACE INTO host_budget (host, tokens, updated)"
			  " VALUES (?1, ?2, ?3)",
	[ST_CURSOR_GET] = "SELECT modified, listing_key FROM cursors WHERE source = ?1",
	[ST_CURSOR_PUT] = "INSERT OR REPLACE INTO cursors (source, modified, listing_key)"
			  " VALUES (?1, ?2, ?3)",
	[ST_CRAWL_NEXT] = "SELECT coalesce(max(n), 0) + 1 FROM crawls WHERE source = ?1",
	[ST_CRAWL_PUT] = "INSERT INTO crawls (source, n, started) VALUES (?1, ?2, ?3)",
	[ST_CRAWL_END] = "UPDATE crawls SET finished = ?3, complete = ?4 WHERE source = ?1"
			 " AND n = ?2",
};

struct web_state {
	struct store *store;
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
};

struct web_state *web_state_new(struct store *s, struct buf *err)
{
	struct web_state *w = xcalloc(1, sizeof *w);
	w->store = s;
	w->db = store_sqlite(s);
	if (store_prepare_all(s, sql, w->st, ST_COUNT, "the web state", err) < 0) {
		free(w);
		return NULL;
	}
	return w;
}

void web_state_free(struct web_state *w)
{
	if (!w)
		return;
	store_finalize_all(w->st, ST_COUNT);
	free(w);
}

const char *web_state_errmsg(struct web_state *w)
{
	return store_errmsg(w->store);
}

static char *column(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	return s ? xstrdup(s) : NULL;
}

void cache_entry_release(struct cache_entry *e)
{
	free(e->etag);
	free(e->last_modified);
	free(e->content_type);
	free(e->sha256);
	free(e->fetched_at);
	free(e->lastmod);
	memset(e, 0, sizeof *e);
}

int web_cache_get(struct web_state *w, const char *url, struct cache_entry *e)
{
	sqlite3_stmt *st = w->st[ST_CACHE_GET];
	memset(e, 0, sizeof *e);
	store_bind_text(st, 1, url);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		e->status = sqlite3_column_int(st, 0);
		e->etag = column(st, 1);
		e->last_modified = column(st, 2);
		e->content_type = column(st, 3);
		e->sha256 = column(st, 4);
		e->fetched_at = column(st, 5);
		e->lastmod = column(st, 6);
	}
	store_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int web_cache_put(struct web_state *w, const char *url, const struct cache_entry *e,
		  const char *old_sha256, const char *body, size_t len)
{
	sqlite3_stmt *st = w->st[ST_BODY_PUT];
	store_bind_text(st, 1, e->sha256);
	sqlite3_bind_blob(st, 2, body ? body : "", (int)len, SQLITE_STATIC);
	int rc = store_run(st) < 0;
	st = w->st[ST_CACHE_PUT];
	store_bind_text(st, 1, url);
	sqlite3_bind_int64(st, 2, e->status);
	store_bind_text(st, 3, e->etag);
	store_bind_text(st, 4, e->last_modified);
	store_bind_text(st, 5, e->content_type);
	store_bind_text(st, 6, e->sha256);
	store_bind_text(st, 7, e->fetched_at);
	store_bind_text(st, 8, e->lastmod);
	rc |= store_run(st) < 0;
	if (!rc && old_sha256 && strcmp(old_sha256, e->sha256) != 0) {
		st = w->st[ST_BODY_GC];
		store_bind_text(st, 1, old_sha256);
		rc |= store_run(st) < 0;
	}
	return rc ? -1 : 0;
}

int web_cache_checked(struct web_state *w, const char *url, const char *checked_at)
{
	sqlite3_stmt *st = w->st[ST_CHECKED];
	store_bind_text(st, 1, url);
	store_bind_text(st, 2, checked_at);
	return store_run(st);
}

int web_cache_set_lastmod(struct web_state *w, const char *url, const char *lastmod)
{
	sqlite3_stmt *st = w->st[ST_LASTMOD];
	store_bind_text(st, 1, url);
	store_bind_text(st, 2, lastmod);
	return store_run(st);
}

int web_cache_body(struct web_state *w, const char *sha256, struct buf *out)
{
	sqlite3_stmt *st = w->st[ST_BODY_GET];
	store_bind_text(st, 1, sha256);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		buf_add(out, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	store_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int web_page_get(struct web_state *w, const char *source, const char *url, const char *sha256,
		 struct buf *links, struct buf *listings)
{
	sqlite3_stmt *st = w->st[ST_PAGE_GET];
	store_bind_text(st, 1, url);
	store_bind_text(st, 2, sha256);
	store_bind_text(st, 3, source);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		buf_adds(links, (const char *)sqlite3_column_text(st, 0));
		buf_adds(listings, (const char *)sqlite3_column_text(st, 1));
	}
	store_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int web_page_put(struct web_state *w, const char *source, const char *url, const char *sha256,
		 const char *links, const char *listings)
{
	sqlite3_stmt *st = w->st[ST_PAGE_PUT];
	store_bind_text(st, 1, url);
	store_bind_text(st, 2, sha256);
	store_bind_text(st, 3, links ? links : "");
	store_bind_text(st, 4, listings ? listings : "");
	store_bind_text(st, 5, source);
	return store_run(st);
}

int web_robots_get(struct web_state *w, const char *host, double now, double max_age,
		   long *status, struct buf *body)
{
	sqlite3_stmt *st = w->st[ST_ROBOTS_GET];
	store_bind_text(st, 1, host);
	sqlite3_bind_double(st, 2, now - max_age);
	sqlite3_bind_double(st, 3, now + 60);   /* a clock set back is no freshness */
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*status = sqlite3_column_int(st, 0);
		buf_add(body, sqlite3_column_blob(st, 1), (size_t)sqlite3_column_bytes(st, 1));
	}
	store_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int web_robots_put(struct web_state *w, const char *host, long status, const char *body,
		   size_t len, double now)
{
	sqlite3_stmt *st = w->st[ST_ROBOTS_PUT];
	store_bind_text(st, 1, host);
	sqlite3_bind_int64(st, 2, status);
	sqlite3_bind_blob(st, 3, body ? body : "", (int)len, SQLITE_STATIC);
	sqlite3_bind_double(st, 4, now);
	return store_run(st);
}

/* Read and update in one transaction, so that two processes never spend
 * the same token: within the batch when one is open (the write lock is
 * then held), else a short one of its own. */
double web_budget_take(struct web_state *w, const char *host, const struct http_policy *p,
		       double now)
{
	int own = sqlite3_get_autocommit(w->db);
	if (own && sqlite3_exec(w->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return 0;
	/* The time once the lock is held: another process may have spent a
	 * token while this one waited for it. */
	if (own)
		now = clock_wall();
	double tokens = 0, updated = 0;
	sqlite3_stmt *st = w->st[ST_BUDGET_GET];
	store_bind_text(st, 1, host);
	if (sqlite3_step(st) == SQLITE_ROW) {
		tokens = sqlite3_column_double(st, 0);
		updated = sqlite3_column_double(st, 1);
	}
	store_done(st);
	double wait = http_bucket_take(&tokens, &updated, p, now);
	st = w->st[ST_BUDGET_PUT];
	store_bind_text(st, 1, host);
	sqlite3_bind_double(st, 2, tokens);
	sqlite3_bind_double(st, 3, updated);
	store_run(st);
	if (own)
		sqlite3_exec(w->db, "COMMIT", NULL, NULL, NULL);
	return wait;
}

int web_cursor_get(struct web_state *w, const char *source, struct buf *modified,
		   struct buf *key)
{
	sqlite3_stmt *st = w->st[ST_CURSOR_GET];
	store_bind_text(st, 1, source);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		buf_adds(modified, (const char *)sqlite3_column_text(st, 0));
		buf_adds(key, (const char *)sqlite3_column_text(st, 1));
	}
	store_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int web_cursor_put(struct web_state *w, const char *source, const char *modified,
		   const char *key)
{
	sqlite3_stmt *st = w->st[ST_CURSOR_PUT];
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, modified);
	store_bind_text(st, 3, key);
	return store_run(st);
}

long web_crawl_begin(struct web_state *w, const char *source, const char *started)
{
	sqlite3_stmt *st = w->st[ST_CRAWL_NEXT];
	store_bind_text(st, 1, source);
	long n = sqlite3_step(st) == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	store_done(st);
	if (n < 0)
		return -1;
	st = w->st[ST_CRAWL_PUT];
	store_bind_text(st, 1, source);
	sqlite3_bind_int64(st, 2, n);
	store_bind_text(st, 3, started);
	return store_run(st) < 0 ? -1 : n;
}

int web_crawl_end(struct web_state *w, const char *source, long n, const char *finished,
		  int complete)
{
	sqlite3_stmt *st = w->st[ST_CRAWL_END];
	store_bind_text(st, 1, source);
	sqlite3_bind_int64(st, 2, n);
	store_bind_text(st, 3, finished);
	sqlite3_bind_int(st, 4, complete);
	return store_run(st);
}
