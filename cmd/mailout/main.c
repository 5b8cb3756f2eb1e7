/* SPDX-License-Identifier: MIT */
/* mailout: emails each record's packet to the buyers whose buy box it fits,
 * once per packet and buyer (the outbox), never to the suppressed, over SMTP
 * or into a Maildir, and adds what happened as the record's "outreach". */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sysexits.h>
#include <unistd.h>

#include "arena.h"
#include "buyers.h"
#include "cli.h"
#include "diag.h"
#include "email.h"
#include "maildir.h"
#include "mailout_deliver.h"
#include "mime.h"
#include "outbox.h"
#include "paths.h"
#include "smtp.h"
#include "stage.h"
#include "store.h"
#include "tenant.h"
#include "xalloc.h"

static const struct cli_help help = {
	.usage =
	"usage: mailout -b FILE [--smtp URL | -n [--maildir DIR]] [OPTIONS] [FILE...]\n"
	"       mailout --unsubscribe EMAIL [-t NAME] [--db PATH]\n"
	"Email each NDJSON record's packet to the matching buyers, once each.\n"
	"\n"
	"  -b, --buyers FILE     buyers and their buy boxes (.csv, .ndjson, .jsonl, .json)\n"
	"      --smtp URL        send through smtp://HOST[:PORT] or smtps://HOST[:PORT]\n"
	"                        (default: $BIRDDOG_SMTP_URL; neither: --dry-run)\n"
	"  -n, --dry-run         write the messages into a Maildir instead of sending\n"
	"      --maildir DIR     the Maildir of --dry-run (default: DATADIR/maildir)\n"
	"      --packets DIR     where docgen wrote the packets; no file elsewhere is read\n"
	"                        (default: DATADIR/packets)\n"
	"      --unsubscribe EMAIL  add EMAIL to the suppression list and exit\n",
	.reject = "mailout.ndjson",
	.tenant = "state and tenant.json",
	.examples =
	"Examples:\n"
	"  mailout --check -b buyers.csv --smtp smtp://mail.example.com\n"
	"  docgen < deals.ndjson | mailout -b buyers.csv -n   # into DATADIR/maildir, to read first\n"
	"  mailout --unsubscribe bob@example.com\n",
};

enum { OPT_SMTP = CLI_OPT_OWN, OPT_MAILDIR, OPT_UNSUBSCRIBE, OPT_PACKETS };

struct mailout_opts {
	struct cli_common common;
	const char *buyers, *smtp, *maildir, *unsubscribe, *packets;
	int dry_run;
};

struct mailout_ctx {
	struct tenant tenant;
	struct store *store;
	char *packets_dir;
	struct mailout_deliver deliver;   /* borrows the tenant and what main opens */
};

static void parse_options(struct mailout_opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		CLI_COMMON_LONGOPTS,
		{ "buyers", required_argument, NULL, 'b' },
		{ "dry-run", no_argument, NULL, 'n' },
		{ "smtp", required_argument, NULL, OPT_SMTP },
		{ "maildir", required_argument, NULL, OPT_MAILDIR },
		{ "unsubscribe", required_argument, NULL, OPT_UNSUBSCRIBE },
		{ "packets", required_argument, NULL, OPT_PACKETS },
		{ 0 }
	};
	int c;
	cli_common_init(&o->common, &help);
	while ((c = cli_getopt(argc, argv, CLI_COMMON_SHORTOPTS "b:n", longopts)) != -1) {
		if (cli_common_option(&o->common, c, optarg))
			continue;
		if (c == 'b')
			o->buyers = optarg;
		else if (c == 'n')
			o->dry_run = 1;
		else if (c == OPT_SMTP)
			o->smtp = optarg;
		else if (c == OPT_MAILDIR)
			o->maildir = optarg;
		else if (c == OPT_UNSUBSCRIBE)
			o->unsubscribe = optarg;
		else if (c == OPT_PACKETS)
			o->packets = optarg;
	}
	if (o->unsubscribe && (o->buyers || o->smtp || o->maildir || o->dry_run || o->packets ||
			       optind < argc))
		diag_usage("'--unsubscribe' goes alone (with -t or --db)");
	if (!o->unsubscribe && !o->buyers)
		diag_usage("'--buyers FILE' is required");
	if (o->smtp && o->maildir && !o->dry_run)
		diag_usage("'--maildir' is for --dry-run, not with '--smtp'");
	if (o->smtp && !smtp_url_valid(o->smtp))   /* not echoed: it may hold a password */
		diag_usage("'--smtp' needs smtp://HOST[:PORT] or smtps://HOST[:PORT] without "
			   "credentials (those come from $BIRDDOG_SMTP_USER and "
			   "$BIRDDOG_SMTP_PASSWORD)");
}

