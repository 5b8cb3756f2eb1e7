/* SPDX-License-Identifier: MIT */
/* The record loop every filter stage runs: read NDJSON lines, validate and
 * index each, call the stage's function, splice its keys into the output,
 * send bad lines whole to the reject file, print the summary, pick the
 * sysexits(3) status. */
#ifndef BIRDDOG_STAGE_H
#define BIRDDOG_STAGE_H

#include "buf.h"
#include "cli.h"
#include "record.h"

struct store;

enum stage_verdict {
	STAGE_PASS,    /* write the record (with the keys the stage set) */
	STAGE_DROP,    /* filtered out on purpose, e.g. below --min */
	STAGE_REJECT,  /* to the reject file; why holds the reason */
	STAGE_FATAL    /* stop now; why holds the reason, status the exit code */
};

struct stage;
/* Called once a record, inside the per-record jansson arena (see arena.h). */
typedef enum stage_verdict (*stage_record_fn)(struct stage *st, struct record *rec,
					      struct buf *why);

struct stage {
	const struct cli_common *common;   /* borrowed */
	stage_record_fn record;
	void *ctx;                          /* the program's own state */
	struct store *store;                /* optional: its batch commits while input waits */
	int status;                         /* with STAGE_FATAL: the exit status */
	/* Optional batching, for work done on many records at once (score's
	 * model predicts a whole matrix in one call). With batch_size > 0,
	 * record() gathers: STAGE_PASS keeps the record for the batch, at
	 * index slot; DROP and REJECT act at once. When batch_size records
	 * are kept, before input waits and at the end, batch() runs once on
	 * the n kept (0, or -1 to stop with why and status set), then
	 * finish() is called on each in input order, parsed again from its
	 * line with slot its index, and its verdict acts as record()'s would.
	 * A batched stage writes its state in finish().
	 *
	 * With batch_async, a full batch's batch() runs on a second thread
	 * while record() gathers the next batch and finish() writes the one
	 * before: reading and writing records overlaps the batch's work.
	 * The batches then alternate between two sets of the program's
	 * buffers: record() and finish() find theirs in buffer, batch() gets
	 * it as an argument and must touch only that set (no JSON, no
	 * output); batches still finish in input order. */
	size_t batch_size;
	int batch_async;
	int (*batch)(struct stage *st, size_t buffer, size_t n, struct buf *why);
	stage_record_fn finish;
	size_t slot, buffer;
	unsigned long in, out, rejected;    /* counted by stage_run */
	const char *file;                   /* the current input, for messages */
	long line;
};

/* Runs the loop over files (stdin when nfiles is 0) and returns the exit
 * status: 0, 65 when anything was rejected, 66 when an input could not be
 * opened, 74 on an I/O error, or the status a STAGE_FATAL set. */
int stage_run(struct stage *st, char *const *files, int nfiles);

/* Prints "prog: N in, N out, N rejected, S s, R records/s" unless quiet. */
void stage_summary(const struct cli_common *c, unsigned long in, unsigned long out,
		   unsigned long rejected, double seconds);
double stage_now(void);

/* Checks stdout after the last write: 0, or EX_IOERR with a message. */
int stage_close_stdout(void);

#endif
