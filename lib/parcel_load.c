/* SPDX-License-Identifier: MIT */
/* Loads a county parcel CSV (RFC 4180, read with libcsv in strict mode) into
 * the parcels table; addresses are normalised on the way (USPS Pub 28). */
#include "parcel_load.h"

#include <csv.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "parcel_row.h"
#include "parcel_state.h"
#include "store.h"
#include "xalloc.h"

struct parcel_map {
	char *column[PF_COUNT];          /* CSV column name per field, or NULL */
};

struct loader {
	const struct parcel_load *pl;
	const char *path;
	struct parcel_load_counts *counts;
	struct buf *err;
	struct csv_parser csv;
	int col[PF_COUNT];        /* column index per field, or -1 */
	struct buf *fields;                  /* the current row's fields */
	size_t nfields, cap, header_fields;
	struct buf raw;                      /* the current row's bytes */
	long line, row_line;
	int in_row, row_done, have_header, prev_cr, bad_line;
	int status;
};

struct parcel_map *parcel_map_new(json_t *map, struct buf *err)
{
	json_t *cols = json_object_get(map, "columns");
	const char *key;
	json_t *v;
	if (!json_is_object(cols)) {
		buf_adds(err, "'columns' must be an object");
		return NULL;
	}
	struct parcel_map *m = xcalloc(1, sizeof *m);
	json_object_foreach(cols, key, v) {
		int f = parcel_field_lookup(key);
		if (f < 0) {
			buf_printf(err, "'columns.%s' is not a parcel field", key);
			goto fail;
		}
		if (!json_is_string(v) || !*json_string_value(v)) {
			buf_printf(err, "'columns.%s' must be a column name", key);
			goto fail;
		}
		m->column[f] = xstrdup(json_string_value(v));
	}
	if (!m->column[PF_APN]) {
		buf_adds(err, "'columns.apn' is required");
		goto fail;
	}
	return m;
fail:
	parcel_map_free(m);
	return NULL;
}

void parcel_map_free(struct parcel_map *m)
{
	if (!m)
		return;
	for (int f = 0; f < PF_COUNT; f++)
		free(m->column[f]);
	free(m);
}

static void on_field(void *s, size_t len, void *data)
{
	struct loader *l = data;
	if (l->nfields == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 32;
		l->fields = xrealloc(l->fields, cap * sizeof *l->fields);
		for (size_t i = l->cap; i < cap; i++)
			buf_init(&l->fields[i]);
		l->cap = cap;
	}
	struct buf *b = &l->fields[l->nfields++];
	buf_reset(b);
	buf_add(b, s, len);
}

static void on_row(int c, void *data)
{
	(void)c;
	((struct loader *)data)->row_done = 1;
}

static void reject(struct loader *l, const char *why)
{
	size_t len = l->raw.len;
	while (len && (l->raw.data[len - 1] == '\n' || l->raw.data[len - 1] == '\r'))
		len--;
	l->counts->rejected++;
	l->pl->report(l->pl->ctx, l->row_line, why, l->raw.len ? l->raw.data : "", len);
}

/* Finds each mapped column in the header row (names compared without case). */
static int header(struct loader *l)
{
	const struct parcel_map *m = l->pl->map;
	struct buf why = BUF_INIT;
	for (int f = 0; f < PF_COUNT; f++) {
		l->col[f] = -1;
		for (size_t i = 0; m->column[f] && i < l->nfields && l->col[f] < 0; i++)
			if (strcasecmp(buf_cstr(&l->fields[i]), m->column[f]) == 0)
				l->col[f] = (int)i;
		if (m->column[f] && l->col[f] < 0 && !why.len)
			buf_printf(&why, "no column '%s' (mapped to '%s') in the header",
				   m->column[f], parcel_field_name(f));
	}
	l->header_fields = l->nfields;
	l->have_header = 1;
	if (why.len) {
		l->pl->report(l->pl->ctx, l->row_line, buf_cstr(&why), NULL, 0);
		l->status = EX_DATAERR;
	}
	buf_release(&why);
	return l->status ? -1 : 0;
}

static int blank_row(const struct loader *l)
{
	for (size_t i = 0; i < l->nfields; i++)
		if (l->fields[i].len)
			return 0;
	return 1;
}

/* The row's fields as text, NULL when empty or not mapped. */
static void row_text(struct loader *l, const char *text[PF_COUNT])
{
	for (int f = 0; f < PF_COUNT; f++) {
		const struct buf *b = l->col[f] >= 0 ? &l->fields[l->col[f]] : NULL;
		text[f] = b && b->len ? buf_cstr(b) : NULL;
	}
}

