/* SPDX-License-Identifier: MIT */
/* One CSV file through discover (see discover.h): its header bound to the
 * mapping, each row made a listing, stored, and written when it is news;
 * bad rows to the reject file. */
#include "discover.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "csv_reader.h"
#include "csvmap.h"
#include "diag.h"
#include "interrupt.h"
#include "listing_state.h"
#include "reject.h"
#include "stage.h"
#include "store.h"

/* The source name for path: -S, the map's "source", else from the file's
 * name (csvmap_source_name). */
static void pick_source(struct discover *d, const char *path)
{
	const char *s = d->force_source ? d->force_source
		: d->o->source ? d->o->source : csvmap_source(d->map);
	csvmap_source_name(s, path, d->source, sizeof d->source);
}

/* Reports a rejected row and appends it to the reject file: its fields and
 * the reason when it parsed (fields), else its bytes as read. */
static void reject(struct discover *d, const struct csv_row *row, const char *why, int fields)
{
	diag_error_at(d->file, row->line, "%s", why);
	d->rejected++;
	int rc = fields ? reject_write_row(d->rej, row->fields, row->lens, row->nfields, why)
		: reject_write(d->rej, row->raw, row->raw_len);
	if (rc < 0 && d->status != EX_IOERR) {
		diag_error("cannot write reject file '%s': %s", reject_path(d->rej), strerror(errno));
		d->status = EX_IOERR;
	}
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

static int one_row(struct discover *d, const struct csv_row *row)
{
	buf_reset(&d->why);
	if (row->nfields != csvmap_width(d->map)) {
		buf_printf(&d->why, "row has %zu field%s, the header has %zu", row->nfields,
			   row->nfields == 1 ? "" : "s", csvmap_width(d->map));
	} else if (csvmap_apply(d->map, row->fields, row->lens, &d->rec, &d->why) == 0
		   && listing_encode(&d->rec, d->source, NULL, &d->why) == 0) {
		int rc = discover_emit(d, &d->rec, d->source, NULL, 0);
		if (rc <= 0)
			return rc;
	}
	reject(d, row, buf_cstr(&d->why), 1);
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
			reject(d, &row, row.reason, 0);
		if ((s == CSV_READER_TOO_LONG && reject_long(d, r, &row) < 0)
		    || (s == CSV_READER_ROW && one_row(d, &row) < 0) || d->status == EX_IOERR)
			return;
	}
}

/* What to do about a header the map does not fit: show what is there. */
static void header_hint(struct discover *d, const struct csv_row *row)
{
	buf_adds(&d->why, "; the header has ");
	csv_format_row(&d->why, row->fields, row->lens, row->nfields > 30 ? 30 : row->nfields);
	buf_adds(&d->why, row->nfields > 30 ? ",...; " : "; ");
	buf_adds(&d->why, d->o->map ? "name those columns in the map (see discover(1))"
		 : "this is not a RESO export: write a column map and give it with --map FILE "
		   "(see discover(1), Column mappings)");
}

/* Reads the header and binds the mapping; 0, or -1 when the file is done. */
static int header(struct discover *d, struct csv_reader *r, const char *path)
{
	struct csv_row row;
	enum csv_reader_status s = csv_reader_next(r, &row);
	buf_reset(&d->why);
	if (s == CSV_READER_ROW && csvmap_bind(d->map, row.fields, row.lens, row.nfields, &d->why) == 0) {
		char *rej = d->o->preview || d->o->common.check ? NULL
			: cli_reject_path_csv(&d->o->common, "discover", path);
		reject_free(d->rej);
		d->rej = reject_new(rej);
		reject_set_header(d->rej, row.fields, row.lens, row.nfields);
		free(rej);
		return 0;
	}
	if (s == CSV_READER_ROW) {
		if (!strstr(d->why.data, "both named"))
			header_hint(d, &row);
		diag_error_at(d->file, 0, "%s", buf_cstr(&d->why));
		d->status = EX_CONFIG;
	} else if (s == CSV_READER_IOERR) {
		diag_error_at(d->file, 0, "%s", strerror(errno));
		d->status = EX_IOERR;
	} else if (s == CSV_READER_STOP) {
		diag_error_at(d->file, 0, "stopped by %s", interrupt_name());
		d->status = interrupt_status();
	} else if (s == CSV_READER_EOF) {
		if (!d->o->common.quiet)        /* nothing to read is no error */
			diag_error_at(d->file, 0, "empty: no header, no rows");
	} else {
		diag_error_at(d->file, row.line, "%s", s == CSV_READER_BAD ? row.reason
			      : "header row too long");
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

/* --check reads only headers, and only of files that can be read again: a
 * pipe or standard input would be used up. */
static int check_skips(struct discover *d, const char *path)
{
	struct stat sb;
	if (!d->o->common.check)
		return 0;
	if (strcmp(path, "-") != 0 && stat(path, &sb) == 0 && S_ISREG(sb.st_mode))
		return 0;
	if (strcmp(path, "-") != 0 && access(path, R_OK) < 0) {
		diag_error_at(path, 0, "%s", strerror(errno));
		d->status = EX_NOINPUT;
	}
	return 1;
}

void discover_file(struct discover *d, const char *path)
{
	if (check_skips(d, path))
		return;
	struct csv_reader *r = csv_reader_open(path, d->o->common.max_line);
	d->file = d->force_file ? d->force_file : strcmp(path, "-") == 0 ? "<stdin>" : path;
	if (!r) {
		diag_error_at(d->file, 0, "%s", strerror(errno));
		d->status = EX_NOINPUT;
		return;
	}
	csv_reader_on_wait(r, on_wait, d);
	pick_source(d, path);
	if (header(d, r, path) == 0 && !d->o->common.check)
		rows(d, r);
	else if (d->o->common.check && !d->status && d->rej)
		buf_printf(&d->row, "%s'%s'", d->written++ ? ", " : "", path);
	csv_reader_close(r);
}

