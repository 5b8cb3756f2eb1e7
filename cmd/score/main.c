/* SPDX-License-Identifier: MIT */
/* score: values each record with the tenant's active model (an XGBoost
 * AVM) and gives it a 0-100 deal score with its reasons, or, without a
 * model, applies the transparent scorecard; keeps records at or above
 * --min. Subcommands train, list, activate and evaluate models. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <unistd.h>

#include "arena.h"
#include "avm.h"
#include "cli.h"
#include "clock.h"
#include "daynum.h"
#include "deal.h"
#include "diag.h"
#include "models_cmd.h"
#include "record_rules.h"
#include "scorecard.h"
#include "stage.h"
#include "tenant.h"
#include "train.h"
#include "valuer.h"
#include "xalloc.h"

static const struct cli_help help = {
	.usage =
	"usage: score [OPTIONS] [FILE...]\n"
	"       score train|models|activate|eval ...  (score COMMAND --help)\n"
	"Value each NDJSON record with the tenant's active model and add a 0-100 deal\n"
	"score with its reasons and the deal maths; without a model, apply the\n"
	"scorecard.\n"
	"\n"
	"      --min N           write only records scoring N or more (0-100)\n"
	"      --model M         a model bundle FILE or a registered VERSION, not the\n"
	"                        active one\n"
	"      --scorecard       use the scorecard even when a model is active\n"
	"  -w, --weights FILE    scorecard JSON (default: CONFIGDIR/scorecard.json, else\n"
	"                        the installed default)\n"
	"      --reasons N       reasons shown per record (default 8; 0: none, faster)\n"
	"      --explain         add valuation.explain: the model's inputs and terms\n"
	"      --threads N       the model's threads (default 0: one for values, beside\n"
	"                        the one reading records, every CPU for reasons)\n",
	.reject = "score.ndjson",
	.tenant = "models, scorecard, tenant.json (and rejects/)",
	.examples =
	"Examples:\n"
	"  score train --folds 5 enriched-sales.ndjson   # a model from sold records\n"
	"  score models                                  # versions and their metrics\n"
	"  score --min 75 enriched.ndjson > deals.ndjson\n"
	"  score eval --json held-out.ndjson             # a ratio study\n"
	"  score --check -v                              # which model or scorecard?\n",
};

enum { OPT_MIN = CLI_OPT_OWN, OPT_MODEL, OPT_SCORECARD, OPT_REASONS, OPT_THREADS, OPT_EXPLAIN };

struct score_opts {
	struct cli_common common;
	const char *weights, *model;
	int min, scorecard, reasons, threads, explain;
};

static void parse_options(struct score_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "weights", required_argument, NULL, 'w' },
		{ "min", required_argument, NULL, OPT_MIN },
		{ "model", required_argument, NULL, OPT_MODEL },
		{ "scorecard", no_argument, NULL, OPT_SCORECARD },
		{ "reasons", required_argument, NULL, OPT_REASONS },
		{ "threads", required_argument, NULL, OPT_THREADS },
		{ "explain", no_argument, NULL, OPT_EXPLAIN },
		{ 0 }
	};
	int c;
	cli_common_init(&o->common, &help);
	o->reasons = 8;
	while ((c = cli_getopt(argc, argv, CLI_COMMON_SHORTOPTS "w:", longopts)) != -1) {
		if (cli_common_option(&o->common, c, optarg))
			continue;
		if (c == 'w')
			o->weights = optarg;
		else if (c == OPT_MIN)
			o->min = (int)cli_parse_long(optarg, "--min", 0, 100);
		else if (c == OPT_MODEL)
			o->model = optarg;
		else if (c == OPT_SCORECARD)
			o->scorecard = 1;
		else if (c == OPT_REASONS)
			o->reasons = (int)cli_parse_long(optarg, "--reasons", 0, 64);
		else if (c == OPT_THREADS)
			o->threads = (int)cli_parse_long(optarg, "--threads", 0, 1024);
		else if (c == OPT_EXPLAIN)
			o->explain = 1;
	}
	if (o->scorecard && o->model)
		diag_usage("'--scorecard' and '--model' choose differently: give one");
}

/* The scorecard stage: one record at a time. */
struct card_ctx {
	struct scorecard *card;
	int min;
};

