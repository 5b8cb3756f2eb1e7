/* SPDX-License-Identifier: MIT */
/* A CSV load's loop (see csv_load.h): rows framed by csv_reader (RFC 4180),
 * bad quoting, over-long rows and rows of another width rejected. */
#include "csv_load.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "csv_reader.h"
#include "reject.h"

struct loop {
	struct csv_load *l;
	struct csv_reader *csv;
	struct buf *err, why;
	size_t width;
	int have_header;
	int status;
};

int csv_load_column(const struct csv_row *header, const char *name)
{
	for (size_t i = 0; i < header->nfields; i++)
		if (strcasecmp(header->fields[i], name) == 0)
			return (int)i;
	return -1;
}

/* A rejected row: its fields and the reason (parsed), else its bytes. */
static void reject(struct loop *p, const struct csv_row *row, const char *why, int parsed)
{
	struct csv_load *l = p->l;
	int rc;
	l->rejected++;
	l->report(l->ctx, l->path, row->line, why);
	if (parsed)
		rc = reject_write_row(l->rej, row->fields, row->lens, row->nfields, why);
	else
		rc = reject_write(l->rej, row->raw, row->raw_len);
	if (rc < 0 && !p->status) {
		buf_printf(p->err, "cannot write reject file '%s': %s", reject_path(l->rej),
			   strerror(errno));
		p->status = EX_IOERR;
	}
}

/* A row over the cap goes to the reject file whole, prefix and rest. */
static void reject_long(struct loop *p, const struct csv_row *row)
{
	struct csv_load *l = p->l;
	FILE *fp = reject_stream(l->rej);
	l->rejected++;
	buf_reset(&p->why);
	buf_printf(&p->why, "row longer than %zu bytes", l->max_row ? l->max_row : 16u << 20);
	l->report(l->ctx, l->path, row->line, buf_cstr(&p->why));
	if (fp && fwrite(row->raw, 1, row->raw_len, fp) == row->raw_len &&
	    csv_reader_copy_rest(p->csv, fp) == 0 && fflush(fp) == 0)
		return;
	buf_printf(p->err, "cannot write reject file '%s': %s", reject_path(l->rej), strerror(errno));
	p->status = EX_IOERR;
}

static int blank(const struct csv_row *row)
{
	for (size_t i = 0; i < row->nfields; i++)
		if (row->lens[i])
			return 0;
	return 1;
}

static void header(struct loop *p, const struct csv_row *row)
{
	p->have_header = 1;
	p->width = row->nfields;
	buf_reset(&p->why);
	if (p->l->header(p->l->ctx, row, &p->why) < 0) {
		buf_printf(p->err, "%s:%ld: %s", p->l->path, row->line, buf_cstr(&p->why));
		p->status = EX_CONFIG;
		return;
	}
	reject_set_header(p->l->rej, row->fields, row->lens, row->nfields);
}

static void data(struct loop *p, const struct csv_row *row)
{
	if (blank(row))
		return;
	buf_reset(&p->why);
	if (row->nfields != p->width) {
		buf_printf(&p->why, "the row has %zu fields, the header %zu", row->nfields, p->width);
		reject(p, row, buf_cstr(&p->why), 1);
		return;
	}
	int rc = p->l->row(p->l->ctx, row, &p->why);
	if (rc > 0) {
		reject(p, row, buf_cstr(&p->why), 1);
	} else if (rc < 0) {
		buf_printf(p->err, "%s:%ld: %s", p->l->path, row->line, buf_cstr(&p->why));
		p->status = EX_IOERR;
	}
}

static void next(struct loop *p, enum csv_reader_status s, const struct csv_row *row)
{
	if (s == CSV_READER_IOERR || s == CSV_READER_STOP) {
		buf_printf(p->err, "%s: %s", p->l->path, s == CSV_READER_STOP ? "stopped by a signal"
			   : strerror(errno));
		p->status = EX_IOERR;
	} else if (s == CSV_READER_TOO_LONG) {
		reject_long(p, row);
	} else if (s == CSV_READER_BAD) {
		int quoting = strncmp(row->reason, "unterminated", 12) == 0 ||
			strncmp(row->reason, "malformed", 9) == 0;
		reject(p, row, quoting ? "malformed quoting (RFC 4180)" : row->reason, 0);
	} else if (!p->have_header) {
		header(p, row);
	} else {
		data(p, row);
	}
}

int csv_load_file(struct csv_load *l, struct buf *err)
{
	struct loop p = { .l = l, .err = err, .why = BUF_INIT };
	struct csv_row row;
	enum csv_reader_status s;
	p.csv = csv_reader_open(l->path, l->max_row ? l->max_row : 16u << 20);
	if (!p.csv) {
		buf_printf(err, "%s: %s", l->path, strerror(errno));
		return EX_NOINPUT;
	}
	while (!p.status && (s = csv_reader_next(p.csv, &row)) != CSV_READER_EOF)
		next(&p, s, &row);
	csv_reader_close(p.csv);
	buf_release(&p.why);
	return p.status;
}
