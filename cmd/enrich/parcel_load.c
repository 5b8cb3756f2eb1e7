/* SPDX-License-Identifier: MIT */
/* Loads a county parcel CSV (RFC 4180, framed and split by csv_reader) into
 * the parcels table; addresses are normalised on the way (USPS Pub 28). */
#include "parcel_load.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sysexits.h>

#include "csv_reader.h"
#include "parcel_row.h"
#include "parcel_state.h"
#include "store.h"
#include "xalloc.h"

struct parcel_map {
	char *column[PF_COUNT];          /* CSV column name per field, or NULL */
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

struct loader {
	const struct parcel_load *pl;
	const char *path;
	struct parcel_load_counts *counts;
	struct buf *err;
	struct csv_reader *csv;
	int col[PF_COUNT];        /* column index per field, or -1 */
	size_t header_fields;
	int have_header;
	int status;
};

/* Reports a rejected row, with its fields when it parsed; raw bytes go
 * without their line ending (an unclosed quote at the end of the file keeps
 * the last one inside). */
static void reject(struct loader *l, const struct csv_row *row, const char *why,
		   const char *raw, size_t len, int parsed)
{
	struct csv_row r = *row;
	while (len && (raw[len - 1] == '\n' || raw[len - 1] == '\r'))
		len--;
	r.raw = raw, r.raw_len = len;
	if (!parsed)
		r.nfields = 0;
	l->counts->rejected++;
	l->pl->report(l->pl->ctx, row->line, why, &r);
}

/* A row over the length cap goes to the report whole: prefix and rest. */
static void reject_long(struct loader *l, const struct csv_row *row)
{
	char *all = NULL, why[64];
	size_t len = 0;
	FILE *mem = open_memstream(&all, &len);
	if (!mem || fwrite(row->raw, 1, row->raw_len, mem) != row->raw_len ||
	    csv_reader_copy_rest(l->csv, mem) < 0 || fclose(mem) == EOF) {
		buf_printf(l->err, "%s:%ld: %s", l->path, row->line, strerror(errno));
		l->status = EX_IOERR;
		free(all);
		return;
	}
	snprintf(why, sizeof why, "row longer than %zu bytes", l->pl->max_row);
	reject(l, row, why, all, len ? len - 1 : 0, 0);
	free(all);
}

/* Finds each mapped column in the header row (names compared without case). */
static int header(struct loader *l, const struct csv_row *row)
{
	const struct parcel_map *m = l->pl->map;
	struct buf why = BUF_INIT;
	for (int f = 0; f < PF_COUNT; f++) {
		l->col[f] = -1;
		for (size_t i = 0; m->column[f] && i < row->nfields && l->col[f] < 0; i++)
			if (strcasecmp(row->fields[i], m->column[f]) == 0)
				l->col[f] = (int)i;
		if (m->column[f] && l->col[f] < 0 && !why.len)
			buf_printf(&why, "no column '%s' (mapped to '%s') in the header",
				   m->column[f], parcel_field_name(f));
	}
	l->header_fields = row->nfields;
	l->have_header = 1;
	if (why.len) {
		l->pl->report(l->pl->ctx, row->line, buf_cstr(&why), NULL);
		l->status = EX_CONFIG;
	} else {
		l->pl->report(l->pl->ctx, row->line, NULL, row);
	}
	buf_release(&why);
	return l->status ? -1 : 0;
}

static int blank_row(const struct csv_row *row)
{
	for (size_t i = 0; i < row->nfields; i++)
		if (row->lens[i])
			return 0;
	return 1;
}

/* The row's fields as text, NULL when empty or not mapped. */
static void row_text(const struct loader *l, const struct csv_row *row, const char *text[PF_COUNT])
{
	for (int f = 0; f < PF_COUNT; f++) {
		int c = l->col[f];
		text[f] = c >= 0 && (size_t)c < row->nfields && row->lens[c] ? row->fields[c] : NULL;
	}
}

/* One data row: converted, then written, or reported. */
static int data_row(struct loader *l, const struct csv_row *row)
{
	const char *text[PF_COUNT];
	struct parcel_row pr;
	struct buf why = BUF_INIT;
	int existed, rc = 0;
	if (blank_row(row))
		return 0;
	row_text(l, row, text);
	if (row->nfields != l->header_fields)
		buf_printf(&why, "the row has %zu fields, the header %zu", row->nfields,
			   l->header_fields);
	else
		parcel_row_convert(&pr, text, l->pl->map->column, &why);
	if (why.len) {
		reject(l, row, buf_cstr(&why), row->raw, row->raw_len, 1);
		buf_release(&why);
		return 0;
	}
	if (store_batch_tick(l->pl->store) < 0 ||
	    parcel_state_put(l->pl->state, &pr.p, l->path, l->pl->loaded_at, &existed) < 0) {
		buf_printf(l->err, "%s:%ld: storing parcel '%s': %s", l->path, row->line, pr.p.apn,
			   parcel_state_errmsg(l->pl->state));
		l->status = EX_IOERR;
		rc = -1;
	} else {
		l->counts->loaded++;
		l->counts->updated += existed != 0;
	}
	parcel_row_release(&pr);
	return rc;
}

/* Every row in turn; the messages for bad quoting are parcel loading's own. */
static void read_all(struct loader *l)
{
	struct csv_row row;
	enum csv_reader_status s;
	while (!l->status && (s = csv_reader_next(l->csv, &row)) != CSV_READER_EOF) {
		if (s == CSV_READER_IOERR) {
			buf_printf(l->err, "%s: %s", l->path, strerror(errno));
			l->status = EX_IOERR;
		} else if (s == CSV_READER_TOO_LONG) {
			reject_long(l, &row);
		} else if (s == CSV_READER_BAD) {
			int open_quote = strncmp(row.reason, "unterminated", 12) == 0;
			int quoting = open_quote || strncmp(row.reason, "malformed", 9) == 0;
			reject(l, &row, open_quote ? "malformed quoting (RFC 4180): a quoted field is "
				  "not closed" : quoting ? "malformed quoting (RFC 4180)" : row.reason,
			       row.raw, row.raw_len, 0);
		} else if (!l->have_header) {
			header(l, &row);
		} else {
			data_row(l, &row);
		}
	}
}

static void finish(struct loader *l)
{
	if (!l->status && store_batch_flush(l->pl->store) < 0) {
		buf_printf(l->err, "%s: committing parcels: %s", l->path,
			   store_errmsg(l->pl->store));
		l->status = EX_IOERR;
	}
}

int parcel_load_file(const struct parcel_load *pl, const char *path,
		     struct parcel_load_counts *counts, struct buf *err)
{
	struct loader l = { .pl = pl, .path = path, .counts = counts, .err = err };
	l.csv = csv_reader_open(path, pl->max_row);
	if (!l.csv) {
		buf_printf(err, "%s: %s", path, strerror(errno));
		return EX_NOINPUT;
	}
	read_all(&l);
	finish(&l);
	if (l.status)
		store_rollback(pl->store);
	csv_reader_close(l.csv);
	return l.status;
}

static void on_check(void *ctx, long line, const char *why, const struct csv_row *row)
{
	struct buf *err = ctx;
	(void)line, (void)row;
	if (why && !err->len)
		buf_adds(err, why);
}

int parcel_load_check(const struct parcel_map *map, const char *path, size_t max_row,
		      struct buf *err)
{
	struct parcel_load pl = { .map = map, .max_row = max_row, .report = on_check, .ctx = err };
	struct parcel_load_counts counts = { 0 };
	struct loader l = { .pl = &pl, .path = path, .counts = &counts, .err = err };
	struct csv_row row;
	l.csv = csv_reader_open(path, max_row ? max_row : 16u << 20);
	if (!l.csv) {
		buf_adds(err, strerror(errno));
		return EX_NOINPUT;
	}
	if (csv_reader_next(l.csv, &row) == CSV_READER_ROW && header(&l, &row) < 0) {
		struct buf names = BUF_INIT;
		csv_format_row(&names, row.fields, row.lens, row.nfields);
		buf_printf(err, "; the header is: %s", buf_cstr(&names));
		buf_release(&names);
	}
	csv_reader_close(l.csv);
	return l.status;
}
