/* SPDX-License-Identifier: MIT */
/* score: adds a 0-100 deal score with its reasons to each record, from a
 * transparent scorecard, and keeps only records at or above --min. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <sysexits.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "paths.h"
#include "record_rules.h"
#include "scorecard.h"
#include "stage.h"

static const char usage[] =
	"usage: score [OPTIONS] [FILE...]\n"
	"Add a deal score (0-100) and its reasons to each NDJSON record.\n"
	"\n"
	"  -w, --weights FILE    scorecard JSON (default: CONFIGDIR/scorecard.json)\n"
	"      --min N           write only records scoring N or more (0-100)\n"
	CLI_COMMON_USAGE;

enum { OPT_MIN = CLI_OPT_OWN };

struct score_opts {
	struct cli_common common;
	const char *weights;
	int min;
};

struct score_ctx {
	struct scorecard *card;
	int min;
};

static void parse_options(struct score_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "weights", required_argument, NULL, 'w' },
		{ "min", required_argument, NULL, OPT_MIN },
		{ 0 }
	};
	int c;
	cli_common_init(&o->common);
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "w:", longopts, NULL)) != -1) {
		if (cli_common_option(&o->common, c, optarg, usage))
			continue;
		if (c == 'w')
			o->weights = optarg;
		else if (c == OPT_MIN)
			o->min = (int)cli_parse_long(optarg, "--min", 0, 100);
	}
}

static enum stage_verdict score_record(struct stage *st, struct record *rec, struct buf *why)
{
	struct score_ctx *ctx = st->ctx;
	const char *bad = record_rules_check(rec);
	if (bad)
		return buf_adds(why, bad), STAGE_REJECT;
	int value;
	record_set(rec, "score", scorecard_apply(ctx->card, rec, &value));
	return value >= ctx->min ? STAGE_PASS : STAGE_DROP;
}

static char *default_weights(const char *tenant)
{
	char *dir = paths_config_dir(tenant);
	char *p = paths_join(dir, "scorecard.json");
	free(dir);
	return p;
}

int main(int argc, char **argv)
{
	struct score_opts o = { 0 };
	struct buf err = BUF_INIT;
	diag_init(argv);
	parse_options(&o, argc, argv);
	json_arena_install();
	char *weights = o.weights ? NULL : default_weights(o.common.tenant);
	struct score_ctx ctx = { scorecard_load(o.weights ? o.weights : weights, &err), o.min };
	free(weights);
	if (!ctx.card)
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	struct stage st = { .common = &o.common, .record = score_record, .ctx = &ctx };
	int status = stage_run(&st, argv + optind, argc - optind);
	scorecard_free(ctx.card);
	json_arena_release();
	buf_release(&err);
	return status;
}
