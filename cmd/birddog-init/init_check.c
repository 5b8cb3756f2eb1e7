/* SPDX-License-Identifier: MIT */
/* birddog-init --check (see init_check.h). */
#include "init_check.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "config.h"
#include "diag.h"
#include "init_values.h"
#include "paths.h"
#include "tenant.h"

/* The tenant.json: the programs' rules, then birddog-init's. */
static void check_tenant(const struct cli_common *c, const char *path, int allow, struct buf *what)
{
	struct buf err = BUF_INIT;
	struct tenant t;
	if (access(path, F_OK) < 0)
		diag_die(EX_CONFIG, "%s: %s: set up the tenant '%s' with 'birddog-init -t %s'",
			 path, errno == ENOENT ? "no such file" : strerror(errno), c->tenant, c->tenant);
	if (tenant_load_file(path, &t, &err) < 0)
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	struct init_values v;
	init_values_init(&v);
	v.allow_example_domain = allow;
	init_values_load_example(&v);
	init_values_from_tenant(&v, &t);
	if (init_values_check(&v, &err) >= 0)
		diag_die(EX_CONFIG, "%s: %s", path, buf_cstr(&err));
	buf_printf(what, "the tenant '%s' (sender '%s') in '%s'", c->tenant, t.sender_email, path);
	init_values_release(&v);
	tenant_release(&t);
	buf_release(&err);
}

static void say_which(struct buf *what, const char *path, int is_default)
{
	buf_printf(what, "'%s'%s", path, is_default ? " (the installed default)" : "");
}

/* The scorecard: there and a JSON object; score --check applies its rules. */
static void check_scorecard(const struct cli_common *c, struct buf *what)
{
	struct buf err = BUF_INIT;
	int is_default;
	char *path = cli_config_path(c, "scorecard.json", &is_default);
	json_t *card = config_load(path, &err);
	if (!card) {
		cli_config_hint(c, path, NULL, &err);
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	}
	buf_adds(what, ", the scorecard ");
	say_which(what, path, is_default);
	json_decref(card);
	free(path);
	buf_release(&err);
}

/* The three templates docgen needs; docgen --check parses them. */
static void check_templates(const struct cli_common *c, struct buf *what)
{
	static const char *const need[] = { "memo.html.mustache", "memo.txt.mustache",
					    "subject.mustache" };
	int is_default;
	char *dir = cli_config_path(c, "templates", &is_default);
	for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
		char *p = paths_join(dir, need[i]);
		if (access(p, R_OK) < 0) {
			struct buf err = BUF_INIT;
			buf_printf(&err, "cannot read template '%s': %s", p, strerror(errno));
			cli_config_hint(c, dir, NULL, &err);
			diag_die(EX_CONFIG, "%s", buf_cstr(&err));
		}
		free(p);
	}
	buf_adds(what, ", the templates in ");
	say_which(what, dir, is_default);
	free(dir);
}

int init_check(const struct cli_common *c, int allow_example_domain)
{
	struct buf what = BUF_INIT;
	char *dir = paths_config_dir(c->tenant);
	char *path = paths_join(dir, "tenant.json");
	check_tenant(c, path, allow_example_domain, &what);
	check_scorecard(c, &what);
	check_templates(c, &what);
	cli_check_ok(c, buf_cstr(&what));
	buf_release(&what);
	free(path);
	free(dir);
	return 0;
}
