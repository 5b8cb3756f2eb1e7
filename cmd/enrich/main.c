/* SPDX-License-Identifier: MIT */
/* enrich: normalises each listing's address (USPS Pub 28), joins the county
 * parcel row by APN or address, and adds assessor, owner, market and features. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "address.h"
#include "arena.h"
#include "cli.h"
#include "clock.h"
#include "config.h"
#include "diag.h"
#include "features.h"
#include "parcel_cmd.h"
#include "parcel_state.h"
#include "paths.h"
#include "record_rules.h"
#include "reject.h"
#include "stage.h"
#include "store.h"

static const struct cli_help help = {
	.usage =
	"usage: enrich [OPTIONS] [FILE...]\n"
	"       enrich --load-parcels CSV --map MAP [--preview] [OPTIONS]\n"
	"Add a normalised address, the county assessor and owner rows, ZIP market\n"
	"figures and investor features to each NDJSON listing.\n"
	"\n"
	"      --load-parcels CSV\n"
	"                        load a county parcel CSV into the database, read no records\n"
	"      --map MAP         JSON map of the CSV's columns, for --load-parcels\n"
	"  -p, --preview         with --load-parcels: check and count the rows, load none\n",
	.reject = "enrich.ndjson\n"
	"                        (parcel rows: rejects/enrich-parcels/NAME.csv)",
	.tenant = "state (enrich.db, rejects/)",
	.examples =
	"Examples:\n"
	"  enrich --load-parcels county.csv --map county.map.json --preview\n"
	"  enrich --load-parcels county.csv --map county.map.json\n"
	"  discover -m portal.map.json export.csv | enrich | jq .features\n",
};

enum { OPT_LOAD = CLI_OPT_OWN, OPT_MAP };

struct enrich_opts {
	struct cli_common common;
	const char *load;
	const char *map;
	int preview;
};

struct enrich_ctx {
	struct parcel_state *parcels;
	time_t now;
};

static void parse_options(struct enrich_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "load-parcels", required_argument, NULL, OPT_LOAD },
		{ "map", required_argument, NULL, OPT_MAP },
		{ "preview", no_argument, NULL, 'p' },
		{ 0 }
	};
	int c;
	cli_common_init(&o->common, &help);
	while ((c = cli_getopt(argc, argv, CLI_COMMON_SHORTOPTS "p", longopts)) != -1) {
		if (cli_common_option(&o->common, c, optarg))
			continue;
		if (c == OPT_LOAD)
			o->load = optarg;
		else if (c == OPT_MAP)
			o->map = optarg;
		else if (c == 'p')
			o->preview = 1;
	}
	if (o->preview && !o->load)
		diag_usage("'--preview' is for '--load-parcels' (records are never stored: "
			   "enrich them to see them)");
	if (o->map && !o->load)
		diag_usage("'--map' is only for '--load-parcels'");
	if (o->load && !o->map)
		diag_usage("'--load-parcels' needs '--map'");
	if (o->load && optind < argc)
		diag_usage("'--load-parcels' reads no records, so takes no FILE operands");
}

/* The text of an address member: a string, or a whole number ("zip": 89101). */
static const char *member(json_t *obj, const char *key, char num[24])
{
	json_t *v = json_object_get(obj, key);
	if (json_is_integer(v)) {
		snprintf(num, 24, "%lld", (long long)json_integer_value(v));
		return num;
	}
	return json_string_value(v);
}

static json_t *text_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *address_json(const char *line, const char *unit, const char *city,
			    const char *state, const char *zip)
{
	json_t *o = json_object();
	json_object_set_new(o, "line", text_or_null(line));
	json_object_set_new(o, "unit", text_or_null(unit));
	json_object_set_new(o, "city", text_or_null(city));
	json_object_set_new(o, "state", text_or_null(state));
	json_object_set_new(o, "zip", text_or_null(zip));
	return o;
}

/* 0 when the record's address normalised; -1 leaves it as it was. */
static int normalise(struct record *rec, struct address *a)
{
	char n[5][24];
	json_t *in = record_get(rec, "address");
	const char *line = member(in, "line", n[0]);
	if (!line || !*line)
		return -1;
	if (address_normalize(line, member(in, "unit", n[1]), member(in, "city", n[2]),
			      member(in, "state", n[3]), member(in, "zip", n[4]), a) < 0)
		return -1;
	json_t *out = address_json(a->line, a->unit, a->city, a->state, a->zip);
	json_object_set_new(out, "key", json_string(a->key));
	record_set(rec, "address", out);
	return 0;
}

