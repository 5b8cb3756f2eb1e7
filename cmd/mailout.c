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
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "arena.h"
#include "buyers.h"
#include "cli.h"
#include "clock.h"
#include "diag.h"
#include "maildir.h"
#include "mime.h"
#include "outbox.h"
#include "paths.h"
#include "smtp.h"
#include "stage.h"
#include "store.h"
#include "tenant.h"

#define PACKET_MAX_BYTES (10L << 20)

static const char usage[] =
	"usage: mailout -b FILE [--smtp URL | -n [--maildir DIR]] [OPTIONS] [FILE...]\n"
	"       mailout --unsubscribe EMAIL [-t NAME] [--db PATH]\n"
	"Email each NDJSON record's packet to the matching buyers, once each.\n"
	"\n"
	"  -b, --buyers FILE     buyers and their buy boxes (.csv, .ndjson, .jsonl, .json)\n"
	"      --smtp URL        send through smtp://HOST[:PORT] or smtps://HOST[:PORT]\n"
	"                        (default: $BIRDDOG_SMTP_URL; neither: --dry-run)\n"
	"  -n, --dry-run         write the messages into a Maildir instead of sending\n"
	"      --maildir DIR     the Maildir of --dry-run (default: DATADIR/maildir)\n"
	"      --unsubscribe EMAIL  add EMAIL to the suppression list and exit\n"
	CLI_COMMON_USAGE;

enum { OPT_SMTP = CLI_OPT_OWN, OPT_MAILDIR, OPT_UNSUBSCRIBE };

struct mailout_opts {
	struct cli_common common;
	const char *buyers, *smtp, *maildir, *unsubscribe;
	int dry_run;
};

/* What happened to one message: the outreach "status" values. */
enum outcome { SENT, WRITTEN, SKIPPED, SUPPRESSED, INTERRUPTED, FAILED, NOUTCOMES };
static const char *const outcome_names[NOUTCOMES] = {
	"sent", "written", "skipped_duplicate", "suppressed", "interrupted", "failed"
};

struct mailout_ctx {
	struct tenant tenant;
	struct buyers *buyers;
	struct store *store;
	struct outbox *outbox;
	struct smtp *smtp;          /* NULL: deliver into maildir */
	struct maildir *maildir;
	const char *unsub_mailto;
	struct buf text, html, msg, err;
	unsigned long count[NOUTCOMES];
};

/* One record's facts that every message of it uses (borrowed from the record). */
struct packet {
	const char *id, *sha256, *subject, *html_path, *text_path;
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
		{ 0 }
	};
	int c;
	cli_common_init(&o->common);
	while ((c = getopt_long(argc, argv, CLI_COMMON_SHORTOPTS "b:n", longopts, NULL)) != -1) {
		if (cli_common_option(&o->common, c, optarg, usage))
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
	}
	if (o->unsubscribe && (o->buyers || o->smtp || o->maildir || o->dry_run || optind < argc))
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

/* Reads a whole regular file of at most PACKET_MAX_BYTES into out; NULL, or
 * the reason. O_NONBLOCK: a FIFO named in a record must not hang the run. */
static const char *read_file(const char *path, struct buf *out)
{
	struct stat sb;
	int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return strerror(errno);
	const char *why = NULL;
	if (fstat(fd, &sb) < 0)
		why = strerror(errno);
	else if (!S_ISREG(sb.st_mode))
		why = "not a regular file";
	else if (sb.st_size > PACKET_MAX_BYTES)
		why = "larger than 10 MiB";
	buf_grow(out, why ? 0 : (size_t)sb.st_size);
	while (!why) {
		char chunk[65536];
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			why = strerror(errno);
		else if (n == 0)
			break;
		else if (out->len + (size_t)n > PACKET_MAX_BYTES)
			why = "larger than 10 MiB";
		else
			buf_add(out, chunk, (size_t)n);
	}
	close(fd);
	return why;
}

/* A packet body: a regular file of valid UTF-8 with the unsubscribe marker. */
static int read_body(const char *key, const char *path, struct buf *out, struct buf *why)
{
	buf_reset(out);
	const char *err = read_file(path, out);
	if (err)
		return buf_printf(why, "'packet.%s' '%s': %s", key, path, err), -1;
	if (!mime_utf8_valid(out->data ? out->data : "", out->len))
		return buf_printf(why, "'packet.%s' '%s' is not valid UTF-8", key, path), -1;
	if (!out->len || !memmem(out->data, out->len, MIME_UNSUBSCRIBE_MARKER,
				  strlen(MIME_UNSUBSCRIBE_MARKER)))
		return buf_printf(why, "'packet.%s' '%s' lacks the %s marker for the unsubscribe "
				  "link", key, path, MIME_UNSUBSCRIBE_MARKER), -1;
	return 0;
}

