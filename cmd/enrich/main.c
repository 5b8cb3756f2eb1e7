/* SPDX-License-Identifier: MIT */
/* enrich: normalises each listing's address (USPS Pub 28), joins the county
 * parcel row by APN or address, and adds assessor, owner, market (comparable
 * sales, ZIP figures, rent) and features; or loads parcels, sales or rents. */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "address.h"
#include "arena.h"
#include "cli.h"
#include "clock.h"
#include "comps.h"
#include "daynum.h"
#include "diag.h"
#include "features.h"
#include "geo.h"
#include "market.h"
#include "parcel_cmd.h"
#include "parcel_join.h"
#include "parcel_state.h"
#include "record_rules.h"
#include "sale.h"
#include "sale_cmd.h"
#include "sale_state.h"
#include "stage.h"
#include "store.h"

static const struct cli_help help = {
	.usage =
	"usage: enrich [OPTIONS] [FILE...]\n"
	"       enrich --load-parcels CSV --map MAP [--preview] [OPTIONS]\n"
	"       enrich --load-sales FILE [--map MAP] [--preview] [OPTIONS]\n"
	"       enrich --load-rents CSV [--preview] [OPTIONS]\n"
	"Add a normalised address, the county assessor and owner rows, comparable\n"
	"sales, ZIP market figures, a rent and investor features to each NDJSON listing.\n"
	"\n"
	"      --comps K         give the K most similar earlier sales (default 6, 0: none)\n"
	"      --load-parcels CSV\n"
	"                        load a county parcel CSV into the database, read no records\n"
	"      --load-sales FILE load sold records: NDJSON ('-': stdin), or a CSV with --map\n"
	"      --load-rents CSV  load rents by ZIP and bedrooms (columns zip,beds,rent)\n"
	"      --map MAP         JSON map of the CSV's columns, for --load-parcels and\n"
	"                        --load-sales (discover's map format for sales)\n"
	"  -p, --preview         with a load: check and count the rows, load none\n",
	.reject = "enrich.ndjson\n"
	"                        (parcel rows: rejects/enrich-parcels/NAME.csv; sales:\n"
	"                        rejects/enrich-sales.ndjson or enrich-sales/NAME.csv;\n"
	"                        rents: rejects/enrich-rents/NAME.csv)",
	.tenant = "state (enrich.db, rejects/)",
	.examples =
	"Examples:\n"
	"  enrich --load-parcels county.csv --map county.map.json --preview\n"
	"  enrich --load-parcels county.csv --map county.map.json\n"
	"  enrich --load-sales county-sales.csv --map county-sales.map.json\n"
	"  discover -m county-sales.map.json sales.csv | enrich --load-sales -\n"
	"  enrich --load-rents rents.csv\n"
	"  discover -m portal.map.json export.csv | enrich | jq .market.comps_value\n",
};

enum { OPT_LOAD = CLI_OPT_OWN, OPT_MAP, OPT_SALES, OPT_RENTS, OPT_COMPS };

#define DEFAULT_COMPS 6

struct enrich_opts {
	struct cli_common common;
	const char *load;               /* --load-parcels */
	const char *sales, *rents;      /* --load-sales, --load-rents */
	const char *map;
	int preview;
	int comps;
};

struct enrich_ctx {
	struct parcel_state *parcels;
	struct market *market;
	time_t now;
	long today;                     /* the as-of day of a record with no sale_date */
};

/* The loads exclude each other and records; the name of the one given. */
static void check_options(const struct enrich_opts *o, int argc)
{
	const char *load = o->load ? "--load-parcels" : o->sales ? "--load-sales"
		: o->rents ? "--load-rents" : NULL;
	if (!!o->load + !!o->sales + !!o->rents > 1)
		diag_usage("give one of '--load-parcels', '--load-sales' and '--load-rents' at a time");
	if (o->preview && !load)
		diag_usage("'--preview' is for a load (records are never stored: enrich them to "
			   "see them)");
	if (o->map && !o->load && !o->sales)
		diag_usage("'--map' is only for '--load-parcels' and '--load-sales'");
	if (o->load && !o->map)
		diag_usage("'--load-parcels' needs '--map'");
	if (load && optind < argc)
		diag_usage("'%s' reads no records, so takes no FILE operands", load);
}

