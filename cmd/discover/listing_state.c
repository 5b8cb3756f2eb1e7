/* SPDX-License-Identifier: MIT */
/* Seen listings and their price history in SQLite, with bound statements. */
#include "listing_state.h"

#include <sqlite3.h>
#include <string.h>

#include "store.h"
#include "xalloc.h"

enum { ST_SELECT, ST_INSERT, ST_UPDATE, ST_HISTORY, ST_SALE_SELECT, ST_SALE_INSERT,
       ST_SALE_UPDATE, ST_LATEST_SALE, ST_COUNT };

static const char *const sql[ST_COUNT] = {
	[ST_SELECT] = "SELECT price, status, content_hash, last_run, last_source FROM listings"
		      " WHERE id = ?1",
	[ST_INSERT] = "INSERT INTO listings (id, source, source_id, first_seen, last_seen,"
		      " price, status, content_hash, last_run, record, last_source)"
		      " VALUES (?1, ?2, ?3, ?4, ?4, ?5, ?6, ?7, ?8, ?9, ?2)",
	[ST_UPDATE] = "UPDATE listings SET last_seen = ?2, price = ?3, status = ?4,"
		      " content_hash = ?5, last_run = ?6, record = coalesce(?7, record),"
		      " last_source = ?8 WHERE id = ?1",
	[ST_HISTORY] = "INSERT INTO price_history (listing_id, seen_at, price, status, event)"
		       " VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_SALE_SELECT] = "SELECT content_hash, last_run FROM sales WHERE listing_id = ?1"
			   " AND sale_date = ?2",
	[ST_SALE_INSERT] = "INSERT INTO sales (listing_id, sale_date, price, content_hash,"
			   " first_seen, last_seen, last_run) VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6)",
	[ST_SALE_UPDATE] = "UPDATE sales SET price = ?3, content_hash = ?4, last_seen = ?5,"
			   " last_run = ?6 WHERE listing_id = ?1 AND sale_date = ?2",
	/* The listing row follows its latest sale. */
	[ST_LATEST_SALE] = "UPDATE listings SET sale_date = ?2 WHERE id = ?1"
			   " AND (sale_date IS NULL OR sale_date < ?2)",
};

struct listing_state {
	sqlite3 *db;
	sqlite3_stmt *st[ST_COUNT];
	sqlite3_int64 run;        /* this run's token */
};

const char *listing_event_name(enum listing_event e)
{
	static const char *const names[] = { "new", "price_drop", "price_up", "status_change",
					     "updated", "sale", "unchanged", "conflict", "also",
					     "delisted", "relisted" };
	return names[e];
}

struct listing_state *listing_state_new(struct store *s, struct buf *err)
{
	struct listing_state *ls = xcalloc(1, sizeof *ls);
	ls->db = store_sqlite(s);
	if (store_prepare_all(s, sql, ls->st, ST_COUNT, "the listing state", err) < 0) {
		free(ls);
		return NULL;
	}
	/* Random, so that runs pinned to one $BIRDDOG_NOW differ too. */
	sqlite3_randomness(sizeof ls->run, &ls->run);
	return ls;
}

void listing_state_free(struct listing_state *ls)
{
	if (!ls)
		return;
	store_finalize_all(ls->st, ST_COUNT);
	free(ls);
}

static void bind_price(sqlite3_stmt *st, int i, const long long *price)
{
	if (price)
		sqlite3_bind_int64(st, i, *price);
	else
		sqlite3_bind_null(st, i);
}

static int same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The event for a listing seen before (st is positioned on its row). */
static enum listing_event compare(const struct listing_state *ls, sqlite3_stmt *st,
				  const struct listing_seen *in, long long *prev)
{
	int had_price = sqlite3_column_type(st, 0) != SQLITE_NULL;
	*prev = sqlite3_column_int64(st, 0);
	const char *status = (const char *)sqlite3_column_text(st, 1);
	const char *hash = (const char *)sqlite3_column_text(st, 2);
	const char *last_source = (const char *)sqlite3_column_text(st, 4);
	if (sqlite3_column_int64(st, 3) == ls->run && last_source && in->source &&
	    strcmp(last_source, in->source) != 0)
		return LISTING_ALSO;
	if (sqlite3_column_int64(st, 3) == ls->run)
		return same_text(hash, in->content_hash) ? LISTING_UNCHANGED : LISTING_CONFLICT;
	if (had_price && in->price && *in->price < *prev)
		return LISTING_PRICE_DROP;
	if (had_price && in->price && *in->price > *prev)
		return LISTING_PRICE_UP;
	if (!same_text(status, in->status))
		return LISTING_STATUS_CHANGE;
	if (!same_text(hash, in->content_hash))
		return LISTING_UPDATED;
	return LISTING_UNCHANGED;
}

