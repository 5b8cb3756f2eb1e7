/* SPDX-License-Identifier: MIT */
/* discover: imports listing CSV files (RFC 4180), through a column mapping
 * or the RESO Data Dictionary names, as NDJSON listing records, writing the
 * listings that are new or changed since the last run. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "clock.h"
#include "csv_reader.h"
#include "csvmap.h"
#include "discover.h"
#include "diag.h"
#include "interrupt.h"
#include "listing.h"
#include "listing_state.h"
#include "crawl.h"
#include "listing_sources.h"
#include "reject.h"
#include "robots_cmd.h"
#include "source.h"
#include "source_list.h"
#include "stage.h"
#include "store.h"
#include "structured.h"
#include "web_state.h"
#include "xml_arena.h"
#include "xalloc.h"

static const struct cli_help help = {
	.usage =
	"usage: discover [OPTIONS] FILE...\n"
	"       discover [OPTIONS] -s SOURCE.json... | --sources DIR\n"
	"       discover --try URL [-s SOURCE.json]\n"
	"       discover --robots FILE --agent UA URL...\n"
	"Import listing and sales CSV files, or fetch the sources configured\n"
	"(listing sites, listing APIs, CSV files at a URL; see birddog-source(5)),\n"
	"as NDJSON listing records: the new and changed listings, the new sales,\n"
	"and the listings a complete crawl no longer finds.\n"
	"\n"
	"  -s, --source-config FILE\n"
	"                        fetch the source FILE describes (repeatable); with\n"
	"                        no FILE and no -s: every CONFIGDIR/sources/*.json\n"
	"      --sources DIR     fetch every DIR/*.json\n"
	"      --offline         fetch nothing: read the pages kept in discover.db\n"
	"      --try URL         fetch one page (http, https or file) and show the\n"
	"                        record it makes and where each field came from\n"
	"      --robots FILE     say whether robots.txt FILE allows each URL to --agent\n"
	"      --agent UA        the user agent for --robots\n"
	"  -m, --map FILE        column mapping JSON (default: the built-in RESO mapping)\n"
	"      --reso            use the built-in RESO Data Dictionary mapping\n"
	"  -S, --source NAME     source name for ids (default: the map's, else the file name)\n"
	"  -a, --all             write every row, not only new and changed listings\n"
	"  -p, --preview         write what would come out, touching no state and no\n"
	"                        reject file: looking at a file does not use it up\n",
	.reject = "discover/NAME.csv, for input NAME.csv",
	.tenant = "state (discover.db, rejects/)",
	.examples =
	"Examples:\n"
	"  discover --check -m portal.map.json export.csv   # does the map fit the header?\n"
	"  discover --preview -m portal.map.json export.csv | head\n"
	"  discover -s sources/reno_fsbo.json | enrich | score --min 75 | docgen\n"
	"  discover --try https://example.com/homes/101 -s sources/example.json\n",
};

enum { OPT_RESO = CLI_OPT_OWN, OPT_SOURCES, OPT_OFFLINE, OPT_TRY, OPT_ROBOTS, OPT_AGENT };

static void parse_options(struct discover_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "map", required_argument, NULL, 'm' },
		{ "reso", no_argument, NULL, OPT_RESO },
		{ "source", required_argument, NULL, 'S' },
		{ "all", no_argument, NULL, 'a' },
		{ "preview", no_argument, NULL, 'p' },
		{ "source-config", required_argument, NULL, 's' },
		{ "sources", required_argument, NULL, OPT_SOURCES },
		{ "offline", no_argument, NULL, OPT_OFFLINE },
		{ "try", required_argument, NULL, OPT_TRY },
		{ "robots", required_argument, NULL, OPT_ROBOTS },
		{ "agent", required_argument, NULL, OPT_AGENT },
		{ 0 }
	};
	int c;
	cli_common_init(&o->common, &help);
	o->sources = xcalloc((size_t)argc + 1, sizeof *o->sources);
	while ((c = cli_getopt(argc, argv, CLI_COMMON_SHORTOPTS "m:S:aps:", longopts)) != -1) {
		if (cli_common_option(&o->common, c, optarg))
			continue;
		if (c == 'm')
			o->map = optarg;
		else if (c == OPT_RESO)
			o->reso = 1;
		else if (c == 'S')
			o->source = optarg;
		else if (c == 'a')
			o->all = 1;
		else if (c == 'p')
			o->preview = 1;
		else if (c == 's')
			o->sources[o->nsources++] = optarg;
		else if (c == OPT_SOURCES)
			o->sources_dir = optarg;
		else if (c == OPT_OFFLINE)
			o->offline = 1;
		else if (c == OPT_TRY)
			o->try_url = optarg;
		else if (c == OPT_ROBOTS)
			o->robots = optarg;
		else if (c == OPT_AGENT)
			o->agent = optarg;
	}
	if (o->map && o->reso)
		diag_usage("'--map' and '--reso' exclude each other");
	if (o->source && !csvmap_source_valid(o->source))
		diag_usage("invalid source name '%s' (1 to 64 of [a-z0-9_])", o->source);
	if (!!o->robots != !!o->agent)
		diag_usage("'--robots FILE' and '--agent UA' go together");
	if (o->robots && optind == argc)
		diag_usage("'--robots' needs the URLs to check");
	if (o->try_url && (optind < argc || o->sources_dir || o->nsources > 1))
		diag_usage("'--try URL' fetches one page: give at most one -s and no FILE");
	if (o->try_url)
		o->preview = o->all = 1;    /* nothing kept; the record shown even when known */
	if (o->nsources && o->sources_dir)
		diag_usage("give sources with -s or --sources, not both");
	if ((o->nsources || o->sources_dir) && optind < argc)
		diag_usage("give CSV FILEs or sources (-s, --sources), not both: run discover twice");
}