/* CAN-SPAM needs a sender and a postal address; headers need them clean. */
static void check_tenant(struct mailout_ctx *ctx)
{
	const struct tenant *t = &ctx->tenant;
	if (!t->sender_email)
		diag_die(EX_CONFIG, "%s: 'sender.email' is required to send email", t->path);
	if (!t->postal_address || !*t->postal_address)
		diag_die(EX_CONFIG, "%s: 'postal_address' is required: every message must carry "
			 "the sender's postal address (CAN-SPAM)", t->path);
	ctx->deliver.unsub_mailto = t->unsubscribe_email ? t->unsubscribe_email : t->sender_email;
}

static struct outbox *open_outbox(const struct cli_common *c, struct store **store)
{
	struct buf err = BUF_INIT;
	*store = cli_open_store(c, &outbox_schema);
	struct outbox *o = outbox_new(*store, &err);
	if (!o)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	buf_release(&err);
	return o;
}

static int unsubscribe(const struct mailout_opts *o)
{
	struct buf err = BUF_INIT;
	struct store *store;
	if (!email_valid(o->unsubscribe))
		diag_usage("'%s' is not an email address", o->unsubscribe);
	struct outbox *ob = open_outbox(&o->common, &store);
	char *key = email_key(o->unsubscribe);
	int rc = outbox_suppress(ob, key, "unsubscribe", &err);
	free(key);
	if (rc < 0)
		diag_error("%s", buf_cstr(&err));
	else if (!o->common.quiet)
		fprintf(stderr, "%s: '%s' %s\n", diag_prog(), o->unsubscribe,
			rc ? "is now suppressed" : "was already suppressed");
	outbox_free(ob);
	if (store_close(store) < 0 && rc >= 0)
		rc = -1;
	buf_release(&err);
	return rc < 0 ? EX_IOERR : 0;
}

/* The SMTP server to send through, or NULL for a dry run. */
static const char *smtp_url(const struct mailout_opts *o)
{
	const char *url = o->smtp ? o->smtp : getenv("BIRDDOG_SMTP_URL");
	return url && *url && !o->dry_run && !(o->maildir && !o->smtp) ? url : NULL;
}

/* --smtp, else $BIRDDOG_SMTP_URL, unless --dry-run or --maildir; else a Maildir. */
static void open_delivery(struct mailout_ctx *ctx, const struct mailout_opts *o)
{
	struct buf err = BUF_INIT;
	const char *url = smtp_url(o);
	if (url) {
		const char *user = getenv("BIRDDOG_SMTP_USER");
		ctx->deliver.smtp = smtp_new(url, user && *user ? user : NULL,
				     getenv("BIRDDOG_SMTP_PASSWORD"), &err);
		if (!ctx->deliver.smtp)
			diag_die(o->smtp ? EX_USAGE : EX_CONFIG, "%s: %s",
				 o->smtp ? "--smtp" : "$BIRDDOG_SMTP_URL", buf_cstr(&err));
		return;
	}
	char *data = o->maildir ? NULL : cli_data_dir(&o->common);
	char *dir = o->maildir ? NULL : paths_join(data, "maildir");
	ctx->deliver.maildir = maildir_open(o->maildir ? o->maildir : dir, &err);
	free(data);
	free(dir);
	if (!ctx->deliver.maildir)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	buf_release(&err);
}

