/* SPDX-License-Identifier: MIT */
/* Reading score train's records (see train_set.h): pass one checks each
 * and learns the spec's levels and columns, pass two makes the rows. */
#include "train_set.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "daynum.h"
#include "diag.h"
#include "fileio.h"
#include "geo.h"
#include "ndjson.h"
#include "record.h"
#include "record_rules.h"
#include "reject.h"
#include "xalloc.h"

struct pass {
	struct train_set *ts;
	const struct cli_common *c;
	const char *spool;            /* the temporary copy of stdin, or NULL */
	struct reject *rej;           /* pass one only */
	struct spec_learner *learn;   /* pass one only */
	struct digest *dg;
	struct record *rec;
	struct buf why;
	float *row;
	long now;
	size_t n;
	int status;
};

static const char *shown(const struct pass *p, const char *file)
{
	return p->spool && strcmp(file, p->spool) == 0 ? "<stdin>" : file;
}

/* A sold record: its price and sale day. NULL, or why not. */
static const char *sold(struct record *rec, double *price, long *day)
{
	const char *bad = record_rules_check(rec);
	if (bad)
		return bad;
	if (!record_get_number(rec, "sale_price", price) || !(*price > 0))
		return "no 'sale_price' above 0: score train learns from sold records "
		       "(see birddog-record(5))";
	const char *date = record_get_string(rec, "sale_date");
	char ymd[DAYNUM_TEXT_LEN];
	if (!date || strlen(date) < 10)
		return "no 'sale_date' (YYYY-MM-DD): score train learns from sold records";
	memcpy(ymd, date, 10);
	ymd[10] = '\0';
	if (daynum_parse(ymd, day) < 0)
		return "'sale_date' is not a date (YYYY-MM-DD)";
	return NULL;
}

/* 0 when the line is a training record (with its price, day and offset),
 * else -1 with why set. */
static int check(struct pass *p, const char *line, size_t len, double *price, long *day,
		 double *offset)
{
	buf_reset(&p->why);
	if (record_parse(p->rec, line, len, &p->why) < 0)
		return -1;
	const char *bad = sold(p->rec, price, day);
	if (bad) {
		buf_adds(&p->why, bad);
		return -1;
	}
	return spec_row(p->ts->spec, p->rec, p->now, p->row, offset, &p->why);
}

static void reject(struct pass *p, struct ndjson_reader *r, const char *line, size_t len,
		   int too_long)
{
	diag_error_at(shown(p, ndjson_reader_file(r)), ndjson_reader_lineno(r), "%s",
		      too_long ? "line too long" : buf_cstr(&p->why));
	p->ts->rejected++;
	FILE *fp = reject_stream(p->rej);
	if (!fp || fwrite(line, 1, len, fp) != len ||
	    (too_long ? ndjson_reader_copy_rest(r, fp) < 0 : putc('\n', fp) == EOF) ||
	    fflush(fp) == EOF) {
		diag_error("cannot write reject file '%s': %s", reject_path(p->rej), strerror(errno));
		p->status = EX_IOERR;
	}
}

static void first(struct pass *p, const char *line, size_t len, double price)
{
	spec_learn(p->learn, p->rec, log(price));
	digest_update(p->dg, line, len);
	digest_update(p->dg, "\n", 1);
	p->n++;
}

static void second(struct pass *p, double price, long day, double offset)
{
	struct train_set *ts = p->ts;
	size_t i = p->n++, cols = ts->x.cols;
	double lat, lon;
	memcpy(ts->x.x + i * cols, p->row, cols * sizeof *p->row);
	ts->offset[i] = offset;
	ts->log_price[i] = log(price);
	ts->t[i] = (float)(ts->log_price[i] - offset);
	ts->day[i] = day;
	int geo = record_get_number(p->rec, "lat", &lat) && record_get_number(p->rec, "lon", &lon)
		  && geo_valid(lat, lon);
	ts->lat[i] = geo ? lat : NAN;
	ts->lon[i] = geo ? lon : NAN;
	json_t *zip = record_get_path(p->rec, "address.zip");
	ts->zip[i] = json_is_string(zip) ? xstrdup(json_string_value(zip)) : NULL;
}

/* One pass over the files; learn is set on the first. */
static void run_pass(struct pass *p, char *const *files, int nfiles)
{
	struct ndjson_reader *r = ndjson_reader_new(files, nfiles, p->c->max_line);
	const char *line;
	size_t len;
	enum ndjson_status s;
	double price, offset;
	long day;
	while (!p->status && (s = ndjson_reader_next(r, &line, &len)) != NDJSON_EOF) {
		if (s == NDJSON_NOFILE || s == NDJSON_IOERR || s == NDJSON_STOP) {
			if (p->learn)
				diag_error_at(shown(p, ndjson_reader_file(r)), 0, "%s",
					      s == NDJSON_STOP ? "stopped" : strerror(errno));
			p->status = s == NDJSON_NOFILE ? EX_NOINPUT : EX_IOERR;
			break;
		}
		if (s == NDJSON_TOO_LONG) {
			if (p->learn)
				reject(p, r, line, len, 1);
			else
				ndjson_reader_copy_rest(r, NULL);
			continue;
		}
		int ok = check(p, line, len, &price, &day, &offset) == 0;
		if (ok && p->learn)
			first(p, line, len, price);
		else if (ok)
			second(p, price, day, offset);
		else if (p->learn)
			reject(p, r, line, len, 0);
		record_clear(p->rec);
	}
	ndjson_reader_free(r);
}

