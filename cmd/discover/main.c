/* SPDX-License-Identifier: MIT */
/* discover: imports listing CSV files (RFC 4180), through a column mapping
 * or the RESO Data Dictionary names, as NDJSON listing records, writing the
 * listings that are new or changed since the last run. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "csv_reader.h"
#include "csvmap.h"
#include "diag.h"
#include "interrupt.h"
#include "listing.h"
#include "listing_state.h"
#include "reject.h"
#include "stage.h"
#include "store.h"

static const char usage[] =
	"usage: discover [OPTIONS] FILE...\n"
	"Import listing CSV files as NDJSON listing records: new and changed listings.\n"
	"\n"
	"  -m, --map FILE        column mapping JSON (default: the built-in RESO mapping)\n"
	"      --reso            use the built-in RESO Data Dictionary mapping\n"
	"  -S, --source NAME     source name for ids (default: the map's, else the file name)\n"
	"  -a, --all             write every row, not only new and changed listings\n"
	CLI_COMMON_USAGE;

enum { OPT_RESO = CLI_OPT_OWN };

struct discover_opts {
	struct cli_common common;
	const char *map;
	const char *source;
	int reso;
	int all;
};

struct discover {
	const struct discover_opts *o;
	struct csvmap *map;
	struct store *store;
	struct listing_state *state;
	struct reject *rej;
	struct listing rec;
	struct buf out, why, row;
	char seen_at[CLOCK_RFC3339_LEN];
	char source[65];
	const char *file;               /* the current input, for messages */
	unsigned long in, written, rejected;
	int status;
	int show_progress;
	double last_progress;
};

static void parse_options(struct discover_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "map", required_argument, NULL, 'm' },
		{ "reso", no_argument, NULL, OPT_RESO },
		{ "source", required_argument, NULL, 'S' },
		{ "all", no_argument, NULL, 'a' },
		{ 0 }
	};
	int c;
	cli_common_init(&o->common);
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "m:S:a", longopts, NULL)) != -1) {
		if (cli_common_option(&o->common, c, optarg, usage))
			continue;
		if (c == 'm')
			o->map = optarg;
		else if (c == OPT_RESO)
			o->reso = 1;
		else if (c == 'S')
			o->source = optarg;
		else if (c == 'a')
			o->all = 1;
	}
	if (o->map && o->reso)
		diag_usage("'--map' and '--reso' exclude each other");
	if (o->source && !csvmap_source_valid(o->source))
		diag_usage("invalid source name '%s' (1 to 64 of [a-z0-9_])", o->source);
	if (optind == argc)
		diag_usage("no input file (use '-' for standard input)");
}

/* The source name for path: -S, the map's "source", else the file's base
 * name without its extension, with every byte outside [a-z0-9_] made '_'. */