static void parse_options(struct enrich_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "load-parcels", required_argument, NULL, OPT_LOAD },
		{ "load-sales", required_argument, NULL, OPT_SALES },
		{ "load-rents", required_argument, NULL, OPT_RENTS },
		{ "comps", required_argument, NULL, OPT_COMPS },
		{ "map", required_argument, NULL, OPT_MAP },
		{ "preview", no_argument, NULL, 'p' },
		{ 0 }
	};
	int c;
	o->comps = DEFAULT_COMPS;
	cli_common_init(&o->common, &help);
	while ((c = cli_getopt(argc, argv, CLI_COMMON_SHORTOPTS "p", longopts)) != -1) {
		if (cli_common_option(&o->common, c, optarg))
			continue;
		if (c == OPT_LOAD)
			o->load = optarg;
		else if (c == OPT_SALES)
			o->sales = optarg;
		else if (c == OPT_RENTS)
			o->rents = optarg;
		else if (c == OPT_COMPS)
			o->comps = (int)cli_parse_long(optarg, "--comps", 0, COMPS_MAX);
		else if (c == OPT_MAP)
			o->map = optarg;
		else if (c == 'p')
			o->preview = 1;
	}
	check_options(o, argc);
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

/* A fact of the record for the comps: a number from 0 up, else unknown. */
static double fact(struct record *rec, const char *key)
{
	double v = number(record_get(rec, key));
	return v >= 0 ? v : NAN;
}

/* What the market figures are made from: the record's own facts, the sqft
 * and year of the features (the listing's, else the assessor's), its ZIP
 * (normalised, the parcel's, else as written). */
static void subject_from(struct record *rec, const struct address *a, const struct parcel *p,
			 int normalised, const struct features_input *in, struct market_subject *s,
			 char zip[6])
{
	s->id = record_get_string(rec, "id");
	s->key = a->key;
	s->assessor_zip = !normalised ? NULL : a->zip ? a->zip : p ? p->zip : NULL;
	s->zip = a->zip ? a->zip : p && p->zip ? p->zip : NULL;
	if (!s->zip && sale_zip(json_object_get(record_get(rec, "address"), "zip"), zip) == 0)
		s->zip = zip;
	s->lat = number(record_get(rec, "lat"));
	s->lon = number(record_get(rec, "lon"));
	if (!geo_valid(s->lat, s->lon))
		s->lat = s->lon = NAN;
	s->beds = fact(rec, "beds");
	s->baths = fact(rec, "baths");
	s->lot_sqft = fact(rec, "lot_sqft");
	s->sqft = in->sqft;
	s->year_built = in->year_built;
}

/* Join, market and features; -1 (the reason in why) on a database error. */
static int enrich_one(struct enrich_ctx *ctx, struct record *rec, long as_of, struct buf *why)
{
	struct address a = { 0 };
	struct parcel p;
	struct market_subject s = { .as_of = as_of };
	char zip[6];
	int joined = 0;
	/* A sold record's price per square foot is its sale price's. */
	json_t *price = record_get(rec, "price");
	if (!json_is_number(price))
		price = record_get(rec, "sale_price");
	struct features_input in = { .price = number(price),
				     .zip_median_ppsf = NAN, .now = ctx->now };
	int rc = parcel_join(ctx->parcels, rec, &a, &p, &joined);
	if (rc < 0) {
		buf_printf(why, "reading parcels: %s", parcel_state_errmsg(ctx->parcels));
	} else {
		features_from(rec, joined ? &p : NULL, &in);
		subject_from(rec, &a, joined ? &p : NULL, rc == 1, &in, &s, zip);
		rc = market_add(ctx->market, rec, &s, &in.zip_median_ppsf, why);
	}
	if (rc >= 0) {
		json_t *f = features_build(&in);
		if (f)
			record_set(rec, "features", f);
	}
	address_release(&a);
	return rc < 0 ? -1 : 0;
}