static enum stage_verdict card_record(struct stage *st, struct record *rec, struct buf *why)
{
	struct card_ctx *ctx = st->ctx;
	const char *bad = record_rules_check(rec);
	if (bad)
		return buf_adds(why, bad), STAGE_REJECT;
	int value;
	record_set(rec, "score", scorecard_apply(ctx->card, rec, &value));
	return value >= ctx->min ? STAGE_PASS : STAGE_DROP;
}

/* The scorecard: -w, else the tenant's, else the installed default. */
static struct scorecard *load_card(const struct score_opts *o, char **path)
{
	struct buf err = BUF_INIT;
	*path = o->weights ? xstrdup(o->weights) : cli_config_path(&o->common, "scorecard.json", NULL);
	struct scorecard *card = scorecard_load(*path, &err);
	if (!card) {
		if (!o->weights)
			cli_config_hint(&o->common, *path, "-w FILE", &err);
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	}
	buf_release(&err);
	return card;
}

static void load_deal(const struct score_opts *o, struct deal_assumptions *d)
{
	struct tenant t;
	struct buf err = BUF_INIT;
	if (tenant_load(o->common.tenant, &t, &err) < 0 ||
	    deal_assumptions_load(json_object_get(t.json, "deal"), t.path, d, &err) < 0)
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	tenant_release(&t);
	buf_release(&err);
}

static int run_card(struct score_opts *o, char **argv, int argc)
{
	char *path;
	struct card_ctx ctx = { load_card(o, &path), o->min };
	struct buf what = BUF_INIT;
	int status = 0;
	if (o->common.check) {
		buf_printf(&what, "the scorecard '%s'", path);
		cli_check_ok(&o->common, what.data);
	} else {
		struct stage st = { .common = &o->common, .record = card_record, .ctx = &ctx };
		status = stage_run(&st, argv + optind, argc - optind);
	}
	free(path);
	buf_release(&what);
	scorecard_free(ctx.card);
	return status;
}

static int run_model(struct score_opts *o, struct avm *a, char **argv, int argc)
{
	struct deal_assumptions deal;
	struct buf what = BUF_INIT;
	load_deal(o, &deal);
	if (o->common.check) {
		buf_printf(&what, "the model %s", a->version);
		cli_check_ok(&o->common, what.data);
		buf_release(&what);
		return 0;
	}
	struct valuer_opts vo = { o->min, o->reasons, o->explain, deal,
				  daynum_from_time(clock_now()) };
	struct valuer *v = valuer_new(a, &vo);
	struct stage st = { .common = &o->common };
	valuer_attach(v, &st);
	int status = stage_run(&st, argv + optind, argc - optind);
	valuer_free(v);
	return status;
}

static int score_main(int argc, char **argv)
{
	struct score_opts o = { 0 };
	parse_options(&o, argc, argv);
	json_arena_install();
	struct avm *a = NULL;
	if (!o.scorecard && !o.weights)
		a = models_load(&o.common, o.model, o.threads ? o.threads : 1);
	if (a && !o.threads)
		booster_contrib_threads(a->b, 0);
	int status = a ? run_model(&o, a, argv, argc) : run_card(&o, argv, argc);
	avm_free(a);
	json_arena_release();
	return status;
}

int main(int argc, char **argv)
{
	diag_init(argv);
	if (argc > 1 && strcmp(argv[1], "train") == 0)
		return models_train_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "models") == 0)
		return models_list_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "activate") == 0)
		return models_activate_main(argc - 1, argv + 1);
	if (argc > 1 && strcmp(argv[1], "eval") == 0)
		return models_eval_main(argc - 1, argv + 1);
	return score_main(argc, argv);
}
