/* SPDX-License-Identifier: MIT */
/* Sold records into the sales table (see sale_load.h): every line or row
 * becomes a birddog record first (a CSV row through csvmap and listing, as
 * discover writes it), so that both are held to one set of rules. */
#include "sale_load.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "csv_load.h"
#include "csv_reader.h"
#include "csvmap.h"
#include "listing.h"
#include "ndjson.h"
#include "record.h"
#include "reject.h"
#include "sale.h"
#include "sale_state.h"
#include "store.h"

struct loader {
	const struct sale_load *sl;
	const char *path;
	struct sale_load_counts *n;
	struct record *rec;
	struct listing listing;
	struct buf line;
};

void sale_load_source(const struct csvmap *map, const char *path, char *out, size_t size)
{
	csvmap_source_name(map ? csvmap_source(map) : NULL, path, out, size);
}

/* One record: a sale stored (0), not a sale (1, why set), or a database
 * error (-1, why set). */
static int put(struct loader *l, const char *text, size_t len, struct buf *why)
{
	struct sale s;
	struct address a = { 0 };
	int existed, rc = 1;
	if (record_parse(l->rec, text, len, why) == 0 && sale_from_record(l->rec, &s, &a, why) == 0) {
		rc = 0;
		if (store_batch_tick(l->sl->store) < 0 ||
		    sale_state_put(l->sl->state, &s, l->path, l->sl->loaded_at, &existed) < 0) {
			buf_printf(why, "storing sale '%s': %s", s.id, store_errmsg(l->sl->store));
			rc = -1;
		} else {
			l->n->loaded++;
			l->n->updated += existed;
		}
	}
	record_clear(l->rec);
	address_release(&a);
	return rc;
}

static int csv_header(void *ctx, const struct csv_row *row, struct buf *why)
{
	struct loader *l = ctx;
	return csvmap_bind(l->sl->map, row->fields, row->lens, row->nfields, why);
}

/* A row as discover would write it, then as a record. */
static int csv_row(void *ctx, const struct csv_row *row, struct buf *why)
{
	struct loader *l = ctx;
	if (csvmap_apply(l->sl->map, row->fields, row->lens, &l->listing, why) < 0 ||
	    listing_encode(&l->listing, l->sl->source, NULL, why) < 0)
		return 1;
	buf_reset(&l->listing.extra);   /* a sale needs no unmapped columns */
	buf_reset(&l->line);
	listing_write(&l->listing, &l->line, l->sl->loaded_at, "sale", NULL, NULL);
	return put(l, l->line.data, l->line.len - 1, why);
}

static void on_reject(void *ctx, const char *path, long line, const char *why)
{
	struct loader *l = ctx;
	l->n->rejected++;
	l->sl->report(l->sl->ctx, path, line, why);
}

static int load_csv(struct loader *l, struct buf *err)
{
	struct csv_load cl = { .path = l->path, .max_row = l->sl->max_line, .rej = l->sl->rej,
			       .header = csv_header, .row = csv_row, .report = on_reject, .ctx = l };
	return csv_load_file(&cl, err);
}

/* A line that is not a sale: the message, and the line whole to the
 * reject file, unless it is there already (an over-long one is copied
 * with its rest, unchecked). */
static int reject_line(struct loader *l, struct ndjson_reader *in, const char *line,
		       size_t len, int too_long, const char *why, struct buf *err)
{
	FILE *fp;
	on_reject(l, ndjson_reader_file(in), ndjson_reader_lineno(in), why);
	if (!too_long ? reject_write(l->sl->rej, line, len) == 0
	    : (fp = reject_stream(l->sl->rej)) && fwrite(line, 1, len, fp) == len &&
	      ndjson_reader_copy_rest(in, fp) == 0 && fflush(fp) == 0)
		return 0;
	buf_printf(err, "cannot write reject file '%s': %s", reject_path(l->sl->rej),
		   strerror(errno));
	return EX_IOERR;
}

static int load_ndjson(struct loader *l, struct buf *err)
{
	char *const files[] = { (char *)l->path };
	struct ndjson_reader *in = ndjson_reader_new(files, 1, l->sl->max_line ? l->sl->max_line
						     : NDJSON_DEFAULT_MAX_LINE);
	struct buf why = BUF_INIT;
	const char *line;
	size_t len;
	enum ndjson_status s;
	int status = 0;
	while (!status && (s = ndjson_reader_next(in, &line, &len)) != NDJSON_EOF) {
		buf_reset(&why);
		if (s == NDJSON_NOFILE || s == NDJSON_IOERR || s == NDJSON_STOP) {
			buf_printf(err, "%s: %s", l->path, s == NDJSON_STOP ? "stopped by a signal"
				   : strerror(errno));
			status = s == NDJSON_NOFILE ? EX_NOINPUT : EX_IOERR;
		} else if (s == NDJSON_TOO_LONG) {
			buf_printf(&why, "line longer than %zu bytes", l->sl->max_line ? l->sl->max_line
				   : (size_t)NDJSON_DEFAULT_MAX_LINE);
			status = reject_line(l, in, line, len, 1, buf_cstr(&why), err);
		} else {
			int rc = put(l, line, len, &why);
			if (rc > 0)
				status = reject_line(l, in, line, len, 0, buf_cstr(&why), err);
			else if (rc < 0)
				buf_printf(err, "%s:%ld: %s", ndjson_reader_file(in),
					   ndjson_reader_lineno(in), buf_cstr(&why)), status = EX_IOERR;
		}
	}
	buf_release(&why);
	ndjson_reader_free(in);
	return status;
}

int sale_load_file(const struct sale_load *sl, const char *path, struct sale_load_counts *n,
		   struct buf *err)
{
	struct loader l = { .sl = sl, .path = path, .n = n, .rec = record_new(), .line = BUF_INIT };
	listing_init(&l.listing);
	int status = sl->map ? load_csv(&l, err) : load_ndjson(&l, err);
	if (!status && store_batch_flush(sl->store) < 0) {
		buf_printf(err, "%s: committing sales: %s", path, store_errmsg(sl->store));
		status = EX_IOERR;
	}
	if (status)
		store_batch_flush(sl->store);   /* what was loaded before stays */
	record_free(l.rec);
	listing_release(&l.listing);
	buf_release(&l.line);
	return status;
}
