/* SPDX-License-Identifier: MIT */
/* Mails one record's packet to the buyers whose buy box it fits: each message
 * claimed in the outbox, built (RFC 5322, mime.h), then sent or written. */
#include "mailout_deliver.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include "buyers.h"
#include "clock.h"
#include "diag.h"
#include "interrupt.h"
#include "maildir.h"
#include "mime.h"
#include "outbox.h"
#include "record_rules.h"
#include "smtp.h"
#include "tenant.h"
#include "utf8.h"

#define PACKET_MAX_BYTES (10L << 20)

static const char *const outcome_names[MAILOUT_NOUTCOMES] = {
	"sent", "written", "skipped_duplicate", "suppressed", "failed", "deferred",
	"skipped_failed"
};

/* One record's facts that every message of it uses (borrowed from the record). */
struct packet {
	const char *id, *sha256, *subject, *html_path, *text_path;
};

const char *mailout_outcome_name(enum mailout_outcome o)
{
	return outcome_names[o];
}

/* The file name of path when path names a file directly in the packets
 * directory (by its own spelling, or once its directory part is resolved),
 * else NULL: a record must not make mailout read other files. */
static const char *packet_name(const struct mailout_deliver *ctx, const char *path)
{
	const char *slash = strrchr(path, '/');
	const char *name = slash ? slash + 1 : path;
	if (!*name || !strcmp(name, ".") || !strcmp(name, ".."))
		return NULL;
	size_t n = strlen(ctx->packets_dir);
	if (slash == path + n && strncmp(path, ctx->packets_dir, n) == 0)
		return name;
	char *dir = slash ? strndup(path, (size_t)(slash - path)) : strdup(".");
	char *real = dir && *dir ? realpath(dir, NULL) : NULL;
	int same = real && strcmp(real, ctx->packets_dir) == 0;
	free(dir);
	free(real);
	return same ? name : NULL;
}

/* Reads a whole regular file of at most PACKET_MAX_BYTES into out; NULL, or
 * the reason. O_NONBLOCK: a FIFO named in a record must not hang the run;
 * O_NOFOLLOW: nor may a symbolic link lead out of the directory. */
