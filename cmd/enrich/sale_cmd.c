/* SPDX-License-Identifier: MIT */
/* enrich --load-sales and --load-rents (see sale_cmd.h): the glue between
 * the loaders, the state, the reject file and the messages. */
#include "sale_cmd.h"

#include <errno.h>
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
#include "parcel_cmd.h"
#include "reject.h"
#include "rent_load.h"
#include "sale_load.h"
#include "sale_state.h"
#include "store.h"

static void report(void *ctx, const char *path, long line, const char *why)
{
	(void)ctx;
	diag_error_at(strcmp(path, "-") == 0 ? "<stdin>" : path, line, "%s", why);
}

static char *reject_file(const struct cli_common *c, const char *file, const char *map, int rents)
{
	if (rents)
		return cli_reject_path_csv(c, "enrich-rents", file);
	return map ? cli_reject_path_csv(c, "enrich-sales", file)
		: cli_reject_path_named(c, "enrich-sales.ndjson");
}

static struct csvmap *load_map(const char *path)
{
	struct buf err = BUF_INIT;
	struct csvmap *m = path ? csvmap_load(path, &err) : NULL;
	if (path && !m)
		diag_error("%s", buf_cstr(&err));
	buf_release(&err);
	return m;
}

int sale_cmd_load(const struct cli_common *c, const char *file, const char *mapfile, int rents,
		  int preview)
{
	struct csvmap *map = load_map(mapfile);
	if (mapfile && !map)
		return EX_CONFIG;
	struct buf err = BUF_INIT;
	struct store *store = parcel_cmd_open_state(c, preview);
	struct sale_state *ss = sale_state_new(store, &err);
	if (!ss)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	char now[CLOCK_RFC3339_LEN], source[65];
	char *rej = preview ? NULL : reject_file(c, file, mapfile, rents);
	clock_format(clock_now(), now);
	sale_load_source(map, file, source, sizeof source);
	struct sale_load sl = { .store = store, .state = ss, .map = map, .source = source,
				.rej = reject_new(rej), .loaded_at = now, .max_line = c->max_line,
				.report = report };
	struct sale_load_counts n = { 0 };
	int status = rents ? rent_load_file(&sl, file, &n, &err) : sale_load_file(&sl, file, &n, &err);
	if (err.len)
		diag_error("%s", buf_cstr(&err));
	if (!c->quiet && status != EX_NOINPUT)
		fprintf(stderr, "%s: %lu %s %s, %lu updated, %lu rejected%s\n", diag_prog(), n.loaded,
			rents ? "rents" : "sales", preview ? "would be loaded" : "loaded", n.updated,
			n.rejected, preview ? " (a preview: nothing was loaded)" : "");
	if (reject_free(sl.rej) < 0)
		status = status ? status : EX_IOERR;
	sale_state_free(ss);
	if (store_close(store) < 0 && !status)
		status = EX_IOERR;
	csvmap_free(map);
	free(rej);
	buf_release(&err);
	return status ? status : n.rejected ? EX_DATAERR : 0;
}

static int header_of(void *ctx, const struct csv_row *row, struct buf *why)
{
	struct csvmap *map = ctx;
	int col[3];
	if (map)
		return csvmap_bind(map, row->fields, row->lens, row->nfields, why);
	return rent_load_header(row, col, why);
}

/* The header only: 0, EX_NOINPUT or EX_CONFIG (message in err). */
static int check_header(const char *file, struct csvmap *map, size_t max_row, struct buf *err)
{
	struct csv_row row;
	struct csv_reader *r = csv_reader_open(file, max_row ? max_row : 16u << 20);
	int status = 0;
	if (!r) {
		buf_printf(err, "%s: %s", file, strerror(errno));
		return EX_NOINPUT;
	}
	if (csv_reader_next(r, &row) == CSV_READER_ROW) {
		struct buf why = BUF_INIT;
		if (header_of(map, &row, &why) < 0) {
			buf_printf(err, "%s:%ld: %s", file, row.line, buf_cstr(&why));
			status = EX_CONFIG;
		}
		buf_release(&why);
	}
	csv_reader_close(r);
	return status;
}

int sale_cmd_check(const struct cli_common *c, const char *file, const char *mapfile, int rents)
{
	struct csvmap *map = load_map(mapfile);
	struct buf err = BUF_INIT, what = BUF_INIT;
	int status = mapfile && !map ? EX_CONFIG : 0;
	if (!status && strcmp(file, "-") == 0)
		buf_adds(&what, "the sales will be read from standard input");
	else if (!status && !rents && !map && access(file, R_OK) < 0)
		buf_printf(&err, "%s: %s", file, strerror(errno)), status = EX_NOINPUT;
	else if (!status && !rents && !map)
		buf_printf(&what, "'%s' will be read as NDJSON sold records", file);
	else if (!status && !(status = check_header(file, map, c->max_line, &err)))
		buf_printf(&what, "'%s' fits %s%s%s", file, map ? "the map '" : "the rents format",
			   map ? mapfile : "", map ? "'" : "");
	if (status && err.len)
		diag_error("%s", buf_cstr(&err));
	else if (!status)
		cli_check_ok(c, buf_cstr(&what));
	csvmap_free(map);
	buf_release(&err);
	buf_release(&what);
	return status;
}
