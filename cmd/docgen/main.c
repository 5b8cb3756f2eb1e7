/* SPDX-License-Identifier: MIT */
/* docgen: renders each scored record's investor memo (HTML and plain-text
 * email bodies and a subject) from Mustache templates into packets/, and adds
 * "packet"; files whose content is unchanged are not written again. */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "arena.h"
#include "cli.h"
#include "diag.h"
#include "digest.h"
#include "file_replace.h"
#include "docgen_templates.h"
#include "docgen_text.h"
#include "docgen_view.h"
#include "packet_state.h"
#include "paths.h"
#include "record_rules.h"
#include "stage.h"
#include "store.h"
#include "tenant.h"
#include "xalloc.h"

#define TEXT_WIDTH 72
#define SUBJECT_MAX 200

static const struct cli_help help = {
	.usage =
	"usage: docgen [OPTIONS] [FILE...]\n"
	"Render each scored NDJSON record's memo (HTML and text email bodies) and add 'packet'.\n"
	"\n"
	"  -T, --templates DIR   Mustache templates (default: CONFIGDIR/templates, else the\n"
	"                        installed defaults)\n"
	"  -o, --out DIR         write the memo files to DIR (default: DATADIR/packets)\n"
	"      --force           write the files even when their content is unchanged\n",
	.reject = "docgen.ndjson",
	.tenant = "state, tenant.json and templates",
	.examples =
	"Examples:\n"
	"  docgen --check -v                      # which templates and tenant, do they load?\n"
	"  score --min 75 enriched.ndjson | docgen > packets.ndjson\n"
	"  docgen --force -o /tmp/memos one.ndjson  # regenerate one memo by hand\n",
};

enum { OPT_FORCE = CLI_OPT_OWN };

struct docgen_opts {
	struct cli_common common;
	const char *templates;
	const char *out;
	int force;
};

struct docgen_ctx {
	struct docgen_templates *tpl;
	struct docgen_view view;
	struct packet_state *packets;
	char *out_dir;                 /* absolute */
	int force;
	int unsynced;                  /* memos written since the last sync */
	struct digest *sha;            /* of each memo's bodies */
	struct buf subject, raw, html, text, path_html, path_text;
};

static void parse_options(struct docgen_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "templates", required_argument, NULL, 'T' },
		{ "out", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, OPT_FORCE },
		{ 0 }
	};
	int c;
	cli_common_init(&o->common, &help);
	while ((c = cli_getopt(argc, argv, CLI_COMMON_SHORTOPTS "T:o:", longopts)) != -1) {
		if (cli_common_option(&o->common, c, optarg))
			continue;
		if (c == 'T')
			o->templates = optarg;
		else if (c == 'o')
			o->out = optarg;
		else if (c == OPT_FORCE)
			o->force = 1;
	}
}

/* Renders one part into out; STAGE_FATAL (78) when the templates fail. */
static int render(struct stage *st, struct docgen_ctx *ctx, enum docgen_part part,
		  json_t *view, struct buf *out, struct buf *why)
{
	buf_reset(out);
	if (docgen_templates_render(ctx->tpl, part, view, out, why) == 0)
		return 0;
	st->status = EX_CONFIG;
	return -1;
}

/* Subject, HTML and text (wrapped) for rec into ctx's buffers. */
static int render_all(struct stage *st, struct docgen_ctx *ctx, struct record *rec,
		      struct buf *why)
{
	json_t *view = docgen_view_build(&ctx->view, rec);
	int rc = render(st, ctx, DOCGEN_SUBJECT, view, &ctx->raw, why);
	if (rc == 0) {
		buf_reset(&ctx->subject);
		docgen_one_line(&ctx->subject, ctx->raw.data, ctx->raw.len, SUBJECT_MAX);
		json_object_set_new(view, "subject", json_string(buf_cstr(&ctx->subject)));
		rc = render(st, ctx, DOCGEN_HTML, view, &ctx->html, why);
	}
	if (rc == 0)
		rc = render(st, ctx, DOCGEN_TEXT, view, &ctx->raw, why);
	if (rc == 0) {
		buf_reset(&ctx->text);
		docgen_wrap(&ctx->text, ctx->raw.data, ctx->raw.len, TEXT_WIDTH);
	}
	json_decref(view);
	return rc;
}

