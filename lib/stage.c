/* SPDX-License-Identifier: MIT */
/* The record loop every filter stage runs (see stage.h). */
#include "stage.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

#include "arena.h"
#include "diag.h"
#include "interrupt.h"
#include "ndjson.h"
#include "reject.h"
#include "store.h"
#include "xalloc.h"

#define OUT_CHUNK (128u << 10)

double stage_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void stage_summary(const struct cli_common *c, unsigned long in, unsigned long out,
		   unsigned long rejected, double seconds)
{
	if (c->quiet)
		return;
	double rate = seconds > 0 ? (double)in / seconds : 0;
	fprintf(stderr, "%s: %lu in, %lu out, %lu rejected, %.3f s, %.0f records/s\n",
		diag_prog(), in, out, rejected, seconds, rate);
}

int stage_close_stdout(void)
{
	if (fflush(stdout) == EOF || ferror(stdout)) {
		diag_error("write error on standard output: %s", strerror(errno));
		return EX_IOERR;
	}
	return 0;
}

/* The records kept for a batch: their lines, back to back, their parse
 * indexes (record_index_save: finish() parses nothing again), and where
 * each came from. */
struct kept {
	struct buf text, index;
	size_t *off, *len, *ioff;
	long *line;
	const char **file;
	size_t n;
};

/* A batch's batch() at work on the second thread. */
struct job {
	struct stage *st;
	size_t buffer, n;
	struct buf why;
	int rc;
	int running;                /* started and not yet joined */
	pthread_t thread;
};

struct loop {
	struct stage *st;
	struct kept kept[2];        /* the batch being gathered is kept[cur] */
	size_t cur;
	struct job job[2];          /* job[b] does kept[b]'s batch() */
	int failed;                 /* a fatal verdict or an I/O error: no more output */
	struct ndjson_reader *in;
	struct reject *rej;
	struct record *rec;
	struct buf why, out;
	int status;
	int show_progress;
	double start, last_progress;
};

/* Output is gathered into large writes; a reader that waits gets it first. */
static void flush_out(struct loop *l)
{
	if (l->out.len)
		fwrite(l->out.data, 1, l->out.len, stdout);
	buf_reset(&l->out);
}

/* The store's before-commit hook: emit, then commit. Every record of the
 * batch is written out before the state that marks it done commits, so a
 * crash repeats records and never loses them. */
static int emit(void *ctx)
{
	struct loop *l = ctx;
	flush_out(l);
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	if (!l->status)
		diag_error("write error on standard output: %s; state not committed",
			   strerror(errno));
	l->status = EX_IOERR;
	l->failed = 1;
	return -1;
}

/* Sends the current line whole to the reject file; 0, or -1 when it cannot be written. */
static int reject_line(struct loop *l, const char *line, size_t len, int too_long, const char *why)
{
	struct stage *st = l->st;
	diag_error_at(st->file, st->line, "%s", why);
	st->rejected++;
	FILE *fp = reject_stream(l->rej);
	if (!fp || fwrite(line, 1, len, fp) != len)
		goto fail;
	if (too_long ? ndjson_reader_copy_rest(l->in, fp) < 0 : putc('\n', fp) == EOF)
		goto fail;
	if (fflush(fp) == EOF)
		goto fail;
	return 0;
fail:
	diag_error("cannot write reject file '%s': %s", reject_path(l->rej), strerror(errno));
	l->status = EX_IOERR;
	l->failed = 1;
	return -1;
}

static void progress(struct loop *l)
{
	double now = stage_now();
	if (now - l->last_progress < 1.0)
		return;
	l->last_progress = now;
	fprintf(stderr, "\r%s: %lu records...", diag_prog(), l->st->in);
}

static void keep(struct loop *l, const char *line, size_t len)
{
	struct kept *k = &l->kept[l->cur];
	if (!k->off) {
		size_t n = l->st->batch_size;
		k->off = xcalloc(n, sizeof *k->off);
		k->len = xcalloc(n, sizeof *k->len);
		k->ioff = xcalloc(n, sizeof *k->ioff);
		k->line = xcalloc(n, sizeof *k->line);
		k->file = xcalloc(n, sizeof *k->file);
	}
	k->off[k->n] = k->text.len;
	k->len[k->n] = len;
	k->line[k->n] = l->st->line;
	k->file[k->n] = l->st->file;
	k->ioff[k->n] = k->index.len;
	record_index_save(l->rec, &k->index);
	buf_add(&k->text, line, len);
	buf_addc(&k->text, '\0');
	k->n++;
}

