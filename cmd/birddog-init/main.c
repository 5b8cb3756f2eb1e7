/* SPDX-License-Identifier: MIT */
/* birddog-init: sets up a tenant's configuration directory from an installed
 * copy: tenant.json from options or questions, held to the programs' own
 * rules, and editable copies of the installed scorecard and templates. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "cli.h"
#include "config.h"
#include "diag.h"
#include "fileio.h"
#include "init_ask.h"
#include "init_check.h"
#include "init_file.h"
#include "init_values.h"
#include "paths.h"
#include "xalloc.h"

static const struct cli_help help = {
	.usage =
	"usage: birddog-init [-t NAME] --sender-email ADDR --postal-address TEXT [OPTIONS]\n"
	"       birddog-init [-t NAME] --check [--allow-example-domain]\n"
	"Set up a tenant: write CONFIGDIR/tenant.json from the options (on a terminal,\n"
	"asking for what they leave out) and copy the installed scorecard and\n"
	"templates beside it, to edit. See birddog-config(5).\n"
	"\n"
	"      --company NAME    the company the memos are from\n"
	"      --sender-name NAME\n"
	"                        the From name of the messages\n"
	"      --sender-email ADDR\n"
	"                        the From address (required)\n"
	"      --reply-to ADDR   where replies go\n"
	"      --postal-address TEXT\n"
	"                        the postal address every message carries\n"
	"                        (required: CAN-SPAM)\n"
	"      --phone TEXT      the phone number in the memo footer\n"
	"      --website URL     the website in the memo footer\n"
	"      --unsubscribe-email ADDR\n"
	"                        where unsubscribe requests go (default: the sender)\n"
	"      --unsubscribe-url URL\n"
	"                        the https:// one-click unsubscribe page\n"
	"      --color-primary COLOR, --color-accent COLOR\n"
	"                        the memo's brand colours, #rgb or #rrggbb\n"
	"                        (default: #1d4e89 and #f2a541)\n"
	"      --share-owner-name\n"
	"                        let the memos name the owner of record\n"
	"      --allow-example-domain\n"
	"                        accept addresses in domains reserved for examples\n"
	"                        (example.com, *.example, *.test)\n"
	"  -f, --force           update an existing tenant.json (the values given\n"
	"                        replace its own; the old one is kept as .bak)\n",
	.tenant = "configuration directory",
	.setup = 1,
	.examples =
	"Examples:\n"
	"  birddog-init -t acme                    # on a terminal: asks for each value\n"
	"  birddog-init -t acme --company 'Acme Home Buyers' --sender-email ann@acme.example \\\n"
	"      --postal-address '1 Main St, Reno, NV 89501' --allow-example-domain   # a demo\n"
	"  birddog-init -t acme --check            # is the tenant ready?\n",
};

/* A value option's code is OPT_FIELD + its enum init_field. */
enum { OPT_FIELD = CLI_OPT_OWN, OPT_SHARE = OPT_FIELD + INIT_NFIELDS, OPT_ALLOW_EXAMPLE };

struct init_opts {
	struct cli_common common;
	struct init_values values;
	int force;
	int given;              /* a value option was given */
	json_t *old;            /* with --force: the tenant.json it updates, or NULL */
	int kept;               /* the replaced tenant.json was kept as tenant.json.bak */
};