static const char *packet_string(json_t *packet, const char *key, struct buf *why)
{
	json_t *v = json_object_get(packet, key);
	const char *s = json_string_value(v);
	if (!s || !*s) {
		if (!why->len)
			buf_printf(why, "'packet.%s' is missing or not a non-empty string", key);
		return NULL;
	}
	return s;
}

/* Fills p from the record; 0, or -1 with the reason in why. */
static int get_packet(struct record *rec, struct packet *p, struct buf *why)
{
	json_t *packet = record_get(rec, "packet");
	if (!json_is_object(packet))
		return buf_adds(why, "no 'packet' object (run docgen first)"), -1;
	p->id = record_get_string(rec, "id");
	if (!p->id || !*p->id)
		return buf_adds(why, "'id' is missing or not a non-empty string"), -1;
	p->sha256 = packet_string(packet, "sha256", why);
	p->subject = packet_string(packet, "subject", why);
	p->html_path = packet_string(packet, "html", why);
	p->text_path = packet_string(packet, "text", why);
	return why->len ? -1 : 0;
}

static void get_listing(struct record *rec, struct buyers_listing *l)
{
	json_t *v;
	memset(l, 0, sizeof *l);
	l->zip = json_string_value(record_get_path(rec, "address.zip"));
	l->type = record_get_string(rec, "type");
	l->has_price = record_get_number(rec, "price", &l->price);
	v = record_get_path(rec, "score.value");
	if ((l->has_score = json_is_number(v)))
		l->score = json_number_value(v);
}

/* The recipient's one-click URL: the tenant's https URL with e=EMAIL. */
static char *unsubscribe_url(const struct mailout_ctx *ctx, const char *email)
{
	const char *base = ctx->tenant.unsubscribe_url;
	if (!base)
		return NULL;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s%ce=", base, strchr(base, '?') ? '&' : '?');
	mime_url_encode(email, &b);
	return buf_detach(&b);
}

static int build(struct mailout_ctx *ctx, const struct packet *p, const struct buyer *b,
		 const char *message_id)
{
	char *url = unsubscribe_url(ctx, b->email);
	struct mime_message m = {
		.date = clock_now(), .message_id = message_id,
		.from_name = ctx->tenant.sender_name, .from_email = ctx->tenant.sender_email,
		.to_name = b->name, .to_email = b->email, .reply_to = ctx->tenant.reply_to,
		.subject = p->subject, .unsub_mailto = ctx->unsub_mailto, .unsub_url = url,
		.text = ctx->text.data, .text_len = ctx->text.len,
		.html = ctx->html.data, .html_len = ctx->html.len,
	};
	buf_reset(&ctx->msg);
	int rc = mime_build(&m, &ctx->msg);
	free(url);
	return rc;
}

/* Delivers a claimed message and records the result. FAILED, SENT, WRITTEN,
 * or -1 with st->status set and the reason in why when the run must stop. */
static int transfer(struct stage *st, const struct buyer *b, long long row, struct buf *why)
{
	struct mailout_ctx *ctx = st->ctx;
	enum outcome out = ctx->smtp ? SENT : WRITTEN;
	enum smtp_result r = SMTP_OK;
	buf_reset(&ctx->err);
	if (ctx->smtp)
		r = smtp_send(ctx->smtp, ctx->tenant.sender_email, b->email, ctx->msg.data,
			      ctx->msg.len, &ctx->err);
	else if (maildir_deliver(ctx->maildir, ctx->msg.data, ctx->msg.len, NULL, &ctx->err) < 0)
		r = SMTP_UNREACHABLE;
	if (r != SMTP_OK)
		out = FAILED;
	struct buf dberr = BUF_INIT;
	int marked = outbox_mark(ctx->outbox, row, outcome_names[out],
				 r == SMTP_OK ? NULL : ctx->err.data, &dberr);
	if (marked < 0) {
		buf_printf(why, "%s", dberr.data);
		st->status = EX_IOERR;
	} else if (r == SMTP_UNREACHABLE) {
		ctx->count[FAILED]++;
		buf_printf(why, "to '%s': %s; stopping: this message and the rest of the input "
			   "are left for the next run", b->email, ctx->err.data);
		st->status = ctx->smtp ? EX_UNAVAILABLE : EX_IOERR;
	} else if (r == SMTP_FAILED) {
		diag_error_at(st->file, st->line, "to '%s': %s", b->email, ctx->err.data);
	}
	buf_release(&dberr);
	return marked < 0 || r == SMTP_UNREACHABLE ? -1 : (int)out;
}