static void packet_paths(struct docgen_ctx *ctx, const char *id)
{
	char *name = paths_safe_name(id);
	buf_reset(&ctx->path_html);
	buf_reset(&ctx->path_text);
	buf_printf(&ctx->path_html, "%s/%s.html", ctx->out_dir, name);
	buf_printf(&ctx->path_text, "%s/%s.txt", ctx->out_dir, name);
	free(name);
}

static void digest(struct docgen_ctx *ctx, char hex[DIGEST_HEX_LEN])
{
	digest_update(ctx->sha, ctx->html.data, ctx->html.len);
	digest_update(ctx->sha, ctx->text.data, ctx->text.len);
	digest_hex(ctx->sha, hex);
}

/* Writes both files and the packets row unless they already hold this
 * content; STAGE_FATAL with 74 on an I/O or database error. The check and
 * the write share the store's batch transaction. */
static int store_packet(struct stage *st, struct docgen_ctx *ctx, const char *id,
			const char *sha, struct buf *why)
{
	const char *html = buf_cstr(&ctx->path_html), *text = buf_cstr(&ctx->path_text);
	st->status = EX_IOERR;
	if (store_batch_tick(st->store) < 0) {
		buf_printf(why, "committing state: %s", store_errmsg(st->store));
		return -1;
	}
	int same = ctx->force ? 0 : packet_state_same(ctx->packets, id, sha, html, text);
	if (same < 0) {
		buf_printf(why, "reading the packets table: %s", packet_state_errmsg(ctx->packets));
		return -1;
	}
	if (same && file_exists(html) && file_exists(text))
		return st->status = 0;
	ctx->unsynced = 1;
	if (file_replace(html, ctx->html.data, ctx->html.len, why) < 0 ||
	    file_replace(text, ctx->text.data, ctx->text.len, why) < 0)
		return -1;
	char now[CLOCK_RFC3339_LEN];
	clock_format(clock_now(), now);
	if (packet_state_put(ctx->packets, id, sha, html, text, now) < 0) {
		buf_printf(why, "writing the packets table: %s", packet_state_errmsg(ctx->packets));
		return -1;
	}
	return st->status = 0;
}

static enum stage_verdict docgen_record(struct stage *st, struct record *rec, struct buf *why)
{
	struct docgen_ctx *ctx = st->ctx;
	const char *bad = record_rules_check(rec);
	if (bad)
		return buf_adds(why, bad), STAGE_REJECT;
	json_t *id = record_get(rec, "id"), *score = record_get(rec, "score");
	/* No memo for a listing that is gone: it passes, without a packet. */
	const char *event = record_get_string(rec, "event");
	if (event && strcmp(event, "delisted") == 0)
		return STAGE_PASS;
	if (!json_is_object(score))
		return buf_adds(why, score ? "'score' is not an object"
				     : "'score' is missing (run score first)"), STAGE_REJECT;
	if (render_all(st, ctx, rec, why) < 0)
		return STAGE_FATAL;
	char sha[DIGEST_HEX_LEN];
	digest(ctx, sha);
	packet_paths(ctx, json_string_value(id));
	if (store_packet(st, ctx, json_string_value(id), sha, why) < 0)
		return STAGE_FATAL;
	record_set(rec, "packet", json_pack("{s:s, s:s, s:s, s:s}",
		"html", buf_cstr(&ctx->path_html), "text", buf_cstr(&ctx->path_text),
		"sha256", sha, "subject", buf_cstr(&ctx->subject)));
	return STAGE_PASS;
}

/* Creates the output directory and returns its absolute path, or exits 74. */
static char *output_dir(const struct docgen_opts *o)
{
	char *data = o->out ? NULL : cli_data_dir(&o->common);
	char *dir = o->out ? NULL : paths_join(data, "packets");
	const char *want = o->out ? o->out : dir;
	if (paths_mkdirs(want, 0777) < 0)
		diag_die(EX_IOERR, "cannot create '%s': %s", want, strerror(errno));
	char *abs = realpath(want, NULL);
	if (!abs)
		diag_die(EX_IOERR, "cannot resolve '%s': %s", want, strerror(errno));
	json_t *utf8 = json_string(abs);
	if (!utf8)
		diag_die(EX_IOERR, "'%s' is not a valid UTF-8 path", abs);
	json_decref(utf8);
	free(data);
	free(dir);
	return abs;
}