/* What a verdict does once the record is done with; -1 stops the loop. */
static int act(struct loop *l, enum stage_verdict v, const char *line, size_t len)
{
	struct stage *st = l->st;
	if (v == STAGE_REJECT)
		return reject_line(l, line, len, 0, buf_cstr(&l->why));
	if (v == STAGE_FATAL) {
		diag_error_at(st->file, st->line, "%s", buf_cstr(&l->why));
		l->status = st->status ? st->status : EX_SOFTWARE;
		l->failed = 1;
		return -1;
	}
	return 0;
}

static void write_record(struct loop *l)
{
	record_write(l->rec, &l->out);
	l->st->out++;
	if (l->out.len >= OUT_CHUNK)
		flush_out(l);
}

/* One input line through the stage; -1 stops the loop. */
static int one_line(struct loop *l, const char *line, size_t len)
{
	struct stage *st = l->st;
	buf_reset(&l->why);
	json_arena_begin();
	enum stage_verdict v = STAGE_REJECT;
	st->slot = l->kept[l->cur].n;
	st->buffer = l->cur;
	if (record_parse(l->rec, line, len, &l->why) == 0)
		v = st->record(st, l->rec, &l->why);
	if (v == STAGE_PASS && st->batch_size)
		keep(l, line, len);
	else if (v == STAGE_PASS)
		write_record(l);
	record_clear(l->rec);
	json_arena_end();
	return act(l, v, line, len);
}

static void kept_empty(struct kept *k)
{
	k->n = 0;
	buf_reset(&k->text);
	buf_reset(&k->index);
}

/* Finishes each record of kept[b] in input order, after its batch() gave
 * rc; -1 stops the loop. */
static int finish_kept(struct loop *l, size_t b, int rc, const struct buf *why)
{
	struct stage *st = l->st;
	struct kept *k = &l->kept[b];
	const char *file = st->file;
	long lineno = st->line;
	if (rc < 0) {
		buf_reset(&l->why);
		buf_add(&l->why, why->data ? why->data : "", why->len);
		rc = act(l, STAGE_FATAL, NULL, 0);
	}
	for (size_t i = 0; i < k->n && rc == 0; i++) {
		const char *line = k->text.data + k->off[i];
		st->file = k->file[i], st->line = k->line[i], st->slot = i, st->buffer = b;
		buf_reset(&l->why);
		json_arena_begin();
		record_reparse(l->rec, line, k->len[i], k->index.data + k->ioff[i]);
		enum stage_verdict v = st->finish(st, l->rec, &l->why);
		if (v == STAGE_PASS)
			write_record(l);
		record_clear(l->rec);
		json_arena_end();
		rc = act(l, v, line, k->len[i]);
	}
	st->file = file, st->line = lineno;
	kept_empty(k);
	return rc;
}

/* Waits for the batch of kept[b] on the second thread, if it runs. */
static int join(struct loop *l, size_t b)
{
	if (!l->job[b].running)
		return 0;
	pthread_join(l->job[b].thread, NULL);
	l->job[b].running = 0;
	return 1;
}

/* Finishes kept[b] after its batch() gave rc, or drops it when the loop
 * has failed; -1 stops. */
static int finish_or_drop(struct loop *l, size_t b)
{
	if (!l->failed)
		return finish_kept(l, b, l->job[b].rc, &l->job[b].why);
	kept_empty(&l->kept[b]);
	return -1;
}

/* Runs the batch gathered in kept[cur] here and finishes it. */
static int run_here(struct loop *l)
{
	size_t b = l->cur;
	if (!l->kept[b].n || l->failed)
		return l->failed ? -1 : 0;
	buf_reset(&l->job[b].why);
	l->job[b].rc = l->st->batch(l->st, b, l->kept[b].n, &l->job[b].why);
	return finish_kept(l, b, l->job[b].rc, &l->job[b].why);
}

/* Every batch kept, done and finished in input order (before input
 * waits, and at the end); -1 stops the loop. */
static int run_batch(struct loop *l)
{
	size_t prev = l->cur ^ 1;
	if (join(l, prev) && finish_or_drop(l, prev) < 0)
		return -1;
	return run_here(l);
}

static void *work(void *arg)
{
	struct job *j = arg;
	j->rc = j->st->batch(j->st, j->buffer, j->n, &j->why);
	return NULL;
}

/* Starts kept[b]'s batch() on a second thread; 0 when it cannot. */
static int start(struct loop *l, size_t b)
{
	struct job *j = &l->job[b];
	j->st = l->st, j->buffer = b, j->n = l->kept[b].n, j->rc = 0;
	buf_reset(&j->why);
	/* signals stay with the reading thread, which polls for them */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	j->running = pthread_create(&j->thread, NULL, work, j) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return j->running;
}

/* A full batch. With batch_async it starts on a second thread, the batch
 * before it (done by now, or waited for) is finished meanwhile, and
 * gathering goes on in that one's buffers. */