static enum stage_verdict enrich_record(struct stage *st, struct record *rec, struct buf *why)
{
	struct enrich_ctx *ctx = st->ctx;
	const char *bad = record_rules_check(rec);
	long as_of;
	if (bad) {
		buf_adds(why, bad);
		return STAGE_REJECT;
	}
	if (sale_as_of(rec, ctx->today, &as_of, why) < 0)
		return STAGE_REJECT;
	/* The look-ups of 500 records share one read snapshot (see store.h). */
	if (store_read_tick(st->store) < 0) {
		buf_printf(why, "reading parcels: %s", store_errmsg(st->store));
		st->status = EX_IOERR;
		return STAGE_FATAL;
	}
	if (enrich_one(ctx, rec, as_of, why) < 0) {
		st->status = EX_IOERR;
		return STAGE_FATAL;
	}
	return STAGE_PASS;
}

/* --check: what a run would read. Records need only the state file, which
 * is looked at, not created; a load needs its file's header (and map). */
static int check(const struct enrich_opts *o)
{
	if (o->load)
		return parcel_cmd_check(&o->common, o->load, o->map);
	if (o->sales || o->rents)
		return sale_cmd_check(&o->common, o->sales ? o->sales : o->rents, o->map, !o->sales);
	struct buf err = BUF_INIT, what = BUF_INIT;
	char *path = cli_db_path(&o->common, parcel_state_schema.file);
	struct store *s = store_open_copy(path, &parcel_state_schema, &err);
	if (!s)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	long n = parcel_state_count(s);
	long sales = sale_state_count(s, "sales"), rents = sale_state_count(s, "rents");
	if (n > 0)
		buf_printf(&what, "records will be joined to the %ld parcels in '%s'", n, path);
	else
		buf_printf(&what, "no parcels loaded in '%s' (enrich --load-parcels FILE --map MAP "
			   "loads a county file)", path);
	if (sales > 0)
		buf_printf(&what, "; comps and ZIP figures from %ld sales", sales);
	else
		buf_adds(&what, "; no sales loaded (enrich --load-sales FILE), so no comps");
	if (rents > 0)
		buf_printf(&what, "; rents from %ld rows", rents);
	else
		buf_adds(&what, "; no rents loaded (enrich --load-rents FILE), so no rent_est");
	if (n <= 0 && sales <= 0 && rents <= 0)
		buf_adds(&what, ": records will get addresses and features only");
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
	if (o.sales || o.rents)
		return sale_cmd_load(&o.common, o.sales ? o.sales : o.rents, o.map, !o.sales,
				     o.preview);
	json_arena_install();
	struct store *store = cli_open_store(&o.common, &parcel_state_schema);
	struct enrich_ctx ctx = { .now = clock_now() };
	ctx.today = daynum_from_time(ctx.now);
	ctx.parcels = parcel_state_new(store, &err);
	if (!ctx.parcels) {
		diag_error("%s", buf_cstr(&err));
		store_close(store);
		return EX_IOERR;
	}
	ctx.market = market_new(store, ctx.parcels, o.comps);
	struct stage st = { .common = &o.common, .record = enrich_record, .ctx = &ctx,
			    .store = store };
	int status = stage_run(&st, argv + optind, argc - optind);
	market_free(ctx.market);
	parcel_state_free(ctx.parcels);
	if (store_close(store) < 0 && !status)
		status = EX_IOERR;
	json_arena_release();
	buf_release(&err);
	return status;
}
