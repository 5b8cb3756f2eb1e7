/* SPDX-License-Identifier: MIT */
/* The options every birddog program shares, with one meaning everywhere. */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "buf.h"
#include "diag.h"
#include "paths.h"
#include "store.h"
#include "xalloc.h"

#ifndef BIRDDOG_VERSION
#define BIRDDOG_VERSION "0"
#endif

void cli_common_init(struct cli_common *c)
{
	const char *t = getenv("BIRDDOG_TENANT");
	c->tenant = t && *t ? t : "default";
	c->db = NULL;
	c->reject = NULL;
	c->quiet = 0;
	c->max_line = 16u << 20;
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

int cli_common_option(struct cli_common *c, int opt, const char *arg, const char *usage)
{
	switch (opt) {
	case 'h':
		fputs(usage, stdout);
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
	struct buf name = BUF_INIT;
	buf_printf(&name, "%s.ndjson", diag_prog());
	char *p = cli_reject_path_named(c, buf_cstr(&name));
	buf_release(&name);
	return p;
}