static void pick_source(struct discover *d, const char *path)
{
	const char *s = d->o->source ? d->o->source : csvmap_source(d->map);
	if (s || strcmp(path, "-") == 0) {
		snprintf(d->source, sizeof d->source, "%s", s ? s : "stdin");
		return;
	}
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base), i;
	for (i = 0; i < n && i < sizeof d->source - 1; i++) {
		char c = base[i];
		d->source[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a')
			: (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '_';
	}
	d->source[i] = '\0';
	if (i == 0)
		snprintf(d->source, sizeof d->source, "csv");
}

/* Reports a rejected row and appends data (a CSV record) to the reject file. */
static void reject(struct discover *d, long line, const char *why, const char *data, size_t len)
{
	diag_error_at(d->file, line, "%s", why);
	d->rejected++;
	if (reject_write(d->rej, data, len) < 0 && d->status != EX_IOERR) {
		diag_error("cannot write reject file '%s': %s", reject_path(d->rej), strerror(errno));
		d->status = EX_IOERR;
	}
}

static void reject_fields(struct discover *d, const struct csv_row *row, const char *why)
{
	buf_reset(&d->row);
	csv_format_row(&d->row, row->fields, row->lens, row->nfields);
	reject(d, row->line, why, d->row.data, d->row.len);
}

/* The rest of a row longer than --max-line goes to the reject file as it is. */
static int reject_long(struct discover *d, struct csv_reader *r, const struct csv_row *row)
{
	diag_error_at(d->file, row->line, "row longer than %zu bytes", d->o->common.max_line);
	d->rejected++;
	FILE *fp = reject_stream(d->rej);
	if (fp && fwrite(row->raw, 1, row->raw_len, fp) == row->raw_len
	    && csv_reader_copy_rest(r, fp) == 0 && fflush(fp) == 0)
		return 0;
	diag_error("cannot write reject file '%s': %s", reject_path(d->rej), strerror(errno));
	d->status = EX_IOERR;
	return -1;
}

/* Stores the sighting and writes the record when it is news (or --all);
 * 1 when the row conflicts with an earlier row of this run. */
static int record(struct discover *d)
{
	struct listing *l = &d->rec;
	long long price = l->num[LF_PRICE], sold = l->num[LF_SALE_PRICE], previous = 0;
	struct listing_seen seen = {
		.id = d->rec.id.data, .source = d->source,
		.source_id = listing_text(l, LF_SOURCE_ID), .seen_at = d->seen_at,
		.price = listing_has(l, LF_PRICE) ? &price : NULL,
		.status = listing_text(l, LF_STATUS),
		.sale_date = listing_text(l, LF_SALE_DATE),
		.sale_price = listing_has(l, LF_SALE_PRICE) ? &sold : NULL,
	};
	char hash[17];
	enum listing_event ev;
	snprintf(hash, sizeof hash, "%016llx", (unsigned long long)l->hash);
	seen.content_hash = hash;
	if (store_batch_tick(d->store) < 0 || listing_state_observe(d->state, &seen, &ev, &previous) < 0) {
		diag_error("updating state: %s", store_errmsg(d->store));
		d->status = EX_IOERR;
		return -1;
	}
	if (ev == LISTING_CONFLICT) {
		buf_adds(&d->why, "'");
		for (const char *p = d->rec.id.data; *p; p++)
			buf_addc(&d->why, (unsigned char)*p < 0x20 ? '?' : *p);
		buf_adds(&d->why, "' was read before in this run with other values");
		return 1;
	}
	if (ev == LISTING_UNCHANGED && !d->o->all)
		return 0;
	int priced = ev == LISTING_PRICE_DROP || ev == LISTING_PRICE_UP;
	buf_reset(&d->out);
	listing_write(l, &d->out, d->seen_at, listing_event_name(ev), priced ? &previous : NULL);
	fwrite(d->out.data, 1, d->out.len, stdout);
	d->written++;
	return 0;
}

static int one_row(struct discover *d, const struct csv_row *row)
{
	buf_reset(&d->why);
	if (row->nfields != csvmap_width(d->map)) {
		buf_printf(&d->why, "row has %zu field%s, the header has %zu", row->nfields,
			   row->nfields == 1 ? "" : "s", csvmap_width(d->map));
	} else if (csvmap_apply(d->map, row->fields, row->lens, &d->rec, &d->why) == 0
		   && listing_encode(&d->rec, d->source, &d->why) == 0) {
		int rc = record(d);
		if (rc <= 0)
			return rc;
	}
	reject_fields(d, row, buf_cstr(&d->why));
	return 0;
}

static void progress(struct discover *d)
{
	double now = stage_now();
	if (!d->show_progress || (d->in & 0x3fff) || now - d->last_progress < 1.0)
		return;
	d->last_progress = now;
	fprintf(stderr, "\r%s: %lu rows...", diag_prog(), d->in);
}

static void rows(struct discover *d, struct csv_reader *r)
{
	struct csv_row row;
	for (;;) {
		enum csv_reader_status s = interrupt_signal() ? CSV_READER_STOP
					   : csv_reader_next(r, &row);
		if (s == CSV_READER_STOP) {
			diag_error_at(d->file, 0, "stopped by %s; the rows read before are "
				      "written and committed", interrupt_name());
			d->status = interrupt_status();
			return;
		}
		if (s == CSV_READER_EOF)
			return;
		if (s == CSV_READER_IOERR) {
			diag_error_at(d->file, 0, "%s", strerror(errno));
			d->status = EX_IOERR;
			return;
		}
		d->in++;
		progress(d);
		if (s == CSV_READER_BAD)
			reject(d, row.line, row.reason, row.raw, row.raw_len);
		if ((s == CSV_READER_TOO_LONG && reject_long(d, r, &row) < 0)
		    || (s == CSV_READER_ROW && one_row(d, &row) < 0) || d->status == EX_IOERR)
			return;
	}
}

/* Reads the header and binds the mapping; 0, or -1 when the file is done. */
static int header(struct discover *d, struct csv_reader *r)
{
	struct csv_row row;
	enum csv_reader_status s = csv_reader_next(r, &row);
	buf_reset(&d->why);
	if (s == CSV_READER_ROW && csvmap_bind(d->map, row.fields, row.lens, row.nfields, &d->why) == 0)
		return 0;
	if (s == CSV_READER_ROW) {
		diag_error_at(d->file, 0, "%s", buf_cstr(&d->why));
		d->status = EX_CONFIG;
	} else if (s == CSV_READER_IOERR) {
		diag_error_at(d->file, 0, "%s", strerror(errno));
		d->status = EX_IOERR;
	} else if (s == CSV_READER_STOP) {
		diag_error_at(d->file, 0, "stopped by %s", interrupt_name());
		d->status = interrupt_status();
	} else {
		diag_error_at(d->file, row.line, "%s", s == CSV_READER_EOF ? "no header row"
			      : s == CSV_READER_BAD ? row.reason : "header row too long");
		d->rejected++;
	}
	return -1;
}

static void on_wait(void *ctx)
{
	struct discover *d = ctx;
	if (store_batch_flush(d->store) < 0 && !d->status) {
		diag_error("committing state: %s", store_errmsg(d->store));
		d->status = EX_IOERR;
	}
}

static void one_file(struct discover *d, const char *path)
{
	struct csv_reader *r = csv_reader_open(path, d->o->common.max_line);
	d->file = strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (!r) {
		diag_error_at(d->file, 0, "%s", strerror(errno));
		d->status = EX_NOINPUT;
		return;
	}
	csv_reader_on_wait(r, on_wait, d);
	pick_source(d, path);
	if (header(d, r) == 0)
		rows(d, r);
	csv_reader_close(r);
}

/* Emit, then commit: the listings a batch marks as seen reach stdout
 * before the batch commits, so a crash repeats them rather than loses them. */
static int emit(void *ctx)
{
	struct discover *d = ctx;
	if (fflush(stdout) == 0)
		return 0;
	if (!d->status)
		diag_error("write error on standard output: %s", strerror(errno));
	d->status = EX_IOERR;
	return -1;
}

static void open_state(struct discover *d)
{
	struct buf err = BUF_INIT;
	char *rej = cli_reject_path_named(&d->o->common, "discover.csv");
	d->store = cli_open_store(&d->o->common, &listing_state_schema);
	d->state = listing_state_new(d->store, &err);
	if (!d->state)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	store_before_commit(d->store, emit, d);
	d->rej = reject_new(rej);
	free(rej);
	buf_release(&err);
}

static int finish(struct discover *d, double start)
{
	if (d->show_progress && d->in >= 0x4000)
		fputs("\r\033[K", stderr);
	listing_state_free(d->state);
	if (store_batch_flush(d->store) < 0 && !d->status) {
		diag_error("committing state: %s", store_errmsg(d->store));
		d->status = EX_IOERR;
	}
	if (store_close(d->store) < 0 && !d->status) {
		diag_error("committing state failed");
		d->status = EX_IOERR;
	}
	if (reject_free(d->rej) < 0 && !d->status)
		d->status = EX_IOERR;
	stage_summary(&d->o->common, d->in, d->written, d->rejected, stage_now() - start);
	int out = stage_close_stdout();
	csvmap_free(d->map);
	listing_release(&d->rec);
	buf_release(&d->out);
	buf_release(&d->why);
	buf_release(&d->row);
	return d->status ? d->status : out ? out : d->rejected ? EX_DATAERR : 0;
}

int main(int argc, char **argv)
{
	struct discover_opts o = { 0 };
	struct discover d = { .o = &o };
	struct buf err = BUF_INIT;
	double start = stage_now();
	diag_init(argv);
	parse_options(&o, argc, argv);
	d.map = o.map ? csvmap_load(o.map, &err) : csvmap_reso();
	if (!d.map)
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	buf_release(&err);
	clock_format(clock_now(), d.seen_at);
	d.show_progress = !o.common.quiet && isatty(STDERR_FILENO);
	open_state(&d);
	interrupt_install();
	for (int i = optind; i < argc && d.status != EX_CONFIG && d.status != EX_IOERR &&
	     !interrupt_signal(); i++)
		one_file(&d, argv[i]);
	return finish(&d, start);
}
