/* SPDX-License-Identifier: MIT */
/* score train, models, activate, eval (see models_cmd.h). */
#include "models_cmd.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "arena.h"
#include "clock.h"
#include "daynum.h"
#include "diag.h"
#include "eval.h"
#include "registry.h"
#include "stage.h"
#include "store.h"
#include "study_json.h"
#include "train.h"
#include "xalloc.h"

static const struct cli_help train_help = {
	.usage =
	"usage: score train [OPTIONS] FILE...\n"
	"Train a valuation model (gradient-boosted trees, XGBoost) on enriched sold\n"
	"records, cross-validated; write it as a bundle and register it.\n"
	"\n"
	"      --spec FILE       the feature spec (default: CONFIGDIR/avm-spec.json, else\n"
	"                        the installed default)\n"
	"      --folds K         cross-validation folds (2-20, default 5)\n"
	"      --seed N          for the folds and the trees (default 1): the same data\n"
	"                        and seed give the same bundle, byte for byte\n"
	"      --threads N       training threads (default 1; 0: every CPU, faster only\n"
	"                        when nothing else runs)\n"
	"  -o, --output FILE     also write the bundle to FILE\n",
	.reject = "score-train.ndjson",
	.tenant = "model registry (score.db, models/) and spec",
	.examples =
	"Examples:\n"
	"  enrich --load-sales sales.csv --map county.map.json\n"
	"  discover -m county.map.json sales.csv | enrich > sold.ndjson\n"
	"  score train sold.ndjson                # registers avm-...; the first is active\n"
	"  score train --spec my-spec.json --folds 10 -o avm.bundle sold.ndjson\n",
};

static const struct cli_help list_help = {
	.usage =
	"usage: score models [OPTIONS]\n"
	"List the registered models, newest first, with their cross-validated ratio\n"
	"study; '*' marks the active one.\n"
	"\n"
	"      --json            one JSON object a model\n",
	.reject = "score.ndjson (unused)",
	.tenant = "model registry (score.db)",
	.examples = "Examples:\n  score models\n  score models --json | jq -r .version\n",
};

static const struct cli_help activate_help = {
	.usage =
	"usage: score activate [OPTIONS] VERSION\n"
	"Make a registered model the one plain score runs use.\n",
	.reject = "score.ndjson (unused)",
	.tenant = "model registry (score.db)",
	.examples = "Examples:\n  score models\n  score activate avm-3f2a9c1d0b7e\n",
};

static const struct cli_help eval_help = {
	.usage =
	"usage: score eval [OPTIONS] FILE...\n"
	"Value sold records with a model and compare with their sale prices: an\n"
	"assessor's ratio study (count, MdAPE, within 10%, median ratio, COD, PRD,\n"
	"PRB with its 95% interval), overall and per ZIP code with 30 sales or more.\n"
	"\n"
	"      --model M         a bundle FILE or a registered VERSION (default: the\n"
	"                        active model)\n"
	"      --json            NDJSON, one object a group, instead of a table\n"
	"      --threads N       threads for the model (default 1; 0: every CPU)\n",
	.reject = "score.ndjson",
	.tenant = "model registry (score.db)",
	.examples =
	"Examples:\n"
	"  score eval held-out.ndjson\n"
	"  score eval --model avm-3f2a9c1d0b7e --json held-out.ndjson | jq 'select(.group==\"all\")'\n",
};

enum { OPT_SPEC = CLI_OPT_OWN, OPT_FOLDS, OPT_SEED, OPT_THREADS, OPT_JSON, OPT_MODEL };

static char *bundle_path(const char *model)
{
	struct stat sb;
	return strchr(model, '/') || stat(model, &sb) == 0 ? xstrdup(model) : NULL;
}

/* The registry's file for version (NULL: the active one), or NULL. */
static char *registered(const struct cli_common *c, const char *version)
{
	struct buf err = BUF_INIT;
	char *db = cli_db_path(c, "score.db"), *file = NULL;
	if (access(db, F_OK) == 0) {
		struct store *s = cli_open_store(c, &registry_schema);
		if (registry_file(s, version, &file, &err) < 0)
			diag_die(EX_IOERR, "%s", buf_cstr(&err));
		store_close(s);
	}
	free(db);
	buf_release(&err);
	return file;
}