static void parse_options(struct init_opts *o, int argc, char **argv)
{
	/* The names are init_fields[].option without the dashes. */
	static const struct option longopts[] = {
		CLI_SETUP_LONGOPTS,
		{ "company", required_argument, NULL, OPT_FIELD + INIT_COMPANY },
		{ "sender-name", required_argument, NULL, OPT_FIELD + INIT_SENDER_NAME },
		{ "sender-email", required_argument, NULL, OPT_FIELD + INIT_SENDER_EMAIL },
		{ "reply-to", required_argument, NULL, OPT_FIELD + INIT_REPLY_TO },
		{ "postal-address", required_argument, NULL, OPT_FIELD + INIT_POSTAL_ADDRESS },
		{ "phone", required_argument, NULL, OPT_FIELD + INIT_PHONE },
		{ "website", required_argument, NULL, OPT_FIELD + INIT_WEBSITE },
		{ "unsubscribe-email", required_argument, NULL, OPT_FIELD + INIT_UNSUBSCRIBE_EMAIL },
		{ "unsubscribe-url", required_argument, NULL, OPT_FIELD + INIT_UNSUBSCRIBE_URL },
		{ "color-primary", required_argument, NULL, OPT_FIELD + INIT_COLOR_PRIMARY },
		{ "color-accent", required_argument, NULL, OPT_FIELD + INIT_COLOR_ACCENT },
		{ "share-owner-name", no_argument, NULL, OPT_SHARE },
		{ "allow-example-domain", no_argument, NULL, OPT_ALLOW_EXAMPLE },
		{ "force", no_argument, NULL, 'f' },
		{ 0 }
	};
	int c;
	cli_common_init(&o->common, &help);
	init_values_init(&o->values);
	while ((c = cli_getopt(argc, argv, CLI_COMMON_SHORTOPTS "f", longopts)) != -1) {
		if (cli_common_option(&o->common, c, optarg))
			continue;
		if (c >= OPT_FIELD && c < OPT_FIELD + INIT_NFIELDS)
			o->values.value[c - OPT_FIELD] = optarg;
		else if (c == OPT_SHARE)
			o->values.share_owner_name = 1;
		else if (c == OPT_ALLOW_EXAMPLE)
			o->values.allow_example_domain = 1;
		else if (c == 'f')
			o->force = 1;
		o->given |= (c >= OPT_FIELD && c <= OPT_SHARE) || c == 'f';
	}
	if (optind < argc)
		diag_usage("unexpected argument '%s': birddog-init reads no files", argv[optind]);
	if (o->common.check && o->given)
		diag_usage("'--check' checks the tenant as it is: it takes no values and no '--force'");
	if (!paths_tenant_valid(o->common.tenant))
		diag_usage("invalid tenant name '%s' in $BIRDDOG_TENANT", o->common.tenant);
}

/* The options of the required values not given, as "'--a' and '--b'". */
static int missing_required(const struct init_values *v, struct buf *names)
{
	int n = 0;
	for (int i = 0; i < INIT_NFIELDS; i++) {
		if (!init_fields[i].required || (v->value[i] && *v->value[i]))
			continue;
		buf_printf(names, "%s'%s'", n ? " and " : "", init_fields[i].option);
		n++;
	}
	return n;
}

/* The values the options left out: asked on a terminal, else a usage
 * error; asked only once the tenant.json is known not to be in the way. */
static void check_given(const struct init_opts *o, int *ask)
{
	struct buf names = BUF_INIT;
	int n = missing_required(&o->values, &names);
	if (n && !isatty(STDIN_FILENO))
		diag_usage("%s %s required (standard input is not a terminal to ask on)",
			   buf_cstr(&names), n == 1 ? "is" : "are");
	*ask = n > 0;
	buf_release(&names);
}

static void refuse_existing(const struct init_opts *o, const char *path)
{
	struct stat sb;
	if (o->force || lstat(path, &sb) < 0)
		return;
	diag_die(EX_CANTCREAT, "%s: exists: birddog-init updates it only with --force "
		 "('birddog-init -t %s --check' checks it)", path, o->common.tenant);
}

/* --force updates an existing tenant.json: its values stay where no option
 * replaces them, and its other keys are kept. One that does not load is
 * replaced, the reason said. */
static void load_old(struct init_opts *o, const char *path)
{
	struct buf err = BUF_INIT;
	if (!o->force || access(path, F_OK) < 0)
		return;
	o->old = config_load(path, &err);
	if (!o->old) {
		diag_error("%s: replacing it (the old file is kept as '%s.bak')", buf_cstr(&err), path);
		buf_release(&err);
		return;
	}
	struct init_values *v = &o->values;
	for (int i = 0; i < INIT_NFIELDS; i++)
		if (!v->value[i])
			v->value[i] = config_string(o->old, init_fields[i].key, NULL);
	json_t *share = json_object_get(o->old, "share_owner_name");
	if (v->share_owner_name < 0 && json_is_boolean(share))
		v->share_owner_name = json_is_true(share);
	buf_release(&err);
}

/* Keeps the tenant.json --force replaces as tenant.json.bak. */
static void keep_old(struct init_opts *o, const char *path)
{
	struct buf data = BUF_INIT, err = BUF_INIT;
	if (!o->force || fileio_read(path, &data) < 0) {
		buf_release(&data);
		return;
	}
	char *bak = xmalloc(strlen(path) + 5);
	sprintf(bak, "%s.bak", path);
	if (init_file_write(bak, data.data, data.len, 1, &err) < 0)
		diag_die(EX_IOERR, "%s (tenant.json not replaced)", buf_cstr(&err));
	o->kept = 1;
	free(bak);
	buf_release(&data);
	buf_release(&err);
}

