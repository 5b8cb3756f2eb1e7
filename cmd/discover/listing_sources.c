/* SPDX-License-Identifier: MIT */
/* The sources of each listing (see listing_sources.h). */
#include "listing_sources.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "jsonout.h"
#include "listing_state.h"
#include "store.h"
#include "xalloc.h"

enum {
	ST_BY_SOURCE, ST_BY_KEY, ST_SOURCES_OF, ST_INSERT, ST_UPDATE, ST_KEY_PUT, ST_SEEN,
	ST_GONE, ST_MARK, ST_ACTIVE, ST_RECORD, ST_HISTORY, ST_RELISTED, ST_OWN_GET, ST_OWN_PUT,
	ST_COUNT
};

static const char *const sql[ST_COUNT] = {
	[ST_BY_SOURCE] = "SELECT id, delisted FROM listing_sources WHERE source = ?1"
			 " AND source_id = ?2",
	/* Another source's listing at this address (one source's two listings
	 * at one address stay two: a relisting under a new number, a unit). */
	[ST_BY_KEY] = "SELECT k.id FROM listing_keys k WHERE k.address_key = ?1 AND NOT EXISTS"
		      " (SELECT 1 FROM listing_sources s WHERE s.id = k.id AND s.source = ?2)",
	[ST_SOURCES_OF] = "SELECT source FROM listing_sources WHERE id = ?1 ORDER BY rowid",
	[ST_INSERT] = "INSERT INTO listing_sources (source, source_id, id, url, last_crawl)"
		      " VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_UPDATE] = "UPDATE listing_sources SET url = coalesce(?3, url), last_crawl = ?4,"
		      " delisted = 0 WHERE source = ?1 AND source_id = ?2",
	[ST_KEY_PUT] = "INSERT OR IGNORE INTO listing_keys (address_key, id) VALUES (?1, ?2)",
	[ST_SEEN] = "UPDATE listing_sources SET last_crawl = ?3, delisted = 0 WHERE source = ?1"
		    " AND id = ?2",
	[ST_GONE] = "SELECT id FROM listing_sources WHERE source = ?1 AND delisted = 0"
		    " AND (last_crawl IS NULL OR last_crawl < ?2)",
	[ST_MARK] = "UPDATE listing_sources SET delisted = 1 WHERE source = ?1 AND id = ?2",
	[ST_ACTIVE] = "SELECT count(*) FROM listing_sources WHERE id = ?1 AND delisted = 0",
	[ST_RECORD] = "SELECT record FROM listings WHERE id = ?1",
	[ST_HISTORY] = "INSERT INTO price_history (listing_id, seen_at, price, status, event)"
		       " SELECT id, ?2, price, status, 'delisted' FROM listings WHERE id = ?1",
	[ST_OWN_GET] = "SELECT price, status, content_hash FROM listing_sources WHERE source = ?1"
		       " AND source_id = ?2",
	[ST_OWN_PUT] = "UPDATE listing_sources SET price = ?3, status = ?4, content_hash = ?5"
		       " WHERE source = ?1 AND source_id = ?2",
	[ST_RELISTED] = "INSERT INTO price_history (listing_id, seen_at, price, status, event)"
			" SELECT id, ?2, price, status, 'relisted' FROM listings WHERE id = ?1",
};

struct listing_sources {
	sqlite3_stmt *st[ST_COUNT];
};

struct listing_sources *listing_sources_new(struct store *s, struct buf *err)
{
	struct listing_sources *ls = xcalloc(1, sizeof *ls);
	if (store_prepare_all(s, sql, ls->st, ST_COUNT, "the listings' sources", err) < 0) {
		free(ls);
		return NULL;
	}
	return ls;
}

void listing_sources_free(struct listing_sources *ls)
{
	if (!ls)
		return;
	store_finalize_all(ls->st, ST_COUNT);
	free(ls);
}

/* The first column of st's first row into out (appended): 1, 0 none, -1. */
static int one_text(sqlite3_stmt *st, struct buf *out, int *second)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		buf_adds(out, (const char *)sqlite3_column_text(st, 0));
		if (second)
			*second = sqlite3_column_int(st, 1);
	}
	store_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The JSON list of id's sources, when there are more than one. */
static int sources_of(struct listing_sources *ls, const char *id, struct buf *out)
{
	sqlite3_stmt *st = ls->st[ST_SOURCES_OF];
	struct buf list = BUF_INIT;
	int n = 0, rc;
	store_bind_text(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		buf_addc(&list, n++ ? ',' : '[');
		jsonout_string(&list, s, strlen(s));
	}
	store_done(st);
	if (n > 1) {
		buf_add(out, list.data, list.len);
		buf_addc(out, ']');
	}
	buf_release(&list);
	return rc == SQLITE_DONE ? 0 : -1;
}