/* Copies stdin to a temporary file, for two passes; its path, or NULL. */
static char *spool_stdin(void)
{
	const char *dir = getenv("TMPDIR");
	struct buf path = BUF_INIT;
	char chunk[1 << 16];
	ssize_t got;
	buf_printf(&path, "%s/score-train.XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path.data);
	if (fd < 0) {
		diag_error("cannot make a temporary file in '%s' for standard input: %s",
			   dir && *dir ? dir : "/tmp", strerror(errno));
		buf_release(&path);
		return NULL;
	}
	while ((got = read(STDIN_FILENO, chunk, sizeof chunk)) > 0 || (got < 0 && errno == EINTR))
		if (got > 0 && fileio_write_all(fd, chunk, (size_t)got) < 0)
			break;
	if (got != 0 || close(fd) < 0) {
		diag_error("cannot copy standard input to '%s': %s", path.data, strerror(errno));
		unlink(path.data);
		buf_release(&path);
		return NULL;
	}
	return buf_detach(&path);
}

static void allocate(struct train_set *ts, size_t n)
{
	size_t m = n ? n : 1;
	ts->x.cols = ts->spec->n;
	ts->x.rows = n;
	ts->x.x = xcalloc(m * ts->x.cols, sizeof *ts->x.x);
	ts->t = xcalloc(m, sizeof *ts->t);
	ts->offset = xcalloc(m, sizeof *ts->offset);
	ts->log_price = xcalloc(m, sizeof *ts->log_price);
	ts->lat = xcalloc(m, sizeof *ts->lat);
	ts->lon = xcalloc(m, sizeof *ts->lon);
	ts->day = xcalloc(m, sizeof *ts->day);
	ts->zip = xcalloc(m, sizeof *ts->zip);
}

/* The file list with "-" (or none) replaced by the spooled copy of stdin. */
static char **file_list(char *const *files, int nfiles, const char *spool, int *n)
{
	char **list = xcalloc((size_t)(nfiles ? nfiles : 1), sizeof *list);
	*n = nfiles ? nfiles : 1;
	for (int i = 0; i < *n; i++)
		list[i] = !nfiles || strcmp(files[i], "-") == 0 ? (char *)spool : files[i];
	return list;
}

int train_set_read(struct train_set *ts, struct spec *spec, const struct cli_common *c,
		   char *const *files, int nfiles, long now)
{
	int use_stdin = nfiles == 0, n;
	for (int i = 0; i < nfiles; i++)
		use_stdin |= strcmp(files[i], "-") == 0;
	char *spool = use_stdin ? spool_stdin() : NULL;
	if (use_stdin && !spool)
		return EX_IOERR;
	char **list = file_list(files, nfiles, spool, &n);
	char *rej = cli_reject_path_named(c, "score-train.ndjson");
	memset(ts, 0, sizeof *ts);
	ts->spec = spec;
	struct pass p = { .ts = ts, .c = c, .spool = spool, .rej = reject_new(rej),
			  .learn = spec_learner_new(spec), .dg = digest_new(), .rec = record_new(),
			  .now = now };
	p.row = xcalloc(spec->n, sizeof *p.row);
	run_pass(&p, list, n);
	struct buf err = BUF_INIT;
	if (spec_freeze(p.learn, c->quiet || !p.n, &err) < 0 && !p.status && p.n) {
		diag_error("%s: %s", spec->where, buf_cstr(&err));
		p.status = EX_CONFIG;
	}
	buf_release(&err);
	p.learn = NULL;
	digest_hex(p.dg, ts->sha256);
	if (!p.status && p.n == 0) {
		diag_error("no sold records to train on%s", ts->rejected ? " (every one was rejected: "
			   "see the messages above)" : "");
		p.status = EX_DATAERR;
	}
	if (!p.status) {
		allocate(ts, p.n);
		ts->n = p.n;
		free(p.row);
		p.row = xcalloc(spec->n, sizeof *p.row);
		p.n = 0;
		run_pass(&p, list, n);
		if (!p.status && p.n != ts->n) {
			diag_error("the input changed between the two readings (%zu records, then %zu)",
				   ts->n, p.n);
			p.status = EX_IOERR;
		}
	}
	if (reject_free(p.rej) < 0 && !p.status)
		p.status = EX_IOERR;
	if (spool)
		unlink(spool);
	free(spool);
	free(list);
	free(rej);
	free(p.row);
	digest_free(p.dg);
	record_free(p.rec);
	buf_release(&p.why);
	return p.status;
}

void train_set_release(struct train_set *ts)
{
	for (size_t i = 0; i < ts->n; i++)
		free(ts->zip[i]);
	free(ts->zip);
	free(ts->x.x);
	free(ts->t);
	free(ts->offset);
	free(ts->log_price);
	free(ts->lat);
	free(ts->lon);
	free(ts->day);
}