struct avm *models_load(const struct cli_common *c, const char *model, int threads)
{
	struct buf err = BUF_INIT;
	char *file = model ? bundle_path(model) : NULL;
	if (!file)
		file = registered(c, model);
	if (!file && model)
		diag_die(EX_CONFIG, "no model '%s': not a bundle file, nor a version in the "
			 "registry ('score models' lists them)", model);
	if (!file) {
		if (c->verbose)
			diag_error("no model is active: using the scorecard ('score train' makes one)");
		return NULL;
	}
	struct avm *a = avm_load(file, threads, &err);
	if (!a)
		diag_die(EX_CONFIG, "%s; train another ('score train') or use the scorecard "
			 "('--scorecard')", buf_cstr(&err));
	if (c->verbose)
		diag_error("using the model %s ('%s')", a->version, file);
	free(file);
	buf_release(&err);
	return a;
}

/* Parses the common options and those in own; returns the index of the
 * first operand. set is called for each own option. */
static int parse(struct cli_common *c, const struct cli_help *h, int argc, char **argv,
		 const char *shortopts, const struct option *own, size_t nown,
		 void (*set)(void *ctx, int opt, const char *arg), void *ctx)
{
	static const struct option common[] = { CLI_COMMON_LONGOPTS };
	size_t ncommon = sizeof common / sizeof common[0];
	struct option *all = xcalloc(ncommon + nown + 1, sizeof *all);
	memcpy(all, common, sizeof common);
	memcpy(all + ncommon, own, nown * sizeof *own);
	struct buf so = BUF_INIT;
	buf_printf(&so, "%s%s", CLI_COMMON_SHORTOPTS, shortopts);
	int opt;
	cli_common_init(c, h);
	while ((opt = cli_getopt(argc, argv, so.data, all)) != -1)
		if (!cli_common_option(c, opt, optarg))
			set(ctx, opt, optarg);
	free(all);
	buf_release(&so);
	return optind;
}

static void set_train(void *ctx, int opt, const char *arg)
{
	struct train_opts *o = ctx;
	if (opt == OPT_SPEC)
		o->spec = arg;
	else if (opt == OPT_FOLDS)
		o->folds = (int)cli_parse_long(arg, "--folds", 2, 20);
	else if (opt == OPT_SEED)
		o->seed = (unsigned)cli_parse_long(arg, "--seed", 0, 4294967295L);
	else if (opt == OPT_THREADS)
		o->threads = (int)cli_parse_long(arg, "--threads", 0, 1024);
	else if (opt == 'o')
		o->out = arg;
}

int models_train_main(int argc, char **argv)
{
	static const struct option own[] = {
		{ "spec", required_argument, NULL, OPT_SPEC },
		{ "folds", required_argument, NULL, OPT_FOLDS },
		{ "seed", required_argument, NULL, OPT_SEED },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "output", required_argument, NULL, 'o' },
	};
	struct cli_common c;
	/* One thread by default: XGBoost's OpenMP threads spin while they
	 * wait, so every CPU is 6x slower, not faster, on a busy machine. */
	struct train_opts o = { .common = &c, .folds = 5, .seed = 1, .threads = 1 };
	int first = parse(&c, &train_help, argc, argv, "o:", own, sizeof own / sizeof own[0],
			  set_train, &o);
	if (c.check)
		diag_usage("'score train' has no --check: it reads its records to train");
	o.files = argv + first;
	o.nfiles = argc - first;
	return train_run(&o);
}

struct list_opts {
	int json;
};

static void set_list(void *ctx, int opt, const char *arg)
{
	(void)arg;
	if (opt == OPT_JSON)
		((struct list_opts *)ctx)->json = 1;
}

struct listing {
	struct buf out;
	int json;
	size_t n;
};

static void list_one(void *ctx, const struct registry_entry *e)
{
	struct listing *l = ctx;
	json_t *m = json_loads(e->metrics, 0, NULL);
	l->n++;
	if (l->json) {
		json_t *o = json_pack("{s:s, s:b, s:s, s:I, s:s, s:s, s:O}", "version", e->version,
				      "active", e->active, "trained_at", e->trained_at,
				      "records", (json_int_t)e->records, "data_sha256",
				      e->data_sha256, "file", e->file, "cv", m ? m : json_null());
		char *text = json_dumps(o, JSON_COMPACT | JSON_REAL_PRECISION(12));
		buf_printf(&l->out, "%s\n", text);
		free(text);
		json_decref(o);
	} else {
		buf_printf(&l->out, "%c %-16s %-20s %8ld %7.2f%% %6.2f %6.3f %7.4f\n",
			   e->active ? '*' : ' ', e->version, e->trained_at, e->records,
			   json_number_value(json_object_get(m, "mdape_pct")),
			   json_number_value(json_object_get(m, "cod")),
			   json_number_value(json_object_get(m, "prd")),
			   json_number_value(json_object_get(m, "prb")));
	}
	json_decref(m);
}

