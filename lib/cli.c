/* SPDX-License-Identifier: MIT */
/* The options every birddog program shares, with one meaning everywhere. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "buf.h"
#include "diag.h"
#include "paths.h"
#include "store.h"
#include "xalloc.h"

#ifndef BIRDDOG_VERSION
#define BIRDDOG_VERSION "0"
#endif

void cli_common_init(struct cli_common *c, const struct cli_help *help)
{
	const char *t = getenv("BIRDDOG_TENANT");
	memset(c, 0, sizeof *c);
	c->help = help;
	c->tenant = t && *t ? t : "default";
	c->max_line = 16u << 20;
}

/* 1 when arg is "--NAME" or "--NAME=..." for a NAME of longopts. */
static int is_long_option(const char *arg, const struct option *longopts)
{
	if (strncmp(arg, "--", 2) != 0)
		return 0;
	size_t n = strcspn(arg + 2, "=");
	for (const struct option *o = longopts; o->name; o++)
		if (n && strlen(o->name) == n && strncmp(o->name, arg + 2, n) == 0)
			return 1;
	return 0;
}

int cli_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts)
{
	int idx = -1;
	int c = getopt_long(argc, argv, shortopts, longopts, &idx);
	if (c == -1 || c == '?' || c == ':' || !optarg || !is_long_option(optarg, longopts))
		return c;
	char given[80];
	if (idx >= 0)
		snprintf(given, sizeof given, "--%s", longopts[idx].name);
	else
		snprintf(given, sizeof given, "-%c", c);
	diag_usage("'%s' needs a value, but '%s' follows it: write '%s VALUE %s'", given, optarg,
		   given, optarg);
}

/* The common options of a setup command's help. */
static void print_setup_help(const struct cli_help *h)
{
	printf("%s"
	       "  -t, --tenant NAME     the tenant whose %s to use\n"
	       "                        (default: $BIRDDOG_TENANT, else default)\n"
	       "      --check           check the tenant's configuration as it is, change\n"
	       "                        nothing; exit 0 when ready\n"
	       "  -q, --quiet           say nothing but errors\n"
	       "  -v, --verbose         say which configuration files are used\n"
	       "  -h, --help            show this help and exit\n"
	       "      --version         show the version and exit\n"
	       "\nCONFIGDIR is $BIRDDOG_CONFIG/TENANT; see birddog-config(5).\n"
	       "\n%s",
	       h->usage, h->tenant, h->examples);
}

/* The help: the program's part, the common options, the examples. */
static void print_help(const struct cli_help *h)
{
	if (h->setup) {
		print_setup_help(h);
		return;
	}
	printf("%s"
	       "  -t, --tenant NAME     the tenant whose %s to use\n"
	       "                        (default: $BIRDDOG_TENANT, else default)\n",
	       h->usage, h->tenant);
	if (h->stateless)
		printf("      --db PATH         accepted like every birddog program; %s keeps no state\n",
		       diag_prog());
	else
		printf("      --db PATH         %s's SQLite state file (default: DATADIR/%s.db)\n",
		       diag_prog(), diag_prog());
	printf("      --reject PATH     append rejected input to PATH\n"
	       "                        (default: DATADIR/rejects/%s)\n"
	       "      --max-line BYTES  longest input line accepted (default: 16777216)\n"
	       "      --check           check what would be loaded (config, files), read no\n"
	       "                        input, touch no state; exit 0 when ready\n"
	       "  -q, --quiet           no summary line on stderr\n"
	       "  -v, --verbose         say which configuration files are used\n"
	       "  -h, --help            show this help and exit\n"
	       "      --version         show the version and exit\n"
	       "\nDATADIR is $BIRDDOG_HOME/TENANT, CONFIGDIR $BIRDDOG_CONFIG/TENANT; see birddog(7).\n"
	       "\n%s",
	       h->reject, h->examples);
}

long cli_parse_long(const char *arg, const char *option, long min, long max)
{
	char *end;
	errno = 0;
	long v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < min || v > max)
		diag_usage("'%s' needs a whole number from %ld to %ld, not '%s'", option, min, max, arg);
	return v;
}