/* Templates and tenant, or exits 78; the database, or exits 74. */
/* Before the packets rows of a batch commit, the memos they name are made
 * durable, so a crash never leaves a row whose files were lost. */
static int sync_packets(void *arg)
{
	struct docgen_ctx *ctx = arg;
	struct buf err = BUF_INIT;
	int rc = 0;
	if (ctx->unsynced && (rc = file_sync_dir(ctx->out_dir, &err)) < 0)
		diag_error("%s", buf_cstr(&err));
	ctx->unsynced = 0;
	buf_release(&err);
	return rc;
}

/* Templates (-T, else the tenant's, else the installed ones) and the
 * tenant's identity (else the installed example); exits 78 when one fails. */
static void load_config(struct docgen_ctx *ctx, const struct docgen_opts *o, struct tenant *t)
{
	struct buf err = BUF_INIT;
	char *tdir = o->templates ? xstrdup(o->templates)
		: cli_config_path(&o->common, "templates", NULL);
	ctx->tpl = docgen_templates_load(tdir, &err);
	if (!ctx->tpl && !o->templates)
		cli_config_hint(&o->common, tdir, "-T DIR", &err);
	if (!ctx->tpl)
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	char *tpath = cli_config_path(&o->common, "tenant.json", NULL);
	if (tenant_load_file(tpath, t, &err) < 0)
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	if (o->common.check) {
		buf_printf(&err, "the templates in '%s' and the tenant '%s'%s", tdir, tpath,
			   t->found ? "" : " (which does not exist: the defaults are used)");
		cli_check_ok(&o->common, err.data);
	}
	free(tdir);
	free(tpath);
	buf_release(&err);
}

static struct store *setup(struct docgen_ctx *ctx, const struct docgen_opts *o, struct tenant *t)
{
	struct buf err = BUF_INIT;
	size_t n;
	const char *const *names = docgen_templates_names(ctx->tpl, &n);
	docgen_view_init(&ctx->view, t, names, n);
	ctx->out_dir = output_dir(o);
	ctx->sha = digest_new();
	ctx->force = o->force;
	struct store *store = cli_open_store(&o->common, &packet_state_schema);
	if (!(ctx->packets = packet_state_new(store, &err)))
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	store_before_commit(store, sync_packets, ctx);
	buf_release(&err);
	return store;
}

static void ctx_release(struct docgen_ctx *ctx)
{
	packet_state_free(ctx->packets);
	digest_free(ctx->sha);
	docgen_view_release(&ctx->view);
	docgen_templates_free(ctx->tpl);
	free(ctx->out_dir);
	struct buf *bufs[] = { &ctx->subject, &ctx->raw, &ctx->html, &ctx->text,
			       &ctx->path_html, &ctx->path_text };
	for (size_t i = 0; i < sizeof bufs / sizeof bufs[0]; i++)
		buf_release(bufs[i]);
}

int main(int argc, char **argv)
{
	struct docgen_opts o = { 0 };
	struct docgen_ctx ctx = { 0 };
	struct tenant tenant;
	diag_init(argv);
	parse_options(&o, argc, argv);
	json_arena_install();
	load_config(&ctx, &o, &tenant);
	if (o.common.check) {
		docgen_templates_free(ctx.tpl);
		tenant_release(&tenant);
		json_arena_release();
		return 0;
	}
	struct store *store = setup(&ctx, &o, &tenant);
	struct stage st = { .common = &o.common, .record = docgen_record, .ctx = &ctx,
			    .store = store };
	int status = stage_run(&st, argv + optind, argc - optind);
	int flushed = store_batch_flush(store);
	ctx_release(&ctx);
	if ((store_close(store) < 0 || flushed < 0) && !status) {
		diag_error("committing state: cannot close the database");
		status = EX_IOERR;
	}
	tenant_release(&tenant);
	json_arena_release();
	return status;
}
