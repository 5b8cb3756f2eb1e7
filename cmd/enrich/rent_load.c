/* SPDX-License-Identifier: MIT */
/* A rents CSV into the rents table (see rent_load.h): rents are whole
 * dollars a month ("$1,850" is fine), ZIPs 5 digits (ZIP+4 keeps them). */
#include "rent_load.h"

#include <math.h>
#include <string.h>
#include <sysexits.h>

#include "csv_load.h"
#include "csv_reader.h"
#include "number.h"
#include "sale.h"
#include "sale_state.h"
#include "store.h"

enum { ZIP, BEDS, RENT, NCOLS };
static const char *const names[NCOLS] = { "zip", "beds", "rent" };

struct loader {
	const struct sale_load *sl;
	const char *path;
	struct sale_load_counts *n;
	int col[NCOLS];
};

int rent_load_header(const struct csv_row *header, int col[3], struct buf *why)
{
	for (int c = 0; c < NCOLS; c++)
		if ((col[c] = csv_load_column(header, names[c])) < 0) {
			buf_printf(why, "no column '%s' in the header (a rents file has the "
				   "columns zip,beds,rent)", names[c]);
			return -1;
		}
	return 0;
}

static int header(void *ctx, const struct csv_row *row, struct buf *why)
{
	struct loader *l = ctx;
	return rent_load_header(row, l->col, why);
}

/* beds: a whole number from 0 up, or empty or "*" for any (-1). */
static int beds_of(const char *s, size_t len, long *out)
{
	double v;
	if (len == 0 || (len == 1 && *s == '*')) {
		*out = -1;
		return 0;
	}
	if (number_parse(s, len, 0, &v) < 0 || v != floor(v) || v > 1000)
		return -1;
	*out = (long)v;
	return 0;
}

static int row(void *ctx, const struct csv_row *r, struct buf *why)
{
	struct loader *l = ctx;
	char zip[6];
	long beds;
	double rent;
	int existed;
	const char *z = r->fields[l->col[ZIP]];
	if (sale_zip_text(z, zip) < 0) {
		buf_printf(why, "'zip' is not a 5-digit ZIP ('%s')", z);
		return 1;
	}
	if (beds_of(r->fields[l->col[BEDS]], r->lens[l->col[BEDS]], &beds) < 0) {
		buf_adds(why, "'beds' is not a whole number, empty or '*'");
		return 1;
	}
	if (number_parse(r->fields[l->col[RENT]], r->lens[l->col[RENT]], 0, &rent) < 0 ||
	    rent < 0.5 || rent >= 1e9) {
		buf_adds(why, "'rent' is not an amount above 0 (dollars a month)");
		return 1;
	}
	if (store_batch_tick(l->sl->store) < 0 ||
	    sale_state_put_rent(l->sl->state, zip, beds, llround(rent), l->path, l->sl->loaded_at,
				&existed) < 0) {
		buf_printf(why, "storing a rent: %s", store_errmsg(l->sl->store));
		return -1;
	}
	l->n->loaded++;
	l->n->updated += existed;
	return 0;
}

static void on_reject(void *ctx, const char *path, long line, const char *why)
{
	struct loader *l = ctx;
	l->n->rejected++;
	l->sl->report(l->sl->ctx, path, line, why);
}

int rent_load_file(const struct sale_load *sl, const char *path, struct sale_load_counts *n,
		   struct buf *err)
{
	struct loader l = { .sl = sl, .path = path, .n = n };
	struct csv_load cl = { .path = path, .max_row = sl->max_line, .rej = sl->rej,
			       .header = header, .row = row, .report = on_reject, .ctx = &l };
	int status = csv_load_file(&cl, err);
	if (!status && store_batch_flush(sl->store) < 0) {
		buf_printf(err, "%s: committing rents: %s", path, store_errmsg(sl->store));
		status = EX_IOERR;
	}
	if (status)
		store_batch_flush(sl->store);
	return status;
}