int listing_sources_identify(struct listing_sources *ls, const char *source,
			     const char *source_id, const char *url, const char *key, long crawl,
			     struct buf *id, struct buf *sources, int *news)
{
	sqlite3_stmt *st = ls->st[ST_BY_SOURCE];
	int delisted = 0, known;
	buf_reset(id);
	buf_reset(sources);
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, source_id);
	if ((known = one_text(st, id, &delisted)) < 0)
		return -1;
	*news = known && delisted ? LISTING_RELISTED_NEWS : 0;
	if (!known && key) {
		st = ls->st[ST_BY_KEY];
		store_bind_text(st, 1, key);
		store_bind_text(st, 2, source);
		if (one_text(st, id, NULL) < 0)
			return -1;
		if (id->len)
			*news = LISTING_JOINED_NEWS;
	}
	if (!id->len)
		buf_printf(id, "%s:%s", source, source_id);
	st = ls->st[known ? ST_UPDATE : ST_INSERT];
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, source_id);
	if (known) {
		store_bind_text(st, 3, url);
		sqlite3_bind_int64(st, 4, crawl);
	} else {
		store_bind_text(st, 3, id->data);
		store_bind_text(st, 4, url);
		sqlite3_bind_int64(st, 5, crawl);
	}
	if (store_run(st) < 0)
		return -1;
	if (key) {
		st = ls->st[ST_KEY_PUT];
		store_bind_text(st, 1, key);
		store_bind_text(st, 2, id->data);
		if (store_run(st) < 0)
			return -1;
	}
	return sources_of(ls, id->data, sources);
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

int listing_sources_observe(struct listing_sources *ls, const char *source,
			    const char *source_id, const long long *price, const char *status,
			    const char *content_hash, int *event, long long *previous)
{
	sqlite3_stmt *st = ls->st[ST_OWN_GET];
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, source_id);
	int rc = sqlite3_step(st);
	*event = LISTING_NEW;
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 2) != SQLITE_NULL) {
		int had = sqlite3_column_type(st, 0) != SQLITE_NULL;
		*previous = sqlite3_column_int64(st, 0);
		const char *was = (const char *)sqlite3_column_text(st, 1);
		const char *hash = (const char *)sqlite3_column_text(st, 2);
		*event = had && price && *price < *previous ? LISTING_PRICE_DROP
			: had && price && *price > *previous ? LISTING_PRICE_UP
			: !same(was, status) ? LISTING_STATUS_CHANGE
			: !same(hash, content_hash) ? LISTING_UPDATED : LISTING_UNCHANGED;
	}
	store_done(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	st = ls->st[ST_OWN_PUT];
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, source_id);
	if (price)
		sqlite3_bind_int64(st, 3, *price);
	store_bind_text(st, 4, status);
	store_bind_text(st, 5, content_hash);
	return store_run(st);
}

int listing_sources_seen(struct listing_sources *ls, const char *source, const char *id,
			 long crawl, const char *seen_at, struct buf *record)
{
	/* Delisted before: none of its sources was listing it. */
	int gone = 0;
	sqlite3_stmt *st = ls->st[ST_ACTIVE];
	store_bind_text(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		gone = sqlite3_column_int64(st, 0) == 0;
	store_done(st);
	st = ls->st[ST_SEEN];
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, id);
	sqlite3_bind_int64(st, 3, crawl);
	if (store_run(st) < 0)
		return -1;
	if (!gone)
		return 0;
	buf_reset(record);
	store_bind_text(ls->st[ST_RECORD], 1, id);
	store_bind_text(ls->st[ST_RELISTED], 1, id);
	store_bind_text(ls->st[ST_RELISTED], 2, seen_at);
	if (one_text(ls->st[ST_RECORD], record, NULL) < 0 || store_run(ls->st[ST_RELISTED]) < 0)
		return -1;
	return record->len && strchr(record->data, '\n') ? 1 : 0;
}

/* Marks id delisted by source; 1 when no source lists it any more. */
static int mark(struct listing_sources *ls, const char *source, const char *id)
{
	sqlite3_stmt *st = ls->st[ST_MARK];
	store_bind_text(st, 1, source);
	store_bind_text(st, 2, id);
	if (store_run(st) < 0)
		return -1;
	st = ls->st[ST_ACTIVE];
	store_bind_text(st, 1, id);
	int rc = sqlite3_step(st);
	long active = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : -1;
	store_done(st);
	return active < 0 ? -1 : active == 0;
}

long listing_sources_sweep(struct listing_sources *ls, const char *source, long crawl,
			   const char *seen_at,
			   void (*fn)(void *ctx, const char *id, const char *record), void *ctx)
{
	/* The ids first: marking them while the query runs would disturb it. */
	sqlite3_stmt *st = ls->st[ST_GONE];
	struct buf ids = BUF_INIT, record = BUF_INIT;
	int rc;
	long n = 0;
	store_bind_text(st, 1, source);
	sqlite3_bind_int64(st, 2, crawl);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		buf_adds(&ids, (const char *)sqlite3_column_text(st, 0));
		buf_addc(&ids, '\n');
	}
	store_done(st);
	for (char *id = ids.data, *nl; rc == SQLITE_DONE && id && (nl = strchr(id, '\n')); id = nl + 1) {
		*nl = '\0';
		int gone = mark(ls, source, id);
		if (gone < 0) {
			rc = SQLITE_ERROR;
			break;
		}
		if (!gone)
			continue;
		buf_reset(&record);
		store_bind_text(ls->st[ST_RECORD], 1, id);
		store_bind_text(ls->st[ST_HISTORY], 1, id);
		store_bind_text(ls->st[ST_HISTORY], 2, seen_at);
		if (one_text(ls->st[ST_RECORD], &record, NULL) < 0 || store_run(ls->st[ST_HISTORY]) < 0) {
			rc = SQLITE_ERROR;
			break;
		}
		if (record.len && strchr(record.data, '\n')) {
			fn(ctx, id, record.data);
			n++;
		}
	}
	buf_release(&ids);
	buf_release(&record);
	return rc == SQLITE_DONE ? n : -1;
}