/* One data row: converted, then written, or reported. */
static int data_row(struct loader *l)
{
	const char *text[PF_COUNT];
	struct parcel_row row;
	struct buf why = BUF_INIT;
	int existed, rc = 0;
	if (blank_row(l))
		return 0;
	row_text(l, text);
	if (l->nfields != l->header_fields)
		buf_printf(&why, "the row has %zu fields, the header %zu", l->nfields, l->header_fields);
	else
		parcel_row_convert(&row, text, l->pl->map->column, &why);
	if (why.len) {
		reject(l, buf_cstr(&why));
		buf_release(&why);
		return 0;
	}
	if (store_batch_tick(l->pl->store) < 0 ||
	    parcel_state_put(l->pl->state, &row.p, l->path, l->pl->loaded_at, &existed) < 0) {
		buf_printf(l->err, "%s:%ld: storing parcel '%s': %s", l->path, l->row_line, row.p.apn,
			   parcel_state_errmsg(l->pl->state));
		l->status = EX_IOERR;
		rc = -1;
	} else {
		l->counts->loaded++;
		l->counts->updated += existed != 0;
	}
	parcel_row_release(&row);
	return rc;
}

static int row_end(struct loader *l)
{
	int rc = l->have_header ? data_row(l) : header(l);
	l->row_done = 0;
	l->in_row = 0;
	l->nfields = 0;
	return rc;
}

/* Restarts the parser after a quoting error, dropping the row so far. */
static void parse_error(struct loader *l)
{
	reject(l, "malformed quoting (RFC 4180)");
	csv_free(&l->csv);
	csv_init(&l->csv, CSV_STRICT | CSV_STRICT_FINI);
	l->bad_line = 0;
	l->in_row = 0;
	l->nfields = 0;
}

/* Feeds one physical line (or the part of one a read ended in); after a
 * parse error the rest of the line is kept for the reject file only. */
static int feed(struct loader *l, const char *s, size_t n, int line_end)
{
	if (!l->in_row) {
		buf_reset(&l->raw);
		l->row_line = l->line;
	}
	buf_add(&l->raw, s, n);
	for (size_t i = 0; i < n && !l->in_row; i++)
		l->in_row = s[i] != '\r' && s[i] != '\n';
	if (!l->bad_line && csv_parse(&l->csv, s, n, on_field, on_row, l) != n)
		l->bad_line = 1;
	if (l->bad_line) {
		if (line_end)
			parse_error(l);
	} else if (l->row_done && row_end(l) < 0) {
		return -1;
	}
	l->line += line_end;
	return 0;
}

/* Cuts a block into physical lines: CR, LF or CRLF end one. */
static int feed_block(struct loader *l, const char *p, const char *end)
{
	while (p < end) {
		const char *t = p;
		while (t < end && *t != '\n' && *t != '\r')
			t++;
		int line_end = t < end;
		if (t < end && *t == '\n' && t == p && l->prev_cr)
			line_end = 0;   /* the LF of a CRLF cut by the block edge */
		l->prev_cr = 0;
		if (t < end && *t == '\r') {
			if (t + 1 < end && t[1] == '\n')
				t++;
			else
				l->prev_cr = t + 1 == end;
		}
		if (t < end)
			t++;
		if (feed(l, p, (size_t)(t - p), line_end) < 0)
			return -1;
		p = t;
	}
	return 0;
}

static int read_all(struct loader *l, FILE *fp)
{
	char *block = xmalloc(1 << 16);
	size_t n;
	int first = 1;
	while (!l->status && (n = fread(block, 1, 1 << 16, fp)) > 0) {
		const char *p = block;
		if (first && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			p += 3;
		first = 0;
		feed_block(l, p, block + n);
	}
	free(block);
	if (ferror(fp)) {
		buf_printf(l->err, "%s: %s", l->path, strerror(errno));
		l->status = EX_IOERR;
	}
	return l->status ? -1 : 0;
}

static void finish(struct loader *l)
{
	if (l->bad_line)
		parse_error(l);         /* on the last line, which had no line end */
	if (csv_fini(&l->csv, on_field, on_row, l) != 0) {
		reject(l, "malformed quoting (RFC 4180): a quoted field is not closed");
	} else if (l->row_done) {
		row_end(l);
	}
	if (!l->status && !l->have_header) {
		l->pl->report(l->pl->ctx, 0, "no header row", NULL, 0);
		l->status = EX_DATAERR;
	}
	if (!l->status && store_batch_flush(l->pl->store) < 0) {
		buf_printf(l->err, "%s: committing parcels: %s", l->path,
			   store_errmsg(l->pl->store));
		l->status = EX_IOERR;
	}
}

int parcel_load_file(const struct parcel_load *pl, const char *path,
		     struct parcel_load_counts *counts, struct buf *err)
{
	struct loader l = { .pl = pl, .path = path, .counts = counts, .err = err,
			    .raw = BUF_INIT, .line = 1 };
	FILE *fp = fopen(path, "re");
	if (!fp) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return EX_NOINPUT;
	}
	csv_init(&l.csv, CSV_STRICT | CSV_STRICT_FINI);
	if (read_all(&l, fp) == 0)
		finish(&l);
	if (l.status && l.status != EX_DATAERR)
		store_rollback(pl->store);
	fclose(fp);
	csv_free(&l.csv);
	for (size_t i = 0; i < l.cap; i++)
		buf_release(&l.fields[i]);
	free(l.fields);
	buf_release(&l.raw);
	return l.status;
}