static void set_number(json_t *obj, const char *key, long long v)
{
	if (v != PARCEL_NONE)
		json_object_set_new(obj, key, json_integer((json_int_t)v));
}

static json_t *assessor_json(const struct parcel *p)
{
	json_t *o = json_object();
	json_object_set_new(o, "apn", json_string(p->apn));
	set_number(o, "assessed_value", p->assessed_value);
	set_number(o, "market_value", p->market_value);
	set_number(o, "land_value", p->land_value);
	set_number(o, "tax_annual", p->tax_annual);
	if (p->last_sale_date)
		json_object_set_new(o, "last_sale_date", json_string(p->last_sale_date));
	set_number(o, "last_sale_price", p->last_sale_price);
	set_number(o, "sqft", p->sqft);
	set_number(o, "year_built", p->year_built);
	return o;
}

/* The owner, or NULL when the county file names none; the property's key
 * and state are the parcel's, else the listing's. */
static json_t *owner_json(const struct parcel *p, const struct address *a)
{
	const char *key = p->address_key ? p->address_key : a->key;
	const char *state = p->state ? p->state : a->state;
	if (!p->owner_name && !p->mail_key && !p->mail_city && !p->mail_state && !p->mail_zip)
		return NULL;
	json_t *o = json_object();
	if (p->owner_name)
		json_object_set_new(o, "name", json_string(p->owner_name));
	if (p->mail_key || p->mail_city || p->mail_state || p->mail_zip)
		json_object_set_new(o, "mailing", address_json(p->mail_line, p->mail_unit,
							       p->mail_city, p->mail_state,
							       p->mail_zip));
	if (p->mail_key && key)
		json_object_set_new(o, "absentee", json_boolean(strcmp(p->mail_key, key) != 0));
	if (p->mail_state && state)
		json_object_set_new(o, "out_of_state", json_boolean(strcmp(p->mail_state, state) != 0));
	return o;
}

static double number(json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

static double parcel_number(long long v)
{
	return v == PARCEL_NONE ? NAN : (double)v;
}

/* The listing's own facts first, then the assessor's: the joined parcel,
 * else an assessor object the record already carries. */
static void features_from(struct record *rec, const struct parcel *p, struct features_input *in)
{
	in->sqft = number(record_get(rec, "sqft"));
	in->year_built = number(record_get(rec, "year_built"));
	if (p) {
		in->sqft = isnan(in->sqft) ? parcel_number(p->sqft) : in->sqft;
		in->year_built = isnan(in->year_built) ? parcel_number(p->year_built) : in->year_built;
		in->market_value = parcel_number(p->market_value);
		in->last_sale_price = parcel_number(p->last_sale_price);
		in->last_sale_date = p->last_sale_date;
		return;
	}
	json_t *as = record_get(rec, "assessor");
	in->market_value = number(json_object_get(as, "market_value"));
	in->last_sale_price = number(json_object_get(as, "last_sale_price"));
	in->last_sale_date = json_string_value(json_object_get(as, "last_sale_date"));
	if (isnan(in->sqft))
		in->sqft = number(json_object_get(as, "sqft"));
	if (isnan(in->year_built))
		in->year_built = number(json_object_get(as, "year_built"));
}

/* Sets market.zip_median_ppsf, keeping any other market members. */
static int add_market(struct enrich_ctx *ctx, struct record *rec, const char *zip, double *median)
{
	int rc = parcel_state_zip_median(ctx->parcels, zip, median);
	if (rc != 1)
		return rc;
	json_t *old = record_get(rec, "market");
	json_t *m = json_is_object(old) ? json_copy(old) : json_object();
	json_object_set_new(m, "zip_median_ppsf", json_real(round(*median * 10) / 10));
	record_set(rec, "market", m);
	return 1;
}

static const char *record_apn(struct record *rec)
{
	const char *apn = record_get_string(rec, "apn");
	return apn ? apn : json_string_value(record_get_path(rec, "assessor.apn"));
}

/* Address, parcel join and market; -1 on a database error. */
static int join(struct enrich_ctx *ctx, struct record *rec, struct address *a,
		struct parcel *p, int *joined, double *median)
{
	if (!json_is_object(record_get(rec, "address")) || normalise(rec, a) < 0)
		return 0;
	int rc = parcel_state_find(ctx->parcels, record_apn(rec), a->key, p);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		json_t *owner = owner_json(p, a);
		record_set(rec, "assessor", assessor_json(p));
		if (owner)
			record_set(rec, "owner", owner);
		*joined = 1;
	}
	return add_market(ctx, rec, a->zip ? a->zip : rc == 1 ? p->zip : NULL, median) < 0 ? -1 : 0;
}

