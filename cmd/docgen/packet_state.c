/* SPDX-License-Identifier: MIT */
/* The packets table (see packet_state.h and its CREATE in packet_schema.c), with
 * statements prepared once and every value bound. */
#include "packet_state.h"

#include <sqlite3.h>
#include <stdlib.h>

#include "store.h"
#include "xalloc.h"

enum { SAME, PUT, NSTMT };

static const char *const sql[NSTMT] = {
	[SAME] = "SELECT 1 FROM packets WHERE id = ?1 AND sha256 = ?2 AND html_path = ?3"
		 " AND text_path = ?4",
	[PUT] = "INSERT INTO packets (id, sha256, html_path, text_path, updated_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)"
		" ON CONFLICT (id) DO UPDATE SET sha256 = excluded.sha256,"
		" html_path = excluded.html_path, text_path = excluded.text_path,"
		" updated_at = excluded.updated_at",
};

struct packet_state {
	sqlite3 *db;
	sqlite3_stmt *st[NSTMT];
};

struct packet_state *packet_state_new(struct store *s, struct buf *err)
{
	struct packet_state *ps = xcalloc(1, sizeof *ps);
	ps->db = store_sqlite(s);
	if (store_prepare_all(s, sql, ps->st, NSTMT, "the packets statements", err) < 0) {
		free(ps);
		return NULL;
	}
	return ps;
}

void packet_state_free(struct packet_state *ps)
{
	if (!ps)
		return;
	store_finalize_all(ps->st, NSTMT);
	free(ps);
}

static void bind4(sqlite3_stmt *st, const char *a, const char *b, const char *c, const char *d)
{
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, c, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, d, -1, SQLITE_STATIC);
}

int packet_state_same(struct packet_state *ps, const char *id, const char *sha256,
		      const char *html_path, const char *text_path)
{
	sqlite3_stmt *st = ps->st[SAME];
	bind4(st, id, sha256, html_path, text_path);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

int packet_state_put(struct packet_state *ps, const char *id, const char *sha256,
		     const char *html_path, const char *text_path, const char *updated_at)
{
	sqlite3_stmt *st = ps->st[PUT];
	bind4(st, id, sha256, html_path, text_path);
	sqlite3_bind_text(st, 5, updated_at, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

const char *packet_state_errmsg(struct packet_state *ps)
{
	return sqlite3_errmsg(ps->db);
}
