/* SPDX-License-Identifier: MIT */
/* mailout's state: the outbox (one row per packet and recipient, moving
 * queued -> sending -> sent | written | failed, or back to queued after a
 * transient failure) and the suppression list. Every change is committed
 * before the call returns. The caller holds the tenant's mailout lock, so
 * a row found 'sending' was left by a run that died mid-transfer. */
#ifndef BIRDDOG_OUTBOX_H
#define BIRDDOG_OUTBOX_H

#include "buf.h"

struct outbox;
struct store;
struct store_schema;

/* The tables of mailout.db (for cli_open_store). */
extern const struct store_schema outbox_schema;

/* Prepares the statements on the store's database (borrowed: close the
 * outbox before the store). NULL with a message in err. */
struct outbox *outbox_new(struct store *s, struct buf *err);
void outbox_free(struct outbox *o);

enum outbox_claim {
	OUTBOX_SEND,         /* the row is now 'sending': deliver, then outbox_mark */
	OUTBOX_DONE,         /* already sent or written by an earlier run */
	OUTBOX_FAILED,       /* refused for good (a 5xx) by an earlier run */
	OUTBOX_ERROR         /* database error, message in err */
};

/* The row a claim found or made. message_id is owned by the caller (free). */
struct outbox_row {
	long long id;
	char *message_id;
	int attempts;        /* transfers started before this one */
	int resend;          /* it was left 'sending' by a run that died: at
			      * least once, so it goes again, same Message-ID */
};

/* Finds or inserts (status 'queued', with message_id) the row for
 * (packet_sha256, recipient); a 'queued' or 'sending' row then moves to
 * 'sending'. The row's own message_id is kept when it already existed. */
enum outbox_claim outbox_claim(struct outbox *o, const char *record_id,
			       const char *packet_sha256, const char *recipient,
			       const char *message_id, struct outbox_row *row, struct buf *err);

/* Sets the row's status ("sent", "written", "failed", "queued") and error
 * (NULL to clear it). Returns 0, or -1 with a message in err. */
int outbox_mark(struct outbox *o, long long id, const char *status, const char *error,
		struct buf *err);

/* The number of rows in a status, or -1 with a message in err. */
long outbox_count(struct outbox *o, const char *status, struct buf *err);

/* Suppression, by an address's email_key. outbox_suppress returns 1 when
 * added, 0 when already there, -1 on error; outbox_suppressed returns 1 when
 * suppressed, 0 when not, -1 on error. */
int outbox_suppress(struct outbox *o, const char *key, const char *reason, struct buf *err);
int outbox_suppressed(struct outbox *o, const char *key, struct buf *err);

#endif