static int insert(struct listing_state *ls, const struct listing_seen *in)
{
	sqlite3_stmt *st = ls->st[ST_INSERT];
	store_bind_text(st, 1, in->id);
	store_bind_text(st, 2, in->source);
	store_bind_text(st, 3, in->source_id);
	store_bind_text(st, 4, in->seen_at);
	bind_price(st, 5, in->price);
	store_bind_text(st, 6, in->status);
	store_bind_text(st, 7, in->content_hash);
	sqlite3_bind_int64(st, 8, ls->run);
	store_bind_text(st, 9, in->record);
	return store_run(st);
}

static int update(struct listing_state *ls, const struct listing_seen *in)
{
	sqlite3_stmt *st = ls->st[ST_UPDATE];
	store_bind_text(st, 1, in->id);
	store_bind_text(st, 2, in->seen_at);
	bind_price(st, 3, in->price);
	store_bind_text(st, 4, in->status);
	store_bind_text(st, 5, in->content_hash);
	sqlite3_bind_int64(st, 6, ls->run);
	store_bind_text(st, 7, in->record);
	store_bind_text(st, 8, in->source);
	return store_run(st);
}

static int history(struct listing_state *ls, const struct listing_seen *in, enum listing_event e)
{
	sqlite3_stmt *st = ls->st[ST_HISTORY];
	store_bind_text(st, 1, in->id);
	store_bind_text(st, 2, in->seen_at);
	bind_price(st, 3, in->price);
	store_bind_text(st, 4, in->status);
	store_bind_text(st, 5, listing_event_name(e));
	return store_run(st);
}

/* A sale's row for (id, sale_date): its event, from the row when there is
 * one; *known 1 when there was. -1 on a database error. */
static int sale_lookup(struct listing_state *ls, const struct listing_seen *in,
		       enum listing_event *event, int *known)
{
	sqlite3_stmt *st = ls->st[ST_SALE_SELECT];
	store_bind_text(st, 1, in->id);
	store_bind_text(st, 2, in->sale_date);
	int rc = sqlite3_step(st);
	*known = rc == SQLITE_ROW;
	if (*known) {
		int same = same_text((const char *)sqlite3_column_text(st, 0), in->content_hash);
		int this_run = sqlite3_column_int64(st, 1) == ls->run;
		*event = same ? LISTING_UNCHANGED : this_run ? LISTING_CONFLICT : LISTING_UPDATED;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

static int sale_store(struct listing_state *ls, const struct listing_seen *in, int known)
{
	sqlite3_stmt *st = ls->st[known ? ST_SALE_UPDATE : ST_SALE_INSERT];
	store_bind_text(st, 1, in->id);
	store_bind_text(st, 2, in->sale_date);
	bind_price(st, 3, in->sale_price);
	store_bind_text(st, 4, in->content_hash);
	store_bind_text(st, 5, in->seen_at);
	sqlite3_bind_int64(st, 6, ls->run);
	if (store_run(st) < 0)
		return -1;
	st = ls->st[ST_LATEST_SALE];
	store_bind_text(st, 1, in->id);
	store_bind_text(st, 2, in->sale_date);
	return store_run(st);
}

/* One sale: new, a repeat sale, updated, unchanged or a conflict. */
static int observe_sale(struct listing_state *ls, const struct listing_seen *in,
			enum listing_event *event)
{
	int known;
	if (sale_lookup(ls, in, event, &known) < 0)
		return -1;
	if (known && *event == LISTING_CONFLICT)
		return 0;
	if (!known) {
		sqlite3_stmt *st = ls->st[ST_SELECT];
		store_bind_text(st, 1, in->id);
		int rc = sqlite3_step(st);
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
			return -1;
		*event = rc == SQLITE_ROW ? LISTING_SALE : LISTING_NEW;
		if (*event == LISTING_NEW && insert(ls, in) < 0)
			return -1;
	}
	if (*event == LISTING_UNCHANGED)
		return sale_store(ls, in, 1);
	long long price = in->sale_price ? *in->sale_price : 0;
	struct listing_seen sale = *in;
	sale.price = in->sale_price ? &price : in->price;
	return sale_store(ls, in, known) < 0 ? -1 : history(ls, &sale, *event);
}

int listing_state_observe(struct listing_state *ls, const struct listing_seen *in,
			  enum listing_event *event, long long *previous_price)
{
	if (in->sale_date)
		return observe_sale(ls, in, event);
	sqlite3_stmt *st = ls->st[ST_SELECT];
	store_bind_text(st, 1, in->id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*event = compare(ls, st, in, previous_price);
	else
		*event = LISTING_NEW;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return -1;
	if (*event == LISTING_CONFLICT || *event == LISTING_ALSO)
		return 0;
	if ((*event == LISTING_NEW ? insert(ls, in) : update(ls, in)) < 0)
		return -1;
	return *event == LISTING_UNCHANGED ? 0 : history(ls, in, *event);
}