/* One buyer's message: the outcome, or -1 to stop the run. *mid gets the
 * Message-ID (malloc'd) when there is one. */
static int one_message(struct stage *st, const struct packet *p, const struct buyer *b,
		       char **mid, struct buf *why)
{
	struct mailout_ctx *ctx = st->ctx;
	int supp = outbox_suppressed(ctx->outbox, b->key, why);
	if (supp < 0)
		return st->status = EX_IOERR, -1;
	if (supp)
		return SUPPRESSED;
	char *fresh = mime_message_id(ctx->tenant.sender_email);
	if (!fresh)
		return st->status = EX_OSERR, buf_adds(why, "no random numbers for a Message-ID"), -1;
	struct outbox_row row;
	enum outbox_claim c = outbox_claim(ctx->outbox, p->id, p->sha256, b->key, fresh, &row, why);
	free(fresh);
	*mid = row.message_id;
	if (c == OUTBOX_ERROR)
		return st->status = EX_IOERR, -1;
	if (c == OUTBOX_DONE)
		return SKIPPED;
	if (c == OUTBOX_INTERRUPTED) {
		diag_error_at(st->file, st->line, "to '%s': message %s was left 'sending' by an "
			      "interrupted run; not resent (see mailout(1))", b->email, row.message_id);
		return INTERRUPTED;
	}
	if (build(ctx, p, b, row.message_id) < 0) {
		outbox_mark(ctx->outbox, row.id, "failed", "no random numbers", why);
		return st->status = EX_OSERR, buf_adds(why, "no random numbers for a boundary"), -1;
	}
	return transfer(st, b, row.id, why);
}

static json_t *outreach_entry(const char *to, int outcome, const char *mid)
{
	return json_pack("{s:s, s:s, s:s?}", "to", to, "status", outcome_names[outcome],
			 "message_id", mid);
}

static enum stage_verdict mailout_record(struct stage *st, struct record *rec, struct buf *why)
{
	struct mailout_ctx *ctx = st->ctx;
	struct packet p;
	struct buyers_listing l;
	if (get_packet(rec, &p, why) < 0)
		return STAGE_REJECT;
	get_listing(rec, &l);
	json_t *outreach = NULL;
	for (size_t i = 0; i < buyers_count(ctx->buyers); i++) {
		const struct buyer *b = buyers_get(ctx->buyers, i);
		if (!buyer_matches(b, &l))
			continue;
		if (!outreach) {
			if (read_body("text", p.text_path, &ctx->text, why) < 0 ||
			    read_body("html", p.html_path, &ctx->html, why) < 0)
				return STAGE_REJECT;
			outreach = json_array();
		}
		char *mid = NULL;
		int out = one_message(st, &p, b, &mid, why);
		if (out >= 0) {
			ctx->count[out]++;
			json_array_append_new(outreach, outreach_entry(b->email, out, mid));
		}
		free(mid);
		if (out < 0) {
			json_decref(outreach);
			return STAGE_FATAL;
		}
	}
	if (outreach)
		record_set(rec, "outreach", outreach);
	return STAGE_PASS;
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
	const char *u = t->unsubscribe_url;
	if (u && (strncmp(u, "https://", 8) != 0 || u[8] == '\0' ||
		  strcspn(u, " \"<>\\^`{|}") != strlen(u) || !mime_utf8_valid(u, strlen(u))))
		diag_die(EX_CONFIG, "%s: 'unsubscribe.url' must be an https:// URL without spaces, "
			 "quotes or angle brackets", t->path);
	for (const char *c = u; c && *c; c++)
		if ((unsigned char)*c <= ' ' || (unsigned char)*c >= 0x7f)
			diag_die(EX_CONFIG, "%s: 'unsubscribe.url' must be printable ASCII", t->path);
	ctx->unsub_mailto = t->unsubscribe_email ? t->unsubscribe_email : t->sender_email;
}