/* The installed defaults to copy, or exits 78 before anything is written. */
static char *share_dir(const struct cli_common *c)
{
	struct stat sb;
	char *share = paths_share_dir();
	char *card = share ? paths_join(share, "scorecard.json") : NULL;
	char *tpl = share ? paths_join(share, "templates") : NULL;
	if (!share || stat(card, &sb) < 0 || stat(tpl, &sb) < 0 || !S_ISDIR(sb.st_mode))
		diag_die(EX_CONFIG, "no installed defaults (scorecard.json, templates/) in '%s': "
			 "set $BIRDDOG_SHARE to where they are", share ? share : "PREFIX/share/birddog");
	if (c->verbose)
		diag_error("copying the installed defaults in '%s'", share);
	free(card);
	free(tpl);
	return share;
}

/* The tenant.json to write, held to birddog-init's rules and the
 * programs'; exits 78 with the first problem, before anything is written. */
static json_t *checked_tenant(const struct init_opts *o, const char *path)
{
	struct buf err = BUF_INIT;
	int f = init_values_check(&o->values, &err);
	if (f >= 0)
		diag_die(EX_CONFIG, "%s: %s", init_fields[f].option, buf_cstr(&err));
	json_t *obj = init_values_json(&o->values, o->old, &err);
	if (!obj || init_values_validate(obj, path, &err) < 0)
		diag_die(EX_CONFIG, "%s (nothing written)", buf_cstr(&err));
	buf_release(&err);
	return obj;
}

/* Writes tenant.json whole, then loads it back as the programs will. */
static void write_tenant(struct init_opts *o, const char *dir, const char *path, json_t *obj)
{
	struct buf err = BUF_INIT, text = BUF_INIT;
	if (paths_mkdirs(dir, 0777) < 0)
		diag_die(EX_IOERR, "cannot create '%s': %s", dir, strerror(errno));
	char *dump = json_dumps(obj, JSON_INDENT(2));
	buf_printf(&text, "%s\n", dump);
	free(dump);
	keep_old(o, path);
	int rc = init_file_write(path, text.data, text.len, o->force, &err);
	buf_release(&text);
	if (rc < 0)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	if (rc > 0)
		refuse_existing(o, path);
	struct tenant t;
	if (tenant_load_file(path, &t, &err) < 0) {
		unlink(path);
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	}
	tenant_release(&t);
	buf_release(&err);
}

static void report(const struct init_opts *o, const char *dir, const char *share,
		   const struct init_copied *done)
{
	const char *t = o->common.tenant;
	printf("Set up the tenant '%s' in '%s':\n"
	       "  tenant.json     %s\n", t, dir,
	       o->kept ? "written (--force; the old one is tenant.json.bak)" : "written");
	if (done->scorecard)
		printf("  scorecard.json  copied from '%s/scorecard.json'\n", share);
	else
		printf("  scorecard.json  kept (it was there)\n");
	printf("  templates/      %d file%s copied from '%s/templates'", done->templates,
	       done->templates == 1 ? "" : "s", share);
	if (done->templates_kept)
		printf(", %d kept (they were there)", done->templates_kept);
	printf("\n\nNext:\n"
	       "  discover --check -t %s -m your.map.json your.csv\n"
	       "      does your listings export fit your column map?\n"
	       "  birddog-pipeline -t %s -n -b buyers.csv --map your.map.json your.csv\n"
	       "      a dry run of the whole pipeline: the messages go into DATADIR/maildir\n"
	       "  birddog-init -t %s --check\n"
	       "      after editing the files: is the tenant still ready?\n"
	       "  man birddog-config\n"
	       "      every key of tenant.json, the scorecard and the templates\n", t, t, t);
}

int main(int argc, char **argv)
{
	struct init_opts o = { 0 };
	struct init_copied done;
	struct buf err = BUF_INIT;
	int ask;
	diag_init(argv);
	parse_options(&o, argc, argv);
	if (o.common.check)
		return init_check(&o.common, o.values.allow_example_domain);
	char *dir = paths_config_dir(o.common.tenant);
	char *path = paths_join(dir, "tenant.json");
	refuse_existing(&o, path);
	load_old(&o, path);
	check_given(&o, &ask);
	char *share = share_dir(&o.common);
	init_values_load_example(&o.values);
	if (ask)
		init_ask(&o.values, o.common.tenant, dir);
	json_t *obj = checked_tenant(&o, path);
	write_tenant(&o, dir, path, obj);
	if (init_file_copy_defaults(share, dir, &done, &err) < 0)
		diag_die(EX_IOERR, "%s (tenant.json is written: run again with --force to finish)",
			 buf_cstr(&err));
	if (!o.common.quiet)
		report(&o, dir, share, &done);
	json_decref(obj);
	json_decref(o.old);
	init_values_release(&o.values);
	free(share);
	free(path);
	free(dir);
	buf_release(&err);
	if (fflush(stdout) != 0 || ferror(stdout))
		diag_die(EX_IOERR, "standard output: cannot write");
	return 0;
}