/* 1 when sender is the installed example tenant's sender. */
static int example_sender(const char *sender)
{
	char *share = paths_share_dir();
	char *path = share ? paths_join(share, "tenant.json") : NULL;
	struct tenant ex;
	struct buf err = BUF_INIT;
	int same = path && tenant_load_file(path, &ex, &err) == 0 && ex.found && ex.sender_email &&
		   strcasecmp(ex.sender_email, sender) == 0;
	if (path)
		tenant_release(&ex);
	free(share);
	free(path);
	buf_release(&err);
	return same;
}

/* Real mail goes out only under the tenant's own identity, never the
 * installed example's (its file, or a copy of it). */
static void check_identity(const struct mailout_ctx *ctx, const struct mailout_opts *o,
			   int is_default)
{
	const struct tenant *t = &ctx->tenant;
	if (!smtp_url(o) || (!is_default && !example_sender(t->sender_email)))
		return;
	diag_die(EX_CONFIG, "%s: refusing to send real mail as the example sender '%s'; set up "
		 "the tenant '%s' with 'birddog-init -t %s' (see birddog-init(1)), or write the "
		 "messages into a Maildir with --dry-run", t->path, t->sender_email,
		 o->common.tenant, o->common.tenant);
}

static void load_config(struct mailout_ctx *ctx, const struct mailout_opts *o)
{
	struct buf err = BUF_INIT;
	int is_default;
	char *path = cli_config_path(&o->common, "tenant.json", &is_default);
	if (tenant_load_file(path, &ctx->tenant, &err) < 0)
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	if (!ctx->tenant.found) {
		buf_printf(&err, "%s does not exist: mailout needs the sender and the postal address",
			   path);
		cli_config_hint(&o->common, path, NULL, &err);
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	}
	free(path);
	check_tenant(ctx);
	check_identity(ctx, o, is_default);
	ctx->deliver.buyers = buyers_load(o->buyers, &err);
	if (!ctx->deliver.buyers)
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	buf_release(&err);
}

/* One mailout at a time per state file: a row found 'sending' is then
 * surely one a dead run left, and is sent again. Exits 75 when another
 * run holds the lock. The descriptor stays open (and locked) until exit. */