static struct outbox *open_outbox(const struct cli_common *c, struct store **store)
{
	struct buf err = BUF_INIT;
	char *path = cli_db_path(c);
	*store = store_open(path, &err);
	free(path);
	if (!*store)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
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
	if (!tenant_email_valid(o->unsubscribe))
		diag_usage("'%s' is not an email address", o->unsubscribe);
	struct outbox *ob = open_outbox(&o->common, &store);
	int rc = outbox_suppress(ob, o->unsubscribe, "unsubscribe", &err);
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

/* --smtp, else $BIRDDOG_SMTP_URL, unless --dry-run or --maildir; else a Maildir. */
static void open_delivery(struct mailout_ctx *ctx, const struct mailout_opts *o)
{
	struct buf err = BUF_INIT;
	const char *url = o->smtp ? o->smtp : getenv("BIRDDOG_SMTP_URL");
	if (url && *url && !o->dry_run && !(o->maildir && !o->smtp)) {
		const char *user = getenv("BIRDDOG_SMTP_USER");
		ctx->smtp = smtp_new(url, user && *user ? user : NULL,
				     getenv("BIRDDOG_SMTP_PASSWORD"), &err);
		if (!ctx->smtp)
			diag_die(o->smtp ? EX_USAGE : EX_CONFIG, "%s: %s",
				 o->smtp ? "--smtp" : "$BIRDDOG_SMTP_URL", buf_cstr(&err));
		return;
	}
	char *data = o->maildir ? NULL : cli_data_dir(&o->common);
	char *dir = o->maildir ? NULL : paths_join(data, "maildir");
	ctx->maildir = maildir_open(o->maildir ? o->maildir : dir, &err);
	free(data);
	free(dir);
	if (!ctx->maildir)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	buf_release(&err);
}

static void load_config(struct mailout_ctx *ctx, const struct mailout_opts *o)
{
	struct buf err = BUF_INIT;
	if (tenant_load(o->common.tenant, &ctx->tenant, &err) < 0)
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	check_tenant(ctx);
	ctx->buyers = buyers_load(o->buyers, &err);
	if (!ctx->buyers)
		diag_die(EX_CONFIG, "%s", buf_cstr(&err));
	buf_release(&err);
}

static void warn_interrupted(struct mailout_ctx *ctx)
{
	struct buf err = BUF_INIT;
	long n = outbox_count(ctx->outbox, "sending", &err);
	if (n < 0)
		diag_die(EX_IOERR, "%s", buf_cstr(&err));
	if (n > 0)
		diag_error("%ld message%s left 'sending' by an interrupted run %s not resent "
			   "(see mailout(1))", n, n == 1 ? "" : "s", n == 1 ? "is" : "are");
	buf_release(&err);
}

static void summary(const struct mailout_ctx *ctx, const struct cli_common *c)
{
	if (c->quiet)
		return;
	fprintf(stderr, "%s:", diag_prog());
	for (int i = 0; i < NOUTCOMES; i++)
		if (i != INTERRUPTED || ctx->count[i])
			fprintf(stderr, "%s %lu %s", i ? "," : "", ctx->count[i], outcome_names[i]);
	fputc('\n', stderr);
}

static void release(struct mailout_ctx *ctx, int *status)
{
	outbox_free(ctx->outbox);
	if (store_close(ctx->store) < 0 && *status == 0)
		*status = EX_IOERR;
	smtp_free(ctx->smtp);
	maildir_close(ctx->maildir);
	buyers_free(ctx->buyers);
	tenant_release(&ctx->tenant);
	buf_release(&ctx->text);
	buf_release(&ctx->html);
	buf_release(&ctx->msg);
	buf_release(&ctx->err);
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
	ctx.outbox = open_outbox(&o.common, &ctx.store);
	open_delivery(&ctx, &o);
	warn_interrupted(&ctx);
	struct stage st = { .common = &o.common, .record = mailout_record, .ctx = &ctx };
	int status = stage_run(&st, argv + optind, argc - optind);
	summary(&ctx, &o.common);
	if ((status == 0 || status == EX_DATAERR) && ctx.count[FAILED])
		status = EX_UNAVAILABLE;
	release(&ctx, &status);
	json_arena_release();
	return status;
}
