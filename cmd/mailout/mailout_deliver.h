/* SPDX-License-Identifier: MIT */
/* mailout's per-record work: a record's packet mailed to each buyer whose buy
 * box it fits, once per packet and buyer (the outbox), over SMTP or into a Maildir. */
#ifndef BIRDDOG_MAILOUT_DELIVER_H
#define BIRDDOG_MAILOUT_DELIVER_H

#include "buf.h"
#include "record.h"
#include "stage.h"

struct buyers;
struct maildir;
struct outbox;
struct smtp;
struct tenant;

/* What happened to one message: the outreach "status" values. */
enum mailout_outcome {
	MAILOUT_SENT, MAILOUT_WRITTEN, MAILOUT_SKIPPED, MAILOUT_SUPPRESSED,
	MAILOUT_FAILED,           /* refused for good by the server in this run */
	MAILOUT_DEFERRED,         /* a transient failure: 'queued' for the next run */
	MAILOUT_SKIPPED_FAILED,   /* refused for good by an earlier run */
	MAILOUT_NOUTCOMES
};

/* The outcome's "status" value ("sent", "skipped_duplicate"); static. */
const char *mailout_outcome_name(enum mailout_outcome o);

/* What every record's messages use. The pointers are borrowed (the program
 * opens and frees them); the buffers are scratch owned by the struct. */
struct mailout_deliver {
	const struct tenant *tenant;      /* checked: has sender and postal address */
	const char *tenant_name;          /* for the Message-IDs */
	const char *packets_dir;          /* absolute; the only place packets are read */
	int packets_fd;                   /* that directory, or -1 when it is missing */
	struct buyers *buyers;
	struct outbox *outbox;
	struct smtp *smtp;                /* NULL: deliver into maildir */
	struct maildir *maildir;
	const char *unsub_mailto;
	struct buf text, html, msg, err;
	unsigned long count[MAILOUT_NOUTCOMES];   /* messages, by outcome */
	unsigned long resent;             /* sent again after a run died sending them */
};

/*
 * The stage's record function; st->ctx is a struct mailout_deliver. Mails
 * rec's packet to each matching buyer and sets rec's "outreach" (owned by
 * rec) to what happened. STAGE_REJECT for a bad packet, STAGE_FATAL with
 * st->status set when the run must stop (SMTP server unreachable, database
 * error, or SIGINT/SIGTERM after the message in hand), with the reason in why.
 */
enum stage_verdict mailout_deliver_record(struct stage *st, struct record *rec,
					  struct buf *why);

/* Releases the scratch buffers, not the borrowed objects. */
void mailout_deliver_release(struct mailout_deliver *d);

#endif
