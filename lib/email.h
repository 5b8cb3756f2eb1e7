/* SPDX-License-Identifier: MIT */
/* Email addresses as birddog takes them (an RFC 5321 addr-spec safe to put
 * in a header), and the one key an address is known by in state. */
#ifndef BIRDDOG_EMAIL_H
#define BIRDDOG_EMAIL_H

/* 1 when s is a plausible addr-spec for a header: local@domain, printable
 * ASCII, no spaces, quotes, angle brackets, commas or control characters,
 * at most 254 bytes. */
int email_valid(const char *s);

/* 1 when the address's domain is reserved for examples and tests (RFC
 * 2606, RFC 6761): example, example.com/.net/.org, *.example, *.test,
 * *.invalid, localhost, *.localhost. Mail to or from it goes nowhere. */
int email_is_example(const char *s);

/* The address in lower case: the key of the outbox and the suppression
 * list, so that Bob@X and bob@x are one recipient. The caller frees it. */
char *email_key(const char *s);

#endif