static const char *read_file(int dirfd, const char *name, struct buf *out)
{
	struct stat sb;
	int fd = openat(dirfd, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return errno == ELOOP ? "is a symbolic link" : strerror(errno);
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

/* A packet body: a regular file in the packets directory, of valid UTF-8
 * with the unsubscribe marker. */
static int read_body(const struct mailout_deliver *ctx, const char *key, const char *path,
		     struct buf *out, struct buf *why)
{
	buf_reset(out);
	const char *name = packet_name(ctx, path);
	if (!name)
		return buf_printf(why, "'packet.%s' '%s' is not a file in the packets directory "
				  "'%s' (see --packets)", key, path, ctx->packets_dir), -1;
	if (ctx->packets_fd < 0)
		return buf_printf(why, "'packet.%s': the packets directory '%s' does not exist",
				  key, ctx->packets_dir), -1;
	const char *err = read_file(ctx->packets_fd, name, out);
	if (err)
		return buf_printf(why, "'packet.%s' '%s': %s", key, path, err), -1;
	if (!utf8_valid(out->data ? out->data : "", out->len))
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
	const char *bad = record_rules_check(rec);
	if (bad)
		return buf_adds(why, bad), -1;
	json_t *packet = record_get(rec, "packet");
	if (!json_is_object(packet))
		return buf_adds(why, "no 'packet' object (run docgen first)"), -1;
	p->id = record_get_string(rec, "id");
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
static char *unsubscribe_url(const struct mailout_deliver *ctx, const char *email)
{
	const char *base = ctx->tenant->unsubscribe_url;
	if (!base)
		return NULL;
	struct buf b = BUF_INIT;
	buf_printf(&b, "%s%ce=", base, strchr(base, '?') ? '&' : '?');
	mime_url_encode(email, &b);
	return buf_detach(&b);
}

static int build(struct mailout_deliver *ctx, const struct packet *p, const struct buyer *b,
		 const char *message_id)
{
	char *url = unsubscribe_url(ctx, b->email);
	struct mime_message m = {
		.date = clock_now(), .message_id = message_id,
		.from_name = ctx->tenant->sender_name, .from_email = ctx->tenant->sender_email,
		.to_name = b->name, .to_email = b->email, .reply_to = ctx->tenant->reply_to,
		.subject = p->subject, .unsub_mailto = ctx->unsub_mailto, .unsub_url = url,
		.text = ctx->text.data, .text_len = ctx->text.len,
		.html = ctx->html.data, .html_len = ctx->html.len,
	};
	buf_reset(&ctx->msg);
	int rc = mime_build(&m, &ctx->msg);
	free(url);
	return rc;
}

/* The row's status after a transfer's result; NULL to stop the run. */
static const char *row_status(const struct mailout_deliver *ctx, enum smtp_result r)
{
	switch (r) {
	case SMTP_OK: return ctx->smtp ? "sent" : "written";
	case SMTP_BAD_RECIPIENT:
	case SMTP_REFUSED: return "failed";
	default: return "queued";
	}
}

/* Records a result the run goes on after; the outcome, or -1 (st->status set). */
static int record_result(struct stage *st, const struct buyer *b, enum smtp_result r,
			 struct buf *why)
{
	struct mailout_deliver *ctx = st->ctx;
	if (r == SMTP_OK)
		return ctx->smtp ? MAILOUT_SENT : MAILOUT_WRITTEN;
	if (r == SMTP_DEFERRED) {
		diag_error_at(st->file, st->line, "to '%s': %s; queued for the next run",
			      b->email, ctx->err.data);
		return MAILOUT_DEFERRED;
	}
	diag_error_at(st->file, st->line, "to '%s': %s; not retried%s", b->email, ctx->err.data,
		      r == SMTP_BAD_RECIPIENT ? ", the address is suppressed" : "");
	if (r == SMTP_BAD_RECIPIENT) {
		struct buf reason = BUF_INIT;
		buf_printf(&reason, "bounce: %.200s", ctx->err.data);
		int rc = outbox_suppress(ctx->outbox, b->key, reason.data, why);
		buf_release(&reason);
		if (rc < 0)
			return st->status = EX_IOERR, -1;
	}
	return MAILOUT_FAILED;
}

/* Delivers a claimed message and records the result: the outcome, or -1
 * with st->status set and the reason in why when the run must stop. */
static int transfer(struct stage *st, const struct buyer *b, long long row, struct buf *why)
{
	struct mailout_deliver *ctx = st->ctx;
	enum smtp_result r = SMTP_OK;
	buf_reset(&ctx->err);
	if (ctx->smtp)
		r = smtp_send(ctx->smtp, ctx->tenant->sender_email, b->email, ctx->msg.data,
			      ctx->msg.len, &ctx->err);
	else if (maildir_deliver(ctx->maildir, ctx->msg.data, ctx->msg.len, NULL, &ctx->err) < 0)
		r = SMTP_UNREACHABLE;
	if (outbox_mark(ctx->outbox, row, row_status(ctx, r), r == SMTP_OK ? NULL : ctx->err.data,
			why) < 0)
		return st->status = EX_IOERR, -1;
	if (r == SMTP_STOPPED) {
		ctx->count[MAILOUT_DEFERRED]++;
		buf_printf(why, "stopped by %s before the message to '%s' was complete; it is "
			   "queued for the next run", interrupt_name(), b->email);
		return st->status = interrupt_status(), -1;
	}
	if (r == SMTP_UNREACHABLE) {
		ctx->count[MAILOUT_DEFERRED]++;
		buf_printf(why, "to '%s': %s; stopping: this message and the rest of the input "
			   "are left for the next run", b->email, ctx->err.data);
		return st->status = ctx->smtp ? EX_UNAVAILABLE : EX_IOERR, -1;
	}
	return record_result(st, b, r, why);
}

/* One buyer's message: the outcome, or -1 to stop the run. *mid gets the
 * Message-ID (malloc'd) when there is one. */
static int one_message(struct stage *st, const struct packet *p, const struct buyer *b,
		       char **mid, struct buf *why)
{
	struct mailout_deliver *ctx = st->ctx;
	int supp = outbox_suppressed(ctx->outbox, b->key, why);
	if (supp < 0)
		return st->status = EX_IOERR, -1;
	if (supp)
		return MAILOUT_SUPPRESSED;
	char *derived = mime_message_id(ctx->tenant_name, p->sha256, b->key,
					ctx->tenant->sender_email);
	struct outbox_row row;
	enum outbox_claim c = outbox_claim(ctx->outbox, p->id, p->sha256, b->key, derived, &row, why);
	free(derived);
	*mid = row.message_id;
	if (c == OUTBOX_ERROR)
		return st->status = EX_IOERR, -1;
	if (c == OUTBOX_DONE)
		return MAILOUT_SKIPPED;
	if (c == OUTBOX_FAILED)
		return MAILOUT_SKIPPED_FAILED;
	if (build(ctx, p, b, row.message_id) < 0) {
		outbox_mark(ctx->outbox, row.id, "queued", "no random numbers", why);
		return st->status = EX_OSERR, buf_adds(why, "no random numbers for a boundary"), -1;
	}
	int out = transfer(st, b, row.id, why);
	if (out == MAILOUT_SENT || out == MAILOUT_WRITTEN)
		ctx->resent += (unsigned long)row.resend;
	return out;
}

static json_t *outreach_entry(const char *to, int outcome, const char *mid)
{
	return json_pack("{s:s, s:s, s:s?}", "to", to, "status", outcome_names[outcome],
			 "message_id", mid);
}

enum stage_verdict mailout_deliver_record(struct stage *st, struct record *rec,
					  struct buf *why)
{
	struct mailout_deliver *ctx = st->ctx;
	struct packet p;
	struct buyers_listing l;
	/* A listing gone from the market is news for the pipeline's output,
	 * not for the buyers: it passes without a message (docgen made no
	 * memo for it). */
	const char *event = record_get_string(rec, "event");
	if (event && strcmp(event, "delisted") == 0 && !record_get(rec, "packet"))
		return STAGE_PASS;
	if (get_packet(rec, &p, why) < 0)
		return STAGE_REJECT;
	get_listing(rec, &l);
	json_t *outreach = NULL;
	for (size_t i = 0; i < buyers_count(ctx->buyers); i++) {
		const struct buyer *b = buyers_get(ctx->buyers, i);
		if (!buyer_matches(b, &l))
			continue;
		if (!outreach) {
			if (read_body(ctx, "text", p.text_path, &ctx->text, why) < 0 ||
			    read_body(ctx, "html", p.html_path, &ctx->html, why) < 0)
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
		/* A stop asked for is taken between messages: the record is not
		 * written, and a later run skips what this one sent. */
		if (out >= 0 && interrupt_signal()) {
			buf_printf(why, "stopped by %s after the message to '%s'", interrupt_name(),
				   b->email);
			st->status = interrupt_status();
			out = -1;
		}
		if (out < 0) {
			json_decref(outreach);
			return STAGE_FATAL;
		}
	}
	if (outreach)
		record_set(rec, "outreach", outreach);
	return STAGE_PASS;
}

void mailout_deliver_release(struct mailout_deliver *d)
{
	buf_release(&d->text);
	buf_release(&d->html);
	buf_release(&d->msg);
	buf_release(&d->err);
}