static void lock_run(const struct cli_common *c)
{
	char *db = cli_db_path(c, outbox_schema.file);
	struct buf path = BUF_INIT;
	buf_printf(&path, "%s.lock", db);
	int fd = open(path.data, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		diag_die(EX_IOERR, "cannot open '%s': %s", path.data, strerror(errno));
	if (flock(fd, LOCK_EX | LOCK_NB) < 0)
		diag_die(errno == EWOULDBLOCK ? EX_TEMPFAIL : EX_IOERR,
			 "another mailout is running on '%s' (it holds '%s'); try again when it ends",
			 db, path.data);
	free(db);
	buf_release(&path);
}

/* Opens the packets directory: the only place packets are read from. */
static void open_packets(struct mailout_ctx *ctx, const struct mailout_opts *o)
{
	char *data = o->packets ? NULL : cli_data_dir(&o->common);
	char *dir = o->packets ? xstrdup(o->packets) : paths_join(data, "packets");
	free(data);
	ctx->packets_dir = realpath(dir, NULL);
	if (!ctx->packets_dir && errno != ENOENT)
		diag_die(EX_NOINPUT, "cannot resolve '%s': %s", dir, strerror(errno));
	if (!ctx->packets_dir) {
		ctx->packets_dir = dir;
		dir = NULL;
	}
	ctx->deliver.packets_dir = ctx->packets_dir;
	ctx->deliver.packets_fd = open(ctx->packets_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	free(dir);
}

static void note_resends(struct mailout_ctx *ctx, const struct cli_common *c)
{
	struct buf err = BUF_INIT;
	long n = outbox_count(ctx->deliver.outbox, "sending", &err);
	if (n < 0)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	if (n > 0 && !c->quiet)
		diag_error("%ld message%s left 'sending' by a run that died will be sent again "
			   "when %s record%s come%s through, with the same Message-ID", n,
			   n == 1 ? "" : "s", n == 1 ? "its" : "their", n == 1 ? "" : "s",
			   n == 1 ? "s" : "");
	buf_release(&err);
}

static void summary(const struct mailout_ctx *ctx, const struct cli_common *c)
{
	if (c->quiet)
		return;
	fprintf(stderr, "%s:", diag_prog());
	for (int i = 0; i < MAILOUT_NOUTCOMES; i++)
		if ((i != MAILOUT_DEFERRED && i != MAILOUT_SKIPPED_FAILED) || ctx->deliver.count[i])
			fprintf(stderr, "%s %lu %s", i ? "," : "", ctx->deliver.count[i],
				mailout_outcome_name(i));
	if (ctx->deliver.resent)
		fprintf(stderr, " (%lu sent again after a run died)", ctx->deliver.resent);
	fputc('\n', stderr);
}

static void release(struct mailout_ctx *ctx, int *status)
{
	outbox_free(ctx->deliver.outbox);
	if (store_close(ctx->store) < 0 && *status == 0)
		*status = EX_IOERR;
	smtp_free(ctx->deliver.smtp);
	if (ctx->deliver.packets_fd >= 0)
		close(ctx->deliver.packets_fd);
	free(ctx->packets_dir);
	maildir_close(ctx->deliver.maildir);
	buyers_free(ctx->deliver.buyers);
	tenant_release(&ctx->tenant);
	mailout_deliver_release(&ctx->deliver);
}

/* --check: the tenant and buyers are loaded and checked (load_config); the
 * packets directory and where the messages would go are looked at. */
static int check(struct mailout_ctx *ctx, const struct mailout_opts *o)
{
	struct buf what = BUF_INIT;
	open_packets(ctx, o);
	const char *url = smtp_url(o);
	buf_printf(&what, "the sender '%s' of '%s', %zu buyer%s from '%s', ",
		   ctx->tenant.sender_email, ctx->tenant.path, buyers_count(ctx->deliver.buyers),
		   buyers_count(ctx->deliver.buyers) == 1 ? "" : "s", o->buyers);
	if (url)
		buf_adds(&what, "sending through the SMTP server given");   /* a URL may hold secrets */
	else
		buf_printf(&what, "a dry run into the Maildir %s", o->maildir ? o->maildir : "DATADIR/maildir");
	if (ctx->deliver.packets_fd < 0)
		buf_printf(&what, "; no packets yet in '%s' (docgen writes them there)", ctx->packets_dir);
	cli_check_ok(&o->common, what.data);
	buf_release(&what);
	int status = 0;
	release(ctx, &status);
	json_arena_release();
	return 0;
}

int main(int argc, char **argv)
{
	struct mailout_opts o = { 0 };
	struct mailout_ctx ctx = { 0 };
	diag_init(argv);
	parse_options(&o, argc, argv);
	json_arena_install();
	if (o.unsubscribe) {
		int rc = unsubscribe(&o);
		json_arena_release();
		return rc;
	}
	load_config(&ctx, &o);
	if (o.common.check)
		return check(&ctx, &o);
	ctx.deliver.tenant = &ctx.tenant;
	ctx.deliver.tenant_name = o.common.tenant;
	ctx.deliver.outbox = open_outbox(&o.common, &ctx.store);
	lock_run(&o.common);
	open_packets(&ctx, &o);
	open_delivery(&ctx, &o);
	note_resends(&ctx, &o.common);
	struct stage st = { .common = &o.common, .record = mailout_deliver_record,
			    .ctx = &ctx.deliver };
	int status = stage_run(&st, argv + optind, argc - optind);
	summary(&ctx, &o.common);
	if ((status == 0 || status == EX_DATAERR) &&
	    (ctx.deliver.count[MAILOUT_FAILED] || ctx.deliver.count[MAILOUT_DEFERRED]))
		status = EX_UNAVAILABLE;
	release(&ctx, &status);
	json_arena_release();
	return status;
}