/* Emit, then commit: the listings a batch marks as seen reach stdout
 * before the batch commits, so a crash repeats them rather than loses them. */
static int emit(void *ctx)
{
	struct discover *d = ctx;
	if (fflush(stdout) == 0)
		return 0;
	if (!d->status)
		diag_error("write error on standard output: %s", strerror(errno));
	d->status = EX_IOERR;
	return -1;
}

/* The state, or for a preview a copy of it in memory (nothing is kept). */
static void open_state(struct discover *d)
{
	struct buf err = BUF_INIT;
	if (d->o->preview) {
		char *path = cli_db_path(&d->o->common, listing_state_schema.file);
		d->store = store_open_copy(path, &listing_state_schema, &err);
		free(path);
		if (!d->store)
			diag_die(EX_IOERR, "%s", buf_cstr(&err));
	} else {
		d->store = cli_open_store(&d->o->common, &listing_state_schema);
	}
	d->state = listing_state_new(d->store, &err);
	if (d->state)
		d->web = web_state_new(d->store, &err);
	if (d->web)
		d->sources = listing_sources_new(d->store, &err);
	if (!d->sources)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	store_before_commit(d->store, emit, d);
	buf_release(&err);
}

/* --check: the sources load and the map fits each file's header (both
 * done by now for the sources); no state, no network. */
