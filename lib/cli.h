/* SPDX-License-Identifier: MIT */
/* The options every birddog program shares (-t, --db, --reject, -q, -h,
 * --version), parsed inside each program's own getopt_long loop. */
#ifndef BIRDDOG_CLI_H
#define BIRDDOG_CLI_H

#include <getopt.h>
#include <stddef.h>

struct cli_common {
	const char *tenant;     /* borrowed from argv or the environment */
	const char *db;         /* NULL: the tenant's default */
	const char *reject;     /* NULL: the tenant's default */
	int quiet;
	size_t max_line;
};

enum {
	CLI_OPT_VERSION = 0x100,
	CLI_OPT_DB,
	CLI_OPT_REJECT,
	CLI_OPT_MAX_LINE,
	CLI_OPT_OWN = 0x200     /* a program's own long-only options start here */
};

#define CLI_COMMON_SHORTOPTS "ht:q"
#define CLI_COMMON_LONGOPTS \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, CLI_OPT_VERSION }, \
	{ "tenant", required_argument, NULL, 't' }, \
	{ "db", required_argument, NULL, CLI_OPT_DB }, \
	{ "reject", required_argument, NULL, CLI_OPT_REJECT }, \
	{ "max-line", required_argument, NULL, CLI_OPT_MAX_LINE }, \
	{ "quiet", no_argument, NULL, 'q' }

#define CLI_COMMON_USAGE \
	"  -t, --tenant NAME     tenant whose state and config to use (default: $BIRDDOG_TENANT or default)\n" \
	"      --db PATH         this program's SQLite state file (default: DATADIR/PROG.db)\n" \
	"      --reject PATH     append rejected input to PATH (default: DATADIR/rejects/PROG.ndjson)\n" \
	"      --max-line BYTES  longest input line accepted (default: 16777216)\n" \
	"  -q, --quiet           no summary line on stderr\n" \
	"  -h, --help            show this help and exit\n" \
	"      --version         show the version and exit\n"

void cli_common_init(struct cli_common *c);
/* Handles opt when it is a common option and returns 1, else returns 0.
 * Prints usage (borrowed) and exits 0 for -h; exits 64 for '?' and bad values. */
int cli_common_option(struct cli_common *c, int opt, const char *arg, const char *usage);

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

/* Parses a non-negative integer option value or exits 64 naming the option. */
long cli_parse_long(const char *arg, const char *option, long min, long max);

#endif
