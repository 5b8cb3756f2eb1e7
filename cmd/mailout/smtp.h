/* SPDX-License-Identifier: MIT */
/* Sending a message over SMTP (RFC 5321) with libcurl: one connection kept
 * for the whole run, TLS verified, timeouts on connect and on each transfer. */
#ifndef BIRDDOG_SMTP_H
#define BIRDDOG_SMTP_H

#include <stddef.h>

#include "buf.h"

struct smtp;

enum smtp_result {
	SMTP_OK,
	SMTP_DEFERRED,     /* a 4xx reply, or the connection broke off: try again later */
	SMTP_BAD_RECIPIENT,/* a 5xx reply to RCPT TO, or one with an enhanced code
			    * 5.1.x or 5.2.1 to the message: the address is bad */
	SMTP_REFUSED,      /* another 5xx reply to the message: this one never goes */
	SMTP_STOPPED,      /* abandoned before the message was complete (interrupt.h) */
	SMTP_UNREACHABLE   /* no connection (refused, no such host, timeout, TLS or
			    * login failed) or the sender refused: later messages
			    * will fail the same way */
};

/* url is smtp://host[:port] or smtps://host[:port] (copied); user and
 * password (copied; NULL for none) log in, and with smtp:// then require
 * STARTTLS. Returns NULL with a message in err when the URL is unusable. */
struct smtp *smtp_new(const char *url, const char *user, const char *password,
		      struct buf *err);
void smtp_free(struct smtp *s);

/* Sends len bytes of an RFC 5322 message (CRLF line endings) from the
 * envelope sender to one recipient. On failure err holds the server's own
 * reply text (or curl's reason when there is none); credentials never
 * appear in it. A SIGINT or SIGTERM (interrupt.h) abandons the message
 * while its data is still being sent, and otherwise lets it finish. */
enum smtp_result smtp_send(struct smtp *s, const char *from, const char *to,
			   const char *data, size_t len, struct buf *err);

/* 1 when url has a scheme smtp_new accepts and no credentials in it. */
int smtp_url_valid(const char *url);

#endif
