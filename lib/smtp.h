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
	SMTP_FAILED,       /* this message was refused or broke off: the next may work */
	SMTP_UNREACHABLE   /* no connection (refused, no such host, timeout, TLS or
			    * login failed): later messages will fail the same way */
};

/* url is smtp://host[:port] or smtps://host[:port] (copied); user and
 * password (copied; NULL for none) log in, and with smtp:// then require
 * STARTTLS. Returns NULL with a message in err when the URL is unusable. */
struct smtp *smtp_new(const char *url, const char *user, const char *password,
		      struct buf *err);
void smtp_free(struct smtp *s);

/* Sends len bytes of an RFC 5322 message (CRLF line endings) from the
 * envelope sender to one recipient. On failure err holds curl's reason and
 * the server's reply; credentials never appear in it. */
enum smtp_result smtp_send(struct smtp *s, const char *from, const char *to,
			   const char *data, size_t len, struct buf *err);

/* 1 when url has a scheme smtp_new accepts and no credentials in it. */
int smtp_url_valid(const char *url);

#endif
