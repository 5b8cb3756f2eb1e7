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
#include "xalloc.h"

static const struct cli_help help = {
	.usage =
	"usage: score [OPTIONS] [FILE...]\n"
	"Add a deal score (0-100) and its reasons to each NDJSON record.\n"
	"\n"
	"  -w, --weights FILE    scorecard JSON (default: CONFIGDIR/scorecard.json, else\n"
	"                        the installed default)\n"
	"      --min N           write only records scoring N or more (0-100)\n",
	.reject = "score.ndjson",
	.tenant = "scorecard (and rejects/)",
	.stateless = 1,
	.examples =
	"Examples:\n"
	"  score --check -v                       # which scorecard, and does it load?\n"
	"  score --min 75 enriched.ndjson > deals.ndjson\n"
	"  score -w new-card.json yesterday.ndjson | jq -c '[.id, .score.value]'\n",
};

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
	cli_common_init(&o->common, &help);
	while ((c = cli_getopt(argc, argv, CLI_COMMON_SHORTOPTS "w:", longopts)) != -1) {
		if (cli_common_option(&o->common, c, optarg))
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

int main(int argc, char **argv)
{
	struct score_opts o = { 0 };
	struct buf err = BUF_INIT;
	diag_init(argv);
	parse_options(&o, argc, argv);
	json_arena_install();
	char *path;
	struct score_ctx ctx = { load_card(&o, &path), o.min };
	if (o.common.check) {
		buf_printf(&err, "the scorecard '%s'", path);
		cli_check_ok(&o.common, err.data);
		free(path);
		scorecard_free(ctx.card);
		buf_release(&err);
		return 0;
	}
	free(path);
	struct stage st = { .common = &o.common, .record = score_record, .ctx = &ctx };
	int status = stage_run(&st, argv + optind, argc - optind);
	scorecard_free(ctx.card);
	json_arena_release();
	buf_release(&err);
	return status;
}
