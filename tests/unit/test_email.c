/* SPDX-License-Identifier: MIT */
/* Email addresses: what is safe to put in a header, and the one key an
 * address is known by in the outbox and the suppression list. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "email.h"
#include "tap.h"

int main(void)
{
	static const char *const good[] = { "ana@buyers.example", "a.b+c@x.example",
					    "Bob@Buyers.Example", "x@y.z" };
	static const char *const bad[] = { "", "ana", "@x.example", "ana@", "ana@localhost",
					   "a b@x.example", "a\"b@x.example", "<a@x.example>",
					   "a@x.example, b@y.example", "a\r\nBcc: v@evil.example",
					   "caf\xc3\xa9@x.example", "a;b@x.example" };
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
		check(email_valid(good[i]), good[i]);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char what[64];
		snprintf(what, sizeof what, "refused: bad address %zu", i + 1);
		check(!email_valid(bad[i]), what);
	}
	char longest[300];
	memset(longest, 'a', sizeof longest);
	strcpy(longest + 250, "@x.example");
	check(!email_valid(longest), "longer than 254 bytes");
	check(!email_valid(NULL), "NULL");
	static const char *const examples[] = { "a@example.com", "a@desertsun.example", "a@x.TEST",
						"a@example", "a@host.localhost", "a@mail.example.org" };
	static const char *const real[] = { "a@examples.com", "a@gmail.com", "a@testing.io",
					    "a@example.com.au", "a@myexample.com" };
	for (size_t i = 0; i < sizeof examples / sizeof examples[0]; i++)
		check(email_is_example(examples[i]), examples[i]);
	for (size_t i = 0; i < sizeof real / sizeof real[0]; i++)
		check(!email_is_example(real[i]), real[i]);
	char *k = email_key("Bob@Buyers.Example");
	check_str(k, "bob@buyers.example", "the key is the address in lower case");
	free(k);
	return tap_done();
}
