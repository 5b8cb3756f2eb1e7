/* SPDX-License-Identifier: MIT */
/* One outreach email as bytes: an RFC 5322 message with CRLF line endings,
 * RFC 2047 encoded-words for non-ASCII header text, and a RFC 2046
 * multipart/alternative body of quoted-printable (RFC 2045) text and HTML. */
#ifndef BIRDDOG_MIME_H
#define BIRDDOG_MIME_H

#include <stddef.h>
#include <time.h>

#include "buf.h"

/* The marker docgen leaves in both bodies for the recipient's unsubscribe URL. */
#define MIME_UNSUBSCRIBE_MARKER "%%UNSUBSCRIBE_URL%%"

/* Everything is borrowed. Names and the subject are untrusted: CR, LF and
 * other control characters in them become spaces (leading and trailing ones
 * are dropped), so they never start a header. Addresses must already satisfy
 * email_valid(); URLs must be printable ASCII without spaces, quotes
 * or angle brackets. */
struct mime_message {
	time_t date;
	const char *message_id;      /* "<...@...>", from mime_message_id() */
	const char *from_name;       /* NULL or "" for none */
	const char *from_email;
	const char *to_name;
	const char *to_email;
	const char *reply_to;        /* NULL for no Reply-To */
	const char *subject;         /* UTF-8 */
	const char *unsub_mailto;    /* address for List-Unsubscribe's mailto: */
	const char *unsub_url;       /* the recipient's https URL; NULL: mailto only */
	const char *text;            /* UTF-8 bodies, LF or CRLF line endings; */
	size_t text_len;             /* MIME_UNSUBSCRIBE_MARKER in them becomes */
	const char *html;            /* unsub_url (else the mailto: URL), */
	size_t html_len;             /* HTML-escaped in the HTML part */
};

/* Appends the whole message to out. Returns 0, or -1 when no random
 * boundary could be made. */
int mime_build(const struct mime_message *m, struct buf *out);

/* Fills out with n random bytes as 2n lowercase hex digits and a NUL
 * (getrandom, else /dev/urandom); out holds 2n+1 bytes. 0, or -1. */
int mime_random_hex(char *out, size_t n);
/* "<32 hex digits@domain>": the digits from SHA-256 over the tenant, the
 * packet's sha256 and the recipient, so that a message sent again after a
 * crash has the same Message-ID (providers drop the second copy); domain is
 * the part of sender_email after its '@'. malloc'd, the caller frees. */
char *mime_message_id(const char *tenant, const char *packet_sha256, const char *recipient,
		      const char *sender_email);

/* "Mon, 23 Nov 2026 04:00:00 +0000" (RFC 5322 section 3.3, in UTC). */
void mime_date(time_t t, struct buf *out);
/* Quoted-printable: CRLF hard line breaks, lines of at most 76 characters
 * ending in '=' where soft-broken. */
void mime_qp_encode(const char *s, size_t len, struct buf *out);
/* s with every control character replaced by a space, leading and trailing
 * spaces dropped. The caller frees the result. */
char *mime_header_clean(const char *s);
/* Appends s percent-encoded: every byte outside RFC 3986's unreserved set. */
void mime_url_encode(const char *s, struct buf *out);

#endif
