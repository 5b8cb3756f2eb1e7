/* SPDX-License-Identifier: MIT */
/* The outbox state machine and the suppression list in mailout.db:
 * prepared statements, each change committed on its own. */
#include "outbox.h"

#include <stdio.h>
#include <sqlite3.h>
#include <string.h>

#include "clock.h"
#include "store.h"
#include "xalloc.h"

enum stmt { INSERT, SELECT, CLAIM, MARK, COUNT, SUPPRESS, SUPPRESSED, NSTMT };

static const char *const sql[NSTMT] = {
	[INSERT] = "INSERT INTO outbox (record_id, packet_sha256, recipient, message_id, status,"
		   " created_at, updated_at) VALUES (?1, ?2, ?3, ?4, 'queued', ?5, ?5)"
		   " ON CONFLICT (packet_sha256, recipient) DO NOTHING",
	[SELECT] = "SELECT id, message_id, status, attempts FROM outbox"
		   " WHERE packet_sha256 = ?1 AND recipient = ?2",
	[CLAIM] = "UPDATE outbox SET status = 'sending', attempts = attempts + 1, updated_at = ?2"
		  " WHERE id = ?1 AND status IN ('queued', 'sending')",
	[MARK] = "UPDATE outbox SET status = ?2, error = ?3, updated_at = ?4 WHERE id = ?1",
	[COUNT] = "SELECT count(*) FROM outbox WHERE status = ?1",
	[SUPPRESS] = "INSERT INTO suppression (email, reason, added_at) VALUES (?1, ?2, ?3)"
		     " ON CONFLICT (email) DO NOTHING",
	[SUPPRESSED] = "SELECT 1 FROM suppression WHERE email = ?1",
};

struct outbox {
	sqlite3 *db;
	sqlite3_stmt *st[NSTMT];
};

struct outbox *outbox_new(struct store *s, struct buf *err)
{
	struct outbox *o = xcalloc(1, sizeof *o);
	o->db = store_sqlite(s);
	if (store_prepare_all(s, sql, o->st, NSTMT, "the outbox", err) < 0) {
		free(o);
		return NULL;
	}
	return o;
}

void outbox_free(struct outbox *o)
{
	if (!o)
		return;
	store_finalize_all(o->st, NSTMT);
	free(o);
}

/* The statement, reset and cleared, ready for binding. */
static sqlite3_stmt *stmt(struct outbox *o, enum stmt which)
{
	sqlite3_stmt *s = o->st[which];
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

static void bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(s, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(s, i);
}

static void bind_now(sqlite3_stmt *s, int i)
{
	char now[CLOCK_RFC3339_LEN];
	clock_format(clock_now(), now);
	sqlite3_bind_text(s, i, now, -1, SQLITE_TRANSIENT);
}

/* Steps a statement that returns no row; 0, or -1 with the message in err. */
static int run(struct outbox *o, sqlite3_stmt *s, struct buf *err)
{
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return 0;
	buf_printf(err, "outbox: %s", sqlite3_errmsg(o->db));
	return -1;
}

/* Reads the row for (sha, recipient): 1 found, 0 absent, -1 error. */
static int find(struct outbox *o, const char *sha, const char *recipient,
		struct outbox_row *row, char status[16], struct buf *err)
{
	sqlite3_stmt *s = stmt(o, SELECT);
	bind_text(s, 1, sha);
	bind_text(s, 2, recipient);
	int rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		row->id = sqlite3_column_int64(s, 0);
		free(row->message_id);
		row->message_id = xstrdup((const char *)sqlite3_column_text(s, 1));
		snprintf(status, 16, "%s", (const char *)sqlite3_column_text(s, 2));
		row->attempts = sqlite3_column_int(s, 3);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	buf_printf(err, "outbox: %s", sqlite3_errmsg(o->db));
	return -1;
}

static enum outbox_claim classify(const char *status)
{
	if (!strcmp(status, "sent") || !strcmp(status, "written"))
		return OUTBOX_DONE;
	if (!strcmp(status, "failed"))
		return OUTBOX_FAILED;
	return OUTBOX_SEND;
}

enum outbox_claim outbox_claim(struct outbox *o, const char *record_id,
			       const char *packet_sha256, const char *recipient,
			       const char *message_id, struct outbox_row *row, struct buf *err)
{
	char status[16];
	memset(row, 0, sizeof *row);
	sqlite3_stmt *s = stmt(o, INSERT);
	bind_text(s, 1, record_id);
	bind_text(s, 2, packet_sha256);
	bind_text(s, 3, recipient);
	bind_text(s, 4, message_id);
	bind_now(s, 5);
	if (run(o, s, err) < 0 || find(o, packet_sha256, recipient, row, status, err) != 1)
		goto fail;
	enum outbox_claim c = classify(status);
	if (c != OUTBOX_SEND)
		return c;
	row->resend = !strcmp(status, "sending");
	s = stmt(o, CLAIM);
	sqlite3_bind_int64(s, 1, row->id);
	bind_now(s, 2);
	if (run(o, s, err) < 0)
		goto fail;
	if (sqlite3_changes(o->db) == 1)
		return OUTBOX_SEND;
	buf_adds(err, "outbox: the row changed under the claim (is another mailout running "
		 "without the lock?)");
fail:
	if (!err->len)
		buf_adds(err, "outbox: the row vanished");
	free(row->message_id);
	row->message_id = NULL;
	return OUTBOX_ERROR;
}

int outbox_mark(struct outbox *o, long long id, const char *status, const char *error,
		struct buf *err)
{
	sqlite3_stmt *s = stmt(o, MARK);
	sqlite3_bind_int64(s, 1, id);
	bind_text(s, 2, status);
	bind_text(s, 3, error);
	bind_now(s, 4);
	return run(o, s, err);
}

long outbox_count(struct outbox *o, const char *status, struct buf *err)
{
	sqlite3_stmt *s = stmt(o, COUNT);
	bind_text(s, 1, status);
	long n = -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(s, 0);
	else
		buf_printf(err, "outbox: %s", sqlite3_errmsg(o->db));
	sqlite3_reset(s);
	return n;
}

int outbox_suppress(struct outbox *o, const char *key, const char *reason, struct buf *err)
{
	sqlite3_stmt *s = stmt(o, SUPPRESS);
	bind_text(s, 1, key);
	bind_text(s, 2, reason);
	bind_now(s, 3);
	int rc = run(o, s, err);
	return rc < 0 ? -1 : sqlite3_changes(o->db) > 0;
}

int outbox_suppressed(struct outbox *o, const char *key, struct buf *err)
{
	sqlite3_stmt *s = stmt(o, SUPPRESSED);
	bind_text(s, 1, key);
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	buf_printf(err, "suppression: %s", sqlite3_errmsg(o->db));
	return -1;
}