static enum stage_verdict enrich_record(struct stage *st, struct record *rec, struct buf *why)
{
	struct enrich_ctx *ctx = st->ctx;
	const char *bad = record_rules_check(rec);
	if (bad) {
		buf_adds(why, bad);
		return STAGE_REJECT;
	}
	/* The look-ups of 500 records share one read snapshot (see store.h). */
	if (store_read_tick(st->store) < 0) {
		buf_printf(why, "reading parcels: %s", store_errmsg(st->store));
		st->status = EX_IOERR;
		return STAGE_FATAL;
	}
	struct address a = { 0 };
	struct parcel p;
	int joined = 0;
	/* A sold record's price per square foot is its sale price's. */
	json_t *price = record_get(rec, "price");
	if (!json_is_number(price))
		price = record_get(rec, "sale_price");
	struct features_input in = { .price = number(price),
				     .zip_median_ppsf = NAN, .now = ctx->now };
	int rc = join(ctx, rec, &a, &p, &joined, &in.zip_median_ppsf);
	if (rc == 0) {
		features_from(rec, joined ? &p : NULL, &in);
		json_t *f = features_build(&in);
		if (f)
			record_set(rec, "features", f);
	}
	address_release(&a);
	if (rc < 0) {
		buf_printf(why, "reading parcels: %s", parcel_state_errmsg(ctx->parcels));
		st->status = EX_IOERR;
		return STAGE_FATAL;
	}
	return STAGE_PASS;
}

/* --check: what a run would read. Records need only the state file, which
 * is looked at, not created; a load needs its map and the file's header. */
static int check(const struct enrich_opts *o)
{
	if (o->load)
		return parcel_cmd_check(&o->common, o->load, o->map);
	struct buf err = BUF_INIT, what = BUF_INIT;
	char *path = cli_db_path(&o->common, parcel_state_schema.file);
	struct store *s = store_open_copy(path, &parcel_state_schema, &err);
	if (!s)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	long n = parcel_state_count(s);
	if (n > 0)
		buf_printf(&what, "records will be joined to the %ld parcels in '%s'", n, path);
	else
		buf_printf(&what, "no parcels loaded in '%s' (enrich --load-parcels FILE --map MAP "
			   "loads a county file); records will get addresses and features only", path);
	cli_check_ok(&o->common, buf_cstr(&what));
	store_close(s);
	free(path);
	buf_release(&err);
	buf_release(&what);
	return 0;
}

int main(int argc, char **argv)
{
	struct enrich_opts o = { 0 };
	struct buf err = BUF_INIT;
	diag_init(argv);
	parse_options(&o, argc, argv);
	if (o.common.check)
		return check(&o);
	if (o.load)
		return parcel_cmd_load(&o.common, o.load, o.map, o.preview);
	json_arena_install();
	struct store *store = cli_open_store(&o.common, &parcel_state_schema);
	struct enrich_ctx ctx = { .now = clock_now() };
	ctx.parcels = parcel_state_new(store, &err);
	if (!ctx.parcels) {
		diag_error("%s", buf_cstr(&err));
		store_close(store);
		return EX_IOERR;
	}
	struct stage st = { .common = &o.common, .record = enrich_record, .ctx = &ctx,
			    .store = store };
	int status = stage_run(&st, argv + optind, argc - optind);
	parcel_state_free(ctx.parcels);
	if (store_close(store) < 0 && !status)
		status = EX_IOERR;
	json_arena_release();
	buf_release(&err);
	return status;
}
