/* SPDX-License-Identifier: MIT */
/* The options every birddog program shares (-t, --db, --reject, --check,
 * -q, -v, -h, --version), parsed inside each program's own getopt_long
 * loop, and its --help. */
#ifndef BIRDDOG_CLI_H
#define BIRDDOG_CLI_H

#include <getopt.h>
#include <stddef.h>

#include "buf.h"

/* A program's --help: its usage and own options, then the common options
 * (naming its reject file, and what -t picks for it), then examples. All
 * static strings. The help, the man page and the behaviour say the same. */
struct cli_help {
	const char *usage;      /* "usage: ...\nWhat it does.\n\n  its own options\n" */
	const char *reject;     /* its reject file in DATADIR/rejects/: "score.ndjson" */
	const char *tenant;     /* what -t picks: "state and config", "state" */
	int stateless;          /* it keeps no state file (--db is accepted, unused) */
	int setup;              /* a setup command (birddog-init): reads no records,
				 * so takes CLI_SETUP_LONGOPTS, without --db, --reject
				 * and --max-line */
	const char *examples;   /* "Examples:\n  score --min 75 in.ndjson\n" */
};

struct cli_common {
	const struct cli_help *help;   /* borrowed */
	const char *tenant;     /* borrowed from argv or the environment */
	const char *db;         /* NULL: the tenant's default */
	const char *reject;     /* NULL: the tenant's default */
	int quiet;
	int verbose;            /* -v: say which files are used */
	int check;              /* --check: check what would be loaded, read no input */
	size_t max_line;
};

enum {
	CLI_OPT_VERSION = 0x100,
	CLI_OPT_DB,
	CLI_OPT_REJECT,
	CLI_OPT_MAX_LINE,
	CLI_OPT_CHECK,
	CLI_OPT_OWN = 0x200     /* a program's own long-only options start here */
};

#define CLI_COMMON_SHORTOPTS "ht:qv"
#define CLI_COMMON_LONGOPTS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, CLI_OPT_VERSION }, \
	{ "tenant", required_argument, NULL, 't' }, \
	{ "db", required_argument, NULL, CLI_OPT_DB }, \
	{ "reject", required_argument, NULL, CLI_OPT_REJECT }, \
	{ "max-line", required_argument, NULL, CLI_OPT_MAX_LINE }, \
	{ "check", no_argument, NULL, CLI_OPT_CHECK }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "verbose", no_argument, NULL, 'v' }

/* The common options of a setup command. */
#define CLI_SETUP_LONGOPTS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, CLI_OPT_VERSION }, \
	{ "tenant", required_argument, NULL, 't' }, \
	{ "check", no_argument, NULL, CLI_OPT_CHECK }, \
	{ "quiet", no_argument, NULL, 'q' }, \
	{ "verbose", no_argument, NULL, 'v' }

void cli_common_init(struct cli_common *c, const struct cli_help *help);
/* getopt_long, and a usage error (64) when an option's value is another of
 * longopts ("--load-parcels --preview FILE"): the value was forgotten, and
 * the option would otherwise eat the next option as its value. */
int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts);
/* Handles opt when it is a common option and returns 1, else returns 0.
 * Prints the help and exits 0 for -h; exits 64 for '?' and bad values. */
int cli_common_option(struct cli_common *c, int opt, const char *arg);

/* The tenant's configuration file NAME ("scorecard.json", "templates"):
 * CONFIGDIR/NAME when it exists, else the installed default
 * (paths_share_dir()) when that exists, else CONFIGDIR/NAME, so that the
 * message about it names the tenant's file. With -v says which is used.
 * *is_default (may be NULL) is set to 1 for the installed default. Caller
 * frees. */
char *cli_config_path(const struct cli_common *c, const char *name, int *is_default);

/* Appends to msg what to do about the tenant's missing or broken
 * configuration file path: set the tenant up with birddog-init, or give a
 * file with option (NULL for none). */
void cli_config_hint(const struct cli_common *c, const char *path, const char *option,
		     struct buf *msg);

/* --check's verdict: prints "PROG: ready: WHAT" unless quiet and returns 0. */
int cli_check_ok(const struct cli_common *c, const char *what);

/* Resolved paths; the caller frees them. cli_db_path is --db, else the
 * program's own state file, DATADIR/NAME ("discover.db"). */
char *cli_data_dir(const struct cli_common *c);
char *cli_db_path(const struct cli_common *c, const char *name);

struct store;
struct store_schema;
/* Opens the program's state file (cli_db_path of schema->file); a new
 * default file takes its tables from the tenant's birddog.db of birddog
 * 0.1, saying so on stderr unless quiet. Exits 74 with the reason when it
 * cannot be opened. */
struct store *cli_open_store(const struct cli_common *c, const struct store_schema *schema);
char *cli_reject_path(const struct cli_common *c);
/* --reject when given, else DATADIR/rejects/NAME (for rejects that are not
 * NDJSON, e.g. "discover.csv"). The caller frees the result. */
char *cli_reject_path_named(const struct cli_common *c, const char *name);

/* The reject file for CSV rows of input (they carry its header): --reject
 * when given, else DATADIR/rejects/DIR/BASE.csv, BASE the input's file name
 * without its extension, made safe ("stdin" for "-"). Caller frees. */
char *cli_reject_path_csv(const struct cli_common *c, const char *dir, const char *input);

/* Parses a non-negative integer option value or exits 64 naming the option. */
long cli_parse_long(const char *arg, const char *option, long min, long max);

#endif
