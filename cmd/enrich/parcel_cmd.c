/* SPDX-License-Identifier: MIT */
/* enrich --load-parcels (see parcel_cmd.h): the glue between the loader,
 * the state, the reject file and the messages. */
#include "parcel_cmd.h"

#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "cli.h"
#include "clock.h"
#include "config.h"
#include "csv_reader.h"
#include "diag.h"
#include "parcel_load.h"
#include "parcel_state.h"
#include "reject.h"
#include "store.h"

struct load_report {
	const char *path;
	struct reject *rej;
	int failed;
};

static void on_row(void *ctx, long line, const char *why, const struct csv_row *row)
{
	struct load_report *r = ctx;
	if (!why) {
		reject_set_header(r->rej, row->fields, row->lens, row->nfields);
		return;
	}
	diag_error_at(r->path, line, "%s", why);
	if (!row || r->failed)
		return;
	int rc = row->nfields ? reject_write_row(r->rej, row->fields, row->lens, row->nfields, why)
		: reject_write(r->rej, row->raw, row->raw_len);
	if (rc < 0) {
		diag_error("cannot write reject file '%s'", reject_path(r->rej));
		r->failed = 1;
	}
}

static struct parcel_map *load_map(const char *path)
{
	struct buf err = BUF_INIT;
	json_t *json = config_load(path, &err);
	struct parcel_map *map = json ? parcel_map_new(json, &err) : NULL;
	json_decref(json);
	if (!map)
		diag_error("%s%s%s", json ? path : "", json ? ": " : "", buf_cstr(&err));
	buf_release(&err);
	return map;
}

struct store *parcel_cmd_open_state(const struct cli_common *c, int preview)
{
	if (!preview)
		return cli_open_store(c, &parcel_state_schema);
	struct buf err = BUF_INIT;
	char *path = cli_db_path(c, parcel_state_schema.file);
	struct store *s = store_open_copy(path, &parcel_state_schema, &err);
	if (!s)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	free(path);
	buf_release(&err);
	return s;
}

int parcel_cmd_load(const struct cli_common *c, const char *csv, const char *mapfile, int preview)
{
	struct parcel_map *map = load_map(mapfile);
	if (!map)
		return EX_CONFIG;
	struct buf err = BUF_INIT;
	struct store *store = parcel_cmd_open_state(c, preview);
	struct parcel_state *ps = parcel_state_new(store, &err);
	if (!ps)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	char now[CLOCK_RFC3339_LEN], *rej = preview ? NULL : cli_reject_path_csv(c, "enrich-parcels", csv);
	clock_format(clock_now(), now);
	struct load_report rep = { .path = csv, .rej = reject_new(rej) };
	struct parcel_load pl = { .store = store, .state = ps, .map = map, .loaded_at = now,
				  .max_row = c->max_line, .report = on_row, .ctx = &rep };
	struct parcel_load_counts n = { 0 };
	int status = parcel_load_file(&pl, csv, &n, &err);
	if (err.len)
		diag_error("%s", buf_cstr(&err));
	if (!c->quiet && status != EX_NOINPUT)
		fprintf(stderr, "%s: %lu parcels %s, %lu updated, %lu rejected%s\n", diag_prog(),
			n.loaded, preview ? "would be loaded" : "loaded", n.updated, n.rejected,
			preview ? " (a preview: nothing was loaded)" : "");
	if (reject_free(rep.rej) < 0 || rep.failed)
		status = status ? status : EX_IOERR;
	parcel_state_free(ps);
	if (store_close(store) < 0 && !status)
		status = EX_IOERR;
	parcel_map_free(map);
	free(rej);
	buf_release(&err);
	return status ? status : n.rejected ? EX_DATAERR : 0;
}

int parcel_cmd_check(const struct cli_common *c, const char *csv, const char *mapfile)
{
	struct parcel_map *map = load_map(mapfile);
	if (!map)
		return EX_CONFIG;
	struct buf err = BUF_INIT, what = BUF_INIT;
	int status = parcel_load_check(map, csv, c->max_line, &err);
	if (status)
		diag_error("%s: %s", csv, buf_cstr(&err));
	else
		buf_printf(&what, "'%s' fits the map '%s'", csv, mapfile), cli_check_ok(c, what.data);
	parcel_map_free(map);
	buf_release(&err);
	buf_release(&what);
	return status;
}