/* The registry, opened only when it exists (a listing creates nothing). */
static struct store *open_registry(const struct cli_common *c)
{
	char *db = cli_db_path(c, "score.db");
	struct store *s = access(db, F_OK) == 0 ? cli_open_store(c, &registry_schema) : NULL;
	free(db);
	return s;
}

int models_list_main(int argc, char **argv)
{
	static const struct option own[] = { { "json", no_argument, NULL, OPT_JSON } };
	struct cli_common c;
	struct list_opts lo = { 0 };
	int first = parse(&c, &list_help, argc, argv, "", own, 1, set_list, &lo);
	if (first < argc)
		diag_usage("'score models' takes no operands");
	struct listing l = { BUF_INIT, lo.json, 0 };
	struct buf err = BUF_INIT;
	struct store *s = open_registry(&c);
	if (s && registry_each(s, list_one, &l, &err) < 0)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	if (s)
		store_close(s);
	if (!lo.json && l.n)
		printf("  %-16s %-20s %8s %8s %6s %6s %7s\n", "VERSION", "TRAINED", "RECORDS",
		       "MdAPE", "COD", "PRD", "PRB");
	fwrite(l.out.data, 1, l.out.len, stdout);
	if (!l.n && !c.quiet)
		diag_error("no models yet: 'score train FILE' trains one on enriched sold records");
	buf_release(&l.out);
	buf_release(&err);
	return stage_close_stdout();
}

static void set_nothing(void *ctx, int opt, const char *arg)
{
	(void)ctx, (void)opt, (void)arg;
}

int models_activate_main(int argc, char **argv)
{
	struct cli_common c;
	int first = parse(&c, &activate_help, argc, argv, "", NULL, 0, set_nothing, NULL);
	if (argc - first != 1)
		diag_usage("'score activate' takes one VERSION ('score models' lists them)");
	struct buf err = BUF_INIT;
	struct store *s = open_registry(&c);
	int rc = s ? registry_activate(s, argv[first], &err) : 1;
	if (!s)
		buf_printf(&err, "no model '%s': none is trained yet (score train FILE)", argv[first]);
	if (s)
		store_close(s);
	if (rc)
		diag_error("%s", buf_cstr(&err));
	else if (!c.quiet)
		diag_error("%s is the active model", argv[first]);
	buf_release(&err);
	return rc < 0 ? EX_IOERR : rc ? EX_DATAERR : 0;
}

struct eval_opts {
	const char *model;
	int json, threads;
};

static void set_eval(void *ctx, int opt, const char *arg)
{
	struct eval_opts *o = ctx;
	if (opt == OPT_MODEL)
		o->model = arg;
	else if (opt == OPT_JSON)
		o->json = 1;
	else if (opt == OPT_THREADS)
		o->threads = (int)cli_parse_long(arg, "--threads", 0, 1024);
}

int models_eval_main(int argc, char **argv)
{
	static const struct option own[] = {
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "threads", required_argument, NULL, OPT_THREADS },
	};
	struct cli_common c;
	struct eval_opts eo = { .threads = 1 };
	int first = parse(&c, &eval_help, argc, argv, "", own, 3, set_eval, &eo);
	json_arena_install();
	struct avm *a = models_load(&c, eo.model, eo.threads);
	if (!a)
		diag_die(EX_CONFIG, "no model to evaluate: none is active ('score train' makes "
			 "one) and no --model was given");
	if (c.check) {
		struct buf what = BUF_INIT;
		buf_printf(&what, "the model %s", a->version);
		cli_check_ok(&c, what.data);
		buf_release(&what);
		avm_free(a);
		return 0;
	}
	int status = eval_run(&c, a, argv + first, argc - first, eo.json,
			      daynum_from_time(clock_now()));
	avm_free(a);
	json_arena_release();
	return status;
}