static int check(struct discover *d, char **files, int n, struct source **list, size_t nlist)
{
	for (int i = 0; i < n && d->status != EX_IOERR; i++)
		discover_file(d, files[i]);
	int status = d->status;
	for (size_t i = 0; i < nlist; i++) {
		/* What a run would read from the environment is there. */
		const struct source *s = list[i];
		const char *vars[] = { s->bearer_env, s->token_url ? s->client_id_env : NULL,
				       s->token_url ? s->client_secret_env : NULL };
		for (size_t v = 0; v < 3; v++)
			if (vars[v] && (!getenv(vars[v]) || !*getenv(vars[v]))) {
				diag_error("%s: the environment variable %s is not set (the "
					   "source's \"auth\" names it)", s->file, vars[v]);
				status = EX_CONFIG;
			}
	}
	if (nlist) {
		buf_printf(&d->row, "%zu source%s (", nlist, nlist == 1 ? "" : "s");
		for (size_t i = 0; i < nlist; i++)
			buf_printf(&d->row, "%s%s", i ? ", " : "", list[i]->name);
		buf_adds(&d->row, ") load");
		if (!status)
			cli_check_ok(&d->o->common, d->row.data);
		source_list_free(list, nlist);
		buf_release(&d->row);
		csvmap_free(d->map);
		return status;
	}
	if (!status && !d->row.len)
		buf_adds(&d->row, d->o->map ? "the map" : "the RESO mapping");
	else if (!status)
		buf_printf(&d->row, " %s %s", d->written > 1 ? "fit" : "fits",
			   d->o->map ? "the map" : "the RESO mapping");
	if (!status)
		cli_check_ok(&d->o->common, d->row.data);
	reject_free(d->rej);
	csvmap_free(d->map);
	buf_release(&d->row);
	buf_release(&d->why);
	return status;
}

static int finish(struct discover *d, double start)
{
	if (d->show_progress && d->in >= 0x4000)
		fputs("\r\033[K", stderr);
	listing_state_free(d->state);
	web_state_free(d->web);
	listing_sources_free(d->sources);
	if (store_batch_flush(d->store) < 0 && !d->status) {
		diag_error("committing state: %s", store_errmsg(d->store));
		d->status = EX_IOERR;
	}
	if (store_close(d->store) < 0 && !d->status) {
		diag_error("committing state failed");
		d->status = EX_IOERR;
	}
	if (reject_free(d->rej) < 0 && !d->status)
		d->status = EX_IOERR;
	stage_summary(&d->o->common, d->in, d->written, d->rejected, stage_now() - start);
	int out = stage_close_stdout();
	csvmap_free(d->map);
	listing_release(&d->rec);
	buf_release(&d->out);
	buf_release(&d->why);
	buf_release(&d->row);
	return d->status ? d->status : out ? out : d->rejected ? EX_DATAERR : 0;
}

int main(int argc, char **argv)
{
	struct discover_opts o = { 0 };
	struct discover d = { .o = &o };
	struct buf err = BUF_INIT;
	double start = stage_now();
	diag_init(argv);
	parse_options(&o, argc, argv);
	if (o.robots) {
		int rc = robots_cmd(o.robots, o.agent, argv + optind, argc - optind);
		int out = stage_close_stdout();
		return rc ? rc : out;
	}
	size_t nlist = 0;
	struct source **list = source_list_load(&o, optind < argc, &nlist);
	d.map = o.map ? csvmap_load(o.map, &err) : csvmap_reso();
	if (!d.map)
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	buf_release(&err);
	if (o.common.check)
		return check(&d, argv + optind, argc - optind, list, nlist);
	clock_format(clock_now(), d.seen_at);
	d.show_progress = !o.common.quiet && isatty(STDERR_FILENO);
	open_state(&d);
	interrupt_install();
	if (o.try_url)
		try_url(&d, nlist ? list[0] : NULL, o.try_url);
	for (size_t i = 0; i < nlist && !o.try_url && d.status != EX_IOERR && !interrupt_signal(); i++)
		crawl_source(&d, list[i]);
	for (int i = optind; i < argc && d.status != EX_CONFIG && d.status != EX_IOERR &&
	     !interrupt_signal(); i++)
		discover_file(&d, argv[i]);
	if (interrupt_signal() && !d.status)
		d.status = interrupt_status();
	source_list_free(list, nlist);
	free(o.sources);
	structured_release();
	xml_arena_release();
	return finish(&d, start);
}
