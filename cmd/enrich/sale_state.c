/* SPDX-License-Identifier: MIT */
/* The sales and rents tables (see sale_state.h): prepared statements made
 * once and reused; a reload replaces rows by their primary key (UPSERT). */
#include "sale_state.h"

#include <math.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"
#include "xalloc.h"

enum { SALE_EXISTS, SALE_PUT, RENT_EXISTS, RENT_PUT, NSTMT };

static const char *const sql[NSTMT] = {
	[SALE_EXISTS] = "SELECT 1 FROM sales WHERE id = ?1 AND sale_date = ?2",
	[SALE_PUT] = "INSERT INTO sales (id, sale_date, sale_day, price, address_key, zip,"
		" lat, lon, beds, baths, sqft, lot_sqft, year_built, source_file, loaded_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"
		" ON CONFLICT (id, sale_date) DO UPDATE SET sale_day = excluded.sale_day,"
		" price = excluded.price, address_key = excluded.address_key, zip = excluded.zip,"
		" lat = excluded.lat, lon = excluded.lon, beds = excluded.beds,"
		" baths = excluded.baths, sqft = excluded.sqft, lot_sqft = excluded.lot_sqft,"
		" year_built = excluded.year_built, source_file = excluded.source_file,"
		" loaded_at = excluded.loaded_at",
	[RENT_EXISTS] = "SELECT 1 FROM rents WHERE zip = ?1 AND beds = ?2",
	[RENT_PUT] = "INSERT INTO rents (zip, beds, rent, source_file, loaded_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (zip, beds) DO UPDATE SET"
		" rent = excluded.rent, source_file = excluded.source_file,"
		" loaded_at = excluded.loaded_at",
};

struct sale_state {
	sqlite3_stmt *st[NSTMT];
};

struct sale_state *sale_state_new(struct store *s, struct buf *err)
{
	struct sale_state *ss = xcalloc(1, sizeof *ss);
	if (store_prepare_all(s, sql, ss->st, NSTMT, "the sales statements", err) < 0) {
		free(ss);
		return NULL;
	}
	return ss;
}

void sale_state_free(struct sale_state *ss)
{
	if (!ss)
		return;
	store_finalize_all(ss->st, NSTMT);
	free(ss);
}

/* Runs a bound "SELECT 1" statement: 1 when it found a row, 0, or -1. */
static int exists(sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	store_done(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static void bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

/* Counts of things are whole: 3 beds, 1540 sq ft, built 1978. */
static void bind_whole(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, llround(v));
}

int sale_state_put(struct sale_state *ss, const struct sale *s, const char *source_file,
		   const char *loaded_at, int *existed)
{
	sqlite3_stmt *st = ss->st[SALE_EXISTS];
	store_bind_text(st, 1, s->id);
	store_bind_text(st, 2, s->date);
	if ((*existed = exists(st)) < 0)
		return -1;
	st = ss->st[SALE_PUT];
	store_bind_text(st, 1, s->id);
	store_bind_text(st, 2, s->date);
	sqlite3_bind_int64(st, 3, s->day);
	sqlite3_bind_int64(st, 4, s->price);
	store_bind_text(st, 5, s->key);
	store_bind_text(st, 6, s->zip[0] ? s->zip : NULL);
	bind_real(st, 7, s->lat);
	bind_real(st, 8, s->lon);
	bind_whole(st, 9, s->beds);
	bind_real(st, 10, s->baths);
	bind_whole(st, 11, s->sqft);
	bind_whole(st, 12, s->lot_sqft);
	bind_whole(st, 13, s->year_built);
	store_bind_text(st, 14, source_file);
	store_bind_text(st, 15, loaded_at);
	return store_run(st);
}

int sale_state_put_rent(struct sale_state *ss, const char *zip, long beds, long long rent,
			const char *source_file, const char *loaded_at, int *existed)
{
	sqlite3_stmt *st = ss->st[RENT_EXISTS];
	store_bind_text(st, 1, zip);
	sqlite3_bind_int64(st, 2, beds);
	if ((*existed = exists(st)) < 0)
		return -1;
	st = ss->st[RENT_PUT];
	store_bind_text(st, 1, zip);
	sqlite3_bind_int64(st, 2, beds);
	sqlite3_bind_int64(st, 3, rent);
	store_bind_text(st, 4, source_file);
	store_bind_text(st, 5, loaded_at);
	return store_run(st);
}

long sale_state_count(struct store *s, const char *table)
{
	sqlite3_stmt *st;
	long n = -1;
	const char *q = strcmp(table, "rents") == 0 ? "SELECT count(*) FROM rents"
		: "SELECT count(*) FROM sales";
	if (sqlite3_prepare_v2(store_sqlite(s), q, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}