static int batch_full(struct loop *l)
{
	size_t b = l->cur, prev = b ^ 1;
	if (!l->st->batch_async)
		return run_here(l);
	int had_prev = join(l, prev);
	if (l->failed || !start(l, b)) {
		if (had_prev && finish_or_drop(l, prev) < 0)
			return -1;
		return run_here(l);
	}
	l->cur = prev;
	return had_prev ? finish_or_drop(l, prev) : 0;
}

static void kept_release(struct kept *k)
{
	buf_release(&k->text);
	buf_release(&k->index);
	free(k->off);
	free(k->len);
	free(k->ioff);
	free(k->line);
	free((void *)k->file);
}

/* Emits and commits (see emit); 0 or -1 with the status set. */
static int emit_commit(struct loop *l)
{
	if (emit(l) < 0) {
		if (l->st->store)
			store_rollback(l->st->store);
		return -1;
	}
	if (!l->st->store || store_batch_flush(l->st->store) == 0)
		return 0;
	if (!l->status) {
		diag_error("committing state: %s", store_errmsg(l->st->store));
		l->status = EX_IOERR;
	}
	return -1;
}

static void on_wait(void *ctx)
{
	struct loop *l = ctx;
	run_batch(l);
	flush_out(l);
	fflush(stdout);
	emit_commit(l);
}

/* SIGINT or SIGTERM: the record in hand is done; stop reading. */
static void stop(struct loop *l)
{
	diag_error_at(l->st->file, l->st->line, "stopped by %s; what was read before is "
		      "written and committed", interrupt_name());
	if (!l->status)
		l->status = interrupt_status();
}

static void read_all(struct loop *l)
{
	const char *line;
	size_t len;
	char msg[96];
	for (;;) {
		if (interrupt_signal()) {
			stop(l);
			return;
		}
		enum ndjson_status s = ndjson_reader_next(l->in, &line, &len);
		l->st->file = ndjson_reader_file(l->in);
		l->st->line = ndjson_reader_lineno(l->in);
		if (s == NDJSON_EOF)
			return;
		if (s == NDJSON_STOP) {
			stop(l);
			return;
		}
		if (s == NDJSON_NOFILE || s == NDJSON_IOERR) {
			diag_error_at(l->st->file, 0, "%s", strerror(errno));
			l->status = s == NDJSON_NOFILE ? EX_NOINPUT : EX_IOERR;
			if (s == NDJSON_IOERR)
				return;
			continue;
		}
		l->st->in++;
		if (l->show_progress && (l->st->in & 0x3fff) == 0)
			progress(l);
		if (s == NDJSON_TOO_LONG) {
			snprintf(msg, sizeof msg, "line longer than %zu bytes", l->st->common->max_line);
			if (reject_line(l, line, len, 1, msg) < 0)
				return;
			continue;
		}
		if (one_line(l, line, len) < 0)
			return;
		if (l->st->batch_size && l->kept[l->cur].n == l->st->batch_size &&
		    batch_full(l) < 0)
			return;
	}
}

int stage_run(struct stage *st, char *const *files, int nfiles)
{
	struct loop l = { .st = st, .why = BUF_INIT, .out = BUF_INIT,
			  .job = { { .why = BUF_INIT }, { .why = BUF_INIT } } };
	interrupt_install();
	char *rej_path = cli_reject_path(st->common);
	l.rej = reject_new(rej_path);
	free(rej_path);
	l.in = ndjson_reader_new(files, nfiles, st->common->max_line);
	l.rec = record_new();
	l.start = l.last_progress = stage_now();
	l.show_progress = !st->common->quiet && isatty(STDERR_FILENO);
	ndjson_reader_on_wait(l.in, on_wait, &l);
	if (st->store)
		store_before_commit(st->store, emit, &l);
	read_all(&l);
	run_batch(&l);         /* what was read is written, even when stopped */
	emit_commit(&l);
	if (st->store)
		store_before_commit_remove(st->store, emit, &l);
	if (l.show_progress && st->in >= 0x4000)
		fputs("\r\033[K", stderr);
	stage_summary(st->common, st->in, st->out, st->rejected, stage_now() - l.start);
	if (reject_free(l.rej) < 0 && !l.status)
		l.status = EX_IOERR;
	ndjson_reader_free(l.in);
	record_free(l.rec);
	buf_release(&l.why);
	buf_release(&l.out);
	kept_release(&l.kept[0]);
	kept_release(&l.kept[1]);
	buf_release(&l.job[0].why);
	buf_release(&l.job[1].why);
	int out_status = stage_close_stdout();
	if (l.status)
		return l.status;
	if (out_status)
		return out_status;
	return st->rejected ? EX_DATAERR : 0;
}