int cli_common_option(struct cli_common *c, int opt, const char *arg)
{
	switch (opt) {
	case 'h':
		print_help(c->help);
		exit(fflush(stdout) == 0 ? 0 : EX_IOERR);
	case CLI_OPT_VERSION:
		printf("%s (birddog) %s\n", diag_prog(), BIRDDOG_VERSION);
		exit(fflush(stdout) == 0 ? 0 : EX_IOERR);
	case 't':
		if (!paths_tenant_valid(arg))
			diag_usage("invalid tenant name '%s' (letters, digits, '_' and '-', up to 64)", arg);
		c->tenant = arg;
		return 1;
	case CLI_OPT_DB:
		c->db = arg;
		return 1;
	case CLI_OPT_REJECT:
		c->reject = arg;
		return 1;
	case CLI_OPT_MAX_LINE:
		c->max_line = (size_t)cli_parse_long(arg, "--max-line", 2, 1L << 30);
		return 1;
	case 'q':
		c->quiet = 1;
		return 1;
	case 'v':
		c->verbose = 1;
		return 1;
	case CLI_OPT_CHECK:
		c->check = 1;
		return 1;
	case '?':
		fprintf(stderr, "try '%s --help'\n", diag_prog());
		exit(EX_USAGE);
	}
	return 0;
}

char *cli_data_dir(const struct cli_common *c)
{
	if (!paths_tenant_valid(c->tenant))
		diag_usage("invalid tenant name '%s' in $BIRDDOG_TENANT", c->tenant);
	return paths_data_dir(c->tenant);
}

static char *tenant_file(const struct cli_common *c, const char *name)
{
	char *dir = cli_data_dir(c);
	char *p = paths_join(dir, name);
	free(dir);
	return p;
}

char *cli_db_path(const struct cli_common *c, const char *name)
{
	return c->db ? xstrdup(c->db) : tenant_file(c, name);
}

struct store *cli_open_store(const struct cli_common *c, const struct store_schema *schema)
{
	struct buf err = BUF_INIT;
	char *path = cli_db_path(c, schema->file);
	char *legacy = c->db ? NULL : tenant_file(c, "birddog.db");
	struct store *s = store_open(path, schema, legacy, &err);
	if (!s)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	if (store_imported(s) && !c->quiet)
		diag_error("'%s' is new: copied %s", path, store_imported(s));
	free(path);
	free(legacy);
	buf_release(&err);
	return s;
}

char *cli_reject_path_named(const struct cli_common *c, const char *name)
{
	if (c->reject)
		return xstrdup(c->reject);
	struct buf rel = BUF_INIT;
	buf_printf(&rel, "rejects/%s", name);
	char *p = tenant_file(c, buf_cstr(&rel));
	buf_release(&rel);
	return p;
}

char *cli_reject_path(const struct cli_common *c)
{
	return cli_reject_path_named(c, c->help->reject);
}

char *cli_reject_path_csv(const struct cli_common *c, const char *dir, const char *input)
{
	if (c->reject)
		return xstrdup(c->reject);
	const char *base = strrchr(input, '/') ? strrchr(input, '/') + 1 : input;
	const char *dot = strrchr(base, '.');
	char *stem = strcmp(input, "-") == 0 ? xstrdup("stdin")
		: xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
	char *safe = paths_safe_name(stem);
	struct buf name = BUF_INIT;
	buf_printf(&name, "%s/%s.csv", dir, safe);
	char *p = cli_reject_path_named(c, buf_cstr(&name));
	buf_release(&name);
	free(safe);
	free(stem);
	return p;
}

char *cli_config_path(const struct cli_common *c, const char *name, int *is_default)
{
	struct stat sb;
	char *dir = paths_config_dir(c->tenant);
	char *own = paths_join(dir, name);
	char *share = paths_share_dir();
	char *fallback = share ? paths_join(share, name) : NULL;
	int use_default = stat(own, &sb) < 0 && fallback && stat(fallback, &sb) == 0;
	if (c->verbose && use_default)
		diag_error("using the installed default '%s' ('%s' does not exist)", fallback, own);
	else if (c->verbose)
		diag_error("using '%s'", own);
	if (is_default)
		*is_default = use_default;
	free(dir);
	free(share);
	if (use_default) {
		free(own);
		return fallback;
	}
	free(fallback);
	return own;
}

void cli_config_hint(const struct cli_common *c, const char *path, const char *option,
		     struct buf *msg)
{
	if (access(path, F_OK) == 0)
		return;
	buf_printf(msg, " (to set up the tenant '%s', run 'birddog-init -t %s': see "
		   "birddog-init(1)%s%s)", c->tenant, c->tenant, option ? "; or give one with " : "",
		   option ? option : "");
}

int cli_check_ok(const struct cli_common *c, const char *what)
{
	if (!c->quiet)
		fprintf(stderr, "%s: ready: %s\n", diag_prog(), what);
	return 0;
}
